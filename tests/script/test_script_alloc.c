/* test_script_alloc.c — fault injection through scenario load, after
 * SQLite's malloc tests: fail the N-th allocation (and every one after
 * it) anywhere in Bulwark's code or in Lua (failmalloc.h), for every N up
 * to the allocations a load makes, or a stride over them when that is
 * large (docs/fuzzing.md, "Fault injection").
 *
 * Promised at every N: the load either succeeds (nothing failed, or what
 * failed was not needed) or fails with BW_ENOMEM and a sentence, and a
 * diagnostic for the player; a load that succeeds is a whole scenario
 * (the same world hash as an untouched load); nothing leaks
 * (LeakSanitizer, in the sanitizer build). The allocator hook of the
 * sandbox (script_limits.fail_alloc_after) is swept the same way. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>

#include <cmocka.h>

#include "common/failmalloc.h"

#include "bulwark/script.h"

/* How many points a sweep tries: every N for the first ALL_FIRST
 * allocations (where the sandbox and the state are set up), then a
 * stride of total / POINTS (every N when the operation makes fewer than
 * POINTS): a load makes 1 400 to 1 800, and each point is a whole load,
 * which the sanitizer build must also run in CI. */
#define POINTS 300
#define ALL_FIRST 100

static const char *scenario_path(const char *id, char *buf, size_t n)
{
    const char *root = getenv("BULWARK_SOURCE_DIR");
    snprintf(buf, n, "%s/scripts/scenarios/%s.lua", root ? root : ".", id);
    return buf;
}

static bool once; /* fail only the N-th, not every one after it */

static script_scenario *load(const char *path, long fail_at, script_diags *d, bw_err *e)
{
    script_options opt;
    memset(&opt, 0, sizeof opt);
    script_diags_init(d);
    if (once)
        fm_arm_once(fail_at);
    else
        fm_arm(fail_at);
    script_scenario *s = script_scenario_load(path, &opt, d, e);
    fm_disarm();
    return s;
}

static long next_n(long n, long total)
{
    long stride = total / POINTS > 1 ? total / POINTS : 1;
    return n < ALL_FIRST ? n + 1 : n + stride;
}

static void sweep_load(const char *id)
{
    char path[1024];
    scenario_path(id, path, sizeof path);
    script_diags d;
    bw_err e;
    script_scenario *s = load(path, 0, &d, &e);
    long total = fm_calls();
    if (!s)
        fail_msg("%s does not load untouched: %s", id, e.msg);
    uint64_t want = sim_world_hash(script_scenario_cworld(s));
    script_scenario_destroy(s);
    script_diags_free(&d);
    assert_true(total > 100);
    int failed_loads = 0, tried = 0;
    for (long n = 1; n <= total + 1; n = next_n(n, total)) {
        s = load(path, n, &d, &e);
        long failures = fm_failures();
        tried++;
        if (s) {
            /* Whatever was refused was not needed, or was retried. */
            if (sim_world_hash(script_scenario_cworld(s)) != want)
                fail_msg("%s: N=%ld: loaded, but not the same world", id, n);
            script_scenario_destroy(s);
        } else {
            failed_loads++;
            if (failures == 0)
                fail_msg("%s: N=%ld: failed though no allocation failed: %s", id, n, e.msg);
            if (e.code != BW_ENOMEM)
                fail_msg("%s: N=%ld: out of memory said as %s: %s", id, n, bw_err_name(e.code),
                         e.msg);
            if (!strstr(e.msg, "memory"))
                fail_msg("%s: N=%ld: the error does not say memory ran out: %s", id, n, e.msg);
        }
        script_diags_free(&d);
    }
    print_message("%s: %ld allocations in a load; %d points tried (%s), %d loads refused\n", id,
                  total, tried, once ? "one failure each" : "every allocation from N on",
                  failed_loads);
    assert_true(failed_loads > 0);
}

/* One failure, then memory again: Lua collects and retries, the C code
 * gives up. Either way a load is whole or refused with BW_ENOMEM. */
static void test_a_load_with_one_failed_allocation_is_whole_or_refused(void **state)
{
    (void)state;
    once = true;
    sweep_load("log4shell");
    once = false;
}

static void test_a_load_out_of_memory_fails_cleanly_at_every_allocation(void **state)
{
    (void)state;
    sweep_load("tutorial");
    sweep_load("log4shell");
}

/* The sandbox's own hook: only Lua's allocations, counted from the
 * creation of the state. */
static void test_the_sandbox_hook_fails_a_load_cleanly_at_every_lua_allocation(void **state)
{
    (void)state;
    char path[1024];
    scenario_path("log4shell", path, sizeof path);
    int refused = 0;
    for (long n = 1; n <= 6000; n += n < ALL_FIRST ? 1 : 19) {
        script_options opt;
        memset(&opt, 0, sizeof opt);
        opt.limits.fail_alloc_after = n;
        script_diags d;
        script_diags_init(&d);
        bw_err e;
        script_scenario *s = script_scenario_load(path, &opt, &d, &e);
        if (s) {
            script_scenario_destroy(s);
        } else {
            refused++;
            if (e.code != BW_ENOMEM || !e.msg[0])
                fail_msg("N=%ld: %s: %s", n, bw_err_name(e.code), e.msg);
            if (d.errors == 0)
                fail_msg("N=%ld: refused without a diagnostic", n);
        }
        script_diags_free(&d);
    }
    assert_true(refused > 0);
}

int main(void)
{
    assert_true(fm_install());
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_a_load_out_of_memory_fails_cleanly_at_every_allocation),
        cmocka_unit_test(test_a_load_with_one_failed_allocation_is_whole_or_refused),
        cmocka_unit_test(test_the_sandbox_hook_fails_a_load_cleanly_at_every_lua_allocation),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
