-- A debrief returning a number (Lua would quietly turn it into text).
-- phase: play (check loads without playing, so it passes this file)
-- expect: debrief must return a string, not a number
return scenario {
  id = "type-debrief-number", title = "type_debrief_number", days = 1,
  defender = { budget = 50, staff = 4 },
  nodes = { node { id = "web", kind = "web", zone = "dmz", users = 100,
                   vulns = { vuln { id = "v1", cwe = 89, severity = 7, known = true } } } },
  costs = { patch = { hours = 0 } },
  debrief = function(w, result) return 42 end,
}
