/* world_api.c — the `w` object a scenario's callbacks receive: queries of
 * the world and the primitives a story needs. Documented in
 * scripts/API.md and annotated in scripts/api/bulwark.lua.
 *
 * Every binding runs all its luaL_check* first: they long-jump, and
 * nothing is held then. Simulation calls never long-jump; a refusal comes
 * back as a code and is raised as a Lua error with the reason. Lua sees a
 * userdata whose metatable it cannot read, never a pointer. Each binding
 * is stack-neutral apart from its results. */
#include "script_internal.h"

#include <stddef.h>
#include <string.h>

#define WORLD_MT "bulwark.world"

typedef struct world_ud {
    script_scenario *s;
} world_ud;

static sim_world *W(lua_State *L)
{
    world_ud *u = luaL_checkudata(L, 1, WORLD_MT);
    return u->s->world;
}

static script_scenario *S(lua_State *L)
{
    return ((world_ud *)luaL_checkudata(L, 1, WORLD_MT))->s;
}

static int raise(lua_State *L, const bw_err *e)
{
    if (e->code == BW_ENOMEM)
        return script_sandbox_raise_nomem(L, e->msg);
    return luaL_error(L, "%s", e->msg);
}

/* A text argument (a log line, a question, a reason) checked before it
 * reaches the world: at most max bytes, no NUL byte (C would cut the text
 * there) and well-formed UTF-8 (it is shown, printed and written to JSON
 * records). A scenario that breaks these gets an error at the call, as it
 * would for the same text in its table, not a text silently cut. */
static const char *text_arg(lua_State *L, int idx, const char *fn, const char *what, size_t max)
{
    size_t len, bad = 0;
    const char *s = luaL_checklstring(L, idx, &len);
    if (len > max)
        luaL_error(L, "%s: the %s is %I bytes long; the limit is %I", fn, what, (lua_Integer)len, (lua_Integer)max);
    if (memchr(s, '\0', len))
        luaL_error(L, "%s: the %s holds a NUL byte (at byte %I)", fn, what,
                   (lua_Integer)((const char *)memchr(s, '\0', len) - s) + 1);
    if (!bw_utf8_valid(s, len, &bad))
        luaL_error(L, "%s: the %s is not valid UTF-8 (at byte %I)", fn, what, (lua_Integer)bad + 1);
    return s;
}

/* An id the script makes up (a zero-day's, a report's): the same rule as
 * ids in the scenario table. */
static const char *new_id_arg(lua_State *L, int idx, const char *fn)
{
    size_t len;
    const char *s = luaL_checklstring(L, idx, &len);
    if (len == 0 || len >= SIM_ID_MAX)
        luaL_error(L, "%s: an id is 1..%d bytes long, not %I", fn, SIM_ID_MAX - 1, (lua_Integer)len);
    for (size_t i = 0; i < len; i++) {
        char c = s[i];
        if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' ||
              c == '_' || c == '.'))
            luaL_error(L, "%s: an id may hold only letters, digits, '-', '_' and '.'", fn);
    }
    return s;
}

/* An id argument resolved to an index, or an error naming the closest. */
typedef int (*find_fn)(const sim_world *, const char *);
static int check_id(lua_State *L, int arg, find_fn find, int (*count)(const sim_world *),
                    const char *(*id_at)(const sim_world *, int), const char *what)
{
    sim_world *w = W(L);
    const char *id = luaL_checkstring(L, arg);
    int i = find(w, id);
    if (i >= 0)
        return i;
    const char *names[257];
    int n = count(w) < 256 ? count(w) : 256;
    for (int k = 0; k < n; k++)
        names[k] = id_at(w, k);
    names[n] = NULL;
    const char *near = bw_closest(id, names);
    if (near)
        return luaL_error(L, "unknown %s '%s' (did you mean '%s'?)", what, id, near);
    return luaL_error(L, "unknown %s '%s'", what, id);
}

static const char *node_id_at(const sim_world *w, int i)
{
    sim_node_info n;
    return sim_node_get(w, i, &n) == BW_OK ? n.id : "";
}
static const char *vuln_id_at(const sim_world *w, int i)
{
    sim_vuln_info v;
    return sim_vuln_get(w, i, &v) == BW_OK ? v.id : "";
}
static const char *actor_id_at(const sim_world *w, int i)
{
    sim_actor_info a;
    return sim_actor_get(w, i, &a) == BW_OK ? a.id : "";
}

static int node_arg(lua_State *L, int arg)
{
    return check_id(L, arg, sim_node_find, sim_node_count, node_id_at, "node");
}
static int vuln_arg(lua_State *L, int arg)
{
    return check_id(L, arg, sim_vuln_find, sim_vuln_count, vuln_id_at, "vulnerability");
}
static int actor_arg(lua_State *L, int arg)
{
    return check_id(L, arg, sim_actor_find, sim_actor_count, actor_id_at, "actor");
}

static int tick_arg(lua_State *L, int arg)
{
    lua_Integer t = luaL_checkinteger(L, arg);
    luaL_argcheck(L, t >= 0 && t <= SIM_MAX_DAYS * SIM_TICKS_PER_DAY, arg, "tick out of range");
    return (int)t;
}

/* ---- time and text --------------------------------------------------------------- */

static int w_tick(lua_State *L) { lua_pushinteger(L, sim_world_tick(W(L))); return 1; }
static int w_day(lua_State *L) { lua_pushinteger(L, sim_world_tick(W(L)) / SIM_TICKS_PER_DAY + 1); return 1; }
static int w_hour(lua_State *L) { lua_pushinteger(L, sim_world_tick(W(L)) % SIM_TICKS_PER_DAY); return 1; }
static int w_over(lua_State *L) { lua_pushboolean(L, sim_world_over(W(L))); return 1; }

static int w_message(lua_State *L)
{
    sim_world *w = W(L);
    const char *text = text_arg(L, 2, "w:message", "text", SIM_TEXT_MAX - 1);
    int node = lua_isnoneornil(L, 3) ? -1 : node_arg(L, 3);
    bw_err e;
    if (sim_message(w, text, node, &e) < 0)
        return raise(L, &e);
    return 0;
}

/* w:random() in [0,1); w:random(n) in 1..n; w:random(m, n) in m..n. */
static int w_random(lua_State *L)
{
    sim_world *w = W(L);
    int n = lua_gettop(L) - 1;
    lua_Integer lo = 1, hi = 0;
    if (n == 0) {
        uint32_t ra = sim_rng_next(sim_world_rng(w)), rb = sim_rng_next(sim_world_rng(w));
        sim_draw_note(w, "w:random", 0, ra); /* the author's debug view; no state */
        sim_draw_note(w, "w:random", 0, rb);
        uint32_t a = ra >> 5, b = rb >> 6;
        lua_pushnumber(L, ((double)a * 67108864.0 + (double)b) / 9007199254740992.0);
        return 1;
    }
    if (n == 1)
        hi = luaL_checkinteger(L, 2);
    else {
        lo = luaL_checkinteger(L, 2);
        hi = luaL_checkinteger(L, 3);
    }
    /* hi - lo in unsigned arithmetic: signed, (maxinteger - mininteger)
     * overflowed (undefined behaviour) and wrapped to -1, "in range" */
    lua_Unsigned span = (lua_Unsigned)hi - (lua_Unsigned)lo;
    luaL_argcheck(L, lo <= hi && span < 0xffffffffu, n == 1 ? 2 : 3, "interval is empty or too large");
    uint32_t v = sim_rng_below(sim_world_rng(w), (uint32_t)(span + 1));
    sim_draw_note(w, "w:random", (uint32_t)(span + 1), v);
    lua_pushinteger(L, (lua_Integer)((lua_Unsigned)lo + v));
    return 1;
}

static int w_choice(lua_State *L)
{
    sim_world *w = W(L);
    luaL_checktype(L, 2, LUA_TTABLE);
    lua_Unsigned n = lua_rawlen(L, 2);
    luaL_argcheck(L, n > 0 && n < 0xffffffffu, 2, "the list is empty");
    uint32_t v = sim_rng_below(sim_world_rng(w), (uint32_t)n);
    sim_draw_note(w, "w:choice", (uint32_t)n, v);
    lua_rawgeti(L, 2, (lua_Integer)v + 1);
    return 1;
}

/* ---- nodes ------------------------------------------------------------------------ */

static void push_controls(lua_State *L, unsigned controls)
{
    lua_newtable(L);
    int n = 0;
    for (int i = 0; i < SIM_CONTROL_COUNT; i++)
        if (controls & (1u << i)) {
            lua_pushstring(L, sim_control_name(1u << i));
            lua_rawseti(L, -2, ++n);
        }
}

static int w_node(lua_State *L)
{
    sim_world *w = W(L);
    int i = node_arg(L, 2);
    sim_node_info n;
    sim_node_view v;
    sim_node_get(w, i, &n);
    sim_node_view_get(w, i, &v);
    lua_createtable(L, 0, 14);
    lua_pushstring(L, n.id); lua_setfield(L, -2, "id");
    lua_pushstring(L, n.label); lua_setfield(L, -2, "label");
    lua_pushstring(L, sim_node_kind_name(n.kind)); lua_setfield(L, -2, "kind");
    lua_pushstring(L, sim_zone_name(n.zone)); lua_setfield(L, -2, "zone");
    lua_pushinteger(L, n.value); lua_setfield(L, -2, "value");
    lua_pushinteger(L, n.users); lua_setfield(L, -2, "users");
    lua_pushstring(L, sim_state_name(n.state)); lua_setfield(L, -2, "state");
    lua_pushstring(L, sim_state_name(v.state)); lua_setfield(L, -2, "seen_state");
    lua_pushboolean(L, n.intrusions > 0); lua_setfield(L, -2, "compromised");
    lua_pushboolean(L, v.detected_intrusions > 0); lua_setfield(L, -2, "detected");
    lua_pushboolean(L, n.data_lost); lua_setfield(L, -2, "data_lost");
    lua_pushinteger(L, v.known_vulns); lua_setfield(L, -2, "known_vulns");
    push_controls(L, n.controls); lua_setfield(L, -2, "controls");
    return 1;
}

static int w_nodes(lua_State *L)
{
    sim_world *w = W(L);
    lua_createtable(L, sim_node_count(w), 0);
    for (int i = 0; i < sim_node_count(w); i++) {
        lua_pushstring(L, node_id_at(w, i));
        lua_rawseti(L, -2, i + 1);
    }
    return 1;
}

static int w_has_control(lua_State *L)
{
    sim_world *w = W(L);
    int i = node_arg(L, 2);
    int bit = sim_control_parse(luaL_checkstring(L, 3));
    luaL_argcheck(L, bit > 0, 3, "unknown control");
    sim_node_info n;
    sim_node_get(w, i, &n);
    lua_pushboolean(L, (n.controls & (unsigned)bit) != 0);
    return 1;
}

/* ---- vulnerabilities --------------------------------------------------------- */

static int w_vuln(lua_State *L)
{
    sim_world *w = W(L);
    int i = vuln_arg(L, 2);
    sim_vuln_info v;
    sim_vuln_get(w, i, &v);
    lua_createtable(L, 0, 10);
    lua_pushstring(L, v.id); lua_setfield(L, -2, "id");
    lua_pushstring(L, node_id_at(w, v.node)); lua_setfield(L, -2, "node");
    lua_pushinteger(L, v.cwe); lua_setfield(L, -2, "cwe");
    lua_pushnumber(L, v.severity_tenths / 10.0); lua_setfield(L, -2, "severity");
    lua_pushboolean(L, v.patched); lua_setfield(L, -2, "patched");
    lua_pushboolean(L, v.fix_available); lua_setfield(L, -2, "fix");
    lua_pushboolean(L, v.known_to_defender); lua_setfield(L, -2, "known");
    lua_pushboolean(L, v.known_to_attackers); lua_setfield(L, -2, "attackers_know");
    lua_pushboolean(L, v.is_public); lua_setfield(L, -2, "public");
    lua_pushboolean(L, v.exists); lua_setfield(L, -2, "exists");
    return 1;
}

static bool opt_bool(lua_State *L, int t, const char *k, bool def)
{
    lua_getfield(L, t, k);
    bool v = lua_isnil(L, -1) ? def : lua_toboolean(L, -1);
    lua_pop(L, 1);
    return v;
}

static int w_add_vuln(lua_State *L)
{
    sim_world *w = W(L);
    luaL_checktype(L, 2, LUA_TTABLE);
    lua_getfield(L, 2, "id");
    lua_getfield(L, 2, "node");
    lua_getfield(L, 2, "cwe");
    lua_getfield(L, 2, "severity");
    sim_vuln_def d = { 0 };
    d.id = new_id_arg(L, -4, "w:add_vuln");
    d.node = luaL_checkstring(L, -3);
    lua_Integer cwe = luaL_checkinteger(L, -2);
    luaL_argcheck(L, cwe >= 1 && cwe <= 100000, 2, "cwe must be a CWE number (1..100000)");
    d.cwe = (int)cwe;
    double sev = luaL_checknumber(L, -1);
    luaL_argcheck(L, sev >= 0 && sev <= 10, 2, "severity must be 0..10");
    d.severity_tenths = (int)(sev * 10 + 0.5);
    d.fix_available = opt_bool(L, 2, "fix", false);
    d.known_to_defender = opt_bool(L, 2, "known", false);
    d.known_to_attackers = opt_bool(L, 2, "attackers_know", true);
    d.is_public = opt_bool(L, 2, "public", false);
    d.appears_at = sim_world_tick(w);
    bw_err e;
    if (sim_vuln_add(w, &d, &e) < 0)
        return raise(L, &e);
    return 0;
}

#define VULN_OP(name, fn)                                                                        \
    static int name(lua_State *L)                                                                \
    {                                                                                            \
        sim_world *w = W(L);                                                                     \
        int i = vuln_arg(L, 2);                                                                  \
        bw_err e;                                                                                \
        if (fn(w, i, &e) < 0)                                                                    \
            return raise(L, &e);                                                                 \
        return 0;                                                                                \
    }
VULN_OP(w_release_fix, sim_vuln_release_fix)
VULN_OP(w_make_public, sim_vuln_make_public)
VULN_OP(w_reveal, sim_vuln_reveal)

/* ---- actors -------------------------------------------------------------------- */

static int w_actor(lua_State *L)
{
    sim_world *w = W(L);
    int i = actor_arg(L, 2);
    sim_actor_info a;
    sim_actor_get(w, i, &a);
    lua_createtable(L, 0, 8);
    lua_pushstring(L, a.id); lua_setfield(L, -2, "id");
    lua_pushstring(L, a.label); lua_setfield(L, -2, "label");
    lua_pushstring(L, sim_motive_name(a.motive)); lua_setfield(L, -2, "motive");
    lua_pushinteger(L, a.skill); lua_setfield(L, -2, "skill");
    lua_pushboolean(L, a.detected); lua_setfield(L, -2, "detected");
    lua_pushboolean(L, a.indicators_known); lua_setfield(L, -2, "indicators_known");
    lua_pushboolean(L, a.indicators_shared); lua_setfield(L, -2, "indicators_shared");
    lua_pushboolean(L, sim_world_tick(w) < a.disrupted_until); lua_setfield(L, -2, "disrupted");
    return 1;
}

static int w_activate(lua_State *L)
{
    sim_world *w = W(L);
    int i = actor_arg(L, 2);
    int at = lua_isnoneornil(L, 3) ? sim_world_tick(w) : tick_arg(L, 3);
    bw_err e;
    if (sim_actor_set_active(w, i, at, &e) < 0)
        return raise(L, &e);
    return 0;
}

static int w_indicator(lua_State *L)
{
    sim_world *w = W(L);
    int i = actor_arg(L, 2);
    bw_err e;
    int rc = sim_indicator_receive(w, i, &e);
    if (rc < 0)
        return raise(L, &e);
    lua_pushboolean(L, rc == 1);
    return 1;
}

static int w_compromise(lua_State *L)
{
    sim_world *w = W(L);
    int n = node_arg(L, 2);
    int a = actor_arg(L, 3);
    int t = lua_isnoneornil(L, 4) ? SIM_T1078 : sim_technique_parse(luaL_checkstring(L, 4));
    luaL_argcheck(L, t >= 0, 4, "unknown ATT&CK technique");
    bw_err e;
    int rc = sim_intrusion_plant(w, a, n, (sim_technique)t, &e);
    if (rc < 0 && rc != BW_EBUSY)
        return raise(L, &e);
    lua_pushboolean(L, rc >= 0);
    return 1;
}

static int w_report(lua_State *L)
{
    sim_world *w = W(L);
    luaL_checktype(L, 2, LUA_TTABLE);
    lua_getfield(L, 2, "id");
    lua_getfield(L, 2, "vuln");
    lua_getfield(L, 2, "reporter");
    lua_getfield(L, 2, "deadline");
    sim_report_def d = { 0 };
    d.id = new_id_arg(L, -4, "w:report");
    d.vuln = luaL_checkstring(L, -3);
    d.reporter = lua_isnil(L, -2) ? "a researcher" : text_arg(L, -2, "w:report", "reporter", SIM_LABEL_MAX - 1);
    lua_Integer deadline = luaL_optinteger(L, -1, 7 * SIM_TICKS_PER_DAY);
    luaL_argcheck(L, deadline >= 1 && deadline <= SIM_MAX_DAYS * SIM_TICKS_PER_DAY, 2,
                  "deadline must be 1..8760 hours");
    d.deadline_ticks = (int)deadline;
    d.at = sim_world_tick(w);
    bw_err e;
    if (sim_report_add(w, &d, &e) < 0)
        return raise(L, &e);
    return 0;
}

/* ---- the defender and the score --------------------------------------------- */

static int w_budget(lua_State *L)
{
    sim_world *w = W(L);
    lua_Integer delta = luaL_optinteger(L, 2, 0);
    luaL_argcheck(L, delta >= -1000000 && delta <= 1000000, 2, "budget change out of range");
    bw_err e;
    if (delta && sim_defender_add_budget(w, (int)delta, &e) < 0)
        return raise(L, &e);
    sim_defender_info d;
    sim_defender_get(w, &d);
    lua_pushinteger(L, d.budget);
    return 1;
}

static int w_staff(lua_State *L)
{
    sim_world *w = W(L);
    lua_Integer delta = luaL_checkinteger(L, 2);
    luaL_argcheck(L, delta >= -1000 && delta <= 1000, 2, "staff change out of range");
    bw_err e;
    if (sim_defender_add_staff(w, (int)delta, &e) < 0)
        return raise(L, &e);
    return 0;
}

static int w_defender(lua_State *L)
{
    sim_world *w = W(L);
    sim_defender_info d;
    sim_defender_get(w, &d);
    lua_createtable(L, 0, 8);
    lua_pushinteger(L, d.budget); lua_setfield(L, -2, "budget");
    lua_pushinteger(L, d.staff); lua_setfield(L, -2, "staff");
    lua_pushinteger(L, d.staff_hours); lua_setfield(L, -2, "staff_hours");
    lua_pushboolean(L, d.in_sharing_group); lua_setfield(L, -2, "in_sharing_group");
    lua_pushboolean(L, d.security_txt); lua_setfield(L, -2, "security_txt");
    lua_createtable(L, 0, SIM_AREA_COUNT);
    for (int a = 0; a < SIM_AREA_COUNT; a++) {
        lua_pushnumber(L, d.capability_permille[a] / 1000.0);
        lua_setfield(L, -2, sim_area_name((sim_area)a));
    }
    lua_setfield(L, -2, "capability");
    return 1;
}

static int pillar_arg(lua_State *L, int arg)
{
    const char *name = luaL_checkstring(L, arg);
    for (int p = 0; p < SIM_PILLAR_COUNT; p++)
        if (strcmp(name, sim_pillar_name((sim_pillar)p)) == 0)
            return p;
    return luaL_error(L, "unknown pillar '%s' (protection, responsibility, capacity, collaboration)", name);
}

static int w_score(lua_State *L)
{
    sim_world *w = W(L);
    sim_score s;
    sim_world_score(w, &s);
    lua_createtable(L, 0, SIM_PILLAR_COUNT);
    for (int p = 0; p < SIM_PILLAR_COUNT; p++) {
        lua_pushinteger(L, s.pillar[p]);
        lua_setfield(L, -2, sim_pillar_name((sim_pillar)p));
    }
    return 1;
}

static const struct { const char *k; size_t off; } tally_fields[] = {
    { "offenses", offsetof(sim_tally, offenses) },
    { "bystanders_harmed", offsetof(sim_tally, bystanders_harmed) },
    { "deadlines_missed", offsetof(sim_tally, deadlines_missed) },
    { "breaches_concealed", offsetof(sim_tally, breaches_concealed) },
    { "indicators_shared", offsetof(sim_tally, indicators_shared) },
    { "indicators_received", offsetof(sim_tally, indicators_received) },
    { "reports_coordinated", offsetof(sim_tally, reports_coordinated) },
    { "breaches_notified", offsetof(sim_tally, breaches_notified) },
    { "nodes_compromised", offsetof(sim_tally, nodes_compromised) },
};

/* The counts behind the pillars, for a debrief that says what happened. */
static int w_tally(lua_State *L)
{
    sim_world *w = W(L);
    sim_tally t;
    sim_world_tally(w, &t);
    lua_createtable(L, 0, 14);
    lua_pushboolean(L, t.data_lost > 0);
    lua_setfield(L, -2, "data_lost");
    for (size_t i = 0; i < sizeof tally_fields / sizeof tally_fields[0]; i++) {
        lua_pushinteger(L, *(const int *)((const char *)&t + tally_fields[i].off));
        lua_setfield(L, -2, tally_fields[i].k);
    }
    return 1;
}

/* The names w:tally() sets, for the lints; NULL past the last. */
const char *script_tally_name(int i)
{
    int n = (int)(sizeof tally_fields / sizeof tally_fields[0]);
    return i < 0 || i > n ? NULL : i == n ? "data_lost" : tally_fields[i].k;
}

static int w_adjust(lua_State *L)
{
    sim_world *w = W(L);
    int p = pillar_arg(L, 2);
    lua_Integer delta = luaL_checkinteger(L, 3);
    const char *why = text_arg(L, 4, "w:adjust", "reason", SIM_TEXT_MAX - 1);
    luaL_argcheck(L, delta >= -100 && delta <= 100, 3, "an adjustment is -100..100");
    bw_err e;
    if (sim_score_adjust(w, (sim_pillar)p, (int)delta, why, &e) < 0)
        return raise(L, &e);
    return 0;
}

static int w_offense(lua_State *L)
{
    sim_world *w = W(L);
    lua_Integer sev = luaL_checkinteger(L, 2);
    const char *what = text_arg(L, 3, "w:offense", "description", SIM_TEXT_MAX - 1);
    bool bystander = lua_toboolean(L, 4);
    luaL_argcheck(L, sev >= 0 && sev <= 100, 2, "severity is 0..100");
    bw_err e;
    if (sim_offense_record(w, (int)sev, bystander, what, &e) < 0)
        return raise(L, &e);
    return 0;
}

/* ---- story: choices, schedules, objectives, the end ----------------------------- */

/* Every event, choice and scheduled function stays registered for the
 * whole game: an event that schedules two more, each of which schedules
 * two more, would otherwise grow the game's memory (outside the script's
 * cap) and its tick without end. */
static void callbacks_left(lua_State *L, const script_scenario *s)
{
    if (s->callback_count >= SCRIPT_MAX_CALLBACKS)
        luaL_error(L, "a game may hold at most %d events, choices and scheduled functions", SCRIPT_MAX_CALLBACKS);
}

static int w_choose(lua_State *L)
{
    script_scenario *s = S(L);
    luaL_checktype(L, 2, LUA_TTABLE);
    lua_getfield(L, 2, "text");
    const char *text = text_arg(L, -1, "w:choose", "text", SIM_TEXT_MAX - 1);
    lua_getfield(L, 2, "options");
    luaL_checktype(L, -1, LUA_TTABLE);
    int opts = lua_gettop(L);
    lua_Unsigned n = lua_rawlen(L, opts);
    luaL_argcheck(L, n >= 1 && n <= SIM_MAX_CHOICE_OPTIONS, 2, "a choice has 1..6 options");
    const char *options[SIM_MAX_CHOICE_OPTIONS];
    for (lua_Unsigned i = 0; i < n; i++) {
        lua_rawgeti(L, opts, (lua_Integer)i + 1);
        options[i] = text_arg(L, -1, "w:choose", "option", SIM_TEXT_MAX - 1); /* stays on the stack */
    }
    lua_getfield(L, 2, "default");
    lua_getfield(L, 2, "offensive");
    lua_getfield(L, 2, "deadline");
    lua_getfield(L, 2, "on_answer");
    /* 1-based in Lua; range-checked before any arithmetic or cast */
    lua_Integer def = luaL_optinteger(L, -4, 1);
    lua_Integer off = luaL_optinteger(L, -3, 0);
    lua_Integer deadline = luaL_optinteger(L, -2, SIM_TICKS_PER_DAY);
    luaL_checktype(L, -1, LUA_TFUNCTION);
    callbacks_left(L, s);
    luaL_argcheck(L, deadline >= 1 && deadline <= SIM_MAX_DAYS * SIM_TICKS_PER_DAY, 2, "deadline out of range");
    luaL_argcheck(L, def >= 1 && def <= (lua_Integer)n, 2, "default is not one of the options");
    luaL_argcheck(L, off >= 0 && off <= (lua_Integer)n, 2, "offensive is not one of the options");
    def--;
    off--;
    int cookie = script_callback_add(s, L); /* pops on_answer */
    if (cookie < 0)
        return script_sandbox_raise_nomem(L, "out of memory");
    bw_err e;
    int c = sim_choice_open(s->world, text, options, (int)n, (int)deadline, (int)def, (int)off,
                            (uint32_t)cookie, &e);
    if (c < 0)
        return raise(L, &e);
    lua_pushinteger(L, c + 1);
    return 1;
}

static int schedule(lua_State *L, int at)
{
    script_scenario *s = S(L);
    luaL_checktype(L, 3, LUA_TFUNCTION);
    lua_settop(L, 3);
    callbacks_left(L, s);
    int cookie = script_callback_add(s, L);
    if (cookie < 0)
        return script_sandbox_raise_nomem(L, "out of memory");
    bw_err e;
    if (sim_event_schedule(s->world, at, (uint32_t)cookie, &e) < 0)
        return raise(L, &e);
    return 0;
}

static int w_schedule(lua_State *L)
{
    W(L);
    return schedule(L, tick_arg(L, 2));
}

static int w_after(lua_State *L)
{
    sim_world *w = W(L);
    lua_Integer h = luaL_checkinteger(L, 2);
    luaL_argcheck(L, h >= 0 && h <= SIM_MAX_DAYS * SIM_TICKS_PER_DAY, 2, "hours out of range");
    return schedule(L, sim_world_tick(w) + (int)h);
}

static int w_objective(lua_State *L)
{
    sim_world *w = W(L);
    const char *id = luaL_checkstring(L, 2);
    luaL_checktype(L, 3, LUA_TBOOLEAN);
    for (int i = 0; i < sim_objective_count(w); i++) {
        sim_objective_info o;
        sim_objective_get(w, i, &o);
        if (strcmp(o.id, id) == 0) {
            bw_err e;
            if (sim_objective_set(w, i, lua_toboolean(L, 3), &e) < 0)
                return raise(L, &e);
            return 0;
        }
    }
    return luaL_error(L, "unknown objective '%s'", id);
}

static int w_end_game(lua_State *L)
{
    sim_world *w = W(L);
    luaL_checktype(L, 2, LUA_TBOOLEAN);
    const char *why = text_arg(L, 3, "w:end_game", "reason", SIM_TEXT_MAX - 1);
    bw_err e;
    if (sim_world_end(w, lua_toboolean(L, 2), why, &e) < 0)
        return raise(L, &e);
    return 0;
}

static const luaL_Reg methods[] = {
    { "tick", w_tick }, { "day", w_day }, { "hour", w_hour }, { "over", w_over },
    { "message", w_message }, { "random", w_random }, { "choice", w_choice },
    { "node", w_node }, { "nodes", w_nodes }, { "has_control", w_has_control },
    { "vuln", w_vuln }, { "add_vuln", w_add_vuln }, { "release_fix", w_release_fix },
    { "make_public", w_make_public }, { "reveal", w_reveal },
    { "actor", w_actor }, { "activate", w_activate }, { "indicator", w_indicator },
    { "compromise", w_compromise }, { "report", w_report },
    { "budget", w_budget }, { "staff", w_staff }, { "defender", w_defender },
    { "score", w_score }, { "tally", w_tally }, { "adjust", w_adjust }, { "offense", w_offense },
    { "choose", w_choose }, { "schedule", w_schedule }, { "after", w_after },
    { "objective", w_objective }, { "end_game", w_end_game },
    { NULL, NULL },
};

void script_world_open(lua_State *L)
{
    luaL_newmetatable(L, WORLD_MT);
    luaL_newlib(L, methods);
    lua_setfield(L, -2, "__index");
    lua_pushliteral(L, "world"); /* getmetatable(w) shows this, never the table */
    lua_setfield(L, -2, "__metatable");
    lua_pop(L, 1);
}

/* Pushes the scenario's `w` (one userdata per scenario, kept in the
 * registry). Called from protected contexts only. */
void script_world_push(lua_State *L, script_scenario *s)
{
    if (lua_rawgetp(L, LUA_REGISTRYINDEX, &SCRIPT_KEY_WORLD) == LUA_TUSERDATA)
        return;
    lua_pop(L, 1);
    world_ud *u = lua_newuserdatauv(L, sizeof *u, 0);
    u->s = s;
    luaL_setmetatable(L, WORLD_MT);
    lua_pushvalue(L, -1);
    lua_rawsetp(L, LUA_REGISTRYINDEX, &SCRIPT_KEY_WORLD);
}
