-- Hand-made bytecode given to load (a binary chunk): refused, in every mode.
-- expect: only text chunks (mode 't')
return scenario {
  id = "esc-load-bytecode", title = "esc_load_bytecode", days = 1,
  defender = { budget = 50, staff = 4 },
  nodes = { node { id = "web", kind = "web", zone = "dmz", users = 100,
                   vulns = { vuln { id = "v1", cwe = 89, severity = 7, known = true } } } },
  costs = { patch = { hours = 0 } },
  on_start = function(w)
    local f = assert(load("\27LuaT\0\25\147\13\n\26\n\4\8\8", "=bytes", "bt"))
    w:message("ESCAPED: " .. tostring(f))
  end,
}
