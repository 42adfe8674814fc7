/* test_sim_debug.c — the author's debug view (issue 8): the read-only
 * queries behind it change nothing (the world hash is the same with and
 * without them, tick after tick), the next-step chances are the ones the
 * simulation then rolls against, and the ring of the last tick's draws
 * holds every draw in stream order without being part of the state. */
#include "sim/fixtures.h"

#define DAY SIM_TICKS_PER_DAY
#define TICKS (10 * DAY)

static void busy_world(fx *f)
{
    fx_init(f, 10);
    f->def.weakness_rate_ppm = -1; /* new weaknesses: draws at each day's start */
    fx_node(f, "web", SIM_NODE_WEB, SIM_ZONE_DMZ, 300, 5000, 0);
    fx_node(f, "vpn", SIM_NODE_VPN, SIM_ZONE_DMZ, 200, 50, 0);
    fx_node(f, "mail", SIM_NODE_MAIL, SIM_ZONE_INTERNAL, 400, 200, 0);
    fx_node(f, "db", SIM_NODE_DATABASE, SIM_ZONE_INTERNAL, 900, 5000, 0);
    fx_node(f, "ci", SIM_NODE_CI, SIM_ZONE_BUILD, 300, 0, 0);
    f->nodes[1].leaked_credentials = true;
    fx_link(f, "web", "db", SIM_LINK_NETWORK);
    fx_link(f, "vpn", "mail", SIM_LINK_TRUST);
    fx_link(f, "mail", "db", SIM_LINK_NETWORK);
    fx_link(f, "ci", "web", SIM_LINK_DEPENDENCY);
    fx_vuln(f, "sqli", "web", 98);
    uint32_t access = FX_TECH(SIM_T1190) | FX_TECH(SIM_T1566) | FX_TECH(SIM_T1078) |
                      FX_TECH(SIM_T1133);
    fx_actor(f, "crew", SIM_MOTIVE_MONEY, 4, access)->attempts_per_day = 8;
    fx_actor(f, "apt", SIM_MOTIVE_ESPIONAGE, 5, access)->active_from = 2 * DAY;
}

/* Every debug query there is, over the whole world. Returns a checksum so
 * that the calls cannot be optimised away. */
static uint64_t ask_everything(const sim_world *w)
{
    uint64_t sum = 0;
    sim_next_step ns;
    for (int a = 0; a < sim_actor_count(w); a++)
        if (sim_actor_next_access(w, a, &ns) == BW_OK)
            sum += ns.chance_ppm + (uint64_t)(ns.at + 1);
    for (int i = 0; i < sim_intrusion_count(w); i++)
        if (sim_intrusion_next(w, i, &ns) == BW_OK)
            sum += ns.chance_ppm + ns.move_ppm;
    for (int i = 0; i < sim_draw_count(w) && i < SIM_DRAW_RING; i++) {
        sim_draw d;
        if (sim_draw_get(w, i, &d) == BW_OK)
            sum += d.value;
    }
    for (int i = 0; i < sim_event_pending(w); i++) {
        int at;
        uint32_t cookie;
        if (sim_event_get(w, i, &at, &cookie) == BW_OK)
            sum += (uint64_t)at;
    }
    for (int n = 0; n < sim_node_count(w); n++) {
        sim_node_info ni;
        sim_node_get(w, n, &ni);
        sum += ni.state;
    }
    return sum;
}

static void test_debug_queries_leave_the_world_hash_unchanged(void **state)
{
    (void)state;
    fx f;
    busy_world(&f);
    sim_world *plain = fx_create(&f, 77), *asked = fx_create(&f, 77);
    uint64_t sum = 0;
    int intrusions_seen = 0;
    for (int t = 0; t < TICKS; t++) {
        uint64_t before = sim_world_hash(asked);
        sum += ask_everything(asked);
        assert_true(sim_world_hash(asked) == before);
        fx_step(plain, 1);
        fx_step(asked, 1);
        if (sim_world_hash(plain) != sim_world_hash(asked))
            fail_msg("asking the debug queries changed the game at tick %d", t + 1);
        intrusions_seen = sim_intrusion_count(asked);
    }
    /* The run exercised the queries: attackers got in, there were draws. */
    assert_true(intrusions_seen > 0);
    assert_true(sum > 0);
    sim_world_destroy(plain);
    sim_world_destroy(asked);
}

static void test_the_ring_holds_every_draw_of_the_tick_in_stream_order(void **state)
{
    (void)state;
    fx f;
    busy_world(&f);
    sim_world *w = fx_create(&f, 5);
    sim_rng twin = *sim_world_rng(w); /* the same stream, drawn by hand */
    int rolls = 0, hits = 0, plain = 0;
    for (int t = 0; t < TICKS; t++) {
        fx_step(w, 1);
        int n = sim_draw_count(w);
        if (n > SIM_DRAW_RING)
            fail_msg("tick %d made %d draws: the fixture is too big for this test", t + 1, n);
        for (int i = 0; i < n; i++) {
            sim_draw d;
            assert_int_equal(sim_draw_get(w, i, &d), BW_OK);
            assert_int_equal(d.tick, t + 1);
            assert_non_null(d.what);
            uint32_t expect = d.bound ? sim_rng_below(&twin, d.bound) : sim_rng_next(&twin);
            if (d.value != expect)
                fail_msg("tick %d draw %d (%s): ring says %u, the stream %u", t + 1, i, d.what,
                         d.value, expect);
            if (d.chance_ppm) {
                assert_int_equal(d.bound, 1000000);
                assert_int_equal(d.hit, d.value < d.chance_ppm);
                rolls++;
                hits += d.hit;
            } else {
                plain++;
            }
        }
        assert_int_equal(sim_draw_get(w, n, &(sim_draw){0}), BW_ENOTFOUND);
        /* Nothing drew that the ring missed. */
        assert_memory_equal(&twin, sim_world_rng(w), sizeof twin);
    }
    assert_true(rolls > 50);
    assert_true(hits > 0 && hits < rolls);
    assert_true(plain > 0);
    sim_world_destroy(w);
}

static void test_the_ring_keeps_the_last_draws_when_full_and_notes_script_draws(void **state)
{
    (void)state;
    fx f;
    busy_world(&f);
    sim_world *w = fx_create(&f, 5);
    fx_step(w, 1);
    int before = sim_draw_count(w);
    for (uint32_t i = 0; i < SIM_DRAW_RING + 10; i++)
        sim_draw_note(w, "w:random", 100, i);
    assert_int_equal(sim_draw_count(w), before + SIM_DRAW_RING + 10);
    sim_draw d;
    assert_int_equal(sim_draw_get(w, 0, &d), BW_OK);
    assert_int_equal(d.value, 10); /* the oldest kept: 0..9 fell out */
    assert_string_equal(d.what, "w:random");
    assert_int_equal(sim_draw_get(w, SIM_DRAW_RING - 1, &d), BW_OK);
    assert_int_equal(d.value, SIM_DRAW_RING + 9);
    assert_int_equal(sim_draw_get(w, SIM_DRAW_RING, &d), BW_ENOTFOUND);
    /* A note is no state: the hash ignores it. */
    fx f2;
    busy_world(&f2);
    sim_world *w2 = fx_create(&f2, 5);
    fx_step(w2, 1);
    assert_true(sim_world_hash(w) == sim_world_hash(w2));
    /* The next tick starts a fresh ring. */
    fx_step(w, 1);
    assert_true(sim_draw_count(w) < SIM_DRAW_RING);
    sim_world_destroy(w);
    sim_world_destroy(w2);
}

/* One actor, one technique, one target: the next attempt's chance is the
 * attack formula's, and it is what the simulation rolls against then. */
static void test_next_access_is_the_chance_the_simulation_rolls(void **state)
{
    (void)state;
    fx f;
    fx_init(&f, 3);
    fx_node(&f, "web", SIM_NODE_WEB, SIM_ZONE_DMZ, 300, 5000, 0);
    fx_vuln(&f, "sqli", "web", 60);
    fx_actor(&f, "crew", SIM_MOTIVE_MONEY, 3, FX_TECH(SIM_T1190))->attempts_per_day = 3;
    sim_world *w = fx_create(&f, 11);
    int web = fx_node_id(w, "web");
    sim_next_step ns;
    assert_int_equal(sim_actor_next_access(w, 0, &ns), BW_OK);
    assert_int_equal(ns.technique, SIM_T1190);
    assert_true(ns.chance_ppm > 0);
    assert_int_equal(ns.chance_ppm, sim_attack_chance(w, 0, SIM_T1190, web));
    assert_true(ns.at > 0 && ns.at <= DAY / 3 + 1);
    fx_step(w, ns.at - 1);
    assert_int_equal(sim_intrusion_count(w), 0);
    uint32_t predicted = ns.chance_ppm;
    fx_step(w, 1);
    bool rolled = false;
    for (int i = 0; i < sim_draw_count(w); i++) {
        sim_draw d;
        sim_draw_get(w, i, &d);
        if (strcmp(d.what, "access") == 0) {
            assert_int_equal(d.chance_ppm, predicted);
            assert_int_equal(d.node, web);
            assert_int_equal(d.technique, SIM_T1190);
            rolled = true;
        }
    }
    assert_true(rolled);
    /* Several targets: the mean over them (one held counts as nothing). */
    sim_world_destroy(w);
}

static void test_intrusion_next_follows_the_chain(void **state)
{
    (void)state;
    fx f;
    fx_init(&f, 3);
    fx_node(&f, "web", SIM_NODE_WEB, SIM_ZONE_DMZ, 300, 5000, 0);
    fx_node(&f, "db", SIM_NODE_DATABASE, SIM_ZONE_DMZ, 900, 5000, 0);
    fx_link(&f, "web", "db", SIM_LINK_NETWORK);
    fx_actor(&f, "crew", SIM_MOTIVE_MONEY, 3, FX_TECH(SIM_T1566))->active_from = 3 * DAY;
    sim_world *w = fx_create(&f, 3);
    int web = fx_node_id(w, "web");
    assert_true(sim_intrusion_plant(w, 0, web, SIM_T1566, NULL) >= 0);
    sim_next_step ns;
    assert_int_equal(sim_intrusion_next(w, 0, &ns), BW_OK);
    assert_int_equal(ns.stage, SIM_STAGE_EXECUTE);
    assert_int_equal(ns.technique, SIM_T1059);
    assert_int_equal(ns.chance_ppm, sim_attack_chance(w, 0, SIM_T1059, web));
    assert_int_equal(ns.at, sim_world_tick(w) + 1);
    assert_int_equal(ns.move_at, -1); /* no hops before persistence */
    /* Walk it up the chain; each roll is against the predicted chance. */
    for (int guard = 0; guard < 500; guard++) {
        sim_intrusion_info ii;
        sim_intrusion_get(w, 0, &ii);
        if (ii.stage >= SIM_STAGE_PERSIST)
            break;
        assert_int_equal(sim_intrusion_next(w, 0, &ns), BW_OK);
        uint32_t predicted = ns.chance_ppm;
        const char *what = ii.stage == SIM_STAGE_ACCESS ? "execute" : "persist";
        fx_step(w, 1);
        bool rolled = false;
        for (int i = 0; i < sim_draw_count(w); i++) {
            sim_draw d;
            sim_draw_get(w, i, &d);
            if (strcmp(d.what, what) == 0) {
                assert_int_equal(d.chance_ppm, predicted);
                rolled = true;
            }
        }
        assert_true(rolled);
    }
    sim_intrusion_info ii;
    sim_intrusion_get(w, 0, &ii);
    assert_true(ii.stage >= SIM_STAGE_PERSIST);
    assert_int_equal(sim_intrusion_next(w, 0, &ns), BW_OK);
    assert_int_equal(ns.stage, SIM_STAGE_IMPACT);
    assert_int_equal(ns.technique, SIM_T1486); /* money: ransomware */
    assert_int_equal(ns.chance_ppm, sim_attack_chance(w, 0, SIM_T1486, web));
    assert_true(ns.move_ppm > 0); /* db is one hop away */
    assert_true(ns.move_at > sim_world_tick(w) && ns.move_at <= sim_world_tick(w) + 4);
    /* Isolated, the foothold lies dormant: no next step. */
    fx_start(w, SIM_ACT_ISOLATE, web, 0);
    fx_step(w, 30);
    assert_int_equal(sim_intrusion_next(w, 0, &ns), BW_OK);
    assert_int_equal(ns.at, -1);
    assert_string_equal(ns.why, "dormant: the node is isolated");
    /* Bad indices are refused. */
    assert_int_equal(sim_intrusion_next(w, 99, &ns), BW_ENOTFOUND);
    assert_int_equal(sim_actor_next_access(w, -1, &ns), BW_ENOTFOUND);
    assert_int_equal(sim_event_get(w, 0, NULL, NULL), BW_ENOTFOUND);
    sim_world_destroy(w);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_debug_queries_leave_the_world_hash_unchanged),
        cmocka_unit_test(test_the_ring_holds_every_draw_of_the_tick_in_stream_order),
        cmocka_unit_test(test_the_ring_keeps_the_last_draws_when_full_and_notes_script_draws),
        cmocka_unit_test(test_next_access_is_the_chance_the_simulation_rolls),
        cmocka_unit_test(test_intrusion_next_follows_the_chain),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
