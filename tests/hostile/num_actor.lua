-- An actor of skill 0, 1e300 attempts a day, starting at a negative tick.
-- expect: 'skill' is 0
-- expect: 'attempts' is 1e+300
-- expect: 'from' is -1
return scenario {
  id = "num-actor", title = "t", days = 1,
  nodes = { node { id = "web", kind = "web" } },
  actors = { actor { id = "crew", motive = "money", uses = { "T1190" }, skill = 0, attempts = 1e300, from = -1 } },
}
