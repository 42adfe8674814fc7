/* test_hostile.c — every file of the hostile-input corpus (tests/hostile/,
 * see its README.md) against every command that reads it, with the built
 * binary: `bulwark check`, `bulwark run` (with the sensible bot, so the
 * player's actions and answers run the scenario's on_action and on_answer
 * too), `bulwark test` (a generated NAME.test.lua that plays the scenario
 * and asks for its debrief) and `bulwark play` without a display (the
 * headless path). Then replays: a real record of log4shell, made here,
 * broken in every way a record can be (generated, never committed) and
 * given to `run --actions` and `play --actions`.
 *
 * Each command must meet each file with exit status 1 (not 0, not 2 or 3,
 * not a signal), an error that names the file (and its line, for a
 * script's error), says what the file's "-- expect:" lines say, and holds
 * no "(null)", no pointer, no escape character and no malformed UTF-8,
 * within a bounded CPU time (the child's, from getrusage(RUSAGE_CHILDREN)
 * around its waitpid, not wall time). Exceptions, each declared in the file's header:
 *   -- phase: play   the problem shows only while playing: check (which
 *                    loads without playing) must pass the file, exit 0;
 *   -- line: none    no line is known (the file is not Lua, or the parser
 *                    stopped before any line);
 * and the files of tests/hostile/sound/, which the sandbox absorbs: they
 * play to the end (exit 0) and must not print "ESCAPED".
 *
 * The CPU bound is 1 s a command, for every file; under AddressSanitizer
 * 3 s (its shadow memory and quarantine make a 32 MiB memory bomb cost
 * about three times as much; test_escape.c uses the same figure).
 *
 * The truncated-record sweep cuts the record at every byte in-process
 * (record_log_parse and record_summary_parse, all cuts) and through the
 * binary at about 40 cut points spread over the file. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <cjson/cJSON.h>
#include <ctype.h>
#include <dirent.h>
#include <fcntl.h>
#include <stdbool.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/time.h>

#include "app/run.h"
#include "bulwark/error.h"
#include "bulwark/record.h"

#if defined(__SANITIZE_ADDRESS__)
#define CPU_SECONDS 3.0
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define CPU_SECONDS 3.0
#endif
#endif
#ifndef CPU_SECONDS
#define CPU_SECONDS 1.0
#endif

#define MAX_FILES 256
#define MAX_EXPECT 10

typedef struct hostile_file {
    char name[128];           /* as passed: relative to tests/hostile/, or a generated path */
    char base[128];           /* the file name the messages must show */
    char expect[MAX_EXPECT][200];
    int nexpect;
    bool play;                /* fails only once played */
    bool no_line;             /* no line is known */
    bool sound;               /* plays to its end */
    bool bare;                /* the name may stand without a colon ("x.json was recorded ...") */
} hostile_file;

static hostile_file files[MAX_FILES];
static int nfiles;
static char corpus[1024];     /* tests/hostile, absolute */
static char tmp[64];          /* our scratch folder */
static char record[128];      /* a real record of log4shell */
static char *record_text;
static size_t record_len;

/* ---- running a command ------------------------------------------------------ */

/* run_bulwark, timed by the child's CPU time: waitpid in run.h reaps it,
 * and RUSAGE_CHILDREN grows by exactly its usage (user + system). */
static double run_timed(char *const argv[], run_result *r)
{
    struct rusage before, after;
    getrusage(RUSAGE_CHILDREN, &before);
    assert_int_equal(run_bulwark(argv, r), 0);
    getrusage(RUSAGE_CHILDREN, &after);
    double t0 = (double)(before.ru_utime.tv_sec + before.ru_stime.tv_sec) +
                (double)(before.ru_utime.tv_usec + before.ru_stime.tv_usec) / 1e6;
    double t1 = (double)(after.ru_utime.tv_sec + after.ru_stime.tv_sec) +
                (double)(after.ru_utime.tv_usec + after.ru_stime.tv_usec) / 1e6;
    return t1 - t0;
}

/* Does a 0x followed by six or more hex digits (a pointer) appear? */
static bool has_pointer(const char *s)
{
    for (const char *p = strstr(s, "0x"); p; p = strstr(p + 2, "0x")) {
        int n = 0;
        while (isxdigit((unsigned char)p[2 + n]))
            n++;
        if (n >= 6)
            return true;
    }
    return false;
}

/* The line of text that holds at. */
static void line_of(const char *text, const char *at, char *out, size_t n)
{
    const char *start = at, *end = strchr(at, '\n');
    while (start > text && start[-1] != '\n')
        start--;
    size_t len = end ? (size_t)(end - start) : strlen(start);
    snprintf(out, n, "%.*s", (int)(len < n ? len : n - 1), start);
}

/* Does line name base with a line number ("base:12:")? */
static bool names_line(const char *line, const char *base)
{
    size_t bl = strlen(base);
    for (const char *p = strstr(line, base); p; p = strstr(p + 1, base)) {
        const char *q = p + bl;
        if (*q != ':' || !isdigit((unsigned char)q[1]))
            continue;
        q++;
        while (isdigit((unsigned char)*q))
            q++;
        if (*q == ':')
            return true;
    }
    return false;
}

/* Everything a hostile file's error must be. text is what the command
 * printed where its errors go (stderr; for test, stdout and stderr). */
static void assert_refused(const hostile_file *f, const char *cmd, const run_result *r, const char *text,
                           double took, bool any_expect)
{
    double limit = CPU_SECONDS;
    bool ok = r->status == 1 && took < limit;
    char where[160];
    snprintf(where, sizeof where, "%s%s", f->base, f->bare ? "" : ":");
    const char *named = strstr(text, where);
    ok = ok && named;
    int met = 0;
    for (int k = 0; ok && k < f->nexpect; k++) {
        /* every place it is said: the file's own name may hold the words */
        for (const char *at = strstr(text, f->expect[k]); at; at = strstr(at + 1, f->expect[k])) {
            char line[1024];
            line_of(text, at, line, sizeof line);
            if (strstr(line, where) && (f->no_line || names_line(line, f->base))) {
                met++;
                break;
            }
        }
    }
    /* test shows a scenario's first problem only ("and 2 more: see bulwark check") */
    ok = ok && (any_expect ? met > 0 || f->nexpect == 0 : met == f->nexpect);
    if (!ok)
        print_message("%s %s: status %d after %.2f s CPU (limit %.1f); wanted \"%s\"%s and every "
                      "expect line on a line naming it; got:\n%s\n",
                      cmd, f->name, r->status, took, limit, where, f->no_line ? "" : " with a line number",
                      text);
    assert_true(r->status < 128); /* no signal: no crash, no abort */
    assert_int_equal(r->status, 1);
    assert_true(took < limit);
    assert_true(ok);
    assert_null(strstr(text, "(null)"));
    assert_false(has_pointer(text));
    assert_null(strchr(text, '\033'));
    assert_true(bw_utf8_valid(r->out, strlen(r->out), NULL));
    assert_true(bw_utf8_valid(r->err, strlen(r->err), NULL));
    assert_null(strstr(r->out, "ESCAPED"));
}

static void assert_played(const hostile_file *f, const char *cmd, const run_result *r, double took)
{
    if (r->status != 0 || took >= CPU_SECONDS)
        print_message("%s %s: status %d after %.2f s CPU\n%s\n%s\n", cmd, f->name, r->status, took, r->out,
                      r->err);
    assert_int_equal(r->status, 0);
    assert_true(took < CPU_SECONDS);
    assert_null(strstr(r->out, "ESCAPED"));
    assert_null(strstr(r->err, "ESCAPED"));
    assert_null(strchr(r->out, '\033'));
    assert_true(bw_utf8_valid(r->out, strlen(r->out), NULL));
}

/* ---- the corpus --------------------------------------------------------------- */

static void read_header(hostile_file *f, const char *path)
{
    FILE *in = fopen(path, "rb");
    char line[512];
    while (in && fgets(line, sizeof line, in) && strncmp(line, "--", 2) == 0) {
        line[strcspn(line, "\r\n")] = '\0';
        if (strncmp(line, "-- expect: ", 11) == 0 && f->nexpect < MAX_EXPECT)
            snprintf(f->expect[f->nexpect++], sizeof f->expect[0], "%.190s", line + 11);
        else if (strncmp(line, "-- phase: play", 14) == 0)
            f->play = true;
        else if (strncmp(line, "-- line: none", 13) == 0)
            f->no_line = true;
    }
    if (in)
        fclose(in);
}

static int cmp_file(const void *a, const void *b)
{
    return strcmp(((const hostile_file *)a)->name, ((const hostile_file *)b)->name);
}

static void add_dir(const char *sub, bool sound)
{
    char dir[1200];
    snprintf(dir, sizeof dir, "%s%s%s", corpus, sub[0] ? "/" : "", sub);
    DIR *d = opendir(dir);
    if (!d)
        return;
    for (struct dirent *e; (e = readdir(d)) && nfiles < MAX_FILES;) {
        size_t n = strlen(e->d_name);
        if (n < 5 || strcmp(e->d_name + n - 4, ".lua") != 0)
            continue;
        hostile_file *f = &files[nfiles++];
        memset(f, 0, sizeof *f);
        snprintf(f->name, sizeof f->name, "%s%s%s", sub, sub[0] ? "/" : "", e->d_name);
        snprintf(f->base, sizeof f->base, "%s", e->d_name);
        f->sound = sound;
        char path[1400];
        snprintf(path, sizeof path, "%s/%s", corpus, f->name);
        read_header(f, path);
    }
    closedir(d);
}

/* Files that are not Lua at all, made here (never committed). */
static void write_file(const char *path, const void *data, size_t len)
{
    FILE *out = fopen(path, "wb");
    assert_non_null(out);
    if (len)
        assert_int_equal(fwrite(data, 1, len, out), len);
    fclose(out);
}

static hostile_file *add_generated(const char *base, const char *expect)
{
    hostile_file *f = &files[nfiles++];
    memset(f, 0, sizeof *f);
    snprintf(f->name, sizeof f->name, "%s/%s", tmp, base);
    snprintf(f->base, sizeof f->base, "%s", base);
    snprintf(f->expect[0], sizeof f->expect[0], "%s", expect);
    f->nexpect = expect[0] ? 1 : 0;
    f->no_line = true;
    return f;
}

static void make_not_lua(void)
{
    char path[256];
    snprintf(path, sizeof path, "%s/empty.lua", tmp);
    write_file(path, "", 0);
    add_generated("empty.lua", "must return a table");

    unsigned char noise[65536];
    uint32_t x = 2463534242u; /* xorshift: the same bytes every run */
    for (size_t i = 0; i < sizeof noise; i++) {
        x ^= x << 13, x ^= x >> 17, x ^= x << 5;
        noise[i] = (unsigned char)x;
    }
    noise[0] = 0x7f; /* not an ESC: the binary-chunk check must not be the one that stops it */
    snprintf(path, sizeof path, "%s/noise.lua", tmp);
    write_file(path, noise, sizeof noise);
    add_generated("noise.lua", "");

    char nul[4096];
    memset(nul, 0, sizeof nul);
    snprintf(path, sizeof path, "%s/nul.lua", tmp);
    write_file(path, nul, sizeof nul);
    add_generated("nul.lua", "");

    static const char png[] = "\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\0\x01\0\0\0\x01\x08\x06\0\0\0";
    snprintf(path, sizeof path, "%s/picture.lua", tmp);
    write_file(path, png, sizeof png - 1);
    add_generated("picture.lua", "");

    static const char shell[] = "#!/bin/sh\nrm -rf \"$HOME\"\n";
    snprintf(path, sizeof path, "%s/shell.lua", tmp);
    write_file(path, shell, sizeof shell - 1);
    add_generated("shell.lua", "");

    /* Valid Lua up to a NUL byte, then more: the loader must not stop at the NUL. */
    static const char half[] = "return scenario { id = \"half\", title = \"t\", days = 1,\0 nodes = {} }";
    snprintf(path, sizeof path, "%s/half.lua", tmp);
    write_file(path, half, sizeof half - 1);
    add_generated("half.lua", "");

    /* 100 MB: sparse, so making it costs nothing; the reader must stop at its cap. */
    snprintf(path, sizeof path, "%s/huge.lua", tmp);
    int fd = open(path, O_CREAT | O_TRUNC | O_WRONLY, 0644);
    assert_true(fd >= 0);
    assert_int_equal(ftruncate(fd, 100L << 20), 0);
    close(fd);
    add_generated("huge.lua", "larger than");

    /* Just over the 4 MiB a scenario may be, all of it a valid comment. */
    snprintf(path, sizeof path, "%s/over.lua", tmp);
    FILE *out = fopen(path, "wb");
    assert_non_null(out);
    fputs("--[[", out);
    for (int i = 0; i < (4 << 20) / 64 + 1; i++)
        fputs("a comment that goes on and on and on and on and on and on and on\n", out);
    fputs("]] return scenario { id = \"over\", title = \"t\", days = 1, nodes = {} }\n", out);
    fclose(out);
    add_generated("over.lua", "larger than");

    snprintf(path, sizeof path, "%s/folder.lua", tmp);
    assert_int_equal(mkdir(path, 0755), 0);
    add_generated("folder.lua", ""); /* test takes a folder for a folder of scenarios */
}

/* ---- one corpus file against every command ------------------------------------ */

/* NAME.test.lua beside a link to the scenario in tmp, so `bulwark test`
 * finds it as it finds any scenario's tests. */
static void make_test_file(const hostile_file *f, char *scenario, size_t n)
{
    char tests[512], target[1400];
    snprintf(scenario, n, "%s/t-%s", tmp, f->base);
    snprintf(tests, sizeof tests, "%.*s.test.lua", (int)(strlen(scenario) - 4), scenario);
    if (f->name[0] == '/')
        snprintf(target, sizeof target, "%s", f->name);
    else
        snprintf(target, sizeof target, "%s/%s", corpus, f->name);
    unlink(scenario);
    if (symlink(target, scenario) != 0)
        fail_msg("cannot link %s", scenario);
    static const char body[] =
        "-- made by test_hostile.c: play the scenario beside this file to its end\n"
        "test(\"the scenario plays to its end\", function()\n"
        "  local g = game{}\n"
        "  g:run{ player = \"sensible\" }\n"
        "  eq(type(g:debrief()), \"string\")\n"
        "  ok(g:over())\n"
        "end)\n";
    write_file(tests, body, sizeof body - 1);
}

static void run_file(void **state)
{
    const hostile_file *f = *state;
    static run_result r;
    static char both[sizeof r.out + sizeof r.err + 2];
    char out[128];
    snprintf(out, sizeof out, "%s/out.json", tmp);
    unlink(out);

    double took = run_timed((char *const[]){ "bulwark", "check", (char *)f->name, NULL }, &r);
    if (f->sound || f->play)
        assert_played(f, "check", &r, took);
    else
        assert_refused(f, "check", &r, r.err, took, false);

    took = run_timed((char *const[]){ "bulwark", "run", (char *)f->name, "--player", "sensible", "--json", out,
                                      "--quiet", NULL },
                     &r);
    if (f->sound) {
        assert_played(f, "run", &r, took);
    } else {
        assert_refused(f, "run", &r, r.err, took, false);
        assert_int_equal(access(out, F_OK), -1); /* a refused game writes no record */
    }

    char scenario[512];
    make_test_file(f, scenario, sizeof scenario);
    hostile_file shown = *f;
    snprintf(shown.base, sizeof shown.base, "t-%.120s", f->base);
    took = run_timed((char *const[]){ "bulwark", "test", scenario, NULL }, &r);
    snprintf(both, sizeof both, "%s\n%s", r.out, r.err); /* test reports failures as test output */
    if (f->sound)
        assert_played(&shown, "test", &r, took);
    else
        assert_refused(&shown, "test", &r, both, took, true);

    took = run_timed((char *const[]){ "bulwark", "play", (char *)f->name, "--no-store", NULL }, &r);
    if (f->sound)
        assert_played(f, "play", &r, took);
    else
        assert_refused(f, "play", &r, r.err, took, false);
}

/* ---- replays ------------------------------------------------------------------------ */

static void replay_refused(const char *path, const char *base, const char *expect)
{
    static run_result r;
    hostile_file f;
    memset(&f, 0, sizeof f);
    snprintf(f.name, sizeof f.name, "%s", path);
    snprintf(f.base, sizeof f.base, "%s", base);
    snprintf(f.expect[0], sizeof f.expect[0], "%s", expect);
    f.nexpect = expect[0] ? 1 : 0;
    f.no_line = true;
    f.bare = true;
    double took = run_timed((char *const[]){ "bulwark", "run", "log4shell", "--actions", (char *)path, "--quiet",
                                             NULL },
                            &r);
    assert_refused(&f, "run --actions", &r, r.err, took, false);
    took = run_timed((char *const[]){ "bulwark", "play", "log4shell", "--actions", (char *)path, "--no-store", NULL },
                     &r);
    assert_refused(&f, "play --actions", &r, r.err, took, false);
}

/* The record with one change, written to tmp/base and replayed. */
typedef void (*mutate_fn)(cJSON *rec);

static cJSON *first_action(cJSON *rec)
{
    cJSON *a = cJSON_GetObjectItemCaseSensitive(rec, "actions");
    assert_true(cJSON_GetArraySize(a) >= 2);
    return cJSON_GetArrayItem(a, 0);
}

/* Set o[k], adding it when absent (Replace alone changes nothing then). */
static void set_num(cJSON *o, const char *k, double v)
{
    cJSON_DeleteItemFromObjectCaseSensitive(o, k);
    cJSON_AddItemToObject(o, k, cJSON_CreateNumber(v));
}

static void set_str(cJSON *o, const char *k, const char *v)
{
    cJSON_DeleteItemFromObjectCaseSensitive(o, k);
    cJSON_AddItemToObject(o, k, cJSON_CreateString(v));
}

static void m_format(cJSON *r) { set_num(r, "format", 2); }
static void m_format_text(cJSON *r) { set_str(r, "format", "1"); }
static void m_scenario_hash(cJSON *r) { set_str(cJSON_GetObjectItem(r, "scenario"), "hash", "0123456789abcdef"); }
static void m_world_hash(cJSON *r) { set_str(r, "world_hash", "0123456789abcdef"); }
static void m_scenario_id(cJSON *r) { set_str(cJSON_GetObjectItem(r, "scenario"), "id", "mirai"); }
static void m_scenario_id_bad(cJSON *r) { set_str(cJSON_GetObjectItem(r, "scenario"), "id", "\xff\xfe\x1b[2J"); }
static void m_seed(cJSON *r) { set_num(r, "seed", -1); }
static void m_seed_huge(cJSON *r) { set_num(r, "seed", 1e300); }
static void m_tick_negative(cJSON *r) { set_num(first_action(r), "tick", -1); }
static void m_tick_future(cJSON *r) { set_num(first_action(r), "tick", 1e9); }
static void m_tick_fraction(cJSON *r) { set_num(first_action(r), "tick", 2.5); }
static void m_tick_text(cJSON *r) { set_str(first_action(r), "tick", "3"); }
static void m_kind(cJSON *r) { set_str(first_action(r), "action", "frobnicate"); }
static void m_target(cJSON *r) { set_str(first_action(r), "target", "nowhere"); }
static void m_option(cJSON *r) { set_num(first_action(r), "option", 1e18); }
static void m_target_long(cJSON *r)
{
    static char big[10000];
    memset(big, 'x', sizeof big - 1);
    set_str(first_action(r), "target", big);
}
static void m_target_utf8(cJSON *r) { set_str(first_action(r), "target", "web\xc3\x28"); }
static void m_order(cJSON *r)
{
    cJSON *a = cJSON_GetObjectItemCaseSensitive(r, "actions");
    int n = cJSON_GetArraySize(a);
    cJSON *last = cJSON_DetachItemFromArray(a, n - 1);
    cJSON_InsertItemInArray(a, 0, last); /* the last action first */
    (void)n;
}
static void m_actions_object(cJSON *r) { cJSON_ReplaceItemInObjectCaseSensitive(r, "actions", cJSON_CreateObject()); }
static void m_many(cJSON *r)
{
    cJSON *a = cJSON_GetObjectItemCaseSensitive(r, "actions");
    cJSON *one = cJSON_GetArrayItem(a, 0);
    for (int i = 0; i < 200000; i++)
        cJSON_AddItemToArray(a, cJSON_Duplicate(one, true));
}

static const struct {
    const char *base;
    mutate_fn mutate;
    const char *expect;
} mutations[] = {
    { "format2.json", m_format, "unsupported record format" },
    { "format-text.json", m_format_text, "unsupported record format" },
    { "scenario-hash.json", m_scenario_hash, "different version" },
    { "world-hash.json", m_world_hash, "replay diverged" },
    { "scenario-id.json", m_scenario_id, "a record of scenario 'mirai'" },
    { "scenario-id-bad.json", m_scenario_id_bad, "" },
    { "seed-negative.json", m_seed, "seed" },
    { "seed-huge.json", m_seed_huge, "seed" },
    { "tick-negative.json", m_tick_negative, "tick" },
    { "tick-future.json", m_tick_future, "tick" },
    { "tick-fraction.json", m_tick_fraction, "tick" },
    { "tick-text.json", m_tick_text, "tick" },
    { "kind.json", m_kind, "unknown action 'frobnicate'" },
    { "target.json", m_target, "nowhere" },
    { "target-long.json", m_target_long, "target too long" },
    { "target-utf8.json", m_target_utf8, "" },
    { "option.json", m_option, "'option' must be 1.." },
    { "order.json", m_order, "goes back in time" },
    { "actions-object.json", m_actions_object, "actions" },
    { "many.json", m_many, "" },
};
#define MUTATION_COUNT (sizeof mutations / sizeof mutations[0])

static void replay_mutations(void **state)
{
    (void)state;
    for (size_t i = 0; i < MUTATION_COUNT; i++) {
        cJSON *rec = cJSON_Parse(record_text);
        assert_non_null(rec);
        mutations[i].mutate(rec);
        char *text = cJSON_Print(rec);
        assert_non_null(text);
        char path[256];
        snprintf(path, sizeof path, "%s/%s", tmp, mutations[i].base);
        write_file(path, text, strlen(text));
        free(text);
        cJSON_Delete(rec);
        replay_refused(path, mutations[i].base, mutations[i].expect);
        unlink(path);
    }
}

static void replay_not_json(void **state)
{
    (void)state;
    static const struct {
        const char *base, *text, *expect;
        size_t len;
    } cases[] = {
        { "empty.json", "", "not valid JSON", 0 },
        { "brace.json", "{", "not valid JSON", 1 },
        { "array.json", "[]", "", 2 },
        { "null.json", "null", "", 4 },
        { "string.json", "\"record\"", "", 8 },
        { "utf8.json", "{\"format\": 1, \"scenario\": {\"id\": \"\xff\xfe\"}}", "", 39 },
        { "nul.json", "{\"format\": 1,\0 \"seed\": 1}", "", 25 },
        { "escape.json", "\x1b[2J\x1b]0;owned\x07", "not valid JSON", 14 },
    };
    char path[256];
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        snprintf(path, sizeof path, "%s/%s", tmp, cases[i].base);
        write_file(path, cases[i].text, cases[i].len);
        replay_refused(path, cases[i].base, cases[i].expect);
        unlink(path);
    }
    /* Nested 100 000 deep: the JSON reader must not recurse that far. */
    snprintf(path, sizeof path, "%s/deep.json", tmp);
    FILE *out = fopen(path, "wb");
    assert_non_null(out);
    for (int i = 0; i < 100000; i++)
        fputc('[', out);
    fclose(out);
    replay_refused(path, "deep.json", "not valid JSON");
    unlink(path);
    /* 100 MB, sparse: over the record size cap, refused before it is read. */
    snprintf(path, sizeof path, "%s/huge.json", tmp);
    int fd = open(path, O_CREAT | O_TRUNC | O_WRONLY, 0644);
    assert_true(fd >= 0);
    assert_int_equal(ftruncate(fd, 100L << 20), 0);
    close(fd);
    replay_refused(path, "huge.json", "larger than 64 MiB");
    unlink(path);
    snprintf(path, sizeof path, "%s/folder.json", tmp);
    assert_int_equal(mkdir(path, 0755), 0);
    replay_refused(path, "folder.json", "is a directory");
    rmdir(path);
}

/* Every prefix of the record, in-process: each is refused with a message
 * that starts with the name, or (a prefix past the closing brace) read as
 * the whole record. */
static void truncated_in_process(void **state)
{
    (void)state;
    char *buf = malloc(record_len + 1);
    assert_non_null(buf);
    record_log whole = { 0 };
    bw_err e;
    assert_int_equal(record_log_parse(record_text, "rec.json", &whole, &e), BW_OK);
    size_t end = record_len;
    while (end > 0 && record_text[end - 1] != '}')
        end--;
    for (size_t n = 0; n < record_len; n++) {
        memcpy(buf, record_text, n);
        buf[n] = '\0';
        record_log log = { 0 };
        int rc = record_log_parse(buf, "rec.json", &log, &e);
        if (n < end) {
            if (rc == BW_OK)
                print_message("a record cut at byte %zu of %zu was accepted\n", n, record_len);
            assert_true(rc < 0);
            assert_int_equal(strncmp(e.msg, "rec.json: ", 10), 0);
        } else {
            assert_int_equal(rc, BW_OK);
            assert_int_equal(log.count, whole.count);
        }
        record_log_free(&log);
        record_summary sum;
        rc = record_summary_parse(buf, "rec.json", &sum, &e);
        assert_true(n < end ? rc < 0 : rc == BW_OK);
    }
    record_log_free(&whole);
    free(buf);
}

/* The same through the binary, at about forty cut points. */
static void truncated_binary(void **state)
{
    (void)state;
    char path[256];
    snprintf(path, sizeof path, "%s/cut.json", tmp);
    size_t step = record_len / 40 + 1;
    for (size_t n = 0; n < record_len - 2; n += step) {
        write_file(path, record_text, n);
        replay_refused(path, "cut.json", "");
    }
    unlink(path);
}

/* ---- setup ------------------------------------------------------------------------ */

static int setup(void **state)
{
    (void)state;
    const char *bin = getenv("BULWARK_BINARY");
    char abs[4096], cwd[2048];
    if (!bin || !getcwd(cwd, sizeof cwd))
        return -1;
    snprintf(abs, sizeof abs, "%s%s%s", bin[0] == '/' ? "" : cwd, bin[0] == '/' ? "" : "/", bin);
    if (setenv("BULWARK_BINARY", abs, 1) != 0)
        return -1;
    /* play must take its headless path, and nothing may touch the user's files */
    unsetenv("DISPLAY");
    unsetenv("WAYLAND_DISPLAY");
    snprintf(tmp, sizeof tmp, "/tmp/bulwark-hostile-XXXXXX");
    if (!mkdtemp(tmp))
        return -1;
    setenv("XDG_DATA_HOME", tmp, 1);
    setenv("HOME", tmp, 1);
    const char *root = getenv("BULWARK_SOURCE_DIR");
    snprintf(corpus, sizeof corpus, "%.900s/tests/hostile", root ? root : cwd);
    if (corpus[0] != '/') {
        char rel[1024];
        snprintf(rel, sizeof rel, "%s", corpus);
        snprintf(corpus, sizeof corpus, "%.900s/%.100s", cwd, rel);
    }
    /* The corpus files are passed by their names from their folder, as a
     * user would, so messages name them whatever the checkout's depth. */
    if (chdir(corpus) != 0)
        return -1;
    snprintf(record, sizeof record, "%s/log4shell.json", tmp);
    static run_result r;
    if (run_bulwark((char *const[]){ "bulwark", "run", "log4shell", "--player", "sensible", "--json", record,
                                     "--quiet", NULL },
                    &r) != 0 ||
        r.status != 0)
        return -1;
    record_text = run_slurp(record);
    record_len = record_text ? strlen(record_text) : 0;
    return record_text ? 0 : -1;
}

static int teardown(void **state)
{
    (void)state;
    free(record_text);
    char cmd[128];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", tmp);
    return system(cmd) == 0 ? 0 : -1;
}

/* "--shard K/N" runs every N-th case from the K-th (1-based), so CTest can
 * spread the corpus over the cores (CMakeLists.txt registers the shards):
 * under AddressSanitizer the whole corpus takes minutes on one core. */
static bool parse_shard(int argc, char **argv, int *k, int *n)
{
    *k = 1;
    *n = 1;
    if (argc == 1)
        return true;
    return argc == 3 && strcmp(argv[1], "--shard") == 0 && sscanf(argv[2], "%d/%d", k, n) == 2 && *n >= 1 &&
           *k >= 1 && *k <= *n;
}

int main(int argc, char **argv)
{
    (void)run_last_line;
    int shard, shards;
    if (!parse_shard(argc, argv, &shard, &shards)) {
        fprintf(stderr, "usage: test_hostile [--shard K/N]\n");
        return 2;
    }
    /* The generated files need the scratch folder before the group runs. */
    if (setup(NULL) != 0) {
        fprintf(stderr, "test_hostile: setup failed (BULWARK_BINARY, BULWARK_SOURCE_DIR, log4shell record)\n");
        return 1;
    }
    add_dir("", false);
    add_dir("sound", true);
    qsort(files, (size_t)nfiles, sizeof files[0], cmp_file);
    make_not_lua();
    static struct CMUnitTest tests[MAX_FILES + 8];
    int n = 0;
    for (int i = 0; i < nfiles; i++)
        tests[n++] = (struct CMUnitTest){ .name = files[i].name, .test_func = run_file,
                                          .initial_state = &files[i] };
    tests[n++] = (struct CMUnitTest){ .name = "a record cut at every byte is refused (in-process)",
                                      .test_func = truncated_in_process };
    tests[n++] = (struct CMUnitTest){ .name = "a record cut short is refused by run and play",
                                      .test_func = truncated_binary };
    tests[n++] = (struct CMUnitTest){ .name = "a record broken in any field is refused by run and play",
                                      .test_func = replay_mutations };
    tests[n++] = (struct CMUnitTest){ .name = "a record that is not JSON is refused by run and play",
                                      .test_func = replay_not_json };
    int kept = 0;
    for (int i = 0; i < n; i++)
        if (i % shards == shard - 1)
            tests[kept++] = tests[i];
    int failed = _cmocka_run_group_tests("hostile", tests, (size_t)kept, NULL, NULL);
    teardown(NULL);
    return failed;
}
