/* scenario_scan.c — the source scanning the lints build on (see
 * scenario_scan.h). Plain C over text: nothing here runs a script. */
#include "scenario_scan.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

static int cmp_str(const void *a, const void *b)
{
    return strcmp(*(const char *const *)a, *(const char *const *)b);
}

void idset_add(idset *s, const char *v, bool copy)
{
    if (!v)
        return;
    if (s->n == s->cap) {
        int ncap = s->cap ? s->cap * 2 : 16;
        /* owned never holds more than v: one capacity for both */
        const char **nv = realloc(s->v, (size_t)ncap * sizeof *nv);
        char **no = realloc(s->owned, (size_t)ncap * sizeof *no);
        if (!nv || !no) {
            if (nv)
                s->v = nv;
            if (no)
                s->owned = no;
            return;
        }
        s->v = nv;
        s->owned = no;
        s->cap = ncap;
    }
    if (copy) {
        char *c = malloc(strlen(v) + 1);
        if (!c)
            return;
        strcpy(c, v);
        s->owned[s->nowned++] = c;
        v = c;
    }
    s->v[s->n++] = v;
}

void idset_sort(idset *s)
{
    if (s->n > 1)
        qsort(s->v, (size_t)s->n, sizeof *s->v, cmp_str);
}

bool idset_has(const idset *s, const char *v)
{
    return s->n > 0 && bsearch(&v, s->v, (size_t)s->n, sizeof *s->v, cmp_str) != NULL;
}

void idset_free(idset *s)
{
    for (int i = 0; i < s->nowned; i++)
        free(s->owned[i]);
    free(s->owned);
    free(s->v);
    memset(s, 0, sizeof *s);
}

/* ---- the source without comments -------------------------------------------------- */

/* Level of a long bracket at p ("[[" 0, "[==[" 2), -1 when none. */
static int long_bracket(const char *p)
{
    if (*p != '[')
        return -1;
    int lv = 0;
    while (p[1 + lv] == '=')
        lv++;
    return p[1 + lv] == '[' ? lv : -1;
}

static const char *long_end(const char *p, int lv)
{
    for (; *p; p++) {
        if (*p != ']')
            continue;
        int k = 0;
        while (p[1 + k] == '=')
            k++;
        if (k == lv && p[1 + k] == ']')
            return p + 2 + k;
    }
    return p;
}

/* A copy of src where every comment is spaces (newlines kept, so lines
 * hold); strings are kept, for the literals the lints read. */
char *scan_strip_comments(const char *src)
{
    /* One space before the text: a match at its start may look at the
     * character before it. Lines are unchanged (no newline added). */
    size_t n = strlen(src);
    char *buf = malloc(n + 2);
    if (!buf)
        return NULL;
    buf[0] = ' ';
    char *out = buf + 1;
    memcpy(out, src, n + 1);
    const char *p = src;
    while (*p) {
        if (*p == '"' || *p == '\'') {
            char q = *p++;
            while (*p && *p != q && *p != '\n')
                p += (*p == '\\' && p[1]) ? 2 : 1;
            p += *p == q;
        } else if (long_bracket(p) >= 0) {
            p = long_end(p + 2 + long_bracket(p), long_bracket(p));
        } else if (p[0] == '-' && p[1] == '-') {
            const char *e;
            int lv = long_bracket(p + 2);
            if (lv >= 0)
                e = long_end(p + 4 + lv, lv);
            else
                for (e = p; *e && *e != '\n'; e++)
                    ;
            for (const char *c = p; c < e; c++)
                if (*c != '\n')
                    out[c - src] = ' ';
            p = e;
        } else
            p++;
    }
    return buf;
}

/* The string literal at p (after spaces), copied into buf; the pointer
 * after it, or NULL when there is no literal there. */
const char *scan_literal(const char *p, char *buf, size_t size)
{
    while (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r')
        p++;
    if (*p != '"' && *p != '\'')
        return NULL;
    char q = *p++;
    size_t n = 0;
    for (; *p && *p != q && *p != '\n'; p++) {
        if (*p == '\\')
            return NULL; /* an escape: not a plain id, leave it alone */
        if (n + 1 < size)
            buf[n++] = *p;
    }
    buf[n] = '\0';
    return *p == q ? p + 1 : NULL;
}

/* The next call of method name (":name(", or Lua's ":name { ... }" and
 * ':name "..."') at or after p; returns where its arguments start (after
 * the "(", or at the "{" or the quote), NULL when none. */
const char *scan_next_call(const char *p, const char *name)
{
    size_t n = strlen(name);
    for (; (p = strstr(p, name)) != NULL; p += n) {
        if (p[-1] != ':' && p[-1] != '.')
            continue;
        const char *q = p + n;
        while (*q == ' ' || *q == '\t')
            q++;
        if (*q == '(')
            return q + 1;
        if (*q == '{' || *q == '"' || *q == '\'')
            return q;
    }
    return NULL;
}

/* The argument after the first of a call (p from next_call): its start,
 * NULL when the first is not a literal followed by a comma. */
const char *scan_second_arg(const char *p)
{
    char buf[SIM_ID_MAX];
    const char *q = scan_literal(p, buf, sizeof buf);
    if (!q)
        return NULL;
    while (*q == ' ' || *q == '\t')
        q++;
    return *q == ',' ? q + 1 : NULL;
}

/* Argument arg (1 or 2) of a call whose arguments start at p. */
static const char *arg_at(const char *p, int arg)
{
    return arg == 1 ? p : scan_second_arg(p);
}

/* One pass over the calls of name: the literal ids given as argument arg
 * (1 or 2), and whether any call computes it. (A second argument after a
 * computed first counts as computed.) */
void scan_collect_args(const char *code, const char *name, int arg, call_args *out)
{
    char buf[SIM_ID_MAX];
    for (const char *p = code; (p = scan_next_call(p, name)) != NULL;) {
        const char *a = arg_at(p, arg);
        if (a && scan_literal(a, buf, sizeof buf))
            idset_add(&out->lits, buf, true);
        else
            out->computed = true;
    }
    idset_sort(&out->lits);
}

/* Ids a script adds at run time: `id = "x"` inside the spec of a call of
 * name (w:add_vuln{...}, w:report{...}), looked for in the first 4 KiB
 * of the spec. */
void scan_collect_added(const char *code, const char *name, idset *out)
{
    for (const char *p = code; (p = scan_next_call(p, name)) != NULL;) {
        const char *end = p;
        while (*end && *end != '}' && end - p < 4096)
            end++;
        for (const char *q = p; (q = strstr(q, "id")) != NULL && q < end; q += 2) {
            const char *r = q + 2;
            while (*r == ' ' || *r == '\t')
                r++;
            char buf[SIM_ID_MAX];
            if (!isalnum((unsigned char)q[-1]) && q[-1] != '_' && *r == '=' && r[1] != '=' &&
                scan_literal(r + 1, buf, sizeof buf))
                idset_add(out, buf, true);
        }
    }
}

