-- string.format with a huge width and many long arguments.
-- expect: invalid conversion
return scenario {
  id = "esc-format-bomb", title = "esc_format_bomb", days = 1,
  defender = { budget = 50, staff = 4 },
  nodes = { node { id = "web", kind = "web", zone = "dmz", users = 100,
                   vulns = { vuln { id = "v1", cwe = 89, severity = 7, known = true } } } },
  costs = { patch = { hours = 0 } },
  on_start = function(w)
    w:message(string.format("%99999999d", 1))
  end,
}
