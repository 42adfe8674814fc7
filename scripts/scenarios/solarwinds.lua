-- solarwinds.lua — "The Trusted Update", after SolarWinds SUNBURST (2020).
--
-- The record: intruders (attributed by the US government in April 2021 to
-- Russia's foreign intelligence service, SVR) were inside SolarWinds'
-- network from September 2019. A harmless test injection into an Orion
-- build (autumn 2019) was followed by SUNSPOT, an implant on the build
-- server that swapped a source file of the Orion platform while it
-- compiled (from February 2020). Orion updates released from March to
-- June 2020 carried the SUNBURST backdoor and were signed with SolarWinds'
-- own certificate: signing proved who had built them, not what had been
-- built. Up to about 18,000 customers installed them; the backdoor waited
-- about two weeks before calling home, and a far smaller number of
-- victims (US agencies, security and technology firms) got a second
-- stage. FireEye, itself a victim, found it while investigating the theft
-- of its red-team tools and told SolarWinds; on 13 December 2020
-- SolarWinds, FireEye and CISA (Emergency Directive 21-01) published
-- advisories and indicators, and the command domain was taken
-- over through the registrar and turned into a kill switch. SolarWinds
-- later moved to builds made in parallel in separate environments and
-- compared; Executive Order 14028 (May 2021) led to NIST's SSDF becoming
-- the yardstick for software sold to the US government.
--
-- The player is a vendor of a monitoring product living through the same
-- thing: an intruder already sits on a developer workstation and goes for
-- the build server. What protects the customers is a build that is checked
-- (verified against an independent rebuild: PS.1, PS.2, PO.5), signing that
-- protects the download path, monitoring that notices, and honesty when a
-- customer finds the backdoor. Releases are scripted: a release built on a
-- tampered build server carries the backdoor whatever it is signed with.

local DAYS = 20
local RELEASES = { { at = day(6) + 12, name = "2020.2" }, { at = day(10) + 12, name = "2020.2 HF1" },
                   { at = day(14) + 12, name = "2020.2.1" } }

local S -- this game's story state, made fresh in on_start

local function later(w, h, fn)
  if w:tick() + h <= DAYS * 24 then w:after(h, fn) end
end

-- A release leaves the building. What it carries depends on the truth:
-- a tampered build server, a swapped file on the download server.
local function release(w, name)
  local built_dirty = w:node("build").compromised
  local mirror_dirty = w:node("updates").compromised and not w:has_control("build", "signed_builds")
  if built_dirty and S.verify then
    S.held = S.held + 1
    w:message(("Release %s held: the clean rebuild differs from the build server's output."):format(name), "build")
    if S.held == 1 then
      if w:indicator("halo") then
        w:message("The sharing group's analysts took the differing binary apart and sent back indicators.")
      else
        w:message("No partner helps you analyse the binary. Rebuild the build server yourself (restore).", "build")
      end
    end
    w:adjust("protection", -2, "a release held back while the build is investigated")
    return
  end
  local signed = w:has_control("build", "signed_builds")
  w:message(("Release %s ships to 18,000 customers, %s."):format(name,
            signed and "signed with your certificate" or "unsigned"), "updates")
  if built_dirty or mirror_dirty then
    S.trojaned = S.trojaned + 1
    S.signed_trojan = S.signed_trojan or signed
    S.mirror = S.mirror or (mirror_dirty and not built_dirty)
    -- Your own install takes the update too; a security firm among the
    -- customers gets it after the backdoor's dormancy.
    w:compromise("vantage", "halo", "T1195")
    if not S.kestrel_at then
      S.kestrel_at = w:tick()
      later(w, days(3), function(w)
        S.kestrel_hit = true
        w:compromise("kestrel", "halo", "T1195")
      end)
    end
  end
end

local function discovered(w, how)
  if S.discovered then return end
  S.discovered = w:tick()
  w:message(how, "updates")
  w:choose {
    text = "A customer found a backdoor in your update. What do you do?",
    options = { "Advisory now: tell customers, CERT, indicators",
                "Ship a clean update quietly, disclose later",
                "Have our red team break into their servers" },
    offensive = 3, default = 2, deadline = hours(24),
    on_answer = function(w, option)
      S.answer = option
      if option == 1 then
        w:adjust("collaboration", 10, "published an advisory and indicators within a day")
        w:message("CERT orders customers to disconnect the product. The registrar sinkholes the command domain.")
        w:indicator("halo")
      elseif option == 2 then
        w:adjust("responsibility", -30, "customers learned of the backdoor from the press, not from you")
        w:message("A reporter breaks the story before your quiet update ships. Customers hear it from the news.")
      else
        w:offense(10, "Broke into a rented server that also hosted a school's website", true)
        w:message("The 'attacker server' was a rented host shared with others. The intruders had moved on.")
      end
    end,
  }
end

return scenario {
  id = "solarwinds",
  title = "The Trusted Update",
  author = "Bulwark developers",
  days = DAYS,
  seed = 2020,
  commitments = { "no-offense", "protection", "collective" },
  teaches = {
    ssdf = { "PO.5", "PS.1", "PS.2", "PS.3", "RV.1" },
    attack = { "T1195.002", "T1078", "T1133", "T1190", "T1021", "T1567" },
    cwe = { 798, 287 },
  },
  briefing = [[
Meridian Systems makes Vantage, a network monitoring product that 18,000
customers run with administrator rights: agencies, telecoms, security
firms. Updates come from your build server and are signed with your
certificate. Three releases ship this season.

It is January 2020. What you do not know: someone has been on a
developer's workstation for months, patient and quiet, and the build
server is one hop away.

A signature says who built a release, not what was built. Check your
builds, watch your build environment, and if the worst happens, tell your
customers the truth.]],

  defender = { budget = 45, income = 6, staff = 3,
               capability = { PO = 0.2, PS = 0.2, PW = 0.2, RV = 0.2 } },

  nodes = {
    node { id = "laptop", label = "Developer laptop", kind = "laptop", zone = "internal",
           users = 1, value = 5, controls = { "edr" } },
    node { id = "mail", label = "Staff mail (cloud)", kind = "mail", zone = "internet",
           users = 3000, value = 40 },
    node { id = "vpn", label = "Remote access VPN", kind = "vpn", zone = "dmz", users = 400, value = 10,
           leaked_credentials = true,
           vulns = { vuln { id = "vpn-auth-bypass", cwe = 287, severity = 8.1, known = true } } },
    node { id = "repo", label = "Source repository", kind = "repo", zone = "build", value = 60 },
    node { id = "build", label = "Build server", kind = "ci", zone = "build", value = 50 },
    node { id = "updates", label = "Update server", kind = "web", zone = "dmz",
           users = 18000, value = 30,
           vulns = { vuln { id = "mirror-password", cwe = 798, severity = 7.5, exploitability = 0.7 } } },
    node { id = "vantage", label = "Vantage (your own)", kind = "api", zone = "internal",
           value = 30 },
    node { id = "kestrel", label = "Kestrel (customer)", kind = "partner", zone = "partner",
           users = 2000, value = 40 },
    node { id = "agency", label = "Treasury (customer)", kind = "partner", zone = "partner",
           users = 90000, value = 80 },
  },

  links = {
    link { "vpn", "laptop", "network" },
    link { "laptop", "repo", "trust" },
    link { "laptop", "build", "network" },
    link { "laptop", "mail", "trust" },
    link { "repo", "build", "dependency" },
    link { "vantage", "mail", "trust" },
    link { "vantage", "repo", "trust" },
    link { "updates", "kestrel", "dependency" },
    link { "updates", "agency", "dependency" },
  },

  actors = {
    actor { id = "halo", label = "State-backed intruders", motive = "espionage", skill = 5,
            uses = { "T1195.002", "T1078", "T1133", "T1190", "T1021", "T1567" }, from = day(3), attempts = 4 },
  },

  reports = {
    report { id = "mirror-password", vuln = "mirror-password", reporter = "D. Osei",
             at = day(3) + 10, deadline = days(5) },
  },

  actions = { "patch", "scan", "threat_model", "logging", "edr", "backup", "segment", "isolate",
              "reconnect", "restore", "rotate_credentials", "mfa", "code_review", "pin_deps",
              "sign_builds", "train", "join_sharing", "share_indicator", "security_txt",
              "handle_report", "notify", "report_authorities", "hack_back" },

  events = {
    event { id = "verify", at = day(1) + 9, run = function(w)
      w:choose {
        text = "Your build lead proposes verified builds: rebuild each release on an isolated builder and compare.",
        options = { "Adopt it: verify every release before signing",
                    "Not now: signing our builds is enough" },
        default = 2, deadline = hours(24),
        on_answer = function(w, option)
          if option == 1 then
            S.verify = true
            w:budget(-math.min(6, w:budget()))
            w:adjust("capacity", 5, "adopted verified, reproducible builds")
            w:message("A second, isolated builder now rebuilds every release from source for comparison.", "build")
          else
            w:message("Releases keep going straight from the build server to signing.", "build")
          end
        end,
      }
    end },
    event { id = "r1", at = RELEASES[1].at, run = function(w) release(w, RELEASES[1].name) end },
    event { id = "r2", at = RELEASES[2].at, run = function(w) release(w, RELEASES[2].name) end },
    event { id = "r3", at = RELEASES[3].at, run = function(w) release(w, RELEASES[3].name) end },
    event { id = "press", at = day(18), run = function(w)
      if S.trojaned > 0 and not S.discovered then
        discovered(w, "A security firm among your customers reports that your update carries a backdoor.")
      end
    end },
  },

  objectives = {
    objective { id = "clean", text = "Ship no backdoored update to customers", kind = "script",
                check = function(w) return S.trojaned == 0 end },
    objective { id = "mail", text = "Keep the staff mail", kind = "protect", node = "mail" },
    objective { id = "honest", text = "Stay honest and lawful (Responsibility 75+)", kind = "pillar",
                pillar = "responsibility", min = 75 },
    objective { id = "report", text = "Handle the researcher's report", kind = "reports_coordinated" },
    objective { id = "caught", text = "Catch the intruder in your build environment", kind = "script",
                optional = true,
                check = function(w) return S.build_detected end },
  },

  on_start = function(w)
    S = { verify = false, held = 0, trojaned = 0, mirror = false, discovered = nil, answer = nil,
          kestrel_at = nil, kestrel_hit = false, build_hit = false, build_detected = false,
          signed_trojan = false }
    -- A phished developer workstation; in the record the intruders were
    -- inside months before the implant reached the build.
    w:schedule(day(2), function(w) w:compromise("laptop", "halo", "T1566") end)
    w:message("January 2020. Vantage 2020.2 ships in spring; two hotfixes follow.")
  end,

  on_tick = function(w)
    if not S.build_hit and w:node("build").compromised then S.build_hit = true end
    if not S.build_detected and w:node("build").detected then
      S.build_detected = true
    end
    -- The security-firm customer cleaned the backdoor out of its network:
    -- it knows where it came from.
    if S.kestrel_hit and not S.discovered and not w:node("kestrel").compromised then
      discovered(w, "Kestrel Security, a customer, found a backdoor in your update and tells you.")
    end
  end,

  on_action = function(w, action, target)
    if action == "security_txt" then
      w:message("security.txt is live: researchers know where to write to you.")
    elseif action == "handle_report" then
      w:message("The download server's password is changed and out of the public repository.", "updates")
    end
  end,

  debrief = function(w, result)
    local lines = {}
    lines[#lines + 1] = result.outcome == "won" and "Your customers received only what you meant to ship."
                        or "This time the trusted update, or the trust in you, did not hold."
    if S.trojaned > 0 then
      lines[#lines + 1] = ("%d release%s carried the backdoor to your customers%s. In 2020 up to about 18,000 SolarWinds customers installed such updates.")
        :format(S.trojaned, S.trojaned == 1 and "" or "s",
                S.signed_trojan and ", signed with your own certificate" or "")
      if S.mirror then
        lines[#lines + 1] = "One was swapped on the download server: signing the builds (PS.2) lets customers reject a file nobody signed."
      end
    elseif S.held > 0 then
      lines[#lines + 1] = "Your verified builds caught the tampered build: the clean rebuild did not match, and the release stayed home (PS.1, PS.2, PS.3). SolarWinds moved to parallel, compared builds after SUNBURST."
    elseif S.verify then
      lines[#lines + 1] = "No tampered release left the building, and every build was checked against a clean rebuild anyway (PS.1, PS.2): the check costs little when nothing is wrong."
    else
      lines[#lines + 1] = "No tampered release left the building."
    end
    if not S.verify then
      lines[#lines + 1] = "You did not verify builds. A signature says who built a release, not what was built: SUNBURST was signed with SolarWinds' own certificate."
    end
    if not S.build_hit then
      lines[#lines + 1] = "The intruders never reached your build server. Keeping the build environment apart and watched (PO.5) is the first line."
    elseif S.build_detected then
      lines[#lines + 1] = "Your monitoring saw the intruder in the build environment. Watching build hosts as closely as servers (PO.5, RV.1) is how a SUNSPOT-like implant gets noticed."
    else
      lines[#lines + 1] = "The intruder in the build environment was never seen by your monitoring. The real implant ran for months before FireEye, a victim, found the backdoor."
    end
    if S.answer == 1 then
      lines[#lines + 1] = "You told customers at once and shared indicators: on 13 December 2020 SolarWinds, FireEye and CISA did the same, and the command domain became a kill switch."
    elseif S.answer == 2 then
      lines[#lines + 1] = "You tried to fix it quietly first. Customers running the backdoor needed the indicators that day, not after your next release."
    end
    if w:node("mail").data_lost then
      lines[#lines + 1] = "The intruders read your staff mail, as they read SolarWinds' and many victims' cloud mail: MFA on the trust paths and a fast rebuild of a compromised workstation limit that."
    end
    if w:tally().offenses > 0 then
      lines[#lines + 1] = "You struck back. The Accord's second commitment exists because attack servers are usually rented or hijacked from bystanders."
    end
    if w:tally().deadlines_missed > 0 then
      lines[#lines + 1] = "A researcher's report of a password in a public repository went unanswered until it was public. (SolarWinds got such a report in November 2019; no link to SUNBURST has been shown.)"
    end
    return table.concat(lines, "\n")
  end,
}
