-- A scenario file that returns nothing.
-- line: none (the file returned no table: there is no line to blame)
-- expect: must return a table
local x = 1
