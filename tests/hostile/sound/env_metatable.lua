-- Metatables on the script's own globals that loop or raise on every
-- read and write: the game must never touch a scenario's globals outside
-- a budgeted call, so the game plays to its end (exit 0).
setmetatable(_ENV, {
  __index = function(t, k) while true do end end,
  __newindex = function(t, k, v) error("no globals") end,
})
local scenario, node = rawget(_ENV, "scenario"), rawget(_ENV, "node")
return scenario {
  id = "env-metatable", title = "Hostile globals", days = 1,
  nodes = { node { id = "web", kind = "web" } },
  on_tick = function(w) if w:tick() == 3 then w:message("sandbox-ok") end end,
}
