-- A five-megabyte debrief.
-- phase: play (check loads without playing, so it passes this file)
-- expect: the debrief is 5000000 bytes long; the limit is 16384
return scenario {
  id = "big-debrief", title = "big_debrief", days = 1,
  defender = { budget = 50, staff = 4 },
  nodes = { node { id = "web", kind = "web", zone = "dmz", users = 100,
                   vulns = { vuln { id = "v1", cwe = 89, severity = 7, known = true } } } },
  costs = { patch = { hours = 0 } },
  debrief = function(w, result) return ("x"):rep(5000000) end,
}
