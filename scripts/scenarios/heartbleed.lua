-- heartbleed.lua — "Heartbeat", after Heartbleed (CVE-2014-0160, April 2014).
--
-- The record: OpenSSL 1.0.1 (March 2012) shipped the TLS heartbeat
-- extension (RFC 6520) with a missing bounds check: a peer could ask for
-- up to 64 KB of "echo" and get the server's memory back (CWE-125, an
-- out-of-bounds read, of the CWE-119 family of memory-bounds errors).
-- Private keys, session cookies and passwords leaked without a trace in
-- the logs. Neel Mehta of Google Security (1 April 2014) and engineers at
-- Codenomicon, with a fuzzer, found it independently; OpenSSL published
-- 1.0.1g and an advisory on 7 April 2014. A few large companies heard
-- before the advisory; most operators, and several distributions, heard
-- with everyone else: disclosure was hurried and uneven. Mass scanning
-- began at once; the Canada Revenue Agency lost about 900 social insurance
-- numbers in the window. OpenSSL then had one full-time developer and about
-- US$2,000 a year of donations; the Linux Foundation's Core Infrastructure
-- Initiative (April 2014) funded it and other shared components, and the
-- audits and fuzzing that followed found more memory bugs (CVE-2014-0195,
-- CVE-2014-0198 and CVE-2014-0224 among them).
--
-- The player maintains a TLS library like it and runs services on it. The
-- game turns on a researcher's private report: acknowledge it, fix it and
-- publish an advisory with credit on an agreed date (security.txt brings
-- the report two days sooner) — or ignore it and watch the flaw go public
-- before a fix, with the scanners already waiting. A funding choice on day
-- 1 decides whether fuzzing finds the library's other bugs before others do.
--
-- The library's bugs are marked `design = true`: a network scanner does
-- not find an unknown memory bug in a C library; a researcher, a fuzzer or
-- a deep review (threat_model) does.

local HB = "CVE-2014-0160"
local FUZZ_BUGS = { "dtls-overflow", "tls-null-deref" }

local DAYS = 12
local S -- this game's story state, made fresh in on_start

-- Runs fn(w) h hours from now, if that is still inside the game.
local function later(w, h, fn)
  if w:tick() + h <= DAYS * 24 then w:after(h, fn) end
end

local function hb(w) return w:vuln(HB) end
local function secret(w) local v = hb(w) return not v.patched and not v.public end

-- The flaw is out before a fix: everyone scans for it from now on.
local function leak(w, why)
  if secret(w) then
    w:message(why, "tls")
    w:make_public(HB)
  end
end

return scenario {
  id = "heartbleed",
  title = "Heartbeat",
  author = "Bulwark developers",
  days = DAYS,
  seed = 2014,
  commitments = { "collective", "protection", "capacity" },
  teaches = {
    ssdf = { "RV.1", "RV.2", "RV.3", "PW.8" },
    attack = { "T1190", "T1552", "T1213", "T1567" },
    cwe = { 125, 119, 200, 787, 476 },
  },
  briefing = [[
Tessel Labs runs webmail, a customer portal and a staff VPN for 25,000
customers. All three speak TLS through an open-source library that two of
your engineers maintain in their spare time, on almost no money. Linux
distributions and hosting firms ship it too.

Two years ago the library gained a "heartbeat" extension. Somewhere a
researcher is reading that code.

If someone reports a flaw to you: answer, fix it, and publish an advisory
with credit on a date you agree, warning the people who ship your code.
security.txt tells researchers where to write. Keep the mail and the
account database safe.]],

  defender = { budget = 30, income = 4, staff = 3,
               capability = { PO = 0.2, PS = 0.15, PW = 0.15, RV = 0.2 } },

  cwe_pool = { 125, 787, 476, 190, 416 },
  weakness_rate = 0.02,

  nodes = {
    node { id = "tls", label = "TLS library (OSS)", kind = "library", zone = "build",
           vulns = {
             vuln { id = "CVE-2014-0160", cwe = 125, severity = 7.5, exploitability = 0.9,
                    fix = false, design = true },
             vuln { id = "dtls-overflow", cwe = 787, severity = 6.8, exploitability = 0.4,
                    fix = false, design = true },
             vuln { id = "tls-null-deref", cwe = 476, severity = 4.3, exploitability = 0.15,
                    fix = false, design = true },
           } },
    node { id = "mail", label = "Webmail", kind = "mail", zone = "dmz", users = 25000, value = 40 },
    node { id = "portal", label = "Customer portal", kind = "web", zone = "dmz", users = 25000, value = 20 },
    node { id = "vpn", label = "Staff VPN gateway", kind = "vpn", zone = "dmz", users = 60, value = 10 },
    node { id = "db", label = "Account database", kind = "database", zone = "internal",
           users = 25000, value = 80, controls = { "backup" } },
    node { id = "distro", label = "Linux distribution", kind = "partner",
           zone = "partner", users = 100000 },
    node { id = "host", label = "Hosting firm", kind = "partner",
           zone = "partner", users = 40000 },
  },

  links = {
    link { "tls", "mail", "dependency" },
    link { "tls", "portal", "dependency" },
    link { "tls", "vpn", "dependency" },
    link { "tls", "distro", "dependency" },
    link { "tls", "host", "dependency" },
    link { "portal", "db", "data" },
    link { "mail", "db", "data" },
    link { "vpn", "db", "network" },
  },

  actors = {
    actor { id = "scanners", label = "Memory-harvesting scanners", motive = "espionage", skill = 2,
            uses = { "T1190", "T1552", "T1213", "T1567" }, from = day(1), attempts = 12 },
  },

  reports = {
    report { id = "heartbeat-overread", vuln = "CVE-2014-0160", reporter = "M. Lindqvist",
             at = day(2) + 10, deadline = days(6) },
  },

  actions = { "patch", "scan", "threat_model", "waf", "logging", "edr", "backup", "segment",
              "isolate", "reconnect", "restore", "rotate_credentials", "mfa", "sast", "train",
              "join_sharing", "share_indicator", "security_txt", "handle_report", "notify" },

  events = {
    event { id = "grant", at = day(1) + 9, run = function(w)
      w:choose {
        text = "A foundation will fund the TLS library if you match its grant (6). How do you spend it?",
        options = { "Match it: a fuzzing harness and a paid maintainer",
                    "Decline; spend on the features customers want" },
        default = 2, deadline = hours(24),
        on_answer = function(w, option)
          if option == 1 then
            S.fuzz = true
            w:budget(-math.min(6, w:budget()))
            w:staff(1)
            w:adjust("capacity", 5, "funded fuzzing and a maintainer for a shared library")
            w:message("A paid maintainer starts tomorrow and the fuzzer runs every night.", "tls")
          else
            w:budget(6)
            w:message("The features sell. The library's two volunteers stay on their own.", "tls")
          end
        end,
      }
    end },
    event { id = "fuzzer", at = day(4) + 10, run = function(w)
      if not S.fuzz then return end
      for _, id in ipairs(FUZZ_BUGS) do
        w:release_fix(id)
        w:reveal(id)
      end
      w:message("Your fuzzer found two more memory bugs in the library. Fixes are ready: patch it.", "tls")
    end },
    event { id = "rediscovery", at = day(7), run = function(w)
      if not secret(w) then return end
      w:message("A fuzzing company found the same heartbeat flaw on its own: the secret will not keep.", "tls")
      later(w, 48, function(w)
        leak(w, "The second team publishes the heartbeat flaw. No fix exists yet.")
      end)
    end },
    event { id = "audit", at = day(9), run = function(w)
      local any = false
      for _, id in ipairs(FUZZ_BUGS) do
        if not w:vuln(id).patched then
          w:release_fix(id)
          w:make_public(id)
          any = true
        end
      end
      if any then
        w:message("Auditors combing the library publish more memory bugs, with fixes. Scanners follow.", "tls")
      end
    end },
  },

  objectives = {
    objective { id = "coordinated", text = "Handle the researcher's report before her deadline (fix + advisory)",
                kind = "reports_coordinated" },
    objective { id = "mail", text = "Keep the webmail's data", kind = "protect", node = "mail" },
    objective { id = "db", text = "Keep the account database", kind = "protect", node = "db" },
    objective { id = "fuzz-bugs", text = "Fix the library's other memory bugs", kind = "script", optional = true,
                check = function(w)
                  for _, id in ipairs(FUZZ_BUGS) do
                    if not w:vuln(id).patched then return false end
                  end
                  return true
                end },
  },

  on_start = function(w)
    S = { plan = nil, asked = false, fuzz = false, window = 0, fix_due = false,
          sessions = false, coordinated = false, rotated = {} }
    w:message("Early April. The heartbeat extension has shipped in your library for two years.", "tls")
  end,

  on_tick = function(w)
    local v = hb(w)
    if not S.asked and v.known then
      S.asked = true
      w:choose {
        text = "M. Lindqvist reports a heartbeat over-read that leaks server memory. How do you answer?",
        options = { "Thank her, agree a date, brief distributions",
                    "Publish the fix the moment it is ready",
                    "Warn only our largest customers first",
                    "Do not reply: probably a hoax" },
        default = 4, deadline = hours(24),
        on_answer = function(w, option)
          S.plan = ({ "embargo", "asap", "big", "silent" })[option]
          if option == 1 then
            w:adjust("collaboration", 5, "acknowledged the researcher and agreed a disclosure date")
            w:message("She agrees: the advisory goes out with the fix. Distributions are briefed under embargo.")
          elseif option == 2 then
            w:message("You thank her and start on the fix. Downstream will learn from the advisory.")
          elseif option == 3 then
            w:adjust("responsibility", -5, "warned the big customers first and the small ones last")
            later(w, 24, function(w)
              leak(w, "Word spread from the customers you told: the flaw is public before the fix.")
            end)
          else
            later(w, 48, function(w)
              leak(w, "No reply in two days: M. Lindqvist publishes to warn users. No fix exists.")
            end)
          end
        end,
      }
    end
    if v.public and not v.patched then
      S.window = S.window + 1
      if not v.fix and not S.fix_due then
        S.fix_due = true
        later(w, 24, function(w)
          if not hb(w).fix then
            w:release_fix(HB)
            w:message("Your volunteers ship an emergency fix for the heartbeat flaw: patch the library.", "tls")
          end
        end)
      end
    end
    -- Memory read during the window held live VPN sessions (as in a case
    -- Mandiant reported in April 2014): once the flaw is fixed, stolen
    -- sessions are used. Rotating credentials ends them.
    if v.patched and S.window >= 6 and not S.sessions then
      S.sessions = true
      w:message(("The flaw was open to all for %d hours. Keys and sessions may have leaked: rotate them.")
                :format(S.window), "vpn")
      if w:random() < math.min(0.8, S.window / 48) then
        w:compromise("vpn", "scanners", "T1078")
      end
    end
  end,

  on_action = function(w, action, target)
    if action == "security_txt" then
      w:message("security.txt is live: researchers know where to write to you.")
    elseif action == "handle_report" then
      if w:tally().reports_coordinated > 0 and not S.coordinated then
        S.coordinated = true
        if S.plan == "embargo" then
          w:adjust("collaboration", 5, "distributions shipped the fix on the agreed date")
          w:message("Distributions and hosts shipped the fix within the hour of your advisory.")
        else
          w:adjust("collaboration", -5, "distributions learned of the flaw from the press")
          w:message("Distributions and hosts learned from your advisory: their users stay exposed for days.")
        end
      end
    elseif action == "rotate_credentials" then
      S.rotated[target] = true
    end
  end,

  debrief = function(w, result)
    local lines = {}
    local t = w:tally()
    lines[#lines + 1] = result.outcome == "won" and "Your customers' mail and accounts came through intact."
                        or "Not every objective held this time."
    if S.coordinated then
      lines[#lines + 1] = "You fixed the heartbeat flaw and published an advisory crediting the researcher before her deadline: coordinated disclosure (RV.1, RV.2), as ISO/IEC 29147 describes it."
    elseif t.deadlines_missed > 0 then
      lines[#lines + 1] = "The researcher's deadline passed without a fix and an advisory. Ignoring a report does not keep a flaw secret; it only takes the fix out of the disclosure."
    end
    if S.plan == "embargo" then
      lines[#lines + 1] = "You agreed a date and briefed the distributions: they shipped with you. In 2014 a few large companies heard before the advisory; most operators heard with everyone else."
    elseif S.plan == "asap" then
      lines[#lines + 1] = "You published as soon as you could but warned no one downstream: their users were exposed from your advisory to their update."
    elseif S.plan == "big" then
      lines[#lines + 1] = "You warned the largest customers first. The secret leaked through them, and the small customers, who needed the warning most, heard last."
    elseif S.plan == "silent" then
      lines[#lines + 1] = "You did not answer the researcher. Researchers who hear nothing publish to protect users: that is how the flaw became public before a fix."
    end
    if S.window > 0 then
      lines[#lines + 1] = ("The flaw was public and unfixed for %d hours. Heartbleed left no trace in logs: in 2014 the Canada Revenue Agency lost about 900 records in such a window, and everyone had to revoke keys and change passwords."):format(S.window)
    end
    if S.sessions then
      if S.rotated.vpn or S.rotated.mail or S.rotated.portal then
        lines[#lines + 1] = "After the fix you rotated credentials: in 2014 patching was not enough; keys were revoked and reissued, passwords changed."
      else
        lines[#lines + 1] = "You never rotated the keys and sessions that may have leaked during the window; a patch does not un-leak a secret."
      end
    end
    if w:node("mail").data_lost or w:node("db").data_lost then
      lines[#lines + 1] = "Memory harvested through the flaw led to customer data: what an out-of-bounds read (CWE-125) exposes (CWE-200) is whatever happens to be in memory."
    end
    if S.fuzz then
      lines[#lines + 1] = "You funded fuzzing and a maintainer: your fuzzer found the next bugs before the auditors did (PW.8, RV.3). OpenSSL lived on about US$2,000 a year of donations until the Core Infrastructure Initiative funded it after Heartbleed."
    else
      lines[#lines + 1] = "You spent the grant on features. Codenomicon found Heartbleed with a fuzzer; after 2014 the Core Infrastructure Initiative funded OpenSSL, and audits found more memory bugs. Shared components need owners and money."
    end
    if w:defender().security_txt then
      lines[#lines + 1] = "Your security.txt (RFC 9116) brought the report two days sooner."
    end
    return table.concat(lines, "\n")
  end,
}
