/* script_internal.h — shared between the files of the scenario runtime
 * (game/script/scenario_*.c, world_api.c). Not a public header. */
#ifndef BULWARK_SCRIPT_INTERNAL_H
#define BULWARK_SCRIPT_INTERNAL_H

#include "bulwark/script.h"

#include <lauxlib.h>
#include <lua.h>

#define SCRIPT_MAX_TEACH SCRIPT_MAX_TEACH_IDS

/* Registry keys (light userdata addresses are unique). */
extern const char SCRIPT_KEY_LINES;    /* weak table: constructor table -> line */
extern const char SCRIPT_KEY_WORLD;    /* the scenario's `w` userdata */

typedef struct script_event_ref {
    int fn_ref;                /* registry ref of the run function */
} script_event_ref;

/* An image of the scenario's folder (scenario_assets.c). */
typedef struct script_asset {
    char *path;                /* resolved, inside the scenario's folder */
    unsigned char *bytes;      /* the PNG file */
    size_t len;
    int width, height;         /* from its header */
} script_asset;

struct script_scenario {
    script_sandbox *sb;
    sim_world *world;
    char *path, *id, *title, *briefing, *author;
    uint64_t hash, seed;
    script_asset *assets;      /* the images, nassets of them */
    int nassets, logo;         /* logo: index in assets, -1 = none */
    int *node_icons;           /* per node: index in assets, -1 = none */
    int node_icon_count;
    int scenario_ref;          /* registry ref of the scenario table */
    int on_start, on_tick, on_action, debrief_ref; /* registry refs or LUA_NOREF */
    int *callbacks;            /* registry refs of event/choice functions, by cookie */
    int callback_count, callback_cap;
    int *objective_checks;     /* registry ref per objective (SCRIPT kind), else LUA_NOREF */
    int objective_count;
    script_logged_action *log;
    int log_count, log_cap;
    char *teaches[4][SCRIPT_MAX_TEACH];
    int teach_count[4];
    bw_err hook_err;           /* the first error raised inside a hook this step */
    bool hook_failed;
    char *debrief_text;
    /* Once the game is over its debrief is computed once: a callback that
     * draws from w:random would otherwise change the world hash each time
     * the debrief is shown. */
    bool debrief_final;
    bw_err debrief_err;        /* code != BW_OK: the final debrief failed */
};

/* Read a whole script file (scenario_load.c): checked with
 * script_file_check, at most max bytes (BW_ELIMIT: "larger than the N MiB
 * a WHAT may be"), NUL-terminated; the caller frees it. NULL on failure,
 * with a sentence in err. */
char *script_read_file(const char *path, size_t max, const char *what, size_t *len, bw_err *err);

/* Set field k of the table at the stack top (the view and test bindings). */
static inline void set_int(lua_State *L, const char *k, lua_Integer v)
{
    lua_pushinteger(L, v);
    lua_setfield(L, -2, k);
}

static inline void set_str(lua_State *L, const char *k, const char *v)
{
    lua_pushstring(L, v);
    lua_setfield(L, -2, k);
}

static inline void set_bool(lua_State *L, const char *k, bool v)
{
    lua_pushboolean(L, v);
    lua_setfield(L, -2, k);
}

/* world_api.c: push the `w` object for s (created once, cached). */
void script_world_push(lua_State *L, script_scenario *s);
void script_world_open(lua_State *L);  /* registers the metatable */
const char *script_tally_name(int i);   /* the fields of w:tally(), NULL past the last */

/* scenario_run.c: register a Lua function at the top of the stack as a
 * callback; returns its cookie or -1 (pops it either way). */
int script_callback_add(script_scenario *s, lua_State *L);
/* The same for a function already in the registry (ref): no Lua call, so
 * it may run outside a protected call. -1 when out of memory. */
int script_callback_keep(script_scenario *s, int ref);
/* Call the registry function ref with `w` in a protected call,
 * recording the first error in s->hook_err. */
void script_invoke(script_scenario *s, int ref);

/* bot.c: push the view a bot's decide(view) gets (what the player sees)
 * of w, its events from log entry log_seen on. Raises on out-of-memory:
 * call it protected. The test runner shows tests the same table. */
void script_view_push(lua_State *L, const sim_world *w, int log_seen);
/* bot.c: read the action at the stack top ({ "patch", "web" } or
 * { action = ..., target = ..., option = ... }) into req; false when it
 * is no table or names no action. An unknown target leaves req->target
 * at -1, which the simulation refuses with a reason. Stack unchanged. */
bool script_action_read(const sim_world *w, lua_State *L, sim_action_req *req);

/* scenario_load.c */

#endif
