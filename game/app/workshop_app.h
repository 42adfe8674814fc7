/* workshop_app.h — the command line's workshop pieces (internal to
 * game/app): `check` of a workshop config, `play --workshop`, and the
 * facilitator's `workshop` command (docs/workshops.md). */
#ifndef BULWARK_WORKSHOP_APP_H
#define BULWARK_WORKSHOP_APP_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#include "bulwark/room.h"
#include "bulwark/rstore.h"
#include "bulwark/workshop.h"

/* `bulwark check` of one workshop config: its diagnostics to err (or as
 * one JSON object added to json_all, a cJSON array, when not NULL) and
 * "FILE: ok (...)" to out. Returns whether it is valid. */
bool app_check_workshop(const char *file, bool werror, void *json_all, FILE *out, FILE *err);

/* `bulwark play --workshop CONFIG ...`: argv is play's whole argument
 * list. Returns an exit code. */
int app_play_workshop(int argc, char **argv, FILE *out, FILE *err);

/* `bulwark workshop CONFIG ...`: the facilitator's console. */
int app_cmd_workshop(int argc, char **argv, FILE *out, FILE *err);

/* ---- shared by play --workshop and the console (workshop_room.c) ---------- */

/* A config and its results store, open. */
typedef struct ws_ctx {
    workshop_config cfg;
    rstore *st;
} ws_ctx;

/* Load CONFIG (its problems printed to err as file:line) and open its
 * store in role (the facilitator's connection migrates it). *ctx is
 * heap-allocated; free with ws_close. Returns an exit code (APP_OK, or
 * APP_FAILED with the reason printed, prefixed by cmd). */
int ws_open(const char *cmd, const char *config, rstore_role role, ws_ctx **ctx, FILE *err);
void ws_close(ws_ctx *c);

const char *ws_phase_name(rstore_phase p);
/* Seconds the session has run (pauses excluded) at now, and seconds left
 * of the time limit (0 when it has run out; the whole limit in the lobby). */
int64_t ws_elapsed(const rstore_session *s, int64_t now);
int64_t ws_seconds_left(const workshop_config *c, const rstore_session *s, int64_t now);
/* "42:05" (or "1:02:05") into buf. */
const char *ws_clock(int64_t secs, char *buf, size_t n);

/* The room: this workshop's results, with their records when
 * with_records (the debrief's decisions need them; the scoreboard does
 * not). BW_OK or an error with a sentence. */
int ws_room(ws_ctx *c, bool with_records, room *out, bw_err *err);

/* ---- what the facilitator sees (workshop_status.c) ------------------------ */

typedef struct ws_state {
    rstore_session s;
    rstore_player *players;
    int player_count;
    room rm; /* with records (decisions) once the session is over */
    bool time_up; /* running (or paused) with no time left: over, not yet ended by hand */
    bool over;    /* ended, or time_up: the debrief is shown */
} ws_state;

/* Read the session, the lobby and the room; APP_OK or APP_FAILED with
 * the reason printed. Release with ws_release. */
int ws_gather(ws_ctx *c, ws_state *st, FILE *err);
void ws_release(ws_state *st);
/* --status: as text, or as JSON. Returns an exit code. */
int ws_print_status(ws_ctx *c, bool json, FILE *out, FILE *err);
/* The console window's view (ui_workshop.h) of st. */
struct ui_console_view;
void ws_fill_view(ws_ctx *c, const ws_state *st, struct ui_console_view *v);

#endif
