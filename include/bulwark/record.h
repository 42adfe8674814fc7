/* record.h — the result record of a finished game (docs/result-record.md):
 * built from a script_scenario as JSON, read back as an action log (the
 * replay format) and as a summary (what the store indexes). Part of the
 * store module, so the desktop game (game/ui) and the command line
 * (game/app) write the same records.
 *
 * Ownership: record_json returns text the caller frees with free();
 * record_log_read/record_log_parse fill a record_log the caller frees with
 * record_log_free (also after a failure, and on a zeroed log). */
#ifndef BULWARK_RECORD_H
#define BULWARK_RECORD_H

#include <stdbool.h>
#include <stdint.h>

#include "bulwark/error.h"
#include "bulwark/script.h"
#include "bulwark/sim.h"

#define RECORD_FORMAT 1
/* The largest record a reader accepts: a month of actions is far less. */
#define RECORD_MAX_BYTES (64u << 20)

/* ---- writing ------------------------------------------------------------------ */

/* The record of s as JSON text (caller frees with free), or NULL on OOM.
 * debrief may be NULL (no "debrief" field). */
char *record_json(script_scenario *s, const char *debrief);

/* Can a file be written at path? Creates and removes its temporary
 * sibling, so a game is not played only to fail at the end. */
int record_check_writable(const char *path, bw_err *err);
/* Write text (and a final newline) to path atomically: a temporary
 * sibling, fsync, rename, fsync of the folder. */
int record_write_file(const char *path, const char *text, bw_err *err);

/* ---- reading the action log (the replay) ------------------------------------- */

typedef struct record_action {
    int tick;
    sim_action_kind kind;
    char target[SIM_ID_MAX];
    int option; /* 1-based, for choose */
} record_action;

typedef struct record_log {
    record_action *items;
    int count;
    uint64_t scenario_hash, seed, world_hash;
    char scenario_id[SIM_ID_MAX];
} record_log;

/* Read the actions of a result record file; every field checked. Error
 * messages start with path. */
int record_log_read(const char *path, record_log *log, bw_err *err);
/* The same from the record's text; name starts the error messages. */
int record_log_parse(const char *text, const char *name, record_log *log, bw_err *err);
void record_log_free(record_log *log);
/* Is this log a replay of exactly this scenario? BW_EINVAL, saying why,
 * when it was recorded for another scenario or another version of it. */
int record_log_fits(const record_log *log, const char *log_path, const script_scenario *s, bw_err *err);
/* Resolve a logged action's target id in w: BW_OK or BW_ENOTFOUND. */
int record_action_to_req(const sim_world *w, const record_action *a, sim_action_req *req);

/* Start every action of log due at the scenario's current tick; *next is
 * the first action not yet started (0 at the start). A refusal, an
 * unknown target or an action whose tick has passed means the replay
 * diverged: BW_EINVAL saying which action and why (BW_ESCRIPT/BW_ELIMIT
 * from the scenario's scripts). */
int record_replay_due(script_scenario *s, const record_log *log, int *next, bw_err *err);
/* Play s (freshly loaded with log's seed, record_log_fits checked) to its
 * end with log's actions: record_replay_due each tick, then a step. Also
 * fails when actions are left when the game ends. The final world hash is
 * the caller's to compare. */
int record_replay(script_scenario *s, const record_log *log, bw_err *err);

/* ---- reading the summary ---------------------------------------------------- */

#define RECORD_ENGINE_MAX 32

/* What a finished game's record says about it: the columns the store
 * keeps beside the record itself. */
typedef struct record_summary {
    char scenario_id[SIM_ID_MAX];
    uint64_t scenario_hash;
    uint64_t seed;
    char engine[RECORD_ENGINE_MAX];
    sim_outcome outcome; /* WON or LOST: a record of a running game is refused */
    int stars;           /* 0..3 */
    int ticks;
    int pillar[SIM_PILLAR_COUNT]; /* 0..100 each, in sim_pillar order */
    uint64_t world_hash;
} record_summary;

/* Check a record's text as a whole (everything record_log_parse checks,
 * plus engine, outcome, stars, ticks and pillars) and fill sum. name
 * starts the error messages. */
int record_summary_parse(const char *text, const char *name, record_summary *sum, bw_err *err);

/* ---- who submitted it (workshops) --------------------------------------------- */

#define RECORD_WHO_MAX 64 /* as STORE_NAME_MAX */

/* The record's "submitted_by" object: who played it, for which team and
 * workshop ("" for what it does not name). A results store keeps these in
 * its own columns too; `bulwark results verify` compares the two, so a
 * result moved to another player or team in the columns alone is caught. */
typedef struct record_who {
    char player[RECORD_WHO_MAX], team[RECORD_WHO_MAX], workshop[RECORD_WHO_MAX];
} record_who;

/* A copy of text (malloc'd, the caller frees) with "submitted_by" set to
 * who (any earlier one replaced); NULL with BW_EINVAL when text is not a
 * JSON object, BW_ENOMEM. */
char *record_with_who(const char *text, const record_who *who, bw_err *err);
/* Read text's "submitted_by" into *who: true when the record has one
 * (strings only; anything else reads as ""). */
bool record_who_get(const char *text, record_who *who);

#endif
