-- solarwinds.test.lua — tests of "The Trusted Update" (scripts/scenarios/solarwinds.lua).

local function choice_about(g, needle)
  for _, c in ipairs(g:view().choices) do
    if c.text:lower():find(needle:lower(), 1, true) then return c.id end
  end
  return nil
end

local function objective(r, id)
  for _, o in ipairs(r.objectives) do
    if o.id == id then return o end
  end
  error("no objective " .. id)
end

-- Answers the verified-builds decision (open from day 1, 09:00).
local function decide_verify(g, option)
  g:advance(10)
  local c = choice_about(g, "verified builds")
  ok(c, "the verified-builds decision should be open")
  local accepted, why = g:act{ action = "choose", target = c, option = option }
  ok(accepted, why)
end

test("the sensible bot verifies its builds and wins", function()
  local g = game{ seed = 2020 }
  g:run{ player = "sensible" }
  local r = g:result()
  eq(r.outcome, "won")
  ok(objective(r, "clean").done, "no backdoored release should ship")
  contains(g:messages(), "isolated builder now rebuilds every release")
  eq(g:tally().offenses, 0)
  ok(r.stars >= 2, "expected at least two stars")
end)

test("doing nothing ships the backdoor to customers", function()
  local g = game{ seed = 4 }
  g:run()
  local r = g:result()
  eq(r.outcome, "lost")
  eq(objective(r, "clean").done, false)
  contains(g:messages(), "backdoor")
  ok(g:tally().nodes_compromised >= 3, "the intruders should have spread")
end)

test("a verified build holds a tampered release back", function()
  local g = game{ seed = 8 }
  decide_verify(g, 1)
  g:advance_to_day(6)
  g:advance(11)                                  -- day 6, 11:00: the release is due at 12:00
  ok(g:node("build").compromised, "the intruders should be on the build server by now")
  g:advance(2)
  contains(g:messages(), "Release 2020.2 held")
  eq(g:node("vantage").compromised, false, "your own install never got the backdoor")
end)

test("signing alone ships the backdoor with a valid signature", function()
  local g = game{ seed = 8 }
  ok(g:act("sign_builds", "build"))
  decide_verify(g, 2)
  g:advance_to_day(6)
  g:advance(13)
  ok(g:node("build").compromised, "the intruders should be on the build server")
  contains(g:messages(), "Release 2020.2 ships to 18,000 customers, signed with your certificate")
  ok(g:node("vantage").compromised, "your own install runs the backdoored release")
end)

test("striking back at the attackers costs responsibility", function()
  local g = game{ seed = 4 }
  decide_verify(g, 2)
  local c
  while not g:over() and g:day() <= 19 do
    c = choice_about(g, "backdoor in your update")
    if c then break end
    g:advance(1)
  end
  ok(c, "a customer should report the backdoor by day 18")
  local before = g:score().responsibility
  ok(g:act{ action = "choose", target = c, option = 3 })
  ge(before - g:score().responsibility, 30)
  ge(g:tally().offenses, 1)
  contains(g:messages(), "rented host shared with others")
end)

test("the hackback bot ends below the sensible bot on responsibility", function()
  local a = game{ seed = 12 }
  a:run{ player = "sensible" }
  local b = game{ seed = 12 }
  b:run{ player = "hackback" }
  ok(b:result().pillars.responsibility < a:result().pillars.responsibility,
     "hacking back should cost responsibility")
end)
