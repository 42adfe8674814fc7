-- A memory bomb in on_action.
-- phase: play (check loads without playing, so it passes this file)
-- expect: memory limit exceeded
return scenario {
  id = "bomb-action", title = "bomb_action", days = 1,
  defender = { budget = 50, staff = 4 },
  nodes = { node { id = "web", kind = "web", zone = "dmz", users = 100,
                   vulns = { vuln { id = "v1", cwe = 89, severity = 7, known = true } } } },
  costs = { patch = { hours = 0 } },
  on_action = function(w)
    local t = {} for i = 1, 1e9 do t[i] = ("z"):rep(64) .. i end
  end,
}
