/* test_cli.c — the bulwark binary as a user meets it: help, version,
 * exit codes, mistyped commands, the benchmark's output contract and the
 * headless demo. Runs the real binary. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "bulwark/app.h"
#include "app/run.h"

static run_result r;

static void run_ok(char *const argv[])
{
    assert_int_equal(run_bulwark(argv, &r), 0);
}

static void test_help_lists_every_subcommand(void **state)
{
    (void)state;
    run_ok((char *const[]){ "bulwark", "--help", NULL });
    assert_int_equal(r.status, 0);
    assert_non_null(strstr(r.out, "usage: bulwark"));
    assert_non_null(strstr(r.out, "  demo "));
    assert_non_null(strstr(r.out, "  bench "));
    assert_non_null(strstr(r.out, "exit codes"));
}

static void test_version_prints_the_project_version(void **state)
{
    (void)state;
    run_ok((char *const[]){ "bulwark", "--version", NULL });
    assert_int_equal(r.status, 0);
    assert_true(strncmp(r.out, "bulwark ", 8) == 0);
    assert_true(r.out[8] >= '0' && r.out[8] <= '9');
}

/* `bulwark` alone opens the desktop game; without a display it says so
 * in one line and plays the first scenario headless (never a window in a
 * test: the display is taken away). */
static void test_no_command_without_a_display_plays_headless(void **state)
{
    (void)state;
    unsetenv("DISPLAY");
    unsetenv("WAYLAND_DISPLAY");
    unsetenv("SDL_VIDEODRIVER");
    run_ok((char *const[]){ "bulwark", NULL });
    assert_int_equal(r.status, 0);
    assert_true(strncmp(r.out, "no display: playing ", 20) == 0);
    assert_non_null(strstr(r.out, " headless\n"));
    assert_null(strstr(r.out, "usage:"));
}

static void test_unknown_command_exits_2_and_suggests(void **state)
{
    (void)state;
    run_ok((char *const[]){ "bulwark", "frobnicate", NULL });
    assert_int_equal(r.status, 2);
    assert_non_null(strstr(r.err, "'frobnicate' is not a bulwark command"));
    assert_non_null(strstr(r.err, "bulwark --help"));
    assert_null(strstr(r.err, "Did you mean"));
    run_ok((char *const[]){ "bulwark", "bnech", NULL });
    assert_int_equal(r.status, 2);
    assert_non_null(strstr(r.err, "Did you mean 'bench'?"));
}

static void test_closest_name_is_within_two_edits(void **state)
{
    (void)state;
    const char *names[] = { "bench", "demo", "check", NULL };
    assert_string_equal(app_closest("bnech", names), "bench");
    assert_string_equal(app_closest("dmeo", names), "demo");
    assert_string_equal(app_closest("chek", names), "check");
    assert_null(app_closest("xyzzy", names));
    assert_null(app_closest("", names));
}

static void test_bench_sim_ends_with_sim_ms(void **state)
{
    (void)state;
    run_ok((char *const[]){ "bulwark", "bench", "sim", "--nodes", "300", "--days", "3", "--runs", "3", NULL });
    assert_int_equal(r.status, 0);
    char line[256];
    run_last_line(r.out, line, sizeof line);
    assert_true(strncmp(line, "sim_ms=", 7) == 0);
    char *end = NULL;
    double ms = strtod(line + 7, &end);
    assert_true(end != line + 7 && *end == '\0' && ms >= 0.0);
    assert_non_null(strstr(r.out, "ticks_per_s="));
    assert_non_null(strstr(r.out, "peak_rss_kb="));
    assert_non_null(strstr(r.out, "300 nodes"));
}

static void test_bench_rejects_bad_options(void **state)
{
    (void)state;
    run_ok((char *const[]){ "bulwark", "bench", "sim", "--nodes", "ten", NULL });
    assert_int_equal(r.status, 2);
    assert_non_null(strstr(r.err, "--nodes must be a whole number"));
    run_ok((char *const[]){ "bulwark", "bench", "sim", "--nodes", NULL });
    assert_int_equal(r.status, 2);
    run_ok((char *const[]){ "bulwark", "bench", "gpu", NULL });
    assert_int_equal(r.status, 2);
    assert_non_null(strstr(r.err, "unknown benchmark 'gpu'"));
    run_ok((char *const[]){ "bulwark", "bench", "sim", "--fast", NULL });
    assert_int_equal(r.status, 2);
}

static void test_synthetic_world_is_deterministic_and_valid(void **state)
{
    (void)state;
    app_synth *a = app_synth_create(500, 2, 9), *b = app_synth_create(500, 2, 9);
    assert_non_null(a);
    assert_non_null(b);
    bw_err e;
    sim_world *wa = sim_world_create(app_synth_def(a), 1, NULL, NULL, &e);
    sim_world *wb = sim_world_create(app_synth_def(b), 1, NULL, NULL, &e);
    assert_non_null(wa);
    assert_non_null(wb);
    assert_int_equal(sim_world_run(wa, 48, &e), 0);
    assert_int_equal(sim_world_run(wb, 48, &e), 0);
    assert_true(sim_world_hash(wa) == sim_world_hash(wb));
    assert_true(sim_intrusion_count(wa) > 0); /* the attackers are active */
    sim_world_destroy(wa);
    sim_world_destroy(wb);
    app_synth_free(a);
    app_synth_free(b);
}

static void test_demo_plays_to_a_debrief_deterministically(void **state)
{
    (void)state;
    static char first[sizeof r.out];
    run_ok((char *const[]){ "bulwark", "demo", "--seed", "7", NULL });
    assert_int_equal(r.status, 0); /* the sensible defender wins this seed */
    assert_non_null(strstr(r.out, "=== Debrief: WON"));
    assert_non_null(strstr(r.out, "protection"));
    assert_non_null(strstr(r.out, "World hash"));
    memcpy(first, r.out, sizeof first);
    run_ok((char *const[]){ "bulwark", "demo", "--seed", "7", NULL });
    assert_string_equal(first, r.out);
}

static void test_demo_idle_defender_loses(void **state)
{
    (void)state;
    run_ok((char *const[]){ "bulwark", "demo", "--idle", "--seed", "1", NULL });
    assert_int_equal(r.status, 1);
    assert_non_null(strstr(r.out, "=== Debrief: LOST"));
    assert_non_null(strstr(r.out, "deadline missed"));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_help_lists_every_subcommand),
        cmocka_unit_test(test_version_prints_the_project_version),
        cmocka_unit_test(test_no_command_without_a_display_plays_headless),
        cmocka_unit_test(test_unknown_command_exits_2_and_suggests),
        cmocka_unit_test(test_closest_name_is_within_two_edits),
        cmocka_unit_test(test_bench_sim_ends_with_sim_ms),
        cmocka_unit_test(test_bench_rejects_bad_options),
        cmocka_unit_test(test_synthetic_world_is_deterministic_and_valid),
        cmocka_unit_test(test_demo_plays_to_a_debrief_deterministically),
        cmocka_unit_test(test_demo_idle_defender_loses),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
