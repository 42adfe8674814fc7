-- __ID__.test.lua — tests of __ID__.lua: `bulwark test __ID__.lua` runs them.
--
-- Each test(name, fn) runs in a fresh sandbox. game{} is a new game of the
-- scenario beside this file (its own seed unless you pass seed = N).
-- g:act plays as the player would; g:advance(hours) and g:run{ player = BOT }
-- move time; g:node, g:vuln and g:messages show the truth, hidden state
-- included; g:result() is the outcome. ok, eq, ne, ge, le and contains are
-- the assertions; a failure is reported at its line of this file.
-- Everything is listed in `bulwark test --help` and scripts/API.md section 14.

test("the sensible bot wins and keeps the data", function()
  local g = game{}
  g:run{ player = "sensible" }          -- plays to the end with scripts/bots/sensible.lua
  local r = g:result()
  eq(r.outcome, "won")
  eq(g:node("db").data_lost, false)
  ok(g:vuln("shop-sqli").patched, "the bot should have patched the shop")
end)

test("a player who does nothing loses", function()
  local g = game{}
  g:run{ player = "idle" }
  eq(g:result().outcome, "lost")
  eq(g:vuln("shop-sqli").patched, false)
end)

test("patching takes six hours and is announced", function()
  local g = game{}
  local accepted, why = g:act("patch", "shop")
  ok(accepted, why)                      -- why: the engine's reason when refused
  g:advance(5)
  eq(g:vuln("shop-sqli").patched, false, "not yet: patch takes 6 hours")
  g:advance(1)
  ok(g:vuln("shop-sqli").patched)
  contains(g:messages(), "The search page is fixed")
end)

test("the partner's warning arrives on day 2", function()
  local g = game{}
  g:advance(23)
  eq(#g:timeline(), 0, "nothing yet on day 1")
  g:advance_to_day(2)                     -- the clock reaches day(2): its events have run
  contains(g:timeline(), "SQL injection probes")
end)

test("the decision matters: hacking back loses the game", function()
  local function play(option)
    local g = game{}
    ok(g:act("patch", "shop"))
    g:advance_to_day(3)
    local choices = g:view().choices    -- what a bot sees: the open decision
    eq(#choices, 1)
    eq(choices[1].offensive, 2)
    ok(g:act{ action = "choose", target = choices[1].id, option = option })
    g:run{ player = "idle" }            -- nothing more: let the days pass
    return g
  end
  local declined, struck = play(1), play(2)
  eq(declined:result().outcome, "won")
  eq(struck:result().outcome, "lost")
  eq(struck:tally().offenses, 1)
  ge(declined:score().responsibility - struck:score().responsibility, 20)
  contains(struck:messages(), "Never hack back")
end)
