-- xz.lua — "The Patient Contributor", after the xz-utils backdoor
-- (CVE-2024-3094, 2021–2024).
--
-- The record: XZ Utils, the compression library inside most Linux systems,
-- was kept for years by one volunteer, Lasse Collin, who wrote in 2022 of
-- his limited capacity. From late 2021 a contributor calling themselves
-- "Jia Tan" sent good patches; in 2022 accounts never seen before or since
-- pressed on the mailing list for faster releases and a new maintainer. Jia
-- Tan became co-maintainer and released versions. In 2023 they changed the
-- project's OSS-Fuzz build in a way that kept the fuzzer away from the code
-- later abused. In February 2024 they added binary "test files" holding an
-- encrypted payload and released 5.6.0 (then 5.6.1) with a build script,
-- build-to-host.m4, that existed only in the release tarballs, not in git:
-- it unpacked the payload into liblzma, which some distributions load into
-- sshd through libsystemd. Whoever held the attacker's key could run code
-- on the server before login (CWE-506, CVSS 10). A build check changed in
-- the same weeks silently disabled the Landlock sandbox (one stray dot).
-- On 29 March 2024 Andres Freund, a developer at Microsoft, noticed SSH
-- logins taking about half a second more CPU, traced it and reported it
-- to the distributions. It had reached rolling and testing distributions
-- (Debian testing and unstable, Fedora Rawhide, openSUSE Tumbleweed, Kali
-- and others) but not the stable releases. The lessons drawn: maintainers
-- need capacity (people, money, training), review must cover build scripts
-- and test data, and release tarballs must be reproducible from the public
-- source.
--
-- The player keeps a library like it. The campaign is scripted in four
-- steps (the record's order, condensed: the sandbox check comes before the
-- tarball here); at each, the team's review may catch it. The chance grows
-- with the team's secure-development capability (PW), which the `train`
-- action raises most: training early pays off at the later steps, and an
-- untrained team never catches it. Who has release rights (a choice under
-- pressure) and whether tarballs are reproducible (a choice from a
-- packager) shape the odds; monitoring the servers brings the discovery
-- sooner if the backdoor ships anyway.

local DAYS = 30
local BACKDOOR = "CVE-2024-3094"
local FREEZE = day(27) -- the stable distributions freeze their packages

local S -- this game's story state, made fresh in on_start

local function later(w, h, fn)
  if w:tick() + h <= DAYS * 24 then w:after(h, fn) end
end

-- How well the team reads a change: 0 below PW 0.2 (the untrained team
-- sees nothing odd), 0.9 at best. Capability comes from training above all.
local function skill(w)
  local pw = w:defender().capability.PW
  return math.max(0, math.min(0.9, (pw - 0.2) * 1.5))
end

-- Who reviews JT's changes: everyone (a contributor's patches), a
-- co-maintainer's peer now and then, or nobody.
local REVIEW = { review = 1.0, maintainer = 0.6, owner = 0.3 }

local STEPS = {
  { at = day(9) + 14, what = "JT changes the fuzzing build flags: \"ifunc breaks the fuzzer\".",
    caught = "Review asks why the fuzzer must skip that code. JT has no good answer." },
  { at = day(14) + 14, what = "JT adds binary test files \"for a new decoder\".",
    caught = "Review finds the test files decode to something that is not test data." },
  { at = day(19) + 14, what = "JT changes the build check for the Landlock sandbox.",
    caught = "Review spots a stray dot that makes the sandbox check always fail." },
  { at = day(22) + 14, what = "JT builds release 5.6's tarball by hand.", tarball = true,
    caught = "The tarball does not match the git tag: a build script exists only in the tarball." },
}

local function step(w, n)
  if S.exposed then return end
  local st = STEPS[n]
  local what, caught = st.what, st.caught
  local p
  if st.tarball then
    -- Review of the repository cannot see a file that is not in it;
    -- rebuilding the tarball from the tag and comparing can. A contributor
    -- without release rights has to get the build script past review.
    p = S.repro and (0.1 + 0.8 * skill(w)) or 0.2 * skill(w)
    if S.rights == "review" then
      what = "JT sends a \"fix\" to the release build scripts for the 5.6 tarball."
      caught = "Review finds the build script would unpack a test file into the library."
      p = math.max(p, skill(w))
    end
  else
    p = skill(w) * REVIEW[S.rights]
    if w:has_control("repo", "code_review") then p = p + 0.15 end
  end
  w:message(what, "repo")
  if w:random() < p then
    S.exposed = n
    w:message(caught, "repo")
    w:message("JT's access is revoked. The sock-puppet accounts fall silent.", "repo")
    w:adjust("capacity", 10, "a trained team caught a supply-chain attack in review")
    w:adjust("collaboration", 5, "warned other projects about the contributor")
    return
  end
  if st.tarball then
    S.shipped = w:tick()
    w:add_vuln { id = BACKDOOR, node = "lzkit", cwe = 506, severity = 10.0,
                 fix = false, known = false, attackers_know = false }
    w:message("lzkit 5.6 is out. A rolling distribution picks it up within days.", "lzkit")
    w:activate("jt")
    -- The key holder logs in through the backdoor once servers run it.
    later(w, w:random(24, 60), function(w)
      if not w:vuln(BACKDOOR).patched then w:compromise("sshd", "jt", "T1195") end
    end)
    -- Someone notices the slowdown: sooner if your servers are monitored.
    local watched = w:has_control("sshd", "logging") or w:has_control("sshd", "edr")
    local delay = watched and w:random(24, 48) or w:random(72, 120)
    later(w, delay, function(w)
      if w:vuln(BACKDOOR).patched then return end
      w:message(watched and "Your monitoring flags sshd logins taking half a second longer."
                         or "A distribution engineer finds sshd logins half a second slower.", "sshd")
      w:report { id = "sshd-slowdown", vuln = BACKDOOR, deadline = days(3),
                 reporter = watched and "Your on-call engineer" or "A distribution engineer" }
    end)
  end
end

return scenario {
  id = "xz",
  title = "The Patient Contributor",
  author = "Bulwark developers",
  days = DAYS,
  seed = 2024,
  commitments = { "capacity", "no-offense", "collective" },
  teaches = {
    ssdf = { "PO.2", "PW.7", "PW.8", "PS.2", "PS.3", "RV.1" },
    attack = { "T1195.002", "T1190", "T1059", "T1021", "T1567", "T1486" },
    cwe = { 1104, 787, 125, 190, 416 },
  },
  briefing = [[
Quillon Hosting runs login servers for 40,000 customers, and its team
maintains lzkit, the compression library those servers (and most Linux
systems) load. The team is three people; one of them is burning out.

A helpful contributor, JT, has started sending good patches. Voices on the
mailing list say the project is too slow and needs a new maintainer.

Reviewing well takes skill, and skill takes training: the team's
capability in secure development (PW) is what lets a reviewer notice that
a harmless-looking change is not. Build it early; it cannot be bought on
the day you need it. Keep the customer accounts safe and keep anything
bad out of the stable distributions, which freeze their packages on day 27.]],

  defender = { budget = 30, income = 5, staff = 3,
               capability = { PO = 0.1, PS = 0.1, PW = 0.1, RV = 0.15 } },

  cwe_pool = { 787, 125, 190, 416 },
  weakness_rate = 0.06,

  nodes = {
    node { id = "repo", label = "lzkit git repository", kind = "repo", zone = "build", value = 30 },
    node { id = "tarball", label = "Tarball builder", kind = "ci", zone = "build", value = 20 },
    node { id = "lzkit", label = "lzkit library", kind = "library", zone = "build", value = 10 },
    node { id = "sshd", label = "Login servers (sshd)", kind = "cloud", zone = "internet",
           users = 40000, value = 70 },
    node { id = "web", label = "Project website", kind = "web", zone = "dmz",
           users = 15000, value = 10 },
    node { id = "db", label = "Customer accounts", kind = "database", zone = "internal",
           users = 40000, value = 60, controls = { "backup" } },
    node { id = "rolling", label = "Rolling distro", kind = "partner", zone = "partner",
           users = 200000, value = 40 },
    node { id = "stable", label = "Stable distro", kind = "partner", zone = "partner",
           users = 2000000, value = 80 },
  },

  links = {
    link { "repo", "tarball", "dependency" },
    link { "tarball", "lzkit", "dependency" },
    link { "lzkit", "sshd", "dependency" },
    link { "lzkit", "rolling", "dependency" },
    link { "lzkit", "stable", "dependency" },
    link { "sshd", "db", "network" },
    link { "web", "db", "data" },
  },

  actors = {
    -- Idle until the script activates them, when the backdoor ships.
    actor { id = "jt", label = "The contributor's sponsors", motive = "espionage", skill = 5,
            uses = { "T1195.002", "T1059", "T1567" }, from = hours(8760), attempts = 2 },
    actor { id = "scanners", label = "Opportunistic scanners", motive = "money", skill = 2,
            uses = { "T1190", "T1059", "T1486" }, from = day(5), attempts = 8 },
  },

  actions = { "patch", "scan", "threat_model", "logging", "edr", "backup", "segment", "isolate",
              "reconnect", "restore", "rotate_credentials", "mfa", "code_review", "sast", "pin_deps",
              "sign_builds", "waf", "train", "join_sharing", "share_indicator", "security_txt",
              "handle_report", "notify", "report_authorities" },

  events = {
    event { id = "pressure", at = day(4) + 10, run = function(w)
      w:message("On the mailing list: \"Patches sit for months. Hand the project to someone with time.\"", "repo")
    end },
    event { id = "rights", at = day(5) + 9, run = function(w)
      w:choose {
        text = "The list wants JT as co-maintainer, and your exhausted colleague agrees. What do you do?",
        options = { "Keep reviewing JT's patches; ask a foundation",
                    "Make JT co-maintainer with release rights",
                    "Step back and let JT run the project" },
        default = 2, deadline = hours(24),
        on_answer = function(w, option)
          S.rights = ({ "review", "maintainer", "owner" })[option]
          if option == 1 then
            w:adjust("collaboration", 5, "asked a foundation for maintainer funding in the open")
            w:message("JT's patches keep going through review. You apply for a grant.", "repo")
            later(w, days(4), function(w)
              w:staff(1)
              w:message("A foundation grant pays a second maintainer from tomorrow.", "repo")
            end)
          else
            w:staff(1)
            w:message(option == 2 and "JT takes on releases. The work gets done faster than ever."
                                  or "JT runs the project now. You finally get some sleep.", "repo")
          end
        end,
      }
    end },
    event { id = "packager", at = day(11) + 9, run = function(w)
      w:choose {
        text = "A distribution packager asks for release tarballs that anyone can rebuild from the git tag.",
        options = { "Yes: make release tarballs reproducible",
                    "No time: keep hand-made tarballs" },
        default = 2, deadline = hours(24),
        on_answer = function(w, option)
          if option == 1 then
            S.repro = true
            w:budget(-math.min(4, w:budget()))
            w:adjust("capacity", 5, "release tarballs reproducible from the public source")
            w:message("Every release tarball is now rebuilt from its tag and compared.", "tarball")
          else
            w:message("Tarballs stay hand-made. Nobody compares them with the repository.", "tarball")
          end
        end,
      }
    end },
    event { id = "step1", at = STEPS[1].at, run = function(w) step(w, 1) end },
    event { id = "step2", at = STEPS[2].at, run = function(w) step(w, 2) end },
    event { id = "step3", at = STEPS[3].at, run = function(w) step(w, 3) end },
    event { id = "step4", at = STEPS[4].at, run = function(w) step(w, 4) end },
    event { id = "freeze", at = FREEZE, run = function(w)
      if S.shipped and not w:vuln(BACKDOOR).patched then
        S.in_stable = true
        w:message("The stable distributions freeze with lzkit 5.6 inside: the backdoor reaches millions.", "stable")
      elseif S.shipped then
        S.stable_near_miss = true
        w:message("The stable distributions freeze with the reverted lzkit. The backdoor stayed in testing.", "stable")
      else
        w:message("The stable distributions freeze. lzkit's release in them is clean.", "stable")
      end
    end },
  },

  objectives = {
    objective { id = "stable", text = "Keep the backdoor out of the stable distributions (day 27)",
                kind = "script", check = function(w) return not S.in_stable end },
    objective { id = "capacity", text = "Build the team's capacity (Capacity 40+)", kind = "pillar",
                pillar = "capacity", min = 40 },
    objective { id = "db", text = "Keep the customer accounts", kind = "protect", node = "db" },
    objective { id = "caught", text = "Catch the campaign in review", kind = "script", optional = true,
                check = function(w) return S.exposed ~= nil end },
    objective { id = "coordinated", text = "Coordinate any report you receive", kind = "reports_coordinated",
                optional = true },
  },

  on_start = function(w)
    S = { rights = "review", repro = false, exposed = nil, shipped = nil, in_stable = false,
          stable_near_miss = false, trained = 0, eye = 0, first_train = nil, fix_due = false }
    w:message("Two years ago lzkit had one maintainer. Now it has three tired ones.", "lzkit")
    w:schedule(day(3) + 10, function(w)
      w:message("A new contributor, JT, sends a careful patch to the decoder. Then another.", "repo")
    end)
  end,

  on_tick = function(w)
    if not S.shipped then return end
    local v = w:vuln(BACKDOOR)
    -- Published without a fix: the distributions revert on their own a day
    -- later, and the revert is there to patch.
    if v.public and not v.patched and not v.fix and not S.fix_due then
      S.fix_due = true
      later(w, 24, function(w)
        w:release_fix(BACKDOOR)
        w:message("Distributions revert lzkit to the last release JT did not touch: patch it.", "lzkit")
      end)
    end
  end,

  on_action = function(w, action, target)
    if action == "train" then
      S.trained = S.trained + 1
      S.first_train = S.first_train or w:tick()
      local eye = math.floor(skill(w) * 100 + 0.5)
      if target == "PW" and eye > S.eye then
        S.eye = eye
        w:message(("Secure-development training done: your reviewers' eye is now %d%%."):format(eye))
      end
    elseif action == "handle_report" then
      w:message("lzkit is reverted to the last release JT did not touch, with an advisory.", "lzkit")
    elseif action == "security_txt" then
      w:message("security.txt is live: people who find problems know where to write.")
    end
  end,

  debrief = function(w, result)
    local lines = {}
    lines[#lines + 1] = result.outcome == "won" and "The library your customers and the world load stayed yours."
                        or "This time the patient contributor, or the attackers around you, got what they came for."
    local names = { "the fuzzing-flags change", "the binary test files", "the sandbox check",
                    S.rights == "review" and "the release build-script patch" or "the hand-made tarball" }
    if S.exposed then
      lines[#lines + 1] = ("Your team caught the campaign at %s and revoked JT's access. In 2024 nobody caught it in review; one engineer's curiosity about half a second did.")
        :format(names[S.exposed])
    elseif S.in_stable then
      lines[#lines + 1] = "The backdoor reached the stable distributions. In 2024 it was found weeks before that, by luck: Andres Freund noticed sshd logins half a second slower."
    elseif S.shipped then
      lines[#lines + 1] = "The backdoor shipped but was reverted before the stable freeze, as in 2024, when it reached testing distributions only."
    end
    if S.first_train and S.first_train <= day(8) then
      lines[#lines + 1] = ("You trained early (%d course%s, the first on day %d): every later review had a better eye (PO.2, PW.7). Capability cannot be bought on the day it is needed.")
        :format(S.trained, S.trained == 1 and "" or "s", S.first_train // 24 + 1)
    elseif S.trained > 0 then
      lines[#lines + 1] = "You trained, but late: the early, subtle steps met reviewers who could not yet see them."
    else
      lines[#lines + 1] = "Your team never trained. An untrained reviewer sees a harmless test file; the xz campaign counted on overworked, unsupported maintainers."
    end
    if S.rights == "review" then
      lines[#lines + 1] = "You kept reviewing a newcomer's work and asked for funding instead of handing over the keys."
    elseif S.rights then
      lines[#lines + 1] = "Under pressure from accounts that existed only to push, you handed JT release rights, as happened to xz in 2022-23."
    end
    if S.exposed == 1 then
      lines[#lines + 1] = "The first step would have kept the fuzzer away from the code the backdoor used: a fuzzer (PW.8) only helps where it may look."
    elseif S.shipped then
      lines[#lines + 1] = "The first step had kept the fuzzer away from the code the backdoor used: a fuzzer (PW.8) only helps where it may look."
    end
    if S.shipped and not S.in_stable then
      lines[#lines + 1] = "Someone noticed an anomaly and reported it, and you reverted: identifying problems from the field (RV.1) saved the stable releases."
    end
    if w:node("db").data_lost or w:node("db").state == "encrypted" then
      lines[#lines + 1] = "The customer accounts were lost: through the backdoor, or through weaknesses that a trained team writes fewer of."
    end
    if S.repro then
      lines[#lines + 1] = "Reproducible tarballs (PS.2, PS.3) expose a file that is in the release but not in the repository: the xz backdoor's build script was exactly that."
    else
      lines[#lines + 1] = "Your tarballs were hand-made and never compared with the repository: the xz backdoor's build-to-host.m4 was only in the tarball."
    end
    return table.concat(lines, "\n")
  end,
}
