/* play_debug.c — for authors: the debug view (F3, play --debug) and the
 * notice of a reload that failed (play --watch).
 *
 * The debug view shows what fog of war keeps from the player: a panel
 * with the lines of debug_view.h (true node states, each attacker's
 * progress and the chance of its next step, pending events, the random
 * draws of the last tick), and on the map a mark on every node whose
 * truth the player does not see. It reads the world only through const
 * queries: looking changes nothing (test_sim_debug checks the hash). */
#include "play_internal.h"

#include <stdio.h>
#include <string.h>

#include "bulwark/debug_view.h"

/* The panel's rectangle: the side panel's place, which the layout
 * widens while the view is open (the map is fitted to what is left). */
static ui_rect panel_rect(const ui_play *p)
{
    return p->panel; /* play.c's layout widens it while the view is on */
}

static ui_role line_role(debug_line_kind k)
{
    switch (k) {
    case DEBUG_HEADING: return UI_ACCENT;
    case DEBUG_HIDDEN: return UI_BAD;
    case DEBUG_DIM: return UI_TEXT_DIM;
    default: return UI_TEXT;
    }
}

void play_debug_draw(ui_play *p)
{
    ui_gfx *g = p->g;
    /* Rebuilt only when the world moved: a tick, an action, a draw. */
    script_scenario *s = ui_session_scenario(p->ss);
    const sim_world *w = script_scenario_cworld(s);
    int tick = sim_world_tick(w), acts = script_scenario_action_count(s), draws = sim_draw_count(w);
    if (!p->dview_ok || tick != p->dview_tick || acts != p->dview_actions ||
        draws != p->dview_draws) {
        debug_view_free(&p->dview);
        p->dview_ok = debug_view_build(s, &p->dview) == BW_OK;
        p->dview_tick = tick;
        p->dview_actions = acts;
        p->dview_draws = draws;
    }
    if (!p->dview_ok)
        return;
    const debug_view v = p->dview;
    ui_rect r = panel_rect(p);
    ui_fill(g, r, UI_BG);
    ui_fill_rgba(g, (ui_rect){r.x, r.y, 2, r.h}, play_alpha(g, UI_WARN, 220));
    ui_rect in = ui_rect_inset(r, 14);
    in.x += 2;
    ui_clip(g, &r);
    int lhb = ui_line_height(g, UI_FONT_BOLD), lhs = ui_line_height(g, UI_FONT_SMALL);
    int y = in.y;
    ui_text(g, UI_FONT_BOLD, in.x, y, UI_WARN, "AUTHOR'S DEBUG VIEW");
    const char *key = "F3 hides it \xc2\xb7 players never see this";
    int kw = ui_text_width(g, UI_FONT_SMALL, key);
    ui_text(g, UI_FONT_SMALL, in.x + in.w - kw, y + (lhb - lhs), UI_TEXT_DIM, key);
    y += lhb + 8;
    int bottom = in.y + in.h;
    for (int i = 1; i < v.count; i++) { /* line 0 is the time: the HUD shows it */
        const debug_line *l = &v.lines[i];
        ui_font f = l->kind == DEBUG_HEADING ? UI_FONT_BOLD : UI_FONT_SMALL;
        if (l->kind == DEBUG_HEADING)
            y += 6;
        const char *text = l->text;
        while (*text == ' ' && l->kind != DEBUG_HEADING)
            text++;
        int indent = (int)(text - l->text) * 6;
        ui_rect box = {in.x + indent, y, in.w - indent, bottom - y};
        int h = ui_text_wrap(g, f, box, line_role(l->kind), text, false);
        if (y + h > bottom) {
            ui_text(g, UI_FONT_SMALL, in.x, bottom - lhs, UI_TEXT_DIM,
                    "\xe2\x80\xa6 more: `bulwark run FILE --debug` prints it all");
            break;
        }
        ui_text_wrap(g, f, box, line_role(l->kind), text, true);
        y += h + (l->kind == DEBUG_HEADING ? 3 : 1);
    }
    ui_clip(g, NULL);
}

/* A node whose truth the player does not see: a red frame and what it is. */
void play_debug_mark_node(ui_play *p, int n, ui_rect r)
{
    ui_gfx *g = p->g;
    const sim_world *w = play_world(p);
    sim_node_info ni;
    sim_node_view nv;
    if (sim_node_get(w, n, &ni) != BW_OK || sim_node_view_get(w, n, &nv) != BW_OK)
        return;
    bool hidden = ni.state != nv.state || ni.intrusions > nv.detected_intrusions;
    if (!hidden)
        return;
    ui_colour bad = ui_gfx_colour(g, UI_BAD);
    ui_rect o = ui_rect_inset(r, -4);
    play_dashed(g, o.x, o.y, o.x + o.w, o.y, 6, 4, bad);
    play_dashed(g, o.x, o.y + o.h, o.x + o.w, o.y + o.h, 6, 4, bad);
    play_dashed(g, o.x, o.y, o.x, o.y + o.h, 6, 4, bad);
    play_dashed(g, o.x + o.w, o.y, o.x + o.w, o.y + o.h, 6, 4, bad);
    char t[64];
    int unseen = ni.intrusions - nv.detected_intrusions;
    if (unseen > 0)
        snprintf(t, sizeof t, "truth: %s \xc2\xb7 %d unseen", sim_state_name(ni.state), unseen);
    else
        snprintf(t, sizeof t, "truth: %s", sim_state_name(ni.state));
    int lhs = ui_line_height(g, UI_FONT_SMALL);
    play_pill(g, UI_FONT_SMALL, r.x - 2, r.y + r.h + 4, bad, ui_gfx_colour(g, UI_BG), t);
    (void)lhs;
}

/* A reload that failed: its file:line over the top of the map, until the
 * next good save. */
void play_notice_draw(ui_play *p)
{
    if (!p->notice[0])
        return;
    ui_gfx *g = p->g;
    ui_rect a = p->map_area;
    int lhs = ui_line_height(g, UI_FONT_SMALL);
    int w = a.w - 40 < 900 ? a.w - 40 : 900;
    const char *title = p->notice_title[0] ? p->notice_title : "Notice";
    ui_rect box = {0, 0, w - 32, 0};
    int hh = ui_text_wrap(g, UI_FONT_BOLD, box, UI_BAD, title, false);
    int th = ui_text_wrap(g, UI_FONT_BODY, box, UI_TEXT, p->notice, false);
    int maxh = a.h / 2;
    if (th > maxh)
        th = maxh;
    ui_rect r = {a.x + (a.w - w) / 2, a.y + lhs + 18, w, hh + th + 30};
    play_round_frame(g, r, 8, ui_gfx_colour(g, UI_BAD), play_alpha(g, UI_PANEL, 250), 2);
    ui_clip(g, &r);
    ui_text_wrap(g, UI_FONT_BOLD, (ui_rect){r.x + 16, r.y + 10, w - 32, hh}, UI_BAD, title, true);
    ui_text_wrap(g, UI_FONT_BODY, (ui_rect){r.x + 16, r.y + 18 + hh, w - 32, th}, UI_TEXT,
                 p->notice, true);
    ui_clip(g, NULL);
}
