-- utf8.len over a long string in a loop: C work the VM does not count.
-- expect: instruction limit exceeded
return scenario {
  id = "esc-utf8-len", title = "esc_utf8_len", days = 1,
  defender = { budget = 50, staff = 4 },
  nodes = { node { id = "web", kind = "web", zone = "dmz", users = 100,
                   vulns = { vuln { id = "v1", cwe = 89, severity = 7, known = true } } } },
  costs = { patch = { hours = 0 } },
  on_start = function(w)
    local s = ("\u{e9}"):rep(4000000)
    while true do utf8.len(s) end
  end,
}
