-- A choice with a hundred thousand options.
-- expect: a choice has 1..6 options
return scenario {
  id = "num-rt-choice-option", title = "num_rt_choice_option", days = 1,
  defender = { budget = 50, staff = 4 },
  nodes = { node { id = "web", kind = "web", zone = "dmz", users = 100,
                   vulns = { vuln { id = "v1", cwe = 89, severity = 7, known = true } } } },
  costs = { patch = { hours = 0 } },
  actors = { actor { id = "crew", motive = "money", uses = { "T1190" } } },
  on_start = function(w)
    local o = {} for i = 1, 100000 do o[i] = "x" end
    w:choose { text = "t", options = o, on_answer = function() end }
  end,
}
