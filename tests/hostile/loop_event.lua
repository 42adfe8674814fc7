-- An endless loop in an event's run function.
-- phase: play (check loads without playing, so it passes this file)
-- expect: instruction limit exceeded
return scenario {
  id = "loop-event", title = "loop_event", days = 1,
  defender = { budget = 50, staff = 4 },
  nodes = { node { id = "web", kind = "web", zone = "dmz", users = 100,
                   vulns = { vuln { id = "v1", cwe = 89, severity = 7, known = true } } } },
  costs = { patch = { hours = 0 } },
  events = { event { id = "e", at = 3, run = function(w) while true do end end } },
}
