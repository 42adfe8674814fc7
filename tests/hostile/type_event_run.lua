-- An event whose run is a string.
-- expect: must be a function
return scenario {
  id = "type-event-run", title = "type_event_run", days = 1,
  defender = { budget = 50, staff = 4 },
  nodes = { node { id = "web", kind = "web", zone = "dmz", users = 100,
                   vulns = { vuln { id = "v1", cwe = 89, severity = 7, known = true } } } },
  costs = { patch = { hours = 0 } },
  events = { event { id = "e", at = 1, run = "w:message(1)" } },
}
