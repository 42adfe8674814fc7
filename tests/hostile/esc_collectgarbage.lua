-- Stop the collector so memory is never reclaimed (or run full collections
-- in a loop): only collectgarbage("count") is allowed.
-- expect: collectgarbage
return scenario {
  id = "esc-collectgarbage", title = "esc_collectgarbage", days = 1,
  defender = { budget = 50, staff = 4 },
  nodes = { node { id = "web", kind = "web", zone = "dmz", users = 100,
                   vulns = { vuln { id = "v1", cwe = 89, severity = 7, known = true } } } },
  costs = { patch = { hours = 0 } },
  on_start = function(w)
    collectgarbage("stop")
    w:message("ESCAPED")
  end,
}
