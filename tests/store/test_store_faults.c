/* test_store_faults.c — result storage under faults: the N-th allocation
 * failing (Bulwark's, SQLite's through SQLITE_CONFIG_MALLOC, cJSON's:
 * failmalloc.h), writes and syncs failing after N of them as on a full,
 * failing or read-only disk (faulty_vfs.h), and a store made read-only
 * (docs/fuzzing.md, "Fault injection").
 *
 * Promised every time: a clear sentence naming the file and the cause
 * ("out of memory", "the disk is full", "read-only", "a read or write
 * failed"); the results saved before are intact, byte for byte; the
 * store opens again and passes store_check; the new result is there
 * whole or not at all, and progress agrees with the results; nothing
 * leaks (LeakSanitizer in the sanitizer build). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "common/failmalloc.h"
#include "store/faulty_vfs.h"
#include "store/store_test.h"

static char tmp[64], base_path[128], db_path[128];
static char *rec_a, *rec_b;
static int64_t id_a;
static bool settings_may_change; /* check_after leaves the settings alone */

static const int pillars_a[4] = {40, 50, 60, 70};
static const int pillars_b[4] = {90, 80, 70, 60};

static store_db *open_ok(const char *path)
{
    bw_err e;
    store_db *db = store_open(path, &e);
    if (!db)
        fail_msg("store_open(%s): %s", path, e.msg);
    return db;
}

static void copy_file(const char *from, const char *to)
{
    FILE *in = fopen(from, "rb"), *out = fopen(to, "wb");
    assert_non_null(in);
    assert_non_null(out);
    char buf[8192];
    size_t n;
    while ((n = fread(buf, 1, sizeof buf, in)) > 0)
        assert_int_equal(fwrite(buf, 1, n, out), n);
    fclose(in);
    assert_int_equal(fclose(out), 0);
}

static void remove_store(const char *path)
{
    char p[256];
    static const char *const suffix[] = {"", "-wal", "-shm", "-journal"};
    for (int i = 0; i < 4; i++) {
        snprintf(p, sizeof p, "%s%s", path, suffix[i]);
        unlink(p);
    }
}

/* A fresh copy of the base store (holding result A) at db_path. */
static void fresh_copy(void)
{
    remove_store(db_path);
    copy_file(base_path, db_path);
}

static int setup(void **state)
{
    (void)state;
    st_tmpdir(tmp, sizeof tmp);
    snprintf(base_path, sizeof base_path, "%s/base.db", tmp);
    snprintf(db_path, sizeof db_path, "%s/bulwark.db", tmp);
    rec_a = st_fake_record("log4shell", "won", 2, pillars_a, 30);
    rec_b = st_fake_record("log4shell", "lost", 1, pillars_b, 50);
    store_db *db = open_ok(base_path);
    bw_err e;
    store_result_meta m = {"Ada", "blue", NULL, 1700000000};
    assert_int_equal(store_result_add(db, rec_a, &m, &id_a, &e), BW_OK);
    assert_int_equal(store_setting_set(db, "speed", "4", &e), BW_OK);
    /* One file holds it all: the copies need no write-ahead log. */
    assert_int_equal(sqlite3_exec(store_sqlite(db), "PRAGMA wal_checkpoint(TRUNCATE)", NULL, NULL,
                                  NULL),
                     SQLITE_OK);
    store_close(db);
    return 0;
}

static int teardown(void **state)
{
    (void)state;
    st_remove_tree(tmp);
    free(rec_a);
    free(rec_b);
    return 0;
}

/* After a write that returned rc: reopen (no faults), check the file,
 * find A intact and B whole or absent, progress agreeing. Returns whether
 * B is there. */
static bool check_after(int rc, const char *what, long n)
{
    bw_err e;
    store_db *db = store_open(db_path, &e);
    if (!db)
        fail_msg("%s N=%ld: the store no longer opens: %s", what, n, e.msg);
    if (store_check(db, &e) != BW_OK)
        fail_msg("%s N=%ld: %s", what, n, e.msg);
    store_result r;
    char *text = NULL;
    if (store_result_get(db, id_a, &r, &text, &e) != BW_OK)
        fail_msg("%s N=%ld: the earlier result is gone: %s", what, n, e.msg);
    if (strcmp(text, rec_a) != 0 || strcmp(r.player, "Ada") != 0 || r.sum.stars != 2)
        fail_msg("%s N=%ld: the earlier result changed", what, n);
    free(text);
    long long count = st_query_int(db, "SELECT count(*) FROM results");
    bool has_b = count == 2;
    if (count != 1 && count != 2)
        fail_msg("%s N=%ld: %lld results", what, n, count);
    if (has_b) {
        store_result *list = NULL;
        int k = 0;
        assert_int_equal(store_results_list(db, NULL, &list, &k, &e), BW_OK);
        assert_int_equal(k, 2);
        assert_int_equal(store_result_get(db, list[1].id, &r, &text, &e), BW_OK);
        if (strcmp(text, rec_b) != 0)
            fail_msg("%s N=%ld: the new result is there but not whole", what, n);
        free(text);
        free(list);
    }
    if (rc == BW_OK && !has_b)
        fail_msg("%s N=%ld: said saved, but the result is not there", what, n);
    store_progress p;
    assert_int_equal(store_progress_get(db, "log4shell", &p, &e), BW_OK);
    if (p.attempts != count)
        fail_msg("%s N=%ld: progress counts %d attempts for %lld results", what, n, p.attempts,
                 count);
    int speed = 0;
    assert_int_equal(store_setting_get_int(db, "speed", &speed, &e), BW_OK);
    if (!settings_may_change)
        assert_int_equal(speed, 4);
    store_close(db);
    return has_b;
}

/* ---- memory ------------------------------------------------------------------------ */

static int add_b(store_db *db, bw_err *e)
{
    store_result_meta m = {"Grace", "red", NULL, 1700000100};
    return store_result_add(db, rec_b, &m, NULL, e);
}

static void test_out_of_memory_while_saving_a_result_loses_nothing(void **state)
{
    (void)state;
    fresh_copy();
    store_db *db = open_ok(db_path);
    bw_err e;
    fm_arm(0);
    assert_int_equal(add_b(db, &e), BW_OK);
    long total = fm_calls();
    store_close(db);
    assert_true(total > 10);
    int refused = 0;
    for (int once = 0; once < 2; once++)
        for (long n = 1; n <= total + 1; n++) {
            fresh_copy();
            db = open_ok(db_path);
            if (once)
                fm_arm_once(n);
            else
                fm_arm(n);
            int rc = add_b(db, &e);
            long failures = fm_failures();
            fm_disarm();
            if (rc != BW_OK) {
                refused++;
                if (failures == 0)
                    fail_msg("N=%ld: refused though nothing failed: %s", n, e.msg);
                if (rc != BW_ENOMEM || !strstr(e.msg, "memory"))
                    fail_msg("N=%ld: out of memory said as %s: %s", n, bw_err_name(rc), e.msg);
            }
            store_close(db);
            bool has_b = check_after(rc, once ? "one allocation" : "memory", n);
            if (rc != BW_OK && has_b)
                fail_msg("N=%ld: refused, but the result was saved", n);
        }
    print_message("%ld allocations to save a result; %d refusals over %ld points twice\n", total,
                  refused, total + 1);
    assert_true(refused > 0);
}

static void test_out_of_memory_while_opening_a_store_loses_nothing(void **state)
{
    (void)state;
    fresh_copy();
    fm_arm(0);
    store_db *db = open_ok(db_path);
    long total = fm_calls();
    store_close(db);
    for (long n = 1; n <= total + 1; n++) {
        fresh_copy();
        fm_arm(n);
        bw_err e;
        db = store_open(db_path, &e);
        long failures = fm_failures();
        fm_disarm();
        if (!db) {
            if (failures == 0)
                fail_msg("N=%ld: refused though nothing failed: %s", n, e.msg);
            if (e.code != BW_ENOMEM || !strstr(e.msg, "memory"))
                fail_msg("N=%ld: out of memory said as %s: %s", n, bw_err_name(e.code), e.msg);
        }
        store_close(db);
        check_after(BW_EIO, "open", n);
    }
}

/* Settings are saved in one transaction: after a failure, all old. */
static void test_out_of_memory_while_saving_settings_loses_nothing(void **state)
{
    (void)state;
    store_settings want;
    store_settings_defaults(&want);
    want.text_scale = 2.0;
    want.speed = 8;
    want.window_width = 1920;
    snprintf(want.player_name, sizeof want.player_name, "Linus");
    fresh_copy();
    store_db *db = open_ok(db_path);
    bw_err e;
    fm_arm(0);
    assert_int_equal(store_settings_save(db, &want, &e), BW_OK);
    long total = fm_calls();
    store_close(db);
    for (long n = 1; n <= total + 1; n++) {
        fresh_copy();
        db = open_ok(db_path);
        fm_arm(n);
        int rc = store_settings_save(db, &want, &e);
        long failures = fm_failures();
        fm_disarm();
        if (rc != BW_OK && (failures == 0 || rc != BW_ENOMEM || !strstr(e.msg, "memory")))
            fail_msg("N=%ld: %s: %s", n, bw_err_name(rc), e.msg);
        store_close(db);
        settings_may_change = true;
        check_after(BW_EIO, "settings", n);
        settings_may_change = false;
        db = open_ok(db_path);
        store_settings got;
        assert_int_equal(store_settings_load(db, &got, &e), BW_OK);
        store_close(db);
        bool all_new = got.speed == 8 && got.text_scale == 2.0 && got.window_width == 1920 &&
                       strcmp(got.player_name, "Linus") == 0;
        bool all_old = got.speed == 4 && got.text_scale == 1.0 && got.window_width == 1280 &&
                       got.player_name[0] == '\0';
        if (rc == BW_OK ? !all_new : !all_old)
            fail_msg("N=%ld: settings half saved (rc %s)", n, bw_err_name(rc));
    }
}

/* ---- the disk ------------------------------------------------------------------------ */

typedef struct io_fault {
    const char *name;
    int write_rc, sync_rc, err;
    const char *said; /* what the message must say */
} io_fault;

static const io_fault io_faults[] = {
    /* The unix VFS says SQLITE_FULL when a write meets ENOSPC. */
    {"a full disk", SQLITE_FULL, SQLITE_OK, ENOSPC, "the disk is full"},
    {"a full disk at sync", SQLITE_OK, SQLITE_IOERR_FSYNC, ENOSPC, "the disk is full"},
    {"a failing disk", SQLITE_IOERR_WRITE, SQLITE_IOERR_FSYNC, EIO, "a read or write failed"},
    {"a disk gone read-only", SQLITE_IOERR_WRITE, SQLITE_IOERR_FSYNC, EROFS, "read-only"},
};

static void test_write_errors_while_saving_a_result_lose_nothing(void **state)
{
    (void)state;
    for (size_t k = 0; k < sizeof io_faults / sizeof io_faults[0]; k++) {
        const io_fault *f = &io_faults[k];
        fresh_copy();
        store_db *db = open_ok(db_path);
        bw_err e;
        fv_arm(0, 0, 0, 0);
        assert_int_equal(add_b(db, &e), BW_OK);
        long total = fv_ops;
        store_close(db);
        assert_true(total > 0);
        int refused = 0;
        for (long n = 1; n <= total + 1; n++) {
            fresh_copy();
            db = open_ok(db_path);
            fv_arm(n, f->write_rc, f->sync_rc, f->err);
            int rc = add_b(db, &e);
            long failed = fv_failed;
            fv_disarm();
            if (rc != BW_OK) {
                refused++;
                if (failed == 0)
                    fail_msg("%s N=%ld: refused though nothing failed: %s", f->name, n, e.msg);
                if (rc != BW_EIO || !strstr(e.msg, f->said) || !strstr(e.msg, db_path))
                    fail_msg("%s N=%ld: said as %s: %s (wanted '%s')", f->name, n,
                             bw_err_name(rc), e.msg, f->said);
            }
            store_close(db);
            /* Refused means not saved: the messages say "nothing was
             * written", and a player who tries again must not get two. */
            if (check_after(rc, f->name, n) && rc != BW_OK)
                fail_msg("%s N=%ld: refused (%s), but the result was saved", f->name, n, e.msg);
        }
        print_message("%s: %ld writes and syncs to save a result, %d refused\n", f->name, total,
                      refused);
        assert_true(refused > 0);
    }
}

/* ---- a read-only store ---------------------------------------------------------------- */

/* In a child that cannot override permissions: open the store, make the
 * file and its folder read-only, save a result; then open it afresh. */
static void read_only_child(const char *path, char *msg, size_t n)
{
    bw_err e;
    store_db *db = store_open(path, &e);
    if (!db) {
        snprintf(msg, n, "OPEN FAILED: %s", e.msg);
        return;
    }
    if (chmod(path, 0444) != 0 || chmod(tmp, 0555) != 0) {
        snprintf(msg, n, "CHMOD FAILED: %s", strerror(errno));
        store_close(db);
        return;
    }
    int rc = add_b(db, &e);
    int len = snprintf(msg, n, "ADD %s: %s\n", rc == BW_OK ? "OK" : bw_err_name(rc),
                       rc == BW_OK ? "" : e.msg);
    store_close(db);
    db = store_open(path, &e);
    snprintf(msg + len, n - (size_t)len, "REOPEN %s", db ? "OK" : e.msg);
    store_close(db);
}

static void test_a_store_made_read_only_loses_nothing_and_says_so(void **state)
{
    (void)state;
    fresh_copy();
    /* The child (nobody, when the test runs as root) owns the store, so
     * that it can take its own write permission away. */
    if (geteuid() == 0) {
        assert_int_equal(chown(tmp, 65534, 65534), 0);
        assert_int_equal(chown(db_path, 65534, 65534), 0);
    }
    char msg[2048];
    bool ran = st_unprivileged(read_only_child, db_path, msg, sizeof msg);
    assert_int_equal(chmod(tmp, 0700), 0);
    assert_int_equal(chmod(db_path, 0644), 0);
    if (geteuid() == 0) {
        assert_int_equal(chown(tmp, 0, 0), 0);
        assert_int_equal(chown(db_path, 0, 0), 0);
        char p[256];
        snprintf(p, sizeof p, "%s-wal", db_path);
        chown(p, 0, 0); /* may be gone */
        snprintf(p, sizeof p, "%s-shm", db_path);
        chown(p, 0, 0);
    }
    if (!ran)
        skip();
    print_message("%s\n", msg);
    assert_null(strstr(msg, "OPEN FAILED"));
    assert_null(strstr(msg, "CHMOD FAILED"));
    /* The open store keeps writing through the descriptors it has (POSIX
     * checks permissions at open); if the system refuses, it says so. */
    assert_true(strstr(msg, "ADD OK") || (strstr(msg, "read-only") && strstr(msg, db_path)));
    /* A fresh open is refused, clearly. */
    const char *re = strstr(msg, "REOPEN ");
    assert_non_null(re);
    assert_non_null(strstr(re, "read-only"));
    assert_non_null(strstr(re, db_path));
    check_after(strstr(msg, "ADD OK") ? BW_OK : BW_EIO, "read-only", 0);
}

int main(void)
{
    assert_true(fm_install());
    assert_true(fv_install());
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_out_of_memory_while_saving_a_result_loses_nothing),
        cmocka_unit_test(test_out_of_memory_while_opening_a_store_loses_nothing),
        cmocka_unit_test(test_out_of_memory_while_saving_settings_loses_nothing),
        cmocka_unit_test(test_write_errors_while_saving_a_result_lose_nothing),
        cmocka_unit_test(test_a_store_made_read_only_loses_nothing_and_says_so),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
