/* test_sim_attack.c — the attack model of RULES.md: exploits need an
 * unpatched vulnerability, movement follows links and stops at segment
 * boundaries, detection needs monitoring, and each motive has its impact.
 *
 * Statistical assertions run over many fixed seeds with wide margins; the
 * expected rates are worked out next to each assertion. */
#include "sim/fixtures.h"

enum { SEEDS = 40 };

/* ---- exploits and patches --------------------------------------------- */

/* A web shop in the DMZ with a critical, fixable SQL injection both sides
 * know about; an internal database T1190 cannot reach. */
static void exploit_world(fx *f)
{
    fx_init(f, 10);
    fx_node(f, "web", SIM_NODE_WEB, SIM_ZONE_DMZ, 300, 1000, 0);
    fx_node(f, "db", SIM_NODE_DATABASE, SIM_ZONE_INTERNAL, 800, 0, 0);
    fx_vuln(f, "sqli", "web", 98);
    sim_actor_def *a = fx_actor(f, "crew", SIM_MOTIVE_MONEY, 3, FX_TECH(SIM_T1190));
    a->active_from = SIM_TICKS_PER_DAY;
}

static void test_exploit_chance_is_positive_until_the_patch_lands(void **state)
{
    (void)state;
    fx f;
    exploit_world(&f);
    sim_world *w = fx_create(&f, 1);
    int web = fx_node_id(w, "web");
    /* RULES: base 0.08 × exploitability 0.98 × skill factor (0.6 + 0.2 × 3). */
    assert_int_equal(sim_attack_chance(w, 0, SIM_T1190, web), 94080);

    int duration = sim_action_cost_of(w, SIM_ACT_PATCH).duration;
    assert_true(duration > 0);
    fx_start(w, SIM_ACT_PATCH, web, 0);
    fx_step(w, duration - 1);
    assert_int_equal(sim_attack_chance(w, 0, SIM_T1190, web), 94080);
    fx_step(w, 1);
    assert_int_equal(sim_attack_chance(w, 0, SIM_T1190, web), 0);
    sim_vuln_info v;
    assert_int_equal(sim_vuln_get(w, 0, &v), BW_OK);
    assert_true(v.patched);
    sim_world_destroy(w);
}

static void test_an_unpatched_exposed_node_falls_and_a_patched_one_never_does(void **state)
{
    (void)state;
    int fell_unpatched = 0, fell_patched = 0;
    for (uint64_t seed = 1; seed <= SEEDS; seed++) {
        for (int patch = 0; patch < 2; patch++) {
            fx f;
            exploit_world(&f);
            sim_world *w = fx_create(&f, seed);
            if (patch)
                fx_start(w, SIM_ACT_PATCH, 0, 0); /* lands at tick 6, attacks from 24 */
            fx_step(w, 10 * SIM_TICKS_PER_DAY);
            bool fell = fx_ever_held(w, 0, 0);
            assert_false(fx_ever_held(w, 0, 1)); /* T1190 never reaches inside */
            if (patch)
                fell_patched += fell;
            else
                fell_unpatched += fell;
            sim_world_destroy(w);
        }
    }
    /* About 9.4 % an attempt, 4 attempts a day for 9 days: 1 − 0.906^36
     * is 97 %; at least 30 of 40 leaves a wide margin. */
    assert_true(fell_unpatched >= 30);
    assert_int_equal(fell_patched, 0);
}

static void test_attackers_need_to_know_a_flaw_unless_highly_skilled(void **state)
{
    (void)state;
    fx f;
    exploit_world(&f);
    f.vulns[0].known_to_attackers = false;
    fx_actor(&f, "elite", SIM_MOTIVE_ESPIONAGE, 4, FX_TECH(SIM_T1190));
    sim_world *w = fx_create(&f, 1);
    assert_int_equal(sim_attack_chance(w, 0, SIM_T1190, 0), 0);
    uint32_t elite = sim_attack_chance(w, 1, SIM_T1190, 0);
    assert_true(elite > 0);
    /* A public exploit is in every kit: more than the elite's own find. */
    assert_int_equal(sim_vuln_make_public(w, 0, NULL), BW_OK);
    assert_true(sim_attack_chance(w, 0, SIM_T1190, 0) > elite);
    sim_world_destroy(w);
}

/* ---- controls against techniques, table-driven --------------------------- */

typedef struct mitigation_case {
    const char *name;
    sim_technique t;
    sim_node_kind kind;
    sim_zone zone;
    bool leaked;
    unsigned control;
    int permille; /* chance with the control, per mille of the chance without */
} mitigation_case;

static const mitigation_case mitigations[] = {
    { "MFA against valid accounts", SIM_T1078, SIM_NODE_VPN, SIM_ZONE_DMZ, true, SIM_CTL_MFA, 100 },
    { "MFA against brute force", SIM_T1110, SIM_NODE_API, SIM_ZONE_DMZ, false, SIM_CTL_MFA, 100 },
    { "MFA against phishing", SIM_T1566, SIM_NODE_MAIL, SIM_ZONE_INTERNAL, false, SIM_CTL_MFA, 500 },
    { "WAF against exploits", SIM_T1190, SIM_NODE_WEB, SIM_ZONE_DMZ, false, SIM_CTL_WAF, 500 },
    { "EDR against scripting", SIM_T1059, SIM_NODE_LAPTOP, SIM_ZONE_INTERNAL, false, SIM_CTL_EDR, 400 },
    { "EDR against ransomware", SIM_T1486, SIM_NODE_FILESERVER, SIM_ZONE_INTERNAL, false, SIM_CTL_EDR, 500 },
    { "scrubbing against floods", SIM_T1498, SIM_NODE_WEB, SIM_ZONE_DMZ, false, SIM_CTL_DDOS_PROTECTION, 100 },
    { "review against supply chain", SIM_T1195, SIM_NODE_CI, SIM_ZONE_BUILD, false, SIM_CTL_CODE_REVIEW, 500 },
    { "signing against supply chain", SIM_T1195, SIM_NODE_CI, SIM_ZONE_BUILD, false, SIM_CTL_SIGNED_BUILDS, 500 },
};

static void test_each_control_mitigates_its_techniques(void **state)
{
    (void)state;
    for (size_t i = 0; i < sizeof mitigations / sizeof mitigations[0]; i++) {
        const mitigation_case *c = &mitigations[i];
        fx f;
        fx_init(&f, 1);
        fx_node(&f, "bare", c->kind, c->zone, 500, 100, 0);
        fx_node(&f, "guarded", c->kind, c->zone, 500, 100, c->control);
        f.nodes[0].leaked_credentials = f.nodes[1].leaked_credentials = c->leaked;
        fx_vuln(&f, "v1", "bare", 90);
        fx_vuln(&f, "v2", "guarded", 90);
        fx_actor(&f, "a", SIM_MOTIVE_MONEY, 3, FX_TECH(c->t));
        sim_world *w = fx_create(&f, 1);
        uint32_t bare = sim_attack_chance(w, 0, c->t, 0);
        uint32_t guarded = sim_attack_chance(w, 0, c->t, 1);
        if (bare == 0)
            fail_msg("%s: no chance even without the control", c->name);
        long permille = (long)((uint64_t)guarded * 1000u / bare);
        if (labs(permille - c->permille) > 2)
            fail_msg("%s: %u with the control vs %u without (%ld per mille, expected %d)", c->name,
                     guarded, bare, permille, c->permille);
        sim_world_destroy(w);
    }
}

static void test_valid_accounts_need_a_leaked_credential(void **state)
{
    (void)state;
    fx f;
    fx_init(&f, 1);
    fx_node(&f, "vpn", SIM_NODE_VPN, SIM_ZONE_DMZ, 100, 10, 0);
    fx_actor(&f, "a", SIM_MOTIVE_MONEY, 3, FX_TECH(SIM_T1078));
    sim_world *w = fx_create(&f, 1);
    assert_int_equal(sim_attack_chance(w, 0, SIM_T1078, 0), 0);
    sim_world_destroy(w);
    f.nodes[0].leaked_credentials = true;
    w = fx_create(&f, 1);
    assert_true(sim_attack_chance(w, 0, SIM_T1078, 0) > 0);
    /* Rotating the credential closes that door again. */
    fx_start(w, SIM_ACT_ROTATE_CREDENTIALS, 0, 0);
    fx_step(w, sim_action_cost_of(w, SIM_ACT_ROTATE_CREDENTIALS).duration);
    assert_int_equal(sim_attack_chance(w, 0, SIM_T1078, 0), 0);
    sim_world_destroy(w);
}

static void test_capability_in_the_countering_area_halves_the_chance_at_most(void **state)
{
    (void)state;
    fx f;
    exploit_world(&f);
    sim_world *w = fx_create(&f, 1);
    uint32_t untrained = sim_attack_chance(w, 0, SIM_T1190, 0);
    sim_world_destroy(w);
    f.def.defender.capability_permille[SIM_AREA_PW] = 1000; /* T1190's counter */
    w = fx_create(&f, 1);
    assert_int_equal(sim_attack_chance(w, 0, SIM_T1190, 0), untrained / 2);
    sim_world_destroy(w);
    f.def.defender.capability_permille[SIM_AREA_PW] = 0;
    f.def.defender.capability_permille[SIM_AREA_RV] = 1000; /* not T1190's */
    w = fx_create(&f, 1);
    assert_int_equal(sim_attack_chance(w, 0, SIM_T1190, 0), untrained);
    sim_world_destroy(w);
}

/* ---- lateral movement ------------------------------------------------------- */

/* web (DMZ) → app (internal) by a network link; hr (internal) links *to*
 * web but nothing leads from web to it; twin (DMZ) sits beside web. The
 * actor has no access technique: the planted foothold is its only way. */
static void movement_world(fx *f, unsigned web_controls, unsigned app_controls)
{
    fx_init(f, 10);
    fx_node(f, "web", SIM_NODE_WEB, SIM_ZONE_DMZ, 100, 0, web_controls);
    fx_node(f, "app", SIM_NODE_API, SIM_ZONE_INTERNAL, 500, 0, app_controls);
    fx_node(f, "hr", SIM_NODE_FILESERVER, SIM_ZONE_INTERNAL, 900, 0, 0);
    fx_link(f, "web", "app", SIM_LINK_NETWORK);
    fx_link(f, "hr", "web", SIM_LINK_NETWORK);
    fx_actor(f, "apt", SIM_MOTIVE_THRILL, 3, FX_TECH(SIM_T1021));
}

/* Plant on web, run ten days; how many seeds reached node `to`? */
static int spread_count(unsigned web_controls, unsigned app_controls, int *reached_hr)
{
    int reached = 0;
    for (uint64_t seed = 1; seed <= SEEDS; seed++) {
        fx f;
        movement_world(&f, web_controls, app_controls);
        sim_world *w = fx_create(&f, seed);
        assert_true(sim_intrusion_plant(w, 0, 0, SIM_T1190, NULL) >= 0);
        fx_step(w, 10 * SIM_TICKS_PER_DAY);
        reached += fx_ever_held(w, 0, 1);
        *reached_hr += fx_ever_held(w, 0, 2);
        sim_world_destroy(w);
    }
    return reached;
}

static void test_movement_follows_links_and_only_links(void **state)
{
    (void)state;
    int hr = 0;
    /* 14 % a hop, one hop every 4 hours once persistent: ten days is ~60
     * tries, so all but a freak seed get through. */
    assert_true(spread_count(0, 0, &hr) >= SEEDS - 2);
    assert_int_equal(hr, 0); /* a link into web is not a way out of it */
}

static void test_segmentation_on_either_end_stops_movement_across_zones(void **state)
{
    (void)state;
    static const struct { const char *name; unsigned web, app; } cases[] = {
        { "segmented source", SIM_CTL_SEGMENTED, 0 },
        { "segmented destination", 0, SIM_CTL_SEGMENTED },
        { "both segmented", SIM_CTL_SEGMENTED, SIM_CTL_SEGMENTED },
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        int hr = 0;
        int reached = spread_count(cases[i].web, cases[i].app, &hr);
        if (reached != 0)
            fail_msg("%s: crossed in %d of %d seeds", cases[i].name, reached, SEEDS);
        assert_int_equal(hr, 0);
    }
}

static void test_segmentation_added_during_play_closes_the_path(void **state)
{
    (void)state;
    fx f;
    movement_world(&f, 0, 0);
    sim_world *w = fx_create(&f, 3);
    fx_start(w, SIM_ACT_SEGMENT, 1, 0);
    fx_step(w, sim_action_cost_of(w, SIM_ACT_SEGMENT).duration);
    assert_true(fx_has_control(w, 1, SIM_CTL_SEGMENTED));
    assert_true(sim_intrusion_plant(w, 0, 0, SIM_T1190, NULL) >= 0);
    fx_step(w, 10 * SIM_TICKS_PER_DAY - sim_world_tick(w));
    assert_false(fx_ever_held(w, 0, 1));
    sim_world_destroy(w);
}

static void test_an_isolated_node_cannot_be_attacked_and_its_links_close(void **state)
{
    (void)state;
    fx f;
    exploit_world(&f);
    fx_link(&f, "web", "db", SIM_LINK_NETWORK);
    sim_world *w = fx_create(&f, 1);
    assert_true(sim_attack_chance(w, 0, SIM_T1190, 0) > 0);
    fx_start(w, SIM_ACT_ISOLATE, 0, 0);
    fx_step(w, sim_action_cost_of(w, SIM_ACT_ISOLATE).duration);
    assert_int_equal(fx_node_info(w, 0).state, SIM_STATE_OFFLINE);
    assert_int_equal(sim_attack_chance(w, 0, SIM_T1190, 0), 0);
    sim_link_info l;
    assert_int_equal(sim_link_get(w, 0, &l), BW_OK);
    assert_false(l.open);
    fx_start(w, SIM_ACT_RECONNECT, 0, 0);
    fx_step(w, sim_action_cost_of(w, SIM_ACT_RECONNECT).duration);
    assert_int_equal(fx_node_info(w, 0).state, SIM_STATE_HEALTHY);
    assert_int_equal(sim_link_get(w, 0, &l), BW_OK);
    assert_true(l.open);
    sim_world_destroy(w);
}

static void test_movement_never_enters_an_isolated_node(void **state)
{
    (void)state;
    for (uint64_t seed = 1; seed <= SEEDS; seed++) {
        fx f;
        movement_world(&f, 0, 0);
        sim_world *w = fx_create(&f, seed);
        fx_start(w, SIM_ACT_ISOLATE, 1, 0);
        fx_step(w, sim_action_cost_of(w, SIM_ACT_ISOLATE).duration);
        assert_true(sim_intrusion_plant(w, 0, 0, SIM_T1190, NULL) >= 0);
        fx_step(w, 10 * SIM_TICKS_PER_DAY - sim_world_tick(w));
        if (fx_ever_held(w, 0, 1))
            fail_msg("seed %d: the intruder walked into an isolated node", (int)seed);
        sim_world_destroy(w);
    }
}

/* ---- detection ------------------------------------------------------------ */

/* One node per monitoring level; espionage on nodes without data has no
 * impact to make, so nothing but monitoring can reveal it. */
static void watch_world(fx *f)
{
    fx_init(f, 10);
    fx_node(f, "dark", SIM_NODE_WEB, SIM_ZONE_DMZ, 100, 0, 0);
    fx_node(f, "logged", SIM_NODE_WEB, SIM_ZONE_DMZ, 100, 0, SIM_CTL_LOGGING);
    fx_node(f, "edr", SIM_NODE_WEB, SIM_ZONE_DMZ, 100, 0, SIM_CTL_EDR);
    fx_node(f, "both", SIM_NODE_WEB, SIM_ZONE_DMZ, 100, 0, SIM_CTL_EDR | SIM_CTL_LOGGING);
    fx_actor(f, "spy", SIM_MOTIVE_ESPIONAGE, 3, FX_TECH(SIM_T1021));
    /* A second spy: detecting one actor arms monitoring with its
     * indicators everywhere, which would reveal the first's other
     * footholds too. */
    fx_actor(f, "mole", SIM_MOTIVE_ESPIONAGE, 3, FX_TECH(SIM_T1021));
}

static void test_detection_chance_rises_with_monitoring(void **state)
{
    (void)state;
    fx f;
    watch_world(&f);
    sim_world *w = fx_create(&f, 1);
    uint32_t d[4];
    for (int n = 0; n < 4; n++) {
        assert_int_equal(sim_intrusion_plant(w, 0, n, SIM_T1190, NULL), n);
        d[n] = sim_detect_chance(w, n);
    }
    assert_true(d[0] > 0);
    assert_true(d[1] >= 10 * d[0]);
    assert_true(d[2] > d[1]);
    assert_true(d[3] > d[2]);
    assert_true(d[3] >= 100 * d[0]);
    sim_world_destroy(w);
}

static void test_monitored_intrusions_are_found_far_more_often(void **state)
{
    (void)state;
    int found_dark = 0, found_both = 0;
    for (uint64_t seed = 1; seed <= SEEDS; seed++) {
        fx f;
        watch_world(&f);
        sim_world *w = fx_create(&f, seed);
        assert_int_equal(sim_intrusion_plant(w, 0, 0, SIM_T1190, NULL), 0);
        assert_int_equal(sim_intrusion_plant(w, 1, 3, SIM_T1190, NULL), 1);
        fx_step(w, 2 * SIM_TICKS_PER_DAY);
        found_dark += fx_intrusion(w, 0).detected;
        found_both += fx_intrusion(w, 1).detected;
        sim_world_destroy(w);
    }
    /* 8 % an hour for 48 hours finds 98 %; 0.05 % an hour finds 2 %. */
    assert_true(found_both >= SEEDS - 4);
    assert_true(found_dark <= 4);
}

static void test_the_fog_of_war_hides_an_intrusion_until_it_is_detected(void **state)
{
    (void)state;
    fx f;
    watch_world(&f);
    sim_world *w = fx_create(&f, 5);
    assert_int_equal(sim_intrusion_plant(w, 0, 3, SIM_T1190, NULL), 0);
    sim_node_view v;
    assert_int_equal(fx_node_info(w, 3).state, SIM_STATE_COMPROMISED);
    assert_int_equal(fx_node_info(w, 3).intrusions, 1);
    assert_int_equal(sim_node_view_get(w, 3, &v), BW_OK);
    assert_int_equal(v.state, SIM_STATE_HEALTHY);
    assert_int_equal(v.detected_intrusions, 0);
    int entry = -1;
    for (int i = 0; i < sim_log_count(w); i++) {
        sim_log_entry e;
        assert_int_equal(sim_log_get(w, i, &e), BW_OK);
        if (e.kind == SIM_LOG_INTRUSION)
            entry = i;
    }
    assert_true(entry >= 0);
    sim_log_entry e;
    assert_int_equal(sim_log_get(w, entry, &e), BW_OK);
    assert_false(e.visible);

    int ticks = 0;
    while (!fx_intrusion(w, 0).detected && ticks++ < 240)
        fx_step(w, 1);
    assert_true(fx_intrusion(w, 0).detected);
    assert_int_equal(fx_intrusion(w, 0).detected_at, sim_world_tick(w));
    assert_int_equal(sim_node_view_get(w, 3, &v), BW_OK);
    assert_int_equal(v.state, SIM_STATE_COMPROMISED);
    assert_int_equal(v.detected_intrusions, 1);
    assert_int_equal(sim_log_get(w, entry, &e), BW_OK);
    assert_true(e.visible);
    sim_actor_info a;
    assert_int_equal(sim_actor_get(w, 0, &a), BW_OK);
    assert_true(a.detected && a.indicators_known);
    sim_world_destroy(w);
}

/* ---- impact by motive ------------------------------------------------------ */

static void impact_world(fx *f, sim_motive motive, unsigned controls)
{
    fx_init(f, 20);
    fx_node(f, "files", SIM_NODE_FILESERVER, SIM_ZONE_INTERNAL, 800, 100, controls);
    fx_node(f, "shop", SIM_NODE_WEB, SIM_ZONE_DMZ, 100, 10000, 0);
    fx_actor(f, "crew", motive, 3, FX_TECH(SIM_T1021));
    fx_objective(f, "keep-files", SIM_OBJ_NODE_NEVER_LOST, "files", 0);
}

static bool files_encrypted(const sim_world *w, void *ud)
{
    (void)ud;
    return fx_node_info(w, 0).state == SIM_STATE_ENCRYPTED;
}

static bool files_lost(const sim_world *w, void *ud)
{
    (void)ud;
    return fx_node_info(w, 0).data_lost;
}

static void test_ransomware_encrypts_and_is_detected_at_once(void **state)
{
    (void)state;
    int detected_at_encryption = 0;
    for (uint64_t seed = 1; seed <= 20; seed++) {
        fx f;
        impact_world(&f, SIM_MOTIVE_MONEY, 0);
        sim_world *w = fx_create(&f, seed);
        assert_int_equal(sim_intrusion_plant(w, 0, 0, SIM_T1190, NULL), 0);
        if (!fx_step_until(w, files_encrypted, NULL, 10 * SIM_TICKS_PER_DAY))
            fail_msg("seed %d: no encryption in ten days", (int)seed);
        sim_intrusion_info in = fx_intrusion(w, 0);
        assert_true(in.detected);
        assert_int_equal(in.stage, SIM_STAGE_IMPACT);
        detected_at_encryption += in.detected_at == sim_world_tick(w);
        sim_node_view v;
        assert_int_equal(sim_node_view_get(w, 0, &v), BW_OK);
        assert_int_equal(v.state, SIM_STATE_ENCRYPTED);
        sim_objective_info o;
        assert_int_equal(sim_objective_get(w, 0, &o), BW_OK);
        assert_false(o.met);
        sim_world_destroy(w);
    }
    /* Unmonitored, an earlier discovery is a 0.05 %-an-hour fluke. */
    assert_true(detected_at_encryption >= 18);
}

static void test_restore_from_backup_is_faster_and_evicts_the_intruder(void **state)
{
    (void)state;
    static const struct { unsigned controls; int duration; } cases[] = {
        { SIM_CTL_BACKUP, 6 }, /* hours from a backup */
        { 0, 48 },             /* days without one */
    };
    for (size_t i = 0; i < 2; i++) {
        fx f;
        impact_world(&f, SIM_MOTIVE_MONEY, cases[i].controls);
        sim_world *w = fx_create(&f, 2);
        assert_int_equal(sim_intrusion_plant(w, 0, 0, SIM_T1190, NULL), 0);
        assert_true(fx_step_until(w, files_encrypted, NULL, 10 * SIM_TICKS_PER_DAY));
        fx_start(w, SIM_ACT_RESTORE, 0, 0);
        sim_running_action ra;
        assert_int_equal(sim_running_get(w, 0, &ra), BW_OK);
        assert_int_equal(ra.done_at - ra.started, cases[i].duration);
        fx_step(w, cases[i].duration - 1);
        assert_int_equal(fx_node_info(w, 0).state, SIM_STATE_ENCRYPTED);
        fx_step(w, 1);
        sim_node_info n = fx_node_info(w, 0);
        assert_int_equal(n.state, SIM_STATE_HEALTHY);
        assert_int_equal(n.intrusions, 0);
        assert_false(fx_intrusion(w, 0).active);
        sim_world_destroy(w);
    }
}

static void test_exfiltration_loses_data_for_good_and_lowers_protection(void **state)
{
    (void)state;
    fx f;
    impact_world(&f, SIM_MOTIVE_ESPIONAGE, 0);
    sim_world *w = fx_create(&f, 4);
    assert_int_equal(sim_intrusion_plant(w, 0, 0, SIM_T1190, NULL), 0);
    int before = fx_pillar(w, SIM_PILLAR_PROTECTION);
    assert_int_equal(before, 100);
    assert_true(fx_step_until(w, files_lost, NULL, 10 * SIM_TICKS_PER_DAY));
    assert_int_equal(fx_tally(w).data_lost, 800 * 100);
    /* The lost data costs half the pillar; the files server's 100 users of
     * 10100 barely move the served share. */
    int after = fx_pillar(w, SIM_PILLAR_PROTECTION);
    assert_true(after <= before - 45);
    sim_objective_info o;
    assert_int_equal(sim_objective_get(w, 0, &o), BW_OK);
    assert_false(o.met);
    /* A rebuild evicts the spy but the data stays stolen. */
    fx_start(w, SIM_ACT_RESTORE, 0, 0);
    fx_step(w, sim_action_cost_of(w, SIM_ACT_RESTORE).duration);
    assert_int_equal(fx_node_info(w, 0).intrusions, 0);
    assert_true(fx_node_info(w, 0).data_lost);
    assert_true(fx_pillar(w, SIM_PILLAR_PROTECTION) <= 55);
    sim_world_destroy(w);
}

static void test_defacement_is_seen_at_once_and_steals_nothing(void **state)
{
    (void)state;
    fx f;
    impact_world(&f, SIM_MOTIVE_IDEOLOGY, 0);
    sim_world *w = fx_create(&f, 6);
    assert_true(sim_intrusion_plant(w, 0, 1, SIM_T1190, NULL) >= 0);
    int ticks = 0;
    while (fx_intrusion(w, 0).stage != SIM_STAGE_IMPACT && ticks++ < 240)
        fx_step(w, 1);
    assert_int_equal(fx_intrusion(w, 0).stage, SIM_STAGE_IMPACT);
    assert_true(fx_intrusion(w, 0).detected); /* a defaced page is seen at once */
    sim_node_view v;
    assert_int_equal(sim_node_view_get(w, 1, &v), BW_OK);
    assert_int_equal(v.state, SIM_STATE_COMPROMISED);
    assert_false(fx_node_info(w, 1).data_lost);
    sim_world_destroy(w);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_exploit_chance_is_positive_until_the_patch_lands),
        cmocka_unit_test(test_an_unpatched_exposed_node_falls_and_a_patched_one_never_does),
        cmocka_unit_test(test_attackers_need_to_know_a_flaw_unless_highly_skilled),
        cmocka_unit_test(test_each_control_mitigates_its_techniques),
        cmocka_unit_test(test_valid_accounts_need_a_leaked_credential),
        cmocka_unit_test(test_capability_in_the_countering_area_halves_the_chance_at_most),
        cmocka_unit_test(test_movement_follows_links_and_only_links),
        cmocka_unit_test(test_segmentation_on_either_end_stops_movement_across_zones),
        cmocka_unit_test(test_segmentation_added_during_play_closes_the_path),
        cmocka_unit_test(test_an_isolated_node_cannot_be_attacked_and_its_links_close),
        cmocka_unit_test(test_movement_never_enters_an_isolated_node),
        cmocka_unit_test(test_detection_chance_rises_with_monitoring),
        cmocka_unit_test(test_monitored_intrusions_are_found_far_more_often),
        cmocka_unit_test(test_the_fog_of_war_hides_an_intrusion_until_it_is_detected),
        cmocka_unit_test(test_ransomware_encrypts_and_is_detected_at_once),
        cmocka_unit_test(test_restore_from_backup_is_faster_and_evicts_the_intruder),
        cmocka_unit_test(test_exfiltration_loses_data_for_good_and_lowers_protection),
        cmocka_unit_test(test_defacement_is_seen_at_once_and_steals_nothing),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
