-- equifax.lua — "The Dispute Portal", after the Equifax breach (2017).
--
-- The record: on 6-7 March 2017 Apache published CVE-2017-5638 (bulletin
-- S2-045), a flaw in the Jakarta Multipart parser of the Struts 2 web
-- framework: a crafted Content-Type header was evaluated as an OGNL
-- expression and ran commands on the server (CWE-20). Fixed releases
-- shipped the same day and exploitation began within days. US-CERT warned
-- Equifax on 8 March and an internal alert went to a mailing list, but the
-- online dispute portal (ACIS), which used Struts, was not patched, and a
-- scan on 15 March did not find it. From 13 May intruders used the flaw on
-- the portal, found database credentials stored unencrypted, queried
-- dozens of databases and took data out over encrypted traffic that went
-- unseen because the certificate of a traffic-inspection device had
-- expired months before. The activity was noticed on 29 July, after the
-- certificate was renewed; the breach was announced on 7 September. About
-- 147 million people's records were exposed (US House Oversight Committee
-- report, December 2018; GAO-18-559).
--
-- The game: the framework everyone knows about is one click to patch; the
-- copy nobody inventoried sits in the dispute portal. Finding it (the
-- inventory choice, or a scan of the portal) is the lesson of PW.4 and
-- RV.1. The credentials on the file share decide how far an intruder goes.
-- What this game remembers for its debrief; on_start resets it.
local S = {}

return scenario {
  id = "equifax",
  title = "The Dispute Portal",
  author = "Bulwark developers",
  summary = "A patched framework flaw stays open in a forgotten copy: the Equifax breach of 2017.",
  days = 14,
  seed = 2017,
  commitments = { "protection", "collective" },
  teaches = {
    ssdf = { "PW.4", "RV.1", "RV.2", "PS.3", "PO.3", "PW.1" },
    attack = { "T1190", "T1059", "T1552", "T1213", "T1567", "T1078" },
    cwe = { 20, 1104, 798 },
  },
  briefing = [[
You run security at Ledgerline, a credit bureau: a consumer website, an
online dispute portal built years ago by another team, the dispute records,
a file share of configuration files, and the credit files of sixty million
people.

It is 8 March. Yesterday Apache fixed a critical flaw in the web framework
your Java services are built on; exploit code is already circulating, and
the national CERT has just sent its alert. Your inventory says one shared
copy of the framework serves the website.

Find every copy, patch it, and keep the credit files out of anyone else's
hands. If something does go wrong, the people whose data it is should hear
it from you.]],

  defender = { budget = 30, income = 4, staff = 4,
               capability = { PO = 0.15, PS = 0.1, PW = 0.15, RV = 0.1 } },

  nodes = {
    node { id = "site", label = "Consumer website", kind = "web", zone = "dmz",
           users = 40000, value = 20 },
    node { id = "portal", label = "Dispute portal", kind = "web", zone = "dmz",
           users = 15000, value = 30, data = true,
           -- The copy nobody listed: the same flaw, bundled years ago.
           vulns = { vuln { id = "S2-045-portal", cwe = 1104, severity = 10.0, fix = true,
                            attackers_know = true, public = true, exploitability = 0.9 } } },
    node { id = "framework", label = "Web framework", kind = "library", zone = "build",
           vulns = { vuln { id = "CVE-2017-5638", cwe = 20, severity = 10.0, fix = true,
                            known = true, attackers_know = true, public = true,
                            exploitability = 0.9 } } },
    node { id = "disputes", label = "Dispute records", kind = "database", zone = "internal",
           users = 15000, value = 40 },
    node { id = "share", label = "Config file share", kind = "fileserver", zone = "internal",
           value = 10,
           vulns = { vuln { id = "plaintext-db-credentials", cwe = 798, severity = 7.5, fix = true,
                            design = true } } },
    node { id = "credit", label = "Credit files", kind = "database", zone = "internal",
           users = 60000, value = 100, controls = { "backup" } },
  },

  links = {
    link { "framework", "site", "dependency" },
    link { "site", "credit", "network" },
    link { "portal", "disputes", "data" },
    link { "portal", "share", "network" },
  },

  actors = {
    actor { id = "scanners", label = "Exploit scanners", motive = "money", skill = 2,
            uses = { "T1190", "T1059", "T1486" }, from = day(1) + 20, attempts = 8 },
    actor { id = "intruders", label = "Data thieves", motive = "espionage", skill = 4,
            uses = { "T1190", "T1059", "T1552", "T1213", "T1567" }, from = day(6), attempts = 4 },
  },

  actions = { "patch", "scan", "threat_model", "waf", "logging", "edr", "backup", "segment",
              "isolate", "reconnect", "restore", "rotate_credentials", "mfa", "pin_deps",
              "train", "join_sharing", "share_indicator", "notify", "report_authorities" },
  costs = { patch = { hours = 8 } },  -- a framework upgrade needs a rebuild and a regression run
  cwe_pool = { 20, 79, 89, 94 },      -- what Java web apps of the time grew

  events = {
    event { id = "alert", at = day(1) + 2, run = function(w)
      w:message("8 March: the national CERT's alert on the framework flaw (S2-045) reached 400 inboxes.")
    end },
    event { id = "inventory", at = day(1) + 9, run = function(w)
      w:choose {
        text = "Who checks where the framework runs? Your list names one copy; older apps may bundle their own.",
        options = { "Inventory every app for its own copy",
                    "Patch the shared copy; owners patch theirs" },
        default = 2, deadline = hours(12),
        on_answer = function(w, option)
          if option == 1 then
            w:after(8, function(w)
              local v = w:vuln("S2-045-portal")
              if not v.patched and not v.known then
                w:message("Inventory: the dispute portal bundles its own old copy of the framework.", "portal")
                w:reveal("S2-045-portal")
              end
            end)
          else
            w:message("The alert stays on the mailing list. The portal's owners are not on it.")
          end
        end,
      }
    end },
    event { id = "exploits", at = day(1) + 20, run = function(w)
      w:message("Exploit kits now carry the Content-Type attack. Scanners hit every Java site they find.")
    end },
    event { id = "isac", at = day(5) + 10, run = function(w)
      if w:indicator("intruders") then
        w:message("The sharing group warns: a patient crew is exploiting S2-045 at credit and finance firms.")
      end
    end },
    event { id = "quiet", at = day(9) + 9, run = function(w)
      w:message("Months pass in the real story: the intruders ran some 9,000 queries over 76 days.")
    end },
  },

  objectives = {
    objective { id = "credit", text = "Keep the credit files", kind = "protect", node = "credit" },
    objective { id = "patched", text = "Patch every copy of the framework", kind = "script",
                check = function(w)
                  return w:vuln("CVE-2017-5638").patched and w:vuln("S2-045-portal").patched
                end },
    objective { id = "protection", text = "Serve customers safely (Protection 55+)", kind = "pillar",
                pillar = "protection", min = 55 },
    objective { id = "honest", text = "Tell people of any breach within 72 hours", kind = "script",
                optional = true,
                check = function(w) return w:tally().breaches_concealed == 0 end },
  },

  on_start = function(w)
    S = { creds_used = false, hit = {} }
    w:message("Ledgerline, 8 March 2017. Patch policy: critical flaws within 48 hours.")
  end,

  on_tick = function(w)
    -- The credentials in the configuration files (CWE-798): an intruder who
    -- reaches the share logs straight into the credit files with them, no
    -- exploit needed. Threat-modelling the share finds them; patching moves
    -- them to a vault.
    local s = S
    if not s.hit.portal and w:node("portal").compromised then s.hit.portal = true end
    -- Only a quiet foothold counts: the scanners' ransomware announces
    -- itself, and a share the defender is cleaning up is watched.
    local share = w:node("share")
    if not s.creds_used and share.compromised and not share.detected
       and not w:vuln("plaintext-db-credentials").patched
       and w:tick() >= day(6) then
      s.creds_used = true
      w:compromise("credit", "intruders", "T1078")
    end
  end,

  debrief = function(w, result)
    local lines = {}
    local s = S
    local shared, portal = w:vuln("CVE-2017-5638"), w:vuln("S2-045-portal")
    lines[#lines + 1] = "In 2017 the fix for S2-045 shipped with the advisory; Equifax's dispute portal stayed unpatched for months, and the records of 147 million people left through it."
    if shared.patched and portal.patched then
      lines[#lines + 1] = "You patched both copies: the shared framework and the one bundled in the portal. Knowing every component you run (PW.4, an SBOM: PS.3) is what made the second one findable."
    elseif shared.patched then
      lines[#lines + 1] = "You patched the copy on your list, not the one in the dispute portal: exactly the gap of 2017. An inventory or a scan of the portal (RV.1) would have shown it."
    else
      lines[#lines + 1] = "The framework flaw was still open at the end. A known flaw with a published fix is the cheapest breach to prevent (RV.2)."
    end
    if s.hit.portal then
      lines[#lines + 1] = "Attackers got into the dispute portal through the framework flaw (T1190)."
    end
    if s.creds_used then
      lines[#lines + 1] = "From the portal they reached the file share and used the database passwords in its configuration files (CWE-798, T1552) to log in to the credit files, as the 2017 intruders did with the unencrypted credentials they found."
    elseif not w:vuln("plaintext-db-credentials").patched then
      lines[#lines + 1] = "The database passwords in the share's configuration files were never moved to a vault; a threat model of the share (PW.1) would have found them."
    end
    local credit = w:node("credit")
    if credit.data_lost then
      lines[#lines + 1] = "The credit files were exfiltrated (T1567): lost for good, whatever you restore."
    elseif credit.state == "encrypted" then
      lines[#lines + 1] = "The credit files were encrypted."
    else
      lines[#lines + 1] = "The credit files stayed yours."
    end
    local t = w:tally()
    if t.breaches_concealed > 0 then
      lines[#lines + 1] = "A breach you had detected went unreported for more than 72 hours. Equifax found its breach on 29 July and announced it on 7 September; telling people quickly is part of protecting them."
    elseif t.breaches_notified > 0 then
      lines[#lines + 1] = "You told customers of the breach promptly: they could freeze their credit before the thieves used it."
    end
    if w:defender().in_sharing_group then
      lines[#lines + 1] = "You were in the sharing group: the warning that reached you is what the national CERT's alert was meant to be."
    end
    if result.outcome == "won" then
      lines[#lines + 1] = ("You held the bureau with %d star%s."):format(result.stars, result.stars == 1 and "" or "s")
    end
    return table.concat(lines, "\n")
  end,
}
