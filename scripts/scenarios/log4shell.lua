-- log4shell.lua — "Holiday Lookup", after Log4Shell (CVE-2021-44228, December 2021).
--
-- The record: a lookup feature of Apache Log4j 2, a logging library inside
-- countless Java services, let a logged string such as ${jndi:ldap://...}
-- load and run remote code (CWE-502, CWE-20, CWE-917). It was reported
-- privately to Apache by Chen Zhaojun of Alibaba Cloud on 24 November 2021;
-- the fix was still in progress when the flaw became public on 9 December,
-- and mass scanning began within hours. Organisations that knew which of
-- their services used the library (an SBOM) patched in hours; others
-- searched for weeks. CISA and sharing groups circulated indicators daily.
--
-- This scenario exercises the whole scenario API: nodes with
-- vulnerabilities, a dependency link, actors, a researcher's report,
-- events, a partner's alert, a choice with an offensive option, a scripted
-- objective and a debrief written from what happened in this game.
return scenario {
  id = "log4shell",
  title = "Holiday Lookup",
  author = "Bulwark developers",
  days = 12,
  seed = 2021,
  commitments = { "protection", "collective", "no-offense" },
  teaches = {
    ssdf = { "PW.4", "RV.1", "RV.2", "PS.3" },
    attack = { "T1190", "T1059", "T1567", "T1486" },
    cwe = { 502, 20, 1104 },
  },
  briefing = [[
You run security for Northwind Payments: a shop front, a payments API, a
customer database and the build pipeline behind them. Both Java services
log through the same open-source library.

It is late November. Somewhere, a researcher is reading that library's code.
Keep customers served, keep their data, and remember that the people who
can warn you are the ones you share with.]],

  defender = { budget = 40, income = 5, staff = 3,
               capability = { PO = 0.2, PS = 0.15, PW = 0.2, RV = 0.25 } },

  nodes = {
    node { id = "shop", label = "Web shop", kind = "web", zone = "dmz", users = 30000, value = 20 },
    node { id = "api", label = "Payments API", kind = "api", zone = "dmz", users = 30000, value = 40 },
    node { id = "db", label = "Customer database", kind = "database", zone = "internal",
           users = 30000, value = 90, controls = { "backup" } },
    node { id = "log4j", label = "Logging library", kind = "library", zone = "build",
           vulns = { vuln { id = "CVE-2021-44228", cwe = 502, severity = 10.0, fix = false,
                            exploitability = 0.95 } } },
    node { id = "ci", label = "Build server", kind = "ci", zone = "build" },
    node { id = "laptop", label = "Admin laptop", kind = "laptop", zone = "internal", users = 1, value = 5 },
    node { id = "bank", label = "Partner bank", kind = "partner", zone = "partner", users = 50000, value = 50 },
  },

  links = {
    link { "log4j", "shop", "dependency" },
    link { "log4j", "api", "dependency" },
    link { "shop", "db", "data" },
    link { "api", "db", "network" },
    link { "ci", "shop", "dependency" },
    link { "laptop", "db", "trust" },
    link { "api", "bank", "network" },
  },

  actors = {
    actor { id = "scanners", label = "Mass scanners", motive = "money", skill = 2,
            uses = { "T1190", "T1059", "T1486" }, from = day(6), attempts = 12 },
    actor { id = "aquatic", label = "Espionage group", motive = "espionage", skill = 4,
            uses = { "T1190", "T1059", "T1567", "T1566" }, from = day(7), attempts = 4 },
  },

  reports = {
    report { id = "lookup-rce", vuln = "CVE-2021-44228", reporter = "C. Zhaojun",
             at = day(2), deadline = days(5) },
  },

  actions = { "patch", "scan", "waf", "logging", "edr", "backup", "segment", "isolate",
              "reconnect", "restore", "rotate_credentials", "mfa", "pin_deps", "train",
              "join_sharing", "share_indicator", "security_txt", "handle_report", "notify",
              "report_authorities", "hack_back" },

  events = {
    event { id = "advisory", at = day(6), run = function(w)
      -- Public disclosure happens whatever the defender did: the world knows now.
      w:message("9 December: proof-of-concept code for the Log4j lookup flaw is public. Scanning has begun.")
      w:release_fix("CVE-2021-44228")
      w:make_public("CVE-2021-44228")
    end },
    event { id = "isac", at = day(7) + 9, run = function(w)
      if w:indicator("aquatic") then
        w:message("The sharing group forwards indicators of an espionage group exploiting the flaw.")
      end
    end },
    event { id = "c2", at = day(8), run = function(w)
      w:choose {
        text = "A security vendor has traced the scanners hitting everyone's Log4j to a command server, and offers to take it down for you tonight, no questions asked.",
        options = { "Report it to the national CERT and share the indicators",
                    "Hack it back and wipe it" },
        offensive = 2, default = 1, deadline = hours(12),
        on_answer = function(w, option)
          if option == 2 then
            w:message("The server was a hijacked hospital workstation. The scanners moved on within hours.")
            w:offense(10, "Wiped a hijacked hospital's workstation", true)
          else
            w:adjust("collaboration", 5, "reported the command server to the national CERT")
          end
        end,
      }
    end },
  },

  objectives = {
    objective { id = "db", text = "Keep the customer database", kind = "protect", node = "db" },
    objective { id = "protection", text = "Serve customers safely (Protection 60+)", kind = "pillar",
                pillar = "protection", min = 60 },
    objective { id = "patched", text = "Patch the library before the end", kind = "script",
                check = function(w) return w:vuln("CVE-2021-44228").patched end },
    objective { id = "coordinated", text = "Coordinate the researcher's report", kind = "reports_coordinated",
                optional = true },
  },

  on_start = function(w)
    w:message("Monday. The payment peak starts in nine days.")
  end,

  on_action = function(w, action, target)
    if action == "security_txt" then
      w:message("security.txt is live: researchers know where to write to you.")
    end
  end,

  debrief = function(w, result)
    local lines = {}
    local v = w:vuln("CVE-2021-44228")
    if v.patched then
      lines[#lines + 1] = "You patched the lookup flaw. In December 2021 the organisations that knew where Log4j ran (an SBOM, PS.3) patched within hours; the rest searched for weeks."
    else
      lines[#lines + 1] = "The lookup flaw was still open at the end. Knowing your dependencies (PW.4, PS.3) is what turns a crisis into a patch."
    end
    if w:defender().in_sharing_group then
      lines[#lines + 1] = "You were in the sharing group: indicators reached you as they did through CISA and the ISACs in 2021."
    end
    local t = w:tally()
    if t.offenses > 0 then
      lines[#lines + 1] = "You struck back. The Accord's second commitment exists because attack infrastructure is usually someone else's machine: here, a hospital's."
    end
    if t.deadlines_missed > 0 then
      lines[#lines + 1] = "The researcher's deadline passed without a fix. In 2021 the flaw went public before Apache's fix was out; every hour between report and patch is an hour for the attackers."
    elseif t.reports_coordinated > 0 then
      lines[#lines + 1] = "You fixed the reported flaw and credited the researcher: coordinated disclosure (ISO/IEC 29147) working as it should."
    end
    return table.concat(lines, "\n")
  end,
}
