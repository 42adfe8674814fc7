-- load with a reader function (could stitch a binary chunk together piece
-- by piece): load takes a string only.
-- expect: bad argument #1 to 'load'
return scenario {
  id = "esc-load-reader", title = "esc_load_reader", days = 1,
  defender = { budget = 50, staff = 4 },
  nodes = { node { id = "web", kind = "web", zone = "dmz", users = 100,
                   vulns = { vuln { id = "v1", cwe = 89, severity = 7, known = true } } } },
  costs = { patch = { hours = 0 } },
  on_start = function(w)
    local parts = { "\27Lua", "T" }
    local f = assert(load(function() return table.remove(parts, 1) end))
    w:message("ESCAPED: " .. tostring(f))
  end,
}
