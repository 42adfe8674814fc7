-- tutorial.lua — "First Shift": the controls and the four pillars, one step
-- at a time, in a calm little world where nothing can be lost.
--
-- Each step tells the player what to do next and reacts when they do it.
-- A step already done earlier (players click ahead) is recognised and
-- skipped. If a step waits long, its hint is repeated. When the last step
-- is done the tutorial ends, won; a player who does nothing reaches the end
-- of day 7, and wins too: the tutorial has no objective that can fail (its
-- objectives are optional, one per step, so the UI can tick them off).
--
-- No attacker ever acts here: the one crew the player hears of attacks
-- other bookshops, after the tutorial ends.

-- Every hint repeats at most this often (hours) and this many times.
local HINT_EVERY, HINT_MAX = 12, 4

local state = {
  step = 0,          -- index in STEPS of the current step; #STEPS + 1 when finished
  since = 0,         -- tick the current step began
  hints = 0,
  reported = false, warned = false, decision_asked = false,
  decided = nil, trained = false,
  finished = false,
  done = {},         -- step id -> true
}

local advance -- defined below the steps

-- The steps, in order. `done(w)` says whether the step is complete (it is
-- asked at every step change, every action and every hour); `start(w)`, if
-- any, sets the step up; `text` is the instruction, `after` the line shown
-- when it is done, naming the pillar it moved.
local STEPS = {
  { id = "patch", goal = "Patch the web shop",
    text = "Select the Web shop on the map and choose Patch: it has a known flaw with a fix.",
    after = "Patched. Protection counts customers served safely: unpatched flaws are how attackers get in.",
    done = function(w) return w:vuln("shop-xss").patched end },
  { id = "logging", goal = "Turn on logging on the database",
    text = "Select the Orders database and choose Logging, so an intruder there would be noticed.",
    after = "Logging is on. Every action costs money and staff hours; staff hours refill each morning.",
    done = function(w) return w:has_control("db", "logging") end },
  { id = "backup", goal = "Back up the database",
    text = "Now give the Orders database a Backup: a restore then takes hours, not days.",
    after = "Backed up. Each new practice you adopt raises Capacity, the third pillar.",
    done = function(w) return w:has_control("db", "backup") end },
  { id = "security_txt", goal = "Publish security.txt",
    text = "Publish security.txt (no target needed): it tells researchers where to report flaws to you.",
    after = "security.txt is live. Collaboration, the fourth pillar, rises when you work with others.",
    done = function(w) return w:defender().security_txt end },
  { id = "report", goal = "Handle the researcher's report",
    text = "A researcher reports a flaw privately. Open the report and choose Handle before its deadline.",
    after = "Fixed and published with credit: coordinated disclosure. Collaboration went up.",
    start = function(w)
      if not state.reported then
        state.reported = true
        w:report { id = "order-peek", vuln = "shop-idor", reporter = "A. Reader", deadline = days(8) }
      end
    end,
    done = function(w) return w:tally().reports_coordinated > 0 end },
  { id = "sharing", goal = "Join the sharing group",
    text = "Join the sharing group (no target): partners' warnings about attackers will reach you.",
    after = "You are in the sharing group. Its fee is 1 a day, and it just paid off:",
    done = function(w) return w:defender().in_sharing_group end },
  { id = "share", goal = "Share the crew's indicators",
    text = "Pick the credential-stuffing crew from the threats you know and choose Share indicator.",
    after = "Shared. Partners now block half of that crew's attempts on them.",
    start = function(w)
      if not state.warned and w:indicator("crew") then
        state.warned = true
        w:message("A partner warns of a credential-stuffing crew hitting bookshops. It is now a known threat.")
      end
    end,
    done = function(w) return w:actor("crew").indicators_shared end },
  { id = "decision", goal = "Answer the decision",
    text = "A decision is waiting for you: read both options, then pick one.",
    start = function(w)
      if state.decision_asked then return end
      state.decision_asked = true
      w:choose {
        text = "A forum offers a tool to break into the credential-stuffing crew's server and wipe it.",
        options = { "Report the server to the authorities", "Hack it back" },
        offensive = 2, default = 1, deadline = hours(48),
        on_answer = function(w, option)
          state.decided = option
          if option == 1 then
            w:adjust("collaboration", 5, "reported the crew's server to the authorities")
            w:message("Right call. Responsibility, the second pillar, stays high: no offensive action.")
          else
            w:message("The 'server' was a hijacked school laptop. Responsibility fell: never hack back.")
          end
          advance(w)
        end,
      }
    end,
    done = function(w) return state.decided ~= nil end },
  { id = "train", goal = "Train your developers",
    text = "Press K to train where you are weakest, or pick Train PW in the panel for secure coding.",
    after = "Training raises capability: fewer new flaws, faster detection. That is Capacity.",
    done = function(w) return state.trained end },
}

local function say_step(w)
  local s = STEPS[state.step]
  w:message(("Step %d of %d: %s"):format(state.step, #STEPS, s.text))
end

local function finish(w)
  state.finished = true
  w:message("That is the job: four pillars, one per Tech Accord commitment. Keep all four high.")
  w:message("Protection, Responsibility, Capacity, Collaboration: the campaign's real incidents await.")
  w:end_game(true, "Tutorial complete")
end

-- Move on while the current step is done; start each new step.
advance = function(w)
  while not state.finished do
    local s = STEPS[state.step]
    if s and not s.done(w) then return end
    if s then
      state.done[s.id] = true
      w:objective(s.id, true)
      if s.after then w:message(s.after) end
    end
    state.step = state.step + 1
    state.since = w:tick()
    state.hints = 0
    if state.step > #STEPS then
      finish(w)
      return
    end
    local next = STEPS[state.step]
    if next.start then next.start(w) end
    say_step(w)
  end
end

local function objectives()
  local list = {}
  for _, s in ipairs(STEPS) do
    local id = s.id
    list[#list + 1] = objective { id = id, text = s.goal,
                                  kind = "script", optional = true,
                                  check = function(w) return state.done[id] == true end }
  end
  return list
end

return scenario {
  id = "tutorial",
  title = "First Shift",
  author = "Bulwark developers",
  summary = "The controls and the four pillars, step by step, in a calm little bookshop.",
  days = 7,
  seed = 1,
  -- Nothing can be lost here by design (see the top): the crew is a name
  -- in the story, never active, so no node is at stake.
  lint = { ignore = { "unused", "unreachable-asset" } },
  commitments = { "protection", "no-offense", "capacity", "collective" },
  teaches = {
    ssdf = { "RV.1", "RV.2", "PO.2" },
    attack = {},
    cwe = { 79, 862 },
  },
  briefing = [[
Welcome to your first shift at Lantern Books, a small online bookshop: a web
shop, an orders database and a laptop. Nothing is attacking you today, and
nothing here can be lost.

The messages will tell you what to do, one step at a time. Select a node on
the map to see it and what you can do to it; actions take money, staff hours
and some game time. The clock runs by itself: pause it whenever you want to
read or think (Space).

Your score has four pillars, one per commitment of the Cybersecurity Tech
Accord: Protection, Responsibility, Capacity and Collaboration. Each step
shows you one of them move.]],

  defender = { budget = 100, income = 10, staff = 4,
               capability = { PO = 0.2, PS = 0.2, PW = 0.2, RV = 0.2 } },

  -- Quicker than in the campaign, so that no step keeps a learner waiting.
  costs = {
    patch = { hours = 2 }, logging = { hours = 1 }, backup = { hours = 2 },
    security_txt = { hours = 1 }, handle_report = { staff = 4, hours = 4 },
    join_sharing = { hours = 2 }, share_indicator = { hours = 1 },
    train = { staff = 8, hours = 4 },
  },

  nodes = {
    node { id = "shop", label = "Web shop", kind = "web", zone = "dmz", users = 2000, value = 10,
           vulns = {
             vuln { id = "shop-xss", cwe = 79, severity = 6.1, known = true },
             vuln { id = "shop-idor", cwe = 862, severity = 6.5, fix = false },
           } },
    node { id = "db", label = "Orders database", kind = "database", zone = "internal", users = 2000, value = 30 },
    node { id = "laptop", label = "Owner's laptop", kind = "laptop", zone = "internal", users = 1, value = 5 },
    node { id = "books", label = "Book wholesaler", kind = "partner", zone = "partner", users = 5000, value = 20 },
  },

  links = {
    link { "shop", "db", "data" },
    link { "laptop", "db", "trust" },
    link { "shop", "books", "network" },
  },

  -- Heard of, never met: it targets other shops, after this shift.
  actors = {
    actor { id = "crew", label = "Credential-stuffing crew", motive = "money", skill = 1,
            uses = { "T1110" }, from = day(30) },
  },

  actions = { "patch", "logging", "backup", "security_txt", "handle_report", "join_sharing",
              "share_indicator", "train", "scan", "mfa", "waf", "restore", "report_authorities" },

  weakness_rate = 0,

  objectives = objectives(),

  on_start = function(w)
    w:message("Welcome to Lantern Books. Follow the steps here; the log keeps every message.")
    advance(w)
  end,

  on_action = function(w, action, target)
    if action == "train" then state.trained = true end
    advance(w)
  end,

  on_tick = function(w)
    if state.finished then return end
    advance(w)
    if state.finished then return end
    if w:tick() - state.since >= HINT_EVERY * (state.hints + 1) and state.hints < HINT_MAX then
      state.hints = state.hints + 1
      w:message(("Still to do, step %d: %s"):format(state.step, STEPS[state.step].text))
    end
  end,

  debrief = function(w, result)
    local lines = {}
    local n = 0
    for _, s in ipairs(STEPS) do
      if state.done[s.id] then n = n + 1 end
    end
    if state.finished then
      lines[#lines + 1] = "You finished your first shift: every step done."
    else
      lines[#lines + 1] = ("You did %d of the %d steps. Play it again whenever you like."):format(n, #STEPS)
    end
    lines[#lines + 1] = "Protection: customers served safely. You patched and backed up before anything went wrong."
    if state.decided == 2 then
      lines[#lines + 1] = "Responsibility: you hacked back, and hit a bystander. The Accord's second commitment is no offensive action."
    else
      lines[#lines + 1] = "Responsibility: no offensive action, honest disclosure. Yours stayed where it belongs."
    end
    lines[#lines + 1] = "Capacity: practices and training that keep paying off. Collaboration: reports, sharing, partners."
    lines[#lines + 1] = "Next: Mirai, 2016, where a factory password turns cameras into a weapon."
    return table.concat(lines, "\n")
  end,
}
