/* testrun.h — scenario tests: Lua files of scripted playthroughs with
 * assertions, beside each scenario (scripts/scenarios/NAME.test.lua for
 * NAME.lua). The contract scenario authors write against is in
 * `bulwark test --help` and at the top of game/script/testrun.c.
 *
 * A test file runs in the same sandbox as a bot (no io, os, require; the
 * limits apply to each test), with globals test(), game{} and the
 * assertions ok, eq, ne, ge, le, contains. Each test runs in a fresh
 * sandbox: the file's top level runs again, registers its tests, and only
 * the one under test is called, so no test sees another's globals or
 * games, and a test that trips a limit cannot stop the next.
 *
 * A failure is reported at the line of the test file where it happened:
 * the assertion's call, or the line a Lua error or a limit stopped. */
#ifndef BULWARK_TESTRUN_H
#define BULWARK_TESTRUN_H

#include <stdbool.h>
#include <stddef.h>

#include "bulwark/error.h"
#include "bulwark/sandbox.h"

#define SCRIPT_TEST_MAX 1000          /* tests in one file */
#define SCRIPT_TEST_NAME_MAX 200

typedef enum script_test_status {
    SCRIPT_TEST_PASSED,
    SCRIPT_TEST_ASSERTION,     /* an assertion failed (first one wins, even if caught by pcall) */
    SCRIPT_TEST_ERROR,         /* a Lua error, or the scenario or a bot failed */
    SCRIPT_TEST_LIMIT,         /* a sandbox limit tripped (an endless loop, say) */
    SCRIPT_TEST_FILE,          /* the file itself failed: it does not load, or declares no test */
} script_test_status;

typedef struct script_test_case {
    char name[SCRIPT_TEST_NAME_MAX + 1]; /* "(file)" for a failure of the whole file */
    script_test_status status;
    int line;                  /* in the test file; 0 when unknown */
    char msg[BW_ERR_MSG_MAX];  /* without "file:line: " */
    double ms;                 /* wall time of the test (for people; never compared) */
} script_test_case;

typedef struct script_test_options {
    const char *match;         /* only tests whose name contains this (NULL: all) */
    script_limits limits;      /* per test; zeroed: the defaults, with a 60 s CPU-time backstop */
    /* Called after each test, in order, so a command can print as it goes. */
    void (*on_case)(void *ud, const script_test_case *c);
    void *ud;
} script_test_options;

typedef struct script_test_file {
    int count;                 /* cases run (skipped ones are not in cases) */
    int passed, failed, skipped;
    script_test_case *cases;
} script_test_file;

/* Run the test file at path. Returns BW_OK when it ran (whatever the
 * tests' outcome: see out->failed), BW_ENOMEM when the runner itself ran
 * out of memory. The caller frees out with script_test_file_free. */
int script_test_run(const char *path, const script_test_options *opt, script_test_file *out,
                    bw_err *err);
void script_test_file_free(script_test_file *f);

/* "NAME.test.lua" for "NAME.lua" (tests beside their scenario); false when
 * path is no .lua file or the result does not fit. */
bool script_test_path_for(const char *scenario, char *buf, size_t n);

#endif
