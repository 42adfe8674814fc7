/* rstore_pg.c — a room's results on PostgreSQL, through libpq: for a
 * room of machines that share no folder.
 *
 * The schema is the SQLite file's (store.c) less what is one player's
 * own (settings, campaign progress): results with the same summary
 * columns and the record text, the workshop sessions, the append-only
 * lobby. Its version is kept in schema_version (one row a migration
 * applied); each migration runs in its own transaction under an advisory
 * lock, so facilitators starting at once migrate once.
 *
 * The roles are enforced by the server, not here: the tables belong to
 * the facilitator's role; bulwark_player is granted SELECT on every
 * table, INSERT on results and the lobby (and USAGE on their sequences)
 * and nothing else; row-level security lets it insert only a workshop's
 * results. A refusal by the server (SQLSTATE 42501) comes back as
 * BW_EREFUSED with the server's words.
 *
 * Must never: build SQL from a value (every value is a parameter of
 * PQexecParams), print or keep a password (libpq reads it from
 * PGPASSWORD or ~/.pgpass), or leave a migration half done. */
#include "rstore_internal.h"
#include "store_internal.h"

#include <inttypes.h>
#include <libpq-fe.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define CONN(s) ((PGconn *)(s)->pg)

/* The role players connect as (docs/workshops.md): another player role
 * is made a member of it. */
#define RS_PG_PLAYER_ROLE "bulwark_player"
#define RS_PG_FACILITATOR_ROLE "bulwark_facilitator"
/* Connection attempts while the server is slow or full (10 s each). */
#define RS_PG_CONNECT_TRIES 3
/* pg_advisory_xact_lock's key for migrations: 'BWK1'. */
#define RS_PG_LOCK_KEY "1113017137"

/* ---- the schema ----------------------------------------------------------------------
 *
 * Migration i takes the database from version i to i + 1. Never edit a
 * shipped one: add one. Versions match the SQLite file's: 1 results,
 * 2 the workshop's session and lobby. */
static const char *const pg_migrations[RSTORE_SCHEMA_VERSION] = {
    /* 0 -> 1 */
    "CREATE TABLE results ("
    "  id bigserial PRIMARY KEY,"
    "  finished_at bigint NOT NULL,"
    "  scenario_id text NOT NULL,"
    "  scenario_hash text NOT NULL CHECK (length(scenario_hash) = 16),"
    "  seed bigint NOT NULL CHECK (seed >= 0),"
    "  engine text NOT NULL,"
    "  outcome text NOT NULL CHECK (outcome IN ('won', 'lost')),"
    "  stars integer NOT NULL CHECK (stars BETWEEN 0 AND 3),"
    "  ticks integer NOT NULL CHECK (ticks >= 0),"
    "  protection integer NOT NULL CHECK (protection BETWEEN 0 AND 100),"
    "  responsibility integer NOT NULL CHECK (responsibility BETWEEN 0 AND 100),"
    "  capacity integer NOT NULL CHECK (capacity BETWEEN 0 AND 100),"
    "  collaboration integer NOT NULL CHECK (collaboration BETWEEN 0 AND 100),"
    "  world_hash text NOT NULL CHECK (length(world_hash) = 16),"
    "  player text,"
    "  team text,"
    "  workshop text,"
    "  record text NOT NULL);"
    "CREATE INDEX results_by_scenario ON results (scenario_id, finished_at);"
    "CREATE INDEX results_by_workshop ON results (workshop, team, player) "
    "  WHERE workshop IS NOT NULL;"
    /* Whoever is not the owner (a player) reads every row and inserts
     * only a workshop's; with no policy for UPDATE or DELETE, those
     * would touch no row even if granted. */
    "ALTER TABLE results ENABLE ROW LEVEL SECURITY;"
    "CREATE POLICY results_read ON results FOR SELECT USING (true);"
    "CREATE POLICY results_insert ON results FOR INSERT WITH CHECK (workshop IS NOT NULL);",
    /* 1 -> 2 */
    "CREATE TABLE workshop_sessions ("
    "  workshop text PRIMARY KEY,"
    "  phase text NOT NULL CHECK (phase IN ('lobby', 'running', 'paused', 'ended')),"
    "  started_at bigint NOT NULL CHECK (started_at >= 0),"
    "  paused_secs bigint NOT NULL CHECK (paused_secs >= 0),"
    "  paused_at bigint NOT NULL CHECK (paused_at >= 0),"
    "  ended_at bigint NOT NULL CHECK (ended_at >= 0),"
    "  announcement text NOT NULL,"
    "  announced_at bigint NOT NULL CHECK (announced_at >= 0));"
    "CREATE TABLE workshop_players ("
    "  id bigserial PRIMARY KEY,"
    "  workshop text NOT NULL,"
    "  name text NOT NULL,"
    "  team text NOT NULL,"
    "  joined_at bigint NOT NULL);"
    "CREATE INDEX workshop_players_by_name ON workshop_players (workshop, name);",
};

/* What the player role may do, granted again at every migration (new
 * tables, a role recreated by the DBA). */
static const char grants[] =
    "REVOKE ALL ON schema_version, results, workshop_sessions, workshop_players FROM PUBLIC;"
    "GRANT SELECT ON schema_version, results, workshop_sessions, workshop_players "
    "  TO " RS_PG_PLAYER_ROLE ";"
    "GRANT INSERT ON results, workshop_players TO " RS_PG_PLAYER_ROLE ";"
    "GRANT USAGE ON SEQUENCE results_id_seq, workshop_players_id_seq TO " RS_PG_PLAYER_ROLE ";";

/* ---- errors ----------------------------------------------------------------------------- */

/* libpq's messages end in a newline and may span lines: one line. */
static void one_line(char *buf, size_t n, const char *msg)
{
    snprintf(buf, n, "%s", msg ? msg : "");
    for (char *p = buf; *p; p++)
        if (*p == '\n' || *p == '\r' || *p == '\t')
            *p = ' ';
    size_t len = strlen(buf);
    while (len && buf[len - 1] == ' ')
        buf[--len] = '\0';
    bw_text_clean(buf);
}

/* Fill err for a failed command (res may be NULL) and return its code:
 * the server's refusal is BW_EREFUSED in its own words. Clears res. */
static int pg_fail(rstore *s, PGresult *res, const char *doing, bw_err *err)
{
    const char *state = res ? PQresultErrorField(res, PG_DIAG_SQLSTATE) : NULL;
    const char *primary = res ? PQresultErrorField(res, PG_DIAG_MESSAGE_PRIMARY) : NULL;
    char why[300];
    one_line(why, sizeof why, primary ? primary : PQerrorMessage(CONN(s)));
    const char *user = PQuser(CONN(s));
    int rc;
    if (!state || PQstatus(CONN(s)) != CONNECTION_OK || strncmp(state, "08", 2) == 0)
        rc = bw_err_set(err, BW_EIO, "%s: cannot %s: the connection to the server failed (%s)",
                        s->desc, doing, why);
    else if (strcmp(state, "42501") == 0)
        rc = bw_err_set(err, BW_EREFUSED, "%s: cannot %s: the server refused the role %s: %s",
                        s->desc, doing, user ? user : "?", why);
    else if (strcmp(state, "42P01") == 0)
        rc = bw_err_set(err, BW_EIO,
                        "%s: cannot %s: %s (is this the workshop's database, and has the "
                        "facilitator opened it?)",
                        s->desc, doing, why);
    else if (strncmp(state, "23", 2) == 0 || strncmp(state, "22", 2) == 0)
        rc = bw_err_set(err, BW_EINVAL, "%s: cannot %s: %s", s->desc, doing, why);
    else if (!strcmp(state, "40001") || !strcmp(state, "40P01") || !strcmp(state, "55P03") ||
             !strcmp(state, "53300"))
        rc = bw_err_set(err, BW_EBUSY, "%s: cannot %s: the server is busy (%s); try again",
                        s->desc, doing, why);
    else
        rc = bw_err_set(err, BW_EIO, "%s: cannot %s: %s (SQLSTATE %s)", s->desc, doing, why,
                        state);
    PQclear(res);
    return rc;
}

/* Run sql with n text parameters (NULL for SQL NULL). BW_OK with *out
 * (cleared by the caller; NULL allowed to drop it) when it worked. */
static int run(rstore *s, const char *sql, int n, const char *const *values, PGresult **out,
               const char *doing, bw_err *err)
{
    if (out)
        *out = NULL;
    PGresult *res = PQexecParams(CONN(s), sql, n, NULL, values, NULL, NULL, 0);
    ExecStatusType st = res ? PQresultStatus(res) : PGRES_FATAL_ERROR;
    if (st != PGRES_COMMAND_OK && st != PGRES_TUPLES_OK)
        return pg_fail(s, res, doing, err);
    if (out)
        *out = res;
    else
        PQclear(res);
    return BW_OK;
}

/* Several statements, no parameters (the migrations, fixed text only). */
static int run_script(rstore *s, const char *sql, const char *doing, bw_err *err)
{
    PGresult *res = PQexec(CONN(s), sql);
    ExecStatusType st = res ? PQresultStatus(res) : PGRES_FATAL_ERROR;
    if (st != PGRES_COMMAND_OK && st != PGRES_TUPLES_OK)
        return pg_fail(s, res, doing, err);
    PQclear(res);
    return BW_OK;
}

static void rollback(rstore *s)
{
    if (PQtransactionStatus(CONN(s)) != PQTRANS_IDLE)
        PQclear(PQexec(CONN(s), "ROLLBACK"));
}

static int64_t cell_int(const PGresult *res, int row, int col)
{
    return PQgetisnull(res, row, col) ? 0 : strtoll(PQgetvalue(res, row, col), NULL, 10);
}

static void cell_text(const PGresult *res, int row, int col, char *buf, size_t n)
{
    snprintf(buf, n, "%s", PQgetisnull(res, row, col) ? "" : PQgetvalue(res, row, col));
}

/* ---- opening ---------------------------------------------------------------------------- */

/* host:port/dbname from what target says (before a connection exists). */
static int describe_target(rstore *s, const char *target, const char *user, bw_err *err)
{
    char *perr = NULL;
    PQconninfoOption *opts = PQconninfoParse(target, &perr);
    if (!opts) {
        PQfreemem(perr); /* may quote the string, password and all */
        return bw_err_set(err, BW_EINVAL,
                          "the results store is not a valid PostgreSQL connection string (write "
                          "postgresql://HOST:PORT/DATABASE or host=HOST port=PORT dbname=DATABASE)");
    }
    const char *host = NULL, *port = NULL, *db = NULL, *who = NULL;
    bool password = false;
    for (PQconninfoOption *o = opts; o->keyword; o++) {
        if (!o->val || !o->val[0])
            continue;
        if (!strcmp(o->keyword, "host") || (!host && !strcmp(o->keyword, "hostaddr")))
            host = o->val;
        else if (!strcmp(o->keyword, "port"))
            port = o->val;
        else if (!strcmp(o->keyword, "dbname"))
            db = o->val;
        else if (!strcmp(o->keyword, "user"))
            who = o->val;
        else if (!strcmp(o->keyword, "password"))
            password = true;
    }
    if (!host)
        host = getenv("PGHOST");
    if (!port)
        port = getenv("PGPORT");
    if (!db)
        db = getenv("PGDATABASE");
    if (!who)
        who = getenv("PGUSER");
    if (user)
        who = user;
    snprintf(s->desc, sizeof s->desc, "postgresql %s:%s/%s%s%s", host && host[0] ? host : "localhost",
             port && port[0] ? port : "5432", db && db[0] ? db : (who ? who : "?"),
             who ? " as " : "", who ? who : "");
    bw_text_clean(s->desc);
    PQconninfoFree(opts);
    if (password)
        return bw_err_set(err, BW_EINVAL,
                          "%s: a password does not belong in the connection string (it would be "
                          "written in the workshop's config): set PGPASSWORD or put it in "
                          "~/.pgpass (docs/workshops.md)",
                          s->desc);
    return BW_OK;
}

/* The schema's version: 0 when there is no schema_version table yet. */
static int read_version(rstore *s, int *version, bw_err *err)
{
    PGresult *res;
    int rc = run(s, "SELECT to_regclass('schema_version') IS NOT NULL", 0, NULL, &res,
                 "read the schema version", err);
    if (rc != BW_OK)
        return rc;
    bool there = PQntuples(res) == 1 && strcmp(PQgetvalue(res, 0, 0), "t") == 0;
    PQclear(res);
    *version = 0;
    if (!there)
        return BW_OK;
    rc = run(s, "SELECT coalesce(max(version), 0) FROM schema_version", 0, NULL, &res,
             "read the schema version", err);
    if (rc != BW_OK)
        return rc;
    *version = (int)cell_int(res, 0, 0);
    PQclear(res);
    return BW_OK;
}

static void ignore_notice(void *arg, const char *message)
{
    (void)arg;
    (void)message;
}

int rs_pg_open(rstore *s, const char *target, const char *user, bw_err *err)
{
    int rc = describe_target(s, target, user, err);
    if (rc != BW_OK)
        return rc;
    /* Later keywords override the expanded target's. */
    const char *keys[8], *vals[8];
    int n = 0;
    keys[n] = "dbname", vals[n++] = target;
    if (user)
        keys[n] = "user", vals[n++] = user;
    keys[n] = "connect_timeout", vals[n++] = "10";
    keys[n] = "application_name", vals[n++] = "bulwark";
    keys[n] = "client_encoding", vals[n++] = "UTF8";
    keys[n] = NULL, vals[n] = NULL;
    /* A room connecting at once can keep a server busy past the timeout
     * (each password check is deliberately slow) or fill its connection
     * slots: those, and a server starting up, are tried again. */
    char why[400] = "";
    for (int attempt = 1;; attempt++) {
        s->pg = (struct pg_conn *)PQconnectdbParams(keys, vals, 1);
        if (!s->pg)
            return bw_err_set(err, BW_ENOMEM, "%s: out of memory connecting", s->desc);
        if (PQstatus(CONN(s)) == CONNECTION_OK)
            break;
        one_line(why, sizeof why, PQerrorMessage(CONN(s)));
        bool passing = strstr(why, "timeout expired") || strstr(why, "too many clients") ||
                       strstr(why, "starting up") || strstr(why, "remaining connection slots");
        if (!passing || attempt >= RS_PG_CONNECT_TRIES)
            break;
        PQfinish(CONN(s));
        s->pg = NULL;
        struct timespec pause = {0, 200000000L * attempt};
        nanosleep(&pause, NULL);
    }
    if (PQstatus(CONN(s)) != CONNECTION_OK) {
        bool refused = strstr(why, "authentication failed") || strstr(why, "no password") ||
                       strstr(why, "pg_hba.conf") || strstr(why, "permission denied");
        return bw_err_set(err, refused ? BW_EREFUSED : BW_EIO, "%s: cannot connect: %s%s",
                          s->desc, why,
                          strstr(why, "no password") ? " (set PGPASSWORD or put the password in "
                                                       "~/.pgpass)"
                                                     : "");
    }
    /* The server's notices ("already exists, skipping") are not for players. */
    PQsetNoticeProcessor(CONN(s), ignore_notice, NULL);
    snprintf(s->desc, sizeof s->desc, "postgresql %s:%s/%s as %s", PQhost(CONN(s)),
             PQport(CONN(s)), PQdb(CONN(s)), PQuser(CONN(s)));
    bw_text_clean(s->desc);
    int v = 0;
    if ((rc = read_version(s, &v, err)) != BW_OK)
        return rc;
    if (v > RSTORE_SCHEMA_VERSION)
        return bw_err_set(err, BW_EREFUSED,
                          "%s: the database was set up by a newer Bulwark (schema version %d; "
                          "this one knows up to %d): update Bulwark",
                          s->desc, v, RSTORE_SCHEMA_VERSION);
    if (v < RSTORE_SCHEMA_VERSION && s->role == RSTORE_PLAYER)
        return bw_err_set(err, BW_EREFUSED,
                          "%s: the database is not ready for a workshop yet (schema version %d of "
                          "%d): ask the facilitator to run 'bulwark workshop CONFIG' first",
                          s->desc, v, RSTORE_SCHEMA_VERSION);
    /* A facilitator migrates, and grants again (a player role the DBA
     * recreated gets its rights back). */
    return s->role == RSTORE_FACILITATOR ? rs_pg_migrate(s, err) : BW_OK;
}

void rs_pg_close(rstore *s)
{
    if (s->pg)
        PQfinish(CONN(s));
    s->pg = NULL;
}

/* ---- migrations ---------------------------------------------------------------------------- */

/* One step (or none, when current), in one transaction under the
 * advisory lock: *more says whether another step may follow. */
static int migrate_step(rstore *s, bool *more, bw_err *err)
{
    static const char doing[] = "update the schema";
    *more = false;
    int rc = run_script(s, "BEGIN", doing, err);
    if (rc != BW_OK)
        return rc;
    PGresult *res = NULL;
    /* A superuser sets the tables up for the facilitator's role. */
    rc = run(s,
             "SELECT rolsuper AND EXISTS (SELECT 1 FROM pg_roles WHERE rolname = $1) "
             "FROM pg_roles WHERE rolname = current_user",
             1, (const char *const[]){RS_PG_FACILITATOR_ROLE}, &res, doing, err);
    bool as_facilitator = rc == BW_OK && PQntuples(res) == 1 && !strcmp(PQgetvalue(res, 0, 0), "t");
    PQclear(res);
    if (rc == BW_OK && as_facilitator)
        rc = run_script(s, "SET LOCAL ROLE " RS_PG_FACILITATOR_ROLE, doing, err);
    if (rc == BW_OK)
        rc = run_script(s,
                        "SELECT pg_advisory_xact_lock(" RS_PG_LOCK_KEY ");"
                        "CREATE TABLE IF NOT EXISTS schema_version ("
                        "  version integer PRIMARY KEY CHECK (version > 0),"
                        "  applied_at timestamptz NOT NULL DEFAULT now())",
                        doing, err);
    int v = 0;
    if (rc == BW_OK)
        rc = read_version(s, &v, err);
    if (rc == BW_OK && v > RSTORE_SCHEMA_VERSION)
        rc = bw_err_set(err, BW_EREFUSED, "%s: a newer Bulwark took the database over (schema "
                        "version %d)", s->desc, v);
    if (rc == BW_OK && v < RSTORE_SCHEMA_VERSION) {
        char num[16];
        snprintf(num, sizeof num, "%d", v + 1);
        rc = run_script(s, pg_migrations[v], doing, err);
        if (rc == BW_OK)
            rc = run(s, "INSERT INTO schema_version (version) VALUES ($1::integer)", 1,
                     (const char *const[]){num}, NULL, doing, err);
        *more = true;
    }
    /* The grants go in the same transaction as the last migration: a
     * facilitator killed between the two would leave the newest schema
     * without them, and nothing would grant them again. */
    if (rc == BW_OK && (*more ? v + 1 : v) == RSTORE_SCHEMA_VERSION) {
        res = NULL;
        rc = run(s, "SELECT 1 FROM pg_roles WHERE rolname = $1", 1,
                 (const char *const[]){RS_PG_PLAYER_ROLE}, &res, doing, err);
        if (rc == BW_OK && PQntuples(res) != 1)
            rc = bw_err_set(err, BW_EINVAL,
                            "%s: the role " RS_PG_PLAYER_ROLE " does not exist: ask the "
                            "database's administrator to create it (docs/workshops.md, Results on "
                            "PostgreSQL)",
                            s->desc);
        PQclear(res);
        if (rc == BW_OK)
            rc = run_script(s, grants, doing, err);
    }
    if (rc == BW_OK)
        rc = run_script(s, "COMMIT", doing, err);
    if (rc != BW_OK)
        rollback(s);
    return rc;
}

int rs_pg_migrate(rstore *s, bw_err *err)
{
    for (int guard = 0; guard <= RSTORE_SCHEMA_VERSION + 1; guard++) {
        bool more = false;
        int rc = migrate_step(s, &more, err);
        if (rc != BW_OK || !more)
            return rc;
    }
    return bw_err_set(err, BW_EIO, "%s: the schema did not settle", s->desc);
}

int rs_pg_schema_version(rstore *s, int *version, bw_err *err)
{
    return read_version(s, version, err);
}

/* ---- results ------------------------------------------------------------------------------- */

#define PG_RESULT_COLUMNS                                                                          \
    "id, finished_at, scenario_id, scenario_hash, seed, engine, outcome, stars, ticks, "           \
    "protection, responsibility, capacity, collaboration, world_hash, player, team, workshop"

static void read_row(const PGresult *res, int row, store_result *r)
{
    memset(r, 0, sizeof *r);
    r->id = cell_int(res, row, 0);
    r->finished_at = cell_int(res, row, 1);
    cell_text(res, row, 2, r->sum.scenario_id, sizeof r->sum.scenario_id);
    r->sum.scenario_hash = strtoull(PQgetvalue(res, row, 3), NULL, 16);
    r->sum.seed = (uint64_t)cell_int(res, row, 4);
    cell_text(res, row, 5, r->sum.engine, sizeof r->sum.engine);
    r->sum.outcome = strcmp(PQgetvalue(res, row, 6), "won") == 0 ? SIM_OUTCOME_WON
                                                                  : SIM_OUTCOME_LOST;
    r->sum.stars = (int)cell_int(res, row, 7);
    r->sum.ticks = (int)cell_int(res, row, 8);
    for (int p = 0; p < SIM_PILLAR_COUNT; p++)
        r->sum.pillar[p] = (int)cell_int(res, row, 9 + p);
    r->sum.world_hash = strtoull(PQgetvalue(res, row, 13), NULL, 16);
    cell_text(res, row, 14, r->player, sizeof r->player);
    cell_text(res, row, 15, r->team, sizeof r->team);
    cell_text(res, row, 16, r->workshop, sizeof r->workshop);
}

int rs_pg_result_add(rstore *s, const char *text, const record_summary *sum,
                     const char *const who[3], int64_t at, int64_t *id, bw_err *err)
{
    char v_at[24], v_hash[17], v_seed[24], v_stars[8], v_ticks[16], v_p[4][8], v_world[17];
    snprintf(v_at, sizeof v_at, "%" PRId64, at);
    snprintf(v_hash, sizeof v_hash, "%016" PRIx64, sum->scenario_hash);
    snprintf(v_seed, sizeof v_seed, "%" PRId64, (int64_t)sum->seed); /* > 2^63: the CHECK says */
    snprintf(v_stars, sizeof v_stars, "%d", sum->stars);
    snprintf(v_ticks, sizeof v_ticks, "%d", sum->ticks);
    for (int p = 0; p < SIM_PILLAR_COUNT; p++)
        snprintf(v_p[p], sizeof v_p[p], "%d", sum->pillar[p]);
    snprintf(v_world, sizeof v_world, "%016" PRIx64, sum->world_hash);
    const char *vals[17] = {v_at,   sum->scenario_id, v_hash, v_seed, sum->engine,
                            sum->outcome == SIM_OUTCOME_WON ? "won" : "lost",
                            v_stars, v_ticks, v_p[0], v_p[1], v_p[2], v_p[3], v_world,
                            who[0], who[1], who[2], text};
    PGresult *res;
    int rc = run(s,
                 "INSERT INTO results (finished_at, scenario_id, scenario_hash, seed, engine, "
                 "outcome, stars, ticks, protection, responsibility, capacity, collaboration, "
                 "world_hash, player, team, workshop, record) VALUES ($1::bigint, $2, $3, "
                 "$4::bigint, $5, $6, $7::integer, $8::integer, $9::integer, $10::integer, "
                 "$11::integer, $12::integer, $13, $14, $15, $16, $17) RETURNING id",
                 17, vals, &res, "save the result", err);
    if (rc != BW_OK)
        return rc;
    if (id)
        *id = cell_int(res, 0, 0);
    PQclear(res);
    return BW_OK;
}

int rs_pg_results_list(rstore *s, const store_result_filter *f, store_result **out, int *count,
                       bw_err *err)
{
    store_result_filter none = {0};
    if (!f)
        f = &none;
    const char *given[4] = {f->scenario_id, f->player, f->team, f->workshop};
    static const char *const cols[4] = {"scenario_id", "player", "team", "workshop"};
    const char *vals[5];
    char sql[600], limit[16];
    int n = 0;
    int len = snprintf(sql, sizeof sql, "SELECT " PG_RESULT_COLUMNS " FROM results");
    for (int i = 0; i < 4; i++)
        if (given[i]) {
            vals[n] = given[i];
            n++;
            len += snprintf(sql + len, sizeof sql - (size_t)len, "%s %s = $%d",
                            n > 1 ? " AND" : " WHERE", cols[i], n);
        }
    len += snprintf(sql + len, sizeof sql - (size_t)len, " ORDER BY id %s",
                    f->newest_first ? "DESC" : "ASC");
    if (f->limit) {
        snprintf(limit, sizeof limit, "%d", f->limit);
        vals[n] = limit;
        n++;
        snprintf(sql + len, sizeof sql - (size_t)len, " LIMIT $%d::integer", n);
    }
    PGresult *res;
    int rc = run(s, sql, n, vals, &res, "list the results", err);
    if (rc != BW_OK)
        return rc;
    int rows = PQntuples(res);
    store_result *items = rows ? calloc((size_t)rows, sizeof *items) : NULL;
    if (rows && !items) {
        PQclear(res);
        return bw_err_set(err, BW_ENOMEM, "%s: out of memory listing the results", s->desc);
    }
    for (int i = 0; i < rows; i++)
        read_row(res, i, &items[i]);
    PQclear(res);
    *out = items;
    *count = rows;
    return BW_OK;
}

int rs_pg_result_get(rstore *s, int64_t id, store_result *out, char **text, bw_err *err)
{
    char v_id[24];
    snprintf(v_id, sizeof v_id, "%" PRId64, id);
    PGresult *res;
    int rc = run(s, "SELECT " PG_RESULT_COLUMNS ", record FROM results WHERE id = $1::bigint", 1,
                 (const char *const[]){v_id}, &res, "read a result", err);
    if (rc != BW_OK)
        return rc;
    if (PQntuples(res) != 1) {
        PQclear(res);
        return bw_err_set(err, BW_ENOTFOUND, "%s: there is no result %" PRId64, s->desc, id);
    }
    read_row(res, 0, out);
    if (text) {
        *text = strdup(PQgetvalue(res, 0, 17));
        if (!*text)
            rc = bw_err_set(err, BW_ENOMEM, "%s: out of memory reading result %" PRId64, s->desc,
                            id);
    }
    PQclear(res);
    return rc;
}

int rs_pg_result_delete(rstore *s, int64_t id, bw_err *err)
{
    char v_id[24];
    snprintf(v_id, sizeof v_id, "%" PRId64, id);
    PGresult *res;
    int rc = run(s, "DELETE FROM results WHERE id = $1::bigint", 1, (const char *const[]){v_id},
                 &res, "delete a result", err);
    if (rc != BW_OK)
        return rc;
    bool none = strcmp(PQcmdTuples(res), "0") == 0;
    PQclear(res);
    if (none)
        return bw_err_set(err, BW_ENOTFOUND, "%s: there is no result %" PRId64, s->desc, id);
    return BW_OK;
}

/* Every row's summary columns against its record, 64 rows at a time. */
static int check_rows(rstore *s, bw_err *err)
{
    char after[24] = "0";
    for (;;) {
        PGresult *res;
        int rc = run(s,
                     "SELECT " PG_RESULT_COLUMNS ", record FROM results WHERE id > $1::bigint "
                     "ORDER BY id LIMIT 64",
                     1, (const char *const[]){after}, &res, "check the results", err);
        if (rc != BW_OK)
            return rc;
        int rows = PQntuples(res);
        for (int i = 0; i < rows && rc == BW_OK; i++) {
            store_result r;
            read_row(res, i, &r);
            record_summary sum;
            bw_err why;
            if (record_summary_parse(PQgetvalue(res, i, 17), "its record", &sum, &why) != BW_OK) {
                rc = bw_err_set(err, BW_EIO, "%s: result %" PRId64 ": %s", s->desc, r.id,
                                why.msg);
                break;
            }
            const char *differs = strcmp(r.sum.scenario_id, sum.scenario_id) ? "scenario_id"
                                  : r.sum.scenario_hash != sum.scenario_hash ? "scenario_hash"
                                  : r.sum.seed != sum.seed                   ? "seed"
                                  : strcmp(r.sum.engine, sum.engine)         ? "engine"
                                  : r.sum.outcome != sum.outcome             ? "outcome"
                                  : r.sum.stars != sum.stars                 ? "stars"
                                  : r.sum.ticks != sum.ticks                 ? "ticks"
                                  : r.sum.pillar[0] != sum.pillar[0]         ? "protection"
                                  : r.sum.pillar[1] != sum.pillar[1]         ? "responsibility"
                                  : r.sum.pillar[2] != sum.pillar[2]         ? "capacity"
                                  : r.sum.pillar[3] != sum.pillar[3]         ? "collaboration"
                                  : r.sum.world_hash != sum.world_hash       ? "world_hash"
                                                                             : NULL;
            if (differs)
                rc = bw_err_set(err, BW_EIO,
                                "%s: result %" PRId64 ": its %s column does not match its record",
                                s->desc, r.id, differs);
            snprintf(after, sizeof after, "%" PRId64, r.id);
        }
        PQclear(res);
        if (rc != BW_OK || rows < 64)
            return rc;
    }
}

int rs_pg_check(rstore *s, bw_err *err)
{
    int v = 0;
    int rc = read_version(s, &v, err);
    if (rc != BW_OK)
        return rc;
    if (v != RSTORE_SCHEMA_VERSION)
        return bw_err_set(err, BW_EIO, "%s: schema version %d, not the current %d", s->desc, v,
                          RSTORE_SCHEMA_VERSION);
    /* One snapshot for the whole check. */
    if ((rc = run_script(s, "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY", "check the results",
                         err)) != BW_OK)
        return rc;
    rc = check_rows(s, err);
    rollback(s);
    return rc;
}

/* ---- the session and the lobby --------------------------------------------------------------- */

int rs_pg_session_get(rstore *s, const char *workshop, rstore_session *out, bw_err *err)
{
    PGresult *res;
    int rc = run(s,
                 "SELECT phase, started_at, paused_secs, paused_at, ended_at, announcement, "
                 "announced_at FROM workshop_sessions WHERE workshop = $1",
                 1, (const char *const[]){workshop}, &res, "read the session", err);
    if (rc != BW_OK)
        return rc;
    if (PQntuples(res) == 1) {
        int phase = rstore_phase_parse(PQgetvalue(res, 0, 0));
        out->phase = phase < 0 ? RSTORE_LOBBY : (rstore_phase)phase;
        out->started_at = cell_int(res, 0, 1);
        out->paused_secs = cell_int(res, 0, 2);
        out->paused_at = cell_int(res, 0, 3);
        out->ended_at = cell_int(res, 0, 4);
        cell_text(res, 0, 5, out->announcement, sizeof out->announcement);
        out->announced_at = cell_int(res, 0, 6);
    }
    PQclear(res);
    return BW_OK;
}

int rs_pg_session_put(rstore *s, const rstore_session *in, bw_err *err)
{
    char t[5][24];
    int64_t times[5] = {in->started_at, in->paused_secs, in->paused_at, in->ended_at,
                        in->announced_at};
    for (int i = 0; i < 5; i++)
        snprintf(t[i], sizeof t[i], "%" PRId64, times[i]);
    const char *vals[8] = {in->workshop, rstore_phase_name(in->phase), t[0], t[1], t[2], t[3],
                           in->announcement, t[4]};
    return run(s,
               "INSERT INTO workshop_sessions (workshop, phase, started_at, paused_secs, "
               "paused_at, ended_at, announcement, announced_at) VALUES ($1, $2, $3::bigint, "
               "$4::bigint, $5::bigint, $6::bigint, $7, $8::bigint) ON CONFLICT (workshop) DO "
               "UPDATE SET phase = excluded.phase, started_at = excluded.started_at, "
               "paused_secs = excluded.paused_secs, paused_at = excluded.paused_at, "
               "ended_at = excluded.ended_at, announcement = excluded.announcement, "
               "announced_at = excluded.announced_at",
               8, vals, NULL, "save the session", err);
}

int rs_pg_join(rstore *s, const char *workshop, const char *player, const char *team, int64_t now,
               bw_err *err)
{
    char v_now[24];
    snprintf(v_now, sizeof v_now, "%" PRId64, now);
    /* A new row unless the player's newest already says this team. */
    return run(s,
               "INSERT INTO workshop_players (workshop, name, team, joined_at) "
               "SELECT $1, $2, $3, $4::bigint WHERE (SELECT team FROM workshop_players "
               "WHERE workshop = $1 AND name = $2 ORDER BY id DESC LIMIT 1) IS DISTINCT FROM $3",
               4, (const char *const[]){workshop, player, team, v_now}, NULL,
               "join the workshop", err);
}

int rs_pg_players_list(rstore *s, const char *workshop, rstore_player **out, int *count,
                       bw_err *err)
{
    PGresult *res;
    /* COLLATE "C": by bytes, as SQLite sorts, whatever the database's locale. */
    int rc = run(s,
                 "SELECT p.name, p.team, f.first FROM workshop_players p JOIN "
                 "(SELECT max(id) AS last, min(joined_at) AS first FROM workshop_players "
                 "WHERE workshop = $1 GROUP BY name) f ON p.id = f.last "
                 "ORDER BY p.team COLLATE \"C\", p.name COLLATE \"C\"",
                 1, (const char *const[]){workshop}, &res, "list the players", err);
    if (rc != BW_OK)
        return rc;
    int rows = PQntuples(res);
    rstore_player *items = rows ? calloc((size_t)rows, sizeof *items) : NULL;
    if (rows && !items) {
        PQclear(res);
        return bw_err_set(err, BW_ENOMEM, "%s: out of memory listing the players", s->desc);
    }
    for (int i = 0; i < rows; i++) {
        cell_text(res, i, 0, items[i].name, sizeof items[i].name);
        cell_text(res, i, 1, items[i].team, sizeof items[i].team);
        items[i].joined_at = cell_int(res, i, 2);
    }
    PQclear(res);
    *out = items;
    *count = rows;
    return BW_OK;
}
