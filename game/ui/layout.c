/* layout.c — rectangles: containment, insets and layout by slicing.
 *
 * Plain C, no SDL: the screens lay themselves out by cutting strips off a
 * rectangle, and the tests check the arithmetic without a window. A cut
 * never yields a negative size: asking for more than is left takes all
 * that is left. */
#include "bulwark/ui.h"

static int clampi(int v, int lo, int hi) { return v < lo ? lo : v > hi ? hi : v; }

bool ui_rect_contains(ui_rect r, int x, int y)
{
    return x >= r.x && y >= r.y && x < r.x + r.w && y < r.y + r.h;
}

ui_rect ui_rect_inset(ui_rect r, int by)
{
    int dx = clampi(by, -100000, r.w / 2);
    int dy = clampi(by, -100000, r.h / 2);
    ui_rect o = {r.x + dx, r.y + dy, r.w - 2 * dx, r.h - 2 * dy};
    if (o.w < 0)
        o.w = 0;
    if (o.h < 0)
        o.h = 0;
    return o;
}

ui_rect ui_cut_top(ui_rect *r, int h)
{
    h = clampi(h, 0, r->h < 0 ? 0 : r->h);
    ui_rect o = {r->x, r->y, r->w, h};
    r->y += h;
    r->h -= h;
    return o;
}

ui_rect ui_cut_bottom(ui_rect *r, int h)
{
    h = clampi(h, 0, r->h < 0 ? 0 : r->h);
    ui_rect o = {r->x, r->y + r->h - h, r->w, h};
    r->h -= h;
    return o;
}

ui_rect ui_cut_left(ui_rect *r, int w)
{
    w = clampi(w, 0, r->w < 0 ? 0 : r->w);
    ui_rect o = {r->x, r->y, w, r->h};
    r->x += w;
    r->w -= w;
    return o;
}

ui_rect ui_cut_right(ui_rect *r, int w)
{
    w = clampi(w, 0, r->w < 0 ? 0 : r->w);
    ui_rect o = {r->x + r->w - w, r->y, w, r->h};
    r->w -= w;
    return o;
}

static int fit_one(int want, int usable, int min)
{
    if (want < min)
        want = min;
    if (usable > 0) {
        /* leave room for the window manager's title bar and borders */
        int room = usable - usable / 20;
        if (room < min)
            room = usable < min ? usable : min;
        if (want > room)
            want = room;
    }
    return want;
}

void ui_window_fit(int want_w, int want_h, int usable_w, int usable_h, int *w, int *h)
{
    *w = fit_one(want_w, usable_w, UI_WINDOW_MIN_W);
    *h = fit_one(want_h, usable_h, UI_WINDOW_MIN_H);
}
