-- Compare two long strings in a loop: one VM instruction that does a
-- megabyte of work in C.
-- expect: time limit exceeded
-- expect: ms of CPU time for
return scenario {
  id = "esc-string-compare", title = "esc_string_compare", days = 1,
  defender = { budget = 50, staff = 4 },
  nodes = { node { id = "web", kind = "web", zone = "dmz", users = 100,
                   vulns = { vuln { id = "v1", cwe = 89, severity = 7, known = true } } } },
  costs = { patch = { hours = 0 } },
  on_start = function(w)
    local a, b = ("x"):rep(4000000) .. "a", ("x"):rep(4000000) .. "b"
    local n = 0
    while true do if a < b then n = n + 1 end end
  end,
}
