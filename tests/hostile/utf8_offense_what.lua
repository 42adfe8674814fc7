-- Invalid UTF-8 in an offence's description.
-- expect: w:offense: the description is not valid UTF-8
return scenario {
  id = "utf8-offense-what", title = "utf8_offense_what", days = 1,
  defender = { budget = 50, staff = 4 },
  nodes = { node { id = "web", kind = "web", zone = "dmz", users = 100,
                   vulns = { vuln { id = "v1", cwe = 89, severity = 7, known = true } } } },
  costs = { patch = { hours = 0 } },
  on_start = function(w)
    local BAD = "caf\xe9 \xc3\x28 \xed\xa0\x80 \xf4\x90\x80\x80"
    w:offense(1, BAD)
  end,
}
