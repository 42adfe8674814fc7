/* ui.h — the desktop game's drawing layer, input mapping and screens
 * (DESIGN.md section 5).
 *
 * Two layers. The logic — layout, hit-testing, input mapping, the screen
 * state machine, the camera — is plain C over the types below and is
 * tested without a window. The drawing goes through ui_gfx, a thin
 * immediate-mode layer over one SDL_Renderer with cached text.
 *
 * Coordinates are logical pixels; ui_gfx scales to the window's real
 * pixels (high-DPI) so text is rasterised at the real size and stays
 * crisp. Colours are roles, not RGB: the palette (ordinary or
 * colour-blind-safe) maps roles to colours, and a state is never shown by
 * colour alone (each has a glyph or a word as well).
 *
 * Ownership: create/destroy pairs; strings passed in are copied when kept. */
#ifndef BULWARK_UI_H
#define BULWARK_UI_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "bulwark/error.h"

/* ---- geometry ---------------------------------------------------------------- */

typedef struct ui_rect {
    int x, y, w, h;
} ui_rect;

bool ui_rect_contains(ui_rect r, int x, int y);
ui_rect ui_rect_inset(ui_rect r, int by);
/* Cut a strip off one side of *r and return it (r shrinks): layout by
 * slicing, as in many immediate-mode UIs. */
ui_rect ui_cut_top(ui_rect *r, int h);
ui_rect ui_cut_bottom(ui_rect *r, int h);
ui_rect ui_cut_left(ui_rect *r, int w);
ui_rect ui_cut_right(ui_rect *r, int w);

/* The smallest window every screen is laid out for. */
#define UI_WINDOW_MIN_W 800
#define UI_WINDOW_MIN_H 560
/* The window size to open: the wanted size (the stored setting, or
 * --window) shrunk to fit the display's usable area (usable_w/h; <= 0
 * when unknown) less a margin for the window's frame, and never below the
 * minimum unless the display itself is smaller. */
void ui_window_fit(int want_w, int want_h, int usable_w, int usable_h, int *w, int *h);

/* ---- colours ----------------------------------------------------------------- */

typedef struct ui_colour {
    uint8_t r, g, b, a;
} ui_colour;

typedef enum ui_role {
    UI_BG,          /* window background */
    UI_PANEL,       /* panels, bars */
    UI_PANEL_HI,    /* hovered / selected panel, focused widget */
    UI_BORDER,
    UI_TEXT,
    UI_TEXT_DIM,    /* secondary text, disabled widgets */
    UI_ACCENT,      /* focus ring, primary buttons, selection */
    UI_GOOD,        /* healthy, protected, won */
    UI_WARN,        /* suspicious, at risk, detected */
    UI_BAD,         /* compromised, encrypted, lost */
    UI_INFO,        /* neutral notices, reports */
    UI_LINK,        /* network links */
    UI_ATTACK,      /* attacks moving along links */
    UI_PILLAR_PROTECTION,
    UI_PILLAR_RESPONSIBILITY,
    UI_PILLAR_CAPACITY,
    UI_PILLAR_COLLABORATION,
    UI_ZONE,        /* zone regions (drawn translucent) */
    UI_ROLE_COUNT
} ui_role;

typedef enum ui_palette_kind {
    UI_PALETTE_STANDARD,
    UI_PALETTE_COLOURBLIND,  /* Okabe-Ito: safe for the common colour-vision deficiencies */
    UI_PALETTE_COUNT
} ui_palette_kind;

ui_colour ui_palette_colour(ui_palette_kind p, ui_role role);
const char *ui_palette_name(ui_palette_kind p);

/* ---- input mapping (plain C, no SDL types) ------------------------------------ */

/* What the player means, whatever the device. Every action the game
 * offers is reachable from the keyboard alone and from the mouse alone. */
typedef enum ui_cmd {
    UI_CMD_NONE,
    UI_CMD_CONFIRM,      /* Enter, keypad Enter */
    UI_CMD_BACK,         /* Escape: close dialog, pause, back */
    UI_CMD_UP, UI_CMD_DOWN, UI_CMD_LEFT, UI_CMD_RIGHT,
    UI_CMD_NEXT,         /* Tab: next focusable item / next node */
    UI_CMD_PREV,         /* Shift+Tab */
    UI_CMD_PAUSE,        /* Space: pause / resume */
    UI_CMD_SPEED_1, UI_CMD_SPEED_2, UI_CMD_SPEED_4, UI_CMD_SPEED_8,  /* 1..4 */
    UI_CMD_SLOWER, UI_CMD_FASTER,                                    /* - and + */
    UI_CMD_ZOOM_IN, UI_CMD_ZOOM_OUT, UI_CMD_ZOOM_RESET,              /* = - 0 with Ctrl; wheel */
    UI_CMD_PAN_UP, UI_CMD_PAN_DOWN, UI_CMD_PAN_LEFT, UI_CMD_PAN_RIGHT, /* W A S D */
    UI_CMD_SCREENSHOT,   /* F12 */
    UI_CMD_LOG,          /* L: focus the event log */
    UI_CMD_HELP,         /* F1 or ?: the shortcut sheet */
    UI_CMD_ACTION,       /* a letter bound to a node action: see ui_input.action */
    UI_CMD_CHOICE,       /* a digit in a choice dialog: see ui_input.option */
    UI_CMD_DEBUG,        /* F3: the author's debug view (hidden state) */
    UI_CMD_COUNT
} ui_cmd;

/* Modifier bits for ui_key_map. */
enum { UI_MOD_SHIFT = 1, UI_MOD_CTRL = 2, UI_MOD_ALT = 4 };

/* Map a key (an SDL_Keycode value, passed as int so this stays SDL-free)
 * with modifiers to a command, in a context: in_dialog makes digits pick
 * options; otherwise action letters map to UI_CMD_ACTION with the
 * action's index in *action (see ui_action_key). */
ui_cmd ui_key_map(int sdl_keycode, unsigned mods, bool in_dialog, int *action, int *option);
/* The shortcut key of a player action (sim_action_kind), as a printable
 * letter, 0 when none; unique over all actions. Lowercase is the key
 * alone, uppercase is Shift+key: there are more actions than letters left
 * free by W A S D (pan) and L (log). In a dialog, digits give *option as
 * a 0-based index ('1' is option 0). */
char ui_action_key(int sim_action_kind);
const char *ui_cmd_name(ui_cmd c);

/* ---- the screen state machine (plain C) ----------------------------------------- */

typedef enum ui_screen {
    UI_SCREEN_MENU,
    UI_SCREEN_CAMPAIGN,
    UI_SCREEN_BRIEFING,
    UI_SCREEN_PLAY,
    UI_SCREEN_PAUSE,      /* over PLAY */
    UI_SCREEN_DEBRIEF,
    UI_SCREEN_SETTINGS,
    UI_SCREEN_ERROR,      /* a scenario that failed to load: file:line, back to the menu */
    UI_SCREEN_QUIT,
    UI_SCREEN_COUNT
} ui_screen;

typedef enum ui_event_kind {
    UI_GO_CAMPAIGN, UI_GO_SETTINGS, UI_GO_QUIT,
    UI_PICK_SCENARIO,     /* from the campaign map or the command line */
    UI_LOAD_FAILED,       /* the picked scenario did not load */
    UI_START,             /* from the briefing */
    UI_PAUSE, UI_RESUME,
    UI_GAME_OVER,
    UI_BACK,
    UI_EVENT_COUNT
} ui_event_kind;

/* The next screen, or the same screen when the event means nothing there. */
ui_screen ui_screen_next(ui_screen from, ui_event_kind ev);
const char *ui_screen_name(ui_screen s);

/* ---- drawing (SDL) -------------------------------------------------------------- */

typedef enum ui_font {
    UI_FONT_SMALL,   /* 12 pt logical: labels on the map, captions */
    UI_FONT_BODY,    /* 15 pt: panels, log, buttons */
    UI_FONT_BOLD,    /* 15 pt bold: headings in panels */
    UI_FONT_TITLE,   /* 28 pt bold: screen titles */
    UI_FONT_HERO,    /* 48 pt bold: the game's name on the menu */
    UI_FONT_COUNT
} ui_font;

typedef struct ui_gfx ui_gfx;

/* Creates the drawing layer for an SDL_Window* / SDL_Renderer* (void* so
 * this header needs no SDL). Loads the shipped fonts from
 * <data dir>/assets/fonts/. text_scale: 1.0 normal, 0.75-2.0. */
ui_gfx *ui_gfx_create(void *sdl_window, void *sdl_renderer, ui_palette_kind palette,
                      double text_scale, bw_err *err);
void ui_gfx_destroy(ui_gfx *g);
/* Call once a frame before drawing: picks up window size and pixel
 * density (high-DPI), evicts text unused for a while. */
void ui_gfx_begin_frame(ui_gfx *g);
void ui_gfx_set_palette(ui_gfx *g, ui_palette_kind p);
int ui_gfx_set_text_scale(ui_gfx *g, double scale, bw_err *err);  /* reloads fonts */
double ui_gfx_text_scale(const ui_gfx *g);
ui_palette_kind ui_gfx_palette(const ui_gfx *g);
/* The window's size in logical pixels. */
ui_rect ui_gfx_screen(const ui_gfx *g);

ui_colour ui_gfx_colour(const ui_gfx *g, ui_role role);
void ui_fill(ui_gfx *g, ui_rect r, ui_role role);
void ui_fill_rgba(ui_gfx *g, ui_rect r, ui_colour c);   /* alpha blended */
void ui_outline(ui_gfx *g, ui_rect r, ui_role role);
void ui_line(ui_gfx *g, int x0, int y0, int x1, int y1, ui_role role);
void ui_line_rgba(ui_gfx *g, int x0, int y0, int x1, int y1, ui_colour c);
void ui_disc(ui_gfx *g, int cx, int cy, int radius, ui_role role);
/* Clip drawing to r; NULL removes the clip. */
void ui_clip(ui_gfx *g, const ui_rect *r);

/* Text is UTF-8; invalid bytes draw as U+FFFD. Returns the width drawn. */
int ui_text(ui_gfx *g, ui_font f, int x, int y, ui_role role, const char *utf8);
int ui_text_rgba(ui_gfx *g, ui_font f, int x, int y, ui_colour c, const char *utf8);
int ui_text_width(ui_gfx *g, ui_font f, const char *utf8);
int ui_line_height(ui_gfx *g, ui_font f);
/* Word-wrapped into box (clipped at its bottom); returns the height the
 * whole text needs. draw=false only measures. */
int ui_text_wrap(ui_gfx *g, ui_font f, ui_rect box, ui_role role, const char *utf8, bool draw);

/* A button: draws it (hovered/focused/disabled looks) and reports a click.
 * key_hint (may be NULL) is shown as "[k]" so every shortcut is visible. */
typedef struct ui_pointer {
    int x, y;          /* logical pixels */
    bool pressed;      /* went down this frame */
    bool released;     /* went up this frame (a click completes here) */
    bool down;
    int wheel;         /* +up / -down this frame */
} ui_pointer;
bool ui_button(ui_gfx *g, const ui_pointer *p, ui_rect r, const char *label,
               const char *key_hint, bool focused, bool enabled);

/* Save what was last presented, as PNG. */
int ui_gfx_screenshot(ui_gfx *g, const char *path, bw_err *err);

/* A scenario's PNG image (script_scenario_logo, _node_icon) drawn fitted
 * into r, proportions kept: decoded on first use and cached by content.
 * False when it cannot be drawn (bad data): draw the fallback. */
bool ui_image_png(ui_gfx *g, const void *png, size_t len, ui_rect r);

#endif
