-- w:after given a string instead of a function.
-- expect: bad argument #2 to 'after'
return scenario {
  id = "type-after-fn", title = "type_after_fn", days = 1,
  defender = { budget = 50, staff = 4 },
  nodes = { node { id = "web", kind = "web", zone = "dmz", users = 100,
                   vulns = { vuln { id = "v1", cwe = 89, severity = 7, known = true } } } },
  costs = { patch = { hours = 0 } },
  on_start = function(w)
    w:after(1, "w:message(1)")
  end,
}
