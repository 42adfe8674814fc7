/* palette.c — colour roles to RGB, for the standard dark theme and a
 * colour-blind-safe one.
 *
 * The colour-blind palette takes its hues from Okabe & Ito ("Color
 * Universal Design", 2008): orange, sky blue, bluish green, yellow, blue,
 * vermillion, reddish purple — chosen to stay apart under protanopia,
 * deuteranopia and tritanopia. GOOD / WARN / BAD use bluish green, yellow
 * and vermillion, which also differ in lightness. Colour never carries a
 * state alone anyway: every state has a glyph or a word too. */
#include "bulwark/ui.h"

#define C(hex)                                                                                     \
    {                                                                                              \
        (uint8_t)((hex) >> 16), (uint8_t)(((hex) >> 8) & 0xff), (uint8_t)((hex)&0xff), 255         \
    }

static const ui_colour palettes[UI_PALETTE_COUNT][UI_ROLE_COUNT] = {
    [UI_PALETTE_STANDARD] =
        {
            [UI_BG] = C(0x11151b),
            [UI_PANEL] = C(0x1a2029),
            [UI_PANEL_HI] = C(0x263142),
            [UI_BORDER] = C(0x364356),
            [UI_TEXT] = C(0xe6ebf1),
            [UI_TEXT_DIM] = C(0x8e9aab),
            [UI_ACCENT] = C(0x4ea1ff),
            [UI_GOOD] = C(0x4cc38a),
            [UI_WARN] = C(0xf2b73a),
            [UI_BAD] = C(0xef5350),
            [UI_INFO] = C(0x8fb8de),
            [UI_LINK] = C(0x4a5a70),
            [UI_ATTACK] = C(0xff7a45),
            [UI_PILLAR_PROTECTION] = C(0x42a5f5),
            [UI_PILLAR_RESPONSIBILITY] = C(0xba68c8),
            [UI_PILLAR_CAPACITY] = C(0xffca28),
            [UI_PILLAR_COLLABORATION] = C(0x26c6a6),
            [UI_ZONE] = C(0x2c3d55),
        },
    [UI_PALETTE_COLOURBLIND] =
        {
            [UI_BG] = C(0x121417),
            [UI_PANEL] = C(0x1c1f24),
            [UI_PANEL_HI] = C(0x2c3139),
            [UI_BORDER] = C(0x4a505a),
            [UI_TEXT] = C(0xf2f2f2),
            [UI_TEXT_DIM] = C(0x9da3ad),
            [UI_ACCENT] = C(0x56b4e9), /* sky blue */
            [UI_GOOD] = C(0x009e73),   /* bluish green */
            [UI_WARN] = C(0xf0e442),   /* yellow */
            [UI_BAD] = C(0xd55e00),    /* vermillion */
            [UI_INFO] = C(0xa6cfe8),   /* a light sky blue for readable notices */
            [UI_LINK] = C(0x5a606a),
            [UI_ATTACK] = C(0xe69f00),                /* orange */
            [UI_PILLAR_PROTECTION] = C(0x56b4e9),     /* sky blue */
            [UI_PILLAR_RESPONSIBILITY] = C(0xcc79a7), /* reddish purple */
            [UI_PILLAR_CAPACITY] = C(0xe69f00),       /* orange */
            [UI_PILLAR_COLLABORATION] = C(0x009e73),  /* bluish green */
            [UI_ZONE] = C(0x2f3a48),
        },
};

ui_colour ui_palette_colour(ui_palette_kind p, ui_role role)
{
    if ((int)p < 0 || p >= UI_PALETTE_COUNT)
        p = UI_PALETTE_STANDARD;
    if ((int)role < 0 || role >= UI_ROLE_COUNT)
        role = UI_TEXT;
    return palettes[p][role];
}

const char *ui_palette_name(ui_palette_kind p)
{
    switch (p) {
    case UI_PALETTE_STANDARD: return "standard";
    case UI_PALETTE_COLOURBLIND: return "colour-blind";
    default: return "?";
    }
}
