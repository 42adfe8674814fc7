/* results_test.h — a room's results file for the `bulwark results` tests:
 * real games of shipped scenarios played by the shipped bots, stored
 * through rstore with player, team and workshop, as a workshop's players
 * submit them. Header-only; include after cmocka.h. */
#ifndef BULWARK_TESTS_RESULTS_TEST_H
#define BULWARK_TESTS_RESULTS_TEST_H

#include "bulwark/rstore.h"
#include "store/store_test.h"

typedef struct rt_game {
    const char *player, *team, *scenario, *bot;
    uint64_t seed;
} rt_game;

/* Store games[0..n) into the SQLite file at path (created), in order:
 * ids 1..n. */
static inline void rt_make_store(const char *path, const rt_game *games, int n, const char *workshop)
{
    bw_err e;
    rstore *st = rstore_open(path, NULL, RSTORE_FACILITATOR, &e);
    if (!st)
        fail_msg("rstore_open %s: %s", path, e.msg);
    for (int i = 0; i < n; i++) {
        char *text = st_played_record(games[i].scenario, games[i].bot, games[i].seed);
        store_result_meta m = { games[i].player, games[i].team, workshop, 1795000000 + 60 * i };
        int64_t id = 0;
        if (rstore_result_add(st, text, &m, &id, &e) != BW_OK)
            fail_msg("rstore_result_add: %s", e.msg);
        assert_int_equal(id, i + 1);
        free(text);
    }
    rstore_close(st);
}

/* Run sql on the SQLite file at path (a tamperer with write access). */
static inline void rt_sql(const char *path, const char *sql)
{
    sqlite3 *db;
    assert_int_equal(sqlite3_open(path, &db), SQLITE_OK);
    char *msg = NULL;
    if (sqlite3_exec(db, sql, NULL, NULL, &msg) != SQLITE_OK)
        fail_msg("%s: %s", sql, msg ? msg : "?");
    assert_true(sqlite3_changes(db) > 0);
    sqlite3_close(db);
}

#endif
