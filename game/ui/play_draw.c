/* play_draw.c — small drawing helpers of the play screen, built only on
 * the public ui_gfx calls: rounded boxes, pills, text cut to a width with
 * an ellipsis, flat buttons, dashed lines.
 *
 * Cutting text measures prefixes, and every measure rasterises a string,
 * so the cut point is cached by (font, width, text): a log line is
 * measured once, not every frame. */
#include "play_internal.h"

#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

ui_colour play_alpha(const ui_gfx *g, ui_role role, int alpha)
{
    ui_colour c = ui_gfx_colour(g, role);
    c.a = (uint8_t)(alpha < 0 ? 0 : alpha > 255 ? 255 : alpha);
    return c;
}

/* Rows of a disc's quarter: how far in the edge starts on row dy of r. */
static int corner_inset(int r, int dy)
{
    double y = r - dy - 0.5;
    double x = sqrt((double)r * r - y * y);
    return (int)floor(r - x + 0.5);
}

void play_round_rect(ui_gfx *g, ui_rect r, int radius, ui_colour c)
{
    if (r.w <= 0 || r.h <= 0)
        return;
    int rad = radius;
    if (rad > r.w / 2)
        rad = r.w / 2;
    if (rad > r.h / 2)
        rad = r.h / 2;
    if (rad <= 1) {
        ui_fill_rgba(g, r, c);
        return;
    }
    for (int dy = 0; dy < rad; dy++) {
        int in = corner_inset(rad, dy);
        ui_fill_rgba(g, (ui_rect){r.x + in, r.y + dy, r.w - 2 * in, 1}, c);
        ui_fill_rgba(g, (ui_rect){r.x + in, r.y + r.h - 1 - dy, r.w - 2 * in, 1}, c);
    }
    ui_fill_rgba(g, (ui_rect){r.x, r.y + rad, r.w, r.h - 2 * rad}, c);
}

void play_round_frame(ui_gfx *g, ui_rect r, int radius, ui_colour border, ui_colour fill, int thick)
{
    play_round_rect(g, r, radius, border);
    play_round_rect(g, ui_rect_inset(r, thick), radius - thick > 1 ? radius - thick : 1, fill);
}

/* ---- text cut to a width ------------------------------------------------------------- */

#define FIT_SLOTS 512

typedef struct fit_entry {
    uint64_t hash;
    int font, width;
    size_t len; /* of the whole text */
    size_t cut; /* bytes kept before the ellipsis; len = no cut */
} fit_entry;

static fit_entry fit_cache[FIT_SLOTS]; /* cosmetic: shared by every play screen */

static uint64_t fnv(const char *s, size_t n, int font, int width)
{
    uint64_t h =
        1469598103934665603ULL ^ (uint64_t)(unsigned)font ^ ((uint64_t)(unsigned)width << 8);
    for (size_t i = 0; i < n; i++) {
        h ^= (unsigned char)s[i];
        h *= 1099511628211ULL;
    }
    return h;
}

static size_t utf8_back(const char *s, size_t i)
{
    while (i > 0 && ((unsigned char)s[i] & 0xC0) == 0x80)
        i--;
    return i;
}

static int width_with_ellipsis(ui_gfx *g, ui_font f, const char *s, size_t cut, char *buf,
                               size_t bufn)
{
    snprintf(buf, bufn, "%.*s\xe2\x80\xa6", (int)cut, s);
    return ui_text_width(g, f, buf);
}

int play_text_fit(ui_gfx *g, ui_font f, int x, int y, int max_w, ui_colour c, const char *s)
{
    if (!s || !*s || max_w <= 0)
        return 0;
    size_t len = strlen(s);
    if (len > 400)
        len = utf8_back(s, 400);
    uint64_t h = fnv(s, len, (int)f, max_w);
    fit_entry *e = &fit_cache[h % FIT_SLOTS];
    char buf[512];
    if (!(e->hash == h && e->font == (int)f && e->width == max_w && e->len == len)) {
        size_t cut = len;
        snprintf(buf, sizeof buf, "%.*s", (int)len, s);
        if (ui_text_width(g, f, buf) > max_w) {
            /* Binary search over character starts: the longest prefix that
             * fits with its ellipsis. */
            size_t starts[401];
            int n = 0;
            for (size_t i = 0; i < len && n < 400; i++)
                if (((unsigned char)s[i] & 0xC0) != 0x80)
                    starts[n++] = i;
            int lo = 0, hi = n - 1; /* prefix of starts[k] bytes; starts[0] = 0 always fits */
            while (lo < hi) {
                int mid = (lo + hi + 1) / 2;
                if (width_with_ellipsis(g, f, s, starts[mid], buf, sizeof buf) <= max_w)
                    lo = mid;
                else
                    hi = mid - 1;
            }
            cut = n ? starts[lo] : 0;
            /* Do not end on a space before the ellipsis. */
            while (cut > 0 && s[cut - 1] == ' ')
                cut--;
        }
        *e = (fit_entry){h, (int)f, max_w, len, cut};
    }
    if (e->cut >= len) {
        snprintf(buf, sizeof buf, "%.*s", (int)len, s);
        return ui_text_rgba(g, f, x, y, c, buf);
    }
    snprintf(buf, sizeof buf, "%.*s\xe2\x80\xa6", (int)e->cut, s);
    return ui_text_rgba(g, f, x, y, c, buf);
}

/* ---- pills, buttons, dashes -------------------------------------------------------------- */

int play_pill_width(ui_gfx *g, ui_font f, const char *s) { return ui_text_width(g, f, s) + 12; }

int play_pill(ui_gfx *g, ui_font f, int x, int y, ui_colour bg, ui_colour fg, const char *s)
{
    int w = play_pill_width(g, f, s);
    int h = ui_line_height(g, f) + 2;
    play_round_rect(g, (ui_rect){x, y, w, h}, h / 2, bg);
    ui_text_rgba(g, f, x + 6, y + 1, fg, s);
    return w;
}

bool play_button(ui_play *p, ui_rect r, bool focused, bool enabled, bool active)
{
    ui_gfx *g = p->g;
    bool hover = p->have_ptr && ui_rect_contains(r, p->ptr.x, p->ptr.y) && !p->dragging;
    ui_colour bg = active    ? play_alpha(g, UI_ACCENT, 90)
                   : hover   ? ui_gfx_colour(g, UI_PANEL_HI)
                   : focused ? ui_gfx_colour(g, UI_PANEL_HI)
                             : play_alpha(g, UI_PANEL_HI, enabled ? 110 : 50);
    play_round_rect(g, r, 5, bg);
    if (focused) {
        ui_colour a = ui_gfx_colour(g, UI_ACCENT);
        play_round_frame(g, r, 5, a, bg, 2);
    }
    if (hover && p->ptr.down && enabled)
        play_round_rect(g, ui_rect_inset(r, 1), 5, (ui_colour){0, 0, 0, 50});
    return hover && p->ptr.released && !p->dragging;
}

void play_dashed(ui_gfx *g, int x0, int y0, int x1, int y1, int dash, int gap, ui_colour c)
{
    double dx = x1 - x0, dy = y1 - y0, len = sqrt(dx * dx + dy * dy);
    if (len < 1)
        return;
    double ux = dx / len, uy = dy / len;
    int guard = 0;
    for (double t = 0; t < len && guard < 4000; t += dash + gap, guard++) {
        double e = t + dash < len ? t + dash : len;
        ui_line_rgba(g, (int)(x0 + ux * t), (int)(y0 + uy * t), (int)(x0 + ux * e),
                     (int)(y0 + uy * e), c);
    }
}
