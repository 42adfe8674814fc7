/* text_fit.h — how much of a scenario's text fits where the game shows
 * it, at the default text scale (1.0) and zoom (100 %), in logical pixels.
 *
 * One header for both sides: the UI opens its fonts at these sizes and
 * lays its boxes out with these widths (game/ui/text.c, game/ui/map.h),
 * and `bulwark check` warns (lint text-too-long) when a text is wider
 * than its place. Widths are computed from DejaVu Sans's advances, so the
 * lint needs no font file and no SDL; tests/ui/test_text_fit.c measures
 * the real fonts and the layout and fails when they drift from here.
 *
 * No SDL, no Lua: plain numbers any layer may include. */
#ifndef BULWARK_TEXT_FIT_H
#define BULWARK_TEXT_FIT_H

#include <stddef.h>

/* The UI's regular font sizes at text scale 1: UI_FONT_SMALL and
 * UI_FONT_BODY (DejaVu Sans). */
#define BW_FIT_SMALL_PX 12
#define BW_FIT_BODY_PX 15

/* A node's box on the map at zoom 100 %. Its label has the width left of
 * the kind icon (a fifth of the box, at most 44 px) and the margins (12
 * before the icon, 10 after, 8 at the right edge); a label the body font
 * cannot fit is drawn in the small font, and cut with an ellipsis only
 * when even that is too wide. */
#define BW_FIT_NODE_W 196
#define BW_FIT_NODE_H 64
#define BW_FIT_NODE_LABEL_PX (BW_FIT_NODE_W - 12 - BW_FIT_NODE_W / 5 - 10 - 8)

/* A known attacker's tag in the Internet zone of the map ("☠ label", small
 * font): the zone's width at zoom 100 % less its padding, less the skull. */
#define BW_FIT_ACTOR_TAG_PX 204
#define BW_FIT_ACTOR_LABEL_PX (BW_FIT_ACTOR_TAG_PX - 16)

/* The scenario's title in the play screen's top bar (small font), at the
 * bar's most compact level on the default 1280-pixel-wide window
 * (measured: a title of 290 px leaves 65 px before the speed buttons). */
#define BW_FIT_TITLE_PX 340

/* One option of a decision: a button in the 680-pixel dialog, its text
 * wrapped in the body font. Six options of two lines each still fit the
 * dialog on the default window; a longer one pushes the last off it. */
#define BW_FIT_OPTION_LINE_PX 557
#define BW_FIT_OPTION_LINES 2
#define BW_FIT_OPTION_PX (BW_FIT_OPTION_LINES * BW_FIT_OPTION_LINE_PX)

/* Advances of DejaVu Sans's printable ASCII (space to '~') in thousandths
 * of its size; any other character counts as a digit (636). */
static const unsigned short bw_fit_advance[95] = {
    318, 401, 460, 838, 636, 950, 780, 275, 390, 390, 500, 838, 318, 361, 318, 337,
    636, 636, 636, 636, 636, 636, 636, 636, 636, 636, 337, 337, 838, 838, 838, 531,
    1000, 684, 686, 698, 770, 632, 575, 775, 752, 295, 295, 656, 557, 863, 748, 787,
    603, 787, 695, 635, 611, 732, 684, 989, 685, 611, 685, 390, 337, 390, 838, 500,
    500, 613, 635, 550, 635, 615, 352, 635, 634, 278, 278, 579, 278, 974, 634, 612,
    635, 635, 411, 521, 392, 634, 592, 818, 592, 592, 525, 636, 337, 636, 838,
};

/* The width in pixels of UTF-8 text on one line at font size px, within a
 * pixel or two of what SDL_ttf draws. */
static inline int bw_fit_width(const char *utf8, int px)
{
    long sum = 0;
    for (const unsigned char *p = (const unsigned char *)utf8; p && *p; p++) {
        if (*p >= 32 && *p < 127)
            sum += bw_fit_advance[*p - 32];
        else if ((*p & 0xC0) != 0x80)
            sum += 636;
    }
    return (int)((sum * px + 500) / 1000);
}

#endif
