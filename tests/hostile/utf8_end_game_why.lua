-- Invalid UTF-8 in the reason the game ended.
-- expect: w:end_game: the reason is not valid UTF-8
return scenario {
  id = "utf8-end-game-why", title = "utf8_end_game_why", days = 1,
  defender = { budget = 50, staff = 4 },
  nodes = { node { id = "web", kind = "web", zone = "dmz", users = 100,
                   vulns = { vuln { id = "v1", cwe = 89, severity = 7, known = true } } } },
  costs = { patch = { hours = 0 } },
  on_start = function(w)
    local BAD = "caf\xe9 \xc3\x28 \xed\xa0\x80 \xf4\x90\x80\x80"
    w:end_game(false, BAD)
  end,
}
