/* store.h — what Bulwark keeps on disk between games: settings, campaign
 * progress and every finished game's result record, in one SQLite file
 * (docs/store.md).
 *
 * Every write is one transaction: a killed game loses at most the game in
 * progress, never a result already saved, and never leaves half a write.
 * The schema is versioned (PRAGMA user_version) and migrated on open; a
 * file from a newer Bulwark is refused, never rewritten.
 *
 * The default file is $BULWARK_DATA_HOME/bulwark.db when that is set (for
 * tests), else $XDG_DATA_HOME/bulwark/bulwark.db, else
 * $HOME/.local/share/bulwark/bulwark.db; missing folders are created with
 * mode 0700.
 *
 * Ownership: store_open returns a store the caller closes with
 * store_close (NULL is fine). Lists are arrays the caller frees with
 * free(); a record's text likewise. A store is one connection: use it
 * from one thread at a time (open one per thread or process; they share
 * the file safely). */
#ifndef BULWARK_STORE_H
#define BULWARK_STORE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "bulwark/error.h"
#include "bulwark/record.h"
#include "bulwark/sim.h"

/* The schema version this build writes (and the newest it reads). */
#define STORE_SCHEMA_VERSION 2
/* Written in the file header, so a store is never mistaken for another
 * program's SQLite file ('BWK1'). */
#define STORE_APPLICATION_ID 0x42574b31

typedef struct store_db store_db;

/* ---- opening ------------------------------------------------------------------ */

/* The default file's path into buf (see above). BW_EINVAL when neither
 * XDG_DATA_HOME nor HOME names a folder; BW_ELIMIT when it is too long. */
int store_default_path(char *buf, size_t n, bw_err *err);

/* Open (creating and migrating as needed) the store at path, or the
 * default one when path is NULL (creating its folders). NULL on failure,
 * with a sentence in err: a folder that cannot be created, a read-only
 * file, a file that is not a Bulwark store, a newer schema. */
store_db *store_open(const char *path, bw_err *err);
void store_close(store_db *db);
/* The file's path, as opened. */
const char *store_path(const store_db *db);
/* The file's schema version (STORE_SCHEMA_VERSION once open). */
int store_schema_version(store_db *db, bw_err *err);
/* SQLite's integrity check: BW_OK when it says "ok", else BW_EIO with its
 * first complaint. */
int store_check(store_db *db, bw_err *err);

/* The SQLite connection, for tests and tools (a later PostgreSQL backend
 * returns NULL). Whatever is done through it bypasses every check here. */
struct sqlite3 *store_sqlite(store_db *db);

/* ---- settings ----------------------------------------------------------------- */

/* Known settings, with their defaults and what a value may be:
 *   text_scale     real 0.5..3.0          1.0
 *   palette        name [a-z0-9-], 1..31  "standard" (the UI's names:
 *                                         ui_palette_name, e.g. "colour-blind")
 *   speed          0 (paused), 1, 2, 4, 8 1
 *   fullscreen     bool                   false
 *   window_width   320..16384             1280
 *   window_height  240..16384             720
 *   player_name    UTF-8, 0..63 bytes, no control characters  ""
 * Any other key ([a-z][a-z0-9_.]{0,62}) holds any text up to 4 KiB: the
 * UI may keep its own there. A known key is validated when set; a stored
 * value that is no longer valid (edited by hand, written by another
 * version) reads as the default. */
#define STORE_SETTING_MAX 4096

/* The value as text into buf: the stored one, the default for a known
 * key, BW_ENOTFOUND for an unknown key never set. */
int store_setting_get(store_db *db, const char *key, char *buf, size_t n, bw_err *err);
int store_setting_set(store_db *db, const char *key, const char *value, bw_err *err);
/* Typed: BW_EINVAL when the value (or the known key's type) does not fit. */
int store_setting_get_int(store_db *db, const char *key, int *out, bw_err *err);
int store_setting_set_int(store_db *db, const char *key, int value, bw_err *err);
int store_setting_get_real(store_db *db, const char *key, double *out, bw_err *err);
int store_setting_set_real(store_db *db, const char *key, double value, bw_err *err);
int store_setting_get_bool(store_db *db, const char *key, bool *out, bw_err *err);
int store_setting_set_bool(store_db *db, const char *key, bool value, bw_err *err);

/* All the known settings at once. */
typedef struct store_settings {
    double text_scale;
    char palette[32];
    int speed;
    bool fullscreen;
    int window_width, window_height;
    char player_name[64];
} store_settings;
void store_settings_defaults(store_settings *s);
/* Every known setting, defaults where unset or no longer valid. */
int store_settings_load(store_db *db, store_settings *s, bw_err *err);
/* Validate all, then write all in one transaction (none on a failure). */
int store_settings_save(store_db *db, const store_settings *s, bw_err *err);

/* ---- progress: the local player's campaign -------------------------------------- */

typedef struct store_progress {
    char scenario_id[SIM_ID_MAX];
    int attempts, wins;
    int best_stars;                    /* 0..3 */
    int best_pillar[SIM_PILLAR_COUNT]; /* the highest each pillar reached, game by game */
    int64_t last_played;               /* Unix seconds of the last finished game */
    int64_t best_result_id;            /* the first result with best_stars, 0 if none */
} store_progress;

/* One scenario's progress: attempts 0 (and all zero) when never played. */
int store_progress_get(store_db *db, const char *scenario_id, store_progress *out, bw_err *err);
/* Every scenario played, by id. *out is NULL when count is 0. */
int store_progress_list(store_db *db, store_progress **out, int *count, bw_err *err);

/* ---- results -------------------------------------------------------------------- */

/* Who played it: each NULL (or "", the same) or 1..63 bytes of UTF-8
 * without control characters. A
 * result with a workshop belongs to that workshop's room, not to the local
 * campaign: it leaves progress alone. */
typedef struct store_result_meta {
    const char *player, *team, *workshop;
    int64_t finished_at; /* Unix seconds; 0 = now */
} store_result_meta;

#define STORE_NAME_MAX 64

typedef struct store_result {
    int64_t id;
    int64_t finished_at;
    record_summary sum;          /* the record's summary columns */
    char player[STORE_NAME_MAX]; /* "" when none (NULL in the file) */
    char team[STORE_NAME_MAX];
    char workshop[STORE_NAME_MAX];
} store_result;

/* Check record_text as a whole (record_summary_parse), then in ONE
 * transaction store it (text unchanged) with its summary columns and,
 * unless it is a workshop's, update the scenario's progress. meta may be
 * NULL. *id (may be NULL) gets the new result's id. Nothing is written on
 * any failure. */
int store_result_add(store_db *db, const char *record_text, const store_result_meta *meta,
                     int64_t *id, bw_err *err);

/* Which results to list; a zeroed filter (or NULL) lists them all, oldest
 * first. String fields match exactly when not NULL. */
typedef struct store_result_filter {
    const char *scenario_id, *player, *team, *workshop;
    bool newest_first;
    int limit; /* 0 = no limit */
} store_result_filter;
int store_results_list(store_db *db, const store_result_filter *f, store_result **out, int *count,
                       bw_err *err);
/* One result; *record_text (may be NULL) gets the record's text, freed by
 * the caller. BW_ENOTFOUND for an unknown id. */
int store_result_get(store_db *db, int64_t id, store_result *out, char **record_text, bw_err *err);

#endif
