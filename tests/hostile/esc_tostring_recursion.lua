-- A __tostring that calls tostring on itself: C recursion in tostring.
-- expect: stack overflow
return scenario {
  id = "esc-tostring-recursion", title = "esc_tostring_recursion", days = 1,
  defender = { budget = 50, staff = 4 },
  nodes = { node { id = "web", kind = "web", zone = "dmz", users = 100,
                   vulns = { vuln { id = "v1", cwe = 89, severity = 7, known = true } } } },
  costs = { patch = { hours = 0 } },
  on_start = function(w)
    local t = setmetatable({}, {})
    getmetatable(t).__tostring = function(x) return tostring(x) end
    w:message(tostring(t))
  end,
}
