/* sandbox_string.c — string.find, match, gmatch and gsub on the bounded
 * matcher of sandbox_match.c, and a capped string.rep.
 *
 * Each function counts its matcher steps against the call's instruction
 * budget (a backtracking pattern trips the instruction limit) and keeps
 * its result within max_string_bytes. Behaviour otherwise follows Lua
 * 5.4's lstrlib.c exactly; tests/script/sandbox_patterns.lua checks that
 * against Lua's own functions.
 *
 * What it must never do: build a result larger than max_string_bytes;
 * keep a pointer into a string Lua could collect (gmatch keeps its
 * subject and pattern as upvalues). */
#include "sandbox_internal.h"

#include <ctype.h>
#include <string.h>

#define SPECIALS "^$*+?.([%-"

/* ---- find and match --------------------------------------------------- */

static bool has_specials(const char *p, size_t lp)
{
    for (size_t i = 0; i < lp; i++)
        if (p[i] != '\0' && strchr(SPECIALS, p[i]) != NULL)
            return true;
    return false;
}

/* Plain substring search, charged for what it scans and compares. */
static const char *find_plain(struct matcher *m, const char *s, size_t ls, const char *p, size_t lp)
{
    const char *hit;
    if (lp == 0)
        return s;
    while (ls >= lp && (hit = memchr(s, *p, ls - lp + 1)) != NULL) {
        matcher_step(m, 1 + ((size_t)(hit - s) + lp) / BYTES_PER_WORK);
        if (memcmp(hit + 1, p + 1, lp - 1) == 0)
            return hit;
        ls -= (size_t)(hit - s) + 1;
        s = hit + 1;
    }
    return NULL;
}

/* Lua's posrelatI: a 1-based start, negative from the end, clipped at 1. */
static size_t start_index(lua_Integer pos, size_t len)
{
    if (pos > 0)
        return (size_t)pos;
    if (pos == 0 || pos < -(lua_Integer)len)
        return 1;
    return len + (size_t)pos + 1;
}

static int find_aux(lua_State *L, bool find)
{
    size_t ls, lp;
    const char *s = luaL_checklstring(L, 1, &ls);
    const char *p = luaL_checklstring(L, 2, &lp);
    size_t init = start_index(luaL_optinteger(L, 3, 1), ls) - 1;
    struct matcher m;
    if (init > ls) {
        luaL_pushfail(L);
        return 1;
    }
    matcher_init(&m, L, s, ls, p, lp);
    if (find && (lua_toboolean(L, 4) || !has_specials(p, lp))) {
        const char *hit = find_plain(&m, s + init, ls - init, p, lp);
        matcher_charge(&m);
        if (hit != NULL) {
            lua_pushinteger(L, (hit - s) + 1);
            lua_pushinteger(L, (lua_Integer)((size_t)(hit - s) + lp));
            return 2;
        }
    } else {
        const char *s1 = s + init;
        bool anchor = lp > 0 && *p == '^';
        if (anchor)
            p++;
        do {
            const char *e;
            matcher_restart(&m);
            if ((e = matcher_match(&m, s1, p)) != NULL) {
                matcher_charge(&m);
                if (!find)
                    return matcher_push_captures(&m, s1, e);
                lua_pushinteger(L, (s1 - s) + 1);
                lua_pushinteger(L, e - s);
                return matcher_push_captures(&m, NULL, NULL) + 2;
            }
        } while (s1++ < m.src_end && !anchor);
        matcher_charge(&m);
    }
    luaL_pushfail(L);
    return 1;
}

int sandbox_str_find(lua_State *L)
{
    return find_aux(L, true);
}

int sandbox_str_match(lua_State *L)
{
    return find_aux(L, false);
}

/* ---- gmatch ----------------------------------------------------------- */

struct gmatch_state {
    struct matcher m;
    const char *pos;       /* where the next search starts */
    const char *pat;       /* pattern start */
    const char *lastmatch; /* end of the last match, never matched twice */
};

/* The iterator gmatch returns; upvalues: subject, pattern, state. The
 * strings stay alive as upvalues, so the state's pointers stay valid. */
static int gmatch_next(lua_State *L)
{
    struct gmatch_state *g = lua_touserdata(L, lua_upvalueindex(3));
    g->m.L = L; /* the iterator may run in another coroutine */
    matcher_refresh(&g->m);
    for (const char *src = g->pos; src <= g->m.src_end; src++) {
        const char *e;
        matcher_restart(&g->m);
        if ((e = matcher_match(&g->m, src, g->pat)) != NULL && e != g->lastmatch) {
            g->pos = g->lastmatch = e;
            matcher_charge(&g->m);
            return matcher_push_captures(&g->m, src, e);
        }
    }
    g->pos = g->m.src_end + 1; /* exhausted: later calls return at once */
    matcher_charge(&g->m);
    return 0;
}

int sandbox_str_gmatch(lua_State *L)
{
    size_t ls, lp;
    const char *s = luaL_checklstring(L, 1, &ls);
    const char *p = luaL_checklstring(L, 2, &lp);
    size_t init = start_index(luaL_optinteger(L, 3, 1), ls) - 1;
    struct gmatch_state *g;
    lua_settop(L, 2);
    g = lua_newuserdatauv(L, sizeof *g, 0);
    if (init > ls)
        init = ls + 1; /* start after the end: no matches */
    matcher_init(&g->m, L, s, ls, p, lp);
    g->pos = s + init;
    g->pat = p;
    g->lastmatch = NULL;
    lua_pushcclosure(L, gmatch_next, 3);
    return 1;
}

/* ---- gsub ------------------------------------------------------------- */

/* Append the replacement string (argument 3) with %0-%9 and %% expanded. */
static void add_template(struct matcher *m, luaL_Buffer *b, const char *s, const char *e)
{
    size_t l;
    const char *t = lua_tolstring(m->L, 3, &l), *pct;
    while ((pct = memchr(t, ESC, l)) != NULL) {
        const char *cap;
        ptrdiff_t len;
        luaL_addlstring(b, t, (size_t)(pct - t));
        pct++; /* the character after '%' */
        if (pct == t + l)
            luaL_error(m->L, "invalid use of '%c' in replacement string", ESC);
        if (*pct == ESC) {
            luaL_addchar(b, ESC);
        } else if (*pct == '0') {
            luaL_addlstring(b, s, (size_t)(e - s));
        } else if (isdigit((unsigned char)*pct)) {
            len = matcher_capture(m, *pct - '1', s, e, &cap);
            if (len == CAP_POSITION)
                luaL_addvalue(b); /* the position get_capture pushed */
            else
                luaL_addlstring(b, cap, (size_t)len);
        } else {
            luaL_error(m->L, "invalid use of '%c' in replacement string", ESC);
        }
        l -= (size_t)(pct + 1 - t);
        t = pct + 1;
    }
    luaL_addlstring(b, t, l);
}

/* Append the replacement for the match s..e; false when the original text
 * was kept (a function or table gave false or nil). */
static bool add_value(struct matcher *m, luaL_Buffer *b, const char *s, const char *e, int tr)
{
    lua_State *L = m->L;
    if (tr == LUA_TFUNCTION) {
        int n;
        lua_pushvalue(L, 3);
        n = matcher_push_captures(m, s, e);
        lua_call(L, n, 1);
    } else if (tr == LUA_TTABLE) {
        matcher_push_capture(m, 0, s, e);
        lua_gettable(L, 3);
    } else {
        add_template(m, b, s, e);
        return true;
    }
    if (!lua_toboolean(L, -1)) {
        lua_pop(L, 1);
        luaL_addlstring(b, s, (size_t)(e - s));
        return false;
    }
    if (!lua_isstring(L, -1))
        luaL_error(L, "invalid replacement value (a %s)", luaL_typename(L, -1));
    luaL_addvalue(b);
    return true;
}

/* gsub(s, pattern, repl [, n]): Lua's, with steps counted and the result
 * capped at max_string_bytes. */
int sandbox_str_gsub(lua_State *L)
{
    size_t srcl, lp;
    const char *src = luaL_checklstring(L, 1, &srcl);
    const char *p = luaL_checklstring(L, 2, &lp);
    const char *lastmatch = NULL;
    int tr = lua_type(L, 3);
    lua_Integer max_s = luaL_optinteger(L, 4, (lua_Integer)srcl + 1);
    size_t cap = sandbox_of(L)->limits.max_string_bytes;
    bool anchor = lp > 0 && *p == '^', changed = false;
    lua_Integer n = 0;
    struct matcher m;
    luaL_Buffer b;
    luaL_argexpected(L, tr == LUA_TNUMBER || tr == LUA_TSTRING || tr == LUA_TFUNCTION || tr == LUA_TTABLE,
                     3, "string/function/table");
    luaL_buffinit(L, &b);
    if (anchor) {
        p++;
        lp--;
    }
    matcher_init(&m, L, src, srcl, p, lp);
    while (n < max_s) {
        const char *e;
        matcher_restart(&m);
        if ((e = matcher_match(&m, src, p)) != NULL && e != lastmatch) {
            n++;
            matcher_charge(&m); /* a callback's own work is counted by the hook */
            changed = add_value(&m, &b, src, e, tr) || changed;
            src = lastmatch = e;
            matcher_refresh(&m);
        } else if (src < m.src_end) {
            luaL_addchar(&b, *src++);
        } else {
            break;
        }
        if (luaL_bufflen(&b) > cap)
            return sandbox_size_error(L, "string.gsub", luaL_bufflen(&b));
        if (anchor)
            break;
    }
    matcher_charge(&m);
    if (!changed) {
        lua_pushvalue(L, 1);
    } else {
        if ((size_t)(m.src_end - src) > cap - luaL_bufflen(&b))
            return sandbox_size_error(L, "string.gsub", luaL_bufflen(&b) + (size_t)(m.src_end - src));
        luaL_addlstring(&b, src, (size_t)(m.src_end - src));
        luaL_pushresult(&b);
    }
    lua_pushinteger(L, n);
    return 2;
}

/* ---- rep -------------------------------------------------------------- */

/* rep(s, n [, sep]), capped at max_string_bytes. An empty result returns
 * at once whatever n is; a long one is filled by doubling copies. */
int sandbox_str_rep(lua_State *L)
{
    size_t l, lsep, unit, total, done;
    const char *s = luaL_checklstring(L, 1, &l);
    lua_Integer n = luaL_checkinteger(L, 2);
    const char *sep = luaL_optlstring(L, 3, "", &lsep);
    size_t cap = sandbox_of(L)->limits.max_string_bytes;
    luaL_Buffer b;
    char *out;
    unit = l + lsep;
    if (n <= 0 || unit == 0 || (n == 1 && l == 0)) {
        lua_pushliteral(L, "");
        return 1;
    }
    if ((lua_Unsigned)n > (cap + lsep) / unit) { /* n * unit - lsep > cap */
        lua_Number bytes = (lua_Number)n * (lua_Number)unit - (lua_Number)lsep;
        return sandbox_size_error(L, "string.rep", bytes > (lua_Number)SIZE_MAX ? SIZE_MAX : (size_t)bytes);
    }
    total = (size_t)n * unit - lsep;
    out = luaL_buffinitsize(L, &b, total);
    memcpy(out, s, l);
    done = l;
    if (n > 1) {
        memcpy(out + l, sep, lsep);
        done = unit;
    }
    while (done < total) { /* the result is a prefix of (s sep)(s sep)... */
        size_t chunk = done < total - done ? done : total - done;
        memcpy(out + done, out, chunk);
        done += chunk;
    }
    luaL_pushresultsize(&b, total);
    return 1;
}
