-- random.lua — a defender who clicks at random: now and then it picks an
-- offered action and a target at random. Its math.random is the bot's own
-- stream, seeded from the game's seed, so a random game still replays.
local targets_of = {
  node = function(view) local n = view.nodes[math.random(#view.nodes)] return n and n.id end,
  actor = function(view) local a = view.actors[math.random(math.max(#view.actors, 1))] return a and a.id end,
  report = function(view) local r = view.reports[math.random(math.max(#view.reports, 1))] return r and r.id end,
  area = function() return ({ "PO", "PS", "PW", "RV" })[math.random(4)] end,
}
local kinds = {
  train = "area", share_indicator = "actor", report_authorities = "actor", hack_back = "actor",
  handle_report = "report", join_sharing = "none", security_txt = "none", notify = "none",
}

return {
  decide = function(view)
    local out = {}
    for _, c in ipairs(view.choices) do
      out[#out + 1] = { action = "choose", target = c.id, option = math.random(#c.options) }
    end
    if math.random() < 0.15 then
      local names = {}
      for name in pairs(view.actions) do names[#names + 1] = name end
      table.sort(names) -- pairs() has no fixed order; the choice must replay
      local action = names[math.random(#names)]
      local kind = kinds[action] or "node"
      local target = kind ~= "none" and targets_of[kind](view) or nil
      out[#out + 1] = { action = action, target = target }
    end
    return out
  end,
}
