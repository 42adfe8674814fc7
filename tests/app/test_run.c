/* test_run.c — `bulwark check` and `bulwark run` as a user meets them:
 * exit codes, file:line diagnostics, JSON for tools, result records that
 * replay bit for bit, records that are refused (with a reason, never a
 * crash), and the shipped bots playing the shipped scenario. Runs the real
 * binary ($BULWARK_BINARY) on files under $BULWARK_SOURCE_DIR. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <cjson/cJSON.h>
#include <stdbool.h>

#include "app/run.h"

static run_result r;
static char tmp[64];      /* this run's scratch directory */

static int make_tmp(void **state)
{
    (void)state;
    snprintf(tmp, sizeof tmp, "/tmp/bulwark-run-XXXXXX");
    return mkdtemp(tmp) ? 0 : -1;
}

static const char *const scratch_names[] = {
    "a.json", "a2.json", "b.json", "idle.json", "sensible.json", "hackback.json",
    "replay.json", "edited.json", NULL,
};

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

/* A file in the scratch directory (one of scratch_names). */
static const char *scratch(const char *name)
{
    static char bufs[4][128];
    static int next;
    char *b = bufs[next++ % 4];
    snprintf(b, sizeof bufs[0], "%s/%s", tmp, name);
    return b;
}

/* A file of the source tree. */
static const char *source(const char *rel)
{
    static char bufs[4][512];
    static int next;
    char *b = bufs[next++ % 4];
    const char *root = getenv("BULWARK_SOURCE_DIR");
    snprintf(b, sizeof bufs[0], "%s/%s", root ? root : ".", rel);
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

static cJSON *read_json(const char *p)
{
    char *text = run_slurp(p);
    assert_non_null(text);
    cJSON *j = cJSON_Parse(text);
    free(text);
    assert_non_null(j);
    return j;
}

static const char *json_str(const cJSON *o, const char *k)
{
    const cJSON *x = cJSON_GetObjectItemCaseSensitive(o, k);
    assert_true(cJSON_IsString(x));
    return x->valuestring;
}

static cJSON *actions_of(cJSON *root)
{
    return cJSON_GetObjectItemCaseSensitive(root, "actions");
}

/* Play log4shell with seed 3 and a shipped bot, writing the record. */
static void play(const char *bot, const char *out)
{
    run_ok((char *const[]){ "bulwark", "run", "log4shell", "--seed", "3", "--player", (char *)bot,
                            "--json", (char *)out, "--quiet", NULL });
    if (r.status != 0)
        print_message("%s", r.err);
    assert_int_equal(r.status, 0);
}

/* Replay a record on log4shell, without writing one. */
static void replay(const char *record)
{
    run_ok((char *const[]){ "bulwark", "run", "log4shell", "--actions", (char *)record, "--quiet",
                            NULL });
}

#define NEEDS "a record needs scenario.id, scenario.hash (16 hex digits), seed and actions"

/* ---- check ------------------------------------------------------------------ */

static void test_check_accepts_the_shipped_scenario(void **state)
{
    (void)state;
    const char *file = source("scripts/scenarios/log4shell.lua");
    run_ok((char *const[]){ "bulwark", "check", (char *)file, NULL });
    assert_int_equal(r.status, 0);
    char last[600], want[600];
    run_last_line(r.out, last, sizeof last);
    snprintf(want, sizeof want, "%s: ok (log4shell, 12 days, hash ", file);
    assert_true(strncmp(last, want, strlen(want)) == 0);
    assert_int_equal(strlen(last), strlen(want) + 17); /* 16 hex digits and ")" */
    assert_null(strstr(r.err, "error:"));
}

static void test_check_skips_the_test_files_beside_scenarios(void **state)
{
    (void)state;
    char scen[600], tests[600];
    snprintf(scen, sizeof scen, "%s", source("scripts/scenarios/log4shell.lua"));
    snprintf(tests, sizeof tests, "%s", source("scripts/scenarios/log4shell.test.lua"));
    run_ok((char *const[]){ "bulwark", "check", scen, tests, NULL });
    assert_int_equal(r.status, 0);
    assert_non_null(strstr(r.out, "log4shell.test.lua: skipped (a scenario test file"));
    assert_non_null(strstr(r.out, "log4shell.lua: ok (log4shell, 12 days, hash "));
}

static void test_check_names_the_file_and_line_of_each_problem(void **state)
{
    (void)state;
    static const struct {
        const char *file, *where, *text;
    } cases[] = {
        { "tests/fixtures/scenarios/syntax_error.lua", "syntax_error.lua:8: error: ",
          "'}' expected (to close '{' at line 3) near 'links'" },
        { "tests/fixtures/scenarios/unknown_link.lua", "unknown_link.lua:10: error: ",
          "unknown node 'dbb' in link 1 (did you mean 'db'?)" },
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        run_ok((char *const[]){ "bulwark", "check", (char *)source(cases[i].file), NULL });
        if (r.status != 1 || !strstr(r.err, cases[i].where))
            print_message("%s", r.err);
        assert_int_equal(r.status, 1);
        char line[512];
        snprintf(line, sizeof line, "%s%s", cases[i].where, cases[i].text);
        assert_non_null(strstr(r.err, line));
        assert_null(strstr(r.out, ": ok"));
    }
}

static void test_check_fails_when_any_of_several_files_fails(void **state)
{
    (void)state;
    run_ok((char *const[]){ "bulwark", "check", (char *)source("scripts/scenarios/log4shell.lua"),
                            (char *)source("tests/fixtures/scenarios/unknown_link.lua"), NULL });
    assert_int_equal(r.status, 1);
    assert_non_null(strstr(r.out, "log4shell.lua: ok"));
    assert_non_null(strstr(r.err, "unknown_link.lua:10: error:"));
}

static void test_check_json_gives_file_line_severity_and_message(void **state)
{
    (void)state;
    const char *bad = source("tests/fixtures/scenarios/unknown_link.lua");
    const char *good = source("scripts/scenarios/log4shell.lua");
    run_ok((char *const[]){ "bulwark", "check", "--json", (char *)bad, (char *)good, NULL });
    assert_int_equal(r.status, 1);
    cJSON *all = cJSON_Parse(r.out);
    assert_non_null(all);
    assert_true(cJSON_IsArray(all));
    assert_int_equal(cJSON_GetArraySize(all), 2);

    const cJSON *f = cJSON_GetArrayItem(all, 0);
    assert_string_equal(json_str(f, "file"), bad);
    assert_true(cJSON_IsFalse(cJSON_GetObjectItemCaseSensitive(f, "valid")));
    const cJSON *diags = cJSON_GetObjectItemCaseSensitive(f, "diagnostics");
    assert_true(cJSON_IsArray(diags));
    assert_int_equal(cJSON_GetArraySize(diags), 1);
    const cJSON *d = cJSON_GetArrayItem(diags, 0);
    assert_string_equal(json_str(d, "file"), bad);
    const cJSON *line = cJSON_GetObjectItemCaseSensitive(d, "line");
    assert_true(cJSON_IsNumber(line));
    assert_int_equal(line->valueint, 10);
    assert_string_equal(json_str(d, "severity"), "error");
    assert_string_equal(json_str(d, "message"),
                        "unknown node 'dbb' in link 1 (did you mean 'db'?)");

    f = cJSON_GetArrayItem(all, 1);
    assert_string_equal(json_str(f, "file"), good);
    assert_true(cJSON_IsTrue(cJSON_GetObjectItemCaseSensitive(f, "valid")));
    assert_int_equal(cJSON_GetArraySize(cJSON_GetObjectItemCaseSensitive(f, "diagnostics")), 0);
    cJSON_Delete(all);
}

/* ---- run: records and replays ------------------------------------------------ */

static void test_the_same_seed_writes_identical_records(void **state)
{
    (void)state;
    for (int i = 0; i < 2; i++) {
        run_ok((char *const[]){ "bulwark", "run", "log4shell", "--seed", "3", "--json",
                                (char *)scratch(i ? "a2.json" : "a.json"), NULL });
        assert_int_equal(r.status, 0);
        assert_non_null(strstr(r.out, "Holiday Lookup"));
    }
    char *a = run_slurp(scratch("a.json")), *b = run_slurp(scratch("a2.json"));
    assert_non_null(a);
    assert_non_null(b);
    assert_string_equal(a, b);
    cJSON *j = cJSON_Parse(a);
    assert_non_null(j);
    assert_int_equal(cJSON_GetObjectItemCaseSensitive(j, "seed")->valueint, 3);
    assert_int_equal(strlen(json_str(j, "world_hash")), 16);
    const cJSON *sc = cJSON_GetObjectItemCaseSensitive(j, "scenario");
    assert_string_equal(json_str(sc, "id"), "log4shell");
    cJSON_Delete(j);
    free(a);
    free(b);
}

static void test_replaying_a_record_reproduces_it_exactly(void **state)
{
    (void)state;
    /* A game nobody played, and one the sensible bot played. */
    run_ok((char *const[]){ "bulwark", "run", "log4shell", "--seed", "3", "--json",
                            (char *)scratch("a.json"), "--quiet", NULL });
    assert_int_equal(r.status, 0);
    play("sensible", scratch("replay.json"));
    const char *records[] = { "a.json", "replay.json" };
    for (int i = 0; i < 2; i++) {
        run_ok((char *const[]){ "bulwark", "run", "log4shell", "--actions",
                                (char *)scratch(records[i]), "--json", (char *)scratch("b.json"),
                                "--quiet", NULL });
        if (r.status != 0)
            print_message("%s", r.err);
        assert_int_equal(r.status, 0);
        cJSON *a = read_json(scratch(records[i])), *b = read_json(scratch("b.json"));
        assert_int_equal(cJSON_GetArraySize(actions_of(a)) > 0, i == 1);
        assert_string_equal(json_str(a, "world_hash"), json_str(b, "world_hash"));
        cJSON_Delete(a);
        cJSON_Delete(b);
        char *ta = run_slurp(scratch(records[i])), *tb = run_slurp(scratch("b.json"));
        assert_string_equal(ta, tb);
        free(ta);
        free(tb);
    }
}

/* Write the sensible bot's record with one edit made by mutate. */
typedef void (*mutation)(cJSON *root);

static const char *edited_record(mutation mutate)
{
    static bool have;
    if (!have) {
        play("sensible", scratch("replay.json"));
        have = true;
    }
    cJSON *root = read_json(scratch("replay.json"));
    mutate(root);
    char *text = cJSON_Print(root);
    spill(scratch("edited.json"), text);
    free(text);
    cJSON_Delete(root);
    return scratch("edited.json");
}

static void set_hash(cJSON *root)
{
    cJSON *sc = cJSON_GetObjectItemCaseSensitive(root, "scenario");
    cJSON_ReplaceItemInObjectCaseSensitive(sc, "hash", cJSON_CreateString("0123456789abcdef"));
}

static void keep(cJSON *root)
{
    (void)root;
}

static void test_a_record_of_another_scenario_is_refused_by_name(void **state)
{
    (void)state;
    const char *rec = edited_record(keep);   /* a log4shell record */
    run_ok((char *const[]){ "bulwark", "run", "mirai", "--actions", (char *)rec, "--quiet", NULL });
    assert_int_equal(r.status, 1);
    assert_non_null(strstr(r.err, "is a record of scenario 'log4shell', not of 'mirai'"));
    assert_null(strstr(r.err, "different version"));
}

static void test_a_record_of_another_scenario_version_is_refused(void **state)
{
    (void)state;
    const char *rec = edited_record(set_hash);
    replay(rec);
    assert_int_equal(r.status, 1);
    assert_non_null(strstr(r.err, "recorded with a different version of 'log4shell'"));
    assert_non_null(strstr(r.err, "scenario hash 0123456789abcdef"));
    assert_non_null(strstr(r.err, "refusing to replay"));
}

static cJSON *first_action(cJSON *root)
{
    return cJSON_GetArrayItem(actions_of(root), 0);
}
static void actions_not_a_list(cJSON *root)
{
    cJSON_ReplaceItemInObjectCaseSensitive(root, "actions", cJSON_CreateString("patch everything"));
}
static void action_without_tick(cJSON *root)
{
    cJSON_DeleteItemFromObjectCaseSensitive(first_action(root), "tick");
}
static void action_unknown(cJSON *root)
{
    cJSON *nuke = cJSON_CreateString("nuke");
    cJSON_ReplaceItemInObjectCaseSensitive(first_action(root), "action", nuke);
}
static void action_negative_tick(cJSON *root)
{
    cJSON_ReplaceItemInObjectCaseSensitive(first_action(root), "tick", cJSON_CreateNumber(-5));
}
static void action_fractional_tick(cJSON *root)
{
    cJSON_ReplaceItemInObjectCaseSensitive(first_action(root), "tick", cJSON_CreateNumber(2.5));
}
static void action_back_in_time(cJSON *root)
{
    cJSON *late = cJSON_CreateObject();
    cJSON_AddNumberToObject(late, "tick", 200);
    cJSON_AddStringToObject(late, "action", "scan");
    cJSON_AddStringToObject(late, "target", "shop");
    cJSON_InsertItemInArray(actions_of(root), 0, late);
}
static void action_target_not_a_string(cJSON *root)
{
    cJSON_ReplaceItemInObjectCaseSensitive(first_action(root), "target", cJSON_CreateNumber(3));
}
static void action_target_unknown(cJSON *root)
{
    cJSON *mainframe = cJSON_CreateString("mainframe");
    cJSON_ReplaceItemInObjectCaseSensitive(first_action(root), "target", mainframe);
}
static void action_option_out_of_range(cJSON *root)
{
    cJSON_AddNumberToObject(first_action(root), "option", 99);
}
static void action_not_an_object(cJSON *root)
{
    cJSON_ReplaceItemInArray(actions_of(root), 0, cJSON_CreateNumber(7));
}
static void format_from_the_future(cJSON *root)
{
    cJSON_ReplaceItemInObjectCaseSensitive(root, "format", cJSON_CreateNumber(99));
}
static void no_seed(cJSON *root)
{
    cJSON_DeleteItemFromObjectCaseSensitive(root, "seed");
}
static void short_hash(cJSON *root)
{
    cJSON *sc = cJSON_GetObjectItemCaseSensitive(root, "scenario");
    cJSON_ReplaceItemInObjectCaseSensitive(sc, "hash", cJSON_CreateString("abc"));
}
static void action_after_the_end(cJSON *root)
{
    cJSON *late = cJSON_CreateObject();
    cJSON_AddNumberToObject(late, "tick", 5000);
    cJSON_AddStringToObject(late, "action", "scan");
    cJSON_AddStringToObject(late, "target", "shop");
    cJSON_AddItemToArray(actions_of(root), late);
}
static void other_world_hash(cJSON *root)
{
    cJSON *hash = cJSON_CreateString("00000000deadbeef");
    cJSON_ReplaceItemInObjectCaseSensitive(root, "world_hash", hash);
}

static void no_world_hash(cJSON *root)
{
    cJSON_DeleteItemFromObjectCaseSensitive(root, "world_hash");
}
static void numeric_world_hash(cJSON *root)
{
    cJSON_ReplaceItemInObjectCaseSensitive(root, "world_hash", cJSON_CreateNumber(12345));
}
static void fractional_seed(cJSON *root)
{
    cJSON_ReplaceItemInObjectCaseSensitive(root, "seed", cJSON_CreateNumber(2021.7));
}
static void huge_seed(cJSON *root)
{
    cJSON_ReplaceItemInObjectCaseSensitive(root, "seed", cJSON_CreateNumber(1e300));
}
static void fractional_option(cJSON *root)
{
    cJSON *a = cJSON_CreateObject();
    cJSON_AddNumberToObject(a, "tick", 0);
    cJSON_AddStringToObject(a, "action", "choose");
    cJSON_AddStringToObject(a, "target", "1");
    cJSON_AddNumberToObject(a, "option", 1.9);
    cJSON_InsertItemInArray(cJSON_GetObjectItemCaseSensitive(root, "actions"), 0, a);
}

static void test_malformed_records_are_refused_without_a_crash(void **state)
{
    (void)state;
    static const struct {
        const char *why;
        mutation mutate;
        const char *says;
    } cases[] = {
        { "actions is not a list", actions_not_a_list, NEEDS },
        { "an action without a tick", action_without_tick, "action 1 needs a numeric 'tick'" },
        { "an unknown action", action_unknown, "unknown action 'nuke'" },
        { "a negative tick", action_negative_tick, "is not a tick of a game" },
        { "a fractional tick", action_fractional_tick, "is not a tick of a game" },
        { "actions out of order", action_back_in_time, "goes back in time" },
        { "a target that is not a string", action_target_not_a_string,
          "'target' must be a string" },
        { "a target the scenario lacks", action_target_unknown,
          "names an unknown target 'mainframe'" },
        { "an option out of range", action_option_out_of_range, "'option' must be 1..6" },
        { "an action that is not an object", action_not_an_object,
          "action 1 needs a numeric 'tick'" },
        { "a format from the future", format_from_the_future, "unsupported record format" },
        { "no seed", no_seed, NEEDS },
        { "a short scenario hash", short_hash, NEEDS },
        { "an action after the end", action_after_the_end, "1 action left after the game ended" },
        { "a final world hash that differs", other_world_hash, "replay diverged" },
        /* A record without its final hash could not be checked at all. */
        { "no final world hash", no_world_hash, "world_hash must be the final world hash" },
        { "a numeric final world hash", numeric_world_hash, "world_hash must be the final world hash" },
        { "a fractional seed", fractional_seed, "seed must be a whole number" },
        { "a seed beyond any integer", huge_seed, "seed must be a whole number" },
        { "a fractional option", fractional_option, "'option' must be 1..6" },
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        replay(edited_record(cases[i].mutate));
        if (r.status != 1 || !strstr(r.err, cases[i].says))
            print_message("%s: status %d: %s\n", cases[i].why, r.status, r.err);
        assert_int_equal(r.status, 1);
        assert_non_null(strstr(r.err, cases[i].says));
    }
}

static void test_truncated_and_empty_records_are_refused(void **state)
{
    (void)state;
    play("sensible", scratch("replay.json"));
    char *text = run_slurp(scratch("replay.json"));
    assert_non_null(text);
    size_t len = strlen(text);
    const size_t cuts[] = { 0, 1, len / 3, len / 2, len - 3 };
    for (size_t i = 0; i < sizeof cuts / sizeof cuts[0]; i++) {
        char *part = strndup(text, cuts[i]);
        spill(scratch("edited.json"), part);
        free(part);
        replay(scratch("edited.json"));
        if (r.status != 1)
            print_message("cut at %zu: status %d: %s\n", cuts[i], r.status, r.err);
        assert_int_equal(r.status, 1);
        assert_non_null(strstr(r.err, "edited.json: not valid JSON"));
    }
    free(text);
    replay(scratch("absent.json"));
    assert_int_equal(r.status, 1);
    assert_non_null(strstr(r.err, "absent.json: cannot open"));
}

/* ---- run: the shipped bots on the shipped scenario -------------------------- */

static int pillar(const cJSON *rec, const char *name)
{
    const cJSON *p = cJSON_GetObjectItemCaseSensitive(rec, "pillars");
    const cJSON *v = cJSON_GetObjectItemCaseSensitive(p, name);
    assert_true(cJSON_IsNumber(v));
    return v->valueint;
}

static void test_the_idle_player_loses_and_the_sensible_one_wins(void **state)
{
    (void)state;
    play("idle", scratch("idle.json"));
    play("sensible", scratch("sensible.json"));
    cJSON *idle = read_json(scratch("idle.json")), *sensible = read_json(scratch("sensible.json"));
    assert_string_equal(json_str(idle, "outcome"), "lost");
    assert_int_equal(cJSON_GetArraySize(actions_of(idle)), 0);
    assert_string_equal(json_str(sensible, "outcome"), "won");
    assert_true(pillar(sensible, "protection") > pillar(idle, "protection"));
    cJSON_Delete(idle);
    cJSON_Delete(sensible);
}

static void test_hacking_back_costs_responsibility(void **state)
{
    (void)state;
    play("sensible", scratch("sensible.json"));
    play("hackback", scratch("hackback.json"));
    cJSON *sensible = read_json(scratch("sensible.json"));
    cJSON *hackback = read_json(scratch("hackback.json"));
    assert_true(pillar(hackback, "responsibility") < pillar(sensible, "responsibility"));
    /* It took the offensive option of the scenario's choice. */
    bool offensive = false;
    const cJSON *a;
    cJSON_ArrayForEach(a, actions_of(hackback))
    {
        const cJSON *opt = cJSON_GetObjectItemCaseSensitive(a, "option");
        offensive |= strcmp(json_str(a, "action"), "choose") == 0 && cJSON_IsNumber(opt) &&
                     opt->valueint == 2;
    }
    assert_true(offensive);
    cJSON_Delete(sensible);
    cJSON_Delete(hackback);
}

/* ---- run: usage and missing files ----------------------------------------- */

static void test_usage_errors_exit_2(void **state)
{
    (void)state;
    static const struct {
        const char *why;
        char *argv[8];
        const char *says;
    } cases[] = {
        { "an unknown option", { "bulwark", "run", "--frobnicate", "log4shell", NULL },
          "unknown option '--frobnicate'" },
        { "no scenario", { "bulwark", "run", NULL }, "usage: bulwark run" },
        { "only options", { "bulwark", "run", "--quiet", "--seed", "3", NULL },
          "usage: bulwark run" },
        { "a seed without a value", { "bulwark", "run", "log4shell", "--seed", NULL },
          "--seed needs a number" },
        { "a seed that is not a number", { "bulwark", "run", "--seed", "abc", "log4shell", NULL },
          "--seed must be a whole number" },
        { "two scenarios", { "bulwark", "run", "log4shell", "log4shell", NULL },
          "one scenario at a time" },
        { "a player and a record",
          { "bulwark", "run", "log4shell", "--player", "idle", "--actions", "x.json", NULL },
          "--player and --actions exclude each other" },
        { "check without files", { "bulwark", "check", NULL }, "usage: bulwark check" },
        { "check with an unknown option", { "bulwark", "check", "--strict", "x.lua", NULL },
          "unknown option '--strict'" },
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        run_ok(cases[i].argv);
        if (r.status != 2 || !strstr(r.err, cases[i].says))
            print_message("%s: status %d: %s\n", cases[i].why, r.status, r.err);
        assert_int_equal(r.status, 2);
        assert_non_null(strstr(r.err, cases[i].says));
    }
}

static void test_a_missing_scenario_or_bot_exits_1_and_is_named(void **state)
{
    (void)state;
    run_ok((char *const[]){ "bulwark", "run", "/nonexistent/bulwark/nowhere.lua", NULL });
    assert_int_equal(r.status, 1);
    assert_non_null(strstr(r.err, "/nonexistent/bulwark/nowhere.lua"));
    assert_non_null(strstr(r.err, "cannot open"));
    run_ok((char *const[]){ "bulwark", "run", "no-such-scenario", NULL });
    assert_int_equal(r.status, 1);
    assert_non_null(strstr(r.err, "no-such-scenario"));
    run_ok((char *const[]){ "bulwark", "check", "/nonexistent/bulwark/nowhere.lua", NULL });
    assert_int_equal(r.status, 1);
    assert_non_null(strstr(r.err, "/nonexistent/bulwark/nowhere.lua"));
    run_ok((char *const[]){ "bulwark", "run", "log4shell", "--player", "no-such-bot", NULL });
    assert_int_equal(r.status, 1);
    assert_non_null(strstr(r.err, "no-such-bot"));
}

static void test_no_escape_sequence_from_a_scenario_reaches_the_terminal(void **state)
{
    (void)state;
    run_ok((char *const[]){ "bulwark", "run", (char *)source("tests/hostile/sound/terminal_escapes.lua"), NULL });
    assert_int_equal(r.status, 0);
    assert_non_null(strstr(r.out, "Message?[1A?[2K"));
    assert_non_null(strstr(r.out, "Debrief?c"));
    assert_null(strchr(r.out, '\033'));
    assert_null(strchr(r.err, '\033'));
    run_ok((char *const[]){ "bulwark", "run", (char *)source("tests/hostile/sound/terminal_escapes.lua"),
                            "--player", "x\033[2J", NULL });
    assert_int_equal(r.status, 1);
    assert_null(strchr(r.err, '\033'));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_check_accepts_the_shipped_scenario),
        cmocka_unit_test(test_check_skips_the_test_files_beside_scenarios),
        cmocka_unit_test(test_check_names_the_file_and_line_of_each_problem),
        cmocka_unit_test(test_check_fails_when_any_of_several_files_fails),
        cmocka_unit_test(test_check_json_gives_file_line_severity_and_message),
        cmocka_unit_test(test_the_same_seed_writes_identical_records),
        cmocka_unit_test(test_replaying_a_record_reproduces_it_exactly),
        cmocka_unit_test(test_a_record_of_another_scenario_is_refused_by_name),
        cmocka_unit_test(test_a_record_of_another_scenario_version_is_refused),
        cmocka_unit_test(test_malformed_records_are_refused_without_a_crash),
        cmocka_unit_test(test_truncated_and_empty_records_are_refused),
        cmocka_unit_test(test_the_idle_player_loses_and_the_sensible_one_wins),
        cmocka_unit_test(test_hacking_back_costs_responsibility),
        cmocka_unit_test(test_no_escape_sequence_from_a_scenario_reaches_the_terminal),
        cmocka_unit_test(test_usage_errors_exit_2),
        cmocka_unit_test(test_a_missing_scenario_or_bot_exits_1_and_is_named),
    };
    return cmocka_run_group_tests(tests, make_tmp, remove_tmp);
}
