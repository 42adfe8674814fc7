-- sandbox_patterns.lua: a differential test of the sandbox's own pattern
-- matcher (game/script/sandbox_match.c). test_sandbox.c runs this chunk in
-- a plain Lua state and in a sandbox; the two returned strings must match.

local function ser(...)
  local t = {}
  for i = 1, select("#", ...) do
    local v = select(i, ...)
    t[#t + 1] = type(v) .. ":" .. tostring(v)
  end
  return table.concat(t, ",")
end

local subjects = {
  "", "a", "aaa", "hello world", "  x = 10, y = 20  ", "THE (quick) fox",
  "[[x]]", "a.b.c", "f(a(b)c)d", "abc\0def", "hello\nworld", "1.5e10 -3 0x1F",
  "\195\161\195\169", "xyzzy%", "key=val; k2=v2", "((()))", "ab$c^",
}

local patterns = {
  "", "a", "^a", "a$", "^$", "$", ".", "a*", "a+", "a-", "a?", "%a+", "%d+",
  "%s*", "%w+", "[%w_]+", "[^%s]+", "[a-c]+", "[]]", "[^]]", "(%a+)", "()a()",
  "(a)(b)", "%bxy", "%b()", "%f[%a]%a+", "%f[%w]%w+%f[%W]", "(%w+)=(%w+)",
  "(.-)%s", "^(.-)$", "%.", "%%", "x*$", "(h)(e)(l)", "((a)(b))",
  "(a*(.)%w(%s*))", "[%a-z]", "[a-]", "[-a]", "%x+", "%u%l*", "%c", "%p",
  "%g+", "\0", "%z", "(%d+)%.?(%d*)", "a.-b", "(.)%1", "()", "[^%d%.]+", ".-",
  "^.-$", "[%]]", "%S+", "%W", "%D", "%A", "%L", "%U", "%X", "%P", "%C", "%G",
  "a$b", "^^", "[^^]", "%f[%z]", "%f[^\0]", "(()(a)())", "[\0-\31]", "^(%s*)",
  "%$", "c^", "(x)%1*", "%f[%a]", ".?.?a", "[%d%s]+", "[a%-z]+",
}

local malformed = {
  "[a", "%", "(", ")", "%b", "%ba", "%f", "%fa", "%1", "(()", "%0", "(a%1)",
  "[%", "[^", "((((((((((((((((((((((((((((((((((a))))))))))))))))))))))))))))))))",
}

local inits = { 1, 0, -3, 2, 100, -100 }

local out = {}
local function add(label, ...) out[#out + 1] = label .. " => " .. ser(...) end

local function gm(s, p, init)
  local r = {}
  for a, b, c in string.gmatch(s, p, init) do
    r[#r + 1] = ser(a, b, c)
    if #r > 50 then break end
  end
  return table.concat(r, ";")
end

local flip = false
local function repl(a)
  flip = not flip
  if flip then return nil end
  return "<" .. tostring(a) .. ">"
end

local tab = setmetatable({}, { __index = function(_, k) return "[" .. tostring(k) .. "]" end })

for si, s in ipairs(subjects) do
  for pi, p in ipairs(patterns) do
    local l = si .. "/" .. pi
    add(l .. " find", pcall(string.find, s, p))
    add(l .. " match", pcall(string.match, s, p))
    add(l .. " gmatch", pcall(gm, s, p))
    add(l .. " gsub%0", pcall(string.gsub, s, p, "<%0>"))
    add(l .. " gsub%1", pcall(string.gsub, s, p, "%1|%%"))
    add(l .. " gsubfn", pcall(string.gsub, s, p, repl))
    add(l .. " gsubtab", pcall(string.gsub, s, p, tab, 3))
    for _, i in ipairs(inits) do
      add(l .. " find@" .. i, pcall(string.find, s, p, i))
      add(l .. " plain@" .. i, pcall(string.find, s, p, i, true))
      add(l .. " match@" .. i, pcall(string.match, s, p, i))
      add(l .. " gmatch@" .. i, pcall(gm, s, p, i))
    end
  end
  for mi, p in ipairs(malformed) do
    local l = si .. "/bad" .. mi
    add(l .. " find", pcall(string.find, s, p))
    add(l .. " gsub", pcall(string.gsub, s, p, "x"))
    add(l .. " gmatch", pcall(gm, s, p))
  end
end

add("gsub bad %", pcall(string.gsub, "abc", "b", "%"))
add("gsub bad %x", pcall(string.gsub, "abc", "b", "%x"))
add("gsub bad %2", pcall(string.gsub, "abc", "(b)", "%2"))
add("gsub bad value", pcall(string.gsub, "abc", "b", function() return {} end))
add("gsub number repl", pcall(string.gsub, "abc", "b", 42))
add("gsub position", pcall(string.gsub, "abc", "()b", "%1"))
add("gsub max 0", pcall(string.gsub, "aaa", "a", "b", 0))
add("gsub max -1", pcall(string.gsub, "aaa", "a", "b", -1))
add("gsub anchored", pcall(string.gsub, "aaa", "^a", "b"))
add("gsub empty", pcall(string.gsub, "abc", "", "-"))
add("gsub x*", pcall(string.gsub, "abc", "x*", "-"))
add("find number", pcall(string.find, 12345, 34))
add("rep", pcall(string.rep, "ab", 3, ","))
add("rep 1", pcall(string.rep, "ab", 1, ","))
add("rep sep only", pcall(string.rep, "", 4, "xy"))
add("rep neg", pcall(string.rep, "ab", -1))
return table.concat(out, "\n")
