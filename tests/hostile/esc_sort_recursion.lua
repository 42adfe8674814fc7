-- A table.sort comparator that sorts again inside itself, ever deeper.
-- expect: stack overflow
return scenario {
  id = "esc-sort-recursion", title = "esc_sort_recursion", days = 1,
  defender = { budget = 50, staff = 4 },
  nodes = { node { id = "web", kind = "web", zone = "dmz", users = 100,
                   vulns = { vuln { id = "v1", cwe = 89, severity = 7, known = true } } } },
  costs = { patch = { hours = 0 } },
  on_start = function(w)
    local function cmp(a, b) table.sort({ 3, 2, 1 }, cmp) return a < b end
    table.sort({ 3, 2, 1 }, cmp)
  end,
}
