---@meta bulwark_test
-- bulwark_test.lua — lua-language-server annotations for scenario tests
-- (NAME.test.lua files, run by `bulwark test`). Documentation only: the
-- game never loads this file. The reference is scripts/API.md section 14;
-- tests/script/test_api_docs.c checks that every global, method, field and
-- returned field the test runner exposes is annotated here.
--
-- These globals exist only in a test file's sandbox, not in a scenario's or
-- a bot's; the scenario helpers (day, days, hours, node, ...) are not here.

-- ---------------------------------------------------------------------------
-- Registering tests and assertions
-- ---------------------------------------------------------------------------

---Registers a test. Tests run in file order, each in a fresh sandbox (the
---file's top level runs again), so no test sees another's globals or games.
---Register tests at the top level only.
---@param name string
---@param fn fun()
function test(name, fn) end

---Passes when `cond` is truthy; otherwise fails the test at this line.
---@param cond any
---@param msg? string
function ok(cond, msg) end

---Passes when `a` equals `b`; tables are compared by content (to 16 levels).
---@param a any the value got
---@param b any the value expected
---@param msg? string
function eq(a, b, msg) end

---Passes when `a` and `b` differ (by content for tables).
---@param a any
---@param b any
---@param msg? string
function ne(a, b, msg) end

---Passes when the number `a` is at least `b`.
---@param a number
---@param b number
---@param msg? string
function ge(a, b, msg) end

---Passes when the number `a` is at most `b`.
---@param a number
---@param b number
---@param msg? string
function le(a, b, msg) end

---Passes when the string contains `needle`, or an item of the list does
---(case-insensitive, plain text: no patterns).
---@param list_or_string string|string[]
---@param needle string
---@param msg? string
function contains(list_or_string, needle, msg) end

-- ---------------------------------------------------------------------------
-- Games
-- ---------------------------------------------------------------------------

---@class GameSpec
---@field seed? integer the world's seed (default: the scenario's own)
---@field scenario? string a file (beside the test file first) or a shipped id (default: NAME.lua beside NAME.test.lua)

---A new game of the scenario, at tick 0 with on_start run. At most 32
---games are alive at once in one test.
---@param spec? GameSpec
---@return Game
function game(spec) end

---A game of a scenario test: it plays as a player would and shows the truth.
---@class Game
---@field tick integer the current tick (read only)
---@field seed integer the game's seed
---@field id string the scenario's id
local Game = {}

---Starts an action as the player would. A refusal is no error: it returns
---false and the engine's reason. Also g:act{ action =, target =, option = }
---or g:act{ "patch", "web" }.
---@param action ActionName|table
---@param target? string|integer a node, actor or report id, an area, or a choice id
---@param option? integer for choose: the option, from 1
---@return boolean accepted
---@return string? reason
function Game:act(action, target, option) end

---Plays `ticks` hours (stops early if the game ends). Returns the game.
---@param ticks integer
---@return Game
function Game:advance(ticks) end

---Plays until the first hour of day `d` (1 .. days + 1). Returns the game.
---@param d integer
---@return Game
function Game:advance_to_day(d) end

---@class RunSpec
---@field player? string a bot: a file or a shipped one (idle, sensible, random, hackback); none: nobody acts

---Plays to the end, a bot deciding before every tick. Returns the game.
---@param spec? RunSpec
---@return Game
function Game:run(spec) end

---@return integer day from 1
function Game:day() end

---@return integer hour 0..23
function Game:hour() end

---@return boolean
function Game:over() end

---What a bot's decide(view) gets now; its events are those since the
---previous g:view().
---@return BotView
function Game:view() end

---The truth about a node, hidden state included.
---@param id string
---@return TestNode
function Game:node(id) end

---The truth about a vulnerability.
---@param id string
---@return TestVuln
function Game:vuln(id) end

---Every log line so far, hidden ones too.
---@return string[]
function Game:messages() end

---Only the log lines the player saw.
---@return string[]
function Game:timeline() end

---The text the scenario's debrief callback gives for the game so far; an
---error raised in the callback fails the test with its file:line.
---@return string
function Game:debrief() end

---@return TestResult
function Game:result() end

---@return Pillars
function Game:score() end

---@return TestDefender
function Game:defender() end

---@return TestTally
function Game:tally() end

---The player's accepted actions so far, in order.
---@return TestAction[]
function Game:actions() end

---@class TestNode
---@field id string
---@field label string
---@field kind NodeKind
---@field zone Zone
---@field value integer
---@field users integer
---@field state NodeState the true state
---@field seen_state NodeState what the defender sees
---@field compromised boolean an intrusion is on it (the truth)
---@field intrusions integer how many
---@field detected boolean an intrusion on it was detected
---@field data_lost boolean its data was exfiltrated
---@field has_data boolean it holds data worth stealing
---@field busy boolean an action is running on it
---@field known_vulns integer vulnerabilities the defender knows and has not fixed
---@field controls table<Control, boolean> control name -> true
---@field vulns string[] ids of the vulnerabilities on it that exist and are not fixed

---@class TestVuln
---@field id string
---@field node string
---@field cwe integer
---@field severity number
---@field exists boolean
---@field patched boolean
---@field fix boolean a fix is available
---@field known boolean the defender knows it
---@field known_to_attackers boolean
---@field public boolean
---@field found_at integer the tick the defender learnt of it (-1: not yet)

---@class TestObjective
---@field id string
---@field text string
---@field done boolean met (so far)
---@field optional boolean

---@class TestResult
---@field outcome "won"|"lost"|"running"
---@field stars integer
---@field pillars Pillars
---@field objectives TestObjective[]
---@field world_hash string 16 hex digits
---@field days integer whole days played
---@field ticks integer ticks played

---@class TestDefender
---@field budget integer
---@field income integer money added each morning
---@field staff integer
---@field staff_hours integer
---@field in_sharing_group boolean
---@field security_txt boolean
---@field capability table<Area, number>

---@class TestTally
---@field offenses integer
---@field bystanders_harmed integer
---@field deadlines_missed integer
---@field breaches_concealed integer
---@field indicators_shared integer
---@field indicators_received integer
---@field reports_coordinated integer
---@field breaches_notified integer
---@field partners_protected integer
---@field nodes_compromised integer
---@field data_lost integer 1 when data was exfiltrated (w:tally's is a boolean)

---@class TestAction
---@field tick integer when it was started
---@field action ActionName
---@field target? string|integer the node, actor, report or area; the choice id for choose
---@field option? integer for choose: the option, from 1
