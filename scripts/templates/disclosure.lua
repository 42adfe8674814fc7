-- __ID__.lua — "__TITLE__", made with `bulwark new --template disclosure`.
--
-- A security researcher finds a path traversal in the product's download
-- service and reports it privately: coordinated vulnerability disclosure
-- (CURRICULUM.md section 5). Handled before the deadline, the flaw is fixed
-- and published with credit; ignored, it goes public with an exploit. A
-- lawyer suggests silencing the researcher instead.
--   bulwark check __ID__.lua && bulwark test __ID__.lua
--   bulwark run __ID__.lua --player sensible
-- The guide is scripts/AUTHORING.md; the reference scripts/API.md.

local threatened = false
local asked = false

-- The lawyer's idea, put to the player as a choice (API.md section 6,
-- w:choose) once the report has arrived. A choice's on_answer runs when the
-- player answers, or with the default option at the deadline.
local function lawyer(w)
  asked = true
  w:choose {
    text = "Legal suggests threatening the researcher with a lawsuit so the flaw stays quiet.",
    options = { "No: thank them, agree the deadline, credit them", "Send the legal threat" },
    default = 1, deadline = hours(12),
    on_answer = function(w, option)
      if option == 2 then
        threatened = true
        -- The researcher publishes at once: the flaw is public, every
        -- attacker knows it, and exploits are three times as likely.
        w:make_public("dl-traversal")
        w:adjust("responsibility", -20, "threatened a good-faith researcher")
        w:adjust("collaboration", -10, "researchers now publish without warning you")
        w:message("The researcher publishes the flaw with your lawyer's letter attached.")
      else
        w:message("R. Okafor agrees to wait for the fix and to be credited in the advisory.")
      end
    end,
  }
end

return scenario {
  id = "__ID__",
  title = "__TITLE__",
  author = "Your name",
  summary = "A researcher's private report: fix it with them before the deadline, or pay for silence.",
  days = 10,
  seed = 22,

  -- Curriculum ids from scripts/lib/curriculum.lua.
  commitments = { "collective", "protection" },
  teaches = {
    ssdf = { "RV.1", "RV.2", "RV.3" },  -- take reports in, fix, find the root cause
    attack = { "T1190" },
    cwe = { 22 },                        -- path traversal
  },

  briefing = [[
You maintain a file-download service used by 30 000 customers. You have no
security contact published, so a researcher who finds a flaw has to hunt for
someone to tell.

Publish security.txt, handle what researchers report before their deadline,
and keep the customers' files private.]],

  defender = { budget = 30, income = 4, staff = 3 },

  nodes = {
    -- The flaw exists from the start but nobody knows it (known = false,
    -- attackers_know = false): the report is how the defender learns of it.
    node { id = "downloads", label = "Download service", kind = "api", zone = "dmz", users = 30000, value = 20,
           vulns = { vuln { id = "dl-traversal", cwe = 22, severity = 7.5 } } },
    node { id = "files", label = "Customer files", kind = "fileserver", zone = "internal", users = 30000, value = 40 },
  },

  links = { link { "downloads", "files", "data" } },

  -- From day 8 a crew tries public flaws; it can use this one only once it
  -- is public or attackers otherwise learn of it (section 3, "vulns").
  actors = {
    actor { id = "crew", label = "Data thieves", motive = "espionage", skill = 3,
            uses = { "T1190", "T1213", "T1567" }, from = day(8), attempts = 24 },
  },

  -- A researcher's private report (section 3, "reports"): it arrives two
  -- days after `at` unless security.txt is published, then at `at`. From
  -- arrival, `deadline` ticks until the researcher publishes.
  reports = {
    report { id = "dl-report", vuln = "dl-traversal", reporter = "R. Okafor", at = day(2), deadline = days(3) },
  },

  actions = { "handle_report", "security_txt", "patch", "scan", "logging", "waf", "backup",
              "restore", "notify", "join_sharing" },

  objectives = {
    -- `reports_coordinated`: no report went public and every one that
    -- arrived was handled (section 3, "objectives").
    objective { id = "cvd", text = "Coordinate the researcher's report", kind = "reports_coordinated" },
    objective { id = "files", text = "Keep the customers' files", kind = "protect", node = "files" },
    objective { id = "good-faith", text = "Treat the researcher in good faith", kind = "script",
                check = function(w) return not threatened end },
    objective { id = "contact", text = "Publish security.txt", kind = "script", optional = true,
                check = function(w) return w:defender().security_txt end },
  },

  -- Every tick: once the defender knows the flaw (the report arrived), the
  -- lawyer speaks up, once.
  on_tick = function(w)
    if not asked and w:vuln("dl-traversal").known then lawyer(w) end
  end,

  debrief = function(w, result)
    local t = w:tally()
    local lines = {}
    if t.reports_coordinated > 0 then
      lines[#lines + 1] = "You fixed the flaw with the researcher and credited them: coordinated disclosure."
    elseif t.deadlines_missed > 0 then
      lines[#lines + 1] = "The deadline passed and the researcher published: your customers learnt of the flaw with the attackers."
    end
    if threatened then
      lines[#lines + 1] = "A legal threat does not fix a flaw; it made it public the same day."
    end
    if not w:defender().security_txt then
      lines[#lines + 1] = "Without security.txt, the report took two extra days to find you."
    end
    return table.concat(lines, "\n")
  end,
}
