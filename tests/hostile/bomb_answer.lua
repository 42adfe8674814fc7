-- A memory bomb in a choice's on_answer.
-- phase: play (check loads without playing, so it passes this file)
-- expect: memory limit exceeded
return scenario {
  id = "bomb-answer", title = "bomb_answer", days = 1,
  defender = { budget = 50, staff = 4 },
  nodes = { node { id = "web", kind = "web", zone = "dmz", users = 100,
                   vulns = { vuln { id = "v1", cwe = 89, severity = 7, known = true } } } },
  costs = { patch = { hours = 0 } },
  on_start = function(w)
    w:choose { text = "Pick", options = { "a" }, deadline = 1, on_answer = function(w)
      local t = {} for i = 1, 1e9 do t[i] = ("z"):rep(64) .. i end
    end }
  end,
}
