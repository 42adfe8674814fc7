-- A scenario file that returns a function instead of a table.
-- line: none (the file returned no table: there is no line to blame)
-- expect: must return a table
return function() return {} end
