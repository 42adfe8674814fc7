/* screen.c — the screen state machine: which screen follows which event.
 *
 * Plain C, tested without a window. An event that means nothing on a
 * screen leaves it where it is, so a stray key can never jump the game
 * somewhere strange. Settings always returns to the menu here; when the
 * app opened them from the pause overlay it returns there itself (the one
 * piece of history the machine does not keep). QUIT is final. */
#include "bulwark/ui.h"

ui_screen ui_screen_next(ui_screen from, ui_event_kind ev)
{
    if ((int)from < 0 || from >= UI_SCREEN_COUNT)
        return UI_SCREEN_MENU;
    switch (from) {
    case UI_SCREEN_MENU:
        switch (ev) {
        case UI_GO_CAMPAIGN: return UI_SCREEN_CAMPAIGN;
        case UI_GO_SETTINGS: return UI_SCREEN_SETTINGS;
        case UI_GO_QUIT: return UI_SCREEN_QUIT;
        case UI_PICK_SCENARIO:
            return UI_SCREEN_BRIEFING; /* "Continue campaign", the command line */
        case UI_LOAD_FAILED: return UI_SCREEN_ERROR;
        default: return from;
        }
    case UI_SCREEN_CAMPAIGN:
        switch (ev) {
        case UI_PICK_SCENARIO: return UI_SCREEN_BRIEFING;
        case UI_LOAD_FAILED: return UI_SCREEN_ERROR;
        case UI_GO_SETTINGS: return UI_SCREEN_SETTINGS;
        case UI_BACK: return UI_SCREEN_MENU;
        default: return from;
        }
    case UI_SCREEN_BRIEFING:
        switch (ev) {
        case UI_START: return UI_SCREEN_PLAY;
        case UI_LOAD_FAILED: return UI_SCREEN_ERROR;
        case UI_BACK: return UI_SCREEN_CAMPAIGN;
        default: return from;
        }
    case UI_SCREEN_PLAY:
        switch (ev) {
        case UI_PAUSE:
        case UI_BACK: return UI_SCREEN_PAUSE;
        case UI_GAME_OVER: return UI_SCREEN_DEBRIEF;
        case UI_LOAD_FAILED: return UI_SCREEN_ERROR;
        default: return from;
        }
    case UI_SCREEN_PAUSE:
        switch (ev) {
        case UI_RESUME:
        case UI_BACK: return UI_SCREEN_PLAY;
        case UI_START: return UI_SCREEN_PLAY; /* Restart */
        case UI_GO_SETTINGS: return UI_SCREEN_SETTINGS;
        case UI_GO_QUIT: return UI_SCREEN_MENU; /* Quit to menu */
        case UI_GAME_OVER: return UI_SCREEN_DEBRIEF;
        case UI_LOAD_FAILED: return UI_SCREEN_ERROR;
        default: return from;
        }
    case UI_SCREEN_DEBRIEF:
        switch (ev) {
        case UI_GO_CAMPAIGN: return UI_SCREEN_CAMPAIGN;   /* Continue */
        case UI_START: return UI_SCREEN_PLAY;             /* Replay */
        case UI_PICK_SCENARIO: return UI_SCREEN_BRIEFING; /* the next scenario */
        case UI_LOAD_FAILED: return UI_SCREEN_ERROR;
        case UI_BACK:
        case UI_GO_QUIT: return UI_SCREEN_MENU;
        default: return from;
        }
    case UI_SCREEN_SETTINGS:
        switch (ev) {
        case UI_BACK: return UI_SCREEN_MENU;
        default: return from;
        }
    case UI_SCREEN_ERROR:
        switch (ev) {
        case UI_BACK:
        case UI_GO_QUIT: return UI_SCREEN_MENU;
        default: return from;
        }
    case UI_SCREEN_QUIT:
    default: return from;
    }
}

const char *ui_screen_name(ui_screen s)
{
    static const char *const names[UI_SCREEN_COUNT] = {
        [UI_SCREEN_MENU] = "menu",         [UI_SCREEN_CAMPAIGN] = "campaign",
        [UI_SCREEN_BRIEFING] = "briefing", [UI_SCREEN_PLAY] = "play",
        [UI_SCREEN_PAUSE] = "pause",       [UI_SCREEN_DEBRIEF] = "debrief",
        [UI_SCREEN_SETTINGS] = "settings", [UI_SCREEN_ERROR] = "error",
        [UI_SCREEN_QUIT] = "quit",
    };
    if ((int)s < 0 || s >= UI_SCREEN_COUNT)
        return "?";
    return names[s];
}
