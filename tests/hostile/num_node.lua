-- A node with negative users, a fractional value and an infinite position.
-- expect: 'users' is -1
-- expect: 'value' must be a whole number, not 1.5
-- expect: 'x' is inf
return scenario {
  id = "num-node", title = "t", days = 1,
  nodes = { node { id = "web", kind = "web", users = -1, value = 1.5, x = math.huge, y = -math.huge } },
}
