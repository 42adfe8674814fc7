/* test_sandbox.c — the sandbox escape suite.
 *
 * A table of Lua cases, each run in a fresh sandbox with the default
 * limits: the error (or result) it must give, whether it must trip the
 * sandbox, and a one-second hang guard. Then the cases that need C: binary
 * chunks, host random, stack balance, nested calls, custom limits, the
 * CPU-time backstop, a differential test of the pattern matcher against
 * Lua's own, and fault injection swept over every allocation. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <cmocka.h>
#include <lauxlib.h>
#include <lua.h>
#include <lualib.h>

#include "bulwark/sandbox.h"

/* ---- helpers ---------------------------------------------------------- */

#if defined(__SANITIZE_ADDRESS__)
#define SANITIZED 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define SANITIZED 1
#endif
#endif

#ifdef SANITIZED
/* The hang guard: a hang runs for minutes, a slow case for a second. Under
 * ASan allocation is several times slower, so the guard is wider. */
#define HANG_GUARD_SECONDS 3.0
/* Memory-bomb cases churn gigabytes through malloc; ASan's default 256 MB
 * quarantine turns that into seconds of page faults. A smaller one still
 * catches a use of any recently freed block. */
const char *__asan_default_options(void);
const char *__asan_default_options(void)
{
    return "quarantine_size_mb=16";
}
#else
#define HANG_GUARD_SECONDS 1.0
#endif

/* CPU time of this process: what a limit lets a script spend, whatever
 * else the machine is doing (a loaded CI runner must not fail the test). */
static double now_seconds(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* The value at idx as text, without __tostring: strings, numbers,
 * booleans and nil only. */
static const char *value_text(lua_State *L, int idx, char *buf, size_t n)
{
    switch (lua_type(L, idx)) {
    case LUA_TSTRING: return lua_tostring(L, idx);
    case LUA_TBOOLEAN: return lua_toboolean(L, idx) ? "true" : "false";
    case LUA_TNIL: return "nil";
    case LUA_TNUMBER:
        if (lua_isinteger(L, idx))
            snprintf(buf, n, "%lld", (long long)lua_tointeger(L, idx));
        else
            snprintf(buf, n, "%.14g", (double)lua_tonumber(L, idx));
        return buf;
    default: return lua_typename(L, lua_type(L, idx));
    }
}

static int run_source(script_sandbox *sb, const char *name, const char *src, int nresults, bw_err *err)
{
    char chunk[160];
    int rc;
    snprintf(chunk, sizeof chunk, "@cases/%s.lua", name);
    rc = script_sandbox_load(sb, chunk, src, strlen(src), err);
    return rc == BW_OK ? script_sandbox_call(sb, 0, nresults, err) : rc;
}

/* ---- the case table --------------------------------------------------- */

struct lua_case {
    const char *name; /* reads as a sentence */
    const char *src;
    int code;           /* BW_OK, or the error code expected */
    const char *expect; /* BW_OK: the result as text; else a part of the message */
    bool trips;         /* the sandbox must be tripped afterwards */
};

#define OK(name, src, result) {name, src, BW_OK, result, false}
#define FAILS(name, src, code, text) {name, src, code, text, false}
#define TRIPS(name, src, text) {name, src, BW_ELIMIT, text, true}

#define LOOP "while true do end"
#define INSTR "instruction limit exceeded (50000000 per call)"
#define MEMORY "memory limit exceeded (32 MiB)"

static const struct lua_case CASES[] = {
    /* forbidden facilities are absent */
    OK("io_is_absent", "return type(io)", "nil"),
    OK("os_is_absent", "return type(os)", "nil"),
    OK("package_is_absent", "return type(package)", "nil"),
    OK("require_is_absent", "return type(require)", "nil"),
    OK("debug_is_absent", "return type(debug)", "nil"),
    OK("loadfile_is_absent", "return type(loadfile)", "nil"),
    OK("dofile_is_absent", "return type(dofile)", "nil"),
    OK("print_is_absent", "return type(print)", "nil"),
    OK("string_dump_is_absent", "return type(string.dump)", "nil"),
    OK("dump_is_absent_through_a_string", "return type(('').dump)", "nil"),
    OK("unknown_method_is_absent_through_a_string", "return type(('').x)", "nil"),
    OK("string_metatable_is_hidden", "return tostring(getmetatable(''))", "false"),
    FAILS("string_metatable_index_is_unreachable", "return getmetatable('').__index", BW_ESCRIPT,
          "attempt to index a boolean value"),
    FAILS("rawget_cannot_reach_the_string_metatable", "return rawget(getmetatable(''), '__index')",
          BW_ESCRIPT, "table expected, got boolean"),
    FAILS("collectgarbage_cannot_stop_the_collector", "collectgarbage('stop')", BW_ESCRIPT,
          "not available in the sandbox"),
    FAILS("collectgarbage_cannot_force_a_collection", "collectgarbage()", BW_ESCRIPT,
          "not available in the sandbox"),
    OK("collectgarbage_count_works", "return type(collectgarbage('count'))", "number"),
    OK("globals_table_is_the_environment", "return tostring(_G == _ENV)", "true"),
    OK("load_runs_text_in_the_sandbox", "return load('return type(io) .. (1 + 1)')()", "nil2"),
    OK("load_refuses_binary_chunks", "return (select(2, load('\\27Lua')):match('binary chunk'))",
       "binary chunk"),
    FAILS("load_refuses_binary_mode", "load('return 1', 'x', 'b')", BW_ESCRIPT, "only text chunks"),
    FAILS("load_refuses_reader_functions", "load(function() return nil end)", BW_ESCRIPT,
          "string expected"),
    OK("load_takes_an_explicit_env", "return load('return x', 'c', 't', {x = 7})()", "7"),
    /* library tables are read-only */
    FAILS("string_rep_cannot_be_replaced", "string.rep = nil", BW_ESCRIPT, "read-only table 'string'"),
    FAILS("math_pi_cannot_be_changed", "math.pi = 1", BW_ESCRIPT, "read-only table 'math'"),
    FAILS("rawset_cannot_write_a_library", "rawset(string, 'rep', 1)", BW_ESCRIPT, "read-only"),
    FAILS("library_metatable_is_protected", "setmetatable(table, {})", BW_ESCRIPT,
          "protected metatable"),
    OK("library_pairs_lists_functions",
       "local n = 0 for k, v in pairs(string) do n = n + 1 end return n > 10", "true"),
    OK("library_pairs_hides_the_real_table", "local f, s = pairs(math) return s", "nil"),
    OK("coroutines_yield_across_pcall",
       "local co = coroutine.wrap(function() local ok, v = pcall(coroutine.yield, 1) return v end)\n"
       "co() return co(5)",
       "5"),
    OK("string_methods_still_work", "return ('%d-%s'):format(4, ('ab'):rep(2, ','))", "4-ab,ab"),
    /* endless loops stop, wherever they hide */
    TRIPS("endless_loop_is_stopped", LOOP, "cases/endless_loop_is_stopped.lua:1: " INSTR),
    TRIPS("endless_loop_in_pcall_is_stopped", "pcall(function() " LOOP " end) return 'escaped'", INSTR),
    TRIPS("endless_loop_in_nested_pcalls_is_stopped",
          "for i = 1, 3 do pcall(pcall, pcall, function() " LOOP " end) end return 'escaped'", INSTR),
    TRIPS("endless_pcall_of_errors_is_stopped", "while true do pcall(error, 'x') end", INSTR),
    TRIPS("endless_loop_in_coroutine_is_stopped",
          "local co = coroutine.create(function() " LOOP " end)\n"
          "local ok, e = coroutine.resume(co) return 'escaped'",
          INSTR),
    TRIPS("endless_loop_in_wrapped_coroutine_is_stopped",
          "pcall(coroutine.wrap(function() " LOOP " end)) return 'escaped'", INSTR),
    TRIPS("endless_pcall_loop_in_coroutine_is_stopped",
          "coroutine.wrap(function() while true do pcall(function() " LOOP " end) end end)()", INSTR),
    TRIPS("endless_index_metamethod_is_stopped",
          "local t = setmetatable({}, {__index = function() " LOOP " end}) return t.x", INSTR),
    TRIPS("endless_add_metamethod_is_stopped",
          "local t = setmetatable({}, {__add = function() " LOOP " end}) return t + 1", INSTR),
    TRIPS("endless_gsub_callback_is_stopped", "string.gsub('abc', '.', function() " LOOP " end)", INSTR),
    TRIPS("endless_sort_comparator_is_stopped",
          "table.sort({3, 2, 1}, function(a, b) " LOOP " end)", INSTR),
    TRIPS("endless_xpcall_handler_is_stopped",
          "xpcall(error, function() " LOOP " end, 'x') return 'escaped'", INSTR),
    TRIPS("endless_close_metamethod_is_stopped",
          "do local x <close> = setmetatable({}, {__close = function() " LOOP " end}) end", INSTR),
    TRIPS("endless_tostring_of_an_error_object_is_stopped",
          "error(setmetatable({}, {__tostring = function() " LOOP " end}))", INSTR),
    TRIPS("backtracking_find_is_stopped",
          "return string.find(string.rep('a', 5e5), '.-.-.-.-.-.-.-b')",
          "cases/backtracking_find_is_stopped.lua:1: " INSTR),
    TRIPS("backtracking_gmatch_is_stopped",
          "for x in string.gmatch(string.rep('a', 5e5), '.-.-.-.-b') do end", INSTR),
    TRIPS("backtracking_gsub_is_stopped", "string.gsub(string.rep('a', 5e5), 'a*a*a*a*b', '')", INSTR),
    TRIPS("quadratic_plain_find_is_stopped",
          "local s = string.rep('a', 8e6) return s:find(s:sub(1, 4e6) .. 'b', 1, true)", INSTR),
    TRIPS("table_insert_with_a_huge_length_is_stopped",
          "local t = setmetatable({}, {__len = function() return math.maxinteger - 1 end})\n"
          "table.insert(t, 1, 'x')",
          INSTR),
    TRIPS("table_remove_with_a_huge_length_is_stopped",
          "local t = setmetatable({}, {__len = function() return 1e15 end}) table.remove(t, 1)", INSTR),
    TRIPS("table_move_of_a_huge_range_is_stopped", "table.move({}, 1, 1e15, 1, {})", INSTR),
    TRIPS("table_sort_with_a_huge_length_is_stopped",
          "local t = setmetatable({}, {__len = function() return 2^31 - 2 end}) table.sort(t)", INSTR),
    /* memory bombs stop */
    FAILS("huge_string_rep_is_refused", "return string.rep('x', 1e9)", BW_ELIMIT,
          "cases/huge_string_rep_is_refused.lua:1: string.rep: result of 1000000000 bytes exceeds "
          "the string limit (8 MiB)"),
    OK("string_size_error_is_catchable", "return (pcall(string.rep, 'x', 1e9))", "false"),
    FAILS("huge_table_concat_is_refused",
          "local t = {} for i = 1, 20 do t[i] = ('x'):rep(2^20) end return table.concat(t)", BW_ELIMIT,
          "exceeds the string limit"),
    FAILS("huge_gsub_result_is_refused", "return ('x'):rep(1e6):gsub('x', ('y'):rep(100))", BW_ELIMIT,
          "exceeds the string limit"),
    TRIPS("many_big_strings_are_stopped",
          "local t = {} for i = 1, 100 do t[i] = string.rep('x', 7 * 2^20 + i) end", MEMORY),
    TRIPS("table_growth_is_stopped", "local t = {} for i = 1, 1e9 do t[i] = i end",
          "cases/table_growth_is_stopped.lua:1: " MEMORY),
    TRIPS("concatenation_doubling_is_stopped", "local s = 'x' while true do s = s .. s end", MEMORY),
    TRIPS("concatenation_loop_is_stopped",
          "local t, i = {}, 0 while true do i = i + 1 t[i] = ('item'):rep(64) .. i end", MEMORY),
    TRIPS("quadratic_concatenation_is_stopped", "local s = '' while true do s = s .. 'x' end", INSTR),
    TRIPS("catching_out_of_memory_does_not_help",
          "local t = {}\n"
          "while true do pcall(function() for i = 1, 1e9 do t[#t + 1] = {} end end) end",
          MEMORY),
    TRIPS("out_of_memory_in_a_coroutine_is_stopped",
          "local ok = coroutine.resume(coroutine.create(function()\n"
          "  local t = {} for i = 1, 1e9 do t[i] = i end end))\n"
          "return 'escaped'",
          MEMORY),
    OK("empty_rep_of_billions_is_quick", "return #string.rep('', 3e9) + #string.rep('', 3e9, '')", "0"),
    OK("rep_zero_times_is_empty", "return #string.rep('x', 0)", "0"),
    OK("rep_of_only_separators_works", "return #string.rep('', 1e6, 'x')", "999999"),
    /* finalizers never run script code */
    FAILS("setmetatable_refuses_gc", "setmetatable({}, {__gc = function() end})", BW_ESCRIPT,
          "__gc metamethods are not allowed"),
    OK("gc_added_later_never_runs",
       "local mt = {} local t = setmetatable({}, mt)\n"
       "mt.__gc = function() while true do end end\n"
       "t = nil for i = 1, 2e5 do local _ = {} end return 'ok'",
       "ok"),
    /* odd errors are reported sanely */
    FAILS("error_object_with_failing_tostring_is_reported",
          "error(setmetatable({}, {__tostring = function() error('inner') end}))", BW_ESCRIPT,
          "(error object is a table value)"),
    FAILS("table_error_object_is_reported", "error({})", BW_ESCRIPT, "(error object is a table value)"),
    FAILS("nil_error_object_is_reported", "error(nil)", BW_ESCRIPT, "(error object is a nil value)"),
    FAILS("error_object_tostring_is_used", "error(setmetatable({}, {__tostring = function() return 'mine' end}))",
          BW_ESCRIPT, "mine"),
    FAILS("error_in_an_xpcall_handler_is_reported",
          "local ok, e = xpcall(error, function(m) error('again') end, 'x') error(e, 0)", BW_ESCRIPT,
          "error in error handling"),
    FAILS("deep_lua_recursion_is_stopped", "local function f(n) return 1 + f(n + 1) end return f(1)",
          BW_ESCRIPT, "cases/deep_lua_recursion_is_stopped.lua:1: stack overflow (more than 10000 nested calls)"),
    OK("recursion_below_the_depth_limit_runs",
       "local function f(n) if n == 0 then return 0 end return 1 + f(n - 1) end return f(9000)", "9000"),
    OK("stack_overflow_is_catchable",
       "local function f(n) return 1 + f(n + 1) end local ok, e = pcall(f, 1) "
       "return tostring(ok) .. ' ' .. tostring(e:find('stack overflow', 1, true) ~= nil)",
       "false true"),
    FAILS("deep_gsub_recursion_is_stopped",
          "local function f(s) return (string.gsub(s, '.', f)) end return f('a')", BW_ESCRIPT,
          "stack overflow"),
    FAILS("deep_index_chain_is_stopped",
          "local t = setmetatable({}, {}) getmetatable(t).__index = function(t, k) return t[k] end\n"
          "return t.x",
          BW_ESCRIPT, "stack overflow"),
    FAILS("deep_coroutine_nesting_is_stopped",
          "local function f() return coroutine.wrap(f)() end return f()", BW_ESCRIPT, "stack overflow"),
    FAILS("deep_syntax_nesting_is_refused",
          "return assert(load('return ' .. ('('):rep(1e4) .. '1' .. (')'):rep(1e4)))", BW_ESCRIPT,
          "overflow"),
    /* host random */
    FAILS("random_without_a_host_generator_fails", "return math.random()", BW_ESCRIPT, "no random source"),
    FAILS("randomseed_is_refused", "math.randomseed(42)", BW_ESCRIPT, "game owns the random seed"),
};

static void test_lua_case(void **state)
{
    const struct lua_case *c = *state;
    char buf[64], file[160];
    bw_err err = {0};
    script_sandbox *sb = script_sandbox_create(NULL, &err);
    lua_State *L;
    double t0;
    int rc;
    assert_non_null(sb);
    L = script_sandbox_lua(sb);
    t0 = now_seconds();
    rc = run_source(sb, c->name, c->src, 1, &err);
    if (getenv("SANDBOX_TEST_TIMES") != NULL)
        print_message("%-50s %.3f s\n", c->name, now_seconds() - t0);
    if (now_seconds() - t0 >= HANG_GUARD_SECONDS)
        fail_msg("%s: took %.2f s", c->name, now_seconds() - t0);
    if (rc != c->code)
        fail_msg("%s: code %d, wanted %d: %s", c->name, rc, c->code, err.msg);
    if (rc == BW_OK) {
        const char *got = value_text(L, -1, buf, sizeof buf);
        if (strcmp(got, c->expect) != 0)
            fail_msg("%s: result '%s', wanted '%s'", c->name, got, c->expect);
        lua_pop(L, 1);
    } else if (strstr(err.msg, c->expect) == NULL) {
        fail_msg("%s: message '%s', wanted '%s'", c->name, err.msg, c->expect);
    }
    snprintf(file, sizeof file, "cases/%s.lua:", c->name);
    if (rc == BW_ELIMIT && strstr(err.msg, file) == NULL)
        fail_msg("%s: limit message '%s' does not name the file", c->name, err.msg);
    assert_int_equal(lua_gettop(L), 0);
    if (script_sandbox_tripped(sb) != c->trips)
        fail_msg("%s: tripped is %d, wanted %d", c->name, script_sandbox_tripped(sb), c->trips);
    script_sandbox_destroy(sb);
}

/* ---- cases that need C ------------------------------------------------ */

struct chunk_buf {
    char bytes[4096];
    size_t len;
};

static int write_chunk(lua_State *L, const void *p, size_t sz, void *ud)
{
    struct chunk_buf *b = ud;
    (void)L;
    if (sz > sizeof b->bytes - b->len)
        return 1;
    memcpy(b->bytes + b->len, p, sz);
    b->len += sz;
    return 0;
}

static void test_binary_chunk_is_refused(void **state)
{
    lua_State *plain = luaL_newstate();
    struct chunk_buf bin = {.len = 0};
    bw_err err = {0};
    script_sandbox *sb = script_sandbox_create(NULL, &err);
    (void)state;
    assert_non_null(sb);
    assert_int_equal(luaL_loadstring(plain, "return 42"), LUA_OK);
    assert_int_equal(lua_dump(plain, write_chunk, &bin, 0), 0);
    assert_int_equal(script_sandbox_load(sb, "@bin.lua", bin.bytes, bin.len, &err), BW_EINVAL);
    assert_non_null(strstr(err.msg, "bin.lua: binary chunks are not allowed"));
    assert_int_equal(lua_gettop(script_sandbox_lua(sb)), 0);
    /* bytecode behind any other first byte is parsed as text, and fails */
    bin.bytes[0] = '-';
    assert_int_equal(script_sandbox_load(sb, "@bin.lua", bin.bytes, bin.len, &err), BW_ESCRIPT);
    assert_int_equal(lua_gettop(script_sandbox_lua(sb)), 0);
    lua_close(plain);
    script_sandbox_destroy(sb);
}

static void test_syntax_error_names_file_and_line(void **state)
{
    bw_err err = {0};
    script_sandbox *sb = script_sandbox_create(NULL, &err);
    (void)state;
    assert_int_equal(run_source(sb, "syntax", "local x = 1\nx = = 2", 0, &err), BW_ESCRIPT);
    assert_non_null(strstr(err.msg, "cases/syntax.lua:2:"));
    assert_int_equal(lua_gettop(script_sandbox_lua(sb)), 0);
    script_sandbox_destroy(sb);
}

static void test_error_has_a_short_traceback(void **state)
{
    bw_err err = {0};
    script_sandbox *sb = script_sandbox_create(NULL, &err);
    const char *src = "local function inner()\n  error('boom')\nend\nlocal function outer()\n"
                      "  inner()\nend\nouter()\n";
    (void)state;
    assert_int_equal(run_source(sb, "trace", src, 0, &err), BW_ESCRIPT);
    assert_string_equal(err.msg, "cases/trace.lua:2: boom\n  at cases/trace.lua:2\n"
                                 "  at cases/trace.lua:5\n  at cases/trace.lua:7");
    script_sandbox_destroy(sb);
}

static void test_tripped_sandbox_refuses_further_calls(void **state)
{
    bw_err err = {0};
    script_sandbox *sb = script_sandbox_create(NULL, &err);
    lua_State *L = script_sandbox_lua(sb);
    double t0;
    (void)state;
    assert_int_equal(run_source(sb, "trip", LOOP, 0, &err), BW_ELIMIT);
    assert_true(script_sandbox_tripped(sb));
    lua_pushinteger(L, 7); /* a value of the host's, below the call */
    t0 = now_seconds();
    assert_int_equal(script_sandbox_load(sb, "=again", "return 1", 8, &err), BW_ELIMIT);
    lua_pushcfunction(L, luaopen_base);
    lua_pushinteger(L, 1);
    assert_int_equal(script_sandbox_call(sb, 1, 1, &err), BW_ELIMIT);
    assert_non_null(strstr(err.msg, INSTR));
    assert_true(now_seconds() - t0 < 0.1);
    assert_int_equal(lua_gettop(L), 1);
    assert_int_equal(lua_tointeger(L, 1), 7);
    script_sandbox_destroy(sb);
}

static uint32_t counter_next(void *ud)
{
    uint32_t *c = ud;
    return (*c)++;
}

static const char *random_run(uint32_t seed, char *out, size_t n)
{
    bw_err err = {0};
    script_sandbox *sb = script_sandbox_create(NULL, &err);
    uint32_t counter = seed;
    const char *src = "return table.concat({math.random(1, 100), math.random(1, 100), math.random(10),\n"
                      "  math.random(-5, -5), tostring(math.random() < 1), math.type(math.random(0))}, ',')";
    script_sandbox_set_random(sb, counter_next, &counter);
    assert_int_equal(run_source(sb, "random", src, 1, &err), BW_OK);
    snprintf(out, n, "%s", lua_tostring(script_sandbox_lua(sb), -1));
    script_sandbox_destroy(sb);
    return out;
}

static void test_math_random_uses_the_host_generator(void **state)
{
    char a[128], b[128], c[128];
    (void)state;
    /* counter 5, 6, 7: 5 & 127 = 5 -> 6; 6 -> 7; 7 & 15 = 7 -> 8 */
    assert_string_equal(random_run(5, a, sizeof a), "6,7,8,-5,true,integer");
    assert_string_equal(random_run(1000, b, sizeof b), random_run(1000, c, sizeof c));
    assert_string_not_equal(random_run(1000, b, sizeof b), random_run(5, c, sizeof c));
}

static void test_stack_is_balanced_after_calls(void **state)
{
    bw_err err = {0};
    script_sandbox *sb = script_sandbox_create(NULL, &err);
    lua_State *L = script_sandbox_lua(sb);
    const char *src = "return function(a, b) if b == 0 then error('zero') end return a // b, a % b end";
    (void)state;
    assert_int_equal(run_source(sb, "stack", src, 1, &err), BW_OK);
    lua_setglobal(L, "divmod");
    lua_pushliteral(L, "host value");
    lua_getglobal(L, "divmod");
    lua_pushinteger(L, 17);
    lua_pushinteger(L, 5);
    assert_int_equal(script_sandbox_call(sb, 2, 2, &err), BW_OK);
    assert_int_equal(lua_gettop(L), 3);
    assert_int_equal(lua_tointeger(L, 2), 3);
    assert_int_equal(lua_tointeger(L, 3), 2);
    lua_pop(L, 2);
    lua_getglobal(L, "divmod");
    lua_pushinteger(L, 1);
    lua_pushinteger(L, 0);
    assert_int_equal(script_sandbox_call(sb, 2, 2, &err), BW_ESCRIPT);
    assert_non_null(strstr(err.msg, "cases/stack.lua:1: zero"));
    assert_int_equal(lua_gettop(L), 1);
    lua_getglobal(L, "divmod");
    assert_int_equal(script_sandbox_call(sb, 0, LUA_MULTRET, &err), BW_ESCRIPT);
    assert_int_equal(lua_gettop(L), 1);
    assert_string_equal(lua_tostring(L, 1), "host value");
    script_sandbox_destroy(sb);
}

/* A binding that calls back into Lua, as game bindings do. */
static int host_call(lua_State *L)
{
    script_sandbox *sb = lua_touserdata(L, lua_upvalueindex(1));
    bw_err err = {0};
    luaL_checktype(L, 1, LUA_TFUNCTION);
    lua_settop(L, 1);
    if (script_sandbox_call(sb, 0, 1, &err) != BW_OK)
        return luaL_error(L, "callback failed: %s", err.msg);
    return 1;
}

static script_sandbox *sandbox_with_host_call(void)
{
    bw_err err = {0};
    script_sandbox *sb = script_sandbox_create(NULL, &err);
    lua_State *L = script_sandbox_lua(sb);
    script_sandbox_push_env(sb);
    lua_pushlightuserdata(L, sb);
    lua_pushcclosure(L, host_call, 1);
    lua_setfield(L, -2, "host_call");
    lua_pop(L, 1);
    return sb;
}

static void test_bindings_calling_back_share_the_budget(void **state)
{
    bw_err err = {0};
    script_sandbox *sb = sandbox_with_host_call();
    lua_State *L = script_sandbox_lua(sb);
    (void)state;
    assert_int_equal(run_source(sb, "nested", "return host_call(function() return 41 end) + 1", 1, &err),
                     BW_OK);
    assert_int_equal(lua_tointeger(L, -1), 42);
    lua_pop(L, 1);
    /* 30 million instructions on each side: fine alone, too much together */
    assert_int_equal(run_source(sb, "spin", "for i = 1, 3e7 do end return 1", 1, &err), BW_OK);
    lua_pop(L, 1);
    assert_int_equal(run_source(sb, "shared",
                                "for i = 1, 3e7 do end\n"
                                "pcall(host_call, function() for i = 1, 3e7 do end end)\n"
                                "return 'escaped'",
                                1, &err),
                     BW_ELIMIT);
    assert_non_null(strstr(err.msg, "cases/shared.lua:2: " INSTR));
    assert_int_equal(lua_gettop(L), 0);
    script_sandbox_destroy(sb);
}

static void test_custom_limits_apply(void **state)
{
    script_limits lim;
    bw_err err = {0};
    script_sandbox *sb;
    (void)state;
    script_limits_default(&lim);
    lim.memory_bytes = 1024 * 1024;
    lim.instructions_per_call = 100000;
    lim.max_string_bytes = 1000;
    sb = script_sandbox_create(&lim, &err);
    assert_non_null(sb);
    assert_true(script_sandbox_memory(sb) > 0 && script_sandbox_memory(sb) < lim.memory_bytes);
    assert_int_equal(run_source(sb, "small", "return ('x'):rep(1001)", 1, &err), BW_ELIMIT);
    assert_non_null(strstr(err.msg, "exceeds the string limit (1000 bytes)"));
    assert_int_equal(run_source(sb, "small", "for i = 1, 2e5 do end", 0, &err), BW_ELIMIT);
    assert_non_null(strstr(err.msg, "instruction limit exceeded (100000 per call)"));
    script_sandbox_destroy(sb);
    sb = script_sandbox_create(&lim, &err);
    assert_int_equal(run_source(sb, "small", "local t = {} for i = 1, 1e5 do t[i] = i end", 0, &err),
                     BW_ELIMIT);
    assert_non_null(strstr(err.msg, "memory limit exceeded (1 MiB)"));
    script_sandbox_destroy(sb);
    lim.memory_bytes = 1000;
    assert_null(script_sandbox_create(&lim, &err));
    assert_int_equal(err.code, BW_EINVAL);
    memset(&lim, 0, sizeof lim); /* zeroed: the defaults */
    sb = script_sandbox_create(&lim, &err);
    assert_int_equal(run_source(sb, "zeroed", LOOP, 0, &err), BW_ELIMIT);
    assert_non_null(strstr(err.msg, INSTR));
    script_sandbox_destroy(sb);
}

static void test_cpu_time_backstop_stops_long_string_compares(void **state)
{
    script_limits lim;
    bw_err err = {0};
    script_sandbox *sb;
    double t0;
    (void)state;
    script_limits_default(&lim);
    lim.cpu_ms_per_call = 100;
    sb = script_sandbox_create(&lim, &err);
    t0 = now_seconds();
    /* each == compares 4 MiB and counts as one instruction */
    assert_int_equal(run_source(sb, "wall",
                                "local a, b = ('x'):rep(2^22), ('x'):rep(2^22)\n"
                                "while true do if a == b then end end",
                                0, &err),
                     BW_ELIMIT);
    assert_non_null(strstr(err.msg, "cases/wall.lua:2: time limit exceeded (100 ms per call)"));
    assert_true(now_seconds() - t0 < HANG_GUARD_SECONDS);
    script_sandbox_destroy(sb);
}

static void fixture_path(const char *name, char *out, size_t n)
{
    const char *src = getenv("BULWARK_SOURCE_DIR");
    if (src != NULL) {
        snprintf(out, n, "%s/tests/script/%s", src, name);
    } else { /* next to this file */
        const char *slash = strrchr(__FILE__, '/');
        snprintf(out, n, "%.*s/%s", slash ? (int)(slash - __FILE__) : 1, slash ? __FILE__ : ".", name);
    }
}

static void test_load_file_reads_and_refuses(void **state)
{
    char path[512], big[] = "/tmp/bulwark_sandbox_big_XXXXXX";
    bw_err err = {0};
    script_sandbox *sb = script_sandbox_create(NULL, &err);
    FILE *f;
    int fd;
    (void)state;
    fixture_path("sandbox_patterns.lua", path, sizeof path);
    assert_int_equal(script_sandbox_load_file(sb, path, "patterns.lua", &err), BW_OK);
    lua_pop(script_sandbox_lua(sb), 1);
    assert_int_equal(script_sandbox_load_file(sb, "/nonexistent/x.lua", NULL, &err), BW_EIO);
    fd = mkstemp(big);
    assert_true(fd >= 0);
    f = fdopen(fd, "wb");
    for (int i = 0; i < 4 * 1024 + 1; i++)
        fprintf(f, "%01023d\n", 0);
    fclose(f);
    assert_int_equal(script_sandbox_load_file(sb, big, "big.lua", &err), BW_ELIMIT);
    assert_non_null(strstr(err.msg, "big.lua"));
    remove(big);
    assert_int_equal(lua_gettop(script_sandbox_lua(sb)), 0);
    script_sandbox_destroy(sb);
}

/* The sandbox's matcher must answer exactly as Lua's own. */
static void test_patterns_match_lua(void **state)
{
    char path[512];
    bw_err err = {0};
    lua_State *plain = luaL_newstate();
    script_sandbox *sb = script_sandbox_create(NULL, &err);
    const char *want, *got;
    (void)state;
    fixture_path("sandbox_patterns.lua", path, sizeof path);
    luaL_openlibs(plain);
    assert_int_equal(luaL_loadfilex(plain, path, "t"), LUA_OK);
    if (lua_pcall(plain, 0, 1, 0) != LUA_OK)
        fail_msg("plain Lua: %s", lua_tostring(plain, -1));
    assert_int_equal(script_sandbox_load_file(sb, path, path, &err), BW_OK);
    if (script_sandbox_call(sb, 0, 1, &err) != BW_OK)
        fail_msg("sandbox: %s", err.msg);
    want = lua_tostring(plain, -1);
    got = lua_tostring(script_sandbox_lua(sb), -1);
    while (*want != '\0' && *want == *got) {
        want++;
        got++;
    }
    if (*want != '\0' || *got != '\0') {
        const char *w = want, *g = got; /* show the line where they part */
        while (w > lua_tostring(plain, -1) && w[-1] != '\n')
            w--, g--;
        fail_msg("pattern results differ:\n  lua:     %.*s\n  sandbox: %.*s", (int)strcspn(w, "\n"), w,
                 (int)strcspn(g, "\n"), g);
    }
    lua_close(plain);
    script_sandbox_destroy(sb);
}

/* SQLite-style fault injection: fail the n-th allocation and every one
 * after, for every n, through create, load and call; the call must give
 * want or BW_ENOMEM, never crash, never leak (ASan). The sweep ends when
 * the failure point lies past the end: a probe load then still works. */
static void sweep_faults(const char *src, int want)
{
    script_limits lim;
    long n;
    script_limits_default(&lim);
    for (n = 1; n < 100000; n++) {
        bw_err err = {0};
        script_sandbox *sb;
        int rc;
        bool done;
        lim.fail_alloc_after = n;
        sb = script_sandbox_create(&lim, &err);
        if (sb == NULL) {
            if (err.code != BW_ENOMEM)
                fail_msg("n=%ld: create gave %d: %s", n, err.code, err.msg);
            continue;
        }
        rc = run_source(sb, "fault", src, 1, &err);
        if (rc != want && rc != BW_ENOMEM)
            fail_msg("n=%ld: %d: %s", n, rc, err.msg);
        assert_int_equal(lua_gettop(script_sandbox_lua(sb)), rc == BW_OK ? 1 : 0);
        assert_false(script_sandbox_tripped(sb));
        lua_settop(script_sandbox_lua(sb), 0);
        done = script_sandbox_load(sb, "=probe", "return {}", 9, &err) == BW_OK;
        script_sandbox_destroy(sb);
        if (done)
            break;
    }
    if (n <= 300 || n >= 100000)
        fail_msg("the sweep ended at n=%ld", n);
}

static void test_failing_any_allocation_is_survived(void **state)
{
    (void)state;
    sweep_faults("local t = {}\n"
                 "for i = 1, 20 do t[i] = ('x'):rep(i) .. i end\n"
                 "local s = table.concat(t, ',')\n"
                 "local n = select(2, s:gsub('%d+', function(d) return '<' .. d .. '>' end))\n"
                 "local ok, e = pcall(error, {code = 1})\n"
                 "local co = coroutine.wrap(function(a) local b = coroutine.yield(a + 1) return b * 2 end)\n"
                 "co(1) co(2)\n"
                 "for w in s:gmatch('x+') do n = n + #w end\n"
                 "return {n = n, s = s:sub(1, 10)}\n",
                 BW_OK);
}

static void test_failing_any_allocation_while_failing_is_survived(void **state)
{
    (void)state;
    sweep_faults("local function f(n) if n == 0 then\n"
                 "  error(setmetatable({}, {__tostring = function() return ('custom'):rep(3) end}))\n"
                 "end f(n - 1) end\n"
                 "f(5)\n",
                 BW_ESCRIPT);
}

/* An optional argument runs only the tests whose names match it (cmocka
 * wildcards), e.g. test_sandbox 'endless_*'. */
int main(int argc, char **argv)
{
    enum { NCASES = sizeof CASES / sizeof CASES[0] };
    static const struct CMUnitTest fixed[] = {
        cmocka_unit_test(test_binary_chunk_is_refused),
        cmocka_unit_test(test_syntax_error_names_file_and_line),
        cmocka_unit_test(test_error_has_a_short_traceback),
        cmocka_unit_test(test_tripped_sandbox_refuses_further_calls),
        cmocka_unit_test(test_math_random_uses_the_host_generator),
        cmocka_unit_test(test_stack_is_balanced_after_calls),
        cmocka_unit_test(test_bindings_calling_back_share_the_budget),
        cmocka_unit_test(test_custom_limits_apply),
        cmocka_unit_test(test_cpu_time_backstop_stops_long_string_compares),
        cmocka_unit_test(test_load_file_reads_and_refuses),
        cmocka_unit_test(test_patterns_match_lua),
        cmocka_unit_test(test_failing_any_allocation_is_survived),
        cmocka_unit_test(test_failing_any_allocation_while_failing_is_survived),
    };
    enum { NFIXED = sizeof fixed / sizeof fixed[0] };
    static struct CMUnitTest tests[NCASES + NFIXED];
    for (size_t i = 0; i < NCASES; i++) {
        tests[i] = (struct CMUnitTest){CASES[i].name, test_lua_case, NULL, NULL, (void *)&CASES[i]};
    }
    memcpy(tests + NCASES, fixed, sizeof fixed);
    if (argc > 1)
        cmocka_set_test_filter(argv[1]);
    return _cmocka_run_group_tests("sandbox", tests, NCASES + NFIXED, NULL, NULL);
}
