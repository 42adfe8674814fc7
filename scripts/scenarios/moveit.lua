-- moveit.lua — "Mass Transfer", after the MOVEit Transfer campaign (2023).
--
-- The record: from about 27 May 2023, the Memorial Day weekend, the Cl0p
-- extortion group exploited an unknown SQL injection (CWE-89) in the web
-- application of MOVEit Transfer, Progress Software's managed
-- file-transfer product, planting a web shell (LEMURLOOT, human2.aspx) and
-- copying the files customers had exchanged. Progress published an
-- advisory and patches on 31 May and told customers to block web traffic
-- to the server until patched; the flaw became CVE-2023-34362. CISA and
-- the FBI published indicators on 7 June (advisory AA23-158A). A code
-- review found more SQL injections, fixed and disclosed together on 9 June
-- (CVE-2023-35036); a third was published by an outsider on 15 June
-- before any fix (CVE-2023-35708, patched on 16 June). Cl0p encrypted
-- nothing: it named victims on its leak site from 14 June. More than 2,500
-- organisations and tens of millions of people were affected, many through
-- a supplier that held their data, as payroll providers held employers'.
--
-- The game: the flaw cannot be patched until the vendor ships a fix, so
-- the first days are won by other people's eyes. A sharing group turns a
-- peer's discovery into your indicators; sharing yours protects the
-- partners Cl0p has not reached yet (CURRICULUM.md section 5).

-- What this game remembers for its debrief; on_start resets it.
local S = {}

-- Partner organisations in the sharing group, in the order Cl0p's mass
-- campaign reaches them. Wave 1 lands before anyone knows; later waves
-- meet whatever indicators the player has shared.
local PARTNERS = { "pension", "airline", "retailer", "university", "hospital" }
local WAVES = {
  { at = day(1) + 10, node = "pension" },
  { at = day(1) + 21, node = "airline" },
  { at = day(4) + 6,  node = "retailer" },
  { at = day(5) + 14, node = "university" },
  { at = day(7) + 3,  node = "hospital" },
  { at = day(10) + 2, node = "retailer" },
}

local function partners_lost(w)
  local n = 0
  for _, id in ipairs(PARTNERS) do
    if w:node(id).data_lost then n = n + 1 end
  end
  return n
end

-- One wave of Cl0p's campaign reaching a partner's own transfer server.
-- Indicators the player shared are on that partner's blocklist: most such
-- attempts fail. (The engine halves every later step of an intrusion on a
-- warned partner too.)
local function wave(w, id)
  local node = w:node(id)
  if node.data_lost or node.compromised then return end
  if w:actor("clop").indicators_shared and w:random() < 0.8 then
    S.blocked[#S.blocked + 1] = id
    w:message(("%s blocked Cl0p's exploit with the indicators you shared."):format(node.label), id)
    return
  end
  w:compromise(id, "clop", "T1190")
end

-- The vendor's advice on 31 May and again on 15 June: cut web traffic to
-- the server until it is patched. Blocking keeps Cl0p's exploit out for
-- that long; clients wait for their files.
local function block_choice(w, long)
  w:choose {
    text = "The vendor advises blocking all web traffic to the transfer server until it is patched.",
    options = { "Block it until patched (clients wait)", "Keep it open and patch in the next window" },
    default = 2, deadline = hours(6),
    on_answer = function(w, option)
      if option == 1 then
        S.blocked_traffic = S.blocked_traffic + 1
        w:adjust("protection", -2, "clients could not send payroll files for a day")
        w:activate("clop", w:tick() + long)
        w:message("Web traffic to the transfer server is blocked. Clients queue their files.", "mft")
      else
        S.kept_open = S.kept_open + 1
        w:message("The server stays open while the patch waits for its window.", "mft")
      end
    end,
  }
end

return scenario {
  id = "moveit",
  title = "Mass Transfer",
  author = "Bulwark developers",
  summary = "A zero-day SQL injection in a file-transfer product and a mass data-theft campaign: MOVEit, 2023.",
  days = 14,
  seed = 2023,
  commitments = { "collective", "protection" },
  teaches = {
    ssdf = { "RV.1", "RV.2", "RV.3", "PW.5", "PW.7" },
    attack = { "T1190", "T1059", "T1213", "T1567" },
    cwe = { 89, 79, 434 },
  },
  briefing = [[
You run security at Keel Payroll. Employers send you their payroll files
through a managed file-transfer server bought from a vendor; your own
payroll portal and database do the rest. You hold the personal data of
other companies' staff.

It is Friday 26 May, the start of a long weekend. Five organisations like
you share threat information through a sector group; you have not joined.
Somewhere, a crew has found a way into the file-transfer product that its
vendor does not know about yet, and it means to use it on everyone at once.

Keep your clients' files. Help the others keep theirs: what one of you
sees can warn all the rest.]],

  defender = { budget = 36, income = 5, staff = 4,
               capability = { PO = 0.15, PS = 0.1, PW = 0.15, RV = 0.15 } },

  nodes = {
    node { id = "mft", label = "File-transfer server", kind = "fileserver", zone = "dmz",
           users = 20000, value = 70,
           vulns = { vuln { id = "CVE-2023-34362", cwe = 89, severity = 9.8, fix = false,
                            attackers_know = true, exploitability = 0.9,
                            -- a vendor's unknown flaw: no scan of ours finds it
                            design = true } } },
    node { id = "mft-db", label = "Transfer database", kind = "database", zone = "internal",
           value = 40 },
    node { id = "portal", label = "Payroll portal", kind = "web", zone = "dmz",
           users = 40000, value = 30,
           vulns = { vuln { id = "portal-xss", cwe = 79, severity = 5.4 },
                     vuln { id = "portal-upload", cwe = 434, severity = 7.5, exploitability = 0.5 },
                     vuln { id = "portal-sqli", cwe = 89, severity = 8.6, appears = day(6),
                            exploitability = 0.8 } } },
    node { id = "payroll", label = "Payroll database", kind = "database", zone = "internal",
           users = 40000, value = 90, controls = { "backup" } },
    node { id = "pension", label = "Pension fund", kind = "fileserver", zone = "partner", value = 50 },
    node { id = "airline", label = "Airline (client)", kind = "fileserver", zone = "partner", value = 50 },
    node { id = "retailer", label = "Retail chain client", kind = "fileserver", zone = "partner", value = 50 },
    node { id = "university", label = "University", kind = "fileserver", zone = "partner", value = 50 },
    node { id = "hospital", label = "Hospital group", kind = "fileserver", zone = "partner", value = 50 },
  },

  links = {
    link { "mft", "mft-db", "data" },
    link { "mft", "payroll", "network" },
    link { "portal", "payroll", "data" },
  },

  actors = {
    -- Cl0p steals and extorts; it encrypted nothing in this campaign, so
    -- its motive here is the data ("espionage" in the engine's terms).
    actor { id = "clop", label = "Cl0p", motive = "espionage", skill = 4,
            uses = { "T1190", "T1059", "T1213", "T1567" }, from = day(3) + 12, attempts = 4 },
  },

  reports = {
    report { id = "portal-sqli-report", vuln = "portal-sqli", reporter = "R. Okafor",
             at = day(6) + 9, deadline = days(4) },
  },

  actions = { "patch", "scan", "waf", "logging", "edr", "backup", "segment", "isolate",
              "reconnect", "restore", "rotate_credentials", "code_review", "sast", "train",
              "join_sharing", "share_indicator", "security_txt", "handle_report", "notify",
              "report_authorities" },
  cwe_pool = { 89, 79, 22, 434 },

  events = {
    event { id = "weekend", at = day(1) + 18, run = function(w)
      w:message("Saturday 27 May: the long weekend starts. Traffic to the transfer server looks normal.")
    end },
    event { id = "peer-shell", at = day(3) + 9, run = function(w)
      -- The first discovery at a peer: through the group, it is yours too.
      if w:indicator("clop") then
        w:message("A peer found a web shell, human2.aspx, on its transfer server. The group suspects the product.")
        w:reveal("CVE-2023-34362")
      end
    end },
    event { id = "advisory", at = day(5) + 8, run = function(w)
      w:message("31 May: the vendor confirms an SQL injection in the product and ships a patch.")
      w:release_fix("CVE-2023-34362")
      w:make_public("CVE-2023-34362")
      block_choice(w, hours(24))
    end },
    event { id = "cisa", at = day(8) + 10, run = function(w)
      w:message("7 June: the national CERT and the FBI publish Cl0p's indicators for everyone.")
      if not w:indicator("clop") then
        w:message("Outside the sharing group, you read the advisory hours after the partners had it.")
      end
    end },
    event { id = "second-cve", at = day(9) + 9, run = function(w)
      -- Found by a code review and disclosed with its fix: coordinated.
      w:add_vuln { id = "CVE-2023-35036", node = "mft", cwe = 89, severity = 9.1, fix = true,
                   known = true, attackers_know = false }
      w:message("9 June: a code review finds more SQL injections in the product. Fixed and disclosed together.", "mft")
    end },
    event { id = "extortion", at = day(9) + 14, run = function(w)
      w:message("14 June: Cl0p starts naming victims on its leak site.")
      if w:node("mft").data_lost or w:node("payroll").data_lost or w:node("mft-db").data_lost then
        w:choose {
          text = "Cl0p writes: pay, or your clients' payroll files go on our leak site.",
          options = { "Refuse; tell clients and the regulator", "Pay quietly and hope they delete it" },
          default = 1, deadline = hours(12),
          on_answer = function(w, option)
            if option == 2 then
              S.paid = true
              if w:budget() >= 10 then w:budget(-10) end
              w:adjust("responsibility", -15, "paid an extortionist and told no one")
              w:message("You paid. Cl0p lists your clients anyway a week later.")
            else
              S.refused = true
              w:adjust("collaboration", 3, "refused to pay and worked with the regulator")
            end
          end,
        }
      end
    end },
    event { id = "third-cve", at = day(11) + 10, run = function(w)
      -- Published by an outsider before any fix: the window coordination avoids.
      w:add_vuln { id = "CVE-2023-35708", node = "mft", cwe = 89, severity = 8.6, fix = false,
                   known = true, attackers_know = true, public = true }
      w:message("15 June: an outsider publishes a third SQL injection before any fix exists.", "mft")
      block_choice(w, hours(30))
    end },
    event { id = "third-fix", at = day(12) + 8, run = function(w)
      w:release_fix("CVE-2023-35708")
      w:message("16 June: the vendor ships the fix for the third flaw.", "mft")
    end },
  },

  objectives = {
    objective { id = "files", text = "Keep your clients' files on the transfer server", kind = "protect",
                node = "mft" },
    objective { id = "payroll", text = "Keep the payroll database", kind = "protect", node = "payroll" },
    objective { id = "partners", text = "Help the group: at most two partners lose data", kind = "script",
                check = function(w) return partners_lost(w) <= 2 end },
    objective { id = "disclosure", text = "Coordinate the researcher's report on your portal",
                kind = "reports_coordinated" },
    objective { id = "shared", text = "Share what you learn with the group", kind = "script",
                optional = true,
                check = function(w) return w:tally().indicators_shared > 0 end },
  },

  on_start = function(w)
    S = { blocked = {}, blocked_traffic = 0, kept_open = 0, paid = false, refused = false, hit = {} }
    w:message("Keel Payroll, Friday 26 May 2023. The sector sharing group meets on Tuesdays; you are not in it.")
    for _, wv in ipairs(WAVES) do
      w:schedule(wv.at, function(w) wave(w, wv.node) end)
    end
  end,

  on_tick = function(w)
    if not S.hit.mft and w:node("mft").compromised then S.hit.mft = true end
  end,

  on_action = function(w, action, target)
    if action == "share_indicator" and target == "clop" then
      w:message("Your indicators reach the group's blocklists within the hour.")
    end
  end,

  debrief = function(w, result)
    local lines = {}
    local t = w:tally()
    lines[#lines + 1] = "In 2023 one SQL injection (CWE-89) in one file-transfer product let Cl0p copy the files of more than 2,500 organisations in a few days: a single coding flaw, multiplied by every customer."
    if w:defender().in_sharing_group then
      lines[#lines + 1] = ("You joined the sharing group and received %d warning%s from partners: what a peer saw on its own server became your indicators.")
        :format(t.indicators_received, t.indicators_received == 1 and "" or "s")
    else
      lines[#lines + 1] = "You never joined the sharing group: the peers' discoveries, the web shell's name and the attackers' addresses, never reached you until the public advisory."
    end
    local lost = partners_lost(w)
    if t.indicators_shared > 0 then
      lines[#lines + 1] = ("You shared Cl0p's indicators; %d later attempt%s on partners failed against them. %d of 5 partners lost data.")
        :format(#S.blocked, #S.blocked == 1 and "" or "s", lost)
    else
      lines[#lines + 1] = ("You shared nothing, and Cl0p reached each partner as if it were the first. %d of 5 partners lost data."):format(lost)
    end
    if w:node("mft").data_lost then
      lines[#lines + 1] = "Your clients' payroll files were copied off the transfer server (T1567). As with Zellis in 2023, the employers' staff learned of it from their employers."
    elseif S.hit.mft then
      lines[#lines + 1] = "Cl0p got into the transfer server (T1190) but you threw it out before it copied the files."
    else
      lines[#lines + 1] = "Cl0p never got into your transfer server."
    end
    if S.blocked_traffic > 0 then
      lines[#lines + 1] = "You blocked web traffic to the server until it was patched, as the vendor advised on 31 May and 15 June: a day of waiting for clients against weeks of exposure."
    elseif S.kept_open > 0 then
      lines[#lines + 1] = "You kept the server open while the patch waited for a window, with the exploit public: the vendor's advice was to block it."
    end
    if w:vuln("CVE-2023-35708").patched then
      lines[#lines + 1] = "The third flaw was published before a fix: a day when only blocking, a WAF and indicators stood between Cl0p and the server. Coordinated disclosure (the second flaw) left no such day."
    end
    if t.reports_coordinated > 0 then
      lines[#lines + 1] = "You fixed the SQL injection the researcher found in your own portal and credited her: coordinated disclosure, and a reason to hunt the whole class of flaw (RV.3) with secure coding and code review (PW.5, PW.7)."
    elseif t.deadlines_missed > 0 then
      lines[#lines + 1] = "The researcher's deadline on your portal passed: your own SQL injection went public with exploit code."
    end
    if S.paid then
      lines[#lines + 1] = "You paid Cl0p. Most MOVEit victims did not: a payment buys only a criminal's promise."
    end
    return table.concat(lines, "\n")
  end,
}
