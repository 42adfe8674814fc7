-- tutorial.test.lua — tests of "First Shift" (bulwark test): the steps
-- advance when the player does them, and nothing can be lost.

local function objective(g, id)
  for _, o in ipairs(g:result().objectives) do
    if o.id == id then return o.done end
  end
  error("no objective " .. id)
end

-- Starts `action` on `target`, checks it was accepted and lets it finish.
local function step(g, action, target, hours)
  local accepted, why = g:act(action, target)
  ok(accepted, why)
  g:advance(hours)
end

test("every step advances when the player does it, and the tutorial ends won", function()
  local g = game{}
  contains(g:messages(), "Step 1 of 9: Select the Web shop")
  step(g, "patch", "shop", 3)
  contains(g:messages(), "Step 2 of 9")
  contains(g:messages(), "Protection counts customers served safely")
  step(g, "logging", "db", 2)
  contains(g:messages(), "Step 3 of 9")
  step(g, "backup", "db", 3)
  contains(g:messages(), "Step 4 of 9")
  step(g, "security_txt", nil, 2)
  contains(g:messages(), "Step 5 of 9")
  g:advance(1) -- the researcher's report arrives
  eq(#g:view().reports, 1)
  step(g, "handle_report", "order-peek", 5)
  contains(g:messages(), "Step 6 of 9")
  step(g, "join_sharing", nil, 3)
  contains(g:messages(), "Step 7 of 9")
  eq(#g:view().actors, 1, "the partner's warning makes the crew a known threat")
  step(g, "share_indicator", "crew", 2)
  contains(g:messages(), "Step 8 of 9")
  local choices = g:view().choices
  eq(#choices, 1)
  eq(choices[1].offensive, 2)
  local accepted, why = g:act{ action = "choose", target = choices[1].id, option = 1 }
  ok(accepted, why)
  contains(g:messages(), "Step 9 of 9")
  step(g, "train", "PW", 5)
  ok(g:over(), "the tutorial should end when the last step is done")
  local r = g:result()
  eq(r.outcome, "won")
  eq(r.pillars.responsibility, 100)
  for _, o in ipairs(r.objectives) do
    ok(o.done, "step not done: " .. o.id)
  end
  contains(g:messages(), "Tutorial complete")
end)

test("a step done ahead of its turn is recognised", function()
  local g = game{}
  step(g, "logging", "db", 2)
  eq(objective(g, "logging"), false, "logging is step 2: it counts once step 1 is done")
  contains(g:messages(), "Step 1 of 9")
  step(g, "patch", "shop", 3)
  eq(objective(g, "patch"), true)
  eq(objective(g, "logging"), true)
  contains(g:messages(), "Step 3 of 9: Now give the Orders database a Backup")
end)

test("a player who does nothing cannot lose, and is reminded", function()
  local g = game{}
  g:advance(13)
  contains(g:messages(), "Still to do, step 1")
  g:run{ player = "idle" }
  local r = g:result()
  eq(r.outcome, "won")
  eq(r.days, 7)
  eq(r.pillars.protection, 100)
  eq(r.pillars.responsibility, 100)
  local hints = 0
  for _, m in ipairs(g:messages()) do
    if m:find("Still to do", 1, true) then hints = hints + 1 end
  end
  eq(hints, 4, "hints stop after four reminders")
end)

test("hacking back in the tutorial costs responsibility and says why", function()
  local g = game{}
  step(g, "patch", "shop", 3)
  step(g, "logging", "db", 2)
  step(g, "backup", "db", 3)
  step(g, "security_txt", nil, 3)
  step(g, "handle_report", "order-peek", 5)
  step(g, "join_sharing", nil, 3)
  step(g, "share_indicator", "crew", 2)
  ok(g:act{ action = "choose", target = 1, option = 2 })
  le(g:score().responsibility, 80)
  contains(g:messages(), "never hack back")
  contains(g:messages(), "Step 9 of 9")
end)

test("the sensible bot finishes the tutorial early", function()
  local g = game{}
  g:run{ player = "sensible" }
  local r = g:result()
  eq(r.outcome, "won")
  ok(r.days < 7, "the tutorial should end once every step is done")
  contains(g:messages(), "Tutorial complete")
end)
