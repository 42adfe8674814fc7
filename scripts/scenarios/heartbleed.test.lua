-- heartbleed.test.lua — tests of "Heartbeat" (scripts/scenarios/heartbleed.lua).

-- The id of the open choice whose text contains `needle`, or nil.
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

test("the sensible bot coordinates the report and wins", function()
  local g = game{ seed = 2014 }
  g:run{ player = "sensible" }
  local r = g:result()
  eq(r.outcome, "won")
  ok(objective(r, "coordinated").done, "the report should be coordinated")
  contains(g:messages(), "published an advisory crediting M. Lindqvist")
  contains(g:messages(), "within the hour of your advisory")
  ge(r.pillars.collaboration, 70)
  ok(r.stars >= 2, "expected at least two stars")
end)

test("ignoring the report lets the flaw go public before a fix", function()
  local g = game{ seed = 3 }
  g:run()                                          -- idle: nobody answers
  local r = g:result()
  eq(r.outcome, "lost")
  eq(objective(r, "coordinated").done, false)
  contains(g:messages(), "publishes to warn users. No fix exists")
  contains(g:messages(), "Deadline missed")
  ok(g:node("mail").data_lost or g:node("db").data_lost, "the scanners should have harvested data")
end)

test("security.txt brings the report two days sooner", function()
  local g = game{ seed = 5 }
  local accepted, why = g:act("security_txt")
  ok(accepted, why)
  g:advance_to_day(2)
  g:advance(11)                                    -- day 2, 11:00: the report is due at 10:00
  eq(#g:view().reports, 1, "the report should have arrived on day 2")
  local late = game{ seed = 5 }
  late:advance_to_day(2)
  late:advance(11)
  eq(#late:view().reports, 0, "without security.txt the researcher is still looking for a contact")
end)

test("no reply: the researcher publishes early, before any fix", function()
  local g = game{ seed = 11 }
  g:act("security_txt")
  g:advance_to_day(2)
  g:advance(11)
  local c = choice_about(g, "heartbeat over-read")
  ok(c, "the disclosure decision should be open")
  ok(g:act{ action = "choose", target = c, option = 4 })
  g:advance(48)
  local v = g:vuln("CVE-2014-0160")
  ok(v.public, "the flaw should be public")
  eq(v.patched, false)
  contains(g:messages(), "No reply in two days")
  g:advance(24)
  ok(g:vuln("CVE-2014-0160").fix, "an emergency fix follows a day later")
end)

test("an agreed date and a prompt fix keep the flaw out of reach", function()
  local g = game{ seed = 11 }
  g:act("security_txt")
  g:advance_to_day(2)
  g:advance(11)
  local c = choice_about(g, "heartbeat over-read")
  ok(g:act{ action = "choose", target = c, option = 1 })
  local accepted, why = g:act("handle_report", "heartbeat-overread")
  ok(accepted, why)
  g:advance(48)
  local v = g:vuln("CVE-2014-0160")
  ok(v.patched, "handling the report fixes the flaw")
  eq(g:tally().reports_coordinated, 1)
  contains(g:messages(), "Distributions and hosts shipped the fix")
  g:advance_to_day(12)
  eq(g:tally().deadlines_missed, 0)
end)

test("funding fuzzing finds the library's other bugs before the auditors", function()
  local funded = game{ seed = 9 }
  funded:advance(10)                               -- the grant decision opens at 09:00
  local c = choice_about(funded, "foundation")
  ok(c, "the grant decision should be open")
  ok(funded:act{ action = "choose", target = c, option = 1 })
  funded:advance_to_day(5)
  ok(funded:vuln("dtls-overflow").known, "the fuzzer should have found it on day 4")
  ok(funded:vuln("dtls-overflow").fix, "with a fix")
  eq(funded:vuln("dtls-overflow").public, false)

  local unfunded = game{ seed = 9 }
  unfunded:advance(10)
  ok(unfunded:act{ action = "choose", target = choice_about(unfunded, "foundation"), option = 2 })
  unfunded:advance_to_day(5)
  eq(unfunded:vuln("dtls-overflow").known, false)
  unfunded:advance_to_day(10)
  ok(unfunded:vuln("dtls-overflow").public, "auditors publish it on day 9")
end)
