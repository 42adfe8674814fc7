-- __ID__.lua — "__TITLE__", made with `bulwark new` (template: basic).
--
-- A small shop with a known SQL injection, a crew that starts probing on
-- day 2, and an offer to hack the crew back. Play it, then make it yours:
--   bulwark check __ID__.lua     validate (every problem as file:line)
--   bulwark test __ID__.lua      run __ID__.test.lua, its tests
--   bulwark run __ID__.lua --player sensible   play headless with a bot
--   bulwark play __ID__.lua      play it in the window
-- The guide is scripts/AUTHORING.md; every field and method is in
-- scripts/API.md (section numbers below are that file's).

-- A scenario file runs once, in a sandbox, before the game exists. Plain
-- local variables are the place for the script's own state.
local hacked_back = false

-- `scenario { ... }` returns its table and remembers the line, so
-- `bulwark check` can point at it (API.md section 3, "The scenario table").
return scenario {
  id = "__ID__",               -- recorded in results and replays; letters, digits, - _ .
  title = "__TITLE__",         -- shown in menus and the debrief
  author = "Your name",
  summary = "Patch a known SQL injection before a crew finds it, and refuse to hack back.",
  days = 6,                    -- the game ends at tick days × 24 (one tick = one game hour)
  seed = 7,                    -- the world's random seed; `bulwark run --seed N` overrides it

  -- What this scenario teaches. Every id must be in scripts/lib/curriculum.lua
  -- (`bulwark check` refuses others); `bulwark curriculum` lists them.
  commitments = { "protection", "no-offense" },   -- Tech Accord commitments
  teaches = {
    ssdf = { "RV.2" },          -- assess, prioritise and remediate vulnerabilities
    attack = { "T1190" },       -- exploit public-facing application
    cwe = { 89 },               -- SQL injection
  },

  briefing = [[
You run IT for a small online shop. Last night's scan found an SQL injection
in the shop's search page, and a fix is available. A crew that steals card
data has been seen probing shops like yours.

Patch the shop and keep the orders database safe.]],

  -- The player's organisation (API.md "defender"): money at the start, money
  -- each morning, and people (each gives 8 staff hours a day).
  defender = { budget = 20, income = 3, staff = 2 },

  -- The assets (API.md "nodes"). `kind` and `zone` decide which attacks reach
  -- a node: a `web` node in the `dmz` is exposed to T1190 through its flaws.
  nodes = {
    node { id = "shop", label = "Web shop", kind = "web", zone = "dmz", users = 5000, value = 10,
           -- known = true: the player sees it from the start; a fix exists
           -- by default (fix = true), so `patch` removes it (API.md "vulns").
           vulns = { vuln { id = "shop-sqli", cwe = 89, severity = 8.1, known = true,
                            attackers_know = true } } },
    node { id = "db", label = "Orders database", kind = "database", zone = "internal",
           users = 5000, value = 30 },
  },

  -- Directed links: attacks move from the first node to the second
  -- (API.md "links"). A `data` link lets an intruder on the shop reach the
  -- database's data.
  links = { link { "shop", "db", "data" } },

  -- Threat actors (API.md "actors"): `uses` lists ATT&CK techniques; only
  -- the initial-access ones change what it does. It starts on day 2.
  actors = {
    actor { id = "crew", label = "Card-skimming crew", motive = "espionage", skill = 3,
            uses = { "T1190", "T1213", "T1567" }, from = day(2), attempts = 12 },
  },

  -- What the player may do (API.md section 7). `hack_back` is offensive and
  -- never offered unless listed; here the offer comes as a choice instead.
  actions = { "patch", "backup", "logging", "waf", "restore", "scan", "notify",
              "report_authorities", "share_indicator", "join_sharing" },

  -- Scheduled story (API.md "events"): `at` is a tick; day(2) is its first hour.
  events = {
    event { id = "warning", at = day(2), run = function(w)
      w:message("A partner saw SQL injection probes against shops like yours last night.", "shop")
    end },

    -- A decision (API.md "w:choose"): `offensive` names the option that is an
    -- offensive act; choosing it costs Responsibility on its own.
    event { id = "offer", at = day(3), run = function(w)
      w:choose {
        text = "A forum contact offers to break into the crew's server and wipe it. Do you take it?",
        options = { "Decline, and report the crew to the police", "Hack it back" },
        offensive = 2, default = 1, deadline = hours(12),
        on_answer = function(w, option)
          if option == 1 then
            w:adjust("collaboration", 5, "reported the crew to the police")
          else
            hacked_back = true
            w:message("The 'crew server' was a hijacked school laptop. Never hack back.")
          end
        end,
      }
    end },
  },

  -- What decides win or lose (API.md "objectives"): every non-optional one
  -- must be met at the end. `protect` is met while the node is never
  -- encrypted nor loses data; a `script` objective asks check(w) each day.
  objectives = {
    objective { id = "keep-db", text = "Keep the orders database's data", kind = "protect", node = "db" },
    objective { id = "patched", text = "Patch the SQL injection", kind = "script",
                check = function(w) return w:vuln("shop-sqli").patched end },
    objective { id = "no-offense", text = "Responsibility 90+: no offensive action", kind = "pillar",
                pillar = "responsibility", min = 90 },
  },

  -- Called when a player's action takes effect (API.md section 5).
  on_action = function(w, action, target)
    if action == "patch" and target == "shop" then
      w:message("The search page is fixed. The crew's probes now fail.")
    end
  end,

  -- The closing text: what happened, and why it matters (API.md section 5).
  debrief = function(w, result)
    local lines = {}
    if w:vuln("shop-sqli").patched then
      lines[#lines + 1] = "You patched the SQL injection: the cheapest defence is the fix you already have."
    else
      lines[#lines + 1] = "The SQL injection stayed open; a known flaw with a fix is an open door."
    end
    if w:node("db").data_lost then
      lines[#lines + 1] = "The crew took the orders database's data."
    end
    if hacked_back then
      lines[#lines + 1] = "You hacked back and hit a bystander: the Accord commits to no offensive action."
    end
    return table.concat(lines, "\n")
  end,
}
