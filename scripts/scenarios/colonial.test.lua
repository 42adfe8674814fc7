-- colonial.test.lua — tests of colonial.lua (run with `bulwark test`).

local function objective(r, id)
  for _, o in ipairs(r.objectives) do
    if o.id == id then return o end
  end
  error("no objective " .. id)
end

-- The open choice whose text contains needle, or nil.
local function open_choice(g, needle)
  for _, c in ipairs(g:view().choices) do
    if c.text:lower():find(needle:lower(), 1, true) then return c end
  end
  return nil
end

local function answer(g, needle, option)
  local c = open_choice(g, needle)
  ok(c, "no open choice about '" .. needle .. "'")
  local accepted, why = g:act{ action = "choose", target = c.id, option = option }
  ok(accepted, why)
  return c
end

test("the sensible bot closes the door and keeps the pipeline", function()
  local g = game{ seed = 1 }
  g:run{ player = "sensible" }
  local r = g:result()
  eq(r.outcome, "won")
  ok(g:node("vpn").controls.mfa, "MFA on the VPN")
  ok(objective(r, "door").done)
  ok(objective(r, "clean").done, "no offensive action")
  eq(r.pillars.responsibility, 100)
end)

test("with the door left open the affiliate logs in with the leaked password", function()
  local g = game{ seed = 1 }
  g:run{ player = "idle" }
  local r = g:result()
  eq(r.outcome, "lost")
  ok(not objective(r, "door").done)
  contains(g:messages(), "got into Legacy VPN gateway")
  contains(g:messages(), "DarkSide data theft got into") -- double extortion follows on the same account
end)

test("the hack-back offer looks like it works, then costs Responsibility and escalates", function()
  local g = game{ seed = 7 }
  local accepted, why = g:act("mfa", "vpn")
  ok(accepted, why)
  g:advance_to_day(5)
  g:advance(11) -- the offer comes at 10:00 on day 5
  local c = answer(g, "threat intel", 2)
  eq(c.offensive, 2, "the hack-back option is marked offensive")
  eq(g:score().responsibility, 80, "an offensive option costs 20 at once")
  contains(g:messages(), "looks like it worked")
  g:advance(7)
  eq(g:score().responsibility, 60, "the wiped server was shared with a charity: 10 more, and 10 for the bystander")
  contains(g:messages(), "bystander")
  g:advance(30)
  contains(g:messages(), "attack on them all")
  g:run{ player = "idle" }
  ok(not objective(g:result(), "clean").done)
end)

test("reporting to the FBI instead keeps Responsibility and earns Collaboration", function()
  local g = game{ seed = 7 }
  g:advance_to_day(5)
  g:advance(11)
  local before = g:score().collaboration
  answer(g, "threat intel", 1)
  eq(g:score().responsibility, 100)
  ge(g:score().collaboration, before + 5)
  contains(g:messages(), "reported DarkSide to the FBI")
end)

test("the hackback bot ends below the sensible bot on Responsibility", function()
  local s = game{ seed = 11 }
  s:run{ player = "sensible" }
  local h = game{ seed = 11 }
  h:run{ player = "hackback" }
  ok(h:result().pillars.responsibility < s:result().pillars.responsibility,
     "hackback " .. h:result().pillars.responsibility .. " vs sensible " .. s:result().pillars.responsibility)
end)

test("rotating the leaked password closes the door too", function()
  local g = game{ seed = 5 }
  local accepted, why = g:act("rotate_credentials", "vpn")
  ok(accepted, why)
  g:advance(5)
  contains(g:messages(), "password rotated")
  g:run{ player = "idle" }
  ok(objective(g:result(), "door").done)
end)

test("ransomware in IT puts the shutdown to the player; shutting down costs Protection", function()
  local g = game{ seed = 1 }
  local c
  while not g:over() do
    c = open_choice(g, "ransom note")
    if c then break end
    g:advance(1)
  end
  ok(c, "the ransomware should have locked an IT system by the end")
  local before = g:score().protection
  answer(g, "ransom note", 1)
  contains(g:messages(), "Pipeline shut down")
  le(g:score().protection, before - 8)
end)

test("keeping the fuel flowing with nothing between IT and OT lets the ransomware cross", function()
  local g = game{ seed = 1 }
  g:run{ player = "idle" } -- nobody answers: the control room keeps the fuel flowing
  contains(g:messages(), "talks straight to the control network")
  contains(g:messages(), "got into Pipeline control OT")
  ok(not objective(g:result(), "ops").done, "the control system should have been encrypted")
end)

test("a segment between IT and OT lets the fuel flow safely", function()
  local g = game{ seed = 1 }
  local accepted, why = g:act("segment", "ops")
  ok(accepted, why)
  g:run{ player = "idle" }
  contains(g:messages(), "behind the segment")
  eq(g:node("ops").compromised, false)
  ok(objective(g:result(), "ops").done)
end)

test("a threat model finds the unauthenticated IT-to-OT link; fixing it protects OT", function()
  local g = game{ seed = 1 }
  local accepted, why = g:act("threat_model", "scheduling")
  ok(accepted, why)
  g:advance(25)
  local seen = false
  for _, n in ipairs(g:view().nodes) do
    if n.id == "scheduling" then
      for _, v in ipairs(n.vulns) do seen = seen or v.id == "sched-ot-bridge" end
    end
  end
  ok(seen, "the threat model should reveal the bridge (CWE-306)")
  accepted, why = g:act("patch", "scheduling")
  ok(accepted, why)
  g:run{ player = "idle" }
  contains(g:messages(), "now demands authentication")
  ok(objective(g:result(), "ops").done)
end)
