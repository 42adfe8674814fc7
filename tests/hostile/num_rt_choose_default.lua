-- A choice whose default is option 1.5.
-- expect: default
return scenario {
  id = "num-rt-choose-default", title = "num_rt_choose_default", days = 1,
  defender = { budget = 50, staff = 4 },
  nodes = { node { id = "web", kind = "web", zone = "dmz", users = 100,
                   vulns = { vuln { id = "v1", cwe = 89, severity = 7, known = true } } } },
  costs = { patch = { hours = 0 } },
  actors = { actor { id = "crew", motive = "money", uses = { "T1190" } } },
  on_start = function(w)
    w:choose { text = "t", options = { "a", "b" }, default = 1.5, on_answer = function() end }
  end,
}
