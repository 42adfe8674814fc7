-- An endless loop in a script objective's check, at the end of day 1.
-- phase: play (check loads without playing, so it passes this file)
-- expect: instruction limit exceeded
return scenario {
  id = "loop-check", title = "loop_check", days = 1,
  defender = { budget = 50, staff = 4 },
  nodes = { node { id = "web", kind = "web", zone = "dmz", users = 100,
                   vulns = { vuln { id = "v1", cwe = 89, severity = 7, known = true } } } },
  costs = { patch = { hours = 0 } },
  objectives = { objective { id = "o", text = "o", kind = "script", check = function(w) while true do end end } },
}
