-- A game of two and a half days.
-- expect: 'days' must be a whole number, not 2.5
return scenario { id = "num-days", title = "t", days = 2.5, nodes = { node { id = "web", kind = "web" } } }
