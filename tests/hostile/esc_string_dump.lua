-- string.dump would hand a script bytecode to load and corrupt memory:
-- there is no string.dump.
-- expect: attempt to call a nil value (field 'dump')
return scenario {
  id = "esc-string-dump", title = "esc_string_dump", days = 1,
  defender = { budget = 50, staff = 4 },
  nodes = { node { id = "web", kind = "web", zone = "dmz", users = 100,
                   vulns = { vuln { id = "v1", cwe = 89, severity = 7, known = true } } } },
  costs = { patch = { hours = 0 } },
  on_start = function(w)
    local code = string.dump(function() return 1 end)
    w:message("ESCAPED: " .. #code)
  end,
}
