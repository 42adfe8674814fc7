-- A zero-day with NaN severity.
-- expect: severity
return scenario {
  id = "num-rt-add-vuln", title = "num_rt_add_vuln", days = 1,
  defender = { budget = 50, staff = 4 },
  nodes = { node { id = "web", kind = "web", zone = "dmz", users = 100,
                   vulns = { vuln { id = "v1", cwe = 89, severity = 7, known = true } } } },
  costs = { patch = { hours = 0 } },
  actors = { actor { id = "crew", motive = "money", uses = { "T1190" } } },
  on_start = function(w)
    w:add_vuln { id = "z", node = "web", cwe = 79, severity = 0/0 }
  end,
}
