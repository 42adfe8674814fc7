-- __ID__.lua — "__TITLE__", made with `bulwark new --template supply-chain`.
--
-- An open-source library the product depends on gets a tampered release
-- (after event-stream, 2018, and xz-utils, 2024): a stranger took over the
-- maintainer's account. The tampered code flows along dependency links into
-- the build and from the build into the customer portal, then reaches the
-- customer database. Pinning dependencies and signing builds stop most of
-- it; a launch-day decision asks whether to ship a build nobody reviewed.
--   bulwark check __ID__.lua && bulwark test __ID__.lua
--   bulwark run __ID__.lua --player sensible
-- The guide is scripts/AUTHORING.md; the reference scripts/API.md.

local held = false      -- the player held the release for review
local tainted = false   -- the portal ever ran tampered code (set by on_tick)

return scenario {
  id = "__ID__",
  title = "__TITLE__",
  author = "Your name",
  summary = "A tampered dependency reaches the build: pin, sign, and hold a release nobody reviewed.",
  days = 8,
  seed = 2024,

  -- Curriculum ids from scripts/lib/curriculum.lua. "no-offense" includes
  -- protecting products against tampering.
  commitments = { "protection", "no-offense" },
  teaches = {
    ssdf = { "PW.4", "PS.2" },          -- vetted, pinned dependencies; signed releases
    attack = { "T1195.001", "T1213" },  -- compromised dependency; data from repositories
  },

  briefing = [[
Your team ships a customer portal. Its build server pulls an open-source
JSON library straight from the package registry: whatever was released last.
Launch day is day 3.

Nothing is wrong yet. Harden the pipeline: pin what the build takes, sign
what it produces, and keep the customer database's data where it belongs.]],

  defender = { budget = 30, income = 4, staff = 3 },

  nodes = {
    -- The `partner` zone belongs to someone else: the player cannot act on
    -- it (section 8, "Zones"). Partners find intruders themselves.
    node { id = "lib", label = "fastjson (upstream)", kind = "library", zone = "partner", users = 0, value = 5 },
    -- `ci` and `web` produce code: `pin_deps` and `sign_builds` apply (section 7).
    node { id = "ci", label = "Build server", kind = "ci", zone = "build", users = 0, value = 15 },
    node { id = "portal", label = "Customer portal", kind = "web", zone = "dmz", users = 20000, value = 20 },
    node { id = "db", label = "Customer database", kind = "database", zone = "internal",
           users = 20000, value = 40 },
  },

  -- A `dependency` link carries a tampered component from the first node to
  -- the second (T1195): `pinned_deps` on the receiver stops 80 %, and
  -- `signed_builds` on the sender 90 % (section 8, "Link kinds").
  links = {
    link { "lib", "ci", "dependency" },
    link { "ci", "portal", "dependency" },
    link { "portal", "db", "data" },
  },

  -- The story plants the actor with w:compromise (the events below). From
  -- `from` on it may also try supply-chain access (T1195) on the build
  -- server by itself, a 0.6 % chance an attempt before skill and controls:
  -- rare, but pinning and code review are what stop it (section 8,
  -- "ATT&CK techniques"). `espionage` steals data (section 8, "Motives").
  actors = {
    actor { id = "hijacker", label = "Hijacked maintainer account", motive = "espionage", skill = 3,
            uses = { "T1195.001", "T1213", "T1567" }, from = day(2) + 9 },
  },

  actions = { "pin_deps", "sign_builds", "code_review", "scan", "logging", "backup", "restore",
              "isolate", "reconnect", "rotate_credentials", "notify", "share_indicator", "join_sharing" },

  events = {
    -- Day 2, 09:00 (day(2) + 9 is a tick: 24 + 9): the tampered release.
    -- w:compromise plants a foothold, unseen until detected (section 6).
    event { id = "tampered-release", at = day(2) + 9, run = function(w)
      w:compromise("lib", "hijacker", "T1195.001")
      if w:has_control("ci", "pinned_deps") then
        w:message("fastjson 2.3.1 is out. The build is pinned to 2.2.0 and does not take it.", "ci")
      else
        w:compromise("ci", "hijacker", "T1195.001")   -- the nightly build pulled it
      end
    end },

    -- Day 3: launch day, and a decision (section 6, w:choose). If nobody
    -- answers within 6 hours, the default (2) is taken: the release ships.
    event { id = "launch", at = day(3) + 8, run = function(w)
      w:choose {
        text = "Launch day. Should the release built last night ship, though nobody reviewed the dependency updates it took?",
        options = { "Hold the release and review the new dependencies", "Ship on time" },
        default = 2, deadline = hours(6),
        on_answer = function(w, option)
          if option == 1 then
            held = true
            if w:node("ci").compromised then
              w:message("The review finds code in fastjson 2.3.1 that sends records out. You warn the registry; clean the build server.")
              w:adjust("collaboration", 5, "warned the registry about the tampered release")
            else
              w:message("The review finds nothing wrong. The release ships a day late.")
            end
          elseif w:node("ci").compromised then
            -- What ships is the tampered build: the portal now runs it.
            w:compromise("portal", "hijacker", "T1195.001")
            w:message("Version 4.0 of the portal is live.")
          else
            w:message("Version 4.0 of the portal is live, built from pinned, known versions.")
          end
        end,
      }
    end },
  },

  objectives = {
    objective { id = "no-leak", text = "No customer data leaves", kind = "no_data_lost" },
    objective { id = "clean-portal", text = "The portal never runs tampered code", kind = "script",
                check = function(w) return not tainted end },
    objective { id = "held", text = "Review before you ship", kind = "script", optional = true,
                check = function(w) return held end },
  },

  -- Objectives are asked at the end of each day, and a `script` objective
  -- counts its last answer: to mean "never", remember it every tick.
  on_tick = function(w)
    if w:node("portal").compromised then tainted = true end
    if w:node("db").data_lost and not w:over() then
      w:end_game(false, "Customer records are for sale on a forum.")
    end
  end,

  debrief = function(w, result)
    local lines = {}
    local pinned = w:has_control("ci", "pinned_deps")
    local signed = w:has_control("ci", "signed_builds")
    lines[#lines + 1] = pinned and "The build took only pinned, reviewed versions."
                               or "The build took whatever the registry served last."
    lines[#lines + 1] = signed and "Its output was signed: a tampered build could not pass as yours."
                               or "Its output was unsigned."
    if held then
      lines[#lines + 1] = "You held the launch to review a dependency nobody knew: that is PW.4 in practice."
    end
    return table.concat(lines, "\n")
  end,
}
