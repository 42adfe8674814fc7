-- Every scalar field of the scenario table with a value of the wrong type.
-- expect: 'title' must be a string, not a table
-- expect: 'days' must be a number, not a string
-- expect: 'seed' must be a number, not a boolean
-- expect: 'briefing' must be a string, not a number
return scenario {
  id = "type-fields", title = {}, days = "7", seed = true, briefing = 7,
  nodes = { node { id = "web", kind = "web" } },
}
