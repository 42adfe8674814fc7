/* test_record.c — the result record (docs/result-record.md) as the store
 * module builds and reads it: a played game's record reads back as the
 * same actions and summary, records are deterministic, files are written
 * atomically, and a hostile record is refused in a sentence, in linear
 * time. (tests/app/test_run.c checks the same records through the
 * `bulwark run` command line.) */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <cjson/cJSON.h>
#include <time.h>

#include "store/store_test.h"

static char tmp[64];

static int setup(void **state)
{
    (void)state;
    st_tmpdir(tmp, sizeof tmp);
    return 0;
}

static int teardown(void **state)
{
    (void)state;
    st_remove_tree(tmp);
    return 0;
}

static const int mid[4] = {50, 50, 50, 50};

static void test_a_played_record_reads_back_as_its_actions_and_summary(void **state)
{
    (void)state;
    char *text = st_played_record("log4shell", "sensible", 3);
    cJSON *root = cJSON_Parse(text);
    assert_non_null(root);
    bw_err e;
    record_log log;
    assert_int_equal(record_log_parse(text, "played", &log, &e), BW_OK);
    const cJSON *acts = cJSON_GetObjectItemCaseSensitive(root, "actions");
    assert_int_equal(log.count, cJSON_GetArraySize(acts));
    assert_true(log.count > 0);
    assert_string_equal(log.scenario_id, "log4shell");
    assert_int_equal(log.seed, 3);
    for (int i = 0; i < log.count; i++) {
        const cJSON *a = cJSON_GetArrayItem(acts, i);
        assert_int_equal(log.items[i].tick, cJSON_GetObjectItemCaseSensitive(a, "tick")->valueint);
        assert_string_equal(sim_action_name(log.items[i].kind),
                            cJSON_GetObjectItemCaseSensitive(a, "action")->valuestring);
    }
    record_summary sum;
    assert_int_equal(record_summary_parse(text, "played", &sum, &e), BW_OK);
    assert_string_equal(sum.scenario_id, "log4shell");
    assert_true(sum.scenario_hash == log.scenario_hash);
    assert_true(sum.world_hash == log.world_hash);
    assert_int_equal(sum.seed, 3);
    assert_true(sum.outcome == SIM_OUTCOME_WON || sum.outcome == SIM_OUTCOME_LOST);
    assert_string_equal(sum.outcome == SIM_OUTCOME_WON ? "won" : "lost",
                        cJSON_GetObjectItemCaseSensitive(root, "outcome")->valuestring);
    assert_int_equal(sum.stars, cJSON_GetObjectItemCaseSensitive(root, "stars")->valueint);
    assert_int_equal(sum.ticks, cJSON_GetObjectItemCaseSensitive(root, "ticks")->valueint);
    const cJSON *pillars = cJSON_GetObjectItemCaseSensitive(root, "pillars");
    for (int p = 0; p < SIM_PILLAR_COUNT; p++)
        assert_int_equal(
            sum.pillar[p],
            cJSON_GetObjectItemCaseSensitive(pillars, sim_pillar_name((sim_pillar)p))->valueint);
    assert_string_equal(sum.engine, cJSON_GetObjectItemCaseSensitive(root, "engine")->valuestring);
    assert_true(sum.engine[0]);
    /* The shape docs/result-record.md promises. */
    static const char *const fields[] = {
        "format",  "scenario",   "seed",    "engine",  "outcome",  "stars",     "ticks",
        "pillars", "objectives", "teaches", "actions", "timeline", "world_hash"};
    for (size_t i = 0; i < sizeof fields / sizeof fields[0]; i++)
        assert_non_null(cJSON_GetObjectItemCaseSensitive(root, fields[i]));
    record_log_free(&log);
    record_log_free(&log); /* twice is harmless */
    cJSON_Delete(root);
    free(text);
}

static void test_the_same_game_writes_the_same_record(void **state)
{
    (void)state;
    char *a = st_played_record("log4shell", "random", 11);
    char *b = st_played_record("log4shell", "random", 11);
    char *c = st_played_record("log4shell", "random", 12);
    assert_string_equal(a, b);
    assert_string_not_equal(a, c);
    free(a);
    free(b);
    free(c);
}

static void test_logged_actions_resolve_in_the_world(void **state)
{
    (void)state;
    char *text = st_played_record("log4shell", "sensible", 3);
    record_log log;
    bw_err e;
    assert_int_equal(record_log_parse(text, "played", &log, &e), BW_OK);
    char sp[1024];
    script_options so = {.seed_given = true, .seed = 3};
    script_diags d;
    script_diags_init(&d);
    script_scenario *s = script_scenario_load(
        st_source("scripts/scenarios/log4shell.lua", sp, sizeof sp), &so, &d, &e);
    script_diags_free(&d);
    assert_non_null(s);
    const sim_world *w = script_scenario_cworld(s);
    for (int i = 0; i < log.count; i++) {
        sim_action_req req;
        assert_int_equal(record_action_to_req(w, &log.items[i], &req), BW_OK);
        assert_int_equal(req.kind, log.items[i].kind);
    }
    record_action ghost = {.tick = 0, .kind = SIM_ACT_PATCH, .target = "no-such-node", .option = 1};
    sim_action_req req;
    assert_int_equal(record_action_to_req(w, &ghost, &req), BW_ENOTFOUND);
    script_scenario_destroy(s);
    record_log_free(&log);
    free(text);
}

static void test_a_record_file_is_written_whole_or_not_at_all(void **state)
{
    (void)state;
    char path[128], bad[128];
    snprintf(path, sizeof path, "%s/out.json", tmp);
    snprintf(bad, sizeof bad, "%s/missing/out.json", tmp);
    char *text = st_fake_record("s", "won", 1, mid, 3);
    bw_err e;
    assert_int_equal(record_check_writable(path, &e), BW_OK);
    assert_int_equal(record_write_file(path, text, &e), BW_OK);
    FILE *f = fopen(path, "rb");
    assert_non_null(f);
    char back[4096];
    size_t n = fread(back, 1, sizeof back - 1, f);
    fclose(f);
    back[n] = '\0';
    assert_int_equal(n, strlen(text) + 1);
    assert_memory_equal(back, text, strlen(text));
    assert_int_equal(back[n - 1], '\n');
    /* Nothing else is left in the folder. */
    DIR *d = opendir(tmp);
    int entries = 0;
    for (struct dirent *de; (de = readdir(d));)
        entries += de->d_name[0] != '.';
    closedir(d);
    assert_int_equal(entries, 1);
    /* And it reads back as a file like any record. */
    record_log log;
    assert_int_equal(record_log_read(path, &log, &e), BW_OK);
    assert_int_equal(log.count, 3);
    record_log_free(&log);
    assert_int_equal(record_check_writable(bad, &e), BW_EIO);
    assert_non_null(strstr(e.msg, "cannot write"));
    assert_int_equal(record_write_file(bad, text, &e), BW_EIO);
    assert_int_equal(record_log_read(bad, &log, &e), BW_EIO);
    assert_non_null(strstr(e.msg, "cannot open"));
    assert_null(log.items);
    free(text);
}

typedef struct bad_text {
    const char *text, *says;
} bad_text;

static void test_malformed_records_are_refused_in_a_sentence(void **state)
{
    (void)state;
    const bad_text cases[] = {
        {"", "not valid JSON"},
        {"null", "unsupported record format"},
        {"{\"format\":2}", "unsupported record format (this engine reads format 1)"},
        {"{\"format\":1}",
         "a record needs scenario.id, scenario.hash (16 hex digits), seed and actions"},
        {"{\"format\":1,\"scenario\":{\"id\":\"x\",\"hash\":\"0011\"},\"seed\":1,\"actions\":[]}",
         "16 hex digits"},
        {"{\"format\":1,\"scenario\":{\"id\":\"x\",\"hash\":\"0011223344556677\"},\"seed\":-1,"
         "\"actions\":[]}",
         "seed must be a whole number"},
        {"{\"format\":1,\"scenario\":{\"id\":\"x\",\"hash\":\"0011223344556677\"},\"seed\":1.5,"
         "\"actions\":[]}",
         "seed must be a whole number"},
        {"{\"format\":1,\"scenario\":{\"id\":\"x\",\"hash\":\"0011223344556677\"},\"seed\":1,"
         "\"actions\":[]}",
         "world_hash must be the final world hash"},
        {"{\"format\":1,\"scenario\":{\"id\":\"x\",\"hash\":\"0011223344556677\"},\"seed\":1,"
         "\"world_hash\":\"0011223344556677\",\"actions\":[{\"tick\":1,\"action\":\"dance\"}]}",
         "action 1: unknown action 'dance'"},
        {"{\"format\":1,\"scenario\":{\"id\":\"x\",\"hash\":\"0011223344556677\"},\"seed\":1,"
         "\"world_hash\":\"0011223344556677\",\"actions\":[{\"tick\":-1,\"action\":\"patch\"}]}",
         "is not a tick of a game"},
        {"{\"format\":1,\"scenario\":{\"id\":\"x\",\"hash\":\"0011223344556677\"},\"seed\":1,"
         "\"world_hash\":\"0011223344556677\",\"actions\":[{\"tick\":1,\"action\":\"choose\","
         "\"option\":0}]}",
         "'option' must be 1.."},
        {"{\"format\":1,\"scenario\":{\"id\":\"x\",\"hash\":\"0011223344556677\"},\"seed\":1,"
         "\"world_hash\":\"0011223344556677\",\"actions\":[7]}",
         "action 1 needs a numeric 'tick'"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        record_log log;
        record_summary sum;
        bw_err e;
        assert_int_equal(record_log_parse(cases[i].text, "rec.json", &log, &e), BW_EINVAL);
        if (!strstr(e.msg, cases[i].says) || strncmp(e.msg, "rec.json: ", 10) != 0)
            fail_msg("case %zu: '%s' does not say '%s'", i, e.msg, cases[i].says);
        assert_null(log.items);
        assert_int_equal(log.count, 0);
        /* The summary reader refuses all of these too. */
        assert_int_equal(record_summary_parse(cases[i].text, "rec.json", &sum, &e), BW_EINVAL);
    }
    record_log log;
    assert_int_equal(record_log_parse(NULL, "nothing", &log, NULL), BW_EINVAL);
}

static void test_a_huge_action_log_reads_in_linear_time(void **state)
{
    (void)state;
    /* Quadratic reading (indexing the list) would take minutes here. */
    int n = 200000;
    char *text = st_fake_record("s", "won", 1, mid, n);
    clock_t t0 = clock();
    record_log log;
    bw_err e;
    assert_int_equal(record_log_parse(text, "huge", &log, &e), BW_OK);
    assert_int_equal(log.count, n);
    assert_int_equal(log.items[n - 1].tick, 72);
    double s = (double)(clock() - t0) / CLOCKS_PER_SEC;
    assert_true(s < 10.0);
    record_log_free(&log);
    free(text);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
#define T(f) cmocka_unit_test_setup_teardown(f, setup, teardown)
        T(test_a_played_record_reads_back_as_its_actions_and_summary),
        T(test_the_same_game_writes_the_same_record),
        T(test_logged_actions_resolve_in_the_world),
        T(test_a_record_file_is_written_whole_or_not_at_all),
        T(test_malformed_records_are_refused_in_a_sentence),
        T(test_a_huge_action_log_reads_in_linear_time),
#undef T
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
