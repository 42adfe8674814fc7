-- A choice with a negative deadline.
-- expect: deadline out of range
return scenario {
  id = "num-rt-choose-deadline", title = "num_rt_choose_deadline", days = 1,
  defender = { budget = 50, staff = 4 },
  nodes = { node { id = "web", kind = "web", zone = "dmz", users = 100,
                   vulns = { vuln { id = "v1", cwe = 89, severity = 7, known = true } } } },
  costs = { patch = { hours = 0 } },
  actors = { actor { id = "crew", motive = "money", uses = { "T1190" } } },
  on_start = function(w)
    w:choose { text = "t", options = { "a" }, deadline = -1, on_answer = function() end }
  end,
}
