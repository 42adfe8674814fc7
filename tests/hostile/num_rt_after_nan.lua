-- w:after with a NaN delay.
-- expect: bad argument #1 to 'after'
return scenario {
  id = "num-rt-after-nan", title = "num_rt_after_nan", days = 1,
  defender = { budget = 50, staff = 4 },
  nodes = { node { id = "web", kind = "web", zone = "dmz", users = 100,
                   vulns = { vuln { id = "v1", cwe = 89, severity = 7, known = true } } } },
  costs = { patch = { hours = 0 } },
  actors = { actor { id = "crew", motive = "money", uses = { "T1190" } } },
  on_start = function(w)
    w:after(0/0, function() end)
  end,
}
