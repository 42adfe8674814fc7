/* scenario_lint.c — the lints of `bulwark check`: a scenario that loads
 * may still say something it does not mean (an asset no attacker can
 * reach, an action no node accepts, a label the map cuts). Each finding
 * is a warning "file:line: warning: ... [name]"; `check --werror` makes
 * them errors, and `lint = { ignore = { "name" } }` silences a name for a
 * scenario that means it (scripts/API.md, "Lints").
 *
 * Plain C over the sim_def the loader built and over the source text: the
 * scripts' calls are read, never run, so a finding about a script is about
 * a literal written in it (w:node("db")), and a call whose argument is
 * computed turns the lint that depends on it off rather than guess. */
#include "scenario_scan.h"

#include "bulwark/text_fit.h"

#include <ctype.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

static const char *const lint_names[] = {
    "unreachable-objective", "after-end", "unreachable-asset", "action-no-target",
    "text-too-long",         "unused",    "unknown-id",        NULL,
};

/* ---- lint = { ignore = { ... } } ----------------------------------------------- */

void lint_read(build *b, lua_State *L, int t)
{
    static const char *const keys[] = { "ignore", NULL };
    int line = reader_key_line(&b->r, "lint", b->scenario_line);
    int ty = reader_get(L, t, "lint");
    if (ty != LUA_TTABLE) {
        if (ty != LUA_TNIL)
            reader_problem(&b->r, line, "scenario: 'lint' must be a table like { ignore = { \"unused\" } }");
        lua_pop(L, 1);
        return;
    }
    int lt = lua_gettop(L);
    reader_check_keys(&b->r, L, lt, keys, "lint", line);
    int n = reader_list(&b->r, L, lt, "ignore", "lint", line, 16);
    for (int i = 1; i <= n; i++) {
        lua_rawgeti(L, -1, i);
        const char *name = lua_type(L, -1) == LUA_TSTRING ? lua_tostring(L, -1) : NULL;
        int known = -1;
        for (int k = 0; name && lint_names[k]; k++)
            if (strcmp(name, lint_names[k]) == 0)
                known = k;
        if (!name)
            reader_problem(&b->r, line, "lint.ignore: item %d must be a lint's name", i);
        else if (known < 0) {
            const char *near = bw_closest(name, lint_names);
            int at = reader_find_line(&b->r, NULL, name);
            reader_problem(&b->r, at ? at : line, "lint.ignore: no lint '%s'%s%s%s", name,
                           near ? " (did you mean '" : "", near ? near : "", near ? "'?)" : "");
        } else if (b->lint_ignore_count < 16)
            b->lint_ignore[b->lint_ignore_count++] = lint_names[known];
        lua_pop(L, 1);
    }
    lua_pop(L, 2);
}

/* ---- reporting ------------------------------------------------------------------- */

typedef struct lint {
    build *b;
    const sim_def *d;
    char *code;      /* the source with its comments blanked (lines kept) */
    int end;         /* the tick the game ends at */
    int *line_starts; int nlines; /* offsets in code of each line's start */
    idset ids[5];    /* by id_kind: nodes, vulns, actors, objectives, reports */
    int *node_order; /* node indices sorted by id */
    call_args compromise_node, compromise_actor, activate;
} lint;

static void warn(lint *l, const char *name, int line, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 4, 5)))
#endif
    ;

static void warn(lint *l, const char *name, int line, const char *fmt, ...)
{
    for (int i = 0; i < l->b->lint_ignore_count; i++)
        if (strcmp(l->b->lint_ignore[i], name) == 0)
            return;
    char msg[360];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    script_diags_add(l->b->r.diags, l->b->r.file, line, true, "%s [%s]", msg, name);
}

/* The line of a position in l->code (binary search over line starts). */
static int line_at(const lint *l, const char *at)
{
    long off = (long)(at - l->code);
    int lo = 0, hi = l->nlines - 1;
    while (lo < hi) {
        int mid = (lo + hi + 1) / 2;
        if (l->line_starts[mid] <= off)
            lo = mid;
        else
            hi = mid - 1;
    }
    return lo + 1;
}

static bool index_lines(lint *l)
{
    int n = 1;
    for (const char *p = l->code; *p; p++)
        n += *p == '\n';
    l->line_starts = malloc((size_t)n * sizeof *l->line_starts);
    if (!l->line_starts)
        return false;
    l->line_starts[0] = 0;
    l->nlines = 1;
    for (const char *p = l->code; *p; p++)
        if (*p == '\n')
            l->line_starts[l->nlines++] = (int)(p + 1 - l->code);
    return true;
}

/* ---- ids ------------------------------------------------------------------------- */

typedef enum { ID_NODE, ID_VULN, ID_ACTOR, ID_OBJECTIVE, ID_REPORT, ID_KINDS } id_kind;

static const sim_def *sort_def; /* qsort has no context argument */

static int cmp_node(const void *a, const void *b)
{
    const char *x = sort_def->nodes[*(const int *)a].id, *y = sort_def->nodes[*(const int *)b].id;
    return strcmp(x ? x : "", y ? y : "");
}

static int node_index(const lint *l, const char *id)
{
    const sim_def *d = l->d;
    int lo = 0, hi = (int)d->node_count - 1;
    while (id && l->node_order && lo <= hi) {
        int mid = (lo + hi) / 2;
        const char *x = d->nodes[l->node_order[mid]].id;
        int c = strcmp(id, x ? x : "");
        if (c == 0)
            return l->node_order[mid];
        if (c < 0)
            hi = mid - 1;
        else
            lo = mid + 1;
    }
    return -1;
}

static bool index_ids(lint *l)
{
    const sim_def *d = l->d;
    for (size_t i = 0; i < d->node_count; i++)
        idset_add(&l->ids[ID_NODE], d->nodes[i].id, false);
    for (size_t i = 0; i < d->vuln_count; i++)
        idset_add(&l->ids[ID_VULN], d->vulns[i].id, false);
    for (size_t i = 0; i < d->actor_count; i++)
        idset_add(&l->ids[ID_ACTOR], d->actors[i].id, false);
    for (size_t i = 0; i < d->objective_count; i++)
        idset_add(&l->ids[ID_OBJECTIVE], d->objectives[i].id, false);
    for (size_t i = 0; i < d->report_count; i++)
        idset_add(&l->ids[ID_REPORT], d->reports[i].id, false);
    scan_collect_added(l->code, "add_vuln", &l->ids[ID_VULN]);
    scan_collect_added(l->code, "report", &l->ids[ID_REPORT]);
    for (int k = 0; k < ID_KINDS; k++)
        idset_sort(&l->ids[k]);
    scan_collect_args(l->code, "compromise", 1, &l->compromise_node);
    scan_collect_args(l->code, "compromise", 2, &l->compromise_actor);
    scan_collect_args(l->code, "activate", 1, &l->activate);
    l->node_order = malloc((d->node_count ? d->node_count : 1) * sizeof *l->node_order);
    if (!l->node_order)
        return false;
    for (size_t i = 0; i < d->node_count; i++)
        l->node_order[i] = (int)i;
    sort_def = d;
    qsort(l->node_order, d->node_count, sizeof *l->node_order, cmp_node);
    return true;
}

static bool id_known(const lint *l, id_kind k, const char *id, const char **near)
{
    if (idset_has(&l->ids[k], id))
        return true;
    const char *names[257];
    int n = 0;
    const sim_def *d = l->d;
    size_t count = k == ID_NODE ? d->node_count : k == ID_VULN ? d->vuln_count
                 : k == ID_ACTOR ? d->actor_count : k == ID_REPORT ? d->report_count
                                                                : d->objective_count;
    for (size_t i = 0; i < count && n < 256; i++) {
        const char *x = k == ID_NODE ? d->nodes[i].id : k == ID_VULN ? d->vulns[i].id
                      : k == ID_ACTOR ? d->actors[i].id : k == ID_REPORT ? d->reports[i].id
                                                                       : d->objectives[i].id;
        if (x)
            names[n++] = x;
    }
    names[n] = NULL;
    *near = bw_closest(id, names);
    return false;
}

static void warn_unknown(lint *l, const char *at, const char *call, id_kind k, const char *what,
                         const char *id)
{
    const char *near = NULL;
    if (!id_known(l, k, id, &near))
        warn(l, "unknown-id", line_at(l, at), "w:%s: no %s '%s'%s%s%s", call, what, id,
             near ? " (did you mean '" : "", near ? near : "", near ? "'?)" : "");
}

/* The position after the string literal at p (after spaces), escapes and
 * all: a message's text may be longer than an id and say "\n". NULL
 * when there is no whole literal there. */
static const char *skip_literal(const char *p)
{
    while (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r')
        p++;
    if (*p != '"' && *p != '\'')
        return NULL;
    char q = *p++;
    while (*p && *p != q && *p != '\n')
        p += (*p == '\\' && p[1]) ? 2 : 1;
    return *p == q ? p + 1 : NULL;
}

/* The literal `field = "x"` in the spec of a call (w:add_vuln{ node = "db" }),
 * looked for up to the spec's first '}' as scan_collect_added does. */
static bool spec_field(const char *p, const char *field, char *buf, size_t size)
{
    while (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r')
        p++;
    if (*p != '{')
        return false;
    size_t n = strlen(field);
    for (const char *q = p + 1; *q && *q != '}' && q - p < 4096; q++) {
        if (strncmp(q, field, n) != 0 || isalnum((unsigned char)q[-1]) || q[-1] == '_')
            continue;
        const char *r = q + n;
        while (*r == ' ' || *r == '\t')
            r++;
        if (*r == '=' && r[1] != '=' && scan_literal(r + 1, buf, size))
            return true;
    }
    return false;
}

/* w:node("db"), w:activate("crew"), ...: the literal ids the scripts name. */
static void lint_ids(lint *l)
{
    static const struct {
        const char *method;
        id_kind kind;
        const char *what;
    } calls[] = {
        { "node", ID_NODE, "node" },          { "has_control", ID_NODE, "node" },
        { "compromise", ID_NODE, "node" },    { "vuln", ID_VULN, "vulnerability" },
        { "release_fix", ID_VULN, "vulnerability" }, { "make_public", ID_VULN, "vulnerability" },
        { "reveal", ID_VULN, "vulnerability" }, { "actor", ID_ACTOR, "actor" },
        { "activate", ID_ACTOR, "actor" },    { "indicator", ID_ACTOR, "actor" },
        { "objective", ID_OBJECTIVE, "objective" },
    };
    const char *src = l->code;
    for (size_t c = 0; c < sizeof calls / sizeof calls[0]; c++) {
        for (const char *p = src; (p = scan_next_call(p, calls[c].method)) != NULL;) {
            char id[SIM_ID_MAX];
            const char *after = scan_literal(p, id, sizeof id);
            if (!after)
                continue;
            const char *near = NULL;
            if (!id_known(l, calls[c].kind, id, &near))
                warn(l, "unknown-id", line_at(l, p), "w:%s: no %s '%s'%s%s%s", calls[c].method,
                     calls[c].what, id, near ? " (did you mean '" : "", near ? near : "",
                     near ? "'?)" : "");
            /* w:compromise(node, actor): the second is an actor */
            const char *q = after;
            while (*q == ' ' || *q == '\t')
                q++;
            if (strcmp(calls[c].method, "compromise") == 0 && *q == ',' &&
                scan_literal(q + 1, id, sizeof id) && !id_known(l, ID_ACTOR, id, &near))
                warn(l, "unknown-id", line_at(l, p), "w:compromise: no actor '%s'%s%s%s", id,
                     near ? " (did you mean '" : "", near ? near : "", near ? "'?)" : "");
        }
    }
    /* w:message(text, node): the node after a literal text (the game stops
     * at run time on an unknown one) */
    for (const char *p = src; (p = scan_next_call(p, "message")) != NULL;) {
        const char *q = skip_literal(p);
        char id[SIM_ID_MAX];
        while (q && (*q == ' ' || *q == '\t'))
            q++;
        if (q && *q == ',' && scan_literal(q + 1, id, sizeof id))
            warn_unknown(l, p, "message", ID_NODE, "node", id);
    }
    /* the ids a spec names: w:add_vuln{ node = "db" }, w:report{ vuln = "V-1" } */
    for (const char *p = src; (p = scan_next_call(p, "add_vuln")) != NULL;) {
        char id[SIM_ID_MAX];
        if (spec_field(p, "node", id, sizeof id))
            warn_unknown(l, p, "add_vuln", ID_NODE, "node", id);
    }
    for (const char *p = src; (p = scan_next_call(p, "report")) != NULL;) {
        char id[SIM_ID_MAX];
        if (spec_field(p, "vuln", id, sizeof id))
            warn_unknown(l, p, "report", ID_VULN, "vulnerability", id);
    }
    /* w:adjust("capacity", ...) and w:has_control(node, "mfa"): names the
     * engine defines, each an error at run time when misspelt */
    for (const char *p = src; (p = scan_next_call(p, "adjust")) != NULL;) {
        char name[32];
        if (!scan_literal(p, name, sizeof name))
            continue;
        const char *pillars[SIM_PILLAR_COUNT + 1];
        bool ok = false;
        for (int k = 0; k < SIM_PILLAR_COUNT; k++)
            ok |= strcmp(pillars[k] = sim_pillar_name((sim_pillar)k), name) == 0;
        pillars[SIM_PILLAR_COUNT] = NULL;
        const char *near = bw_closest(name, pillars);
        if (!ok)
            warn(l, "unknown-id", line_at(l, p), "w:adjust: no pillar '%s'%s%s%s", name,
                 near ? " (did you mean '" : "", near ? near : "", near ? "'?)" : "");
    }
    for (const char *p = src; (p = scan_next_call(p, "has_control")) != NULL;) {
        const char *q = scan_second_arg(p);
        char name[32];
        if (!q || !scan_literal(q, name, sizeof name))
            continue;
        const char *controls[SIM_CONTROL_COUNT + 1];
        for (int k = 0; k < SIM_CONTROL_COUNT; k++)
            controls[k] = sim_control_name(1u << k);
        controls[SIM_CONTROL_COUNT] = NULL;
        const char *near = bw_closest(name, controls);
        if (sim_control_parse(name) <= 0)
            warn(l, "unknown-id", line_at(l, p), "w:has_control: no control '%s'%s%s%s", name,
                 near ? " (did you mean '" : "", near ? near : "", near ? "'?)" : "");
    }
    /* states, pillars and tallies: names the engine defines */
    for (const char *p = src; (p = strstr(p, "state")) != NULL; p += 5) {
        const char *q = p + 5;
        while (*q == ' ' || *q == '\t')
            q++;
        char st[32];
        if ((q[0] != '=' && q[0] != '~') || q[1] != '=' || !scan_literal(q + 2, st, sizeof st))
            continue;
        const char *states[SIM_STATE_COUNT + 1];
        bool ok = false;
        for (int s = 0; s < SIM_STATE_COUNT; s++) {
            states[s] = sim_state_name((sim_node_state)s);
            ok |= strcmp(states[s], st) == 0;
        }
        states[SIM_STATE_COUNT] = NULL;
        const char *near = bw_closest(st, states);
        if (!ok)
            warn(l, "unknown-id", line_at(l, p), "no node state '%s'%s%s%s: it is never true", st,
                 near ? " (did you mean '" : "", near ? near : "", near ? "'?)" : "");
    }
    for (const char *p = src; (p = strstr(p, "tally()")) != NULL; p += 7) {
        if (p[7] != '.')
            continue;
        char f[48];
        size_t n = 0;
        for (const char *q = p + 8; (isalnum((unsigned char)*q) || *q == '_') && n + 1 < sizeof f; q++)
            f[n++] = *q;
        f[n] = '\0';
        const char *names[32];
        int k = 0;
        bool ok = false;
        for (const char *x; k < 31 && (x = script_tally_name(k)) != NULL; k++) {
            names[k] = x;
            ok |= strcmp(x, f) == 0;
        }
        names[k] = NULL;
        const char *near = bw_closest(f, names);
        if (!ok && n)
            warn(l, "unknown-id", line_at(l, p), "w:tally() has no counter '%s'%s%s%s", f,
                 near ? " (did you mean '" : "", near ? near : "", near ? "'?)" : "");
    }
}

/* ---- time ------------------------------------------------------------------------- */

/* Is the expression at p the value of an actor's `from`, an event's `at`,
 * a report's `at` or a weakness's `appears`? Those have checks of their
 * own that know their meaning (an actor past the end that a script
 * activates is a dormant actor, not a mistake; an event, report or
 * weakness past the end is an error of the loader). */
static bool field_value(const char *src, const char *p)
{
    const char *q = p - 1;
    while (q > src && (*q == ' ' || *q == '\t'))
        q--;
    if (*q != '=' || q[-1] == '=' || q[-1] == '~' || q[-1] == '<' || q[-1] == '>')
        return false;
    q--;
    while (q > src && (*q == ' ' || *q == '\t'))
        q--;
    static const char *const fields[] = { "from", "at", "appears" };
    for (size_t i = 0; i < sizeof fields / sizeof fields[0]; i++) {
        size_t n = strlen(fields[i]);
        if (q + 1 - n > src && strncmp(q + 1 - n, fields[i], n) == 0 &&
            !isalnum((unsigned char)q[-(long)n]) && q[-(long)n] != '_')
            return true;
    }
    return false;
}

/* day(n) and w:day() compared with a number beyond the last day. */
static void lint_days(lint *l)
{
    const char *src = l->code;
    int days = l->d->days;
    for (const char *p = src; (p = strstr(p, "day")) != NULL; p += 3) {
        bool word_start = p == src || (!isalnum((unsigned char)p[-1]) && p[-1] != '_');
        const char *q = p + 3;
        if (!word_start || *q != '(')
            continue;
        bool method = p > src && (p[-1] == ':' || p[-1] == '.');
        q++;
        while (*q == ' ')
            q++;
        if (!method) { /* the helper day(n): the tick day n starts */
            if (!isdigit((unsigned char)*q) || field_value(src, p))
                continue;
            long n = strtol(q, NULL, 10);
            if (n > days)
                warn(l, "after-end", line_at(l, p),
                     "day(%ld) is after the scenario ends (it has %d day%s)", n, days,
                     days == 1 ? "" : "s");
            continue;
        }
        if (*q != ')')
            continue;
        q++;
        while (*q == ' ')
            q++;
        const char *op = q;
        int oplen = (q[0] == '>' || q[0] == '=') && q[1] == '=' ? 2 : q[0] == '>' ? 1 : 0;
        q += oplen;
        while (*q == ' ')
            q++;
        if (!oplen || !isdigit((unsigned char)*q))
            continue;
        long n = strtol(q, NULL, 10);
        if (n > days || (op[0] == '>' && oplen == 1 && n >= days))
            warn(l, "after-end", line_at(l, p),
                 "w:day() %.*s %ld is never true: the scenario ends after day %d", oplen, op, n,
                 days);
    }
}

/* ---- who can reach what ------------------------------------------------------------- */

static bool actor_ever_active(const lint *l, int a)
{
    const sim_actor_def *ad = &l->d->actors[a];
    return ad->active_from < l->end || idset_has(&l->activate.lits, ad->id) ||
           l->activate.computed;
}

/* Can actor a get a foothold on node (flood 0: by a technique that
 * plants one), or act on it at all (flood 1: a flood counts)? */
static bool actor_gets_in(const lint *l, int a, int node, bool flood)
{
    for (int t = 0; t < SIM_TECHNIQUE_COUNT; t++)
        if ((l->d->actors[a].techniques & (1u << t)) && (flood || t != SIM_T1498) &&
            sim_access_fits((sim_technique)t, &l->d->nodes[node]))
            return true;
    return false;
}

static void lint_reach(lint *l)
{
    const sim_def *d = l->d;
    int n = (int)d->node_count;
    if (n == 0)
        return;
    bool *reach = calloc((size_t)n, sizeof *reach);
    int *queue = malloc((size_t)n * sizeof *queue);
    if (!reach || !queue) {
        free(reach);
        free(queue);
        return;
    }
    int head = 0, tail = 0;
    for (size_t a = 0; a < d->actor_count; a++) {
        bool active = actor_ever_active(l, (int)a), any = false;
        for (int i = 0; i < n; i++) {
            bool in = actor_gets_in(l, (int)a, i, false);
            any |= in || actor_gets_in(l, (int)a, i, true);
            if (in && active && !reach[i]) {
                reach[i] = true;
                queue[tail++] = i;
            }
        }
        if (!active)
            warn(l, "unused", l->b->actor_lines[a],
                 "actor '%s' becomes active at tick %d, after the scenario ends: it never acts",
                 d->actors[a].id, d->actors[a].active_from);
        else if (!any && !idset_has(&l->compromise_actor.lits, d->actors[a].id) &&
                 !l->compromise_actor.computed)
            warn(l, "unused", l->b->actor_lines[a],
                 "actor '%s' has no way in: none of its initial-access techniques fits a node here",
                 d->actors[a].id);
    }
    /* a foothold a script plants */
    bool planted_anywhere = l->compromise_node.computed;
    for (int i = 0; i < n; i++)
        if (!reach[i] && idset_has(&l->compromise_node.lits, d->nodes[i].id)) {
            reach[i] = true;
            queue[tail++] = i;
        }
    /* the links as adjacency lists (from -> to), built once */
    int m = (int)d->link_count;
    int *first = calloc((size_t)n + 1, sizeof *first);
    int *to = malloc((size_t)(m ? m : 1) * sizeof *to);
    int *ends = malloc((size_t)(m ? m : 1) * 2 * sizeof *ends);
    for (int k = 0; first && to && ends && k < m; k++) {
        ends[2 * k] = node_index(l, d->links[k].from);
        ends[2 * k + 1] = node_index(l, d->links[k].to);
        if (ends[2 * k] >= 0 && ends[2 * k + 1] >= 0)
            first[ends[2 * k] + 1]++;
    }
    for (int i = 0; first && i < n; i++)
        first[i + 1] += first[i];
    for (int k = 0, *fill = first && to && ends ? calloc((size_t)n, sizeof *fill) : NULL;
         fill && k <= m; k++) {
        if (k == m) {
            free(fill);
            break;
        }
        if (ends[2 * k] >= 0 && ends[2 * k + 1] >= 0)
            to[first[ends[2 * k]] + fill[ends[2 * k]]++] = ends[2 * k + 1];
    }
    while (first && to && ends && head < tail) {
        int from = queue[head++];
        for (int k = first[from]; k < first[from + 1]; k++)
            if (!reach[to[k]]) {
                reach[to[k]] = true;
                queue[tail++] = to[k];
            }
    }
    if (!first || !to || !ends)
        planted_anywhere = true; /* out of memory: say nothing rather than guess */
    free(first);
    free(to);
    free(ends);
    for (int i = 0; i < n && !planted_anywhere; i++) {
        if (reach[i] || d->nodes[i].value <= 0)
            continue;
        bool protected = false;
        for (size_t o = 0; o < d->objective_count; o++)
            protected |= d->objectives[o].kind == SIM_OBJ_NODE_NEVER_LOST &&
                         strcmp(d->objectives[o].target, d->nodes[i].id) == 0;
        if (!protected)
            warn(l, "unreachable-asset", l->b->node_lines[i],
                 "node '%s' (value %d) is out of every attacker's reach and no objective "
                 "protects it: nothing puts it at stake",
                 d->nodes[i].id, d->nodes[i].value);
    }
    free(reach);
    free(queue);
}

/* ---- actions --------------------------------------------------------------------- */

static const char *needs(sim_action_kind k)
{
    switch (k) {
    case SIM_ACT_CODE_REVIEW:
    case SIM_ACT_SAST:
    case SIM_ACT_PIN_DEPS: return "a node of ours that produces code";
    case SIM_ACT_SIGN_BUILDS: return "a CI, repository or library node of ours";
    case SIM_ACT_WAF:
    case SIM_ACT_DDOS_PROTECTION: return "an internet-facing node of ours";
    default: return "a node that is not a partner's";
    }
}

static void lint_actions(lint *l)
{
    const sim_def *d = l->d;
    uint32_t offered = d->actions_offered;
    if (!offered)
        for (int k = 0; k < SIM_ACTION_KIND_COUNT; k++)
            if (!sim_action_is_offensive((sim_action_kind)k))
                offered |= 1u << k;
    bool code_node = false, vulns = d->vuln_count > 0 || strstr(l->code, "add_vuln");
    for (size_t i = 0; i < d->node_count; i++)
        code_node |= sim_node_kind_produces_code(d->nodes[i].kind) &&
                     d->nodes[i].zone != SIM_ZONE_PARTNER;
    for (int k = 0; k < SIM_ACTION_KIND_COUNT && d->actions_offered; k++) {
        int line = l->b->action_lines[k];
        if (!(d->actions_offered & (1u << k)) || !line)
            continue;
        const char *name = sim_action_name((sim_action_kind)k);
        switch (sim_action_target_type((sim_action_kind)k)) {
        case SIM_TARGET_NODE: {
            bool any = false;
            for (size_t i = 0; i < d->node_count; i++)
                any |= sim_action_fits((sim_action_kind)k, &d->nodes[i]);
            if (!any)
                warn(l, "action-no-target", line, "action '%s' is offered but no node accepts it (it needs %s)",
                     name, needs((sim_action_kind)k));
            else if (k == SIM_ACT_PATCH && !vulns && !code_node)
                warn(l, "action-no-target", line,
                     "action 'patch' is offered but there is nothing to patch: no vulnerability, "
                     "no node that produces code, no w:add_vuln");
            break;
        }
        case SIM_TARGET_ACTOR:
            if (d->actor_count == 0)
                warn(l, "action-no-target", line, "action '%s' is offered but there is no actor to aim it at",
                     name);
            break;
        case SIM_TARGET_REPORT:
            if (d->report_count == 0 && !scan_next_call(l->code, "report"))
                warn(l, "action-no-target", line,
                     "action '%s' is offered but no report ever arrives (no reports, no w:report)", name);
            break;
        case SIM_TARGET_CHOICE:
            if (!scan_next_call(l->code, "choose"))
                warn(l, "action-no-target", line,
                     "action '%s' is offered but the scripts put no decision (no w:choose)", name);
            break;
        default:
            break;
        }
    }
    /* prices of actions never offered */
    int costs = reader_key_line(&l->b->r, "costs", l->b->scenario_line);
    for (size_t i = 0; i < d->override_count; i++) {
        sim_action_kind k = d->overrides[i].kind;
        if (!(offered & (1u << k)))
            warn(l, "unused", reader_key_line(&l->b->r, sim_action_name(k), costs),
                 "costs.%s: '%s' is not offered, so this price is never paid", sim_action_name(k),
                 sim_action_name(k));
    }
    bool pool = d->cwe_pool[0] != 0 || d->weakness_rate_ppm >= 0;
    if (pool && !code_node)
        warn(l, "unused",
             reader_key_line(&l->b->r, d->cwe_pool[0] ? "cwe_pool" : "weakness_rate", l->b->scenario_line),
             "%s: no node of ours produces code, so no new weakness ever appears",
             d->cwe_pool[0] ? "cwe_pool" : "weakness_rate");
}

/* ---- objectives ------------------------------------------------------------------- */

/* The most a pillar can reach from what the player may do (score.c), or
 * 100 when nothing short of that is known. Collaboration starts at 40 and
 * rises by sharing, reports handled, security.txt and notifying.
 * Capacity is held/80 + gained/20 + 5 a practice (at most 8): without
 * training (action.c, apply) the capability rises only when a practice is
 * first adopted (adopt: mfa .. ddos_protection, threat_model and scan
 * included), by at most 30 per mille each. Protection and responsibility
 * start at 100 and what they end at depends on the attackers, so no
 * ceiling is known for them. */
static int pillar_ceiling(const lint *l, uint32_t offered, sim_pillar p)
{
    const sim_def *d = l->d;
#define OFFERED(k) ((offered & (1u << (k))) != 0)
    if (p == SIM_PILLAR_COLLABORATION) {
        if (OFFERED(SIM_ACT_JOIN_SHARING) || (OFFERED(SIM_ACT_REPORT_AUTHORITIES) && d->actor_count) ||
            scan_next_call(l->code, "report")) /* reports a script sends count too */
            return 100;
        int c = 40 + (OFFERED(SIM_ACT_SHARE_INDICATOR) && d->actor_count ? 36 : 0) +
                (OFFERED(SIM_ACT_HANDLE_REPORT) ? 20 * (int)d->report_count : 0) +
                (OFFERED(SIM_ACT_SECURITY_TXT) ? 5 : 0) + (OFFERED(SIM_ACT_NOTIFY) ? 5 : 0);
        return c < 100 ? c : 100;
    }
    if (p == SIM_PILLAR_CAPACITY) {
        if (OFFERED(SIM_ACT_TRAIN))
            return 100;
        int practices = 0;
        for (int k = SIM_ACT_MFA; k <= SIM_ACT_DDOS_PROTECTION; k++)
            practices += OFFERED(k);
        long held = 30L * practices, gained = 30L * practices;
        for (int a = 0; a < SIM_AREA_COUNT; a++)
            held += d->defender.capability_permille[a];
        long c = held / 80 + gained / 20 + 5L * (practices > 8 ? 8 : practices);
        return c < 100 ? (int)c : 100;
    }
#undef OFFERED
    return 100;
}

/* A reports_coordinated objective fails once a report goes public, and
 * only handle_report coordinates one: without it, a declared report whose
 * deadline passes before the end (arriving as late as it can, with no
 * security.txt) makes the objective impossible. */
static void lint_reports_objective(lint *l, uint32_t offered)
{
    const sim_def *d = l->d;
    if (offered & (1u << SIM_ACT_HANDLE_REPORT))
        return;
    int end = d->days * SIM_TICKS_PER_DAY, lost = -1, public_at = 0;
    for (size_t r = 0; r < d->report_count && lost < 0; r++) {
        long at = (long)d->reports[r].at + SIM_REPORT_DELAY_NO_SECURITY_TXT + d->reports[r].deadline_ticks;
        if (at < end) {
            lost = (int)r;
            public_at = (int)at;
        }
    }
    if (lost < 0)
        return;
    for (size_t i = 0; i < d->objective_count; i++)
        if (d->objectives[i].kind == SIM_OBJ_REPORTS_COORDINATED)
            warn(l, "unreachable-objective", l->b->objective_lines[i],
                 "objective '%s' needs every report coordinated, but 'handle_report' is not "
                 "offered: report '%s' goes public by day %d",
                 d->objectives[i].id, d->reports[lost].id, public_at / SIM_TICKS_PER_DAY + 1);
}

static void lint_objectives(lint *l)
{
    const sim_def *d = l->d;
    uint32_t offered = d->actions_offered;
    if (!offered)
        for (int k = 0; k < SIM_ACTION_KIND_COUNT; k++)
            if (!sim_action_is_offensive((sim_action_kind)k))
                offered |= 1u << k;
    lint_reports_objective(l, offered);
    if (strstr(l->code, "adjust"))
        return; /* a script moves the pillars itself */
    for (size_t i = 0; i < d->objective_count; i++) {
        const sim_objective_def *o = &d->objectives[i];
        if (o->kind != SIM_OBJ_PILLAR_MIN)
            continue;
        for (int p = 0; p < SIM_PILLAR_COUNT; p++) {
            if (strcmp(o->target, sim_pillar_name((sim_pillar)p)) != 0)
                continue;
            int ceiling = pillar_ceiling(l, offered, (sim_pillar)p);
            if (o->value > ceiling)
                warn(l, "unreachable-objective", l->b->objective_lines[i],
                     "objective '%s' needs %s %d, but what this scenario offers raises it "
                     "to %d at most",
                     o->id, o->target, o->value, ceiling);
        }
    }
}

/* ---- texts ------------------------------------------------------------------------- */

/* The line of `label = "..."` in the table that starts at line from; from
 * itself when the label is the id, is computed or is not found there. */
static int label_line(const build *b, const char *label, int from)
{
    int at = label ? reader_find_line_from(&b->r, "label", label, from) : 0;
    return at ? at : from;
}

static void lint_texts(lint *l)
{
    const sim_def *d = l->d;
    build *b = l->b;
    int w;
    if (b->title && (w = bw_fit_width(b->title, BW_FIT_SMALL_PX)) > BW_FIT_TITLE_PX)
        warn(l, "text-too-long", reader_key_line(&b->r, "title", b->scenario_line),
             "title is too wide for the play screen's top bar (%d of %d px)", w, BW_FIT_TITLE_PX);
    for (size_t i = 0; i < d->node_count; i++) {
        const char *label = d->nodes[i].label ? d->nodes[i].label : d->nodes[i].id;
        if ((w = bw_fit_width(label, BW_FIT_SMALL_PX)) > BW_FIT_NODE_LABEL_PX)
            warn(l, "text-too-long", label_line(b, d->nodes[i].label, b->node_lines[i]),
                 "node '%s': label \"%s\" is too wide for its box on the map (%d of %d px)",
                 d->nodes[i].id, label, w, BW_FIT_NODE_LABEL_PX);
    }
    for (size_t i = 0; i < d->actor_count; i++) {
        const char *label = d->actors[i].label ? d->actors[i].label : d->actors[i].id;
        if ((w = bw_fit_width(label, BW_FIT_SMALL_PX)) > BW_FIT_ACTOR_LABEL_PX)
            warn(l, "text-too-long", label_line(b, d->actors[i].label, b->actor_lines[i]),
                 "actor '%s': label \"%s\" is too wide for its tag on the map (%d of %d px)",
                 d->actors[i].id, label, w, BW_FIT_ACTOR_LABEL_PX);
    }
    /* options = { "...", ... } of a w:choose the scripts write */
    for (const char *p = l->code; (p = strstr(p, "options")) != NULL; p += 7) {
        const char *q = p + 7;
        while (*q == ' ' || *q == '\t')
            q++;
        if (*q != '=')
            continue;
        q++;
        while (*q == ' ' || *q == '\t' || *q == '\n')
            q++;
        if (*q != '{')
            continue;
        q++;
        for (int k = 1;; k++) {
            char text[SIM_TEXT_MAX];
            const char *start = q;
            while (*start == ' ' || *start == '\t' || *start == '\n' || *start == '\r')
                start++;
            const char *after = scan_literal(q, text, sizeof text);
            if (!after)
                break;
            if ((w = bw_fit_width(text, BW_FIT_BODY_PX)) > BW_FIT_OPTION_PX)
                warn(l, "text-too-long", line_at(l, start),
                     "option %d is too long for a decision's button (%d px; %d lines of %d fit)",
                     k, w, BW_FIT_OPTION_LINES, BW_FIT_OPTION_LINE_PX);
            q = after;
            while (*q == ' ' || *q == '\t' || *q == '\n' || *q == '\r')
                q++;
            if (*q != ',' && *q != ';')
                break;
            q++;
        }
    }
}

void build_lint(build *b)
{
    if (!b->r.src)
        return;
    lint l;
    memset(&l, 0, sizeof l);
    l.b = b;
    l.d = &b->def;
    l.end = b->def.days * SIM_TICKS_PER_DAY;
    l.code = scan_strip_comments(b->r.src);
    if (l.code) {
        l.code++; /* past the guard space */
        if (index_lines(&l) && index_ids(&l)) {
            lint_ids(&l);
            lint_days(&l);
            lint_reach(&l);
            lint_actions(&l);
            lint_objectives(&l);
            lint_texts(&l);
        }
        l.code--;
    }
    free(l.code);
    free(l.line_starts);
    free(l.node_order);
    for (int k = 0; k < ID_KINDS; k++)
        idset_free(&l.ids[k]);
    idset_free(&l.compromise_node.lits);
    idset_free(&l.compromise_actor.lits);
    idset_free(&l.activate.lits);
}
