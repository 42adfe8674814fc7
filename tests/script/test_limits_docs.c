/* test_limits_docs.c — the limits a scenario meets, as README.md ("Limits
 * a scenario meets") and scripts/API.md (section 10, "Limits") state them,
 * are the engine's: each documented value is built here from the constant
 * the code uses, and each quoted error from the message the engine really
 * gives (the sandbox and the loader are made to hit the limit), so neither
 * the numbers nor the wording can drift from the documents. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "bulwark/record.h"
#include "bulwark/sandbox.h"
#include "bulwark/script.h"
#include "bulwark/sim.h"

static char *readme_limits, *api_limits;

static char *slurp(const char *rel)
{
    const char *root = getenv("BULWARK_SOURCE_DIR");
    char path[1024];
    snprintf(path, sizeof path, "%s/%s", root ? root : ".", rel);
    FILE *f = fopen(path, "rb");
    if (!f)
        return NULL;
    fseek(f, 0, SEEK_END);
    long n = ftell(f);
    fseek(f, 0, SEEK_SET);
    char *buf = malloc((size_t)n + 1);
    if (buf && fread(buf, 1, (size_t)n, f) != (size_t)n) {
        free(buf);
        buf = NULL;
    }
    if (buf)
        buf[n] = '\0';
    fclose(f);
    return buf;
}

/* The text from the heading to the next heading of the same or a higher level. */
static char *section(const char *doc, const char *heading, const char *next)
{
    const char *start = doc ? strstr(doc, heading) : NULL;
    if (!start)
        return NULL;
    const char *end = strstr(start + strlen(heading), next);
    size_t n = end ? (size_t)(end - start) : strlen(start);
    char *out = malloc(n + 1);
    memcpy(out, start, n);
    out[n] = '\0';
    return out;
}

static int setup(void **state)
{
    (void)state;
    char *readme = slurp("README.md"), *api = slurp("scripts/API.md");
    readme_limits = section(readme, "### Limits a scenario meets", "\n## ");
    api_limits = section(api, "### Limits\n", "\n## ");
    free(readme);
    free(api);
    return readme_limits && api_limits ? 0 : -1;
}

static int teardown(void **state)
{
    (void)state;
    free(readme_limits);
    free(api_limits);
    return 0;
}

/* n with a space between groups of three digits: 50 000 000. */
static const char *grouped(unsigned long long n, char *buf, size_t cap)
{
    char digits[32];
    snprintf(digits, sizeof digits, "%llu", n);
    size_t len = strlen(digits), o = 0;
    for (size_t i = 0; i < len && o + 2 < cap; i++) {
        if (i > 0 && (len - i) % 3 == 0)
            buf[o++] = ' ';
        buf[o++] = digits[i];
    }
    buf[o] = '\0';
    return buf;
}

/* The table row of doc whose first cell starts with name. */
static const char *row(const char *doc, const char *name, char *buf, size_t cap)
{
    char head[128];
    snprintf(head, sizeof head, "\n| %s", name);
    const char *at = strstr(doc, head);
    if (!at) {
        print_message("no row '%s' in the limits table\n", name);
        return NULL;
    }
    at++;
    const char *end = strchr(at, '\n');
    size_t n = end ? (size_t)(end - at) : strlen(at);
    snprintf(buf, cap, "%.*s", (int)(n < cap ? n : cap - 1), at);
    return buf;
}

/* Both documents' row for the limit holds the value and the error. */
static void documented(const char *readme_row, const char *api_row, const char *value, const char *error)
{
    const char *docs[2] = { readme_limits, api_limits };
    const char *rows[2] = { readme_row, api_row };
    for (int d = 0; d < 2; d++) {
        if (!rows[d])
            continue;
        char line[4096];
        const char *r = row(docs[d], rows[d], line, sizeof line);
        assert_non_null(r);
        if (!strstr(r, value) || (error && !strstr(r, error)))
            print_message("%s, row '%s': wanted \"%s\" and \"%s\" in:\n%s\n", d ? "scripts/API.md" : "README.md",
                          rows[d], value, error ? error : "", r);
        assert_non_null(strstr(r, value));
        if (error)
            assert_non_null(strstr(r, error));
    }
}

/* The message the sandbox gives for code, without its "file:line: " and traceback. */
static void sandbox_message(const char *code, char *out, size_t cap)
{
    bw_err e;
    script_limits lim;
    script_limits_default(&lim);
    lim.cpu_ms_per_call = SANDBOX_CPU_OFF;
    lim.cpu_ms_unseen = SANDBOX_CPU_OFF;
    script_sandbox *sb = script_sandbox_create(&lim, &e);
    assert_non_null(sb);
    assert_int_equal(script_sandbox_load(sb, "=x.lua", code, strlen(code), &e), BW_OK);
    assert_true(script_sandbox_call(sb, 0, 0, &e) < 0);
    const char *msg = strstr(e.msg, ": ") ? strstr(e.msg, ": ") + 2 : e.msg;
    snprintf(out, cap, "%.*s", (int)strcspn(msg, "\n"), msg);
    script_sandbox_destroy(sb);
}

/* The first diagnostic of loading source as a scenario, without "file:line: error: ". */
static void load_message(const char *source, size_t len, char *out, size_t cap)
{
    char path[] = "/tmp/bulwark-limits-XXXXXX";
    int fd = mkstemp(path);
    assert_true(fd >= 0);
    assert_int_equal(write(fd, source, len), (ssize_t)len);
    close(fd);
    script_diags d;
    script_diags_init(&d);
    bw_err e;
    script_options opt = { 0 };
    script_scenario *s = script_scenario_load(path, &opt, &d, &e);
    assert_null(s);
    const char *msg = d.count ? d.items[0].msg : e.msg;
    const char *colon = d.count ? NULL : strstr(msg, ": ");
    snprintf(out, cap, "%.390s", colon ? colon + 2 : msg);
    script_diags_free(&d);
    unlink(path);
}

static void test_instructions(void **state)
{
    (void)state;
    script_limits lim;
    script_limits_default(&lim);
    char value[64], msg[400];
    sandbox_message("while true do end", msg, sizeof msg);
    char want[128];
    snprintf(want, sizeof want, "instruction limit exceeded (%llu per call)",
             (unsigned long long)lim.instructions_per_call);
    assert_string_equal(msg, want);
    documented("instructions, each call", "instruction budget",
               grouped(lim.instructions_per_call, value, sizeof value), msg);
}

static void test_game_work(void **state)
{
    (void)state;
    char value[64], msg[160];
    snprintf(msg, sizeof msg, "used more than %llu instructions in one game", SCRIPT_GAME_WORK);
    documented("instructions, a whole game", "whole-game budget", grouped(SCRIPT_GAME_WORK, value, sizeof value),
               msg);
}

/* The guide's short list (AUTHORING.md section 14, "**Limits**") gives
 * the same figures as the tables. */
static void test_the_guide_says_the_same(void **state)
{
    (void)state;
    script_limits lim;
    script_limits_default(&lim);
    char *guide = slurp("scripts/AUTHORING.md");
    assert_non_null(guide);
    char *limits = section(guide, "- **Limits**:", "\n- **");
    free(guide);
    assert_non_null(limits);
    char value[64], want[160];
    const char *need[3];
    snprintf(want, sizeof want, "%s instructions per call", grouped(lim.instructions_per_call, value, sizeof value));
    need[0] = want;
    char game[160], mem[64];
    snprintf(game, sizeof game, "%s instructions for a whole game", grouped(SCRIPT_GAME_WORK, value, sizeof value));
    need[1] = game;
    snprintf(mem, sizeof mem, "%zu MiB", lim.memory_bytes >> 20);
    need[2] = mem;
    for (int i = 0; i < 3; i++) {
        if (!strstr(limits, need[i]))
            print_message("AUTHORING.md's limits: wanted \"%s\" in:\n%s\n", need[i], limits);
        assert_non_null(strstr(limits, need[i]));
    }
    free(limits);
}

static void test_memory(void **state)
{
    (void)state;
    script_limits lim;
    script_limits_default(&lim);
    char value[32], msg[400];
    snprintf(value, sizeof value, "%zu MiB", lim.memory_bytes >> 20);
    sandbox_message("local t = {} for i = 1, 1e9 do t[i] = ('t'):rep(4096) .. i end", msg, sizeof msg);
    assert_non_null(strstr(msg, value));
    documented("memory", "memory", value, msg);
}

static void test_strings(void **state)
{
    (void)state;
    script_limits lim;
    script_limits_default(&lim);
    char value[32], msg[400], code[128];
    snprintf(value, sizeof value, "%zu MiB", lim.max_string_bytes >> 20);
    /* the documented example: one MiB over the cap */
    snprintf(code, sizeof code, "local s = ('x'):rep(%zu)", lim.max_string_bytes + (1u << 20));
    sandbox_message(code, msg, sizeof msg);
    documented("a string built by", "string size", value, msg);
}

static void test_call_depth(void **state)
{
    (void)state;
    char value[32], msg[400];
    sandbox_message("local function f(n) return 1 + f(n + 1) end return f(1)", msg, sizeof msg);
    grouped(SANDBOX_MAX_DEPTH, value, sizeof value);
    char want[96];
    snprintf(want, sizeof want, "stack overflow (more than %d nested calls)", SANDBOX_MAX_DEPTH);
    assert_string_equal(msg, want);
    documented("calls in progress", "call depth", value, msg);
}

static void test_cpu_time(void **state)
{
    (void)state;
    script_limits lim;
    script_limits_default(&lim);
    char value[32], msg[96];
    snprintf(value, sizeof value, "%u s", (unsigned)(lim.cpu_ms_per_call / 1000));
    snprintf(msg, sizeof msg, "time limit exceeded (%u ms per call)", (unsigned)lim.cpu_ms_per_call);
    documented("CPU time", "CPU time", value, msg);
}

/* A loop whose every instruction does a megabyte of work in C meets the
 * unexplained-CPU backstop, with the documented message, well before the
 * 10 s one. */
static void test_cpu_unseen(void **state)
{
    (void)state;
    script_limits lim;
    script_limits_default(&lim);
    assert_int_equal(lim.cpu_ms_unseen, 300);
    assert_int_equal(SANDBOX_NS_PER_INSTRUCTION, 40);
    assert_int_equal(SANDBOX_NS_PER_ALLOCATION, 1500);
    assert_true(SANDBOX_NS_PER_BYTE == 0.5);
    bw_err e;
    script_sandbox *sb = script_sandbox_create(&lim, &e);
    assert_non_null(sb);
    const char *code = "local a, b = ('x'):rep(4000000) .. 'a', ('x'):rep(4000000) .. 'b'\n"
                       "while true do local _ = a < b end";
    assert_int_equal(script_sandbox_load(sb, "=x.lua", code, strlen(code), &e), BW_OK);
    assert_int_equal(script_sandbox_call(sb, 0, 0, &e), BW_ELIMIT);
    assert_non_null(strstr(e.msg, "x.lua:2: time limit exceeded ("));
    assert_non_null(strstr(e.msg, " ms of CPU time for "));
    assert_non_null(strstr(e.msg, " units of work)"));
    script_sandbox_destroy(sb);
    documented("CPU time beyond", "unexplained CPU time",
               "plus what the counted work earns: 40 ns an instruction, 1.5 µs a block allocated, 0.5 ns a byte",
               "ms of CPU time for");
    documented("CPU time beyond", "unexplained CPU time", "300 ms", "units of work)");
}

static void test_source_size(void **state)
{
    (void)state;
    size_t n = SCRIPT_SOURCE_MAX + 1;
    char *src = malloc(n);
    assert_non_null(src);
    memset(src, '-', n);
    char value[32], msg[400];
    load_message(src, n, msg, sizeof msg);
    free(src);
    snprintf(value, sizeof value, "%u MiB", SCRIPT_SOURCE_MAX >> 20);
    documented("source file", "source size", value, msg);
}

/* A scenario whose field is one byte over its limit: the message, as documented. */
static void field_over(const char *field, size_t limit, const char *readme_row, const char *api_row)
{
    size_t n = limit + 1;
    char *src = malloc(n + 256);
    assert_non_null(src);
    int k = snprintf(src, 256, "return scenario { id = \"x\", days = 1, nodes = { node { id = \"a\", kind = \"web\" } },\n"
                               "  %s%s = \"", strcmp(field, "title") ? "title = \"t\", " : "", field);
    memset(src + k, 'y', n);
    memcpy(src + k + n, "\" }\n", 5);
    char msg[400], value[32];
    load_message(src, strlen(src), msg, sizeof msg);
    free(src);
    char want[128];
    snprintf(want, sizeof want, "'%s' is %zu bytes long; the limit is %zu", field, n, limit);
    assert_non_null(strstr(msg, want));
    documented(readme_row, api_row, grouped(limit, value, sizeof value), want);
}

static void test_texts_in_the_table(void **state)
{
    (void)state;
    field_over("title", SCRIPT_TITLE_MAX, "title, author", "title, author");
    field_over("briefing", SCRIPT_BRIEFING_MAX, "briefing", "briefing");
    char value[32];
    snprintf(value, sizeof value, "%d bytes, %d bytes", SCRIPT_SUMMARY_MAX, SCRIPT_VERSION_MAX);
    documented(NULL, "summary, version", value, NULL);
    snprintf(value, sizeof value, "%d bytes", SCRIPT_OBJECTIVE_TEXT_MAX);
    documented(NULL, "objective text", value, NULL);
    snprintf(value, sizeof value, "%d bytes", SIM_LABEL_MAX - 1);
    documented(NULL, "labels", value, NULL);
    char msg[96];
    snprintf(value, sizeof value, "%d bytes", SIM_ID_MAX - 1);
    snprintf(msg, sizeof msg, "the limit is %d", SIM_ID_MAX - 1);
    documented(NULL, "ids", value, msg);
}

static void test_items(void **state)
{
    (void)state;
    char value[32], msg[96];
    snprintf(msg, sizeof msg, "the limit is %d", SCRIPT_MAX_ITEMS);
    documented("nodes, links", "items", grouped(SCRIPT_MAX_ITEMS, value, sizeof value), msg);
}

static void test_run_time_texts(void **state)
{
    (void)state;
    char value[32], msg[96];
    snprintf(value, sizeof value, "%d bytes", SIM_TEXT_MAX - 1);
    snprintf(msg, sizeof msg, "the text is %d bytes long; the limit is %d", SIM_TEXT_MAX, SIM_TEXT_MAX - 1);
    documented("a log line", "run-time text", value, msg);
    snprintf(msg, sizeof msg, "the debrief is %d bytes long; the limit is %d", SCRIPT_DEBRIEF_MAX + 1,
             SCRIPT_DEBRIEF_MAX);
    documented("the debrief", "the debrief", grouped(SCRIPT_DEBRIEF_MAX, value, sizeof value), msg);
}

static void test_callbacks(void **state)
{
    (void)state;
    char value[32], msg[128];
    snprintf(msg, sizeof msg, "a game may hold at most %d events, choices and scheduled functions",
             SCRIPT_MAX_CALLBACKS);
    documented(NULL, "events and choices", grouped(SCRIPT_MAX_CALLBACKS, value, sizeof value), msg);
}

static void test_records(void **state)
{
    (void)state;
    char value[32];
    snprintf(value, sizeof value, "%u MiB", RECORD_MAX_BYTES >> 20);
    char msg[64];
    snprintf(msg, sizeof msg, "larger than %u MiB", RECORD_MAX_BYTES >> 20);
    documented("a replay record", "replay record", value, msg);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_instructions),     cmocka_unit_test(test_game_work),
        cmocka_unit_test(test_memory),           cmocka_unit_test(test_strings),
        cmocka_unit_test(test_call_depth),
        cmocka_unit_test(test_cpu_time), cmocka_unit_test(test_cpu_unseen),       cmocka_unit_test(test_source_size),
        cmocka_unit_test(test_texts_in_the_table), cmocka_unit_test(test_items),
        cmocka_unit_test(test_run_time_texts),   cmocka_unit_test(test_records),
        cmocka_unit_test(test_callbacks),
        cmocka_unit_test(test_the_guide_says_the_same),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
