-- A table nested 200 000 levels deep where a string is expected.
-- expect: 'summary' must be a string, not a table
local t = {}
for _ = 1, 200000 do t = { t } end
return scenario { id = "deep-data", title = "t", days = 1, summary = t, nodes = { node { id = "web", kind = "web" } } }
