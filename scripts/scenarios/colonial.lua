-- colonial.lua — "The Dormant Account", after the Colonial Pipeline
-- ransomware attack (May 2021).
--
-- The record: on 29 April 2021 intruders logged in to Colonial Pipeline's
-- network through a legacy VPN account that was no longer used but still
-- active, and had no multi-factor authentication; its password had turned
-- up in a batch of leaked passwords (CEO Joseph Blount's testimony to the
-- US Senate, 8 June 2021; Mandiant's investigation). On 6-7 May an
-- affiliate of the DarkSide ransomware group stole about 100 GB of data and
-- encrypted IT systems. Unsure whether the control network was safe, and
-- with billing affected, the company shut down its whole 5,500-mile
-- pipeline as a precaution on 7 May, the first full shutdown in its history; fuel shortages and panic buying followed along
-- the US East Coast. It paid a ransom of 75 bitcoin; the FBI named
-- DarkSide on 10 May; operations restarted on 12 May; on 7 June the US
-- Department of Justice announced it had seized 63.7 of the bitcoin.
-- The operational technology was not reached.
--
-- The game: one leaked password, one missing factor. MFA or a rotated
-- credential closes the door; segmentation between IT and OT decides
-- whether a precautionary shutdown is needed; and a "hack back" offer is
-- there to be refused: the Accord's second commitment.

-- What this game remembers for its debrief; on_start resets it.
local S = {}

-- IT nodes the ransomware can hold; OT ("ops") is reached only by the
-- bridge below.
local IT = { "vpn", "mail", "files", "billing", "scheduling" }

local function any_it(w, field)
  for _, id in ipairs(IT) do
    local n = w:node(id)
    if field == "encrypted" and n.state == "encrypted" then return id end
    if field == "compromised" and n.compromised then return id end
  end
  return nil
end

-- The scheduling system talks to the pipeline's control network without
-- authentication (CWE-306). Unless a segment separates them or that bridge
-- is fixed, ransomware on the IT side may cross.
local function ot_exposed(w)
  return not (w:has_control("ops", "segmented") or w:has_control("scheduling", "segmented")
              or w:vuln("sched-ot-bridge").patched)
end

return scenario {
  id = "colonial",
  title = "The Dormant Account",
  author = "Bulwark developers",
  summary = "A leaked VPN password without MFA, ransomware, and a pipeline shut down: Colonial Pipeline, 2021.",
  days = 10,
  seed = 2021,
  commitments = { "protection", "no-offense", "collective" },
  teaches = {
    ssdf = { "PO.1", "PW.1", "PW.9", "RV.2" },
    attack = { "T1078", "T1133", "T1021", "T1486", "T1567", "T1566" },
    cwe = { 287, 306 },
  },
  briefing = [[
You run security for Gulfline, a fuel pipeline that carries petrol and
diesel to millions of people along the coast. The control room runs the
pipeline (OT); the corporate side (IT) runs mail, file shares, billing and
the scheduling system that tells the control room what to ship.

It is 29 April. A threat-intelligence feed lists a password for one of
your VPN accounts in a dump of leaked credentials: an old account nobody
uses, still active, with no second factor.

Close the door before someone walks through it. If they already have,
keep the fuel flowing safely, and remember that the people best placed to
stop a ransomware gang are the authorities and your peers, not you.]],

  defender = { budget = 32, income = 4, staff = 4,
               capability = { PO = 0.1, PS = 0.1, PW = 0.1, RV = 0.15 } },

  nodes = {
    node { id = "vpn", label = "Legacy VPN gateway", kind = "vpn", zone = "dmz",
           leaked_credentials = true }, -- no users or value of its own: ransomware passes through
    node { id = "mail", label = "Corporate mail", kind = "mail", zone = "internal",
           users = 800, value = 15 },
    node { id = "files", label = "File shares", kind = "fileserver", zone = "internal",
           users = 800, value = 40 },
    node { id = "billing", label = "Billing system", kind = "database", zone = "internal",
           users = 20000, value = 60 },
    node { id = "scheduling", label = "Scheduling system", kind = "api", zone = "internal",
           users = 5000, value = 30,
           vulns = { vuln { id = "sched-ot-bridge", cwe = 306, severity = 7.2, design = true } } },
    node { id = "ops", label = "Pipeline control OT", kind = "iot", zone = "internal",
           users = 100000, value = 90, controls = { "backup" } },
  },

  links = {
    link { "vpn", "files", "network" },
    link { "vpn", "mail", "network" },
    link { "files", "billing", "trust" },
    link { "mail", "billing", "trust" },
    link { "billing", "scheduling", "network" },
  },

  actors = {
    actor { id = "darkside", label = "DarkSide affiliate", motive = "money", skill = 3,
            uses = { "T1133", "T1078", "T1021", "T1486" }, from = day(1) + 6, attempts = 12 },
    -- Double extortion: the same intruders copy data before they encrypt.
    -- No access technique of its own: the script plants it where the
    -- affiliate gets in.
    actor { id = "exfil", label = "DarkSide data theft", motive = "espionage", skill = 3,
            uses = { "T1213", "T1567" } },
    -- Dormant until a hack-back provokes it (day(365) is past the end).
    actor { id = "affiliates", label = "Provoked affiliates", motive = "money", skill = 4,
            uses = { "T1133", "T1078", "T1566", "T1486" }, from = day(365), attempts = 8 },
  },

  actions = { "mfa", "rotate_credentials", "patch", "scan", "threat_model", "logging", "edr",
              "backup", "segment", "isolate", "reconnect", "restore", "train", "join_sharing",
              "share_indicator", "notify", "report_authorities", "hack_back" },
  -- Turning on the second factor for one gateway is a morning's work.
  costs = { mfa = { hours = 6 } },

  events = {
    event { id = "tip", at = day(1) + 2, run = function(w)
      w:message("Threat feed: account 'legacy-vpn' appears in a dump of leaked passwords.", "vpn")
    end },
    event { id = "isac", at = day(4) + 9, run = function(w)
      if w:indicator("darkside") then
        w:message("The sector ISAC shares DarkSide's VPN logins and tools. Your monitoring looks for them.")
      end
    end },
    event { id = "offer", at = day(5) + 10, run = function(w)
      local hit = w:actor("darkside").detected
      w:message(hit and "DarkSide's leak site lists Gulfline: 'your files, published in 5 days'."
                     or "The FBI names DarkSide in a pipeline attack at a peer. Boards want action.")
      w:choose {
        text = "A 'threat intel' firm offers to break into DarkSide's servers and wipe your stolen files.",
        options = { "Report to the FBI, share indicators",
                    "Pay the firm to hack DarkSide back" },
        offensive = 2, default = 1, deadline = hours(12),
        on_answer = function(w, option)
          if option == 1 then
            w:adjust("collaboration", 5, "reported DarkSide to the FBI with indicators")
            S.reported = true
            if w:indicator("darkside") then
              w:message("The ISAC circulates your indicators; peers block the same VPN logins.")
            end
            return
          end
          S.hacked_back = true
          -- The attraction: it seems to work.
          w:activate("darkside", w:tick() + hours(36))
          w:message("DarkSide's leak site goes dark. For a day and a half, it looks like it worked.")
          w:after(6, function(w)
            w:offense(10, "Wiped DarkSide's rented server, and a charity's site on it", true)
          end)
          w:after(30, function(w)
            w:message("DarkSide's affiliates call it an attack on them all. New logins probe your VPN.")
            w:activate("affiliates")
            w:activate("darkside")
          end)
        end,
      }
    end },
    event { id = "darkside-quits", at = day(8) + 12, run = function(w)
      w:message("14 May: DarkSide tells its affiliates it has lost its servers and is closing down.")
    end },
  },

  objectives = {
    objective { id = "door", text = "Close the door: MFA on the VPN or rotate the leaked password",
                kind = "script",
                check = function(w) return w:has_control("vpn", "mfa") or S.rotated == true end },
    objective { id = "ops", text = "Keep the pipeline control system out of the ransomware's reach",
                kind = "protect", node = "ops" },
    objective { id = "protection", text = "Keep fuel and service flowing (Protection 55+)",
                kind = "pillar", pillar = "protection", min = 55 },
    objective { id = "clean", text = "Take no offensive action", kind = "script", optional = true,
                check = function(w) return w:tally().offenses == 0 end },
  },

  on_start = function(w)
    S = { rotated = false, planted = false, shutdown = nil, shut_now = false, asked = false,
          crossed = false,
          hacked_back = false, reported = false, hit = {} }
    w:message("Gulfline, 29 April 2021. The pipeline moves fuel for millions; the VPN has no second factor.")
  end,

  on_action = function(w, action, target)
    if action == "rotate_credentials" and target == "vpn" then
      S.rotated = true
      w:message("The dormant VPN account is disabled and its password rotated.", "vpn")
    end
  end,

  on_tick = function(w)
    if not S.hit.vpn and w:node("vpn").compromised then S.hit.vpn = true end
    -- Double extortion: where the affiliate is in through the VPN, its
    -- data-theft crew follows on the same account.
    if not S.planted and w:node("vpn").compromised then
      S.planted = true
      w:compromise("vpn", "exfil", "T1133")
    end
    -- Ransomware on the IT side: the shutdown decision of 7 May 2021.
    local locked = any_it(w, "encrypted")
    if locked and not S.asked then
      S.asked = true
      local label = w:node(locked).label
      w:choose {
        text = ("Ransom note on %s. The control room's systems look clean, but nobody can be sure."):format(label),
        options = { "Shut the pipeline down until IT is clean", "Keep the fuel flowing" },
        default = 2, deadline = hours(6),
        on_answer = function(w, option)
          if option == 1 then
            S.shutdown = true
            S.shut_now = true
            w:adjust("protection", -8, "pipeline shut down as a precaution: fuel shortages on the coast")
            w:message("Pipeline shut down. Queues and panic buying at petrol stations along the coast.")
          elseif ot_exposed(w) then
            S.shutdown = false
            w:message("Fuel keeps flowing. The scheduling system still talks straight to the control network.")
          elseif w:vuln("sched-ot-bridge").patched then
            S.shutdown = false
            w:message("Fuel keeps flowing: the link to the control network now demands authentication.")
          else
            S.shutdown = false
            w:message("Fuel keeps flowing behind the segment between IT and OT.")
          end
        end,
      }
    end
    -- The pipeline restarts once no IT system is locked any more.
    if S.shut_now and not locked then
      S.shut_now = false
      w:message("IT is clean again: the pipeline restarts. Deliveries take days to catch up.")
    end
    -- The IT-to-OT bridge: while fuel flows and nothing separates the two,
    -- ransomware that has locked the scheduling system or billing may reach
    -- the control network (a small chance every hour). Only a money-minded
    -- crew encrypts, so a locked node means the ransomware is there.
    if not S.crossed and not S.shut_now and ot_exposed(w)
       and (w:node("scheduling").state == "encrypted" or w:node("billing").state == "encrypted")
       and w:random() < 0.08 then
      S.crossed = true
      w:compromise("ops", "darkside", "T1021")
    end
  end,

  debrief = function(w, result)
    local lines = {}
    lines[#lines + 1] = "In 2021 one password from a leak, on a VPN account nobody used and nobody had given a second factor, was enough to stop a pipeline that carries fuel for millions."
    if w:has_control("vpn", "mfa") or S.rotated then
      lines[#lines + 1] = ("You closed the door: %s. A second factor stops a leaked password (T1078, T1133) nine times out of ten.")
        :format(w:has_control("vpn", "mfa") and S.rotated and "MFA on the VPN and the password rotated"
                or w:has_control("vpn", "mfa") and "MFA on the VPN" or "the leaked password rotated")
    else
      lines[#lines + 1] = "The VPN still took a password alone at the end. Multi-factor authentication and removing dormant accounts (PO.1, PW.9) are the whole lesson of Colonial Pipeline."
    end
    if S.hit.vpn then
      lines[#lines + 1] = "The affiliate did log in with the leaked password, and its data-theft crew came in on the same account."
    else
      lines[#lines + 1] = "Nobody got in through the VPN."
    end
    if S.shutdown then
      lines[#lines + 1] = "You shut the pipeline down as a precaution, as Colonial did on 7 May 2021: safe, but the coast ran short of fuel. Segmenting OT from IT is what lets fuel flow while IT is cleaned."
      if S.crossed then
        lines[#lines + 1] = "After the restart the ransomware struck IT again, and with nothing between IT and OT it crossed into the control network. In 2021 it never did."
      end
    elseif S.shutdown == false then
      lines[#lines + 1] = S.crossed and "You kept the fuel flowing with nothing between IT and OT, and the ransomware crossed into the control network. In 2021 it never did: the shutdown was a precaution."
        or "You kept the fuel flowing through the ransomware, and OT held."
    elseif S.crossed then
      lines[#lines + 1] = "The ransomware crossed from IT into the pipeline control system. In 2021 it never did."
    end
    local t = w:tally()
    if S.hacked_back then
      lines[#lines + 1] = "You paid to hack DarkSide back. The leak site went dark for a day and a half; then a charity's site on the same rented server was gone, and the gang's other affiliates came for you."
    end
    if t.offenses > 0 then
      lines[#lines + 1] = ("%d offensive act%s, %d hitting a bystander. The Accord's second commitment (no offensive action) exists because attack servers are usually someone else's machine, and a strike invites escalation.")
        :format(t.offenses, t.offenses == 1 and "" or "s", t.bystanders_harmed)
    end
    if S.reported then
      lines[#lines + 1] = "You reported to the FBI and shared indicators. In 2021 it was law enforcement, with a warrant, that seized 63.7 of the 75 bitcoin paid."
    end
    if t.breaches_concealed > 0 then
      lines[#lines + 1] = "A breach you had detected went unreported for more than 72 hours."
    end
    if w:tally().data_lost then
      lines[#lines + 1] = "Data was copied out before the encryption (T1567): the double extortion DarkSide practised."
    end
    return table.concat(lines, "\n")
  end,
}
