/* test_bench_run.c — `bulwark bench run`: one line per scenario in the
 * documented shape, a last line with the slowest median, every shipped
 * scenario by default, and clear errors (never a crash) for unknown
 * scenarios, bots and options. Runs the real binary; timing is never
 * asserted, only the output contract. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <dirent.h>

#include "app/run.h"

static run_result r;

static void run_ok(char *const argv[])
{
    assert_int_equal(run_bulwark(argv, &r), 0);
}

static const char *source(const char *rel)
{
    static char buf[1024];
    const char *root = getenv("BULWARK_SOURCE_DIR");
    snprintf(buf, sizeof buf, "%s/%s", root ? root : ".", rel);
    return buf;
}

/* Count the lines of out that start "scenario=" and check their shape;
 * the last one's median goes to *median. */
static int scenario_lines(const char *out, char ids[][64], int max, double *median)
{
    int n = 0;
    for (const char *line = out; line && *line; line = strchr(line, '\n') ? strchr(line, '\n') + 1 : NULL) {
        if (strncmp(line, "scenario=", 9) != 0)
            continue;
        char id[64];
        double med = -1, p99 = -1;
        if (sscanf(line, "scenario=%63s median_ms=%lf p99_ms=%lf", id, &med, &p99) != 3)
            fail_msg("malformed line: %.80s", line);
        assert_true(med > 0 && p99 >= med);
        if (n < max)
            snprintf(ids[n], sizeof ids[0], "%s", id);
        *median = med;
        n++;
    }
    return n;
}

static void test_bench_run_times_log4shell(void **state)
{
    (void)state;
    run_ok((char *const[]){ "bulwark", "bench", "run", "log4shell", "--runs", "3", NULL });
    if (r.status != 0)
        fail_msg("exit %d: %s", r.status, r.err);
    char ids[4][64];
    double median = 0;
    assert_int_equal(scenario_lines(r.out, ids, 4, &median), 1);
    assert_string_equal(ids[0], "log4shell");
    assert_non_null(strstr(r.out, "3 runs each, player sensible"));
    char last[128], want[128];
    run_last_line(r.out, last, sizeof last);
    snprintf(want, sizeof want, "max_median_ms=%.2f", median);
    assert_string_equal(last, want);
}

static void test_bench_run_plays_every_shipped_scenario_by_default(void **state)
{
    (void)state;
    DIR *d = opendir(source("scripts/scenarios"));
    assert_non_null(d);
    int shipped = 0;
    for (struct dirent *e; (e = readdir(d));) {
        size_t len = strlen(e->d_name);
        shipped += len > 4 && strcmp(e->d_name + len - 4, ".lua") == 0 && !strstr(e->d_name, ".test.lua");
    }
    closedir(d);
    assert_true(shipped >= 1);
    run_ok((char *const[]){ "bulwark", "bench", "run", "--runs", "1", NULL });
    if (r.status != 0)
        fail_msg("exit %d: %s", r.status, r.err);
    char ids[64][64];
    double median = 0;
    assert_int_equal(scenario_lines(r.out, ids, 64, &median), shipped);
    char last[128];
    run_last_line(r.out, last, sizeof last);
    double max = 0;
    assert_int_equal(sscanf(last, "max_median_ms=%lf", &max), 1);
    assert_true(max > 0);
}

static void test_bench_run_takes_a_file_and_another_bot(void **state)
{
    (void)state;
    run_ok((char *const[]){ "bulwark", "bench", "run", (char *)source("scripts/scenarios/log4shell.lua"),
                            "--runs=2", "--player", "idle", NULL });
    if (r.status != 0)
        fail_msg("exit %d: %s", r.status, r.err);
    assert_non_null(strstr(r.out, "player idle"));
    assert_non_null(strstr(r.out, "scenario=log4shell "));
}

static void test_bench_run_refuses_what_it_cannot_play(void **state)
{
    (void)state;
    run_ok((char *const[]){ "bulwark", "bench", "run", "log4shel", "--runs", "1", NULL });
    assert_int_equal(r.status, 1);
    assert_non_null(strstr(r.err, "did you mean 'log4shell'"));
    run_ok((char *const[]){ "bulwark", "bench", "run", "log4shell", "--player", "sensibel", NULL });
    assert_int_equal(r.status, 1);
    assert_non_null(strstr(r.err, "did you mean 'sensible'"));
    run_ok((char *const[]){ "bulwark", "bench", "run", (char *)source("tests/fixtures/scenarios/syntax_error.lua"),
                            "--runs", "1", NULL });
    assert_int_equal(r.status, 1);
    assert_non_null(strstr(r.err, "syntax_error.lua:"));
    assert_null(strstr(r.out, "max_median_ms="));
    run_ok((char *const[]){ "bulwark", "bench", "run", "--runs", "0", NULL });
    assert_int_equal(r.status, 2);
    assert_non_null(strstr(r.err, "--runs must be a whole number from 1"));
    run_ok((char *const[]){ "bulwark", "bench", "run", "--fast", NULL });
    assert_int_equal(r.status, 2);
    assert_non_null(strstr(r.err, "unknown option '--fast'"));
    run_ok((char *const[]){ "bulwark", "bench", "run", "--help", NULL });
    assert_int_equal(r.status, 0);
    assert_non_null(strstr(r.out, "max_median_ms"));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_bench_run_times_log4shell),
        cmocka_unit_test(test_bench_run_plays_every_shipped_scenario_by_default),
        cmocka_unit_test(test_bench_run_takes_a_file_and_another_bot),
        cmocka_unit_test(test_bench_run_refuses_what_it_cannot_play),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
