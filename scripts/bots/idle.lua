-- idle.lua — a defender who does nothing: the baseline every scenario
-- must punish. Answers no choices (they fall to their defaults).
return {
  decide = function(view)
    return {}
  end,
}
