-- A curriculum list nested deep instead of a list of ids.
-- expect: teaches
local t = "RV.1"
for _ = 1, 100000 do t = { t } end
return scenario { id = "deep-teaches", title = "t", days = 1, teaches = { ssdf = t },
                  nodes = { node { id = "web", kind = "web" } } }
