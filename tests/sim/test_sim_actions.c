/* test_sim_actions.c — what the defender can do: an action's price is
 * taken when it starts, its effect lands exactly `duration` ticks later,
 * and a refused action changes nothing at all (RULES.md "Time", "Capacity",
 * "Weaknesses appear"). */
#include "sim/fixtures.h"

enum { WEB, CI, DB, PARTNER };

/* A web shop with a known fixable flaw, a CI server, an internal database
 * and a partner's server; one open report; one actor. */
static void action_world(fx *f)
{
    fx_init(f, 10);
    fx_node(f, "web", SIM_NODE_WEB, SIM_ZONE_DMZ, 300, 1000, 0);
    fx_node(f, "ci", SIM_NODE_CI, SIM_ZONE_BUILD, 200, 0, 0);
    fx_node(f, "db", SIM_NODE_DATABASE, SIM_ZONE_INTERNAL, 800, 1000, 0);
    fx_node(f, "partner", SIM_NODE_PARTNER, SIM_ZONE_PARTNER, 500, 100, 0);
    fx_link(f, "web", "db", SIM_LINK_NETWORK);
    fx_vuln(f, "sqli", "web", 98);
    fx_actor(f, "crew", SIM_MOTIVE_MONEY, 3, FX_TECH(SIM_T1021));
    fx_report(f, "r1", "sqli", 0, 10 * SIM_TICKS_PER_DAY);
}

/* ---- price and timing ------------------------------------------------------ */

typedef struct timed_case {
    sim_action_kind kind;
    int target;
    unsigned control; /* the bit that appears on the target node, or 0 */
} timed_case;

static const timed_case timed[] = {
    { SIM_ACT_PATCH, WEB, 0 },
    { SIM_ACT_MFA, WEB, SIM_CTL_MFA },
    { SIM_ACT_EDR, DB, SIM_CTL_EDR },
    { SIM_ACT_LOGGING, DB, SIM_CTL_LOGGING },
    { SIM_ACT_BACKUP, DB, SIM_CTL_BACKUP },
    { SIM_ACT_SEGMENT, DB, SIM_CTL_SEGMENTED },
    { SIM_ACT_THREAT_MODEL, WEB, 0 },
    { SIM_ACT_SCAN, DB, 0 },
    { SIM_ACT_CODE_REVIEW, WEB, SIM_CTL_CODE_REVIEW },
    { SIM_ACT_SAST, CI, SIM_CTL_SAST },
    { SIM_ACT_PIN_DEPS, WEB, SIM_CTL_PINNED_DEPS },
    { SIM_ACT_SIGN_BUILDS, CI, SIM_CTL_SIGNED_BUILDS },
    { SIM_ACT_WAF, WEB, SIM_CTL_WAF },
    { SIM_ACT_DDOS_PROTECTION, WEB, SIM_CTL_DDOS_PROTECTION },
    { SIM_ACT_TRAIN, SIM_AREA_PW, 0 },
    { SIM_ACT_ISOLATE, DB, SIM_CTL_ISOLATED },
    { SIM_ACT_RESTORE, DB, 0 },
    { SIM_ACT_ROTATE_CREDENTIALS, DB, 0 },
    { SIM_ACT_JOIN_SHARING, -1, 0 },
    { SIM_ACT_SECURITY_TXT, -1, 0 },
    { SIM_ACT_HANDLE_REPORT, 0, 0 },
};

typedef struct action_log {
    int count;
    int tick[8];
    sim_action_kind kind[8];
    int target[8];
} action_log;

static void on_action(void *ud, sim_world *w, sim_action_kind kind, int target, int arg)
{
    (void)arg;
    action_log *l = ud;
    if (l->count < 8) {
        l->tick[l->count] = sim_world_tick(w);
        l->kind[l->count] = kind;
        l->target[l->count] = target;
    }
    l->count++;
}

static void test_an_action_takes_its_price_when_it_starts(void **state)
{
    (void)state;
    for (size_t i = 0; i < sizeof timed / sizeof timed[0]; i++) {
        const timed_case *c = &timed[i];
        fx f;
        action_world(&f);
        sim_world *w = fx_create(&f, 1);
        fx_step(w, 50); /* the report arrives at 48 without security.txt */
        sim_defender_info before = fx_defender(w);
        sim_action_cost cost = sim_action_cost_of(w, c->kind);
        assert_true(cost.money > 0 || cost.staff_hours > 0);
        int logs = sim_log_count(w);
        int id = fx_start(w, c->kind, c->target, 0);
        assert_true(id >= 0);
        sim_defender_info after = fx_defender(w);
        if (after.budget != before.budget - cost.money ||
            after.staff_hours != before.staff_hours - cost.staff_hours)
            fail_msg("%s: budget %d -> %d, staff hours %d -> %d for a price of %d and %d",
                     sim_action_name(c->kind), before.budget, after.budget, before.staff_hours,
                     after.staff_hours, cost.money, cost.staff_hours);
        assert_int_equal(sim_running_count(w), 1);
        sim_running_action ra;
        assert_int_equal(sim_running_get(w, 0, &ra), BW_OK);
        assert_int_equal(ra.id, id);
        assert_int_equal(ra.started, 50);
        assert_int_equal(ra.done_at, 50 + cost.duration);
        sim_log_entry e;
        assert_int_equal(sim_log_get(w, logs, &e), BW_OK);
        assert_int_equal(e.kind, SIM_LOG_ACTION_STARTED);
        assert_true(e.visible);
        sim_world_destroy(w);
    }
}

static void test_an_action_takes_effect_exactly_after_its_duration(void **state)
{
    (void)state;
    for (size_t i = 0; i < sizeof timed / sizeof timed[0]; i++) {
        const timed_case *c = &timed[i];
        if (!c->control)
            continue;
        fx f;
        action_world(&f);
        sim_world *w = fx_create(&f, 1);
        action_log log = { 0 };
        sim_hooks hooks = { .ud = &log, .on_action = on_action };
        sim_world_set_hooks(w, &hooks);
        fx_step(w, 5);
        int duration = sim_action_cost_of(w, c->kind).duration;
        assert_true(duration >= 1);
        fx_start(w, c->kind, c->target, 0);
        sim_node_view v;
        fx_step(w, duration - 1);
        assert_int_equal(sim_node_view_get(w, c->target, &v), BW_OK);
        if (fx_has_control(w, c->target, c->control) || !v.busy || log.count)
            fail_msg("%s: effect before tick %d", sim_action_name(c->kind), 5 + duration);
        fx_step(w, 1);
        assert_int_equal(sim_node_view_get(w, c->target, &v), BW_OK);
        if (!fx_has_control(w, c->target, c->control) || v.busy)
            fail_msg("%s: no effect at tick %d", sim_action_name(c->kind), 5 + duration);
        assert_int_equal(log.count, 1);
        assert_int_equal(log.tick[0], 5 + duration);
        assert_int_equal(log.kind[0], c->kind);
        assert_int_equal(log.target[0], c->target);
        assert_int_equal(sim_running_count(w), 0);
        sim_world_destroy(w);
    }
}

static void test_world_wide_actions_land_exactly_after_their_duration(void **state)
{
    (void)state;
    fx f;
    action_world(&f);
    sim_world *w = fx_create(&f, 1);
    int d_join = sim_action_cost_of(w, SIM_ACT_JOIN_SHARING).duration;
    int d_train = sim_action_cost_of(w, SIM_ACT_TRAIN).duration;
    assert_true(d_join < d_train);
    fx_start(w, SIM_ACT_JOIN_SHARING, -1, 0);
    fx_start(w, SIM_ACT_TRAIN, SIM_AREA_RV, 0);
    fx_step(w, d_join - 1);
    assert_false(fx_defender(w).in_sharing_group);
    fx_step(w, 1);
    assert_true(fx_defender(w).in_sharing_group);
    fx_step(w, d_train - d_join - 1);
    assert_int_equal(fx_defender(w).capability_permille[SIM_AREA_RV], 0);
    fx_step(w, 1);
    assert_true(fx_defender(w).capability_permille[SIM_AREA_RV] > 0);
    /* the log says which area was trained, as it says which node was patched */
    bool said = false;
    for (int i = 0; i < sim_log_count(w); i++) {
        sim_log_entry e;
        assert_int_equal(sim_log_get(w, i, &e), BW_OK);
        if (e.kind == SIM_LOG_ACTION_STARTED && strstr(e.text, "Train the developers"))
            said = strstr(e.text, " in RV ") != NULL;
    }
    assert_true(said);
    sim_world_destroy(w);
}

static void test_a_scenario_sets_its_own_prices(void **state)
{
    (void)state;
    fx f;
    action_world(&f);
    fx_override(&f, SIM_ACT_MFA, 1, 2, 3);
    fx_override(&f, SIM_ACT_LOGGING, 0, 0, 0);
    sim_world *w = fx_create(&f, 1);
    sim_action_cost c = sim_action_cost_of(w, SIM_ACT_MFA);
    assert_int_equal(c.money, 1);
    assert_int_equal(c.staff_hours, 2);
    assert_int_equal(c.duration, 3);
    sim_action_cost dflt = sim_action_default_cost(SIM_ACT_EDR);
    c = sim_action_cost_of(w, SIM_ACT_EDR);
    assert_true(c.money == dflt.money && c.staff_hours == dflt.staff_hours &&
                c.duration == dflt.duration);
    fx_start(w, SIM_ACT_MFA, WEB, 0);
    assert_int_equal(fx_defender(w).budget, 99);
    assert_int_equal(fx_defender(w).staff_hours, 30);
    fx_step(w, 2);
    assert_false(fx_has_control(w, WEB, SIM_CTL_MFA));
    fx_step(w, 1);
    assert_true(fx_has_control(w, WEB, SIM_CTL_MFA));
    /* A free, instant action takes effect as it starts. */
    fx_start(w, SIM_ACT_LOGGING, DB, 0);
    assert_true(fx_has_control(w, DB, SIM_CTL_LOGGING));
    assert_int_equal(sim_running_count(w), 0);
    sim_world_destroy(w);
}

static void test_staff_hours_refill_each_day_and_income_arrives(void **state)
{
    (void)state;
    fx f;
    action_world(&f);
    f.def.defender.income_per_day = 10;
    sim_world *w = fx_create(&f, 1);
    fx_start(w, SIM_ACT_TRAIN, SIM_AREA_PO, 0);
    sim_defender_info d = fx_defender(w);
    assert_int_equal(d.staff_hours, 32 - 24);
    assert_int_equal(d.budget, 95);
    fx_step(w, SIM_TICKS_PER_DAY - 1);
    d = fx_defender(w);
    assert_int_equal(d.staff_hours, 8);
    assert_int_equal(d.budget, 95);
    fx_step(w, 1);
    d = fx_defender(w);
    assert_int_equal(d.staff_hours, 32);
    assert_int_equal(d.budget, 105);
    sim_world_destroy(w);
}

/* ---- refusals, table-driven ----------------------------------------------- */

typedef struct refusal {
    const char *name;
    void (*setup)(sim_world *w);
    sim_action_req req;
    int code;
} refusal;

static void nothing(sim_world *w) { (void)w; }
static void poor(sim_world *w) { assert_int_equal(sim_defender_add_budget(w, -97, NULL), BW_OK); }
static void tired(sim_world *w) { fx_start(w, SIM_ACT_TRAIN, SIM_AREA_PO, 0); }
static void mfa_running(sim_world *w) { fx_start(w, SIM_ACT_MFA, WEB, 0); }
static void db_isolated(sim_world *w)
{
    fx_start(w, SIM_ACT_ISOLATE, DB, 0);
    fx_step(w, 1);
}
static void web_has_mfa(sim_world *w)
{
    fx_start(w, SIM_ACT_MFA, WEB, 0);
    fx_step(w, sim_action_cost_of(w, SIM_ACT_MFA).duration);
}
static void joined(sim_world *w)
{
    fx_start(w, SIM_ACT_JOIN_SHARING, -1, 0);
    fx_step(w, sim_action_cost_of(w, SIM_ACT_JOIN_SHARING).duration);
}
static void decision(sim_world *w)
{
    static const char *const opts[] = { "wait", "act" };
    assert_int_equal(sim_choice_open(w, "What now?", opts, 2, 10, 0, -1, 7, NULL), 0);
}
static void decided(sim_world *w)
{
    decision(w);
    fx_start(w, SIM_ACT_CHOOSE, 0, 1);
}
static void over(sim_world *w) { assert_int_equal(sim_world_end(w, false, "The end", NULL), BW_OK); }

static const refusal refusals[] = {
    { "unknown node", nothing, { SIM_ACT_PATCH, 99, 0 }, BW_ENOTFOUND },
    { "negative node", nothing, { SIM_ACT_MFA, -1, 0 }, BW_ENOTFOUND },
    { "unknown area", nothing, { SIM_ACT_TRAIN, SIM_AREA_COUNT, 0 }, BW_ENOTFOUND },
    { "unknown actor", nothing, { SIM_ACT_REPORT_AUTHORITIES, 3, 0 }, BW_ENOTFOUND },
    { "unknown report", nothing, { SIM_ACT_HANDLE_REPORT, 4, 0 }, BW_ENOTFOUND },
    { "unknown decision", nothing, { SIM_ACT_CHOOSE, 0, 0 }, BW_ENOTFOUND },
    { "not enough budget", poor, { SIM_ACT_MFA, WEB, 0 }, BW_EBUDGET },
    { "not enough staff", tired, { SIM_ACT_TRAIN, SIM_AREA_PW, 0 }, BW_ESTAFF },
    { "already running", mfa_running, { SIM_ACT_MFA, WEB, 0 }, BW_EBUSY },
    { "node isolated", db_isolated, { SIM_ACT_BACKUP, DB, 0 }, BW_EOFFLINE },
    { "scan an isolated node", db_isolated, { SIM_ACT_SCAN, DB, 0 }, BW_EOFFLINE },
    { "offensive, not offered", nothing, { SIM_ACT_HACK_BACK, 0, 0 }, BW_EREFUSED },
    { "code review of a database", nothing, { SIM_ACT_CODE_REVIEW, DB, 0 }, BW_EREFUSED },
    { "signing a web server", nothing, { SIM_ACT_SIGN_BUILDS, WEB, 0 }, BW_EREFUSED },
    { "a WAF inside", nothing, { SIM_ACT_WAF, DB, 0 }, BW_EREFUSED },
    { "nothing to patch", nothing, { SIM_ACT_PATCH, DB, 0 }, BW_EREFUSED },
    { "reconnect a connected node", nothing, { SIM_ACT_RECONNECT, WEB, 0 }, BW_EREFUSED },
    { "a control twice", web_has_mfa, { SIM_ACT_MFA, WEB, 0 }, BW_EREFUSED },
    { "isolate twice", db_isolated, { SIM_ACT_ISOLATE, DB, 0 }, BW_EREFUSED },
    { "a partner's server", nothing, { SIM_ACT_EDR, PARTNER, 0 }, BW_EREFUSED },
    { "notify with no breach", nothing, { SIM_ACT_NOTIFY, -1, 0 }, BW_EREFUSED },
    { "share an undetected actor", nothing, { SIM_ACT_SHARE_INDICATOR, 0, 0 }, BW_EREFUSED },
    { "authorities on an undetected actor", nothing, { SIM_ACT_REPORT_AUTHORITIES, 0, 0 }, BW_EREFUSED },
    { "a report not yet arrived", nothing, { SIM_ACT_HANDLE_REPORT, 0, 0 }, BW_EREFUSED },
    { "join twice", joined, { SIM_ACT_JOIN_SHARING, -1, 0 }, BW_EREFUSED },
    { "a decision already made", decided, { SIM_ACT_CHOOSE, 0, 0 }, BW_EREFUSED },
    { "an option that is not there", decision, { SIM_ACT_CHOOSE, 0, 2 }, BW_EINVAL },
    { "an unknown action", nothing, { SIM_ACTION_KIND_COUNT, 0, 0 }, BW_EINVAL },
    { "game over", over, { SIM_ACT_MFA, WEB, 0 }, BW_EOVER },
};

static void test_a_refused_action_changes_nothing(void **state)
{
    (void)state;
    for (size_t i = 0; i < sizeof refusals / sizeof refusals[0]; i++) {
        const refusal *c = &refusals[i];
        fx f;
        action_world(&f);
        sim_world *w = fx_create(&f, 1);
        c->setup(w);
        uint64_t h = sim_world_hash(w);
        int running = sim_running_count(w), logs = sim_log_count(w);
        bw_err err = { 0, "" };
        int rc = sim_action_check(w, &c->req, &err);
        if (rc != c->code || err.code != c->code || !err.msg[0])
            fail_msg("%s: check returned %d (%s) '%s', expected %d", c->name, rc,
                     bw_err_name(rc), err.msg, c->code);
        bw_err_clear(&err);
        rc = sim_action_start(w, &c->req, &err);
        if (rc != c->code || err.code != c->code || !err.msg[0])
            fail_msg("%s: start returned %d (%s) '%s', expected %d", c->name, rc,
                     bw_err_name(rc), err.msg, c->code);
        if (sim_world_hash(w) != h || sim_running_count(w) != running || sim_log_count(w) != logs)
            fail_msg("%s: the refused action changed the world", c->name);
        sim_world_destroy(w);
    }
}

static void test_an_accepted_check_changes_nothing_either(void **state)
{
    (void)state;
    fx f;
    action_world(&f);
    sim_world *w = fx_create(&f, 1);
    uint64_t h = sim_world_hash(w);
    sim_action_req req = { SIM_ACT_MFA, WEB, 0 };
    bw_err err;
    assert_int_equal(sim_action_check(w, &req, &err), BW_OK);
    assert_true(sim_world_hash(w) == h);
    sim_world_destroy(w);
}

/* ---- capacity and weaknesses ---------------------------------------------- */

static void test_training_raises_capability_with_diminishing_returns(void **state)
{
    (void)state;
    fx f;
    action_world(&f);
    sim_world *w = fx_create(&f, 1);
    int capacity0 = fx_pillar(w, SIM_PILLAR_CAPACITY);
    int train = sim_action_cost_of(w, SIM_ACT_TRAIN).duration;
    int cap[4] = { 0 };
    for (int round = 1; round <= 3; round++) {
        fx_start(w, SIM_ACT_TRAIN, SIM_AREA_PW, 0);
        fx_step(w, train);
        cap[round] = fx_defender(w).capability_permille[SIM_AREA_PW];
        assert_true(cap[round] > cap[round - 1]);
        if (round > 1)
            assert_true(cap[round] - cap[round - 1] < cap[round - 1] - cap[round - 2]);
    }
    assert_int_equal(cap[1], 150); /* RULES: +0.15 from nothing */
    assert_true(cap[3] < 1000);
    sim_defender_info d = fx_defender(w);
    assert_int_equal(d.capability_start_permille[SIM_AREA_PW], 0);
    assert_int_equal(d.capability_permille[SIM_AREA_PO], 0); /* only the trained area */
    assert_true(fx_pillar(w, SIM_PILLAR_CAPACITY) > capacity0);
    sim_world_destroy(w);
}

static void test_capability_never_passes_one(void **state)
{
    (void)state;
    fx f;
    action_world(&f);
    f.def.days = 20;
    f.def.defender.capability_permille[SIM_AREA_RV] = 900;
    f.def.defender.budget = 1000;
    sim_world *w = fx_create(&f, 1);
    int last = 900;
    for (int round = 0; round < 6; round++) {
        fx_start(w, SIM_ACT_TRAIN, SIM_AREA_RV, 0);
        fx_step(w, sim_action_cost_of(w, SIM_ACT_TRAIN).duration);
        int c = fx_defender(w).capability_permille[SIM_AREA_RV];
        assert_in_range(c, last, 1000); /* never falls, never passes 1 */
        last = c;
    }
    assert_true(last > 900);
    sim_world_destroy(w);
}

static void test_training_developers_slows_new_weaknesses_on_code_nodes(void **state)
{
    (void)state;
    fx f;
    action_world(&f);
    f.def.weakness_rate_ppm = -1; /* the engine's default */
    sim_world *w = fx_create(&f, 1);
    uint32_t web0 = sim_weakness_chance(w, WEB);
    assert_true(web0 > 0);
    assert_true(sim_weakness_chance(w, CI) > 0);
    assert_int_equal(sim_weakness_chance(w, DB), 0); /* a database writes no code */
    fx_start(w, SIM_ACT_TRAIN, SIM_AREA_PW, 0);
    fx_step(w, sim_action_cost_of(w, SIM_ACT_TRAIN).duration);
    uint32_t web1 = sim_weakness_chance(w, WEB);
    assert_true(web1 < web0);
    /* RULES: r × (1 − 0.6 × cap(PW)) with cap(PW) 0.15. */
    assert_int_equal(web1, web0 * (1000 - 600 * 150 / 1000) / 1000);
    sim_world_destroy(w);
}

static void test_code_review_and_static_analysis_slow_new_weaknesses(void **state)
{
    (void)state;
    fx f;
    action_world(&f);
    f.def.weakness_rate_ppm = -1;
    sim_world *w = fx_create(&f, 1);
    uint32_t r0 = sim_weakness_chance(w, WEB);
    fx_start(w, SIM_ACT_CODE_REVIEW, WEB, 0);
    fx_step(w, sim_action_cost_of(w, SIM_ACT_CODE_REVIEW).duration);
    uint32_t r1 = sim_weakness_chance(w, WEB);
    assert_true(r1 <= r0 / 2);
    fx_start(w, SIM_ACT_SAST, WEB, 0);
    fx_step(w, sim_action_cost_of(w, SIM_ACT_SAST).duration);
    uint32_t r2 = sim_weakness_chance(w, WEB);
    assert_true(r2 < r1);
    assert_true(r2 > 0); /* slowed, never stopped */
    assert_int_equal(fx_defender(w).practices_adopted, 2);
    sim_world_destroy(w);
}

static void test_a_tended_code_node_grows_fewer_weaknesses_over_a_month(void **state)
{
    (void)state;
    int untended = 0, tended = 0;
    for (uint64_t seed = 1; seed <= 150; seed++) {
        fx f;
        fx_init(&f, 30);
        f.def.weakness_rate_ppm = 30000;
        fx_node(&f, "old", SIM_NODE_API, SIM_ZONE_INTERNAL, 100, 0, 0);
        fx_node(&f, "new", SIM_NODE_API, SIM_ZONE_INTERNAL, 100, 0,
                SIM_CTL_CODE_REVIEW | SIM_CTL_SAST);
        fx_actor(&f, "x", SIM_MOTIVE_THRILL, 1, FX_TECH(SIM_T1021));
        sim_world *w = fx_create(&f, seed);
        fx_step(w, 30 * SIM_TICKS_PER_DAY);
        for (int v = 0; v < sim_vuln_count(w); v++) {
            sim_vuln_info vi;
            assert_int_equal(sim_vuln_get(w, v, &vi), BW_OK);
            assert_true(vi.cwe > 0 && vi.severity_tenths >= 40 && vi.severity_tenths <= 95);
            if (vi.node == 0)
                untended++;
            else
                tended++;
        }
        sim_world_destroy(w);
    }
    /* 3 % a day for 30 days: ~0.9 a run, ~135 in 150 runs; review and
     * SAST leave 30 % of that, ~40. Twice is more than 3 sd away. */
    assert_true(untended >= 90);
    assert_true(untended > 2 * tended);
}

/* ---- finding and fixing ------------------------------------------------------ */

static void test_scan_and_threat_model_each_find_their_kind_of_flaw(void **state)
{
    (void)state;
    fx f;
    action_world(&f);
    sim_vuln_def *bug = fx_vuln(&f, "bug", "web", 70);
    bug->known_to_defender = false;
    sim_vuln_def *design = fx_vuln(&f, "design", "web", 60);
    design->known_to_defender = false;
    design->design_flaw = true;
    sim_world *w = fx_create(&f, 1);
    int ibug = sim_vuln_find(w, "bug"), idesign = sim_vuln_find(w, "design");
    sim_node_view v;
    sim_vuln_info vi;
    assert_int_equal(sim_node_view_get(w, WEB, &v), BW_OK);
    assert_int_equal(v.known_vulns, 1);

    fx_start(w, SIM_ACT_SCAN, WEB, 0);
    fx_step(w, sim_action_cost_of(w, SIM_ACT_SCAN).duration);
    assert_int_equal(sim_vuln_get(w, ibug, &vi), BW_OK);
    assert_true(vi.known_to_defender);
    assert_int_equal(vi.found_at, sim_world_tick(w));
    assert_int_equal(sim_vuln_get(w, idesign, &vi), BW_OK);
    assert_false(vi.known_to_defender); /* a scanner does not read designs */

    fx_start(w, SIM_ACT_THREAT_MODEL, WEB, 0);
    fx_step(w, sim_action_cost_of(w, SIM_ACT_THREAT_MODEL).duration);
    assert_int_equal(sim_vuln_get(w, idesign, &vi), BW_OK);
    assert_true(vi.known_to_defender);
    assert_int_equal(sim_node_view_get(w, WEB, &v), BW_OK);
    assert_int_equal(v.known_vulns, 3);
    sim_world_destroy(w);
}

static void test_patch_fixes_only_what_is_known_and_fixable(void **state)
{
    (void)state;
    fx f;
    action_world(&f);
    sim_vuln_def *nofix = fx_vuln(&f, "nofix", "web", 90);
    nofix->fix_available = false;
    sim_vuln_def *hidden = fx_vuln(&f, "hidden", "web", 90);
    hidden->known_to_defender = false;
    sim_world *w = fx_create(&f, 1);
    fx_start(w, SIM_ACT_PATCH, WEB, 0);
    fx_step(w, sim_action_cost_of(w, SIM_ACT_PATCH).duration);
    sim_vuln_info vi;
    static const struct { const char *id; bool patched; } expect[] = {
        { "sqli", true }, { "nofix", false }, { "hidden", false },
    };
    for (int i = 0; i < 3; i++) {
        assert_int_equal(sim_vuln_get(w, sim_vuln_find(w, expect[i].id), &vi), BW_OK);
        if (vi.patched != expect[i].patched)
            fail_msg("%s: patched %d", expect[i].id, vi.patched);
    }
    /* Nothing left to patch until the vendor ships a fix. */
    sim_action_req req = { SIM_ACT_PATCH, WEB, 0 };
    assert_int_equal(sim_action_check(w, &req, NULL), BW_EREFUSED);
    assert_int_equal(sim_vuln_release_fix(w, sim_vuln_find(w, "nofix"), NULL), BW_OK);
    fx_start(w, SIM_ACT_PATCH, WEB, 0);
    fx_step(w, sim_action_cost_of(w, SIM_ACT_PATCH).duration);
    assert_int_equal(sim_vuln_get(w, sim_vuln_find(w, "nofix"), &vi), BW_OK);
    assert_true(vi.patched);
    sim_world_destroy(w);
}

static void test_rotating_credentials_evicts_only_credential_footholds(void **state)
{
    (void)state;
    fx f;
    action_world(&f);
    fx_actor(&f, "insider", SIM_MOTIVE_THRILL, 2, FX_TECH(SIM_T1078));
    sim_world *w = fx_create(&f, 1);
    assert_int_equal(sim_intrusion_plant(w, 0, DB, SIM_T1190, NULL), 0);
    assert_int_equal(sim_intrusion_plant(w, 1, DB, SIM_T1078, NULL), 1);
    assert_int_equal(fx_node_info(w, DB).intrusions, 2);
    fx_start(w, SIM_ACT_ROTATE_CREDENTIALS, DB, 0);
    fx_step(w, sim_action_cost_of(w, SIM_ACT_ROTATE_CREDENTIALS).duration);
    assert_true(fx_intrusion(w, 0).active);
    assert_false(fx_intrusion(w, 1).active);
    assert_int_equal(fx_node_info(w, DB).intrusions, 1);
    sim_world_destroy(w);
}

/* What a node is decides whether an action or an access technique can
 * ever apply to it: the scenario lints ask before any game is played. */
static void test_what_a_node_is_decides_which_actions_and_accesses_fit(void **state)
{
    (void)state;
    sim_node_def web = { .id = "web", .kind = SIM_NODE_WEB, .zone = SIM_ZONE_DMZ, .users = 10 };
    sim_node_def db = { .id = "db", .kind = SIM_NODE_DATABASE, .zone = SIM_ZONE_INTERNAL };
    sim_node_def ci = { .id = "ci", .kind = SIM_NODE_CI, .zone = SIM_ZONE_BUILD };
    sim_node_def partner = { .id = "p", .kind = SIM_NODE_WEB, .zone = SIM_ZONE_PARTNER };
    assert_true(sim_action_fits(SIM_ACT_WAF, &web));
    assert_false(sim_action_fits(SIM_ACT_WAF, &db));
    assert_false(sim_action_fits(SIM_ACT_SIGN_BUILDS, &web));
    assert_true(sim_action_fits(SIM_ACT_SIGN_BUILDS, &ci));
    assert_false(sim_action_fits(SIM_ACT_CODE_REVIEW, &db));
    assert_false(sim_action_fits(SIM_ACT_PATCH, &partner)); /* nothing reaches a partner's */
    assert_true(sim_action_fits(SIM_ACT_PATCH, &db));
    assert_false(sim_action_fits(SIM_ACT_TRAIN, &db));      /* not a node action */
    assert_true(sim_access_fits(SIM_T1190, &web));
    assert_false(sim_access_fits(SIM_T1190, &db));
    assert_false(sim_access_fits(SIM_T1078, &db));          /* no leaked credential */
    db.leaked_credentials = true;
    assert_true(sim_access_fits(SIM_T1078, &db));
    assert_true(sim_access_fits(SIM_T1195, &ci));
    assert_false(sim_access_fits(SIM_T1059, &web));         /* not initial access */
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_an_action_takes_its_price_when_it_starts),
        cmocka_unit_test(test_an_action_takes_effect_exactly_after_its_duration),
        cmocka_unit_test(test_world_wide_actions_land_exactly_after_their_duration),
        cmocka_unit_test(test_a_scenario_sets_its_own_prices),
        cmocka_unit_test(test_staff_hours_refill_each_day_and_income_arrives),
        cmocka_unit_test(test_a_refused_action_changes_nothing),
        cmocka_unit_test(test_an_accepted_check_changes_nothing_either),
        cmocka_unit_test(test_training_raises_capability_with_diminishing_returns),
        cmocka_unit_test(test_capability_never_passes_one),
        cmocka_unit_test(test_training_developers_slows_new_weaknesses_on_code_nodes),
        cmocka_unit_test(test_code_review_and_static_analysis_slow_new_weaknesses),
        cmocka_unit_test(test_a_tended_code_node_grows_fewer_weaknesses_over_a_month),
        cmocka_unit_test(test_scan_and_threat_model_each_find_their_kind_of_flaw),
        cmocka_unit_test(test_patch_fixes_only_what_is_known_and_fixable),
        cmocka_unit_test(test_rotating_credentials_evicts_only_credential_footholds),
        cmocka_unit_test(test_what_a_node_is_decides_which_actions_and_accesses_fit),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
