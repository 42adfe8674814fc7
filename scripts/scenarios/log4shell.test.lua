-- log4shell.test.lua — tests of "Holiday Lookup" (bulwark test).
-- The report is due on day 2 (day 4 without security.txt), the advisory
-- comes on day 6, the sharing group's alert on day 7 at 09:00 and the
-- vendor's offer (decision 1) on day 8.

local function objective(g, id)
  for _, o in ipairs(g:result().objectives) do
    if o.id == id then return o.done end
  end
  error("no objective " .. id)
end

test("the sensible bot coordinates the report and wins", function()
  local g = game{ seed = 2021 }
  g:run{ player = "sensible" }
  local r = g:result()
  eq(r.outcome, "won")
  ge(r.pillars.protection, 60)
  eq(r.pillars.responsibility, 100)
  ok(r.stars >= 2, "expected at least two stars")
  eq(objective(g, "patched"), true)
  eq(objective(g, "coordinated"), true)
  contains(g:messages(), "published an advisory crediting C. Zhaojun")
end)

test("ignoring the report lets the flaw go public and the game is lost", function()
  local g = game{ seed = 2021 }
  g:advance_to_day(6)
  g:advance(1)
  contains(g:messages(), "proof-of-concept code for the Log4j lookup flaw is public")
  g:run{ player = "idle" }
  local r = g:result()
  eq(r.outcome, "lost")
  eq(objective(g, "patched"), false)
  eq(objective(g, "coordinated"), false)
  ok(r.pillars.collaboration < 40, "a missed disclosure deadline costs collaboration")
end)

test("security.txt brings the report early and handling it fixes the library", function()
  local g = game{ seed = 2021 }
  local accepted, why = g:act("security_txt")
  ok(accepted, why)
  g:advance_to_day(2)
  g:advance(1)
  local reports = g:view().reports
  eq(#reports, 1, "with security.txt the report arrives on day 2")
  eq(reports[1].id, "lookup-rce")
  accepted, why = g:act("handle_report", "lookup-rce")
  ok(accepted, why)
  g:advance(48)
  contains(g:messages(), "Fixed CVE-2021-44228 and published an advisory")
  g:run{}
  eq(objective(g, "patched"), true)
  eq(objective(g, "coordinated"), true)
end)

test("the flaw lives in the library: a scan of the shop finds it, a patch of the shop does not fix it", function()
  local g = game{ seed = 2021 }
  ok(g:act("scan", "shop"))
  g:advance(5)
  contains(g:messages(), "Found CVE-2021-44228")
  g:advance_to_day(6)
  g:advance(1) -- the advisory: a fix exists now
  eq(g:act("patch", "shop"), false, "the shop has no flaw of its own to patch")
  local accepted, why = g:act("patch", "log4j")
  ok(accepted, why)
  g:advance(7)
  g:run{}
  eq(objective(g, "patched"), true)
end)

test("in the sharing group, the espionage group's indicators arrive on day 7", function()
  local g = game{ seed = 2021 }
  local accepted, why = g:act("join_sharing")
  ok(accepted, why)
  g:advance_to_day(7)
  g:advance(10)
  contains(g:messages(), "The sharing group forwards indicators of an espionage group")
  local known = false
  for _, a in ipairs(g:view().actors) do
    if a.id == "aquatic" then known = true end
  end
  ok(known, "the espionage group should be a known threat")
end)

test("hacking back the command server hits a hospital and costs responsibility", function()
  local g = game{ seed = 2021 }
  g:advance_to_day(8)
  g:advance(1)
  local c = g:view().choices
  eq(#c, 1)
  eq(c[1].offensive, 2)
  local accepted, why = g:act{ action = "choose", target = c[1].id, option = 2 }
  ok(accepted, why)
  le(g:score().responsibility, 70)
  contains(g:messages(), "hijacked hospital workstation")
end)
