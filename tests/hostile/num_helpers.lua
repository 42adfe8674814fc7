-- The time helpers given NaN: day(0/0).
-- expect: bad argument #1 to 'day'
return scenario { id = "num-helpers", title = "t", days = 1, nodes = { node { id = "web", kind = "web" } },
                  events = { event { id = "e", at = day(0/0), run = function() end } } }
