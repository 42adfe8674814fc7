-- utf8.char with a huge argument list and code points out of range.
-- expect: value out of range
return scenario {
  id = "esc-utf8-char", title = "esc_utf8_char", days = 1,
  defender = { budget = 50, staff = 4 },
  nodes = { node { id = "web", kind = "web", zone = "dmz", users = 100,
                   vulns = { vuln { id = "v1", cwe = 89, severity = 7, known = true } } } },
  costs = { patch = { hours = 0 } },
  on_start = function(w)
    w:message(utf8.char(65, 0x7FFFFFFF + 1))
  end,
}
