-- wannacry.lua — "Patch Tuesday, Ransom Friday", after WannaCry (May 2017).
--
-- The record: on 14 March 2017 Microsoft published security bulletin
-- MS17-010 with fixes for critical flaws in Windows' SMBv1 server (among
-- them CVE-2017-0144; NVD classes it CWE-20). On 14 April the Shadow Brokers
-- leaked EternalBlue, a working exploit for it. On Friday 12 May a
-- ransomware worm used it to spread from machine to machine over port 445
-- and encrypted files for a ransom of $300 in bitcoin (T1486). Within hours
-- a researcher registered a domain name the worm looked up before it
-- ran, which stopped new infections; variants without that check followed,
-- with far less effect. More than 200,000 computers in some 150 countries
-- were hit, among them dozens of trusts and hundreds of GP practices of the
-- NHS in England, where thousands of appointments and operations were
-- cancelled. Windows XP was out of support since April 2014; Microsoft had
-- an XP fix for custom-support customers only, and made it public on 13 May.
-- Patched machines were immune; segmented networks contained it; backups
-- made recovery a matter of hours, not weeks.
--
-- How the game models it. The engine's lateral movement (T1021 over a
-- network link) does not ask whether the target still carries the flaw,
-- but a worm that spreads by an exploit cannot enter a patched machine.
-- So the worm's spread between machines is written here in Lua: every hour,
-- each infected Windows machine may infect each machine it reaches over SMB
-- that is still unpatched, not isolated and not segmented (a segmented
-- machine sits behind its own firewall rules, 445 closed). The worm's
-- scans of the internet are the engine's (T1190 on the exposed lab share),
-- and the links drawn below carry no engine movement: nothing the worm
-- holds has a link out. Once a machine is infected, the engine runs the
-- rest (execution, the ransom note, detection, restore).

-- The Windows machines, in a fixed order (never decide by pairs()).
local MACHINES = {
  { node = "lab", vuln = "MS17-010-lab" },
  { node = "wards", vuln = "MS17-010-wards" },
  { node = "ehr", vuln = "MS17-010-ehr" },
  { node = "clinic", vuln = "MS17-010-clinic" },
  { node = "imaging", vuln = "MS17-010-xp" },
  { node = "analyser", vuln = "MS17-010-path" },
}
local BY_NODE = {}
for _, m in ipairs(MACHINES) do BY_NODE[m.node] = m end

-- Who reaches whom on port 445: a flat network, as most were in 2017.
local SMB = {
  lab = { "wards", "ehr", "clinic" },
  wards = { "lab", "ehr", "clinic", "imaging", "analyser" },
  ehr = { "lab", "wards", "clinic" },
  clinic = { "wards", "ehr", "imaging" },
  imaging = { "wards", "clinic" },
  analyser = { "wards" },
}
-- What the shared health network reaches (drawn as links from "gp").
local FROM_GP = { "lab", "wards", "analyser" }

-- Chances per hour: on the first day the worm spreads fast; the variants
-- that followed the kill switch did far less.
local SPREAD = { worm = 0.30, variants = 0.08 }
local FROM_PARTNERS = { worm = 0.15, variants = 0.04 }

local state = {
  phase = "calm",        -- calm, worm, stopped, variants
  xp = nil,              -- the option chosen on custom support
  vaccine = nil,         -- the option chosen on the contractor's offer
  ransom = nil,          -- the option chosen on the ransom
  paid = false,
  records_down = 0,      -- hours the patient records were encrypted or offline
  hit = {},              -- machines the worm ever reached, by node id
  patched_at_outbreak = 0,
  restored_open = 0,     -- restores of a machine still without the patch
  partners_blocked_until = -1,
  analyser_found = false,
}

local function label(w, id) return w:node(id).label end

local function open_to_smb(w, id)
  return w:node(id).state ~= "offline" and not w:has_control(id, "segmented")
end

local function try_infect(w, id, p)
  local m = BY_NODE[id]
  if w:vuln(m.vuln).patched or not open_to_smb(w, id) or w:node(id).compromised then return end
  if w:random() < p and w:compromise(id, "wannacry", "T1021") then
    state.hit[id] = true
  end
end

local function spread(w)
  local phase = state.phase
  if phase ~= "worm" and phase ~= "variants" then return end
  -- Sources first, so that one hour moves the worm one hop.
  local sources = {}
  for _, m in ipairs(MACHINES) do
    if w:node(m.node).compromised and open_to_smb(w, m.node) then sources[#sources + 1] = m.node end
  end
  if w:tick() >= state.partners_blocked_until then
    for _, id in ipairs(FROM_GP) do try_infect(w, id, FROM_PARTNERS[phase]) end
  end
  for _, src in ipairs(sources) do
    for _, id in ipairs(SMB[src]) do try_infect(w, id, SPREAD[phase]) end
  end
end

local function on_ransom(w, option)
  state.ransom = option
  if option == 2 then
    state.paid = true
    local pay = math.min(10, w:defender().budget)
    if pay > 0 then w:budget(-pay) end
    w:message("You paid. No key arrives: the worm's authors could hardly tell who had paid.")
    w:adjust("responsibility", -5, "paid a ransom: it funds the next attack")
  else
    w:message("No ransom. The machines will be rebuilt and restored.")
  end
end

local function tick(w)
  spread(w)
  local records = w:node("ehr").state
  if records == "encrypted" or records == "offline" then state.records_down = state.records_down + 1 end
  if state.ransom == nil and not state.ransom_asked then
    for _, m in ipairs(MACHINES) do
      if w:node(m.node).state == "encrypted" then
        state.ransom_asked = true
        w:choose {
          text = ("%s shows a ransom note: $300 in bitcoin per machine, doubling in three days."):format(label(w, m.node)),
          options = { "Refuse; rebuild and restore", "Pay the ransom" },
          default = 1, deadline = hours(12),
          on_answer = function(w, option) on_ransom(w, option) end,
        }
        break
      end
    end
  end
  local a = w:node("analyser")
  if a.detected and not w:vuln("MS17-010-path").known then
    w:reveal("MS17-010-path")
    w:message("Forensics: the pathology analyser PC was in no inventory, and was never patched.")
  end
  if w:vuln("MS17-010-path").known then state.analyser_found = true end
end

local function on_xp(w, option)
  state.xp = option
  if option == 1 and w:defender().budget >= 8 then
    w:budget(-8)
    w:release_fix("MS17-010-xp")
    w:message("Custom support signed: the XP fix for MS17-010 is yours. Patch the imaging scanners.")
  else
    if option == 1 then state.xp = 2 end
    w:message("The scanners stay as they are: unpatched, unsupported, on the same network as the rest.")
  end
end

local function outbreak(w)
  state.phase = "worm"
  for _, m in ipairs(MACHINES) do
    if w:vuln(m.vuln).patched then state.patched_at_outbreak = state.patched_at_outbreak + 1 end
  end
  w:message("Friday 12 May, 08:00: a ransomware worm is spreading over SMB around the world.")
end

local function kill_switch(w)
  state.phase = "stopped"
  w:activate("wannacry", day(8) + 6)
  w:message("A researcher registers a domain the worm checks before it runs. New infections stop.")
end

local function variants(w)
  state.phase = "variants"
  w:message("Variants without the kill switch appear. Few spread, but unpatched machines are still open.")
end

local function on_vaccine(w, option, defaulted)
  state.vaccine = option
  if defaulted then
    w:message("Nobody answered the contractor, who moved on to the next trust.")
  elseif option == 1 then
    w:adjust("collaboration", 5, "sent the worm's indicators to the health CERT")
  else
    state.partners_blocked_until = w:tick() + 48
    w:message("The 'vaccine' patches some GP machines and crashes others mid-clinic. Nobody asked them.")
    w:offense(0, "Exploited GP surgeries' machines without consent; some crashed", true)
  end
end

local function on_action(w, action, target)
  local m = BY_NODE[target or ""]
  if m and action == "restore" and not w:vuln(m.vuln).patched and state.phase ~= "calm" then
    state.restored_open = state.restored_open + 1
    w:message(("%s is restored, still without MS17-010: the worm can walk straight back in."):format(label(w, target)))
  elseif action == "segment" and target then
    w:message(("%s now sits in its own segment: SMB to and from it is blocked."):format(label(w, target)))
  end
end

local function debrief(w, result)
  local lines = {}
  lines[#lines + 1] = "In May 2017 WannaCry hit over 200,000 computers in 150 countries, two months after MS17-010 was patched. In the NHS, thousands of appointments were cancelled."
  local hit, names = 0, {}
  for _, m in ipairs(MACHINES) do
    if state.hit[m.node] then hit = hit + 1; names[#names + 1] = label(w, m.node) end
  end
  lines[#lines + 1] = ("When the worm came, %d of your %d Windows machines were patched (RV.2)."):format(state.patched_at_outbreak, #MACHINES)
  if hit == 0 then
    lines[#lines + 1] = "It found no way in: a patched machine was immune, as it was in 2017."
  else
    lines[#lines + 1] = "It reached: " .. table.concat(names, ", ") .. "."
  end
  if state.xp == 1 then
    lines[#lines + 1] = "You paid for custom support and patched XP in time. In 2017 an XP fix existed for those who paid for custom support; everyone else got it on 13 May."
  elseif state.hit.imaging then
    lines[#lines + 1] = "The XP scanners were unpatched when the worm reached them. Unsupported software (CWE-1104) is a risk you carry every day."
  else
    lines[#lines + 1] = "The XP scanners stayed unsupported (CWE-1104); they were lucky."
  end
  if state.hit.analyser or state.analyser_found then
    lines[#lines + 1] = "The pathology analyser PC was on no inventory. You cannot patch what you do not know you have (RV.1): scan inside, not only the edge."
  end
  if state.records_down > 0 then
    if w:has_control("ehr", "backup") then
      lines[#lines + 1] = ("Patient records were down %d hours; an offline backup made the rebuild hours, not days."):format(state.records_down)
    else
      lines[#lines + 1] = ("Patient records were down %d hours, with no offline backup to restore from."):format(state.records_down)
    end
  end
  local segmented = 0
  for _, m in ipairs(MACHINES) do
    if w:has_control(m.node, "segmented") then segmented = segmented + 1 end
  end
  if segmented > 0 then
    lines[#lines + 1] = "You segmented machines: the worm spread only as far as port 445 was open. A flat network is one machine wide."
  end
  if state.restored_open > 0 then
    lines[#lines + 1] = "You restored machines that were still unpatched; a restore without the patch only resets the clock."
  end
  if state.paid then
    lines[#lines + 1] = "You paid the ransom. Almost nobody who paid in 2017 got their files back."
  end
  if state.vaccine == 2 then
    lines[#lines + 1] = "You ran an exploit against other people's machines. The Accord's second commitment: no offensive action, even to 'help'. GP surgeries lost a clinic morning."
  end
  if w:defender().in_sharing_group then
    lines[#lines + 1] = "You were in the sharing group: the health CERT's alerts and the worm's hashes reached you on the day."
  end
  return table.concat(lines, "\n")
end

return scenario {
  id = "wannacry",
  title = "Patch Tuesday, Ransom Friday",
  author = "Bulwark developers",
  summary = "A hospital trust has two months between a critical Windows patch and a ransomware worm.",
  days = 10,
  seed = 2017,
  commitments = { "protection", "collective", "no-offense" },
  teaches = {
    ssdf = { "RV.1", "RV.2" },
    attack = { "T1190", "T1021", "T1059", "T1486" },
    cwe = { 20, 1104 },
  },
  briefing = [[
You look after the IT of Harbourside Health, a hospital trust: ward PCs,
outpatient clinics, the patient records server, the imaging scanners and a
lab share that GP surgeries reach over the shared health network.

It is 14 March 2017. Microsoft has just published MS17-010: critical flaws
in Windows file sharing (SMBv1), with patches. Your machines need them, and
clinical machines can only be patched in maintenance windows. The imaging
scanners still run Windows XP, which Microsoft no longer supports.

Nobody is attacking you. Yet. Two months is a long time, unless it isn't.]],

  defender = { budget = 40, income = 4, staff = 2,
               capability = { PO = 0.15, PS = 0.1, PW = 0.1, RV = 0.2 } },

  -- A patch on a clinical machine needs testing and a maintenance window.
  costs = { patch = { money = 2, staff = 8, hours = 12 } },

  nodes = {
    node { id = "lab", label = "Lab results share", kind = "fileserver", zone = "dmz", users = 5000, value = 20,
           vulns = { vuln { id = "MS17-010-lab", cwe = 20, severity = 8.1, known = true, exploitability = 0.9 } } },
    node { id = "wards", label = "Ward PCs", kind = "laptop", zone = "internal", users = 3000, value = 25,
           vulns = { vuln { id = "MS17-010-wards", cwe = 20, severity = 8.1, known = true, exploitability = 0.9 } } },
    node { id = "ehr", label = "Patient records", kind = "database", zone = "internal", users = 40000, value = 80,
           vulns = { vuln { id = "MS17-010-ehr", cwe = 20, severity = 8.1, known = true, exploitability = 0.9 } } },
    node { id = "clinic", label = "Outpatient PCs", kind = "laptop", zone = "internal", users = 4000, value = 15,
           vulns = { vuln { id = "MS17-010-clinic", cwe = 20, severity = 8.1, known = true, exploitability = 0.9 } } },
    node { id = "imaging", label = "Imaging (Win XP)", kind = "fileserver", zone = "internal", users = 6000, value = 40,
           vulns = { vuln { id = "MS17-010-xp", cwe = 1104, severity = 8.1, known = true, fix = false,
                            exploitability = 0.9 } } },
    -- Bought with the analyser and never entered in the inventory.
    node { id = "analyser", label = "Pathology analyser", kind = "laptop", zone = "internal", users = 4000, value = 15,
           vulns = { vuln { id = "MS17-010-path", cwe = 20, severity = 8.1, exploitability = 0.9 } } },
    node { id = "booking", label = "Appointments site", kind = "web", zone = "dmz", users = 40000, value = 10 },
    node { id = "gp", label = "GP surgeries", kind = "partner", zone = "partner",
           users = 30000, value = 30 },
  },

  links = {
    link { "gp", "lab", "network" },
    link { "gp", "wards", "network" },
    link { "gp", "analyser", "network" },
    link { "booking", "ehr", "data" },
  },

  actors = {
    actor { id = "wannacry", label = "WannaCry worm", motive = "money", skill = 3,
            uses = { "T1190", "T1021", "T1059", "T1486" }, from = day(6) + 8, attempts = 12 },
  },

  actions = { "patch", "scan", "backup", "segment", "isolate", "reconnect", "restore", "edr", "logging",
              "waf", "train", "join_sharing", "share_indicator", "security_txt", "notify",
              "report_authorities", "hack_back" },

  weakness_rate = 0,

  events = {
    event { id = "xp-choice", at = day(2) + 9, run = function(w)
      w:choose {
        text = "Imaging runs Windows XP. Microsoft patches XP only under paid custom support, and the scanner vendor objects.",
        options = { "Buy custom support and patch XP (budget -8)",
                    "Leave them as they are" },
        default = 2, deadline = hours(24),
        on_answer = function(w, option) on_xp(w, option) end,
      }
    end },
    event { id = "leak", at = day(3) + 10, run = function(w)
      w:message("14 April: the Shadow Brokers leak EternalBlue, a working exploit for MS17-010.")
      -- Published for the machines you know of; the analyser PC is on no
      -- inventory, so no advisory tells you it is there.
      for _, m in ipairs(MACHINES) do
        if m.node ~= "analyser" then w:make_public(m.vuln) end
      end
    end },
    event { id = "outbreak", at = day(6) + 8, run = function(w) outbreak(w) end },
    event { id = "carecert", at = day(6) + 10, run = function(w)
      if w:indicator("wannacry") then
        w:message("The sharing group forwards the worm's hashes and the SMB traffic to look for.")
      else
        w:message("Health CERTs are sending alerts to their sharing group. You are not in it.")
      end
    end },
    event { id = "vaccine", at = day(6) + 11, run = function(w)
      local asked = w:tick()
      w:choose {
        text = "A contractor offers a 'vaccine': use EternalBlue on every unpatched machine on the health network to patch it.",
        options = { "Decline; send indicators to the health CERT",
                    "Run it across the health network" },
        offensive = 2, default = 1, deadline = hours(4),
        on_answer = function(w, option) on_vaccine(w, option, w:tick() >= asked + 4) end,
      }
    end },
    event { id = "killswitch", at = day(6) + 15, run = function(w) kill_switch(w) end },
    event { id = "xp-public", at = day(7) + 9, run = function(w)
      if not w:vuln("MS17-010-xp").fix then
        w:release_fix("MS17-010-xp")
        w:message("13 May: Microsoft makes its Windows XP fix for MS17-010 public.")
      end
    end },
    event { id = "variants", at = day(8) + 6, run = function(w) variants(w) end },
  },

  objectives = {
    objective { id = "records", text = "Patient records down (encrypted or offline) 24 hours at most", kind = "script",
                check = function(w) return state.records_down <= 24 end },
    objective { id = "protection", text = "Keep care running (Protection 75+)", kind = "pillar",
                pillar = "protection", min = 75 },
    objective { id = "contained", text = "Contain the worm: two machines hit at most", kind = "max_compromised",
                max = 2 },
    objective { id = "no-ransom", text = "Pay no ransom", kind = "script", optional = true,
                check = function(w) return not state.paid end },
  },

  on_start = function(w)
    w:message("14 March 2017: Microsoft publishes MS17-010 with patches for every supported Windows.")
  end,

  on_tick = function(w) tick(w) end,

  on_action = function(w, action, target) on_action(w, action, target) end,

  debrief = function(w, result) return debrief(w, result) end,
}
