/* scenario_build.c — from a scenario's Lua table to a sim_def, checking
 * every field and cross-reference, every problem reported with its line.
 *
 * Runs inside a protected call (see scenario_read.c): all memory is owned
 * by the build struct, which the caller frees whatever happens. */
#include "scenario_build.h"

#include <stdlib.h>
#include <string.h>

#define MAX_ITEMS SCRIPT_MAX_ITEMS

static const char *const scenario_keys[] = {
    "id", "title", "days", "seed", "author", "summary", "version", "briefing", "commitments",
    "teaches", "defender", "nodes", "links", "actors", "reports", "actions", "costs", "cwe_pool",
    "weakness_rate", "events", "objectives", "on_start", "on_tick", "on_action", "debrief", "lint",
    "assets", NULL,
};
static const char *const defender_keys[] = { "budget", "income", "staff", "capability", NULL };
static const char *const node_keys[] = { "id", "label", "kind", "zone", "value", "users",
                                         "controls", "data", "leaked_credentials", "x", "y",
                                         "vulns", "icon", NULL };
static const char *const vuln_keys[] = { "id", "cwe", "severity", "exploitability", "fix",
                                         "known", "attackers_know", "public", "design",
                                         "appears", "node", NULL };
static const char *const link_keys[] = { "from", "to", "kind", NULL };
static const char *const actor_keys[] = { "id", "label", "motive", "skill", "uses", "from",
                                          "attempts", NULL };
static const char *const report_keys[] = { "id", "vuln", "reporter", "at", "deadline", NULL };
static const char *const event_keys[] = { "id", "at", "run", NULL };
static const char *const objective_keys[] = { "id", "text", "kind", "node", "pillar", "min",
                                              "max", "check", "optional", NULL };
static const char *const cost_keys[] = { "money", "staff", "hours", NULL };
static const char *const teach_kinds[] = { "accord", "ssdf", "attack", "cwe", NULL };
static const char *const objective_kinds[] = { "pillar", "protect", "no_data_lost",
                                               "reports_coordinated", "max_compromised",
                                               "script", NULL };

/* Names of an enum, NULL-terminated, for "did you mean". */
#define ENUM_NAMES(arr, count, fn, type)                                                         \
    const char *arr[(count) + 1];                                                                \
    for (int i_ = 0; i_ < (count); i_++)                                                         \
        arr[i_] = fn((type)i_);                                                                  \
    arr[count] = NULL

/* Item counts here are already checked against MAX_ITEMS (reader_list
 * and the vulnerability total), so n never exceeds it. */
static void *items_alloc(build *b, int n, size_t size)
{
    void *p = n > 0 && n <= MAX_ITEMS ? calloc((size_t)n, size) : calloc(1, size);
    if (!p)
        reader_nomem(&b->r);
    return p;
}

/* ---- defender ------------------------------------------------------------------ */

static void read_defender(build *b, lua_State *L, int t)
{
    int line = b->scenario_line;
    sim_defender_def *d = &b->def.defender;
    d->staff = 2;
    if (reader_get(L, t, "defender") != LUA_TTABLE) {
        if (!lua_isnil(L, -1))
            reader_problem(&b->r, line, "scenario: 'defender' must be a table");
        lua_pop(L, 1);
        return;
    }
    int dt = lua_gettop(L);
    reader_check_keys(&b->r, L, dt, defender_keys, "defender", line);
    reader_int(&b->r, L, dt, "budget", "defender", line, 0, 1000000000, &d->budget, false);
    reader_int(&b->r, L, dt, "income", "defender", line, 0, 1000000, &d->income_per_day, false);
    reader_int(&b->r, L, dt, "staff", "defender", line, 0, 1000, &d->staff, false);
    if (reader_get(L, dt, "capability") == LUA_TTABLE) {
        int ct = lua_gettop(L);
        ENUM_NAMES(areas, SIM_AREA_COUNT, sim_area_name, sim_area);
        reader_check_keys(&b->r, L, ct, areas, "defender.capability", line);
        for (int a = 0; a < SIM_AREA_COUNT; a++) {
            double v = 0;
            if (reader_num(&b->r, L, ct, areas[a], "defender.capability", line, 0, 1, &v, false))
                d->capability_permille[a] = (int)(v * 1000 + 0.5);
        }
    } else if (!lua_isnil(L, -1)) {
        reader_problem(&b->r, line, "defender: 'capability' must be a table like { PO = 0.2 }");
    }
    lua_pop(L, 2);
}

/* ---- nodes and their vulnerabilities --------------------------------------- */

static unsigned read_controls(build *b, lua_State *L, int nt, const char *what, int line)
{
    unsigned bits = 0;
    int n = reader_list(&b->r, L, nt, "controls", what, line, 32);
    ENUM_NAMES(names, SIM_CONTROL_COUNT, sim_control_name, unsigned);
    for (int i = 0; i < SIM_CONTROL_COUNT; i++)
        names[i] = sim_control_name(1u << i);
    for (int i = 1; i <= n; i++) {
        lua_rawgeti(L, -1, i);
        int bit = reader_enum(&b->r, L, -1, names, sim_control_parse, what, "control", line);
        if (bit > 0)
            bits |= (unsigned)bit;
        lua_pop(L, 1);
    }
    lua_pop(L, 1);
    return bits;
}

static void read_vuln(build *b, lua_State *L, int vt, const char *node_id, int node_line)
{
    sim_vuln_def *v = &b->vulns[b->def.vuln_count];
    const char *id = reader_str(&b->r, L, vt, "id", "vulnerability", node_line, true, SIM_ID_MAX - 1);
    int line = reader_line(&b->r, L, vt, id, node_line);
    char what[96];
    snprintf(what, sizeof what, "vulnerability '%s'", id ? id : "?");
    reader_check_keys(&b->r, L, vt, vuln_keys, what, line);
    reader_valid_id(&b->r, id, what, line);
    v->id = id;
    v->node = node_id;
    reader_int(&b->r, L, vt, "cwe", what, line, 1, 100000, &v->cwe, true);
    double sev = 0, expl = 0;
    if (reader_num(&b->r, L, vt, "severity", what, line, 0, 10, &sev, true))
        v->severity_tenths = (int)(sev * 10 + 0.5);
    if (reader_num(&b->r, L, vt, "exploitability", what, line, 0, 1, &expl, false))
        v->exploitability_permille = (int)(expl * 1000 + 0.5);
    v->fix_available = reader_bool(&b->r, L, vt, "fix", what, line, true);
    v->known_to_defender = reader_bool(&b->r, L, vt, "known", what, line, false);
    v->known_to_attackers = reader_bool(&b->r, L, vt, "attackers_know", what, line, false);
    v->is_public = reader_bool(&b->r, L, vt, "public", what, line, false);
    v->design_flaw = reader_bool(&b->r, L, vt, "design", what, line, false);
    reader_int(&b->r, L, vt, "appears", what, line, 0, SIM_MAX_DAYS * SIM_TICKS_PER_DAY,
               &v->appears_at, false);
    if (id && b->r.nstrs)
        b->vuln_lines[b->def.vuln_count] = line;
    b->def.vuln_count++;
}

static void read_node(build *b, lua_State *L, int nt, int index)
{
    sim_node_def *n = &b->nodes[b->def.node_count];
    const char *id = reader_str(&b->r, L, nt, "id", "node", b->scenario_line, true, SIM_ID_MAX - 1);
    int line = reader_line(&b->r, L, nt, id, b->scenario_line);
    char what[96];
    snprintf(what, sizeof what, "node %d ('%s')", index, id ? id : "?");
    reader_check_keys(&b->r, L, nt, node_keys, what, line);
    reader_valid_id(&b->r, id, what, line);
    n->id = id;
    n->label = reader_str(&b->r, L, nt, "label", what, line, false, SIM_LABEL_MAX - 1);
    ENUM_NAMES(kinds, SIM_NODE_KIND_COUNT, sim_node_kind_name, sim_node_kind);
    ENUM_NAMES(zones, SIM_ZONE_COUNT, sim_zone_name, sim_zone);
    n->kind = SIM_NODE_WEB;
    n->zone = SIM_ZONE_INTERNAL;
    if (reader_get(L, nt, "kind") == LUA_TNIL)
        reader_problem(&b->r, line, "%s: missing 'kind' (one of web, api, database, ...)", what);
    else {
        int k = reader_enum(&b->r, L, -1, kinds, sim_node_kind_parse, what, "kind", line);
        n->kind = k >= 0 ? (sim_node_kind)k : SIM_NODE_WEB;
    }
    lua_pop(L, 1);
    if (reader_get(L, nt, "zone") != LUA_TNIL) {
        int z = reader_enum(&b->r, L, -1, zones, sim_zone_parse, what, "zone", line);
        n->zone = z >= 0 ? (sim_zone)z : SIM_ZONE_INTERNAL;
    }
    lua_pop(L, 1);
    reader_int(&b->r, L, nt, "value", what, line, 0, 1000, &n->value, false);
    reader_int(&b->r, L, nt, "users", what, line, 0, 1000000000, &n->users, false);
    reader_int(&b->r, L, nt, "x", what, line, -100000, 100000, &n->x, false);
    reader_int(&b->r, L, nt, "y", what, line, -100000, 100000, &n->y, false);
    n->controls = read_controls(b, L, nt, what, line);
    n->has_data = reader_bool(&b->r, L, nt, "data", what, line, false);
    n->leaked_credentials = reader_bool(&b->r, L, nt, "leaked_credentials", what, line, false);
    b->node_lines[b->def.node_count] = line;
    b->node_icons[b->def.node_count] = assets_read_icon(b, L, nt, what, line);
    b->def.node_count++;
    int nv = reader_list(&b->r, L, nt, "vulns", what, line, 1000);
    for (int i = 1; i <= nv && b->def.vuln_count < (size_t)b->vuln_cap && !script_diags_enough(b->r.diags);
         i++) {
        if (lua_rawgeti(L, -1, i) == LUA_TTABLE)
            read_vuln(b, L, lua_gettop(L), id, line);
        else
            reader_problem(&b->r, line, "%s: vulnerability %d must be a table", what, i);
        lua_pop(L, 1);
    }
    lua_pop(L, 1);
}

static int count_vulns(lua_State *L, int list, int n)
{
    int total = 0;
    for (int i = 1; i <= n; i++) {
        if (lua_rawgeti(L, list, i) == LUA_TTABLE) {
            if (reader_get(L, -1, "vulns") == LUA_TTABLE) {
                lua_Unsigned k = lua_rawlen(L, -1);
                total += k > 1000 ? 1000 : (int)k;
                if (total > MAX_ITEMS) { /* enough to refuse; no need to count on */
                    lua_pop(L, 2);
                    return total;
                }
            }
            lua_pop(L, 1);
        }
        lua_pop(L, 1);
    }
    return total;
}

static void read_nodes(build *b, lua_State *L, int t)
{
    int n = reader_list(&b->r, L, t, "nodes", "scenario", b->scenario_line, MAX_ITEMS);
    int list = lua_gettop(L);
    b->vuln_cap = n ? count_vulns(L, list, n) : 0;
    if (b->vuln_cap > MAX_ITEMS) {
        /* A list shared by many nodes counts once per node: refuse before
         * copying it a hundred million times outside the sandbox's cap. */
        reader_problem(&b->r, b->scenario_line,
                       "scenario: the nodes declare %d vulnerabilities in all; the limit is %d",
                       b->vuln_cap, MAX_ITEMS);
        lua_pop(L, 1);
        return;
    }
    b->nodes = items_alloc(b, (int)n, sizeof *b->nodes);
    b->node_lines = items_alloc(b, (int)n, sizeof(int));
    b->node_icons = items_alloc(b, (int)n, sizeof(int));
    b->vulns = items_alloc(b, (int)b->vuln_cap, sizeof *b->vulns);
    b->vuln_lines = items_alloc(b, (int)b->vuln_cap, sizeof(int));
    if (n == 0)
        reader_problem(&b->r, b->scenario_line, "scenario: 'nodes' is missing or empty: a world needs at least one node");
    for (int i = 1; i <= n && !script_diags_enough(b->r.diags); i++) {
        if (lua_rawgeti(L, list, i) == LUA_TTABLE)
            read_node(b, L, lua_gettop(L), i);
        else
            reader_problem(&b->r, b->scenario_line, "nodes: item %d must be a table", i);
        lua_pop(L, 1);
    }
    lua_pop(L, 1);
}

/* ---- links --------------------------------------------------------------------- */

static void read_link(build *b, lua_State *L, int lt, int index)
{
    sim_link_def *l = &b->links[b->def.link_count];
    char what[64];
    snprintf(what, sizeof what, "link %d", index);
    /* { "a", "b", "kind" } or { from = "a", to = "b", kind = "kind" } */
    bool positional = lua_rawgeti(L, lt, 1) != LUA_TNIL;
    lua_pop(L, 1);
    const char *from = NULL, *to = NULL;
    int line = b->scenario_line;
    if (positional) {
        const char *parts[3] = { NULL, NULL, NULL };
        for (int k = 0; k < 3; k++) {
            int ty = lua_rawgeti(L, lt, k + 1);
            if (ty == LUA_TSTRING)
                parts[k] = reader_keep(&b->r, lua_tostring(L, -1), lua_rawlen(L, -1));
            else if (ty != LUA_TNIL || k < 2)
                reader_problem(&b->r, line, "%s: item %d must be a node id string", what, k + 1);
            lua_pop(L, 1);
        }
        from = parts[0];
        to = parts[1];
    } else {
        from = reader_str(&b->r, L, lt, "from", what, line, true, SIM_ID_MAX - 1);
        to = reader_str(&b->r, L, lt, "to", what, line, true, SIM_ID_MAX - 1);
    }
    line = reader_line(&b->r, L, lt, NULL, 0);
    if (line == b->scenario_line || line == 0) {
        /* find `"from", "to"` in the source */
        line = 0;
        for (const char *p = b->r.src; from && to && p && (p = strstr(p, from)); p++) {
            const char *q = p + strlen(from);
            if (*q != '"' && *q != '\'')
                continue;
            q++;
            while (*q == ' ' || *q == ',' || *q == '\t')
                q++;
            if ((*q == '"' || *q == '\'') && strncmp(q + 1, to, strlen(to)) == 0) {
                line = 1;
                for (const char *s = b->r.src; s < p; s++)
                    line += *s == '\n';
                break;
            }
        }
        if (!line)
            line = reader_find_line(&b->r, "from", from);
        if (!line)
            line = b->scenario_line;
    }
    if (!positional)
        reader_check_keys(&b->r, L, lt, link_keys, what, line);
    l->from = from;
    l->to = to;
    l->kind = SIM_LINK_NETWORK;
    /* { "a", "b", "data" }, { "a", "b", kind = "data" } or { from, to, kind };
     * read, never written: validation must not touch the author's table. */
    int ty = positional ? lua_rawgeti(L, lt, 3) : LUA_TNIL;
    if (ty == LUA_TNIL) {
        if (positional)
            lua_pop(L, 1);
        ty = reader_get(L, lt, "kind");
    }
    if (ty != LUA_TNIL) {
        ENUM_NAMES(kinds, SIM_LINK_KIND_COUNT, sim_link_kind_name, sim_link_kind);
        int k = reader_enum(&b->r, L, -1, kinds, sim_link_kind_parse, what, "link kind", line);
        l->kind = k >= 0 ? (sim_link_kind)k : SIM_LINK_NETWORK;
    }
    lua_pop(L, 1);
    b->link_lines[b->def.link_count++] = line;
}

static void read_links(build *b, lua_State *L, int t)
{
    int n = reader_list(&b->r, L, t, "links", "scenario", b->scenario_line, MAX_ITEMS);
    int list = lua_gettop(L);
    b->links = items_alloc(b, (int)n, sizeof *b->links);
    b->link_lines = items_alloc(b, (int)n, sizeof(int));
    for (int i = 1; i <= n && !script_diags_enough(b->r.diags); i++) {
        if (lua_rawgeti(L, list, i) == LUA_TTABLE)
            read_link(b, L, lua_gettop(L), i);
        else
            reader_problem(&b->r, b->scenario_line, "links: item %d must be a table like { \"a\", \"b\" }", i);
        lua_pop(L, 1);
    }
    lua_pop(L, 1);
}

/* ---- actors ------------------------------------------------------------------- */

static void read_actor(build *b, lua_State *L, int at, int index)
{
    sim_actor_def *a = &b->actors[b->def.actor_count];
    const char *id = reader_str(&b->r, L, at, "id", "actor", b->scenario_line, true, SIM_ID_MAX - 1);
    int line = reader_line(&b->r, L, at, id, b->scenario_line);
    char what[96];
    snprintf(what, sizeof what, "actor %d ('%s')", index, id ? id : "?");
    reader_check_keys(&b->r, L, at, actor_keys, what, line);
    reader_valid_id(&b->r, id, what, line);
    a->id = id;
    a->label = reader_str(&b->r, L, at, "label", what, line, false, SIM_LABEL_MAX - 1);
    a->skill = 2;
    reader_int(&b->r, L, at, "skill", what, line, 1, 5, &a->skill, false);
    reader_int(&b->r, L, at, "from", what, line, 0, SIM_MAX_DAYS * SIM_TICKS_PER_DAY,
               &a->active_from, false);
    reader_int(&b->r, L, at, "attempts", what, line, 1, SIM_TICKS_PER_DAY, &a->attempts_per_day, false);
    if (reader_get(L, at, "motive") == LUA_TNIL)
        reader_problem(&b->r, line, "%s: missing 'motive' (money, espionage, ideology or thrill)", what);
    else {
        ENUM_NAMES(motives, SIM_MOTIVE_COUNT, sim_motive_name, sim_motive);
        int m = reader_enum(&b->r, L, -1, motives, sim_motive_parse, what, "motive", line);
        a->motive = m >= 0 ? (sim_motive)m : SIM_MOTIVE_MONEY;
    }
    lua_pop(L, 1);
    int n = reader_list(&b->r, L, at, "uses", what, line, 64);
    if (n == 0)
        reader_problem(&b->r, line, "%s: 'uses' must list at least one ATT&CK technique", what);
    ENUM_NAMES(techs, SIM_TECHNIQUE_COUNT, sim_technique_name, sim_technique);
    for (int i = 1; i <= n; i++) {
        lua_rawgeti(L, -1, i);
        int t = reader_enum(&b->r, L, -1, techs, sim_technique_parse, what, "technique", line);
        if (t >= 0)
            a->techniques |= 1u << t;
        lua_pop(L, 1);
    }
    lua_pop(L, 1);
    b->actor_lines[b->def.actor_count++] = line;
}

static void read_actors(build *b, lua_State *L, int t)
{
    int n = reader_list(&b->r, L, t, "actors", "scenario", b->scenario_line, 64);
    int list = lua_gettop(L);
    b->actors = items_alloc(b, (int)n, sizeof *b->actors);
    b->actor_lines = items_alloc(b, (int)n, sizeof(int));
    for (int i = 1; i <= n && b->actors && b->actor_lines && !script_diags_enough(b->r.diags); i++) {
        if (lua_rawgeti(L, list, i) == LUA_TTABLE)
            read_actor(b, L, lua_gettop(L), i);
        else
            reader_problem(&b->r, b->scenario_line, "actors: item %d must be a table", i);
        lua_pop(L, 1);
    }
    lua_pop(L, 1);
}

/* ---- reports ------------------------------------------------------------------- */

static void read_reports(build *b, lua_State *L, int t)
{
    int n = reader_list(&b->r, L, t, "reports", "scenario", b->scenario_line, 1000);
    int list = lua_gettop(L);
    b->reports = items_alloc(b, (int)n, sizeof *b->reports);
    b->report_lines = items_alloc(b, (int)n, sizeof(int));
    for (int i = 1; i <= n && b->reports && b->report_lines && !script_diags_enough(b->r.diags); i++) {
        if (lua_rawgeti(L, list, i) != LUA_TTABLE) {
            reader_problem(&b->r, b->scenario_line, "reports: item %d must be a table", i);
            lua_pop(L, 1);
            continue;
        }
        int rt = lua_gettop(L);
        sim_report_def *r = &b->reports[b->def.report_count];
        const char *id = reader_str(&b->r, L, rt, "id", "report", b->scenario_line, true, SIM_ID_MAX - 1);
        int line = reader_line(&b->r, L, rt, id, b->scenario_line);
        char what[96];
        snprintf(what, sizeof what, "report '%s'", id ? id : "?");
        reader_check_keys(&b->r, L, rt, report_keys, what, line);
        reader_valid_id(&b->r, id, what, line);
        r->id = id;
        r->vuln = reader_str(&b->r, L, rt, "vuln", what, line, true, SIM_ID_MAX - 1);
        r->reporter = reader_str(&b->r, L, rt, "reporter", what, line, false, SIM_LABEL_MAX - 1);
        reader_int(&b->r, L, rt, "at", what, line, 0, SIM_MAX_DAYS * SIM_TICKS_PER_DAY, &r->at, true);
        r->deadline_ticks = 7 * SIM_TICKS_PER_DAY;
        reader_int(&b->r, L, rt, "deadline", what, line, 1, SIM_MAX_DAYS * SIM_TICKS_PER_DAY,
                   &r->deadline_ticks, false);
        b->report_lines[b->def.report_count++] = line;
        lua_pop(L, 1);
    }
    lua_pop(L, 1);
}

/* ---- actions and costs ------------------------------------------------------ */

static void read_actions(build *b, lua_State *L, int t)
{
    int line = b->scenario_line;
    int n = reader_list(&b->r, L, t, "actions", "scenario", line, SIM_ACTION_KIND_COUNT * 2);
    ENUM_NAMES(acts, SIM_ACTION_KIND_COUNT, sim_action_name, sim_action_kind);
    for (int i = 1; i <= n; i++) {
        lua_rawgeti(L, -1, i);
        const char *name = lua_type(L, -1) == LUA_TSTRING ? lua_tostring(L, -1) : NULL;
        int al = name ? reader_find_line(&b->r, NULL, name) : 0;
        int k = reader_enum(&b->r, L, -1, acts, sim_action_parse, "actions", "action", al ? al : line);
        if (k >= 0) {
            b->def.actions_offered |= 1u << k;
            b->action_lines[k] = al ? al : line;
        }
        lua_pop(L, 1);
    }
    lua_pop(L, 1);
    if (reader_get(L, t, "costs") == LUA_TTABLE) {
        int ct = lua_gettop(L);
        reader_check_keys(&b->r, L, ct, acts, "costs", line);
        b->overrides = items_alloc(b, SIM_ACTION_KIND_COUNT, sizeof *b->overrides);
        for (int k = 0; k < SIM_ACTION_KIND_COUNT && b->overrides; k++) {
            if (reader_get(L, ct, acts[k]) == LUA_TTABLE) {
                int kt = lua_gettop(L);
                char what[64];
                snprintf(what, sizeof what, "costs.%s", acts[k]);
                reader_check_keys(&b->r, L, kt, cost_keys, what, line);
                sim_action_override *o = &b->overrides[b->def.override_count++];
                o->kind = (sim_action_kind)k;
                o->cost = sim_action_default_cost(o->kind);
                reader_int(&b->r, L, kt, "money", what, line, 0, 1000000, &o->cost.money, false);
                reader_int(&b->r, L, kt, "staff", what, line, 0, 10000, &o->cost.staff_hours, false);
                reader_int(&b->r, L, kt, "hours", what, line, 0, 10000, &o->cost.duration, false);
            }
            lua_pop(L, 1);
        }
    } else if (!lua_isnil(L, -1)) {
        reader_problem(&b->r, line, "scenario: 'costs' must be a table like { patch = { money = 3 } }");
    }
    lua_pop(L, 1);
}

/* ---- the rest ---------------------------------------------------------------------- */

static void read_teaches(build *b, lua_State *L, int t)
{
    int line = b->scenario_line;
    if (reader_get(L, t, "teaches") != LUA_TTABLE) {
        if (!lua_isnil(L, -1))
            reader_problem(&b->r, line, "scenario: 'teaches' must be a table");
        lua_pop(L, 1);
        return;
    }
    int tt = lua_gettop(L);
    reader_check_keys(&b->r, L, tt, teach_kinds, "teaches", line);
    for (int k = 0; k < 4; k++) {
        int n = reader_list(&b->r, L, tt, teach_kinds[k], "teaches", line, SCRIPT_MAX_TEACH);
        for (int i = 1; i <= n; i++) {
            lua_rawgeti(L, -1, i);
            char buf[32];
            const char *id = NULL;
            int whole = 0;
            lua_Integer num = lua_type(L, -1) == LUA_TNUMBER ? lua_tointegerx(L, -1, &whole) : 0;
            if (whole) {
                snprintf(buf, sizeof buf, "%lld", (long long)num);
                id = buf;
            } else if (lua_type(L, -1) == LUA_TSTRING) {
                id = lua_tostring(L, -1);
                if (k == 3 && strncmp(id, "CWE-", 4) == 0)
                    id += 4;
            }
            int il = id ? reader_find_line(&b->r, NULL, id) : 0;
            if (!id)
                reader_problem(&b->r, line, "teaches.%s: item %d must be an id", teach_kinds[k], i);
            else if (b->catalog && !script_catalog_has(b->catalog, teach_kinds[k], id))
                reader_problem(&b->r, il ? il : line,
                               "teaches.%s: '%s' is not in the curriculum catalogue (scripts/lib/curriculum.lua)",
                               teach_kinds[k], id);
            else if (b->teach_count[k] < SCRIPT_MAX_TEACH)
                b->teaches[k][b->teach_count[k]++] = reader_keep(&b->r, id, strlen(id));
            lua_pop(L, 1);
        }
        lua_pop(L, 1);
    }
    lua_pop(L, 1);
    int n = reader_list(&b->r, L, t, "commitments", "scenario", line, 4);
    for (int i = 1; i <= n; i++) {
        lua_rawgeti(L, -1, i);
        const char *id = lua_type(L, -1) == LUA_TSTRING ? lua_tostring(L, -1) : "";
        if (b->catalog && !script_catalog_has(b->catalog, "accord", id))
            reader_problem(&b->r, line,
                           "commitments: '%s' is not an Accord commitment (protection, no-offense, capacity, collective)",
                           id);
        else if (b->teach_count[0] < SCRIPT_MAX_TEACH)
            b->teaches[0][b->teach_count[0]++] = reader_keep(&b->r, id, strlen(id));
        lua_pop(L, 1);
    }
    lua_pop(L, 1);
}

static int take_function(build *b, lua_State *L, int t, const char *key, const char *what, int line)
{
    int ty = reader_get(L, t, key);
    if (ty == LUA_TFUNCTION)
        return luaL_ref(L, LUA_REGISTRYINDEX);
    if (ty != LUA_TNIL)
        reader_problem(&b->r, line, "%s: '%s' must be a function, not a %s", what, key,
                       lua_typename(L, ty));
    lua_pop(L, 1);
    return LUA_NOREF;
}

static void read_events(build *b, lua_State *L, int t)
{
    int n = reader_list(&b->r, L, t, "events", "scenario", b->scenario_line, 10000);
    int list = lua_gettop(L);
    b->events = items_alloc(b, (int)n, sizeof *b->events);
    int end = b->def.days * SIM_TICKS_PER_DAY;
    for (int i = 1; i <= n && b->events && !script_diags_enough(b->r.diags); i++) {
        if (lua_rawgeti(L, list, i) != LUA_TTABLE) {
            reader_problem(&b->r, b->scenario_line, "events: item %d must be a table", i);
            lua_pop(L, 1);
            continue;
        }
        int et = lua_gettop(L);
        const char *id = reader_str(&b->r, L, et, "id", "event", b->scenario_line, false, SIM_ID_MAX - 1);
        int line = reader_line(&b->r, L, et, id, b->scenario_line);
        char what[96];
        snprintf(what, sizeof what, "event %d%s%s%s", i, id ? " ('" : "", id ? id : "", id ? "')" : "");
        reader_check_keys(&b->r, L, et, event_keys, what, line);
        int at = 0;
        if (reader_int(&b->r, L, et, "at", what, line, 0, SIM_MAX_DAYS * SIM_TICKS_PER_DAY, &at, true) &&
            b->def.days > 0 && at > end)
            reader_problem(&b->r, line, "%s: at tick %d (day %d) is after the scenario ends (day %d)",
                           what, at, at / SIM_TICKS_PER_DAY + 1, b->def.days);
        int ref = take_function(b, L, et, "run", what, line);
        if (ref == LUA_NOREF)
            reader_problem(&b->r, line, "%s: missing 'run' function", what);
        b->events[b->nevents].at = at;
        b->events[b->nevents].ref = ref;
        b->nevents++;
        lua_pop(L, 1);
    }
    lua_pop(L, 1);
}

static void read_objective(build *b, lua_State *L, int ot, int i)
{
    sim_objective_def *o = &b->objectives[b->def.objective_count];
    const char *id = reader_str(&b->r, L, ot, "id", "objective", b->scenario_line, true, SIM_ID_MAX - 1);
    int line = reader_line(&b->r, L, ot, id, b->scenario_line);
    char what[96];
    snprintf(what, sizeof what, "objective %d ('%s')", i, id ? id : "?");
    reader_check_keys(&b->r, L, ot, objective_keys, what, line);
    o->id = id;
    o->text = reader_str(&b->r, L, ot, "text", what, line, true, SCRIPT_OBJECTIVE_TEXT_MAX);
    o->optional = reader_bool(&b->r, L, ot, "optional", what, line, false);
    b->checks[b->def.objective_count] = LUA_NOREF;
    b->objective_lines[b->def.objective_count] = line;
    int kind = -1;
    if (reader_get(L, ot, "kind") == LUA_TNIL)
        reader_problem(&b->r, line, "%s: missing 'kind' (pillar, protect, no_data_lost, reports_coordinated, max_compromised or script)", what);
    else
        for (int k = 0; objective_kinds[k] && kind < 0; k++)
            if (lua_type(L, -1) == LUA_TSTRING && strcmp(lua_tostring(L, -1), objective_kinds[k]) == 0)
                kind = k;
    if (kind < 0 && !lua_isnil(L, -1)) {
        const char *s = lua_type(L, -1) == LUA_TSTRING ? lua_tostring(L, -1) : "?";
        const char *near = bw_closest(s, objective_kinds);
        reader_problem(&b->r, line, "%s: unknown kind '%s'%s%s%s", what, s, near ? " (did you mean '" : "",
                       near ? near : "", near ? "'?)" : "");
    }
    lua_pop(L, 1);
    static const sim_objective_kind map[] = { SIM_OBJ_PILLAR_MIN, SIM_OBJ_NODE_NEVER_LOST,
                                              SIM_OBJ_NO_DATA_LOST, SIM_OBJ_REPORTS_COORDINATED,
                                              SIM_OBJ_MAX_COMPROMISED, SIM_OBJ_SCRIPT };
    o->kind = kind >= 0 ? map[kind] : SIM_OBJ_SCRIPT;
    if (o->kind == SIM_OBJ_PILLAR_MIN) {
        o->target = reader_str(&b->r, L, ot, "pillar", what, line, true, 32);
        reader_int(&b->r, L, ot, "min", what, line, 0, 100, &o->value, true);
        ENUM_NAMES(pillars, SIM_PILLAR_COUNT, sim_pillar_name, sim_pillar);
        bool known = false;
        for (int p = 0; o->target && p < SIM_PILLAR_COUNT; p++)
            known |= strcmp(o->target, pillars[p]) == 0;
        if (o->target && !known) {
            const char *near = bw_closest(o->target, pillars);
            reader_problem(&b->r, line, "%s: unknown pillar '%s'%s%s%s", what, o->target,
                           near ? " (did you mean '" : "", near ? near : "", near ? "'?)" : "");
            o->target = "protection";
        }
    } else if (o->kind == SIM_OBJ_NODE_NEVER_LOST) {
        o->target = reader_str(&b->r, L, ot, "node", what, line, true, SIM_ID_MAX - 1);
    } else if (o->kind == SIM_OBJ_MAX_COMPROMISED) {
        reader_int(&b->r, L, ot, "max", what, line, 0, MAX_ITEMS, &o->value, true);
    } else if (o->kind == SIM_OBJ_SCRIPT) {
        b->checks[b->def.objective_count] = take_function(b, L, ot, "check", what, line);
        if (b->checks[b->def.objective_count] == LUA_NOREF && kind >= 0)
            reader_problem(&b->r, line, "%s: a script objective needs a 'check' function", what);
    }
    b->def.objective_count++;
}

static void read_objectives(build *b, lua_State *L, int t)
{
    int n = reader_list(&b->r, L, t, "objectives", "scenario", b->scenario_line, 64);
    int list = lua_gettop(L);
    b->objectives = items_alloc(b, (int)n, sizeof *b->objectives);
    b->checks = items_alloc(b, (int)n, sizeof(int));
    b->objective_lines = items_alloc(b, (int)n, sizeof(int));
    for (int i = 1; i <= n && b->objectives && b->checks && b->objective_lines && !script_diags_enough(b->r.diags);
         i++) {
        if (lua_rawgeti(L, list, i) == LUA_TTABLE)
            read_objective(b, L, lua_gettop(L), i);
        else
            reader_problem(&b->r, b->scenario_line, "objectives: item %d must be a table", i);
        lua_pop(L, 1);
    }
    lua_pop(L, 1);
}

static void read_head(build *b, lua_State *L, int t)
{
    int line = b->scenario_line;
    reader_check_keys(&b->r, L, t, scenario_keys, "scenario", line);
    b->id = reader_str(&b->r, L, t, "id", "scenario", line, true, SIM_ID_MAX - 1);
    reader_valid_id(&b->r, b->id, "scenario", line);
    b->title = reader_str(&b->r, L, t, "title", "scenario", line, true, SCRIPT_TITLE_MAX);
    b->author = reader_str(&b->r, L, t, "author", "scenario", line, false, SCRIPT_TITLE_MAX);
    b->briefing = reader_str(&b->r, L, t, "briefing", "scenario", line, false, SCRIPT_BRIEFING_MAX);
    reader_str(&b->r, L, t, "summary", "scenario", line, false, SCRIPT_SUMMARY_MAX);
    reader_str(&b->r, L, t, "version", "scenario", line, false, SCRIPT_VERSION_MAX);
    reader_int(&b->r, L, t, "days", "scenario", line, 1, SIM_MAX_DAYS, &b->def.days, true);
    int seed = 1;
    reader_int(&b->r, L, t, "seed", "scenario", line, 0, 2147483647L, &seed, false);
    b->seed = (uint64_t)seed;
    double rate = 0;
    b->def.weakness_rate_ppm = -1;
    if (reader_num(&b->r, L, t, "weakness_rate", "scenario", line, 0, 1, &rate, false))
        b->def.weakness_rate_ppm = (int)(rate * 1e6 + 0.5);
    int n = reader_list(&b->r, L, t, "cwe_pool", "scenario", line, 16);
    for (int i = 1; i <= n; i++) {
        lua_rawgeti(L, -1, i);
        int whole = 0; /* 89 and 89.0 alike, as every integer field */
        lua_Integer cwe = lua_type(L, -1) == LUA_TNUMBER ? lua_tointegerx(L, -1, &whole) : 0;
        if (whole && cwe > 0 && cwe <= 100000)
            b->def.cwe_pool[i - 1] = (uint32_t)cwe;
        else
            reader_problem(&b->r, line, "cwe_pool: item %d must be a CWE number like 89", i);
        lua_pop(L, 1);
    }
    lua_pop(L, 1);
}

void build_read(build *b, lua_State *L, int t)
{
    read_head(b, L, t);
    assets_read_scenario(b, L, t);
    read_defender(b, L, t);
    read_nodes(b, L, t);
    read_links(b, L, t);
    read_actors(b, L, t);
    read_reports(b, L, t);
    read_actions(b, L, t);
    read_teaches(b, L, t);
    read_events(b, L, t);
    read_objectives(b, L, t);
    b->on_start = take_function(b, L, t, "on_start", "scenario", b->scenario_line);
    b->on_tick = take_function(b, L, t, "on_tick", "scenario", b->scenario_line);
    b->on_action = take_function(b, L, t, "on_action", "scenario", b->scenario_line);
    b->debrief = take_function(b, L, t, "debrief", "scenario", b->scenario_line);
    lint_read(b, L, t);
    b->def.nodes = b->nodes;
    b->def.links = b->links;
    b->def.vulns = b->vulns;
    b->def.actors = b->actors;
    b->def.reports = b->reports;
    b->def.objectives = b->objectives;
    b->def.overrides = b->overrides;
}

void build_free(build *b)
{
    free(b->nodes);
    free(b->node_lines);
    free(b->node_icons);
    assets_free(b->assets, b->nassets);
    free(b->links);
    free(b->link_lines);
    free(b->vulns);
    free(b->vuln_lines);
    free(b->actors);
    free(b->actor_lines);
    free(b->reports);
    free(b->report_lines);
    free(b->objectives);
    free(b->objective_lines);
    free(b->checks);
    free(b->overrides);
    free(b->events);
    reader_free(&b->r);
}
