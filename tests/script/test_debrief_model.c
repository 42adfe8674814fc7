/* test_debrief_model.c — the debrief as data: the shipped log4shell
 * scenario played to the end by different bots, and what the debrief
 * model says about each game. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "bulwark/debrief.h"

static char scen[512], bots[512], fixtures[512];

static int setup(void **state)
{
    (void)state;
    const char *root = getenv("BULWARK_SOURCE_DIR");
    snprintf(scen, sizeof scen, "%s/scripts/scenarios/log4shell.lua", root ? root : ".");
    snprintf(bots, sizeof bots, "%s/scripts/bots", root ? root : ".");
    snprintf(fixtures, sizeof fixtures, "%s/tests/fixtures/scenarios", root ? root : ".");
    return 0;
}

/* Play scenario file with a bot ("idle", "sensible", ...) to the end. */
static script_scenario *play(const char *file, const char *bot)
{
    script_diags d;
    script_diags_init(&d);
    bw_err err;
    script_scenario *s = script_scenario_load(file, NULL, &d, &err);
    if (!s)
        script_diags_print(&d, stderr);
    script_diags_free(&d);
    assert_non_null(s);
    char bot_path[600];
    snprintf(bot_path, sizeof bot_path, "%s/%s.lua", bots, bot);
    script_bot *b = script_bot_load(bot_path, 1, &err);
    assert_non_null(b);
    while (!sim_world_over(script_scenario_cworld(s))) {
        int taken = 0, refused = 0;
        assert_int_equal(script_bot_play(b, s, &taken, &refused, &err), BW_OK);
        assert_int_equal(script_scenario_step(s, &err), BW_OK);
    }
    script_bot_destroy(b);
    return s;
}

static const debrief_practice *practice(const script_debrief *d, const char *id)
{
    for (int i = 0; i < d->practice_count; i++)
        if (strcmp(d->practices[i].id, id) == 0)
            return &d->practices[i];
    return NULL;
}

static script_catalog *catalog(void)
{
    bw_err err;
    script_catalog *c = script_catalog_load(NULL, &err);
    assert_non_null(c);
    return c;
}

static void test_an_undefended_game_lists_its_incidents_with_what_would_have_prevented_them(void **state)
{
    (void)state;
    script_scenario *s = play(scen, "idle");
    script_catalog *cat = catalog();
    script_debrief d;
    bw_err err;
    assert_int_equal(script_debrief_build(s, cat, &d, &err), BW_OK);
    assert_int_equal(d.outcome, SIM_OUTCOME_LOST);
    assert_int_equal(d.stars, 0);
    assert_true(d.incident_count > 0);
    for (int i = 0; i < d.incident_count; i++) {
        const debrief_incident *x = &d.incidents[i];
        assert_true(strlen(x->what) > 10);
        assert_true(strlen(x->prevent) > 10);
        assert_true(x->technique[0] == 'T');
        /* Named as the player knows it: the node's label, not its id. */
        const sim_world *w = script_scenario_cworld(s);
        sim_node_info ni;
        assert_int_equal(sim_node_get(w, sim_node_find(w, x->node), &ni), BW_OK);
        assert_non_null(strstr(x->what, ni.label && ni.label[0] ? ni.label : ni.id));
    }
    /* Nothing was done, and the practices say so in this game's terms. */
    const debrief_practice *rv2 = practice(&d, "RV.2");
    if (rv2)
        assert_non_null(strstr(rv2->in_game, "never remediated"));
    assert_true(d.practice_count > 0);
    for (int i = 0; i < d.practice_count; i++) {
        assert_true(strlen(d.practices[i].title) > 0);   /* every id is in the catalogue */
        assert_true(strlen(d.practices[i].in_game) > 0);
    }
    script_debrief_free(&d);
    script_catalog_destroy(cat);
    script_scenario_destroy(s);
}

static void test_a_defended_game_counts_the_players_own_actions(void **state)
{
    (void)state;
    script_scenario *s = play(scen, "sensible");
    script_debrief d;
    bw_err err;
    assert_int_equal(script_debrief_build(s, NULL, &d, &err), BW_OK);
    assert_int_equal(d.outcome, SIM_OUTCOME_WON);
    assert_true(d.stars >= 1);
    assert_int_equal(d.objectives_met, d.objectives_total);
    /* log4shell teaches PW.4 and the sensible bot pins dependencies. */
    const debrief_practice *pw4 = practice(&d, "PW.4");
    assert_non_null(pw4);
    assert_non_null(strstr(pw4->in_game, "You pinned dependencies"));
    assert_string_equal(pw4->title, "");    /* no catalogue given: no titles */
    /* One pillar mark per finished day plus the start; the last day's
     * marks equal the final pillars when the game ended at a day's end. */
    assert_true(d.history_days >= 2 && d.history_days <= DEBRIEF_MAX_DAYS);
    for (int day = 0; day < d.history_days; day++)
        for (int p = 0; p < SIM_PILLAR_COUNT; p++)
            assert_in_range(d.history[day][p], 0, 100);
    assert_true(strlen(d.scenario_text) > 0);   /* log4shell has a debrief callback */
    script_debrief_free(&d);
    script_scenario_destroy(s);
}

static void test_striking_back_is_the_moment_that_mattered_most(void **state)
{
    (void)state;
    script_scenario *s = play(scen, "hackback");
    script_debrief d;
    bw_err err;
    assert_int_equal(script_debrief_build(s, NULL, &d, &err), BW_OK);
    assert_true(d.moment_count > 0 && d.moment_count <= 10);
    /* Heaviest first; an offensive act outweighs everything else. */
    assert_int_equal(d.moments[0].weight, 100);
    for (int i = 1; i < d.moment_count; i++)
        assert_true(d.moments[i - 1].weight >= d.moments[i].weight);
    assert_non_null(strstr(d.moments[0].text, "Day "));
    const debrief_practice *no = practice(&d, "no-offense");
    if (no)
        assert_non_null(strstr(no->in_game, "offensive action"));
    script_debrief_free(&d);
    script_scenario_destroy(s);
}

static void test_a_failing_debrief_callback_still_gives_the_rest_and_names_the_line(void **state)
{
    (void)state;
    char dir[] = "/tmp/bulwark-debrief-XXXXXX";
    assert_non_null(mkdtemp(dir));
    char path[64];
    snprintf(path, sizeof path, "%s/broken.lua", dir);
    FILE *f = fopen(path, "wb");
    assert_non_null(f);
    const char *src =
        "return scenario {\n"
        "  id = 'broken-debrief', title = 'Broken debrief', days = 1,\n"
        "  briefing = 'A test.',\n"
        "  nodes = { node { id = 'web', kind = 'web', zone = 'dmz', users = 10 } },\n"
        "  debrief = function(w, result)\n"
        "    error('no debrief today')\n"
        "  end,\n"
        "}\n";
    assert_int_equal(fwrite(src, 1, strlen(src), f), strlen(src));
    assert_int_equal(fclose(f), 0);
    script_scenario *s = play(path, "idle");
    script_debrief d;
    bw_err err;
    assert_int_equal(script_debrief_build(s, NULL, &d, &err), BW_OK);
    assert_non_null(strstr(d.scenario_text, ":6:"));
    assert_non_null(strstr(d.scenario_text, "no debrief today"));
    assert_int_equal(d.outcome, SIM_OUTCOME_WON);
    script_debrief_free(&d);
    script_debrief_free(&d);   /* freeing twice is harmless */
    script_scenario_destroy(s);
    unlink(path);
    rmdir(dir);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_an_undefended_game_lists_its_incidents_with_what_would_have_prevented_them),
        cmocka_unit_test(test_a_defended_game_counts_the_players_own_actions),
        cmocka_unit_test(test_striking_back_is_the_moment_that_mattered_most),
        cmocka_unit_test(test_a_failing_debrief_callback_still_gives_the_rest_and_names_the_line),
    };
    return cmocka_run_group_tests(tests, setup, NULL);
}
