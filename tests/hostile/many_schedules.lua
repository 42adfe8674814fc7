-- An event that schedules two more, each of which schedules two more...
-- phase: play (check loads without playing, so it passes this file)
-- expect: a game may hold at most 20000 events, choices and scheduled functions
return scenario { id = "fork", title = "t", days = 30, nodes = { node { id = "web", kind = "web" } },
  on_start = function(w)
    local function fork(w) w:after(0, fork) w:after(0, fork) end
    w:after(1, fork)
  end }
