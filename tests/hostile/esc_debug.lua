-- The debug library would remove the instruction hook and read the
-- registry: there is no debug.
-- expect: attempt to index a nil value (global 'debug')
return scenario {
  id = "esc-debug", title = "esc_debug", days = 1,
  defender = { budget = 50, staff = 4 },
  nodes = { node { id = "web", kind = "web", zone = "dmz", users = 100,
                   vulns = { vuln { id = "v1", cwe = 89, severity = 7, known = true } } } },
  costs = { patch = { hours = 0 } },
  on_start = function(w)
    debug.sethook()
    while true do end
  end,
}
