-- A defender with negative money, 1e18 staff, NaN income and capability
-- above 1.
-- expect: 'budget' is -5
-- expect: 'staff' is 1e+18
-- expect: 'income' is not a number (NaN)
-- expect: 'PO' is inf
return scenario {
  id = "num-defender", title = "t", days = 1,
  defender = { budget = -5, staff = 1e18, income = 0/0, capability = { PO = math.huge } },
  nodes = { node { id = "web", kind = "web" } },
}
