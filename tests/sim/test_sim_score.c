/* test_sim_score.c — the four pillars, their daily history, the
 * scenario's objectives deciding win or lose, stars, and ending a game
 * early (RULES.md "The score"). */
#include "sim/fixtures.h"

#define DAY SIM_TICKS_PER_DAY

/* Every kind of trouble at once: four actors, one per motive, with every
 * access technique, against a small network with flaws, data and users. */
static void busy_world(fx *f, int days)
{
    fx_init(f, days);
    f->def.weakness_rate_ppm = -1;
    fx_node(f, "web", SIM_NODE_WEB, SIM_ZONE_DMZ, 300, 5000, 0);
    fx_node(f, "vpn", SIM_NODE_VPN, SIM_ZONE_DMZ, 200, 50, 0);
    fx_node(f, "mail", SIM_NODE_MAIL, SIM_ZONE_INTERNAL, 400, 200, 0);
    fx_node(f, "db", SIM_NODE_DATABASE, SIM_ZONE_INTERNAL, 900, 5000, 0);
    fx_node(f, "ci", SIM_NODE_CI, SIM_ZONE_BUILD, 300, 0, 0);
    fx_node(f, "cam", SIM_NODE_IOT, SIM_ZONE_INTERNAL, 10, 0, 0);
    fx_node(f, "peer", SIM_NODE_PARTNER, SIM_ZONE_PARTNER, 500, 100, 0);
    f->nodes[1].leaked_credentials = true;
    fx_link(f, "web", "db", SIM_LINK_NETWORK);
    fx_link(f, "vpn", "mail", SIM_LINK_TRUST);
    fx_link(f, "mail", "db", SIM_LINK_NETWORK);
    fx_link(f, "ci", "web", SIM_LINK_DEPENDENCY);
    fx_link(f, "db", "ci", SIM_LINK_DATA);
    fx_link(f, "web", "peer", SIM_LINK_NETWORK);
    fx_link(f, "cam", "db", SIM_LINK_NETWORK);
    fx_vuln(f, "sqli", "web", 98);
    sim_vuln_def *v = fx_vuln(f, "rce", "vpn", 90);
    v->known_to_defender = false;
    uint32_t access = FX_TECH(SIM_T1190) | FX_TECH(SIM_T1566) | FX_TECH(SIM_T1078) |
                      FX_TECH(SIM_T1110) | FX_TECH(SIM_T1133) | FX_TECH(SIM_T1195) |
                      FX_TECH(SIM_T1203) | FX_TECH(SIM_T1498);
    fx_actor(f, "crew", SIM_MOTIVE_MONEY, 4, access)->attempts_per_day = 12;
    fx_actor(f, "apt", SIM_MOTIVE_ESPIONAGE, 5, access)->attempts_per_day = 12;
    fx_actor(f, "hacktivists", SIM_MOTIVE_IDEOLOGY, 3, access)->attempts_per_day = 12;
    fx_actor(f, "kid", SIM_MOTIVE_THRILL, 1, access)->attempts_per_day = 24;
    fx_report(f, "r1", "rce", 2 * DAY, 3 * DAY);
}

static void assert_pillars_in_range(const sim_score *s)
{
    for (int p = 0; p < SIM_PILLAR_COUNT; p++)
        assert_in_range(s->pillar[p], 0, 100);
}

static void test_pillars_stay_between_0_and_100_in_a_bad_month(void **state)
{
    (void)state;
    int worst_protection = 100;
    for (uint64_t seed = 1; seed <= 8; seed++) {
        fx f;
        busy_world(&f, 30);
        sim_world *w = fx_create(&f, seed);
        while (!sim_world_over(w)) {
            fx_step(w, 1);
            sim_score s;
            sim_world_score(w, &s);
            assert_pillars_in_range(&s);
        }
        for (int d = 0; d <= 30; d++) {
            sim_score s;
            assert_int_equal(sim_score_history(w, d, &s), BW_OK);
            assert_pillars_in_range(&s);
        }
        int p = fx_pillar(w, SIM_PILLAR_PROTECTION);
        worst_protection = p < worst_protection ? p : worst_protection;
        assert_true(fx_tally(w).nodes_compromised > 0); /* the month was bad */
        sim_world_destroy(w);
    }
    assert_true(worst_protection < 100);
}

static void test_score_adjustments_are_clamped_and_logged(void **state)
{
    (void)state;
    fx f;
    busy_world(&f, 5);
    sim_world *w = fx_create(&f, 1);
    for (int i = 0; i < 3; i++)
        assert_int_equal(sim_score_adjust(w, SIM_PILLAR_COLLABORATION, 100, "Helped a partner", NULL),
                         BW_OK);
    for (int i = 0; i < 3; i++)
        assert_int_equal(sim_score_adjust(w, SIM_PILLAR_RESPONSIBILITY, -100, "Lied to a customer", NULL),
                         BW_OK);
    assert_int_equal(fx_pillar(w, SIM_PILLAR_COLLABORATION), 100);
    assert_int_equal(fx_pillar(w, SIM_PILLAR_RESPONSIBILITY), 0);
    sim_log_entry e;
    assert_int_equal(sim_log_get(w, sim_log_count(w) - 1, &e), BW_OK);
    assert_int_equal(e.kind, SIM_LOG_SCORE);
    assert_true(e.visible);
    assert_non_null(strstr(e.text, "Lied to a customer"));
    assert_int_equal(fx_tally(w).responsibility_adjust, -300);
    sim_world_destroy(w);
}

static void test_history_has_the_start_and_one_entry_per_day(void **state)
{
    (void)state;
    fx f;
    busy_world(&f, 3);
    sim_world *w = fx_create(&f, 7);
    sim_score s, h;
    for (int d = 1; d <= 3; d++) {
        fx_step(w, DAY);
        sim_world_score(w, &s);
        assert_int_equal(sim_score_history(w, d, &h), BW_OK);
        assert_memory_equal(&s, &h, sizeof s); /* the day's closing score */
    }
    assert_true(sim_world_over(w));
    assert_int_equal(sim_world_tick(w), 3 * DAY);
    assert_int_equal(sim_score_history(w, 3, &h), BW_OK);
    assert_int_equal(sim_score_history(w, 4, &h), BW_ENOTFOUND);
    bw_err err;
    assert_int_equal(sim_world_step(w, &err), BW_EOVER);
    assert_true(err.msg[0] != '\0');
    assert_int_equal(sim_world_tick(w), 3 * DAY);
    assert_int_equal(sim_score_history(w, 4, &h), BW_ENOTFOUND);
    sim_world_destroy(w);
}

static void test_an_isolated_service_serves_no_one(void **state)
{
    (void)state;
    fx f;
    fx_init(&f, 5);
    fx_node(&f, "shop", SIM_NODE_WEB, SIM_ZONE_DMZ, 100, 1000, 0);
    fx_node(&f, "blog", SIM_NODE_WEB, SIM_ZONE_DMZ, 100, 1000, 0);
    fx_actor(&f, "x", SIM_MOTIVE_THRILL, 1, FX_TECH(SIM_T1021));
    sim_world *w = fx_create(&f, 1);
    fx_step(w, DAY);
    assert_int_equal(fx_pillar(w, SIM_PILLAR_PROTECTION), 100);
    fx_start(w, SIM_ACT_ISOLATE, 0, 0);
    fx_step(w, 2 * DAY);
    /* Half the customers unserved for two of three days: about 67. */
    assert_in_range(fx_pillar(w, SIM_PILLAR_PROTECTION), 60, 70);
    sim_tally t = fx_tally(w);
    assert_true(t.customer_hours_safe < t.customer_hours_possible);
    sim_world_destroy(w);
}

/* ---- objectives and outcome ------------------------------------------------ */

static void money_world(fx *f, int days)
{
    fx_init(f, days);
    fx_node(f, "files", SIM_NODE_FILESERVER, SIM_ZONE_INTERNAL, 800, 100, SIM_CTL_BACKUP);
    fx_node(f, "wiki", SIM_NODE_WEB, SIM_ZONE_INTERNAL, 10, 10, 0);
    fx_actor(f, "crew", SIM_MOTIVE_MONEY, 4, FX_TECH(SIM_T1021));
}

static bool files_encrypted(const sim_world *w, void *ud)
{
    (void)ud;
    return fx_node_info(w, 0).state == SIM_STATE_ENCRYPTED;
}

static void test_a_node_never_lost_objective_fails_for_good_on_encryption(void **state)
{
    (void)state;
    fx f;
    money_world(&f, 10);
    fx_objective(&f, "keep-files", SIM_OBJ_NODE_NEVER_LOST, "files", 0);
    fx_objective(&f, "keep-wiki", SIM_OBJ_NODE_NEVER_LOST, "wiki", 0);
    sim_world *w = fx_create(&f, 3);
    assert_int_equal(sim_intrusion_plant(w, 0, 0, SIM_T1190, NULL), 0);
    sim_objective_info o;
    assert_int_equal(sim_objective_get(w, 0, &o), BW_OK);
    assert_true(o.met); /* a foothold alone loses nothing yet */
    assert_true(fx_step_until(w, files_encrypted, NULL, 5 * DAY));
    assert_int_equal(sim_objective_get(w, 0, &o), BW_OK);
    assert_false(o.met);
    assert_int_equal(sim_objective_get(w, 1, &o), BW_OK);
    assert_true(o.met);
    /* Restoring brings the service back, not the objective. */
    fx_start(w, SIM_ACT_RESTORE, 0, 0);
    fx_step(w, 10 * DAY - sim_world_tick(w));
    assert_int_equal(fx_node_info(w, 0).state, SIM_STATE_HEALTHY);
    assert_int_equal(sim_objective_get(w, 0, &o), BW_OK);
    assert_false(o.met);
    assert_int_equal(sim_world_outcome(w), SIM_OUTCOME_LOST);
    assert_int_equal(sim_world_stars(w), 0);
    sim_world_destroy(w);
}

static void test_a_script_objective_is_decided_by_the_scenario(void **state)
{
    (void)state;
    static const struct { bool set, met; sim_outcome outcome; } cases[] = {
        { false, false, SIM_OUTCOME_LOST }, /* never decided: not met */
        { true, true, SIM_OUTCOME_WON },
        { true, false, SIM_OUTCOME_LOST },
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        fx f;
        money_world(&f, 2);
        fx_objective(&f, "story", SIM_OBJ_SCRIPT, NULL, 0);
        sim_world *w = fx_create(&f, 1);
        if (cases[i].set) {
            assert_int_equal(sim_objective_set(w, 0, true, NULL), BW_OK);
            assert_int_equal(sim_objective_set(w, 0, cases[i].met, NULL), BW_OK);
        }
        assert_int_equal(sim_world_outcome(w), SIM_OUTCOME_RUNNING);
        fx_step(w, 2 * DAY);
        assert_int_equal(sim_world_outcome(w), cases[i].outcome);
        int stars = sim_world_stars(w);
        if (cases[i].outcome == SIM_OUTCOME_WON)
            assert_in_range(stars, 1, 3);
        else
            assert_int_equal(stars, 0);
        sim_world_destroy(w);
    }
}

static void test_optional_objectives_do_not_decide_the_outcome(void **state)
{
    (void)state;
    fx f;
    money_world(&f, 2);
    fx_objective(&f, "bonus", SIM_OBJ_SCRIPT, NULL, 0)->optional = true;
    fx_objective(&f, "main", SIM_OBJ_SCRIPT, NULL, 0);
    sim_world *w = fx_create(&f, 1);
    assert_int_equal(sim_objective_set(w, 1, true, NULL), BW_OK);
    fx_step(w, 2 * DAY);
    sim_objective_info o;
    assert_int_equal(sim_objective_get(w, 0, &o), BW_OK);
    assert_true(o.optional && !o.met);
    assert_int_equal(sim_world_outcome(w), SIM_OUTCOME_WON);
    sim_world_destroy(w);
}

static void test_pillar_and_compromise_objectives_follow_the_game(void **state)
{
    (void)state;
    for (int offend = 0; offend < 2; offend++) {
        fx f;
        money_world(&f, 2);
        fx_objective(&f, "decent", SIM_OBJ_PILLAR_MIN, "responsibility", 90);
        fx_objective(&f, "clean", SIM_OBJ_MAX_COMPROMISED, NULL, 0);
        fx_objective(&f, "no-leak", SIM_OBJ_NO_DATA_LOST, NULL, 0);
        sim_world *w = fx_create(&f, 1);
        if (offend) {
            assert_int_equal(sim_offense_record(w, 20, true, "Doxxed the attacker", NULL), BW_OK);
            assert_true(sim_intrusion_plant(w, 0, 1, SIM_T1190, NULL) >= 0);
        }
        sim_objective_info o;
        for (int i = 0; i < 3; i++) {
            assert_int_equal(sim_objective_get(w, i, &o), BW_OK);
            bool expect = i == 2 ? true : !offend; /* the wiki holds no data */
            if (o.met != expect)
                fail_msg("objective %s: met %d with offend %d", o.id, o.met, offend);
        }
        fx_step(w, 2 * DAY);
        assert_int_equal(sim_world_outcome(w), offend ? SIM_OUTCOME_LOST : SIM_OUTCOME_WON);
        sim_world_destroy(w);
    }
}

static void test_the_scenario_can_end_the_game_early(void **state)
{
    (void)state;
    for (int won = 0; won < 2; won++) {
        fx f;
        money_world(&f, 10);
        fx_objective(&f, "story", SIM_OBJ_SCRIPT, NULL, 0);
        sim_world *w = fx_create(&f, 1);
        fx_step(w, DAY + 6);
        bw_err err;
        assert_int_equal(sim_world_end(w, won, won ? "The board is pleased" : "Bankrupt", &err),
                         BW_OK);
        assert_true(sim_world_over(w));
        assert_int_equal(sim_world_outcome(w), won ? SIM_OUTCOME_WON : SIM_OUTCOME_LOST);
        if (won)
            assert_in_range(sim_world_stars(w), 1, 3);
        else
            assert_int_equal(sim_world_stars(w), 0);
        sim_log_entry e;
        assert_int_equal(sim_log_get(w, sim_log_count(w) - 1, &e), BW_OK);
        assert_string_equal(e.text, won ? "The board is pleased" : "Bankrupt");
        /* The start, day 1, and the unfinished day 2. */
        sim_score s;
        assert_int_equal(sim_score_history(w, 2, &s), BW_OK);
        assert_int_equal(sim_score_history(w, 3, &s), BW_ENOTFOUND);
        uint64_t h = sim_world_hash(w);
        assert_int_equal(sim_world_step(w, &err), BW_EOVER);
        assert_int_equal(sim_world_end(w, true, "again", &err), BW_EOVER);
        (void)sim_world_run(w, 10, &err); /* nothing to run */
        assert_true(sim_world_hash(w) == h);
        assert_int_equal(sim_world_tick(w), DAY + 6);
        sim_world_destroy(w);
    }
}

static void test_stars_grade_a_won_game_by_its_pillars(void **state)
{
    (void)state;
    fx f;
    money_world(&f, 1);
    fx_objective(&f, "story", SIM_OBJ_SCRIPT, NULL, 0);
    int stars[4];
    for (int level = 0; level < 4; level++) {
        sim_world *w = fx_create(&f, 1);
        assert_int_equal(sim_objective_set(w, 0, true, NULL), BW_OK);
        /* Start: protection 100, responsibility 100, capacity 0,
         * collaboration 40. Level 1 is a quiet game where nothing was
         * done: a win, but one star. */
        if (level == 0)
            assert_int_equal(sim_score_adjust(w, SIM_PILLAR_PROTECTION, -100, "outage", NULL), BW_OK);
        if (level == 2)
            assert_int_equal(sim_score_adjust(w, SIM_PILLAR_CAPACITY, 25, "trained", NULL), BW_OK);
        if (level == 3) {
            assert_int_equal(sim_score_adjust(w, SIM_PILLAR_CAPACITY, 80, "trained", NULL), BW_OK);
            assert_int_equal(sim_score_adjust(w, SIM_PILLAR_COLLABORATION, 50, "shared", NULL), BW_OK);
        }
        fx_step(w, DAY);
        assert_int_equal(sim_world_outcome(w), SIM_OUTCOME_WON);
        stars[level] = sim_world_stars(w);
        sim_world_destroy(w);
    }
    assert_int_equal(stars[0], 1);
    assert_int_equal(stars[1], 1);
    assert_int_equal(stars[2], 2);
    assert_int_equal(stars[3], 3);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_pillars_stay_between_0_and_100_in_a_bad_month),
        cmocka_unit_test(test_score_adjustments_are_clamped_and_logged),
        cmocka_unit_test(test_history_has_the_start_and_one_entry_per_day),
        cmocka_unit_test(test_an_isolated_service_serves_no_one),
        cmocka_unit_test(test_a_node_never_lost_objective_fails_for_good_on_encryption),
        cmocka_unit_test(test_a_script_objective_is_decided_by_the_scenario),
        cmocka_unit_test(test_optional_objectives_do_not_decide_the_outcome),
        cmocka_unit_test(test_pillar_and_compromise_objectives_follow_the_game),
        cmocka_unit_test(test_the_scenario_can_end_the_game_early),
        cmocka_unit_test(test_stars_grade_a_won_game_by_its_pillars),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
