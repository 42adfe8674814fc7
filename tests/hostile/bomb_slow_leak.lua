-- Memory kept a little on every tick, until the cap: the cap is for the
-- whole game, not per call.
-- line: none (each call allocates once, in C: the script is never seen running while memory is high)
-- phase: play (check loads without playing, so it passes this file)
-- expect: memory limit exceeded
return scenario {
  id = "bomb-slow-leak", title = "bomb_slow_leak", days = 365,
  defender = { budget = 50, staff = 4 },
  nodes = { node { id = "web", kind = "web", zone = "dmz", users = 100,
                   vulns = { vuln { id = "v1", cwe = 89, severity = 7, known = true } } } },
  costs = { patch = { hours = 0 } },
  on_tick = function(w)
    KEEP = KEEP or {}
    KEEP[#KEEP + 1] = ("k"):rep(1000000) .. w:tick()
  end,
}
