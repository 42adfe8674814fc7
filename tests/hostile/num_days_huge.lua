-- A game of 1e308 days, and a fractional one.
-- expect: 'days' is 1e+308
return scenario { id = "num-days", title = "t", days = 1e308, nodes = { node { id = "web", kind = "web" } } }
