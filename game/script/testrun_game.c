/* testrun_game.c — the game object of scenario tests: game{ seed =,
 * scenario = } loads a scenario; its methods act as a player would
 * (g:act, the same actions a bot returns), step time (g:advance,
 * g:advance_to_day, g:run with a bot); testrun_world.c reads it
 * (g:view, g:node, g:messages, g:result, ...).
 *
 * Must never: let a Lua error unwind past C that owns memory. Every
 * binding runs its checks and its work charge (both may raise) before it
 * loads a bot or a scenario, frees what it loaded, and only then raises.
 * A game is a full userdata whose __gc destroys the scenario; the test's
 * sandbox closing collects any game still alive. */
#include "testrun_internal.h"

#include "sandbox_internal.h"

#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

static const char *const game_keys[] = { "seed", "scenario", NULL };
static const char *const run_keys[] = { "player", NULL };

/* ---- helpers ------------------------------------------------------------------ */

static bool exists(const char *path)
{
    struct stat st;
    return stat(path, &st) == 0;
}

/* A file named in a test: a path (tried beside the test file first, then
 * as given) or the id of a shipped one (scripts/<kind>/<id>.lua). */
static void resolve(const test_ctx *ctx, const char *name, const char *kind, char *buf, size_t n)
{
    if (strchr(name, '/') || strstr(name, ".lua")) {
        if (name[0] != '/') {
            int w = snprintf(buf, n, "%s/%s", ctx->dir, name);
            if (w > 0 && (size_t)w < n && exists(buf))
                return;
        }
        snprintf(buf, n, "%s", name);
        return;
    }
    snprintf(buf, n, "%s/scripts/%s/%s.lua", script_data_dir(), kind, name);
}

/* Raise when the table at idx has a string key not in allowed. */
static void check_keys(lua_State *L, int idx, const char *const *allowed, const char *what)
{
    lua_pushnil(L);
    while (lua_next(L, idx)) {
        lua_pop(L, 1);
        if (lua_type(L, -1) != LUA_TSTRING) {
            luaL_error(L, "%s: options are named (%s = ...)", what, allowed[0]);
            return;
        }
        const char *k = lua_tostring(L, -1);
        bool known = false;
        for (int i = 0; allowed[i]; i++)
            known = known || strcmp(k, allowed[i]) == 0;
        if (!known) {
            const char *near = bw_closest(k, allowed);
            luaL_error(L, "%s: unknown option '%s'%s%s%s", what, k, near ? " (did you mean '" : "",
                       near ? near : "", near ? "'?)" : "");
            return;
        }
    }
}

/* The first line of msg, without the sandbox's traceback. */
static void first_line(char *out, size_t n, const char *msg)
{
    snprintf(out, n, "%.*s", (int)strcspn(msg, "\n"), msg);
}

test_game *testrun_check_game(lua_State *L, const char *method)
{
    test_game *g = luaL_testudata(L, 1, TESTRUN_GAME_MT);
    if (!g)
        luaL_error(L, "%s: call it on a game with a colon (g:%s(...))", method, method + 2);
    if (!g->s)
        luaL_error(L, "%s: this game is gone", method);
    return g;
}

static int ticks_left(const test_game *g)
{
    const sim_world *w = script_scenario_cworld(g->s);
    int left = sim_world_days(w) * SIM_TICKS_PER_DAY - sim_world_tick(w);
    return sim_world_over(w) || left < 0 ? 0 : left;
}

static int raise_stopped(lua_State *L, const test_game *g, const char *what, const bw_err *e)
{
    char msg[BW_ERR_MSG_MAX];
    first_line(msg, sizeof msg, e->msg);
    int t = sim_world_tick(script_scenario_cworld(g->s));
    /* formatted here: lua_pushfstring knows no "%02d", and raised
     * "invalid option '%0'" instead of the scenario's own error */
    char text[BW_ERR_MSG_MAX + 64];
    snprintf(text, sizeof text, "%s: the game stopped on day %d at %02d:00: %s", what, t / SIM_TICKS_PER_DAY + 1,
             t % SIM_TICKS_PER_DAY, msg);
    return luaL_error(L, "%s", text);
}

/* Step until the game ends or `ticks` ran; returns g. */
static int step(lua_State *L, test_game *g, lua_Integer ticks, const char *what)
{
    int left = ticks_left(g);
    int n = ticks > left ? left : (int)ticks;
    sandbox_charge(L, ((uint64_t)n + 1) * TEST_TICK_WORK);
    bw_err e;
    int rc = BW_OK;
    for (int i = 0; i < n && rc >= 0 && !sim_world_over(script_scenario_cworld(g->s)); i++)
        rc = script_scenario_step(g->s, &e);
    if (rc < 0)
        return raise_stopped(L, g, what, &e);
    lua_settop(L, 1);
    return 1;
}

/* ---- game{} -------------------------------------------------------------------- */

static int game_gc(lua_State *L)
{
    test_game *g = lua_touserdata(L, 1);
    if (g && g->s) {
        script_scenario_destroy(g->s);
        g->s = NULL;
        g->ctx->live_games--;
    }
    return 0;
}

/* The scenario beside the test file: NAME.test.lua -> NAME.lua. */
static bool default_scenario(const test_ctx *ctx, char *buf, size_t n)
{
    size_t len = strlen(ctx->path);
    if (len < 10 || strcmp(ctx->path + len - 9, ".test.lua") != 0 || len - 9 + 5 > n)
        return false;
    snprintf(buf, n, "%.*s.lua", (int)(len - 9), ctx->path);
    return true;
}

/* "file:line: message" of the first error in d, into out. */
static void first_error(const script_diags *d, const bw_err *e, char *out, size_t n)
{
    for (int i = 0; i < d->count; i++)
        if (!d->items[i].warning) {
            if (d->items[i].line > 0)
                snprintf(out, n, "%.200s:%d: %.290s", d->items[i].file, d->items[i].line, d->items[i].msg);
            else
                snprintf(out, n, "%.200s: %.290s", d->items[i].file, d->items[i].msg);
            if (d->errors > 1) {
                size_t len = strlen(out);
                snprintf(out + len, n - len, " (and %d more: see bulwark check)", d->errors - 1);
            }
            return;
        }
    first_line(out, n, e->msg);
}

static int fn_game(lua_State *L)
{
    test_ctx *ctx = lua_touserdata(L, lua_upvalueindex(1));
    script_options opt = { 0 };
    char path[1024];
    if (!lua_isnoneornil(L, 1)) {
        luaL_checktype(L, 1, LUA_TTABLE);
        check_keys(L, 1, game_keys, "game{}");
    } else {
        lua_settop(L, 0);
        lua_newtable(L);
    }
    lua_getfield(L, 1, "seed");
    if (!lua_isnil(L, -1)) {
        if (!lua_isinteger(L, -1) || lua_tointeger(L, -1) < 0)
            return luaL_error(L, "game{}: seed must be a whole number from 0 up, not %s",
                              luaL_tolstring(L, -1, NULL));
        opt.seed_given = true;
        opt.seed = (uint64_t)lua_tointeger(L, -1);
    }
    lua_getfield(L, 1, "scenario");
    if (lua_type(L, -1) == LUA_TSTRING)
        resolve(ctx, lua_tostring(L, -1), "scenarios", path, sizeof path);
    else if (!lua_isnil(L, -1))
        return luaL_error(L, "game{}: scenario must be a file or a shipped id, not a %s", luaL_typename(L, -1));
    else if (!default_scenario(ctx, path, sizeof path))
        return luaL_error(L, "game{}: %s is not named NAME.test.lua: say which scenario (game{ scenario = \"x.lua\" })",
                          ctx->chunk);
    if (ctx->live_games >= TEST_MAX_LIVE_GAMES)
        lua_gc(L, LUA_GCCOLLECT, 0);
    if (ctx->live_games >= TEST_MAX_LIVE_GAMES)
        return luaL_error(L, "game{}: %d games are alive at once; let old ones go (g = nil)",
                          TEST_MAX_LIVE_GAMES);
    sandbox_charge(L, TEST_LOAD_WORK);
    test_game *g = lua_newuserdatauv(L, sizeof *g, 0);
    memset(g, 0, sizeof *g);
    g->ctx = ctx;
    luaL_setmetatable(L, TESTRUN_GAME_MT);
    script_diags d;
    script_diags_init(&d);
    bw_err e;
    script_scenario *s = script_scenario_load(path, &opt, &d, &e);
    if (!s) {
        char msg[BW_ERR_MSG_MAX];
        first_error(&d, &e, msg, sizeof msg);
        script_diags_free(&d);
        return luaL_error(L, "game{}: the scenario does not load: %s", msg);
    }
    script_diags_free(&d);
    g->s = s;
    ctx->live_games++;
    return 1;
}

/* ---- acting ---------------------------------------------------------------------- */

static const char *const target_kinds[] = {
    [SIM_TARGET_NONE] = "", [SIM_TARGET_NODE] = "node", [SIM_TARGET_AREA] = "practice area",
    [SIM_TARGET_ACTOR] = "actor", [SIM_TARGET_REPORT] = "report", [SIM_TARGET_CHOICE] = "choice",
};

/* Refused: false and the reason. */
static int refuse(lua_State *L, const char *reason)
{
    lua_pushboolean(L, 0);
    lua_pushstring(L, reason);
    return 2;
}

/* g:act(action, target [, option]), g:act{ action =, target =, option = }
 * or g:act{ "patch", "web" } -> accepted, reason. */
static int g_act(lua_State *L)
{
    test_game *g = testrun_check_game(L, "g:act");
    const sim_world *w = script_scenario_cworld(g->s);
    if (lua_istable(L, 2)) {
        lua_settop(L, 2);
    } else {
        lua_settop(L, 4);
        lua_createtable(L, 3, 0);
        for (int i = 1; i <= 3; i++) {
            lua_pushvalue(L, i + 1);
            lua_rawseti(L, -2, i);
        }
    }
    int t = lua_gettop(L);
    bool named = lua_rawgeti(L, t, 1) == LUA_TNIL;
    lua_pop(L, 1);
    if (named) {
        lua_getfield(L, t, "action");
        lua_getfield(L, t, "target");
    } else {
        lua_rawgeti(L, t, 1);
        lua_rawgeti(L, t, 2);
    }
    if (lua_type(L, t + 1) != LUA_TSTRING)
        return luaL_error(L, "g:act: an action is g:act(\"patch\", \"web\") or g:act{ action = \"choose\", target = 1, option = 2 }");
    const char *name = lua_tostring(L, t + 1);
    if (sim_action_parse(name) < 0) {
        const char *names[SIM_ACTION_KIND_COUNT + 1];
        for (int k = 0; k < SIM_ACTION_KIND_COUNT; k++)
            names[k] = sim_action_name((sim_action_kind)k);
        names[SIM_ACTION_KIND_COUNT] = NULL;
        const char *near = bw_closest(name, names);
        lua_pushfstring(L, "unknown action '%s'%s%s%s", name, near ? " (did you mean '" : "",
                        near ? near : "", near ? "'?)" : "");
        return refuse(L, lua_tostring(L, -1));
    }
    sim_action_req req = { 0, -1, 0 };
    lua_settop(L, t + 2);
    lua_pushvalue(L, t);
    script_action_read(w, L, &req);
    lua_pop(L, 1);
    sim_target_type tt = sim_action_target_type(req.kind);
    if (tt != SIM_TARGET_NONE && req.target < 0) {
        if (lua_isnil(L, t + 2))
            lua_pushfstring(L, "%s needs a %s", name, target_kinds[tt]);
        else
            lua_pushfstring(L, "%s: no %s %s", name, target_kinds[tt], luaL_tolstring(L, t + 2, NULL));
        return refuse(L, lua_tostring(L, -1));
    }
    bw_err e;
    if (script_scenario_act(g->s, &req, &e) >= 0) {
        lua_pushboolean(L, 1);
        return 1;
    }
    if (e.code == BW_ESCRIPT || e.code == BW_ELIMIT || e.code == BW_ENOMEM)
        return raise_stopped(L, g, "g:act", &e);
    return refuse(L, e.msg);
}

static int g_advance(lua_State *L)
{
    test_game *g = testrun_check_game(L, "g:advance");
    lua_Integer n = luaL_checkinteger(L, 2);
    luaL_argcheck(L, n >= 0, 2, "ticks must be 0 or more");
    return step(L, g, n, "g:advance");
}

static int g_advance_to_day(lua_State *L)
{
    test_game *g = testrun_check_game(L, "g:advance_to_day");
    const sim_world *w = script_scenario_cworld(g->s);
    lua_Integer d = luaL_checkinteger(L, 2);
    luaL_argcheck(L, d >= 1 && d <= sim_world_days(w) + 1, 2, "no such day in this scenario");
    lua_Integer target = (d - 1) * SIM_TICKS_PER_DAY;
    return step(L, g, target > sim_world_tick(w) ? target - sim_world_tick(w) : 0, "g:advance_to_day");
}

/* g:run{ player = "sensible" | "path/bot.lua" }: play to the end. */
static int g_run(lua_State *L)
{
    test_game *g = testrun_check_game(L, "g:run");
    char path[1024] = "";
    char shown[64] = "";
    if (!lua_isnoneornil(L, 2)) {
        luaL_checktype(L, 2, LUA_TTABLE);
        check_keys(L, 2, run_keys, "g:run");
        lua_getfield(L, 2, "player");
        if (lua_type(L, -1) == LUA_TSTRING) {
            resolve(g->ctx, lua_tostring(L, -1), "bots", path, sizeof path);
            snprintf(shown, sizeof shown, "%s", lua_tostring(L, -1));
            bw_text_clean(shown);
        } else if (!lua_isnil(L, -1)) {
            return luaL_error(L, "g:run: player must be a bot (idle, sensible, random, hackback or a file), not a %s",
                              luaL_typename(L, -1));
        }
    }
    sandbox_charge(L, ((uint64_t)ticks_left(g) + 1) * TEST_TICK_WORK);
    bw_err e;
    script_bot *b = NULL;
    if (path[0] && !(b = script_bot_load(path, script_scenario_seed(g->s), &e))) {
        char msg[BW_ERR_MSG_MAX];
        first_line(msg, sizeof msg, e.msg);
        return luaL_error(L, "g:run: the bot '%s' does not load: %s%s", shown, msg,
                          exists(path) ? "" : " (shipped bots: idle, sensible, random, hackback)");
    }
    int rc = BW_OK;
    while (rc >= 0 && !sim_world_over(script_scenario_cworld(g->s))) {
        if (b)
            rc = script_bot_play(b, g->s, NULL, NULL, &e);
        if (rc >= 0)
            rc = script_scenario_step(g->s, &e);
    }
    script_bot_destroy(b);
    if (rc < 0)
        return raise_stopped(L, g, "g:run", &e);
    lua_settop(L, 1);
    return 1;
}

static int game_tostring(lua_State *L)
{
    test_game *g = luaL_checkudata(L, 1, TESTRUN_GAME_MT);
    if (!g->s) {
        lua_pushliteral(L, "game (gone)");
        return 1;
    }
    int t = sim_world_tick(script_scenario_cworld(g->s));
    lua_pushfstring(L, "game %s (seed %d, day %d %d:00)", script_scenario_id(g->s),
                    (int)script_scenario_seed(g->s), t / SIM_TICKS_PER_DAY + 1, t % SIM_TICKS_PER_DAY);
    return 1;
}

/* g.tick, g.seed and g.id are fields; the rest are methods. */
static int game_index(lua_State *L)
{
    test_game *g = luaL_checkudata(L, 1, TESTRUN_GAME_MT);
    const char *k = lua_tostring(L, 2);
    if (k && g->s && strcmp(k, "tick") == 0) {
        lua_pushinteger(L, sim_world_tick(script_scenario_cworld(g->s)));
        return 1;
    }
    if (k && g->s && strcmp(k, "seed") == 0) {
        lua_pushinteger(L, (lua_Integer)script_scenario_seed(g->s));
        return 1;
    }
    if (k && g->s && strcmp(k, "id") == 0) {
        lua_pushstring(L, script_scenario_id(g->s));
        return 1;
    }
    lua_pushvalue(L, 2);
    lua_rawget(L, lua_upvalueindex(1));
    return 1;
}

static const luaL_Reg methods[] = {
    { "act", g_act },
    { "advance", g_advance },
    { "advance_to_day", g_advance_to_day },
    { "run", g_run },
    { NULL, NULL },
};

void testrun_open_game(lua_State *L, test_ctx *ctx)
{
    luaL_newmetatable(L, TESTRUN_GAME_MT);
    luaL_newlib(L, methods);
    luaL_setfuncs(L, testrun_read_methods, 0);
    lua_pushcclosure(L, game_index, 1);
    lua_setfield(L, -2, "__index");
    lua_pushcfunction(L, game_gc);
    lua_setfield(L, -2, "__gc");
    lua_pushcfunction(L, game_tostring);
    lua_setfield(L, -2, "__tostring");
    lua_pushliteral(L, "game"); /* getmetatable(g) must not hand out the methods */
    lua_setfield(L, -2, "__metatable");
    lua_pop(L, 1);
    lua_pushlightuserdata(L, ctx);
    lua_pushcclosure(L, fn_game, 1);
    lua_setglobal(L, "game");
}
