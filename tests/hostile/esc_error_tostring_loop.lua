-- An error object whose __tostring never returns: the game must not call
-- it outside the budget when it reports the error.
-- expect: instruction limit exceeded
return scenario {
  id = "esc-error-tostring-loop", title = "esc_error_tostring_loop", days = 1,
  defender = { budget = 50, staff = 4 },
  nodes = { node { id = "web", kind = "web", zone = "dmz", users = 100,
                   vulns = { vuln { id = "v1", cwe = 89, severity = 7, known = true } } } },
  costs = { patch = { hours = 0 } },
  on_start = function(w)
    error(setmetatable({}, { __tostring = function() while true do end end }))
  end,
}
