-- load with an environment of its own, to reach the host's real globals
-- through the new chunk's _ENV: the chunk sees only what it is given.
-- expect: attempt to index a nil value (global 'io')
return scenario {
  id = "esc-load-env", title = "esc_load_env", days = 1,
  defender = { budget = 50, staff = 4 },
  nodes = { node { id = "web", kind = "web", zone = "dmz", users = 100,
                   vulns = { vuln { id = "v1", cwe = 89, severity = 7, known = true } } } },
  costs = { patch = { hours = 0 } },
  on_start = function(w)
    local f = assert(load("return io.open('/etc/passwd')", "=chunk", "t", setmetatable({}, { __index = _G })))
    w:message("ESCAPED: " .. tostring(f()))
  end,
}
