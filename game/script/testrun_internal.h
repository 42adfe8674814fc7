/* testrun_internal.h — shared by testrun.c (the runner and assertions)
 * and testrun_game.c (the game object tests drive). Not a public header. */
#ifndef BULWARK_TESTRUN_INTERNAL_H
#define BULWARK_TESTRUN_INTERNAL_H

#include "script_internal.h"

#include "bulwark/testrun.h"

/* Work charged to a test's budget for what C does on its behalf, so a
 * loop of games ends at the instruction limit like any loop: loading a
 * scenario, and each tick stepped. A test can play about a thousand
 * twelve-day games within the default budget. */
#define TEST_LOAD_WORK 10000
#define TEST_TICK_WORK 100

/* Games alive at once in one test (each holds its own sandbox). */
#define TEST_MAX_LIVE_GAMES 32

typedef struct test_ctx {
    const char *path;          /* the test file, as given */
    char dir[1024];            /* its directory ("." when none) */
    char chunk[128];           /* its name in Lua messages (the base name) */
    /* registration: the top level runs test(); in a run, only test number
     * `want` (1-based) is kept, as a registry ref */
    int registered, want, fn_ref;
    bool in_test;              /* the test function is running */
    char **names;              /* collected on the first pass */
    int name_count;
    /* the first failed assertion of the running test */
    bool failed;
    int fail_line;
    char fail_msg[BW_ERR_MSG_MAX];
    int live_games;
} test_ctx;

#define TESTRUN_GAME_MT "bulwark.test.game"

/* A game of a test: a full userdata whose __gc destroys the scenario. */
typedef struct test_game {
    script_scenario *s;        /* NULL once gone */
    test_ctx *ctx;
    int view_seen;             /* log entries already shown by g:view() */
} test_game;

/* testrun_game.c: the game{} global and the game object's metatable. */
void testrun_open_game(lua_State *L, test_ctx *ctx);
/* The game that is argument 1 of method (raises when it is none, or gone). */
test_game *testrun_check_game(lua_State *L, const char *method);

/* testrun_world.c: the methods that read a game (g:view, g:node, ...). */
extern const luaL_Reg testrun_read_methods[];

/* testrun.c: the line of the innermost Lua frame of the test file (the
 * caller of a binding), or 0. */
int testrun_line(lua_State *L, const test_ctx *ctx);

#endif
