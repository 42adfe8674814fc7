-- A __gc added to a metatable after setmetatable, so the finalizer check
-- is bypassed: Lua then never marks the object, and the error is reported.
-- expect: error object is a table value
return scenario {
  id = "esc-error-gc-late", title = "esc_error_gc_late", days = 1,
  defender = { budget = 50, staff = 4 },
  nodes = { node { id = "web", kind = "web", zone = "dmz", users = 100,
                   vulns = { vuln { id = "v1", cwe = 89, severity = 7, known = true } } } },
  costs = { patch = { hours = 0 } },
  on_start = function(w)
    local mt = {}
    local obj = setmetatable({}, mt)
    mt.__gc = function() while true do end end
    error(obj)
  end,
}
