-- A hundred thousand plain node tables with one bad kind each and no
-- constructor: the loader looks up each one's line in the source.
-- expect: unknown kind
local nodes = {}
for i = 1, 100000 do nodes[i] = { id = "n" .. i, kind = "webb" } end
return scenario { id = "many", title = "t", days = 1, nodes = nodes }
