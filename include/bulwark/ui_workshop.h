/* ui_workshop.h — the workshop's screens: the facilitator's console
 * window (`bulwark workshop CONFIG`), made to be projected for a room
 * (large type, high contrast). It knows nothing of stores: the caller
 * fills a plain view (ui_console_view) when asked and carries out the
 * facilitator's actions, so game/ui never talks to a database.
 *
 * Keys (each also shown on screen): S start, P pause/resume, E end (press
 * twice), A announce (type, Enter sends, Escape cancels), Tab or 1/2/3
 * the lobby, scoreboard and debrief views, Q quits. The view follows the
 * session (lobby, then scoreboard, then debrief) until a key picks one.
 *
 * Ownership: the options' strings are borrowed for the call. */
#ifndef BULWARK_UI_WORKSHOP_H
#define BULWARK_UI_WORKSHOP_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "bulwark/ui_app.h"

#define UI_CONSOLE_MAX_TEAMS 64
#define UI_CONSOLE_MAX_NAMES 24  /* names listed per team in the lobby */
#define UI_CONSOLE_MAX_ROWS 200  /* players on the scoreboard */
#define UI_CONSOLE_MAX_LINES 8   /* debrief sentences per list */
#define UI_CONSOLE_TEXT 256

typedef struct ui_console_team {
    char name[64];
    int joined;
    char names[UI_CONSOLE_MAX_NAMES][64];
    int rank, games; /* rank 0: no result yet */
    double stars, points;
} ui_console_team;

typedef struct ui_console_player {
    char name[64], team[64];
    int rank, stars, games;
    double points;
} ui_console_player;

typedef struct ui_console_dist {
    int n, min, q1, median, q3, max;
    double mean;
    int hist[10];
} ui_console_dist;

/* Everything the console shows, filled by the caller's refresh. Phases
 * as rstore_phase: 0 lobby, 1 running, 2 paused, 3 ended. */
typedef struct ui_console_view {
    char title[128], workshop[64], store[256], scenarios[256];
    int phase;
    int64_t secs_left, secs_limit;
    char announcement[UI_CONSOLE_TEXT];
    int joined, results;
    int team_count;
    ui_console_team teams[UI_CONSOLE_MAX_TEAMS];
    int player_count;
    ui_console_player players[UI_CONSOLE_MAX_ROWS]; /* by rank */
    bool have_debrief;
    char debrief_scenario[128];
    int debrief_games, debrief_won;
    ui_console_dist pillars[4]; /* protection, responsibility, capacity, collaboration */
    int wrong_count, best_count;
    char wrong[UI_CONSOLE_MAX_LINES][UI_CONSOLE_TEXT]; /* the decisions most got wrong */
    char best[UI_CONSOLE_MAX_LINES][UI_CONSOLE_TEXT];  /* how the best game differed */
} ui_console_view;

typedef enum ui_console_act {
    UI_CONSOLE_START,
    UI_CONSOLE_PAUSE,
    UI_CONSOLE_RESUME,
    UI_CONSOLE_END,
    UI_CONSOLE_ANNOUNCE,
} ui_console_act;

typedef enum ui_console_which { UI_VIEW_LOBBY, UI_VIEW_SCOREBOARD, UI_VIEW_DEBRIEF } ui_console_which;

typedef struct ui_console_options {
    /* Fill v (called at start and every 1.5 s, and after each action);
     * note (may stay "") is shown at the bottom. Returns 0, or -1 when the
     * store did not answer (the last view stays). */
    int (*refresh)(void *ud, ui_console_view *v, char *note, size_t n);
    /* Carry out an action; text is the announcement. note says how it went. */
    int (*act)(void *ud, ui_console_act act, const char *text, char *note, size_t n);
    void *ud;
    long frames;            /* > 0: exactly this many frames of 1/60 s, then exit */
    const char *screenshot; /* PNG of the last frame */
    const char *view;       /* NULL (follow the session), lobby, scoreboard or debrief */
    bool software;
    FILE *out, *err;
} ui_console_options;

/* lobby, scoreboard, debrief -> ui_console_which; -1 for anything else. */
int ui_console_view_parse(const char *name);

/* Run the console until Q or the window closes (or o->frames frames).
 * Returns 0, 1 (a screenshot failed), 3 (internal), or UI_APP_NO_DISPLAY
 * before showing anything. */
int ui_console_run(const ui_console_options *o);

/* The view a console shows for a phase when none was picked. Plain C. */
ui_console_which ui_console_auto_view(int phase);

#endif
