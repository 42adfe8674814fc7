-- w:activate at a negative tick.
-- expect: tick out of range
return scenario {
  id = "num-rt-activate", title = "num_rt_activate", days = 1,
  defender = { budget = 50, staff = 4 },
  nodes = { node { id = "web", kind = "web", zone = "dmz", users = 100,
                   vulns = { vuln { id = "v1", cwe = 89, severity = 7, known = true } } } },
  costs = { patch = { hours = 0 } },
  actors = { actor { id = "crew", motive = "money", uses = { "T1190" } } },
  on_start = function(w)
    w:activate("crew", -1)
  end,
}
