/* fuzz_store_file.c — the store opened on any bytes as its file: a store
 * is a file on the player's disk, and a damaged or crafted one must be
 * refused or read, never crash the game (docs/store.md).
 *
 * Each input is written as a fresh file in a private scratch folder, then
 * store_open, and when it opens: every reader (settings, results with
 * their records, progress) and the integrity check. Promises checked:
 * a refusal is a sentence naming the file; what the readers return is in
 * range (settings valid, result summaries as record_summary_parse would
 * give); every list is freed (LeakSanitizer). */
#include "fuzz.h"

#include <math.h>
#include <string.h>
#include <unistd.h>

#include "bulwark/store.h"

static void remove_files(const char *path)
{
    static const char *const suffix[] = {"", "-wal", "-shm", "-journal"};
    char p[512];
    for (size_t i = 0; i < sizeof suffix / sizeof suffix[0]; i++) {
        snprintf(p, sizeof p, "%s%s", path, suffix[i]);
        unlink(p);
    }
}

static void check_settings(store_db *db)
{
    store_settings s;
    bw_err e;
    if (store_settings_load(db, &s, &e) != BW_OK) {
        FUZZ_CHECK(e.msg[0]);
        return;
    }
    /* A value that is no longer valid reads as the default. */
    FUZZ_CHECK(isfinite(s.text_scale) && s.text_scale >= 0.5 && s.text_scale <= 3.0);
    FUZZ_CHECK(s.speed == 0 || s.speed == 1 || s.speed == 2 || s.speed == 4 || s.speed == 8);
    FUZZ_CHECK(s.window_width >= 320 && s.window_width <= 16384);
    FUZZ_CHECK(s.window_height >= 240 && s.window_height <= 16384);
    FUZZ_CHECK(s.palette[0] && memchr(s.palette, '\0', sizeof s.palette));
    FUZZ_CHECK(memchr(s.player_name, '\0', sizeof s.player_name));
}

static void check_results(store_db *db)
{
    store_result *r = NULL;
    int n = -1;
    bw_err e;
    if (store_results_list(db, NULL, &r, &n, &e) != BW_OK) {
        FUZZ_CHECK(e.msg[0]);
        return;
    }
    FUZZ_CHECK(n >= 0 && (n == 0 || r));
    for (int i = 0; i < n && i < 64; i++) {
        FUZZ_CHECK(memchr(r[i].sum.scenario_id, '\0', sizeof r[i].sum.scenario_id));
        FUZZ_CHECK(memchr(r[i].player, '\0', sizeof r[i].player));
        store_result one;
        char *text = NULL;
        if (store_result_get(db, r[i].id, &one, &text, &e) == BW_OK) {
            FUZZ_CHECK(one.id == r[i].id);
            record_summary sum;
            if (text && record_summary_parse(text, "stored", &sum, &e) != BW_OK)
                FUZZ_CHECK(e.msg[0]);
        } else {
            FUZZ_CHECK(e.msg[0]);
        }
        free(text);
    }
    free(r);
    store_progress *p = NULL;
    if (store_progress_list(db, &p, &n, &e) == BW_OK) {
        FUZZ_CHECK(n >= 0 && (n == 0 || p));
        for (int i = 0; i < n; i++)
            FUZZ_CHECK(memchr(p[i].scenario_id, '\0', sizeof p[i].scenario_id));
    } else {
        FUZZ_CHECK(e.msg[0]);
    }
    free(p);
}

int fuzz_one(const uint8_t *data, size_t size)
{
    char path[512];
    snprintf(path, sizeof path, "%s/store.db", fuzz_scratch_dir());
    remove_files(path);
    FILE *f = fopen(path, "wb");
    FUZZ_CHECK(f != NULL);
    FUZZ_CHECK(size == 0 || fwrite(data, 1, size, f) == size);
    FUZZ_CHECK(fclose(f) == 0);
    bw_err e;
    memset(&e, 0, sizeof e);
    store_db *db = store_open(path, &e);
    if (!db) {
        FUZZ_CHECK(e.code < 0 && e.msg[0]);
    } else {
        FUZZ_CHECK(store_schema_version(db, &e) == STORE_SCHEMA_VERSION);
        check_settings(db);
        check_results(db);
        if (store_check(db, &e) != BW_OK)
            FUZZ_CHECK(e.code == BW_EIO && e.msg[0]);
        store_close(db);
    }
    remove_files(path);
    return 0;
}
