/* fuzz_seed_store.c — make a store file for the store_file seed corpus
 * (tests/fuzz/make_corpus.sh): usage: fuzz_seed_store OUT.db RECORD.json...
 * Settings are set to values other than the defaults and every record is
 * added, the last one as a workshop's, so every table has rows. */
#include <stdio.h>
#include <stdlib.h>

#include <sqlite3.h>

#include "bulwark/store.h"

static char *slurp(const char *path)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return NULL;
    size_t cap = 1 << 16, n = 0, got;
    char *t = malloc(cap + 1);
    while (t && (got = fread(t + n, 1, cap - n, f)) > 0) {
        n += got;
        if (n == cap) {
            char *g = realloc(t, 2 * cap + 1);
            if (!g) {
                free(t);
                t = NULL;
                break;
            }
            t = g;
            cap *= 2;
        }
    }
    fclose(f);
    if (t)
        t[n] = '\0';
    return t;
}

int main(int argc, char **argv)
{
    if (argc < 2) {
        fprintf(stderr, "usage: %s OUT.db RECORD.json...\n", argv[0]);
        return 2;
    }
    bw_err e;
    store_db *db = store_open(argv[1], &e);
    if (!db) {
        fprintf(stderr, "%s\n", e.msg);
        return 1;
    }
    int rc = 0;
    store_settings s;
    store_settings_defaults(&s);
    s.text_scale = 1.5;
    s.speed = 4;
    s.fullscreen = true;
    snprintf(s.player_name, sizeof s.player_name, "Ada");
    if (store_settings_save(db, &s, &e) != BW_OK ||
        store_setting_set(db, "ui.last_screen", "campaign", &e) != BW_OK) {
        fprintf(stderr, "%s\n", e.msg);
        rc = 1;
    }
    for (int i = 2; i < argc && rc == 0; i++) {
        char *text = slurp(argv[i]);
        store_result_meta m = {"Ada", "blue", i == argc - 1 ? "fuzz-room" : NULL, 1700000000 + i};
        if (!text || store_result_add(db, text, &m, NULL, &e) != BW_OK) {
            fprintf(stderr, "%s: %s\n", argv[i], text ? e.msg : "cannot read");
            rc = 1;
        }
        free(text);
    }
    /* One file, no write-ahead log beside it: the seed is the whole store. */
    if (sqlite3_exec(store_sqlite(db), "PRAGMA wal_checkpoint(TRUNCATE)", NULL, NULL, NULL) != 0)
        rc = 1;
    store_close(db);
    return rc;
}
