/* fuzz_settings.c — any key and any value through store_setting_set and
 * the getters, on one real store (the settings live in the SQLite file,
 * docs/store.md).
 *
 * Input: the first byte picks the key (one of the known settings, a free
 * key, or the text up to the first NUL of the rest); the rest is the
 * value; the last byte also picks the size of the caller's buffer.
 * Promises checked: set either refuses with a sentence and changes
 * nothing, or stores the value so that get returns it exactly; a value
 * never overflows the caller's buffer (too small: BW_ELIMIT); the typed
 * getters and store_settings_load always give a valid value. The table is
 * emptied after each input so inputs do not depend on each other. */
#include "fuzz.h"

#include <math.h>
#include <string.h>

#include <sqlite3.h>

#include "bulwark/store.h"

static const char *const keys[] = {
    "text_scale", "palette", "speed", "fullscreen", "window_width", "window_height",
    "player_name", "ui.theme",
};
#define NKEYS (sizeof keys / sizeof keys[0])

static store_db *db;

static void close_db(void)
{
    store_close(db);
}

static store_db *the_store(void)
{
    if (!db) {
        char path[512];
        snprintf(path, sizeof path, "%s/settings.db", fuzz_scratch_dir());
        bw_err e;
        db = store_open(path, &e);
        if (!db)
            fprintf(stderr, "%s\n", e.msg);
        FUZZ_CHECK(db != NULL);
        atexit(close_db);
    }
    return db;
}

static void check_loaded(store_db *s)
{
    store_settings o;
    bw_err e;
    FUZZ_CHECK(store_settings_load(s, &o, &e) == BW_OK);
    FUZZ_CHECK(isfinite(o.text_scale) && o.text_scale >= 0.5 && o.text_scale <= 3.0);
    FUZZ_CHECK(o.speed == 0 || o.speed == 1 || o.speed == 2 || o.speed == 4 || o.speed == 8);
    FUZZ_CHECK(o.window_width >= 320 && o.window_width <= 16384);
    FUZZ_CHECK(o.window_height >= 240 && o.window_height <= 16384);
    FUZZ_CHECK(o.palette[0] && memchr(o.palette, '\0', sizeof o.palette));
    FUZZ_CHECK(memchr(o.player_name, '\0', sizeof o.player_name));
    /* What was loaded can be saved back as it is. */
    FUZZ_CHECK(store_settings_save(s, &o, &e) == BW_OK);
}

int fuzz_one(const uint8_t *data, size_t size)
{
    store_db *s = the_store();
    if (size == 0)
        return 0;
    size_t pick = data[0] % (NKEYS + 1);
    char *key_buf = NULL, *value;
    const char *key;
    if (pick < NKEYS) {
        key = keys[pick];
        value = fuzz_text(data + 1, size - 1);
    } else {
        /* The key up to the first NUL, the value after it. */
        const uint8_t *p = data + 1, *nul = memchr(p, 0, size - 1);
        size_t klen = nul ? (size_t)(nul - p) : size - 1;
        key = key_buf = fuzz_text(p, klen);
        value = nul ? fuzz_text(nul + 1, size - 2 - klen) : fuzz_text(p, 0);
    }
    bw_err e;
    memset(&e, 0, sizeof e);
    bw_err ge;
    char before[STORE_SETTING_MAX + 1];
    int had = store_setting_get(s, key, before, sizeof before, &ge);
    int rc = store_setting_set(s, key, value, &e);
    char after[STORE_SETTING_MAX + 1];
    int got = store_setting_get(s, key, after, sizeof after, &ge);
    if (rc == BW_OK) {
        FUZZ_CHECK(got == BW_OK && strcmp(after, value) == 0);
        /* A caller's buffer of any size: exactly right, or BW_ELIMIT. */
        size_t n = 1 + data[size - 1] % 80;
        char small[81];
        memset(small, 'x', sizeof small);
        int sr = store_setting_get(s, key, small, n, &ge);
        FUZZ_CHECK(sr == (strlen(value) < n ? BW_OK : BW_ELIMIT));
        FUZZ_CHECK(small[n] == 'x');
        if (sr == BW_OK)
            FUZZ_CHECK(strcmp(small, value) == 0);
    } else {
        FUZZ_CHECK(rc == e.code && e.msg[0] && (rc == BW_EINVAL || rc == BW_ELIMIT));
        FUZZ_CHECK(got == had && (got != BW_OK || strcmp(before, after) == 0));
    }
    check_loaded(s);
    FUZZ_CHECK(sqlite3_exec(store_sqlite(s), "DELETE FROM settings", NULL, NULL, NULL) == SQLITE_OK);
    free(key_buf);
    free(value);
    return 0;
}
