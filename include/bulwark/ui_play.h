/* ui_play.h — the play screen and the game session behind it.
 *
 * ui_session is plain C (no SDL): one scenario being played by a person —
 * the clock (pause, 1x/2x/4x/8x), the player's actions, new events for
 * toasts, the game's end. It changes the world ONLY through
 * script_scenario_act, the API bots use, so a game played by hand is
 * recorded as the same action log and replays headless to the same world
 * hash.
 *
 * ui_play draws the play screen for a session and turns input into
 * actions: the map (zones as regions, nodes with kind icons and state,
 * links, detected attacks moving along links; pan, zoom, select; an
 * automatic layout when the scenario gives no positions), the HUD, the
 * side panel of the selected node, the event log, toasts and the choice
 * dialogs. */
#ifndef BULWARK_UI_PLAY_H
#define BULWARK_UI_PLAY_H

#include <stdbool.h>

#include "bulwark/error.h"
#include "bulwark/script.h"
#include "bulwark/ui.h"

/* ---- the session (plain C) ---------------------------------------------------- */

typedef struct ui_session ui_session;

/* Takes ownership of s. */
ui_session *ui_session_create(script_scenario *s, bw_err *err);
void ui_session_destroy(ui_session *ss);
script_scenario *ui_session_scenario(ui_session *ss);

/* Speed in ticks (game hours) per real second: 0 = paused, 1, 2, 4, 8
 * (automation may ask for more, up to 240; values outside 0..240 are
 * clamped). A new session starts paused. */
void ui_session_set_speed(ui_session *ss, int ticks_per_second);
int ui_session_speed(const ui_session *ss);
/* Pause, or resume at the last speed that was not 0 (1 at first). */
void ui_session_toggle_pause(ui_session *ss);
/* Advance real time by dt seconds: runs as many ticks as the speed says
 * (never more than 16 in one call). Returns the ticks run, or a negative
 * bw error when the scenario failed (message in err; the game is over). */
int ui_session_update(ui_session *ss, double dt, bw_err *err);
/* Start an action as the player; false with the reason in err when refused. */
bool ui_session_act(ui_session *ss, const sim_action_req *req, bw_err *err);
/* The world ended, or the scenario failed (see ui_session_failure). */
bool ui_session_over(const ui_session *ss);
/* Why the game stopped on a script error ("file:line: ..."), NULL if it did not. */
const char *ui_session_failure(const ui_session *ss);
/* Replace the scenario by s, a reload of it at the same tick (play
 * --watch): keeps the speed; new log entries start after s's last.
 * Takes ownership of s; the old scenario is destroyed. */
void ui_session_replace(ui_session *ss, script_scenario *s);
/* Log entries not yet shown as toasts: *first is the index of the first
 * unseen sim_log entry, *count how many there are (hidden ones included:
 * show only those with .visible); marks them seen and returns *count. */
int ui_session_take_new_log(ui_session *ss, int *first, int *count);

/* ---- the play screen (SDL drawing) --------------------------------------------------- */

typedef struct ui_play ui_play;

/* Borrows the session and the gfx; both must outlive the play screen.
 * g may be NULL: the logic alone (commands, selection, the clock), for
 * tests without a window. */
ui_play *ui_play_create(ui_session *ss, ui_gfx *g, bw_err *err);
void ui_play_destroy(ui_play *p);
/* Input: a command (from ui_key_map) with its action/option, or pointer
 * state for this frame. Returns true when the play screen used it. */
bool ui_play_command(ui_play *p, ui_cmd c, int action, int option);
void ui_play_pointer(ui_play *p, const ui_pointer *ptr);
/* Per frame: advance the session by dt and draw into area. dt is real
 * time (seconds): it also runs animations and ages toasts. */
int ui_play_frame(ui_play *p, double dt, ui_rect area, bw_err *err);
/* Whether ui_play_frame advances the session (default true). An app that
 * steps the world itself (a replay, a bot in the window) turns it off and
 * still passes the real dt. */
void ui_play_set_drives_session(ui_play *p, bool on);
/* Select a node by id (automation and tests); false when unknown. */
bool ui_play_select(ui_play *p, const char *node_id);
/* A choice dialog is open (the app must route digits to it). */
bool ui_play_dialog_open(const ui_play *p);

/* For authors. Swap in s, a reload of the scenario at the same tick
 * (watch.h): the camera, the selection (by node id), the speed and the
 * debug view stay. Takes ownership of s. */
int ui_play_swap_scenario(ui_play *p, script_scenario *s, bw_err *err);
/* A notice over the map: a reload's "file:line: ..." error while the
 * last good version runs on. NULL or "" removes it. */
void ui_play_set_notice(ui_play *p, const char *title, const char *text);
/* The author's debug view (F3): the hidden state fog of war keeps from
 * players, in a panel, and each node's true state marked on the map. */
void ui_play_set_debug(ui_play *p, bool on);
bool ui_play_debug(const ui_play *p);

#endif
