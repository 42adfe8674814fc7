-- An endless loop in a choice's on_answer (the default is taken at its
-- deadline when nobody answers).
-- phase: play (check loads without playing, so it passes this file)
-- expect: instruction limit exceeded
return scenario {
  id = "loop-answer", title = "loop_answer", days = 1,
  defender = { budget = 50, staff = 4 },
  nodes = { node { id = "web", kind = "web", zone = "dmz", users = 100,
                   vulns = { vuln { id = "v1", cwe = 89, severity = 7, known = true } } } },
  costs = { patch = { hours = 0 } },
  on_start = function(w)
    w:choose { text = "Pick", options = { "a", "b" }, deadline = 1,
               on_answer = function(w, option) while true do end end }
  end,
}
