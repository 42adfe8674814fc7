/* rstore_sqlite.c — a room's results in one SQLite file: the player's
 * store format (store.c, results.c), shared by every machine of a room
 * through one folder.
 *
 * Two hundred players may submit in the same second. Each write is one
 * transaction taken with BEGIN IMMEDIATE (store_begin) under a long busy
 * timeout; should the lock still be busy, the whole transaction is tried
 * again after a random pause, a few times, before saying so. Nothing is
 * half written either way. */
#include "rstore_internal.h"
#include "store_internal.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

/* A writer waits this long for the lock, and tries its whole transaction
 * this many times: a room's file is contended by design. */
#define RS_LITE_BUSY_MS 30000
#define RS_LITE_TRIES 5

/* A pause of 10..100 ms before trying a busy transaction again, so the
 * writers that lost do not all come back at once. */
static void backoff(void)
{
    static unsigned seed;
    if (!seed)
        seed = (unsigned)getpid() ^ (unsigned)time(NULL);
    seed = seed * 1103515245u + 12345u;
    long ms = 10 + (long)((seed >> 16) % 91);
    struct timespec ts = {0, ms * 1000000L};
    nanosleep(&ts, NULL);
}

/* SQLite's own busy handler sleeps ever longer, up to 100 ms a try: with
 * 200 writers queued, the lock then sits free between a commit and the
 * next waiter's wake-up. This one polls every 1..4 ms (at random, so the
 * waiters do not wake together) until RS_LITE_BUSY_MS have passed since
 * the wait began. */
static double now_ms(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec * 1000.0 + (double)t.tv_nsec / 1e6;
}

static int busy_wait(void *arg, int count)
{
    double *began = arg;
    if (count == 0)
        *began = now_ms();
    else if (now_ms() - *began > RS_LITE_BUSY_MS)
        return 0; /* give up: SQLITE_BUSY */
    static unsigned seed;
    if (!seed)
        seed = (unsigned)getpid() | 1u;
    seed = seed * 1103515245u + 12345u;
    struct timespec ts = {0, (long)(1 + (seed >> 16) % 4) * 1000000L};
    nanosleep(&ts, NULL);
    return 1;
}

int rs_lite_open(rstore *s, const char *path, bw_err *err)
{
    snprintf(s->desc, sizeof s->desc, "%s", path);
    for (int i = 0;; i++) {
        s->lite = store_open_waiting(path, RS_LITE_BUSY_MS, err);
        if (s->lite) {
            sqlite3_busy_handler(store_sqlite(s->lite), busy_wait, &s->busy_began);
            return BW_OK;
        }
        if (!err || err->code != BW_EBUSY || i + 1 >= RS_LITE_TRIES)
            return err ? err->code : BW_EIO;
        backoff();
    }
}

void rs_lite_close(rstore *s)
{
    store_close(s->lite);
    s->lite = NULL;
}

int rs_lite_schema_version(rstore *s, int *version, bw_err *err)
{
    int v = store_schema_version(s->lite, err);
    if (v < 0)
        return v;
    *version = v;
    return BW_OK;
}

int rs_lite_check(rstore *s, bw_err *err)
{
    int rc = store_check(s->lite, err);
    if (rc != BW_OK)
        return rc;
    int v = 0;
    if ((rc = rs_lite_schema_version(s, &v, err)) != BW_OK)
        return rc;
    if (v != STORE_SCHEMA_VERSION)
        return bw_err_set(err, BW_EIO, "%s: schema version %d, not the current %d", s->desc, v,
                          STORE_SCHEMA_VERSION);
    return BW_OK;
}

int rs_lite_result_add(rstore *s, const char *text, const store_result_meta *meta, int64_t *id,
                       bw_err *err)
{
    for (int i = 0;; i++) {
        int rc = store_result_add(s->lite, text, meta, id, err);
        if (rc != BW_EBUSY || i + 1 >= RS_LITE_TRIES)
            return rc;
        backoff();
    }
}

int rs_lite_results_list(rstore *s, const store_result_filter *f, store_result **out, int *count,
                         bw_err *err)
{
    return store_results_list(s->lite, f, out, count, err);
}

int rs_lite_result_get(rstore *s, int64_t id, store_result *out, char **text, bw_err *err)
{
    return store_result_get(s->lite, id, out, text, err);
}

/* ---- writes, each one transaction tried again while busy ------------------------------ */

typedef int write_fn(rstore *s, const void *arg, bw_err *err);

static int in_transaction(rstore *s, write_fn *fn, const void *arg, const char *doing, bw_err *err)
{
    for (int i = 0;; i++) {
        int rc = store_begin(s->lite, doing, err);
        if (rc == BW_OK) {
            rc = fn(s, arg, err);
            if (rc == BW_OK)
                rc = store_commit(s->lite, doing, err);
            else
                store_rollback(s->lite);
        }
        if (rc != BW_EBUSY || i + 1 >= RS_LITE_TRIES)
            return rc;
        backoff();
    }
}

static int step_done(rstore *s, sqlite3_stmt *st, const char *doing, bw_err *err)
{
    int step = sqlite3_step(st);
    int rc = step == SQLITE_DONE ? BW_OK : store_fail(s->lite, step, doing, err);
    sqlite3_finalize(st);
    return rc;
}

static int delete_one(rstore *s, const void *arg, bw_err *err)
{
    int64_t id = *(const int64_t *)arg;
    sqlite3_stmt *st;
    int rc = store_prepare(s->lite, "DELETE FROM results WHERE id = ?1", &st, "delete a result",
                           err);
    if (rc != BW_OK)
        return rc;
    sqlite3_bind_int64(st, 1, id);
    if ((rc = step_done(s, st, "delete a result", err)) != BW_OK)
        return rc;
    if (sqlite3_changes(store_sqlite(s->lite)) == 0)
        return bw_err_set(err, BW_ENOTFOUND, "%s: there is no result %" PRId64, s->desc, id);
    return BW_OK;
}

int rs_lite_result_delete(rstore *s, int64_t id, bw_err *err)
{
    return in_transaction(s, delete_one, &id, "delete a result", err);
}

int rs_lite_session_get(rstore *s, const char *workshop, rstore_session *out, bw_err *err)
{
    sqlite3_stmt *st;
    int rc = store_prepare(s->lite,
                           "SELECT phase, started_at, paused_secs, paused_at, ended_at, "
                           "announcement, announced_at FROM workshop_sessions WHERE workshop = ?1",
                           &st, "read the session", err);
    if (rc != BW_OK)
        return rc;
    sqlite3_bind_text(st, 1, workshop, -1, SQLITE_STATIC);
    int step = sqlite3_step(st);
    if (step == SQLITE_ROW) {
        int phase = rstore_phase_parse((const char *)sqlite3_column_text(st, 0));
        out->phase = phase < 0 ? RSTORE_LOBBY : (rstore_phase)phase;
        out->started_at = sqlite3_column_int64(st, 1);
        out->paused_secs = sqlite3_column_int64(st, 2);
        out->paused_at = sqlite3_column_int64(st, 3);
        out->ended_at = sqlite3_column_int64(st, 4);
        const char *a = (const char *)sqlite3_column_text(st, 5);
        snprintf(out->announcement, sizeof out->announcement, "%s", a ? a : "");
        out->announced_at = sqlite3_column_int64(st, 6);
    } else if (step != SQLITE_DONE) {
        rc = store_fail(s->lite, step, "read the session", err);
    }
    sqlite3_finalize(st);
    return rc;
}

static int put_session(rstore *s, const void *arg, bw_err *err)
{
    const rstore_session *in = arg;
    sqlite3_stmt *st;
    int rc = store_prepare(
        s->lite,
        "INSERT INTO workshop_sessions (workshop, phase, started_at, paused_secs, paused_at, "
        "ended_at, announcement, announced_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8) "
        "ON CONFLICT (workshop) DO UPDATE SET phase = excluded.phase, "
        "started_at = excluded.started_at, paused_secs = excluded.paused_secs, "
        "paused_at = excluded.paused_at, ended_at = excluded.ended_at, "
        "announcement = excluded.announcement, announced_at = excluded.announced_at",
        &st, "save the session", err);
    if (rc != BW_OK)
        return rc;
    sqlite3_bind_text(st, 1, in->workshop, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 2, rstore_phase_name(in->phase), -1, SQLITE_STATIC);
    sqlite3_bind_int64(st, 3, in->started_at);
    sqlite3_bind_int64(st, 4, in->paused_secs);
    sqlite3_bind_int64(st, 5, in->paused_at);
    sqlite3_bind_int64(st, 6, in->ended_at);
    sqlite3_bind_text(st, 7, in->announcement, -1, SQLITE_STATIC);
    sqlite3_bind_int64(st, 8, in->announced_at);
    return step_done(s, st, "save the session", err);
}

int rs_lite_session_put(rstore *s, const rstore_session *in, bw_err *err)
{
    return in_transaction(s, put_session, in, "save the session", err);
}

typedef struct join_args {
    const char *workshop, *player, *team;
    int64_t now;
} join_args;

/* A join is a new row unless the player's newest row already says this
 * team (re-joining changes nothing then). */
static int join_one(rstore *s, const void *arg, bw_err *err)
{
    const join_args *a = arg;
    sqlite3_stmt *st;
    int rc = store_prepare(
        s->lite,
        "INSERT INTO workshop_players (workshop, name, team, joined_at) "
        "SELECT ?1, ?2, ?3, ?4 WHERE coalesce((SELECT team FROM workshop_players "
        "WHERE workshop = ?1 AND name = ?2 ORDER BY id DESC LIMIT 1), '') IS NOT ?3",
        &st, "join the workshop", err);
    if (rc != BW_OK)
        return rc;
    sqlite3_bind_text(st, 1, a->workshop, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 2, a->player, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 3, a->team, -1, SQLITE_STATIC);
    sqlite3_bind_int64(st, 4, a->now);
    return step_done(s, st, "join the workshop", err);
}

int rs_lite_join(rstore *s, const char *workshop, const char *player, const char *team,
                 int64_t now, bw_err *err)
{
    join_args a = {workshop, player, team, now};
    return in_transaction(s, join_one, &a, "join the workshop", err);
}

int rs_lite_players_list(rstore *s, const char *workshop, rstore_player **out, int *count,
                         bw_err *err)
{
    sqlite3_stmt *st;
    int rc = store_prepare(s->lite,
                           "SELECT p.name, p.team, f.first FROM workshop_players p JOIN "
                           "(SELECT max(id) AS last, min(joined_at) AS first FROM "
                           "workshop_players WHERE workshop = ?1 GROUP BY name) f "
                           "ON p.id = f.last ORDER BY p.team, p.name",
                           &st, "list the players", err);
    if (rc != BW_OK)
        return rc;
    sqlite3_bind_text(st, 1, workshop, -1, SQLITE_STATIC);
    rstore_player *items = NULL;
    int n = 0, cap = 0, step;
    while ((step = sqlite3_step(st)) == SQLITE_ROW) {
        if (n == cap) {
            int ncap = cap ? cap * 2 : 16;
            rstore_player *grown =
                ncap < (1 << 24) ? realloc(items, (size_t)ncap * sizeof *items) : NULL;
            if (!grown) {
                rc = bw_err_set(err, BW_ENOMEM, "%s: out of memory listing the players", s->desc);
                break;
            }
            items = grown;
            cap = ncap;
        }
        rstore_player *p = &items[n++];
        memset(p, 0, sizeof *p);
        const char *name = (const char *)sqlite3_column_text(st, 0);
        const char *team = (const char *)sqlite3_column_text(st, 1);
        snprintf(p->name, sizeof p->name, "%s", name ? name : "");
        snprintf(p->team, sizeof p->team, "%s", team ? team : "");
        p->joined_at = sqlite3_column_int64(st, 2);
    }
    if (rc == BW_OK && step != SQLITE_DONE)
        rc = store_fail(s->lite, step, "list the players", err);
    sqlite3_finalize(st);
    if (rc != BW_OK) {
        free(items);
        return rc;
    }
    *out = items;
    *count = n;
    return BW_OK;
}
