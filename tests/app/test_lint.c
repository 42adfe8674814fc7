/* test_lint.c — the lints of `bulwark check`: each lint's exact message
 * and line on its fixture (tests/fixtures/lint/), warnings that pass
 * without --werror and fail with it, severity in --json, a lint silenced
 * with lint.ignore, and every shipped scenario clean under --werror. Runs
 * the real binary ($BULWARK_BINARY) on files under $BULWARK_SOURCE_DIR. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <cjson/cJSON.h>
#include <dirent.h>
#include <stdbool.h>

#include "app/run.h"
#include "bulwark/text_fit.h"

static run_result r;

static const char *source(const char *rel)
{
    static char bufs[4][512];
    static int next;
    char *b = bufs[next++ % 4];
    const char *root = getenv("BULWARK_SOURCE_DIR");
    snprintf(b, sizeof bufs[0], "%s/%s", root ? root : ".", rel);
    return b;
}

static void check(const char *fixture, const char *opt)
{
    char path[600];
    snprintf(path, sizeof path, "%s", source(fixture));
    char *argv[] = { "bulwark", "check", (char *)(opt ? opt : path), opt ? path : NULL, NULL };
    assert_int_equal(run_bulwark(argv, &r), 0);
}

/* The warnings printed, as "basename:line: warning: message" lines, in order. */
static int count_warnings(const char *err)
{
    int n = 0;
    for (const char *p = err; (p = strstr(p, ": warning: ")) != NULL; p++)
        n++;
    return n;
}

typedef struct expect {
    int line;
    const char *msg;
} expect;

/* Exactly these warnings, each "file:line: warning: msg", and exit 0 with
 * the ok line; then exit 1 with --werror. */
static void expect_lints(const char *fixture, const expect *want, int n)
{
    check(fixture, NULL);
    if (r.status != 0 || count_warnings(r.err) != n)
        print_message("%s\n%s", r.out, r.err);
    assert_int_equal(r.status, 0);
    assert_int_equal(count_warnings(r.err), n);
    for (int i = 0; i < n; i++) {
        char line[800];
        snprintf(line, sizeof line, "%s:%d: warning: %s\n", source(fixture), want[i].line,
                 want[i].msg);
        if (!strstr(r.err, line))
            print_message("want: %sgot:\n%s", line, r.err);
        assert_non_null(strstr(r.err, line));
    }
    assert_non_null(strstr(r.out, ": ok ("));
    char tail[40];
    snprintf(tail, sizeof tail, " with %d warning%s\n", n, n == 1 ? "" : "s");
    assert_non_null(strstr(r.out, tail));

    check(fixture, "--werror");
    assert_int_equal(r.status, 1);
    assert_null(strstr(r.out, ": ok ("));
    assert_non_null(strstr(r.out, "failed with --werror"));
}

static void test_an_objective_nothing_offered_can_meet(void **state)
{
    (void)state;
    const expect want[] = {
        { 15, "objective 'friends' needs collaboration 60, but what this scenario offers raises "
              "it to 40 at most [unreachable-objective]" },
        { 17, "objective 'learn' needs capacity 20, but what this scenario offers raises "
              "it to 6 at most [unreachable-objective]" },
    };
    expect_lints("tests/fixtures/lint/unreachable-objective.lua", want, 2);
}

/* Capacity without training or a practice to adopt stays where the
 * defender starts; offering train lifts the ceiling. */
static void test_capacity_nothing_raises(void **state)
{
    (void)state;
    const expect want[] = {
        { 16, "objective 'grow' needs capacity 90, but what this scenario offers raises "
              "it to 15 at most [unreachable-objective]" },
    };
    expect_lints("tests/fixtures/lint/unreachable-capacity.lua", want, 1);
    check("tests/fixtures/lint/reachable-capacity.lua", "--werror");
    assert_int_equal(r.status, 0);
    assert_int_equal(count_warnings(r.err), 0);
}

/* A reports_coordinated objective with no handle_report offered: a
 * report that goes public before the end makes it impossible. */
static void test_reports_nobody_may_coordinate(void **state)
{
    (void)state;
    const expect want[] = {
        { 20, "objective 'disclose' needs every report coordinated, but 'handle_report' is not "
              "offered: report 'early' goes public by day 10 [unreachable-objective]" },
    };
    expect_lints("tests/fixtures/lint/unreachable-reports.lua", want, 1);
    check("tests/fixtures/lint/reachable-reports.lua", "--werror");
    assert_int_equal(r.status, 0);
    assert_int_equal(count_warnings(r.err), 0);
}

static void test_days_after_the_end(void **state)
{
    (void)state;
    const expect want[] = {
        { 15, "day(6) is after the scenario ends (it has 3 days) [after-end]" },
        { 20, "w:day() >= 9 is never true: the scenario ends after day 3 [after-end]" },
    };
    expect_lints("tests/fixtures/lint/after-end.lua", want, 2);
}

static void test_an_asset_no_attacker_reaches(void **state)
{
    (void)state;
    const expect want[] = {
        { 8, "node 'vault' (value 90) is out of every attacker's reach and no objective "
             "protects it: nothing puts it at stake [unreachable-asset]" },
    };
    expect_lints("tests/fixtures/lint/unreachable-asset.lua", want, 1);
}

static void test_actions_offered_that_nothing_accepts(void **state)
{
    (void)state;
    const expect want[] = {
        { 13, "action 'waf' is offered but no node accepts it (it needs an internet-facing node "
              "of ours) [action-no-target]" },
        { 14, "action 'handle_report' is offered but no report ever arrives (no reports, no "
              "w:report) [action-no-target]" },
        { 15, "action 'choose' is offered but the scripts put no decision (no w:choose) "
              "[action-no-target]" },
    };
    expect_lints("tests/fixtures/lint/action-no-target.lua", want, 3);
}

static void test_texts_longer_than_the_screen_shows(void **state)
{
    (void)state;
    char title[200], label[200], actor[200], option[200];
    const char *t = "A Title So Long That The Top Bar Of The Play Screen Cuts It";
    const char *n = "Customer self-service portal", *a = "A crew whose name runs on and on";
    snprintf(title, sizeof title,
             "title is too wide for the play screen's top bar (%d of %d px) [text-too-long]",
             bw_fit_width(t, BW_FIT_SMALL_PX), BW_FIT_TITLE_PX);
    snprintf(label, sizeof label,
             "node 'web': label \"%s\" is too wide for its box on the map (%d of %d px) "
             "[text-too-long]",
             n, bw_fit_width(n, BW_FIT_SMALL_PX), BW_FIT_NODE_LABEL_PX);
    snprintf(actor, sizeof actor,
             "actor 'crew': label \"%s\" is too wide for its tag on the map (%d of %d px) "
             "[text-too-long]",
             a, bw_fit_width(a, BW_FIT_SMALL_PX), BW_FIT_ACTOR_LABEL_PX);
    snprintf(option, sizeof option,
             "option 2 is too long for a decision's button (%d px; %d lines of %d fit) "
             "[text-too-long]",
             bw_fit_width("An option that explains every consequence of itself at such "
                                     "length, and with so many asides, that the player needs three "
                                     "lines of the dialog to read it before choosing",
                                     BW_FIT_BODY_PX),
             BW_FIT_OPTION_LINES, BW_FIT_OPTION_LINE_PX);
    /* each at the line of its text: the labels are not on their tables' lines */
    const expect want[] = { { 6, title }, { 10, label }, { 14, actor }, { 20, option } };
    expect_lints("tests/fixtures/lint/text-too-long.lua", want, 4);
}

static void test_definitions_nothing_uses(void **state)
{
    (void)state;
    const expect want[] = {
        { 5, "cwe_pool: no node of ours produces code, so no new weakness ever appears [unused]" },
        { 12, "actor 'late' becomes active at tick 216, after the scenario ends: it never acts "
              "[unused]" },
        { 13, "actor 'phisher' has no way in: none of its initial-access techniques fits a node "
              "here [unused]" },
        { 17, "costs.hack_back: 'hack_back' is not offered, so this price is never paid [unused]" },
    };
    expect_lints("tests/fixtures/lint/unused.lua", want, 4);
}

static void test_scripts_that_name_what_does_not_exist(void **state)
{
    (void)state;
    const expect want[] = {
        { 14, "w:node: no node 'dbb' (did you mean 'db'?) [unknown-id]" },
        { 14, "no node state 'compromized' (did you mean 'compromised'?): it is never true "
              "[unknown-id]" },
        { 17, "w:tally() has no counter 'offences' (did you mean 'offenses'?) [unknown-id]" },
        /* the node after a message's text (one with escapes), a new
         * weakness's node, a report's weakness, a pillar, a control: each
         * stops the game at run time; lines 21 and 23 are right */
        { 18, "w:message: no node 'dbs' (did you mean 'db'?) [unknown-id]" },
        { 19, "w:add_vuln: no node 'bd' (did you mean 'db'?) [unknown-id]" },
        { 20, "w:report: no vulnerability 'V-3' (did you mean 'V-1'?) [unknown-id]" },
        { 22, "w:adjust: no pillar 'capasity' (did you mean 'capacity'?) [unknown-id]" },
        { 22, "w:has_control: no control 'backups' (did you mean 'backup'?) [unknown-id]" },
    };
    expect_lints("tests/fixtures/lint/unknown-id.lua", want, 8);
}

static void test_a_lint_can_be_silenced_by_name(void **state)
{
    (void)state;
    check("tests/fixtures/lint/ignored.lua", "--werror");
    assert_int_equal(r.status, 0);
    assert_int_equal(count_warnings(r.err), 0);
    assert_non_null(strstr(r.out, "ignored.lua: ok (lint-ignored, 3 days, hash "));
    /* a misspelt name is an error, not a silence */
    check("tests/fixtures/lint/bad-ignore.lua", NULL);
    assert_int_equal(r.status, 1);
    char want[600];
    snprintf(want, sizeof want,
             "%s:4: error: lint.ignore: no lint 'unsued' (did you mean 'unused'?)\n",
             source("tests/fixtures/lint/bad-ignore.lua"));
    assert_non_null(strstr(r.err, want));
}

static void test_json_gives_each_lint_its_severity(void **state)
{
    (void)state;
    char path[600];
    snprintf(path, sizeof path, "%s", source("tests/fixtures/lint/unreachable-asset.lua"));
    for (int werror = 0; werror < 2; werror++) {
        char *argv[] = { "bulwark", "check", "--json", werror ? "--werror" : path,
                         werror ? path : NULL, NULL };
        assert_int_equal(run_bulwark(argv, &r), 0);
        assert_int_equal(r.status, werror ? 1 : 0);
        cJSON *all = cJSON_Parse(r.out);
        assert_non_null(all);
        const cJSON *f = cJSON_GetArrayItem(all, 0);
        assert_true(cJSON_IsBool(cJSON_GetObjectItemCaseSensitive(f, "valid")));
        assert_int_equal(cJSON_IsTrue(cJSON_GetObjectItemCaseSensitive(f, "valid")), !werror);
        const cJSON *hash = cJSON_GetObjectItemCaseSensitive(f, "hash");
        assert_true(cJSON_IsString(hash) && strlen(hash->valuestring) == 16);
        const cJSON *d = cJSON_GetArrayItem(cJSON_GetObjectItemCaseSensitive(f, "diagnostics"), 0);
        assert_non_null(d);
        assert_int_equal(cJSON_GetObjectItemCaseSensitive(d, "line")->valueint, 8);
        assert_string_equal(cJSON_GetObjectItemCaseSensitive(d, "severity")->valuestring,
                            werror ? "error" : "warning");
        assert_non_null(strstr(cJSON_GetObjectItemCaseSensitive(d, "message")->valuestring,
                               "[unreachable-asset]"));
        cJSON_Delete(all);
    }
}

/* What we ship sets the example: no scenario of ours needs a lint's
 * pardon beyond a lint.ignore that says why. */
static void test_every_shipped_scenario_passes_werror(void **state)
{
    (void)state;
    char dir[600];
    snprintf(dir, sizeof dir, "%s", source("scripts/scenarios"));
    DIR *d = opendir(dir);
    assert_non_null(d);
    int checked = 0;
    struct dirent *e;
    while ((e = readdir(d)) != NULL) {
        size_t n = strlen(e->d_name);
        if (n < 5 || strcmp(e->d_name + n - 4, ".lua") != 0 ||
            (n > 9 && strcmp(e->d_name + n - 9, ".test.lua") == 0))
            continue;
        char path[900];
        snprintf(path, sizeof path, "%s/%s", dir, e->d_name);
        char *argv[] = { "bulwark", "check", "--werror", path, NULL };
        assert_int_equal(run_bulwark(argv, &r), 0);
        if (r.status != 0)
            print_message("%s: %s", e->d_name, r.err);
        assert_int_equal(r.status, 0);
        assert_int_equal(count_warnings(r.err), 0);
        checked++;
    }
    closedir(d);
    assert_true(checked >= 10);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_an_objective_nothing_offered_can_meet),
        cmocka_unit_test(test_capacity_nothing_raises),
        cmocka_unit_test(test_reports_nobody_may_coordinate),
        cmocka_unit_test(test_days_after_the_end),
        cmocka_unit_test(test_an_asset_no_attacker_reaches),
        cmocka_unit_test(test_actions_offered_that_nothing_accepts),
        cmocka_unit_test(test_texts_longer_than_the_screen_shows),
        cmocka_unit_test(test_definitions_nothing_uses),
        cmocka_unit_test(test_scripts_that_name_what_does_not_exist),
        cmocka_unit_test(test_a_lint_can_be_silenced_by_name),
        cmocka_unit_test(test_json_gives_each_lint_its_severity),
        cmocka_unit_test(test_every_shipped_scenario_passes_werror),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
