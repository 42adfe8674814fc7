/* rstore_cases.h — what every backend of rstore.h must do, written once:
 * test_rstore.c runs these on a SQLite file and test_rstore_pg.c on a
 * real PostgreSQL server. Before each case the including file points
 * rc_target at a new, empty store and sets the roles' user names (NULL
 * for SQLite).
 *
 * Header-only (static). Include after cmocka.h and store/store_test.h. */
#ifndef BULWARK_TESTS_RSTORE_CASES_H
#define BULWARK_TESTS_RSTORE_CASES_H

#include <inttypes.h>

#include "bulwark/rstore.h"

static char rc_target[512];           /* a new store for each case */
static const char *rc_player_user;    /* PostgreSQL role of a player (NULL: SQLite) */
static const char *rc_facilitator_user;
static rstore_kind rc_kind;

static const int rc_mid[4] = {50, 60, 70, 80};

static rstore *rc_open(rstore_role role)
{
    bw_err e;
    rstore *s = rstore_open(rc_target, role == RSTORE_PLAYER ? rc_player_user : rc_facilitator_user,
                            role, &e);
    if (!s)
        fail_msg("rstore_open(%s): %s", rc_target, e.msg);
    return s;
}

/* A result of a hand-made record in workshop w. */
static int64_t rc_add(rstore *s, const char *scenario, const char *player, const char *team,
                      const char *workshop, int64_t at)
{
    char *rec = st_fake_record(scenario, "won", 2, rc_mid, 3);
    store_result_meta m = {player, team, workshop, at};
    int64_t id = 0;
    bw_err e;
    if (rstore_result_add(s, rec, &m, &id, &e) != BW_OK)
        fail_msg("rstore_result_add: %s", e.msg);
    free(rec);
    assert_true(id > 0);
    return id;
}

static int rc_count(rstore *s, const store_result_filter *f)
{
    store_result *all = NULL;
    int n = -1;
    bw_err e;
    if (rstore_results_list(s, f, &all, &n, &e) != BW_OK)
        fail_msg("rstore_results_list: %s", e.msg);
    free(all);
    return n;
}

/* ---- opening, schema ---------------------------------------------------------------- */

static void rc_open_migrates_and_checks(void **state)
{
    (void)state;
    rstore *s = rc_open(RSTORE_FACILITATOR);
    bw_err e;
    assert_int_equal(rstore_kind_of(s), rc_kind);
    assert_int_equal(rstore_role_of(s), RSTORE_FACILITATOR);
    assert_true(strlen(rstore_describe(s)) > 0);
    int v = -1;
    assert_int_equal(rstore_schema_version(s, &v, &e), BW_OK);
    assert_int_equal(v, 2);
    assert_int_equal(rstore_migrate(s, &e), BW_OK); /* idempotent */
    assert_int_equal(rstore_migrate(s, &e), BW_OK);
    assert_int_equal(rstore_schema_version(s, &v, &e), BW_OK);
    assert_int_equal(v, 2);
    assert_int_equal(rstore_check(s, &e), BW_OK);
    rstore_close(s);
    rstore_close(NULL);
    /* A player opens the migrated store. */
    s = rc_open(RSTORE_PLAYER);
    assert_int_equal(rstore_role_of(s), RSTORE_PLAYER);
    assert_int_equal(rstore_check(s, &e), BW_OK);
    rstore_close(s);
}

static void rc_bad_open_arguments(void **state)
{
    (void)state;
    bw_err e;
    assert_null(rstore_open(NULL, NULL, RSTORE_FACILITATOR, &e));
    assert_int_equal(e.code, BW_EINVAL);
    assert_null(rstore_open("", NULL, RSTORE_FACILITATOR, &e));
    assert_int_equal(e.code, BW_EINVAL);
    assert_null(rstore_open(rc_target, NULL, (rstore_role)7, &e));
    assert_int_equal(e.code, BW_EINVAL);
    assert_null(rstore_open(rc_target, "bad\nrole", RSTORE_FACILITATOR, &e));
    assert_int_equal(e.code, BW_EINVAL);
}

/* ---- results ------------------------------------------------------------------------- */

static void rc_results_round_trip(void **state)
{
    (void)state;
    rstore *s = rc_open(RSTORE_FACILITATOR);
    char *rec = st_played_record("log4shell", "sensible", 11);
    record_summary want;
    bw_err e;
    assert_int_equal(record_summary_parse(rec, "record", &want, &e), BW_OK);
    store_result_meta m = {"ann", "red", "acme-2026-11", 1700000123};
    int64_t id = 0;
    assert_int_equal(rstore_result_add(s, rec, &m, &id, &e), BW_OK);
    assert_true(id > 0);
    store_result r;
    char *back = NULL;
    assert_int_equal(rstore_result_get(s, id, &r, &back, &e), BW_OK);
    /* the record, byte for byte, with who submitted it added */
    record_who who = { "ann", "red", "acme-2026-11" }, got;
    char *stamped = record_with_who(rec, &who, &e);
    assert_non_null(stamped);
    assert_string_equal(back, stamped);
    assert_true(record_who_get(back, &got));
    assert_memory_equal(&got, &who, sizeof who);
    free(back);
    /* a record that already says so is kept as it is */
    int64_t id3 = 0;
    assert_int_equal(rstore_result_add(s, stamped, &m, &id3, &e), BW_OK);
    assert_int_equal(rstore_result_get(s, id3, &r, &back, &e), BW_OK);
    assert_string_equal(back, stamped);
    free(back);
    free(stamped);
    assert_int_equal(rstore_result_get(s, id, &r, NULL, &e), BW_OK);
    assert_int_equal(r.id, id);
    assert_int_equal(r.finished_at, 1700000123);
    assert_memory_equal(&r.sum, &want, sizeof want);
    assert_string_equal(r.player, "ann");
    assert_string_equal(r.team, "red");
    assert_string_equal(r.workshop, "acme-2026-11");
    /* Without the text, and a result without meta. */
    assert_int_equal(rstore_result_get(s, id, &r, NULL, &e), BW_OK);
    int64_t id2 = 0;
    assert_int_equal(rstore_result_add(s, rec, NULL, &id2, &e), BW_OK);
    assert_true(id2 > id3);
    assert_int_equal(rstore_result_get(s, id2, &r, &back, &e), BW_OK);
    assert_string_equal(back, rec); /* no meta: nobody to name */
    free(back);
    assert_int_equal(rstore_result_get(s, id2, &r, NULL, &e), BW_OK);
    assert_string_equal(r.player, "");
    assert_string_equal(r.workshop, "");
    assert_true(r.finished_at > 1700000123); /* now */
    /* Unknown ids. */
    back = (char *)"untouched";
    assert_int_equal(rstore_result_get(s, id2 + 100, &r, &back, &e), BW_ENOTFOUND);
    assert_null(back);
    assert_non_null(strstr(e.msg, "no result"));
    assert_int_equal(rstore_result_get(s, -1, &r, NULL, &e), BW_ENOTFOUND);
    free(rec);
    rstore_close(s);
}

static void rc_results_filters(void **state)
{
    (void)state;
    rstore *s = rc_open(RSTORE_FACILITATOR);
    int64_t ids[6];
    ids[0] = rc_add(s, "log4shell", "ann", "red", "w1", 100);
    ids[1] = rc_add(s, "log4shell", "bob", "blue", "w1", 101);
    ids[2] = rc_add(s, "mirai", "ann", "red", "w1", 102);
    ids[3] = rc_add(s, "mirai", "cat", "red", "w2", 103);
    ids[4] = rc_add(s, "log4shell", "ann", "red", "w2", 104);
    ids[5] = rc_add(s, "log4shell", NULL, NULL, NULL, 105);
    assert_int_equal(rc_count(s, NULL), 6);
    store_result_filter f = {0};
    assert_int_equal(rc_count(s, &f), 6);
    f = (store_result_filter){.workshop = "w1"};
    assert_int_equal(rc_count(s, &f), 3);
    f = (store_result_filter){.workshop = "w1", .team = "red"};
    assert_int_equal(rc_count(s, &f), 2);
    f = (store_result_filter){.scenario_id = "log4shell"};
    assert_int_equal(rc_count(s, &f), 4);
    f = (store_result_filter){.player = "ann", .scenario_id = "log4shell", .workshop = "w2"};
    assert_int_equal(rc_count(s, &f), 1);
    f = (store_result_filter){.workshop = "nobody"};
    assert_int_equal(rc_count(s, &f), 0);
    /* Order and limit. */
    store_result *all = NULL;
    int n = 0;
    bw_err e;
    f = (store_result_filter){.player = "ann"};
    assert_int_equal(rstore_results_list(s, &f, &all, &n, &e), BW_OK);
    assert_int_equal(n, 3);
    assert_int_equal(all[0].id, ids[0]);
    assert_int_equal(all[1].id, ids[2]);
    assert_int_equal(all[2].id, ids[4]);
    assert_string_equal(all[1].sum.scenario_id, "mirai");
    assert_int_equal(all[2].finished_at, 104);
    free(all);
    f = (store_result_filter){.newest_first = true, .limit = 2};
    assert_int_equal(rstore_results_list(s, &f, &all, &n, &e), BW_OK);
    assert_int_equal(n, 2);
    assert_int_equal(all[0].id, ids[5]);
    assert_int_equal(all[1].id, ids[4]);
    free(all);
    f = (store_result_filter){.limit = -1};
    all = (store_result *)&f;
    assert_int_equal(rstore_results_list(s, &f, &all, &n, &e), BW_EINVAL);
    assert_null(all);
    assert_int_equal(n, 0);
    /* A filter value is data, never SQL. */
    f = (store_result_filter){.player = "ann' OR '1'='1"};
    assert_int_equal(rc_count(s, &f), 0);
    rstore_close(s);
}

static void rc_results_bad_input_writes_nothing(void **state)
{
    (void)state;
    rstore *s = rc_open(RSTORE_FACILITATOR);
    bw_err e;
    char *rec = st_fake_record("log4shell", "won", 2, rc_mid, 3);
    int64_t id = 77;
    assert_int_equal(rstore_result_add(s, NULL, NULL, &id, &e), BW_EINVAL);
    assert_int_equal(rstore_result_add(s, "{not json", NULL, &id, &e), BW_EINVAL);
    assert_int_equal(rstore_result_add(s, "{\"format\":1}", NULL, &id, &e), BW_EINVAL);
    char *running = st_fake_record("log4shell", "running", 2, rc_mid, 3);
    assert_int_equal(rstore_result_add(s, running, NULL, &id, &e), BW_EINVAL);
    free(running);
    const int over[4] = {50, 101, 50, 50};
    char *bad = st_fake_record("log4shell", "won", 2, over, 3);
    assert_int_equal(rstore_result_add(s, bad, NULL, &id, &e), BW_EINVAL);
    free(bad);
    const char *bad_names[] = {"tab\there", "esc\x1b[31m", "\xc3\x28", "\xed\xa0\x80",
                               "0123456789012345678901234567890123456789012345678901234567890123"};
    for (size_t i = 0; i < sizeof bad_names / sizeof *bad_names; i++) {
        store_result_meta m = {bad_names[i], NULL, NULL, 0};
        assert_int_equal(rstore_result_add(s, rec, &m, &id, &e), BW_EINVAL);
        m = (store_result_meta){"ann", bad_names[i], "w", 0};
        assert_int_equal(rstore_result_add(s, rec, &m, &id, &e), BW_EINVAL);
        m = (store_result_meta){"ann", "red", bad_names[i], 0};
        assert_int_equal(rstore_result_add(s, rec, &m, &id, &e), BW_EINVAL);
        assert_int_equal(rstore_join(s, bad_names[i], "ann", "red", &e), BW_EINVAL);
        assert_int_equal(rstore_join(s, "w", bad_names[i], "red", &e), BW_EINVAL);
        assert_int_equal(rstore_join(s, "w", "ann", bad_names[i], &e), BW_EINVAL);
    }
    store_result_meta past = {"ann", NULL, NULL, -5};
    assert_int_equal(rstore_result_add(s, rec, &past, &id, &e), BW_EINVAL);
    /* A record larger than the limit. */
    size_t big = RECORD_MAX_BYTES + 2;
    char *huge = malloc(big);
    assert_non_null(huge);
    memset(huge, ' ', big - 1);
    huge[big - 1] = '\0';
    assert_int_equal(rstore_result_add(s, huge, NULL, &id, &e), BW_ELIMIT);
    free(huge);
    assert_int_equal(id, 77); /* untouched on failure */
    assert_int_equal(rc_count(s, NULL), 0);
    int n = 1;
    rstore_player *ps = NULL;
    assert_int_equal(rstore_players_list(s, "w", &ps, &n, &e), BW_OK);
    assert_int_equal(n, 0);
    assert_null(ps);
    assert_int_equal(rstore_check(s, &e), BW_OK);
    free(rec);
    rstore_close(s);
}

/* ---- roles ----------------------------------------------------------------------------- */

static void rc_player_adds_and_reads_but_cannot_change(void **state)
{
    (void)state;
    rstore *fac = rc_open(RSTORE_FACILITATOR);
    int64_t theirs = rc_add(fac, "log4shell", "bob", "blue", "w1", 100);
    rstore_session sess = {.workshop = "w1", .phase = RSTORE_RUNNING, .started_at = 1000};
    bw_err e;
    assert_int_equal(rstore_session_put(fac, &sess, &e), BW_OK);
    rstore *pl = rc_open(RSTORE_PLAYER);
    char *rec = st_fake_record("log4shell", "lost", 0, rc_mid, 3);
    /* A player's result names its workshop. */
    store_result_meta m = {"ann", "red", NULL, 0};
    assert_int_equal(rstore_result_add(pl, rec, &m, NULL, &e), BW_EINVAL);
    assert_non_null(strstr(e.msg, "workshop"));
    assert_int_equal(rstore_result_add(pl, rec, NULL, NULL, &e), BW_EINVAL);
    m.workshop = "w1";
    int64_t mine = 0;
    assert_int_equal(rstore_result_add(pl, rec, &m, &mine, &e), BW_OK);
    assert_true(mine > theirs);
    /* It reads the scoreboard, the session and the lobby. */
    assert_int_equal(rc_count(pl, NULL), 2);
    store_result r;
    assert_int_equal(rstore_result_get(pl, theirs, &r, NULL, &e), BW_OK);
    assert_string_equal(r.player, "bob");
    rstore_session got;
    assert_int_equal(rstore_session_get(pl, "w1", &got, &e), BW_OK);
    assert_int_equal(got.phase, RSTORE_RUNNING);
    assert_int_equal(rstore_join(pl, "w1", "ann", "red", &e), BW_OK);
    /* It cannot delete anyone's result (its own neither), change the
     * session nor the schema. */
    assert_int_equal(rstore_result_delete(pl, theirs, &e), BW_EREFUSED);
    assert_true(strlen(e.msg) > 0);
    assert_int_equal(rstore_result_delete(pl, mine, &e), BW_EREFUSED);
    sess.phase = RSTORE_ENDED;
    assert_int_equal(rstore_session_put(pl, &sess, &e), BW_EREFUSED);
    assert_int_equal(rstore_migrate(pl, &e), BW_EREFUSED);
    assert_int_equal(rstore_session_get(fac, "w1", &got, &e), BW_OK);
    assert_int_equal(got.phase, RSTORE_RUNNING);
    assert_int_equal(rc_count(fac, NULL), 2);
    assert_int_equal(rstore_result_get(fac, theirs, &r, NULL, &e), BW_OK);
    /* The facilitator can. */
    assert_int_equal(rstore_result_delete(fac, theirs, &e), BW_OK);
    assert_int_equal(rstore_result_get(fac, theirs, &r, NULL, &e), BW_ENOTFOUND);
    assert_int_equal(rstore_result_delete(fac, theirs, &e), BW_ENOTFOUND);
    assert_int_equal(rc_count(pl, NULL), 1);
    free(rec);
    rstore_close(pl);
    rstore_close(fac);
}

/* ---- the session and the lobby ------------------------------------------------------------ */

static void rc_sessions(void **state)
{
    (void)state;
    rstore *s = rc_open(RSTORE_FACILITATOR);
    bw_err e;
    rstore_session got;
    memset(&got, 0x5a, sizeof got);
    assert_int_equal(rstore_session_get(s, "acme-1", &got, &e), BW_OK);
    rstore_session want = {.workshop = "acme-1", .phase = RSTORE_LOBBY};
    assert_memory_equal(&got, &want, sizeof want);
    rstore_session in = {.workshop = "acme-1",
                         .phase = RSTORE_PAUSED,
                         .started_at = 1700000000,
                         .paused_secs = 42,
                         .paused_at = 1700000100,
                         .ended_at = 0,
                         .announced_at = 1700000050};
    snprintf(in.announcement, sizeof in.announcement, "Ten minutes left \xe2\x80\x94 save now");
    assert_int_equal(rstore_session_put(s, &in, &e), BW_OK);
    assert_int_equal(rstore_session_get(s, "acme-1", &got, &e), BW_OK);
    assert_memory_equal(&got, &in, sizeof in);
    in.phase = RSTORE_ENDED;
    in.ended_at = 1700003600;
    memset(in.announcement, 0, sizeof in.announcement);
    assert_int_equal(rstore_session_put(s, &in, &e), BW_OK);
    assert_int_equal(rstore_session_get(s, "acme-1", &got, &e), BW_OK);
    assert_memory_equal(&got, &in, sizeof in);
    /* Another workshop is another session. */
    assert_int_equal(rstore_session_get(s, "acme-2", &got, &e), BW_OK);
    assert_int_equal(got.phase, RSTORE_LOBBY);
    assert_int_equal(got.started_at, 0);
    /* Bad sessions change nothing. */
    rstore_session bad = in;
    bad.phase = (rstore_phase)9;
    assert_int_equal(rstore_session_put(s, &bad, &e), BW_EINVAL);
    bad = in;
    bad.paused_secs = -1;
    assert_int_equal(rstore_session_put(s, &bad, &e), BW_EINVAL);
    bad = in;
    snprintf(bad.announcement, sizeof bad.announcement, "beep\a");
    assert_int_equal(rstore_session_put(s, &bad, &e), BW_EINVAL);
    bad = in;
    memset(bad.announcement, 'x', sizeof bad.announcement); /* no NUL */
    assert_int_equal(rstore_session_put(s, &bad, &e), BW_EINVAL);
    bad = in;
    bad.workshop[0] = '\0';
    assert_int_equal(rstore_session_put(s, &bad, &e), BW_EINVAL);
    assert_int_equal(rstore_session_get(s, "", &got, &e), BW_EINVAL);
    assert_int_equal(rstore_session_get(s, NULL, &got, &e), BW_EINVAL);
    assert_int_equal(rstore_session_get(s, "acme-1", &got, &e), BW_OK);
    assert_memory_equal(&got, &in, sizeof in);
    rstore_close(s);
}

static void rc_lobby(void **state)
{
    (void)state;
    rstore *s = rc_open(RSTORE_FACILITATOR);
    rstore *pl = rc_open(RSTORE_PLAYER);
    bw_err e;
    int64_t before = (int64_t)time(NULL);
    assert_int_equal(rstore_join(pl, "w1", "zoe", "blue", &e), BW_OK);
    assert_int_equal(rstore_join(pl, "w1", "ann", "red", &e), BW_OK);
    assert_int_equal(rstore_join(pl, "w1", "bob", "blue", &e), BW_OK);
    assert_int_equal(rstore_join(pl, "w2", "ann", "green", &e), BW_OK);
    rstore_player *ps = NULL;
    int n = 0;
    assert_int_equal(rstore_players_list(s, "w1", &ps, &n, &e), BW_OK);
    assert_int_equal(n, 3);
    assert_string_equal(ps[0].team, "blue"); /* by team, then name */
    assert_string_equal(ps[0].name, "bob");
    assert_string_equal(ps[1].name, "zoe");
    assert_string_equal(ps[2].name, "ann");
    assert_string_equal(ps[2].team, "red");
    int64_t ann_joined = ps[2].joined_at;
    assert_true(ann_joined >= before && ann_joined <= (int64_t)time(NULL));
    free(ps);
    /* Re-joining: the team changes, the join time stays; the same team
     * again changes nothing. */
    struct timespec ts = {1, 100000000};
    nanosleep(&ts, NULL);
    assert_int_equal(rstore_join(pl, "w1", "ann", "blue", &e), BW_OK);
    assert_int_equal(rstore_join(pl, "w1", "ann", "blue", &e), BW_OK);
    assert_int_equal(rstore_join(s, "w1", "bob", "blue", &e), BW_OK);
    assert_int_equal(rstore_players_list(pl, "w1", &ps, &n, &e), BW_OK);
    assert_int_equal(n, 3);
    assert_string_equal(ps[0].name, "ann");
    assert_string_equal(ps[0].team, "blue");
    assert_int_equal(ps[0].joined_at, ann_joined);
    free(ps);
    assert_int_equal(rstore_players_list(s, "w2", &ps, &n, &e), BW_OK);
    assert_int_equal(n, 1);
    assert_string_equal(ps[0].team, "green");
    free(ps);
    ps = (rstore_player *)&n;
    assert_int_equal(rstore_players_list(s, "w3", &ps, &n, &e), BW_OK);
    assert_int_equal(n, 0);
    assert_null(ps);
    assert_int_equal(rstore_players_list(s, "bad\nname", &ps, &n, &e), BW_EINVAL);
    rstore_close(pl);
    rstore_close(s);
}

/* ---- a room at once ------------------------------------------------------------------------- */

/* writers processes, each opening its own connection as a player and
 * submitting one result at the same moment (they wait on a pipe): every
 * one succeeds, and all are there. */
static void rc_room_submits_at_once(int writers)
{
    rstore *fac = rc_open(RSTORE_FACILITATOR);
    char *rec = st_fake_record("room", "won", 3, rc_mid, 10);
    int go[2];
    assert_int_equal(pipe(go), 0);
    pid_t *pids = calloc((size_t)writers, sizeof *pids);
    assert_non_null(pids);
    for (int w = 0; w < writers; w++) {
        pids[w] = fork();
        assert_true(pids[w] >= 0);
        if (pids[w] == 0) {
            close(go[1]);
            bw_err e;
            rstore *s = rstore_open(rc_target, rc_player_user, RSTORE_PLAYER, &e);
            char c;
            ssize_t r = read(go[0], &c, 1); /* EOF: everybody goes */
            (void)r;
            char name[32];
            snprintf(name, sizeof name, "p%03d", w);
            store_result_meta m = {name, w % 2 ? "red" : "blue", "room", 0};
            int rc = s ? rstore_result_add(s, rec, &m, NULL, &e) : e.code;
            if (rc == BW_OK)
                rc = rstore_join(s, "room", name, m.team, &e);
            if (rc != BW_OK)
                fprintf(stderr, "writer %d: %s\n", w, e.msg);
            rstore_close(s);
            _exit(rc == BW_OK ? 0 : 1);
        }
    }
    close(go[0]);
    close(go[1]);
    int failed = 0;
    for (int w = 0; w < writers; w++) {
        int status = 0;
        assert_int_equal(waitpid(pids[w], &status, 0), pids[w]);
        if (!WIFEXITED(status) || WEXITSTATUS(status) != 0)
            failed++;
    }
    assert_int_equal(failed, 0);
    store_result_filter f = {.workshop = "room"};
    assert_int_equal(rc_count(fac, &f), writers);
    f.team = "red";
    assert_int_equal(rc_count(fac, &f), writers / 2);
    rstore_player *ps = NULL;
    int n = 0;
    bw_err e;
    assert_int_equal(rstore_players_list(fac, "room", &ps, &n, &e), BW_OK);
    assert_int_equal(n, writers);
    free(ps);
    assert_int_equal(rstore_check(fac, &e), BW_OK);
    free(pids);
    free(rec);
    rstore_close(fac);
}

static void rc_room_of_200(void **state)
{
    (void)state;
    rc_room_submits_at_once(200);
}

#endif
