/* test_campaign.c — the campaign file (scripts/campaign.lua, campaign.h):
 * the shipped campaign loads in order; a missing file, a script error and
 * every kind of bad entry are refused with a message naming the entry;
 * duplicate ids and files are refused; paths that lead outside the
 * campaign's directory (absolute, "..", a symbolic link) are refused; and
 * script_campaign_verify finds missing scenarios and ids that do not match. */
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

#include "bulwark/campaign.h"

static char tmp[64];

static int make_tmp(void **state)
{
    (void)state;
    snprintf(tmp, sizeof tmp, "/tmp/bulwark-campaign-XXXXXX");
    return mkdtemp(tmp) ? 0 : -1;
}

static const char *const scratch_names[] = {
    "campaign.lua", "a.lua", "b.lua", "small.lua", "escape.lua", "sub/c.lua", "sub", NULL,
};

static int remove_tmp(void **state)
{
    (void)state;
    char p[160];
    for (int i = 0; scratch_names[i]; i++) {
        snprintf(p, sizeof p, "%s/%s", tmp, scratch_names[i]);
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

/* Write a campaign whose scenarios list is `entries` and load it. */
static int load_entries(const char *entries, script_campaign *c, bw_err *e)
{
    char text[2048];
    snprintf(text, sizeof text, "return { title = \"T\", scenarios = { %s } }\n", entries);
    spill("campaign.lua", text);
    return script_campaign_load(in_tmp("campaign.lua"), c, e);
}

static void expect_refused(const char *entries, const char *needle)
{
    script_campaign c;
    bw_err e;
    int rc = load_entries(entries, &c, &e);
    if (rc != BW_EINVAL || !strstr(e.msg, needle))
        print_message("entries: %s\nmessage: %s\n", entries, rc < 0 ? e.msg : "(loaded)");
    assert_int_equal(rc, BW_EINVAL);
    assert_non_null(strstr(e.msg, needle));
    assert_int_equal(c.count, 0);
    assert_null(c.items);
}

/* ---- the shipped campaign ---------------------------------------------------------- */

static void test_the_shipped_campaign_lists_the_tutorial_first_and_log4shell(void **state)
{
    (void)state;
    script_campaign c;
    bw_err e;
    assert_int_equal(script_campaign_load(NULL, &c, &e), BW_OK);
    assert_string_equal(c.title, "The Bulwark campaign");
    assert_true(c.count >= 9);
    assert_string_equal(c.items[0].id, "tutorial");
    assert_true(c.items[0].tutorial);
    for (int i = 1; i < c.count; i++)
        assert_false(c.items[i].tutorial);
    int i = script_campaign_find(&c, "log4shell");
    assert_true(i > 0);
    size_t n = strlen(c.items[i].path);
    assert_true(n > 24);
    assert_string_equal(c.items[i].path + n - 24, "/scenarios/log4shell.lua");
    assert_int_equal(script_campaign_find(&c, "nope"), BW_ENOTFOUND);
    assert_int_equal(script_campaign_find(&c, NULL), BW_ENOTFOUND);
    script_campaign_free(&c);
    assert_int_equal(c.count, 0);
    assert_null(c.items);
}

/* Every shipped scenario the campaign lists that exists loads and has its
 * entry's id (a missing one is caught by `bulwark balance --all`). */
static void test_every_shipped_campaign_scenario_has_its_entrys_id(void **state)
{
    (void)state;
    script_campaign c, present = { "", 0, NULL };
    bw_err e;
    assert_int_equal(script_campaign_load(NULL, &c, &e), BW_OK);
    present.items = calloc((size_t)c.count, sizeof *present.items);
    assert_non_null(present.items);
    for (int i = 0; i < c.count; i++)
        if (access(c.items[i].path, R_OK) == 0)
            present.items[present.count++] = c.items[i];
    assert_true(script_campaign_find(&present, "log4shell") >= 0);
    script_diags d;
    script_diags_init(&d);
    int bad = script_campaign_verify(&present, &d);
    if (bad)
        script_diags_print(&d, stderr);
    assert_int_equal(bad, 0);
    script_diags_free(&d);
    free(present.items);
    script_campaign_free(&c);
}

/* ---- files that do not load ---------------------------------------------------------- */

static void test_a_missing_campaign_file_is_an_io_error(void **state)
{
    (void)state;
    script_campaign c;
    bw_err e;
    assert_int_equal(script_campaign_load(in_tmp("none.lua"), &c, &e), BW_EIO);
    assert_non_null(strstr(e.msg, "none.lua"));
    assert_non_null(strstr(e.msg, "cannot open"));
    assert_int_equal(c.count, 0);
    assert_int_equal(script_campaign_load(tmp, &c, &e), BW_EIO); /* a directory */
    assert_non_null(strstr(e.msg, "directory"));
}

static void test_a_campaign_that_fails_to_run_names_its_line(void **state)
{
    (void)state;
    script_campaign c;
    bw_err e;
    spill("campaign.lua", "local x = 1\nerror('campaign broke')\n");
    assert_int_equal(script_campaign_load(in_tmp("campaign.lua"), &c, &e), BW_ESCRIPT);
    assert_non_null(strstr(e.msg, "campaign.lua:2: campaign broke"));
    spill("campaign.lua", "return {\n");
    assert_int_equal(script_campaign_load(in_tmp("campaign.lua"), &c, &e), BW_ESCRIPT);
    spill("campaign.lua", "return 42\n");
    assert_int_equal(script_campaign_load(in_tmp("campaign.lua"), &c, &e), BW_EINVAL);
    assert_non_null(strstr(e.msg, "must return a table"));
    spill("campaign.lua", "while true do end\n");
    assert_int_equal(script_campaign_load(in_tmp("campaign.lua"), &c, &e), BW_ELIMIT);
    assert_int_equal(c.count, 0);
}

static void test_a_campaign_may_not_read_files(void **state)
{
    (void)state;
    script_campaign c;
    bw_err e;
    spill("campaign.lua", "return { title = io.read(), scenarios = {} }\n");
    assert_int_equal(script_campaign_load(in_tmp("campaign.lua"), &c, &e), BW_ESCRIPT);
    assert_non_null(strstr(e.msg, "io"));
}

/* ---- bad entries ---------------------------------------------------------------------- */

static void test_bad_entries_are_refused_with_the_entry_named(void **state)
{
    (void)state;
    static const struct {
        const char *entries, *needle;
    } cases[] = {
        { "{ file = 'a.lua' }", "scenarios[1]: 'id' must be a string, not nil" },
        { "{ id = 7, file = 'a.lua' }", "'id' must be a string, not number" },
        { "{ id = 'a b', file = 'a.lua' }", "id 'a b' must be 1 to 63 letters" },
        { "{ id = '', file = 'a.lua' }", "id '' must be 1 to 63" },
        { "{ id = 'a' }", "scenarios[1] ('a'): 'file' must be a string, not nil" },
        { "{ id = 'a', file = 'a.txt' }", "is not a .lua file" },
        { "{ id = 'a', file = 'a.test.lua' }", "is a tests file" },
        { "{ id = 'a', file = '' }", "is empty" },
        { "{ id = 'a', file = 'a\\\\b.lua' }", "contains a backslash" },
        { "{ id = 'a', file = 'a\\nb.lua' }", "contains a control character" },
        { "{ id = 'a', file = 'a.lua', tutorial = 'yes' }", "'tutorial' must be true or false, not string" },
        { "{ id = 'a', file = 'a.lua', tutoral = true }", "unknown field 'tutoral' (did you mean 'tutorial'?)" },
        { "'a.lua'", "scenarios[1] must be a table" },
        { "{ id = 'a', file = 'a.lua' }, 5", "scenarios[2] must be a table" },
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++)
        expect_refused(cases[i].entries, cases[i].needle);
}

static void test_the_campaign_table_itself_is_checked(void **state)
{
    (void)state;
    static const struct {
        const char *text, *needle;
    } cases[] = {
        { "return { scenarios = { { id = 'a', file = 'a.lua' } } }", "'title' must be a string, not nil" },
        { "return { title = '', scenarios = { { id = 'a', file = 'a.lua' } } }", "'title' must be 1 to 127 bytes" },
        { "return { title = 'T' }", "'scenarios' must be a list" },
        { "return { title = 'T', scenarios = {} }", "must list 1 to 100 scenarios, not 0" },
        { "return { title = 'T', scenarios = { { id = 'a', file = 'a.lua' } }, senarios = 1 }",
          "unknown field 'senarios' (did you mean 'scenarios'?)" },
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        spill("campaign.lua", cases[i].text);
        script_campaign c;
        bw_err e;
        assert_int_equal(script_campaign_load(in_tmp("campaign.lua"), &c, &e), BW_EINVAL);
        if (!strstr(e.msg, cases[i].needle))
            print_message("%s\n", e.msg);
        assert_non_null(strstr(e.msg, cases[i].needle));
    }
}

static void test_every_problem_is_reported_at_once(void **state)
{
    (void)state;
    script_campaign c;
    bw_err e;
    assert_int_equal(load_entries("{ id = 'a' }, { file = 'b.lua' }", &c, &e), BW_EINVAL);
    assert_non_null(strstr(e.msg, "scenarios[1] ('a'): 'file'"));
    assert_non_null(strstr(e.msg, "; scenarios[2]: 'id'"));
}

static void test_duplicate_ids_and_files_are_refused(void **state)
{
    (void)state;
    expect_refused("{ id = 'a', file = 'a.lua' }, { id = 'a', file = 'b.lua' }",
                   "scenarios[2]: id 'a' is already scenarios[1]'s");
    expect_refused("{ id = 'a', file = 'a.lua' }, { id = 'b', file = 'a.lua' }",
                   "scenarios[2] ('b'): its file is already scenarios[1]'s ('a')");
}

/* ---- paths ----------------------------------------------------------------------------- */

static void test_paths_outside_the_campaigns_directory_are_refused(void **state)
{
    (void)state;
    expect_refused("{ id = 'a', file = '../a.lua' }", "goes up a directory ('..')");
    expect_refused("{ id = 'a', file = 'sub/../../a.lua' }", "goes up a directory");
    expect_refused("{ id = 'a', file = '/etc/a.lua' }", "is an absolute path");
    /* the message says where the file must be: the campaign's directory */
    char dirname[80];
    snprintf(dirname, sizeof dirname, "%s/", strrchr(tmp, '/') + 1);
    expect_refused("{ id = 'a', file = '../a.lua' }", dirname);
    /* a link inside the directory that leads out of it */
    assert_int_equal(symlink("/etc/hostname", in_tmp("escape.lua")), 0);
    expect_refused("{ id = 'a', file = 'escape.lua' }", "file 'escape.lua' leads outside");
}

static void test_paths_resolve_against_the_campaigns_directory(void **state)
{
    (void)state;
    assert_int_equal(mkdir(in_tmp("sub"), 0700), 0);
    spill("sub/c.lua", "return 1\n");
    script_campaign c;
    bw_err e;
    assert_int_equal(load_entries("{ id = 'c', file = 'sub/c.lua', tutorial = true },"
                                  "{ id = 'later', file = './sub/later.lua' }",
                                  &c, &e), BW_OK);
    assert_int_equal(c.count, 2);
    assert_string_equal(c.items[0].path, in_tmp("sub/c.lua"));
    assert_true(c.items[0].tutorial);
    /* not there yet: loading the campaign does not need it */
    assert_string_equal(c.items[1].path, in_tmp("./sub/later.lua"));
    assert_false(c.items[1].tutorial);
    assert_int_equal(script_campaign_find(&c, "later"), 1);
    script_campaign_free(&c);
    script_campaign_free(&c); /* twice is fine */
    script_campaign_free(NULL);
}

/* ---- verify ------------------------------------------------------------------------------ */

static void copy_small(const char *to)
{
    const char *root = getenv("BULWARK_SOURCE_DIR");
    char src[512];
    snprintf(src, sizeof src, "%s/tests/fixtures/scenarios/small.lua", root ? root : ".");
    FILE *in = fopen(src, "rb");
    assert_non_null(in);
    FILE *out = fopen(in_tmp(to), "wb");
    assert_non_null(out);
    char buf[4096];
    size_t n;
    while ((n = fread(buf, 1, sizeof buf, in)) > 0)
        assert_int_equal(fwrite(buf, 1, n, out), n);
    fclose(in);
    assert_int_equal(fclose(out), 0);
}

static void test_verify_finds_missing_scenarios_and_ids_that_differ(void **state)
{
    (void)state;
    copy_small("small.lua");
    copy_small("b.lua");
    script_campaign c;
    bw_err e;
    assert_int_equal(load_entries("{ id = 'small', file = 'small.lua' },"
                                  "{ id = 'gone', file = 'a.lua' },"
                                  "{ id = 'other', file = 'b.lua' }",
                                  &c, &e), BW_OK);
    script_diags d;
    script_diags_init(&d);
    assert_int_equal(script_campaign_verify(&c, &d), 2);
    assert_int_equal(d.errors, 2);
    assert_non_null(strstr(d.items[0].file, "a.lua"));
    assert_non_null(strstr(d.items[0].msg, "campaign scenario 'gone': cannot open"));
    assert_non_null(strstr(d.items[1].file, "b.lua"));
    assert_non_null(strstr(d.items[1].msg, "its id is 'small' but the campaign lists it as 'other'"));
    script_diags_free(&d);
    /* a scenario with an error is one problem, with its own diagnostics */
    spill("a.lua", "return scenario { id = 'gone', days = 0 }\n");
    script_diags_init(&d);
    assert_int_equal(script_campaign_verify(&c, &d), 2);
    bool named = false;
    for (int i = 0; i < d.count; i++)
        named = named || strstr(d.items[i].msg, "campaign scenario 'gone' does not load") != NULL;
    assert_true(named);
    script_diags_free(&d);
    unlink(in_tmp("a.lua"));
    script_campaign_free(&c);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_the_shipped_campaign_lists_the_tutorial_first_and_log4shell),
        cmocka_unit_test(test_every_shipped_campaign_scenario_has_its_entrys_id),
        cmocka_unit_test(test_a_missing_campaign_file_is_an_io_error),
        cmocka_unit_test(test_a_campaign_that_fails_to_run_names_its_line),
        cmocka_unit_test(test_a_campaign_may_not_read_files),
        cmocka_unit_test(test_bad_entries_are_refused_with_the_entry_named),
        cmocka_unit_test(test_the_campaign_table_itself_is_checked),
        cmocka_unit_test(test_every_problem_is_reported_at_once),
        cmocka_unit_test(test_duplicate_ids_and_files_are_refused),
        cmocka_unit_test(test_paths_outside_the_campaigns_directory_are_refused),
        cmocka_unit_test(test_paths_resolve_against_the_campaigns_directory),
        cmocka_unit_test(test_verify_finds_missing_scenarios_and_ids_that_differ),
    };
    return cmocka_run_group_tests(tests, make_tmp, remove_tmp);
}
