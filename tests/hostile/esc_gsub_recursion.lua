-- A gsub callback that calls gsub again, ever deeper: a C stack overflow.
-- expect: stack overflow
return scenario {
  id = "esc-gsub-recursion", title = "esc_gsub_recursion", days = 1,
  defender = { budget = 50, staff = 4 },
  nodes = { node { id = "web", kind = "web", zone = "dmz", users = 100,
                   vulns = { vuln { id = "v1", cwe = 89, severity = 7, known = true } } } },
  costs = { patch = { hours = 0 } },
  on_start = function(w)
    local function deep(s) return (s:gsub(".", deep)) end
    deep("x")
  end,
}
