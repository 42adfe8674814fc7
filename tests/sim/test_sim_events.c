/* test_sim_events.c — the scenario's hooks into time: scheduled events
 * fire at their tick in scheduling order, choices fall to their default
 * at the deadline, and the hooks see the world at fixed points of a tick. */
#include "sim/fixtures.h"

#define DAY SIM_TICKS_PER_DAY

static void small_world(fx *f, int days)
{
    fx_init(f, days);
    fx_node(f, "web", SIM_NODE_WEB, SIM_ZONE_DMZ, 100, 100, 0);
    fx_actor(f, "x", SIM_MOTIVE_THRILL, 1, FX_TECH(SIM_T1021));
}

typedef struct recorder {
    int count;
    uint32_t cookie[32];
    int tick[32];
    int option[32];
    int ticks_seen;
    bool end_on_event;       /* on_event with cookie 99 ends the game */
    bool chain;              /* on_event with cookie 1 schedules cookie 2 for now */
} recorder;

static void record(recorder *r, const sim_world *w, uint32_t cookie, int option)
{
    if (r->count < 32) {
        r->cookie[r->count] = cookie;
        r->tick[r->count] = sim_world_tick(w);
        r->option[r->count] = option;
    }
    r->count++;
}

static void on_event(void *ud, sim_world *w, uint32_t cookie)
{
    recorder *r = ud;
    record(r, w, cookie, -1);
    if (r->chain && cookie == 1)
        assert_int_equal(sim_event_schedule(w, sim_world_tick(w), 2, NULL), BW_OK);
    if (r->end_on_event && cookie == 99)
        assert_int_equal(sim_world_end(w, true, "The story ends here", NULL), BW_OK);
}

static void on_choice(void *ud, sim_world *w, uint32_t cookie, int option)
{
    record(ud, w, cookie, option);
}

static void on_tick(void *ud, sim_world *w)
{
    (void)w;
    ((recorder *)ud)->ticks_seen++;
}

static sim_world *hooked(fx *f, recorder *r)
{
    memset(r, 0, sizeof *r);
    sim_world *w = fx_create(f, 1);
    sim_hooks hooks = { .ud = r, .on_event = on_event, .on_choice = on_choice, .on_tick = on_tick };
    sim_world_set_hooks(w, &hooks);
    return w;
}

static void test_events_run_at_their_tick_in_scheduling_order(void **state)
{
    (void)state;
    fx f;
    small_world(&f, 2);
    recorder r;
    sim_world *w = hooked(&f, &r);
    static const struct { int at; uint32_t cookie; } plan[] = {
        { 5, 10 }, { 3, 20 }, { 5, 30 }, { 3, 40 }, { 48, 50 }, { 5, 60 },
    };
    for (size_t i = 0; i < sizeof plan / sizeof plan[0]; i++)
        assert_int_equal(sim_event_schedule(w, plan[i].at, plan[i].cookie, NULL), BW_OK);
    assert_int_equal(sim_event_pending(w), 6);
    fx_step(w, 2);
    assert_int_equal(r.count, 0);
    fx_step(w, 1);
    assert_int_equal(r.count, 2);
    assert_int_equal(sim_event_pending(w), 4);
    fx_step(w, 2 * DAY - 3);
    static const struct { int tick; uint32_t cookie; } expect[] = {
        { 3, 20 }, { 3, 40 }, { 5, 10 }, { 5, 30 }, { 5, 60 }, { 48, 50 },
    };
    assert_int_equal(r.count, 6);
    for (int i = 0; i < 6; i++) {
        if (r.tick[i] != expect[i].tick || r.cookie[i] != expect[i].cookie)
            fail_msg("event %d: cookie %u at tick %d, expected %u at %d", i, r.cookie[i],
                     r.tick[i], expect[i].cookie, expect[i].tick);
    }
    assert_int_equal(sim_event_pending(w), 0);
    sim_world_destroy(w);
}

static void test_events_outside_the_game_are_refused(void **state)
{
    (void)state;
    fx f;
    small_world(&f, 2);
    recorder r;
    sim_world *w = hooked(&f, &r);
    fx_step(w, 10);
    uint64_t h = sim_world_hash(w);
    bw_err err;
    static const int bad[] = { 9, 0, -1, 2 * DAY + 1, 1000000 };
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        bw_err_clear(&err);
        if (sim_event_schedule(w, bad[i], 1, &err) != BW_EINVAL || !err.msg[0])
            fail_msg("an event at tick %d was accepted at tick 10", bad[i]);
    }
    assert_true(sim_world_hash(w) == h);
    assert_int_equal(sim_event_pending(w), 0);
    assert_int_equal(sim_event_schedule(w, 2 * DAY, 1, &err), BW_OK); /* the last tick */
    fx_step(w, 2 * DAY - 10);
    assert_int_equal(r.count, 1);
    assert_int_equal(r.tick[0], 2 * DAY);
    sim_world_destroy(w);
}

static void test_a_hook_can_schedule_an_event_for_the_same_tick(void **state)
{
    (void)state;
    fx f;
    small_world(&f, 2);
    recorder r;
    sim_world *w = hooked(&f, &r);
    r.chain = true;
    assert_int_equal(sim_event_schedule(w, 4, 1, NULL), BW_OK);
    assert_int_equal(sim_event_schedule(w, 5, 3, NULL), BW_OK);
    fx_step(w, 5);
    assert_int_equal(r.count, 3);
    assert_int_equal(r.cookie[1], 2);
    assert_int_equal(r.tick[1], 4);
    assert_int_equal(r.cookie[2], 3);
    sim_world_destroy(w);
}

static void test_an_event_can_end_the_game_before_attackers_move(void **state)
{
    (void)state;
    fx f;
    small_world(&f, 5);
    recorder r;
    sim_world *w = hooked(&f, &r);
    r.end_on_event = true;
    assert_int_equal(sim_event_schedule(w, 30, 99, NULL), BW_OK);
    assert_int_equal(sim_event_schedule(w, 31, 100, NULL), BW_OK);
    bw_err err;
    assert_int_equal(sim_world_run(w, 5 * DAY, &err), BW_OK);
    assert_true(sim_world_over(w));
    assert_int_equal(sim_world_tick(w), 30);
    assert_int_equal(sim_world_outcome(w), SIM_OUTCOME_WON);
    assert_int_equal(r.count, 1);      /* the event at 31 never ran */
    assert_int_equal(r.ticks_seen, 29); /* no on_tick after the end */
    sim_world_destroy(w);
}

static void test_on_tick_runs_once_a_tick(void **state)
{
    (void)state;
    fx f;
    small_world(&f, 1);
    recorder r;
    sim_world *w = hooked(&f, &r);
    fx_step(w, DAY);
    assert_int_equal(r.ticks_seen, DAY);
    sim_world_set_hooks(w, NULL); /* hooks can be removed */
    sim_world_destroy(w);
}

static void test_a_choice_falls_to_its_default_at_the_deadline(void **state)
{
    (void)state;
    fx f;
    small_world(&f, 2);
    recorder r;
    sim_world *w = hooked(&f, &r);
    static const char *const opts[] = { "Pay the ransom", "Restore from backup", "Wait" };
    fx_step(w, 3);
    int c = sim_choice_open(w, "Your files are encrypted.", opts, 3, 10, 2, 0, 777, NULL);
    assert_int_equal(c, 0);
    assert_int_equal(sim_choice_count(w), 1);
    sim_choice_info ci;
    assert_int_equal(sim_choice_get(w, c, &ci), BW_OK);
    assert_string_equal(ci.text, "Your files are encrypted.");
    assert_int_equal(ci.option_count, 3);
    assert_string_equal(ci.options[1], "Restore from backup");
    assert_int_equal(ci.opened_at, 3);
    assert_int_equal(ci.deadline, 13);
    assert_int_equal(ci.answer, -1);
    assert_int_equal(ci.cookie, 777);

    fx_step(w, 9);
    assert_int_equal(sim_choice_get(w, c, &ci), BW_OK);
    assert_int_equal(ci.answer, -1);
    assert_int_equal(r.count, 0);
    fx_step(w, 1);
    assert_int_equal(sim_choice_get(w, c, &ci), BW_OK);
    assert_int_equal(ci.answer, 2);
    assert_int_equal(r.count, 1);
    assert_int_equal(r.cookie[0], 777);
    assert_int_equal(r.option[0], 2);
    assert_int_equal(r.tick[0], 13);
    /* The default was not the offensive option: no price paid. */
    assert_int_equal(fx_tally(w).offenses, 0);
    fx_step(w, 10);
    assert_int_equal(r.count, 1); /* answered once */
    sim_world_destroy(w);
}

static void test_a_players_answer_calls_on_choice_at_once(void **state)
{
    (void)state;
    fx f;
    small_world(&f, 2);
    recorder r;
    sim_world *w = hooked(&f, &r);
    static const char *const opts[] = { "Notify", "Stay quiet" };
    int c = sim_choice_open(w, "A breach.", opts, 2, 10, 1, -1, 5, NULL);
    sim_defender_info before = fx_defender(w);
    fx_start(w, SIM_ACT_CHOOSE, c, 0);
    assert_int_equal(r.count, 1);
    assert_int_equal(r.option[0], 0);
    assert_int_equal(r.cookie[0], 5);
    sim_defender_info after = fx_defender(w);
    assert_int_equal(after.budget, before.budget); /* answering is free */
    fx_step(w, 20);
    assert_int_equal(r.count, 1); /* the deadline does not answer again */
    sim_world_destroy(w);
}

static void test_an_offensive_default_costs_responsibility_too(void **state)
{
    (void)state;
    fx f;
    small_world(&f, 2);
    recorder r;
    sim_world *w = hooked(&f, &r);
    static const char *const opts[] = { "Strike back", "Report" };
    assert_int_equal(sim_choice_open(w, "Retaliate?", opts, 2, 2, 0, 0, 1, NULL), 0);
    fx_step(w, 2);
    assert_int_equal(fx_tally(w).offenses, 1);
    assert_true(fx_pillar(w, SIM_PILLAR_RESPONSIBILITY) < 100);
    sim_world_destroy(w);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_events_run_at_their_tick_in_scheduling_order),
        cmocka_unit_test(test_events_outside_the_game_are_refused),
        cmocka_unit_test(test_a_hook_can_schedule_an_event_for_the_same_tick),
        cmocka_unit_test(test_an_event_can_end_the_game_before_attackers_move),
        cmocka_unit_test(test_on_tick_runs_once_a_tick),
        cmocka_unit_test(test_a_choice_falls_to_its_default_at_the_deadline),
        cmocka_unit_test(test_a_players_answer_calls_on_choice_at_once),
        cmocka_unit_test(test_an_offensive_default_costs_responsibility_too),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
