/* test_sim_collective.c — the Accord's collective mechanics as rules:
 * coordinated disclosure, indicator sharing, breach notification, and the
 * price of offensive action (RULES.md "Collective action", "No offensive
 * action"). */
#include "sim/fixtures.h"

enum { WEB, DB, PARTNER };
enum { CREW };
#define DAY SIM_TICKS_PER_DAY

/* A web shop with a critical flaw nobody outside knows of yet, reported
 * by a researcher; a database; a partner's server. The actor has no
 * access technique so that only what a test plants happens. */
static void world(fx *f, int report_at, int deadline)
{
    fx_init(f, 30);
    fx_node(f, "web", SIM_NODE_WEB, SIM_ZONE_DMZ, 300, 1000, 0);
    fx_node(f, "db", SIM_NODE_DATABASE, SIM_ZONE_INTERNAL, 800, 100,
            SIM_CTL_EDR | SIM_CTL_LOGGING);
    fx_node(f, "partner", SIM_NODE_PARTNER, SIM_ZONE_PARTNER, 500, 100, 0);
    fx_link(f, "web", "partner", SIM_LINK_NETWORK);
    sim_vuln_def *v = fx_vuln(f, "sqli", "web", 98);
    v->known_to_defender = false;
    v->known_to_attackers = false;
    v->fix_available = false;
    fx_actor(f, "crew", SIM_MOTIVE_ESPIONAGE, 3, FX_TECH(SIM_T1021));
    fx_report(f, "r1", "sqli", report_at, deadline);
}

static sim_report_info report(const sim_world *w, int i)
{
    sim_report_info r;
    assert_int_equal(sim_report_get(w, i, &r), BW_OK);
    return r;
}

static sim_vuln_info vuln(const sim_world *w, int i)
{
    sim_vuln_info v;
    assert_int_equal(sim_vuln_get(w, i, &v), BW_OK);
    return v;
}

/* ---- coordinated disclosure ----------------------------------------------- */

static void test_an_ignored_deadline_makes_the_flaw_public_and_easier_to_exploit(void **state)
{
    (void)state;
    fx f;
    world(&f, 0, 5 * DAY);
    sim_world *w = fx_create(&f, 1);
    int arrives = report(w, 0).arrives_at;
    fx_step(w, arrives);
    sim_report_info r = report(w, 0);
    assert_int_equal(r.state, SIM_REPORT_OPEN);
    assert_int_equal(r.deadline, arrives + 5 * DAY);
    assert_true(vuln(w, 0).known_to_defender); /* the report told us */
    uint32_t before = sim_attack_chance(w, CREW, SIM_T1190, WEB);
    int resp = fx_pillar(w, SIM_PILLAR_RESPONSIBILITY);
    int collab = fx_pillar(w, SIM_PILLAR_COLLABORATION);

    fx_step(w, 5 * DAY - 1);
    assert_int_equal(report(w, 0).state, SIM_REPORT_OPEN);
    fx_step(w, 1);
    assert_int_equal(report(w, 0).state, SIM_REPORT_PUBLIC);
    sim_vuln_info v = vuln(w, 0);
    assert_true(v.is_public && v.known_to_attackers);
    uint32_t after = sim_attack_chance(w, CREW, SIM_T1190, WEB);
    assert_true(after > before);
    assert_true(after >= 2 * 80000); /* a public exploit: ×3 exploitability */
    assert_int_equal(fx_tally(w).deadlines_missed, 1);
    assert_true(fx_pillar(w, SIM_PILLAR_RESPONSIBILITY) < resp);
    assert_true(fx_pillar(w, SIM_PILLAR_COLLABORATION) < collab);
    sim_world_destroy(w);
}

static void test_a_report_handled_in_time_is_coordinated_and_patched(void **state)
{
    (void)state;
    fx f;
    world(&f, 0, 5 * DAY);
    fx_objective(&f, "coordinated", SIM_OBJ_REPORTS_COORDINATED, NULL, 0);
    sim_world *w = fx_create(&f, 1);
    fx_step(w, report(w, 0).arrives_at);
    int collab = fx_pillar(w, SIM_PILLAR_COLLABORATION);
    fx_start(w, SIM_ACT_HANDLE_REPORT, 0, 0);
    fx_step(w, sim_action_cost_of(w, SIM_ACT_HANDLE_REPORT).duration);
    assert_int_equal(report(w, 0).state, SIM_REPORT_COORDINATED);
    sim_vuln_info v = vuln(w, 0);
    assert_true(v.patched && v.fix_available);
    assert_int_equal(sim_attack_chance(w, CREW, SIM_T1190, WEB), 0);
    assert_int_equal(fx_tally(w).reports_coordinated, 1);
    assert_true(fx_pillar(w, SIM_PILLAR_COLLABORATION) > collab);
    /* The deadline passes quietly: nothing goes public. */
    fx_step(w, 5 * DAY);
    assert_int_equal(report(w, 0).state, SIM_REPORT_COORDINATED);
    assert_int_equal(fx_tally(w).deadlines_missed, 0);
    assert_int_equal(fx_pillar(w, SIM_PILLAR_RESPONSIBILITY), 100);
    fx_step(w, 30 * DAY - sim_world_tick(w));
    assert_int_equal(sim_world_outcome(w), SIM_OUTCOME_WON);
    sim_world_destroy(w);
}

static void test_a_report_handled_too_late_misses_its_objective(void **state)
{
    (void)state;
    fx f;
    world(&f, 0, 1 * DAY); /* shorter than handling takes */
    fx_objective(&f, "coordinated", SIM_OBJ_REPORTS_COORDINATED, NULL, 0);
    sim_world *w = fx_create(&f, 1);
    fx_step(w, report(w, 0).arrives_at);
    fx_start(w, SIM_ACT_HANDLE_REPORT, 0, 0);
    fx_step(w, sim_action_cost_of(w, SIM_ACT_HANDLE_REPORT).duration);
    assert_int_equal(report(w, 0).state, SIM_REPORT_PUBLIC);
    assert_int_equal(fx_tally(w).reports_coordinated, 0);
    sim_objective_info o;
    assert_int_equal(sim_objective_get(w, 0, &o), BW_OK);
    assert_false(o.met);
    sim_world_destroy(w);
}

static void test_security_txt_makes_a_report_arrive_earlier(void **state)
{
    (void)state;
    const int at = 3 * DAY;
    int arrived[2];
    for (int published = 0; published < 2; published++) {
        fx f;
        world(&f, at, 5 * DAY);
        sim_world *w = fx_create(&f, 1);
        if (published)
            fx_start(w, SIM_ACT_SECURITY_TXT, -1, 0);
        int t = 0;
        while (report(w, 0).state == SIM_REPORT_PENDING && t++ < 10 * DAY)
            fx_step(w, 1);
        arrived[published] = sim_world_tick(w);
        assert_int_equal(report(w, 0).arrives_at, arrived[published]);
        sim_world_destroy(w);
    }
    assert_int_equal(arrived[1], at);    /* researchers find the contact at once */
    assert_true(arrived[0] > arrived[1]); /* without it they hunt for days */

    /* A report scheduled after publication arrives on time too. */
    fx f;
    world(&f, at, 5 * DAY);
    f.report_count = 0;
    sim_world *w = fx_create(&f, 1);
    fx_start(w, SIM_ACT_SECURITY_TXT, -1, 0);
    fx_step(w, sim_action_cost_of(w, SIM_ACT_SECURITY_TXT).duration);
    sim_report_def late = { "r2", "sqli", "Grace", 2 * DAY, DAY };
    assert_int_equal(sim_report_add(w, &late, NULL), 0);
    assert_int_equal(report(w, 0).arrives_at, 2 * DAY);
    assert_true(fx_defender(w).security_txt);
    sim_world_destroy(w);
}

/* ---- sharing ------------------------------------------------------------- */

static bool crew_detected(const sim_world *w, void *ud)
{
    (void)ud;
    sim_actor_info a;
    assert_int_equal(sim_actor_get(w, CREW, &a), BW_OK);
    return a.detected;
}

static void test_a_shared_indicator_lowers_a_partners_risk(void **state)
{
    (void)state;
    fx f;
    world(&f, 20 * DAY, 5 * DAY);
    sim_world *w = fx_create(&f, 1);
    /* Sharing needs something to share: catch the crew on the database. */
    sim_action_req share = { SIM_ACT_SHARE_INDICATOR, CREW, 0 };
    assert_int_equal(sim_action_check(w, &share, NULL), BW_EREFUSED);
    assert_true(sim_intrusion_plant(w, CREW, DB, SIM_T1190, NULL) >= 0);
    assert_true(fx_step_until(w, crew_detected, NULL, 5 * DAY));

    uint32_t before = sim_attack_chance(w, CREW, SIM_T1021, PARTNER);
    assert_true(before > 0);
    int collab = fx_pillar(w, SIM_PILLAR_COLLABORATION);
    fx_start(w, SIM_ACT_SHARE_INDICATOR, CREW, 0);
    fx_step(w, sim_action_cost_of(w, SIM_ACT_SHARE_INDICATOR).duration);
    uint32_t after = sim_attack_chance(w, CREW, SIM_T1021, PARTNER);
    assert_true(after < before);
    assert_true(after <= before / 2 + 1);
    sim_actor_info a;
    assert_int_equal(sim_actor_get(w, CREW, &a), BW_OK);
    assert_true(a.indicators_shared);
    sim_tally t = fx_tally(w);
    assert_int_equal(t.indicators_shared, 1);
    assert_int_equal(t.partners_protected, 1);
    assert_true(fx_pillar(w, SIM_PILLAR_COLLABORATION) > collab);
    /* Once is enough. */
    assert_int_equal(sim_action_check(w, &share, NULL), BW_EREFUSED);
    sim_world_destroy(w);
}

static void test_receiving_indicators_needs_the_sharing_group(void **state)
{
    (void)state;
    fx f;
    world(&f, 20 * DAY, 5 * DAY);
    sim_world *w = fx_create(&f, 1);
    bw_err err;
    assert_int_equal(sim_indicator_receive(w, CREW, &err), 0);
    sim_actor_info a;
    assert_int_equal(sim_actor_get(w, CREW, &a), BW_OK);
    assert_false(a.indicators_known);
    assert_int_equal(fx_tally(w).indicators_received, 0);

    fx_start(w, SIM_ACT_JOIN_SHARING, -1, 0);
    fx_step(w, sim_action_cost_of(w, SIM_ACT_JOIN_SHARING).duration);
    int collab = fx_pillar(w, SIM_PILLAR_COLLABORATION);
    assert_int_equal(sim_indicator_receive(w, CREW, &err), 1);
    assert_int_equal(sim_actor_get(w, CREW, &a), BW_OK);
    assert_true(a.indicators_known);
    assert_int_equal(fx_tally(w).indicators_received, 1);
    assert_true(fx_pillar(w, SIM_PILLAR_COLLABORATION) > collab);
    sim_world_destroy(w);
}

static void test_received_indicators_raise_detection_and_block_access(void **state)
{
    (void)state;
    fx f;
    world(&f, 20 * DAY, 5 * DAY);
    f.nodes[DB].controls = 0; /* no monitoring of our own */
    f.vulns[0].known_to_attackers = true;
    sim_world *w = fx_create(&f, 1);
    int i = sim_intrusion_plant(w, CREW, DB, SIM_T1190, NULL);
    assert_true(i >= 0);
    uint32_t d0 = sim_detect_chance(w, i);
    uint32_t a0 = sim_attack_chance(w, CREW, SIM_T1190, WEB);
    fx_start(w, SIM_ACT_JOIN_SHARING, -1, 0);
    fx_step(w, sim_action_cost_of(w, SIM_ACT_JOIN_SHARING).duration);
    if (fx_intrusion(w, i).detected)
        fail_msg("the unmonitored intrusion was found by luck; pick another seed");
    assert_int_equal(sim_indicator_receive(w, CREW, NULL), 1);
    uint32_t d1 = sim_detect_chance(w, i);
    assert_true(d1 >= 10 * d0);
    assert_true(sim_attack_chance(w, CREW, SIM_T1190, WEB) < a0);
    sim_world_destroy(w);
}

static void test_sharing_costs_a_daily_fee(void **state)
{
    (void)state;
    fx f;
    world(&f, 20 * DAY, 5 * DAY);
    sim_world *w = fx_create(&f, 1);
    fx_start(w, SIM_ACT_JOIN_SHARING, -1, 0);
    fx_step(w, DAY);
    int b1 = fx_defender(w).budget;
    fx_step(w, 3 * DAY);
    assert_true(fx_defender(w).budget < b1);
    sim_world_destroy(w);
}

/* ---- breaches and notification ---------------------------------------------- */

static bool breach_known(const sim_world *w, void *ud)
{
    (void)ud;
    sim_action_req notify = { SIM_ACT_NOTIFY, -1, 0 };
    return sim_action_check(w, &notify, NULL) == BW_OK;
}

static void test_a_breach_not_notified_in_72_hours_costs_responsibility(void **state)
{
    (void)state;
    for (int notify = 0; notify < 2; notify++) {
        fx f;
        world(&f, 20 * DAY, 5 * DAY);
        sim_world *w = fx_create(&f, 2);
        assert_true(sim_intrusion_plant(w, CREW, DB, SIM_T1190, NULL) >= 0);
        assert_true(fx_step_until(w, breach_known, NULL, 10 * DAY));
        assert_true(fx_node_info(w, DB).data_lost);
        if (notify) {
            fx_start(w, SIM_ACT_NOTIFY, -1, 0);
            fx_step(w, sim_action_cost_of(w, SIM_ACT_NOTIFY).duration);
            assert_false(breach_known(w, NULL)); /* nothing left to notify */
            fx_step(w, 72 - sim_action_cost_of(w, SIM_ACT_NOTIFY).duration);
            sim_tally t = fx_tally(w);
            assert_int_equal(t.breaches_notified, 1);
            assert_int_equal(t.breaches_concealed, 0);
            assert_int_equal(fx_pillar(w, SIM_PILLAR_RESPONSIBILITY), 100);
        } else {
            fx_step(w, 71);
            assert_int_equal(fx_tally(w).breaches_concealed, 0);
            assert_int_equal(fx_pillar(w, SIM_PILLAR_RESPONSIBILITY), 100);
            fx_step(w, 1); /* the 72nd hour */
            assert_int_equal(fx_tally(w).breaches_concealed, 1);
            assert_true(fx_pillar(w, SIM_PILLAR_RESPONSIBILITY) < 100);
        }
        sim_world_destroy(w);
    }
}

/* ---- offensive action --------------------------------------------------------- */

static void test_hack_back_is_refused_unless_the_scenario_offers_it(void **state)
{
    (void)state;
    fx f;
    world(&f, 20 * DAY, 5 * DAY);
    sim_world *w = fx_create(&f, 1);
    assert_true(sim_intrusion_plant(w, CREW, DB, SIM_T1190, NULL) >= 0);
    assert_true(fx_step_until(w, crew_detected, NULL, 5 * DAY));
    bw_err err;
    uint64_t h = sim_world_hash(w);
    assert_int_equal(fx_try(w, SIM_ACT_HACK_BACK, CREW, 0, &err), BW_EREFUSED);
    assert_non_null(strstr(err.msg, "not offered"));
    assert_true(sim_world_hash(w) == h);
    /* The lawful answer is always there. */
    assert_true(sim_action_offered(w, SIM_ACT_REPORT_AUTHORITIES));
    sim_world_destroy(w);
}

static void test_hacking_back_costs_responsibility_and_reporting_does_not(void **state)
{
    (void)state;
    static const struct { sim_action_kind kind; bool offensive; } cases[] = {
        { SIM_ACT_HACK_BACK, true },
        { SIM_ACT_REPORT_AUTHORITIES, false },
    };
    for (uint64_t seed = 1; seed <= 10; seed++) {
        for (int c = 0; c < 2; c++) {
            fx f;
            world(&f, 20 * DAY, 5 * DAY);
            f.def.actions_offered = FX_ALL_ACTIONS;
            f.nodes[DB].has_data = false; /* no breach to muddy the pillar */
            f.nodes[DB].kind = SIM_NODE_API;
            sim_world *w = fx_create(&f, seed);
            assert_true(sim_action_offered(w, SIM_ACT_HACK_BACK));
            assert_true(sim_intrusion_plant(w, CREW, DB, SIM_T1190, NULL) >= 0);
            assert_true(fx_step_until(w, crew_detected, NULL, 5 * DAY));
            int resp = fx_pillar(w, SIM_PILLAR_RESPONSIBILITY);
            int collab = fx_pillar(w, SIM_PILLAR_COLLABORATION);
            assert_int_equal(resp, 100);
            fx_start(w, cases[c].kind, CREW, 0);
            fx_step(w, sim_action_cost_of(w, cases[c].kind).duration);
            sim_tally t = fx_tally(w);
            if (cases[c].offensive) {
                assert_int_equal(t.offenses, 1);
                assert_true(fx_pillar(w, SIM_PILLAR_RESPONSIBILITY) <= resp - 30);
            } else {
                assert_int_equal(t.offenses, 0);
                assert_int_equal(fx_pillar(w, SIM_PILLAR_RESPONSIBILITY), resp);
                assert_true(fx_pillar(w, SIM_PILLAR_COLLABORATION) > collab);
            }
            sim_world_destroy(w);
        }
    }
}

static void test_choosing_an_offensive_option_costs_responsibility(void **state)
{
    (void)state;
    static const char *const opts[] = { "Report to the CERT", "DDoS their server" };
    for (int pick = 0; pick < 2; pick++) {
        fx f;
        world(&f, 20 * DAY, 5 * DAY);
        sim_world *w = fx_create(&f, 1);
        int c = sim_choice_open(w, "The attacker's server is exposed.", opts, 2, DAY, 0, 1, 42,
                                NULL);
        assert_true(c >= 0);
        fx_start(w, SIM_ACT_CHOOSE, c, pick);
        sim_choice_info ci;
        assert_int_equal(sim_choice_get(w, c, &ci), BW_OK);
        assert_int_equal(ci.answer, pick);
        if (pick == 1) {
            assert_int_equal(fx_tally(w).offenses, 1);
            assert_true(fx_pillar(w, SIM_PILLAR_RESPONSIBILITY) < 100);
        } else {
            assert_int_equal(fx_tally(w).offenses, 0);
            assert_int_equal(fx_pillar(w, SIM_PILLAR_RESPONSIBILITY), 100);
        }
        sim_world_destroy(w);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_an_ignored_deadline_makes_the_flaw_public_and_easier_to_exploit),
        cmocka_unit_test(test_a_report_handled_in_time_is_coordinated_and_patched),
        cmocka_unit_test(test_a_report_handled_too_late_misses_its_objective),
        cmocka_unit_test(test_security_txt_makes_a_report_arrive_earlier),
        cmocka_unit_test(test_a_shared_indicator_lowers_a_partners_risk),
        cmocka_unit_test(test_receiving_indicators_needs_the_sharing_group),
        cmocka_unit_test(test_received_indicators_raise_detection_and_block_access),
        cmocka_unit_test(test_sharing_costs_a_daily_fee),
        cmocka_unit_test(test_a_breach_not_notified_in_72_hours_costs_responsibility),
        cmocka_unit_test(test_hack_back_is_refused_unless_the_scenario_offers_it),
        cmocka_unit_test(test_hacking_back_costs_responsibility_and_reporting_does_not),
        cmocka_unit_test(test_choosing_an_offensive_option_costs_responsibility),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
