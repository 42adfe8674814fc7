-- A report with a NaN deadline.
-- expect: bad argument #-2 to 'report' (number has no integer representation)
return scenario {
  id = "num-rt-report", title = "num_rt_report", days = 1,
  defender = { budget = 50, staff = 4 },
  nodes = { node { id = "web", kind = "web", zone = "dmz", users = 100,
                   vulns = { vuln { id = "v1", cwe = 89, severity = 7, known = true } } } },
  costs = { patch = { hours = 0 } },
  actors = { actor { id = "crew", motive = "money", uses = { "T1190" } } },
  on_start = function(w)
    w:report { id = "r", vuln = "v1", deadline = 0/0 }
  end,
}
