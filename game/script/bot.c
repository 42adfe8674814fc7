/* bot.c — headless players: a sandboxed Lua script whose decide(view)
 * sees only what a player would see (the fog of war) and returns actions.
 *
 * A bot has its own sandbox and its own random stream, seeded from the
 * game's seed: its draws never touch the world's stream, so the action
 * log it produces replays the same game without the bot. Actions go
 * through script_scenario_act like the UI's. */
#include "script_internal.h"

#include <stdlib.h>
#include <string.h>

struct script_bot {
    script_sandbox *sb;
    int decide_ref;
    sim_rng rng;
    int log_seen;              /* visible log entries already shown */
    char *path;
};

static uint32_t bot_random(void *ud)
{
    return sim_rng_next(&((script_bot *)ud)->rng);
}

void script_bot_destroy(script_bot *b)
{
    if (!b)
        return;
    script_sandbox_destroy(b->sb);
    free(b->path);
    free(b);
}

/* Protected: (chunk result, int *ref) -> keeps decide in the registry
 * (luaL_ref allocates, so it must never run outside a protected call). */
static int find_decide(lua_State *L)
{
    int *ref = lua_touserdata(L, 2);
    lua_settop(L, 1);
    /* The chunk returns { decide = fn } or a function, or sets decide. */
    if (lua_istable(L, 1)) {
        lua_pushliteral(L, "decide");
        lua_rawget(L, 1);
    } else if (lua_isfunction(L, 1)) {
        lua_pushvalue(L, 1);
    } else {
        lua_getglobal(L, "decide");
    }
    if (!lua_isfunction(L, -1))
        return luaL_error(L, "a bot must define decide(view) (return { decide = function(view) ... end })");
    *ref = luaL_ref(L, LUA_REGISTRYINDEX);
    return 0;
}

script_bot *script_bot_load(const char *path, uint64_t seed, bw_err *err)
{
    script_bot *b = calloc(1, sizeof *b);
    if (!b) {
        bw_err_set(err, BW_ENOMEM, "out of memory loading a bot");
        return NULL;
    }
    b->decide_ref = LUA_NOREF;
    b->path = malloc(strlen(path) + 1);
    b->sb = script_sandbox_create(NULL, err);
    if (!b->path || !b->sb) {
        if (b->sb)
            bw_err_set(err, BW_ENOMEM, "out of memory loading a bot");
        script_bot_destroy(b);
        return NULL;
    }
    strcpy(b->path, path);
    sim_rng_seed(&b->rng, seed, 0x626f74 /* "bot" */);
    script_sandbox_set_random(b->sb, bot_random, b);
    lua_State *L = script_sandbox_lua(b->sb);
    int rc = script_sandbox_load_file(b->sb, path, NULL, err);
    if (rc == BW_OK)
        rc = script_sandbox_call(b->sb, 0, 1, err);
    if (rc == BW_OK) {
        lua_pushcfunction(L, find_decide);
        lua_rotate(L, -2, 1);
        lua_pushlightuserdata(L, &b->decide_ref);
        rc = script_sandbox_call(b->sb, 2, 0, err);
    }
    if (rc != BW_OK) {
        script_bot_destroy(b);
        return NULL;
    }
    return b;
}

/* ---- the view: what a player sees --------------------------------------------- */

typedef struct view_args {
    script_bot *b;
    const sim_world *w;
    int decide_ref;
} view_args;

static void push_node_vulns(lua_State *L, const sim_world *w, int n)
{
    lua_newtable(L);
    int k = 0;
    for (int v = 0; v < sim_vuln_count(w); v++) {
        sim_vuln_info vi;
        sim_vuln_get(w, v, &vi);
        if (vi.node != n || !vi.exists || !vi.known_to_defender || vi.patched)
            continue;
        lua_createtable(L, 0, 5);
        set_str(L, "id", vi.id);
        set_int(L, "cwe", vi.cwe);
        lua_pushnumber(L, vi.severity_tenths / 10.0);
        lua_setfield(L, -2, "severity");
        set_bool(L, "fix", vi.fix_available);
        set_bool(L, "public", vi.is_public);
        lua_rawseti(L, -2, ++k);
    }
}

static void push_nodes(lua_State *L, const sim_world *w)
{
    lua_createtable(L, sim_node_count(w), 0);
    for (int n = 0; n < sim_node_count(w); n++) {
        sim_node_info ni;
        sim_node_view nv;
        sim_node_get(w, n, &ni);
        sim_node_view_get(w, n, &nv);
        lua_createtable(L, 0, 12);
        set_str(L, "id", ni.id);
        set_str(L, "label", ni.label);
        set_str(L, "kind", sim_node_kind_name(ni.kind));
        set_str(L, "zone", sim_zone_name(ni.zone));
        set_int(L, "users", ni.users);
        set_int(L, "value", ni.value);
        set_str(L, "state", sim_state_name(nv.state));
        set_bool(L, "busy", nv.busy);
        lua_newtable(L);
        for (int c = 0; c < SIM_CONTROL_COUNT; c++)
            if (ni.controls & (1u << c))
                set_bool(L, sim_control_name(1u << c), true);
        lua_setfield(L, -2, "controls");
        push_node_vulns(L, w, n);
        lua_setfield(L, -2, "vulns");
        lua_newtable(L); /* the node actions that would be accepted now */
        for (int k = 0; k < SIM_ACTION_KIND_COUNT; k++) {
            sim_action_req r = { (sim_action_kind)k, n, 0 };
            if (sim_action_target_type(r.kind) == SIM_TARGET_NODE && sim_action_check(w, &r, NULL) == BW_OK)
                set_bool(L, sim_action_name(r.kind), true);
        }
        lua_setfield(L, -2, "can");
        lua_rawseti(L, -2, n + 1);
    }
}

static void push_actors_reports(lua_State *L, const sim_world *w)
{
    lua_newtable(L);
    int k = 0;
    for (int a = 0; a < sim_actor_count(w); a++) {
        sim_actor_info ai;
        sim_actor_get(w, a, &ai);
        if (!ai.indicators_known)
            continue; /* an attacker the defender knows nothing of is invisible */
        lua_createtable(L, 0, 5);
        set_str(L, "id", ai.id);
        set_str(L, "label", ai.label);
        set_bool(L, "detected", ai.detected);
        set_bool(L, "shared", ai.indicators_shared);
        lua_rawseti(L, -2, ++k);
    }
    lua_setfield(L, -2, "actors");
    lua_newtable(L);
    k = 0;
    for (int r = 0; r < sim_report_count(w); r++) {
        sim_report_info ri;
        sim_report_get(w, r, &ri);
        if (ri.state != SIM_REPORT_OPEN)
            continue;
        sim_vuln_info vi;
        sim_vuln_get(w, ri.vuln, &vi);
        lua_createtable(L, 0, 4);
        set_str(L, "id", ri.id);
        set_str(L, "vuln", vi.id);
        set_str(L, "reporter", ri.reporter);
        set_int(L, "deadline", ri.deadline);
        lua_rawseti(L, -2, ++k);
    }
    lua_setfield(L, -2, "reports");
}

static void push_choices(lua_State *L, const sim_world *w)
{
    lua_newtable(L);
    int k = 0;
    for (int c = 0; c < sim_choice_count(w); c++) {
        sim_choice_info ci;
        sim_choice_get(w, c, &ci);
        if (ci.answer >= 0)
            continue;
        lua_createtable(L, 0, 5);
        set_int(L, "id", c + 1);
        set_str(L, "text", ci.text);
        lua_createtable(L, ci.option_count, 0);
        for (int o = 0; o < ci.option_count; o++) {
            lua_pushstring(L, ci.options[o]);
            lua_rawseti(L, -2, o + 1);
        }
        lua_setfield(L, -2, "options");
        if (ci.offensive_option >= 0)
            set_int(L, "offensive", ci.offensive_option + 1);
        set_int(L, "deadline", ci.deadline);
        lua_rawseti(L, -2, ++k);
    }
    lua_setfield(L, -2, "choices");
}

static void push_actions_events(lua_State *L, int log_seen, const sim_world *w)
{
    lua_newtable(L);
    for (int k = 0; k < SIM_ACTION_KIND_COUNT; k++) {
        if (!sim_action_offered(w, (sim_action_kind)k) || k == SIM_ACT_CHOOSE)
            continue;
        sim_action_cost c = sim_action_cost_of(w, (sim_action_kind)k);
        lua_createtable(L, 0, 4);
        set_int(L, "money", c.money);
        set_int(L, "staff", c.staff_hours);
        set_int(L, "hours", c.duration);
        set_bool(L, "offensive", sim_action_is_offensive((sim_action_kind)k));
        lua_setfield(L, -2, sim_action_name((sim_action_kind)k));
    }
    lua_setfield(L, -2, "actions");
    lua_newtable(L); /* actions without a target that would be accepted now */
    for (int k = 0; k < SIM_ACTION_KIND_COUNT; k++) {
        sim_action_req r = { (sim_action_kind)k, -1, 0 };
        if (sim_action_target_type(r.kind) == SIM_TARGET_NONE && sim_action_check(w, &r, NULL) == BW_OK)
            set_bool(L, sim_action_name(r.kind), true);
    }
    lua_setfield(L, -2, "can");
    lua_newtable(L);
    int k = 0;
    for (int i = log_seen; i < sim_log_count(w); i++) {
        sim_log_entry e;
        sim_log_get(w, i, &e);
        if (!e.visible)
            continue;
        lua_createtable(L, 0, 3);
        set_int(L, "tick", e.tick);
        set_str(L, "kind", sim_log_kind_name(e.kind));
        set_str(L, "text", e.text);
        lua_rawseti(L, -2, ++k);
    }
    lua_setfield(L, -2, "events");
}

void script_view_push(lua_State *L, const sim_world *w, int log_seen)
{
    lua_createtable(L, 0, 20);
    int t = sim_world_tick(w);
    set_int(L, "tick", t);
    set_int(L, "day", t / SIM_TICKS_PER_DAY + 1);
    set_int(L, "hour", t % SIM_TICKS_PER_DAY);
    set_int(L, "days", sim_world_days(w));
    sim_defender_info d;
    sim_defender_get(w, &d);
    set_int(L, "budget", d.budget);
    set_int(L, "staff", d.staff);
    set_int(L, "staff_hours", d.staff_hours);
    set_bool(L, "in_sharing_group", d.in_sharing_group);
    set_bool(L, "security_txt", d.security_txt);
    lua_newtable(L);
    for (int ar = 0; ar < SIM_AREA_COUNT; ar++) {
        lua_pushnumber(L, d.capability_permille[ar] / 1000.0);
        lua_setfield(L, -2, sim_area_name((sim_area)ar));
    }
    lua_setfield(L, -2, "capability");
    sim_score sc;
    sim_world_score(w, &sc);
    lua_newtable(L);
    for (int p = 0; p < SIM_PILLAR_COUNT; p++)
        set_int(L, sim_pillar_name((sim_pillar)p), sc.pillar[p]);
    lua_setfield(L, -2, "score");
    push_nodes(L, w);
    lua_setfield(L, -2, "nodes");
    push_actors_reports(L, w);
    push_choices(L, w);
    push_actions_events(L, log_seen, w);
}

static int decide_trampoline(lua_State *L)
{
    view_args *a = lua_touserdata(L, 1);
    lua_rawgeti(L, LUA_REGISTRYINDEX, a->decide_ref);
    script_view_push(L, a->w, a->b->log_seen);
    lua_call(L, 1, 1);
    if (!lua_isnil(L, -1) && !lua_istable(L, -1))
        return luaL_error(L, "decide(view) must return a list of actions, not a %s", luaL_typename(L, -1));
    return 1;
}

/* ---- actions back ------------------------------------------------------------------ */

/* The index the target string/number names for this action, or -1. */
/* A small positive Lua integer (1..1000000) as a 0-based index, else -1:
 * a bot's number never reaches C arithmetic unchecked. */
static int small_index(lua_State *L, int idx)
{
    if (!lua_isinteger(L, idx))
        return -1;
    lua_Integer v = lua_tointeger(L, idx);
    return v >= 1 && v <= 1000000 ? (int)v - 1 : -1;
}

static int resolve_target(const sim_world *w, sim_action_kind k, lua_State *L, int idx)
{
    int ty = lua_type(L, idx);
    const char *id = ty == LUA_TSTRING ? lua_tostring(L, idx) : NULL;
    switch (sim_action_target_type(k)) {
    case SIM_TARGET_NODE: return id ? sim_node_find(w, id) : -1;
    case SIM_TARGET_ACTOR: return id ? sim_actor_find(w, id) : -1;
    case SIM_TARGET_REPORT: return id ? sim_report_find(w, id) : -1;
    case SIM_TARGET_AREA: return id ? sim_area_parse(id) : -1;
    case SIM_TARGET_CHOICE: return small_index(L, idx);
    default: return -1;
    }
}

/* Read the action at stack top ({ "patch", "web" } or { action = ..., target = ..., option = ... }). */
bool script_action_read(const sim_world *w, lua_State *L, sim_action_req *req)
{
    int t = lua_gettop(L);
    if (!lua_istable(L, t))
        return false;
    bool named = lua_rawgeti(L, t, 1) == LUA_TNIL;
    lua_pop(L, 1);
    if (named) {
        lua_pushliteral(L, "action");
        lua_rawget(L, t);
        lua_pushliteral(L, "target");
        lua_rawget(L, t);
        lua_pushliteral(L, "option");
        lua_rawget(L, t);
    } else {
        lua_rawgeti(L, t, 1);
        lua_rawgeti(L, t, 2);
        lua_rawgeti(L, t, 3);
    }
    bool ok = lua_type(L, t + 1) == LUA_TSTRING;
    int k = ok ? sim_action_parse(lua_tostring(L, t + 1)) : -1;
    if (k >= 0) {
        req->kind = (sim_action_kind)k;
        req->target = sim_action_target_type(req->kind) == SIM_TARGET_NONE ? -1
                                                                          : resolve_target(w, req->kind, L, t + 2);
        req->arg = lua_isnoneornil(L, t + 3) ? 0 : small_index(L, t + 3);
    }
    lua_settop(L, t);
    return k >= 0;
}

int script_bot_play(script_bot *b, script_scenario *s, int *taken, int *refused, bw_err *err)
{
    lua_State *L = script_sandbox_lua(b->sb);
    const sim_world *w = script_scenario_cworld(s);
    view_args a = { b, w, b->decide_ref };
    if (!lua_checkstack(L, 8))
        return bw_err_set(err, BW_ENOMEM, "%s: out of Lua stack", b->path);
    int top = lua_gettop(L);
    lua_pushcfunction(L, decide_trampoline);
    lua_pushlightuserdata(L, &a);
    int rc = script_sandbox_call(b->sb, 1, 1, err);
    if (rc != BW_OK)
        return rc;
    b->log_seen = sim_log_count(w);
    lua_Unsigned n = lua_istable(L, -1) ? lua_rawlen(L, -1) : 0;
    for (lua_Unsigned i = 1; i <= n && i <= 64; i++) {
        lua_rawgeti(L, top + 1, (lua_Integer)i);
        sim_action_req req = { 0, -1, 0 };
        bool ok = script_action_read(w, L, &req);
        lua_pop(L, 1);
        bw_err e;
        if (ok && script_scenario_act(s, &req, &e) >= 0) {
            if (taken)
                (*taken)++;
        } else {
            if (refused)
                (*refused)++;
            if (ok && (e.code == BW_ESCRIPT || e.code == BW_ELIMIT)) {
                lua_settop(L, top);
                return bw_err_set(err, e.code, "%s", e.msg);
            }
        }
    }
    lua_settop(L, top);
    return BW_OK;
}
