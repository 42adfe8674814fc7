-- A vulnerability with NaN severity, a negative CWE and an appearance
-- before the game starts.
-- expect: 'severity' is not a number (NaN)
-- expect: 'cwe' is -79
-- expect: 'appears' is -24
return scenario {
  id = "num-vuln", title = "t", days = 1,
  nodes = { node { id = "web", kind = "web",
                   vulns = { vuln { id = "v", cwe = -79, severity = 0/0, appears = -24 } } } },
}
