-- Objectives with a NaN minimum and a negative maximum.
-- expect: 'min' is not a number (NaN)
-- expect: 'max' is -1
return scenario {
  id = "num-objective", title = "t", days = 1,
  nodes = { node { id = "web", kind = "web" } },
  objectives = {
    objective { id = "p", text = "p", kind = "pillar", pillar = "protection", min = 0/0 },
    objective { id = "m", text = "m", kind = "max_compromised", max = -1 },
  },
}
