-- mirai.test.lua — tests of "Factory Settings" (bulwark test).
-- Decision 1 is firmware 2.0 (day 2, 09:00), decision 2 the grey-hat's
-- offer (day 6, 10:00).

test("the sensible bot ships secure defaults and wins", function()
  local g = game{ seed = 2016 }
  g:run{ player = "sensible" }
  local r = g:result()
  eq(r.outcome, "won")
  ge(r.pillars.protection, 70)
  eq(r.pillars.responsibility, 100)
  ok(r.stars >= 2, "expected at least two stars")
  contains(g:messages(), "Firmware 2.0 is ready")
end)

test("an idle vendor's devices join the botnet and the game is lost", function()
  local g = game{ seed = 2016 }
  g:advance_to_day(5)
  local recruited = 0
  for _, id in ipairs({ "homecam", "procam", "dvr" }) do
    if g:node(id).compromised then recruited = recruited + 1 end
  end
  ge(recruited, 1, "Mirai should hold a device line by day 5")
  contains(g:messages(), "abuse reports name devices of")
  g:run{ player = "idle" }
  local r = g:result()
  eq(r.outcome, "lost")
  le(r.pillars.protection, 40)
  -- nobody answered: the launch went first, the fix waited
  contains(g:messages(), "The launch goes ahead on time")
end)

test("per-device passwords before Mirai arrives keep a line out all game", function()
  local g = game{ seed = 2016 }
  local accepted, why = g:act("mfa", "homecam")
  ok(accepted, why)
  g:advance_to_day(11)
  eq(g:node("homecam").compromised, false)
  eq(g:node("homecam").state, "healthy")
  contains(g:messages(), "HomeCam now refuses the factory password")
end)

test("the DVR's hard-coded account is not fixed by a password change", function()
  local g = game{ seed = 2016 }
  local accepted, why = g:act("mfa", "dvr")
  ok(accepted, why)
  g:advance(13)
  contains(g:messages(), "hard-coded: only a firmware fix removes it")
end)

test("shipping secure defaults releases the fix; launching first delays it to day 9", function()
  local g = game{ seed = 5 }
  g:advance_to_day(2)
  g:advance(10) -- day 2, 10:00: the decision is open
  eq(#g:view().choices, 1)
  local accepted, why = g:act{ action = "choose", target = 1, option = 1 }
  ok(accepted, why)
  accepted, why = g:act("patch", "homecam")
  ok(accepted, why)
  accepted, why = g:act("patch", "procam")
  ok(accepted, why)
  g:advance(7)
  contains(g:messages(), "HomeCam devices take the new firmware")

  local late = game{ seed = 5 }
  late:advance_to_day(2)
  late:advance(10)
  local budget = late:view().budget
  accepted, why = late:act{ action = "choose", target = 1, option = 2 }
  ok(accepted, why)
  eq(late:view().budget, budget + 10)
  accepted = late:act("patch", "homecam")
  eq(accepted, false, "no fix should exist before next quarter")
  late:advance_to_day(9)
  late:advance(10)
  accepted, why = late:act("patch", "homecam")
  ok(accepted, why)
end)

test("a handled report fixes the DVR and is coordinated", function()
  local g = game{ seed = 2016 }
  ok(g:act("security_txt"))
  g:advance_to_day(3)
  g:advance(1)
  local reports = g:view().reports
  eq(#reports, 1)
  eq(reports[1].id, "dvr-telnet")
  local accepted, why = g:act("handle_report", "dvr-telnet")
  ok(accepted, why)
  g:advance(49)
  contains(g:messages(), "published an advisory crediting R. Lindqvist")
  g:run{}
  local coordinated = false
  for _, o in ipairs(g:result().objectives) do
    if o.id == "coordinated" then coordinated = o.done end
  end
  ok(coordinated, "the report should count as coordinated")
end)

test("letting the grey-hat into customers' cameras costs responsibility", function()
  local g = game{ seed = 2016 }
  g:advance_to_day(6)
  g:advance(11) -- day 6, 11:00: decision 2 is open
  local c = g:view().choices
  eq(#c, 1, "the firmware decision took its default on day 3")
  local greyhat = c[1]
  eq(greyhat.id, 2)
  eq(greyhat.offensive, 2)
  local accepted, why = g:act{ action = "choose", target = greyhat.id, option = 2 }
  ok(accepted, why)
  le(g:score().responsibility, 70)
  contains(g:messages(), "bricks some")
end)
