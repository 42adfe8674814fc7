/* cmd_test.c — `bulwark test [FILE…]`: run scenario tests (NAME.test.lua
 * beside NAME.lua; the runner is game/script/testrun.c). One line per
 * test, each failure as file:line: message, a summary; --json for tools.
 * Exit 0 when every test passed, 1 when one failed, a scenario has no
 * tests file or nothing ran, 2 on a usage error. */
#include "bulwark/app.h"
#include "bulwark/testrun.h"
#include "args.h"
#include "bulwark/record.h"

#include <cjson/cJSON.h>
#include <ctype.h>
#include <dirent.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

typedef struct test_job {
    char tests[1024];          /* the .test.lua file */
    char scenario[1024];       /* the scenario it belongs to, "" when unknown */
    bool missing;              /* the scenario has no tests file */
    bool not_scenario;         /* a bot, a library or a campaign: nothing to test */
} test_job;

typedef struct test_run {
    test_job *jobs;
    int count, cap;
    FILE *out;                 /* human output, NULL with --json - */
    const char *shown;         /* the file being run, as printed */
    cJSON *json_tests;         /* the current file's tests, when --json */
    int passed, failed, skipped, missing, files;
} test_run;

static void test_usage(FILE *out)
{
    fprintf(out,
            "usage: bulwark test [FILE...] [--match TEXT] [--json OUT]\n"
            "  Runs scenario tests: NAME.test.lua beside scenario NAME.lua. FILE is a\n"
            "  .test.lua file, a scenario (its tests beside it), a shipped scenario id or\n"
            "  a directory (a .lua in it that is not a scenario, a bot or a library,\n"
            "  is skipped); none: every shipped scenario in scripts/scenarios/.\n"
            "  --match TEXT  run only the tests whose name contains TEXT\n"
            "  --json OUT    write the results as JSON (- for standard output)\n"
            "  A test file runs in the sandbox with these globals:\n"
            "    test(name, fn)                  register a test (each runs in a fresh sandbox)\n"
            "    game{ seed = N, scenario = S }  a new game of NAME.lua (or S: a file or id)\n"
            "    g:act(action, target [, option]) or g:act{ action =, target =, option = }\n"
            "                                    -> accepted, reason\n"
            "    g:advance(ticks), g:advance_to_day(d), g:run{ player = BOT } -> g\n"
            "    g.tick, g:day(), g:hour(), g:over(), g:view() (what a bot sees)\n"
            "    g:node(id), g:vuln(id) (the truth), g:messages() (every log line),\n"
            "    g:timeline() (the lines the player saw), g:result(), g:debrief() (its text),\n"
            "    g:score(), g:defender(), g:tally(), g:actions()\n"
            "    ok(cond [, msg]), eq(a, b [, msg]), ne, ge, le, contains(list_or_string, text [, msg])\n"
            "  The reference is scripts/API.md section 14; a guide, scripts/AUTHORING.md.\n"
            "  Exit 0 when every test passed; 1 when a test failed, a scenario has no\n"
            "  tests file or no test ran; 2 on a usage error.\n");
}

/* path without the working directory in front, when it is under it. */
static const char *shown_path(const char *path)
{
    static char cwd[1024];
    if (!cwd[0] && !getcwd(cwd, sizeof cwd))
        return path;
    size_t n = strlen(cwd);
    if (n > 1 && strncmp(path, cwd, n) == 0 && path[n] == '/')
        return path + n + 1;
    return path;
}

static const char *base_name(const char *path)
{
    const char *slash = strrchr(path, '/');
    return slash ? slash + 1 : path;
}

static bool ends_with(const char *s, const char *tail)
{
    size_t n = strlen(s), m = strlen(tail);
    return n >= m && strcmp(s + n - m, tail) == 0;
}

static bool is_file(const char *p)
{
    struct stat st;
    return stat(p, &st) == 0 && S_ISREG(st.st_mode);
}

static bool is_dir(const char *p)
{
    struct stat st;
    return stat(p, &st) == 0 && S_ISDIR(st.st_mode);
}

static test_job *add_job(test_run *r)
{
    if (r->count == r->cap) {
        int ncap = r->cap ? r->cap * 2 : 16;
        test_job *p = realloc(r->jobs, (size_t)ncap * sizeof *p);
        if (!p)
            return NULL;
        r->jobs = p;
        r->cap = ncap;
    }
    test_job *j = &r->jobs[r->count++];
    memset(j, 0, sizeof *j);
    return j;
}

/* Does the file call the scenario constructor (`scenario {` or
 * `scenario(`) outside a line comment? Read, never run: a folder of an
 * author's work also holds bots (`return { decide = ... }`, AUTHORING.md
 * section 11), libraries and campaigns, which have no tests of their own.
 * A file that cannot be read, or is larger than a scenario may be, counts
 * as a scenario, so its error is reported. */
static bool looks_like_scenario(const char *path)
{
    enum { MAX_SOURCE = 4 << 20 }; /* the loader's limit (API.md, "Limits") */
    FILE *f = fopen(path, "rb");
    if (!f)
        return true;
    char *buf = malloc(MAX_SOURCE + 2);
    size_t n = buf ? fread(buf, 1, MAX_SOURCE + 1, f) : 0;
    fclose(f);
    if (!buf || n > MAX_SOURCE) {
        free(buf);
        return true;
    }
    buf[n] = '\0';
    bool found = false;
    for (const char *p = buf; *p && !found; p++) {
        if (p[0] == '-' && p[1] == '-') {
            p += strcspn(p, "\n");
            if (!*p)
                break;
            continue;
        }
        if (strncmp(p, "scenario", 8) != 0 ||
            (p > buf && (isalnum((unsigned char)p[-1]) || p[-1] == '_' || p[-1] == '.' || p[-1] == ':')))
            continue;
        const char *q = p + 8;
        q += strspn(q, " \t\r\n");
        found = *q == '{' || *q == '(';
    }
    free(buf);
    return found;
}

/* A scenario file: its tests beside it, or a missing tests file. In a
 * folder (in_dir), any other .lua is skipped, said in one line; a file
 * named on the command line is taken for a scenario, so a broken one is
 * reported as broken. */
static int add_scenario(test_run *r, const char *scenario, bool in_dir)
{
    test_job *j = add_job(r);
    if (!j)
        return APP_INTERNAL;
    snprintf(j->scenario, sizeof j->scenario, "%s", scenario);
    if (in_dir && !looks_like_scenario(scenario)) {
        snprintf(j->tests, sizeof j->tests, "%s", scenario);
        j->not_scenario = true;
        return APP_OK;
    }
    if (!script_test_path_for(scenario, j->tests, sizeof j->tests))
        return APP_INTERNAL;
    j->missing = !is_file(j->tests);
    return APP_OK;
}

static int add_tests(test_run *r, const char *tests)
{
    test_job *j = add_job(r);
    if (!j)
        return APP_INTERNAL;
    snprintf(j->tests, sizeof j->tests, "%s", tests);
    return APP_OK;
}

static int cmp_str(const void *a, const void *b)
{
    return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/* Every scenario of dir with its tests, and tests without a scenario, by name. */
static int add_dir(test_run *r, const char *dir, FILE *err)
{
    DIR *d = opendir(dir);
    if (!d) {
        fprintf(err, "bulwark test: cannot read the directory %s\n", dir);
        return APP_FAILED;
    }
    char **names = NULL;
    int n = 0, cap = 0, rc = APP_OK;
    for (struct dirent *e; rc == APP_OK && (e = readdir(d));) {
        if (!ends_with(e->d_name, ".lua") || e->d_name[0] == '.')
            continue;
        if (n == cap) {
            cap = cap ? cap * 2 : 32;
            char **p = realloc(names, (size_t)cap * sizeof *p);
            if (!p) {
                rc = APP_INTERNAL;
                break;
            }
            names = p;
        }
        if (!(names[n] = malloc(strlen(e->d_name) + 1))) {
            rc = APP_INTERNAL;
            break;
        }
        strcpy(names[n++], e->d_name);
    }
    closedir(d);
    if (rc == APP_OK && n == 0) {
        fprintf(err, "bulwark test: %s: a folder with no scenario or tests file in it\n", dir);
        rc = APP_FAILED;
    }
    if (n)
        qsort(names, (size_t)n, sizeof names[0], cmp_str);
    for (int i = 0; rc == APP_OK && i < n; i++) {
        char path[1024], other[1024];
        snprintf(path, sizeof path, "%s/%.*s", dir, (int)(sizeof path - strlen(dir) - 2), names[i]);
        if (!ends_with(names[i], ".test.lua")) {
            rc = add_scenario(r, path, true);
            continue;
        }
        /* a tests file whose scenario is not here runs on its own */
        snprintf(other, sizeof other, "%.*s.lua", (int)(strlen(path) - 9), path);
        if (!is_file(other))
            rc = add_tests(r, path);
    }
    for (int i = 0; i < n; i++)
        free(names[i]);
    free(names);
    return rc;
}

static int add_arg(test_run *r, const char *arg, FILE *err)
{
    if (is_dir(arg))
        return add_dir(r, arg, err);
    if (ends_with(arg, ".test.lua")) {
        if (!is_file(arg)) {
            fprintf(err, "bulwark test: %s: no such file\n", arg);
            return APP_FAILED;
        }
        return add_tests(r, arg);
    }
    char buf[1024];
    const char *scenario = app_resolve(arg, "scenarios", buf, sizeof buf);
    if (!is_file(scenario)) {
        if (!strchr(arg, '/') && !ends_with(arg, ".lua"))
            app_hint_shipped(arg, "scenarios", err);
        else
            fprintf(err, "bulwark test: %s: no such file\n", arg);
        return APP_FAILED;
    }
    return add_scenario(r, scenario, false);
}

static const char *status_kind(script_test_status s)
{
    switch (s) {
    case SCRIPT_TEST_PASSED: return "passed";
    case SCRIPT_TEST_ASSERTION: return "assertion";
    case SCRIPT_TEST_ERROR: return "error";
    case SCRIPT_TEST_LIMIT: return "limit";
    default: return "file";
    }
}

static void on_case(void *ud, const script_test_case *c)
{
    test_run *r = ud;
    bool ok = c->status == SCRIPT_TEST_PASSED;
    if (r->out) {
        if (c->status == SCRIPT_TEST_FILE) /* no test ran: the file is the failure */
            fprintf(r->out, "FAIL %s (%.0f ms)\n", base_name(r->shown), c->ms);
        else
            fprintf(r->out, "%s %s: %s (%.0f ms)\n", ok ? "ok  " : "FAIL", base_name(r->shown), c->name,
                    c->ms);
        if (!ok && c->line > 0)
            fprintf(r->out, "     %s:%d: %s\n", r->shown, c->line, c->msg);
        else if (!ok)
            fprintf(r->out, "     %s: %s\n", r->shown, c->msg);
        fflush(r->out);
    }
    if (r->json_tests) {
        cJSON *t = cJSON_CreateObject();
        cJSON_AddStringToObject(t, "name", c->name);
        cJSON_AddStringToObject(t, "status", ok ? "passed" : "failed");
        cJSON_AddNumberToObject(t, "ms", (double)(long)(c->ms * 10) / 10);
        if (!ok) {
            cJSON_AddStringToObject(t, "kind", status_kind(c->status));
            cJSON_AddStringToObject(t, "file", r->shown);
            cJSON_AddNumberToObject(t, "line", c->line);
            cJSON_AddStringToObject(t, "message", c->msg);
        }
        cJSON_AddItemToArray(r->json_tests, t);
    }
}

static int run_job(test_run *r, const test_job *j, const char *match, cJSON *files)
{
    cJSON *f = files ? cJSON_CreateObject() : NULL;
    char shown[1024];
    snprintf(shown, sizeof shown, "%s", shown_path(j->tests));
    if (f) {
        cJSON_AddStringToObject(f, "file", shown);
        if (j->scenario[0])
            cJSON_AddStringToObject(f, "scenario", shown_path(j->scenario));
        cJSON_AddItemToArray(files, f);
    }
    if (j->not_scenario) {
        if (r->out)
            fprintf(r->out, "skip %s: not a scenario (a bot or a library?), nothing to test\n",
                    base_name(j->scenario));
        if (f)
            cJSON_AddBoolToObject(f, "not_a_scenario", true);
        return APP_OK;
    }
    if (j->missing) {
        r->missing++;
        if (r->out)
            fprintf(r->out, "FAIL %s: no tests file (expected %s)\n", base_name(j->scenario), shown);
        if (f)
            cJSON_AddBoolToObject(f, "missing", true);
        return APP_OK;
    }
    r->files++;
    r->shown = shown;
    r->json_tests = f ? cJSON_AddArrayToObject(f, "tests") : NULL;
    script_test_options opt;
    memset(&opt, 0, sizeof opt);
    opt.match = match;
    opt.on_case = on_case;
    opt.ud = r;
    script_test_file res;
    bw_err e;
    int rc = script_test_run(j->tests, &opt, &res, &e);
    r->passed += res.passed;
    r->failed += res.failed;
    r->skipped += res.skipped;
    if (f) {
        cJSON_AddNumberToObject(f, "passed", res.passed);
        cJSON_AddNumberToObject(f, "failed", res.failed);
        cJSON_AddNumberToObject(f, "skipped", res.skipped);
    }
    script_test_file_free(&res);
    r->json_tests = NULL;
    if (rc < 0) {
        fprintf(stderr, "bulwark test: %s\n", e.msg);
        return APP_INTERNAL;
    }
    return APP_OK;
}

static int write_json(const test_run *r, cJSON *root, const char *json, FILE *out, FILE *err)
{
    cJSON_AddNumberToObject(root, "passed", r->passed);
    cJSON_AddNumberToObject(root, "failed", r->failed);
    cJSON_AddNumberToObject(root, "skipped", r->skipped);
    cJSON_AddNumberToObject(root, "missing", r->missing);
    cJSON_AddBoolToObject(root, "ok", r->failed == 0 && r->missing == 0 && r->passed > 0);
    char *text = cJSON_Print(root);
    bw_err e;
    int rc = APP_OK;
    if (!text)
        rc = APP_INTERNAL;
    else if (strcmp(json, "-") == 0)
        fprintf(out, "%s\n", text);
    else if (record_write_file(json, text, &e) < 0) {
        fprintf(err, "bulwark test: %s\n", e.msg);
        rc = APP_INTERNAL;
    }
    free(text);
    return rc;
}

int app_cmd_test(int argc, char **argv, FILE *out, FILE *err)
{
    const char *json = NULL, *match = NULL;
    int nfiles = 0;
    for (int i = 0; i < argc; i++) {
        const char *v = NULL;
        if (args_opt(argc, argv, &i, "--json", &v)) {
            if (!(json = v))
                return fprintf(err, "bulwark test: --json needs an output file (or -)\n"), APP_USAGE;
        } else if (args_opt(argc, argv, &i, "--match", &v)) {
            if (!(match = v))
                return fprintf(err, "bulwark test: --match needs a text\n"), APP_USAGE;
        } else if (strcmp(argv[i], "--help") == 0) {
            test_usage(out);
            return APP_OK;
        } else if (argv[i][0] == '-' && argv[i][1]) {
            fprintf(err, "bulwark test: unknown option '%s'\n", argv[i]);
            test_usage(err);
            return APP_USAGE;
        } else {
            argv[nfiles++] = argv[i]; /* keep the files, in order */
        }
    }
    test_run r;
    memset(&r, 0, sizeof r);
    r.out = json && strcmp(json, "-") == 0 ? NULL : out;
    int rc = APP_OK;
    if (json && strcmp(json, "-") != 0) {
        bw_err e;
        if (record_check_writable(json, &e) < 0) {
            fprintf(err, "bulwark test: %s\n", e.msg);
            return APP_FAILED;
        }
    }
    if (nfiles == 0) {
        char dir[1024];
        snprintf(dir, sizeof dir, "%s/scripts/scenarios", script_data_dir());
        rc = add_dir(&r, dir, err);
    }
    for (int i = 0; i < nfiles && rc == APP_OK; i++)
        rc = add_arg(&r, argv[i], err);
    cJSON *root = json ? cJSON_CreateObject() : NULL;
    cJSON *files = root ? cJSON_AddArrayToObject(root, "files") : NULL;
    for (int i = 0; i < r.count && rc == APP_OK; i++)
        rc = run_job(&r, &r.jobs[i], match, files);
    if (rc == APP_OK && r.out) {
        fprintf(r.out, "\n%d test%s in %d file%s: %d passed, %d failed", r.passed + r.failed,
                r.passed + r.failed == 1 ? "" : "s", r.files, r.files == 1 ? "" : "s", r.passed, r.failed);
        if (r.skipped)
            fprintf(r.out, ", %d not matching '%s'", r.skipped, match);
        if (r.missing)
            fprintf(r.out, "; %d scenario%s without tests", r.missing, r.missing == 1 ? "" : "s");
        fputc('\n', r.out);
        if (r.passed + r.failed == 0)
            fprintf(err, "bulwark test: no test ran\n");
    }
    if (rc == APP_OK && root)
        rc = write_json(&r, root, json, out, err);
    cJSON_Delete(root);
    free(r.jobs);
    if (rc != APP_OK)
        return rc;
    return r.failed || r.missing || r.passed + r.failed == 0 ? APP_FAILED : APP_OK;
}
