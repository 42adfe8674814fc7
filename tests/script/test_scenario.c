/* test_scenario.c — loading, validating and running scenarios through
 * script_scenario_load, against the library (no binary).
 *
 * The validation table holds one small scenario per class of mistake, each
 * with the line a diagnostic must name and the text it must hold; every
 * row runs as its own test, named as a sentence. The rest: a valid scenario
 * builds the world it declares, replays bit for bit, reports runtime
 * errors and limits with file:line, keeps the Lua stack balanced, and logs
 * exactly the actions the simulation accepted. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "bulwark/script.h"

static char dir[64];      /* one temporary directory for the whole run */
static char path[128];    /* the file the current case wrote */

static int make_dir(void **state)
{
    (void)state;
    snprintf(dir, sizeof dir, "/tmp/bulwark-scenario-XXXXXX");
    return mkdtemp(dir) ? 0 : -1;
}

static int remove_dir(void **state)
{
    (void)state;
    unlink(path);
    return rmdir(dir);
}

static const char *write_source(const char *src)
{
    snprintf(path, sizeof path, "%s/case.lua", dir);
    FILE *f = fopen(path, "wb");
    assert_non_null(f);
    assert_int_equal(fwrite(src, 1, strlen(src), f), strlen(src));
    assert_int_equal(fclose(f), 0);
    return path;
}

static const char *fixture(const char *name)
{
    static char buf[512];
    const char *root = getenv("BULWARK_SOURCE_DIR");
    snprintf(buf, sizeof buf, "%s/tests/fixtures/scenarios/%s", root ? root : ".", name);
    return buf;
}

static void print_diags(const script_diags *d)
{
    for (int i = 0; i < d->count; i++)
        print_message("  %s:%d: %s: %s\n", d->items[i].file, d->items[i].line,
                      d->items[i].warning ? "warning" : "error", d->items[i].msg);
}

static bool has_diag(const script_diags *d, int line, const char *text)
{
    for (int i = 0; i < d->count; i++)
        if (!d->items[i].warning && d->items[i].line == line && strstr(d->items[i].msg, text))
            return true;
    return false;
}

/* Load src from a file; the caller destroys the scenario and frees d. */
static script_scenario *load_source(const char *src, const script_options *opt, script_diags *d,
                                    bw_err *e)
{
    script_diags_init(d);
    return script_scenario_load(write_source(src), opt, d, e);
}

/* CPU seconds this process spent since t0 (CLOCK_PROCESS_CPUTIME_ID). */
static double seconds_since(const struct timespec *t0)
{
    struct timespec t1;
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t1); /* CPU time: a busy machine must not fail the test */
    return (double)(t1.tv_sec - t0->tv_sec) + (double)(t1.tv_nsec - t0->tv_nsec) / 1e9;
}

/* ---- validation: one row per class of mistake ----------------------------- */

/* Lines 1..6 of most cases; a case's own lines start at 7. */
#define OPEN "return scenario {\n"                                         /* 1 */
#define HEAD "  id = \"t\", title = \"Test\", days = 2,\n"                 /* 2 */
#define NODES                                                              \
    "  nodes = {\n"                                               /* 3 */  \
    "    node { id = \"web\", kind = \"web\", zone = \"dmz\" },\n" /* 4 */ \
    "    node { id = \"db\", kind = \"database\" },\n"            /* 5 */  \
    "  },\n"                                                      /* 6 */
#define CLOSE "}\n"
/* A node carrying one vulnerability written on line 5. */
#define VULN_NODE(fields)                                                  \
    "  nodes = {\n"                                               /* 3 */  \
    "    node { id = \"web\", kind = \"web\",\n"                  /* 4 */  \
    "           vulns = { vuln { id = \"V-1\", " fields " } } },\n" /* 5 */ \
    "  },\n"                                                      /* 6 */

typedef struct bad_case {
    const char *name;
    const char *src;
    int line;          /* the line a diagnostic names (0: none can) */
    const char *text;  /* what that diagnostic says */
} bad_case;

static const bad_case bad_cases[] = {
    { "a_syntax_error_names_the_line_of_the_error",
      "return scenario {\n"
      "  id = \"t\",\n"
      "  title = \"T\" days = 2,\n" /* 3 */
      "}\n",
      3, "'}' expected" },
    { "an_unclosed_function_names_the_line_where_lua_gave_up",
      OPEN HEAD NODES
      "  on_start = function(w)\n"
      "    w:message(\"x\")\n"
      "}\n", /* 9 */
      9, "unexpected symbol near '}'" },
    { "a_scenario_returning_a_string_is_refused",
      "local x = 1\n"
      "return \"scenario\"\n",
      0, "the scenario must return a table" },
    { "a_scenario_returning_nothing_is_refused",
      "scenario { id = \"t\", title = \"T\", days = 1 }\n",
      0, "must return a table (scenario { ... }), not nil" },
    { "a_missing_id_is_an_error",
      OPEN "  title = \"Test\", days = 2,\n" NODES CLOSE,
      1, "scenario: missing 'id'" },
    { "a_missing_title_is_an_error",
      OPEN "  id = \"t\", days = 2,\n" NODES CLOSE,
      1, "scenario: missing 'title'" },
    { "missing_days_is_an_error",
      OPEN "  id = \"t\", title = \"Test\",\n" NODES CLOSE,
      1, "scenario: missing 'days'" },
    { "days_beyond_a_year_name_their_line_and_range",
      OPEN "  id = \"t\", title = \"Test\",\n" NODES
      "  days = 400,\n" /* 7 */
      CLOSE,
      7, "'days' is 400; it must be within 1..365" },
    { "a_misspelt_top_level_key_suggests_the_right_one",
      OPEN HEAD NODES
      "  tittle = \"Oops\",\n" /* 7 */
      CLOSE,
      7, "scenario: unknown field 'tittle' (did you mean 'title'?)" },
    { "a_misspelt_node_field_suggests_the_right_one",
      OPEN HEAD
      "  nodes = {\n"
      "    node { id = \"web\", kind = \"web\", lable = \"Shop\" },\n" /* 4 */
      "  },\n" CLOSE,
      4, "node 1 ('web'): unknown field 'lable' (did you mean 'label'?)" },
    { "a_misspelt_node_kind_suggests_the_right_one",
      OPEN HEAD
      "  nodes = {\n"
      "    node { id = \"db\", kind = \"databse\" },\n" /* 4 */
      "  },\n" CLOSE,
      4, "unknown kind 'databse' (did you mean 'database'?)" },
    { "an_unknown_zone_lists_the_zones",
      OPEN HEAD
      "  nodes = {\n"
      "    node { id = \"web\", kind = \"web\", zone = \"moon\" },\n" /* 4 */
      "  },\n" CLOSE,
      4, "unknown zone 'moon' (one of: internet, dmz, internal, build, partner)" },
    { "a_node_value_out_of_range_names_the_range",
      OPEN HEAD
      "  nodes = {\n"
      "    node { id = \"web\", kind = \"web\", value = 5000 },\n" /* 4 */
      "  },\n" CLOSE,
      4, "'value' is 5000; it must be within 0..1000" },
    { "users_of_the_wrong_type_name_the_type",
      OPEN HEAD
      "  nodes = {\n"
      "    node { id = \"web\", kind = \"web\", users = \"many\" },\n" /* 4 */
      "  },\n" CLOSE,
      4, "'users' must be a number, not a string" },
    { "a_duplicate_node_id_names_both_lines",
      OPEN HEAD
      "  nodes = {\n"
      "    node { id = \"web\", kind = \"web\" },\n" /* 4 */
      "    node { id = \"db\", kind = \"database\" },\n"
      "    node { id = \"web\", kind = \"api\" },\n" /* 6 */
      "  },\n" CLOSE,
      6, "duplicate node id 'web' (first defined on line 4)" },
    { "a_link_to_an_unknown_node_suggests_a_known_one",
      OPEN HEAD NODES
      "  links = {\n"
      "    link { \"web\", \"dbb\" },\n" /* 8 */
      "  },\n" CLOSE,
      8, "unknown node 'dbb' in link 1 (did you mean 'db'?)" },
    { "a_link_from_a_node_to_itself_is_an_error",
      OPEN HEAD NODES
      "  links = {\n"
      "    link { \"web\", \"web\" },\n" /* 8 */
      "  },\n" CLOSE,
      8, "link 1: node 'web' links to itself" },
    { "an_unknown_link_kind_is_an_error",
      OPEN HEAD NODES
      "  links = {\n"
      "    link { \"web\", \"db\", \"wifi\" },\n" /* 8 */
      "  },\n" CLOSE,
      8, "unknown link kind 'wifi'" },
    { "a_severity_above_ten_is_out_of_range",
      OPEN HEAD VULN_NODE("cwe = 79, severity = 11") CLOSE,
      5, "vulnerability 'V-1': 'severity' is 11; it must be within 0..10" },
    { "a_cwe_that_is_not_a_number_is_an_error",
      OPEN HEAD VULN_NODE("cwe = \"sql\", severity = 5") CLOSE,
      5, "vulnerability 'V-1': 'cwe' must be a number, not a string" },
    { "an_unknown_actor_motive_lists_the_motives",
      OPEN HEAD NODES
      "  actors = {\n"
      "    actor { id = \"crew\", motive = \"fame\", uses = { \"T1190\" } },\n" /* 8 */
      "  },\n" CLOSE,
      8, "actor 1 ('crew'): unknown motive 'fame' (one of: money, espionage, ideology, thrill)" },
    { "an_unknown_attack_technique_is_an_error",
      OPEN HEAD NODES
      "  actors = {\n"
      "    actor { id = \"crew\", motive = \"money\", uses = { \"T9999\" } },\n" /* 8 */
      "  },\n" CLOSE,
      8, "unknown technique 'T9999'" },
    { "an_actor_without_techniques_is_an_error",
      OPEN HEAD NODES
      "  actors = {\n"
      "    actor { id = \"crew\", motive = \"money\", uses = {} },\n" /* 8 */
      "  },\n" CLOSE,
      8, "'uses' must list at least one ATT&CK technique" },
    { "a_report_of_an_unknown_vulnerability_suggests_a_known_one",
      OPEN HEAD VULN_NODE("cwe = 79, severity = 5")
      "  reports = {\n"
      "    report { id = \"r1\", vuln = \"V-2\", at = 5 },\n" /* 8 */
      "  },\n" CLOSE,
      8, "unknown vulnerability 'V-2' in report 'r1' (did you mean 'V-1'?)" },
    { "an_event_after_the_scenario_ends_is_an_error",
      OPEN HEAD NODES
      "  events = {\n"
      "    event { id = \"late\", at = day(5), run = function(w) end },\n" /* 8 */
      "  },\n" CLOSE,
      8, "is after the scenario ends (day 2)" },
    { "an_event_without_a_run_function_is_an_error",
      OPEN HEAD NODES
      "  events = {\n"
      "    event { id = \"empty\", at = 3 },\n" /* 8 */
      "  },\n" CLOSE,
      8, "event 1 ('empty'): missing 'run' function" },
    { "an_unknown_objective_kind_suggests_the_right_one",
      OPEN HEAD NODES
      "  objectives = {\n"
      "    objective { id = \"keep\", text = \"Keep\", kind = \"protekt\", node = \"db\" },\n"
      "  },\n" CLOSE,
      8, "unknown kind 'protekt' (did you mean 'protect'?)" },
    { "an_objective_on_an_unknown_node_suggests_a_known_one",
      OPEN HEAD NODES
      "  objectives = {\n"
      "    objective { id = \"keep\", text = \"Keep\", kind = \"protect\", node = \"dbb\" },\n"
      "  },\n" CLOSE,
      8, "unknown node 'dbb' in objective 'keep' (did you mean 'db'?)" },
    { "an_objective_on_an_unknown_pillar_suggests_the_right_one",
      OPEN HEAD NODES
      "  objectives = {\n"
      "    objective { id = \"p\", text = \"P\", kind = \"pillar\", pillar = \"protecton\",\n"
      "                min = 50 },\n"
      "  },\n" CLOSE,
      8, "unknown pillar 'protecton' (did you mean 'protection'?)" },
    { "teaching_an_id_missing_from_the_catalogue_is_an_error",
      OPEN HEAD NODES
      "  teaches = { ssdf = { \"XX.9\" } },\n" /* 7 */
      CLOSE,
      7, "teaches.ssdf: 'XX.9' is not in the curriculum catalogue" },
    { "an_unknown_action_in_the_actions_list_is_an_error",
      OPEN HEAD NODES
      "  actions = { \"patch\", \"nuke\" },\n" /* 7 */
      CLOSE,
      7, "unknown action 'nuke'" },
    { "an_action_cut_short_suggests_the_one_it_begins",
      OPEN HEAD NODES
      "  actions = { \"patch\", \"pin\" },\n" /* 7 */
      CLOSE,
      7, "actions: unknown action 'pin' (did you mean 'pin_deps'?)" },
    { "costs_for_an_unknown_action_are_an_error",
      OPEN HEAD NODES
      "  costs = { nuke = { money = 3 } },\n" /* 7 */
      CLOSE,
      7, "costs: unknown field 'nuke'" },
};
#define BAD_CASE_COUNT (sizeof bad_cases / sizeof bad_cases[0])

static void run_bad_case(void **state)
{
    const bad_case *c = *state;
    script_diags d;
    bw_err e;
    script_scenario *s = load_source(c->src, NULL, &d, &e);
    bool found = has_diag(&d, c->line, c->text);
    if (s != NULL || d.errors == 0 || !found) {
        print_message("case %s: expected line %d: %s\n", c->name, c->line, c->text);
        print_diags(&d);
    }
    assert_null(s);
    assert_true(d.errors > 0);
    assert_true(found);
    assert_true(e.code < 0);
    script_diags_free(&d);
}

static void test_every_mistake_in_a_file_is_reported_at_once(void **state)
{
    (void)state;
    static const char src[] =
        OPEN HEAD
        "  tittle = \"Oops\",\n" /* 3 */
        "  nodes = {\n"
        "    node { id = \"web\", kind = \"web\" },\n"
        "    node { id = \"db\", kind = \"databse\" },\n" /* 6 */
        "  },\n"
        "  links = { link { \"web\", \"dbb\" } },\n" /* 8 */
        "  actors = { actor { id = \"crew\", motive = \"fame\", uses = { \"T1190\" } } },\n"
        "  objectives = { objective { id = \"p\", text = \"P\", kind = \"pillar\",\n" /* 10 */
        "                             pillar = \"protecton\", min = 5 } },\n"
        CLOSE;
    script_diags d;
    bw_err e;
    script_scenario *s = load_source(src, NULL, &d, &e);
    if (d.errors != 5)
        print_diags(&d);
    assert_null(s);
    assert_int_equal(d.errors, 5);
    assert_true(has_diag(&d, 3, "unknown field 'tittle'"));
    assert_true(has_diag(&d, 6, "unknown kind 'databse'"));
    assert_true(has_diag(&d, 8, "unknown node 'dbb'"));
    assert_true(has_diag(&d, 9, "unknown motive 'fame'"));
    assert_true(has_diag(&d, 10, "unknown pillar 'protecton'"));
    assert_non_null(strstr(e.msg, "5 errors"));
    script_diags_free(&d);
}

/* Like a compiler: a hundred problems, then a stop that says so, in a
 * fraction of the time a hundred thousand would take. */
static void test_a_file_with_endless_problems_stops_at_the_first_hundred(void **state)
{
    (void)state;
    static const char src[] =
        "local nodes = {}\n"
        "for i = 1, 100000 do nodes[i] = { id = 'n' .. i, kidn = 'web' } end\n"
        "return scenario { id = 't', title = 'T', days = 1, nodes = nodes }\n";
    script_diags d;
    bw_err e;
    struct timespec t0;
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t0);
    script_scenario *s = load_source(src, NULL, &d, &e);
    double took = seconds_since(&t0);
    assert_null(s);
    assert_int_equal(d.count, SCRIPT_DIAGS_MAX);
    assert_true(d.cut);
    assert_true(d.errors >= SCRIPT_DIAGS_MAX);
    /* plain tables: the line of the scenario table that holds them */
    assert_true(has_diag(&d, 3, "node 1 ('n1'): unknown field 'kidn' (did you mean 'kind'?)"));
    assert_false(has_diag(&d, 3, "node 1000 ('n1000')")); /* it stopped looking */
    char *text = NULL;
    size_t len = 0;
    FILE *out = open_memstream(&text, &len);
    assert_non_null(out);
    script_diags_print(&d, out);
    fclose(out);
    const char *last = strstr(text, "case.lua: too many problems: only the first 100 are shown; fix them, "
                                    "then check again\n");
    assert_non_null(last);
    assert_int_equal(strchr(last, '\n')[1], '\0'); /* the last line */
    assert_non_null(strstr(e.msg, " errors or more"));
    free(text);
    assert_true(took < 1.0);
    script_diags_free(&d);
}

/* Warnings alone never stop the reader: a file with many of them loads. */
static void test_many_warnings_are_cut_but_the_file_still_loads(void **state)
{
    (void)state;
    script_diags d;
    script_diags_init(&d);
    for (int i = 0; i < 150; i++)
        script_diags_add(&d, "w.lua", i + 1, true, "warning %d", i);
    assert_int_equal(d.count, SCRIPT_DIAGS_MAX);
    assert_int_equal(d.warnings, 150);
    assert_false(script_diags_enough(&d));
    assert_true(d.cut);
    script_diags_add(&d, "w.lua", 200, false, "an error");
    assert_int_equal(d.errors, 1);
    assert_true(script_diags_enough(&d));
    script_diags_free(&d);
    script_diags_init(&d);
    script_diags_add(&d, "w.lua", 1, false, "one error");
    assert_false(script_diags_enough(&d));
    assert_false(d.cut);
    script_diags_free(&d);
}

static void test_a_file_that_does_not_exist_is_named(void **state)
{
    (void)state;
    script_diags d;
    script_diags_init(&d);
    bw_err e;
    assert_null(script_scenario_load("/nonexistent/bulwark/nowhere.lua", NULL, &d, &e));
    assert_int_equal(e.code, BW_EIO);
    assert_int_equal(d.errors, 1);
    assert_string_equal(d.items[0].file, "/nonexistent/bulwark/nowhere.lua");
    assert_non_null(strstr(d.items[0].msg, "cannot open"));
    script_diags_free(&d);
}

static void test_a_syntax_error_in_a_deep_directory_keeps_its_line(void **state)
{
    (void)state;
    /* Lua shortens a long chunk name to "...tail"; the line must survive. */
    char deep[256];
    snprintf(deep, sizeof deep, "%s/a-directory-with-a-long-name-to-push-the-path-past-sixty", dir);
    assert_int_equal(mkdir(deep, 0700), 0);
    char file[320];
    snprintf(file, sizeof file, "%s/syntax.lua", deep);
    FILE *f = fopen(file, "wb");
    assert_non_null(f);
    fputs("return scenario {\n  id = \"t\" title = \"T\",\n}\n", f);
    fclose(f);
    script_diags d;
    script_diags_init(&d);
    bw_err e;
    assert_null(script_scenario_load(file, NULL, &d, &e));
    if (!has_diag(&d, 2, "'}' expected"))
        print_diags(&d);
    assert_true(has_diag(&d, 2, "'}' expected"));
    assert_string_equal(d.items[0].file, file);
    script_diags_free(&d);
    unlink(file);
    rmdir(deep);
}

/* ---- a valid scenario and its world ---------------------------------------- */

static script_scenario *load_small(uint64_t seed, bool seed_given)
{
    script_options opt = { 0 };
    opt.seed_given = seed_given;
    opt.seed = seed;
    script_diags d;
    script_diags_init(&d);
    bw_err e;
    script_scenario *s = script_scenario_load(fixture("small.lua"), &opt, &d, &e);
    if (!s || d.errors) {
        print_message("%s\n", e.msg);
        print_diags(&d);
    }
    assert_non_null(s);
    assert_int_equal(d.errors, 0);
    script_diags_free(&d);
    return s;
}

static int run_to_end(script_scenario *s, bw_err *e)
{
    int rc = BW_OK;
    while (rc == BW_OK && !sim_world_over(script_scenario_cworld(s)))
        rc = script_scenario_step(s, e);
    return rc;
}

static void test_a_valid_scenario_loads_with_its_header(void **state)
{
    (void)state;
    script_scenario *s = load_small(0, false);
    assert_string_equal(script_scenario_id(s), "small");
    assert_string_equal(script_scenario_title(s), "Small Office");
    assert_string_equal(script_scenario_author(s), "Bulwark tests");
    assert_non_null(strstr(script_scenario_briefing(s), "build server"));
    assert_true(script_scenario_seed(s) == 11); /* the scenario's own seed */
    assert_int_equal(sim_world_days(script_scenario_cworld(s)), 3);
    assert_true(script_scenario_hash(s) != 0);
    script_scenario_destroy(s);
}

static void test_the_world_holds_what_the_scenario_declares(void **state)
{
    (void)state;
    script_scenario *s = load_small(0, false);
    const sim_world *w = script_scenario_cworld(s);
    assert_int_equal(sim_node_count(w), 3);
    int web = sim_node_find(w, "web"), db = sim_node_find(w, "db"), ci = sim_node_find(w, "ci");
    assert_true(web >= 0 && db >= 0 && ci >= 0);
    assert_true(sim_node_find(w, "nope") < 0);
    sim_node_info n;
    assert_int_equal(sim_node_get(w, db, &n), BW_OK);
    assert_string_equal(n.label, "Orders");
    assert_int_equal(n.kind, SIM_NODE_DATABASE);
    assert_int_equal(n.zone, SIM_ZONE_INTERNAL);
    assert_int_equal(n.users, 500);
    assert_int_equal(n.value, 60);

    assert_int_equal(sim_link_count(w), 2);
    sim_link_info l;
    assert_int_equal(sim_link_get(w, 0, &l), BW_OK);
    assert_int_equal(l.from, web);
    assert_int_equal(l.to, db);
    assert_int_equal(l.kind, SIM_LINK_DATA);
    assert_int_equal(sim_link_get(w, 1, &l), BW_OK);
    assert_int_equal(l.from, ci);
    assert_int_equal(l.kind, SIM_LINK_DEPENDENCY);

    assert_int_equal(sim_vuln_count(w), 1);
    sim_vuln_info v;
    assert_int_equal(sim_vuln_get(w, sim_vuln_find(w, "V-1"), &v), BW_OK);
    assert_int_equal(v.node, web);
    assert_int_equal(v.cwe, 79);
    assert_int_equal(v.severity_tenths, 61);
    assert_true(v.known_to_defender);

    assert_int_equal(sim_actor_count(w), 1);
    sim_actor_info a;
    assert_int_equal(sim_actor_get(w, sim_actor_find(w, "crew"), &a), BW_OK);
    assert_int_equal(a.motive, SIM_MOTIVE_MONEY);
    assert_int_equal(a.skill, 2);
    assert_int_equal(a.techniques, (1u << SIM_T1190) | (1u << SIM_T1486));
    assert_int_equal(a.active_from, SIM_TICKS_PER_DAY);

    assert_int_equal(sim_report_count(w), 1);
    assert_int_equal(sim_objective_count(w), 2);
    assert_true(sim_action_offered(w, SIM_ACT_PATCH));
    assert_false(sim_action_offered(w, SIM_ACT_HACK_BACK));
    script_scenario_destroy(s);
}

static void test_the_same_scenario_and_seed_give_the_same_world_hash(void **state)
{
    (void)state;
    uint64_t hash[3];
    const uint64_t seeds[3] = { 5, 5, 6 };
    for (int i = 0; i < 3; i++) {
        script_scenario *s = load_small(seeds[i], true);
        bw_err e;
        assert_int_equal(run_to_end(s, &e), BW_OK);
        assert_int_equal(sim_world_tick(script_scenario_cworld(s)), 3 * SIM_TICKS_PER_DAY);
        hash[i] = sim_world_hash(script_scenario_cworld(s));
        script_scenario_destroy(s);
    }
    assert_true(hash[0] == hash[1]);
    assert_true(hash[0] != hash[2]); /* the seed reaches the world */
}

static void test_callbacks_run_and_the_debrief_reads_the_result(void **state)
{
    (void)state;
    script_scenario *s = load_small(5, true);
    bw_err e;
    assert_int_equal(run_to_end(s, &e), BW_OK);
    const sim_world *w = script_scenario_cworld(s);
    bool started = false, notice = false, answered = false;
    for (int i = 0; i < sim_log_count(w); i++) {
        sim_log_entry le;
        sim_log_get(w, i, &le);
        started |= strcmp(le.text, "small: started") == 0;
        notice |= strstr(le.text, "notice:") != NULL && le.tick == 6;
        answered |= strcmp(le.text, "audit answer 2") == 0; /* the default */
    }
    assert_true(started);
    assert_true(notice);
    assert_true(answered);
    const char *text = NULL;
    assert_int_equal(script_scenario_debrief(s, &text, &e), BW_OK);
    assert_true(strncmp(text, "small debrief: ", 15) == 0);
    script_scenario_destroy(s);
}

/* ---- runtime errors and limits ------------------------------------------- */

static void test_an_on_start_error_is_reported_with_file_and_line(void **state)
{
    (void)state;
    static const char src[] = OPEN HEAD NODES
                              "  on_start = function(w)\n"               /* 7 */
                              "    local function deeper() error(\"boom\") end\n" /* 8 */
                              "    deeper()\n"
                              "  end,\n" CLOSE;
    script_diags d;
    bw_err e;
    script_scenario *s = load_source(src, NULL, &d, &e);
    assert_null(s);
    assert_int_equal(e.code, BW_ESCRIPT);
    char where[160];
    snprintf(where, sizeof where, "%s:8: boom", path);
    assert_non_null(strstr(e.msg, where));
    if (!has_diag(&d, 8, "on_start: boom"))
        print_diags(&d);
    assert_true(has_diag(&d, 8, "on_start: boom"));
    script_diags_free(&d);
}

static void test_an_event_error_ends_the_game_with_file_and_line(void **state)
{
    (void)state;
    static const char src[] = OPEN HEAD NODES
                              "  events = {\n"
                              "    event { id = \"bad\", at = 3, run = function(w)\n"
                              "      local t = nil\n"
                              "      return t.field\n"                  /* 10 */
                              "    end },\n"
                              "  },\n" CLOSE;
    script_diags d;
    bw_err e;
    script_scenario *s = load_source(src, NULL, &d, &e);
    assert_non_null(s);
    script_diags_free(&d);
    int rc = BW_OK, steps = 0;
    while (rc == BW_OK && steps < 10) {
        rc = script_scenario_step(s, &e);
        steps++;
    }
    assert_int_equal(rc, BW_ESCRIPT);
    assert_int_equal(steps, 3); /* the step into tick 3 runs the event */
    char where[160];
    snprintf(where, sizeof where, "%s:10:", path);
    assert_true(strncmp(e.msg, where, strlen(where)) == 0);
    assert_non_null(strstr(e.msg, "attempt to index a nil value"));
    /* The game is over for good: later steps and actions give the same error. */
    bw_err again;
    assert_int_equal(script_scenario_step(s, &again), BW_ESCRIPT);
    assert_string_equal(again.msg, e.msg);
    sim_action_req req = { SIM_ACT_SCAN, 0, 0 };
    assert_int_equal(script_scenario_act(s, &req, &again), BW_ESCRIPT);
    assert_int_equal(script_scenario_action_count(s), 0);
    script_scenario_destroy(s);
}

static const char loop_src[] = OPEN HEAD NODES
                               "  on_tick = function(w)\n"
                               "    if w:tick() == 2 then while true do end end\n" /* 8 */
                               "  end,\n" CLOSE;

static void test_an_endless_on_tick_hits_the_limit_within_a_second(void **state)
{
    (void)state;
    script_diags d;
    bw_err e;
    script_scenario *s = load_source(loop_src, NULL, &d, &e);
    assert_non_null(s);
    script_diags_free(&d);
    struct timespec t0;
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t0);
    int rc = BW_OK;
    for (int i = 0; rc == BW_OK && i < 10; i++)
        rc = script_scenario_step(s, &e);
    double took = seconds_since(&t0);
    assert_int_equal(rc, BW_ELIMIT);
    assert_true(took < 1.0);
    char where[160];
    snprintf(where, sizeof where, "%s:8:", path);
    assert_non_null(strstr(e.msg, where));
    assert_non_null(strstr(e.msg, "instruction limit exceeded"));
    assert_true(script_sandbox_tripped(script_scenario_sandbox(s)));
    script_scenario_destroy(s);
}

static void test_limits_given_in_the_options_apply_to_the_scenario(void **state)
{
    (void)state;
    /* Only the instruction count is set: the other limits keep their
     * defaults, and this one must not be ignored. */
    script_options opt = { 0 };
    opt.limits.instructions_per_call = 20000;
    script_diags d;
    bw_err e;
    script_scenario *s = load_source(loop_src, &opt, &d, &e);
    assert_non_null(s);
    script_diags_free(&d);
    int rc = BW_OK;
    for (int i = 0; rc == BW_OK && i < 10; i++)
        rc = script_scenario_step(s, &e);
    assert_int_equal(rc, BW_ELIMIT);
    assert_non_null(strstr(e.msg, "instruction limit exceeded (20000 per call)"));
    script_scenario_destroy(s);
}

/* ---- the w object: a bad id names the closest good one ----------------------- */

typedef struct bad_id_case {
    const char *name;
    const char *call;
    const char *text;
} bad_id_case;

static const bad_id_case bad_id_cases[] = {
    { "w_node_with_a_bad_id_suggests_a_node", "w:node(\"webb\")",
      "unknown node 'webb' (did you mean 'web'?)" },
    { "w_message_on_a_bad_node_suggests_a_node", "w:message(\"hello\", \"dbx\")",
      "unknown node 'dbx' (did you mean 'db'?)" },
    { "w_vuln_with_a_bad_id_suggests_a_vulnerability", "w:vuln(\"V-2\")",
      "unknown vulnerability 'V-2' (did you mean 'V-1'?)" },
    { "w_release_fix_with_a_bad_id_suggests_a_vulnerability", "w:release_fix(\"V1\")",
      "unknown vulnerability 'V1' (did you mean 'V-1'?)" },
    { "w_actor_with_a_bad_id_suggests_an_actor", "w:actor(\"crow\")",
      "unknown actor 'crow' (did you mean 'crew'?)" },
    { "w_compromise_with_a_bad_actor_suggests_an_actor", "w:compromise(\"web\", \"crews\")",
      "unknown actor 'crews' (did you mean 'crew'?)" },
    { "w_has_control_with_a_far_off_id_names_it", "w:has_control(\"zzzzzz\", \"mfa\")",
      "unknown node 'zzzzzz'" },
};
#define BAD_ID_COUNT (sizeof bad_id_cases / sizeof bad_id_cases[0])

static void run_bad_id_case(void **state)
{
    const bad_id_case *c = *state;
    char src[1024];
    snprintf(src, sizeof src,
             OPEN HEAD
             "  nodes = {\n"
             "    node { id = \"web\", kind = \"web\",\n"
             "           vulns = { vuln { id = \"V-1\", cwe = 79, severity = 5 } } },\n"
             "    node { id = \"db\", kind = \"database\" },\n"
             "  },\n"
             "  actors = { actor { id = \"crew\", motive = \"money\", uses = { \"T1190\" } } },\n"
             "  events = { event { id = \"call\", at = 1, run = function(w)\n"
             "    %s\n" /* 10 */
             "  end } },\n" CLOSE,
             c->call);
    script_diags d;
    bw_err e;
    script_scenario *s = load_source(src, NULL, &d, &e);
    assert_non_null(s);
    script_diags_free(&d);
    int rc = BW_OK;
    for (int i = 0; rc == BW_OK && i < 3; i++)
        rc = script_scenario_step(s, &e);
    if (rc != BW_ESCRIPT || !strstr(e.msg, c->text))
        print_message("case %s: %s\n", c->name, e.msg);
    assert_int_equal(rc, BW_ESCRIPT);
    assert_non_null(strstr(e.msg, c->text));
    char where[160];
    snprintf(where, sizeof where, "%s:10:", path);
    assert_non_null(strstr(e.msg, where));
    script_scenario_destroy(s);
}

/* ---- stack discipline and the action log --------------------------------- */

static void test_steps_acts_and_the_debrief_leave_the_lua_stack_as_they_found_it(void **state)
{
    (void)state;
    script_scenario *s = load_small(5, true);
    lua_State *L = script_sandbox_lua(script_scenario_sandbox(s));
    const sim_world *w = script_scenario_cworld(s);
    int top = lua_gettop(L);
    bw_err e;
    sim_action_req patch = { SIM_ACT_PATCH, sim_node_find(w, "web"), 0 };
    assert_true(script_scenario_act(s, &patch, &e) >= 0);
    assert_int_equal(lua_gettop(L), top);
    sim_action_req refused = { SIM_ACT_HACK_BACK, 0, 0 };
    assert_true(script_scenario_act(s, &refused, &e) < 0);
    assert_int_equal(lua_gettop(L), top);
    /* Every tick runs on_tick; events, a choice and its answer, and the
     * daily objective checks run along the way. */
    while (!sim_world_over(w)) {
        assert_int_equal(script_scenario_step(s, &e), BW_OK);
        assert_int_equal(lua_gettop(L), top);
    }
    const char *text;
    assert_int_equal(script_scenario_debrief(s, &text, &e), BW_OK);
    assert_int_equal(lua_gettop(L), top);
    script_scenario_destroy(s);
}

static void test_accepted_actions_are_logged_with_their_tick(void **state)
{
    (void)state;
    script_scenario *s = load_small(5, true);
    const sim_world *w = script_scenario_cworld(s);
    bw_err e;
    sim_action_req patch = { SIM_ACT_PATCH, sim_node_find(w, "web"), 0 };
    assert_true(script_scenario_act(s, &patch, &e) >= 0);
    for (int i = 0; i < 3; i++)
        assert_int_equal(script_scenario_step(s, &e), BW_OK);
    sim_action_req scan = { SIM_ACT_SCAN, sim_node_find(w, "ci"), 0 };
    assert_true(script_scenario_act(s, &scan, &e) >= 0);
    assert_int_equal(script_scenario_action_count(s), 2);
    const script_logged_action *a = script_scenario_action_at(s, 0);
    assert_non_null(a);
    assert_int_equal(a->tick, 0);
    assert_int_equal(a->req.kind, SIM_ACT_PATCH);
    assert_int_equal(a->req.target, patch.target);
    a = script_scenario_action_at(s, 1);
    assert_int_equal(a->tick, 3);
    assert_int_equal(a->req.kind, SIM_ACT_SCAN);
    assert_null(script_scenario_action_at(s, 2));
    assert_null(script_scenario_action_at(s, -1));
    script_scenario_destroy(s);
}

static void test_refused_actions_are_not_logged(void **state)
{
    (void)state;
    script_scenario *s = load_small(5, true);
    const sim_world *w = script_scenario_cworld(s);
    int web = sim_node_find(w, "web");
    bw_err e;
    sim_action_req patch = { SIM_ACT_PATCH, web, 0 };
    assert_true(script_scenario_act(s, &patch, &e) >= 0);
    const struct {
        const char *why;
        sim_action_req req;
    } refused[] = {
        { "not offered by the scenario", { SIM_ACT_HACK_BACK, 0, 0 } },
        { "a node that does not exist", { SIM_ACT_SCAN, 99, 0 } },
        { "a negative target", { SIM_ACT_BACKUP, -1, 0 } },
        { "the same action already running there", { SIM_ACT_PATCH, web, 0 } },
        { "a choice that was never opened", { SIM_ACT_CHOOSE, 0, 0 } },
        { "no such action kind", { SIM_ACTION_KIND_COUNT, 0, 0 } },
    };
    for (size_t i = 0; i < sizeof refused / sizeof refused[0]; i++) {
        bw_err re;
        bw_err_clear(&re);
        int rc = script_scenario_act(s, &refused[i].req, &re);
        if (rc >= 0)
            print_message("accepted: %s\n", refused[i].why);
        assert_true(rc < 0);
        assert_true(re.msg[0] != '\0');
        assert_int_equal(script_scenario_action_count(s), 1);
    }
    script_scenario_destroy(s);
}

int main(void)
{
    static const struct CMUnitTest fixed[] = {
        cmocka_unit_test(test_every_mistake_in_a_file_is_reported_at_once),
        cmocka_unit_test(test_a_file_with_endless_problems_stops_at_the_first_hundred),
        cmocka_unit_test(test_many_warnings_are_cut_but_the_file_still_loads),
        cmocka_unit_test(test_a_file_that_does_not_exist_is_named),
        cmocka_unit_test(test_a_syntax_error_in_a_deep_directory_keeps_its_line),
        cmocka_unit_test(test_a_valid_scenario_loads_with_its_header),
        cmocka_unit_test(test_the_world_holds_what_the_scenario_declares),
        cmocka_unit_test(test_the_same_scenario_and_seed_give_the_same_world_hash),
        cmocka_unit_test(test_callbacks_run_and_the_debrief_reads_the_result),
        cmocka_unit_test(test_an_on_start_error_is_reported_with_file_and_line),
        cmocka_unit_test(test_an_event_error_ends_the_game_with_file_and_line),
        cmocka_unit_test(test_an_endless_on_tick_hits_the_limit_within_a_second),
        cmocka_unit_test(test_limits_given_in_the_options_apply_to_the_scenario),
        cmocka_unit_test(test_steps_acts_and_the_debrief_leave_the_lua_stack_as_they_found_it),
        cmocka_unit_test(test_accepted_actions_are_logged_with_their_tick),
        cmocka_unit_test(test_refused_actions_are_not_logged),
    };
    enum { FIXED = sizeof fixed / sizeof fixed[0] };
    /* Each table row is a test of its own, named by its row. */
    static struct CMUnitTest tests[FIXED + BAD_CASE_COUNT + BAD_ID_COUNT];
    size_t n = 0;
    for (size_t i = 0; i < BAD_CASE_COUNT; i++)
        tests[n++] = (struct CMUnitTest){ .name = bad_cases[i].name, .test_func = run_bad_case,
                                          .initial_state = (void *)&bad_cases[i] };
    for (size_t i = 0; i < BAD_ID_COUNT; i++)
        tests[n++] = (struct CMUnitTest){ .name = bad_id_cases[i].name,
                                          .test_func = run_bad_id_case,
                                          .initial_state = (void *)&bad_id_cases[i] };
    for (size_t i = 0; i < FIXED; i++)
        tests[n++] = fixed[i];
    return _cmocka_run_group_tests("scenario", tests, n, make_dir, remove_dir);
}
