-- Every callback field given something that is not a function.
-- expect: 'on_start' must be a function
-- expect: 'on_tick' must be a function
-- expect: 'on_action' must be a function
-- expect: 'debrief' must be a function
return scenario {
  id = "type-callbacks", title = "type_callbacks", days = 1,
  defender = { budget = 50, staff = 4 },
  nodes = { node { id = "web", kind = "web", zone = "dmz", users = 100,
                   vulns = { vuln { id = "v1", cwe = 89, severity = 7, known = true } } } },
  costs = { patch = { hours = 0 } },
  on_start = 1, on_tick = "tick", on_action = {}, debrief = true,
}
