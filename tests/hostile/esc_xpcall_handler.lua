-- An endless loop in an xpcall message handler (runs inside the error
-- machinery).
-- expect: instruction limit exceeded
return scenario {
  id = "esc-xpcall-handler", title = "esc_xpcall_handler", days = 1,
  defender = { budget = 50, staff = 4 },
  nodes = { node { id = "web", kind = "web", zone = "dmz", users = 100,
                   vulns = { vuln { id = "v1", cwe = 89, severity = 7, known = true } } } },
  costs = { patch = { hours = 0 } },
  on_start = function(w)
    xpcall(error, function() while true do end end)
    w:message("ESCAPED")
  end,
}
