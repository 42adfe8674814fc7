-- A NUL byte in a log line: the rest of the line would vanish.
-- expect: w:message: the text holds a NUL byte (at byte 6)
return scenario {
  id = "utf8-message-nul", title = "utf8_message_nul", days = 1,
  defender = { budget = 50, staff = 4 },
  nodes = { node { id = "web", kind = "web", zone = "dmz", users = 100,
                   vulns = { vuln { id = "v1", cwe = 89, severity = 7, known = true } } } },
  costs = { patch = { hours = 0 } },
  on_start = function(w)
    local BAD = "caf\xe9 \xc3\x28 \xed\xa0\x80 \xf4\x90\x80\x80"
    w:message("shown\0hidden")
  end,
}
