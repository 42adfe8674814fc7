-- Invalid UTF-8 in the debrief.
-- phase: play (check loads without playing, so it passes this file)
-- expect: the debrief is not valid UTF-8 (at byte 4)
return scenario {
  id = "utf8-debrief", title = "utf8_debrief", days = 1,
  defender = { budget = 50, staff = 4 },
  nodes = { node { id = "web", kind = "web", zone = "dmz", users = 100,
                   vulns = { vuln { id = "v1", cwe = 89, severity = 7, known = true } } } },
  costs = { patch = { hours = 0 } },
  debrief = function(w, result) return "caf\xe9 \xc3\x28 \xed\xa0\x80 \xf4\x90\x80\x80" end,
}
