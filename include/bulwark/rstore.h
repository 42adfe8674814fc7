/* rstore.h — a room's results: where a workshop's players submit their
 * result records and a facilitator reads, verifies and exports them
 * (DESIGN.md section 6; docs/workshops.md).
 *
 * One schema, two backends:
 *   - SQLite (the default): a file path, for players on one machine
 *     (WAL needs every writer on the same host: not a network share; a
 *     room of machines uses PostgreSQL). It is the same file format as the
 *     player's own store (store.h): WAL, a busy timeout, one transaction
 *     per write.
 *   - PostgreSQL (through libpq): a connection string, either a URI
 *     ("postgresql://user@host:port/db", "postgres://...") or key=value
 *     conninfo ("host=... port=... dbname=... user=..."). Versioned
 *     migrations, run by the facilitator (rstore_migrate).
 *
 * Roles. A connection opened as RSTORE_PLAYER may join a workshop, add
 * results and read the scoreboard and the session; it cannot update or
 * delete any result, nor change the session. On PostgreSQL this is
 * enforced by the server (the player's database role has INSERT and
 * SELECT only; the facilitator's role owns the tables), not by this code;
 * on SQLite, where anyone who can write the file can do anything with it,
 * the same API refuses those calls for a player connection and
 * `bulwark results verify` catches edited scores by replay.
 *
 * Errors: every function returns BW_OK or a bw_err code with a sentence
 * in err (a connection that failed says to where and why, without the
 * password). Ownership as in store.h: lists are arrays freed with free();
 * a record's text is freed with free(); rstore_close accepts NULL. A
 * connection is used from one thread at a time. */
#ifndef BULWARK_RSTORE_H
#define BULWARK_RSTORE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "bulwark/error.h"
#include "bulwark/store.h"

typedef struct rstore rstore;

typedef enum rstore_kind { RSTORE_SQLITE, RSTORE_POSTGRES } rstore_kind;
typedef enum rstore_role { RSTORE_PLAYER, RSTORE_FACILITATOR } rstore_role;

/* Is target a PostgreSQL connection string (a postgres:// or
 * postgresql:// URI, or conninfo with a key=value pair) rather than a file
 * path? */
bool rstore_target_is_postgres(const char *target);

/* Open target (see above) in role. user (NULL: whatever target and the
 * PG* environment say) is the PostgreSQL role to connect as, overriding
 * any user in target; the password comes from libpq's usual places
 * (PGPASSWORD, ~/.pgpass), never from a workshop config. SQLite ignores
 * user and creates and migrates the file as store_open does. PostgreSQL:
 * connects (a 10 s connect timeout) and
 * checks the schema version; a database not yet migrated is refused for a
 * player ("ask the facilitator to run 'bulwark workshop CONFIG' first")
 * and migrated for a facilitator. NULL on failure, with a sentence in err. */
rstore *rstore_open(const char *target, const char *user, rstore_role role, bw_err *err);
void rstore_close(rstore *s);
rstore_kind rstore_kind_of(const rstore *s);
rstore_role rstore_role_of(const rstore *s);
/* Where it points, for messages: the file path, or host:port/dbname
 * (never a password). */
const char *rstore_describe(const rstore *s);

/* Facilitator only: bring the schema to the newest version (idempotent;
 * safe when several run at once). On PostgreSQL also creates the roles'
 * grants (docs/workshops.md says which roles to create). */
int rstore_migrate(rstore *s, bw_err *err);
/* The schema version in use. */
int rstore_schema_version(rstore *s, int *version, bw_err *err);
/* Consistency: SQLite's integrity check; on PostgreSQL, that every result
 * row's summary columns match its record (and the schema is current).
 * BW_OK, or BW_EIO with the first complaint. */
int rstore_check(rstore *s, bw_err *err);

/* ---- results (same meaning as the store_result_* functions of store.h) ---- */

/* Check record_text as a whole (record_summary_parse) and insert it with
 * its summary columns and meta, in one transaction. meta->workshop must
 * be set for a player connection. */
int rstore_result_add(rstore *s, const char *record_text, const store_result_meta *meta,
                      int64_t *id, bw_err *err);
int rstore_results_list(rstore *s, const store_result_filter *f, store_result **out,
                        int *count, bw_err *err);
/* *record_text (may be NULL) gets the record, freed by the caller.
 * BW_ENOTFOUND for an unknown id. */
int rstore_result_get(rstore *s, int64_t id, store_result *out, char **record_text, bw_err *err);
/* Facilitator only: remove a result. BW_ENOTFOUND when absent. A player
 * connection gets BW_EREFUSED (SQLite: refused here; PostgreSQL: the
 * server's permission error, mapped to BW_EREFUSED with its message). */
int rstore_result_delete(rstore *s, int64_t id, bw_err *err);

/* ---- the session a facilitator runs ------------------------------------------ */

typedef enum rstore_phase {
    RSTORE_LOBBY,   /* players join; nobody plays yet */
    RSTORE_RUNNING, /* the clock runs; players play and submit */
    RSTORE_PAUSED,  /* the clock stops; players' games pause */
    RSTORE_ENDED    /* no more submissions; the room's debrief */
} rstore_phase;

#define RSTORE_ANNOUNCE_MAX 256

typedef struct rstore_session {
    char workshop[STORE_NAME_MAX];
    rstore_phase phase;
    int64_t started_at;  /* Unix seconds the session first ran; 0 in the lobby */
    int64_t paused_secs; /* seconds spent paused so far (not counting a pause in progress) */
    int64_t paused_at;   /* when the current pause began; 0 when not paused */
    int64_t ended_at;    /* 0 until ended */
    char announcement[RSTORE_ANNOUNCE_MAX]; /* "" when none */
    int64_t announced_at;
} rstore_session;

/* The session's state; a workshop never opened reads as a zeroed LOBBY
 * (BW_OK). */
int rstore_session_get(rstore *s, const char *workshop, rstore_session *out, bw_err *err);
/* Facilitator only (BW_EREFUSED for a player): write the whole state
 * (upsert). */
int rstore_session_put(rstore *s, const rstore_session *in, bw_err *err);

/* A player in the lobby. */
typedef struct rstore_player {
    char name[STORE_NAME_MAX];
    char team[STORE_NAME_MAX];
    int64_t joined_at;
} rstore_player;

/* Join (or re-join: the team may change, joined_at stays) a workshop's
 * lobby. Names as store_result_meta's. */
int rstore_join(rstore *s, const char *workshop, const char *player, const char *team,
                bw_err *err);
/* Everyone who joined, by team then name. *out is NULL when count is 0. */
int rstore_players_list(rstore *s, const char *workshop, rstore_player **out, int *count,
                        bw_err *err);

#endif
