/* test_sim_determinism.c — a world is a pure function of (definition,
 * seed, timed actions): the same inputs give the same hash bit for bit,
 * tick after tick; anything else gives another (DESIGN.md section 2). */
#include "sim/fixtures.h"

#define DAY SIM_TICKS_PER_DAY
#define GAME_TICKS (30 * DAY) /* 720 */

static void month_world(fx *f)
{
    fx_init(f, 30);
    f->def.weakness_rate_ppm = -1;
    f->def.defender.income_per_day = 3;
    fx_node(f, "web", SIM_NODE_WEB, SIM_ZONE_DMZ, 300, 5000, 0);
    fx_node(f, "api", SIM_NODE_API, SIM_ZONE_DMZ, 300, 3000, 0);
    fx_node(f, "vpn", SIM_NODE_VPN, SIM_ZONE_DMZ, 200, 50, 0);
    fx_node(f, "mail", SIM_NODE_MAIL, SIM_ZONE_INTERNAL, 400, 200, 0);
    fx_node(f, "db", SIM_NODE_DATABASE, SIM_ZONE_INTERNAL, 900, 5000, 0);
    fx_node(f, "ci", SIM_NODE_CI, SIM_ZONE_BUILD, 300, 0, 0);
    fx_node(f, "lib", SIM_NODE_LIBRARY, SIM_ZONE_INTERNET, 100, 0, 0);
    fx_node(f, "peer", SIM_NODE_PARTNER, SIM_ZONE_PARTNER, 500, 100, 0);
    f->nodes[2].leaked_credentials = true;
    fx_link(f, "web", "db", SIM_LINK_NETWORK);
    fx_link(f, "api", "db", SIM_LINK_NETWORK);
    fx_link(f, "vpn", "mail", SIM_LINK_TRUST);
    fx_link(f, "mail", "db", SIM_LINK_NETWORK);
    fx_link(f, "lib", "api", SIM_LINK_DEPENDENCY);
    fx_link(f, "ci", "web", SIM_LINK_DEPENDENCY);
    fx_link(f, "db", "ci", SIM_LINK_DATA);
    fx_link(f, "web", "peer", SIM_LINK_NETWORK);
    fx_vuln(f, "sqli", "web", 98);
    sim_vuln_def *v = fx_vuln(f, "log4", "lib", 100);
    v->known_to_defender = false;
    v->fix_available = false;
    uint32_t access = FX_TECH(SIM_T1190) | FX_TECH(SIM_T1566) | FX_TECH(SIM_T1078) |
                      FX_TECH(SIM_T1110) | FX_TECH(SIM_T1133) | FX_TECH(SIM_T1195);
    fx_actor(f, "crew", SIM_MOTIVE_MONEY, 4, access)->attempts_per_day = 8;
    fx_actor(f, "apt", SIM_MOTIVE_ESPIONAGE, 5, access)->active_from = 5 * DAY;
    fx_actor(f, "hacktivists", SIM_MOTIVE_IDEOLOGY, 2, access | FX_TECH(SIM_T1498));
    fx_report(f, "r1", "log4", 3 * DAY, 10 * DAY);
}

/* The player's moves, at fixed ticks. */
static const struct { int tick; sim_action_kind kind; int target; } plan[] = {
    { 0, SIM_ACT_LOGGING, 4 },        { 2, SIM_ACT_PATCH, 0 },
    { 10, SIM_ACT_MFA, 2 },           { 30, SIM_ACT_TRAIN, SIM_AREA_PW },
    { 60, SIM_ACT_SECURITY_TXT, -1 }, { 100, SIM_ACT_JOIN_SHARING, -1 },
    { 150, SIM_ACT_HANDLE_REPORT, 0 }, { 200, SIM_ACT_EDR, 4 },
    { 300, SIM_ACT_SCAN, 1 },         { 400, SIM_ACT_BACKUP, 4 },
    { 500, SIM_ACT_CODE_REVIEW, 1 },  { 600, SIM_ACT_SEGMENT, 4 },
};

typedef struct run {
    uint64_t hash[GAME_TICKS + 1];
    int rc[sizeof plan / sizeof plan[0]];
    int random_draws;  /* scripts drawing from the world's stream */
} run;

static void on_tick(void *ud, sim_world *w)
{
    run *r = ud;
    if (r->random_draws && sim_world_tick(w) % 50 == 0)
        for (int i = 0; i < r->random_draws; i++)
            (void)sim_rng_next(sim_world_rng(w));
}

static void play(uint64_t seed, run *r, int skip_action)
{
    fx f;
    month_world(&f);
    sim_world *w = fx_create(&f, seed);
    sim_hooks hooks = { .ud = r, .on_tick = on_tick };
    sim_world_set_hooks(w, &hooks);
    size_t next = 0;
    r->hash[0] = sim_world_hash(w);
    for (int t = 0; t < GAME_TICKS; t++) {
        while (next < sizeof plan / sizeof plan[0] && plan[next].tick == t) {
            sim_action_req req = { plan[next].kind, plan[next].target, 0 };
            r->rc[next] = (int)next == skip_action ? 1 : sim_action_start(w, &req, NULL);
            next++;
        }
        fx_step(w, 1);
        r->hash[t + 1] = sim_world_hash(w);
    }
    assert_true(sim_world_over(w));
    sim_world_destroy(w);
}

static void test_the_same_seed_and_actions_give_the_same_hash_every_tick(void **state)
{
    (void)state;
    static run a, b;
    memset(&a, 0, sizeof a);
    memset(&b, 0, sizeof b);
    play(20240601, &a, -1);
    play(20240601, &b, -1);
    for (int t = 0; t <= GAME_TICKS; t++)
        if (a.hash[t] != b.hash[t])
            fail_msg("the runs part at tick %d", t);
    assert_memory_equal(a.rc, b.rc, sizeof a.rc);
    /* Most of the plan was accepted: the run exercised the actions. */
    int accepted = 0;
    for (size_t i = 0; i < sizeof plan / sizeof plan[0]; i++)
        accepted += a.rc[i] >= 0;
    assert_true(accepted >= 8);
}

static void test_a_different_seed_gives_a_different_game(void **state)
{
    (void)state;
    static run a, b;
    memset(&a, 0, sizeof a);
    memset(&b, 0, sizeof b);
    play(1, &a, -1);
    play(2, &b, -1);
    assert_true(a.hash[0] != b.hash[0]); /* the seed is part of the state */
    assert_true(a.hash[GAME_TICKS] != b.hash[GAME_TICKS]);
}

static void test_one_action_less_gives_a_different_game(void **state)
{
    (void)state;
    static run a, b;
    memset(&a, 0, sizeof a);
    memset(&b, 0, sizeof b);
    play(5, &a, -1);
    play(5, &b, 3); /* no training at tick 30 */
    assert_true(a.hash[30] == b.hash[30]);
    assert_true(a.hash[31] != b.hash[31]);
    assert_true(a.hash[GAME_TICKS] != b.hash[GAME_TICKS]);
}

static void test_script_draws_from_the_world_stream_change_the_game(void **state)
{
    (void)state;
    static run a, b;
    memset(&a, 0, sizeof a);
    memset(&b, 0, sizeof b);
    b.random_draws = 1;
    play(9, &a, -1);
    play(9, &b, -1);
    assert_true(a.hash[49] == b.hash[49]);
    assert_true(a.hash[50] != b.hash[50]);
}

static void test_hashing_does_not_change_the_world(void **state)
{
    (void)state;
    fx f;
    month_world(&f);
    sim_world *a = fx_create(&f, 77), *b = fx_create(&f, 77);
    for (int t = 0; t < 10 * DAY; t++) {
        uint64_t h1 = sim_world_hash(a), h2 = sim_world_hash(a);
        assert_true(h1 == h2);
        fx_step(a, 1);
        fx_step(b, 1); /* b is never hashed until the end */
    }
    assert_true(sim_world_hash(a) == sim_world_hash(b));
    sim_world_destroy(a);
    sim_world_destroy(b);
}

static void test_reading_the_world_does_not_change_it(void **state)
{
    (void)state;
    fx f;
    month_world(&f);
    sim_world *w = fx_create(&f, 3);
    fx_step(w, 5 * DAY);
    uint64_t h = sim_world_hash(w);
    sim_score s;
    sim_tally t;
    sim_world_score(w, &s);
    sim_world_tally(w, &t);
    for (int n = 0; n < sim_node_count(w); n++) {
        sim_node_view v;
        (void)fx_node_info(w, n);
        assert_int_equal(sim_node_view_get(w, n, &v), BW_OK);
        (void)sim_weakness_chance(w, n);
        for (int a = 0; a < sim_actor_count(w); a++)
            for (int k = 0; k < SIM_TECHNIQUE_COUNT; k++)
                (void)sim_attack_chance(w, a, (sim_technique)k, n);
    }
    for (int i = 0; i < sim_intrusion_count(w); i++)
        (void)sim_detect_chance(w, i);
    for (int k = 0; k < SIM_ACTION_KIND_COUNT; k++) {
        sim_action_req req = { (sim_action_kind)k, 0, 0 };
        (void)sim_action_check(w, &req, NULL);
    }
    (void)sim_world_outcome(w);
    (void)sim_world_stars(w);
    assert_true(sim_world_hash(w) == h);
    sim_world_destroy(w);
}

/* Every change a scenario script can make is state, so it must show in
 * the hash: a replay that missed it would not be caught otherwise. */
typedef int (*change_fn)(sim_world *w);

static int add_budget(sim_world *w) { return sim_defender_add_budget(w, 1, NULL); }
static int add_staff(sim_world *w) { return sim_defender_add_staff(w, 1, NULL); }
static int adjust(sim_world *w) { return sim_score_adjust(w, SIM_PILLAR_CAPACITY, 0, "", NULL); }
static int message(sim_world *w) { return sim_message(w, "News", -1, NULL); }
static int release_fix(sim_world *w) { return sim_vuln_release_fix(w, 1, NULL); }
static int reveal(sim_world *w) { return sim_vuln_reveal(w, 1, NULL); }
static int make_public(sim_world *w) { return sim_vuln_make_public(w, 1, NULL); }
static int activate(sim_world *w) { return sim_actor_set_active(w, 0, 3, NULL); }
static int plant(sim_world *w) { return sim_intrusion_plant(w, 0, 4, SIM_T1078, NULL); }
static int schedule(sim_world *w) { return sim_event_schedule(w, 5, 1, NULL); }
static int offend(sim_world *w) { return sim_offense_record(w, 0, false, "x", NULL); }
static int draw(sim_world *w) { (void)sim_rng_next(sim_world_rng(w)); return 0; }
static int receive(sim_world *w) { return sim_indicator_receive(w, 0, NULL); }
static int add_vuln(sim_world *w)
{
    sim_vuln_def d = { .id = "zero", .node = "db", .cwe = 787, .severity_tenths = 90 };
    return sim_vuln_add(w, &d, NULL);
}
static int add_report(sim_world *w)
{
    sim_report_def r = { "r2", "sqli", "Grace", 10, 10 };
    return sim_report_add(w, &r, NULL);
}
static int open_choice(sim_world *w)
{
    static const char *const opts[] = { "a", "b" };
    return sim_choice_open(w, "?", opts, 2, 5, 0, -1, 1, NULL);
}
static int set_objective(sim_world *w) { return sim_objective_set(w, 0, true, NULL); }
static int start_action(sim_world *w)
{
    sim_action_req req = { SIM_ACT_MFA, 0, 0 };
    return sim_action_start(w, &req, NULL);
}

static void test_every_change_a_scenario_makes_shows_in_the_hash(void **state)
{
    (void)state;
    static const struct { const char *name; change_fn change; } changes[] = {
        { "budget", add_budget }, { "staff", add_staff }, { "score adjustment", adjust },
        { "message", message }, { "fix released", release_fix }, { "vuln revealed", reveal },
        { "vuln public", make_public }, { "actor activated", activate }, { "foothold", plant },
        { "event", schedule }, { "offence", offend }, { "random draw", draw },
        { "indicator missed", receive }, { "zero-day", add_vuln }, { "report", add_report },
        { "choice", open_choice }, { "objective", set_objective }, { "action", start_action },
    };
    for (size_t i = 0; i < sizeof changes / sizeof changes[0]; i++) {
        fx f;
        month_world(&f);
        f.vulns[1].fix_available = false;
        fx_objective(&f, "story", SIM_OBJ_SCRIPT, NULL, 0);
        sim_world *w = fx_create(&f, 1);
        uint64_t h = sim_world_hash(w);
        int rc = changes[i].change(w);
        if (rc < 0)
            fail_msg("%s: refused (%d)", changes[i].name, rc);
        if (sim_world_hash(w) == h)
            fail_msg("%s: the hash did not change", changes[i].name);
        sim_world_destroy(w);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_the_same_seed_and_actions_give_the_same_hash_every_tick),
        cmocka_unit_test(test_a_different_seed_gives_a_different_game),
        cmocka_unit_test(test_one_action_less_gives_a_different_game),
        cmocka_unit_test(test_script_draws_from_the_world_stream_change_the_game),
        cmocka_unit_test(test_hashing_does_not_change_the_world),
        cmocka_unit_test(test_reading_the_world_does_not_change_it),
        cmocka_unit_test(test_every_change_a_scenario_makes_shows_in_the_hash),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
