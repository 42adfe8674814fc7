/* play_log.c — the event log under the map and the toasts over it.
 *
 * Only what the defender saw (sim_log_entry.visible) is listed; the rest
 * (hidden intrusions, weaknesses nobody found) is the debrief's to tell.
 * Each line is coloured by its kind AND says the kind in a word. The log
 * follows the newest line unless the player scrolled up. Toasts show new
 * lines for a few seconds (at most PLAY_MAX_TOASTS at once); a click on a
 * toast or a log line selects the node it is about. */
#include "play_internal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void push_line(ui_play *p, int index)
{
    if (p->log_count == p->log_cap) {
        int ncap = p->log_cap ? p->log_cap * 2 : 256;
        int *n = realloc(p->log_lines, sizeof *n * (size_t)ncap);
        if (!n)
            return; /* the line is missed in the list; the world keeps it */
        p->log_lines = n;
        p->log_cap = ncap;
    }
    p->log_lines[p->log_count++] = index;
    if (p->log_scroll > 0)
        p->log_scroll++; /* a reader scrolled up stays on the same lines */
}

static void toast_log(ui_play *p, int index, sim_log_kind k)
{
    play_toast_text(p, "", play_log_role(k));
    p->toasts[p->toast_count - 1].log = index;
}

void play_log_update(ui_play *p, double dt)
{
    const sim_world *w = play_world(p);
    int total = sim_log_count(w);
    for (; p->log_scanned < total; p->log_scanned++) {
        sim_log_entry e;
        if (sim_log_get(w, p->log_scanned, &e) == BW_OK && e.visible)
            push_line(p, p->log_scanned);
    }
    int first = 0, count = 0;
    ui_session_take_new_log(p->ss, &first, &count);
    for (int i = first; i < first + count; i++) {
        sim_log_entry e;
        /* The player's own starts are on screen already (the panel, the map). */
        if (sim_log_get(w, i, &e) == BW_OK && e.visible && e.kind != SIM_LOG_ACTION_STARTED)
            toast_log(p, i, e.kind);
    }
    double step = dt > 0 ? dt : 0; /* already capped by the frame */
    int kept = 0;
    for (int i = 0; i < p->toast_count; i++) {
        p->toasts[i].age += step;
        if (p->toasts[i].age < PLAY_TOAST_SECONDS)
            p->toasts[kept++] = p->toasts[i];
    }
    p->toast_count = kept;
}

/* ---- the log --------------------------------------------------------------------------------- */

void play_log_draw(ui_play *p)
{
    ui_gfx *g = p->g;
    const sim_world *w = play_world(p);
    ui_rect r = p->log_area;
    if (r.h <= 0)
        return;
    ui_fill(g, r, UI_PANEL);
    ui_fill(g, (ui_rect){r.x, r.y, r.w, 1}, UI_BORDER);
    int lhs = ui_line_height(g, UI_FONT_SMALL), line = lhs + 6;
    bool focused = p->focus == PLAY_FOCUS_LOG;
    char head[96];
    snprintf(head, sizeof head, "EVENT LOG \xc2\xb7 %d", p->log_count);
    ui_text(g, UI_FONT_SMALL, r.x + 16, r.y + 8, focused ? UI_ACCENT : UI_TEXT_DIM, head);
    const char *hint = focused ? "\xe2\x86\x91\xe2\x86\x93 scroll \xc2\xb7 Esc back"
                               : "L: focus \xc2\xb7 wheel: scroll";
    int hw = ui_text_width(g, UI_FONT_SMALL, hint);
    ui_text(g, UI_FONT_SMALL, r.x + r.w - hw - 16, r.y + 8, UI_TEXT_DIM, hint);
    ui_rect body = {r.x + 8, r.y + lhs + 14, r.w - 16, r.h - lhs - 18};
    int rows = body.h / line;
    if (rows < 1)
        return;
    if (p->have_ptr && p->ptr.wheel && ui_rect_contains(r, p->ptr.x, p->ptr.y))
        p->log_scroll += p->ptr.wheel * 2;
    int maxs = p->log_count - rows;
    if (p->log_scroll > maxs)
        p->log_scroll = maxs;
    if (p->log_scroll < 0)
        p->log_scroll = 0;
    if (p->log_count == 0) {
        ui_text(g, UI_FONT_SMALL, body.x + 8, body.y, UI_TEXT_DIM, "Nothing yet.");
        return;
    }
    ui_clip(g, &body);
    int last = p->log_count - 1 - p->log_scroll;
    int firsti = last - rows + 1 < 0 ? 0 : last - rows + 1;
    int timew = ui_text_width(g, UI_FONT_SMALL, "D12 00:00") + 10;
    int kindw = ui_text_width(g, UI_FONT_SMALL, "DISCLOSURE") + 14;
    for (int i = firsti; i <= last; i++) {
        sim_log_entry e;
        if (sim_log_get(w, p->log_lines[i], &e) < 0)
            continue;
        int y = body.y + (i - firsti) * line;
        ui_rect row = {body.x, y, body.w, line};
        bool hover = p->have_ptr && ui_rect_contains(row, p->ptr.x, p->ptr.y) &&
                     ui_rect_contains(body, p->ptr.x, p->ptr.y);
        if (hover && e.node >= 0) {
            play_round_rect(g, row, 4, ui_gfx_colour(g, UI_PANEL_HI));
            if (p->ptr.released)
                play_map_select(p, e.node);
        } else if ((i & 1) == 0) {
            ui_fill_rgba(g, row, play_alpha(g, UI_BG, 60));
        }
        char t[24];
        snprintf(t, sizeof t, "D%d %02d:00", e.tick / SIM_TICKS_PER_DAY + 1,
                 e.tick % SIM_TICKS_PER_DAY);
        ui_text(g, UI_FONT_SMALL, row.x + 8, y + 3, UI_TEXT_DIM, t);
        ui_role role = play_log_role(e.kind);
        const char *word = play_log_word(e.kind);
        int ww = ui_text_width(g, UI_FONT_SMALL, word);
        play_round_rect(g, (ui_rect){row.x + 8 + timew, y + 2, ww + 10, lhs + 2}, 4,
                        play_alpha(g, role, 45));
        ui_text(g, UI_FONT_SMALL, row.x + 13 + timew, y + 3, role, word);
        int tx = row.x + 8 + timew + kindw;
        play_text_fit(g, UI_FONT_SMALL, tx, y + 3, row.x + row.w - tx - 8,
                      ui_gfx_colour(g, UI_TEXT), e.text);
    }
    ui_clip(g, NULL);
    if (p->log_scroll > 0) { /* say that newer lines are below */
        char more[48];
        snprintf(more, sizeof more, "\xe2\x86\x93 %d newer", p->log_scroll);
        int mw = play_pill_width(g, UI_FONT_SMALL, more);
        play_pill(g, UI_FONT_SMALL, r.x + r.w - mw - 16, r.y + r.h - lhs - 8,
                  ui_gfx_colour(g, UI_ACCENT), ui_gfx_colour(g, UI_BG), more);
    }
}

/* ---- toasts ------------------------------------------------------------------------------------
 */

/* How much of r covers nodes on screen (pixels). */
static long covers_nodes(const ui_play *p, ui_rect r)
{
    long sum = 0;
    for (int n = 0; n < p->map.count; n++) {
        ui_rect b = map_rect_to_screen(&p->cam, p->map_area, p->map.node[n]);
        int x0 = b.x > r.x ? b.x : r.x, y0 = b.y > r.y ? b.y : r.y;
        int x1 = b.x + b.w < r.x + r.w ? b.x + b.w : r.x + r.w,
            y1 = b.y + b.h < r.y + r.h ? b.y + b.h : r.y + r.h;
        if (x1 > x0 && y1 > y0)
            sum += (long)(x1 - x0) * (y1 - y0);
    }
    return sum;
}

typedef struct toast_view {
    const char *text, *word;
    char when[24];
    int node, th, h;
} toast_view;

void play_toasts_draw(ui_play *p)
{
    ui_gfx *g = p->g;
    const sim_world *w = play_world(p);
    ui_rect a = p->map_area;
    p->toast_rect = (ui_rect){0, 0, 0, 0};
    int tw = a.w - 40 < PLAY_TOAST_W ? a.w - 40 : PLAY_TOAST_W;
    if (tw < 160 || p->toast_count == 0)
        return;
    int lhs = ui_line_height(g, UI_FONT_SMALL), lhb = ui_line_height(g, UI_FONT_BODY);
    /* Measure, newest first. */
    toast_view v[PLAY_MAX_TOASTS];
    int total = 0, n = 0;
    for (int i = p->toast_count - 1; i >= 0 && n < PLAY_MAX_TOASTS; i--, n++) {
        play_toast *t = &p->toasts[i];
        toast_view *tv = &v[n];
        tv->text = t->text;
        tv->word = t->role == UI_WARN ? "REFUSED" : "NOTE";
        tv->when[0] = 0;
        tv->node = -1;
        sim_log_entry e;
        if (t->log >= 0 && sim_log_get(w, t->log, &e) == BW_OK) {
            tv->text = e.text;
            tv->word = play_log_word(e.kind);
            tv->node = e.node;
            snprintf(tv->when, sizeof tv->when, "D%d %02d:00", e.tick / SIM_TICKS_PER_DAY + 1,
                     e.tick % SIM_TICKS_PER_DAY);
        }
        tv->th = ui_text_wrap(g, UI_FONT_SMALL, (ui_rect){0, 0, tw - 28, 3 * lhb}, UI_TEXT,
                              tv->text, false);
        if (tv->th > 2 * lhs)
            tv->th = 2 * lhs;
        tv->h = 7 + lhs + 2 + tv->th + 8;
        if (n > 0 && total + tv->h > a.h * 45 / 100)
            break; /* large text, small window: the newest that fit */
        total += tv->h + 6;
    }
    /* Top-right, under the status strip; bottom-right (above the zoom
     * buttons) when the top would hide more of the map's nodes. */
    int x = a.x + a.w - tw - 14;
    ui_rect top = {x, a.y + lhs + 16, tw, total};
    ui_rect bottom = {x, a.y + a.h - 52 - total, tw, total};
    long ct = covers_nodes(p, top), cb = covers_nodes(p, bottom);
    if (bottom.y < top.y)
        p->toasts_bottom = false; /* a short map: the top only */
    else if (p->toasts_bottom ? cb > ct : ct > cb)
        p->toasts_bottom = !p->toasts_bottom;
    ui_rect place = p->toasts_bottom ? bottom : top;
    p->toast_rect = place;
    int y = place.y;
    ui_clip(g, &a);
    for (int k = 0; k < n; k++) {
        play_toast *t = &p->toasts[p->toast_count - 1 - k];
        toast_view *tv = &v[k];
        /* Fade in quickly, out over the last second. */
        double left = PLAY_TOAST_SECONDS - t->age;
        int alpha = (int)(255 * (left < 1 ? left : 1) * (t->age < 0.15 ? t->age / 0.15 + 0.01 : 1));
        if (alpha <= 0)
            continue;
        ui_rect b = {x, y, tw, tv->h};
        ui_rect tb = {x + 14, b.y + 7 + lhs + 2, tw - 28, tv->th};
        play_round_rect(g, ui_rect_inset(b, -1), 8, play_alpha(g, t->role, 190));
        play_round_rect(g, b, 8, play_alpha(g, UI_PANEL, 250));
        ui_fill_rgba(g, (ui_rect){b.x, b.y + 6, 4, b.h - 12}, ui_gfx_colour(g, t->role));
        ui_text(g, UI_FONT_SMALL, b.x + 14, b.y + 6, t->role, tv->word);
        if (tv->when[0]) {
            int ww = ui_text_width(g, UI_FONT_SMALL, tv->when);
            ui_text(g, UI_FONT_SMALL, b.x + b.w - ww - 12, b.y + 6, UI_TEXT_DIM, tv->when);
        }
        ui_text_wrap(g, UI_FONT_SMALL, tb, UI_TEXT, tv->text, true);
        /* Fading: the map's background laid over the toast, thicker as it goes. */
        if (alpha < 255)
            play_round_rect(g, ui_rect_inset(b, -1), 8, play_alpha(g, UI_BG, 255 - alpha));
        if (tv->node >= 0 && p->have_ptr && p->ptr.released &&
            ui_rect_contains(b, p->ptr.x, p->ptr.y))
            play_map_select(p, tv->node);
        y += b.h + 6;
    }
    ui_clip(g, NULL);
}
