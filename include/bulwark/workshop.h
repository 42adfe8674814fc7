/* workshop.h — a workshop's config: what a facilitator writes so that a
 * room plays the same scenarios with the same seed, within a time limit,
 * in teams, and submits its results to one store (DESIGN.md section 6;
 * docs/workshops.md).
 *
 * The config is a Lua data file, loaded in the same sandbox as scenarios
 * (no I/O, an instruction budget and a memory cap), which returns a table:
 *
 *   return {
 *     workshop = "acme-2026-11",             -- id: 1-63 of [a-z0-9-]
 *     title = "Secure development, module 3",
 *     scenarios = { "log4shell", "mine.lua" }, -- shipped ids, or .lua paths
 *                                            -- relative to this file
 *     seed = 2021,                           -- optional: each scenario's own
 *     time_limit_minutes = 60,               -- 1..600
 *     teams = { "red", "blue" },             -- 1..64 unique names
 *     results = "acme.db",                   -- SQLite file relative to this
 *                                            -- file, or a PostgreSQL string
 *     player_role = "bulwark_player",        -- PostgreSQL only (defaults)
 *     facilitator_role = "bulwark_facilitator",
 *   }
 *
 * Every problem is reported at once, as "file:line: error: message" in a
 * script_diags (the line of the field, or of the list item). Scenario
 * paths must resolve (symbolic links followed) inside the config's folder
 * or the shipped scripts/ folder: a config handed round a room must not
 * make the game read arbitrary files.
 *
 * `bulwark check` recognises a config by its name (*.workshop.lua) or by
 * its top-level `workshop =` and `results =` fields (workshop_file_is_config).
 *
 * Ownership: workshop_load fills a caller-owned struct; nothing to free. */
#ifndef BULWARK_WORKSHOP_H
#define BULWARK_WORKSHOP_H

#include <stdbool.h>
#include <stdint.h>

#include "bulwark/error.h"
#include "bulwark/script.h"

#define WORKSHOP_ID_MAX 64        /* bytes with the NUL, as a store name */
#define WORKSHOP_TITLE_MAX 128
#define WORKSHOP_MAX_SCENARIOS 16
#define WORKSHOP_MAX_TEAMS 64
#define WORKSHOP_PATH_MAX 1024
#define WORKSHOP_MIN_MINUTES 1
#define WORKSHOP_MAX_MINUTES 600

typedef struct workshop_scenario {
    char name[WORKSHOP_ID_MAX];     /* a shipped id, or the file's name without .lua */
    char entry[WORKSHOP_PATH_MAX];  /* as written in the config */
    char path[WORKSHOP_PATH_MAX];   /* the file to load */
    bool shipped;                   /* a shipped id (not a path) */
} workshop_scenario;

typedef struct workshop_config {
    char file[WORKSHOP_PATH_MAX];   /* the config file, as given */
    char id[WORKSHOP_ID_MAX];
    char title[WORKSHOP_TITLE_MAX];
    int scenario_count;
    workshop_scenario scenarios[WORKSHOP_MAX_SCENARIOS];
    bool seed_given;                /* false: each scenario's own seed */
    uint64_t seed;
    int time_limit_minutes;
    int team_count;
    char teams[WORKSHOP_MAX_TEAMS][WORKSHOP_ID_MAX];
    /* Where results go: a SQLite file's path (resolved against the
     * config's folder) or a PostgreSQL connection string, unchanged. */
    char results[WORKSHOP_PATH_MAX];
    bool results_postgres;
    char player_role[WORKSHOP_ID_MAX];
    char facilitator_role[WORKSHOP_ID_MAX];
} workshop_config;

/* Load and check a config. BW_OK, or BW_EINVAL (the file has errors, each
 * in diags as file:line), BW_EIO (it cannot be read), BW_ESCRIPT /
 * BW_ELIMIT (it failed to run), with a summary in err. diags may be NULL.
 * It does not load the scenarios: workshop_verify does. */
int workshop_load(const char *path, workshop_config *out, script_diags *diags, bw_err *err);

/* Load every scenario of the config (with the workshop's seed) and add
 * each problem to diags (the scenario's own diagnostics included).
 * Returns how many scenarios failed to load (0: all good). */
int workshop_verify(const workshop_config *c, script_diags *diags);

/* Index of the scenario named name (its shipped id or file name, or its
 * entry as written), or BW_ENOTFOUND. */
int workshop_find_scenario(const workshop_config *c, const char *name);
/* Index of team, or BW_ENOTFOUND. */
int workshop_find_team(const workshop_config *c, const char *team);
/* The team closest to team (for "did you mean"), or NULL. */
const char *workshop_closest_team(const workshop_config *c, const char *team);

/* Does the file at path look like a workshop config: a name ending in
 * .workshop.lua, or top-level `workshop =` and `results =` fields and no
 * `scenario {` constructor? Reads at most the first 64 KiB; false when
 * it cannot be read. */
bool workshop_file_is_config(const char *path);

/* Is target a PostgreSQL connection string (a postgres:// or
 * postgresql:// URI, or conninfo with a key=value pair) rather than a file
 * path? The one rule: rstore_target_is_postgres (rstore.h) calls it. */
bool workshop_target_is_postgres(const char *target);

#endif
