-- A five-megabyte node id to look up (and to find a "did you mean" for).
-- expect: unknown node
return scenario {
  id = "big-node-lookup", title = "big_node_lookup", days = 1,
  defender = { budget = 50, staff = 4 },
  nodes = { node { id = "web", kind = "web", zone = "dmz", users = 100,
                   vulns = { vuln { id = "v1", cwe = 89, severity = 7, known = true } } } },
  costs = { patch = { hours = 0 } },
  on_start = function(w)
    local BIG = ("x"):rep(5000000)
    w:node(BIG)
  end,
}
