-- sensible.lua — a reasonable defender: respond to what it sees, then
-- harden what protects most customers, then build capacity and share.
-- It never takes an offensive option. Used to balance scenarios: a
-- campaign scenario should be winnable by this bot most of the time.
local function add(list, action, target, option)
  list[#list + 1] = { action = action, target = target, option = option }
end

local function exposed(n) return n.zone == "dmz" or n.zone == "internet" end
local function holds_data(n) return n.kind == "database" or n.kind == "fileserver" or n.kind == "repo" end

local function respond(view, out)
  for _, r in ipairs(view.reports) do add(out, "handle_report", r.id) end
  for _, c in ipairs(view.choices) do
    local pick = 1
    for i = 1, #c.options do
      if i ~= c.offensive then pick = i break end
    end
    add(out, "choose", c.id, pick)
  end
  for _, n in ipairs(view.nodes) do
    if n.state == "compromised" or n.state == "encrypted" then add(out, "restore", n.id) end
    if n.can.patch then add(out, "patch", n.id) end
  end
  for _, a in ipairs(view.actors) do
    if not a.shared then add(out, "share_indicator", a.id) end
  end
  if view.can.notify then add(out, "notify") end
end

local function harden(view, out)
  for _, n in ipairs(view.nodes) do
    if holds_data(n) then
      add(out, "backup", n.id); add(out, "logging", n.id)
    end
    if n.kind == "vpn" or n.kind == "mail" then add(out, "mfa", n.id) end
    if exposed(n) and (n.kind == "web" or n.kind == "api") then
      add(out, "waf", n.id); add(out, "logging", n.id)
    end
    if n.kind == "ci" or n.kind == "repo" or n.kind == "library" then add(out, "sign_builds", n.id) end
    if (n.kind == "web" or n.kind == "api") and n.can.pin_deps then add(out, "pin_deps", n.id) end
  end
  if view.can.security_txt then add(out, "security_txt") end
  if view.can.join_sharing then add(out, "join_sharing") end
  -- Look for new weaknesses every third day.
  if view.hour == 1 and view.day % 3 == 1 then
    for _, n in ipairs(view.nodes) do
      if exposed(n) or n.kind == "library" then add(out, "scan", n.id) end
    end
  end
  if view.day >= 2 then add(out, "train", "PW") end
end

return {
  decide = function(view)
    local out = {}
    respond(view, out)
    harden(view, out)
    -- Only actions a node accepts are worth asking for; the engine refuses
    -- the rest with a reason, and they cost nothing.
    local filtered = {}
    for _, a in ipairs(out) do
      if view.actions[a.action] or a.action == "choose" then filtered[#filtered + 1] = a end
    end
    return filtered
  end,
}
