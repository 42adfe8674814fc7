-- Nearly a whole budget on every tick: each call stays under its own
-- limit, so only the whole-game cap can stop it.
-- line: none (the whole-game cap is met between calls: only the file is known)
-- phase: play (check loads without playing, so it passes this file)
-- expect: instructions in one game
return scenario {
  id = "loop-every-tick", title = "loop_every_tick", days = 365,
  defender = { budget = 50, staff = 4 },
  nodes = { node { id = "web", kind = "web", zone = "dmz", users = 100,
                   vulns = { vuln { id = "v1", cwe = 89, severity = 7, known = true } } } },
  costs = { patch = { hours = 0 } },
  on_tick = function(w)
    local x = 0
    for i = 1, 12000000 do x = x + i end
  end,
}
