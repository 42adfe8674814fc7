-- string.format of many megabyte strings: past the memory cap.
-- line: none (one C call fills the memory: the script is never seen running while memory is high)
-- expect: memory limit exceeded
return scenario {
  id = "esc-format-many", title = "esc_format_many", days = 1,
  defender = { budget = 50, staff = 4 },
  nodes = { node { id = "web", kind = "web", zone = "dmz", users = 100,
                   vulns = { vuln { id = "v1", cwe = 89, severity = 7, known = true } } } },
  costs = { patch = { hours = 0 } },
  on_start = function(w)
    local big = ("x"):rep(8000000)
    local t = {}
    for i = 1, 200 do t[i] = big end
    w:message(string.format(("%s"):rep(200), table.unpack(t)))
  end,
}
