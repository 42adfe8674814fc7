/* test_new.c — `bulwark new` as an author meets it: every template,
 * generated into a scratch folder, passes `bulwark check` and `bulwark
 * test` through the real binary, with the id and title filled in; the
 * current folder is the default; and the error cases: a name that is no
 * id, an existing file (never overwritten without --force, never half a
 * pair written), an unknown template with a "did you mean", a missing or
 * unwritable folder, templates that cannot be found. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <dirent.h>
#include <stdbool.h>
#include <sys/stat.h>

#include "app/run.h"

static run_result r;
static char tmp[64];

static const char *const templates[] = { "basic", "ransomware", "supply-chain", "disclosure", NULL };

/* Empties dir (files, and folders one level down) and removes it. */
static void remove_tree(const char *dir)
{
    DIR *d = opendir(dir);
    if (!d)
        return;
    for (struct dirent *e; (e = readdir(d));) {
        if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0)
            continue;
        char p[512];
        snprintf(p, sizeof p, "%s/%s", dir, e->d_name);
        struct stat st;
        if (lstat(p, &st) == 0 && S_ISDIR(st.st_mode)) {
            chmod(p, 0755);
            remove_tree(p);
        } else {
            unlink(p);
        }
    }
    closedir(d);
    rmdir(dir);
}

static int make_tmp(void **state)
{
    (void)state;
    snprintf(tmp, sizeof tmp, "/tmp/bulwark-new-XXXXXX");
    return mkdtemp(tmp) ? 0 : -1;
}

static int remove_tmp(void **state)
{
    (void)state;
    remove_tree(tmp);
    return 0;
}

static const char *scratch(const char *name)
{
    static char bufs[4][160];
    static int next;
    char *b = bufs[next++ % 4];
    snprintf(b, sizeof bufs[0], "%s/%s", tmp, name);
    return b;
}

static bool exists(const char *p)
{
    struct stat st;
    return lstat(p, &st) == 0;
}

static void spill(const char *p, const char *text)
{
    FILE *f = fopen(p, "wb");
    assert_non_null(f);
    fputs(text, f);
    assert_int_equal(fclose(f), 0);
}

static void expect(const char *where, const char *text, const char *needle)
{
    if (!strstr(text, needle))
        print_message("missing in %s: %s\n--- stdout:\n%s\n--- stderr:\n%s\n", where, needle, r.out, r.err);
    assert_non_null(strstr(text, needle));
}

static void run_status(char *const argv[], int status)
{
    assert_int_equal(run_bulwark(argv, &r), 0);
    if (r.status != status)
        print_message("exit %d, expected %d\n--- stdout:\n%s\n--- stderr:\n%s\n", r.status, status, r.out, r.err);
    assert_int_equal(r.status, status);
}

/* ---- every template ---------------------------------------------------------------------- */

static void test_every_template_passes_check_and_test(void **state)
{
    (void)state;
    for (int i = 0; templates[i]; i++) {
        char name[64], lua[160], test_lua[160];
        snprintf(name, sizeof name, "my-%s_1", templates[i]);
        snprintf(lua, sizeof lua, "%s/%s.lua", tmp, name);
        snprintf(test_lua, sizeof test_lua, "%s/%s.test.lua", tmp, name);
        run_status((char *[]){ "bulwark", "new", name, "--template", (char *)templates[i], "--dir", tmp, NULL }, 0);
        expect("stdout", r.out, "wrote ");
        assert_true(exists(lua));
        assert_true(exists(test_lua));

        /* The id and title are filled in; no placeholder is left. */
        char *src = run_slurp(lua), *tsrc = run_slurp(test_lua);
        assert_non_null(src);
        assert_non_null(tsrc);
        char want[128];
        snprintf(want, sizeof want, "id = \"%s\"", name);
        assert_non_null(strstr(src, want));
        assert_non_null(strstr(src, "title = \"My "));
        assert_null(strstr(src, "__ID__"));
        assert_null(strstr(src, "__TITLE__"));
        assert_null(strstr(tsrc, "__ID__"));
        assert_non_null(strstr(src, "API.md"));     /* the comments point at the reference */
        assert_non_null(strstr(tsrc, "test(\""));
        free(src);
        free(tsrc);

        run_status((char *[]){ "bulwark", "check", lua, NULL }, 0);
        snprintf(want, sizeof want, ": ok (%s, ", name);
        expect("stdout", r.out, want);
        assert_string_equal(r.err, "");

        run_status((char *[]){ "bulwark", "test", lua, NULL }, 0);
        expect("stdout", r.out, " 0 failed");
        assert_null(strstr(r.out, "FAIL"));
        /* at least four tests, so a generated test file is more than a stub */
        int passed = 0;
        for (const char *line = r.out; line && *line; line = strchr(line, '\n') ? strchr(line, '\n') + 1 : NULL)
            passed += strncmp(line, "ok   ", 5) == 0;
        assert_true(passed >= 4);

        /* played headless by the sensible bot, it is won */
        run_status((char *[]){ "bulwark", "run", lua, "--player", "sensible", NULL }, 0);
        expect("stdout", r.out, "=== Debrief: WON");
        run_status((char *[]){ "bulwark", "run", lua, "--player", "idle", NULL }, 0);
        expect("stdout", r.out, "=== Debrief: LOST");
    }
}

static void test_title_comes_from_the_name(void **state)
{
    (void)state;
    run_status((char *[]){ "bulwark", "new", "harbour-ransom_week.2", "--dir", tmp, NULL }, 0);
    char *src = run_slurp(scratch("harbour-ransom_week.2.lua"));
    assert_non_null(src);
    assert_non_null(strstr(src, "id = \"harbour-ransom_week.2\""));
    assert_non_null(strstr(src, "title = \"Harbour Ransom Week 2\""));
    free(src);
}

static void test_the_current_folder_is_the_default(void **state)
{
    (void)state;
    char cwd[1024];
    assert_non_null(getcwd(cwd, sizeof cwd));
    assert_int_equal(chdir(tmp), 0);
    int rc = run_bulwark((char *[]){ "bulwark", "new", "demo", NULL }, &r);
    assert_int_equal(chdir(cwd), 0);
    assert_int_equal(rc, 0);
    assert_int_equal(r.status, 0);
    expect("stdout", r.out, "wrote demo.lua and demo.test.lua (template basic");
    expect("stdout", r.out, "bulwark check demo.lua");
    assert_true(exists(scratch("demo.lua")));
    assert_true(exists(scratch("demo.test.lua")));
    /* `bulwark new x.lua` means x */
    assert_int_equal(chdir(tmp), 0);
    rc = run_bulwark((char *[]){ "bulwark", "new", "other.lua", NULL }, &r);
    assert_int_equal(chdir(cwd), 0);
    assert_int_equal(r.status, 0);
    assert_true(exists(scratch("other.lua")));
    assert_true(exists(scratch("other.test.lua")));
    assert_false(exists(scratch("other.lua.lua")));
}

/* ---- errors ---------------------------------------------------------------------------------- */

static void test_a_bad_name_is_refused_with_the_reason(void **state)
{
    (void)state;
    static const struct {
        const char *name, *reason;
    } cases[] = {
        { "../escape", "may hold only letters, digits" },
        { "a/b", "may hold only letters, digits" },
        { "two words", "may hold only letters, digits" },
        { "caf\xc3\xa9", "may hold only letters, digits" },
        { ".hidden", "must start with a letter or a digit" },
        { "_x", "must start with a letter or a digit" },
        { "demo.test", "where the tests of NAME.lua go" },
        { "", "it is empty" },
        { "abcdefghijklmnopqrstuvwxyzabcdefghijklmnopqrstuvw", "longer than the 47 characters" },
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        run_status((char *[]){ "bulwark", "new", (char *)cases[i].name, "--dir", tmp, NULL }, 2);
        expect("stderr", r.err, "cannot name a scenario");
        expect("stderr", r.err, cases[i].reason);
        expect("stderr", r.err, "for example: bulwark new");
    }
    /* 47 characters is the longest id: accepted */
    run_status((char *[]){ "bulwark", "new", "abcdefghijklmnopqrstuvwxyzabcdefghijklmnopqrstu", "--dir", tmp, NULL }, 0);
    /* nothing but that one pair was written */
    DIR *d = opendir(tmp);
    assert_non_null(d);
    int files = 0;
    for (struct dirent *e; (e = readdir(d));)
        files += e->d_name[0] != '.';
    closedir(d);
    assert_int_equal(files, 2);
    /* no NAME, or two */
    run_status((char *[]){ "bulwark", "new", NULL }, 2);
    expect("stderr", r.err, "usage: bulwark new NAME");
    run_status((char *[]){ "bulwark", "new", "a", "b", "--dir", tmp, NULL }, 2);
    expect("stderr", r.err, "one NAME at a time");
    run_status((char *[]){ "bulwark", "new", "a", "--templat", "basic", NULL }, 2);
    expect("stderr", r.err, "unknown option '--templat'");
}

static void test_an_existing_file_is_kept_without_force(void **state)
{
    (void)state;
    spill(scratch("mine.lua"), "-- my work\n");
    run_status((char *[]){ "bulwark", "new", "mine", "--dir", tmp, NULL }, 1);
    expect("stderr", r.err, "mine.lua already exists");
    expect("stderr", r.err, "nothing was written");
    expect("stderr", r.err, "--force");
    char *kept = run_slurp(scratch("mine.lua"));
    assert_string_equal(kept, "-- my work\n");
    free(kept);
    assert_false(exists(scratch("mine.test.lua"))); /* not half a pair either */

    /* only the test file exists: named too */
    spill(scratch("t2.test.lua"), "-- my tests\n");
    run_status((char *[]){ "bulwark", "new", "t2", "--dir", tmp, NULL }, 1);
    expect("stderr", r.err, "t2.test.lua already exists");
    assert_false(exists(scratch("t2.lua")));

    /* both */
    spill(scratch("t2.lua"), "-- mine\n");
    run_status((char *[]){ "bulwark", "new", "t2", "--dir", tmp, NULL }, 1);
    expect("stderr", r.err, "t2.lua and ");
    expect("stderr", r.err, "t2.test.lua already exist;");

    /* --force overwrites both */
    run_status((char *[]){ "bulwark", "new", "mine", "--dir", tmp, "--force", NULL }, 0);
    char *src = run_slurp(scratch("mine.lua"));
    assert_non_null(strstr(src, "id = \"mine\""));
    free(src);
    assert_true(exists(scratch("mine.test.lua")));

    /* a folder (or a link) in the way is never written through, even with --force */
    assert_int_equal(mkdir(scratch("dirred.test.lua"), 0755), 0);
    spill(scratch("dirred.lua"), "-- keep\n");
    run_status((char *[]){ "bulwark", "new", "dirred", "--dir", tmp, "--force", NULL }, 1);
    expect("stderr", r.err, "is not a regular file");
    char *k2 = run_slurp(scratch("dirred.lua"));
    assert_string_equal(k2, "-- keep\n");
    free(k2);
}

static void test_an_unknown_template_gets_a_did_you_mean(void **state)
{
    (void)state;
    run_status((char *[]){ "bulwark", "new", "x", "--template", "ransomwre", "--dir", tmp, NULL }, 2);
    expect("stderr", r.err, "unknown template 'ransomwre' (did you mean 'ransomware'?)");
    run_status((char *[]){ "bulwark", "new", "x", "--template", "supplychain", "--dir", tmp, NULL }, 2);
    expect("stderr", r.err, "did you mean 'supply-chain'?");
    run_status((char *[]){ "bulwark", "new", "x", "--template=zzzzzzzz", "--dir", tmp, NULL }, 2);
    expect("stderr", r.err, "unknown template 'zzzzzzzz'; the templates are: basic, ransomware, supply-chain, disclosure");
    assert_false(exists(scratch("x.lua")));
    run_status((char *[]){ "bulwark", "new", "x", "--template", NULL }, 2);
    expect("stderr", r.err, "--template needs a name");
}

static void test_a_missing_or_unwritable_folder_fails_cleanly(void **state)
{
    (void)state;
    run_status((char *[]){ "bulwark", "new", "x", "--dir", (char *)scratch("nowhere"), NULL }, 1);
    expect("stderr", r.err, "no such folder");
    /* a folder name pasted with terminal escapes is shown without them */
    run_status((char *[]){ "bulwark", "new", "x", "--dir", (char *)scratch("\x1b[31mred"), NULL }, 1);
    expect("stderr", r.err, "[31mred: no such folder");
    assert_null(strchr(r.err, '\x1b'));
    spill(scratch("plain"), "");
    run_status((char *[]){ "bulwark", "new", "x", "--dir", (char *)scratch("plain"), NULL }, 1);
    expect("stderr", r.err, "not a folder");

    /* A folder nobody may write to. Root writes anywhere chmod allows, so
     * as root the folder is /proc, where no file can be created. */
    const char *ro = "/proc";
    if (geteuid() != 0) {
        ro = scratch("ro");
        assert_int_equal(mkdir(ro, 0555), 0);
    }
    run_status((char *[]){ "bulwark", "new", "x", "--dir", (char *)ro, NULL }, 1);
    expect("stderr", r.err, "cannot write ");
    expect("stderr", r.err, "/x.lua: ");
    char p[160];
    snprintf(p, sizeof p, "%s/x.lua", ro);
    assert_false(exists(p));
}

static void test_missing_templates_are_an_internal_error(void **state)
{
    (void)state;
    const char *old = getenv("BULWARK_DATA_DIR");
    char saved[1024] = "";
    if (old)
        snprintf(saved, sizeof saved, "%s", old);
    setenv("BULWARK_DATA_DIR", tmp, 1); /* no scripts/templates there */
    run_bulwark((char *[]){ "bulwark", "new", "lost", "--dir", tmp, NULL }, &r);
    if (old)
        setenv("BULWARK_DATA_DIR", saved, 1);
    else
        unsetenv("BULWARK_DATA_DIR");
    assert_int_equal(r.status, 3);
    expect("stderr", r.err, "the template ");
    expect("stderr", r.err, "BULWARK_DATA_DIR");
    assert_false(exists(scratch("lost.lua")));
    assert_false(exists(scratch("lost.test.lua")));
}

static void test_help_lists_the_templates_and_the_command(void **state)
{
    (void)state;
    run_status((char *[]){ "bulwark", "new", "--help", NULL }, 0);
    for (int i = 0; templates[i]; i++)
        expect("stdout", r.out, templates[i]);
    expect("stdout", r.out, "--force");
    expect("stdout", r.out, "AUTHORING.md");
    run_status((char *[]){ "bulwark", "--help", NULL }, 0);
    expect("stdout", r.out, "  new ");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_every_template_passes_check_and_test, make_tmp, remove_tmp),
        cmocka_unit_test_setup_teardown(test_title_comes_from_the_name, make_tmp, remove_tmp),
        cmocka_unit_test_setup_teardown(test_the_current_folder_is_the_default, make_tmp, remove_tmp),
        cmocka_unit_test_setup_teardown(test_a_bad_name_is_refused_with_the_reason, make_tmp, remove_tmp),
        cmocka_unit_test_setup_teardown(test_an_existing_file_is_kept_without_force, make_tmp, remove_tmp),
        cmocka_unit_test_setup_teardown(test_an_unknown_template_gets_a_did_you_mean, make_tmp, remove_tmp),
        cmocka_unit_test_setup_teardown(test_a_missing_or_unwritable_folder_fails_cleanly, make_tmp, remove_tmp),
        cmocka_unit_test_setup_teardown(test_missing_templates_are_an_internal_error, make_tmp, remove_tmp),
        cmocka_unit_test_setup_teardown(test_help_lists_the_templates_and_the_command, make_tmp, remove_tmp),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
