-- Bounce between a coroutine and its caller forever, hoping the budget is
-- kept per coroutine: it is per call from the game, over every coroutine.
-- phase: play (check loads without playing, so it passes this file)
-- expect: instruction limit exceeded
return scenario {
  id = "esc-coroutine-pingpong", title = "esc_coroutine_pingpong", days = 1,
  defender = { budget = 50, staff = 4 },
  nodes = { node { id = "web", kind = "web", zone = "dmz", users = 100,
                   vulns = { vuln { id = "v1", cwe = 89, severity = 7, known = true } } } },
  costs = { patch = { hours = 0 } },
  on_tick = function(w)
    local gen = coroutine.wrap(function() while true do coroutine.yield(1) end end)
    while true do gen() end
  end,
}
