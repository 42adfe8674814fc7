/* text_fit.h — how much of a scenario's text fits where the game shows
 * it, at the default text scale (1.0) and zoom (100 %), in logical pixels.
 *
 * One header for both sides: the UI lays its boxes out with these widths
 * (game/ui/map.h takes its node box from here), and `bulwark check` warns
 * (lint text-too-long) when a text is longer than the characters that fit.
 * A character is counted at the average advance of the UI's font over
 * English text (DejaVu Sans, light hinting), so the limits are a fair
 * estimate, not a promise for a text of only W's; tests/ui/test_text_fit.c
 * measures the real fonts and the layout and fails when they drift apart.
 *
 * No SDL, no Lua: plain numbers any layer may include. */
#ifndef BULWARK_TEXT_FIT_H
#define BULWARK_TEXT_FIT_H

/* Average advance of a character, in tenths of a logical pixel, of the
 * UI's fonts at text scale 1: UI_FONT_SMALL (DejaVu Sans 12 px),
 * UI_FONT_BODY (15 px) and UI_FONT_BOLD (DejaVu Sans Bold 15 px). */
#define BW_FIT_SMALL_TENTHS 62
#define BW_FIT_BODY_TENTHS 77
#define BW_FIT_BOLD_TENTHS 87

/* A node's box on the map at zoom 100 %. Its label has the width left of
 * the kind icon (a fifth of the box, at most 44 px) and the margins (12
 * before the icon, 10 after, 8 at the right edge); a label the body font
 * cannot fit is drawn in the small font, and cut with an ellipsis only
 * when even that is too wide. */
#define BW_FIT_NODE_W 196
#define BW_FIT_NODE_H 64
#define BW_FIT_NODE_LABEL_PX (BW_FIT_NODE_W - 12 - BW_FIT_NODE_W / 5 - 10 - 8)

/* A known attacker's tag in the Internet zone of the map ("☠ label", small
 * font): the zone's width at zoom 100 % less its padding. */
#define BW_FIT_ACTOR_TAG_PX 204

/* The scenario's title in the play screen's top bar (small font), at the
 * bar's most compact level on the default 1280-pixel-wide window. */
#define BW_FIT_HUD_TITLE_PX 300

/* One option of a decision: a button in the 680-pixel dialog, its text
 * wrapped in the body font. Six options of two lines each still fit the
 * dialog on the default window; a longer one pushes the last off it. */
#define BW_FIT_OPTION_LINE_PX 557
#define BW_FIT_OPTION_LINES 2

/* The limits in characters (each "fits when at most this many"). */
#define BW_FIT_CHARS(px, tenths) ((px) * 10 / (tenths))
#define BW_FIT_NODE_LABEL BW_FIT_CHARS(BW_FIT_NODE_LABEL_PX, BW_FIT_SMALL_TENTHS)
#define BW_FIT_ACTOR_LABEL (BW_FIT_CHARS(BW_FIT_ACTOR_TAG_PX, BW_FIT_SMALL_TENTHS) - 2)
#define BW_FIT_TITLE BW_FIT_CHARS(BW_FIT_HUD_TITLE_PX, BW_FIT_SMALL_TENTHS)
#define BW_FIT_OPTION (BW_FIT_OPTION_LINES * BW_FIT_CHARS(BW_FIT_OPTION_LINE_PX, BW_FIT_BODY_TENTHS))

#endif
