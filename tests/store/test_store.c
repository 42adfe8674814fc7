/* test_store.c — the store as the game meets it: where the file lives,
 * the schema and its migrations, files it must refuse and leave alone,
 * settings, progress, results with their action logs, and every failure
 * (read-only folder, unwritable file, full disk, a busy file) said in a
 * sentence with nothing half written. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <cjson/cJSON.h>
#include <math.h>

#include "store/store_test.h"

static char tmp[64];
static char db_path[128];

static int setup(void **state)
{
    (void)state;
    st_tmpdir(tmp, sizeof tmp);
    snprintf(db_path, sizeof db_path, "%s/bulwark.db", tmp);
    return 0;
}

static int teardown(void **state)
{
    (void)state;
    st_remove_tree(tmp);
    return 0;
}

static store_db *open_ok(const char *path)
{
    bw_err e;
    store_db *db = store_open(path, &e);
    if (!db)
        fail_msg("store_open(%s): %s", path ? path : "the default", e.msg);
    return db;
}

static char *slurp(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    assert_non_null(f);
    char *buf = malloc(1 << 20);
    assert_non_null(buf);
    *len = fread(buf, 1, 1 << 20, f);
    fclose(f);
    return buf;
}

static const int mid[4] = {50, 50, 50, 50};

/* ---- opening and the schema ------------------------------------------------------ */

static void test_a_new_store_is_migrated_to_the_current_schema(void **state)
{
    (void)state;
    store_db *db = open_ok(db_path);
    bw_err e;
    assert_int_equal(store_schema_version(db, &e), STORE_SCHEMA_VERSION);
    assert_int_equal(st_query_int(db, "PRAGMA application_id"), STORE_APPLICATION_ID);
    assert_int_equal(st_query_int(db, "PRAGMA foreign_keys"), 1);
    assert_int_equal(st_query_int(db, "PRAGMA synchronous"), 2); /* FULL */
    assert_true(st_query_int(db, "PRAGMA busy_timeout") >= 1000);
    assert_int_equal(
        st_query_int(db, "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name IN "
                         "('settings', 'progress', 'results')"),
        3);
    sqlite3_stmt *st;
    assert_int_equal(sqlite3_prepare_v2(store_sqlite(db), "PRAGMA journal_mode", -1, &st, NULL),
                     SQLITE_OK);
    assert_int_equal(sqlite3_step(st), SQLITE_ROW);
    assert_string_equal((const char *)sqlite3_column_text(st, 0), "wal");
    sqlite3_finalize(st);
    assert_int_equal(store_check(db, &e), BW_OK);
    assert_string_equal(store_path(db), db_path);
    store_close(db);
    store_close(NULL);
}

static void test_an_empty_file_becomes_a_store(void **state)
{
    (void)state;
    FILE *f = fopen(db_path, "wb");
    assert_non_null(f);
    fclose(f);
    store_db *db = open_ok(db_path);
    bw_err e;
    assert_int_equal(store_schema_version(db, &e), STORE_SCHEMA_VERSION);
    store_close(db);
}

static void test_reopening_keeps_everything_and_migrates_nothing(void **state)
{
    (void)state;
    bw_err e;
    store_db *db = open_ok(db_path);
    assert_int_equal(store_setting_set(db, "palette", "colour-blind", &e), BW_OK);
    char *rec = st_fake_record("s1", "won", 2, mid, 3);
    int64_t id = 0;
    assert_int_equal(store_result_add(db, rec, NULL, &id, &e), BW_OK);
    /* A marker the migration would not keep if it ran again. */
    assert_int_equal(sqlite3_exec(store_sqlite(db), "CREATE TABLE marker (x)", NULL, NULL, NULL),
                     SQLITE_OK);
    store_close(db);
    for (int i = 0; i < 3; i++) {
        db = open_ok(db_path);
        char v[32];
        assert_int_equal(store_setting_get(db, "palette", v, sizeof v, &e), BW_OK);
        assert_string_equal(v, "colour-blind");
        char *back = NULL;
        store_result r;
        assert_int_equal(store_result_get(db, id, &r, &back, &e), BW_OK);
        assert_string_equal(back, rec);
        free(back);
        assert_int_equal(st_query_int(db, "SELECT count(*) FROM results"), 1);
        assert_int_equal(st_query_int(db, "SELECT count(*) FROM marker"), 0);
        assert_int_equal(store_schema_version(db, &e), STORE_SCHEMA_VERSION);
        store_close(db);
    }
    free(rec);
}

/* Set a value straight in the file's header, through SQLite. */
static void raw_exec(const char *path, const char *sql)
{
    sqlite3 *raw;
    assert_int_equal(sqlite3_open(path, &raw), SQLITE_OK);
    assert_int_equal(sqlite3_exec(raw, sql, NULL, NULL, NULL), SQLITE_OK);
    assert_int_equal(sqlite3_close(raw), SQLITE_OK);
}

static void test_a_store_from_a_newer_bulwark_is_refused_and_left_untouched(void **state)
{
    (void)state;
    store_db *db = open_ok(db_path);
    store_close(db);
    raw_exec(db_path, "PRAGMA user_version = 99");
    size_t before_len, after_len;
    char *before = slurp(db_path, &before_len);
    bw_err e;
    assert_null(store_open(db_path, &e));
    assert_int_equal(e.code, BW_EREFUSED);
    assert_non_null(strstr(e.msg, db_path));
    assert_non_null(strstr(e.msg, "newer Bulwark"));
    assert_non_null(strstr(e.msg, "version 99"));
    assert_non_null(strstr(e.msg, "left untouched"));
    char *after = slurp(db_path, &after_len);
    assert_int_equal(before_len, after_len);
    assert_memory_equal(before, after, before_len);
    free(before);
    free(after);
}

static void test_another_programs_database_is_refused_and_left_untouched(void **state)
{
    (void)state;
    raw_exec(db_path, "CREATE TABLE contacts (name TEXT); INSERT INTO contacts VALUES ('ada');");
    size_t before_len, after_len;
    char *before = slurp(db_path, &before_len);
    bw_err e;
    assert_null(store_open(db_path, &e));
    assert_int_equal(e.code, BW_EREFUSED);
    assert_non_null(strstr(e.msg, "is not a Bulwark store"));
    char *after = slurp(db_path, &after_len);
    assert_int_equal(before_len, after_len);
    assert_memory_equal(before, after, before_len);
    free(before);
    free(after);
    /* Nor one that merely carries another application id. */
    raw_exec(db_path, "DROP TABLE contacts; PRAGMA application_id = 1234;");
    assert_null(store_open(db_path, &e));
    assert_non_null(strstr(e.msg, "is not a Bulwark store"));
}

static void test_a_file_that_is_not_a_database_is_refused(void **state)
{
    (void)state;
    FILE *f = fopen(db_path, "wb");
    assert_non_null(f);
    for (int i = 0; i < 200; i++)
        fputs("this is a text file, not a database\n", f);
    fclose(f);
    bw_err e;
    assert_null(store_open(db_path, &e));
    assert_int_equal(e.code, BW_EINVAL);
    assert_non_null(strstr(e.msg, "not a Bulwark store (not an SQLite database)"));
}

static void test_a_failed_migration_leaves_nothing_half_done(void **state)
{
    (void)state;
    /* Ours by its id, at version 0, with a table in the way of the
     * migration's third statement. */
    raw_exec(db_path, "PRAGMA application_id = 1113017137; CREATE TABLE progress (x);");
    bw_err e;
    assert_null(store_open(db_path, &e));
    assert_non_null(strstr(e.msg, "cannot update the store's schema"));
    sqlite3 *raw;
    assert_int_equal(sqlite3_open(db_path, &raw), SQLITE_OK);
    sqlite3_stmt *st;
    assert_int_equal(
        sqlite3_prepare_v2(
            raw,
            "SELECT (SELECT user_version FROM pragma_user_version), "
            "(SELECT count(*) FROM sqlite_master WHERE name IN ('settings', 'results'))",
            -1, &st, NULL),
        SQLITE_OK);
    assert_int_equal(sqlite3_step(st), SQLITE_ROW);
    assert_int_equal(sqlite3_column_int(st, 0), 0);
    assert_int_equal(sqlite3_column_int(st, 1), 0); /* created before the failure, rolled back */
    sqlite3_finalize(st);
    sqlite3_close(raw);
}

/* ---- where the file lives --------------------------------------------------------- */

typedef struct env_case {
    const char *own, *xdg, *home;
    const char *want; /* NULL: an error */
} env_case;

static void set_or_unset(const char *name, const char *v)
{
    if (v)
        setenv(name, v, 1);
    else
        unsetenv(name);
}

static void test_the_default_path_follows_the_xdg_rules(void **state)
{
    (void)state;
    const env_case cases[] = {
        {"/d/own", "/d/xdg", "/d/home", "/d/own/bulwark.db"},
        {NULL, "/d/xdg", "/d/home", "/d/xdg/bulwark/bulwark.db"},
        {"", "/d/xdg", "/d/home", "/d/xdg/bulwark/bulwark.db"},
        {NULL, "relative/xdg", "/d/home", "/d/home/.local/share/bulwark/bulwark.db"},
        {NULL, "", "/d/home", "/d/home/.local/share/bulwark/bulwark.db"},
        {NULL, NULL, "/d/home", "/d/home/.local/share/bulwark/bulwark.db"},
        {NULL, NULL, NULL, NULL},
        {NULL, NULL, "", NULL},
    };
    char *saved[3];
    const char *names[3] = {"BULWARK_DATA_HOME", "XDG_DATA_HOME", "HOME"};
    for (int i = 0; i < 3; i++)
        saved[i] = getenv(names[i]) ? strdup(getenv(names[i])) : NULL;
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        set_or_unset(names[0], cases[i].own);
        set_or_unset(names[1], cases[i].xdg);
        set_or_unset(names[2], cases[i].home);
        char buf[256];
        bw_err e;
        int rc = store_default_path(buf, sizeof buf, &e);
        if (cases[i].want) {
            assert_int_equal(rc, BW_OK);
            assert_string_equal(buf, cases[i].want);
        } else {
            assert_int_equal(rc, BW_EINVAL);
            assert_non_null(strstr(e.msg, "cannot find your data folder"));
            assert_null(store_open(NULL, &e));
            assert_non_null(strstr(e.msg, "cannot find your data folder"));
        }
    }
    setenv("BULWARK_DATA_HOME", "/d/own", 1);
    char small[8];
    bw_err e;
    assert_int_equal(store_default_path(small, sizeof small, &e), BW_ELIMIT);
    for (int i = 0; i < 3; i++) {
        set_or_unset(names[i], saved[i]);
        free(saved[i]);
    }
}

static void test_the_default_store_creates_its_folders_private(void **state)
{
    (void)state;
    char *saved = getenv("BULWARK_DATA_HOME") ? strdup(getenv("BULWARK_DATA_HOME")) : NULL;
    char xdg[128];
    snprintf(xdg, sizeof xdg, "%s/xdg/deep", tmp);
    unsetenv("BULWARK_DATA_HOME");
    setenv("XDG_DATA_HOME", xdg, 1);
    mode_t old = umask(0);
    store_db *db = open_ok(NULL);
    umask(old);
    char want[256];
    snprintf(want, sizeof want, "%s/bulwark/bulwark.db", xdg);
    assert_string_equal(store_path(db), want);
    store_close(db);
    const char *dirs[] = {"xdg", "xdg/deep", "xdg/deep/bulwark"};
    for (int i = 0; i < 3; i++) {
        char p[256];
        struct stat st;
        snprintf(p, sizeof p, "%s/%s", tmp, dirs[i]);
        assert_int_equal(stat(p, &st), 0);
        assert_true(S_ISDIR(st.st_mode));
        assert_int_equal(st.st_mode & 0777, 0700);
    }
    struct stat st;
    assert_int_equal(stat(want, &st), 0);
    /* BULWARK_DATA_HOME wins, for tests. */
    char own[128];
    snprintf(own, sizeof own, "%s/own", tmp);
    setenv("BULWARK_DATA_HOME", own, 1);
    db = open_ok(NULL);
    snprintf(want, sizeof want, "%s/bulwark.db", own);
    assert_string_equal(store_path(db), want);
    store_close(db);
    if (saved)
        setenv("BULWARK_DATA_HOME", saved, 1);
    else
        unsetenv("BULWARK_DATA_HOME");
    free(saved);
    unsetenv("XDG_DATA_HOME");
}

/* ---- paths that cannot hold a store ---------------------------------------------- */

static void test_paths_that_cannot_hold_a_store_are_said_clearly(void **state)
{
    (void)state;
    bw_err e;
    char p[512], file[128];
    snprintf(file, sizeof file, "%s/plain", tmp);
    FILE *f = fopen(file, "wb");
    assert_non_null(f);
    fclose(f);

    /* A folder where the file should be. */
    assert_null(store_open(tmp, &e));
    assert_int_equal(e.code, BW_EIO);
    assert_non_null(strstr(e.msg, "is a folder, not a store file"));
    /* A folder that does not exist. */
    snprintf(p, sizeof p, "%s/missing/bulwark.db", tmp);
    assert_null(store_open(p, &e));
    assert_non_null(strstr(e.msg, "cannot create the store"));
    assert_non_null(strstr(e.msg, "No such file or directory"));
    /* A file where a folder should be. */
    snprintf(p, sizeof p, "%s/bulwark.db", file);
    assert_null(store_open(p, &e));
    assert_non_null(strstr(e.msg, "is not a folder"));
    /* The same for the default store's folders. */
    char *saved = getenv("BULWARK_DATA_HOME") ? strdup(getenv("BULWARK_DATA_HOME")) : NULL;
    snprintf(p, sizeof p, "%s/sub/bulwark", file);
    setenv("BULWARK_DATA_HOME", p, 1);
    assert_null(store_open(NULL, &e));
    assert_int_equal(e.code, BW_EIO);
    assert_non_null(strstr(e.msg, "cannot create the folder"));
    assert_non_null(strstr(e.msg, "Not a directory"));
    if (saved)
        setenv("BULWARK_DATA_HOME", saved, 1);
    else
        unsetenv("BULWARK_DATA_HOME");
    free(saved);
    /* No path at all. */
    assert_null(store_open("", &e));
    assert_int_equal(e.code, BW_EINVAL);
}

static void open_and_report(const char *path, char *msg, size_t n)
{
    bw_err e;
    store_db *db = store_open(path, &e);
    if (db) {
        /* Opened: then a write must fail, and say why. */
        if (store_setting_set(db, "speed", "2", &e) == BW_OK)
            snprintf(msg, n, "OPENED AND WROTE");
        else
            snprintf(msg, n, "write: %s", e.msg);
        store_close(db);
        return;
    }
    snprintf(msg, n, "%s", e.msg);
}

static void default_and_report(const char *data_home, char *msg, size_t n)
{
    setenv("BULWARK_DATA_HOME", data_home, 1);
    open_and_report(NULL, msg, n);
}

static void test_a_read_only_folder_is_said_clearly(void **state)
{
    (void)state;
    char ro[128], p[256], msg[1024];
    snprintf(ro, sizeof ro, "%s/ro", tmp);
    assert_int_equal(mkdir(ro, 0555), 0);
    assert_int_equal(chmod(ro, 0555), 0);
    assert_int_equal(chmod(tmp, 0755), 0);
    snprintf(p, sizeof p, "%s/bulwark.db", ro);
    if (!st_unprivileged(open_and_report, p, msg, sizeof msg))
        skip();
    assert_non_null(strstr(msg, p));
    assert_non_null(strstr(msg, "not writable"));
    /* The default store in a folder it cannot create. */
    snprintf(p, sizeof p, "%s/sub", ro);
    assert_true(st_unprivileged(default_and_report, p, msg, sizeof msg));
    assert_non_null(strstr(msg, "cannot create the folder"));
    assert_non_null(strstr(msg, "Permission denied"));
    struct stat st;
    assert_int_not_equal(stat(p, &st), 0);
}

static void test_an_unwritable_store_file_is_said_clearly(void **state)
{
    (void)state;
    char msg[1024];
    store_db *db = open_ok(db_path);
    bw_err e;
    assert_int_equal(store_setting_set(db, "speed", "4", &e), BW_OK);
    store_close(db);
    /* Theirs to read, not to write: the file and its folder. */
    assert_int_equal(chmod(db_path, 0444), 0);
    assert_int_equal(chmod(tmp, 0555), 0);
    bool ran = st_unprivileged(open_and_report, db_path, msg, sizeof msg);
    assert_int_equal(chmod(tmp, 0700), 0);
    if (!ran)
        skip();
    assert_non_null(strstr(msg, db_path));
    assert_true(strstr(msg, "read-only") || strstr(msg, "not writable") ||
                strstr(msg, "ermission"));
    assert_null(strstr(msg, "OPENED AND WROTE"));
    /* And the file in a writable folder. */
    assert_int_equal(chmod(tmp, 0777), 0);
    ran = st_unprivileged(open_and_report, db_path, msg, sizeof msg);
    assert_int_equal(chmod(tmp, 0700), 0);
    assert_true(ran);
    assert_non_null(strstr(msg, "read-only"));
    /* The refusal left nothing beside the file (a read of a WAL store
     * would have made -wal and -shm files a reader cannot remove). */
    char side[300];
    struct stat st;
    snprintf(side, sizeof side, "%s-wal", db_path);
    assert_int_not_equal(stat(side, &st), 0);
    snprintf(side, sizeof side, "%s-shm", db_path);
    assert_int_not_equal(stat(side, &st), 0);
    /* Nothing changed. */
    assert_int_equal(chmod(db_path, 0644), 0);
    db = open_ok(db_path);
    int speed = 0;
    assert_int_equal(store_setting_get_int(db, "speed", &speed, &e), BW_OK);
    assert_int_equal(speed, 4);
    store_close(db);
}

/* ---- settings --------------------------------------------------------------------- */

static void test_settings_have_defaults_and_round_trip(void **state)
{
    (void)state;
    store_db *db = open_ok(db_path);
    bw_err e;
    store_settings s, d;
    store_settings_defaults(&d);
    assert_int_equal(store_settings_load(db, &s, &e), BW_OK);
    assert_true(s.text_scale == 1.0);
    assert_string_equal(s.palette, "standard");
    assert_int_equal(s.speed, 1);
    assert_false(s.fullscreen);
    assert_int_equal(s.window_width, 1280);
    assert_int_equal(s.window_height, 720);
    assert_string_equal(s.player_name, "");
    assert_memory_equal(&s, &d, sizeof s);

    s.text_scale = 1.1; /* not exact in binary: must come back bit for bit */
    snprintf(s.palette, sizeof s.palette, "colour-blind");
    s.speed = 8;
    s.fullscreen = true;
    s.window_width = 1920;
    s.window_height = 1080;
    snprintf(s.player_name, sizeof s.player_name, "Zoë Ødegård");
    assert_int_equal(store_settings_save(db, &s, &e), BW_OK);
    store_close(db);
    db = open_ok(db_path);
    store_settings back;
    assert_int_equal(store_settings_load(db, &back, &e), BW_OK);
    assert_memory_equal(&back, &s, sizeof s);

    /* One at a time, typed. */
    double scale = 0;
    assert_int_equal(store_setting_set_real(db, "text_scale", 2.5, &e), BW_OK);
    assert_int_equal(store_setting_get_real(db, "text_scale", &scale, &e), BW_OK);
    assert_true(scale == 2.5);
    bool full = true;
    assert_int_equal(store_setting_set_bool(db, "fullscreen", false, &e), BW_OK);
    assert_int_equal(store_setting_get_bool(db, "fullscreen", &full, &e), BW_OK);
    assert_false(full);
    int w = 0;
    assert_int_equal(store_setting_set_int(db, "window_width", 800, &e), BW_OK);
    assert_int_equal(store_setting_get_int(db, "window_width", &w, &e), BW_OK);
    assert_int_equal(w, 800);
    /* A number may be read as a real, never a name as a number. */
    assert_int_equal(store_setting_get_real(db, "window_width", &scale, &e), BW_OK);
    assert_true(scale == 800.0);
    assert_int_equal(store_setting_get_int(db, "palette", &w, &e), BW_EINVAL);
    assert_non_null(strstr(e.msg, "palette is a name, not a whole number"));
    assert_int_equal(store_setting_set_bool(db, "speed", true, &e), BW_EINVAL);

    /* The UI's own keys: any text, and "not set" until set. */
    char v[64];
    assert_int_equal(store_setting_get(db, "ui.last_scenario", v, sizeof v, &e), BW_ENOTFOUND);
    assert_int_equal(store_setting_set(db, "ui.last_scenario", "log4shell", &e), BW_OK);
    assert_int_equal(store_setting_get(db, "ui.last_scenario", v, sizeof v, &e), BW_OK);
    assert_string_equal(v, "log4shell");
    assert_int_equal(store_setting_get(db, "ui.last_scenario", v, 4, &e), BW_ELIMIT);
    assert_int_equal(store_setting_get_int(db, "ui.last_scenario", &w, &e), BW_EINVAL);
    store_close(db);
}

typedef struct bad_setting {
    const char *key, *value, *says;
} bad_setting;

static void test_invalid_settings_are_refused_and_nothing_written(void **state)
{
    (void)state;
    store_db *db = open_ok(db_path);
    bw_err e;
    const bad_setting cases[] = {
        {"text_scale", "4", "a number from 0.5 to 3"},
        {"text_scale", "big", "a number from 0.5 to 3"},
        {"text_scale", "nan", "a number from 0.5 to 3"},
        {"text_scale", "", "a number from 0.5 to 3"},
        {"speed", "3", "0 (paused), 1, 2, 4 or 8"},
        {"speed", "16", "0 (paused), 1, 2, 4 or 8"},
        {"window_width", "100", "a whole number from 320 to 16384"},
        {"window_height", "12x", "a whole number from 240 to 16384"},
        {"fullscreen", "maybe", "true or false"},
        {"palette", "Colour Blind", "a name of 1 to 31 characters"},
        {"palette", "", "a name of 1 to 31 characters"},
        {"player_name", "evil\x1b[2J", "no control characters"},
        {"player_name", "\xff\xfe", "UTF-8"},
        {"player_name", "\xc0\xaf", "UTF-8"},         /* an overlong '/' */
        {"player_name", "\xed\xa0\x80", "UTF-8"},     /* a surrogate */
        {"player_name", "\xf4\x90\x80\x80", "UTF-8"}, /* past U+10FFFF */
        {"player_name", "caf\xc3", "UTF-8"},          /* cut short */
        {"player_name", "0123456789012345678901234567890123456789012345678901234567890123456789",
         "at most 63 bytes"},
        {"Bad Key", "x", "a key is 1 to 63 characters"},
        {"", "x", "a key is 1 to 63 characters"},
        {"9lives", "x", "starting with a letter"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        bw_err_clear(&e);
        assert_int_equal(store_setting_set(db, cases[i].key, cases[i].value, &e), BW_EINVAL);
        if (!strstr(e.msg, cases[i].says))
            fail_msg("case %zu (%s = %s): '%s' does not say '%s'", i, cases[i].key, cases[i].value,
                     e.msg, cases[i].says);
    }
    assert_int_equal(st_query_int(db, "SELECT count(*) FROM settings"), 0);
    const char *fine[] = {"Zoë", "日本語", "\xf0\x9f\x9b\xa1 shield", "\xf4\x8f\xbf\xbf", ""};
    for (size_t i = 0; i < sizeof fine / sizeof fine[0]; i++)
        assert_int_equal(store_setting_set(db, "player_name", fine[i], &e), BW_OK);
    assert_int_equal(sqlite3_exec(store_sqlite(db), "DELETE FROM settings", NULL, NULL, NULL),
                     SQLITE_OK);
    assert_int_equal(store_setting_set(db, NULL, "x", &e), BW_EINVAL);
    assert_int_equal(store_setting_set(db, "speed", NULL, &e), BW_EINVAL);
    assert_int_equal(store_setting_set_real(db, "text_scale", INFINITY, &e), BW_EINVAL);
    char *huge = malloc(STORE_SETTING_MAX + 2);
    memset(huge, 'a', STORE_SETTING_MAX + 1);
    huge[STORE_SETTING_MAX + 1] = '\0';
    assert_int_equal(store_setting_set(db, "ui.note", huge, &e), BW_ELIMIT);
    free(huge);

    /* A whole set with one bad field writes none of it. */
    store_settings s;
    store_settings_defaults(&s);
    s.window_width = 2000;
    s.speed = 3;
    assert_int_equal(store_settings_save(db, &s, &e), BW_EINVAL);
    assert_non_null(strstr(e.msg, "speed"));
    assert_int_equal(st_query_int(db, "SELECT count(*) FROM settings"), 0);
    s.speed = 1;
    s.text_scale = NAN;
    assert_int_equal(store_settings_save(db, &s, &e), BW_EINVAL);
    assert_int_equal(st_query_int(db, "SELECT count(*) FROM settings"), 0);
    store_close(db);
}

static void test_a_setting_edited_into_nonsense_reads_as_its_default(void **state)
{
    (void)state;
    store_db *db = open_ok(db_path);
    bw_err e;
    assert_int_equal(
        sqlite3_exec(store_sqlite(db),
                     "INSERT INTO settings VALUES ('text_scale', 'huge'), ('speed', '3'), "
                     "('window_width', '-5'), ('palette', 'NO WAY'), ('fullscreen', 'yes')",
                     NULL, NULL, NULL),
        SQLITE_OK);
    store_settings s, d;
    store_settings_defaults(&d);
    assert_int_equal(store_settings_load(db, &s, &e), BW_OK);
    assert_memory_equal(&s, &d, sizeof s);
    store_close(db);
}

/* ---- results and progress ----------------------------------------------------------- */

/* Found by fuzzing (tests/fuzz/regressions/settings/crash-212c0f8f...):
 * a valid value longer than the typed getters' buffers ("000…0" is speed
 * 0) made store_settings_load fail, so the game could not read its
 * settings at all. */
static void test_a_long_but_valid_number_reads_back(void **state)
{
    (void)state;
    store_db *db = open_ok(db_path);
    bw_err e;
    char zeros[200];
    memset(zeros, '0', sizeof zeros - 5);
    snprintf(zeros + sizeof zeros - 5, 5, "1920");
    assert_int_equal(store_setting_set(db, "window_width", zeros, &e), BW_OK);
    assert_int_equal(store_setting_set(db, "text_scale", "1.5000000000000000000000000000000000000000000000000000000000000000000000", &e), BW_OK);
    store_settings s;
    assert_int_equal(store_settings_load(db, &s, &e), BW_OK);
    assert_int_equal(s.window_width, 1920);
    assert_true(s.text_scale == 1.5);
    store_close(db);
}

static void test_a_played_game_round_trips_with_its_action_log(void **state)
{
    (void)state;
    char *rec = st_played_record("log4shell", "sensible", 3);
    record_summary want;
    bw_err e;
    assert_int_equal(record_summary_parse(rec, "played", &want, &e), BW_OK);
    record_log want_log;
    assert_int_equal(record_log_parse(rec, "played", &want_log, &e), BW_OK);
    assert_true(want_log.count > 0); /* the sensible bot acts */

    store_db *db = open_ok(db_path);
    store_result_meta meta = {.player = "ada", .finished_at = 1700000000};
    int64_t id = 0;
    assert_int_equal(store_result_add(db, rec, &meta, &id, &e), BW_OK);
    assert_true(id > 0);
    store_close(db);

    db = open_ok(db_path);
    store_result r;
    char *back = NULL;
    assert_int_equal(store_result_get(db, id, &r, &back, &e), BW_OK);
    assert_string_equal(back, rec); /* the record, byte for byte */
    assert_int_equal(r.id, id);
    assert_int_equal(r.finished_at, 1700000000);
    assert_string_equal(r.player, "ada");
    assert_string_equal(r.team, "");
    assert_string_equal(r.workshop, "");
    assert_string_equal(r.sum.scenario_id, "log4shell");
    assert_memory_equal(&r.sum, &want, sizeof want);
    record_log log;
    assert_int_equal(record_log_parse(back, "stored", &log, &e), BW_OK);
    assert_int_equal(log.count, want_log.count);
    assert_memory_equal(log.items, want_log.items, sizeof log.items[0] * (size_t)log.count);
    assert_true(log.world_hash == want.world_hash);
    record_log_free(&log);
    record_log_free(&want_log);
    free(back);
    /* The columns are the record's. */
    assert_int_equal(
        st_query_int(db, "SELECT count(*) FROM results WHERE player = 'ada' AND team IS NULL AND "
                         "workshop IS NULL AND record = CAST(record AS TEXT)"),
        1);
    /* Without asking for the text. */
    assert_int_equal(store_result_get(db, id, &r, NULL, &e), BW_OK);
    assert_int_equal(store_result_get(db, id + 100, &r, &back, &e), BW_ENOTFOUND);
    assert_null(back);
    assert_non_null(strstr(e.msg, "no result"));
    store_close(db);
    free(rec);
}

static void test_progress_counts_attempts_and_keeps_the_best(void **state)
{
    (void)state;
    store_db *db = open_ok(db_path);
    bw_err e;
    store_progress p;
    assert_int_equal(store_progress_get(db, "alpha", &p, &e), BW_OK);
    assert_int_equal(p.attempts, 0);
    assert_int_equal(p.best_stars, 0);
    assert_string_equal(p.scenario_id, "alpha");

    struct {
        const char *outcome;
        int stars;
        int pillar[4];
        int64_t at;
    } games[] = {
        {"won", 1, {40, 90, 10, 10}, 1000},  {"won", 3, {80, 20, 30, 20}, 3000},
        {"lost", 0, {10, 10, 95, 10}, 2000}, /* finished earlier: last_played stays */
        {"won", 3, {70, 10, 10, 60}, 4000},  /* 3 stars again: the first stays best */
        {"won", 2, {10, 10, 10, 10}, 5000},
    };
    int64_t ids[5];
    for (int i = 0; i < 5; i++) {
        char *rec = st_fake_record("alpha", games[i].outcome, games[i].stars, games[i].pillar, i);
        store_result_meta m = {.finished_at = games[i].at};
        assert_int_equal(store_result_add(db, rec, &m, &ids[i], &e), BW_OK);
        free(rec);
        assert_int_equal(store_progress_get(db, "alpha", &p, &e), BW_OK);
        assert_int_equal(p.attempts, i + 1);
    }
    assert_int_equal(p.wins, 4);
    assert_int_equal(p.best_stars, 3);
    assert_int_equal(p.best_result_id, ids[1]);
    assert_int_equal(p.best_pillar[0], 80);
    assert_int_equal(p.best_pillar[1], 90);
    assert_int_equal(p.best_pillar[2], 95);
    assert_int_equal(p.best_pillar[3], 60);
    assert_int_equal(p.last_played, 5000);

    /* Another scenario, and a workshop's game that is not the campaign's. */
    char *rec = st_fake_record("beta", "lost", 0, mid, 0);
    assert_int_equal(store_result_add(db, rec, NULL, NULL, &e), BW_OK);
    store_result_meta ws = {.player = "bo", .team = "red", .workshop = "room-1"};
    char *won = st_fake_record("alpha", "won", 3, (const int[]){100, 100, 100, 100}, 0);
    assert_int_equal(store_result_add(db, won, &ws, NULL, &e), BW_OK);
    free(won);
    free(rec);
    store_progress *all = NULL;
    int n = 0;
    assert_int_equal(store_progress_list(db, &all, &n, &e), BW_OK);
    assert_int_equal(n, 2);
    assert_string_equal(all[0].scenario_id, "alpha");
    assert_int_equal(all[0].attempts, 5);
    assert_int_equal(all[0].best_pillar[0], 80);
    assert_string_equal(all[1].scenario_id, "beta");
    assert_int_equal(all[1].attempts, 1);
    assert_int_equal(all[1].wins, 0);
    assert_true(all[1].last_played > 1600000000); /* "now" */
    free(all);
    assert_int_equal(store_progress_get(db, "", &p, &e), BW_EINVAL);
    store_close(db);
}

static void test_results_list_by_filter_and_order(void **state)
{
    (void)state;
    store_db *db = open_ok(db_path);
    bw_err e;
    store_result *rs = NULL;
    int n = -1;
    assert_int_equal(store_results_list(db, NULL, &rs, &n, &e), BW_OK);
    assert_int_equal(n, 0);
    assert_null(rs);
    const struct {
        const char *scenario, *player, *team, *workshop;
    } rows[] = {
        {"a", NULL, NULL, NULL},   {"b", "ann", "red", "w1"}, {"a", "bob", "red", "w1"},
        {"a", "cy", "blue", "w1"}, {"b", "ann", "red", "w2"},
    };
    int64_t ids[5];
    for (int i = 0; i < 5; i++) {
        char *rec = st_fake_record(rows[i].scenario, "won", 1, mid, 1);
        store_result_meta m = {rows[i].player, rows[i].team, rows[i].workshop, 100 + i};
        assert_int_equal(store_result_add(db, rec, &m, &ids[i], &e), BW_OK);
        free(rec);
    }
    struct {
        store_result_filter f;
        int want[5];
        int count;
    } cases[] = {
        {{0}, {0, 1, 2, 3, 4}, 5},
        {{.newest_first = true}, {4, 3, 2, 1, 0}, 5},
        {{.scenario_id = "a"}, {0, 2, 3}, 3},
        {{.workshop = "w1", .team = "red"}, {1, 2}, 2},
        {{.player = "ann", .newest_first = true, .limit = 1}, {4}, 1},
        {{.workshop = "w3"}, {0}, 0},
        {{.scenario_id = "a'; DROP TABLE results; --"}, {0}, 0},
    };
    for (size_t c = 0; c < sizeof cases / sizeof cases[0]; c++) {
        assert_int_equal(store_results_list(db, &cases[c].f, &rs, &n, &e), BW_OK);
        assert_int_equal(n, cases[c].count);
        for (int i = 0; i < n; i++)
            assert_int_equal(rs[i].id, ids[cases[c].want[i]]);
        free(rs);
    }
    assert_int_equal(store_results_list(db, NULL, &rs, &n, &e), BW_OK);
    assert_string_equal(rs[1].player, "ann");
    assert_string_equal(rs[1].team, "red");
    assert_string_equal(rs[1].workshop, "w1");
    assert_int_equal(rs[1].finished_at, 101);
    assert_string_equal(rs[0].player, "");
    free(rs);
    store_result_filter bad = {.limit = -1};
    assert_int_equal(store_results_list(db, &bad, &rs, &n, &e), BW_EINVAL);
    store_close(db);
}

typedef struct bad_result {
    const char *name;
    char *(*make)(void);
    store_result_meta meta;
    const char *says;
} bad_result;

static char *good(void) { return st_fake_record("s", "won", 2, mid, 2); }
static char *running(void) { return st_fake_record("s", "running", 0, mid, 0); }
static char *too_many_stars(void) { return st_fake_record("s", "won", 4, mid, 0); }
static char *pillar_over(void)
{
    return st_fake_record("s", "won", 1, (const int[]){50, 101, 50, 50}, 0);
}
static char *control_id(void) { return st_fake_record("s\\u001b[2J", "won", 1, mid, 0); }
static char *not_json(void) { return strdup("{\"format\": 1, "); }
static char *an_array(void) { return strdup("[1, 2, 3]"); }
static char *no_engine(void)
{
    char *t = good();
    char *p = strstr(t, "\"engine\"");
    memcpy(p, "\"engin_\"", 8);
    return t;
}
static char *time_travel(void)
{
    char *t = good();
    char *p = strstr(t, "\"tick\":1");
    p[7] = '0';
    char *q = strstr(t, "\"tick\":0");
    q[7] = '5';
    return t;
}

static void test_bad_results_are_refused_and_nothing_written(void **state)
{
    (void)state;
    static char long_name[80];
    memset(long_name, 'n', 64);
    const bad_result cases[] = {
        {"a running game", running, {0}, "still running"},
        {"four stars", too_many_stars, {0}, "stars must be a whole number from 0 to 3"},
        {"a pillar over 100", pillar_over, {0}, "pillars.responsibility must be"},
        {"an escape in the id", control_id, {0}, "scenario.id must be"},
        {"no engine", no_engine, {0}, "engine must name the version"},
        {"actions out of order", time_travel, {0}, "goes back in time"},
        {"half a record", not_json, {0}, "not valid JSON"},
        {"an array", an_array, {0}, "a record is a JSON object"},
        {"a control character in the player", good, {.player = "a\nb"}, "a result's player is"},
        {"a long team", good, {.team = long_name}, "a result's team is 1 to 63 bytes"},
        {"a workshop that is not UTF-8", good, {.workshop = "\xc0\xaf"}, "a result's workshop is"},
        {"a time before 1970", good, {.finished_at = -5}, "before 1970"},
    };
    store_db *db = open_ok(db_path);
    bw_err e;
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        char *rec = cases[i].make();
        int64_t id = -7;
        int rc = store_result_add(db, rec, &cases[i].meta, &id, &e);
        free(rec);
        if (rc == BW_OK || !strstr(e.msg, cases[i].says))
            fail_msg("%s: rc %d, '%s' does not say '%s'", cases[i].name, rc, e.msg, cases[i].says);
        assert_int_equal(id, -7);
    }
    assert_int_equal(store_result_add(db, NULL, NULL, NULL, &e), BW_EINVAL);
    assert_int_equal(st_query_int(db, "SELECT count(*) FROM results"), 0);
    assert_int_equal(st_query_int(db, "SELECT count(*) FROM progress"), 0);
    /* "" is nobody. */
    char *rec = good();
    store_result_meta empty = {.player = "", .team = "", .workshop = ""};
    int64_t id;
    assert_int_equal(store_result_add(db, rec, &empty, &id, &e), BW_OK);
    assert_int_equal(
        st_query_int(db, "SELECT count(*) FROM results WHERE player IS NULL AND workshop IS NULL"),
        1);
    assert_int_equal(st_query_int(db, "SELECT attempts FROM progress"), 1);
    free(rec);
    store_close(db);
}

/* ---- a full disk, a busy file: clear words, nothing half written --------------------- */

static void test_a_full_disk_is_said_clearly_and_nothing_is_half_written(void **state)
{
    (void)state;
    char *rec = st_played_record("log4shell", "sensible", 3);
    store_db *db = open_ok(db_path);
    bw_err e;
    assert_int_equal(store_result_add(db, rec, NULL, NULL, &e), BW_OK);
    /* A record too big for what is left: the padding is a debrief. */
    cJSON *root = cJSON_Parse(rec);
    assert_non_null(root);
    size_t big = 400000;
    char *pad = malloc(big + 1);
    memset(pad, 'x', big);
    pad[big] = '\0';
    cJSON_ReplaceItemInObjectCaseSensitive(root, "debrief", cJSON_CreateString(pad));
    char *huge = cJSON_PrintUnformatted(root);
    cJSON_Delete(root);
    free(pad);
    /* The file may not grow: SQLITE_FULL, as on a full disk. */
    long long pages = st_query_int(db, "PRAGMA page_count");
    char sql[64];
    snprintf(sql, sizeof sql, "PRAGMA max_page_count = %lld", pages + 2);
    assert_true(st_query_int(db, sql) > 0);
    int64_t id = -1;
    assert_int_equal(store_result_add(db, huge, NULL, &id, &e), BW_EIO);
    assert_non_null(strstr(e.msg, "cannot save the result: the disk is full"));
    assert_non_null(strstr(e.msg, db_path));
    assert_int_equal(id, -1);
    assert_int_equal(st_query_int(db, "SELECT count(*) FROM results"), 1);
    assert_int_equal(st_query_int(db, "SELECT attempts FROM progress"), 1);
    /* The store still works, and has room for a small one. */
    assert_int_equal(store_setting_set(db, "speed", "2", &e), BW_OK);
    store_close(db);
    db = open_ok(db_path);
    assert_int_equal(store_check(db, &e), BW_OK);
    assert_int_equal(store_result_add(db, huge, NULL, &id, &e), BW_OK);
    assert_int_equal(st_query_int(db, "SELECT attempts FROM progress"), 2);
    store_close(db);
    free(huge);
    free(rec);
}

static void test_a_busy_file_is_said_clearly_and_nothing_is_half_written(void **state)
{
    (void)state;
    store_db *db = open_ok(db_path);
    bw_err e;
    sqlite3 *other;
    assert_int_equal(sqlite3_open(db_path, &other), SQLITE_OK);
    assert_int_equal(sqlite3_exec(other, "BEGIN IMMEDIATE", NULL, NULL, NULL), SQLITE_OK);
    sqlite3_busy_timeout(store_sqlite(db), 50);
    char *rec = good();
    int64_t id = -1;
    assert_int_equal(store_result_add(db, rec, NULL, &id, &e), BW_EBUSY);
    assert_non_null(strstr(e.msg, "cannot save the result: another program"));
    assert_non_null(strstr(e.msg, "nothing was written, try again"));
    assert_int_equal(store_setting_set(db, "speed", "2", &e), BW_EBUSY);
    store_settings s;
    store_settings_defaults(&s);
    assert_int_equal(store_settings_save(db, &s, &e), BW_EBUSY);
    /* Reading goes on meanwhile (WAL). */
    store_progress p;
    assert_int_equal(store_progress_get(db, "s", &p, &e), BW_OK);
    assert_int_equal(sqlite3_exec(other, "COMMIT", NULL, NULL, NULL), SQLITE_OK);
    sqlite3_close(other);
    assert_int_equal(st_query_int(db, "SELECT count(*) FROM results"), 0);
    assert_int_equal(store_result_add(db, rec, NULL, &id, &e), BW_OK);
    assert_int_equal(st_query_int(db, "SELECT count(*) FROM results"), 1);
    free(rec);
    store_close(db);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
#define T(f) cmocka_unit_test_setup_teardown(f, setup, teardown)
        T(test_a_new_store_is_migrated_to_the_current_schema),
        T(test_an_empty_file_becomes_a_store),
        T(test_reopening_keeps_everything_and_migrates_nothing),
        T(test_a_store_from_a_newer_bulwark_is_refused_and_left_untouched),
        T(test_another_programs_database_is_refused_and_left_untouched),
        T(test_a_file_that_is_not_a_database_is_refused),
        T(test_a_failed_migration_leaves_nothing_half_done),
        T(test_the_default_path_follows_the_xdg_rules),
        T(test_the_default_store_creates_its_folders_private),
        T(test_paths_that_cannot_hold_a_store_are_said_clearly),
        T(test_a_read_only_folder_is_said_clearly),
        T(test_an_unwritable_store_file_is_said_clearly),
        T(test_settings_have_defaults_and_round_trip),
        T(test_invalid_settings_are_refused_and_nothing_written),
        T(test_a_setting_edited_into_nonsense_reads_as_its_default),
        T(test_a_long_but_valid_number_reads_back),
        T(test_a_played_game_round_trips_with_its_action_log),
        T(test_progress_counts_attempts_and_keeps_the_best),
        T(test_results_list_by_filter_and_order),
        T(test_bad_results_are_refused_and_nothing_written),
        T(test_a_full_disk_is_said_clearly_and_nothing_is_half_written),
        T(test_a_busy_file_is_said_clearly_and_nothing_is_half_written),
#undef T
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
