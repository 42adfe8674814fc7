-- Invalid UTF-8 in a log line written by an event, mid-game.
-- phase: play (check loads without playing, so it passes this file)
-- expect: w:message: the text is not valid UTF-8
return scenario {
  id = "utf8-event-message", title = "utf8_event_message", days = 1,
  defender = { budget = 50, staff = 4 },
  nodes = { node { id = "web", kind = "web", zone = "dmz", users = 100,
                   vulns = { vuln { id = "v1", cwe = 89, severity = 7, known = true } } } },
  costs = { patch = { hours = 0 } },
  events = { event { id = "e", at = 5, run = function(w) w:message("caf\xe9 \xc3\x28 \xed\xa0\x80 \xf4\x90\x80\x80") end } },
}
