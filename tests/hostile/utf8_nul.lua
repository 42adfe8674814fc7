-- A NUL byte in the middle of a title: C would cut the title there.
-- expect: 'title' holds a NUL byte
return scenario { id = "utf8-nul", title = "Safe\0 hidden part", days = 1, nodes = { node { id = "web", kind = "web" } } }
