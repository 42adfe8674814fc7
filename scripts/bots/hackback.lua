-- hackback.lua — a defender who strikes back whenever offered: it plays
-- like the sensible bot but takes every offensive option and hacks back
-- every attacker it has detected. Balance checks assert that it ends
-- below the sensible bot on Responsibility wherever an offensive option
-- exists: the Accord's "no offensive action" as a measured consequence.
local sensible = {}
do
  -- The sensible bot's rules, repeated here in brief: bots are separate
  -- sandboxes and cannot require one another.
  local function add(list, action, target, option)
    list[#list + 1] = { action = action, target = target, option = option }
  end
  function sensible.decide(view)
    local out = {}
    for _, r in ipairs(view.reports) do add(out, "handle_report", r.id) end
    for _, n in ipairs(view.nodes) do
      if n.state == "compromised" or n.state == "encrypted" then add(out, "restore", n.id) end
      if n.can.patch then add(out, "patch", n.id) end
      if n.kind == "database" then add(out, "backup", n.id) end
    end
    return out, add
  end
end

return {
  decide = function(view)
    local out, add = sensible.decide(view)
    for _, c in ipairs(view.choices) do
      add(out, "choose", c.id, c.offensive or 1)
    end
    if view.actions.hack_back then
      for _, a in ipairs(view.actors) do
        if a.detected then add(out, "hack_back", a.id) end
      end
    end
    return out
  end,
}
