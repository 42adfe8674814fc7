-- A hundred thousand nodes, each with a misspelt field: one problem each,
-- and the loader must find every line without reading the file once per
-- problem.
-- expect: unknown field 'kidn'
local nodes = {}
for i = 1, 100000 do nodes[i] = { id = "n" .. i, kidn = "web" } end
return scenario { id = "many", title = "t", days = 1, nodes = nodes }
