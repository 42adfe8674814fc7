-- nodes given as a string, links as a number, events as a boolean.
-- expect: 'nodes' must be a list
return scenario { id = "type-nodes", title = "t", days = 1, nodes = "web", links = 5, events = true }
