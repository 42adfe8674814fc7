-- __ID__.lua — "__TITLE__", made with `bulwark new --template ransomware`.
--
-- A worm (after WannaCry, 2017) spreads through an unpatched file-sharing
-- flaw and encrypts what it reaches. The vendor's fix ships on day 2; the
-- worm arrives on day 3. Patching in time stops it; a backup makes the
-- difference between hours and days when it gets in anyway; and a ransom
-- demand tests whether the player pays criminals.
--   bulwark check __ID__.lua && bulwark test __ID__.lua
--   bulwark run __ID__.lua --player sensible
-- The guide is scripts/AUTHORING.md; the reference scripts/API.md (its
-- section numbers are used below).

-- The script's own state: plain locals (section 11: never keep it in a
-- weak table, and never decide by pairs() order).
local asked = false   -- the ransom demand was made
local paid = false

-- Called from on_tick: a node the worm encrypted triggers the demand once.
local function ransom_demand(w)
  if asked then return end
  for _, id in ipairs(w:nodes()) do          -- w:nodes() is in a fixed order
    if w:node(id).state == "encrypted" then  -- the truth; the player sees it too
      asked = true
      -- A choice (section 6, w:choose). Not offensive: paying is legal but
      -- funds the next attack, so the script decides what it costs.
      w:choose {
        text = ("The worm encrypted %s. Its note asks for 15 in cryptocurrency for a key."):format(w:node(id).label),
        options = { "Refuse: restore from backups and report it to the police", "Pay the ransom" },
        default = 1, deadline = hours(24),
        on_answer = function(w, option)
          if option == 1 then
            w:adjust("collaboration", 5, "reported the ransomware to the police")
            w:message("You refuse to pay. Restore what was encrypted; a backup makes it quick.")
          else
            paid = true
            if w:budget() >= 15 then w:budget(-15) end
            w:adjust("responsibility", -15, "paid criminals, funding the next attack")
            w:message("You paid. The key decrypts nothing: you still have to restore.")
          end
        end,
      }
      return
    end
  end
end

return scenario {
  id = "__ID__",
  title = "__TITLE__",
  author = "Your name",
  summary = "A worm through an unpatched file share: patch in time, back up, refuse the ransom.",
  days = 7,
  seed = 2017,

  -- Curriculum ids from scripts/lib/curriculum.lua (bulwark check refuses others).
  commitments = { "protection", "capacity" },
  teaches = {
    ssdf = { "RV.1", "RV.2" },             -- find vulnerabilities; remediate them
    attack = { "T1190", "T1021", "T1486" }, -- exploit, spread, encrypt for impact
    cwe = { 787 },                          -- out-of-bounds write (EternalBlue's class)
  },

  briefing = [[
A hospital's records office: a file-share gateway, the records file server
and the office PCs. A flaw in the file-sharing protocol is known; the vendor
promises a fix within days. A worm that encrypts everything it can reach is
spreading among other hospitals.

Patch when you can, back up what matters, and keep the records available.]],

  -- Section 3, "defender". Staff hours refill each morning (8 a person).
  defender = { budget = 30, income = 4, staff = 3 },

  nodes = {
    -- fix = false: no patch exists until w:release_fix (the day-2 event).
    -- attackers_know = true: the worm knows the flaw from the start.
    node { id = "gateway", label = "File-share gateway", kind = "web", zone = "dmz", users = 300, value = 10,
           vulns = { vuln { id = "share-rce", cwe = 787, severity = 9.8, fix = false, known = true,
                            attackers_know = true } } },
    node { id = "records", label = "Records file server", kind = "fileserver", zone = "internal",
           users = 300, value = 40 },
    node { id = "pcs", label = "Office PCs", kind = "laptop", zone = "internal", users = 40, value = 10 },
  },

  -- network links carry the worm between machines (T1021); `segment` on a
  -- node cuts network links that cross a zone boundary (section 8).
  links = {
    link { "gateway", "records", "network" },
    link { "gateway", "pcs", "network" },
    link { "pcs", "records", "network" },
  },

  -- A worm is an actor with the motive `money`: its impact is encryption
  -- (section 8, "Motives"). Skill 4, 24 attempts a day: it is fast.
  actors = {
    actor { id = "worm", label = "Ransomware worm", motive = "money", skill = 4,
            uses = { "T1190", "T1021", "T1486" }, from = day(3), attempts = 24 },
  },

  actions = { "patch", "backup", "restore", "isolate", "reconnect", "segment", "logging", "edr",
              "scan", "notify", "report_authorities", "share_indicator", "join_sharing", "train" },

  events = {
    event { id = "fix", at = day(2), run = function(w)
      w:release_fix("share-rce")   -- now `patch` can remove it
      w:message("The vendor ships the fix for the file-sharing flaw. Patch the gateway.", "gateway")
    end },
    event { id = "outbreak", at = day(3), run = function(w)
      w:make_public("share-rce")   -- public: every attacker knows it, exploits are 3× as likely
      w:message("A worm is spreading through the file-sharing flaw in hospitals nearby.")
    end },
  },

  -- The records must be serving at the end (a restore counts), and the
  -- customers served safely most of the week: Protection counts the
  -- customer-hours of every node that serves them safely (section 8).
  objectives = {
    objective { id = "records-up", text = "Records serving at the end of the week", kind = "script",
                check = function(w) return w:node("records").state ~= "encrypted" end },
    objective { id = "served", text = "Protection 75+: the hospital kept working", kind = "pillar",
                pillar = "protection", min = 75 },
    objective { id = "no-ransom", text = "Do not pay the ransom", kind = "script", optional = true,
                check = function(w) return not paid end },
  },

  on_tick = function(w)
    ransom_demand(w)
  end,

  debrief = function(w, result)
    local lines = {}
    if w:vuln("share-rce").patched then
      lines[#lines + 1] = "You patched the gateway: the worm had no way in. Patching the day a fix ships is the lesson of 2017."
    else
      lines[#lines + 1] = "The gateway stayed unpatched while the fix was out: the worm walked in."
    end
    if w:has_control("records", "backup") then
      lines[#lines + 1] = "The records were backed up: a restore takes hours, not days."
    end
    if paid then
      lines[#lines + 1] = "You paid, and the key decrypted nothing. Ransoms fund the next attack."
    end
    return table.concat(lines, "\n")
  end,
}
