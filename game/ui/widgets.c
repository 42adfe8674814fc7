/* widgets.c — immediate-mode widgets drawn through ui_gfx.
 *
 * A button shows its shortcut as "[k]" so every key is discoverable, and
 * shows focus with a ring as well as a colour. A click completes on
 * release inside the button. */
#include <stdio.h>
#include <string.h>

#include "gfx_internal.h"

bool ui_button(ui_gfx *g, const ui_pointer *p, ui_rect r, const char *label, const char *key_hint,
               bool focused, bool enabled)
{
    bool hover = p && ui_rect_contains(r, p->x, p->y);
    ui_role bg = !enabled ? UI_PANEL : (hover || focused) ? UI_PANEL_HI : UI_PANEL;
    ui_fill(g, r, bg);
    ui_outline(g, r, focused && enabled ? UI_ACCENT : UI_BORDER);
    if (focused && enabled)
        ui_outline(g, ui_rect_inset(r, 1), UI_ACCENT);
    if (hover && enabled && p->down)
        ui_fill_rgba(g, ui_rect_inset(r, 2), (ui_colour){0, 0, 0, 40});

    ui_role fg = enabled ? UI_TEXT : UI_TEXT_DIM;
    ui_font f = focused && enabled ? UI_FONT_BOLD : UI_FONT_BODY;
    char hint[24] = "";
    if (key_hint && *key_hint)
        snprintf(hint, sizeof hint, "[%s]", key_hint);
    int lh = ui_line_height(g, f);
    int lw = ui_text_width(g, f, label ? label : "");
    int hw = *hint ? ui_text_width(g, UI_FONT_SMALL, hint) : 0;
    int gap = *hint ? 8 : 0;
    if (*hint && lw + gap + hw > r.w - 16) {
        hint[0] = 0; /* too narrow (large text): the label matters more than its key */
        hw = gap = 0;
    }
    int total = lw + gap + hw;
    int x = r.x + (r.w - total) / 2;
    if (x < r.x + 8)
        x = r.x + 8;
    int y = r.y + (r.h - lh) / 2;
    bool had_clip = g->clip_on;
    ui_rect saved = g->clip;
    ui_rect inner = ui_rect_inset(r, 2);
    ui_clip(g, &inner);
    ui_text(g, f, x, y, fg, label ? label : "");
    if (*hint) {
        int sh = ui_line_height(g, UI_FONT_SMALL);
        ui_text(g, UI_FONT_SMALL, x + lw + gap, r.y + (r.h - sh) / 2,
                enabled ? UI_ACCENT : UI_TEXT_DIM, hint);
    }
    ui_clip(g, had_clip ? &saved : NULL);
    return enabled && hover && p->released;
}
