-- w:budget(1e300): a grant no integer holds.
-- expect: budget
return scenario {
  id = "num-rt-budget", title = "num_rt_budget", days = 1,
  defender = { budget = 50, staff = 4 },
  nodes = { node { id = "web", kind = "web", zone = "dmz", users = 100,
                   vulns = { vuln { id = "v1", cwe = 89, severity = 7, known = true } } } },
  costs = { patch = { hours = 0 } },
  actors = { actor { id = "crew", motive = "money", uses = { "T1190" } } },
  on_start = function(w)
    w:budget(1e300)
  end,
}
