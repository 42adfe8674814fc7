-- equifax.test.lua — tests of equifax.lua (run with `bulwark test`).

-- The ids of the vulnerabilities the player sees on a node.
local function seen_vulns(g, id)
  for _, n in ipairs(g:view().nodes) do
    if n.id == id then
      local ids = {}
      for _, v in ipairs(n.vulns) do ids[#ids + 1] = v.id end
      return ids
    end
  end
  error("no node " .. id)
end

local function has(list, item)
  for _, x in ipairs(list) do
    if x == item then return true end
  end
  return false
end

-- Answers the open choice whose text contains needle.
local function answer(g, needle, option)
  for _, c in ipairs(g:view().choices) do
    if c.text:lower():find(needle:lower(), 1, true) then
      local accepted, why = g:act{ action = "choose", target = c.id, option = option }
      ok(accepted, why)
      return
    end
  end
  error("no open choice about '" .. needle .. "'")
end

local function objective(r, id)
  for _, o in ipairs(r.objectives) do
    if o.id == id then return o end
  end
  error("no objective " .. id)
end

test("the sensible bot patches both copies of the framework and keeps the credit files", function()
  local g = game{ seed = 7 }
  g:run{ player = "sensible" }
  local r = g:result()
  eq(r.outcome, "won")
  ok(objective(r, "patched").done, "both copies should be patched")
  ok(not has(g:node("portal").vulns, "S2-045-portal"), "the portal's copy should be fixed")
  eq(g:node("credit").data_lost, false)
  ge(r.pillars.protection, 55)
end)

test("doing nothing leaves the portal's copy open and loses the bureau", function()
  local g = game{ seed = 3 }
  g:run{ player = "idle" }
  local r = g:result()
  eq(r.outcome, "lost")
  ok(has(g:node("portal").vulns, "S2-045-portal"), "nobody patched the portal")
  ok(not objective(r, "patched").done)
  contains(g:messages(), "got into Dispute portal")
  contains(g:messages(), "not on it") -- the default answer: the alert stays on the mailing list
end)

test("the inventory finds the copy that is not on the list", function()
  local g = game{ seed = 5 }
  g:advance(10) -- the question comes at 09:00 on day 1
  ok(not has(seen_vulns(g, "portal"), "S2-045-portal"), "hidden before the inventory")
  answer(g, "where the framework runs", 1)
  g:advance(9)
  contains(g:messages(), "bundles its own old copy")
  ok(has(seen_vulns(g, "portal"), "S2-045-portal"), "the inventory reveals the portal's copy")
  local accepted, why = g:act("patch", "portal")
  ok(accepted, why)
  g:advance(9) -- a framework upgrade takes 8 hours here
  eq(g:vuln("S2-045-portal").patched, true)
end)

test("trusting the owner list leaves the portal's copy unseen", function()
  local g = game{ seed = 5 }
  g:advance(10)
  answer(g, "where the framework runs", 2)
  g:advance(12)
  contains(g:messages(), "portal's owners are not on it")
  ok(not has(seen_vulns(g, "portal"), "S2-045-portal"), "nobody looked inside the portal")
  local accepted = g:act("patch", "portal")
  eq(accepted, false, "nothing the defender knows of to patch on the portal")
end)

test("a scan of the portal finds the copy too (RV.1)", function()
  local g = game{ seed = 5 }
  local accepted, why = g:act("scan", "portal")
  ok(accepted, why)
  g:advance(5)
  ok(has(seen_vulns(g, "portal"), "S2-045-portal"))
end)

test("a threat model of the file share finds the database passwords", function()
  local g = game{ seed = 5 }
  local accepted, why = g:act("threat_model", "share")
  ok(accepted, why)
  g:advance(25)
  ok(has(seen_vulns(g, "share"), "plaintext-db-credentials"))
  accepted, why = g:act("patch", "share")
  ok(accepted, why)
  g:advance(9)
  eq(g:vuln("plaintext-db-credentials").patched, true)
end)
