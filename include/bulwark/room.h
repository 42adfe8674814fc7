/* room.h — what a room of players did, as data: the model behind the
 * facilitator's console (`bulwark workshop`), its headless --status, and
 * the HTML report (`bulwark results export --format html`).
 *
 * Built from a list of results (store_result, as rstore_results_list or
 * store_results_list return them, already filtered by the caller) and
 * each result's record text (the JSON of docs/result-record.md):
 *   - a scoreboard by player and by team;
 *   - per scenario: the distribution of each pillar (and of the total and
 *     the stars), per-decision statistics with "the decisions most players
 *     got wrong", and how the best game differed from the median one.
 *
 * Ranking (players, teams, games): more stars first, then a higher pillar
 * total (the four pillars summed, 0..400), then fewer ticks; rows equal on
 * all three share a rank (1, 2, 2, 4). A player's score is the sum, over
 * the scenarios they played, of their best game of each; a team's is the
 * mean of its players' scores (a team's size does not decide its rank). A
 * player belongs to the team of their latest result.
 *
 * Decisions are read from each record's timeline: a "choice" entry
 * "Decision: TEXT" opens one, "Decided: OPTION" answers it (by the
 * player's `choose` action at that tick, or by the deadline's default).
 * A decision is known by its text within its scenario, an option by its
 * text. The right option is the one whose games scored best (highest mean
 * pillar total); a game "got it wrong" when it picked an option whose
 * games scored lower. An option followed at once by an "offense" entry is
 * marked offensive (the scenario's own verdict).
 *
 * No SDL, no I/O: the records are text the caller read. Records are
 * untrusted: one that does not parse only loses its decisions and
 * actions (its summary columns still count), and every text kept here is
 * bounded and truncated on a UTF-8 boundary; escaping it for a screen or
 * a page is the caller's job.
 *
 * Ownership: room_build fills a caller-owned room whose arrays it owns;
 * release with room_free (also after a failure, and on a zeroed room). */
#ifndef BULWARK_ROOM_H
#define BULWARK_ROOM_H

#include <stdbool.h>
#include <stdint.h>

#include "bulwark/error.h"
#include "bulwark/sim.h"
#include "bulwark/store.h"

#define ROOM_TEXT_MAX 256     /* a decision's or an option's text, a sentence */
#define ROOM_LINE_MAX 1024    /* a line of room_best_describe: two names, or a decision and two options, whole */
#define ROOM_MAX_OPTIONS 8    /* options seen per decision; more are counted in "other" */
#define ROOM_HIST_BINS 10     /* pillar histogram: 0-9, 10-19, ..., 90-100 */

/* One game, as the room sees it (the input's order is kept in room.games). */
typedef struct room_game {
    int64_t id;                    /* the result's id */
    int64_t finished_at;
    char player[STORE_NAME_MAX];   /* "" when none */
    char team[STORE_NAME_MAX];
    char workshop[STORE_NAME_MAX];
    char scenario_id[SIM_ID_MAX];
    sim_outcome outcome;
    int stars, ticks, total;       /* total = the four pillars summed */
    int pillar[SIM_PILLAR_COUNT];
    int rank;                      /* within its scenario, 1 = best */
    bool record_ok;                /* its record parsed (actions and decisions known) */
    int actions;                   /* actions taken */
    int action_count[SIM_ACTION_KIND_COUNT];
    int action_first[SIM_ACTION_KIND_COUNT]; /* tick of the first of each kind, -1 when none */
} room_game;

/* A scoreboard row: a player or a team. */
typedef struct room_entry {
    char name[STORE_NAME_MAX];     /* the player or team ("" for results without one) */
    char team[STORE_NAME_MAX];     /* player rows: their team; team rows: "" */
    int rank;                      /* 1 = best; equal rows share it */
    int players;                   /* team rows: its players; player rows: 1 */
    int games;                     /* results counted (all of them, not only the best) */
    int scenarios;                 /* distinct scenarios played */
    double stars, total, ticks;    /* see "Ranking" above (whole numbers for a player) */
    int64_t best_id;               /* the result of the best game (player) or its best player's */
} room_entry;

/* A distribution of values 0..100 (or 0..400 for the total, 0..3 for stars). */
typedef struct room_dist {
    int n;
    int min, q1, median, q3, max; /* quartiles by the nearest-rank method */
    double mean;
    int hist[ROOM_HIST_BINS];     /* pillars: 0-9 ... 90-100; total: 0-39 ... 360-400; stars: bins 0..3 */
} room_dist;

typedef struct room_option {
    char text[ROOM_TEXT_MAX];     /* "" for "other" (more options than ROOM_MAX_OPTIONS) */
    int count;                    /* games that ended on it */
    int by_default;               /* of them, answered by the deadline, not the player */
    double mean_total, mean_stars;/* of those games */
    bool offensive;               /* an offensive act followed it */
} room_option;

typedef struct room_decision {
    char text[ROOM_TEXT_MAX];
    int games;                    /* games in which it opened */
    int answered;                 /* of them, answered before the game ended */
    int first_tick;               /* the earliest tick it opened at */
    int option_count;
    room_option options[ROOM_MAX_OPTIONS];
    int best;                     /* index of the option that scored best; -1 when fewer than
                                     two options were chosen (nothing to compare) */
    int wrong;                    /* games that picked an option scoring lower than best's */
    double wrong_share;           /* wrong / answered, 0..1 */
} room_decision;

/* How the best game of a scenario differed from its median game. */
typedef struct room_diff_decision {
    char decision[ROOM_TEXT_MAX];
    char best[ROOM_TEXT_MAX], median[ROOM_TEXT_MAX]; /* the options each ended on ("" = still open) */
} room_diff_decision;

typedef struct room_diff_action {
    sim_action_kind kind;
    int best, median;             /* how many each took */
    int best_first, median_first; /* tick of each's first, -1 when none */
} room_diff_action;

typedef struct room_best {
    int best, median;             /* indexes into room.games; -1 when the scenario has no game */
    int pillar_delta[SIM_PILLAR_COUNT]; /* best minus median */
    int action_count;             /* kinds (but choose: see decisions) where the two differ in
                                     count or first tick, biggest difference first */
    room_diff_action actions[SIM_ACTION_KIND_COUNT];
    int decision_count;           /* decisions the two answered differently */
    room_diff_decision *decisions;
} room_best;

typedef struct room_scenario {
    char id[SIM_ID_MAX];
    char title[ROOM_TEXT_MAX];    /* from the records ("" when none parsed) */
    int games, won;
    room_dist pillar[SIM_PILLAR_COUNT];
    room_dist total, stars;
    int decision_count;
    room_decision *decisions;     /* in the order they first opened */
    int wrong_count;
    int *wrong;                   /* indexes into decisions: most-got-wrong first; only decisions
                                     where more than half the answers were wrong */
    room_best best;
} room_scenario;

typedef struct room {
    int game_count;
    room_game *games;             /* the input's order */
    int player_count;
    room_entry *players;          /* by rank, then name */
    int team_count;
    room_entry *teams;            /* by rank, then name; results without a team are left out */
    int scenario_count;
    room_scenario *scenarios;     /* by id */
} room;

/* Build the room from count results; records[i] (may be NULL, or records
 * itself NULL) is results[i]'s record text. BW_OK, or BW_ENOMEM (the room
 * is then freed and zeroed). Summary values come from results (what the
 * store indexes), decisions and actions from the records. */
int room_build(const store_result *results, const char *const *records, int count, room *out,
               bw_err *err);
void room_free(room *r);

/* The scenario with this id, or NULL. */
const room_scenario *room_scenario_find(const room *r, const char *id);

/* How the best game differed, as up to max sentences of at most
 * ROOM_LINE_MAX bytes each, texts whole ("The best game (alice) patched 6 times, the
 * median game (bob) twice; its first patch came on day 1, the median's on
 * day 3."): the pillars, then the actions, then the decisions. Returns how
 * many it wrote. Texts come from records: escape them before display. */
int room_best_describe(const room *r, const room_scenario *sc, char (*lines)[ROOM_LINE_MAX],
                       int max);

#endif
