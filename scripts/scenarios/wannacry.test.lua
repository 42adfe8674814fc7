-- wannacry.test.lua — tests of "Patch Tuesday, Ransom Friday" (bulwark test).
-- Decisions: 1 custom support for XP (day 2, 09:00), 2 the contractor's
-- "vaccine" (day 6, 11:00), 3 the ransom (at the first ransom note).

local function objective(g, id)
  for _, o in ipairs(g:result().objectives) do
    if o.id == id then return o.done end
  end
  error("no objective " .. id)
end

test("the sensible bot patches in time and wins", function()
  local g = game{ seed = 2017 }
  g:run{ player = "sensible" }
  local r = g:result()
  eq(r.outcome, "won")
  ge(r.pillars.protection, 90)
  ok(r.stars >= 2, "expected at least two stars")
  eq(g:node("ehr").compromised, false)
  eq(g:node("lab").compromised, false)
end)

test("an unpatched trust loses its patient records to the worm", function()
  local g = game{ seed = 2017 }
  g:advance_to_day(7)
  g:advance(12)
  eq(g:node("ehr").state, "encrypted")
  contains(g:messages(), "shows a ransom note")
  g:run{ player = "idle" }
  local r = g:result()
  eq(r.outcome, "lost")
  eq(objective(g, "records"), false)
  eq(objective(g, "contained"), false)
end)

test("patched machines are immune to the worm", function()
  local g = game{ seed = 2017 }
  ok(g:act("patch", "lab"))
  ok(g:act("patch", "wards"))
  g:advance_to_day(2)
  ok(g:act("patch", "ehr"))
  ok(g:act("patch", "clinic"))
  g:run{}
  eq(g:node("ehr").compromised, false)
  eq(g:node("wards").compromised, false)
  eq(objective(g, "records"), true)
  contains(g:messages(), "a ransomware worm is spreading over SMB")
end)

test("a segmented records server stays out of reach though unpatched", function()
  local g = game{ seed = 2017 }
  local accepted, why = g:act("segment", "ehr")
  ok(accepted, why)
  g:advance(25)
  ok(g:node("ehr").controls.segmented, "the records server should be segmented")
  g:run{}
  eq(g:node("ehr").compromised, false)
  eq(objective(g, "records"), true)
  contains(g:messages(), "now sits in its own segment")
end)

test("custom support makes XP patchable at once; without it, only on 13 May", function()
  local g = game{ seed = 3 }
  g:advance_to_day(2)
  g:advance(10) -- day 2, 10:00: decision 1 is open
  local budget = g:view().budget
  local accepted, why = g:act{ action = "choose", target = 1, option = 1 }
  ok(accepted, why)
  eq(g:view().budget, budget - 8)
  accepted, why = g:act("patch", "imaging")
  ok(accepted, why)

  local h = game{ seed = 3 }
  h:advance_to_day(2)
  h:advance(10)
  ok(h:act{ action = "choose", target = 1, option = 2 })
  eq(h:act("patch", "imaging"), false)
  h:advance_to_day(7)
  h:advance(10) -- day 7, 10:00: Microsoft's public XP fix is out
  contains(h:messages(), "makes its Windows XP fix for MS17-010 public")
  accepted, why = h:act("patch", "imaging")
  ok(accepted, why)
end)

test("running the contractor's exploit on others' machines costs responsibility", function()
  local g = game{ seed = 2017 }
  g:advance_to_day(6)
  g:advance(12) -- day 6, 12:00: decision 2 is open
  local c
  for _, x in ipairs(g:view().choices) do
    if x.id == 2 then c = x end
  end
  ok(c ~= nil, "the contractor's offer should be open")
  eq(c.offensive, 2)
  ok(g:act{ action = "choose", target = 2, option = 2 })
  le(g:score().responsibility, 70)
  contains(g:messages(), "crashes others mid-clinic")
end)

test("paying the ransom costs money and brings no key", function()
  local g = game{ seed = 2017 }
  g:advance_to_day(6)
  g:advance(23) -- the first ransom note comes on the evening of day 6
  local ransom
  for _, x in ipairs(g:view().choices) do
    if x.id == 3 then ransom = x end
  end
  ok(ransom ~= nil, "the ransom decision should be open")
  local budget = g:view().budget
  ok(g:act{ action = "choose", target = 3, option = 2 })
  ok(g:view().budget < budget, "paying should cost money")
  contains(g:messages(), "No key arrives")
  g:run{}
  eq(objective(g, "no-ransom"), false)
end)
