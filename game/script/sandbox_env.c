/* sandbox_env.c — the whitelist: everything a scenario script can reach.
 *
 * The environment is built from the tables at the top of this file and
 * nothing else; a function missing from them does not exist for scripts.
 * Each removal names the attack it blocks. Library tables reach scripts as
 * read-only proxies (a script must not replace string.rep under another
 * script's feet), and the string metatable hides behind __metatable.
 *
 * What it must never do: put the real global table, the registry, a
 * library's own table or the string metatable where a script can reach
 * them. The environment replaces the global table in the registry, so
 * even a chunk loaded by a binding with plain lua_load gets it. */
#include "sandbox_internal.h"

#include <lualib.h>
#include <string.h>

/* One function of a library as scripts see it. fn NULL keeps the
 * library's own; wraps gives fn the library's own as upvalue 1. */
struct lib_fn {
    const char *name;
    lua_CFunction fn;
    bool wraps;
};

/* Basic functions (lbaselib.c). */
static const struct lib_fn BASE_FNS[] = {
    {"assert", NULL, false},
    {"error", NULL, false},
    {"getmetatable", NULL, false}, /* honours __metatable: never the string metatable */
    {"ipairs", NULL, false},
    {"next", NULL, false},
    {"pairs", NULL, false},
    {"rawequal", NULL, false},
    {"rawget", NULL, false},
    {"rawlen", NULL, false},
    {"select", NULL, false},
    {"tonumber", NULL, false},
    {"tostring", NULL, false},
    {"type", NULL, false},
    /* "stop" lets garbage pile up to the cap; "collect" buys a full-heap
     * pause per call; the tuning options change pacing for everyone:
     * only "count" is left. */
    {"collectgarbage", sandbox_collectgarbage, false},
    /* Binary chunks are unverified bytecode (memory corruption); the
     * original also defaults to the real global table. Text only. */
    {"load", sandbox_load, false},
    /* The originals would swallow a tripped limit and let the script run
     * on; these rethrow it. */
    {"pcall", sandbox_pcall, false},
    {"xpcall", sandbox_xpcall, false},
    /* rawset bypasses __newindex: it would write into the read-only
     * library proxies (shadowing string.rep for every script). */
    {"rawset", sandbox_rawset, false},
    /* Finalizers run with hooks off: an endless __gc would hang the game,
     * so a metatable with __gc is refused. */
    {"setmetatable", sandbox_setmetatable, false},
    {NULL, NULL, false},
};

/* Globals that must not exist, checked once the environment is built. */
static const char *const REMOVED_GLOBALS[] = {
    "dofile",   /* reads any file the game can read; accepts binary chunks */
    "loadfile", /* same */
    "print",    /* raw bytes on the host's terminal: escape-sequence injection, log flooding */
    "warn",     /* same, on stderr, and "@off" silences the host's warnings */
    "require",  /* loads native C libraries: arbitrary code in the game process */
    "package",  /* loadlib (native code), and .loaded reaches every real library table */
    "io",       /* files, and io.popen runs programs */
    "os",       /* execute, remove, rename, exit, getenv; time and clock break replay */
    "debug",    /* rewrites upvalues and metatables, reads the registry, removes the hook */
    "loadstring", "setfenv", "getfenv", "module", "unpack", "newproxy", "gcinfo", /* 5.1 relics */
    NULL,
};

static const struct lib_fn STRING_FNS[] = {
    {"byte", sandbox_charged_by_length, true},
    {"char", NULL, false},
    {"format", NULL, false},
    {"len", NULL, false},
    {"lower", NULL, false},
    {"pack", NULL, false},
    {"packsize", NULL, false},
    {"reverse", NULL, false},
    {"sub", NULL, false},
    {"unpack", sandbox_charged_by_length, true},
    {"upper", NULL, false},
    /* Lua's matcher backtracks inside one C call where no hook fires:
     * find(("a"):rep(5e5), ".-.-.-.-b") runs for hours. These count steps
     * against the instruction budget. */
    {"find", sandbox_str_find, false},
    {"gmatch", sandbox_str_gmatch, false},
    {"gsub", sandbox_str_gsub, false},
    {"match", sandbox_str_match, false},
    /* Capped at max_string_bytes; rep("", 3e9) returns at once instead of
     * looping three billion times. */
    {"rep", sandbox_str_rep, false},
    /* dump: left out. It makes bytecode, which is unverified (see load). */
    {NULL, NULL, false},
};

/* Table functions loop in C; those whose loop the script controls (a __len
 * can claim 2^62 elements) charge their work to the budget first. */
static const struct lib_fn TABLE_FNS[] = {
    {"concat", sandbox_table_concat, false}, /* also capped at max_string_bytes */
    {"insert", sandbox_table_insert, false},
    {"move", sandbox_table_move, false},
    {"pack", NULL, false},
    {"remove", sandbox_table_remove, false},
    {"sort", sandbox_table_sort, true},
    {"unpack", sandbox_table_unpack, false},
    {NULL, NULL, false},
};

static const struct lib_fn MATH_FNS[] = {
    {"abs", NULL, false}, {"acos", NULL, false}, {"asin", NULL, false},
    {"atan", NULL, false}, {"ceil", NULL, false}, {"cos", NULL, false},
    {"deg", NULL, false}, {"exp", NULL, false}, {"floor", NULL, false},
    {"fmod", NULL, false}, {"log", NULL, false}, {"max", NULL, false},
    {"min", NULL, false}, {"modf", NULL, false}, {"rad", NULL, false},
    {"sin", NULL, false}, {"sqrt", NULL, false}, {"tan", NULL, false},
    {"tointeger", NULL, false}, {"type", NULL, false}, {"ult", NULL, false},
    /* Lua's own generator is seeded from the clock and addresses: runs
     * would not replay. The host's (the simulation's PCG32) replaces it,
     * and scripts cannot reseed it to steer outcomes. */
    {"random", sandbox_math_random, false},
    {"randomseed", sandbox_math_randomseed, false},
    {NULL, NULL, false},
};

static const char *const MATH_CONSTANTS[] = {"huge", "maxinteger", "mininteger", "pi", NULL};

static const struct lib_fn UTF8_FNS[] = {
    {"char", NULL, false},
    {"codepoint", sandbox_charged_by_utf8_length, true},
    {"codes", NULL, false},
    {"len", sandbox_charged_by_utf8_length, true},
    {"offset", sandbox_charged_by_utf8_length, true},
    {NULL, NULL, false},
};

static const char *const UTF8_CONSTANTS[] = {"charpattern", NULL};

/* Hooks are per thread: every coroutine must carry the count hook, and
 * resume/close must not swallow a tripped limit. */
static const struct lib_fn COROUTINE_FNS[] = {
    {"close", sandbox_co_close, true},
    {"create", sandbox_co_create, false},
    {"isyieldable", NULL, false},
    {"resume", sandbox_co_resume, false},
    {"running", NULL, false},
    {"status", NULL, false},
    {"wrap", sandbox_co_wrap, false},
    {"yield", NULL, false},
    {NULL, NULL, false},
};

/* Marks the metatables of read-only proxies (see sandbox_is_readonly). */
static const char READONLY_KEY = 0;

/* ---- read-only proxies ------------------------------------------------ */

static int readonly_newindex(lua_State *L)
{
    return luaL_error(L, "attempt to modify read-only table '%s'",
                      lua_tostring(L, lua_upvalueindex(1)));
}

/* Iterator over the real table (upvalue 1), which it never returns. */
static int readonly_next(lua_State *L)
{
    lua_settop(L, 2);
    if (lua_next(L, lua_upvalueindex(1)))
        return 2;
    lua_pushnil(L);
    return 1;
}

static int readonly_pairs(lua_State *L)
{
    lua_pushvalue(L, lua_upvalueindex(1));
    lua_pushnil(L);
    lua_pushnil(L);
    return 3;
}

bool sandbox_is_readonly(lua_State *L, int idx)
{
    int type;
    if (!lua_getmetatable(L, idx))
        return false;
    type = lua_rawgetp(L, -1, &READONLY_KEY);
    lua_pop(L, 2);
    return type != LUA_TNIL;
}

/* Replace the table on top with an empty proxy that reads through to it
 * and refuses writes. Stack: [-1, +1]. */
static void make_readonly(lua_State *L, const char *name)
{
    lua_newtable(L); /* proxy */
    lua_createtable(L, 0, 5);
    lua_pushvalue(L, -3);
    lua_setfield(L, -2, "__index");
    lua_pushstring(L, name);
    lua_pushcclosure(L, readonly_newindex, 1);
    lua_setfield(L, -2, "__newindex");
    lua_pushvalue(L, -3);
    lua_pushcclosure(L, readonly_next, 1);
    lua_pushcclosure(L, readonly_pairs, 1);
    lua_setfield(L, -2, "__pairs");
    lua_pushboolean(L, 0);
    lua_setfield(L, -2, "__metatable");
    lua_pushboolean(L, 1);
    lua_rawsetp(L, -2, &READONLY_KEY);
    lua_setmetatable(L, -2);
    lua_remove(L, -2);
}

/* ---- building --------------------------------------------------------- */

/* Copy the whitelisted functions of the library table at lib into the
 * table on top of the stack, replacing some. */
static void copy_fns(lua_State *L, int lib, const struct lib_fn *fns)
{
    for (; fns->name != NULL; fns++) {
        if (fns->fn != NULL && !fns->wraps) {
            lua_pushcfunction(L, fns->fn);
        } else if (lua_getfield(L, lib, fns->name) == LUA_TNIL) {
            lua_pop(L, 1); /* not in this build of Lua */
            continue;
        } else if (fns->fn != NULL) {
            lua_pushcclosure(L, fns->fn, 1);
        }
        lua_setfield(L, -2, fns->name);
    }
}

static void copy_names(lua_State *L, int lib, const char *const *names)
{
    for (; *names != NULL; names++) {
        lua_getfield(L, lib, *names);
        lua_setfield(L, -2, *names);
    }
}

/* Open a library, build its whitelisted copy and put a read-only proxy
 * of it into env[name]. Stack: [-0, +0]. */
static void add_library(lua_State *L, int env, const char *name, lua_CFunction open,
                        const struct lib_fn *fns, const char *const *constants)
{
    int lib;
    lua_pushcfunction(L, open);
    lua_call(L, 0, 1);
    lib = lua_gettop(L);
    lua_newtable(L);
    copy_fns(L, lib, fns);
    if (constants != NULL)
        copy_names(L, lib, constants);
    lua_remove(L, lib);
    lua_pushvalue(L, -1);
    make_readonly(L, name);
    lua_setfield(L, env, name);
    lua_pop(L, 1);
}

/* The string metatable (set by luaopen_string) keeps its arithmetic
 * metamethods, indexes the read-only string proxy, and hides itself. */
static void harden_string_metatable(lua_State *L, int env)
{
    lua_pushliteral(L, "");
    if (!lua_getmetatable(L, -1))
        luaL_error(L, "the string library set no metatable");
    lua_getfield(L, env, "string");
    lua_setfield(L, -2, "__index");
    lua_pushboolean(L, 0);
    lua_setfield(L, -2, "__metatable");
    lua_pop(L, 2);
}

static void check_removed(lua_State *L, int env)
{
    for (const char *const *name = REMOVED_GLOBALS; *name != NULL; name++) {
        if (lua_getfield(L, env, *name) != LUA_TNIL)
            luaL_error(L, "sandbox whitelist leaks '%s'", *name);
        lua_pop(L, 1);
    }
}

/* lua_CFunction run protected by script_sandbox_create: builds the
 * environment and makes it the global table. Stack: [-0, +0]. */
int sandbox_open_env(lua_State *L)
{
    int env;
    luaL_checkversion(L);
    lua_newtable(L);
    env = lua_gettop(L);

    lua_pushcfunction(L, luaopen_base); /* fills the real global table */
    lua_call(L, 0, 1);
    lua_pushvalue(L, env);
    copy_fns(L, env + 1, BASE_FNS);
    lua_pop(L, 2);

    add_library(L, env, LUA_STRLIBNAME, luaopen_string, STRING_FNS, NULL);
    add_library(L, env, LUA_TABLIBNAME, luaopen_table, TABLE_FNS, NULL);
    add_library(L, env, LUA_MATHLIBNAME, luaopen_math, MATH_FNS, MATH_CONSTANTS);
    add_library(L, env, LUA_UTF8LIBNAME, luaopen_utf8, UTF8_FNS, UTF8_CONSTANTS);
    add_library(L, env, LUA_COLIBNAME, luaopen_coroutine, COROUTINE_FNS, NULL);
    harden_string_metatable(L, env);

    lua_pushvalue(L, env);
    lua_setfield(L, env, LUA_GNAME);
    lua_pushliteral(L, LUA_VERSION);
    lua_setfield(L, env, "_VERSION");
    check_removed(L, env);
    lua_rawseti(L, LUA_REGISTRYINDEX, LUA_RIDX_GLOBALS);
    return 0;
}
