/* test_rstore_crash.c — a room's results store keeps every result a
 * writer was told was saved, whatever moment the writer is killed at
 * (issue 7), on both backends: a child process submits results through
 * rstore_result_add in a loop and reports each id through a pipe once the
 * call has returned; the parent kills it with SIGKILL at a random moment,
 * then opens the store as the facilitator: rstore_check passes (SQLite's
 * integrity check; on PostgreSQL every row's columns match its record and
 * the schema is current) and every reported result is there with its
 * exact record. Fifty kills over five rounds on a SQLite file, fifty on
 * PostgreSQL (tests/pg/pg_server.sh, started by CTest). The first child of
 * each round meets a new store and is killed at a random moment of its
 * connecting, creating and migrating it (the test first times one such
 * writer; on PostgreSQL it is a facilitator: a migration cut short must
 * leave nothing half done). Set
 * BULWARK_TEST_SEED to replay a run. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <inttypes.h>
#include <poll.h>
#include <time.h>

#include "store/store_test.h"
#include "bulwark/record.h"
#include "bulwark/rstore.h"
#include "pg/pg_test.h"

#define ROUNDS 5
#define KILLS_PER_ROUND 10
#define MAX_REPORTS 100000

typedef struct report {
    int64_t id;
    int32_t child, n;
} report;

static char *record_text;
static report reps[MAX_REPORTS];
static uint64_t rng;

static uint32_t next_random(void)
{
    rng ^= rng >> 12;
    rng ^= rng << 25;
    rng ^= rng >> 27;
    return (uint32_t)((rng * 2685821657736338717ULL) >> 32);
}

static void player_name(char *buf, size_t n, int child, int i)
{
    snprintf(buf, n, "c%d-%d", child, i);
}

/* The child: submit results until killed. Never returns. */
static void writer(const char *target, const char *user, rstore_role role, int child, int fd)
{
    bw_err e;
    rstore *s = rstore_open(target, user, role, &e);
    if (!s) {
        fprintf(stderr, "writer %d: %s\n", child, e.msg);
        _exit(3);
    }
    for (int i = 0;; i++) {
        char name[32];
        player_name(name, sizeof name, child, i);
        store_result_meta m = {name, child % 2 ? "red" : "blue", "crash", 1700000000 + i};
        int64_t id = 0;
        if (rstore_result_add(s, record_text, &m, &id, &e) != BW_OK) {
            fprintf(stderr, "writer %d: %s\n", child, e.msg);
            _exit(4);
        }
        report r = {id, child, i};
        if (write(fd, &r, sizeof r) != (ssize_t)sizeof r)
            _exit(5);
    }
}

/* text is the record the writer added, byte for byte, naming r's player,
 * team and workshop as it was stamped at submission. */
static void assert_whole(const char *text, const store_result *r)
{
    record_who who, said;
    memset(&who, 0, sizeof who);
    snprintf(who.player, sizeof who.player, "%s", r->player);
    snprintf(who.team, sizeof who.team, "%s", r->team);
    snprintf(who.workshop, sizeof who.workshop, "%s", r->workshop);
    assert_true(record_who_get(text, &said));
    assert_memory_equal(&said, &who, sizeof who);
    bw_err e;
    char *want = record_with_who(record_text, &who, &e);
    assert_non_null(want);
    assert_string_equal(text, want);
    free(want);
}

static void verify(const char *target, const char *user, const report *said, int count)
{
    bw_err e;
    rstore *s = rstore_open(target, user, RSTORE_FACILITATOR, &e);
    if (!s)
        fail_msg("reopening after a kill: %s", e.msg);
    if (rstore_check(s, &e) != BW_OK)
        fail_msg("consistency: %s", e.msg);
    int v = 0;
    assert_int_equal(rstore_schema_version(s, &v, &e), BW_OK);
    assert_int_equal(v, 2);
    for (int i = 0; i < count; i++) {
        store_result r;
        char *text = NULL;
        if (rstore_result_get(s, said[i].id, &r, &text, &e) != BW_OK)
            fail_msg("reported result %" PRId64 " (child %d, game %d) is missing: %s", said[i].id,
                     said[i].child, said[i].n, e.msg);
        char name[32];
        player_name(name, sizeof name, said[i].child, said[i].n);
        assert_string_equal(r.player, name);
        assert_string_equal(r.workshop, "crash");
        assert_int_equal(r.finished_at, 1700000000 + said[i].n);
        assert_whole(text, &r);
        free(text);
    }
    /* Every row there, reported or not (killed between its commit and its
     * report), is whole. */
    store_result *all = NULL;
    int n = 0;
    assert_int_equal(rstore_results_list(s, NULL, &all, &n, &e), BW_OK);
    assert_true(n >= count);
    for (int i = 0; i < n; i++) {
        char *text = NULL;
        store_result r;
        assert_int_equal(rstore_result_get(s, all[i].id, &r, &text, &e), BW_OK);
        assert_whole(text, &r);
        free(text);
    }
    free(all);
    rstore_close(s);
}

static double now_us(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec * 1e6 + (double)t.tv_nsec / 1e3;
}

/* How long a first writer takes, here and now, from its start to its
 * first result on a new store (connecting, creating, migrating): the
 * first kills of the rounds land within one and a half of that. */
static long first_result_us(void (*new_target)(char *buf, size_t n, int round),
                            void (*drop_target)(const char *target), const char *user,
                            rstore_role role)
{
    char target[512];
    new_target(target, sizeof target, 99);
    int p[2];
    assert_int_equal(pipe(p), 0);
    double t0 = now_us();
    pid_t pid = fork();
    assert_true(pid >= 0);
    if (pid == 0) {
        close(p[0]);
        writer(target, user, role, 9999, p[1]);
    }
    close(p[1]);
    report r;
    struct pollfd pf = {p[0], POLLIN, 0};
    bool ok = poll(&pf, 1, 60000) == 1 && read(p[0], &r, sizeof r) == (ssize_t)sizeof r;
    long us = (long)(now_us() - t0);
    kill(pid, SIGKILL);
    waitpid(pid, NULL, 0);
    close(p[0]);
    drop_target(target);
    if (!ok)
        fail_msg("a first writer saved nothing in 60 s (see its message above)");
    return us;
}

/* Fifty kills on the store that new_target names afresh each round. */
static void kill_writers(const char *backend, void (*new_target)(char *buf, size_t n, int round),
                         void (*drop_target)(const char *target), int (*peek)(const char *target),
                         const char *first_user, rstore_role first_role, const char *user)
{
    int total_reported = 0, before_first_result = 0, left_at[3] = {0, 0, 0};
    long first_us = first_result_us(new_target, drop_target, first_user, first_role);
    for (int round = 0; round < ROUNDS; round++) {
        char target[512];
        new_target(target, sizeof target, round);
        int count = 0;
        for (int k = 0; k < KILLS_PER_ROUND; k++) {
            int child = round * KILLS_PER_ROUND + k;
            int p[2];
            assert_int_equal(pipe(p), 0);
            pid_t pid = fork();
            assert_true(pid >= 0);
            if (pid == 0) {
                close(p[0]);
                if (k == 0)
                    writer(target, first_user, first_role, child, p[1]);
                writer(target, user, RSTORE_PLAYER, child, p[1]);
            }
            close(p[1]);
            int before = count;
            /* The first child meets a new store: killed while it connects,
             * creates or migrates it, or writes its first result. The others
             * once their first result is in, within 100 ms. */
            long us = (long)(next_random() % (unsigned long)(first_us * 3 / 2 + 1));
            if (k > 0) {
                struct pollfd pf = {p[0], POLLIN, 0};
                if (poll(&pf, 1, 30000) != 1 ||
                    read(p[0], &reps[count], sizeof *reps) != (ssize_t)sizeof *reps) {
                    kill(pid, SIGKILL);
                    waitpid(pid, NULL, 0);
                    fail_msg("%s: writer %d saved nothing in 30 s (see its message above)",
                             backend, child);
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
                fail_msg("%s: writer %d ended by itself (status %d): see its message above",
                         backend, child, status);
            size_t got = 0;
            char *buf = (char *)(reps + count);
            size_t room = sizeof *reps * (size_t)(MAX_REPORTS - count);
            ssize_t r;
            while (got < room && (r = read(p[0], buf + got, room - got)) > 0)
                got += (size_t)r;
            close(p[0]);
            assert_int_equal(got % sizeof *reps, 0);
            count += (int)(got / sizeof *reps);
            if (k == 0 && count == before) {
                before_first_result++;
                int v = peek(target); /* how far the creation got, before verify finishes it */
                if (v < 0 || v > 2)
                    fail_msg("%s: after a kill before the first result, the schema version reads %d", backend, v);
                left_at[v]++;
            }
            verify(target, first_user, reps, count);
        }
        total_reported += count;
        drop_target(target);
    }
    print_message("%s: %d kills, %d results reported and found whole, %d first kills before a "
                  "first result (leaving the schema at version 0: %d, 1: %d, 2: %d; a first "
                  "result took %ld ms)\n",
                  backend, ROUNDS * KILLS_PER_ROUND, total_reported, before_first_result,
                  left_at[0], left_at[1], left_at[2], first_us / 1000);
    assert_true(total_reported >= ROUNDS * (KILLS_PER_ROUND - 1));
}

/* ---- SQLite ---------------------------------------------------------------------------- */

static char lite_dir[64];

static void lite_new(char *buf, size_t n, int round)
{
    (void)round;
    st_tmpdir(lite_dir, sizeof lite_dir);
    snprintf(buf, n, "%s/room.db", lite_dir);
}

static void lite_drop(const char *target)
{
    (void)target;
    st_remove_tree(lite_dir);
}

/* The file's schema version, read without migrating (0: no file yet). */
static int lite_peek(const char *target)
{
    sqlite3 *raw;
    if (access(target, F_OK) != 0)
        return 0;
    /* Read-write, with a busy timeout: a writer killed mid-creation can
     * leave a hot journal that only a writer may roll back (read-only, the
     * query fails: SQLITE_BUSY). */
    assert_int_equal(sqlite3_open_v2(target, &raw, SQLITE_OPEN_READWRITE, NULL), SQLITE_OK);
    sqlite3_busy_timeout(raw, 5000);
    sqlite3_stmt *st;
    int v = -1;
    if (sqlite3_prepare_v2(raw, "PRAGMA user_version", -1, &st, NULL) == SQLITE_OK) {
        if (sqlite3_step(st) == SQLITE_ROW)
            v = sqlite3_column_int(st, 0);
        sqlite3_finalize(st);
    }
    sqlite3_close(raw);
    return v;
}

static void test_sqlite_writers_killed(void **state)
{
    (void)state;
    kill_writers("SQLite", lite_new, lite_drop, lite_peek, NULL, RSTORE_PLAYER, NULL);
}

/* ---- PostgreSQL ------------------------------------------------------------------------ */

static char pg_db[64];

static void pg_new(char *buf, size_t n, int round)
{
    snprintf(pg_db, sizeof pg_db, "crash_%d_%d", (int)getpid(), round);
    pgt_new_db(pg_db, buf, n);
}

static void pg_drop(const char *target)
{
    (void)target;
    pgt_drop_db(pg_db);
}

static int pg_peek(const char *target)
{
    (void)target;
    PGconn *raw = pgt_connect(PGT_FACILITATOR, pg_db);
    int v = 0;
    if (pgt_int(raw, "SELECT (to_regclass('schema_version') IS NOT NULL)::int"))
        v = (int)pgt_int(raw, "SELECT coalesce(max(version), 0) FROM schema_version");
    PQfinish(raw);
    return v;
}

static void test_postgres_writers_killed(void **state)
{
    (void)state;
    pgt_load_env();
    kill_writers("PostgreSQL", pg_new, pg_drop, pg_peek, PGT_FACILITATOR, RSTORE_FACILITATOR,
                 PGT_PLAYER);
}

static int setup(void **state)
{
    (void)state;
    const char *seed_env = getenv("BULWARK_TEST_SEED");
    uint64_t seed =
        seed_env ? strtoull(seed_env, NULL, 10) : (uint64_t)time(NULL) ^ ((uint64_t)getpid() << 20);
    rng = seed ? seed : 1;
    print_message("crash test seed %" PRIu64 " (BULWARK_TEST_SEED replays it)\n", seed);
    record_text = st_played_record("log4shell", "sensible", 3);
    return 0;
}

static int teardown(void **state)
{
    (void)state;
    free(record_text);
    return 0;
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_sqlite_writers_killed),
        cmocka_unit_test(test_postgres_writers_killed),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
