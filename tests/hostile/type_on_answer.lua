-- A choice whose on_answer is a number.
-- expect: on_answer
return scenario {
  id = "type-on-answer", title = "type_on_answer", days = 1,
  defender = { budget = 50, staff = 4 },
  nodes = { node { id = "web", kind = "web", zone = "dmz", users = 100,
                   vulns = { vuln { id = "v1", cwe = 89, severity = 7, known = true } } } },
  costs = { patch = { hours = 0 } },
  on_start = function(w)
    w:choose { text = "Pick", options = { "a" }, on_answer = 5 }
  end,
}
