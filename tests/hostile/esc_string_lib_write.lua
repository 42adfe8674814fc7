-- Replace string.rep (and so the size cap) in the shared library table:
-- the library tables are read-only.
-- expect: attempt to modify read-only table 'string'
return scenario {
  id = "esc-string-lib-write", title = "esc_string_lib_write", days = 1,
  defender = { budget = 50, staff = 4 },
  nodes = { node { id = "web", kind = "web", zone = "dmz", users = 100,
                   vulns = { vuln { id = "v1", cwe = 89, severity = 7, known = true } } } },
  costs = { patch = { hours = 0 } },
  on_start = function(w)
    string.rep = function(s, n) return s end
    w:message("ESCAPED")
  end,
}
