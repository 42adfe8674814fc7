/* test_store_crash.c — killing the game loses at most the game in
 * progress. A child process adds results in a loop and reports each id
 * through a pipe once store_result_add has returned; the parent kills it
 * with SIGKILL at a random moment (the first kill of each round lands
 * while the child creates and migrates a new file, or just after), then
 * reopens the store: SQLite's integrity check says "ok", every reported
 * result is there and whole, and progress has counted exactly the
 * results present. Fifty kills over five rounds. Set BULWARK_TEST_SEED
 * to replay a run. A second test starts eight writers at once on a new
 * file, as a workshop's room would. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <inttypes.h>
#include <poll.h>
#include <time.h>

#include "store/store_test.h"

#define ROUNDS 5
#define KILLS_PER_ROUND 10
#define MAX_REPORTS 100000

typedef struct report {
    int64_t id;
    int32_t child, n;
} report;

static char *record_text;        /* what every child stores */
static report reps[MAX_REPORTS]; /* what the children said they saved */
static uint64_t rng;

static uint32_t next_random(void)
{
    /* xorshift64*: the test's own stream, printed seed, replayable. */
    rng ^= rng >> 12;
    rng ^= rng << 25;
    rng ^= rng >> 27;
    return (uint32_t)((rng * 2685821657736338717ULL) >> 32);
}

static void player_name(char *buf, size_t n, int child, int i)
{
    snprintf(buf, n, "c%d-%d", child, i);
}

/* The child: add results until killed. Never returns. */
static void writer(const char *path, int child, int fd)
{
    bw_err e;
    store_db *db = store_open(path, &e);
    if (!db) {
        fprintf(stderr, "writer: %s\n", e.msg);
        _exit(3);
    }
    for (int i = 0;; i++) {
        char name[32];
        player_name(name, sizeof name, child, i);
        store_result_meta m = {.player = name, .finished_at = 1700000000 + i};
        int64_t id = 0;
        if (store_result_add(db, record_text, &m, &id, &e) != BW_OK) {
            fprintf(stderr, "writer: %s\n", e.msg);
            _exit(4);
        }
        report r = {id, child, i};
        if (write(fd, &r, sizeof r) != (ssize_t)sizeof r)
            _exit(5);
    }
}

/* Everything the store holds must be whole: the reported results, and
 * every other row too. */
static void verify(const char *path, const report *said, int count)
{
    bw_err e;
    store_db *db = store_open(path, &e);
    if (!db)
        fail_msg("reopening after a kill: %s", e.msg);
    if (store_check(db, &e) != BW_OK)
        fail_msg("integrity: %s", e.msg);
    for (int i = 0; i < count; i++) {
        store_result r;
        char *text = NULL;
        if (store_result_get(db, said[i].id, &r, &text, &e) != BW_OK)
            fail_msg("reported result %" PRId64 " (child %d, game %d) is missing: %s", said[i].id,
                     said[i].child, said[i].n, e.msg);
        char name[32];
        player_name(name, sizeof name, said[i].child, said[i].n);
        assert_string_equal(r.player, name);
        assert_int_equal(r.finished_at, 1700000000 + said[i].n);
        assert_string_equal(text, record_text);
        free(text);
    }
    store_result *all = NULL;
    int n = 0;
    assert_int_equal(store_results_list(db, NULL, &all, &n, &e), BW_OK);
    assert_true(n >= count);
    record_summary want;
    assert_int_equal(record_summary_parse(record_text, "record", &want, &e), BW_OK);
    for (int i = 0; i < n; i++) {
        char *text = NULL;
        store_result r;
        assert_int_equal(store_result_get(db, all[i].id, &r, &text, &e), BW_OK);
        assert_string_equal(text, record_text);
        assert_memory_equal(&r.sum, &want, sizeof want);
        free(text);
    }
    /* Progress counted exactly what is there: never a result without
     * its progress, nor progress without its result. */
    store_progress p;
    assert_int_equal(store_progress_get(db, want.scenario_id, &p, &e), BW_OK);
    assert_int_equal(p.attempts, n);
    assert_int_equal(p.wins, want.outcome == SIM_OUTCOME_WON ? n : 0);
    assert_int_equal(st_query_int(db, "SELECT count(DISTINCT player) FROM results"), n);
    free(all);
    store_close(db);
}

static void test_killed_writers_lose_nothing_they_reported(void **state)
{
    (void)state;
    const char *seed_env = getenv("BULWARK_TEST_SEED");
    uint64_t seed =
        seed_env ? strtoull(seed_env, NULL, 10) : (uint64_t)time(NULL) ^ ((uint64_t)getpid() << 20);
    rng = seed ? seed : 1;
    print_message("crash test seed %" PRIu64 " (BULWARK_TEST_SEED replays it)\n", seed);
    int total_reported = 0, mid_migration = 0;
    for (int round = 0; round < ROUNDS; round++) {
        char dir[64], path[128];
        st_tmpdir(dir, sizeof dir);
        snprintf(path, sizeof path, "%s/bulwark.db", dir);
        int count = 0;
        for (int k = 0; k < KILLS_PER_ROUND; k++) {
            int child = round * KILLS_PER_ROUND + k;
            int p[2];
            assert_int_equal(pipe(p), 0);
            pid_t pid = fork();
            assert_true(pid >= 0);
            if (pid == 0) {
                close(p[0]);
                writer(path, child, p[1]);
            }
            close(p[1]);
            /* The first child of a round meets a new file: kill it within
             * 8 ms, while it creates and migrates it or writes its first
             * result. The others are killed among their writes: once the
             * first result is in (a slow disk must not turn the test into
             * one of killing writers that never wrote), within 100 ms. */
            int before = count;
            long us = (long)(next_random() % 8000);
            if (k > 0) {
                struct pollfd pf = {p[0], POLLIN, 0};
                if (poll(&pf, 1, 20000) != 1 ||
                    read(p[0], &reps[count], sizeof *reps) != (ssize_t)sizeof *reps) {
                    kill(pid, SIGKILL); /* leave no writer behind */
                    waitpid(pid, NULL, 0);
                    fail_msg("writer %d saved nothing in 20 s (see its message above)", child);
                }
                count++;
                us = (long)(next_random() % 100000);
            }
            struct timespec ts = {us / 1000000, (us % 1000000) * 1000};
            nanosleep(&ts, NULL);
            assert_int_equal(kill(pid, SIGKILL), 0);
            int status = 0;
            assert_int_equal(waitpid(pid, &status, 0), pid);
            if (!WIFSIGNALED(status) || WTERMSIG(status) != SIGKILL)
                fail_msg("writer %d ended by itself (status %d): see its message above", child,
                         status);
            /* Every report the child finished writing. */
            size_t got = 0;
            char *buf = (char *)(reps + count);
            size_t room = sizeof *reps * (size_t)(MAX_REPORTS - count);
            ssize_t r;
            while (got < room && (r = read(p[0], buf + got, room - got)) > 0)
                got += (size_t)r;
            close(p[0]);
            assert_int_equal(got % sizeof *reps, 0);
            count += (int)(got / sizeof *reps);
            if (k == 0 && count == before)
                mid_migration++;
            verify(path, reps, count);
        }
        total_reported += count;
        st_remove_tree(dir);
    }
    print_message(
        "%d kills, %d results reported and found whole, %d first kills before a first result\n",
        ROUNDS * KILLS_PER_ROUND, total_reported, mid_migration);
    /* The kills landed among writes, or this proved nothing. */
    assert_true(total_reported >= ROUNDS * (KILLS_PER_ROUND - 1));
}

/* Writers that start together on a new file (a workshop's room on one
 * shared file): each waits its turn, none fails, nothing is lost. */
static void test_writers_at_once_share_the_file(void **state)
{
    (void)state;
    enum { WRITERS = 8, EACH = 5 };
    char dir[64], path[128];
    st_tmpdir(dir, sizeof dir);
    snprintf(path, sizeof path, "%s/bulwark.db", dir);
    const int pillars[4] = {60, 70, 80, 90};
    char *rec = st_fake_record("room", "won", 2, pillars, 20);
    pid_t pids[WRITERS];
    for (int w = 0; w < WRITERS; w++) {
        pids[w] = fork();
        assert_true(pids[w] >= 0);
        if (pids[w] == 0) {
            bw_err e;
            store_db *db = store_open(path, &e);
            for (int i = 0; db && i < EACH; i++) {
                char name[32];
                player_name(name, sizeof name, w, i);
                store_result_meta m = {.player = name, .team = w % 2 ? "red" : "blue"};
                if (store_result_add(db, rec, &m, NULL, &e) != BW_OK)
                    break;
                e.msg[0] = '\0';
            }
            if (!db || e.msg[0])
                fprintf(stderr, "writer %d: %s\n", w, e.msg);
            _exit(!db || e.msg[0] ? 1 : 0);
        }
    }
    for (int w = 0; w < WRITERS; w++) {
        int status = 0;
        assert_int_equal(waitpid(pids[w], &status, 0), pids[w]);
        assert_true(WIFEXITED(status));
        assert_int_equal(WEXITSTATUS(status), 0);
    }
    bw_err e;
    store_db *db = store_open(path, &e);
    assert_non_null(db);
    assert_int_equal(store_check(db, &e), BW_OK);
    store_result *all = NULL;
    int n = 0;
    store_result_filter red = {.team = "red"};
    assert_int_equal(store_results_list(db, &red, &all, &n, &e), BW_OK);
    assert_int_equal(n, WRITERS / 2 * EACH);
    free(all);
    assert_int_equal(st_query_int(db, "SELECT count(DISTINCT player) FROM results"),
                     WRITERS * EACH);
    store_progress p;
    assert_int_equal(store_progress_get(db, "room", &p, &e), BW_OK);
    assert_int_equal(p.attempts, WRITERS * EACH);
    store_close(db);
    free(rec);
    st_remove_tree(dir);
}

static int make_record(void **state)
{
    (void)state;
    record_text = st_played_record("log4shell", "sensible", 3);
    return 0;
}

static int free_record(void **state)
{
    (void)state;
    free(record_text);
    return 0;
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_writers_at_once_share_the_file),
        cmocka_unit_test(test_killed_writers_lose_nothing_they_reported),
    };
    return cmocka_run_group_tests(tests, make_record, free_record);
}
