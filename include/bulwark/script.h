/* script.h — scenarios in Lua: load, validate, run (DESIGN.md section 3).
 *
 * A scenario is one .lua file returning a table. It runs in its own
 * sandbox (sandbox.h); it sees the world through a checked `w` object and
 * never a pointer. Validation reports every problem at once as
 * "file:line: error: message". A loaded scenario owns its sim_world and
 * records every action taken through script_scenario_act — the action
 * log, which is also the replay format.
 *
 * Ownership: script_scenario_load returns a scenario the caller frees
 * with script_scenario_destroy (NULL is fine). Strings returned by getters
 * live as long as the scenario. */
#ifndef BULWARK_SCRIPT_H
#define BULWARK_SCRIPT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "bulwark/error.h"
#include "bulwark/sandbox.h"
#include "bulwark/sim.h"

/* ---- diagnostics ---------------------------------------------------------- */

typedef struct script_diag {
    char file[256];
    int line;                  /* 0 when unknown */
    bool warning;
    char msg[400];
} script_diag;

/* At most SCRIPT_DIAGS_MAX problems are kept, like a compiler that stops
 * after its first errors: a file with a hundred thousand of one mistake
 * is told the first hundred, at once, not all of them after seconds. */
#define SCRIPT_DIAGS_MAX 100

typedef struct script_diags {
    script_diag *items;
    int count, cap;
    int errors, warnings;      /* every problem reported, kept or not */
    bool cut;                  /* problems were dropped or not looked for */
} script_diags;

void script_diags_init(script_diags *d);
void script_diags_free(script_diags *d);
/* Adds one; drops it (setting cut) past SCRIPT_DIAGS_MAX, and silently
 * on out-of-memory (the counts still rise). */
void script_diags_add(script_diags *d, const char *file, int line, bool warning,
                      const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 5, 6)))
#endif
    ;
/* True once SCRIPT_DIAGS_MAX problems are kept and one is an error (the
 * file cannot load): a reader should stop looking for more, and the list
 * is marked cut, so it says so. Warnings alone never stop a reader. */
bool script_diags_enough(script_diags *d);
/* "file:line: error: message" (or "warning:"), one per line, in line
 * order; a cut list ends with "file: ... only the first N are shown". */
void script_diags_print(const script_diags *d, FILE *out);

/* ---- limits a scenario meets (documented in README.md and scripts/API.md,
 * checked against them by tests/script/test_limits_docs.c) ---------------- */

#define SCRIPT_SOURCE_MAX (4u << 20) /* bytes of a scenario file */
#define SCRIPT_TITLE_MAX 200         /* title, author */
#define SCRIPT_SUMMARY_MAX 1000
#define SCRIPT_VERSION_MAX 40
#define SCRIPT_BRIEFING_MAX 16384
#define SCRIPT_OBJECTIVE_TEXT_MAX 400
#define SCRIPT_DEBRIEF_MAX 16384     /* the text debrief returns */
#define SCRIPT_MAX_ITEMS 100000      /* nodes, links */
#define SCRIPT_MAX_CALLBACKS 20000   /* events, choices and w:schedule/w:after functions in one game */

/* ---- scenarios -------------------------------------------------------------- */

typedef struct script_scenario script_scenario;

typedef struct script_options {
    bool seed_given;           /* false: the scenario's own seed */
    uint64_t seed;
    script_limits limits;      /* zeroed: the defaults */
    const char *curriculum;    /* path of the curriculum catalogue, NULL = default */
    bool lint;                 /* add the lints' warnings (bulwark check); off for play */
} script_options;

/* Load, validate and build the world. On failure returns NULL; the
 * problems are in diags (file:line each) and err holds a summary. */
script_scenario *script_scenario_load(const char *path, const script_options *opt,
                                      script_diags *diags, bw_err *err);
/* The same from text in memory (len bytes, not retained); name stands for
 * the file in diagnostics and script_scenario_path. For tools and the fuzz
 * harnesses: a scenario is the same whether it came from a file or not. */
script_scenario *script_scenario_load_buffer(const char *name, const char *buf, size_t len,
                                             const script_options *opt, script_diags *diags,
                                             bw_err *err);
void script_scenario_destroy(script_scenario *s);

sim_world *script_scenario_world(script_scenario *s);
const sim_world *script_scenario_cworld(const script_scenario *s);
const char *script_scenario_path(const script_scenario *s);
const char *script_scenario_id(const script_scenario *s);
const char *script_scenario_title(const script_scenario *s);
const char *script_scenario_briefing(const script_scenario *s);
const char *script_scenario_author(const script_scenario *s);
/* FNV-1a 64 of the file's bytes: a replay names the exact script it needs. */
uint64_t script_scenario_hash(const script_scenario *s);
uint64_t script_scenario_seed(const script_scenario *s);

/* The scenario's own images, PNG files from its folder: assets.logo and
 * each node's icon (scripts/API.md, "Images"). Read and checked at load
 * (inside the folder, no link out of it, a PNG within the caps below);
 * the bytes live as long as the scenario. NULL (and *len 0) when none. */
#define SCRIPT_ASSET_MAX_BYTES (512 * 1024)      /* one file */
#define SCRIPT_ASSET_MAX_SIDE 2048               /* pixels, width or height */
#define SCRIPT_ASSET_MAX_PIXELS (1024 * 1024)    /* width x height */
#define SCRIPT_ASSETS_MAX_TOTAL (8 * 1024 * 1024) /* all of a scenario's images */
#define SCRIPT_MAX_ASSETS 64                     /* distinct files */
const void *script_scenario_logo(const script_scenario *s, size_t *len);
const void *script_scenario_node_icon(const script_scenario *s, int node, size_t *len);

/* Curriculum ids this scenario declares: kind is "accord", "ssdf",
 * "attack" or "cwe"; returns the count, fills up to max ids. */
#define SCRIPT_MAX_TEACH_IDS 64
int script_scenario_teaches(const script_scenario *s, const char *kind, const char **ids, int max);

/* Start an action as the player (UI, bot or replay): checked by the
 * simulation, then recorded in the action log with the current tick.
 * Returns as sim_action_start. */
int script_scenario_act(script_scenario *s, const sim_action_req *req, bw_err *err);

/* The work a scenario's scripts may do over a whole game, in the
 * sandbox's instruction units: a little more than one full per-call
 * budget, about a third of a second of CPU, so a script that spends just
 * under the per-call budget on every tick is stopped within a second even
 * on a loaded machine, like one endless loop. Far above any real story:
 * the shipped scenarios' calls use a few thousand (about 6 800 a tick
 * would still be allowed over a year-long game). */
#define SCRIPT_GAME_WORK 60000000ULL

/* Advance one tick, running the scenario's events and callbacks. A
 * script error or a sandbox limit ends the game: BW_ESCRIPT / BW_ELIMIT
 * with "file:line: message" in err. */
int script_scenario_step(script_scenario *s, bw_err *err);

/* The scenario's debrief text, from its debrief(w, result) callback (""
 * when it has none). Valid until the next call. BW_ESCRIPT on error. */
int script_scenario_debrief(script_scenario *s, const char **text, bw_err *err);

/* The action log: every action started through script_scenario_act that
 * the simulation accepted, in order. */
typedef struct script_logged_action {
    int tick;
    sim_action_req req;
} script_logged_action;
int script_scenario_action_count(const script_scenario *s);
const script_logged_action *script_scenario_action_at(const script_scenario *s, int i);

/* The author's debug view: events scheduled and not yet run, in run
 * order, each with where its function is defined ("file:line"). Fills
 * up to max, returns how many there are. Runs no Lua, draws nothing. */
typedef struct script_pending_event {
    int at;                    /* tick */
    char where[300];
} script_pending_event;
int script_scenario_pending_events(script_scenario *s, script_pending_event *out, int max);

/* The sandbox, for tests and tools (the escape suite runs against it). */
script_sandbox *script_scenario_sandbox(script_scenario *s);

/* ---- bots ------------------------------------------------------------------ */

/* A headless player: a sandboxed Lua file defining decide(view) (returned
 * as { decide = fn }, returned as a function, or set as a global). The
 * view holds only what a player sees; decide returns a list of actions,
 * each { "patch", "web" } or { action = "choose", target = 1, option = 2 }.
 * The bot draws from its own stream seeded by seed, never the world's. */
typedef struct script_bot script_bot;
script_bot *script_bot_load(const char *path, uint64_t seed, bw_err *err);
void script_bot_destroy(script_bot *b);
/* Ask the bot for this tick's actions and start them. Refused actions
 * are counted (the bot sees their effect in the next view); a bot or
 * scenario script error returns BW_ESCRIPT / BW_ELIMIT. */
int script_bot_play(script_bot *b, script_scenario *s, int *taken, int *refused, bw_err *err);

/* ---- the curriculum catalogue ---------------------------------------------- */

/* Is id known in the catalogue under kind ("accord", "ssdf", "attack",
 * "cwe")? The catalogue is scripts/lib/curriculum.lua. */
typedef struct script_catalog script_catalog;
script_catalog *script_catalog_load(const char *path, bw_err *err);
void script_catalog_destroy(script_catalog *c);
bool script_catalog_has(const script_catalog *c, const char *kind, const char *id);
/* A sentence about the id, "" when unknown. */
const char *script_catalog_title(const script_catalog *c, const char *kind, const char *id);

/* Where the shipped data lives (scripts/ and assets/): $BULWARK_DATA_DIR,
 * else the directory compiled in. */
const char *script_data_dir(void);

#endif
