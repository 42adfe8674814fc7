/* testrun_world.c — what a scenario test reads from a game: the
 * player's view (g:view, exactly what a bot's decide gets), the truth
 * about nodes and vulnerabilities (hidden state included: authors test
 * it), the log, the result and the tallies. Reading never changes the
 * world. Each binding checks its arguments before it pushes anything. */
#include "testrun_internal.h"

#include <string.h>

static int g_day(lua_State *L)
{
    test_game *g = testrun_check_game(L, "g:day");
    lua_pushinteger(L, sim_world_tick(script_scenario_cworld(g->s)) / SIM_TICKS_PER_DAY + 1);
    return 1;
}

static int g_hour(lua_State *L)
{
    test_game *g = testrun_check_game(L, "g:hour");
    lua_pushinteger(L, sim_world_tick(script_scenario_cworld(g->s)) % SIM_TICKS_PER_DAY);
    return 1;
}

static int g_over(lua_State *L)
{
    test_game *g = testrun_check_game(L, "g:over");
    lua_pushboolean(L, sim_world_over(script_scenario_cworld(g->s)));
    return 1;
}

static int g_view(lua_State *L)
{
    test_game *g = testrun_check_game(L, "g:view");
    const sim_world *w = script_scenario_cworld(g->s);
    script_view_push(L, w, g->view_seen);
    g->view_seen = sim_log_count(w);
    return 1;
}

static void push_controls(lua_State *L, unsigned controls)
{
    lua_newtable(L);
    for (int c = 0; c < SIM_CONTROL_COUNT; c++)
        if (controls & (1u << c))
            set_bool(L, sim_control_name(1u << c), true);
}

/* "a, b, c" of every id of a kind, for "no such" messages. */
static const char *node_list(lua_State *L, const sim_world *w)
{
    luaL_Buffer b;
    luaL_buffinit(L, &b);
    for (int i = 0; i < sim_node_count(w); i++) {
        sim_node_info n;
        sim_node_get(w, i, &n);
        if (i)
            luaL_addstring(&b, ", ");
        luaL_addstring(&b, n.id);
    }
    luaL_pushresult(&b);
    return lua_tostring(L, -1);
}

/* g:node(id) -> the truth about a node (not what the player sees). */
static int g_node(lua_State *L)
{
    test_game *g = testrun_check_game(L, "g:node");
    const char *id = luaL_checkstring(L, 2);
    const sim_world *w = script_scenario_cworld(g->s);
    int i = sim_node_find(w, id);
    if (i < 0)
        return luaL_error(L, "g:node: no node '%s' (the nodes: %s)", id, node_list(L, w));
    sim_node_info n;
    sim_node_view v;
    sim_node_get(w, i, &n);
    sim_node_view_get(w, i, &v);
    lua_createtable(L, 0, 18);
    set_str(L, "id", n.id);
    set_str(L, "label", n.label);
    set_str(L, "kind", sim_node_kind_name(n.kind));
    set_str(L, "zone", sim_zone_name(n.zone));
    set_int(L, "value", n.value);
    set_int(L, "users", n.users);
    set_str(L, "state", sim_state_name(n.state));
    set_str(L, "seen_state", sim_state_name(v.state));
    set_bool(L, "compromised", n.intrusions > 0);
    set_int(L, "intrusions", n.intrusions);
    set_bool(L, "detected", v.detected_intrusions > 0);
    set_bool(L, "data_lost", n.data_lost);
    set_bool(L, "has_data", n.has_data);
    set_bool(L, "busy", v.busy);
    set_int(L, "known_vulns", v.known_vulns);
    push_controls(L, n.controls);
    lua_setfield(L, -2, "controls");
    lua_newtable(L);
    int k = 0;
    for (int x = 0; x < sim_vuln_count(w); x++) {
        sim_vuln_info vi;
        sim_vuln_get(w, x, &vi);
        if (vi.node == i && vi.exists && !vi.patched) {
            lua_pushstring(L, vi.id);
            lua_rawseti(L, -2, ++k);
        }
    }
    lua_setfield(L, -2, "vulns");
    return 1;
}

/* g:vuln(id) -> the truth about a vulnerability. */
static int g_vuln(lua_State *L)
{
    test_game *g = testrun_check_game(L, "g:vuln");
    const char *id = luaL_checkstring(L, 2);
    const sim_world *w = script_scenario_cworld(g->s);
    int i = sim_vuln_find(w, id);
    if (i < 0)
        return luaL_error(L, "g:vuln: no vulnerability '%s'", id);
    sim_vuln_info v;
    sim_vuln_get(w, i, &v);
    sim_node_info n;
    sim_node_get(w, v.node, &n);
    lua_createtable(L, 0, 12);
    set_str(L, "id", v.id);
    set_str(L, "node", n.id);
    set_int(L, "cwe", v.cwe);
    lua_pushnumber(L, v.severity_tenths / 10.0);
    lua_setfield(L, -2, "severity");
    set_bool(L, "exists", v.exists);
    set_bool(L, "patched", v.patched);
    set_bool(L, "fix", v.fix_available);
    set_bool(L, "known", v.known_to_defender);
    set_bool(L, "known_to_attackers", v.known_to_attackers);
    set_bool(L, "public", v.is_public);
    set_int(L, "found_at", v.found_at);
    return 1;
}

/* Every log line (all = true) or only those the player saw. */
static int push_lines(lua_State *L, const sim_world *w, bool all)
{
    lua_createtable(L, sim_log_count(w), 0);
    int k = 0;
    for (int i = 0; i < sim_log_count(w); i++) {
        sim_log_entry e;
        sim_log_get(w, i, &e);
        if (all || e.visible) {
            lua_pushstring(L, e.text);
            lua_rawseti(L, -2, ++k);
        }
    }
    return 1;
}

static int g_messages(lua_State *L)
{
    test_game *g = testrun_check_game(L, "g:messages");
    return push_lines(L, script_scenario_cworld(g->s), true);
}

static int g_timeline(lua_State *L)
{
    test_game *g = testrun_check_game(L, "g:timeline");
    return push_lines(L, script_scenario_cworld(g->s), false);
}

static void push_pillars(lua_State *L, const sim_world *w)
{
    sim_score sc;
    sim_world_score(w, &sc);
    lua_createtable(L, 0, SIM_PILLAR_COUNT);
    for (int p = 0; p < SIM_PILLAR_COUNT; p++)
        set_int(L, sim_pillar_name((sim_pillar)p), sc.pillar[p]);
}

static int g_score(lua_State *L)
{
    test_game *g = testrun_check_game(L, "g:score");
    push_pillars(L, script_scenario_cworld(g->s));
    return 1;
}

static int g_result(lua_State *L)
{
    test_game *g = testrun_check_game(L, "g:result");
    const sim_world *w = script_scenario_cworld(g->s);
    sim_outcome o = sim_world_outcome(w);
    lua_createtable(L, 0, 8);
    set_str(L, "outcome", o == SIM_OUTCOME_WON ? "won" : o == SIM_OUTCOME_LOST ? "lost" : "running");
    set_int(L, "stars", sim_world_stars(w));
    push_pillars(L, w);
    lua_setfield(L, -2, "pillars");
    lua_createtable(L, sim_objective_count(w), 0);
    for (int i = 0; i < sim_objective_count(w); i++) {
        sim_objective_info oi;
        sim_objective_get(w, i, &oi);
        lua_createtable(L, 0, 4);
        set_str(L, "id", oi.id);
        set_str(L, "text", oi.text);
        set_bool(L, "done", oi.met);
        set_bool(L, "optional", oi.optional);
        lua_rawseti(L, -2, i + 1);
    }
    lua_setfield(L, -2, "objectives");
    char hex[17];
    snprintf(hex, sizeof hex, "%016llx", (unsigned long long)sim_world_hash(w));
    set_str(L, "world_hash", hex);
    set_int(L, "days", sim_world_tick(w) / SIM_TICKS_PER_DAY);
    set_int(L, "ticks", sim_world_tick(w));
    return 1;
}

/* The scenario's debrief text ("" when it has none), from its debrief
 * callback; its error (a limit, a wrong return value) fails the test. */
static int g_debrief(lua_State *L)
{
    test_game *g = testrun_check_game(L, "g:debrief");
    const char *text = "";
    bw_err e;
    if (script_scenario_debrief(g->s, &text, &e) < 0)
        return luaL_error(L, "g:debrief: %s", e.msg);
    lua_pushstring(L, text);
    return 1;
}

static int g_defender(lua_State *L)
{
    test_game *g = testrun_check_game(L, "g:defender");
    sim_defender_info d;
    sim_defender_get(script_scenario_cworld(g->s), &d);
    lua_createtable(L, 0, 8);
    set_int(L, "budget", d.budget);
    set_int(L, "income", d.income_per_day);
    set_int(L, "staff", d.staff);
    set_int(L, "staff_hours", d.staff_hours);
    set_bool(L, "in_sharing_group", d.in_sharing_group);
    set_bool(L, "security_txt", d.security_txt);
    lua_newtable(L);
    for (int a = 0; a < SIM_AREA_COUNT; a++) {
        lua_pushnumber(L, d.capability_permille[a] / 1000.0);
        lua_setfield(L, -2, sim_area_name((sim_area)a));
    }
    lua_setfield(L, -2, "capability");
    return 1;
}

static int g_tally(lua_State *L)
{
    test_game *g = testrun_check_game(L, "g:tally");
    sim_tally t;
    sim_world_tally(script_scenario_cworld(g->s), &t);
    lua_createtable(L, 0, 16);
    set_int(L, "offenses", t.offenses);
    set_int(L, "bystanders_harmed", t.bystanders_harmed);
    set_int(L, "deadlines_missed", t.deadlines_missed);
    set_int(L, "breaches_concealed", t.breaches_concealed);
    set_int(L, "indicators_shared", t.indicators_shared);
    set_int(L, "indicators_received", t.indicators_received);
    set_int(L, "reports_coordinated", t.reports_coordinated);
    set_int(L, "breaches_notified", t.breaches_notified);
    set_int(L, "partners_protected", t.partners_protected);
    set_int(L, "nodes_compromised", t.nodes_compromised);
    set_int(L, "data_lost", t.data_lost);
    return 1;
}

/* g:actions() -> the player's accepted actions: { tick =, action =, target = }. */
static int g_actions(lua_State *L)
{
    test_game *g = testrun_check_game(L, "g:actions");
    const sim_world *w = script_scenario_cworld(g->s);
    int n = script_scenario_action_count(g->s);
    lua_createtable(L, n, 0);
    for (int i = 0; i < n; i++) {
        const script_logged_action *a = script_scenario_action_at(g->s, i);
        lua_createtable(L, 0, 4);
        set_int(L, "tick", a->tick);
        set_str(L, "action", sim_action_name(a->req.kind));
        const char *id = NULL;
        sim_node_info ni;
        sim_actor_info ai;
        sim_report_info ri;
        switch (sim_action_target_type(a->req.kind)) {
        case SIM_TARGET_NODE: id = sim_node_get(w, a->req.target, &ni) == BW_OK ? ni.id : NULL; break;
        case SIM_TARGET_ACTOR: id = sim_actor_get(w, a->req.target, &ai) == BW_OK ? ai.id : NULL; break;
        case SIM_TARGET_REPORT: id = sim_report_get(w, a->req.target, &ri) == BW_OK ? ri.id : NULL; break;
        case SIM_TARGET_AREA: id = sim_area_name((sim_area)a->req.target); break;
        case SIM_TARGET_CHOICE:
            set_int(L, "target", a->req.target + 1);
            set_int(L, "option", a->req.arg + 1);
            break;
        default: break;
        }
        if (id)
            set_str(L, "target", id);
        lua_rawseti(L, -2, i + 1);
    }
    return 1;
}

const luaL_Reg testrun_read_methods[] = {
    { "day", g_day },
    { "hour", g_hour },
    { "over", g_over },
    { "view", g_view },
    { "node", g_node },
    { "vuln", g_vuln },
    { "messages", g_messages },
    { "timeline", g_timeline },
    { "result", g_result },
    { "debrief", g_debrief },
    { "score", g_score },
    { "defender", g_defender },
    { "tally", g_tally },
    { "actions", g_actions },
    { NULL, NULL },
};
