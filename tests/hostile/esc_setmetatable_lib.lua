-- Swap the protected metatable of a library table for one without the
-- read-only guard.
-- expect: cannot change a protected metatable
return scenario {
  id = "esc-setmetatable-lib", title = "esc_setmetatable_lib", days = 1,
  defender = { budget = 50, staff = 4 },
  nodes = { node { id = "web", kind = "web", zone = "dmz", users = 100,
                   vulns = { vuln { id = "v1", cwe = 89, severity = 7, known = true } } } },
  costs = { patch = { hours = 0 } },
  on_start = function(w)
    setmetatable(string, {})
    string.rep = nil
    w:message("ESCAPED")
  end,
}
