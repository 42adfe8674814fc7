-- Deep Lua recursion that ends in a message: a Lua stack overflow.
-- expect: stack overflow (more than 10000 nested calls)
local function f(n) return f(n + 1) + 1 end
return scenario { id = "deep-rec", title = "t", days = 1, nodes = { node { id = "web", kind = "web" } },
                  on_start = function(w) w:message(f(1)) end }
