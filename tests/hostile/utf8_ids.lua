-- Invalid UTF-8 in the ids the loader does not hold to letters and digits:
-- an objective's and an event's.
-- expect: 'id' is not valid UTF-8
return scenario {
  id = "utf8-ids", title = "t", days = 1,
  nodes = { node { id = "web", kind = "web" } },
  objectives = { objective { id = "\xff", text = "o", kind = "no_data_lost" } },
  events = { event { id = "\xfe", at = 1, run = function() end } },
}
