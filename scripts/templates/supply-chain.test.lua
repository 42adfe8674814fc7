-- __ID__.test.lua — tests of __ID__.lua: `bulwark test __ID__.lua` runs them.
--
-- Each test(name, fn) runs in a fresh sandbox; game{} is a new game of the
-- scenario beside this file, with its own seed. g:act plays as the player
-- would; g:advance, g:advance_to_day and g:run{ player = BOT } move time;
-- g:node and g:vuln show the truth (what the player has not detected too).
-- `bulwark test --help` and scripts/API.md section 14 list everything.

-- Plays until the launch decision is open, and returns it.
local function launch(g)
  g:advance_to_day(3)
  g:advance(9)
  local choices = g:view().choices
  eq(#choices, 1, "the launch decision should be open")
  return choices[1]
end

test("the sensible bot keeps the data and holds the release", function()
  local g = game{}
  g:run{ player = "sensible" }
  eq(g:result().outcome, "won")
  ok(g:node("ci").controls.signed_builds, "the bot signs what the build produces")
  contains(g:messages(), "The review finds code in fastjson 2.3.1")
  eq(g:tally().data_lost, 0)
end)

test("a player who does nothing ships the tampered build and loses", function()
  local g = game{}
  g:run{ player = "idle" }
  local r = g:result()
  eq(r.outcome, "lost")
  ok(g:node("portal").compromised or g:node("portal").data_lost or g:node("db").data_lost)
  contains(g:timeline(), "Decided: Ship on time")  -- the default, taken at the deadline
end)

test("a pinned build does not take the tampered release", function()
  local g = game{}
  ok(g:act("pin_deps", "ci"))
  g:advance_to_day(2)
  g:advance(10)                          -- past the release at 09:00
  eq(g:node("ci").compromised, false)
  ok(g:node("lib").compromised, "upstream is tampered all the same")
  contains(g:timeline(), "The build is pinned")
end)

test("the decision matters: shipping plants the backdoor, holding does not", function()
  local shipped, held = game{}, game{}
  local c = launch(shipped)
  launch(held)                           -- the same seed, the same moves: the same game so far
  ok(shipped:node("ci").compromised, "unpinned, the build took the tampered release")
  local before = held:tally().nodes_compromised
  ok(shipped:act{ action = "choose", target = c.id, option = 2 })
  ok(held:act{ action = "choose", target = c.id, option = 1 })
  ok(shipped:node("portal").compromised, "what ships is the tampered build")
  contains(shipped:messages(), "Version 4.0 of the portal is live")
  eq(held:tally().nodes_compromised, before, "holding plants nothing")
  contains(held:messages(), "You warn the registry")
  ge(held:score().collaboration, shipped:score().collaboration + 5)
end)
