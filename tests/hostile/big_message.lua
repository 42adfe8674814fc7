-- A five-megabyte log line.
-- expect: w:message: the text is 5000000 bytes long; the limit is 1023
return scenario {
  id = "big-message", title = "big_message", days = 1,
  defender = { budget = 50, staff = 4 },
  nodes = { node { id = "web", kind = "web", zone = "dmz", users = 100,
                   vulns = { vuln { id = "v1", cwe = 89, severity = 7, known = true } } } },
  costs = { patch = { hours = 0 } },
  on_start = function(w)
    local BIG = ("x"):rep(5000000)
    w:message(BIG)
  end,
}
