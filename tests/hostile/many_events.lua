-- Ten thousand events, one of which loops forever.
-- phase: play (check loads without playing, so it passes this file)
-- expect: instruction limit exceeded
local events = {}
for i = 1, 10000 do events[i] = event { id = "e" .. i, at = 1 + i % 20, run = function(w) if i == 9999 then while true do end end end } end
return scenario { id = "many-events", title = "t", days = 1, nodes = { node { id = "web", kind = "web" } }, events = events }
