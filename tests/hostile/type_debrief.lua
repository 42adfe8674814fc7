-- The debrief must return a string (or nil): a table is refused.
-- phase: play (check loads without playing, so it passes this file)
-- expect: debrief must return a string, not a table
return scenario {
  id = "type-debrief", title = "type_debrief", days = 1,
  defender = { budget = 50, staff = 4 },
  nodes = { node { id = "web", kind = "web", zone = "dmz", users = 100,
                   vulns = { vuln { id = "v1", cwe = 89, severity = 7, known = true } } } },
  costs = { patch = { hours = 0 } },
  debrief = function(w, result) return { "won" } end,
}
