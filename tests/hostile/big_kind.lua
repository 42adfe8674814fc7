-- A five-megabyte node kind: the "did you mean" must not take forever.
-- expect: unknown kind
return scenario { id = "big-kind", title = "t", days = 1, nodes = { node { id = "web", kind = ("x"):rep(5000000) } } }
