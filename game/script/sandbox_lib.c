/* sandbox_lib.c — library functions the sandbox replaces: protected calls
 * and coroutines that cannot swallow a tripped limit, a text-only load,
 * setmetatable without __gc, the host's random generator, and table
 * functions that pay for their loops before they run them.
 *
 * What it must never do: acquire anything before its luaL_check* calls
 * (they long-jump); run a C loop whose length a script chooses without
 * charging it to the budget first. */
#include "sandbox_internal.h"

#include <limits.h>
#include <string.h>

/* What some operations cost in plain VM instructions (measured): raising
 * and catching an error (message, long jump, unwinding), and a resume with
 * its yield. Without these charges a loop of pcall(error), or a coroutine
 * ping-pong, runs ten times longer than its budget suggests. */
#define CAUGHT_ERROR_WORK 200
#define RESUME_WORK 100

/* Raise if a limit tripped, so no protected call even starts. */
static void refuse_if_tripped(lua_State *L)
{
    sandbox_after_catch(L, LUA_OK);
}

/* ---- base ------------------------------------------------------------- */

/* Continuation shared by pcall and xpcall (also after a yield inside). */
static int finish_pcall(lua_State *L, int status, lua_KContext extra)
{
    if (status != LUA_OK && status != LUA_YIELD) {
        sandbox_after_catch(L, status); /* a tripped limit passes through */
        sandbox_charge(L, CAUGHT_ERROR_WORK);
        lua_pushboolean(L, 0);
        lua_pushvalue(L, -2);
        return 2;
    }
    return lua_gettop(L) - (int)extra;
}

/* pcall(f, ...): as Lua's, but cannot catch a tripped limit. */
int sandbox_pcall(lua_State *L)
{
    int status;
    luaL_checkany(L, 1);
    refuse_if_tripped(L);
    lua_pushboolean(L, 1); /* first result if no errors */
    lua_insert(L, 1);
    status = lua_pcallk(L, lua_gettop(L) - 2, LUA_MULTRET, 0, 0, finish_pcall);
    return finish_pcall(L, status, 0);
}

/* The message handler xpcall installs around the script's (upvalue 1).
 * An error raised by the count hook reaches message handlers while hooks
 * are still off in that thread (Lua re-enables them only when the error
 * lands in a protected call), so script code must not run then: once a
 * limit tripped, the script's handler is skipped. */
static int xpcall_handler(lua_State *L)
{
    if (sandbox_of(L)->trip != TRIP_NONE)
        return 1;
    lua_pushvalue(L, lua_upvalueindex(1));
    lua_insert(L, 1);
    lua_call(L, lua_gettop(L) - 1, 1);
    return 1;
}

/* xpcall(f, msgh, ...): as Lua's, but cannot catch a tripped limit. An
 * endless handler trips the budget; each new error calls the handler
 * again until Lua gives up with "error in error handling". */
int sandbox_xpcall(lua_State *L)
{
    int n = lua_gettop(L);
    int status;
    luaL_checktype(L, 2, LUA_TFUNCTION);
    refuse_if_tripped(L);
    lua_pushvalue(L, 2);
    lua_pushcclosure(L, xpcall_handler, 1);
    lua_replace(L, 2);
    lua_pushboolean(L, 1);
    lua_pushvalue(L, 1);
    lua_rotate(L, 3, 2); /* f, handler, true, f, args... */
    status = lua_pcallk(L, n - 2, LUA_MULTRET, 2, 2, finish_pcall);
    return finish_pcall(L, status, 2);
}

/* load(chunk [, chunkname [, mode [, env]]]): string chunks in text mode
 * only; the environment defaults to the sandbox's. */
int sandbox_load(lua_State *L)
{
    size_t len;
    const char *chunk = luaL_checklstring(L, 1, &len);
    const char *name = luaL_optstring(L, 2, chunk);
    const char *mode = luaL_optstring(L, 3, "t");
    int env = lua_isnone(L, 4) ? 0 : 4;
    int status;
    luaL_argcheck(L, strcmp(mode, "t") == 0, 3, "only text chunks (mode 't') in the sandbox");
    status = luaL_loadbufferx(L, chunk, len, name, "t");
    if (status != LUA_OK) {
        sandbox_after_catch(L, status);
        luaL_pushfail(L);
        lua_insert(L, -2);
        return 2;
    }
    if (env != 0)
        lua_pushvalue(L, env);
    else
        lua_rawgeti(L, LUA_REGISTRYINDEX, LUA_RIDX_GLOBALS);
    if (lua_setupvalue(L, -2, 1) == NULL)
        lua_pop(L, 1);
    return 1;
}

/* setmetatable(t, mt): as Lua's, but refuses a metatable with __gc.
 * Lua marks an object for finalization only when its metatable has __gc
 * at setmetatable time; a __gc added later is never called. So this one
 * check covers it, as long as nothing else sets metatables for scripts. */
int sandbox_setmetatable(lua_State *L)
{
    int type = lua_type(L, 2);
    luaL_checktype(L, 1, LUA_TTABLE);
    luaL_argexpected(L, type == LUA_TNIL || type == LUA_TTABLE, 2, "nil or table");
    if (type == LUA_TTABLE) {
        lua_pushliteral(L, "__gc");
        if (lua_rawget(L, 2) != LUA_TNIL)
            return luaL_error(L, "__gc metamethods are not allowed in the sandbox");
        lua_pop(L, 1);
    }
    if (luaL_getmetafield(L, 1, "__metatable") != LUA_TNIL)
        return luaL_error(L, "cannot change a protected metatable");
    lua_settop(L, 2);
    lua_setmetatable(L, 1);
    return 1;
}

/* rawset(t, k, v): as Lua's, but not into a read-only library table. */
int sandbox_rawset(lua_State *L)
{
    luaL_checktype(L, 1, LUA_TTABLE);
    luaL_checkany(L, 2);
    luaL_checkany(L, 3);
    if (sandbox_is_readonly(L, 1))
        return luaL_error(L, "attempt to modify a read-only table");
    lua_settop(L, 3);
    lua_rawset(L, 1);
    return 1;
}

/* collectgarbage("count"): the heap size in KiB; every other option raises. */
int sandbox_collectgarbage(lua_State *L)
{
    const char *opt = luaL_optstring(L, 1, "collect");
    if (strcmp(opt, "count") != 0)
        return luaL_error(L, "collectgarbage('%s') is not available in the sandbox (only 'count')",
                          opt);
    lua_pushnumber(L, (lua_Number)lua_gc(L, LUA_GCCOUNT, 0) +
                          (lua_Number)lua_gc(L, LUA_GCCOUNTB, 0) / 1024);
    return 1;
}

/* ---- coroutines ------------------------------------------------------- */

static lua_State *check_thread(lua_State *L)
{
    lua_State *co = lua_tothread(L, 1);
    luaL_argexpected(L, co != NULL, 1, "coroutine");
    return co;
}

static int close_thread(lua_State *co, lua_State *from)
{
#if LUA_VERSION_RELEASE_NUM >= 50406
    return lua_closethread(co, from);
#else
    (void)from;
    return lua_resetthread(co);
#endif
}

/* Resume co with the narg values on top of L. Returns the number of
 * results moved to L, or -1 with the error object on L. Tracks the running
 * thread for the allocator and rethrows a tripped limit. */
static int resume_thread(lua_State *L, lua_State *co, int narg)
{
    script_sandbox *sb = sandbox_of(L);
    lua_State *prev = sb->running;
    int status, nres;
    if (!lua_checkstack(co, narg)) {
        lua_pushliteral(L, "too many arguments to resume");
        return -1;
    }
    sandbox_charge(L, RESUME_WORK);
    lua_xmove(L, co, narg);
    sb->running = co;
    status = lua_resume(co, L, narg, &nres);
    sb->running = prev;
    if (status == LUA_OK || status == LUA_YIELD) {
        if (!lua_checkstack(L, nres + 1)) {
            lua_pop(co, nres);
            lua_pushliteral(L, "too many results to resume");
            return -1;
        }
        lua_xmove(co, L, nres);
        refuse_if_tripped(L);
        return nres;
    }
    lua_xmove(co, L, 1);
    sandbox_after_catch(L, status);
    sandbox_charge(L, CAUGHT_ERROR_WORK);
    return -1;
}

/* coroutine.create(f): the new thread gets the count hook. Lua 5.4 copies
 * the creator's hook into a new thread already; this does not rely on it. */
int sandbox_co_create(lua_State *L)
{
    lua_State *co;
    luaL_checktype(L, 1, LUA_TFUNCTION);
    co = lua_newthread(L);
    lua_sethook(co, sandbox_hook, LUA_MASKCOUNT,
                sandbox_of(L)->trip != TRIP_NONE ? 1 : HOOK_PERIOD);
    lua_pushvalue(L, 1);
    lua_xmove(L, co, 1);
    return 1;
}

int sandbox_co_resume(lua_State *L)
{
    lua_State *co = check_thread(L);
    int r;
    refuse_if_tripped(L);
    r = resume_thread(L, co, lua_gettop(L) - 1);
    if (r < 0) {
        lua_pushboolean(L, 0);
        lua_insert(L, -2);
        return 2;
    }
    lua_pushboolean(L, 1);
    lua_insert(L, -(r + 1));
    return r + 1;
}

/* The function coroutine.wrap returns; upvalue 1 is the thread. Errors
 * propagate with position added, as in Lua's lcorolib. */
static int wrap_step(lua_State *L)
{
    lua_State *co = lua_tothread(L, lua_upvalueindex(1));
    int r = resume_thread(L, co, lua_gettop(L));
    int status;
    if (r >= 0)
        return r;
    status = lua_status(co);
    if (status != LUA_OK && status != LUA_YIELD) { /* error in the coroutine */
        status = close_thread(co, L);            /* run its pending __close */
        lua_xmove(co, L, 1);
        sandbox_after_catch(L, status);
    }
    if (status != LUA_ERRMEM && lua_type(L, -1) == LUA_TSTRING) {
        const char *where;
        luaL_where(L, 1);
        where = lua_tostring(L, -1);
        if (strncmp(lua_tostring(L, -2), where, strlen(where)) == 0)
            lua_pop(L, 1); /* recursion through wrap: say the place once */
        else {
            lua_insert(L, -2);
            lua_concat(L, 2);
        }
    }
    return lua_error(L);
}

int sandbox_co_wrap(lua_State *L)
{
    sandbox_co_create(L);
    lua_pushcclosure(L, wrap_step, 1);
    return 1;
}

/* coroutine.close(co): Lua's (upvalue 1), then a tripped limit passes. */
int sandbox_co_close(lua_State *L)
{
    lua_CFunction close = lua_tocfunction(L, lua_upvalueindex(1));
    int n;
    refuse_if_tripped(L);
    n = close(L);
    refuse_if_tripped(L);
    return n;
}

/* ---- math.random ------------------------------------------------------ */

static uint64_t draw(script_sandbox *sb, uint64_t lim)
{
    uint64_t r = sb->rng(sb->rng_ud);
    if (lim > UINT32_MAX)
        r = r << 32 | sb->rng(sb->rng_ud);
    return r & lim;
}

/* A uniform integer in [0, n], by rejection over the smallest 2^b - 1 >= n.
 * After 64 rejections (a broken generator) it settles for a modulo rather
 * than loop in C forever. */
static uint64_t draw_upto(script_sandbox *sb, uint64_t n)
{
    uint64_t lim = n, r;
    lim |= lim >> 1;
    lim |= lim >> 2;
    lim |= lim >> 4;
    lim |= lim >> 8;
    lim |= lim >> 16;
    lim |= lim >> 32;
    for (int tries = 0; tries < 64; tries++) {
        r = draw(sb, lim);
        if (r <= n)
            return r;
    }
    return r % (n + 1);
}

/* math.random([m [, n]]) on the host's generator, with Lua 5.4's contract. */
int sandbox_math_random(lua_State *L)
{
    script_sandbox *sb = sandbox_of(L);
    lua_Integer low, up;
    uint64_t bits;
    switch (lua_gettop(L)) {
    case 0:
        low = up = 0;
        break;
    case 1:
        low = 1;
        up = luaL_checkinteger(L, 1);
        break;
    case 2:
        low = luaL_checkinteger(L, 1);
        up = luaL_checkinteger(L, 2);
        break;
    default:
        return luaL_error(L, "wrong number of arguments");
    }
    if (sb->rng == NULL)
        return luaL_error(L, "no random source");
    if (lua_gettop(L) == 0) { /* a float in [0, 1) from 53 random bits */
        bits = draw(sb, UINT64_MAX) >> 11;
        lua_pushnumber(L, (lua_Number)bits * (lua_Number)0x1.0p-53);
        return 1;
    }
    if (lua_gettop(L) == 1 && up == 0) { /* random(0): all bits random */
        lua_pushinteger(L, (lua_Integer)draw(sb, UINT64_MAX));
        return 1;
    }
    luaL_argcheck(L, low <= up, lua_gettop(L), "interval is empty");
    bits = draw_upto(sb, (uint64_t)up - (uint64_t)low);
    lua_pushinteger(L, (lua_Integer)(bits + (uint64_t)low));
    return 1;
}

int sandbox_math_randomseed(lua_State *L)
{
    return luaL_error(L, "math.randomseed is not available: the game owns the random seed");
}

/* ---- table ------------------------------------------------------------ */

static uint64_t span(lua_Integer from, lua_Integer to)
{
    return to > from ? (uint64_t)to - (uint64_t)from : 0;
}

/* table.insert(t, [pos,] v) */
int sandbox_table_insert(lua_State *L)
{
    lua_Integer pos, e;
    luaL_checktype(L, 1, LUA_TTABLE);
    e = (lua_Integer)((lua_Unsigned)luaL_len(L, 1) + 1u); /* first empty slot */
    switch (lua_gettop(L)) {
    case 2:
        pos = e;
        break;
    case 3:
        pos = luaL_checkinteger(L, 2);
        luaL_argcheck(L, (lua_Unsigned)pos - 1u < (lua_Unsigned)e, 2, "position out of bounds");
        sandbox_charge(L, span(pos, e));
        for (lua_Integer i = e; i > pos; i--) {
            lua_geti(L, 1, i - 1);
            lua_seti(L, 1, i);
        }
        break;
    default:
        return luaL_error(L, "wrong number of arguments to 'insert'");
    }
    lua_seti(L, 1, pos);
    return 0;
}

/* table.remove(t [, pos]) */
int sandbox_table_remove(lua_State *L)
{
    lua_Integer size, pos;
    luaL_checktype(L, 1, LUA_TTABLE);
    size = luaL_len(L, 1);
    pos = luaL_optinteger(L, 2, size);
    if (pos != size)
        luaL_argcheck(L, (lua_Unsigned)pos - 1u <= (lua_Unsigned)size, 2, "position out of bounds");
    sandbox_charge(L, span(pos, size));
    lua_geti(L, 1, pos);
    for (; pos < size; pos++) {
        lua_geti(L, 1, pos + 1);
        lua_seti(L, 1, pos);
    }
    lua_pushnil(L);
    lua_seti(L, 1, pos);
    return 1;
}

/* table.move(a1, f, e, t [, a2]) */
int sandbox_table_move(lua_State *L)
{
    lua_Integer f = luaL_checkinteger(L, 2);
    lua_Integer e = luaL_checkinteger(L, 3);
    lua_Integer t = luaL_checkinteger(L, 4);
    int dst = lua_isnoneornil(L, 5) ? 1 : 5;
    luaL_checktype(L, 1, LUA_TTABLE);
    luaL_checktype(L, dst, LUA_TTABLE);
    if (e >= f) {
        lua_Integer n;
        luaL_argcheck(L, f > 0 || e < LUA_MAXINTEGER + f, 3, "too many elements to move");
        n = e - f + 1;
        luaL_argcheck(L, t <= LUA_MAXINTEGER - n + 1, 4, "destination wrap around");
        sandbox_charge(L, (uint64_t)n);
        if (t > e || t <= f || (dst != 1 && !lua_compare(L, 1, dst, LUA_OPEQ))) {
            for (lua_Integer i = 0; i < n; i++) {
                lua_geti(L, 1, f + i);
                lua_seti(L, dst, t + i);
            }
        } else {
            for (lua_Integer i = n - 1; i >= 0; i--) {
                lua_geti(L, 1, f + i);
                lua_seti(L, dst, t + i);
            }
        }
    }
    lua_pushvalue(L, dst);
    return 1;
}

/* table.unpack(list [, i [, j]]) */
int sandbox_table_unpack(lua_State *L)
{
    lua_Integer i = luaL_optinteger(L, 2, 1);
    lua_Integer e = lua_isnoneornil(L, 3) ? luaL_len(L, 1) : luaL_checkinteger(L, 3);
    lua_Unsigned n;
    if (i > e)
        return 0;
    n = (lua_Unsigned)e - (lua_Unsigned)i; /* count - 1, cannot overflow */
    if (n >= (lua_Unsigned)INT_MAX || !lua_checkstack(L, (int)(++n)))
        return luaL_error(L, "too many results to unpack");
    sandbox_charge(L, n);
    for (; i < e; i++)
        lua_geti(L, 1, i);
    lua_geti(L, 1, e);
    return (int)n;
}

/* table.concat(list [, sep [, i [, j]]]), capped at max_string_bytes. */
int sandbox_table_concat(lua_State *L)
{
    luaL_Buffer b;
    size_t lsep, len, cap = sandbox_of(L)->limits.max_string_bytes;
    const char *sep;
    lua_Integer i, last;
    luaL_checktype(L, 1, LUA_TTABLE);
    last = luaL_len(L, 1);
    sep = luaL_optlstring(L, 2, "", &lsep);
    i = luaL_optinteger(L, 3, 1);
    last = luaL_optinteger(L, 4, last);
    luaL_buffinit(L, &b);
    for (unsigned k = 1; i <= last; i++, k++) {
        if (k % 256 == 0)
            sandbox_charge(L, 256); /* the copying is charged as allocation */
        lua_geti(L, 1, i);
        if (!lua_isstring(L, -1))
            return luaL_error(L, "invalid value (at index %I) in table for 'concat'", (LUAI_UACINT)i);
        lua_tolstring(L, -1, &len);
        if (len > cap - luaL_bufflen(&b) || (i < last && lsep > cap - luaL_bufflen(&b) - len))
            return sandbox_size_error(L, "table.concat", luaL_bufflen(&b) + len + lsep);
        luaL_addvalue(&b);
        if (i == last)
            break; /* i++ would overflow when last is maxinteger */
        luaL_addlstring(&b, sep, lsep);
    }
    luaL_pushresult(&b);
    return 1;
}

static uint64_t sort_work(uint64_t n)
{
    unsigned bits = 0;
    for (uint64_t m = n; m != 0; m >>= 1)
        bits++;
    return n > UINT64_MAX / 64 ? UINT64_MAX : n * bits;
}

/* table.sort(list [, comp]): Lua's (upvalue 1), after charging n log n.
 * A __len metamethod runs twice (here and in Lua's sort). */
int sandbox_table_sort(lua_State *L)
{
    lua_Integer n;
    luaL_checktype(L, 1, LUA_TTABLE);
    n = luaL_len(L, 1);
    if (n > 1)
        sandbox_charge(L, sort_work((uint64_t)n));
    return lua_tocfunction(L, lua_upvalueindex(1))(L);
}

/* For library functions (upvalue 1) that walk their string arguments in C
 * without allocating (string.byte, string.unpack, utf8.len, ...): charge
 * the length of every string argument, then call the function. */
static size_t string_arg_bytes(lua_State *L)
{
    size_t len, total = 0;
    for (int i = 1; i <= lua_gettop(L); i++) {
        if (lua_type(L, i) == LUA_TSTRING) {
            lua_tolstring(L, i, &len);
            total += len;
        }
    }
    return total;
}

int sandbox_charged_by_length(lua_State *L)
{
    sandbox_charge(L, string_arg_bytes(L) / BYTES_PER_WORK);
    return lua_tocfunction(L, lua_upvalueindex(1))(L);
}

/* utf8.len, utf8.offset and utf8.codepoint decode every byte they walk,
 * some twenty times slower a byte than a copy: charged a unit for every
 * UTF8_BYTES_PER_WORK bytes, or a loop of utf8.len over a long string
 * would run for seconds inside its instruction budget. */
int sandbox_charged_by_utf8_length(lua_State *L)
{
    sandbox_charge(L, string_arg_bytes(L) / UTF8_BYTES_PER_WORK);
    return lua_tocfunction(L, lua_upvalueindex(1))(L);
}
