-- Choice options that are tables, not strings.
-- expect: bad argument
return scenario {
  id = "type-choose-options", title = "type_choose_options", days = 1,
  defender = { budget = 50, staff = 4 },
  nodes = { node { id = "web", kind = "web", zone = "dmz", users = 100,
                   vulns = { vuln { id = "v1", cwe = 89, severity = 7, known = true } } } },
  costs = { patch = { hours = 0 } },
  on_start = function(w)
    w:choose { text = "Pick", options = { {}, {} }, on_answer = function() end }
  end,
}
