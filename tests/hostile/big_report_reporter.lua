-- A five-megabyte researcher's name.
-- expect: w:report: the reporter is 5000000 bytes long; the limit is 95
return scenario {
  id = "big-report-reporter", title = "big_report_reporter", days = 1,
  defender = { budget = 50, staff = 4 },
  nodes = { node { id = "web", kind = "web", zone = "dmz", users = 100,
                   vulns = { vuln { id = "v1", cwe = 89, severity = 7, known = true } } } },
  costs = { patch = { hours = 0 } },
  on_start = function(w)
    local BIG = ("x"):rep(5000000)
    w:report { id = "r", vuln = "v1", reporter = BIG }
  end,
}
