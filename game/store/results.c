/* results.c — finished games: every result record, and the campaign
 * progress derived from them.
 *
 * A result and the progress it earns are written in one transaction: the
 * file never holds a result its progress has not counted, nor progress
 * without its result. Must never store a record it has not checked as a
 * whole (record_summary_parse), nor change the record's text. */
#include "store_internal.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static const char *const who_names[] = {"player", "team", "workshop"};

static int check_meta(const store_result_meta *m, const char *who[3], bw_err *err)
{
    const char *given[3] = {m ? m->player : NULL, m ? m->team : NULL, m ? m->workshop : NULL};
    for (int i = 0; i < 3; i++) {
        who[i] = given[i] && given[i][0] ? given[i] : NULL; /* "" is nobody */
        if (who[i] && !store_text_ok(who[i], STORE_NAME_MAX, false))
            return bw_err_set(
                err, BW_EINVAL,
                "a result's %s is 1 to %d bytes of UTF-8 text without control characters",
                who_names[i], STORE_NAME_MAX - 1);
    }
    if (m && m->finished_at < 0)
        return bw_err_set(err, BW_EINVAL, "a result's finish time cannot be before 1970");
    return BW_OK;
}

/* hex (17 bytes, the caller's, alive until the statement runs) holds v;
 * bound without a copy, so binding cannot run out of memory and leave the
 * column NULL. */
static void bind_hex(sqlite3_stmt *st, int i, uint64_t v, char *hex)
{
    snprintf(hex, 17, "%016" PRIx64, v);
    sqlite3_bind_text(st, i, hex, 16, SQLITE_STATIC);
}

static void bind_opt(sqlite3_stmt *st, int i, const char *v)
{
    if (v)
        sqlite3_bind_text(st, i, v, -1, SQLITE_STATIC);
    else
        sqlite3_bind_null(st, i);
}

static int insert_result(store_db *s, const char *text, const record_summary *sum,
                         const char *who[3], int64_t at, int64_t *id, bw_err *err)
{
    sqlite3_stmt *st;
    int rc = store_prepare(
        s,
        "INSERT INTO results (finished_at, scenario_id, scenario_hash, seed, engine, outcome, "
        "stars, ticks, protection, responsibility, capacity, collaboration, world_hash, "
        "player, team, workshop, record) "
        "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17)",
        &st, "save the result", err);
    if (rc != BW_OK)
        return rc;
    char scenario_hex[17], world_hex[17];
    sqlite3_bind_int64(st, 1, at);
    sqlite3_bind_text(st, 2, sum->scenario_id, -1, SQLITE_STATIC);
    bind_hex(st, 3, sum->scenario_hash, scenario_hex);
    sqlite3_bind_int64(st, 4, (sqlite3_int64)sum->seed);
    sqlite3_bind_text(st, 5, sum->engine, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 6, sum->outcome == SIM_OUTCOME_WON ? "won" : "lost", -1, SQLITE_STATIC);
    sqlite3_bind_int(st, 7, sum->stars);
    sqlite3_bind_int(st, 8, sum->ticks);
    for (int p = 0; p < SIM_PILLAR_COUNT; p++)
        sqlite3_bind_int(st, 9 + p, sum->pillar[p]);
    bind_hex(st, 13, sum->world_hash, world_hex);
    for (int i = 0; i < 3; i++)
        bind_opt(st, 14 + i, who[i]);
    sqlite3_bind_text(st, 17, text, -1, SQLITE_STATIC);
    int step = sqlite3_step(st);
    if (step == SQLITE_DONE)
        *id = sqlite3_last_insert_rowid(s->db);
    else
        rc = store_fail(s, step, "save the result", err);
    sqlite3_finalize(st);
    return rc;
}

/* One more attempt at the scenario: bests only ever rise; the best result
 * is the first that reached the best stars. */
static int update_progress(store_db *s, const record_summary *sum, int64_t at, int64_t id,
                           bw_err *err)
{
    sqlite3_stmt *st;
    int rc = store_prepare(
        s,
        "INSERT INTO progress (scenario_id, attempts, wins, best_stars, best_protection, "
        "best_responsibility, "
        "best_capacity, best_collaboration, last_played, best_result_id) "
        "VALUES (?1, 1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9) "
        "ON CONFLICT (scenario_id) DO UPDATE SET "
        "attempts = attempts + 1, "
        "wins = wins + excluded.wins, "
        "best_result_id = CASE WHEN excluded.best_stars > best_stars "
        "  OR (best_result_id IS NULL AND excluded.best_stars = best_stars) "
        "  THEN excluded.best_result_id ELSE best_result_id END, "
        "best_stars = max(best_stars, excluded.best_stars), "
        "best_protection = max(best_protection, excluded.best_protection), "
        "best_responsibility = max(best_responsibility, excluded.best_responsibility), "
        "best_capacity = max(best_capacity, excluded.best_capacity), "
        "best_collaboration = max(best_collaboration, excluded.best_collaboration), "
        "last_played = max(last_played, excluded.last_played)",
        &st, "save the result", err);
    if (rc != BW_OK)
        return rc;
    sqlite3_bind_text(st, 1, sum->scenario_id, -1, SQLITE_STATIC);
    sqlite3_bind_int(st, 2, sum->outcome == SIM_OUTCOME_WON);
    sqlite3_bind_int(st, 3, sum->stars);
    for (int p = 0; p < SIM_PILLAR_COUNT; p++)
        sqlite3_bind_int(st, 4 + p, sum->pillar[p]);
    sqlite3_bind_int64(st, 8, at);
    sqlite3_bind_int64(st, 9, id);
    int step = sqlite3_step(st);
    if (step != SQLITE_DONE)
        rc = store_fail(s, step, "save the result", err);
    sqlite3_finalize(st);
    return rc;
}

int store_result_add(store_db *s, const char *text, const store_result_meta *meta, int64_t *id,
                     bw_err *err)
{
    record_summary sum;
    const char *who[3];
    int64_t new_id = 0;
    int rc = check_meta(meta, who, err);
    if (rc == BW_OK && !text)
        rc = bw_err_set(err, BW_EINVAL, "no result record to save");
    if (rc == BW_OK && strlen(text) > RECORD_MAX_BYTES)
        rc = bw_err_set(err, BW_ELIMIT, "the result record is larger than %u MiB",
                        RECORD_MAX_BYTES >> 20);
    if (rc == BW_OK)
        rc = record_summary_parse(text, "the result record", &sum, err);
    if (rc != BW_OK)
        return rc;
    int64_t at = meta && meta->finished_at ? meta->finished_at : (int64_t)time(NULL);
    if ((rc = store_begin(s, "save the result", err)) != BW_OK)
        return rc;
    rc = insert_result(s, text, &sum, who, at, &new_id, err);
    if (rc == BW_OK && !who[2])
        rc = update_progress(s, &sum, at, new_id, err);
    if (rc != BW_OK) {
        store_rollback(s);
        return rc;
    }
    if ((rc = store_commit(s, "save the result", err)) != BW_OK)
        return rc;
    if (id)
        *id = new_id;
    return BW_OK;
}

/* ---- reading results -------------------------------------------------------------- */

#define RESULT_COLUMNS                                                                             \
    "id, finished_at, scenario_id, scenario_hash, seed, engine, outcome, stars, ticks, "           \
    "protection, "                                                                                 \
    "responsibility, capacity, collaboration, world_hash, player, team, workshop"

static void column_text(sqlite3_stmt *st, int i, char *buf, size_t n)
{
    const char *v = (const char *)sqlite3_column_text(st, i);
    snprintf(buf, n, "%s", v ? v : "");
}

static uint64_t column_hex(sqlite3_stmt *st, int i)
{
    const char *v = (const char *)sqlite3_column_text(st, i);
    return v ? strtoull(v, NULL, 16) : 0;
}

static void read_row(sqlite3_stmt *st, store_result *r)
{
    memset(r, 0, sizeof *r);
    r->id = sqlite3_column_int64(st, 0);
    r->finished_at = sqlite3_column_int64(st, 1);
    column_text(st, 2, r->sum.scenario_id, sizeof r->sum.scenario_id);
    r->sum.scenario_hash = column_hex(st, 3);
    r->sum.seed = (uint64_t)sqlite3_column_int64(st, 4);
    column_text(st, 5, r->sum.engine, sizeof r->sum.engine);
    const char *o = (const char *)sqlite3_column_text(st, 6);
    r->sum.outcome = o && strcmp(o, "won") == 0 ? SIM_OUTCOME_WON : SIM_OUTCOME_LOST;
    r->sum.stars = sqlite3_column_int(st, 7);
    r->sum.ticks = sqlite3_column_int(st, 8);
    for (int p = 0; p < SIM_PILLAR_COUNT; p++)
        r->sum.pillar[p] = sqlite3_column_int(st, 9 + p);
    r->sum.world_hash = column_hex(st, 13);
    column_text(st, 14, r->player, sizeof r->player);
    column_text(st, 15, r->team, sizeof r->team);
    column_text(st, 16, r->workshop, sizeof r->workshop);
}

int store_results_list(store_db *s, const store_result_filter *f, store_result **out, int *count,
                       bw_err *err)
{
    *out = NULL;
    *count = 0;
    store_result_filter none = {0};
    if (!f)
        f = &none;
    if (f->limit < 0)
        return bw_err_set(err, BW_EINVAL, "a result list's limit cannot be negative");
    const char *vals[4] = {f->scenario_id, f->player, f->team, f->workshop};
    static const char *const cols[4] = {"scenario_id", "player", "team", "workshop"};
    char sql[512];
    int len = snprintf(sql, sizeof sql, "SELECT " RESULT_COLUMNS " FROM results");
    for (int i = 0, n = 0; i < 4; i++)
        if (vals[i])
            len += snprintf(sql + len, sizeof sql - (size_t)len, "%s %s = ?%d",
                            n++ ? " AND" : " WHERE", cols[i], i + 1);
    len += snprintf(sql + len, sizeof sql - (size_t)len, " ORDER BY id %s",
                    f->newest_first ? "DESC" : "ASC");
    if (f->limit)
        snprintf(sql + len, sizeof sql - (size_t)len, " LIMIT %d", f->limit);
    sqlite3_stmt *st;
    int rc = store_prepare(s, sql, &st, "list the results", err);
    if (rc != BW_OK)
        return rc;
    for (int i = 0; i < 4; i++)
        if (vals[i])
            sqlite3_bind_text(st, i + 1, vals[i], -1, SQLITE_STATIC);
    store_result *items = NULL;
    int n = 0, cap = 0, step = SQLITE_DONE;
    while (rc == BW_OK && (step = sqlite3_step(st)) == SQLITE_ROW) {
        if (n == cap) {
            int ncap = cap ? cap * 2 : 16;
            store_result *grown =
                ncap < (1 << 24) ? realloc(items, (size_t)ncap * sizeof *items) : NULL;
            if (!grown) {
                rc = bw_err_set(err, BW_ENOMEM, "%s: out of memory listing the results", s->path);
                break;
            }
            items = grown;
            cap = ncap;
        }
        read_row(st, &items[n++]);
    }
    if (rc == BW_OK && step != SQLITE_DONE)
        rc = store_fail(s, step, "list the results", err);
    sqlite3_finalize(st);
    if (rc != BW_OK) {
        free(items);
        return rc;
    }
    *out = items;
    *count = n;
    return BW_OK;
}

int store_result_get(store_db *s, int64_t id, store_result *out, char **record_text, bw_err *err)
{
    if (record_text)
        *record_text = NULL;
    sqlite3_stmt *st;
    int rc = store_prepare(s, "SELECT " RESULT_COLUMNS ", record FROM results WHERE id = ?1", &st,
                           "read a result", err);
    if (rc != BW_OK)
        return rc;
    sqlite3_bind_int64(st, 1, id);
    int step = sqlite3_step(st);
    if (step == SQLITE_ROW) {
        read_row(st, out);
        if (record_text) {
            const char *t = (const char *)sqlite3_column_text(st, 17);
            size_t n = (size_t)sqlite3_column_bytes(st, 17);
            char *copy = malloc(n + 1);
            if (copy) {
                memcpy(copy, t ? t : "", t ? n : 0);
                copy[t ? n : 0] = '\0';
                *record_text = copy;
            } else {
                rc = bw_err_set(err, BW_ENOMEM, "%s: out of memory reading result %" PRId64,
                                s->path, id);
            }
        }
    } else if (step == SQLITE_DONE) {
        rc = bw_err_set(err, BW_ENOTFOUND, "%s: there is no result %" PRId64, s->path, id);
    } else {
        rc = store_fail(s, step, "read a result", err);
    }
    sqlite3_finalize(st);
    return rc;
}

/* ---- progress ---------------------------------------------------------------------- */

#define PROGRESS_COLUMNS                                                                           \
    "scenario_id, attempts, wins, best_stars, best_protection, best_responsibility, "              \
    "best_capacity, "                                                                              \
    "best_collaboration, last_played, best_result_id"

static void read_progress(sqlite3_stmt *st, store_progress *p)
{
    memset(p, 0, sizeof *p);
    column_text(st, 0, p->scenario_id, sizeof p->scenario_id);
    p->attempts = sqlite3_column_int(st, 1);
    p->wins = sqlite3_column_int(st, 2);
    p->best_stars = sqlite3_column_int(st, 3);
    for (int i = 0; i < SIM_PILLAR_COUNT; i++)
        p->best_pillar[i] = sqlite3_column_int(st, 4 + i);
    p->last_played = sqlite3_column_int64(st, 8);
    p->best_result_id = sqlite3_column_int64(st, 9); /* NULL reads as 0 */
}

int store_progress_get(store_db *s, const char *scenario_id, store_progress *out, bw_err *err)
{
    memset(out, 0, sizeof *out);
    if (!scenario_id || !scenario_id[0] || strlen(scenario_id) >= sizeof out->scenario_id)
        return bw_err_set(err, BW_EINVAL, "a scenario id is 1 to %d characters",
                          (int)sizeof out->scenario_id - 1);
    snprintf(out->scenario_id, sizeof out->scenario_id, "%s", scenario_id);
    sqlite3_stmt *st;
    int rc = store_prepare(s, "SELECT " PROGRESS_COLUMNS " FROM progress WHERE scenario_id = ?1",
                           &st, "read the progress", err);
    if (rc != BW_OK)
        return rc;
    sqlite3_bind_text(st, 1, scenario_id, -1, SQLITE_STATIC);
    int step = sqlite3_step(st);
    if (step == SQLITE_ROW)
        read_progress(st, out);
    else if (step != SQLITE_DONE)
        rc = store_fail(s, step, "read the progress", err);
    sqlite3_finalize(st);
    return rc;
}

int store_progress_list(store_db *s, store_progress **out, int *count, bw_err *err)
{
    *out = NULL;
    *count = 0;
    sqlite3_stmt *st;
    int rc = store_prepare(s, "SELECT " PROGRESS_COLUMNS " FROM progress ORDER BY scenario_id", &st,
                           "read the progress", err);
    if (rc != BW_OK)
        return rc;
    store_progress *items = NULL;
    int n = 0, cap = 0, step = SQLITE_DONE;
    while ((step = sqlite3_step(st)) == SQLITE_ROW) {
        if (n == cap) {
            int ncap = cap ? cap * 2 : 16;
            store_progress *grown =
                ncap < (1 << 24) ? realloc(items, (size_t)ncap * sizeof *items) : NULL;
            if (!grown) {
                rc = bw_err_set(err, BW_ENOMEM, "%s: out of memory reading the progress", s->path);
                break;
            }
            items = grown;
            cap = ncap;
        }
        read_progress(st, &items[n++]);
    }
    if (rc == BW_OK && step != SQLITE_DONE)
        rc = store_fail(s, step, "read the progress", err);
    sqlite3_finalize(st);
    if (rc != BW_OK) {
        free(items);
        return rc;
    }
    *out = items;
    *count = n;
    return BW_OK;
}
