-- A report at a negative tick with a NaN deadline.
-- expect: 'at' is -5
-- expect: 'deadline' is not a number (NaN)
return scenario {
  id = "num-report", title = "t", days = 1,
  nodes = { node { id = "web", kind = "web", vulns = { vuln { id = "v", cwe = 79, severity = 5 } } } },
  reports = { report { id = "r", vuln = "v", at = -5, deadline = 0/0 } },
}
