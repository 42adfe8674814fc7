-- xz.test.lua — tests of "The Patient Contributor" (scripts/scenarios/xz.lua).

local function objective(r, id)
  for _, o in ipairs(r.objectives) do
    if o.id == id then return o end
  end
  error("no objective " .. id)
end

-- Answers every open decision: `rights` for the co-maintainer question,
-- `repro` for the packager's.
local function answer(g, rights, repro)
  for _, c in ipairs(g:view().choices) do
    local text = c.text:lower()
    if text:find("co-maintainer", 1, true) then
      g:act{ action = "choose", target = c.id, option = rights }
    elseif text:find("tarballs", 1, true) then
      g:act{ action = "choose", target = c.id, option = repro }
    end
  end
end

-- Plays until `last_day` with the given answers, training PW whenever the
-- team can from day `train_from` (nil: never). Returns the game.
local function play(seed, train_from, rights, repro, last_day)
  local g = game{ seed = seed }
  while not g:over() and g:day() < last_day do
    -- the decisions open at 09:00 on days 5 and 11
    if g.tick == 24 * 4 + 10 or g.tick == 24 * 10 + 10 then answer(g, rights, repro) end
    if train_from and g:day() >= train_from and g:hour() == 0 then g:act("train", "PW") end
    g:advance(1)
  end
  return g
end

local function caught(g)
  for _, line in ipairs(g:messages()) do
    if line:find("access is revoked", 1, true) then return true end
  end
  return false
end

test("the sensible bot trains early, catches the campaign and wins", function()
  local g = game{ seed = 2024 }
  g:run{ player = "sensible" }
  local r = g:result()
  eq(r.outcome, "won")
  ok(objective(r, "caught").done, "review should have caught the campaign")
  contains(g:messages(), "Secure-development training done")
  ge(r.pillars.capacity, 60)
end)

test("an idle team lets the backdoor into the stable distributions", function()
  local g = game{ seed = 2024 }
  g:run()
  local r = g:result()
  eq(r.outcome, "lost")
  eq(objective(r, "stable").done, false)
  contains(g:messages(), "lzkit 5.6 is out")
  contains(g:messages(), "freeze with lzkit 5.6 inside")
  ok(g:vuln("CVE-2024-3094").exists, "the backdoor should exist")
end)

test("training early pays off: trained reviewers catch it, untrained never do", function()
  local trained, untrained = 0, 0
  for seed = 1, 10 do
    if caught(play(seed, 1, 1, 2, 24)) then trained = trained + 1 end
    if caught(play(seed, nil, 1, 2, 24)) then untrained = untrained + 1 end
  end
  ge(trained, 8, "a team trained from day 1 should catch the campaign in most games")
  eq(untrained, 0, "an untrained team should never catch it")
end)

test("training late misses the early, subtle steps", function()
  for seed = 1, 5 do
    local g = play(seed, 15, 1, 2, 15)
    eq(caught(g), false, "nothing trained before day 15 sees steps one and two")
    contains(g:messages(), "fuzzing build flags")
    contains(g:messages(), "binary test files")
  end
end)

test("reproducible tarballs give even a new team a chance at the last step", function()
  local with = 0
  for seed = 1, 20 do
    if caught(play(seed, nil, 1, 1, 24)) then with = with + 1 end
  end
  ge(with, 1, "a tarball that does not match its tag is sometimes noticed")
  le(with, 6, "but rarely by an untrained team")
end)

test("handing JT release rights brings help at once", function()
  local g = game{ seed = 3 }
  g:advance_to_day(5)
  g:advance(10)
  answer(g, 2, 2)
  g:advance_to_day(6)
  eq(g:view().staff, 4, "JT joins the team as co-maintainer")
  contains(g:messages(), "JT takes on releases")
end)
