/* results.h — what the files of `bulwark results` share (internal to
 * game/app): the selection of results from a store, and the replay of a
 * stored record on its scenario (verify, and the HTML report's "what
 * they learned"). */
#ifndef BULWARK_APP_RESULTS_H
#define BULWARK_APP_RESULTS_H

#include <stdbool.h>
#include <stdio.h>

#include "bulwark/debrief.h"
#include "bulwark/record.h"
#include "bulwark/rstore.h"
#include "bulwark/workshop.h"

/* Which results, from where (the options every subcommand shares). */
typedef struct results_sel {
    const char *store;          /* --store TARGET, or NULL */
    const char *user;           /* --user ROLE (PostgreSQL), or NULL */
    bool have_config;           /* --workshop named a config file */
    workshop_config *cfg;       /* then: the config (heap: it is large) */
    store_result_filter filter; /* --workshop NAME (or the config's id), --team, --scenario, --player */
} results_sel;

/* The selected results, their records read. */
typedef struct results_set {
    rstore *st;
    char where[1100];           /* the store, for messages */
    int count;
    store_result *rows;
    char **records;             /* records[i]: rows[i]'s text (NULL if it could not be read) */
} results_set;

/* Open the store the selection names and list its results, oldest first,
 * with their records when records is true (else set->records is NULL). APP_OK, or an APP_* code after a message on err. A
 * missing default store is an empty set, a missing --store file an error. */
int results_load(const results_sel *sel, const char *cmd, bool records, results_set *set, FILE *err);
void results_set_free(results_set *set);

/* The ISO 8601 UTC time of a Unix time: "2026-11-23T07:40:00Z" (buf >= 21). */
void results_iso_time(int64_t t, char *buf, size_t n);
/* The text of an outcome: "won", "lost", "running". */
const char *results_outcome(sim_outcome o);

/* ---- replay --------------------------------------------------------------------- */

typedef enum results_verdict {
    RESULTS_OK,        /* replayed, and everything agrees */
    RESULTS_MISMATCH,  /* replayed (or diverged), and something differs */
    RESULTS_CANNOT     /* could not be replayed: no such scenario, it changed, the record is unreadable */
} results_verdict;

typedef struct results_replay {
    results_verdict verdict;
    char why[1024];            /* what differs, or why it cannot be verified ("" when OK) */
    record_summary replayed;   /* the recomputed summary (when replayed to the end) */
    script_scenario *s;        /* the finished game (when replayed to the end); the caller destroys */
} results_replay;

/* Replay row's record text on its scenario: a shipped scenario by id
 * (scripts/scenarios/ID.lua of the data folder), or one of cfg's scenario
 * files (cfg may be NULL), chosen by content hash. Checks the scenario
 * hash first, then replays, then compares the world hash, outcome, stars,
 * ticks and pillars with both row's columns and the record's own fields.
 * keep: leave the finished game in out->s. */
void results_replay_one(const store_result *row, const char *text, const workshop_config *cfg,
                        bool keep, results_replay *out);

/* ---- subcommands ---------------------------------------------------------------- */

int results_verify(const results_sel *sel, const results_set *set, FILE *out, FILE *err);
int results_export_csv(const results_set *set, FILE *out);
int results_export_json(const results_set *set, FILE *out, FILE *err);
/* One cJSON object of a row (the export's and list --json's fields). */
struct cJSON *results_row_json(const store_result *r);
int results_export_html(const results_sel *sel, const results_set *set, FILE *out, FILE *err);

#endif
