-- A five-megabyte id for a zero-day.
-- expect: w:add_vuln: an id is 1..47 bytes long, not 5000000
return scenario {
  id = "big-add-vuln-id", title = "big_add_vuln_id", days = 1,
  defender = { budget = 50, staff = 4 },
  nodes = { node { id = "web", kind = "web", zone = "dmz", users = 100,
                   vulns = { vuln { id = "v1", cwe = 89, severity = 7, known = true } } } },
  costs = { patch = { hours = 0 } },
  on_start = function(w)
    local BIG = ("x"):rep(5000000)
    w:add_vuln { id = BIG, node = "web", cwe = 79, severity = 5 }
  end,
}
