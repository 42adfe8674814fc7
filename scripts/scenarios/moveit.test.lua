-- moveit.test.lua — tests of moveit.lua (run with `bulwark test`).

local PARTNERS = { "pension", "airline", "retailer", "university", "hospital" }

local function objective(r, id)
  for _, o in ipairs(r.objectives) do
    if o.id == id then return o end
  end
  error("no objective " .. id)
end

local function partners_lost(g)
  local n = 0
  for _, id in ipairs(PARTNERS) do
    if g:node(id).data_lost then n = n + 1 end
  end
  return n
end

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

local function knows_actor(g, id)
  for _, a in ipairs(g:view().actors) do
    if a.id == id then return true end
  end
  return false
end

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

-- Joins the group at once and shares Cl0p's indicators as soon as it
-- knows them; does nothing else. A second game of the same seed that
-- never joins is the control.
local function sharer(seed)
  local g = game{ seed = seed }
  local accepted, why = g:act("join_sharing")
  ok(accepted, why)
  while not g:over() do
    if knows_actor(g, "clop") then
      accepted, why = g:act("share_indicator", "clop")
      ok(accepted, why)
      break
    end
    g:advance(1)
  end
  g:advance(14 * 24)
  ok(g:over())
  return g
end

test("the sensible bot joins, shares and holds the line", function()
  local g = game{ seed = 1 }
  g:run{ player = "sensible" }
  local r = g:result()
  eq(r.outcome, "won")
  ok(objective(r, "partners").done)
  ok(objective(r, "shared").done)
  eq(g:node("mft").data_lost, false)
  contains(g:messages(), "blocked Cl0p's exploit with the indicators you shared")
end)

test("alone and idle, the files go and the partners' warnings never arrive", function()
  local g = game{ seed = 2 }
  g:run{ player = "idle" }
  eq(g:result().outcome, "lost")
  contains(g:messages(), "you are not a member")
  contains(g:messages(), "exfiltrated the data of File-transfer server")
  ok(not objective(g:result(), "disclosure").done, "nobody handled the researcher's report")
end)

test("in the group, a peer's web shell warns you before the vendor does", function()
  local g = game{ seed = 4 }
  local accepted, why = g:act("join_sharing")
  ok(accepted, why)
  g:advance_to_day(3)
  g:advance(10) -- the peer's discovery is shared at 09:00 on day 3
  contains(g:messages(), "human2.aspx")
  ok(knows_actor(g, "clop"), "Cl0p's indicators reached you")
  contains(seen_vulns(g, "mft"), "CVE-2023-34362")
  eq(g:vuln("CVE-2023-34362").fix, false, "no fix before the vendor's advisory")
  accepted, why = g:act("share_indicator", "clop")
  ok(accepted, why)
end)

test("outside the group, the same discovery passes you by", function()
  local g = game{ seed = 4 }
  g:advance_to_day(3)
  g:advance(10)
  ok(not knows_actor(g, "clop"))
  eq(#seen_vulns(g, "mft"), 0)
  local accepted = g:act("share_indicator", "clop")
  eq(accepted, false, "you cannot share what you do not have")
end)

test("shared indicators protect the partners Cl0p reaches later", function()
  local shared, alone = 0, 0
  for seed = 1, 6 do
    shared = shared + partners_lost(sharer(seed))
    local g = game{ seed = seed }
    g:run{ player = "idle" }
    alone = alone + partners_lost(g)
  end
  ok(shared < alone, ("partners lost: %d when sharing, %d alone"):format(shared, alone))
end)

test("blocking web traffic on the vendor's advice holds Cl0p off for a day", function()
  local g = game{ seed = 3 }
  g:advance_to_day(5)
  g:advance(9) -- the advisory comes at 08:00 on day 5
  contains(g:messages(), "ships a patch")
  local before = g:score().protection
  answer(g, "blocking all web traffic", 1)
  contains(g:messages(), "Web traffic to the transfer server is blocked")
  le(g:score().protection, before - 2)
  local accepted, why = g:act("patch", "mft")
  ok(accepted, why)
  g:advance(7)
  eq(g:vuln("CVE-2023-34362").patched, true)
end)

test("handling the researcher's report coordinates the disclosure", function()
  local g = game{ seed = 3 }
  g:advance_to_day(9) -- the report arrives two days late without security.txt
  local report
  for _, r in ipairs(g:view().reports) do
    if r.vuln == "portal-sqli" then report = r end
  end
  ok(report, "the report should be open")
  local accepted, why = g:act("handle_report", report.id)
  ok(accepted, why)
  g:advance(49)
  eq(g:vuln("portal-sqli").patched, true)
  contains(g:messages(), "crediting R. Okafor")
end)
