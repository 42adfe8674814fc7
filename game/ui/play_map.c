/* play_map.c — the infrastructure map: zones as regions, links, nodes
 * with a kind icon and their state (colour AND glyph and word), controls
 * as badges, detected attacks as dots moving along their path; pan, zoom
 * and select with the mouse.
 *
 * It shows the defender's view only (play_node_style, play_attacks): an
 * intrusion nobody detected draws nothing. */
#include "play_internal.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define DRAG_THRESHOLD 4

static const char *zone_title(sim_zone z)
{
    switch (z) {
    case SIM_ZONE_INTERNET: return "INTERNET";
    case SIM_ZONE_DMZ: return "DMZ \xc2\xb7 PUBLIC SERVICES";
    case SIM_ZONE_INTERNAL: return "INTERNAL NETWORK";
    case SIM_ZONE_BUILD: return "BUILD & SUPPLY CHAIN";
    case SIM_ZONE_PARTNER: return "PARTNERS";
    default: return "?";
    }
}

/* Kind families share a hue in the icon: services, data, build, people's
 * devices, outside parties. */
static ui_role kind_role(sim_node_kind k)
{
    switch (k) {
    case SIM_NODE_WEB:
    case SIM_NODE_API: return UI_PILLAR_PROTECTION;
    case SIM_NODE_DATABASE:
    case SIM_NODE_FILESERVER: return UI_PILLAR_RESPONSIBILITY;
    case SIM_NODE_CI:
    case SIM_NODE_REPO:
    case SIM_NODE_LIBRARY: return UI_PILLAR_CAPACITY;
    case SIM_NODE_CLOUD:
    case SIM_NODE_PARTNER: return UI_PILLAR_COLLABORATION;
    default: return UI_INFO;
    }
}

void play_map_select(ui_play *p, int node)
{
    if (node != p->selected) {
        p->panel_scroll = 0;
        p->panel_focus = 0;
    }
    p->selected = node;
    if (node >= 0 && p->cam_ready)
        map_camera_show(&p->cam, &p->map, p->map_area, node); /* toasts pass; the map stays put */
}

/* The map area less the toasts' column, when that leaves room: where a
 * selected node is brought into view and where a fitted map goes. */
ui_rect play_map_clear_area(const ui_play *p)
{
    ui_rect a = p->map_area;
    int cut = PLAY_TOAST_W + 28;
    if (a.w - cut < a.w / 2)
        return a;
    a.w -= cut;
    return a;
}

void play_map_fit(ui_play *p)
{
    /* Beside the toasts if the map shows as large there (a wide window);
     * over the whole area otherwise. */
    map_camera full, side;
    map_camera_fit(&full, &p->map, p->map_area);
    ui_rect clear = play_map_clear_area(p);
    map_camera_fit(&side, &p->map, clear);
    if (clear.w < p->map_area.w && side.zoom >= full.zoom * 0.97) {
        /* Centre it in the clear part: shift the view right by half the cut. */
        side.cx += (p->map_area.w - clear.w) / 2.0 / side.zoom;
        p->cam = side;
    } else {
        p->cam = full;
    }
}

/* ---- input ------------------------------------------------------------------------------ */

/* Map overlays that take clicks themselves (zoom buttons, toasts). */
static bool over_overlay(const ui_play *p, int x, int y)
{
    ui_rect a = p->map_area;
    ui_rect zoom = {a.x + a.w - 240, a.y + a.h - 80, 240,
                    80}; /* the zoom buttons, at any text size */
    return ui_rect_contains(zoom, x, y) ||
           (p->toast_count > 0 && ui_rect_contains(p->toast_rect, x, y));
}

void play_map_input(ui_play *p)
{
    if (!p->have_ptr)
        return;
    const ui_pointer *m = &p->ptr;
    ui_rect a = p->map_area;
    if (m->pressed) {
        p->press_in_map = ui_rect_contains(a, m->x, m->y) && !over_overlay(p, m->x, m->y);
        p->press_x = p->last_x = m->x;
        p->press_y = p->last_y = m->y;
        p->dragging = false;
    }
    if (m->down && p->press_in_map) {
        if (!p->dragging &&
            (abs(m->x - p->press_x) > DRAG_THRESHOLD || abs(m->y - p->press_y) > DRAG_THRESHOLD))
            p->dragging = true;
        if (p->dragging) {
            map_camera_pan(&p->cam, m->x - p->last_x, m->y - p->last_y);
            map_camera_clamp(&p->cam, &p->map, a);
        }
        p->last_x = m->x;
        p->last_y = m->y;
    }
    if (m->released) {
        if (p->press_in_map && !p->dragging) {
            int n = map_node_at(&p->map, &p->cam, a, m->x, m->y);
            if (n >= 0 || ui_rect_contains(a, m->x, m->y))
                play_map_select(p, n);
            p->focus = PLAY_FOCUS_MAP;
        }
        p->press_in_map = false;
    }
    if (m->wheel && ui_rect_contains(a, m->x, m->y))
        map_camera_zoom_at(&p->cam, a, m->x, m->y, pow(1.15, m->wheel));
    if (!m->down && !m->released)
        p->dragging = false;
}

/* ---- drawing ------------------------------------------------------------------------------ */

static void node_centre_screen(const ui_play *p, int node, double *x, double *y)
{
    int mx, my;
    map_node_centre(&p->map, node, &mx, &my);
    map_to_screen(&p->cam, p->map_area, mx, my, x, y);
}

static void draw_grid(ui_play *p)
{
    ui_gfx *g = p->g;
    ui_rect a = p->map_area;
    double step = 48 * p->cam.zoom;
    if (step < 12)
        return;
    ui_colour c = play_alpha(g, UI_BORDER, 26);
    double x0, y0;
    map_to_screen(&p->cam, a, 0, 0, &x0, &y0);
    double sx = fmod(x0 - a.x, step), sy = fmod(y0 - a.y, step);
    if (sx < 0)
        sx += step;
    if (sy < 0)
        sy += step;
    for (double x = a.x + sx; x < a.x + a.w; x += step)
        ui_fill_rgba(g, (ui_rect){(int)x, a.y, 1, a.h}, c);
    for (double y = a.y + sy; y < a.y + a.h; y += step)
        ui_fill_rgba(g, (ui_rect){a.x, (int)y, a.w, 1}, c);
}

static void draw_zones(ui_play *p)
{
    ui_gfx *g = p->g;
    const sim_world *w = play_world(p);
    int lh = ui_line_height(g, UI_FONT_SMALL);
    for (int z = 0; z < SIM_ZONE_COUNT; z++) {
        if (p->map.zone[z].w <= 0)
            continue;
        ui_rect r = map_rect_to_screen(&p->cam, p->map_area, p->map.zone[z]);
        int rad = (int)(12 * p->cam.zoom);
        play_round_frame(g, r, rad,
                         play_alpha(g, z == SIM_ZONE_INTERNET ? UI_BORDER : UI_ZONE, 200),
                         play_alpha(g, UI_ZONE, z == SIM_ZONE_INTERNET ? 28 : 70), 1);
        int head = (int)(MAP_ZONE_HEAD * p->cam.zoom);
        if (head >= lh - 2) {
            int ty = r.y + (int)(10 * p->cam.zoom);
            play_text_fit(g, UI_FONT_SMALL, r.x + (int)(14 * p->cam.zoom), ty, r.w - 20,
                          play_alpha(g, UI_TEXT_DIM, 230), zone_title((sim_zone)z));
        }
        if (z != SIM_ZONE_INTERNET || p->cam.zoom < 0.55)
            continue;
        /* The internet column: where attacks come from, and the attackers
         * the defender knows of (never the others). */
        int y = r.y + head + (int)(MAP_ZONE_PAD * p->cam.zoom);
        int x = r.x + (int)(14 * p->cam.zoom);
        ui_text_rgba(g, UI_FONT_SMALL, x, y, play_alpha(g, UI_TEXT_DIM, 200), "Attacks arrive");
        ui_text_rgba(g, UI_FONT_SMALL, x, y + lh, play_alpha(g, UI_TEXT_DIM, 200),
                     "from out here.");
        y += 2 * lh + 10;
        for (int i = 0; i < sim_actor_count(w) && y + lh < r.y + r.h; i++) {
            sim_actor_info ai;
            sim_actor_get(w, i, &ai);
            if (!ai.indicators_known)
                continue;
            char s[SIM_LABEL_MAX + 8];
            snprintf(s, sizeof s, "\xe2\x98\xa0 %s", ai.label);
            ui_rect pr = {x, y, r.w - 28, lh + 4};
            play_round_rect(g, pr, 6, play_alpha(g, UI_BAD, 60));
            play_text_fit(g, UI_FONT_SMALL, x + 6, y + 2, pr.w - 12, ui_gfx_colour(g, UI_TEXT), s);
            y += lh + 10;
        }
    }
}

static void draw_links(ui_play *p)
{
    ui_gfx *g = p->g;
    const sim_world *w = play_world(p);
    for (int i = 0; i < sim_link_count(w); i++) {
        sim_link_info li;
        sim_link_get(w, i, &li);
        double x0, y0, x1, y1;
        node_centre_screen(p, li.from, &x0, &y0);
        node_centre_screen(p, li.to, &x1, &y1);
        bool sel = p->selected == li.from || p->selected == li.to;
        int alpha = !li.open ? 70 : sel ? 255 : 190;
        ui_colour c = play_alpha(g, sel ? UI_INFO : UI_LINK, alpha);
        if (!li.open) {
            play_dashed(g, (int)x0, (int)y0, (int)x1, (int)y1, 3, 6, c);
            continue;
        }
        switch (li.kind) {
        case SIM_LINK_DEPENDENCY:
            play_dashed(g, (int)x0, (int)y0, (int)x1, (int)y1, 10, 6, c);
            break;
        case SIM_LINK_TRUST: play_dashed(g, (int)x0, (int)y0, (int)x1, (int)y1, 2, 5, c); break;
        case SIM_LINK_DATA:
            ui_line_rgba(g, (int)x0, (int)y0, (int)x1, (int)y1, c);
            ui_line_rgba(g, (int)x0, (int)y0 + 3, (int)x1, (int)y1 + 3, c);
            break;
        default:
            ui_line_rgba(g, (int)x0, (int)y0, (int)x1, (int)y1, c);
            ui_line_rgba(g, (int)x0 + 1, (int)y0, (int)x1 + 1, (int)y1, c);
            break;
        }
    }
}

/* An outline-only rounded box (the pulse around a node under attack). */
static void ring(ui_gfx *g, ui_rect r, ui_colour c)
{
    ui_fill_rgba(g, (ui_rect){r.x + 6, r.y, r.w - 12, 2}, c);
    ui_fill_rgba(g, (ui_rect){r.x + 6, r.y + r.h - 2, r.w - 12, 2}, c);
    ui_fill_rgba(g, (ui_rect){r.x, r.y + 6, 2, r.h - 12}, c);
    ui_fill_rgba(g, (ui_rect){r.x + r.w - 2, r.y + 6, 2, r.h - 12}, c);
}

static void draw_attacks(ui_play *p)
{
    ui_gfx *g = p->g;
    play_attack at[64];
    int n = play_attacks(play_world(p), at, 64);
    ui_rect inet = p->map.zone[SIM_ZONE_INTERNET];
    for (int i = 0; i < n; i++) {
        double x0, y0, x1, y1;
        node_centre_screen(p, at[i].to, &x1, &y1);
        if (at[i].from >= 0) {
            node_centre_screen(p, at[i].from, &x0, &y0);
        } else {
            /* From the internet column's edge, level with the target. */
            int tx, ty;
            map_node_centre(&p->map, at[i].to, &tx, &ty);
            double ex = inet.w > 0 ? inet.x + inet.w - MAP_ZONE_PAD : p->map.bounds.x - 40;
            map_to_screen(&p->cam, p->map_area, ex, ty, &x0, &y0);
        }
        ui_colour c = play_alpha(g, UI_ATTACK, 150);
        play_dashed(g, (int)x0, (int)y0, (int)x1, (int)y1, 8, 5, c);
        /* Three dots running from the attacker to the target. */
        for (int k = 0; k < 3; k++) {
            double t = fmod(p->anim * 0.55 + k / 3.0 + i * 0.17, 1.0);
            int dx = (int)(x0 + (x1 - x0) * t), dy = (int)(y0 + (y1 - y0) * t);
            ui_disc(g, dx, dy, 6, UI_BG);
            ui_disc(g, dx, dy, 4, UI_ATTACK);
        }
        /* A pulse around the target. */
        ui_rect r = map_rect_to_screen(&p->cam, p->map_area, p->map.node[at[i].to]);
        double ph = fmod(p->anim * 1.2 + i * 0.3, 1.0);
        int grow = (int)(ph * 14);
        ring(g, ui_rect_inset(r, -grow - 2), play_alpha(g, UI_BAD, (int)(200 * (1 - ph))));
    }
}

/* The running action on a node (the first), for its progress bar. */
static bool node_running(const sim_world *w, int node, sim_running_action *out)
{
    for (int i = 0; i < sim_running_count(w); i++) {
        sim_running_action ra;
        sim_running_get(w, i, &ra);
        if (sim_action_target_type(ra.req.kind) == SIM_TARGET_NODE && ra.req.target == node) {
            *out = ra;
            return true;
        }
    }
    return false;
}

static void draw_badges(ui_play *p, ui_rect r, unsigned controls)
{
    ui_gfx *g = p->g;
    int x = r.x + 10, y = r.y + r.h - ui_line_height(g, UI_FONT_SMALL) / 2 - 1;
    int shown = 0, total = 0;
    for (int c = 0; c < SIM_CONTROL_COUNT; c++)
        if ((controls & (1u << c)) && (1u << c) != SIM_CTL_ISOLATED)
            total++;
    for (int c = 0; c < SIM_CONTROL_COUNT; c++) {
        unsigned bit = 1u << c;
        if (!(controls & bit) || bit == SIM_CTL_ISOLATED)
            continue;
        const char *s = play_control_badge(bit);
        int w = play_pill_width(g, UI_FONT_SMALL, s);
        if (x + w + 34 > r.x + r.w && shown < total - 1) {
            char more[16];
            snprintf(more, sizeof more, "+%d", total - shown);
            play_pill(g, UI_FONT_SMALL, x, y, ui_gfx_colour(g, UI_PANEL_HI),
                      ui_gfx_colour(g, UI_TEXT), more);
            return;
        }
        ui_colour bg = ui_gfx_colour(g, UI_PANEL_HI);
        play_round_rect(g, (ui_rect){x - 1, y - 1, w + 2, ui_line_height(g, UI_FONT_SMALL) + 4}, 9,
                        ui_gfx_colour(g, UI_GOOD));
        play_pill(g, UI_FONT_SMALL, x, y, bg, ui_gfx_colour(g, UI_GOOD), s);
        x += w + 4;
        shown++;
    }
}

static void draw_node(ui_play *p, int n, const sim_world *w)
{
    ui_gfx *g = p->g;
    ui_rect r = map_rect_to_screen(&p->cam, p->map_area, p->map.node[n]);
    ui_rect a = p->map_area;
    if (r.x > a.x + a.w || r.y > a.y + a.h || r.x + r.w < a.x || r.y + r.h < a.y)
        return;
    sim_node_info ni;
    sim_node_get(w, n, &ni);
    sim_node_view v;
    sim_node_view_get(w, n, &v);
    play_style st = play_node_style(w, n);
    bool sel = p->selected == n;
    bool hover = p->have_ptr && !p->dragging && ui_rect_contains(r, p->ptr.x, p->ptr.y) &&
                 ui_rect_contains(a, p->ptr.x, p->ptr.y);
    int rad = r.h / 6 > 3 ? r.h / 6 : 3;
    if (rad > 10)
        rad = 10;
    if (sel)
        play_round_rect(g, ui_rect_inset(r, -5), rad + 5, play_alpha(g, UI_ACCENT, 70));
    ui_colour fill = ui_gfx_colour(g, hover ? UI_PANEL_HI : UI_PANEL);
    ui_colour border = sel                  ? ui_gfx_colour(g, UI_ACCENT)
                       : st.role == UI_GOOD ? ui_gfx_colour(g, UI_BORDER)
                                            : play_alpha(g, st.role, 220);
    play_round_frame(g, r, rad, border, fill, sel ? 2 : 1);
    /* The state's colour as a stripe on the left edge. */
    ui_fill_rgba(g, (ui_rect){r.x + (sel ? 2 : 1), r.y + rad, 4, r.h - 2 * rad},
                 ui_gfx_colour(g, st.role));
    if (r.w < 70) { /* far out: the state glyph alone */
        int gw = ui_text_width(g, UI_FONT_SMALL, st.glyph);
        ui_text(g, UI_FONT_SMALL, r.x + (r.w - gw) / 2,
                r.y + (r.h - ui_line_height(g, UI_FONT_SMALL)) / 2, st.role, st.glyph);
        if (p->debug)
            play_debug_mark_node(p, n, r);
        return;
    }
    /* Large text: the label in the small font, so the map keeps its shape. */
    ui_font lf = ui_gfx_text_scale(g) > 1.15 ? UI_FONT_SMALL : UI_FONT_BODY;
    int lhb = ui_line_height(g, lf), lhs = ui_line_height(g, UI_FONT_SMALL);
    /* The kind icon. */
    int s = r.h - 20;
    if (s > 44)
        s = 44;
    if (s > r.w / 5)
        s = r.w / 5;
    if (s < 18)
        s = 18;
    ui_rect icon = {r.x + 12, r.y + (r.h - s) / 2, s, s};
    play_round_frame(g, icon, 6, play_alpha(g, kind_role(ni.kind), 200),
                     play_alpha(g, kind_role(ni.kind), 45), 1);
    const char *code = play_kind_code(ni.kind);
    int cw = ui_text_width(g, UI_FONT_SMALL, code);
    char initial[2] = {code[0], 0};
    if (cw > s - 4) { /* large text or a far zoom: the initial */
        code = initial;
        cw = ui_text_width(g, UI_FONT_SMALL, code);
    }
    size_t icon_len = 0; /* the scenario's own icon for the node, else the kind's code */
    const void *own = script_scenario_node_icon(ui_session_scenario(p->ss), n, &icon_len);
    if (!own || !ui_image_png(g, own, icon_len, ui_rect_inset(icon, 3)))
        ui_text(g, UI_FONT_SMALL, icon.x + (s - cw) / 2, icon.y + (s - lhs) / 2, UI_TEXT, code);
    /* Label and state. */
    int tx = icon.x + s + 10, tw = r.x + r.w - tx - 8;
    bool two = r.h >= lhb + lhs + 12;
    int ty = two ? r.y + (r.h - lhb - lhs) / 2 - 2 : r.y + (r.h - lhb) / 2;
    char label[SIM_LABEL_MAX + 8];
    if (two)
        snprintf(label, sizeof label, "%s", ni.label);
    else
        snprintf(label, sizeof label, "%s %s", st.glyph, ni.label);
    /* A label the body font cannot fit takes the small one before it
     * loses its end (text_fit.h: the limit `bulwark check` warns at). */
    ui_font lf2 = lf != UI_FONT_SMALL && ui_text_width(g, lf, label) > tw ? UI_FONT_SMALL : lf;
    play_text_fit(g, lf2, tx, ty + (lhb - ui_line_height(g, lf2)) / 2, tw,
                  ui_gfx_colour(g, UI_TEXT), label);
    sim_running_action ra;
    bool busy = node_running(w, n, &ra);
    if (two) {
        char line[96];
        snprintf(line, sizeof line, "%s %s", st.glyph, st.word);
        int x = tx + play_text_fit(g, UI_FONT_SMALL, tx, ty + lhb + 1, tw,
                                   ui_gfx_colour(g, st.role), line);
        if (busy) {
            snprintf(line, sizeof line, "  \xe2\x86\xbb %s", sim_action_name(ra.req.kind));
            play_text_fit(g, UI_FONT_SMALL, x, ty + lhb + 1, tx + tw - x,
                          ui_gfx_colour(g, UI_ACCENT), line);
        }
    }
    if (busy) { /* progress along the bottom inside edge */
        int span = ra.done_at - ra.started;
        double f = span > 0 ? (double)(sim_world_tick(w) - ra.started) / span : 1;
        f = f < 0 ? 0 : f > 1 ? 1 : f;
        ui_rect bar = {r.x + rad, r.y + r.h - 5, r.w - 2 * rad, 3};
        ui_fill_rgba(g, bar, play_alpha(g, UI_ACCENT, 60));
        bar.w = (int)(bar.w * f);
        ui_fill(g, bar, UI_ACCENT);
    }
    if (v.known_vulns > 0) { /* known, unpatched vulnerabilities: a corner badge */
        char vb[24];
        snprintf(vb, sizeof vb, "\xe2\x9a\xa0 %d", v.known_vulns);
        int bw = play_pill_width(g, UI_FONT_SMALL, vb);
        play_pill(g, UI_FONT_SMALL, r.x + r.w - bw + 6, r.y - lhs / 2 - 1,
                  ui_gfx_colour(g, UI_WARN), ui_gfx_colour(g, UI_BG), vb);
    }
    if (r.h >= 48)
        draw_badges(p, r, ni.controls);
    if (p->debug)
        play_debug_mark_node(p, n, r);
}

static void draw_legend(ui_play *p)
{
    ui_gfx *g = p->g;
    ui_rect a = p->map_area;
    int lh = ui_line_height(g, UI_FONT_SMALL);
    int x = a.x + 14, y = a.y + a.h - lh - 12;
    ui_colour c = play_alpha(g, UI_LINK, 230), t = play_alpha(g, UI_TEXT_DIM, 230);
    ui_rect bg = {a.x + 6, y - 6, 0, lh + 12};
    static const char *const names[] = {"network", "data", "dependency", "trust", "attack"};
    int wsum = 0;
    for (int i = 0; i < 5; i++)
        wsum += 30 + ui_text_width(g, UI_FONT_SMALL, names[i]) + 16;
    bg.w = wsum + 10;
    if (bg.w + 200 > a.w)
        return; /* no room beside the zoom buttons: the legend gives way */
    play_round_rect(g, bg, 6, play_alpha(g, UI_PANEL, 220));
    int my = y + lh / 2;
    for (int i = 0; i < 5; i++) {
        switch (i) {
        case 0:
            ui_line_rgba(g, x, my, x + 24, my, c);
            ui_line_rgba(g, x, my + 1, x + 24, my + 1, c);
            break;
        case 1:
            ui_line_rgba(g, x, my - 1, x + 24, my - 1, c);
            ui_line_rgba(g, x, my + 2, x + 24, my + 2, c);
            break;
        case 2: play_dashed(g, x, my, x + 24, my, 10, 4, c); break;
        case 3: play_dashed(g, x, my, x + 24, my, 2, 4, c); break;
        default:
            play_dashed(g, x, my, x + 24, my, 8, 5, play_alpha(g, UI_ATTACK, 200));
            ui_disc(g, x + 12, my, 4, UI_ATTACK);
            break;
        }
        x += 30;
        x += ui_text_rgba(g, UI_FONT_SMALL, x, y, t, names[i]) + 16;
    }
}

static void draw_zoom_buttons(ui_play *p)
{
    ui_gfx *g = p->g;
    ui_rect a = p->map_area;
    int h = ui_line_height(g, UI_FONT_BODY) + 12, y = a.y + a.h - h - 10;
    static const char *const labels[] = {"\xe2\x88\x92", "+", "Fit"};
    int widths[3], total = 8;
    for (int i = 0; i < 3; i++) {
        widths[i] = ui_text_width(g, UI_FONT_BODY, labels[i]) + 20;
        if (widths[i] < h)
            widths[i] = h;
        total += widths[i];
    }
    int x = a.x + a.w - 10 - total;
    for (int i = 0; i < 3; i++) {
        ui_rect b = {x, y, widths[i], h};
        play_round_rect(g, ui_rect_inset(b, -1), 6, ui_gfx_colour(g, UI_BORDER));
        if (play_button(p, b, false, true, false)) {
            if (i == 2)
                play_map_fit(p);
            else
                map_camera_zoom_at(&p->cam, a, a.x + a.w / 2, a.y + a.h / 2, i == 0 ? 0.8 : 1.25);
        }
        int tw = ui_text_width(g, UI_FONT_BODY, labels[i]);
        ui_text(g, UI_FONT_BODY, b.x + (b.w - tw) / 2,
                b.y + (h - ui_line_height(g, UI_FONT_BODY)) / 2, UI_TEXT, labels[i]);
        x += widths[i] + 4;
    }
    char z[16];
    snprintf(z, sizeof z, "%d%%", (int)(p->cam.zoom * 100 + 0.5));
    int zw = ui_text_width(g, UI_FONT_SMALL, z);
    ui_text(g, UI_FONT_SMALL, a.x + a.w - 10 - total - zw - 8,
            y + (h - ui_line_height(g, UI_FONT_SMALL)) / 2, UI_TEXT_DIM, z);
}

static void draw_banner(ui_play *p)
{
    ui_gfx *g = p->g;
    const sim_world *w = play_world(p);
    char msg[BW_ERR_MSG_MAX + 32];
    ui_role role;
    if (p->status[0]) {
        snprintf(msg, sizeof msg, "The scenario stopped: %s", p->status);
        role = UI_BAD;
    } else if (sim_world_over(w)) {
        sim_outcome o = sim_world_outcome(w);
        snprintf(msg, sizeof msg, "%s",
                 o == SIM_OUTCOME_WON ? "GAME OVER \xc2\xb7 you won"
                                      : "GAME OVER \xc2\xb7 you lost");
        role = o == SIM_OUTCOME_WON ? UI_GOOD : UI_BAD;
    } else if (ui_session_speed(p->ss) == 0) {
        snprintf(msg, sizeof msg, "PAUSED \xc2\xb7 Space or a speed button to play");
        role = UI_INFO;
    } else {
        return;
    }
    /* A strip along the top of the map: it covers only the fit's margin. */
    ui_rect a = p->map_area;
    int lh = ui_line_height(g, UI_FONT_SMALL);
    ui_rect strip = {a.x, a.y, a.w, lh + 8};
    ui_fill_rgba(g, strip, play_alpha(g, role, 45));
    ui_fill_rgba(g, (ui_rect){a.x, a.y + strip.h - 1, a.w, 1}, play_alpha(g, role, 160));
    int tw = ui_text_width(g, UI_FONT_SMALL, msg);
    if (tw > a.w - 24)
        tw = a.w - 24;
    play_text_fit(g, UI_FONT_SMALL, a.x + (a.w - tw) / 2, a.y + 4, tw, ui_gfx_colour(g, role), msg);
}

void play_map_draw(ui_play *p)
{
    ui_gfx *g = p->g;
    const sim_world *w = play_world(p);
    ui_rect a = p->map_area;
    if (a.w <= 0 || a.h <= 0)
        return;
    ui_clip(g, &a);
    ui_fill(g, a, UI_BG);
    draw_grid(p);
    draw_zones(p);
    draw_links(p);
    draw_attacks(p);
    for (int n = 0; n < p->map.count; n++)
        draw_node(p, n, w);
    draw_legend(p);
    draw_zoom_buttons(p);
    draw_banner(p);
    ui_clip(g, NULL);
}
