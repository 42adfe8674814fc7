/* test_watch.c — live reload (issue 8): a saved scenario is loaded again
 * and the player's actions replayed to the same tick, with the new
 * script's behaviour; a save that does not load (syntax, runtime error,
 * an action that no longer applies) leaves the running game untouched
 * with a file:line error; the next good save recovers. The watcher is
 * polled directly: no sleeps, no clock. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>

#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "bulwark/watch.h"

static char dir[64], path[128];

/* The scenario an author is editing: `grant` is what the event at tick 5
 * gives; `actions` what the scenario offers; `extra` goes in the event. */
static void write_scenario(int grant, const char *actions, const char *extra)
{
    FILE *f = fopen(path, "w");
    assert_non_null(f);
    fprintf(f,
            "return scenario {\n"                                                  /* 1 */
            "  id = \"watched\", title = \"Watched\", days = 3, seed = 7,\n"       /* 2 */
            "  briefing = [[A scenario being edited.]],\n"                         /* 3 */
            "  defender = { budget = 20, income = 0, staff = 2 },\n"               /* 4 */
            "  nodes = {\n"                                                        /* 5 */
            "    node { id = \"shop\", kind = \"web\", zone = \"dmz\", users = 100, value = 10,\n"
            "           vulns = { vuln { id = \"sqli\", cwe = 89, severity = 8.1, known = true } } },\n"
            "  },\n"                                                               /* 8 */
            "  actors = { actor { id = \"crew\", motive = \"money\", skill = 2, uses = { \"T1190\" } } },\n"
            "  actions = { %s },\n"                                                /* 10 */
            "  events = {\n"                                                       /* 11 */
            "    event { id = \"grant\", at = 5, run = function(w)\n"              /* 12 */
            "      w:budget(%d)\n"                                                 /* 13 */
            "      %s\n"                                                           /* 14 */
            "    end },\n"                                                         /* 15 */
            "  },\n"
            "}\n",
            actions, grant, extra);
    assert_int_equal(fclose(f), 0);
}

static int budget(const script_scenario *s)
{
    sim_defender_info d;
    assert_int_equal(sim_defender_get(script_scenario_cworld(s), &d), BW_OK);
    return d.budget;
}

static script_scenario *load(void)
{
    script_diags d;
    script_diags_init(&d);
    bw_err e;
    script_scenario *s = script_scenario_load(path, NULL, &d, &e);
    if (!s) {
        script_diags_print(&d, stderr);
        fail_msg("load: %s", e.msg);
    }
    script_diags_free(&d);
    return s;
}

static void step(script_scenario *s, int n)
{
    bw_err e;
    for (int i = 0; i < n; i++)
        if (script_scenario_step(s, &e) < 0)
            fail_msg("step: %s", e.msg);
}

static void patch_shop(script_scenario *s)
{
    sim_action_req req = { SIM_ACT_PATCH, sim_node_find(script_scenario_cworld(s), "shop"), 0 };
    bw_err e;
    if (script_scenario_act(s, &req, &e) < 0)
        fail_msg("patch: %s", e.msg);
}

/* A game of the current file: patch at tick 2, then on to tick `to`. */
static script_scenario *play_to(int to)
{
    script_scenario *s = load();
    step(s, 2);
    patch_shop(s);
    step(s, to - 2);
    return s;
}

static int setup(void **state)
{
    (void)state;
    snprintf(dir, sizeof dir, "/tmp/bulwark-watch-XXXXXX");
    assert_non_null(mkdtemp(dir));
    snprintf(path, sizeof path, "%s/watched.lua", dir);
    return 0;
}

static int teardown(void **state)
{
    (void)state;
    unlink(path);
    rmdir(dir);
    return 0;
}

static void test_a_save_reloads_at_the_same_tick_with_the_new_behaviour(void **state)
{
    (void)state;
    write_scenario(5, "\"patch\", \"logging\"", "");
    script_scenario *cur = play_to(10);
    int patch_cost = sim_action_cost_of(script_scenario_cworld(cur), SIM_ACT_PATCH).money;
    assert_int_equal(budget(cur), 20 - patch_cost + 5);
    uint64_t cur_hash = sim_world_hash(script_scenario_cworld(cur));
    watch_file wf;
    watch_file_init(&wf, path);
    assert_false(watch_file_poll(&wf)); /* nothing saved yet */

    write_scenario(37, "\"patch\", \"logging\"", ""); /* the author changes the grant */
    assert_true(watch_file_poll(&wf));
    assert_false(watch_file_poll(&wf)); /* seen once */
    script_scenario *next = NULL;
    bw_err e;
    if (watch_reload(cur, path, NULL, &next, NULL, &e) != BW_OK)
        fail_msg("reload: %s", e.msg);
    const sim_world *nw = script_scenario_cworld(next);
    assert_int_equal(sim_world_tick(nw), 10);
    assert_int_equal(script_scenario_seed(next), script_scenario_seed(cur));
    assert_int_equal(budget(next), 20 - patch_cost + 37); /* only the new grant gives this */
    assert_int_equal(script_scenario_action_count(next), 1);
    assert_int_equal(script_scenario_action_at(next, 0)->tick, 2);
    assert_int_equal(script_scenario_action_at(next, 0)->req.kind, SIM_ACT_PATCH);
    /* The running game was not touched. */
    assert_true(sim_world_hash(script_scenario_cworld(cur)) == cur_hash);
    /* And the reloaded game is exactly a fresh game of the new file with
     * the same actions. */
    script_scenario *ref = play_to(10);
    assert_true(sim_world_hash(nw) == sim_world_hash(script_scenario_cworld(ref)));
    script_scenario_destroy(ref);
    script_scenario_destroy(next);
    script_scenario_destroy(cur);
}

/* Every kind of bad save: the error names the file and line, the running
 * game stays as it was and keeps running; a good save recovers. */
static void test_a_broken_save_keeps_the_last_good_version(void **state)
{
    (void)state;
    write_scenario(5, "\"patch\", \"logging\"", "");
    script_scenario *cur = play_to(10);
    script_scenario *good_ref = play_to(13); /* the last good version, three ticks on */
    watch_file wf;
    watch_file_init(&wf, path);
    char prefix[200];
    const struct {
        const char *what;
        int grant;
        const char *actions, *extra;
        int line; /* 0: no line (an action that no longer applies) */
        const char *says;
    } bad[] = {
        { "syntax", 5, "\"patch\", \"logging\"", "if then", 14, "error" },
        { "runtime", 5, "\"patch\", \"logging\"", "error(\"the grant office burned down\")", 14,
          "the grant office burned down" },
        { "validation", 5, "\"patch\", \"teleport\"", "", 10, "teleport" },
        { "action", 5, "\"logging\"", "", 0, "no longer applies" },
    };
    for (size_t k = 0; k < sizeof bad / sizeof bad[0]; k++) {
        uint64_t before = sim_world_hash(script_scenario_cworld(cur));
        int tick = sim_world_tick(script_scenario_cworld(cur));
        write_scenario(bad[k].grant, bad[k].actions, bad[k].extra);
        assert_true(watch_file_poll(&wf));
        script_scenario *next = (script_scenario *)1;
        bw_err e;
        bw_err_clear(&e);
        if (watch_reload(cur, path, NULL, &next, NULL, &e) == BW_OK)
            fail_msg("%s: a broken save reloaded", bad[k].what);
        assert_null(next);
        if (bad[k].line)
            snprintf(prefix, sizeof prefix, "%s:%d:", path, bad[k].line);
        else
            snprintf(prefix, sizeof prefix, "%s:", path);
        if (strncmp(e.msg, prefix, strlen(prefix)) != 0 || !strstr(e.msg, bad[k].says))
            fail_msg("%s: the error is '%s', not '%s ... %s'", bad[k].what, e.msg, prefix,
                     bad[k].says);
        assert_true(sim_world_hash(script_scenario_cworld(cur)) == before);
        assert_int_equal(sim_world_tick(script_scenario_cworld(cur)), tick);
        if (k == 0) {
            /* The last good version keeps running, as if nothing was saved. */
            step(cur, 3);
            assert_true(sim_world_hash(script_scenario_cworld(cur)) ==
                        sim_world_hash(script_scenario_cworld(good_ref)));
        }
    }
    /* The next good save clears it. */
    write_scenario(50, "\"patch\", \"logging\"", "");
    assert_true(watch_file_poll(&wf));
    script_scenario *next = NULL;
    bw_err e;
    if (watch_reload(cur, path, NULL, &next, NULL, &e) != BW_OK)
        fail_msg("recovery: %s", e.msg);
    assert_int_equal(sim_world_tick(script_scenario_cworld(next)), 13);
    int patch_cost = sim_action_cost_of(script_scenario_cworld(cur), SIM_ACT_PATCH).money;
    assert_int_equal(budget(next), 20 - patch_cost + 50);
    script_scenario_destroy(next);
    script_scenario_destroy(good_ref);
    script_scenario_destroy(cur);
}

static void test_the_watcher_sees_content_not_timestamps(void **state)
{
    (void)state;
    write_scenario(5, "\"patch\"", "");
    watch_file wf;
    watch_file_init(&wf, path);
    assert_true(wf.present);
    /* touch: a new time, the same bytes: no reload. */
    struct timespec ts[2] = { { 1000000000, 0 }, { 1000000000, 0 } };
    assert_int_equal(utimensat(AT_FDCWD, path, ts, 0), 0);
    assert_false(watch_file_poll(&wf));
    /* Gone (an editor's rename under way): no change until it is back. */
    char aside[160];
    snprintf(aside, sizeof aside, "%s.aside", path);
    assert_int_equal(rename(path, aside), 0);
    assert_false(watch_file_poll(&wf));
    assert_int_equal(rename(aside, path), 0);
    assert_false(watch_file_poll(&wf)); /* back with the same bytes */
    write_scenario(6, "\"patch\"", "");
    assert_true(watch_file_poll(&wf));
    char buf[32];
    watch_format_tick(24 + 14, buf, sizeof buf);
    assert_string_equal(buf, "day 2 14:00");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_a_save_reloads_at_the_same_tick_with_the_new_behaviour,
                                        setup, teardown),
        cmocka_unit_test_setup_teardown(test_a_broken_save_keeps_the_last_good_version, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(test_the_watcher_sees_content_not_timestamps, setup,
                                        teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
