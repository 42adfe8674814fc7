/* scenario_run.c — a loaded scenario at play: the simulation's hooks call
 * the scenario's Lua callbacks; actions go through the simulation and
 * into the action log; the first script error ends the game with its
 * file:line.
 *
 * Lua runs only through script_sandbox_call, so every callback has its
 * instruction budget and a tripped limit ends the scenario for good. */
#include "script_internal.h"

#include <stdlib.h>
#include <string.h>

const char SCRIPT_KEY_WORLD = 'W';

static bool callbacks_room(script_scenario *s)
{
    if (s->callback_count == s->callback_cap) {
        int ncap = s->callback_cap ? s->callback_cap * 2 : 16;
        int *p = realloc(s->callbacks, (size_t)ncap * sizeof *p);
        if (!p)
            return false;
        s->callbacks = p;
        s->callback_cap = ncap;
    }
    return true;
}

int script_callback_add(script_scenario *s, lua_State *L)
{
    if (!callbacks_room(s)) {
        lua_pop(L, 1);
        return -1;
    }
    s->callbacks[s->callback_count] = luaL_ref(L, LUA_REGISTRYINDEX);
    return s->callback_count++;
}

int script_callback_keep(script_scenario *s, int ref)
{
    if (!callbacks_room(s))
        return -1;
    s->callbacks[s->callback_count] = ref;
    return s->callback_count++;
}

static void fail(script_scenario *s, const bw_err *e)
{
    if (!s->hook_failed) {
        s->hook_failed = true;
        s->hook_err = *e;
    }
}

/* The callback and its arguments, pushed inside a protected call: a push
 * may raise a memory error, which must never happen outside one. */
typedef struct invoke_args {
    script_scenario *s;
    int ref, option, nresults;  /* option > 0: pushed after w */
    const char *action, *target; /* action != NULL: pushed after w */
} invoke_args;

static int trampoline(lua_State *L)
{
    invoke_args *a = lua_touserdata(L, 1);
    lua_rawgeti(L, LUA_REGISTRYINDEX, a->ref);
    script_world_push(L, a->s);
    int n = 1;
    if (a->option > 0) {
        lua_pushinteger(L, a->option);
        n++;
    }
    if (a->action) {
        lua_pushstring(L, a->action);
        if (a->target)
            lua_pushstring(L, a->target);
        else
            lua_pushnil(L);
        n += 2;
    }
    lua_call(L, n, a->nresults);
    return a->nresults;
}

/* Run one callback; false (and the error kept) when it failed. Leaves
 * a->nresults results on the stack on success. */
static bool invoke(invoke_args *a)
{
    script_scenario *s = a->s;
    lua_State *L = script_sandbox_lua(s->sb);
    if (s->hook_failed || a->ref == LUA_NOREF || a->ref == LUA_REFNIL)
        return false;
    bw_err e;
    if (!lua_checkstack(L, 8)) {
        bw_err_set(&e, BW_ENOMEM, "%s: out of Lua stack", s->path);
        fail(s, &e);
        return false;
    }
    lua_pushcfunction(L, trampoline);
    lua_pushlightuserdata(L, a);
    if (script_sandbox_call(s->sb, 1, a->nresults, &e) != BW_OK) {
        fail(s, &e);
        return false;
    }
    return true;
}

void script_invoke(script_scenario *s, int ref)
{
    invoke_args a = { s, ref, 0, 0, NULL, NULL };
    invoke(&a);
}

static void hook_event(void *ud, sim_world *w, uint32_t cookie)
{
    (void)w;
    script_scenario *s = ud;
    if ((int)cookie < s->callback_count)
        script_invoke(s, s->callbacks[cookie]);
}

static void hook_choice(void *ud, sim_world *w, uint32_t cookie, int option)
{
    (void)w;
    script_scenario *s = ud;
    if ((int)cookie >= s->callback_count)
        return;
    invoke_args a = { s, s->callbacks[cookie], option + 1 /* Lua counts from 1 */, 0, NULL, NULL };
    invoke(&a);
}

static void target_name(const sim_world *w, sim_action_kind k, int target, char *buf, size_t n)
{
    buf[0] = '\0';
    switch (sim_action_target_type(k)) {
    case SIM_TARGET_NODE: {
        sim_node_info ni;
        if (sim_node_get(w, target, &ni) == BW_OK)
            snprintf(buf, n, "%s", ni.id);
        break;
    }
    case SIM_TARGET_ACTOR: {
        sim_actor_info ai;
        if (sim_actor_get(w, target, &ai) == BW_OK)
            snprintf(buf, n, "%s", ai.id);
        break;
    }
    case SIM_TARGET_REPORT: {
        sim_report_info ri;
        if (sim_report_get(w, target, &ri) == BW_OK)
            snprintf(buf, n, "%s", ri.id);
        break;
    }
    case SIM_TARGET_AREA: snprintf(buf, n, "%s", sim_area_name((sim_area)target)); break;
    case SIM_TARGET_CHOICE: snprintf(buf, n, "%d", target + 1); break;
    default: break;
    }
}

static void hook_action(void *ud, sim_world *w, sim_action_kind kind, int target, int arg)
{
    (void)arg;
    script_scenario *s = ud;
    if (s->on_action == LUA_NOREF || kind == SIM_ACT_CHOOSE)
        return;
    char name[SIM_ID_MAX];
    target_name(w, kind, target, name, sizeof name);
    invoke_args a = { s, s->on_action, 0, 0, sim_action_name(kind), name[0] ? name : NULL };
    invoke(&a);
}

/* The line where the function behind ref is defined (0 when unknown): a
 * wrong return value has no line of its own, its function has. Cannot
 * raise: lua_getinfo and lua_rawgeti do not allocate. */
static int function_line(lua_State *L, int ref)
{
    lua_Debug ar;
    if (!lua_checkstack(L, 1))
        return 0;
    lua_rawgeti(L, LUA_REGISTRYINDEX, ref);
    if (!lua_isfunction(L, -1)) {
        lua_pop(L, 1);
        return 0;
    }
    return lua_getinfo(L, ">S", &ar) && ar.linedefined > 0 ? ar.linedefined : 0;
}

/* Script objectives are checked at the end of every day (and so at the
 * end of the game, which ends on a day boundary). */
static void check_objectives(script_scenario *s)
{
    lua_State *L = script_sandbox_lua(s->sb);
    for (int i = 0; i < s->objective_count && !s->hook_failed; i++) {
        if (s->objective_checks[i] == LUA_NOREF)
            continue;
        invoke_args a = { s, s->objective_checks[i], 0, 1, NULL, NULL };
        if (!invoke(&a))
            return;
        /* true, false or nil: returning the vulnerability's table instead
         * of its .patched would mark the objective met for ever */
        int ty = lua_type(L, -1);
        if (ty != LUA_TBOOLEAN && ty != LUA_TNIL) {
            bw_err e;
            sim_objective_info oi = { 0 };
            sim_objective_get(s->world, i, &oi);
            bw_err_set(&e, BW_ESCRIPT, "%s:%d: objective '%s': check must return true or false, not a %s",
                       s->path, function_line(L, s->objective_checks[i]), oi.id ? oi.id : "?",
                       lua_typename(L, ty));
            lua_pop(L, 1);
            fail(s, &e);
            return;
        }
        sim_objective_set(s->world, i, lua_toboolean(L, -1), NULL);
        lua_pop(L, 1);
    }
}

static void hook_tick(void *ud, sim_world *w)
{
    script_scenario *s = ud;
    script_invoke(s, s->on_tick);
    if (sim_world_tick(w) % SIM_TICKS_PER_DAY == 0)
        check_objectives(s);
}

static void install_hooks(script_scenario *s)
{
    sim_hooks h = { s, hook_event, hook_choice, hook_action, hook_tick };
    sim_world_set_hooks(s->world, &h);
}

int script_scenario_step(script_scenario *s, bw_err *err)
{
    if (!s)
        return bw_err_set(err, BW_EINVAL, "no scenario");
    if (s->hook_failed)
        return bw_err_set(err, s->hook_err.code, "%s", s->hook_err.msg);
    install_hooks(s);
    int rc = sim_world_step(s->world, err);
    if (!s->hook_failed && script_sandbox_total_work(s->sb) > SCRIPT_GAME_WORK) {
        /* Each call has its budget; this one is for the whole game, so a
         * script cannot spend a year of ticks just under the per-call cap. */
        bw_err e;
        bw_err_set(&e, BW_ELIMIT,
                   "%s: the scenario's scripts used more than %llu instructions in one game (at tick %d)",
                   s->path, (unsigned long long)SCRIPT_GAME_WORK, sim_world_tick(s->world));
        fail(s, &e);
    }
    if (s->hook_failed)
        return bw_err_set(err, s->hook_err.code, "%s", s->hook_err.msg);
    return rc;
}

int script_scenario_act(script_scenario *s, const sim_action_req *req, bw_err *err)
{
    if (!s)
        return bw_err_set(err, BW_EINVAL, "no scenario");
    if (s->hook_failed)
        return bw_err_set(err, s->hook_err.code, "%s", s->hook_err.msg);
    if (sim_action_check(s->world, req, err) < 0)
        return err ? err->code : BW_EREFUSED;
    if (s->log_count == s->log_cap) {
        int ncap = s->log_cap ? s->log_cap * 2 : 64;
        script_logged_action *p = realloc(s->log, (size_t)ncap * sizeof *p);
        if (!p)
            return bw_err_set(err, BW_ENOMEM, "out of memory recording the action");
        s->log = p;
        s->log_cap = ncap;
    }
    install_hooks(s);
    int tick = sim_world_tick(s->world);
    int rc = sim_action_start(s->world, req, err);
    if (rc >= 0) {
        s->log[s->log_count].tick = tick;
        s->log[s->log_count].req = *req;
        s->log_count++;
    }
    if (s->hook_failed)
        return bw_err_set(err, s->hook_err.code, "%s", s->hook_err.msg);
    return rc;
}

static void push_result(lua_State *L, const script_scenario *s)
{
    sim_score sc;
    sim_world_score(s->world, &sc);
    sim_outcome o = sim_world_outcome(s->world);
    lua_createtable(L, 0, 4);
    lua_pushstring(L, o == SIM_OUTCOME_WON ? "won" : o == SIM_OUTCOME_LOST ? "lost" : "running");
    lua_setfield(L, -2, "outcome");
    lua_pushinteger(L, sim_world_stars(s->world));
    lua_setfield(L, -2, "stars");
    lua_createtable(L, 0, SIM_PILLAR_COUNT);
    for (int p = 0; p < SIM_PILLAR_COUNT; p++) {
        lua_pushinteger(L, sc.pillar[p]);
        lua_setfield(L, -2, sim_pillar_name((sim_pillar)p));
    }
    lua_setfield(L, -2, "pillars");
}

static int protected_result(lua_State *L)
{
    push_result(L, lua_touserdata(L, 1));
    return 1;
}

static int debrief_call(script_scenario *s, const char **text, bw_err *err);

int script_scenario_debrief(script_scenario *s, const char **text, bw_err *err)
{
    *text = "";
    if (!s || s->debrief_ref == LUA_NOREF)
        return BW_OK;
    if (s->hook_failed)
        return bw_err_set(err, s->hook_err.code, "%s", s->hook_err.msg);
    if (s->debrief_final) {
        if (s->debrief_err.code != BW_OK)
            return bw_err_set(err, s->debrief_err.code, "%s", s->debrief_err.msg);
        *text = s->debrief_text ? s->debrief_text : "";
        return BW_OK;
    }
    bool final = sim_world_over(s->world);
    bw_err local;
    bw_err_clear(&local);
    int rc = debrief_call(s, text, &local);
    if (final) {
        s->debrief_final = true;
        s->debrief_err = local;
        s->debrief_err.code = rc;
    }
    if (rc != BW_OK)
        return bw_err_set(err, rc, "%s", local.msg);
    return BW_OK;
}

static int debrief_call(script_scenario *s, const char **text, bw_err *err)
{
    lua_State *L = script_sandbox_lua(s->sb);
    int top = lua_gettop(L);
    lua_rawgeti(L, LUA_REGISTRYINDEX, s->debrief_ref);
    script_world_push(L, s);
    lua_pushcfunction(L, protected_result);
    lua_pushlightuserdata(L, s);
    int rc = script_sandbox_call(s->sb, 1, 1, err);
    if (rc == BW_OK)
        rc = script_sandbox_call(s->sb, 2, 1, err);
    if (rc != BW_OK) {
        lua_settop(L, top);
        return rc;
    }
    size_t len = 0;
    const char *str = lua_type(L, -1) == LUA_TSTRING ? lua_tolstring(L, -1, &len) : NULL;
    if (!str && !lua_isnil(L, -1)) {
        const char *type = luaL_typename(L, -1); /* a static name: valid after settop */
        lua_settop(L, top);
        return bw_err_set(err, BW_ESCRIPT, "%s:%d: debrief must return a string, not a %s", s->path,
                          function_line(L, s->debrief_ref), type);
    }
    size_t bad = 0;
    const char *problem = NULL;
    if (len > SCRIPT_DEBRIEF_MAX)
        problem = "is too long";
    else if (str && memchr(str, '\0', len))
        problem = "holds a NUL byte";
    else if (str && !bw_utf8_valid(str, len, &bad))
        problem = "is not valid UTF-8";
    if (problem) {
        size_t at = problem[0] == 'h' ? (size_t)((const char *)memchr(str, '\0', len) - str) + 1 : bad + 1;
        lua_settop(L, top);
        if (len > SCRIPT_DEBRIEF_MAX)
            return bw_err_set(err, BW_ESCRIPT, "%s:%d: the debrief is %zu bytes long; the limit is %d",
                              s->path, function_line(L, s->debrief_ref), len, SCRIPT_DEBRIEF_MAX);
        return bw_err_set(err, BW_ESCRIPT, "%s:%d: the debrief %s (at byte %zu)", s->path,
                          function_line(L, s->debrief_ref), problem, at);
    }
    free(s->debrief_text);
    s->debrief_text = malloc(len + 1);
    if (!s->debrief_text) {
        lua_settop(L, top);
        return bw_err_set(err, BW_ENOMEM, "out of memory");
    }
    memcpy(s->debrief_text, str ? str : "", len);
    s->debrief_text[len] = '\0';
    bw_text_clean(s->debrief_text);
    lua_settop(L, top);
    *text = s->debrief_text;
    return BW_OK;
}

/* ---- getters ------------------------------------------------------------------ */

sim_world *script_scenario_world(script_scenario *s) { return s ? s->world : NULL; }
const sim_world *script_scenario_cworld(const script_scenario *s) { return s ? s->world : NULL; }
const char *script_scenario_path(const script_scenario *s) { return s->path; }
const char *script_scenario_id(const script_scenario *s) { return s->id; }
const char *script_scenario_title(const script_scenario *s) { return s->title; }
const char *script_scenario_briefing(const script_scenario *s) { return s->briefing; }
const char *script_scenario_author(const script_scenario *s) { return s->author; }

const void *script_scenario_logo(const script_scenario *s, size_t *len)
{
    bool has = s && s->logo >= 0 && s->logo < s->nassets;
    if (len)
        *len = has ? s->assets[s->logo].len : 0;
    return has ? s->assets[s->logo].bytes : NULL;
}

const void *script_scenario_node_icon(const script_scenario *s, int node, size_t *len)
{
    int a = s && node >= 0 && node < s->node_icon_count ? s->node_icons[node] : -1;
    bool has = a >= 0 && a < s->nassets;
    if (len)
        *len = has ? s->assets[a].len : 0;
    return has ? s->assets[a].bytes : NULL;
}
uint64_t script_scenario_hash(const script_scenario *s) { return s->hash; }
uint64_t script_scenario_seed(const script_scenario *s) { return s->seed; }
script_sandbox *script_scenario_sandbox(script_scenario *s) { return s ? s->sb : NULL; }
int script_scenario_action_count(const script_scenario *s) { return s ? s->log_count : 0; }

const script_logged_action *script_scenario_action_at(const script_scenario *s, int i)
{
    return s && i >= 0 && i < s->log_count ? &s->log[i] : NULL;
}

int script_scenario_teaches(const script_scenario *s, const char *kind, const char **ids, int max)
{
    static const char *const kinds[4] = { "accord", "ssdf", "attack", "cwe" };
    for (int k = 0; k < 4; k++)
        if (kind && strcmp(kind, kinds[k]) == 0) {
            for (int i = 0; i < s->teach_count[k] && i < max; i++)
                ids[i] = s->teaches[k][i];
            return s->teach_count[k];
        }
    return 0;
}

int script_scenario_pending_events(script_scenario *s, script_pending_event *out, int max)
{
    if (!s)
        return 0;
    const sim_world *w = s->world;
    int n = sim_event_pending(w);
    lua_State *L = script_sandbox_lua(s->sb);
    for (int i = 0; i < n && i < max && out; i++) {
        int at = 0;
        uint32_t cookie = 0;
        sim_event_get(w, i, &at, &cookie);
        out[i].at = at;
        snprintf(out[i].where, sizeof out[i].where, "%s", s->path);
        if ((int)cookie >= s->callback_count || !lua_checkstack(L, 2))
            continue;
        lua_rawgeti(L, LUA_REGISTRYINDEX, s->callbacks[cookie]);
        lua_Debug ar;
        if (lua_isfunction(L, -1) && lua_getinfo(L, ">S", &ar)) {
            const char *src = ar.source && ar.source[0] == '@' ? ar.source + 1 : ar.short_src;
            snprintf(out[i].where, sizeof out[i].where, "%s:%d", src, ar.linedefined);
        } else {
            lua_pop(L, 1);
        }
    }
    return n;
}
