/* app_internal.h — the desktop game's state, shared by app.c (window,
 * loop, input routing), app_game.c (a game's life: load, start, end,
 * store) and the screens (scr_*.c). Nothing outside game/ui includes it. */
#ifndef BULWARK_UI_APP_INTERNAL_H
#define BULWARK_UI_APP_INTERNAL_H

#include <SDL.h>

#include "bulwark/campaign.h"
#include "bulwark/debrief.h"
#include "bulwark/record.h"
#include "bulwark/script.h"
#include "bulwark/store.h"
#include "bulwark/ui.h"
#include "bulwark/ui_app.h"
#include "bulwark/ui_play.h"
#include "bulwark/watch.h"

/* One key press, as the screens see it: the command and the raw key (for
 * a menu's own letter shortcuts). */
typedef struct app_key {
    ui_cmd cmd;
    int action, option;
    int key;
    unsigned mods;
} app_key;

#define APP_MAX_KEYS 32

/* What the campaign map shows of one entry. */
typedef struct app_entry {
    char id[64];
    char path[1024];
    char title[160];
    char teaches[400];   /* "RV.1 · PW.4 · T1190 · CWE-502": practices and techniques */
    char groups[4][300]; /* by kind: accord, ssdf, attack, cwe */
    bool tutorial;
    bool exists, loads;
    bool open, done;
    store_progress prog;
} app_entry;

typedef struct ui_app {
    const ui_app_options *opt;
    ui_app_result *res;
    SDL_Window *win;
    SDL_Renderer *ren;
    ui_gfx *g;
    char renderer_name[32];
    bool software; /* SDL's software renderer (no GPU, or asked for) */

    ui_screen screen;
    ui_screen settings_return; /* settings opened from the pause overlay go back there */
    bool quit;
    int focus;  /* focused item on menu-like screens */
    int scroll; /* logical px, scrollable screens */
    int scroll_max;
    int content_h; /* height of a scrolled screen's content, last frame */

    /* input this frame */
    app_key keys[APP_MAX_KEYS];
    int key_count;
    ui_pointer ptr;

    /* time */
    long frame;
    double now; /* seconds since start (fixed step with --frames) */

    /* store */
    store_db *db;
    char store_note[BW_ERR_MSG_MAX + 64]; /* why progress is not saved, "" when it is */
    store_settings settings;

    /* campaign */
    script_campaign campaign;
    char campaign_note[BW_ERR_MSG_MAX + 64];
    app_entry *entries;
    int entry_count;
    bool entries_fresh;

    /* the scenario being looked at or played */
    char scn_path[1024];
    bool seed_given;
    uint64_t seed;
    script_scenario *preview; /* loaded for the briefing, handed to the session on start */
    char *brief_flow;         /* the preview's briefing, reflowed (scr_reflow) */
    int scroll2;              /* a second scrolled panel (the briefing's side) */
    ui_session *ss;
    ui_play *play;
    bool over_handled;
    double over_at; /* when the end was seen: the debrief follows shortly */

    /* replay / bot driving the clock */
    record_log log;
    bool have_log;
    bool played_out; /* --screen debrief played the game out with nobody at the keys */
    int log_next;
    script_bot *bot;
    double owed; /* ticks owed by the driver */

    /* play --watch: the scenario file, looked at 4 times a second */
    watch_file watch;

    /* debrief */
    script_debrief debrief;
    bool have_debrief;
    char *debrief_text;
    char debrief_note[BW_ERR_MSG_MAX + 64]; /* "Saved as result 12" or why not */
    script_catalog *catalog;

    /* error screen */
    char error_title[200];
    char error_path[1024];
    script_diags diags;
    char error_msg[BW_ERR_MSG_MAX];

    /* toast */
    char toast[400];
    double toast_until;

    /* a workshop's room (opt->room): its last state, and when to poll next */
    ui_room_state room;
    double room_next;
} ui_app;

/* app_room.c: a workshop's room in the player's window */
void app_room_tick(ui_app *a);
bool app_room_held(const ui_app *a);
void app_room_draw(ui_app *a);

/* app.c */
void app_toast(ui_app *a, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 2, 3)))
#endif
    ;
void app_go(ui_app *a, ui_event_kind ev);
void app_apply_settings(ui_app *a);
void app_save_settings(ui_app *a);

/* app_game.c */
bool app_pick(ui_app *a, const char *path); /* load for the briefing; error screen on failure */
bool app_start(ui_app *a);                  /* a fresh game of scn_path */
void app_end_game(ui_app *a);               /* drop the session and play screen */
void app_game_frame(ui_app *a, double dt, ui_rect area);
void app_game_over(ui_app *a); /* debrief, record, store */
/* The game ended but the debrief had not come yet (the window closed, or
 * --frames ran out, in the breath between the two): record it now. */
void app_game_over_pending(ui_app *a);
void app_play_out(ui_app *a);  /* run the game to its end now */
void app_load_entries(ui_app *a);
int app_next_entry(const ui_app *a); /* the first open, unfinished entry, or -1 */
void app_show_error(ui_app *a, const char *title, const char *path, const script_diags *d,
                    const char *msg);
void app_game_free(ui_app *a);
/* A CWE id as players read it: "798" -> "CWE-798" (the catalogue keeps
 * CWE ids as numbers; "CWE-798" stays as it is). */
void app_cwe_label(const char *id, char *out, size_t n);

/* screens */
void scr_menu(ui_app *a);
void scr_campaign(ui_app *a);
void scr_briefing(ui_app *a);
void scr_pause(ui_app *a);
void scr_debrief(ui_app *a);
void scr_settings(ui_app *a);
void scr_error(ui_app *a);

/* shared drawing helpers (scr_common.c) */
/* Vertical focus over n items from the frame's keys; returns the index
 * activated by Enter, or -1. */
int scr_focus_keys(ui_app *a, int n);
/* A screen title bar with a subtitle; returns the rest of the screen. */
/* Is s a scenario from outside the shipped folder (scripts/scenarios)?
 * Its briefing then names its id, author and content hash. */
bool scr_shared_scenario(const script_scenario *s);
ui_rect scr_header(ui_app *a, ui_rect r, const char *title, const char *subtitle);
/* A key pressed this frame with this raw key (no Ctrl). */
bool scr_key(const ui_app *a, int sdl_key);
bool scr_cmd(const ui_app *a, ui_cmd c);
void scr_panel(ui_app *a, ui_rect r);
/* Stars as glyphs: n filled of 3, and a word, so the count is not colour-only. */
int scr_stars(ui_app *a, int x, int y, int n, ui_font f);
/* Scenario text as paragraphs: a single line break inside a paragraph
 * becomes a space (authors wrap their Lua strings by hand); blank lines
 * and lines that start a list item stay. Caller frees; NULL on OOM. */
char *scr_reflow(const char *text);
/* Text cut to width w with an ellipsis when too long; returns the width drawn. */
int scr_text_fit(ui_app *a, ui_font f, int x, int y, int w, ui_role role, const char *text);
/* Handles the wheel and Up/Down/PageUp/PageDown for a scrolled view of
 * content_h in view_h. */
void scr_scroll(ui_app *a, int content_h, int view_h);

#endif
