/* ui_app.h — the desktop game as a whole: the window, the main loop and
 * every screen but play's insides (DESIGN.md section 5), plus the
 * scripted input that lets tests and documentation drive a real window.
 *
 * ui_app_run owns SDL for its duration: it opens the window, runs until
 * the player quits (or for exactly o->frames frames of 1/60 s of game
 * time each, independent of the wall clock), and closes everything. It
 * reads and writes the store (settings, progress, results); when the
 * store cannot open the game still runs and says so on the menu.
 *
 * Ownership: the options' strings are borrowed for the call. A parsed
 * input script is freed with ui_input_script_free. */
#ifndef BULWARK_UI_APP_H
#define BULWARK_UI_APP_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "bulwark/error.h"
#include "bulwark/sim.h"

/* ---- scripted input (plain C) ------------------------------------------------- */

typedef enum ui_input_kind {
    UI_INPUT_KEY,    /* FRAME key NAME      SDL key name, optionally shift+/ctrl+/alt+ */
    UI_INPUT_CLICK,  /* FRAME click X Y     logical pixels */
    UI_INPUT_SELECT, /* FRAME select NODE   a node id, on the play screen */
    UI_INPUT_SPEED,  /* FRAME speed N       ticks per second, 0..240 */
    UI_INPUT_SHOT,   /* FRAME shot FILE.png a screenshot of that frame */
} ui_input_kind;

typedef struct ui_input_event {
    long frame; /* 0-based frame it happens at */
    int line;   /* in the script, for messages */
    ui_input_kind kind;
    int key;       /* SDL keycode */
    unsigned mods; /* UI_MOD_* */
    int x, y, n;
    char text[256]; /* node id or file */
} ui_input_event;

typedef struct ui_input_script {
    int count;
    ui_input_event *items; /* in frame order (stable for equal frames) */
} ui_input_script;

/* Parse a script's text: one event a line, '#' comments, blank lines.
 * Every bad line is an error naming name:line; BW_EINVAL. */
int ui_input_script_parse(const char *text, const char *name, ui_input_script *out, bw_err *err);
int ui_input_script_read(const char *path, ui_input_script *out, bw_err *err);
void ui_input_script_free(ui_input_script *s);

/* ---- the game ------------------------------------------------------------------- */

/* A workshop's room, seen from a player's window (`play --workshop`):
 * the game polls it about once a second; until it runs, the clock is
 * held under a lobby, pause or ended overlay, and an announcement shows
 * as a banner. The game's end hands its record to submit. */
typedef enum ui_room_phase { UI_ROOM_WAITING, UI_ROOM_RUNNING, UI_ROOM_PAUSED, UI_ROOM_ENDED } ui_room_phase;
typedef struct ui_room_state {
    ui_room_phase phase;
    char headline[200];     /* "Module 3 · alice · team red · 42:10 left" */
    char announcement[256]; /* "" when none */
    char detail[300];       /* what the overlay says under its title */
} ui_room_state;
typedef struct ui_app_room {
    void (*poll)(void *ud, ui_room_state *st);
    /* The game ended: submit the record; note gets what the debrief says of it. */
    void (*submit)(void *ud, const char *record_json, char *note, size_t n);
    void *ud;
} ui_app_room;

typedef struct ui_app_options {
    const char *scenario; /* a scenario file; NULL starts at the menu */
    const char *screen;   /* NULL, or menu|campaign|briefing|play|debrief */
    bool seed_given;
    uint64_t seed;
    const char *actions;    /* a result record: its actions replay at their ticks */
    const char *player;     /* a bot script playing in the window */
    long frames;            /* > 0: exactly this many fixed 1/60 s frames, then exit */
    const char *screenshot; /* PNG of the last frame */
    const char *input;      /* a scripted input file (see above) */
    int speed;              /* starting speed in ticks/s; < 0: the saved setting */
    const char *json;       /* write the result record here when the game ends */
    const char *store;      /* the store file; NULL: the default one */
    bool no_store;          /* play without reading or writing the store */
    bool exit_when_over;    /* leave as soon as the game ends (benchmarks) */
    int startup_fd;         /* >= 0: write "presented\n" to it after the first frame */
    bool software;          /* ask for the software renderer */
    int window_w, window_h; /* > 0: open the window at this size (--window WxH); else the
                               stored size, or 1280x800 for automation (--frames) */
    bool watch;             /* reload the scenario when its file is saved (authors) */
    bool debug;             /* open the author's debug view (F3) from the start */
    const ui_app_room *room; /* a workshop's room, or NULL */
    FILE *out, *err;
} ui_app_options;

/* What happened, for the caller's exit status and messages. */
typedef struct ui_app_result {
    bool shown;     /* a window was opened */
    bool game_over; /* a game reached its end */
    sim_outcome outcome;
    bool load_failed;    /* the scenario did not load (the error screen showed why) */
    bool failed;         /* a script error, a diverged replay, a record not written,
                            a scripted input line that could not be carried out */
    uint64_t world_hash; /* of the last game played */
    int frames;          /* frames presented */
} ui_app_result;

/* ui_app_run's return when there is no display to open a window on. */
#define UI_APP_NO_DISPLAY 10

/* Is there a display to try? ($DISPLAY or $WAYLAND_DISPLAY, or a non-X11
 * video driver asked for by $SDL_VIDEODRIVER.) */
bool ui_app_display_present(void);
/* After SDL_Init(SDL_INIT_VIDEO): did SDL settle for its invisible
 * offscreen or dummy driver without $SDL_VIDEODRIVER asking for it? It
 * does so when $DISPLAY names a server it cannot reach (a stale ssh or
 * container variable); a window there would never be seen. */
bool ui_app_stand_in_driver(void);

/* Runs the game. Returns 0, 1 (the scenario failed to load or play, a
 * replay diverged), 2 (bad options, a bad input script), 3 (internal), or
 * UI_APP_NO_DISPLAY before showing anything. res may be NULL. */
int ui_app_run(const ui_app_options *o, ui_app_result *res);

#endif
