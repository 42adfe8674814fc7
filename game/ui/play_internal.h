/* play_internal.h — the play screen's state, shared by play*.c (internal
 * to game/ui; nothing else includes it).
 *
 * The model parts (action rows, node styles, attack paths) are plain C
 * over a const world and are tested without a window; the drawing parts
 * take a ui_gfx. The play screen never changes the world itself: every
 * action goes through ui_session_act. */
#ifndef BULWARK_UI_PLAY_INTERNAL_H
#define BULWARK_UI_PLAY_INTERNAL_H

#include "bulwark/debug_view.h"
#include "bulwark/ui_play.h"
#include "map.h"

/* ---- the model (plain C) ------------------------------------------------------------- */

/* One action the player can take, as the panel lists it. */
typedef struct play_row {
    sim_action_kind kind;
    int target; /* per sim_action_target_type; -1 for none */
    char label[160];
    sim_action_cost cost;
    bool enabled;                /* sim_action_check said yes */
    char reason[BW_ERR_MSG_MAX]; /* why not, when !enabled */
    char key;                    /* ui_action_key, 0 when none */
} play_row;

#define PLAY_MAX_ROWS 96

/* The node's actions: every offered action that targets a node, the ones
 * accepted now first, each group in action order. */
int play_rows_node(const sim_world *w, int node, play_row *rows, int max);
/* The organisation's actions: sharing, security.txt, notification, open
 * reports, known attackers, training per practice area. Attackers the
 * defender has not detected are never listed (that would leak them). */
int play_rows_org(const sim_world *w, play_row *rows, int max);
/* The row a shortcut letter acts on: the first enabled row of that
 * action, else its first row; -1 when the action has no row. */
int play_rows_find(const play_row *rows, int n, sim_action_kind kind);

/* How a node looks to the defender (the fog of war: sim_node_view, never
 * the truth): a glyph and a word as well as a colour. */
typedef struct play_style {
    const char *glyph;
    const char *word;
    ui_role role;
} play_style;
play_style play_node_style(const sim_world *w, int node);
/* Short code drawn in a node's icon ("WEB", "DB", ...). */
const char *play_kind_code(sim_node_kind k);
/* Short badge of a control bit ("MFA", "EDR", ...). */
const char *play_control_badge(unsigned bit);
/* "critical" / "high" / "medium" / "low" from tenths. */
const char *play_severity_word(int tenths);
/* A log kind as a word and a colour for the log and toasts. */
const char *play_log_word(sim_log_kind k);
ui_role play_log_role(sim_log_kind k);

/* A detected intrusion the map animates: where it came from and where it is. */
typedef struct play_attack {
    int intrusion;
    int from; /* node id, or -1 for the internet */
    int to;
    int actor;
} play_attack;
/* The detected, active intrusions with their source; returns the count. */
int play_attacks(const sim_world *w, play_attack *out, int max);

/* "Day 3 · 14:00". */
void play_format_time(int tick, char *buf, size_t n);

/* ---- the screen --------------------------------------------------------------------- */

#define PLAY_MAX_TOASTS 4
#define PLAY_TOAST_SECONDS 4.0
#define PLAY_TOAST_W 340 /* logical pixels, at most */

typedef struct play_toast {
    int log;                   /* sim_log index, -1 for a message of the UI's own */
    char text[BW_ERR_MSG_MAX]; /* the UI's own message (a refusal) */
    ui_role role;
    double age;
} play_toast;

/* Where keyboard focus is. */
typedef enum play_focus {
    PLAY_FOCUS_MAP,   /* arrows move between nodes */
    PLAY_FOCUS_PANEL, /* arrows move between the panel's buttons */
    PLAY_FOCUS_LOG,   /* arrows scroll the event log */
} play_focus;

struct ui_play {
    ui_session *ss;
    ui_gfx *g;    /* NULL: logic only (tests) */
    bool passive; /* the app steps the session, not ui_play_frame */
    map_layout map;
    map_camera cam;
    bool cam_ready;
    int selected;     /* node id or -1 */
    double anim;      /* seconds of real time: cosmetic only */
    uint64_t last_ms; /* wall clock of the last frame (SDL ticks) */

    /* Regions of the last frame. */
    ui_rect area, hud, map_area, panel, log_area;

    /* Pointer. */
    ui_pointer ptr;
    bool have_ptr;
    bool dragging, press_in_map;
    int press_x, press_y, last_x, last_y;

    /* Panel. */
    play_focus focus;
    int panel_focus;  /* index into the panel's button list */
    int panel_scroll; /* pixels */
    int panel_content_h;
    play_row node_rows[PLAY_MAX_ROWS];
    int node_row_count;
    play_row org_rows[PLAY_MAX_ROWS];
    int org_row_count;
    int button_count; /* buttons drawn in the panel last frame */

    /* Log and toasts. */
    int *log_lines; /* visible sim_log indices */
    int log_count, log_cap, log_scanned;
    int log_scroll; /* lines up from the newest; 0 = follow */
    play_toast toasts[PLAY_MAX_TOASTS];
    int toast_count;
    bool toasts_bottom; /* shown bottom-right: the top would hide nodes */
    ui_rect toast_rect; /* where they were drawn last frame */

    /* Choice dialog. */
    int dialog_choice; /* sim choice index on show, -1 none */
    int dialog_focus;  /* option */
    int dialog_hidden; /* choice index the player put aside, -1 none */
    int choices_seen;  /* sim_choice_count when last looked */

    bool help;                   /* the shortcut sheet is open */
    bool debug;                  /* the author's debug view (F3) */
    debug_view dview;            /* its lines, rebuilt when the world moved */
    bool dview_ok;
    int dview_tick, dview_actions, dview_draws;
    char notice_title[120];      /* a reload's error over the map, "" none */
    char notice[BW_ERR_MSG_MAX];
    char status[BW_ERR_MSG_MAX]; /* the failure message once the game stopped */
};

/* play.c */
const sim_world *play_world(const ui_play *p);
void play_toast_text(ui_play *p, const char *text, ui_role role);
bool play_act(ui_play *p, sim_action_kind kind, int target, int arg);
void play_refresh_rows(ui_play *p);

/* play_draw.c: shapes and text helpers. */
ui_colour play_alpha(const ui_gfx *g, ui_role role, int alpha);
void play_round_rect(ui_gfx *g, ui_rect r, int radius, ui_colour c);
void play_round_frame(ui_gfx *g, ui_rect r, int radius, ui_colour border, ui_colour fill,
                      int thick);
/* Text cut with "…" to fit max_w; returns the width drawn. */
int play_text_fit(ui_gfx *g, ui_font f, int x, int y, int max_w, ui_colour c, const char *s);
/* A small rounded label; returns its width. */
int play_pill(ui_gfx *g, ui_font f, int x, int y, ui_colour bg, ui_colour fg, const char *s);
int play_pill_width(ui_gfx *g, ui_font f, const char *s);
/* A flat button of the play screen's own look (icon-sized ones, rows). */
bool play_button(ui_play *p, ui_rect r, bool focused, bool enabled, bool active);
void play_dashed(ui_gfx *g, int x0, int y0, int x1, int y1, int dash, int gap, ui_colour c);

/* play_map.c */
void play_map_draw(ui_play *p);
void play_map_input(ui_play *p);
void play_map_select(ui_play *p, int node);
ui_rect play_map_clear_area(const ui_play *p);
void play_map_fit(ui_play *p);

/* play_hud.c */
void play_hud_draw(ui_play *p);
int play_hud_height(ui_gfx *g);

/* play_panel.c */
void play_panel_draw(ui_play *p);
void play_panel_move(ui_play *p, int step);
bool play_panel_activate(ui_play *p);

/* play_log.c */
void play_log_update(ui_play *p, double dt);
void play_log_draw(ui_play *p);
void play_toasts_draw(ui_play *p);

/* play_dialog.c */
void play_dialog_update(ui_play *p);
void play_dialog_draw(ui_play *p);
bool play_dialog_choose(ui_play *p, int option);
void play_help_draw(ui_play *p);

/* play_debug.c: the author's debug view and the reload notice. */
void play_debug_draw(ui_play *p);
void play_debug_mark_node(ui_play *p, int node, ui_rect r);
void play_notice_draw(ui_play *p);

#endif
