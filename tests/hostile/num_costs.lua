-- Negative prices, a fractional duration and infinite staff hours.
-- expect: 'money' is -3
-- expect: 'hours' must be a whole number, not 0.5
-- expect: 'staff' is inf
return scenario {
  id = "num-costs", title = "t", days = 1,
  nodes = { node { id = "web", kind = "web" } },
  costs = { patch = { money = -3, hours = 0.5, staff = math.huge } },
}
