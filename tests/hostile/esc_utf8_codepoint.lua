-- utf8.codepoint over a huge range: the results would not fit the stack.
-- expect: out of bounds
return scenario {
  id = "esc-utf8-codepoint", title = "esc_utf8_codepoint", days = 1,
  defender = { budget = 50, staff = 4 },
  nodes = { node { id = "web", kind = "web", zone = "dmz", users = 100,
                   vulns = { vuln { id = "v1", cwe = 89, severity = 7, known = true } } } },
  costs = { patch = { hours = 0 } },
  on_start = function(w)
    local n = select("#", utf8.codepoint("abc", 1, math.maxinteger))
    w:message("ESCAPED " .. n)
  end,
}
