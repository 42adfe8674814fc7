/* test_workshop.c — a workshop's config (workshop.h): a good config loads
 * with every field; each rule refuses a bad value with the line it is
 * written on (table-driven); scenario entries resolve to shipped files or
 * files beside the config and never outside; results resolve against the
 * config's folder unless they are a PostgreSQL string; the sandbox's
 * limits stop a config that loops or grows; check's recognition of a
 * config by name or fields. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "bulwark/workshop.h"

static char tmp[64];
static workshop_config cfg; /* large: not on the stack */

static int make_tmp(void **state)
{
    (void)state;
    snprintf(tmp, sizeof tmp, "/tmp/bulwark-workshop-XXXXXX");
    return mkdtemp(tmp) ? 0 : -1;
}

static const char *const scratch[] = {
    "w.workshop.lua", "plain.lua", "mine.lua", "two.lua", "sub/deep.lua", "sub", "outside.lua",
    "dir.db", "link.lua", "notes.txt", "x.test.lua", NULL,
};

static int remove_tmp(void **state)
{
    (void)state;
    char p[160];
    for (int i = 0; scratch[i]; i++) {
        snprintf(p, sizeof p, "%s/%s", tmp, scratch[i]);
        if (unlink(p) != 0)
            rmdir(p);
    }
    return rmdir(tmp);
}

static const char *in_tmp(const char *name)
{
    static char bufs[4][160];
    static int next;
    char *b = bufs[next++ % 4];
    snprintf(b, sizeof bufs[0], "%s/%s", tmp, name);
    return b;
}

static void spill(const char *name, const char *text)
{
    FILE *f = fopen(in_tmp(name), "wb");
    assert_non_null(f);
    fputs(text, f);
    assert_int_equal(fclose(f), 0);
}

/* A config whose fields are these lines (one field a line, the table on
 * line 1, so field k is on line k + 1). */
static const char *good_fields[] = {
    "workshop = \"acme-2026-11\",",
    "title = \"Secure development\",",
    "scenarios = { \"log4shell\" },",
    "seed = 2021,",
    "time_limit_minutes = 60,",
    "teams = { \"red\", \"blue\" },",
    "results = \"acme.db\",",
    NULL,
};

/* Load a config made of good_fields with field `replace` (by its key,
 * the text before " =") replaced by `with` (NULL removes it). */
static int load_with(const char *replace, const char *with, script_diags *d, bw_err *e)
{
    char text[4096] = "return {\n";
    for (int i = 0; good_fields[i]; i++) {
        const char *f = good_fields[i];
        if (replace && strncmp(f, replace, strlen(replace)) == 0 && f[strlen(replace)] == ' ') {
            if (with) {
                strcat(text, with);
                strcat(text, "\n");
            }
        } else {
            strcat(text, f);
            strcat(text, "\n");
        }
    }
    if (replace && !with)
        strcat(text, "-- (removed)\n");
    else if (replace && strcmp(replace, "extra") == 0) {
        strcat(text, with);
        strcat(text, "\n");
    }
    strcat(text, "}\n");
    spill("w.workshop.lua", text);
    return workshop_load(in_tmp("w.workshop.lua"), &cfg, d, e);
}

/* Everything printed for d, one diagnostic a line. */
static char *printed(const script_diags *d)
{
    static char buf[8192];
    FILE *f = fmemopen(buf, sizeof buf, "w");
    assert_non_null(f);
    script_diags_print(d, f);
    fclose(f);
    return buf;
}

typedef struct bad_case {
    const char *key;     /* field replaced ("extra": added at the end) */
    const char *with;    /* NULL: removed */
    const char *expect;  /* a substring of the printed diagnostics, line included */
} bad_case;

/* Line numbers: "return {" is line 1, good_fields[k] is line k + 2. */
static const bad_case bad_cases[] = {
    { "workshop", NULL, ":1: error: config: missing 'workshop'" },
    { "workshop", "workshop = \"Acme 2026\",", ":2: error: config: workshop id 'Acme 2026' may hold only lowercase" },
    { "workshop", "workshop = 7,", ":2: error: config: 'workshop' must be a string, not a number" },
    { "workshop", "workshop = \"\",", ":2: error: config: 'workshop' is empty" },
    { "title", NULL, ":1: error: config: missing 'title'" },
    { "title", "title = { },", ":3: error: config: 'title' must be a string, not a table" },
    { "scenarios", NULL, ":1: error: config: missing 'scenarios'" },
    { "scenarios", "scenarios = \"log4shell\",", ":4: error: config: 'scenarios' must be a list" },
    { "scenarios", "scenarios = { },", ":4: error: config: 'scenarios' is empty" },
    { "scenarios", "scenarios = {\n 42 },", ":4: error: config: scenarios[1] must be a string" },
    { "scenarios", "scenarios = {\n\"log4shel\" },", ":5: error: config: unknown scenario 'log4shel' (did you mean 'log4shell'?)" },
    { "scenarios", "scenarios = { \"zzzzqqqq\" },", ":4: error: config: unknown scenario 'zzzzqqqq': name a shipped one (" },
    { "scenarios", "scenarios = { \"log4shell\",\n \"log4shell\" },", "error: config: scenario 'log4shell' is listed twice" },
    { "scenarios", "scenarios = { \"/etc/passwd.lua\" },", ":4: error: config: scenario '/etc/passwd.lua' is an absolute path" },
    { "scenarios", "scenarios = { \"../outside.lua\" },", ":4: error: config: scenario '../outside.lua': no such file" },
    { "scenarios", "scenarios = { \"notes.txt\" },", ":4: error: config: scenario 'notes.txt' is not a .lua file" },
    { "scenarios", "scenarios = { \"x.test.lua\" },", ":4: error: config: scenario 'x.test.lua' is a tests file" },
    { "scenarios", "scenarios = { \"missing.lua\" },", ":4: error: config: scenario 'missing.lua': no such file beside the config" },
    { "scenarios", "scenarios = { \"a\", \"b\", \"c\", \"d\", \"e\", \"f\", \"g\", \"h\", \"i\", \"j\", \"k\", \"l\", \"m\", \"n\", \"o\", \"p\", \"q\" },",
      ":4: error: config: 'scenarios' has 17 items; the limit is 16" },
    { "seed", "seed = -1,", ":5: error: config: 'seed' is -1; it must be within 0..2147483647" },
    { "seed", "seed = 1.5,", ":5: error: config: 'seed' must be a whole number" },
    { "seed", "seed = \"2021\",", ":5: error: config: 'seed' must be a number, not a string" },
    { "time_limit_minutes", NULL, ":1: error: config: missing 'time_limit_minutes'" },
    { "time_limit_minutes", "time_limit_minutes = 0,", ":6: error: config: 'time_limit_minutes' is 0; it must be within 1..600" },
    { "time_limit_minutes", "time_limit_minutes = 601,", ":6: error: config: 'time_limit_minutes' is 601; it must be within 1..600" },
    { "time_limit_minutes", "time_limit_minutes = 90.5,", ":6: error: config: 'time_limit_minutes' must be a whole number" },
    { "teams", NULL, ":1: error: config: missing 'teams'" },
    { "teams", "teams = { },", ":7: error: config: 'teams' is empty" },
    { "teams", "teams = \"red\",", ":7: error: config: 'teams' must be a list of team names, not a string" },
    { "teams", "teams = { \"red\",\n \"Red\" },", ":8: error: config: team 'Red' is listed twice (as team 1 and team 2)" },
    { "teams", "teams = { \"red\",\n \"   \" },", ":8: error: config: team 2 ('   ') is blank" },
    { "teams", "teams = { \"red\", true },", ":7: error: config: teams[2] must be a string, not a boolean" },
    { "teams", "teams = { \"a-team-name-that-is-much-longer-than-sixty-three-bytes-xxxxxxxxxxxxx\" },",
      ":7: error: config: team 1 ('a-team-name-that-is-much-longer-than-six') is too long" },
    { "results", NULL, ":1: error: config: missing 'results'" },
    { "results", "results = 5,", ":8: error: config: 'results' must be a string, not a number" },
    { "results", "results = \"nowhere/acme.db\",", ":8: error: config: results 'nowhere/acme.db': its folder does not exist" },
    { "results", "results = \"postgresq://db.example/bulwark\",",
      ":8: error: config: results 'postgresq://db.example/bulwark' is neither a PostgreSQL URI (postgresql:// or "
      "postgres://) nor a file path (did you mean 'postgresql://'?)" },
    { "results", "results = \"mysql://db.example/bulwark\",",
      ":8: error: config: results 'mysql://db.example/bulwark' is neither a PostgreSQL URI (postgresql:// or "
      "postgres://) nor a file path" },
    { "results", "results = \"sub\",", ":8: error: config: results 'sub' is a folder" },
    { "results", "results = \"postgresql://ada:secret@db/room\",", ":8: error: config: results holds a password" },
    { "results", "results = \"host=db password=secret\",", ":8: error: config: results holds a password" },
    { "extra", "player_role = \"Bad Role\",", ":9: error: config: player_role 'Bad Role' must be a PostgreSQL role name" },
    { "extra", "facilitator_role = 3,", ":9: error: config: 'facilitator_role' must be a string, not a number" },
    { "extra", "tems = { \"red\" },", ":9: error: config: unknown field 'tems' (did you mean 'teams'?)" },
    { "extra", "[1] = \"x\",", ":1: error: config: unexpected list items" },
};

static void test_every_rule_refuses_a_bad_value_at_its_line(void **state)
{
    (void)state;
    mkdir(in_tmp("sub"), 0700);
    spill("notes.txt", "x");
    spill("x.test.lua", "return {}");
    for (size_t i = 0; i < sizeof bad_cases / sizeof bad_cases[0]; i++) {
        const bad_case *c = &bad_cases[i];
        script_diags d;
        script_diags_init(&d);
        bw_err e;
        int rc = load_with(c->key, c->with, &d, &e);
        const char *text = printed(&d);
        if (rc != BW_EINVAL || !strstr(text, c->expect))
            print_message("case %zu (%s -> %s)\nexpected: %s\ngot (rc %d):\n%s\n", i, c->key,
                          c->with ? c->with : "(removed)", c->expect, rc, text);
        assert_int_equal(rc, BW_EINVAL);
        assert_non_null(strstr(text, c->expect));
        assert_non_null(strstr(e.msg, "error"));
        assert_int_equal(cfg.scenario_count, 0); /* nothing half-filled after a failure */
        assert_int_equal(cfg.team_count, 0);
        script_diags_free(&d);
    }
}

static void test_a_good_config_loads_every_field(void **state)
{
    (void)state;
    script_diags d;
    script_diags_init(&d);
    bw_err e;
    assert_int_equal(load_with(NULL, NULL, &d, &e), BW_OK);
    assert_int_equal(d.count, 0);
    assert_string_equal(cfg.id, "acme-2026-11");
    assert_string_equal(cfg.title, "Secure development");
    assert_int_equal(cfg.scenario_count, 1);
    assert_string_equal(cfg.scenarios[0].name, "log4shell");
    assert_true(cfg.scenarios[0].shipped);
    size_t n = strlen(cfg.scenarios[0].path);
    assert_true(n > 24);
    assert_string_equal(cfg.scenarios[0].path + n - 24, "/scenarios/log4shell.lua");
    assert_true(cfg.seed_given);
    assert_int_equal(cfg.seed, 2021);
    assert_int_equal(cfg.time_limit_minutes, 60);
    assert_int_equal(cfg.team_count, 2);
    assert_string_equal(cfg.teams[0], "red");
    assert_string_equal(cfg.teams[1], "blue");
    assert_false(cfg.results_postgres);
    assert_string_equal(cfg.results, in_tmp("acme.db")); /* relative to the config */
    assert_string_equal(cfg.player_role, "bulwark_player");
    assert_string_equal(cfg.facilitator_role, "bulwark_facilitator");
    assert_int_equal(workshop_find_team(&cfg, "blue"), 1);
    assert_int_equal(workshop_find_team(&cfg, "Blue"), BW_ENOTFOUND);
    assert_string_equal(workshop_closest_team(&cfg, "Blue"), "blue");
    assert_string_equal(workshop_closest_team(&cfg, "redd"), "red");
    assert_null(workshop_closest_team(&cfg, "purple"));
    assert_int_equal(workshop_find_scenario(&cfg, "log4shell"), 0);
    assert_int_equal(workshop_find_scenario(&cfg, "mirai"), BW_ENOTFOUND);
    assert_int_equal(workshop_verify(&cfg, &d), 0);
    script_diags_free(&d);
}

static void test_without_a_seed_each_scenario_keeps_its_own(void **state)
{
    (void)state;
    script_diags d;
    script_diags_init(&d);
    bw_err e;
    assert_int_equal(load_with("seed", NULL, &d, &e), BW_OK);
    assert_false(cfg.seed_given);
    script_diags_free(&d);
}

static const char small_scenario[] =
    "return scenario {\n"
    "  id = \"mine\", title = \"Mine\", days = 2,\n"
    "  nodes = { node { id = \"web\", kind = \"web\", zone = \"dmz\" } },\n"
    "}\n";

static void test_scenario_files_beside_the_config_resolve_inside_it_only(void **state)
{
    (void)state;
    spill("mine.lua", small_scenario);
    mkdir(in_tmp("sub"), 0700);
    spill("sub/deep.lua", small_scenario);
    script_diags d;
    script_diags_init(&d);
    bw_err e;
    assert_int_equal(load_with("scenarios", "scenarios = { \"mine.lua\", \"sub/deep.lua\", \"mirai\" },", &d, &e),
                     BW_OK);
    assert_int_equal(cfg.scenario_count, 3);
    assert_string_equal(cfg.scenarios[0].name, "mine");
    assert_false(cfg.scenarios[0].shipped);
    assert_string_equal(cfg.scenarios[0].path, in_tmp("mine.lua"));
    assert_string_equal(cfg.scenarios[1].name, "deep");
    assert_string_equal(cfg.scenarios[1].path, in_tmp("sub/deep.lua"));
    assert_int_equal(workshop_find_scenario(&cfg, "sub/deep.lua"), 1);
    assert_int_equal(workshop_find_scenario(&cfg, "mirai"), 2);
    script_diags_free(&d);

    /* A symbolic link beside the config that leads out of it is refused. */
    char outside[200];
    snprintf(outside, sizeof outside, "/tmp/bulwark-workshop-outside-%d.lua", (int)getpid());
    FILE *f = fopen(outside, "w");
    assert_non_null(f);
    fputs(small_scenario, f);
    fclose(f);
    unlink(in_tmp("link.lua"));
    assert_int_equal(symlink(outside, in_tmp("link.lua")), 0);
    script_diags_init(&d);
    assert_int_equal(load_with("scenarios", "scenarios = { \"link.lua\" },", &d, &e), BW_EINVAL);
    assert_non_null(strstr(printed(&d), ":4: error: config: scenario 'link.lua' leads outside the config's folder"));
    script_diags_free(&d);
    unlink(outside);

    /* A scenario that does not load is found by workshop_verify, with its own file:line. */
    spill("two.lua", "return scenario {\n  id = \"two\", title = \"Two\", days = 0,\n}\n");
    script_diags_init(&d);
    assert_int_equal(load_with("scenarios", "scenarios = { \"two.lua\" },", &d, &e), BW_OK);
    assert_int_equal(workshop_verify(&cfg, &d), 1);
    const char *text = printed(&d);
    assert_non_null(strstr(text, "two.lua:"));
    assert_non_null(strstr(text, "workshop scenario 'two.lua' does not load"));
    script_diags_free(&d);
}

static void test_results_may_be_postgres_strings_kept_as_written(void **state)
{
    (void)state;
    static const char *const pg[] = {
        "postgresql://db.example:5432/room", "postgres://u@h/db", "host=db.example dbname=room",
        "postgresql://[::1]:5432/room", NULL,
    };
    for (int i = 0; pg[i]; i++) {
        char field[200];
        snprintf(field, sizeof field, "results = \"%s\",", pg[i]);
        script_diags d;
        script_diags_init(&d);
        bw_err e;
        assert_int_equal(load_with("results", field, &d, &e), BW_OK);
        assert_true(cfg.results_postgres);
        assert_string_equal(cfg.results, pg[i]);
        assert_int_equal(d.warnings, 0);
        script_diags_free(&d);
    }
    assert_false(workshop_target_is_postgres("acme.db"));
    assert_false(workshop_target_is_postgres("room/acme.db"));
    assert_false(workshop_target_is_postgres("=x"));
    assert_true(workshop_target_is_postgres("dbname=x"));
    assert_false(workshop_target_is_postgres("dir/x=1.db"));
    assert_false(workshop_target_is_postgres("My file=1.db"));

    /* Absolute SQLite paths stay as written; roles with SQLite are a warning. */
    script_diags d;
    script_diags_init(&d);
    bw_err e;
    char field[200];
    snprintf(field, sizeof field, "results = \"%s/abs.db\", player_role = \"p\",", tmp);
    assert_int_equal(load_with("results", field, &d, &e), BW_OK);
    assert_string_equal(cfg.results, in_tmp("abs.db"));
    assert_string_equal(cfg.player_role, "p");
    assert_int_equal(d.warnings, 1);
    assert_non_null(strstr(printed(&d), ":8: warning: config: roles apply only to PostgreSQL"));
    script_diags_free(&d);
}

static void test_a_config_runs_in_the_sandbox_with_its_limits(void **state)
{
    (void)state;
    static const struct {
        const char *text, *expect;
        int code;
    } cases[] = {
        { "while true do end\n", ":1: error: instruction limit exceeded", BW_ELIMIT },
        { "local t = {}\nfor i = 1, 1e9 do t[i] = string.rep('x', 1000) .. i end\n", "memory", BW_ELIMIT },
        { "return io.open('/etc/passwd')\n", ":1: error:", BW_ESCRIPT },
        { "return os.execute('true')\n", ":1: error:", BW_ESCRIPT },
        { "return 42\n", ":1: error: a workshop config must return a table", BW_EINVAL },
        { "return {\n  workshop = \n", ":3: error:", BW_ESCRIPT },
        { "error('nope')\n", ":1: error: nope", BW_ESCRIPT },
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        spill("w.workshop.lua", cases[i].text);
        script_diags d;
        script_diags_init(&d);
        bw_err e;
        int rc = workshop_load(in_tmp("w.workshop.lua"), &cfg, &d, &e);
        const char *text = printed(&d);
        if (rc != cases[i].code || !strstr(text, cases[i].expect))
            print_message("case %zu: rc %d, printed:\n%s\n", i, rc, text);
        assert_int_equal(rc, cases[i].code);
        assert_non_null(strstr(text, cases[i].expect));
        script_diags_free(&d);
    }
    script_diags d;
    script_diags_init(&d);
    bw_err e;
    assert_int_equal(workshop_load(in_tmp("absent.workshop.lua"), &cfg, &d, &e), BW_EIO);
    assert_non_null(strstr(e.msg, "absent.workshop.lua"));
    assert_int_equal(workshop_load(tmp, &cfg, &d, &e), BW_EIO); /* a folder */
    script_diags_free(&d);
}

static void test_check_recognises_a_config_by_name_or_fields(void **state)
{
    (void)state;
    spill("plain.lua", "return {\n  workshop = \"a\",\n  results = \"r.db\",\n}\n");
    assert_true(workshop_file_is_config(in_tmp("plain.lua")));
    assert_true(workshop_file_is_config("anything.workshop.lua")); /* by name, even unread */
    spill("plain.lua", "return scenario {\n  workshop = \"a\",\n  results = \"r.db\",\n}\n");
    assert_false(workshop_file_is_config(in_tmp("plain.lua")));
    spill("plain.lua", "return { title = \"x\", results = 1 }\n");
    assert_false(workshop_file_is_config(in_tmp("plain.lua")));
    assert_false(workshop_file_is_config(in_tmp("absent.lua")));
    assert_false(workshop_file_is_config(NULL));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_a_good_config_loads_every_field),
        cmocka_unit_test(test_every_rule_refuses_a_bad_value_at_its_line),
        cmocka_unit_test(test_without_a_seed_each_scenario_keeps_its_own),
        cmocka_unit_test(test_scenario_files_beside_the_config_resolve_inside_it_only),
        cmocka_unit_test(test_results_may_be_postgres_strings_kept_as_written),
        cmocka_unit_test(test_a_config_runs_in_the_sandbox_with_its_limits),
        cmocka_unit_test(test_check_recognises_a_config_by_name_or_fields),
    };
    return cmocka_run_group_tests(tests, make_tmp, remove_tmp);
}
