/* test_sim_world.c — building a world: a valid definition becomes the world
 * it describes; bad data is refused with reasons a scenario author can act
 * on, every problem at once; the getters refuse what does not exist. */
#include "sim/fixtures.h"

/* A small valid world every validation case starts from and then breaks
 * in one way. */
static void base_world(fx *f)
{
    fx_init(f, 5);
    fx_node(f, "web", SIM_NODE_WEB, SIM_ZONE_DMZ, 300, 1000, 0);
    fx_node(f, "db", SIM_NODE_DATABASE, SIM_ZONE_INTERNAL, 800, 1000, SIM_CTL_BACKUP);
    fx_link(f, "web", "db", SIM_LINK_NETWORK);
    fx_vuln(f, "sqli", "web", 98);
    fx_actor(f, "crew", SIM_MOTIVE_MONEY, 3, FX_TECH(SIM_T1190));
    fx_report(f, "r1", "sqli", 24, 72);
    fx_objective(f, "keep-db", SIM_OBJ_NODE_NEVER_LOST, "db", 0);
}

static void test_a_valid_world_holds_what_its_definition_says(void **state)
{
    (void)state;
    fx f;
    base_world(&f);
    f.nodes[0].label = "Web shop";
    f.def.defender.budget = 40;
    f.def.defender.staff = 3;
    f.def.defender.capability_permille[SIM_AREA_PW] = 250;
    sim_world *w = fx_create(&f, 1234);

    assert_int_equal(sim_world_tick(w), 0);
    assert_int_equal(sim_world_days(w), 5);
    assert_true(sim_world_seed(w) == 1234);
    assert_false(sim_world_over(w));
    assert_int_equal(sim_world_outcome(w), SIM_OUTCOME_RUNNING);

    assert_int_equal(sim_node_count(w), 2);
    assert_int_equal(sim_node_find(w, "db"), 1);
    assert_int_equal(sim_node_find(w, "nope"), BW_ENOTFOUND);
    sim_node_info web = fx_node_info(w, 0), db = fx_node_info(w, 1);
    assert_string_equal(web.id, "web");
    assert_string_equal(web.label, "Web shop");
    assert_string_equal(db.label, "db"); /* no label: the id */
    assert_int_equal(web.kind, SIM_NODE_WEB);
    assert_int_equal(db.zone, SIM_ZONE_INTERNAL);
    assert_int_equal(db.value, 800);
    assert_int_equal(db.users, 1000);
    assert_int_equal(db.controls, SIM_CTL_BACKUP);
    assert_int_equal(web.state, SIM_STATE_HEALTHY);
    assert_true(db.has_data);   /* databases hold data by default */
    assert_false(web.has_data);

    assert_int_equal(sim_link_count(w), 1);
    sim_link_info l;
    assert_int_equal(sim_link_get(w, 0, &l), BW_OK);
    assert_int_equal(l.from, 0);
    assert_int_equal(l.to, 1);
    assert_int_equal(l.kind, SIM_LINK_NETWORK);
    assert_true(l.open);

    sim_vuln_info v;
    assert_int_equal(sim_vuln_find(w, "sqli"), 0);
    assert_int_equal(sim_vuln_get(w, 0, &v), BW_OK);
    assert_int_equal(v.node, 0);
    assert_int_equal(v.severity_tenths, 98);
    assert_int_equal(v.exploitability_permille, 980); /* derived from severity */
    assert_true(v.exists && v.fix_available && !v.patched);

    sim_actor_info a;
    assert_int_equal(sim_actor_find(w, "crew"), 0);
    assert_int_equal(sim_actor_get(w, 0, &a), BW_OK);
    assert_int_equal(a.skill, 3);
    assert_false(a.indicators_known);

    sim_report_info r;
    assert_int_equal(sim_report_find(w, "r1"), 0);
    assert_int_equal(sim_report_get(w, 0, &r), BW_OK);
    assert_int_equal(r.state, SIM_REPORT_PENDING);
    assert_int_equal(r.vuln, 0);

    sim_defender_info d = fx_defender(w);
    assert_int_equal(d.budget, 40);
    assert_int_equal(d.staff, 3);
    assert_int_equal(d.staff_hours, 3 * SIM_STAFF_HOURS_PER_PERSON);
    assert_int_equal(d.capability_permille[SIM_AREA_PW], 250);
    assert_int_equal(d.capability_start_permille[SIM_AREA_PW], 250);

    sim_objective_info o;
    assert_int_equal(sim_objective_count(w), 1);
    assert_int_equal(sim_objective_get(w, 0, &o), BW_OK);
    assert_int_equal(o.target, 1);
    assert_true(o.met);

    /* The default offer: everything but offensive actions; choices can
     * always be answered. */
    assert_true(sim_action_offered(w, SIM_ACT_PATCH));
    assert_true(sim_action_offered(w, SIM_ACT_CHOOSE));
    assert_false(sim_action_offered(w, SIM_ACT_HACK_BACK));

    sim_score s;
    assert_int_equal(sim_score_history(w, 0, &s), BW_OK);
    assert_int_equal(s.pillar[SIM_PILLAR_RESPONSIBILITY], 100);
    sim_world_destroy(w);
}

/* ---- bad data, table-driven --------------------------------------------- */

typedef struct bad_case {
    const char *name;
    void (*breaks)(fx *f);
    const char *expect[3]; /* substrings the reason must contain */
} bad_case;

static void dup_node(fx *f) { f->nodes[1].id = "web"; f->links[0].to = "web"; }
static void link_to_missing(fx *f) { f->links[0].to = "ghost-server"; }
static void negative_budget(fx *f) { f->def.defender.budget = -5; }
static void severity_high(fx *f) { f->vulns[0].severity_tenths = 101; }
static void severity_low(fx *f) { f->vulns[0].severity_tenths = -1; }
static void zero_days(fx *f) { f->def.days = 0; }
static void too_many_days(fx *f) { f->def.days = SIM_MAX_DAYS + 1; }
static void skill_six(fx *f) { f->actors[0].skill = 6; }
static void skill_zero(fx *f) { f->actors[0].skill = 0; }
static void no_nodes(fx *f)
{
    f->node_count = f->link_count = f->vuln_count = f->report_count = f->objective_count = 0;
}
static void objective_ghost(fx *f) { f->objectives[0].target = "ghost-db"; }
static void dup_actor(fx *f) { fx_actor(f, "crew", SIM_MOTIVE_THRILL, 1, FX_TECH(SIM_T1498)); }
static void dup_vuln(fx *f) { fx_vuln(f, "sqli", "db", 50); }
static void vuln_on_missing(fx *f) { f->vulns[0].node = "ghost"; f->report_count = 0; }
static void report_missing_vuln(fx *f) { f->reports[0].vuln = "ghost-vuln"; }
static void cwe_zero(fx *f) { f->vulns[0].cwe = 0; }
static void value_big(fx *f) { f->nodes[0].value = 1001; }
static void users_negative(fx *f) { f->nodes[0].users = -1; }
static void unknown_control(fx *f) { f->nodes[0].controls = 1u << 20; }
static void self_link(fx *f) { f->links[0].to = "web"; }
static void no_techniques(fx *f) { f->actors[0].techniques = 0; }
static void capability_high(fx *f) { f->def.defender.capability_permille[SIM_AREA_RV] = 1001; }
static void pillar_unknown(fx *f) { fx_objective(f, "score", SIM_OBJ_PILLAR_MIN, "glory", 50); }
static void pillar_min_high(fx *f) { fx_objective(f, "score", SIM_OBJ_PILLAR_MIN, "capacity", 101); }
static void node_no_id(fx *f) { f->nodes[0].id = NULL; f->links[0].from = "db"; f->links[0].to = "db"; f->link_count = 0; f->vulns[0].node = "db"; }
static void override_negative(fx *f) { fx_override(f, SIM_ACT_PATCH, -1, 0, 0); }
static void dup_report(fx *f) { fx_report(f, "r1", "sqli", 48, 72); }
static void deadline_zero(fx *f) { f->reports[0].deadline_ticks = 0; }
static void appears_after_end(fx *f) { f->vulns[0].appears_at = 5 * SIM_TICKS_PER_DAY + 1; }

static const bad_case bad_cases[] = {
    { "duplicate node ids", dup_node, { "duplicate node id 'web'" } },
    { "a link to a missing node", link_to_missing, { "link 1", "ghost-server" } },
    { "a negative budget", negative_budget, { "budget", "-5" } },
    { "severity above 10", severity_high, { "sqli", "severity" } },
    { "severity below 0", severity_low, { "sqli", "severity -0.1" } },
    { "zero days", zero_days, { "days 0" } },
    { "more days than the engine allows", too_many_days, { "days 366" } },
    { "skill 6", skill_six, { "crew", "skill 6" } },
    { "skill 0", skill_zero, { "crew", "skill 0" } },
    { "no nodes", no_nodes, { "no nodes" } },
    { "an objective on an unknown node", objective_ghost, { "objective 1", "ghost-db" } },
    { "duplicate actor ids", dup_actor, { "duplicate actor id 'crew'" } },
    { "duplicate vulnerability ids", dup_vuln, { "duplicate vulnerability id 'sqli'" } },
    { "a vulnerability on a missing node", vuln_on_missing, { "sqli", "ghost" } },
    { "a report of a missing vulnerability", report_missing_vuln, { "r1", "ghost-vuln" } },
    { "CWE 0", cwe_zero, { "sqli", "CWE" } },
    { "value above 1000", value_big, { "web", "value 1001" } },
    { "negative users", users_negative, { "web", "users -1" } },
    { "an unknown control bit", unknown_control, { "web", "control" } },
    { "a node linked to itself", self_link, { "link 1", "itself" } },
    { "an actor without techniques", no_techniques, { "crew", "no techniques" } },
    { "capability above 1000", capability_high, { "capability RV" } },
    { "an unknown pillar", pillar_unknown, { "glory" } },
    { "a pillar minimum above 100", pillar_min_high, { "101" } },
    { "a node without an id", node_no_id, { "node 1 has no id" } },
    { "a negative action cost", override_negative, { "patch" } },
    { "duplicate report ids", dup_report, { "duplicate report id 'r1'" } },
    { "a report with no deadline", deadline_zero, { "r1", "deadline" } },
    { "a vulnerability appearing after the end", appears_after_end, { "sqli", "outside the game" } },
};

static void test_bad_worlds_are_refused_with_a_reason(void **state)
{
    (void)state;
    for (size_t i = 0; i < sizeof bad_cases / sizeof bad_cases[0]; i++) {
        const bad_case *c = &bad_cases[i];
        fx f;
        base_world(&f);
        c->breaks(&f);
        bw_err err;
        sim_world *w = sim_world_create(fx_def(&f), 1, NULL, NULL, &err);
        if (w) {
            sim_world_destroy(w);
            fail_msg("case '%s': the world was accepted", c->name);
        }
        if (err.code != BW_EINVAL)
            fail_msg("case '%s': code %d (%s), message '%s'", c->name, err.code,
                     bw_err_name(err.code), err.msg);
        for (int k = 0; k < 3 && c->expect[k]; k++)
            if (!strstr(err.msg, c->expect[k]))
                fail_msg("case '%s': '%s' does not mention '%s'", c->name, err.msg, c->expect[k]);
    }
}

static void test_the_base_world_of_the_bad_cases_is_itself_valid(void **state)
{
    (void)state;
    fx f;
    base_world(&f);
    sim_world_destroy(fx_create(&f, 1));
}

static void test_several_problems_are_all_reported_in_one_message(void **state)
{
    (void)state;
    fx f;
    base_world(&f);
    f.def.days = 0;
    f.def.defender.budget = -1;
    f.links[0].to = "ghost-server";
    f.actors[0].skill = 9;
    f.vulns[0].severity_tenths = 200;
    bw_err err;
    assert_null(sim_world_create(fx_def(&f), 1, NULL, NULL, &err));
    assert_int_equal(err.code, BW_EINVAL);
    static const char *const parts[] = { "days 0", "budget -1", "ghost-server", "skill 9",
                                         "severity 20.0" };
    for (size_t i = 0; i < sizeof parts / sizeof parts[0]; i++)
        if (!strstr(err.msg, parts[i]))
            fail_msg("'%s' does not mention '%s'", err.msg, parts[i]);
    /* "; "-separated: five problems, four separators. */
    int seps = 0;
    for (const char *p = err.msg; (p = strstr(p, "; ")) != NULL; p += 2)
        seps++;
    assert_int_equal(seps, 4);
}

static void test_a_missing_definition_is_refused(void **state)
{
    (void)state;
    bw_err err;
    assert_null(sim_world_create(NULL, 1, NULL, NULL, &err));
    assert_int_equal(err.code, BW_EINVAL);
    assert_true(err.msg[0] != '\0');

    fx f;
    base_world(&f);
    fx_def(&f);
    f.def.links = NULL; /* a count without its array */
    assert_null(sim_world_create(&f.def, 1, NULL, NULL, &err));
    assert_int_equal(err.code, BW_EINVAL);
    assert_non_null(strstr(err.msg, "missing"));
}

static void test_getters_refuse_what_does_not_exist(void **state)
{
    (void)state;
    fx f;
    base_world(&f);
    sim_world *w = fx_create(&f, 1);
    sim_node_info n;
    sim_node_view nv;
    sim_link_info l;
    sim_vuln_info v;
    sim_actor_info a;
    sim_intrusion_info in;
    sim_report_info r;
    sim_choice_info c;
    sim_log_entry e;
    sim_objective_info o;
    sim_running_action ra;
    sim_score s;
    static const int bad[] = { -1, 99 };
    for (int k = 0; k < 2; k++) {
        int i = bad[k];
        assert_int_equal(sim_node_get(w, i, &n), BW_ENOTFOUND);
        assert_int_equal(sim_node_view_get(w, i, &nv), BW_ENOTFOUND);
        assert_int_equal(sim_link_get(w, i, &l), BW_ENOTFOUND);
        assert_int_equal(sim_vuln_get(w, i, &v), BW_ENOTFOUND);
        assert_int_equal(sim_actor_get(w, i, &a), BW_ENOTFOUND);
        assert_int_equal(sim_intrusion_get(w, i, &in), BW_ENOTFOUND);
        assert_int_equal(sim_report_get(w, i, &r), BW_ENOTFOUND);
        assert_int_equal(sim_choice_get(w, i, &c), BW_ENOTFOUND);
        assert_int_equal(sim_log_get(w, i, &e), BW_ENOTFOUND);
        assert_int_equal(sim_objective_get(w, i, &o), BW_ENOTFOUND);
        assert_int_equal(sim_running_get(w, i, &ra), BW_ENOTFOUND);
        assert_int_equal(sim_score_history(w, i, &s), BW_ENOTFOUND);
        assert_int_equal(sim_attack_chance(w, i, SIM_T1190, 0), 0);
        assert_int_equal(sim_attack_chance(w, 0, SIM_T1190, i), 0);
        assert_int_equal(sim_detect_chance(w, i), 0);
        assert_int_equal(sim_weakness_chance(w, i), 0);
    }
    assert_int_equal(sim_actor_find(w, "nobody"), BW_ENOTFOUND);
    assert_int_equal(sim_vuln_find(w, "nothing"), BW_ENOTFOUND);
    assert_int_equal(sim_report_find(w, "none"), BW_ENOTFOUND);
    sim_world_destroy(w);
    sim_world_destroy(NULL); /* fine by contract */
}

static void test_scenario_primitives_refuse_bad_input_and_change_nothing(void **state)
{
    (void)state;
    fx f;
    base_world(&f);
    sim_world *w = fx_create(&f, 1);
    uint64_t h = sim_world_hash(w);
    bw_err err;
    sim_vuln_def dup = { .id = "sqli", .node = "web", .cwe = 79, .severity_tenths = 50 };
    sim_vuln_def ghost = { .id = "new", .node = "ghost", .cwe = 79, .severity_tenths = 50 };
    sim_vuln_def sev = { .id = "new", .node = "web", .cwe = 79, .severity_tenths = 101 };
    sim_report_def rep = { "r1", "sqli", "Ada", 10, 10 };
    static const char *const opts[] = { "yes", "no" };
    struct { const char *what; int rc, expect; } cases[] = {
        { "duplicate vuln", sim_vuln_add(w, &dup, &err), BW_EINVAL },
        { "vuln on ghost", sim_vuln_add(w, &ghost, &err), BW_ENOTFOUND },
        { "vuln severity", sim_vuln_add(w, &sev, &err), BW_EINVAL },
        { "fix of ghost", sim_vuln_release_fix(w, 7, &err), BW_ENOTFOUND },
        { "public ghost", sim_vuln_make_public(w, -1, &err), BW_ENOTFOUND },
        { "reveal ghost", sim_vuln_reveal(w, 7, &err), BW_ENOTFOUND },
        { "duplicate report", sim_report_add(w, &rep, &err), BW_EINVAL },
        { "plant ghost actor", sim_intrusion_plant(w, 3, 0, SIM_T1190, &err), BW_ENOTFOUND },
        { "plant ghost node", sim_intrusion_plant(w, 0, 9, SIM_T1190, &err), BW_ENOTFOUND },
        { "plant bad technique", sim_intrusion_plant(w, 0, 0, SIM_TECHNIQUE_COUNT, &err), BW_EINVAL },
        { "budget below zero", sim_defender_add_budget(w, -101, &err), BW_EBUDGET },
        { "staff below zero", sim_defender_add_staff(w, -5, &err), BW_EINVAL },
        { "activate ghost", sim_actor_set_active(w, 5, 0, &err), BW_ENOTFOUND },
        { "activate negative", sim_actor_set_active(w, 0, -1, &err), BW_EINVAL },
        { "message to ghost", sim_message(w, "hi", 9, &err), BW_ENOTFOUND },
        { "choice no options", sim_choice_open(w, "?", opts, 0, 5, 0, -1, 1, &err), BW_EINVAL },
        { "choice bad default", sim_choice_open(w, "?", opts, 2, 5, 2, -1, 1, &err), BW_EINVAL },
        { "choice no deadline", sim_choice_open(w, "?", opts, 2, 0, 0, -1, 1, &err), BW_EINVAL },
        { "score pillar", sim_score_adjust(w, SIM_PILLAR_COUNT, 5, "x", &err), BW_EINVAL },
        { "score too much", sim_score_adjust(w, SIM_PILLAR_CAPACITY, 101, "x", &err), BW_EINVAL },
        { "offence severity", sim_offense_record(w, 101, false, "x", &err), BW_EINVAL },
        { "objective ghost", sim_objective_set(w, 4, true, &err), BW_ENOTFOUND },
        { "objective engine", sim_objective_set(w, 0, false, &err), BW_EREFUSED },
        { "indicator ghost", sim_indicator_receive(w, 9, &err), BW_ENOTFOUND },
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++)
        if (cases[i].rc != cases[i].expect)
            fail_msg("%s: returned %d, expected %d", cases[i].what, cases[i].rc, cases[i].expect);
    assert_true(sim_world_hash(w) == h);
    sim_world_destroy(w);
}

static void test_names_and_parsers_agree(void **state)
{
    (void)state;
    for (int k = 0; k < SIM_NODE_KIND_COUNT; k++)
        assert_int_equal(sim_node_kind_parse(sim_node_kind_name((sim_node_kind)k)), k);
    for (int z = 0; z < SIM_ZONE_COUNT; z++)
        assert_int_equal(sim_zone_parse(sim_zone_name((sim_zone)z)), z);
    for (int k = 0; k < SIM_LINK_KIND_COUNT; k++)
        assert_int_equal(sim_link_kind_parse(sim_link_kind_name((sim_link_kind)k)), k);
    for (int c = 0; c < SIM_CONTROL_COUNT; c++)
        assert_int_equal(sim_control_parse(sim_control_name(1u << c)), (int)(1u << c));
    for (int m = 0; m < SIM_MOTIVE_COUNT; m++)
        assert_int_equal(sim_motive_parse(sim_motive_name((sim_motive)m)), m);
    for (int a = 0; a < SIM_AREA_COUNT; a++)
        assert_int_equal(sim_area_parse(sim_area_name((sim_area)a)), a);
    for (int t = 0; t < SIM_TECHNIQUE_COUNT; t++)
        assert_int_equal(sim_technique_parse(sim_technique_name((sim_technique)t)), t);
    for (int s = 0; s < SIM_STAGE_COUNT; s++)
        assert_int_equal(sim_stage_parse(sim_stage_name((sim_stage)s)), s);
    for (int k = 0; k < SIM_ACTION_KIND_COUNT; k++)
        assert_int_equal(sim_action_parse(sim_action_name((sim_action_kind)k)), k);
    assert_int_equal(sim_technique_parse("T1195.002"), SIM_T1195);
    assert_int_equal(sim_technique_parse("T1195.02"), -1);
    assert_int_equal(sim_technique_parse("T9999"), -1);
    assert_int_equal(sim_zone_parse("moon"), -1);
    assert_int_equal(sim_control_parse(NULL), -1);
    assert_string_equal(sim_zone_name((sim_zone)99), "?");
    assert_true(sim_action_is_offensive(SIM_ACT_HACK_BACK));
    assert_false(sim_action_is_offensive(SIM_ACT_REPORT_AUTHORITIES));
    assert_true(sim_node_kind_produces_code(SIM_NODE_API));
    assert_false(sim_node_kind_produces_code(SIM_NODE_DATABASE));
}

/* "Did you mean": one typo (a wrong, missing, extra or swapped letter)
 * finds the name; short words allow one edit, and nothing far is offered. */
static void test_closest_name_forgives_one_typo(void **state)
{
    (void)state;
    const char *const teams[] = { "red", "blue", "green", NULL };
    assert_string_equal(bw_closest("rde", teams), "red"); /* swapped */
    assert_string_equal(bw_closest("re", teams), "red");
    assert_string_equal(bw_closest("bleu", teams), "blue");
    assert_string_equal(bw_closest("gren", teams), "green");
    assert_string_equal(bw_closest("greeen", teams), "green");
    assert_null(bw_closest("purple", teams));
    assert_null(bw_closest("", teams));
    const char *const cmds[] = { "check", "run", "play", "workshop", "results", NULL };
    assert_string_equal(bw_closest("wrokshop", cmds), "workshop");
    assert_string_equal(bw_closest("resluts", cmds), "results");
    assert_string_equal(bw_closest("chekc", cmds), "check");
    assert_null(bw_closest("xyz", cmds));
    /* a name cut short: a prefix of 3 letters or more of exactly one name */
    const char *const acts[] = { "patch", "pin_deps", "security_txt", "segment", "sast", NULL };
    assert_string_equal(bw_closest("pin", acts), "pin_deps");
    assert_string_equal(bw_closest("secu", acts), "security_txt");
    assert_null(bw_closest("se", acts));  /* too short to guess */
    assert_null(bw_closest("seg_", acts)); /* a prefix of none, 2 edits from nothing */
    assert_null(bw_closest("sea", (const char *const[]){ "search", "seamless", NULL })); /* two */
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_a_valid_world_holds_what_its_definition_says),
        cmocka_unit_test(test_the_base_world_of_the_bad_cases_is_itself_valid),
        cmocka_unit_test(test_bad_worlds_are_refused_with_a_reason),
        cmocka_unit_test(test_several_problems_are_all_reported_in_one_message),
        cmocka_unit_test(test_a_missing_definition_is_refused),
        cmocka_unit_test(test_getters_refuse_what_does_not_exist),
        cmocka_unit_test(test_scenario_primitives_refuse_bad_input_and_change_nothing),
        cmocka_unit_test(test_names_and_parsers_agree),
        cmocka_unit_test(test_closest_name_forgives_one_typo),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
