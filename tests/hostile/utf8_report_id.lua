-- Invalid UTF-8 in a report's id.
-- expect: w:report: an id may hold only letters, digits
return scenario {
  id = "utf8-report-id", title = "utf8_report_id", days = 1,
  defender = { budget = 50, staff = 4 },
  nodes = { node { id = "web", kind = "web", zone = "dmz", users = 100,
                   vulns = { vuln { id = "v1", cwe = 89, severity = 7, known = true } } } },
  costs = { patch = { hours = 0 } },
  on_start = function(w)
    local BAD = "caf\xe9 \xc3\x28 \xed\xa0\x80 \xf4\x90\x80\x80"
    w:report { id = BAD, vuln = "v1" }
  end,
}
