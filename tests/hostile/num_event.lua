-- Events at a NaN tick, a negative tick and a fractional tick.
-- expect: 'at' is not a number (NaN)
-- expect: 'at' is -1
-- expect: must be a whole number, not 1.5
return scenario {
  id = "num-event", title = "t", days = 1,
  nodes = { node { id = "web", kind = "web" } },
  events = {
    event { id = "nan", at = 0/0, run = function() end },
    event { id = "neg", at = -1, run = function() end },
    event { id = "frac", at = 1.5, run = function() end },
  },
}
