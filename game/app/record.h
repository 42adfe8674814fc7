/* record.h — result records and action logs as JSON (internal to game/app;
 * the workshop store will take these over). */
#ifndef BULWARK_APP_RECORD_H
#define BULWARK_APP_RECORD_H

#include "bulwark/script.h"

#define APP_RECORD_FORMAT 1

/* The record of s as JSON text (caller frees with free), or NULL on OOM. */
char *app_record_json(script_scenario *s, const char *debrief);
/* Can a file be written at path? Creates and removes its temporary
 * sibling, so a game is not played only to fail at the end. */
int app_check_writable(const char *path, bw_err *err);
/* Write text to path atomically (temporary file, fsync, rename). */
int app_write_file_atomic(const char *path, const char *text, bw_err *err);

typedef struct app_logged {
    int tick;
    sim_action_kind kind;
    char target[SIM_ID_MAX];
    int option;                /* 1-based, for choose */
} app_logged;

typedef struct app_action_log {
    app_logged *items;
    int count;
    uint64_t scenario_hash, seed, world_hash;
    char scenario_id[SIM_ID_MAX];
} app_action_log;

/* Read the actions of a result record; every field checked. */
int app_action_log_read(const char *path, app_action_log *log, bw_err *err);
void app_action_log_free(app_action_log *log);
/* Resolve a logged action's target id in w: BW_OK or BW_ENOTFOUND. */
int app_logged_to_req(const sim_world *w, const app_logged *a, sim_action_req *req);

#endif
