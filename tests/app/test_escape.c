/* test_escape.c — the sandbox escape suite against the built binary, in
 * the environment the game really runs scripts in: a packaging mistake
 * that exposed io, os or package, or that dropped a limit, fails here even
 * when the library-level suite passes.
 *
 * Each fixture in tests/hostile/ tries one thing (the ones the sandbox
 * absorbs are in tests/hostile/sound/). Either the
 * facility is absent and the scenario observes it (the run ends normally
 * and its timeline shows the observation, never "ESCAPED"), or the
 * scenario is stopped: exit 1 within a second, a message on stderr naming
 * the file and line, no crash, and no record written. Fixtures that act at
 * load time must stop `bulwark check` too. Every row is a test of its own. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <cjson/cJSON.h>
#include <stdbool.h>
#include <sys/resource.h>
#include <time.h>

#include "app/run.h"

/* Longest a stopped script may take, in CPU time, from spawn to exit.
 * Under AddressSanitizer a memory bomb costs more: its quarantine keeps
 * freed blocks mapped, so filling the 32 MiB cap faults in several times
 * as much. That is the sanitizer's price, not the game's. */
#if defined(__SANITIZE_ADDRESS__)
#define STOP_SECONDS 3.0
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define STOP_SECONDS 3.0
#endif
#endif
#ifndef STOP_SECONDS
#define STOP_SECONDS 1.0
#endif

static char out_dir[64];
static char out_path[128];

typedef struct escape_case {
    const char *name;
    const char *file;          /* in tests/hostile/ */
    bool stopped;              /* else: the run ends and observes the absence */
    int line;                  /* the line stderr names (stopped) */
    const char *says;          /* what it says (stopped) */
    bool at_load;              /* fails while loading: `check` stops it too */
    const char *observed[3];   /* timeline texts (observed), NULL-terminated */
} escape_case;

static const escape_case cases[] = {
    /* The facilities are absent, and a script can tell. */
    { "no_global_reaches_files_processes_native_code_or_bytecode", "sound/absent_facilities.lua", false,
      0, NULL, false, { "sandbox-ok", "sandbox-ok-event", NULL } },
    { "load_refuses_binary_chunks_in_every_mode", "sound/binary_load.lua", false, 0, NULL, false,
      { "binary-refused", NULL } },

    /* Endless loops, wherever they hide. */
    { "an_endless_loop_in_on_start_is_stopped", "loop_start.lua", true, 7,
      "instruction limit exceeded", true, { NULL } },
    { "an_endless_loop_in_on_tick_is_stopped", "loop_tick.lua", true, 8,
      "instruction limit exceeded", false, { NULL } },
    { "an_endless_loop_inside_pcall_is_stopped", "loop_pcall.lua", true, 8,
      "instruction limit exceeded", true, { NULL } },
    { "an_endless_loop_in_a_coroutine_is_stopped", "loop_coroutine.lua", true, 9,
      "instruction limit exceeded", false, { NULL } },
    { "an_endless_loop_in_a_gsub_callback_is_stopped", "loop_gsub.lua", true, 8,
      "instruction limit exceeded", true, { NULL } },
    { "an_endless_loop_in_a_sort_comparator_is_stopped", "loop_sort.lua", true, 9,
      "instruction limit exceeded", true, { NULL } },
    { "an_endless_loop_at_load_time_is_stopped", "loop_toplevel.lua", true, 4,
      "instruction limit exceeded", true, { NULL } },
    { "an_endless_loop_in_the_debrief_is_stopped", "loop_debrief.lua", true, 9,
      "instruction limit exceeded", false, { NULL } },
    { "a_backtracking_pattern_is_stopped", "pattern.lua", true, 8,
      "instruction limit exceeded", true, { NULL } },

    /* Memory. */
    { "a_huge_string_rep_is_refused", "bomb_rep.lua", true, 7,
      "string.rep: result of 10000000000 bytes exceeds the string limit", true, { NULL } },
    { "a_table_growing_forever_hits_the_memory_cap", "bomb_table.lua", true, 11,
      "memory limit exceeded (32 MiB)", false, { NULL } },
    { "catching_the_memory_error_does_not_help", "bomb_catch.lua", true, 11,
      "memory limit exceeded (32 MiB)", true, { NULL } },
    { "a_memory_bomb_at_load_time_hits_the_cap", "bomb_toplevel.lua", true, 4,
      "memory limit exceeded (32 MiB)", true, { NULL } },

    /* The language's own corners. */
    { "a_gc_metamethod_is_refused", "gc.lua", true, 7,
      "__gc metamethods are not allowed in the sandbox", true, { NULL } },
    { "deep_recursion_is_a_stack_overflow_not_a_crash", "recursion.lua", true, 7,
      "stack overflow", true, { NULL } },
    { "recursion_through_metamethods_is_a_stack_overflow_not_a_crash", "recursion_c.lua", true, 8,
      "stack overflow", true, { NULL } },
    { "an_error_object_whose_tostring_fails_is_still_reported", "tostring_error.lua", true, 7,
      "(error object is a table value)", true, { NULL } },
    { "a_binary_scenario_file_is_refused", "binary_chunk.lua", true, 0,
      "binary chunks are not allowed", true, { NULL } },

    /* The file system and the process, by every route. */
    { "io_is_absent", "fs_io.lua", true, 7,
      "attempt to index a nil value (global 'io')", true, { NULL } },
    { "dofile_is_absent_in_events_too", "fs_dofile.lua", true, 9,
      "attempt to call a nil value (global 'dofile')", false, { NULL } },
    { "require_is_absent", "fs_require.lua", true, 7,
      "attempt to call a nil value (global 'require')", true, { NULL } },
    { "a_chunk_built_with_load_has_no_io_either", "fs_load.lua", true, 8,
      "attempt to index a nil value (global 'io')", true, { NULL } },
    { "os_is_absent", "fs_os.lua", true, 7,
      "attempt to index a nil value (global 'os')", true, { NULL } },
    { "package_is_absent", "fs_package.lua", true, 7,
      "attempt to index a nil value (global 'package')", true, { NULL } },
};
#define CASE_COUNT (sizeof cases / sizeof cases[0])

/* The fixtures are passed by bare name from their own directory, so the
 * messages name them as a user would see them, whatever the checkout's
 * depth (Lua shortens long chunk names). */
static int setup(void **state)
{
    (void)state;
    /* The binary's path must survive the chdir below. */
    const char *bin = getenv("BULWARK_BINARY");
    char abs[4096], cwd[2048];
    if (!bin || !getcwd(cwd, sizeof cwd))
        return -1;
    snprintf(abs, sizeof abs, "%s%s%s", bin[0] == '/' ? "" : cwd, bin[0] == '/' ? "" : "/", bin);
    if (setenv("BULWARK_BINARY", abs, 1) != 0)
        return -1;
    const char *root = getenv("BULWARK_SOURCE_DIR");
    char dir[512];
    snprintf(dir, sizeof dir, "%s/tests/hostile", root ? root : ".");
    if (chdir(dir) != 0)
        return -1;
    snprintf(out_dir, sizeof out_dir, "/tmp/bulwark-escape-XXXXXX");
    if (!mkdtemp(out_dir))
        return -1;
    snprintf(out_path, sizeof out_path, "%s/record.json", out_dir);
    return 0;
}

static int teardown(void **state)
{
    (void)state;
    unlink(out_path);
    return rmdir(out_dir);
}

/* The CPU time the command used (user + system, from the reaped child's
 * rusage): what a limit costs, not how busy the machine is, so the check
 * holds on a loaded CI runner. */
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

/* What stderr must hold: "file:line: ...says" (or "file: ...says"). */
static void assert_named(const escape_case *c, const char *err)
{
    char where[128];
    if (c->line > 0)
        snprintf(where, sizeof where, "%s:%d: ", c->file, c->line);
    else
        snprintf(where, sizeof where, "%s: ", c->file);
    const char *at = strstr(err, where);
    if (!at || !strstr(at, c->says))
        print_message("%s: wanted \"%s...%s\" on stderr, got:\n%s\n", c->name, where, c->says, err);
    assert_non_null(at);
    assert_non_null(strstr(at, c->says));
}

static void run_stopped(const escape_case *c)
{
    static run_result r;
    unlink(out_path);
    char *const run[] = { "bulwark", "run", (char *)c->file, "--json", out_path, "--quiet", NULL };
    double took = run_timed(run, &r);
    if (r.status != 1 || took >= STOP_SECONDS)
        print_message("%s: status %d after %.2f s\n%s\n", c->name, r.status, took, r.err);
    assert_true(r.status < 128); /* no signal: no crash, no abort */
    assert_int_equal(r.status, 1);
    assert_true(took < STOP_SECONDS);
    assert_named(c, r.err);
    assert_null(strstr(r.out, "ESCAPED"));
    assert_int_equal(access(out_path, F_OK), -1); /* a stopped game writes no record */

    took = run_timed((char *const[]){ "bulwark", "check", (char *)c->file, NULL }, &r);
    assert_true(r.status < 128);
    if (c->at_load) {
        assert_int_equal(r.status, 1);
        assert_true(took < STOP_SECONDS);
        assert_named(c, r.err);
    } else {
        assert_int_equal(r.status, 0); /* check loads; it does not play */
    }
}

static void run_observed(const escape_case *c)
{
    static run_result r;
    unlink(out_path);
    char *const run[] = { "bulwark", "run", (char *)c->file, "--json", out_path, "--quiet", NULL };
    run_timed(run, &r);
    if (r.status != 0)
        print_message("%s: status %d\n%s\n", c->name, r.status, r.err);
    assert_int_equal(r.status, 0);
    char *text = run_slurp(out_path);
    assert_non_null(text);
    cJSON *rec = cJSON_Parse(text);
    assert_non_null(rec);
    const cJSON *timeline = cJSON_GetObjectItemCaseSensitive(rec, "timeline");
    assert_true(cJSON_IsArray(timeline));
    for (int k = 0; c->observed[k]; k++) {
        bool seen = false;
        const cJSON *e;
        cJSON_ArrayForEach(e, timeline)
        {
            const cJSON *t = cJSON_GetObjectItemCaseSensitive(e, "text");
            seen |= cJSON_IsString(t) && strcmp(t->valuestring, c->observed[k]) == 0;
        }
        if (!seen)
            print_message("%s: \"%s\" not in the timeline\n", c->name, c->observed[k]);
        assert_true(seen);
    }
    assert_null(strstr(text, "ESCAPED"));
    cJSON_Delete(rec);
    free(text);
}

static void run_case(void **state)
{
    const escape_case *c = *state;
    if (c->stopped)
        run_stopped(c);
    else
        run_observed(c);
}

int main(void)
{
    (void)run_last_line; /* run.h's other helper, unused here */
    static struct CMUnitTest tests[CASE_COUNT];
    for (size_t i = 0; i < CASE_COUNT; i++)
        tests[i] = (struct CMUnitTest){ .name = cases[i].name, .test_func = run_case,
                                        .initial_state = (void *)&cases[i] };
    return _cmocka_run_group_tests("escape", tests, CASE_COUNT, setup, teardown);
}
