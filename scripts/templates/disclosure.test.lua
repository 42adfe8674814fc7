-- __ID__.test.lua — tests of __ID__.lua: `bulwark test __ID__.lua` runs them.
--
-- Each test(name, fn) runs in a fresh sandbox; game{} is a new game of the
-- scenario beside this file, with its own seed. g:act plays as the player
-- would; g:advance and g:run{ player = BOT } move time; g:view() is what a
-- bot sees; g:tally() counts what the pillars are made of. `bulwark test
-- --help` and scripts/API.md section 14 list everything.

-- Advances until the report is open, and returns it (as a bot sees it).
local function report_arrives(g)
  while #g:view().reports == 0 and not g:over() do g:advance(1) end
  local reports = g:view().reports
  eq(#reports, 1, "the report should arrive")
  return reports[1]
end

test("the sensible bot coordinates the report and wins", function()
  local g = game{}
  g:run{ player = "sensible" }
  eq(g:result().outcome, "won")
  eq(g:tally().reports_coordinated, 1)
  eq(g:tally().deadlines_missed, 0)
end)

test("ignored, the report goes public and the game is lost", function()
  local g = game{}
  g:run{ player = "idle" }
  eq(g:result().outcome, "lost")
  eq(g:tally().deadlines_missed, 1)
  contains(g:timeline(), "published dl-traversal with a working exploit")
end)

test("security.txt brings the report two days sooner", function()
  local without, with = game{}, game{}
  ok(with:act("security_txt"))
  report_arrives(without)
  report_arrives(with)
  eq(without.tick - with.tick, 48)      -- ticks are hours (days() is for scenarios only)
end)

test("handling the report fixes the flaw with credit", function()
  local g = game{}
  local r = report_arrives(g)
  eq(r.reporter, "R. Okafor")
  local accepted, why = g:act("handle_report", r.id)
  ok(accepted, why)
  g:advance(48)                          -- handle_report takes 48 hours
  ok(g:vuln("dl-traversal").patched)
  eq(g:tally().reports_coordinated, 1)
end)

test("the decision matters: a legal threat makes the flaw public and loses", function()
  local function decide(option)
    local g = game{}
    report_arrives(g)
    local c = g:view().choices[1]
    contains(c.text, "lawsuit")
    ok(g:act{ action = "choose", target = c.id, option = option })
    return g
  end
  local kind, threat = decide(1), decide(2)
  eq(kind:vuln("dl-traversal").public, false)
  eq(threat:vuln("dl-traversal").public, true)
  le(threat:score().responsibility, kind:score().responsibility - 20)
  -- Both then handle the report in time; only one keeps faith.
  for _, g in ipairs({ kind, threat }) do
    ok(g:act("handle_report", "dl-report"))
    g:run{ player = "idle" }
  end
  eq(kind:result().outcome, "won")
  eq(threat:result().outcome, "lost")
end)
