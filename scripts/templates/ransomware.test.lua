-- __ID__.test.lua — tests of __ID__.lua: `bulwark test __ID__.lua` runs them.
--
-- Each test(name, fn) runs in a fresh sandbox; game{} is a new game of the
-- scenario beside this file, with its own seed (game{ seed = N } for
-- another). The game object g plays as the player would (g:act), moves
-- time (g:advance, g:advance_to_day, g:run{ player = BOT }) and shows the
-- truth (g:node, g:vuln, g:messages). `bulwark test --help` and
-- scripts/API.md section 14 list every method and assertion.

-- Steps one hour at a time until cond(g) holds or the game is over.
local function wait_for(g, cond)
  while not cond(g) and not g:over() do g:advance(1) end
  return cond(g)
end

test("the sensible bot patches in time and keeps the records", function()
  local g = game{}
  g:run{ player = "sensible" }
  eq(g:result().outcome, "won")
  ok(g:vuln("share-rce").patched)
  eq(g:node("records").state, "healthy")
end)

test("a player who does nothing loses the records", function()
  local g = game{}
  g:run{ player = "idle" }
  eq(g:result().outcome, "lost")
  eq(g:node("records").state, "encrypted")
  contains(g:timeline(), "encrypted Records file server")
end)

test("there is nothing to patch until the vendor's fix on day 2", function()
  local g = game{}
  local accepted, why = g:act("patch", "gateway")
  eq(accepted, false)
  ok(why, "a refusal comes with its reason")
  g:advance_to_day(2)                     -- the day-2 event has run
  contains(g:timeline(), "The vendor ships the fix")
  ok(g:act("patch", "gateway"))
end)

test("with a backup, the encrypted records are back within hours", function()
  local g = game{}
  ok(g:act("backup", "records"))         -- and no patch: the worm will get in
  ok(wait_for(g, function(g) return g:node("records").state == "encrypted" end),
     "the worm should reach the records")
  local accepted, why = g:act("restore", "records")
  ok(accepted, why)
  g:advance(6)                            -- restore takes 48 hours, 6 with a backup
  ne(g:node("records").state, "encrypted")
end)

test("the ransom decision: paying costs responsibility and decrypts nothing", function()
  local function answer(option)
    local g = game{}
    ok(wait_for(g, function(g) return #g:view().choices > 0 end), "the ransom demand should come")
    local c = g:view().choices[1]
    contains(c.text, "cryptocurrency")
    local budget = g:defender().budget
    ok(g:act{ action = "choose", target = c.id, option = option })
    return g, budget
  end
  local refused = answer(1)
  local paid, budget = answer(2)
  eq(paid:defender().budget, budget - 15)
  ge(refused:score().responsibility - paid:score().responsibility, 15)
  contains(paid:messages(), "The key decrypts nothing")
  paid:run{ player = "idle" }
  local kept = {}
  for _, o in ipairs(paid:result().objectives) do kept[o.id] = o.done end
  eq(kept["no-ransom"], false, "the optional objective records the payment")
end)
