---@meta bulwark
-- bulwark.lua — lua-language-server annotations for Bulwark scenarios and
-- bots. Documentation only: the game never loads this file. The reference
-- is scripts/API.md; tests/script/test_api_docs.c checks that every
-- function, field and name the engine exposes is annotated here.
--
-- Use: add scripts/api to "workspace.library" in .luarc.json.

-- ---------------------------------------------------------------------------
-- Names
-- ---------------------------------------------------------------------------

---A tick: a whole number of game hours since the start (day 1 = ticks 0..23).
---@alias Tick integer

---A node's kind.
---@alias NodeKind
---| "web"        # produces code
---| "api"        # produces code
---| "database"   # holds data
---| "ci"         # produces code; supply-chain access
---| "repo"       # produces code; supply-chain access; holds data
---| "laptop"     # phishing and client exploits land here
---| "iot"        # brute force x4 (default credentials)
---| "cloud"      # holds data
---| "partner"    # a partner organisation
---| "mail"       # phishing lands here; holds data
---| "vpn"        # external remote services (T1133)
---| "fileserver" # holds data
---| "library"    # produces code; its flaws reach its dependants

---A network zone. internet and dmz are exposed; partner nodes are not the player's.
---@alias Zone
---| "internet"
---| "dmz"
---| "internal"
---| "build"
---| "partner"

---How an attacker moves along a link.
---@alias LinkKind
---| "network"    # remote services (T1021); segmentation cuts it across zones
---| "trust"      # a valid account; MFA on the target stops most
---| "dependency" # a tampered component (T1195); the source's flaws count on the target
---| "data"       # data from information repositories (T1213)

---A control on a node.
---@alias Control
---| "mfa"
---| "edr"
---| "logging"
---| "backup"
---| "segmented"
---| "code_review"
---| "sast"
---| "pinned_deps"
---| "signed_builds"
---| "waf"
---| "ddos_protection"
---| "isolated"

---A threat actor's motive: decides targets and impact.
---@alias Motive
---| "money"     # encrypts (T1486)
---| "espionage" # exfiltrates (T1567)
---| "ideology"  # defaces
---| "thrill"    # defaces

---An ATT&CK technique the engine models ("T1195.002" is read as "T1195").
---@alias Technique
---| "T1190" # Exploit public-facing application (access)
---| "T1566" # Phishing (access)
---| "T1078" # Valid accounts (access)
---| "T1110" # Brute force (access)
---| "T1133" # External remote services (access)
---| "T1195" # Supply chain compromise (access)
---| "T1059" # Command and scripting interpreter
---| "T1021" # Remote services
---| "T1552" # Unsecured credentials
---| "T1213" # Data from information repositories
---| "T1567" # Exfiltration over web service
---| "T1486" # Data encrypted for impact
---| "T1498" # Network denial of service (access)
---| "T1203" # Exploitation for client execution (access)
---| string  # sub-techniques such as "T1195.002"

---An SSDF practice group.
---@alias Area
---| "PO" # prepare the organisation
---| "PS" # protect the software
---| "PW" # produce well-secured software
---| "RV" # respond to vulnerabilities

---A score pillar, one per Tech Accord commitment.
---@alias Pillar
---| "protection"
---| "responsibility"
---| "capacity"
---| "collaboration"

---A node's state.
---@alias NodeState
---| "healthy"
---| "degraded"
---| "compromised"
---| "encrypted"
---| "offline"

---The kind of a log entry.
---@alias LogKind
---| "message"
---| "intrusion"
---| "detected"
---| "impact"
---| "action_started"
---| "action_done"
---| "vuln_found"
---| "vuln_new"
---| "report"
---| "disclosure"
---| "indicator"
---| "offense"
---| "choice"
---| "score"

---An action the player can take (scripts/API.md section 7).
---@alias ActionName
---| "patch"              # node
---| "mfa"                # node
---| "edr"                # node
---| "logging"            # node
---| "backup"             # node
---| "segment"            # node
---| "threat_model"       # node
---| "scan"               # node
---| "code_review"        # code-producing node
---| "sast"               # code-producing node
---| "pin_deps"           # code-producing node
---| "sign_builds"        # ci, repo or library node
---| "waf"                # internet-facing node
---| "ddos_protection"    # internet-facing node
---| "train"              # area
---| "isolate"            # node
---| "reconnect"          # isolated node
---| "restore"            # node
---| "rotate_credentials" # node
---| "join_sharing"       # no target
---| "share_indicator"    # actor
---| "security_txt"       # no target
---| "handle_report"      # open report
---| "notify"             # no target
---| "report_authorities" # actor
---| "hack_back"          # actor; offensive
---| "choose"             # choice id and option

---How an objective is decided.
---@alias ObjectiveKind
---| "pillar"              # pillar >= min at the end
---| "protect"             # node never encrypted nor its data stolen
---| "no_data_lost"        # no data exfiltrated anywhere
---| "reports_coordinated" # every report handled before its deadline
---| "max_compromised"     # at most max nodes ever compromised
---| "script"              # check(w) decides

---A Tech Accord commitment.
---@alias Commitment
---| "protection"
---| "no-offense"
---| "capacity"
---| "collective"

-- ---------------------------------------------------------------------------
-- The scenario table
-- ---------------------------------------------------------------------------

---The table a scenario file returns.
---@class Scenario
---@field id string                  a valid id (letters, digits, - _ .), at most 47 characters
---@field title string               1..200 bytes
---@field days integer               1..365; the game ends at tick days*24
---@field seed? integer              0..2147483647, default 1
---@field author? string             at most 200 bytes
---@field summary? string            at most 1000 bytes (not yet used by the engine)
---@field version? string            at most 40 bytes (not yet used by the engine)
---@field briefing? string           at most 16384 bytes
---@field commitments? Commitment[]  at most 4; added to teaches.accord
---@field teaches? Teaches           curriculum ids (scripts/lib/curriculum.lua)
---@field defender? Defender         default staff 2, everything else 0
---@field nodes Node[]               1..100000 nodes
---@field links? Link[]              at most 100000
---@field actors? Actor[]            at most 64
---@field reports? Report[]          at most 1000
---@field actions? ActionName[]      offered actions; default every non-offensive one
---@field costs? table<ActionName, ActionCost> price overrides
---@field cwe_pool? integer[]        at most 16 CWE ids new weaknesses draw from
---@field weakness_rate? number      0..1 per code-producing node per day, default 0.03
---@field events? Event[]            at most 10000
---@field objectives? Objective[]    at most 64; none = every finished game is won
---@field on_start? fun(w: World)    once at tick 0, after the world is built
---@field on_tick? fun(w: World)     every tick, after the rules
---@field on_action? fun(w: World, action: ActionName, target: string?) when a player's action takes effect
---@field debrief? fun(w: World, result: Result): string? the closing text
---@field assets? Assets             the scenario's own images, from its folder
---@field lint? LintSettings         lints this scenario means to trip

---The scenario's own images: PNG files in the scenario file's folder (a
---relative path without "..", no link out of the folder, at most 512 KiB
---and 1048576 pixels each).
---@class Assets
---@field logo? string               shown at the right of the briefing's title

---Lints of `bulwark check` silenced for this scenario, with a comment why.
---@class LintSettings
---@field ignore? LintName[]         at most 16

---@alias LintName
---| "unreachable-objective" # an objective nothing offered can meet
---| "after-end"             # day(n) or w:day() >= n past the last day
---| "unreachable-asset"     # a node of value no attacker reaches, no objective protects
---| "action-no-target"      # an offered action nothing can take
---| "text-too-long"         # a title, label or option wider than the screen has room for
---| "unused"                # an actor never active or with no way in, an unused price or pool
---| "unknown-id"            # a script names a node, vuln, actor, objective, state or counter that does not exist

---The player's organisation at the start.
---@class Defender
---@field budget? integer                  0..1000000000, default 0
---@field income? integer                  0..1000000 a day, default 0
---@field staff? integer                   0..1000 people (8 staff hours a day each), default 2
---@field capability? table<Area, number>  0..1 per area, default 0

---An asset.
---@class Node
---@field id string                  a valid id
---@field label? string              at most 95 bytes; default the id
---@field kind NodeKind
---@field zone? Zone                 default "internal"
---@field value? integer             0..1000, default 0: what a breach costs
---@field users? integer             0..1000000000, default 0: customers served
---@field controls? Control[]        present at the start (at most 32)
---@field data? boolean              holds data (database, fileserver, repo, mail, cloud always do)
---@field leaked_credentials? boolean a credential circulates (T1078)
---@field x? integer                 -100000..100000; 0,0 = automatic layout
---@field y? integer                 -100000..100000
---@field vulns? Vuln[]              at most 1000
---@field icon? string               a PNG in the scenario's folder, drawn on the map (see Assets)

---A vulnerability, written inside its node.
---@class Vuln
---@field id string                  a valid id, unique among vulnerabilities
---@field cwe integer                1..100000
---@field severity number            0..10
---@field exploitability? number     0..1; default (or 0) = severity / 10
---@field fix? boolean               a fix exists, default true
---@field known? boolean             the defender knows it, default false
---@field attackers_know? boolean    attackers know it, default false
---@field public? boolean            published, default false
---@field design? boolean            a design flaw (found by threat_model), default false
---@field appears? Tick              when it comes to exist, default 0
---@field node? string               accepted and ignored: the enclosing node carries it

---A directed link: { "from", "to", "kind" } or { from = ..., to = ..., kind = ... }.
---@class Link
---@field from? string               a node id (or item 1)
---@field to? string                 a node id (or item 2)
---@field kind? LinkKind             default "network" (or item 3)
---@field [1] string?
---@field [2] string?
---@field [3] LinkKind?

---A threat actor.
---@class Actor
---@field id string                  a valid id
---@field label? string              at most 95 bytes; default the id
---@field motive Motive
---@field skill? integer             1..5, default 2
---@field uses Technique[]           1..64; only access techniques change behaviour
---@field from? Tick                 when it starts, default 0
---@field attempts? integer          1..24 initial-access attempts a day, default 4

---A researcher's private report.
---@class Report
---@field id string                  a valid id
---@field vuln string                the vulnerability's id
---@field reporter? string           default "a researcher"
---@field at Tick                    when the researcher tries to report (arrives 2 days later without security.txt)
---@field deadline? integer          ticks from arrival to public disclosure, 1..8760, default days(7)

---A price override.
---@class ActionCost
---@field money? integer             0..1000000
---@field staff? integer             staff hours, 0..10000
---@field hours? integer             duration in ticks, 0..10000

---Curriculum ids, each list at most 64, every id in scripts/lib/curriculum.lua.
---@class Teaches
---@field accord? Commitment[]
---@field ssdf? string[]             "PO.1" .. "RV.3"
---@field attack? string[]           "T1190", "T1195.002", ...
---@field cwe? (integer|string)[]    502, "502" or "CWE-502"

---A scheduled event.
---@class Event
---@field id? string                 for diagnostics only
---@field at Tick                    0..days*24; tick 0 runs at tick 1
---@field run fun(w: World)

---An objective.
---@class Objective
---@field id string                  unique
---@field text string                1..400 bytes
---@field kind ObjectiveKind
---@field optional? boolean          does not decide win or lose, default false
---@field pillar? Pillar             kind "pillar"
---@field min? integer               kind "pillar": 0..100
---@field node? string               kind "protect": a node id
---@field max? integer               kind "max_compromised": 0..100000
---@field check? fun(w: World): boolean kind "script": called at the end of every day

---What debrief(w, result) receives.
---@class Result
---@field outcome "won"|"lost"|"running"
---@field stars integer              0 when lost, else 1..3
---@field pillars Pillars

-- ---------------------------------------------------------------------------
-- Helpers (scenario sandbox only)
-- ---------------------------------------------------------------------------

---Returns t unchanged and records this line for diagnostics.
---@param t Scenario
---@return Scenario
function scenario(t) end

---Returns t unchanged and records this line for diagnostics.
---@param t Node
---@return Node
function node(t) end

---Returns t unchanged and records this line for diagnostics.
---@param t Link
---@return Link
function link(t) end

---Returns t unchanged and records this line for diagnostics.
---@param t Vuln
---@return Vuln
function vuln(t) end

---Returns t unchanged and records this line for diagnostics.
---@param t Actor
---@return Actor
function actor(t) end

---Returns t unchanged and records this line for diagnostics.
---@param t Report
---@return Report
function report(t) end

---Returns t unchanged and records this line for diagnostics.
---@param t Event
---@return Event
function event(t) end

---Returns t unchanged and records this line for diagnostics.
---@param t Objective
---@return Objective
function objective(t) end

---The tick at which day n starts: (n - 1) * 24.
---@param n integer 1..365
---@return Tick
function day(n) end

---A duration of n days: n * 24 ticks.
---@param n integer 0..365
---@return integer
function days(n) end

---A duration of n hours (n ticks), range-checked.
---@param n integer 0..8760
---@return integer
function hours(n) end

-- ---------------------------------------------------------------------------
-- The world object `w`
-- ---------------------------------------------------------------------------

---What w:node(id) returns.
---@class NodeInfo
---@field id string
---@field label string
---@field kind NodeKind
---@field zone Zone
---@field value integer
---@field users integer
---@field state NodeState            the truth
---@field seen_state NodeState       what the defender sees
---@field compromised boolean        an active intrusion is on it (the truth)
---@field detected boolean           an intrusion on it was detected
---@field data_lost boolean          its data was exfiltrated
---@field known_vulns integer        known to the defender and not fixed
---@field controls Control[]

---What w:vuln(id) returns.
---@class VulnInfo
---@field id string
---@field node string                the carrying node's id
---@field cwe integer
---@field severity number
---@field fix boolean                a fix is available
---@field patched boolean
---@field known boolean              the defender knows it
---@field attackers_know boolean
---@field public boolean
---@field exists boolean

---What w:actor(id) returns.
---@class ActorInfo
---@field id string
---@field label string
---@field motive Motive
---@field skill integer
---@field detected boolean
---@field indicators_known boolean
---@field indicators_shared boolean
---@field disrupted boolean          idle now (taken down or hacked back)

---What w:defender() returns.
---@class DefenderInfo
---@field budget integer
---@field staff integer
---@field staff_hours integer        left today
---@field in_sharing_group boolean
---@field security_txt boolean
---@field capability table<Area, number>

---The four pillars, 0..100 each (w:score(), result.pillars).
---@class Pillars
---@field protection integer
---@field responsibility integer
---@field capacity integer
---@field collaboration integer

---What w:tally() returns.
---@class Tally
---@field offenses integer
---@field bystanders_harmed integer
---@field deadlines_missed integer
---@field breaches_concealed integer
---@field indicators_shared integer
---@field indicators_received integer
---@field reports_coordinated integer
---@field breaches_notified integer
---@field nodes_compromised integer
---@field data_lost boolean

---What w:add_vuln takes. Note the defaults differ from the scenario table's.
---@class NewVuln
---@field id string
---@field node string
---@field cwe integer                1..100000
---@field severity number            0..10
---@field fix? boolean               default false
---@field known? boolean             default false
---@field attackers_know? boolean    default true
---@field public? boolean            default false

---What w:report takes.
---@class NewReport
---@field id string
---@field vuln string
---@field reporter? string           default "a researcher"
---@field deadline? integer          ticks, default days(7)

---What w:choose takes.
---@class ChoiceSpec
---@field text string
---@field options string[]           1..6
---@field on_answer fun(w: World, option: integer) option counts from 1
---@field default? integer           default 1
---@field offensive? integer         the offensive option; default none (0)
---@field deadline? integer          ticks, 1..8760, default 24

---The world as a scenario's callbacks see it. Errors are raised as Lua
---errors naming the file and line of the call.
---@class World
local World = {}

---The current tick (0 during on_start).
---@return Tick
function World:tick() end

---The current day, tick // 24 + 1.
---@return integer
function World:day() end

---The hour of the day, tick % 24.
---@return integer
function World:hour() end

---True once the game is over.
---@return boolean
function World:over() end

---Adds a message to the defender's log (cut at 1023 bytes).
---@param text string
---@param node? string a node id to attach it to
function World:message(text, node) end

---The world's seeded generator: () -> [0,1); (n) -> 1..n; (m, n) -> m..n.
---@param m? integer
---@param n? integer
---@return number|integer
function World:random(m, n) end

---A random item of a non-empty list, from the world's generator.
---@generic T
---@param list T[]
---@return T
function World:choice(list) end

---Every node id, in the scenario's order.
---@return string[]
function World:nodes() end

---@param id string
---@return NodeInfo
function World:node(id) end

---@param node string
---@param control Control
---@return boolean
function World:has_control(node, control) end

---@param id string
---@return VulnInfo
function World:vuln(id) end

---Adds a vulnerability that exists from now on (a zero-day).
---@param spec NewVuln
function World:add_vuln(spec) end

---The vendor ships a fix.
---@param id string
function World:release_fix(id) end

---An advisory publishes it: attackers and the defender know it.
---@param id string
function World:make_public(id) end

---The defender learns of it.
---@param id string
function World:reveal(id) end

---@param id string
---@return ActorInfo
function World:actor(id) end

---Sets the tick from which the actor attacks (default now).
---@param actor string
---@param tick? Tick
function World:activate(actor, tick) end

---A partner's alert: true if received (in the sharing group), false if missed.
---@param actor string
---@return boolean
function World:indicator(actor) end

---Plants a foothold; false if the actor already holds the node.
---@param node string
---@param actor string
---@param technique? Technique default "T1078"
---@return boolean
function World:compromise(node, actor, technique) end

---A researcher reports a vulnerability now.
---@param spec NewReport
function World:report(spec) end

---Adds delta (default 0) to the budget; returns the new budget.
---@param delta? integer -1000000..1000000
---@return integer
function World:budget(delta) end

---Adds delta people to the staff.
---@param delta integer -1000..1000
function World:staff(delta) end

---@return DefenderInfo
function World:defender() end

---@return Pillars
function World:score() end

---@return Tally
function World:tally() end

---The scenario's own adjustment to a pillar, logged with its reason.
---@param pillar Pillar
---@param delta integer -100..100
---@param why string
function World:adjust(pillar, delta, why) end

---Records an offensive act: Responsibility -severity (-10 more with a bystander).
---@param severity integer 0..100
---@param what string
---@param bystander? boolean
function World:offense(severity, what, bystander) end

---Puts a decision to the player; returns its id (from 1).
---@param spec ChoiceSpec
---@return integer
function World:choose(spec) end

---Runs fn(w) as an event at an absolute tick.
---@param tick Tick
---@param fn fun(w: World)
function World:schedule(tick, fn) end

---Runs fn(w) as an event hours ticks from now.
---@param hours integer 0..8760
---@param fn fun(w: World)
function World:after(hours, fn) end

---Sets a script objective met or not (check replaces it at the end of each day).
---@param id string
---@param met boolean
function World:objective(id, met) end

---Ends the game now, won or lost, whatever the objectives say.
---@param won boolean
---@param why string
function World:end_game(won, why) end

-- ---------------------------------------------------------------------------
-- Bots
-- ---------------------------------------------------------------------------

---What decide(view) sees: only what the player sees.
---@class BotView
---@field tick Tick
---@field day integer
---@field hour integer
---@field days integer
---@field budget integer
---@field staff integer
---@field staff_hours integer
---@field in_sharing_group boolean
---@field security_txt boolean
---@field capability table<Area, number>
---@field score Pillars
---@field nodes BotNode[]            every node, in the scenario's order
---@field actors BotActor[]          only actors the defender knows
---@field reports BotReport[]        only open reports
---@field choices BotChoice[]        only unanswered choices
---@field actions table<ActionName, BotActionCost> offered actions except choose
---@field can table<ActionName, boolean> target-less actions accepted now
---@field events BotEvent[]          what the defender saw since the last call

---@class BotNode
---@field id string
---@field label string
---@field kind NodeKind
---@field zone Zone
---@field users integer
---@field value integer
---@field state NodeState            as the defender sees it
---@field busy boolean
---@field controls table<Control, boolean>
---@field vulns BotVuln[]            known to the defender and not fixed
---@field can table<ActionName, boolean> node actions accepted on it now

---@class BotVuln
---@field id string
---@field cwe integer
---@field severity number
---@field fix boolean
---@field public boolean

---@class BotActionCost
---@field money integer
---@field staff integer
---@field hours integer
---@field offensive boolean

---@class BotActor
---@field id string
---@field label string
---@field detected boolean
---@field shared boolean

---@class BotReport
---@field id string
---@field vuln string
---@field reporter string
---@field deadline Tick

---@class BotChoice
---@field id integer                 the target for "choose"
---@field text string
---@field options string[]
---@field offensive? integer         the offensive option, if any
---@field deadline Tick

---@class BotEvent
---@field tick Tick
---@field kind LogKind
---@field text string

---An action a bot returns: { action = "patch", target = "web" } or { "patch", "web" }.
---@class BotAction
---@field action? ActionName
---@field target? string|integer     node/actor/report id, area, or choice id
---@field option? integer            for "choose", from 1
---@field [1] ActionName?
---@field [2] (string|integer)?
---@field [3] integer?

---What a bot file returns (or a decide function, or a global decide).
---@class Bot
---@field decide fun(view: BotView): BotAction[]?
