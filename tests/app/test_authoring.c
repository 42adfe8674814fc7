/* test_authoring.c — the examples of scripts/AUTHORING.md still work.
 *
 * Every ```lua block of the guide is marked by the HTML comment before it:
 *   <!-- example: NAME check -->      NAME.lua passes `bulwark check --werror`
 *                                     (no lint warns: the guide asks that of
 *                                     a scenario before it is shared)
 *   <!-- example: NAME run -->        ... and the sensible bot wins it
 *   <!-- example: NAME test -->       NAME.test.lua passes `bulwark test`
 *   <!-- example: NAME bot SCEN -->   NAME.lua plays SCEN.lua with `bulwark run`
 *   <!-- example: NAME fails -->      `bulwark check NAME.lua` exits 1 and
 *                                     prints each line of the next ``` block
 *   <!-- excerpt: NAME -->            each non-empty line of the block
 *                                     appears, in order, in example NAME
 * The examples are written to a scratch folder and run through the real
 * binary in the guide's order (a test file after its scenario). A block
 * without a marker fails, and so does a guide with fewer examples or
 * excerpts than it has today, or without one of each kind, so the checks
 * cannot quietly drop away. Failures name the guide's line. The scenario
 * of the guide's `bulwark balance NAME.lua --runs N` (section 11) meets
 * the targets with `--check`, as written. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <dirent.h>
#include <stdbool.h>

#include "app/run.h"

#define MAX_BLOCKS 64
#define MIN_EXAMPLES 8
#define MIN_EXCERPTS 6

typedef struct block {
    int line;                  /* of the ```lua line in AUTHORING.md */
    bool excerpt;
    char name[64], kind[16], arg[64];
    char *body;                /* the Lua, malloc'd */
    char *expected;            /* the output block after a `fails` example, or NULL */
} block;

static block blocks[MAX_BLOCKS];
static int nblocks;
static char *guide;
static char tmp[64];
static run_result r;

/* ---- reading the guide ------------------------------------------------------------------ */

static int line_at(const char *p)
{
    int n = 1;
    for (const char *q = guide; q < p; q++)
        n += *q == '\n';
    return n;
}

/* The fenced block starting at p (a ``` line): its body, malloc'd; *after
 * is set past the closing fence. NULL when it is not closed. */
static char *fence_body(const char *p, const char **after)
{
    const char *start = strchr(p, '\n');
    if (!start)
        return NULL;
    start++;
    const char *end = strstr(start, "\n```");
    if (!end)
        return NULL;
    size_t n = (size_t)(end - start) + 1;
    char *body = malloc(n + 1);
    assert_non_null(body);
    memcpy(body, start, n);
    body[n] = '\0';
    *after = end + 4;
    return body;
}

/* The marker comment just before the ```lua line at p (blank lines
 * between allowed), or NULL. */
static const char *marker_before(const char *p)
{
    const char *q = p;
    while (q > guide && (q[-1] == '\n' || q[-1] == ' '))
        q--;
    const char *bol = q;
    while (bol > guide && bol[-1] != '\n')
        bol--;
    if (strncmp(bol, "<!-- example:", 13) == 0 || strncmp(bol, "<!-- excerpt:", 13) == 0)
        return bol;
    return NULL;
}

static int read_guide(void **state)
{
    (void)state;
    const char *root = getenv("BULWARK_SOURCE_DIR");
    char path[1024];
    snprintf(path, sizeof path, "%s/scripts/AUTHORING.md", root ? root : ".");
    guide = run_slurp(path);
    if (!guide) {
        print_error("cannot read %s\n", path);
        return -1;
    }
    snprintf(tmp, sizeof tmp, "/tmp/bulwark-authoring-XXXXXX");
    if (!mkdtemp(tmp))
        return -1;
    for (const char *p = guide; (p = strstr(p, "```lua")) != NULL;) {
        if (p != guide && p[-1] != '\n') {
            p += 6;
            continue;
        }
        if (nblocks == MAX_BLOCKS) {
            print_error("more than %d Lua blocks: raise MAX_BLOCKS\n", MAX_BLOCKS);
            return -1;
        }
        block *b = &blocks[nblocks++];
        memset(b, 0, sizeof *b);
        b->line = line_at(p);
        const char *m = marker_before(p);
        if (m) {
            b->excerpt = strncmp(m, "<!-- excerpt:", 13) == 0;
            int got = sscanf(m + 13, " %63s %15s %63s", b->name, b->kind, b->arg);
            if (b->excerpt)
                b->kind[0] = '\0';
            else if (got < 2)
                b->name[0] = '\0'; /* malformed: reported by the test */
            if (strcmp(b->kind, "-->") == 0)
                b->kind[0] = '\0';
            if (strcmp(b->arg, "-->") == 0)
                b->arg[0] = '\0';
        }
        const char *after = NULL;
        b->body = fence_body(p, &after);
        if (!b->body) {
            print_error("AUTHORING.md:%d: the ```lua block is not closed\n", b->line);
            return -1;
        }
        /* A failing example: the output block that follows it. */
        if (strcmp(b->kind, "fails") == 0) {
            const char *q = after;
            while (*q == '\n' || *q == ' ')
                q++;
            if (strncmp(q, "```\n", 4) == 0)
                b->expected = fence_body(q, &after);
        }
        p = after;
    }
    return 0;
}

static int cleanup(void **state)
{
    (void)state;
    for (int i = 0; i < nblocks; i++) {
        free(blocks[i].body);
        free(blocks[i].expected);
    }
    free(guide);
    DIR *d = opendir(tmp);
    if (d) {
        for (struct dirent *e; (e = readdir(d));) {
            char p[400];
            snprintf(p, sizeof p, "%s/%s", tmp, e->d_name);
            if (e->d_name[0] != '.')
                unlink(p);
        }
        closedir(d);
    }
    rmdir(tmp);
    return 0;
}

/* ---- running the examples ------------------------------------------------------------------ */

typedef struct failures {
    char text[16384];
    int count;
} failures;

static void fail_at(failures *f, const block *b, const char *fmt, ...)
{
    size_t used = strlen(f->text);
    int w = snprintf(f->text + used, sizeof f->text - used, "AUTHORING.md:%d: example '%s' (%s): ", b->line,
                     b->name, b->excerpt ? "excerpt" : b->kind);
    if (w > 0 && (size_t)w < sizeof f->text - used) {
        used += (size_t)w;
        va_list ap;
        va_start(ap, fmt);
        vsnprintf(f->text + used, sizeof f->text - used, fmt, ap);
        va_end(ap);
        used = strlen(f->text);
        if (used + 2 < sizeof f->text)
            strcat(f->text, "\n");
    }
    f->count++;
}

static void write_file(const char *path, const char *text)
{
    FILE *fp = fopen(path, "wb");
    assert_non_null(fp);
    fputs(text, fp);
    assert_int_equal(fclose(fp), 0);
}

static const char *file_of(const char *name, const char *ext)
{
    static char bufs[4][256];
    static int next;
    char *b = bufs[next++ % 4];
    snprintf(b, sizeof bufs[0], "%s/%s%s", tmp, name, ext);
    return b;
}

/* The output's first lines, for a failure message (two buffers: one
 * message may show both the output and the errors). */
static const char *brief(const char *s)
{
    static char bufs[2][600];
    static int next;
    char *buf = bufs[next++ % 2];
    snprintf(buf, sizeof bufs[0], "%.590s", s);
    return buf;
}

static void run_example(const block *b, failures *f)
{
    const char *k = b->kind;
    if (strcmp(k, "test") == 0) {
        const char *p = file_of(b->name, ".test.lua");
        write_file(p, b->body);
        assert_int_equal(run_bulwark((char *[]){ "bulwark", "test", (char *)p, NULL }, &r), 0);
        bool some_ok = strncmp(r.out, "ok   ", 5) == 0 || strstr(r.out, "\nok   ");
        if (r.status != 0 || !strstr(r.out, " 0 failed") || !some_ok)
            fail_at(f, b, "bulwark test exited %d:\n%s%s", r.status, brief(r.out), brief(r.err));
        return;
    }
    const char *p = file_of(b->name, ".lua");
    write_file(p, b->body);
    if (strcmp(k, "bot") == 0) {
        if (!b->arg[0]) {
            fail_at(f, b, "a bot example names its scenario: <!-- example: NAME bot SCENARIO -->");
            return;
        }
        const char *scen = file_of(b->arg, ".lua");
        assert_int_equal(run_bulwark((char *[]){ "bulwark", "run", (char *)scen, "--player", (char *)p, NULL }, &r), 0);
        if (r.status != 0 || !strstr(r.out, "=== Debrief: "))
            fail_at(f, b, "bulwark run %s.lua --player %s.lua exited %d:\n%s", b->arg, b->name, r.status,
                    brief(r.err));
        return;
    }
    bool fails = strcmp(k, "fails") == 0;
    assert_int_equal(run_bulwark((char *[]){ "bulwark", "check", fails ? (char *)p : "--werror",
                                             fails ? NULL : (char *)p, NULL },
                                 &r),
                     0);
    if (fails) {
        if (r.status != 1)
            fail_at(f, b, "bulwark check should exit 1, not %d", r.status);
        if (!b->expected) {
            fail_at(f, b, "a failing example is followed by a ``` block of the messages it prints");
            return;
        }
        for (const char *line = b->expected; *line;) {
            size_t n = strcspn(line, "\n");
            char want[512];
            snprintf(want, sizeof want, "%.*s", (int)n, line);
            if (n && !strstr(r.err, want))
                fail_at(f, b, "bulwark check does not print '%s'; it printed:\n%s", want, brief(r.err));
            line += n + (line[n] == '\n');
        }
        return;
    }
    if (strcmp(k, "check") != 0 && strcmp(k, "run") != 0) {
        fail_at(f, b, "unknown kind '%s' (check, run, test, bot, fails)", k);
        return;
    }
    if (r.status != 0) {
        fail_at(f, b, "bulwark check --werror exited %d:\n%s%s", r.status, brief(r.out), brief(r.err));
        return;
    }
    if (strcmp(k, "run") == 0) {
        assert_int_equal(run_bulwark((char *[]){ "bulwark", "run", (char *)p, "--player", "sensible", NULL }, &r), 0);
        if (r.status != 0 || !strstr(r.out, "=== Debrief: WON"))
            fail_at(f, b, "the sensible bot should win it (exit %d):\n%s%s", r.status, brief(r.out), brief(r.err));
    }
}

/* Trimmed copy of the line at p (up to the newline). */
static void trimmed(const char *p, char *out, size_t n)
{
    while (*p == ' ' || *p == '\t')
        p++;
    size_t len = strcspn(p, "\n");
    while (len && (p[len - 1] == ' ' || p[len - 1] == '\t'))
        len--;
    snprintf(out, n, "%.*s", (int)len, p);
}

/* Each non-empty line of the excerpt is a line of the example, in order. */
static void check_excerpt(const block *b, failures *f)
{
    const block *ex = NULL;
    for (int i = 0; i < nblocks && !ex; i++)
        if (!blocks[i].excerpt && strcmp(blocks[i].name, b->name) == 0 && strcmp(blocks[i].kind, "test") != 0)
            ex = &blocks[i];
    if (!ex) {
        fail_at(f, b, "no example named '%s' to be an excerpt of", b->name);
        return;
    }
    const char *at = ex->body;
    for (const char *line = b->body; *line; line += strcspn(line, "\n") + (line[strcspn(line, "\n")] == '\n')) {
        char want[512], have[512];
        trimmed(line, want, sizeof want);
        if (!want[0])
            continue;
        bool found = false;
        while (*at && !found) {
            trimmed(at, have, sizeof have);
            found = strcmp(have, want) == 0;
            at += strcspn(at, "\n") + (at[strcspn(at, "\n")] == '\n');
        }
        if (!found) {
            fail_at(f, b, "this line is not in example '%s' (or not in this order): %s", b->name, want);
            return;
        }
    }
}

/* ---- the tests ---------------------------------------------------------------------------------- */

static void test_every_lua_block_is_marked(void **state)
{
    (void)state;
    failures f = { "", 0 };
    for (int i = 0; i < nblocks; i++)
        if (!blocks[i].name[0])
            fail_at(&f, &blocks[i], "no <!-- example: NAME KIND --> or <!-- excerpt: NAME --> before it");
    if (f.count)
        print_error("%s", f.text);
    assert_int_equal(f.count, 0);
}

static void test_the_guide_has_its_examples(void **state)
{
    (void)state;
    static const char *const kinds[] = { "check", "run", "test", "bot", "fails" };
    int examples = 0, excerpts = 0, of_kind[5] = { 0 };
    for (int i = 0; i < nblocks; i++) {
        if (blocks[i].excerpt) {
            excerpts++;
            continue;
        }
        examples++;
        for (int k = 0; k < 5; k++)
            of_kind[k] += strcmp(blocks[i].kind, kinds[k]) == 0;
    }
    print_message("AUTHORING.md: %d examples, %d excerpts\n", examples, excerpts);
    assert_true(examples >= MIN_EXAMPLES);
    assert_true(excerpts >= MIN_EXCERPTS);
    for (int k = 0; k < 5; k++) {
        if (strcmp(kinds[k], "check") == 0)
            continue; /* "run" examples are checked too */
        if (!of_kind[k])
            print_error("no '%s' example\n", kinds[k]);
        assert_true(of_kind[k] > 0);
    }
}

static void test_every_example_runs(void **state)
{
    (void)state;
    failures f = { "", 0 };
    int ran = 0;
    for (int i = 0; i < nblocks; i++)
        if (!blocks[i].excerpt && blocks[i].name[0]) {
            run_example(&blocks[i], &f);
            ran++;
        }
    if (f.count)
        print_error("%s", f.text);
    assert_int_equal(f.count, 0);
    assert_true(ran >= MIN_EXAMPLES);
}

static void test_every_excerpt_is_in_its_example(void **state)
{
    (void)state;
    failures f = { "", 0 };
    for (int i = 0; i < nblocks; i++)
        if (blocks[i].excerpt)
            check_excerpt(&blocks[i], &f);
    if (f.count)
        print_error("%s", f.text);
    assert_int_equal(f.count, 0);
}

/* The guide's balance command, run as written with --check: the targets
 * the guide sets (section 11) hold for the scenario it balances. */
static void test_the_balanced_example_meets_the_targets(void **state)
{
    (void)state;
    const char *cmd = strstr(guide, "\nbulwark balance ");
    assert_non_null(cmd);
    char name[64];
    int runs = 0;
    assert_int_equal(sscanf(cmd, "\nbulwark balance %63[a-z0-9_-].lua --runs %d", name, &runs), 2);
    const block *ex = NULL;
    for (int i = 0; i < nblocks && !ex; i++)
        if (!blocks[i].excerpt && strcmp(blocks[i].name, name) == 0 && strcmp(blocks[i].kind, "run") == 0)
            ex = &blocks[i];
    assert_non_null(ex);
    const char *p = file_of(name, ".lua");
    write_file(p, ex->body);
    char n[16];
    snprintf(n, sizeof n, "%d", runs);
    assert_int_equal(run_bulwark((char *[]){ "bulwark", "balance", (char *)p, "--runs", n, "--check", NULL }, &r),
                     0);
    if (r.status != 0)
        print_error("AUTHORING.md:%d: bulwark balance %s.lua --runs %d --check exited %d:\n%s%s\n", ex->line,
                    name, runs, r.status, brief(r.out), brief(r.err));
    assert_int_equal(r.status, 0);
    assert_null(strstr(r.out, "MISS"));
}

/* The checks themselves catch a broken example: a copy of the clinic with
 * a misspelt field fails, so does one a lint warns about, and an excerpt
 * with a line the example lacks. */
static void test_a_broken_example_is_caught(void **state)
{
    (void)state;
    const block *clinic = NULL;
    for (int i = 0; i < nblocks && !clinic; i++)
        if (!blocks[i].excerpt && strcmp(blocks[i].name, "clinic") == 0 && strcmp(blocks[i].kind, "run") == 0)
            clinic = &blocks[i];
    assert_non_null(clinic);
    block bad = *clinic;
    snprintf(bad.name, sizeof bad.name, "clinic-broken");
    bad.body = strdup(clinic->body);
    assert_non_null(bad.body);
    char *days = strstr(bad.body, "  days = ");
    assert_non_null(days);
    memcpy(days, "  dayz", 6);
    failures f = { "", 0 };
    run_example(&bad, &f);
    assert_int_equal(f.count, 1);
    assert_non_null(strstr(f.text, "clinic-broken"));
    free(bad.body);

    /* loads, but a value no attacker can take is a warning: not clean */
    bad = *clinic;
    snprintf(bad.name, sizeof bad.name, "clinic-warns");
    bad.body = strdup(clinic->body);
    assert_non_null(bad.body);
    char *users = strstr(bad.body, "users = 4000 },");
    assert_non_null(users);
    memcpy(users, "value = 99 },  ", 15);
    memset(&f, 0, sizeof f);
    run_example(&bad, &f);
    assert_int_equal(f.count, 1);
    assert_non_null(strstr(f.text, "[unreachable-asset]"));
    free(bad.body);

    block excerpt = { .line = 1, .excerpt = true };
    snprintf(excerpt.name, sizeof excerpt.name, "clinic");
    excerpt.body = strdup("  days = 6,\n  seed = 12,\n");
    assert_non_null(excerpt.body);
    memset(&f, 0, sizeof f);
    check_excerpt(&excerpt, &f);
    assert_int_equal(f.count, 1);
    assert_non_null(strstr(f.text, "seed = 12"));
    free(excerpt.body);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_every_lua_block_is_marked),
        cmocka_unit_test(test_the_guide_has_its_examples),
        cmocka_unit_test(test_every_example_runs),
        cmocka_unit_test(test_every_excerpt_is_in_its_example),
        cmocka_unit_test(test_the_balanced_example_meets_the_targets),
        cmocka_unit_test(test_a_broken_example_is_caught),
    };
    return cmocka_run_group_tests(tests, read_guide, cleanup);
}
