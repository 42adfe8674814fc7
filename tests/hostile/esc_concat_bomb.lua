-- table.concat of many long strings: over the string cap.
-- expect: table.concat: result of
return scenario {
  id = "esc-concat-bomb", title = "esc_concat_bomb", days = 1,
  defender = { budget = 50, staff = 4 },
  nodes = { node { id = "web", kind = "web", zone = "dmz", users = 100,
                   vulns = { vuln { id = "v1", cwe = 89, severity = 7, known = true } } } },
  costs = { patch = { hours = 0 } },
  on_start = function(w)
    local big = ("x"):rep(1000000)
    local t = {}
    for i = 1, 100 do t[i] = big end
    w:message(table.concat(t, big))
  end,
}
