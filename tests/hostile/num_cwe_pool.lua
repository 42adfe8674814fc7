-- A CWE pool of infinities and NaN.
-- expect: cwe_pool
return scenario {
  id = "num-pool", title = "t", days = 1, cwe_pool = { math.huge, 0/0, -1 },
  nodes = { node { id = "web", kind = "web" } },
}
