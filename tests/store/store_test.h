/* store_test.h — helpers shared by the store tests: scratch folders,
 * records made by really playing a shipped scenario, hand-made records,
 * and running a check as an unprivileged user (root ignores file
 * permissions, so a read-only folder only means something to others).
 *
 * Header-only (static): CMake builds each tests/store/test_*.c alone.
 * Include after cmocka.h. */
#ifndef BULWARK_TESTS_STORE_TEST_H
#define BULWARK_TESTS_STORE_TEST_H

#include <dirent.h>
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <sqlite3.h>

#include "bulwark/record.h"
#include "bulwark/script.h"
#include "bulwark/store.h"

/* A new folder under /tmp, for one test. */
static inline void st_tmpdir(char *buf, size_t n)
{
    snprintf(buf, n, "/tmp/bulwark-store-XXXXXX");
    assert_non_null(mkdtemp(buf));
}

/* rm -r, without following links. */
static inline void st_remove_tree(const char *path)
{
    struct stat st;
    if (lstat(path, &st) != 0)
        return;
    if (S_ISDIR(st.st_mode)) {
        chmod(path, 0700);
        DIR *d = opendir(path);
        if (d) {
            for (struct dirent *e; (e = readdir(d));) {
                if (!strcmp(e->d_name, ".") || !strcmp(e->d_name, ".."))
                    continue;
                char sub[1024];
                int len = snprintf(sub, sizeof sub, "%s/%s", path, e->d_name);
                if (len > 0 && (size_t)len < sizeof sub)
                    st_remove_tree(sub);
            }
            closedir(d);
        }
        rmdir(path);
    } else {
        unlink(path);
    }
}

static inline const char *st_source(const char *rel, char *buf, size_t n)
{
    const char *root = getenv("BULWARK_SOURCE_DIR");
    snprintf(buf, n, "%s/%s", root ? root : ".", rel);
    return buf;
}

/* The record of a shipped scenario played to its end by a shipped bot
 * (NULL: nobody plays), with its debrief: a real record, action log and
 * all. Caller frees. */
static inline char *st_played_record(const char *scenario, const char *bot, uint64_t seed)
{
    char sp[1024], bp[1024], rel[256];
    snprintf(rel, sizeof rel, "scripts/scenarios/%s.lua", scenario);
    st_source(rel, sp, sizeof sp);
    script_options so = {0};
    so.seed_given = true;
    so.seed = seed;
    script_diags d;
    script_diags_init(&d);
    bw_err e;
    script_scenario *s = script_scenario_load(sp, &so, &d, &e);
    script_diags_print(&d, stderr);
    script_diags_free(&d);
    assert_non_null(s);
    script_bot *b = NULL;
    if (bot) {
        snprintf(rel, sizeof rel, "scripts/bots/%s.lua", bot);
        b = script_bot_load(st_source(rel, bp, sizeof bp), seed, &e);
        assert_non_null(b);
    }
    int taken = 0, refused = 0;
    while (!sim_world_over(script_scenario_cworld(s))) {
        if (b)
            assert_int_equal(script_bot_play(b, s, &taken, &refused, &e), BW_OK);
        assert_int_equal(script_scenario_step(s, &e), BW_OK);
    }
    const char *debrief = "";
    assert_int_equal(script_scenario_debrief(s, &debrief, &e), BW_OK);
    char *text = record_json(s, debrief);
    assert_non_null(text);
    script_bot_destroy(b);
    script_scenario_destroy(s);
    return text;
}

/* A small hand-made record: scenario id, outcome, stars, four pillars,
 * and n actions ("patch web" at ticks 0, 1, 2, ... 72, 72, 72...).
 * Caller frees. */
static inline char *st_fake_record(const char *id, const char *outcome, int stars,
                                   const int pillar[4], int n)
{
    size_t cap = 1024 + (size_t)n * 64;
    char *t = malloc(cap);
    assert_non_null(t);
    int len = snprintf(
        t, cap,
        "{\"format\":1,\"scenario\":{\"id\":\"%s\",\"title\":\"T\",\"hash\":\"00112233aabbccdd\"},"
        "\"seed\":7,\"engine\":\"0.1.0\",\"outcome\":\"%s\",\"stars\":%d,\"ticks\":72,"
        "\"pillars\":{\"protection\":%d,\"responsibility\":%d,\"capacity\":%d,\"collaboration\":%d}"
        ","
        "\"objectives\":[],\"teaches\":{},\"actions\":[",
        id, outcome, stars, pillar[0], pillar[1], pillar[2], pillar[3]);
    for (int i = 0; i < n; i++)
        len += snprintf(t + len, cap - (size_t)len,
                        "%s{\"tick\":%d,\"action\":\"patch\",\"target\":\"web\"}", i ? "," : "",
                        i < 72 ? i : 72);
    snprintf(t + len, cap - (size_t)len, "],\"timeline\":[],\"world_hash\":\"0123456789abcdef\"}");
    return t;
}

/* One integer from a query run straight on the file (-1 on failure). */
static inline long long st_query_int(store_db *db, const char *sql)
{
    sqlite3_stmt *st;
    long long v = -1;
    if (sqlite3_prepare_v2(store_sqlite(db), sql, -1, &st, NULL) != SQLITE_OK)
        return -1;
    if (sqlite3_step(st) == SQLITE_ROW)
        v = sqlite3_column_int64(st, 0);
    sqlite3_finalize(st);
    return v;
}

/* Run fn(arg, msg) in a child that cannot override file permissions
 * (nobody, when the test runs as root); fn writes what it saw into msg.
 * Returns false when privileges cannot be dropped (the caller skips). */
typedef void st_child_fn(const char *arg, char *msg, size_t n);
static inline bool st_unprivileged(st_child_fn *fn, const char *arg, char *msg, size_t n)
{
    int p[2];
    assert_int_equal(pipe(p), 0);
    pid_t pid = fork();
    assert_true(pid >= 0);
    if (pid == 0) {
        close(p[0]);
        char out[1024] = "";
        if (geteuid() == 0 && (setgid(65534) != 0 || setuid(65534) != 0 || geteuid() == 0))
            snprintf(out, sizeof out, "SKIP");
        else
            fn(arg, out, sizeof out);
        ssize_t w = write(p[1], out, strlen(out));
        (void)w;
        _exit(0);
    }
    close(p[1]);
    size_t len = 0;
    ssize_t r;
    while (len + 1 < n && (r = read(p[0], msg + len, n - 1 - len)) > 0)
        len += (size_t)r;
    msg[len] = '\0';
    close(p[0]);
    int status = 0;
    assert_int_equal(waitpid(pid, &status, 0), pid);
    assert_true(WIFEXITED(status) && WEXITSTATUS(status) == 0);
    return strcmp(msg, "SKIP") != 0;
}

#endif
