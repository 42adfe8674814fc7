/* test_run_alloc.c — fault injection through a whole headless game, as
 * `bulwark run SCENARIO --player BOT --json` plays it: load, the bot's
 * load, every tick played by the bot, the debrief (the scenario's and the
 * debrief model's), and the result record. The N-th allocation anywhere
 * (failmalloc.h: Bulwark's code, Lua, cJSON) fails, and every one after it
 * or only it, for N over the whole game by a stride of total / POINTS (a
 * game makes 7 000 to 50 000 allocations, each point is a whole game, and
 * the sanitizer build runs this in CI; the first ALL_FIRST, where the
 * scenario and the bot are set up, are all tried).
 *
 * Promised at every N: each step either succeeds or fails with BW_ENOMEM
 * and a sentence, and the game stops there; a game that reaches its end
 * is the same game (world hash) and its record is the same text as an
 * untouched run's, never a record with something missing; nothing leaks
 * (LeakSanitizer in the sanitizer build). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>

#include <cmocka.h>

#include "common/failmalloc.h"

#include "store/store_test.h"

#include "bulwark/debrief.h"

#define POINTS 150
#define ALL_FIRST 60

typedef struct outcome {
    const char *stage; /* where it stopped, NULL when it reached the end */
    bw_err err;
    uint64_t hash;
    char *record;
} outcome;

/* Play the whole game; the first failure stops it (as `bulwark run`). */
static outcome play(const char *scenario, const char *bot)
{
    outcome o;
    memset(&o, 0, sizeof o);
    char sp[1024], bp[1024], rel[256];
    snprintf(rel, sizeof rel, "scripts/scenarios/%s.lua", scenario);
    st_source(rel, sp, sizeof sp);
    snprintf(rel, sizeof rel, "scripts/bots/%s.lua", bot);
    st_source(rel, bp, sizeof bp);
    script_options so;
    memset(&so, 0, sizeof so);
    script_diags d;
    script_diags_init(&d);
    script_scenario *s = script_scenario_load(sp, &so, &d, &o.err);
    script_diags_free(&d);
    script_bot *b = NULL;
    script_catalog *cat = NULL;
    script_debrief db;
    memset(&db, 0, sizeof db);
    if (!s) {
        o.stage = "load";
        goto done;
    }
    if (!(b = script_bot_load(bp, 1, &o.err))) {
        o.stage = "bot load";
        goto done;
    }
    int taken = 0, refused = 0;
    while (!sim_world_over(script_scenario_cworld(s))) {
        if (script_bot_play(b, s, &taken, &refused, &o.err) != BW_OK) {
            o.stage = "bot";
            goto done;
        }
        if (script_scenario_step(s, &o.err) != BW_OK) {
            o.stage = "step";
            goto done;
        }
    }
    const char *text = NULL;
    if (script_scenario_debrief(s, &text, &o.err) != BW_OK) {
        o.stage = "debrief";
        goto done;
    }
    if (!(cat = script_catalog_load(NULL, &o.err))) {
        o.stage = "catalogue";
        goto done;
    }
    if (script_debrief_build(s, cat, &db, &o.err) != BW_OK) {
        o.stage = "debrief model";
        goto done;
    }
    if (!(o.record = record_json(s, text))) {
        o.stage = "record";
        bw_err_set(&o.err, BW_ENOMEM, "out of memory writing the record");
        goto done;
    }
    o.hash = sim_world_hash(script_scenario_cworld(s));
done:
    script_debrief_free(&db);
    script_catalog_destroy(cat);
    script_bot_destroy(b);
    script_scenario_destroy(s);
    return o;
}

static void sweep_run(const char *scenario, const char *bot, bool once)
{
    fm_arm(0);
    outcome want = play(scenario, bot);
    long total = fm_calls();
    if (want.stage)
        fail_msg("%s untouched stopped at %s: %s", scenario, want.stage, want.err.msg);
    long stride = total / POINTS > 1 ? total / POINTS : 1;
    int tried = 0, stopped = 0;
    for (long n = 1; n <= total; n += n < ALL_FIRST ? 1 : stride) {
        if (once)
            fm_arm_once(n);
        else
            fm_arm(n);
        outcome o = play(scenario, bot);
        long failures = fm_failures();
        fm_disarm();
        tried++;
        if (o.stage) {
            stopped++;
            if (failures == 0)
                fail_msg("N=%ld: stopped at %s though nothing failed: %s", n, o.stage, o.err.msg);
            if (o.err.code != BW_ENOMEM || !strstr(o.err.msg, "memory"))
                fail_msg("N=%ld: out of memory at %s said as %s: %s", n, o.stage,
                         bw_err_name(o.err.code), o.err.msg);
        } else {
            if (o.hash != want.hash)
                fail_msg("N=%ld: the game reached its end but is another game", n);
            if (strcmp(o.record, want.record) != 0)
                fail_msg("N=%ld: the record differs from an untouched run's", n);
        }
        free(o.record);
    }
    print_message("%s/%s: %ld allocations in a game, stride %ld; %d points (%s), %d stopped\n",
                  scenario, bot, total, stride, tried, once ? "one failure each" : "persistent",
                  stopped);
    assert_true(stopped > 0);
    free(want.record);
}

static void test_a_game_out_of_memory_stops_cleanly_wherever_it_runs_out(void **state)
{
    (void)state;
    sweep_run("tutorial", "sensible", false);
}

static void test_a_game_with_one_failed_allocation_is_whole_or_stopped(void **state)
{
    (void)state;
    sweep_run("log4shell", "sensible", true);
}

int main(void)
{
    assert_true(fm_install());
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_a_game_out_of_memory_stops_cleanly_wherever_it_runs_out),
        cmocka_unit_test(test_a_game_with_one_failed_allocation_is_whole_or_stopped),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
