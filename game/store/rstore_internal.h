/* rstore_internal.h — what rstore.c shares with its two backends
 * (rstore_sqlite.c, rstore_pg.c). rstore.c checks every argument and the
 * role rules that are not the server's to enforce, then calls the
 * backend, which only talks to its database. Never included outside
 * game/store. */
#ifndef BULWARK_RSTORE_INTERNAL_H
#define BULWARK_RSTORE_INTERNAL_H

#include "bulwark/rstore.h"

/* The schema version of a room's store: the same on both backends (the
 * SQLite file's is STORE_SCHEMA_VERSION: it is the player's store). */
#define RSTORE_SCHEMA_VERSION 2

struct pg_conn; /* libpq's PGconn */

struct rstore {
    rstore_kind kind;
    rstore_role role;
    char desc[512]; /* rstore_describe: never a password */
    store_db *lite;
    double busy_began; /* SQLite: when the current wait for the lock began */
    struct pg_conn *pg;
};

/* The phase's name in the session table ("lobby", ...), and back (-1
 * when unknown). */
const char *rstore_phase_name(rstore_phase p);
int rstore_phase_parse(const char *name);

/* SQLite (rstore_sqlite.c). */
int rs_lite_open(rstore *s, const char *path, bw_err *err);
void rs_lite_close(rstore *s);
int rs_lite_schema_version(rstore *s, int *version, bw_err *err);
int rs_lite_check(rstore *s, bw_err *err);
int rs_lite_result_add(rstore *s, const char *text, const store_result_meta *meta, int64_t *id,
                       bw_err *err);
int rs_lite_results_list(rstore *s, const store_result_filter *f, store_result **out, int *count,
                         bw_err *err);
int rs_lite_result_get(rstore *s, int64_t id, store_result *out, char **text, bw_err *err);
int rs_lite_result_delete(rstore *s, int64_t id, bw_err *err);
int rs_lite_session_get(rstore *s, const char *workshop, rstore_session *out, bw_err *err);
int rs_lite_session_put(rstore *s, const rstore_session *in, bw_err *err);
int rs_lite_join(rstore *s, const char *workshop, const char *player, const char *team,
                 int64_t now, bw_err *err);
int rs_lite_players_list(rstore *s, const char *workshop, rstore_player **out, int *count,
                         bw_err *err);

/* PostgreSQL (rstore_pg.c). */
int rs_pg_open(rstore *s, const char *target, const char *user, bw_err *err);
void rs_pg_close(rstore *s);
int rs_pg_migrate(rstore *s, bw_err *err);
int rs_pg_schema_version(rstore *s, int *version, bw_err *err);
int rs_pg_check(rstore *s, bw_err *err);
int rs_pg_result_add(rstore *s, const char *text, const record_summary *sum,
                     const char *const who[3], int64_t at, int64_t *id, bw_err *err);
int rs_pg_results_list(rstore *s, const store_result_filter *f, store_result **out, int *count,
                       bw_err *err);
int rs_pg_result_get(rstore *s, int64_t id, store_result *out, char **text, bw_err *err);
int rs_pg_result_delete(rstore *s, int64_t id, bw_err *err);
int rs_pg_session_get(rstore *s, const char *workshop, rstore_session *out, bw_err *err);
int rs_pg_session_put(rstore *s, const rstore_session *in, bw_err *err);
int rs_pg_join(rstore *s, const char *workshop, const char *player, const char *team, int64_t now,
               bw_err *err);
int rs_pg_players_list(rstore *s, const char *workshop, rstore_player **out, int *count,
                       bw_err *err);

#endif
