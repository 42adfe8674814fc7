-- mirai.lua — "Factory Settings", after the Mirai botnet (August–October 2016).
--
-- The record: Mirai scanned the internet for devices answering telnet and
-- logged in with a list of 62 factory usernames and passwords (default and
-- hard-coded credentials, CWE-798; logins with no lockout, CWE-287). Cameras,
-- DVRs and routers joined by the hundred thousand. On 20 September 2016 it
-- knocked KrebsOnSecurity offline with a flood of about 620 Gbps, and OVH
-- reported floods over 1 Tbps; on 30 September its source code was posted on
-- a hacking forum and copies multiplied; on 21 October floods against the DNS
-- provider Dyn made Twitter, Netflix, Reddit and GitHub unreachable for many
-- users for hours. Mirai lived in memory: a reboot cleaned a device, and with
-- the factory password still in place it was taken again within minutes.
-- Afterwards a camera maker recalled devices sold in the US, and "no
-- universal default passwords" became a baseline for consumer IoT (ETSI EN
-- 303 645, the UK's product security law). The lesson: secure settings by
-- default (SSDF PW.9).
--
-- How the game models it. The player is a (fictional) camera maker. Its
-- three device lines are `iot` nodes on the internet. The engine has no
-- control a script can add for "the vendor's firmware enforces a unique
-- password", and its own brute force (T1110) can only be stopped by `mfa`,
-- so the recruitment is written here in Lua: every hour, a device line that
-- still accepts a factory password may be taken (w:compromise, T1110 or, for
-- the DVR's hard-coded account, T1078). A line is safe once its firmware fix
-- is patched in, or (for the cameras, whose password a user can change) once
-- the player enforces per-device credentials with `mfa`. The device lines
-- carry no `users` (the portal and the video cloud serve the customers): the
-- harm of a hijacked fleet is counted by the script, a day at a time and at
-- each of the great floods. The botnet's own actor never attempts access by
-- itself (its `uses` hold no access technique), so a patched line stays safe.

-- The three device lines, in a fixed order (never decide by pairs()).
-- `own` is true where the owner could change the password (a default);
-- the DVR's telnet account is hard-coded in its board's firmware.
local LINES = {
  { node = "homecam", vuln = "KV-2016-01", name = "HomeCam", via = "T1110", own = true },
  { node = "procam", vuln = "KV-2016-02", name = "ProCam", via = "T1110", own = true },
  { node = "dvr", vuln = "KV-2016-03", name = "DVR", via = "T1078", own = false },
}

-- Chance per hour that Mirai's scanners take a line still open to them:
-- the fleet is thousands of devices, and one login is enough to start.
local RECRUIT = { 0.02, 0.04 }   -- before and after the source code leak
local EMAIL_FACTOR = 0.6         -- a few owners in ten change the password
local DAILY_HARM = 3             -- Protection a day per line in the botnet
local WAVE_HARM = { krebs = 4, dyn = 6 }

local state = {
  phase = 1,             -- 2 once the source code is public
  defaults = nil,        -- the option chosen on firmware 2.0
  greyhat = nil,         -- the option chosen on the grey-hat's offer
  emailed = false,
  paused_until = -1,     -- the grey-hat's sweep closes telnet for a while
  dyn_clean = false,
  dyn_lines = nil,       -- lines in the botnet at the Dyn flood
  krebs_lines = nil,
  days_in = { homecam = 0, procam = 0, dvr = 0 },
  taken = { homecam = 0, procam = 0, dvr = 0 },
  cleaned_open = 0,      -- rebuilds of a line that still had its password
  flood_hours = 0,       -- hours the portal was degraded by floods
}

local function line_of(id)
  for _, l in ipairs(LINES) do
    if l.node == id then return l end
  end
  return nil
end

local function safe(w, l)
  return w:vuln(l.vuln).patched or (l.own and w:has_control(l.node, "mfa"))
end

local function all_safe(w)
  for _, l in ipairs(LINES) do
    if not safe(w, l) then return false end
  end
  return true
end

local function in_botnet(w)
  local list = {}
  for _, l in ipairs(LINES) do
    if w:node(l.node).compromised then list[#list + 1] = l end
  end
  return list
end

local function names(list)
  local out = {}
  for _, l in ipairs(list) do out[#out + 1] = l.name end
  return table.concat(out, ", ")
end

local function release_camera_fixes(w)
  w:release_fix("KV-2016-01")
  w:release_fix("KV-2016-02")
end

local function on_defaults(w, option)
  state.defaults = option
  if option == 1 then
    release_camera_fixes(w)
    w:message("Firmware 2.0 is ready: patch each camera line to push it to the devices.")
    w:adjust("capacity", 5, "devices safe without their owners' help (secure defaults)")
  else
    w:budget(10)
    if option == 3 then
      state.emailed = true
      w:message("You email customers. A few in ten change it; the DVR's password cannot be changed at all.")
    else
      w:message("The launch goes ahead on time (+10 budget). The firmware fix waits for next quarter.")
    end
  end
end

local function on_greyhat(w, option, defaulted)
  state.greyhat = option
  if defaulted then
    w:message("Nobody answered the grey-hat, who went looking for another vendor's password.")
  elseif option == 1 then
    w:adjust("collaboration", 5, "shared the bots' addresses with national CERTs")
  else
    state.paused_until = w:tick() + 36
    w:message("The sweep shuts telnet on devices it reaches, and bricks some. Owners call: who logged in?")
    w:offense(0, "Logged into customers' cameras without their consent; some were bricked", true)
  end
end

local function wave(w, what, key)
  local list = in_botnet(w)
  state[key .. "_lines"] = #list
  if #list > 0 then
    w:message(("Your %s devices were in %s."):format(names(list), what))
    w:adjust("protection", -WAVE_HARM[key] * #list, "customers' devices used in " .. what)
  end
  return list
end

local function at_dyn(w)
  local list = wave(w, "the floods on Dyn", "dyn")
  state.dyn_clean = #list == 0
  if w:actor("mirai").indicators_shared then
    w:adjust("collaboration", 5, "Dyn's responders filtered with indicators you shared")
  end
end

local function late_fixes(w)
  if state.defaults ~= 1 then
    release_camera_fixes(w)
    w:message("Next quarter came early: firmware 2.0 is out. Patch the camera lines.")
  end
  if not w:vuln("KV-2016-03").patched then
    w:release_fix("KV-2016-03")
    w:message("The DVR board's supplier ships firmware without the hard-coded telnet account.")
  end
end

local function tick(w)
  local t = w:tick()
  if w:node("portal").state == "degraded" then state.flood_hours = state.flood_hours + 1 end
  if t > 0 and t % 24 == 0 then
    local list = in_botnet(w)
    for _, l in ipairs(list) do
      state.days_in[l.node] = state.days_in[l.node] + 1
    end
    if #list > 0 then
      w:adjust("protection", -DAILY_HARM * #list, "abuse reports name devices of " .. names(list))
    end
  end
  if t < day(2) or t < state.paused_until then return end
  for _, l in ipairs(LINES) do
    local n = w:node(l.node)
    if not n.compromised and n.state ~= "offline" and not safe(w, l) then
      local p = RECRUIT[state.phase]
      if state.emailed and l.own then p = p * EMAIL_FACTOR end
      if w:random() < p and w:compromise(l.node, "mirai", l.via) then
        state.taken[l.node] = state.taken[l.node] + 1
      end
    end
  end
end

local function on_action(w, action, target)
  local l = line_of(target)
  if action == "security_txt" then
    w:message("security.txt is live: researchers know where to write to you.")
  elseif l and action == "patch" and safe(w, l) then
    w:message(("%s devices take the new firmware: no factory password, telnet off."):format(l.name))
  elseif l and action == "mfa" then
    if l.own then
      w:message(("%s now refuses the factory password: each owner must set their own."):format(l.name))
    else
      w:message("The DVR's telnet account is hard-coded: only a firmware fix removes it.")
    end
  elseif l and (action == "restore" or action == "rotate_credentials") and not safe(w, l) then
    state.cleaned_open = state.cleaned_open + 1
    w:message(("%s is clean, but the factory password is still there: Mirai will be back."):format(l.name))
  end
end

local function debrief(w, result)
  local lines = {}
  lines[#lines + 1] = "In 2016 Mirai took some 600,000 devices with 62 factory passwords; its floods hit Krebs, OVH and Dyn."
  if state.defaults == 1 then
    lines[#lines + 1] = "You shipped secure defaults at once: a unique password at setup and telnet off (SSDF PW.9). After Mirai, 'no universal default passwords' became the law for consumer devices in the UK."
    lines[#lines + 1] = "Now write it into your security requirements (PO.1), so that no future launch can skip it."
  elseif state.defaults == 3 then
    lines[#lines + 1] = "You asked owners to change their passwords. Few did, and the DVR's could not be changed: security that depends on the owner reading the manual is not a default."
  else
    lines[#lines + 1] = "The launch went first and the firmware fix waited. Every week a factory password stays in the field, scanners find it."
  end
  if state.defaults ~= 1 then
    lines[#lines + 1] = "A requirement written before the launch (PO.1), 'no universal default password', would have made the choice for you."
  end
  local hit = {}
  for _, l in ipairs(LINES) do
    if state.taken[l.node] > 0 then
      hit[#hit + 1] = ("%s (%d day%s)"):format(l.name, state.days_in[l.node], state.days_in[l.node] == 1 and "" or "s")
    end
  end
  if #hit == 0 then
    lines[#lines + 1] = "None of your devices ever joined the botnet."
  else
    lines[#lines + 1] = "Your devices in the botnet: " .. table.concat(hit, ", ") .. "."
  end
  if state.cleaned_open > 0 then
    lines[#lines + 1] = "You cleaned devices that still had their factory password. As in 2016, a reboot removes Mirai and the same password lets it back in: fix the cause (RV.2), not the symptom."
  end
  if state.dyn_lines ~= nil then
    if state.dyn_lines == 0 then
      lines[#lines + 1] = "When Dyn was flooded, none of your devices took part."
    else
      lines[#lines + 1] = "When Dyn was flooded, your customers' devices were part of the weapon."
    end
  end
  if state.flood_hours > 0 then
    lines[#lines + 1] = ("Mirai's copies, rented by the hour, degraded your portal for %d hours (T1498); DDoS scrubbing absorbs most of that."):format(state.flood_hours)
  end
  local t = w:tally()
  if t.reports_coordinated > 0 then
    lines[#lines + 1] = "You fixed the DVR's hard-coded account the researcher reported and credited them: a disclosure programme (RV.1) working."
  elseif t.deadlines_missed > 0 then
    lines[#lines + 1] = "The researcher's deadline passed: the DVR's hard-coded telnet account (CWE-798) was published before you had a fix."
  end
  if state.greyhat == 2 then
    lines[#lines + 1] = "You let a stranger log into your customers' devices. The Accord's second commitment: no offensive action, even against a botnet, when the machines belong to others. Some were bricked."
  end
  if w:defender().in_sharing_group then
    lines[#lines + 1] = "You were in the sharing group: Mirai's addresses reached you as they reached network operators in 2016."
  end
  if result.outcome ~= "won" then
    lines[#lines + 1] = "Ship devices without a universal password, and give every line a way to be fixed remotely."
  end
  return table.concat(lines, "\n")
end

return scenario {
  id = "mirai",
  title = "Factory Settings",
  author = "Bulwark developers",
  summary = "A camera maker's devices ship with a factory password while the Mirai botnet sweeps the internet.",
  days = 10,
  seed = 2016,
  commitments = { "protection", "capacity", "collective", "no-offense" },
  teaches = {
    ssdf = { "PW.9", "PO.1", "RV.1", "RV.2" },
    attack = { "T1110", "T1078", "T1059", "T1498" },
    cwe = { 798, 287 },
  },
  briefing = [[
You run product security at Kestrel Vision, a small maker of home and
business cameras and video recorders. Every device leaves the factory with
the same password, printed in the manual, and telnet open for the support
team. Customers watch their streams through your portal and video cloud.

It is August 2016. A new botnet is sweeping the internet, trying factory
passwords on anything that answers telnet. Whatever it takes, it turns into
a weapon against someone else.

Keep your customers' devices out of it. A device that is safe only after its
owner reads the manual is not safe.]],

  defender = { budget = 40, income = 4, staff = 4,
               capability = { PO = 0.15, PS = 0.1, PW = 0.1, RV = 0.2 } },

  nodes = {
    node { id = "homecam", label = "HomeCam fleet", kind = "iot", zone = "internet", value = 10,
           vulns = { vuln { id = "KV-2016-01", cwe = 798, severity = 9.8, known = true, fix = false,
                            attackers_know = true } } },
    node { id = "procam", label = "ProCam fleet", kind = "iot", zone = "internet", value = 15,
           vulns = { vuln { id = "KV-2016-02", cwe = 287, severity = 9.1, known = true, fix = false,
                            attackers_know = true } } },
    node { id = "dvr", label = "DVR line", kind = "iot", zone = "internet", value = 10,
           vulns = { vuln { id = "KV-2016-03", cwe = 798, severity = 9.8, fix = false,
                            attackers_know = true } } },
    node { id = "portal", label = "Customer portal", kind = "web", zone = "dmz", users = 60000, value = 20 },
    node { id = "cloud", label = "Video cloud", kind = "cloud", zone = "internal", users = 60000, value = 50 },
    node { id = "firmware", label = "Firmware build", kind = "ci", zone = "build" },
    node { id = "dns", label = "DNS provider", kind = "partner", zone = "partner", users = 500000, value = 50 },
  },

  links = {
    link { "firmware", "homecam", "dependency" },
    link { "firmware", "procam", "dependency" },
    link { "firmware", "dvr", "dependency" },
    -- The portal relays owners' streams from their devices; nothing leads
    -- from a device into Kestrel's own systems (Mirai never tried).
    link { "portal", "homecam", "network" },
    link { "portal", "procam", "network" },
    link { "portal", "dvr", "network" },
    link { "portal", "cloud", "data" },
    link { "portal", "dns", "network" },
  },

  actors = {
    -- Recruits devices through the script (see the top of the file); once
    -- in, it runs its shell commands (T1059) and waits for flood orders.
    actor { id = "mirai", label = "Mirai botnet", motive = "thrill", skill = 2,
            uses = { "T1059" }, from = day(2) },
    -- Anyone could rent a flood from Mirai's copies once its code was out.
    actor { id = "booters", label = "Flood-for-hire customers", motive = "thrill", skill = 2,
            uses = { "T1498" }, from = day(5), attempts = 6 },
  },

  reports = {
    report { id = "dvr-telnet", vuln = "KV-2016-03", reporter = "R. Lindqvist",
             at = day(3), deadline = days(4) },
  },

  actions = { "patch", "mfa", "rotate_credentials", "restore", "isolate", "reconnect", "scan",
              "logging", "ddos_protection", "train", "join_sharing", "share_indicator",
              "security_txt", "handle_report", "notify", "report_authorities", "hack_back" },

  weakness_rate = 0,

  events = {
    event { id = "mirai-appears", at = day(2), run = function(w)
      w:message("A new botnet, Mirai, scans the internet for telnet and tries 62 factory passwords.")
    end },
    event { id = "defaults-choice", at = day(2) + 9, run = function(w)
      w:choose {
        text = "Firmware 2.0 can force a unique password at setup and shut telnet (PW.9), but delays the launch a week.",
        options = { "Ship secure defaults now",
                    "Launch on time, fix the firmware next quarter",
                    "Launch, and email customers to change passwords" },
        default = 2, deadline = hours(24),
        on_answer = function(w, option)
          on_defaults(w, option)
        end,
      }
    end },
    event { id = "isac", at = day(3) + 9, run = function(w)
      if w:indicator("mirai") then
        w:message("The sharing group circulates Mirai's scanner and command-server addresses.")
      else
        w:message("Partners are trading Mirai's addresses in a sharing group you are not part of.")
      end
    end },
    event { id = "krebs", at = day(4) + 6, run = function(w)
      w:message("20 September: KrebsOnSecurity is knocked offline by a 620 Gbps flood from hijacked devices.")
      wave(w, "the flood on KrebsOnSecurity", "krebs")
    end },
    event { id = "source", at = day(5) + 8, run = function(w)
      w:message("30 September: Mirai's source code is posted on a hacking forum. Copies multiply.")
      state.phase = 2
    end },
    event { id = "greyhat", at = day(6) + 10, run = function(w)
      local asked = w:tick()
      w:choose {
        text = "A grey-hat offers to log into infected cameras worldwide with your factory password and wipe the bot.",
        options = { "Decline; share the bots' addresses with CERTs",
                    "Let them log into customers' cameras" },
        offensive = 2, default = 1, deadline = hours(12),
        on_answer = function(w, option)
          on_greyhat(w, option, w:tick() >= asked + 12)
        end,
      }
    end },
    event { id = "dyn", at = day(8) + 11, run = function(w)
      w:message("21 October: floods hit the DNS provider Dyn. Twitter, Netflix, Reddit go dark for many.")
      at_dyn(w)
    end },
    event { id = "late-fix", at = day(9) + 9, run = function(w)
      late_fixes(w)
    end },
  },

  objectives = {
    objective { id = "defaults", text = "Rid every device line of its factory password (PW.9)", kind = "script",
                check = function(w) return all_safe(w) end },
    objective { id = "protection", text = "Keep customers' devices out of the botnet (Protection 70+)",
                kind = "pillar", pillar = "protection", min = 70 },
    objective { id = "dyn", text = "No device of yours in the October flood", kind = "script", optional = true,
                check = function(w) return state.dyn_clean end },
    objective { id = "coordinated", text = "Coordinate the researcher's report", kind = "reports_coordinated",
                optional = true },
  },

  on_start = function(w)
    w:message("August 2016. Your devices ship with one password, printed in every manual.")
  end,

  on_tick = function(w)
    tick(w)
  end,

  on_action = function(w, action, target)
    on_action(w, action, target)
  end,

  debrief = function(w, result)
    return debrief(w, result)
  end,
}
