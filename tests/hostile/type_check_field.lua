-- A script objective whose check is a table.
-- expect: must be a function
return scenario {
  id = "type-check-field", title = "type_check_field", days = 1,
  defender = { budget = 50, staff = 4 },
  nodes = { node { id = "web", kind = "web", zone = "dmz", users = 100,
                   vulns = { vuln { id = "v1", cwe = 89, severity = 7, known = true } } } },
  costs = { patch = { hours = 0 } },
  objectives = { objective { id = "o", text = "o", kind = "script", check = {} } },
}
