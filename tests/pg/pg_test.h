/* pg_test.h — for C tests that need the throwaway PostgreSQL server of
 * tests/pg/pg_server.sh. CTest starts it (the pg_server_start fixture)
 * and sets BULWARK_PG_ENV to the file of PG* lines it wrote; a test loads
 * those into its environment (libpq reads them: host, port, the password
 * file) and makes itself a fresh database as bulwark_facilitator, which
 * may create databases on the test server.
 *
 * Header-only (static). Include after cmocka.h. */
#ifndef BULWARK_TESTS_PG_TEST_H
#define BULWARK_TESTS_PG_TEST_H

#include <libpq-fe.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define PGT_FACILITATOR "bulwark_facilitator"
#define PGT_PLAYER "bulwark_player"

/* The server's env file into the environment. Fails the test when the
 * server was not started (the test was run without ctest). */
static inline void pgt_load_env(void)
{
    const char *path = getenv("BULWARK_PG_ENV");
    if (!path || !path[0])
        fail_msg("BULWARK_PG_ENV is not set: run this test through ctest, whose pg_server_start "
                 "fixture starts PostgreSQL (tests/pg/pg_server.sh)");
    FILE *f = fopen(path, "r");
    if (!f)
        fail_msg("%s: cannot read it (did pg_server_start fail? see its output)", path);
    char line[1024];
    while (fgets(line, sizeof line, f)) {
        line[strcspn(line, "\r\n")] = '\0';
        char *eq = strchr(line, '=');
        if (!eq || eq == line)
            continue;
        *eq = '\0';
        setenv(line, eq + 1, 1);
    }
    fclose(f);
    assert_non_null(getenv("PGPORT"));
}

static inline void pgt_quiet(void *arg, const char *message)
{
    (void)arg;
    (void)message;
}

/* A connection as user to database db (NULL: the server's "bulwark"). */
static inline PGconn *pgt_connect(const char *user, const char *db)
{
    const char *keys[] = {"user", "dbname", NULL};
    const char *vals[] = {user, db ? db : "bulwark", NULL};
    PGconn *c = PQconnectdbParams(keys, vals, 0);
    if (PQstatus(c) != CONNECTION_OK)
        fail_msg("connecting as %s to %s: %s", user, vals[1], PQerrorMessage(c));
    PQsetNoticeProcessor(c, pgt_quiet, NULL);
    return c;
}

/* Run sql on c; returns the SQLSTATE ("00000" when it worked) in state
 * and the number of rows it touched or returned. */
static inline long pgt_exec(PGconn *c, const char *sql, char state[6])
{
    PGresult *r = PQexec(c, sql);
    ExecStatusType st = PQresultStatus(r);
    long n = -1;
    if (st == PGRES_COMMAND_OK || st == PGRES_TUPLES_OK) {
        snprintf(state, 6, "00000");
        n = st == PGRES_TUPLES_OK ? PQntuples(r) : atol(PQcmdTuples(r));
    } else {
        const char *s = PQresultErrorField(r, PG_DIAG_SQLSTATE);
        snprintf(state, 6, "%s", s ? s : "?????");
    }
    PQclear(r);
    return n;
}

/* Run sql that must work. */
static inline long pgt_ok(PGconn *c, const char *sql)
{
    char state[6];
    long n = pgt_exec(c, sql, state);
    if (strcmp(state, "00000") != 0)
        fail_msg("%s: SQLSTATE %s: %s", sql, state, PQerrorMessage(c));
    return n;
}

/* One integer from a query that must work. */
static inline long long pgt_int(PGconn *c, const char *sql)
{
    PGresult *r = PQexec(c, sql);
    if (PQresultStatus(r) != PGRES_TUPLES_OK || PQntuples(r) != 1)
        fail_msg("%s: %s", sql, PQerrorMessage(c));
    long long v = atoll(PQgetvalue(r, 0, 0));
    PQclear(r);
    return v;
}

/* A new, empty database named name (dropped first if there), owned by
 * the facilitator; its URI into uri. */
static inline void pgt_new_db(const char *name, char *uri, size_t n)
{
    PGconn *c = pgt_connect(PGT_FACILITATOR, NULL);
    char *id = PQescapeIdentifier(c, name, strlen(name));
    char sql[256];
    snprintf(sql, sizeof sql, "DROP DATABASE IF EXISTS %s WITH (FORCE)", id);
    pgt_ok(c, sql);
    snprintf(sql, sizeof sql, "CREATE DATABASE %s", id);
    pgt_ok(c, sql);
    PQfreemem(id);
    PQfinish(c);
    snprintf(uri, n, "postgresql://127.0.0.1:%s/%s", getenv("PGPORT"), name);
}

static inline void pgt_drop_db(const char *name)
{
    PGconn *c = pgt_connect(PGT_FACILITATOR, NULL);
    char *id = PQescapeIdentifier(c, name, strlen(name));
    char sql[256];
    snprintf(sql, sizeof sql, "DROP DATABASE IF EXISTS %s WITH (FORCE)", id);
    pgt_ok(c, sql);
    PQfreemem(id);
    PQfinish(c);
}

#endif
