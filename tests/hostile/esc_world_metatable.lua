-- Reach the world object's methods table through its metatable, to
-- rewrite a method: getmetatable(w) is only the string "world".
-- expect: bad argument #1 to 'rawset' (table expected, got string)
return scenario {
  id = "esc-world-metatable", title = "esc_world_metatable", days = 1,
  defender = { budget = 50, staff = 4 },
  nodes = { node { id = "web", kind = "web", zone = "dmz", users = 100,
                   vulns = { vuln { id = "v1", cwe = 89, severity = 7, known = true } } } },
  costs = { patch = { hours = 0 } },
  on_start = function(w)
    local mt = getmetatable(w)
    rawset(mt, "__index", {})
    w:message("ESCAPED")
  end,
}
