return scenario { id = "n", title = "t", days = 0/0, seed = math.maxinteger, nodes = { node { id = string.rep("a", 300) } } }
