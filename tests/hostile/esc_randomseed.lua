-- math.randomseed would let a script choose the world's dice: the game owns
-- the seed.
-- expect: randomseed
return scenario {
  id = "esc-randomseed", title = "esc_randomseed", days = 1,
  defender = { budget = 50, staff = 4 },
  nodes = { node { id = "web", kind = "web", zone = "dmz", users = 100,
                   vulns = { vuln { id = "v1", cwe = 89, severity = 7, known = true } } } },
  costs = { patch = { hours = 0 } },
  on_start = function(w)
    math.randomseed(42)
    w:message("ESCAPED")
  end,
}
