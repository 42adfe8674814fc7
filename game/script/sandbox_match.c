/* sandbox_match.c — a Lua pattern matcher that pays for its backtracking.
 *
 * Lua's string.find/match/gmatch/gsub run their matcher inside one C call
 * where the count hook never fires, and a pattern such as ".-.-.-.-b"
 * backtracks in polynomial time: find(("a"):rep(5e5), ".-.-.-.-.-.-.-b")
 * runs for hours. These functions implement the same pattern language
 * (Lua 5.4 manual, section 6.4.1) and count every matcher step against the
 * call's instruction budget, so such a pattern trips the instruction limit
 * like an endless loop does (sandbox_string.c builds find, match, gmatch
 * and gsub on it). The algorithm is the recursive backtracking
 * matcher of Lua's lstrlib.c (Roberto Ierusalimschy, Luiz Henrique de
 * Figueiredo, Waldemar Celes; MIT licence, Copyright (C) 1994-2022 Lua.org,
 * PUC-Rio), rewritten here with a step counter.
 *
 * What it must never do: loop over the subject without counting steps;
 * read past a string's end (patterns may contain '\0'). */
#include "sandbox_internal.h"

#include <ctype.h>
#include <string.h>

/* ---- step accounting -------------------------------------------------- */

/* Take the budget left in this call as the step limit. */
void matcher_refresh(struct matcher *m)
{
    m->steps = 0;
    m->step_limit = sandbox_work_left(sandbox_of(m->L));
}

/* Charge the steps taken since the last refresh; may trip and raise. */
void matcher_charge(struct matcher *m)
{
    uint64_t steps = m->steps;
    m->steps = 0;
    sandbox_charge(m->L, steps);
    m->step_limit = sandbox_work_left(sandbox_of(m->L));
}

void matcher_step(struct matcher *m, uint64_t n)
{
    m->steps += n;
    if (m->steps > m->step_limit) {
        matcher_charge(m); /* over the budget: trips and raises */
        luaL_error(m->L, "pattern too complex");
    }
}

void matcher_init(struct matcher *m, lua_State *L, const char *s, size_t ls, const char *p,
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

void matcher_restart(struct matcher *m)
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
    case 'z': res = c == 0; break; /* deprecated in Lua 5.2, still in 5.4 */
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
    matcher_step(m, 1);
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


static const char *expand_max(struct matcher *m, const char *s, const char *p, const char *ep)
{
    ptrdiff_t i = 0;
    while (single_matches(m, s + i, p, ep))
        i++;
    for (; i >= 0; i--) { /* try the longest run first */
        const char *res = matcher_match(m, s + i, ep + 1);
        if (res != NULL)
            return res;
    }
    return NULL;
}

static const char *expand_min(struct matcher *m, const char *s, const char *p, const char *ep)
{
    for (;;) {
        const char *res = matcher_match(m, s, ep + 1);
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
    res = matcher_match(m, s, p);
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
    res = matcher_match(m, s, p);
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
        matcher_step(m, 1);
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
    matcher_step(m, 1 + len / BYTES_PER_WORK);
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
const char *matcher_match(struct matcher *m, const char *s, const char *p)
{
    const char *ep;
    if (m->depth_left-- == 0)
        luaL_error(m->L, "pattern too complex");
    while (s != NULL && p < m->pat_end) {
        matcher_step(m, 1);
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
            const char *res = matcher_match(m, s + 1, ep + 1);
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
ptrdiff_t matcher_capture(struct matcher *m, int i, const char *s, const char *e, const char **cap)
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

void matcher_push_capture(struct matcher *m, int i, const char *s, const char *e)
{
    const char *cap;
    ptrdiff_t len = matcher_capture(m, i, s, e, &cap);
    if (len != CAP_POSITION)
        lua_pushlstring(m->L, cap, (size_t)len);
}

/* Push all captures (the whole match if none; nothing if s is NULL). */
int matcher_push_captures(struct matcher *m, const char *s, const char *e)
{
    int n = (m->level == 0 && s != NULL) ? 1 : m->level;
    luaL_checkstack(m->L, n, "too many captures");
    for (int i = 0; i < n; i++)
        matcher_push_capture(m, i, s, e);
    return n;
}
