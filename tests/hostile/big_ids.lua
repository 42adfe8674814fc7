-- Five-megabyte ids for a node, an objective and an event.
-- expect: node: 'id' is 5000000 bytes long; the limit is 47
-- expect: objective: 'id' is 5000000 bytes long
-- expect: event: 'id' is 5000000 bytes long
local big = ("x"):rep(5000000)
return scenario {
  id = "big-ids", title = "t", days = 1,
  nodes = { node { id = big, kind = "web" } },
  objectives = { objective { id = big, text = "o", kind = "no_data_lost" } },
  events = { event { id = big, at = 1, run = function() end } },
}
