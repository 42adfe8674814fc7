-- table.unpack of a huge range: more results than the stack holds.
-- expect: too many results to unpack
return scenario {
  id = "esc-unpack-bomb", title = "esc_unpack_bomb", days = 1,
  defender = { budget = 50, staff = 4 },
  nodes = { node { id = "web", kind = "web", zone = "dmz", users = 100,
                   vulns = { vuln { id = "v1", cwe = 89, severity = 7, known = true } } } },
  costs = { patch = { hours = 0 } },
  on_start = function(w)
    w:message(select("#", table.unpack({}, 1, 1e8)))
  end,
}
