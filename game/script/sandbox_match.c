/* sandbox_match.c — Lua patterns that pay for their backtracking, and a
 * capped string.rep.
 *
 * Lua's string.find/match/gmatch/gsub run their matcher inside one C call
 * where the count hook never fires, and a pattern such as ".-.-.-.-b"
 * backtracks in polynomial time: find(("a"):rep(5e5), ".-.-.-.-.-.-.-b")
 * runs for hours. These functions implement the same pattern language
 * (Lua 5.4 manual, section 6.4.1) and count every matcher step against the
 * call's instruction budget, so such a pattern trips the instruction limit
 * like an endless loop does. The algorithm is the recursive backtracking
 * matcher of Lua's lstrlib.c (Roberto Ierusalimschy, Luiz Henrique de
 * Figueiredo, Waldemar Celes; MIT licence, Copyright (C) 1994-2022 Lua.org,
 * PUC-Rio), rewritten here with a step counter.
 *
 * What it must never do: loop over the subject without counting steps;
 * read past a string's end (patterns may contain '\0'); build a result
 * larger than max_string_bytes. */
#include "sandbox_internal.h"

#include <ctype.h>
#include <string.h>

#define MAX_CAPTURES 32     /* LUA_MAXCAPTURES */
#define MAX_MATCH_DEPTH 200 /* MAXCCALLS in lstrlib.c: C recursion per match */
#define CAP_UNFINISHED (-1)
#define CAP_POSITION (-2)
#define ESC '%'
#define SPECIALS "^$*+?.([%-"

struct matcher {
    lua_State *L;
    const char *src, *src_end; /* subject */
    const char *pat_end;
    int depth_left;
    int level; /* captures open or closed so far */
    uint64_t steps, step_limit;
    struct {
        const char *init;
        ptrdiff_t len; /* or CAP_UNFINISHED, CAP_POSITION */
    } cap[MAX_CAPTURES];
};

/* ---- step accounting -------------------------------------------------- */

/* Take the budget left in this call as the step limit. */
static void matcher_refresh(struct matcher *m)
{
    m->steps = 0;
    m->step_limit = sandbox_work_left(sandbox_of(m->L));
}

/* Charge the steps taken since the last refresh; may trip and raise. */
static void matcher_charge(struct matcher *m)
{
    uint64_t steps = m->steps;
    m->steps = 0;
    sandbox_charge(m->L, steps);
    m->step_limit = sandbox_work_left(sandbox_of(m->L));
}

static void step(struct matcher *m, uint64_t n)
{
    m->steps += n;
    if (m->steps > m->step_limit) {
        matcher_charge(m); /* over the budget: trips and raises */
        luaL_error(m->L, "pattern too complex");
    }
}

static void matcher_init(struct matcher *m, lua_State *L, const char *s, size_t ls, const char *p,
                         size_t lp)
{
    m->L = L;
    m->src = s;
    m->src_end = s + ls;
    m->pat_end = p + lp;
    m->level = 0;
    m->depth_left = MAX_MATCH_DEPTH;
    matcher_refresh(m);
}

static void matcher_restart(struct matcher *m)
{
    m->level = 0;
    m->depth_left = MAX_MATCH_DEPTH;
}

/* ---- single characters ------------------------------------------------ */

static bool class_matches(int c, int cl)
{
    bool res;
    switch (tolower(cl)) {
    case 'a': res = isalpha(c); break;
    case 'c': res = iscntrl(c); break;
    case 'd': res = isdigit(c); break;
    case 'g': res = isgraph(c); break;
    case 'l': res = islower(c); break;
    case 'p': res = ispunct(c); break;
    case 's': res = isspace(c); break;
    case 'u': res = isupper(c); break;
    case 'w': res = isalnum(c); break;
    case 'x': res = isxdigit(c); break;
    default: return cl == c;
    }
    return isupper(cl) ? !res : res;
}

/* Does c belong to the set [...] from p (at '[') to end (at its ']')? */
static bool set_matches(int c, const char *p, const char *end)
{
    bool found = true;
    if (p[1] == '^') {
        found = false;
        p++;
    }
    while (++p < end) {
        if (*p == ESC) {
            p++;
            if (class_matches(c, (unsigned char)*p))
                return found;
        } else if (p[1] == '-' && p + 2 < end) {
            p += 2;
            if ((unsigned char)p[-2] <= c && c <= (unsigned char)*p)
                return found;
        } else if ((unsigned char)*p == c) {
            return found;
        }
    }
    return !found;
}

/* End of the single-character class starting at p. */
static const char *class_end(struct matcher *m, const char *p)
{
    char c = *p++;
    if (c == ESC) {
        if (p >= m->pat_end)
            luaL_error(m->L, "malformed pattern (ends with '%%')");
        return p + 1;
    }
    if (c != '[')
        return p;
    if (p < m->pat_end && *p == '^')
        p++;
    for (;;) { /* the first character is never the closing ']' */
        if (p >= m->pat_end)
            luaL_error(m->L, "malformed pattern (missing ']')");
        if (*p++ == ESC && p < m->pat_end)
            p++;
        if (p < m->pat_end && *p == ']')
            return p + 1;
    }
}

/* Does the subject character at s match the class from p to ep? */
static bool single_matches(struct matcher *m, const char *s, const char *p, const char *ep)
{
    int c;
    step(m, 1);
    if (s >= m->src_end)
        return false;
    c = (unsigned char)*s;
    switch (*p) {
    case '.': return true;
    case ESC: return class_matches(c, (unsigned char)p[1]);
    case '[': return set_matches(c, p, ep - 1);
    default: return (unsigned char)*p == c;
    }
}

/* ---- the matcher ------------------------------------------------------ */

static const char *match_here(struct matcher *m, const char *s, const char *p);

static const char *expand_max(struct matcher *m, const char *s, const char *p, const char *ep)
{
    ptrdiff_t i = 0;
    while (single_matches(m, s + i, p, ep))
        i++;
    for (; i >= 0; i--) { /* try the longest run first */
        const char *res = match_here(m, s + i, ep + 1);
        if (res != NULL)
            return res;
    }
    return NULL;
}

static const char *expand_min(struct matcher *m, const char *s, const char *p, const char *ep)
{
    for (;;) {
        const char *res = match_here(m, s, ep + 1);
        if (res != NULL)
            return res;
        if (!single_matches(m, s, p, ep))
            return NULL;
        s++;
    }
}

static const char *open_capture(struct matcher *m, const char *s, const char *p, ptrdiff_t what)
{
    const char *res;
    if (m->level >= MAX_CAPTURES)
        luaL_error(m->L, "too many captures");
    m->cap[m->level].init = s;
    m->cap[m->level].len = what;
    m->level++;
    res = match_here(m, s, p);
    if (res == NULL)
        m->level--; /* undo */
    return res;
}

static const char *close_capture(struct matcher *m, const char *s, const char *p)
{
    const char *res;
    int l = m->level - 1;
    while (l >= 0 && m->cap[l].len != CAP_UNFINISHED)
        l--;
    if (l < 0)
        luaL_error(m->L, "invalid pattern capture");
    m->cap[l].len = s - m->cap[l].init;
    res = match_here(m, s, p);
    if (res == NULL)
        m->cap[l].len = CAP_UNFINISHED; /* undo */
    return res;
}

/* %bxy at p (pointing at x). */
static const char *match_balance(struct matcher *m, const char *s, const char *p)
{
    int depth = 1;
    if (p + 1 >= m->pat_end)
        luaL_error(m->L, "malformed pattern (missing arguments to '%%b')");
    if (s >= m->src_end || *s != p[0])
        return NULL;
    while (++s < m->src_end) {
        step(m, 1);
        if (*s == p[1]) {
            if (--depth == 0)
                return s + 1;
        } else if (*s == p[0]) {
            depth++;
        }
    }
    return NULL;
}

/* %1 .. %9: the text of an earlier capture, again. */
static const char *match_backref(struct matcher *m, const char *s, int digit)
{
    int l = digit - '1';
    size_t len;
    if (l < 0 || l >= m->level || m->cap[l].len == CAP_UNFINISHED)
        luaL_error(m->L, "invalid capture index %%%d", l + 1);
    if (m->cap[l].len < 0)
        return NULL; /* a position capture matches no text */
    len = (size_t)m->cap[l].len;
    step(m, 1 + len / BYTES_PER_WORK);
    if ((size_t)(m->src_end - s) >= len && memcmp(m->cap[l].init, s, len) == 0)
        return s + len;
    return NULL;
}

/* %f[set] at p (pointing at '['): true at a frontier into the set. */
static bool at_frontier(struct matcher *m, const char *s, const char *p, const char **ep)
{
    int prev, cur;
    if (p >= m->pat_end || *p != '[')
        luaL_error(m->L, "missing '[' after '%%f' in pattern");
    *ep = class_end(m, p);
    prev = s == m->src ? '\0' : (unsigned char)s[-1];
    cur = s < m->src_end ? (unsigned char)*s : '\0';
    return !set_matches(prev, p, *ep - 1) && set_matches(cur, p, *ep - 1);
}

/* Match the pattern from p against the subject from s: the end of the
 * match, or NULL. Tail positions loop instead of recursing. */
static const char *match_here(struct matcher *m, const char *s, const char *p)
{
    const char *ep;
    if (m->depth_left-- == 0)
        luaL_error(m->L, "pattern too complex");
    while (s != NULL && p < m->pat_end) {
        step(m, 1);
        if (*p == '(') {
            bool position = p + 1 < m->pat_end && p[1] == ')';
            s = open_capture(m, s, position ? p + 2 : p + 1, position ? CAP_POSITION : CAP_UNFINISHED);
            break;
        }
        if (*p == ')') {
            s = close_capture(m, s, p + 1);
            break;
        }
        if (*p == '$' && p + 1 == m->pat_end) {
            s = s == m->src_end ? s : NULL;
            break;
        }
        if (*p == ESC && p + 1 < m->pat_end) {
            if (p[1] == 'b') {
                s = match_balance(m, s, p + 2);
                p += 4;
                continue;
            }
            if (p[1] == 'f') {
                s = at_frontier(m, s, p + 2, &ep) ? s : NULL;
                p = ep;
                continue;
            }
            if (isdigit((unsigned char)p[1])) {
                s = match_backref(m, s, (unsigned char)p[1]);
                p += 2;
                continue;
            }
        }
        /* a single-character class with an optional quantifier */
        ep = class_end(m, p);
        if (!single_matches(m, s, p, ep)) {
            if (ep < m->pat_end && (*ep == '*' || *ep == '?' || *ep == '-')) {
                p = ep + 1; /* zero repetitions are fine */
                continue;
            }
            s = NULL;
            break;
        }
        switch (ep < m->pat_end ? *ep : '\0') {
        case '?': {
            const char *res = match_here(m, s + 1, ep + 1);
            if (res != NULL) {
                s = res;
                goto done;
            }
            p = ep + 1;
            continue;
        }
        case '+': s = expand_max(m, s + 1, p, ep); goto done;
        case '*': s = expand_max(m, s, p, ep); goto done;
        case '-': s = expand_min(m, s, p, ep); goto done;
        default: s++; p = ep; continue;
        }
    }
done:
    m->depth_left++;
    return s;
}

/* ---- captures --------------------------------------------------------- */

/* Capture i of a match from s to e: its start in *cap and its length, or
 * CAP_POSITION after pushing the position. With no captures, capture 0 is
 * the whole match. */
static ptrdiff_t get_capture(struct matcher *m, int i, const char *s, const char *e, const char **cap)
{
    if (i >= m->level) {
        if (i != 0)
            luaL_error(m->L, "invalid capture index %%%d", i + 1);
        *cap = s;
        return e - s;
    }
    *cap = m->cap[i].init;
    if (m->cap[i].len == CAP_UNFINISHED)
        luaL_error(m->L, "unfinished capture");
    if (m->cap[i].len == CAP_POSITION)
        lua_pushinteger(m->L, (m->cap[i].init - m->src) + 1);
    return m->cap[i].len;
}

static void push_capture(struct matcher *m, int i, const char *s, const char *e)
{
    const char *cap;
    ptrdiff_t len = get_capture(m, i, s, e, &cap);
    if (len != CAP_POSITION)
        lua_pushlstring(m->L, cap, (size_t)len);
}

/* Push all captures (the whole match if none; nothing if s is NULL). */
static int push_captures(struct matcher *m, const char *s, const char *e)
{
    int n = (m->level == 0 && s != NULL) ? 1 : m->level;
    luaL_checkstack(m->L, n, "too many captures");
    for (int i = 0; i < n; i++)
        push_capture(m, i, s, e);
    return n;
}

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
        step(m, 1 + ((size_t)(hit - s) + lp) / BYTES_PER_WORK);
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
            if ((e = match_here(&m, s1, p)) != NULL) {
                matcher_charge(&m);
                if (!find)
                    return push_captures(&m, s1, e);
                lua_pushinteger(L, (s1 - s) + 1);
                lua_pushinteger(L, e - s);
                return push_captures(&m, NULL, NULL) + 2;
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
        if ((e = match_here(&g->m, src, g->pat)) != NULL && e != g->lastmatch) {
            g->pos = g->lastmatch = e;
            matcher_charge(&g->m);
            return push_captures(&g->m, src, e);
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
            len = get_capture(m, *pct - '1', s, e, &cap);
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
        n = push_captures(m, s, e);
        lua_call(L, n, 1);
    } else if (tr == LUA_TTABLE) {
        push_capture(m, 0, s, e);
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
        if ((e = match_here(&m, src, p)) != NULL && e != lastmatch) {
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
