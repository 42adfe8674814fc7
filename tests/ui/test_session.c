/* test_session.c — the game session behind the play screen: its clock,
 * its actions (through the bot's API, so a hand-played game replays
 * headless to the same world hash), new-log tracking and the game's end.
 * No window. */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <cmocka.h>

#include "bulwark/ui_play.h"

static const char *scenario_path(const char *name)
{
    static char buf[1024];
    snprintf(buf, sizeof buf, "%s/scripts/scenarios/%s.lua", script_data_dir(), name);
    return buf;
}

static script_scenario *load(const char *path, uint64_t seed)
{
    script_options o = {0};
    o.seed_given = true;
    o.seed = seed;
    script_diags d;
    script_diags_init(&d);
    bw_err e;
    script_scenario *s = script_scenario_load(path, &o, &d, &e);
    if (!s) {
        script_diags_print(&d, stderr);
        fprintf(stderr, "%s\n", e.msg);
    }
    script_diags_free(&d);
    assert_non_null(s);
    return s;
}

static ui_session *session(const char *name, uint64_t seed)
{
    bw_err e;
    ui_session *ss = ui_session_create(load(scenario_path(name), seed), &e);
    assert_non_null(ss);
    return ss;
}

static const sim_world *world(ui_session *ss)
{
    return script_scenario_cworld(ui_session_scenario(ss));
}

/* ---- a player's hand: acts between frames as a person would --------------------- */

typedef struct tally {
    int tried, accepted, refused;
} tally;

static void try_act(ui_session *ss, sim_action_kind k, int target, int arg, tally *t)
{
    sim_action_req r = {k, target, arg};
    bw_err e;
    memset(&e, 0, sizeof e);
    int before = script_scenario_action_count(ui_session_scenario(ss));
    t->tried++;
    if (ui_session_act(ss, &r, &e)) {
        t->accepted++;
        assert_int_equal(script_scenario_action_count(ui_session_scenario(ss)), before + 1);
    } else {
        t->refused++;
        assert_true(e.code < 0);
        assert_true(e.msg[0] != '\0'); /* a refusal always says why */
        assert_int_equal(script_scenario_action_count(ui_session_scenario(ss)), before);
    }
}

/* What a sensible person clicks: answers choices (lawfully), restores and
 * patches what they see, joins the sharing group, handles reports. Some
 * clicks are refused (the button would say why); those must not count. */
static void player_turn(ui_session *ss, tally *t)
{
    const sim_world *w = world(ss);
    for (int c = 0; c < sim_choice_count(w); c++) {
        sim_choice_info ci;
        sim_choice_get(w, c, &ci);
        if (ci.answer < 0)
            try_act(ss, SIM_ACT_CHOOSE, c, ci.offensive_option == 0 ? 1 : 0, t);
    }
    for (int r = 0; r < sim_report_count(w); r++) {
        sim_report_info ri;
        sim_report_get(w, r, &ri);
        if (ri.state == SIM_REPORT_OPEN)
            try_act(ss, SIM_ACT_HANDLE_REPORT, r, 0, t);
    }
    for (int n = 0; n < sim_node_count(w); n++) {
        sim_node_view v;
        sim_node_view_get(w, n, &v);
        if (v.state == SIM_STATE_COMPROMISED || v.state == SIM_STATE_ENCRYPTED)
            try_act(ss, SIM_ACT_RESTORE, n, 0, t);
        if (v.known_vulns > 0)
            try_act(ss, SIM_ACT_PATCH, n, 0, t);
    }
    int tick = sim_world_tick(w);
    if (tick == 3)
        try_act(ss, SIM_ACT_JOIN_SHARING, -1, 0, t);
    if (tick == 5)
        try_act(ss, SIM_ACT_SECURITY_TXT, -1, 0, t);
    if (tick == 30)
        try_act(ss, SIM_ACT_SCAN, sim_node_find(w, "log4j"), 0, t);
    if (tick == 40)
        try_act(ss, SIM_ACT_WAF, sim_node_find(w, "shop"), 0, t);
}

/* ---- the replay: as `bulwark run --actions` does ------------------------------------- */

static uint64_t replay(const char *path, uint64_t seed, const script_logged_action *log, int count)
{
    script_scenario *s = load(path, seed);
    int next = 0;
    bw_err e;
    while (!sim_world_over(script_scenario_cworld(s))) {
        while (next < count && log[next].tick == sim_world_tick(script_scenario_cworld(s))) {
            int rc = script_scenario_act(s, &log[next].req, &e);
            if (rc < 0)
                fail_msg("replay refused action %d at tick %d: %s", next, log[next].tick, e.msg);
            next++;
        }
        int rc = script_scenario_step(s, &e);
        if (rc < 0)
            fail_msg("replay step failed: %s", e.msg);
    }
    assert_int_equal(next, count);
    uint64_t h = sim_world_hash(script_scenario_cworld(s));
    script_scenario_destroy(s);
    return h;
}

static void test_a_game_played_by_hand_replays_headless_to_the_same_hash(void **state)
{
    (void)state;
    ui_session *ss = session("log4shell", 77);
    tally t = {0};
    /* Uneven frame times and every speed a person uses, plus automation's. */
    static const double frames[] = {1.0 / 60, 1.0 / 30, 0.05, 1.0 / 144, 0.2};
    static const int speeds[] = {1, 2, 4, 8, 240, 8};
    int frame = 0;
    bw_err e;
    while (!ui_session_over(ss)) {
        if (frame % 97 == 0)
            ui_session_set_speed(ss, speeds[(frame / 97) % 6]);
        player_turn(ss, &t);
        int ran = ui_session_update(ss, frames[frame % 5], &e);
        assert_true(ran >= 0 && ran <= 16);
        frame++;
        assert_true(frame < 200000);
    }
    const sim_world *w = world(ss);
    assert_int_equal(sim_world_tick(w), sim_world_days(w) * SIM_TICKS_PER_DAY);
    int count = script_scenario_action_count(ui_session_scenario(ss));
    assert_int_equal(count, t.accepted);
    assert_true(t.accepted >= 5); /* the game was really played */
    assert_true(t.refused >= 1);  /* and some clicks were refused */
    /* The choice at day 8 was answered by the player, not by its default. */
    bool chose = false;
    for (int i = 0; i < count; i++)
        chose |= script_scenario_action_at(ui_session_scenario(ss), i)->req.kind == SIM_ACT_CHOOSE;
    assert_true(chose);

    assert_true(count >= 0 && count < 100000);
    script_logged_action *log = calloc(count > 0 ? (size_t)count : 1u, sizeof *log);
    assert_non_null(log);
    for (int i = 0; i < count; i++)
        log[i] = *script_scenario_action_at(ui_session_scenario(ss), i);
    uint64_t played = sim_world_hash(w);
    ui_session_destroy(ss);

    assert_true(played == replay(scenario_path("log4shell"), 77, log, count));
    /* And the log matters: without it the hash differs. */
    assert_true(played != replay(scenario_path("log4shell"), 77, log, 0));
    free(log);
}

static void test_a_new_session_is_paused_and_paused_time_runs_no_ticks(void **state)
{
    (void)state;
    ui_session *ss = session("log4shell", 1);
    bw_err e;
    assert_int_equal(ui_session_speed(ss), 0);
    assert_int_equal(ui_session_update(ss, 5.0, &e), 0);
    assert_int_equal(sim_world_tick(world(ss)), 0);
    ui_session_set_speed(ss, 4);
    assert_int_equal(ui_session_update(ss, 0.5, &e), 2);
    ui_session_set_speed(ss, 0);
    assert_int_equal(ui_session_update(ss, 3.0, &e), 0);
    assert_int_equal(sim_world_tick(world(ss)), 2);
    ui_session_destroy(ss);
}

static void test_speed_sets_ticks_per_second_and_carries_fractions(void **state)
{
    (void)state;
    ui_session *ss = session("log4shell", 1);
    bw_err e;
    ui_session_set_speed(ss, 4);
    assert_int_equal(ui_session_update(ss, 0.125, &e), 0); /* half a tick owed */
    assert_int_equal(ui_session_update(ss, 0.125, &e), 1); /* now a whole one */
    assert_int_equal(ui_session_update(ss, 1.0, &e), 4);
    ui_session_set_speed(ss, 8);
    assert_int_equal(ui_session_update(ss, 0.5, &e), 4);
    ui_session_set_speed(ss, 1);
    int total = 0;
    for (int i = 0; i < 64; i++)
        total += ui_session_update(ss, 1.0 / 64, &e);
    assert_int_equal(total, 1); /* one second at 1x is one tick */
    assert_int_equal(sim_world_tick(world(ss)), 1 + 4 + 4 + 1);
    ui_session_destroy(ss);
}

static void test_one_update_never_runs_more_than_16_ticks(void **state)
{
    (void)state;
    ui_session *ss = session("log4shell", 1);
    bw_err e;
    ui_session_set_speed(ss, 8);
    assert_int_equal(ui_session_update(ss, 10.0, &e), 16);
    /* The excess is dropped, not owed: the next short frame runs little. */
    assert_int_equal(ui_session_update(ss, 0.125, &e), 1);
    ui_session_set_speed(ss, 240);
    assert_int_equal(ui_session_speed(ss), 240);
    assert_int_equal(ui_session_update(ss, 1.0, &e), 16);
    assert_int_equal(sim_world_tick(world(ss)), 33);
    ui_session_destroy(ss);
}

static void test_speed_is_clamped_and_bad_frame_times_run_nothing(void **state)
{
    (void)state;
    ui_session *ss = session("log4shell", 1);
    bw_err e;
    ui_session_set_speed(ss, 100000);
    assert_int_equal(ui_session_speed(ss), 240);
    ui_session_set_speed(ss, -5);
    assert_int_equal(ui_session_speed(ss), 0);
    ui_session_set_speed(ss, 8);
    assert_int_equal(ui_session_update(ss, -1.0, &e), 0);
    assert_int_equal(ui_session_update(ss, NAN, &e), 0);
    assert_int_equal(ui_session_update(ss, INFINITY, &e), 0);
    assert_int_equal(ui_session_update(ss, 0.0, &e), 0);
    assert_int_equal(sim_world_tick(world(ss)), 0);
    ui_session_destroy(ss);
}

static void test_space_pauses_and_resumes_at_the_last_speed(void **state)
{
    (void)state;
    ui_session *ss = session("log4shell", 1);
    ui_session_toggle_pause(ss);
    assert_int_equal(ui_session_speed(ss), 1); /* first resume: 1x */
    ui_session_set_speed(ss, 4);
    ui_session_toggle_pause(ss);
    assert_int_equal(ui_session_speed(ss), 0);
    ui_session_toggle_pause(ss);
    assert_int_equal(ui_session_speed(ss), 4);
    ui_session_destroy(ss);
}

static void test_refused_actions_give_a_reason_and_are_not_logged(void **state)
{
    (void)state;
    ui_session *ss = session("log4shell", 1);
    const sim_world *w = world(ss);
    bw_err e;
    /* Reconnect a node that is not isolated: nothing to do. */
    sim_action_req r = {SIM_ACT_RECONNECT, sim_node_find(w, "db"), 0};
    memset(&e, 0, sizeof e);
    assert_false(ui_session_act(ss, &r, &e));
    assert_true(e.code < 0);
    assert_true(strlen(e.msg) > 5);
    /* An unknown node. */
    sim_action_req bad = {SIM_ACT_PATCH, 999, 0};
    memset(&e, 0, sizeof e);
    assert_false(ui_session_act(ss, &bad, &e));
    assert_true(e.msg[0] != '\0');
    /* Not offered by this scenario (log4shell does not list code_review). */
    sim_action_req no = {SIM_ACT_CODE_REVIEW, sim_node_find(w, "shop"), 0};
    memset(&e, 0, sizeof e);
    assert_false(ui_session_act(ss, &no, &e));
    assert_true(e.msg[0] != '\0');
    assert_false(ui_session_act(ss, NULL, &e));
    assert_int_equal(script_scenario_action_count(ui_session_scenario(ss)), 0);
    /* The same reason the panel shows, from sim_action_check. */
    bw_err c;
    assert_true(sim_action_check(w, &r, &c) < 0);
    memset(&e, 0, sizeof e);
    ui_session_act(ss, &r, &e);
    assert_string_equal(c.msg, e.msg);
    /* An accepted one is logged with the current tick. */
    bw_err ue;
    ui_session_set_speed(ss, 4);
    assert_int_equal(ui_session_update(ss, 1.0, &ue), 4);
    sim_action_req ok = {SIM_ACT_SECURITY_TXT, -1, 0};
    assert_true(ui_session_act(ss, &ok, &e));
    assert_int_equal(script_scenario_action_count(ui_session_scenario(ss)), 1);
    const script_logged_action *a = script_scenario_action_at(ui_session_scenario(ss), 0);
    assert_int_equal(a->tick, 4);
    assert_int_equal(a->req.kind, SIM_ACT_SECURITY_TXT);
    /* Twice is refused (already published). */
    assert_false(ui_session_act(ss, &ok, &e));
    assert_int_equal(script_scenario_action_count(ui_session_scenario(ss)), 1);
    ui_session_destroy(ss);
}

static void test_new_log_entries_are_handed_out_once(void **state)
{
    (void)state;
    ui_session *ss = session("log4shell", 1);
    const sim_world *w = world(ss);
    int first = -1, count = -1;
    bw_err e;
    /* on_start's message is there before the first tick. */
    int n0 = ui_session_take_new_log(ss, &first, &count);
    assert_int_equal(first, 0);
    assert_int_equal(count, n0);
    assert_int_equal(count, sim_log_count(w));
    assert_int_equal(ui_session_take_new_log(ss, &first, &count), 0);
    assert_int_equal(first, n0);
    assert_int_equal(count, 0);
    /* An action adds an entry. */
    sim_action_req ok = {SIM_ACT_SECURITY_TXT, -1, 0};
    assert_true(ui_session_act(ss, &ok, &e));
    assert_true(ui_session_take_new_log(ss, &first, &count) >= 1);
    assert_int_equal(first, n0);
    int seen = first + count;
    ui_session_set_speed(ss, 240);
    for (int i = 0; i < 20; i++)
        ui_session_update(ss, 1.0, &e);
    ui_session_take_new_log(ss, &first, &count);
    assert_int_equal(first, seen);
    assert_int_equal(first + count, sim_log_count(w));
    assert_true(count > 0);
    ui_session_destroy(ss);
}

static void test_the_game_ends_and_refuses_actions_after(void **state)
{
    (void)state;
    ui_session *ss = session("log4shell", 3);
    bw_err e;
    ui_session_set_speed(ss, 240);
    int guard = 0;
    while (!ui_session_over(ss) && guard++ < 1000)
        assert_true(ui_session_update(ss, 1.0, &e) >= 0);
    assert_true(ui_session_over(ss));
    assert_null(ui_session_failure(ss));
    assert_true(sim_world_outcome(world(ss)) != SIM_OUTCOME_RUNNING);
    assert_int_equal(ui_session_update(ss, 1.0, &e), 0);
    sim_action_req r = {SIM_ACT_SECURITY_TXT, -1, 0};
    memset(&e, 0, sizeof e);
    assert_false(ui_session_act(ss, &r, &e));
    assert_int_equal(e.code, BW_EOVER);
    ui_session_destroy(ss);
}

static void test_a_failing_script_stops_the_game_with_its_location(void **state)
{
    (void)state;
    char dir[] = "/tmp/bw-session-XXXXXX";
    assert_non_null(mkdtemp(dir));
    char path[128];
    snprintf(path, sizeof path, "%s/broken.lua", dir);
    FILE *f = fopen(path, "wb");
    assert_non_null(f);
    fputs("return scenario {\n"
          "  id = \"broken\", title = \"Broken\", days = 2,\n"
          "  defender = { budget = 10, staff = 1 },\n"
          "  nodes = { node { id = \"web\", kind = \"web\", zone = \"dmz\" } },\n"
          "  events = { event { id = \"boom\", at = 3, run = function(w)\n"
          "    error(\"the event broke\")\n"
          "  end } },\n"
          "}\n",
          f);
    fclose(f);
    bw_err e;
    ui_session *ss = ui_session_create(load(path, 1), &e);
    assert_non_null(ss);
    ui_session_set_speed(ss, 8);
    int rc = ui_session_update(ss, 1.0, &e);
    assert_true(rc < 0);
    assert_non_null(strstr(e.msg, "broken.lua:6"));
    assert_true(ui_session_over(ss));
    assert_non_null(ui_session_failure(ss));
    assert_non_null(strstr(ui_session_failure(ss), "the event broke"));
    assert_int_equal(ui_session_speed(ss), 0);
    /* It stays stopped: every later update reports the same failure. */
    assert_true(ui_session_update(ss, 1.0, &e) < 0);
    sim_action_req r = {SIM_ACT_SECURITY_TXT, -1, 0};
    assert_false(ui_session_act(ss, &r, &e));
    ui_session_destroy(ss);
    remove(path);
    rmdir(dir);
}

static void test_null_arguments_are_refused_without_a_crash(void **state)
{
    (void)state;
    bw_err e;
    assert_null(ui_session_create(NULL, &e));
    assert_true(e.code == BW_EINVAL);
    ui_session_destroy(NULL);
    assert_true(ui_session_update(NULL, 1.0, &e) < 0);
    assert_true(ui_session_over(NULL));
    assert_int_equal(ui_session_speed(NULL), 0);
    int first = 5, count = 5;
    assert_int_equal(ui_session_take_new_log(NULL, &first, &count), 0);
    assert_int_equal(count, 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_a_game_played_by_hand_replays_headless_to_the_same_hash),
        cmocka_unit_test(test_a_new_session_is_paused_and_paused_time_runs_no_ticks),
        cmocka_unit_test(test_speed_sets_ticks_per_second_and_carries_fractions),
        cmocka_unit_test(test_one_update_never_runs_more_than_16_ticks),
        cmocka_unit_test(test_speed_is_clamped_and_bad_frame_times_run_nothing),
        cmocka_unit_test(test_space_pauses_and_resumes_at_the_last_speed),
        cmocka_unit_test(test_refused_actions_give_a_reason_and_are_not_logged),
        cmocka_unit_test(test_new_log_entries_are_handed_out_once),
        cmocka_unit_test(test_the_game_ends_and_refuses_actions_after),
        cmocka_unit_test(test_a_failing_script_stops_the_game_with_its_location),
        cmocka_unit_test(test_null_arguments_are_refused_without_a_crash),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
