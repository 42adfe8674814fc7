/* test_campaign_tools.c — `bulwark test`, `bulwark balance` and `bulwark
 * curriculum` as a user meets them: passing and failing scenario tests
 * with the file:line of each failure, Lua errors, endless loops stopped
 * by the sandbox, files that do not load, scenarios without tests, JSON;
 * balance figures that replay with `bulwark run`, the same whatever the
 * threads, and targets checked; the curriculum's coverage of a campaign.
 * Runs the real binary on tests/fixtures/scenario-tests/ and on small
 * campaigns written to a scratch directory. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <cjson/cJSON.h>
#include <stdbool.h>

#include "app/run.h"

static run_result r;
static char tmp[64];

static const char *const scratch_names[] = {
    "campaign.lua", "mini.lua", "lonely.lua", "crash.lua", "out.json", "a.json", "b.json", "rec.json", NULL,
};

static int make_tmp(void **state)
{
    (void)state;
    snprintf(tmp, sizeof tmp, "/tmp/bulwark-tools-XXXXXX");
    return mkdtemp(tmp) ? 0 : -1;
}

static int remove_tmp(void **state)
{
    (void)state;
    char p[128];
    for (int i = 0; scratch_names[i]; i++) {
        snprintf(p, sizeof p, "%s/%s", tmp, scratch_names[i]);
        unlink(p);
    }
    return rmdir(tmp);
}

static const char *scratch(const char *name)
{
    static char bufs[4][128];
    static int next;
    char *b = bufs[next++ % 4];
    snprintf(b, sizeof bufs[0], "%s/%s", tmp, name);
    return b;
}

/* A fixture of tests/fixtures/scenario-tests/. */
static const char *fixture(const char *rel)
{
    static char bufs[4][512];
    static int next;
    char *b = bufs[next++ % 4];
    const char *root = getenv("BULWARK_SOURCE_DIR");
    snprintf(b, sizeof bufs[0], "%s/tests/fixtures/scenario-tests/%s", root ? root : ".", rel);
    return b;
}

static void run_ok(char *const argv[])
{
    assert_int_equal(run_bulwark(argv, &r), 0);
}

static void spill(const char *p, const char *text)
{
    FILE *f = fopen(p, "wb");
    assert_non_null(f);
    fputs(text, f);
    assert_int_equal(fclose(f), 0);
}

static void copy_fixture(const char *rel, const char *to)
{
    char *text = run_slurp(fixture(rel));
    assert_non_null(text);
    spill(scratch(to), text);
    free(text);
}

static cJSON *parse(const char *text)
{
    cJSON *j = cJSON_Parse(text);
    if (!j)
        print_message("not JSON:\n%s\n", text);
    assert_non_null(j);
    return j;
}

static cJSON *read_json(const char *p)
{
    char *text = run_slurp(p);
    assert_non_null(text);
    cJSON *j = parse(text);
    free(text);
    return j;
}

static cJSON *get(const cJSON *o, const char *k)
{
    cJSON *x = cJSON_GetObjectItemCaseSensitive(o, k);
    if (!x)
        print_message("no '%s'\n", k);
    assert_non_null(x);
    return x;
}

static double num(const cJSON *o, const char *k)
{
    cJSON *x = get(o, k);
    assert_true(cJSON_IsNumber(x));
    return x->valuedouble;
}

static const char *str(const cJSON *o, const char *k)
{
    cJSON *x = get(o, k);
    assert_true(cJSON_IsString(x));
    return x->valuestring;
}

static void expect_out(const char *needle)
{
    if (!strstr(r.out, needle))
        print_message("missing in stdout: %s\n--- stdout:\n%s\n--- stderr:\n%s\n", needle, r.out, r.err);
    assert_non_null(strstr(r.out, needle));
}

static void expect_err(const char *needle)
{
    if (!strstr(r.err, needle))
        print_message("missing in stderr: %s\n--- stderr:\n%s\n", needle, r.err);
    assert_non_null(strstr(r.err, needle));
}

/* ---- bulwark test ------------------------------------------------------------------- */

static void test_passing_tests_exit_0_with_one_line_each(void **state)
{
    (void)state;
    run_ok((char *const[]){ "bulwark", "test", (char *)fixture("mini.test.lua"), NULL });
    if (r.status != 0)
        print_message("%s\n%s\n", r.out, r.err);
    assert_int_equal(r.status, 0);
    expect_out("ok   mini.test.lua: the sensible bot wins (");
    expect_out("ok   mini.test.lua: acting by hand: patch on day 1 keeps the botnet out (");
    expect_out("ok   mini.test.lua: several games in one test are independent (");
    expect_out("7 tests in 1 file: 7 passed, 0 failed");
    assert_null(strstr(r.out, "FAIL"));
}

static void test_a_scenario_file_runs_the_tests_beside_it(void **state)
{
    (void)state;
    run_ok((char *const[]){ "bulwark", "test", (char *)fixture("mini.lua"), NULL });
    assert_int_equal(r.status, 0);
    expect_out("7 tests in 1 file: 7 passed, 0 failed");
}

static void test_each_failure_is_reported_at_its_line_and_the_next_test_runs(void **state)
{
    (void)state;
    run_ok((char *const[]){ "bulwark", "test", (char *)fixture("failing.test.lua"), NULL });
    assert_int_equal(r.status, 1);
    expect_out("FAIL failing.test.lua: eq fails (");
    expect_out("failing.test.lua:7: eq: expected \"won\", got \"lost\"\n");
    expect_out("ok   failing.test.lua: passes between failures");
    expect_out("failing.test.lua:15: one is not more than two (ok: got false)\n");
    expect_out("failing.test.lua:20: attempt to index a nil value (local 't')\n");
    expect_out("failing.test.lua:24: helper broke\n");
    expect_out("failing.test.lua:29: ge: expected 1 >= 2\n");
    expect_out("failing.test.lua:33: contains: none of the 2 items contains \"gamma\"\n");
    expect_out("failing.test.lua:37: game{}: the scenario does not load: no-such-scenario.lua: cannot open");
    expect_out("failing.test.lua:41: g:run: the bot 'nobody' does not load");
    expect_out("(shipped bots: idle, sensible, random, hackback)");
    expect_out("failing.test.lua:45: game{}: unknown option 'sead' (did you mean 'seed'?)\n");
    expect_out("failing.test.lua:50: g:advance: call it on a game with a colon (g:advance(...))\n");
    expect_out("ok   failing.test.lua: the last test passes");
    expect_out("12 tests in 1 file: 2 passed, 10 failed");
}

static void test_endless_loops_stop_at_the_limits_at_their_line(void **state)
{
    (void)state;
    run_ok((char *const[]){ "bulwark", "test", (char *)fixture("loops.test.lua"), NULL });
    assert_int_equal(r.status, 1);
    expect_out("loops.test.lua:5: instruction limit exceeded");
    expect_out("loops.test.lua:11: instruction limit exceeded");
    expect_out("loops.test.lua:16: memory limit exceeded");
    expect_out("ok   loops.test.lua: after the loops");
    expect_out("4 tests in 1 file: 1 passed, 3 failed");
}

static void test_a_file_that_does_not_load_or_tests_nothing_fails(void **state)
{
    (void)state;
    run_ok((char *const[]){ "bulwark", "test", (char *)fixture("broken.test.lua"), (char *)fixture("empty.test.lua"),
                            (char *)fixture("mini.test.lua"), NULL });
    assert_int_equal(r.status, 1);
    expect_out("FAIL broken.test.lua (");
    expect_out("broken.test.lua:4: ')' expected");
    expect_out("FAIL empty.test.lua (");
    expect_out("empty.test.lua: no tests: register them with test(");
    expect_out("9 tests in 3 files: 7 passed, 2 failed");
}

static void test_a_scenario_without_tests_fails(void **state)
{
    (void)state;
    run_ok((char *const[]){ "bulwark", "test", (char *)fixture("untested"), NULL });
    assert_int_equal(r.status, 1);
    expect_out("FAIL lonely.lua: no tests file (expected ");
    expect_out("untested/lonely.test.lua)");
    expect_out("1 scenario without tests");
    expect_err("no test ran");
    run_ok((char *const[]){ "bulwark", "test", (char *)fixture("untested/lonely.lua"), (char *)fixture("mini.lua"),
                            NULL });
    assert_int_equal(r.status, 1);
    expect_out("7 passed, 0 failed; 1 scenario without tests");
}

/* A folder of an author's work holds bots and libraries beside the
 * scenario: each is skipped in one line, not failed for want of tests. */
static void test_a_folder_skips_what_is_not_a_scenario(void **state)
{
    (void)state;
    run_ok((char *const[]){ "bulwark", "test", (char *)fixture("mixed"), NULL });
    assert_int_equal(r.status, 0);
    expect_out("skip careful.lua: not a scenario (a bot or a library?), nothing to test\n");
    expect_out("skip helpers.lua: not a scenario (a bot or a library?), nothing to test\n");
    expect_out("ok   shop.test.lua: the shop opens (");
    expect_out("1 test in 1 file: 1 passed, 0 failed\n");
    assert_null(strstr(r.out, "FAIL"));
}

static void test_match_runs_only_the_named_tests(void **state)
{
    (void)state;
    run_ok((char *const[]){ "bulwark", "test", (char *)fixture("failing.test.lua"), "--match", "passes", NULL });
    assert_int_equal(r.status, 0);
    expect_out("ok   failing.test.lua: passes between failures");
    expect_out("ok   failing.test.lua: the last test passes");
    expect_out("2 tests in 1 file: 2 passed, 0 failed, 10 not matching 'passes'");
    run_ok((char *const[]){ "bulwark", "test", (char *)fixture("mini.test.lua"), "--match", "zzz", NULL });
    assert_int_equal(r.status, 1); /* nothing ran */
    expect_err("no test ran");
}

static void test_json_gives_each_test_with_its_failure(void **state)
{
    (void)state;
    run_ok((char *const[]){ "bulwark", "test", (char *)fixture("failing.test.lua"), (char *)fixture("untested/lonely.lua"),
                            "--json", (char *)scratch("out.json"), NULL });
    assert_int_equal(r.status, 1);
    expect_out("FAIL failing.test.lua: eq fails"); /* the human output still goes to stdout */
    cJSON *j = read_json(scratch("out.json"));
    assert_int_equal((int)num(j, "passed"), 2);
    assert_int_equal((int)num(j, "failed"), 10);
    assert_int_equal((int)num(j, "missing"), 1);
    assert_true(cJSON_IsFalse(get(j, "ok")));
    cJSON *files = get(j, "files");
    assert_int_equal(cJSON_GetArraySize(files), 2);
    cJSON *tests = get(cJSON_GetArrayItem(files, 0), "tests");
    assert_int_equal(cJSON_GetArraySize(tests), 12);
    cJSON *t0 = cJSON_GetArrayItem(tests, 0);
    assert_string_equal(str(t0, "name"), "eq fails");
    assert_string_equal(str(t0, "status"), "failed");
    assert_string_equal(str(t0, "kind"), "assertion");
    assert_int_equal((int)num(t0, "line"), 7);
    assert_string_equal(str(t0, "message"), "eq: expected \"won\", got \"lost\"");
    assert_non_null(strstr(str(t0, "file"), "failing.test.lua"));
    cJSON *t1 = cJSON_GetArrayItem(tests, 1);
    assert_string_equal(str(t1, "status"), "passed");
    assert_null(cJSON_GetObjectItemCaseSensitive(t1, "line"));
    assert_string_equal(str(cJSON_GetArrayItem(tests, 3), "kind"), "error");
    assert_true(cJSON_IsTrue(get(cJSON_GetArrayItem(files, 1), "missing")));
    cJSON_Delete(j);
    /* - writes the JSON alone to standard output */
    run_ok((char *const[]){ "bulwark", "test", (char *)fixture("loops.test.lua"), "--json", "-", NULL });
    assert_int_equal(r.status, 1);
    j = parse(r.out);
    tests = get(cJSON_GetArrayItem(get(j, "files"), 0), "tests");
    assert_string_equal(str(cJSON_GetArrayItem(tests, 0), "kind"), "limit");
    assert_int_equal((int)num(cJSON_GetArrayItem(tests, 0), "line"), 5);
    cJSON_Delete(j);
}

static void test_test_usage_errors_exit_2_and_missing_files_1(void **state)
{
    (void)state;
    run_ok((char *const[]){ "bulwark", "test", "--frob", NULL });
    assert_int_equal(r.status, 2);
    expect_err("unknown option '--frob'");
    run_ok((char *const[]){ "bulwark", "test", "--json", NULL });
    assert_int_equal(r.status, 2);
    run_ok((char *const[]){ "bulwark", "test", "--help", NULL });
    assert_int_equal(r.status, 0);
    expect_out("usage: bulwark test");
    expect_out("g:advance_to_day");
    run_ok((char *const[]){ "bulwark", "test", (char *)fixture("nothing.test.lua"), NULL });
    assert_int_equal(r.status, 1);
    expect_err("nothing.test.lua: no such file");
    run_ok((char *const[]){ "bulwark", "test", "log4shel", NULL });
    assert_int_equal(r.status, 1);
    expect_err("did you mean 'log4shell'?");
}

/* ---- bulwark balance --------------------------------------------------------------------- */

static const cJSON *bot_of(const cJSON *scenario, const char *bot)
{
    const cJSON *b;
    cJSON_ArrayForEach(b, get(scenario, "bots"))
        if (strcmp(str(b, "bot"), bot) == 0)
            return b;
    fail_msg("no bot %s", bot);
    return NULL;
}

static void test_balance_plays_every_bot_and_checks_the_targets(void **state)
{
    (void)state;
    run_ok((char *const[]){ "bulwark", "balance", (char *)fixture("mini.lua"), "--runs", "6", "--json", "-", "--check", NULL });
    if (r.status != 0)
        print_message("%s\n", r.err);
    assert_int_equal(r.status, 0);
    cJSON *j = parse(r.out);
    assert_int_equal((int)num(j, "runs"), 6);
    assert_true(cJSON_IsTrue(get(j, "targets_met")));
    cJSON *s = cJSON_GetArrayItem(get(j, "scenarios"), 0);
    assert_string_equal(str(s, "id"), "mini");
    assert_string_equal(str(s, "title"), "Mini Shop");
    assert_true(cJSON_IsTrue(get(s, "offensive_option")));
    assert_int_equal(cJSON_GetArraySize(get(s, "bots")), 4);
    const cJSON *sensible = bot_of(s, "sensible"), *idle = bot_of(s, "idle"), *hb = bot_of(s, "hackback");
    assert_int_equal((int)num(sensible, "wins"), 6);
    assert_true(num(sensible, "win_rate") == 1.0);
    assert_int_equal((int)num(idle, "wins"), 0);
    assert_int_equal((int)num(idle, "runs"), 6);
    assert_true(num(sensible, "stars_mean") >= 1.0);
    assert_true(num(idle, "stars_mean") == 0.0);
    assert_true(num(get(hb, "pillars_mean"), "responsibility") <
                num(get(sensible, "pillars_mean"), "responsibility"));
    assert_int_equal(cJSON_GetArraySize(get(s, "targets")), 4);
    cJSON_Delete(j);
}

/* Game n of a bot is `bulwark run --seed n --player bot`: the figures are
 * the runs' own. */
static void test_balance_figures_are_those_of_bulwark_run(void **state)
{
    (void)state;
    int wins = 0;
    double protection = 0;
    for (int seed = 1; seed <= 4; seed++) {
        char s[8];
        snprintf(s, sizeof s, "%d", seed);
        run_ok((char *const[]){ "bulwark", "run", "log4shell", "--seed", s, "--player", "random", "--quiet",
                                "--json", (char *)scratch("rec.json"), NULL });
        assert_int_equal(r.status, 0);
        cJSON *rec = read_json(scratch("rec.json"));
        wins += strcmp(str(rec, "outcome"), "won") == 0;
        protection += num(get(rec, "pillars"), "protection");
        cJSON_Delete(rec);
    }
    run_ok((char *const[]){ "bulwark", "balance", "log4shell", "--runs", "4", "--bots", "random", "--json",
                            (char *)scratch("a.json"), NULL });
    assert_int_equal(r.status, 0);
    expect_out("log4shell — Holiday Lookup: 4 seeds per bot");
    cJSON *j = read_json(scratch("a.json"));
    const cJSON *b = bot_of(cJSON_GetArrayItem(get(j, "scenarios"), 0), "random");
    assert_int_equal((int)num(b, "wins"), wins);
    assert_true(num(get(b, "pillars_mean"), "protection") == protection / 4);
    cJSON_Delete(j);
}

static void test_balance_is_the_same_whatever_the_threads(void **state)
{
    (void)state;
    run_ok((char *const[]){ "bulwark", "balance", "log4shell", (char *)fixture("mini.lua"), "--runs", "5", "--jobs", "1",
                            "--json", (char *)scratch("a.json"), NULL });
    assert_int_equal(r.status, 0);
    run_ok((char *const[]){ "bulwark", "balance", "log4shell", (char *)fixture("mini.lua"), "--runs", "5", "--jobs", "3",
                            "--json", (char *)scratch("b.json"), NULL });
    assert_int_equal(r.status, 0);
    char *a = run_slurp(scratch("a.json")), *b = run_slurp(scratch("b.json"));
    assert_non_null(a);
    assert_non_null(b);
    assert_string_equal(a, b);
    free(a);
    free(b);
}

static void test_balance_markdown_is_a_table_with_the_targets(void **state)
{
    (void)state;
    run_ok((char *const[]){ "bulwark", "balance", (char *)fixture("mini.lua"), "--runs", "4", "--bots", "idle,sensible",
                            "--markdown", NULL });
    assert_int_equal(r.status, 0);
    expect_out("| scenario | bot | wins | win % | stars | protection | responsibility | capacity | collaboration |\n"
               "|---|---|---:|---:|---:|---:|---:|---:|---:|\n"
               "| mini | idle | 0/4 | 0.0 | 0.00 |");
    expect_out("\n|  | sensible | 4/4 | 100.0 |");
    expect_out("| mini | met (100.0 %) | met (0.0 %) | not measured | not measured |");
}

static void test_a_missed_target_fails_the_check_and_is_named(void **state)
{
    (void)state;
    /* lonely has no objectives: every bot wins, idle too */
    run_ok((char *const[]){ "bulwark", "balance", (char *)fixture("untested/lonely.lua"), "--runs", "3", "--bots",
                            "idle,sensible", NULL });
    assert_int_equal(r.status, 0);
    expect_out("MISS idle wins <= 10 % (100.0 %)");
    expect_out("--   no offensive option");
    run_ok((char *const[]){ "bulwark", "balance", (char *)fixture("untested/lonely.lua"), "--runs", "3", "--bots",
                            "idle,sensible", "--check", NULL });
    assert_int_equal(r.status, 1);
    expect_err("lonely misses its target: idle wins <= 10 % (100.0 %)");
}

static void write_campaign(const char *entries)
{
    char text[1024];
    snprintf(text, sizeof text, "return { title = \"Test campaign\", scenarios = { %s } }\n", entries);
    spill(scratch("campaign.lua"), text);
}

static void test_balance_all_skips_the_tutorial_and_checks_ids(void **state)
{
    (void)state;
    copy_fixture("mini.lua", "mini.lua");
    copy_fixture("untested/lonely.lua", "lonely.lua");
    write_campaign("{ id = 'lonely', file = 'lonely.lua', tutorial = true }, { id = 'mini', file = 'mini.lua' }");
    run_ok((char *const[]){ "bulwark", "balance", "--all", "--campaign", (char *)scratch("campaign.lua"), "--runs", "2",
                            "--json", "-", NULL });
    assert_int_equal(r.status, 0);
    cJSON *j = parse(r.out);
    assert_int_equal(cJSON_GetArraySize(get(j, "scenarios")), 1);
    assert_string_equal(str(cJSON_GetArrayItem(get(j, "scenarios"), 0), "id"), "mini");
    cJSON_Delete(j);
    write_campaign("{ id = 'other', file = 'mini.lua' }");
    run_ok((char *const[]){ "bulwark", "balance", "--all", "--campaign", (char *)scratch("campaign.lua"), "--runs", "2",
                            NULL });
    assert_int_equal(r.status, 1);
    expect_err("has id 'mini' but the campaign lists it as 'other'");
    write_campaign("{ id = 'mini', file = 'mini.lua' }, { id = 'gone', file = 'gone.lua' }");
    run_ok((char *const[]){ "bulwark", "balance", "--all", "--campaign", (char *)scratch("campaign.lua"), "--runs", "2",
                            NULL });
    assert_int_equal(r.status, 1);
    expect_err("gone.lua does not load");
    expect_out("mini — Mini Shop: 2 seeds per bot"); /* the rest is still measured */
}

static void test_games_that_fail_fail_the_balance(void **state)
{
    (void)state;
    char *text = run_slurp(fixture("mini.lua"));
    assert_non_null(text);
    char *at = strstr(text, "  events = {\n");
    assert_non_null(at);
    FILE *f = fopen(scratch("crash.lua"), "wb");
    assert_non_null(f);
    fwrite(text, 1, (size_t)(at - text), f);
    fputs("  events = {\n    event { id = \"boom\", at = 30, run = function(w) error(\"boom\") end },\n", f);
    fputs(at + strlen("  events = {\n"), f);
    assert_int_equal(fclose(f), 0);
    free(text);
    run_ok((char *const[]){ "bulwark", "balance", (char *)scratch("crash.lua"), "--runs", "2", "--bots", "idle", NULL });
    assert_int_equal(r.status, 1);
    expect_err("mini with idle: 2 games failed; the first: seed 1: ");
    expect_err("crash.lua:");
    expect_err("boom");
}

static void test_balance_usage_errors_exit_2(void **state)
{
    (void)state;
    char *const cases[][6] = {
        { "bulwark", "balance", NULL },
        { "bulwark", "balance", "log4shell", "--runs", "0", NULL },
        { "bulwark", "balance", "log4shell", "--bots", "idle,smart", NULL },
        { "bulwark", "balance", "log4shell", "--bots", "idle,idle", NULL },
        { "bulwark", "balance", "log4shell", "--all", NULL },
        { "bulwark", "balance", "log4shell", "--frob", NULL },
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        run_ok(cases[i]);
        assert_int_equal(r.status, 2);
    }
    run_ok((char *const[]){ "bulwark", "balance", "log4shell", "--bots", "idle,smart", NULL });
    expect_err("the shipped bots are:");
    run_ok((char *const[]){ "bulwark", "balance", "--help", NULL });
    assert_int_equal(r.status, 0);
    expect_out("--all");
}

/* ---- bulwark curriculum --------------------------------------------------------------------- */

static void test_curriculum_lists_ids_by_scenario_with_titles_and_coverage(void **state)
{
    (void)state;
    copy_fixture("mini.lua", "mini.lua");
    copy_fixture("untested/lonely.lua", "lonely.lua");
    write_campaign("{ id = 'lonely', file = 'lonely.lua', tutorial = true }, { id = 'mini', file = 'mini.lua' }");
    run_ok((char *const[]){ "bulwark", "curriculum", "--campaign", (char *)scratch("campaign.lua"), NULL });
    assert_int_equal(r.status, 0);
    expect_out("Test campaign: what each scenario teaches");
    expect_out("  lonely             0     0       0     0  (tutorial)\n");
    expect_out("  mini               2     1       1     1\n");
    expect_out("Tech Accord commitments: 2 (target all 4): NOT MET");
    expect_out("  protection  Stronger defence");
    expect_out("  capacity    not taught by any scenario");
    expect_out("  CWE-79      Cross-site scripting\n");
    expect_out("  in: mini\n");
    expect_out("Coverage: NOT MET — 2 commitments, 1 SSDF practices, 1 ATT&CK techniques, 1 CWE ids");
    run_ok((char *const[]){ "bulwark", "curriculum", "--campaign", (char *)scratch("campaign.lua"), "--check", NULL });
    assert_int_equal(r.status, 1);
    expect_err("the campaign teaches 1 SSDF practices; it needs 15");
}

static void test_curriculum_json_gives_coverage_per_kind(void **state)
{
    (void)state;
    copy_fixture("mini.lua", "mini.lua");
    write_campaign("{ id = 'mini', file = 'mini.lua' }");
    run_ok((char *const[]){ "bulwark", "curriculum", "--campaign", (char *)scratch("campaign.lua"), "--json", NULL });
    assert_int_equal(r.status, 0);
    cJSON *j = parse(r.out);
    assert_string_equal(str(j, "campaign"), "Test campaign");
    assert_true(cJSON_IsFalse(get(j, "met")));
    cJSON *cwe = get(get(j, "coverage"), "cwe");
    assert_int_equal((int)num(cwe, "count"), 1);
    assert_int_equal((int)num(cwe, "target"), 15);
    assert_true(cJSON_IsFalse(get(cwe, "met")));
    cJSON *id = cJSON_GetArrayItem(get(cwe, "ids"), 0);
    assert_string_equal(str(id, "id"), "79");
    assert_string_equal(str(id, "title"), "Cross-site scripting");
    assert_string_equal(cJSON_GetArrayItem(get(id, "scenarios"), 0)->valuestring, "mini");
    cJSON *accord = get(get(get(j, "scenarios")->child, "teaches"), "accord");
    assert_int_equal(cJSON_GetArraySize(accord), 2);
    cJSON_Delete(j);
}

static void test_curriculum_of_the_shipped_campaign_names_log4shell(void **state)
{
    (void)state;
    run_ok((char *const[]){ "bulwark", "curriculum", "--json", NULL });
    cJSON *j = parse(r.out);
    bool found = false;
    cJSON *s;
    cJSON_ArrayForEach(s, get(j, "scenarios"))
        if (strcmp(str(s, "id"), "log4shell") == 0) {
            found = true;
            assert_true(cJSON_IsTrue(get(s, "loaded")));
            assert_string_equal(str(s, "title"), "Holiday Lookup");
            bool pw4 = false;
            cJSON *x;
            cJSON_ArrayForEach(x, get(get(s, "teaches"), "ssdf"))
                pw4 = pw4 || strcmp(x->valuestring, "PW.4") == 0;
            assert_true(pw4);
        }
    assert_true(found);
    cJSON_Delete(j);
}

static void test_curriculum_errors(void **state)
{
    (void)state;
    run_ok((char *const[]){ "bulwark", "curriculum", "extra", NULL });
    assert_int_equal(r.status, 2);
    run_ok((char *const[]){ "bulwark", "curriculum", "--campaign", (char *)scratch("none.lua"), NULL });
    assert_int_equal(r.status, 1);
    expect_err("none.lua");
    write_campaign("{ id = 'x', file = '../x.lua' }");
    run_ok((char *const[]){ "bulwark", "curriculum", "--campaign", (char *)scratch("campaign.lua"), NULL });
    assert_int_equal(r.status, 1);
    expect_err("goes up a directory");
}

static void test_help_lists_the_campaign_commands(void **state)
{
    (void)state;
    run_ok((char *const[]){ "bulwark", "--help", NULL });
    assert_int_equal(r.status, 0);
    expect_out("  test ");
    expect_out("  balance ");
    expect_out("  curriculum ");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_passing_tests_exit_0_with_one_line_each),
        cmocka_unit_test(test_a_scenario_file_runs_the_tests_beside_it),
        cmocka_unit_test(test_each_failure_is_reported_at_its_line_and_the_next_test_runs),
        cmocka_unit_test(test_endless_loops_stop_at_the_limits_at_their_line),
        cmocka_unit_test(test_a_file_that_does_not_load_or_tests_nothing_fails),
        cmocka_unit_test(test_a_scenario_without_tests_fails),
        cmocka_unit_test(test_a_folder_skips_what_is_not_a_scenario),
        cmocka_unit_test(test_match_runs_only_the_named_tests),
        cmocka_unit_test(test_json_gives_each_test_with_its_failure),
        cmocka_unit_test(test_test_usage_errors_exit_2_and_missing_files_1),
        cmocka_unit_test(test_balance_plays_every_bot_and_checks_the_targets),
        cmocka_unit_test(test_balance_figures_are_those_of_bulwark_run),
        cmocka_unit_test(test_balance_is_the_same_whatever_the_threads),
        cmocka_unit_test(test_balance_markdown_is_a_table_with_the_targets),
        cmocka_unit_test(test_a_missed_target_fails_the_check_and_is_named),
        cmocka_unit_test(test_balance_all_skips_the_tutorial_and_checks_ids),
        cmocka_unit_test(test_games_that_fail_fail_the_balance),
        cmocka_unit_test(test_balance_usage_errors_exit_2),
        cmocka_unit_test(test_curriculum_lists_ids_by_scenario_with_titles_and_coverage),
        cmocka_unit_test(test_curriculum_json_gives_coverage_per_kind),
        cmocka_unit_test(test_curriculum_of_the_shipped_campaign_names_log4shell),
        cmocka_unit_test(test_curriculum_errors),
        cmocka_unit_test(test_help_lists_the_campaign_commands),
    };
    return cmocka_run_group_tests(tests, make_tmp, remove_tmp);
}
