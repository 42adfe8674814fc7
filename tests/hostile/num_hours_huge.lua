-- hours(1e308): far past the largest game.
-- expect: bad argument #1 to 'hours'
return scenario { id = "num-hours", title = "t", days = 1, nodes = { node { id = "web", kind = "web" } },
                  events = { event { id = "e", at = hours(1e308), run = function() end } } }
