-- rawset past the read-only guard of a library table.
-- expect: rawset
return scenario {
  id = "esc-rawset-lib", title = "esc_rawset_lib", days = 1,
  defender = { budget = 50, staff = 4 },
  nodes = { node { id = "web", kind = "web", zone = "dmz", users = 100,
                   vulns = { vuln { id = "v1", cwe = 89, severity = 7, known = true } } } },
  costs = { patch = { hours = 0 } },
  on_start = function(w)
    rawset(string, "rep", function(s) return s end)
    w:message("ESCAPED")
  end,
}
