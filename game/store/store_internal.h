/* store_internal.h — what the store's files share: the connection, the
 * mapping of SQLite's codes to sentences, transactions. Never included
 * outside game/store. */
#ifndef BULWARK_STORE_INTERNAL_H
#define BULWARK_STORE_INTERNAL_H

#include <limits.h>
#include <sqlite3.h>

#include "bulwark/store.h"

#ifndef PATH_MAX
#define PATH_MAX 4096
#endif

/* How long a writer waits for another to finish before giving up with
 * "busy": a workshop's 200 players share one file. */
#define STORE_BUSY_TIMEOUT_MS 5000

struct store_db {
    sqlite3 *db;
    int busy_ms; /* the busy timeout */
    char path[PATH_MAX];
};

/* store_open with another busy timeout (a room's shared file waits
 * longer than a player's own). */
store_db *store_open_waiting(const char *path, int busy_ms, bw_err *err);

/* Fill err with "<path>: cannot <doing>: <why>" for SQLite code rc and
 * return the matching BW_E* code. Reads the connection's message, so call
 * it before a rollback. */
int store_fail(store_db *s, int rc, const char *doing, bw_err *err);
/* Run sql (no rows) or fail as above. */
int store_exec(store_db *s, const char *sql, const char *doing, bw_err *err);
/* BEGIN IMMEDIATE: take the write lock now, so a busy file fails here
 * and not halfway through. */
int store_begin(store_db *s, const char *doing, bw_err *err);
/* COMMIT; on failure roll back, so nothing is half written. */
int store_commit(store_db *s, const char *doing, bw_err *err);
/* Roll back the open transaction, if any (after a failure). */
void store_rollback(store_db *s);
/* Prepare sql or fail as above. */
int store_prepare(store_db *s, const char *sql, sqlite3_stmt **st, const char *doing, bw_err *err);

/* Is s valid UTF-8 without control characters, 1..max-1 bytes (0.. when
 * empty_ok)? */
bool store_text_ok(const char *s, size_t max, bool empty_ok);

#endif
