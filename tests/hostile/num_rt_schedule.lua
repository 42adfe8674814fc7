-- w:schedule at tick infinity.
-- expect: bad argument #1 to 'schedule'
return scenario {
  id = "num-rt-schedule", title = "num_rt_schedule", days = 1,
  defender = { budget = 50, staff = 4 },
  nodes = { node { id = "web", kind = "web", zone = "dmz", users = 100,
                   vulns = { vuln { id = "v1", cwe = 89, severity = 7, known = true } } } },
  costs = { patch = { hours = 0 } },
  actors = { actor { id = "crew", motive = "money", uses = { "T1190" } } },
  on_start = function(w)
    w:schedule(math.huge, function() end)
  end,
}
