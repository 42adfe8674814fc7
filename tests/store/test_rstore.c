/* test_rstore.c — a room's results store on SQLite (rstore.h): every
 * function, the role rules this code enforces for a player connection,
 * filters, the session, the lobby, bad input, a room of 200 submitting
 * at once into one file, and what is SQLite's own: the migration of a
 * version-1 store, which targets are PostgreSQL. The same cases run on
 * PostgreSQL in test_rstore_pg.c. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <time.h>

#include "store/store_test.h"
#include "store/rstore_cases.h"

static char tmp[64];

static int setup(void **state)
{
    (void)state;
    st_tmpdir(tmp, sizeof tmp);
    snprintf(rc_target, sizeof rc_target, "%s/room.db", tmp);
    rc_kind = RSTORE_SQLITE;
    return 0;
}

static int teardown(void **state)
{
    (void)state;
    st_remove_tree(tmp);
    return 0;
}

static void test_targets(void **state)
{
    (void)state;
    assert_true(rstore_target_is_postgres("postgresql://bulwark@db.example:5432/room"));
    assert_true(rstore_target_is_postgres("postgres://localhost/room"));
    assert_true(rstore_target_is_postgres("host=127.0.0.1 port=5433 dbname=room"));
    assert_true(rstore_target_is_postgres("  dbname = room"));
    assert_false(rstore_target_is_postgres("room.db"));
    assert_false(rstore_target_is_postgres("/srv/share/acme.db"));
    assert_false(rstore_target_is_postgres("results/acme=2026.db"));
    assert_false(rstore_target_is_postgres("=x"));
    assert_false(rstore_target_is_postgres("postgresql:/typo"));
    assert_false(rstore_target_is_postgres(""));
    assert_false(rstore_target_is_postgres(NULL));
}

/* The file is the player's store format: results written through
 * rstore read back through store.h, and the other way. */
static void test_the_file_is_a_store(void **state)
{
    (void)state;
    rstore *s = rc_open(RSTORE_FACILITATOR);
    int64_t id = rc_add(s, "log4shell", "ann", "red", "w1", 500);
    assert_string_equal(rstore_describe(s), rc_target);
    rstore_close(s);
    bw_err e;
    store_db *db = store_open(rc_target, &e);
    assert_non_null(db);
    store_result r;
    assert_int_equal(store_result_get(db, id, &r, NULL, &e), BW_OK);
    assert_string_equal(r.team, "red");
    /* A workshop's result leaves the campaign progress alone. */
    store_progress p;
    assert_int_equal(store_progress_get(db, "log4shell", &p, &e), BW_OK);
    assert_int_equal(p.attempts, 0);
    assert_int_equal(st_query_int(db, "PRAGMA busy_timeout"), 5000);
    store_close(db);
}

/* A player's connection is refused here, not by SQLite: the message says
 * who may. */
static void test_refusals_say_who_may(void **state)
{
    (void)state;
    rstore *fac = rc_open(RSTORE_FACILITATOR);
    int64_t id = rc_add(fac, "log4shell", "ann", "red", "w1", 500);
    rstore *pl = rc_open(RSTORE_PLAYER);
    bw_err e;
    assert_int_equal(rstore_result_delete(pl, id, &e), BW_EREFUSED);
    assert_non_null(strstr(e.msg, "a player's connection cannot delete a result"));
    assert_non_null(strstr(e.msg, rc_target));
    rstore_close(pl);
    rstore_close(fac);
}

/* A version-1 store (before workshops) gains the session and lobby
 * tables on open, keeping its results. */
static void test_a_version_1_store_is_migrated(void **state)
{
    (void)state;
    bw_err e;
    store_db *db = store_open(rc_target, &e);
    assert_non_null(db);
    char *rec = st_fake_record("log4shell", "won", 2, rc_mid, 3);
    int64_t id = 0;
    assert_int_equal(store_result_add(db, rec, NULL, &id, &e), BW_OK);
    assert_int_equal(sqlite3_exec(store_sqlite(db),
                                  "DROP TABLE workshop_sessions; DROP TABLE workshop_players; "
                                  "PRAGMA user_version = 1",
                                  NULL, NULL, NULL),
                     SQLITE_OK);
    store_close(db);
    rstore *s = rc_open(RSTORE_PLAYER);
    int v = 0;
    assert_int_equal(rstore_schema_version(s, &v, &e), BW_OK);
    assert_int_equal(v, 2);
    assert_int_equal(rstore_join(s, "w1", "ann", "red", &e), BW_OK);
    store_result r;
    char *back = NULL;
    assert_int_equal(rstore_result_get(s, id, &r, &back, &e), BW_OK);
    assert_string_equal(back, rec);
    free(back);
    assert_int_equal(rstore_check(s, &e), BW_OK);
    rstore_close(s);
    free(rec);
}

/* Files that are not a room's store are refused and left alone. */
static void test_bad_files(void **state)
{
    (void)state;
    bw_err e;
    char path[128];
    snprintf(path, sizeof path, "%s/other.db", tmp);
    sqlite3 *raw;
    assert_int_equal(sqlite3_open(path, &raw), SQLITE_OK);
    assert_int_equal(sqlite3_exec(raw, "CREATE TABLE t (x)", NULL, NULL, NULL), SQLITE_OK);
    sqlite3_close(raw);
    assert_null(rstore_open(path, NULL, RSTORE_FACILITATOR, &e));
    assert_int_equal(e.code, BW_EREFUSED);
    assert_non_null(strstr(e.msg, "not a Bulwark store"));
    snprintf(path, sizeof path, "%s/missing/room.db", tmp);
    assert_null(rstore_open(path, NULL, RSTORE_PLAYER, &e));
    assert_int_equal(e.code, BW_EIO);
    assert_non_null(strstr(e.msg, "missing"));
    /* A damaged file: the check says so. */
    rstore *s = rc_open(RSTORE_FACILITATOR);
    rc_add(s, "log4shell", "ann", "red", "w1", 500);
    rstore_close(s);
    FILE *f = fopen(rc_target, "r+b");
    assert_non_null(f);
    assert_int_equal(fseek(f, 4096, SEEK_SET), 0); /* pages 2 and 3, headers and all */
    char junk[8192];
    memset(junk, 0xa5, sizeof junk);
    assert_int_equal(fwrite(junk, 1, sizeof junk, f), sizeof junk);
    fclose(f);
    s = rstore_open(rc_target, NULL, RSTORE_FACILITATOR, &e);
    if (s) {
        assert_int_not_equal(rstore_check(s, &e), BW_OK);
        rstore_close(s);
    } else {
        assert_true(e.code == BW_EIO || e.code == BW_EINVAL);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_targets),
        cmocka_unit_test_setup_teardown(rc_open_migrates_and_checks, setup, teardown),
        cmocka_unit_test_setup_teardown(rc_bad_open_arguments, setup, teardown),
        cmocka_unit_test_setup_teardown(rc_results_round_trip, setup, teardown),
        cmocka_unit_test_setup_teardown(rc_results_filters, setup, teardown),
        cmocka_unit_test_setup_teardown(rc_results_bad_input_writes_nothing, setup, teardown),
        cmocka_unit_test_setup_teardown(rc_player_adds_and_reads_but_cannot_change, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(rc_sessions, setup, teardown),
        cmocka_unit_test_setup_teardown(rc_lobby, setup, teardown),
        cmocka_unit_test_setup_teardown(rc_room_of_200, setup, teardown),
        cmocka_unit_test_setup_teardown(test_the_file_is_a_store, setup, teardown),
        cmocka_unit_test_setup_teardown(test_refusals_say_who_may, setup, teardown),
        cmocka_unit_test_setup_teardown(test_a_version_1_store_is_migrated, setup, teardown),
        cmocka_unit_test_setup_teardown(test_bad_files, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
