/* rstore.c — a room's results store: the checks both backends share,
 * then the backend (rstore_sqlite.c or rstore_pg.c).
 *
 * Arguments are checked here, once, before any backend sees them: names
 * (UTF-8 without control characters, 1..63 bytes), the session's fields,
 * a record as a whole. The role rules live where they can be enforced:
 * on SQLite (anyone who can write the file can do anything) this file
 * refuses a player connection's deletes and session writes; on
 * PostgreSQL the server refuses them (its grants, rstore_pg.c), and this
 * file does not pretend to. */
#include "rstore_internal.h"
#include "store_internal.h"
#include "bulwark/record.h"
#include "bulwark/workshop.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

_Static_assert(RSTORE_SCHEMA_VERSION == STORE_SCHEMA_VERSION,
               "one schema: a PostgreSQL database's version is the SQLite file's");

static const char *const phase_names[] = {"lobby", "running", "paused", "ended"};

const char *rstore_phase_name(rstore_phase p)
{
    return (unsigned)p < 4 ? phase_names[p] : "lobby";
}

int rstore_phase_parse(const char *name)
{
    for (int i = 0; name && i < 4; i++)
        if (strcmp(name, phase_names[i]) == 0)
            return i;
    return -1;
}

/* One rule for the whole program: the workshop config reader's, which
 * the config loader (below this library) already uses. */
bool rstore_target_is_postgres(const char *t)
{
    return workshop_target_is_postgres(t);
}

static int check_name(const char *what, const char *v, bw_err *err)
{
    if (!v || !store_text_ok(v, STORE_NAME_MAX, false))
        return bw_err_set(err, BW_EINVAL,
                          "a %s is 1 to %d bytes of UTF-8 text without control characters", what,
                          STORE_NAME_MAX - 1);
    return BW_OK;
}

static int refuse_player(const rstore *s, const char *what, bw_err *err)
{
    return bw_err_set(err, BW_EREFUSED,
                      "%s: a player's connection cannot %s (only the facilitator's can)", s->desc,
                      what);
}

rstore *rstore_open(const char *target, const char *user, rstore_role role, bw_err *err)
{
    bw_err_clear(err);
    if (!target || !target[0]) {
        bw_err_set(err, BW_EINVAL, "no results store named (a file path or a postgresql:// URI)");
        return NULL;
    }
    if (role != RSTORE_PLAYER && role != RSTORE_FACILITATOR) {
        bw_err_set(err, BW_EINVAL, "unknown results store role %d", (int)role);
        return NULL;
    }
    if (user && user[0] && check_name("PostgreSQL role name", user, err) != BW_OK)
        return NULL;
    rstore *s = calloc(1, sizeof *s);
    if (!s) {
        bw_err_set(err, BW_ENOMEM, "out of memory");
        return NULL;
    }
    s->role = role;
    int rc;
    if (rstore_target_is_postgres(target)) {
        s->kind = RSTORE_POSTGRES;
        rc = rs_pg_open(s, target, user && user[0] ? user : NULL, err);
    } else {
        s->kind = RSTORE_SQLITE;
        rc = rs_lite_open(s, target, err);
    }
    if (rc != BW_OK) {
        rstore_close(s);
        return NULL;
    }
    return s;
}

void rstore_close(rstore *s)
{
    if (!s)
        return;
    if (s->kind == RSTORE_POSTGRES)
        rs_pg_close(s);
    else
        rs_lite_close(s);
    free(s);
}

rstore_kind rstore_kind_of(const rstore *s) { return s->kind; }
rstore_role rstore_role_of(const rstore *s) { return s->role; }
const char *rstore_describe(const rstore *s) { return s->desc; }

int rstore_migrate(rstore *s, bw_err *err)
{
    bw_err_clear(err);
    if (s->role != RSTORE_FACILITATOR)
        return refuse_player(s, "update the schema", err);
    if (s->kind == RSTORE_POSTGRES)
        return rs_pg_migrate(s, err);
    return BW_OK; /* rs_lite_open migrated the file, as store_open does */
}

int rstore_schema_version(rstore *s, int *version, bw_err *err)
{
    bw_err_clear(err);
    *version = 0;
    return s->kind == RSTORE_POSTGRES ? rs_pg_schema_version(s, version, err)
                                      : rs_lite_schema_version(s, version, err);
}

int rstore_check(rstore *s, bw_err *err)
{
    bw_err_clear(err);
    return s->kind == RSTORE_POSTGRES ? rs_pg_check(s, err) : rs_lite_check(s, err);
}

/* ---- results ---------------------------------------------------------------------- */

static int result_add(rstore *s, const char *text, const store_result_meta *meta, int64_t *id, bw_err *err);

/* The record carries who submitted it, as the columns do, so that `results
 * verify` can tell a result moved to another player or team. */
int rstore_result_add(rstore *s, const char *text, const store_result_meta *meta, int64_t *id,
                      bw_err *err)
{
    bw_err_clear(err);
    if (!text || !meta || !((meta->player && meta->player[0]) || (meta->team && meta->team[0]) ||
                            (meta->workshop && meta->workshop[0])))
        return result_add(s, text, meta, id, err);
    record_who who;
    memset(&who, 0, sizeof who);
    snprintf(who.player, sizeof who.player, "%s", meta->player ? meta->player : "");
    snprintf(who.team, sizeof who.team, "%s", meta->team ? meta->team : "");
    snprintf(who.workshop, sizeof who.workshop, "%s", meta->workshop ? meta->workshop : "");
    if (strlen(text) > RECORD_MAX_BYTES)
        return bw_err_set(err, BW_ELIMIT, "the result record is larger than %u MiB", RECORD_MAX_BYTES >> 20);
    record_who said;
    if (record_who_get(text, &said) && memcmp(&said, &who, sizeof who) == 0)
        return result_add(s, text, meta, id, err); /* it says so already: kept byte for byte */
    char *stamped = record_with_who(text, &who, err);
    if (!stamped) /* not JSON: the checks below say what is wrong with it */
        return err->code == BW_EINVAL ? result_add(s, text, meta, id, err) : err->code;
    int rc = result_add(s, stamped, meta, id, err);
    free(stamped);
    return rc;
}

static int result_add(rstore *s, const char *text, const store_result_meta *meta, int64_t *id, bw_err *err)
{
    if (s->role == RSTORE_PLAYER && (!meta || !meta->workshop || !meta->workshop[0]))
        return bw_err_set(err, BW_EINVAL,
                          "%s: a player's result must name its workshop (meta.workshop)", s->desc);
    if (s->kind == RSTORE_SQLITE)
        return rs_lite_result_add(s, text, meta, id, err);
    /* As store_result_add checks them (results.c). */
    static const char *const names[3] = {"result's player", "result's team", "result's workshop"};
    const char *given[3] = {meta ? meta->player : NULL, meta ? meta->team : NULL,
                            meta ? meta->workshop : NULL};
    const char *who[3];
    for (int i = 0; i < 3; i++) {
        who[i] = given[i] && given[i][0] ? given[i] : NULL;
        int rc = who[i] ? check_name(names[i], who[i], err) : BW_OK;
        if (rc != BW_OK)
            return rc;
    }
    if (meta && meta->finished_at < 0)
        return bw_err_set(err, BW_EINVAL, "a result's finish time cannot be before 1970");
    if (!text)
        return bw_err_set(err, BW_EINVAL, "no result record to save");
    if (strlen(text) > RECORD_MAX_BYTES)
        return bw_err_set(err, BW_ELIMIT, "the result record is larger than %u MiB",
                          RECORD_MAX_BYTES >> 20);
    record_summary sum;
    int rc = record_summary_parse(text, "the result record", &sum, err);
    if (rc != BW_OK)
        return rc;
    int64_t at = meta && meta->finished_at ? meta->finished_at : (int64_t)time(NULL);
    return rs_pg_result_add(s, text, &sum, who, at, id, err);
}

int rstore_results_list(rstore *s, const store_result_filter *f, store_result **out, int *count,
                        bw_err *err)
{
    bw_err_clear(err);
    *out = NULL;
    *count = 0;
    if (f && f->limit < 0)
        return bw_err_set(err, BW_EINVAL, "a result list's limit cannot be negative");
    return s->kind == RSTORE_POSTGRES ? rs_pg_results_list(s, f, out, count, err)
                                      : rs_lite_results_list(s, f, out, count, err);
}

int rstore_result_get(rstore *s, int64_t id, store_result *out, char **text, bw_err *err)
{
    bw_err_clear(err);
    if (text)
        *text = NULL;
    memset(out, 0, sizeof *out);
    if (id <= 0)
        return bw_err_set(err, BW_ENOTFOUND, "%s: there is no result %" PRId64, s->desc, id);
    return s->kind == RSTORE_POSTGRES ? rs_pg_result_get(s, id, out, text, err)
                                      : rs_lite_result_get(s, id, out, text, err);
}

int rstore_result_delete(rstore *s, int64_t id, bw_err *err)
{
    bw_err_clear(err);
    if (s->kind == RSTORE_SQLITE) {
        if (s->role != RSTORE_FACILITATOR)
            return refuse_player(s, "delete a result", err);
        return rs_lite_result_delete(s, id, err);
    }
    return rs_pg_result_delete(s, id, err); /* the server decides */
}

/* ---- the session ---------------------------------------------------------------------- */

int rstore_session_get(rstore *s, const char *workshop, rstore_session *out, bw_err *err)
{
    bw_err_clear(err);
    memset(out, 0, sizeof *out);
    int rc = check_name("workshop", workshop, err);
    if (rc != BW_OK)
        return rc;
    snprintf(out->workshop, sizeof out->workshop, "%s", workshop);
    out->phase = RSTORE_LOBBY;
    return s->kind == RSTORE_POSTGRES ? rs_pg_session_get(s, workshop, out, err)
                                      : rs_lite_session_get(s, workshop, out, err);
}

int rstore_session_put(rstore *s, const rstore_session *in, bw_err *err)
{
    bw_err_clear(err);
    if (!memchr(in->workshop, '\0', sizeof in->workshop) ||
        !memchr(in->announcement, '\0', sizeof in->announcement))
        return bw_err_set(err, BW_EINVAL, "a session's workshop and announcement must end in NUL");
    int rc = check_name("workshop", in->workshop, err);
    if (rc != BW_OK)
        return rc;
    if ((unsigned)in->phase > RSTORE_ENDED)
        return bw_err_set(err, BW_EINVAL, "unknown session phase %d", (int)in->phase);
    if (in->started_at < 0 || in->paused_secs < 0 || in->paused_at < 0 || in->ended_at < 0 ||
        in->announced_at < 0)
        return bw_err_set(err, BW_EINVAL, "a session's times cannot be negative");
    if (!store_text_ok(in->announcement, RSTORE_ANNOUNCE_MAX, true))
        return bw_err_set(err, BW_EINVAL,
                          "an announcement is up to %d bytes of UTF-8 text without control "
                          "characters",
                          RSTORE_ANNOUNCE_MAX - 1);
    if (s->kind == RSTORE_SQLITE) {
        if (s->role != RSTORE_FACILITATOR)
            return refuse_player(s, "change the session", err);
        return rs_lite_session_put(s, in, err);
    }
    return rs_pg_session_put(s, in, err); /* the server decides */
}

/* ---- the lobby -------------------------------------------------------------------------- */

int rstore_join(rstore *s, const char *workshop, const char *player, const char *team,
                bw_err *err)
{
    bw_err_clear(err);
    int rc = check_name("workshop", workshop, err);
    if (rc == BW_OK)
        rc = check_name("player's name", player, err);
    if (rc == BW_OK)
        rc = check_name("team", team, err);
    if (rc != BW_OK)
        return rc;
    int64_t now = (int64_t)time(NULL);
    return s->kind == RSTORE_POSTGRES ? rs_pg_join(s, workshop, player, team, now, err)
                                      : rs_lite_join(s, workshop, player, team, now, err);
}

int rstore_players_list(rstore *s, const char *workshop, rstore_player **out, int *count,
                        bw_err *err)
{
    bw_err_clear(err);
    *out = NULL;
    *count = 0;
    int rc = check_name("workshop", workshop, err);
    if (rc != BW_OK)
        return rc;
    return s->kind == RSTORE_POSTGRES ? rs_pg_players_list(s, workshop, out, count, err)
                                      : rs_lite_players_list(s, workshop, out, count, err);
}
