/* store.c — opening the store: where the file lives, the connection's
 * settings, the versioned schema and its migrations, and SQLite's codes
 * turned into sentences a player can act on.
 *
 * Must never: rewrite a file it does not recognise (another program's
 * database, a newer Bulwark's schema), or leave a migration half done. */
#include "store_internal.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* ---- the schema ------------------------------------------------------------------
 *
 * Migration i takes the file from version i to i + 1, in one transaction
 * with the version bump. Never edit a shipped migration: add one.
 *
 * Types are those SQLite and PostgreSQL share (TEXT, INTEGER as bigint), so
 * the workshop's PostgreSQL backend can keep one schema. Hashes are 16 hex
 * digits as in the record (a uint64 does not fit a signed bigint); times
 * are Unix seconds. player, team and workshop are NULL for a game played
 * alone. The record column holds the result record exactly as submitted:
 * the columns beside it are an index, the record is the evidence. */
static const char *const migrations[STORE_SCHEMA_VERSION] = {
    /* 0 -> 1 */
    "CREATE TABLE settings ("
    "  key TEXT PRIMARY KEY NOT NULL,"
    "  value TEXT NOT NULL);"
    "CREATE TABLE results ("
    "  id INTEGER PRIMARY KEY AUTOINCREMENT," /* never reuses an id a player saw */
    "  finished_at INTEGER NOT NULL,"
    "  scenario_id TEXT NOT NULL,"
    "  scenario_hash TEXT NOT NULL CHECK (length(scenario_hash) = 16),"
    "  seed INTEGER NOT NULL CHECK (seed >= 0),"
    "  engine TEXT NOT NULL,"
    "  outcome TEXT NOT NULL CHECK (outcome IN ('won', 'lost')),"
    "  stars INTEGER NOT NULL CHECK (stars BETWEEN 0 AND 3),"
    "  ticks INTEGER NOT NULL CHECK (ticks >= 0),"
    "  protection INTEGER NOT NULL CHECK (protection BETWEEN 0 AND 100),"
    "  responsibility INTEGER NOT NULL CHECK (responsibility BETWEEN 0 AND 100),"
    "  capacity INTEGER NOT NULL CHECK (capacity BETWEEN 0 AND 100),"
    "  collaboration INTEGER NOT NULL CHECK (collaboration BETWEEN 0 AND 100),"
    "  world_hash TEXT NOT NULL CHECK (length(world_hash) = 16),"
    "  player TEXT,"
    "  team TEXT,"
    "  workshop TEXT,"
    "  record TEXT NOT NULL);"
    "CREATE INDEX results_by_scenario ON results (scenario_id, finished_at);"
    "CREATE INDEX results_by_workshop ON results (workshop, team, player) WHERE workshop IS NOT "
    "NULL;"
    "CREATE TABLE progress ("
    "  scenario_id TEXT PRIMARY KEY NOT NULL,"
    "  attempts INTEGER NOT NULL CHECK (attempts >= 0),"
    "  wins INTEGER NOT NULL CHECK (wins >= 0),"
    "  best_stars INTEGER NOT NULL CHECK (best_stars BETWEEN 0 AND 3),"
    "  best_protection INTEGER NOT NULL,"
    "  best_responsibility INTEGER NOT NULL,"
    "  best_capacity INTEGER NOT NULL,"
    "  best_collaboration INTEGER NOT NULL,"
    "  last_played INTEGER NOT NULL,"
    "  best_result_id INTEGER REFERENCES results (id) ON DELETE SET NULL);"
    "PRAGMA application_id = 1113017137;", /* STORE_APPLICATION_ID */
    /* 1 -> 2: a workshop's room (rstore.h). The session a facilitator
     * runs, one row a workshop; the lobby is append-only (a player's
     * database role may insert but never update): each join is a row,
     * the newest row of a name gives its team and the oldest its join
     * time. The same tables exist on PostgreSQL (rstore_pg.c). */
    "CREATE TABLE workshop_sessions ("
    "  workshop TEXT PRIMARY KEY NOT NULL,"
    "  phase TEXT NOT NULL CHECK (phase IN ('lobby', 'running', 'paused', 'ended')),"
    "  started_at INTEGER NOT NULL CHECK (started_at >= 0),"
    "  paused_secs INTEGER NOT NULL CHECK (paused_secs >= 0),"
    "  paused_at INTEGER NOT NULL CHECK (paused_at >= 0),"
    "  ended_at INTEGER NOT NULL CHECK (ended_at >= 0),"
    "  announcement TEXT NOT NULL,"
    "  announced_at INTEGER NOT NULL CHECK (announced_at >= 0));"
    "CREATE TABLE workshop_players ("
    "  id INTEGER PRIMARY KEY AUTOINCREMENT,"
    "  workshop TEXT NOT NULL,"
    "  name TEXT NOT NULL,"
    "  team TEXT NOT NULL,"
    "  joined_at INTEGER NOT NULL);"
    "CREATE INDEX workshop_players_by_name ON workshop_players (workshop, name);",
};

_Static_assert(STORE_APPLICATION_ID == 1113017137,
               "the migration writes the application id literally");

/* ---- errors ---------------------------------------------------------------------- */

int store_fail(store_db *s, int rc, const char *doing, bw_err *err)
{
    const char *path = s ? s->path : "the store";
    const char *msg = s && s->db ? sqlite3_errmsg(s->db) : sqlite3_errstr(rc);
    int sys = s && s->db ? sqlite3_system_errno(s->db) : 0;
    /* SQLite keeps the errno of a failed sync or write only on the file
     * (not always on the connection): ask it. */
    if (sys == 0 && s && s->db && (rc & 0xff) == SQLITE_IOERR &&
        sqlite3_file_control(s->db, "main", SQLITE_FCNTL_LAST_ERRNO, &sys) != SQLITE_OK)
        sys = 0;
    /* A disk that filled up or went read-only under a sync or a write is
     * said as such, not as a bare I/O error. */
    if ((rc & 0xff) == SQLITE_IOERR && (sys == ENOSPC || sys == EDQUOT))
        rc = SQLITE_FULL;
    else if ((rc & 0xff) == SQLITE_IOERR && (sys == EROFS || sys == EACCES || sys == EPERM))
        rc = SQLITE_READONLY;
    switch (rc & 0xff) {
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
        return bw_err_set(
            err, BW_EBUSY,
            "%s: cannot %s: another program (another Bulwark?) kept the file locked for over %d s; "
            "nothing was written, try again",
            path, doing, (s && s->busy_ms ? s->busy_ms : STORE_BUSY_TIMEOUT_MS) / 1000);
    case SQLITE_FULL:
        return bw_err_set(
            err, BW_EIO,
            "%s: cannot %s: the disk is full; nothing was written (free some space and try again)",
            path, doing);
    case SQLITE_READONLY:
        return bw_err_set(err, BW_EIO,
                          "%s: cannot %s: the file is read-only (check the permissions of the file "
                          "and of its folder)",
                          path, doing);
    case SQLITE_PERM:
    case SQLITE_AUTH:
        return bw_err_set(err, BW_EIO, "%s: cannot %s: permission denied", path, doing);
    case SQLITE_CANTOPEN:
        return bw_err_set(err, BW_EIO, "%s: cannot %s: cannot open the file%s%s", path, doing,
                          sys ? ": " : "", sys ? strerror(sys) : "");
    case SQLITE_NOTADB:
        return bw_err_set(err, BW_EINVAL,
                          "%s: cannot %s: this is not a Bulwark store (not an SQLite database)",
                          path, doing);
    case SQLITE_CORRUPT:
        return bw_err_set(
            err, BW_EIO,
            "%s: cannot %s: the file is damaged (%s); move it away to start afresh (docs/store.md)",
            path, doing, msg);
    case SQLITE_IOERR:
        return bw_err_set(err, BW_EIO, "%s: cannot %s: a read or write failed (%s)", path, doing,
                          sys ? strerror(sys) : msg);
    case SQLITE_NOMEM:
        return bw_err_set(err, BW_ENOMEM, "%s: cannot %s: out of memory", path, doing);
    case SQLITE_TOOBIG: return bw_err_set(err, BW_ELIMIT, "%s: cannot %s: too large", path, doing);
    case SQLITE_CONSTRAINT:
        return bw_err_set(err, BW_EINVAL, "%s: cannot %s: %s", path, doing, msg);
    default: return bw_err_set(err, BW_EIO, "%s: cannot %s: %s", path, doing, msg);
    }
}

int store_exec(store_db *s, const char *sql, const char *doing, bw_err *err)
{
    int rc = sqlite3_exec(s->db, sql, NULL, NULL, NULL);
    return rc == SQLITE_OK ? BW_OK : store_fail(s, rc, doing, err);
}

int store_prepare(store_db *s, const char *sql, sqlite3_stmt **st, const char *doing, bw_err *err)
{
    int rc = sqlite3_prepare_v2(s->db, sql, -1, st, NULL);
    return rc == SQLITE_OK ? BW_OK : store_fail(s, rc, doing, err);
}

int store_begin(store_db *s, const char *doing, bw_err *err)
{
    return store_exec(s, "BEGIN IMMEDIATE", doing, err);
}

void store_rollback(store_db *s)
{
    /* A failed statement may already have rolled the transaction back. */
    if (!sqlite3_get_autocommit(s->db))
        sqlite3_exec(s->db, "ROLLBACK", NULL, NULL, NULL);
}

int store_commit(store_db *s, const char *doing, bw_err *err)
{
    int rc = store_exec(s, "COMMIT", doing, err);
    if (rc != BW_OK)
        store_rollback(s);
    return rc;
}

bool store_text_ok(const char *s, size_t max, bool empty_ok)
{
    size_t n = strlen(s);
    if (n >= max || (!n && !empty_ok))
        return false;
    for (const unsigned char *p = (const unsigned char *)s; *p;) {
        unsigned c = *p++;
        if (c < 0x20 || c == 0x7f)
            return false;
        if (c < 0x80)
            continue;
        /* UTF-8 as RFC 3629 has it: no overlong forms, no surrogates,
         * nothing past U+10FFFF. */
        int extra = c >= 0xc2 && c <= 0xdf   ? 1
                    : c >= 0xe0 && c <= 0xef ? 2
                    : c >= 0xf0 && c <= 0xf4 ? 3
                                             : -1;
        unsigned lo = c == 0xe0 ? 0xa0 : c == 0xf0 ? 0x90 : 0x80;
        unsigned hi = c == 0xed ? 0x9f : c == 0xf4 ? 0x8f : 0xbf;
        if (extra < 0 || *p < lo || *p > hi)
            return false;
        for (int i = 0; i < extra; i++, p++)
            if ((*p & 0xc0) != 0x80)
                return false;
    }
    return true;
}

/* ---- where the file lives ---------------------------------------------------------- */

int store_default_path(char *buf, size_t n, bw_err *err)
{
    const char *own = getenv("BULWARK_DATA_HOME");
    const char *xdg = getenv("XDG_DATA_HOME");
    const char *home = getenv("HOME");
    int len;
    if (own && own[0])
        len = snprintf(buf, n, "%s/bulwark.db", own);
    else if (xdg && xdg[0] == '/') /* the XDG spec: a relative value is ignored */
        len = snprintf(buf, n, "%s/bulwark/bulwark.db", xdg);
    else if (home && home[0] == '/')
        len = snprintf(buf, n, "%s/.local/share/bulwark/bulwark.db", home);
    else
        return bw_err_set(
            err, BW_EINVAL,
            "cannot find your data folder: neither XDG_DATA_HOME nor HOME names one (set "
            "BULWARK_DATA_HOME to the folder for Bulwark's data)");
    if (len < 0 || (size_t)len >= n)
        return bw_err_set(err, BW_ELIMIT, "the path of Bulwark's data folder is too long");
    return BW_OK;
}

/* mkdir -p of path's folder; new folders are 0700 (the XDG spec: the data
 * is the player's own). */
static int make_parents(const char *path, bw_err *err)
{
    char dir[PATH_MAX];
    snprintf(dir, sizeof dir, "%s", path);
    char *slash = strrchr(dir, '/');
    if (!slash || slash == dir)
        return BW_OK;
    *slash = '\0';
    for (char *p = dir + 1;; p++) {
        bool end = *p == '\0';
        if (*p != '/' && !end)
            continue;
        *p = '\0';
        struct stat st;
        /* An existing folder is fine even where mkdir would say EACCES
         * (a parent we may not write); one made meanwhile too (EEXIST). */
        bool there = stat(dir, &st) == 0 && S_ISDIR(st.st_mode);
        if (!there && mkdir(dir, 0700) != 0 &&
            !(errno == EEXIST && stat(dir, &st) == 0 && S_ISDIR(st.st_mode))) {
            int e = errno == EEXIST ? ENOTDIR : errno;
            return bw_err_set(
                err, BW_EIO,
                "cannot create the folder %s for Bulwark's data: %s (set XDG_DATA_HOME or "
                "BULWARK_DATA_HOME to a writable folder)",
                dir, strerror(e));
        }
        if (end)
            return BW_OK;
        *p = '/';
    }
}

/* Clear words for what SQLite would call "unable to open database file". */
static int check_path(const char *path, bw_err *err)
{
    struct stat st;
    if (stat(path, &st) == 0)
        return S_ISDIR(st.st_mode)
                   ? bw_err_set(err, BW_EIO, "%s is a folder, not a store file", path)
                   : BW_OK;
    char dir[PATH_MAX];
    snprintf(dir, sizeof dir, "%s", path);
    char *slash = strrchr(dir, '/');
    if (!slash)
        snprintf(dir, sizeof dir, ".");
    else if (slash == dir)
        dir[1] = '\0';
    else
        *slash = '\0';
    if (stat(dir, &st) != 0)
        return bw_err_set(err, BW_EIO, "cannot create the store %s: its folder %s: %s", path, dir,
                          strerror(errno));
    if (!S_ISDIR(st.st_mode))
        return bw_err_set(err, BW_EIO, "cannot create the store %s: %s is not a folder", path, dir);
    if (access(dir, W_OK | X_OK) != 0)
        return bw_err_set(err, BW_EIO,
                          "cannot create the store %s: its folder is not writable (%s)", path,
                          strerror(errno));
    return BW_OK;
}

/* ---- opening ------------------------------------------------------------------------- */

static int pragma_int(store_db *s, const char *sql, int *out, const char *doing, bw_err *err)
{
    sqlite3_stmt *st;
    int rc = store_prepare(s, sql, &st, doing, err);
    if (rc != BW_OK)
        return rc;
    int step = sqlite3_step(st);
    if (step == SQLITE_ROW)
        *out = sqlite3_column_int(st, 0);
    else
        rc = store_fail(s, step == SQLITE_DONE ? SQLITE_ERROR : step, doing, err);
    sqlite3_finalize(st);
    return rc;
}

int store_schema_version(store_db *s, bw_err *err)
{
    int v = 0;
    int rc = pragma_int(s, "PRAGMA user_version", &v, "read the schema version", err);
    return rc == BW_OK ? v : rc;
}

/* Is this file ours (or empty), and not from the future? Reads only, in
 * one statement: one snapshot, so another process migrating the file
 * meanwhile is seen either before or after, never half way. */
static int check_identity(store_db *s, int *version, bw_err *err)
{
    sqlite3_stmt *st;
    int rc = store_prepare(s,
                           "SELECT (SELECT application_id FROM pragma_application_id), "
                           "(SELECT user_version FROM pragma_user_version), "
                           "(SELECT count(*) FROM sqlite_master)",
                           &st, "open the store", err);
    if (rc != BW_OK)
        return rc;
    int step = sqlite3_step(st), app = 0, tables = 0;
    if (step == SQLITE_ROW) {
        app = sqlite3_column_int(st, 0);
        *version = sqlite3_column_int(st, 1);
        tables = sqlite3_column_int(st, 2);
    } else {
        rc = store_fail(s, step == SQLITE_DONE ? SQLITE_ERROR : step, "open the store", err);
    }
    sqlite3_finalize(st);
    if (rc != BW_OK)
        return rc;
    if ((app != STORE_APPLICATION_ID && (app != 0 || *version != 0 || tables != 0)) || *version < 0)
        return bw_err_set(err, BW_EREFUSED,
                          "%s is not a Bulwark store (it is another program's SQLite database); "
                          "it was left untouched",
                          s->path);
    if (*version > STORE_SCHEMA_VERSION)
        return bw_err_set(
            err, BW_EREFUSED,
            "%s was written by a newer Bulwark (store schema version %d; this one knows up to %d); "
            "it was left untouched: update Bulwark, or move the file away to start afresh",
            s->path, *version, STORE_SCHEMA_VERSION);
    return BW_OK;
}

/* Each step in its own transaction, re-reading the version under the
 * write lock: another process may have migrated meanwhile. */
static int migrate(store_db *s, bw_err *err)
{
    for (;;) {
        int v = 0, rc;
        if ((rc = store_begin(s, "update the store's schema", err)) != BW_OK)
            return rc;
        if ((rc = pragma_int(s, "PRAGMA user_version", &v, "update the store's schema", err)) !=
            BW_OK) {
            store_rollback(s);
            return rc;
        }
        if (v >= STORE_SCHEMA_VERSION) {
            store_rollback(s);
            return v == STORE_SCHEMA_VERSION
                       ? BW_OK
                       : bw_err_set(err, BW_EREFUSED,
                                    "%s: a newer Bulwark took it over (schema version %d)", s->path,
                                    v);
        }
        char bump[64];
        snprintf(bump, sizeof bump, "PRAGMA user_version = %d", v + 1);
        if ((rc = store_exec(s, migrations[v], "update the store's schema", err)) != BW_OK ||
            (rc = store_exec(s, bump, "update the store's schema", err)) != BW_OK) {
            store_rollback(s);
            return rc;
        }
        if ((rc = store_commit(s, "update the store's schema", err)) != BW_OK)
            return rc;
    }
}

/* The journal: WAL lets the UI read while a result is written and keeps a
 * killed writer's half transaction out of the file. synchronous=FULL
 * syncs the log at every commit: a store commits once per finished game or
 * settings change, so the cost is nothing, and a result the game said was
 * saved survives a power cut too, not only a killed process (NORMAL would
 * survive the kill but might lose the last commits on power loss). */
static int configure(store_db *s, bw_err *err)
{
    sqlite3_stmt *st;
    int rc = store_prepare(s, "PRAGMA journal_mode = WAL", &st, "open the store", err);
    if (rc != BW_OK)
        return rc;
    int step = sqlite3_step(st);
    bool wal = step == SQLITE_ROW && sqlite3_column_text(st, 0) &&
               strcmp((const char *)sqlite3_column_text(st, 0), "wal") == 0;
    if (step != SQLITE_ROW && step != SQLITE_DONE)
        rc = store_fail(s, step, "open the store", err);
    sqlite3_finalize(st);
    if (rc != BW_OK)
        return rc;
    if (!wal)
        return bw_err_set(
            err, BW_EIO,
            "%s: cannot keep a write-ahead log beside the file (is its folder writable, and on a "
            "local disk?)",
            s->path);
    if ((rc = store_exec(s, "PRAGMA synchronous = FULL", "open the store", err)) != BW_OK ||
        (rc = store_exec(s, "PRAGMA foreign_keys = ON", "open the store", err)) != BW_OK)
        return rc;
    return BW_OK;
}

store_db *store_open(const char *path, bw_err *err)
{
    return store_open_waiting(path, STORE_BUSY_TIMEOUT_MS, err);
}

store_db *store_open_waiting(const char *path, int busy_ms, bw_err *err)
{
    bw_err_clear(err);
    store_db *s = calloc(1, sizeof *s);
    if (!s) {
        bw_err_set(err, BW_ENOMEM, "out of memory");
        return NULL;
    }
    s->busy_ms = busy_ms > 0 ? busy_ms : STORE_BUSY_TIMEOUT_MS;
    int rc = BW_OK;
    if (!path) {
        rc = store_default_path(s->path, sizeof s->path, err);
        if (rc == BW_OK)
            rc = make_parents(s->path, err);
    } else if (!path[0] || strlen(path) >= sizeof s->path) {
        rc = bw_err_set(err, BW_EINVAL, "a store's path must be 1 to %d characters",
                        (int)sizeof s->path - 1);
    } else {
        snprintf(s->path, sizeof s->path, "%s", path);
    }
    if (rc == BW_OK)
        rc = check_path(s->path, err);
    if (rc == BW_OK) {
        int orc =
            sqlite3_open_v2(s->path, &s->db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, NULL);
        if (orc != SQLITE_OK)
            rc = store_fail(s, orc, "open the store", err);
    }
    if (rc == BW_OK) {
        sqlite3_extended_result_codes(s->db, 1);
        sqlite3_busy_timeout(s->db, s->busy_ms);
        /* The file is input like any other: a crafted one must not run
         * functions from its schema or corrupt itself through pragmas. */
        sqlite3_db_config(s->db, SQLITE_DBCONFIG_DEFENSIVE, 1, NULL);
        sqlite3_db_config(s->db, SQLITE_DBCONFIG_TRUSTED_SCHEMA, 0, NULL);
        int version = 0;
        /* SQLite quietly opens a file it may not write read-only: refuse
         * it before reading, for reading a WAL store makes -wal and -shm
         * files beside it that a read-only connection never removes. */
        if (sqlite3_db_readonly(s->db, "main") == 1)
            rc = store_fail(s, SQLITE_READONLY, "open the store", err);
        if (rc == BW_OK)
            rc = check_identity(s, &version, err);
        if (rc == BW_OK)
            rc = configure(s, err);
        if (rc == BW_OK)
            rc = migrate(s, err);
    }
    if (rc != BW_OK) {
        store_close(s);
        return NULL;
    }
    return s;
}

void store_close(store_db *s)
{
    if (!s)
        return;
    if (s->db)
        sqlite3_close_v2(s->db);
    free(s);
}

const char *store_path(const store_db *s) { return s->path; }

struct sqlite3 *store_sqlite(store_db *s) { return s->db; }

int store_check(store_db *s, bw_err *err)
{
    sqlite3_stmt *st;
    int rc = store_prepare(s, "PRAGMA integrity_check", &st, "check the store", err);
    if (rc != BW_OK)
        return rc;
    int step = sqlite3_step(st);
    if (step == SQLITE_ROW) {
        const char *said = (const char *)sqlite3_column_text(st, 0);
        if (!said || strcmp(said, "ok") != 0)
            rc = bw_err_set(err, BW_EIO, "%s is damaged: %s", s->path, said ? said : "(no answer)");
    } else {
        rc = store_fail(s, step == SQLITE_DONE ? SQLITE_ERROR : step, "check the store", err);
    }
    sqlite3_finalize(st);
    return rc;
}
