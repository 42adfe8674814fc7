/* scenario_read.c — typed, raw readers for scenario tables, with every
 * problem recorded as a file:line diagnostic.
 *
 * Runs inside a protected call: a memory error may long-jump out of any
 * function here, so nothing here owns memory that is not registered in
 * the reader (reader_str copies into reader-owned storage the caller
 * frees). Table access is raw (lua_rawget, lua_next): a scenario's
 * metamethods never run during validation. */
#include "scenario_read.h"

#include <ctype.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

const char SCRIPT_KEY_LINES = 'L';

void reader_problem(reader *r, int line, const char *fmt, ...)
{
    char buf[400];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(buf, sizeof buf, fmt, ap);
    va_end(ap);
    script_diags_add(r->diags, r->file, line, false, "%s", buf);
}

void reader_nomem(reader *r)
{
    r->oom = true;
    luaL_error(r->L, "out of memory reading the scenario");
    abort(); /* not reached: luaL_error does not return */
}

const char *reader_keep(reader *r, const char *s, size_t len)
{
    if (r->nstrs == r->strs_cap) {
        int ncap = r->strs_cap ? r->strs_cap * 2 : 64;
        char **p = realloc(r->strs, (size_t)ncap * sizeof *p);
        if (!p)
            reader_nomem(r);
        r->strs = p;
        r->strs_cap = ncap;
    }
    char *copy = malloc(len + 1);
    if (!copy)
        reader_nomem(r);
    memcpy(copy, s, len);
    copy[len] = '\0';
    r->strs[r->nstrs++] = copy;
    return copy;
}

void reader_free(reader *r)
{
    for (int i = 0; i < r->nstrs; i++)
        free(r->strs[i]);
    free(r->strs);
    r->strs = NULL;
    r->nstrs = r->strs_cap = 0;
}

/* ---- lines ------------------------------------------------------------------ */

static int line_at(const char *src, size_t off)
{
    int line = 1;
    for (size_t i = 0; i < off; i++)
        line += src[i] == '\n';
    return line;
}

/* The line of `key = "value"` (or 'value') in the source: how a plain
 * table without a constructor call still gets a precise line. */
int reader_find_line(const reader *r, const char *key, const char *value)
{
    return reader_find_line_from(r, key, value, 1);
}

/* The same, at or after line from: the label of this node, not the first
 * node's with the same text. */
int reader_find_line_from(const reader *r, const char *key, const char *value, int from)
{
    if (!r->src || !value || !*value)
        return 0;
    size_t vlen = strlen(value), klen = key ? strlen(key) : 0;
    const char *start = r->src;
    for (int line = 1; *start && line < from; start++)
        line += *start == '\n';
    for (const char *p = start; (p = strstr(p, value)) != NULL; p++) {
        if (p == r->src || (p[-1] != '"' && p[-1] != '\'') || (p[vlen] != p[-1]))
            continue;
        if (!key)
            return line_at(r->src, (size_t)(p - r->src));
        const char *q = p - 2;
        while (q > r->src && (*q == ' ' || *q == '\t'))
            q--;
        if (*q != '=' || q - r->src < (long)klen)
            continue;
        q--;
        while (q > r->src && (*q == ' ' || *q == '\t'))
            q--;
        if (q + 1 - (long)klen >= r->src && strncmp(q + 1 - klen, key, klen) == 0)
            return line_at(r->src, (size_t)(p - r->src));
    }
    return 0;
}

/* The line where `key =` is first written at or after line from (the
 * line of the table that holds it), or from when it cannot be found: a
 * problem with a field points at the field, not at the `scenario {` that
 * may be a hundred lines above it. */
int reader_key_line(const reader *r, const char *key, int from)
{
    if (!r->src || !key || !*key)
        return from;
    size_t klen = strlen(key);
    int line = 1;
    const char *p = r->src;
    for (; *p && line < from; p++)
        line += *p == '\n';
    for (; *p; p++) {
        if (*p == '\n') {
            line++;
            continue;
        }
        if (strncmp(p, key, klen) != 0)
            continue;
        if (p > r->src && (isalnum((unsigned char)p[-1]) || p[-1] == '_' || p[-1] == '.'))
            continue;
        const char *q = p + klen;
        q += strspn(q, " \t");
        if (q[0] == '=' && q[1] != '=')
            return line;
    }
    return from;
}

int reader_line(reader *r, lua_State *L, int t, const char *id, int fallback)
{
    t = lua_absindex(L, t);
    lua_rawgetp(L, LUA_REGISTRYINDEX, &SCRIPT_KEY_LINES);
    if (lua_istable(L, -1)) {
        lua_pushvalue(L, t);
        lua_rawget(L, -2);
        if (lua_isinteger(L, -1)) {
            int line = (int)lua_tointeger(L, -1);
            lua_pop(L, 2);
            return line;
        }
        lua_pop(L, 1);
    }
    lua_pop(L, 1);
    int line = reader_find_line(r, "id", id);
    return line ? line : fallback;
}

/* ---- keys --------------------------------------------------------------------- */

static int cmp_str(const void *a, const void *b)
{
    return strcmp(*(const char *const *)a, *(const char *const *)b);
}

void reader_check_keys(reader *r, lua_State *L, int t, const char *const *allowed,
                       const char *what, int line)
{
    t = lua_absindex(L, t);
    const char *unknown[32];
    int n = 0, array_items = 0;
    lua_pushnil(L);
    while (lua_next(L, t)) {
        lua_pop(L, 1);
        if (lua_type(L, -1) != LUA_TSTRING) {
            array_items++;
            continue;
        }
        const char *k = lua_tostring(L, -1);
        bool ok = false;
        for (int i = 0; allowed[i] && !ok; i++)
            ok = strcmp(allowed[i], k) == 0;
        if (!ok && n < 32)
            unknown[n++] = reader_keep(r, k, strlen(k));
    }
    if (array_items)
        reader_problem(r, line, "%s: unexpected list items; use named fields (%s = ...)", what,
                       allowed[0]);
    qsort(unknown, (size_t)n, sizeof unknown[0], cmp_str); /* lua_next has no fixed order */
    for (int i = 0; i < n; i++) {
        if (!unknown[i])
            continue;
        const char *near = bw_closest(unknown[i], allowed);
        int at = reader_key_line(r, unknown[i], line);
        if (near)
            reader_problem(r, at, "%s: unknown field '%s' (did you mean '%s'?)", what,
                           unknown[i], near);
        else
            reader_problem(r, at, "%s: unknown field '%s'", what, unknown[i]);
    }
}

/* ---- typed fields ------------------------------------------------------------- */

static const char *type_name(lua_State *L, int idx)
{
    return lua_typename(L, lua_type(L, idx));
}

int reader_get(lua_State *L, int t, const char *key)
{
    t = lua_absindex(L, t);
    lua_pushstring(L, key);
    return lua_rawget(L, t);
}

const char *reader_str(reader *r, lua_State *L, int t, const char *key, const char *what,
                       int line, bool required, size_t max_len)
{
    int ty = reader_get(L, t, key);
    const char *out = NULL;
    if (ty == LUA_TNIL) {
        if (required)
            reader_problem(r, line, "%s: missing '%s'", what, key);
    } else if (ty != LUA_TSTRING) {
        reader_problem(r, reader_key_line(r, key, line), "%s: '%s' must be a string, not a %s", what, key,
                       type_name(L, -1));
    } else {
        size_t len;
        const char *s = lua_tolstring(L, -1, &len);
        size_t bad = 0;
        if (len > max_len)
            reader_problem(r, reader_key_line(r, key, line),
                           "%s: '%s' is %zu bytes long; the limit is %zu", what, key, len, max_len);
        else if (memchr(s, '\0', len))
            reader_problem(r, reader_key_line(r, key, line),
                           "%s: '%s' holds a NUL byte (at byte %zu), which would cut it short", what, key,
                           (size_t)((const char *)memchr(s, '\0', len) - s) + 1);
        else if (!bw_utf8_valid(s, len, &bad))
            reader_problem(r, reader_key_line(r, key, line),
                           "%s: '%s' is not valid UTF-8 (at byte %zu); save the file as UTF-8", what,
                           key, bad + 1);
        else if (required && len == 0)
            reader_problem(r, reader_key_line(r, key, line), "%s: '%s' is empty", what, key);
        else
            out = reader_keep(r, s, len);
    }
    lua_pop(L, 1);
    return out;
}

bool reader_num(reader *r, lua_State *L, int t, const char *key, const char *what, int line,
                double min, double max, double *out, bool required)
{
    int ty = reader_get(L, t, key);
    bool ok = false;
    if (ty == LUA_TNIL) {
        if (required)
            reader_problem(r, line, "%s: missing '%s'", what, key);
    } else if (ty != LUA_TNUMBER) {
        reader_problem(r, reader_key_line(r, key, line), "%s: '%s' must be a number, not a %s", what, key,
                       type_name(L, -1));
    } else {
        double v = lua_tonumber(L, -1);
        if (isnan(v)) /* printf spells it "nan" or "-nan" by platform */
            reader_problem(r, reader_key_line(r, key, line), "%s: '%s' is not a number (NaN); it must be within %.10g..%.10g",
                           what, key, min, max);
        else if (v < min || v > max)
            reader_problem(r, reader_key_line(r, key, line), "%s: '%s' is %.10g; it must be within %.10g..%.10g",
                           what, key, v, min, max);
        else {
            *out = v;
            ok = true;
        }
    }
    lua_pop(L, 1);
    return ok;
}

bool reader_int(reader *r, lua_State *L, int t, const char *key, const char *what, int line,
                long min, long max, int *out, bool required)
{
    double v;
    if (!reader_num(r, L, t, key, what, line, (double)min, (double)max, &v, required))
        return false;
    if (v != floor(v)) {
        reader_problem(r, reader_key_line(r, key, line), "%s: '%s' must be a whole number, not %.10g", what,
                       key, v);
        return false;
    }
    *out = (int)v;
    return true;
}

bool reader_bool(reader *r, lua_State *L, int t, const char *key, const char *what, int line,
                 bool def)
{
    int ty = reader_get(L, t, key);
    bool v = def;
    if (ty == LUA_TBOOLEAN)
        v = lua_toboolean(L, -1);
    else if (ty != LUA_TNIL)
        reader_problem(r, reader_key_line(r, key, line), "%s: '%s' must be true or false, not a %s", what,
                       key, type_name(L, -1));
    lua_pop(L, 1);
    return v;
}

/* Pushes the list under key (or nil) and returns its length; problems
 * when it is not a list. Pops nothing: the caller pops. */
int reader_list(reader *r, lua_State *L, int t, const char *key, const char *what, int line,
                int max)
{
    int ty = reader_get(L, t, key);
    if (ty == LUA_TNIL)
        return 0;
    if (ty != LUA_TTABLE) {
        reader_problem(r, line, "%s: '%s' must be a list, not a %s", what, key, type_name(L, -1));
        return 0;
    }
    lua_Unsigned n = lua_rawlen(L, -1);
    if (n > (lua_Unsigned)max) {
        reader_problem(r, line, "%s: '%s' has %llu items; the limit is %d", what, key,
                       (unsigned long long)n, max);
        return 0;
    }
    return (int)n;
}

/* The enum name at the top of the stack: string within names. */
int reader_enum(reader *r, lua_State *L, int idx, const char *const *names, int (*parse)(const char *),
                const char *what, const char *field, int line)
{
    if (lua_type(L, idx) != LUA_TSTRING) {
        reader_problem(r, line, "%s: '%s' must be a string, not a %s", what, field,
                       type_name(L, idx));
        return -1;
    }
    const char *s = lua_tostring(L, idx);
    int v = parse(s);
    if (v >= 0)
        return v;
    const char *near = bw_closest(s, names);
    if (near)
        reader_problem(r, line, "%s: unknown %s '%s' (did you mean '%s'?)", what, field, s, near);
    else {
        char list[300] = "";
        for (int i = 0; names[i]; i++) {
            strncat(list, i ? ", " : "", sizeof list - strlen(list) - 1);
            strncat(list, names[i], sizeof list - strlen(list) - 1);
        }
        reader_problem(r, line, "%s: unknown %s '%s' (one of: %s)", what, field, s, list);
    }
    return -1;
}

bool reader_valid_id(reader *r, const char *id, const char *what, int line)
{
    if (!id)
        return false;
    size_t n = strlen(id);
    if (n >= SIM_ID_MAX) {
        reader_problem(r, line, "%s: id '%.20s...' is longer than %d characters", what, id,
                       SIM_ID_MAX - 1);
        return false;
    }
    for (size_t i = 0; i < n; i++) {
        char c = id[i];
        if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
              c == '-' || c == '_' || c == '.')) {
            reader_problem(r, line, "%s: id '%s' may hold only letters, digits, '-', '_' and '.'",
                           what, id);
            return false;
        }
    }
    return true;
}
