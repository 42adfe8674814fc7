/* debug_view.h — the author's debug view as lines of text: the hidden
 * state that fog of war keeps from players (true node states, each
 * attacker's progress along its attack chain and the chance of its next
 * step, pending scheduled events, the random draws of the last tick).
 *
 * Built only from read-only queries (sim.h "the author's debug view",
 * script_scenario_pending_events): building it draws no random number
 * and leaves the world hash unchanged. The same lines are printed by
 * `bulwark run --debug` and drawn by the play screen's F3 panel.
 *
 * Ownership: debug_view_free releases the lines (a zeroed view is fine). */
#ifndef BULWARK_DEBUG_VIEW_H
#define BULWARK_DEBUG_VIEW_H

#include <stdio.h>

#include "bulwark/script.h"

typedef enum debug_line_kind {
    DEBUG_HEADING,  /* a section's title */
    DEBUG_TEXT,     /* a fact */
    DEBUG_HIDDEN,   /* a fact the player does not see (a hidden foothold) */
    DEBUG_DIM,      /* detail: a draw, a missed roll */
} debug_line_kind;

typedef struct debug_line {
    debug_line_kind kind;
    char text[200];
} debug_line;

typedef struct debug_view {
    debug_line *lines;
    int count, cap;
    int hidden_nodes;          /* nodes whose true state the player does not see */
} debug_view;

/* Build the view of s as it stands. BW_OK or BW_ENOMEM. */
int debug_view_build(script_scenario *s, debug_view *v);
void debug_view_free(debug_view *v);
/* One line each, headings unindented. */
void debug_view_print(const debug_view *v, FILE *out);
/* "12.5%" for a chance in ppm. */
void debug_format_ppm(uint32_t ppm, char *buf, size_t n);

#endif
