/* test_rstore_pg.c — a room's results store on a real PostgreSQL server
 * (tests/pg/pg_server.sh, started by CTest's pg_server_start fixture):
 * everything test_rstore.c checks (rstore_cases.h), then what is the
 * server's: a player's connection cannot UPDATE or DELETE anyone's result
 * (through the API and by raw SQL on the player's own connection: the
 * server's permission error), while the facilitator's can; migrations
 * idempotent, concurrent, refused to a player, from version 1, refused
 * from a newer Bulwark; rstore_check catching a row whose columns no
 * longer match its record; connection strings, passwords kept out of
 * strings and messages, failures said in a sentence. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <time.h>

#include "store/store_test.h"
#include "store/rstore_cases.h"
#include "pg/pg_test.h"

static char db_name[64];
static int db_serial;

static int group_setup(void **state)
{
    (void)state;
    pgt_load_env();
    rc_kind = RSTORE_POSTGRES;
    rc_player_user = PGT_PLAYER;
    rc_facilitator_user = PGT_FACILITATOR;
    return 0;
}

static int setup(void **state)
{
    (void)state;
    snprintf(db_name, sizeof db_name, "rstore_%d_%d", (int)getpid(), ++db_serial);
    pgt_new_db(db_name, rc_target, sizeof rc_target);
    return 0;
}

static int teardown(void **state)
{
    (void)state;
    pgt_drop_db(db_name);
    return 0;
}

/* ---- a player cannot change anyone's result ----------------------------------------- */

static void test_player_cannot_update_or_delete_by_raw_sql(void **state)
{
    (void)state;
    rstore *fac = rc_open(RSTORE_FACILITATOR);
    int64_t theirs = rc_add(fac, "log4shell", "bob", "blue", "w1", 100);
    rstore_session sess = {.workshop = "w1", .phase = RSTORE_RUNNING};
    bw_err e;
    assert_int_equal(rstore_session_put(fac, &sess, &e), BW_OK);
    rstore *pl = rc_open(RSTORE_PLAYER);
    int64_t mine = rc_add(pl, "log4shell", "ann", "red", "w1", 101);
    assert_int_equal(rstore_join(pl, "w1", "ann", "red", &e), BW_OK);

    /* Through the API: the server's refusal, in its words. */
    assert_int_equal(rstore_result_delete(pl, theirs, &e), BW_EREFUSED);
    assert_non_null(strstr(e.msg, "permission denied"));
    assert_non_null(strstr(e.msg, "bulwark_player"));
    assert_int_equal(rstore_result_delete(pl, mine, &e), BW_EREFUSED);
    sess.phase = RSTORE_ENDED;
    assert_int_equal(rstore_session_put(pl, &sess, &e), BW_EREFUSED);
    assert_non_null(strstr(e.msg, "permission denied"));

    /* By raw SQL on a player's connection. */
    PGconn *raw = pgt_connect(PGT_PLAYER, db_name);
    char sql[512], state_[6];
    static const char *const attempts[] = {
        "UPDATE results SET stars = 3 WHERE id = %lld",
        "UPDATE results SET protection = 100",
        "DELETE FROM results WHERE id = %lld",
        "DELETE FROM results",
        "TRUNCATE results",
        "DROP TABLE results",
        "ALTER TABLE results DISABLE ROW LEVEL SECURITY",
        "UPDATE workshop_sessions SET phase = 'ended'",
        "INSERT INTO workshop_sessions VALUES ('w2', 'running', 0, 0, 0, 0, '', 0)",
        "DELETE FROM workshop_sessions",
        "UPDATE workshop_players SET team = 'blue'",
        "DELETE FROM workshop_players",
        "DELETE FROM schema_version",
        "INSERT INTO schema_version (version) VALUES (3)",
        "SELECT setval('results_id_seq', 1)",
        /* Row-level security: a player inserts only a workshop's results. */
        "INSERT INTO results (finished_at, scenario_id, scenario_hash, seed, engine, outcome, "
        "stars, ticks, protection, responsibility, capacity, collaboration, world_hash, record) "
        "VALUES (1, 'x', '0011223344556677', 1, 'e', 'won', 3, 1, 100, 100, 100, 100, "
        "'0011223344556677', '{}')",
    };
    for (size_t i = 0; i < sizeof attempts / sizeof *attempts; i++) {
        snprintf(sql, sizeof sql, attempts[i], (long long)theirs);
        pgt_exec(raw, sql, state_);
        if (strcmp(state_, "42501") != 0)
            fail_msg("as the player, %s: SQLSTATE %s, not 42501 (insufficient privilege)", sql,
                     state_);
    }
    /* ... and it may read and insert what it should. */
    assert_int_equal(pgt_int(raw, "SELECT count(*) FROM results"), 2);
    assert_int_equal(pgt_int(raw, "SELECT count(*) FROM workshop_sessions"), 1);
    static const char *const privileges[] = {"UPDATE", "DELETE", "TRUNCATE", "REFERENCES",
                                             "TRIGGER"};
    static const char *const tables[] = {"results", "workshop_sessions", "workshop_players",
                                         "schema_version"};
    for (size_t t = 0; t < 4; t++)
        for (size_t p = 0; p < 5; p++) {
            snprintf(sql, sizeof sql, "SELECT has_table_privilege('%s', '%s')::int", tables[t],
                     privileges[p]);
            if (pgt_int(raw, sql) != 0)
                fail_msg("the player has %s on %s", privileges[p], tables[t]);
        }
    PQfinish(raw);

    /* Nothing changed. */
    store_result r;
    assert_int_equal(rstore_result_get(fac, theirs, &r, NULL, &e), BW_OK);
    assert_int_equal(r.sum.stars, 2);
    assert_int_equal(r.sum.pillar[0], rc_mid[0]);
    assert_int_equal(rc_count(fac, NULL), 2);
    rstore_session got;
    assert_int_equal(rstore_session_get(fac, "w1", &got, &e), BW_OK);
    assert_int_equal(got.phase, RSTORE_RUNNING);
    assert_int_equal(rstore_check(fac, &e), BW_OK);

    /* The facilitator can, by raw SQL too (a correction it then owns:
     * rstore_check and 'results verify' see the edit). */
    raw = pgt_connect(PGT_FACILITATOR, db_name);
    snprintf(sql, sizeof sql, "UPDATE results SET stars = 3 WHERE id = %lld", (long long)theirs);
    assert_int_equal(pgt_ok(raw, sql), 1);
    assert_int_equal(rstore_check(fac, &e), BW_EIO);
    assert_non_null(strstr(e.msg, "stars"));
    snprintf(sql, sizeof sql, "DELETE FROM results WHERE id = %lld", (long long)theirs);
    assert_int_equal(pgt_ok(raw, sql), 1);
    PQfinish(raw);
    assert_int_equal(rstore_result_delete(fac, mine, &e), BW_OK);
    assert_int_equal(rc_count(pl, NULL), 0);
    assert_int_equal(rstore_check(fac, &e), BW_OK);
    rstore_close(pl);
    rstore_close(fac);
}

/* ---- migrations ------------------------------------------------------------------------- */

static void test_a_player_cannot_open_an_unmigrated_database(void **state)
{
    (void)state;
    bw_err e;
    assert_null(rstore_open(rc_target, PGT_PLAYER, RSTORE_PLAYER, &e));
    assert_int_equal(e.code, BW_EREFUSED);
    assert_non_null(strstr(e.msg, "ask the facilitator"));
    /* ... and nothing was created. */
    PGconn *raw = pgt_connect(PGT_FACILITATOR, db_name);
    assert_int_equal(pgt_int(raw, "SELECT count(*) FROM pg_tables WHERE schemaname = 'public'"), 0);
    PQfinish(raw);
}

static void test_migrations_are_idempotent(void **state)
{
    (void)state;
    for (int i = 0; i < 3; i++) {
        rstore *s = rc_open(RSTORE_FACILITATOR);
        bw_err e;
        assert_int_equal(rstore_migrate(s, &e), BW_OK);
        if (i == 0)
            rc_add(s, "log4shell", "ann", "red", "w1", 100);
        rstore_close(s);
    }
    PGconn *raw = pgt_connect(PGT_FACILITATOR, db_name);
    assert_int_equal(pgt_int(raw, "SELECT count(*) FROM schema_version"), 2);
    assert_int_equal(pgt_int(raw, "SELECT max(version) FROM schema_version"), 2);
    assert_int_equal(pgt_int(raw, "SELECT count(*) FROM results"), 1);
    /* The tables belong to the facilitator. */
    assert_int_equal(pgt_int(raw, "SELECT count(*) FROM pg_tables WHERE schemaname = 'public' "
                                  "AND tableowner = 'bulwark_facilitator'"),
                     4);
    PQfinish(raw);
}

/* Facilitators opening a new database at the same moment: one migrates,
 * the others wait on the advisory lock and find it done. */
static void test_concurrent_migrations(void **state)
{
    (void)state;
    enum { N = 8 };
    int go[2];
    assert_int_equal(pipe(go), 0);
    pid_t pids[N];
    for (int i = 0; i < N; i++) {
        pids[i] = fork();
        assert_true(pids[i] >= 0);
        if (pids[i] == 0) {
            close(go[1]);
            char c;
            ssize_t r = read(go[0], &c, 1);
            (void)r;
            bw_err e;
            rstore *s = rstore_open(rc_target, PGT_FACILITATOR, RSTORE_FACILITATOR, &e);
            int rc = s ? rstore_migrate(s, &e) : e.code;
            if (rc != BW_OK)
                fprintf(stderr, "facilitator %d: %s\n", i, e.msg);
            rstore_close(s);
            _exit(rc == BW_OK ? 0 : 1);
        }
    }
    close(go[0]);
    close(go[1]);
    for (int i = 0; i < N; i++) {
        int status = 0;
        assert_int_equal(waitpid(pids[i], &status, 0), pids[i]);
        assert_true(WIFEXITED(status));
        assert_int_equal(WEXITSTATUS(status), 0);
    }
    PGconn *raw = pgt_connect(PGT_FACILITATOR, db_name);
    assert_int_equal(pgt_int(raw, "SELECT count(*) FROM schema_version"), 2);
    assert_int_equal(pgt_int(raw, "SELECT count(*) FROM pg_tables WHERE schemaname = 'public'"), 4);
    PQfinish(raw);
    rstore *s = rc_open(RSTORE_PLAYER);
    bw_err e;
    assert_int_equal(rstore_check(s, &e), BW_OK);
    rstore_close(s);
}

static void test_a_version_1_database_is_migrated(void **state)
{
    (void)state;
    rstore *s = rc_open(RSTORE_FACILITATOR);
    int64_t id = rc_add(s, "log4shell", "ann", "red", "w1", 100);
    rstore_close(s);
    PGconn *raw = pgt_connect(PGT_FACILITATOR, db_name);
    pgt_ok(raw, "DROP TABLE workshop_sessions; DROP TABLE workshop_players; "
                "DELETE FROM schema_version WHERE version = 2");
    PQfinish(raw);
    bw_err e;
    assert_null(rstore_open(rc_target, PGT_PLAYER, RSTORE_PLAYER, &e));
    assert_non_null(strstr(e.msg, "schema version 1 of 2"));
    s = rc_open(RSTORE_FACILITATOR);
    int v = 0;
    assert_int_equal(rstore_schema_version(s, &v, &e), BW_OK);
    assert_int_equal(v, 2);
    rstore_close(s);
    s = rc_open(RSTORE_PLAYER);
    assert_int_equal(rstore_join(s, "w1", "ann", "red", &e), BW_OK);
    store_result r;
    assert_int_equal(rstore_result_get(s, id, &r, NULL, &e), BW_OK);
    rstore_close(s);
}

static void test_a_newer_schema_is_refused_and_left_alone(void **state)
{
    (void)state;
    rstore *s = rc_open(RSTORE_FACILITATOR);
    rstore_close(s);
    PGconn *raw = pgt_connect(PGT_FACILITATOR, db_name);
    pgt_ok(raw, "INSERT INTO schema_version (version) VALUES (99)");
    bw_err e;
    assert_null(rstore_open(rc_target, PGT_FACILITATOR, RSTORE_FACILITATOR, &e));
    assert_int_equal(e.code, BW_EREFUSED);
    assert_non_null(strstr(e.msg, "newer Bulwark"));
    assert_null(rstore_open(rc_target, PGT_PLAYER, RSTORE_PLAYER, &e));
    assert_int_equal(e.code, BW_EREFUSED);
    assert_int_equal(pgt_int(raw, "SELECT max(version) FROM schema_version"), 99);
    PQfinish(raw);
}

/* The player's rights lost (a role recreated, a REVOKE): refused in a
 * sentence; the facilitator's next open grants them again. */
static void test_the_facilitator_grants_again(void **state)
{
    (void)state;
    rstore *s = rc_open(RSTORE_FACILITATOR);
    rstore_close(s);
    PGconn *raw = pgt_connect(PGT_FACILITATOR, db_name);
    pgt_ok(raw, "REVOKE ALL ON schema_version, results, workshop_sessions, workshop_players "
                "FROM bulwark_player");
    PQfinish(raw);
    bw_err e;
    assert_null(rstore_open(rc_target, PGT_PLAYER, RSTORE_PLAYER, &e));
    assert_int_equal(e.code, BW_EREFUSED);
    assert_non_null(strstr(e.msg, "permission denied"));
    s = rc_open(RSTORE_FACILITATOR);
    rstore_close(s);
    s = rc_open(RSTORE_PLAYER);
    rc_add(s, "log4shell", "ann", "red", "w1", 100);
    assert_int_equal(rc_count(s, NULL), 1);
    rstore_close(s);
}

/* ---- the check ---------------------------------------------------------------------------- */

static void test_check_catches_edited_rows(void **state)
{
    (void)state;
    rstore *s = rc_open(RSTORE_FACILITATOR);
    bw_err e;
    for (int i = 0; i < 70; i++) /* more than one batch of the check */
        rc_add(s, "log4shell", "ann", "red", "w1", 100 + i);
    int64_t last = rc_add(s, "log4shell", "bob", "red", "w1", 200);
    assert_int_equal(rstore_check(s, &e), BW_OK);
    PGconn *raw = pgt_connect(PGT_FACILITATOR, db_name);
    char sql[200];
    snprintf(sql, sizeof sql, "UPDATE results SET collaboration = 99 WHERE id = %lld",
             (long long)last);
    pgt_ok(raw, sql);
    assert_int_equal(rstore_check(s, &e), BW_EIO);
    assert_non_null(strstr(e.msg, "collaboration"));
    char want[32];
    snprintf(want, sizeof want, "result %lld", (long long)last);
    assert_non_null(strstr(e.msg, want));
    snprintf(sql, sizeof sql,
             "UPDATE results SET collaboration = %d, record = 'not json' WHERE id = %lld",
             rc_mid[3], (long long)last);
    pgt_ok(raw, sql);
    assert_int_equal(rstore_check(s, &e), BW_EIO);
    assert_non_null(strstr(e.msg, want));
    snprintf(sql, sizeof sql, "DELETE FROM results WHERE id = %lld", (long long)last);
    pgt_ok(raw, sql);
    assert_int_equal(rstore_check(s, &e), BW_OK);
    PQfinish(raw);
    rstore_close(s);
}

/* ---- connecting ------------------------------------------------------------------------------ */

static void test_connection_strings(void **state)
{
    (void)state;
    char conninfo[256];
    snprintf(conninfo, sizeof conninfo, "host=127.0.0.1 port=%s dbname=%s", getenv("PGPORT"),
             db_name);
    bw_err e;
    rstore *s = rstore_open(conninfo, PGT_FACILITATOR, RSTORE_FACILITATOR, &e);
    if (!s)
        fail_msg("%s", e.msg);
    char want[128];
    snprintf(want, sizeof want, "127.0.0.1:%s/%s", getenv("PGPORT"), db_name);
    assert_non_null(strstr(rstore_describe(s), want));
    assert_int_equal(rstore_kind_of(s), RSTORE_POSTGRES);
    rstore_close(s);
    /* The user in the URI, or overridden by the role asked for. */
    char uri[256];
    snprintf(uri, sizeof uri, "postgresql://bulwark_player@127.0.0.1:%s/%s", getenv("PGPORT"),
             db_name);
    s = rstore_open(uri, NULL, RSTORE_PLAYER, &e);
    if (!s)
        fail_msg("%s", e.msg);
    assert_non_null(strstr(rstore_describe(s), "as bulwark_player"));
    rstore_close(s);
    s = rstore_open(uri, PGT_FACILITATOR, RSTORE_FACILITATOR, &e);
    if (!s)
        fail_msg("%s", e.msg);
    assert_non_null(strstr(rstore_describe(s), "as bulwark_facilitator"));
    rstore_close(s);
    /* A password in the string is refused, and never repeated. */
    snprintf(uri, sizeof uri, "postgresql://bulwark_player:hunter2secret@127.0.0.1:%s/%s",
             getenv("PGPORT"), db_name);
    assert_null(rstore_open(uri, NULL, RSTORE_PLAYER, &e));
    assert_int_equal(e.code, BW_EINVAL);
    assert_non_null(strstr(e.msg, "PGPASSWORD"));
    assert_null(strstr(e.msg, "hunter2secret"));
    snprintf(conninfo, sizeof conninfo, "host=127.0.0.1 password=hunter2secret dbname=%s",
             db_name);
    assert_null(rstore_open(conninfo, NULL, RSTORE_PLAYER, &e));
    assert_null(strstr(e.msg, "hunter2secret"));
    /* Nonsense. */
    assert_null(rstore_open("postgresql://[::1", NULL, RSTORE_PLAYER, &e));
    assert_int_equal(e.code, BW_EINVAL);
    assert_null(rstore_open("host=127.0.0.1 bogus_key=1", NULL, RSTORE_PLAYER, &e));
    assert_int_equal(e.code, BW_EINVAL);
}

static void test_connection_failures_are_sentences(void **state)
{
    (void)state;
    bw_err e;
    /* A wrong password (PGPASSWORD wins over nothing: hide the file). */
    char *passfile = strdup(getenv("PGPASSFILE"));
    unsetenv("PGPASSFILE");
    setenv("PGPASSWORD", "wrong-horse-battery", 1);
    assert_null(rstore_open(rc_target, PGT_PLAYER, RSTORE_PLAYER, &e));
    assert_int_equal(e.code, BW_EREFUSED);
    assert_non_null(strstr(e.msg, "password authentication failed"));
    assert_null(strstr(e.msg, "wrong-horse-battery"));
    unsetenv("PGPASSWORD");
    assert_null(rstore_open(rc_target, PGT_PLAYER, RSTORE_PLAYER, &e));
    assert_int_equal(e.code, BW_EREFUSED);
    assert_non_null(strstr(e.msg, "PGPASSWORD"));
    setenv("PGPASSFILE", passfile, 1);
    free(passfile);
    /* Nobody listening. */
    char uri[128];
    snprintf(uri, sizeof uri, "postgresql://127.0.0.1:1/%s", db_name);
    assert_null(rstore_open(uri, PGT_PLAYER, RSTORE_PLAYER, &e));
    assert_int_equal(e.code, BW_EIO);
    assert_non_null(strstr(e.msg, "127.0.0.1:1/"));
    assert_non_null(strstr(e.msg, "cannot connect"));
    /* A database that does not exist. */
    snprintf(uri, sizeof uri, "postgresql://127.0.0.1:%s/no_such_db", getenv("PGPORT"));
    assert_null(rstore_open(uri, PGT_PLAYER, RSTORE_PLAYER, &e));
    assert_non_null(strstr(e.msg, "no_such_db"));
}

int main(void)
{
#define CASE(f) cmocka_unit_test_setup_teardown(f, setup, teardown)
    const struct CMUnitTest tests[] = {
        CASE(rc_open_migrates_and_checks),
        CASE(rc_bad_open_arguments),
        CASE(rc_results_round_trip),
        CASE(rc_results_filters),
        CASE(rc_results_bad_input_writes_nothing),
        CASE(rc_player_adds_and_reads_but_cannot_change),
        CASE(rc_sessions),
        CASE(rc_lobby),
        CASE(rc_room_of_200),
        CASE(test_player_cannot_update_or_delete_by_raw_sql),
        CASE(test_a_player_cannot_open_an_unmigrated_database),
        CASE(test_migrations_are_idempotent),
        CASE(test_concurrent_migrations),
        CASE(test_a_version_1_database_is_migrated),
        CASE(test_a_newer_schema_is_refused_and_left_alone),
        CASE(test_the_facilitator_grants_again),
        CASE(test_check_catches_edited_rows),
        CASE(test_connection_strings),
        CASE(test_connection_failures_are_sentences),
    };
    return cmocka_run_group_tests(tests, group_setup, NULL);
}
