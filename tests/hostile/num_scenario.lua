-- NaN, infinity, negative and fractional values in the scenario's own numbers.
-- expect: 'days' is not a number (NaN)
-- expect: 'seed' is -1
-- expect: 'weakness_rate' is inf
return scenario {
  id = "num-scenario", title = "t", days = 0/0, seed = -1, weakness_rate = math.huge,
  nodes = { node { id = "web", kind = "web" } },
}
