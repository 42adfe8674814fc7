-- w:random over a range wider than the generator.
-- expect: interval is empty or too large
return scenario {
  id = "num-rt-random-range", title = "num_rt_random_range", days = 1,
  defender = { budget = 50, staff = 4 },
  nodes = { node { id = "web", kind = "web", zone = "dmz", users = 100,
                   vulns = { vuln { id = "v1", cwe = 89, severity = 7, known = true } } } },
  costs = { patch = { hours = 0 } },
  actors = { actor { id = "crew", motive = "money", uses = { "T1190" } } },
  on_start = function(w)
    w:random(math.mininteger, math.maxinteger)
  end,
}
