-- Rewrite the string metatable to hook every method call on strings:
-- getmetatable("") does not hand it out.
-- expect: attempt to index a
return scenario {
  id = "esc-string-metatable", title = "esc_string_metatable", days = 1,
  defender = { budget = 50, staff = 4 },
  nodes = { node { id = "web", kind = "web", zone = "dmz", users = 100,
                   vulns = { vuln { id = "v1", cwe = 89, severity = 7, known = true } } } },
  costs = { patch = { hours = 0 } },
  on_start = function(w)
    local mt = getmetatable("")
    mt.__index = { upper = function() return "ESCAPED" end }
    w:message(("x"):upper())
  end,
}
