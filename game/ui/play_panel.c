/* play_panel.c — the side panel: the selected node (kind, zone, state,
 * controls, known vulnerabilities with CWE ids and severity, actions
 * running on it) and every action the player may take, each a button with
 * its shortcut, price, staff hours and duration — and for one that would
 * be refused now, the engine's reason (sim_action_check). The
 * organisation's actions (reports, sharing, security.txt, notification,
 * known attackers, training) follow at the bottom.
 *
 * The panel scrolls (wheel, or keyboard focus moving past its edge). Its
 * buttons are numbered in drawing order for keyboard focus: node rows,
 * then organisation rows. */
#include "play_internal.h"

#include <stdio.h>
#include <string.h>

#define PAD 16

typedef struct panel_ctx {
    ui_play *p;
    ui_gfx *g;
    int x, w;   /* content column */
    int y;      /* next line, screen pixels (scrolled) */
    int button; /* buttons drawn so far */
    ui_rect view;
} panel_ctx;

static void fmt_int(char *buf, size_t n, long v)
{
    char tmp[32];
    snprintf(tmp, sizeof tmp, "%ld", v < 0 ? -v : v);
    size_t len = strlen(tmp), o = 0;
    if (v < 0 && o + 1 < n)
        buf[o++] = '-';
    for (size_t i = 0; i < len && o + 2 < n; i++) {
        if (i && (len - i) % 3 == 0)
            buf[o++] = ',';
        buf[o++] = tmp[i];
    }
    buf[o] = 0;
}

static void heading(panel_ctx *c, const char *text, const char *right)
{
    ui_gfx *g = c->g;
    c->y += 10;
    ui_text(g, UI_FONT_SMALL, c->x, c->y, UI_TEXT_DIM, text);
    int tw = ui_text_width(g, UI_FONT_SMALL, text);
    int rw = right ? ui_text_width(g, UI_FONT_SMALL, right) : 0;
    int lh = ui_line_height(g, UI_FONT_SMALL);
    if (right)
        ui_text(g, UI_FONT_SMALL, c->x + c->w - rw, c->y, UI_TEXT_DIM, right);
    int lx = c->x + tw + 8, lw = c->w - tw - 8 - (right ? rw + 8 : 0);
    if (lw > 0)
        ui_fill(g, (ui_rect){lx, c->y + lh / 2, lw, 1}, UI_BORDER);
    c->y += lh + 6;
}

/* ---- action rows ------------------------------------------------------------------------- */

static void key_label(char key, char *buf, size_t n)
{
    if (!key)
        snprintf(buf, n, " ");
    else if (key >= 'A' && key <= 'Z')
        snprintf(buf, n, "\xe2\x87\xa7%c", key); /* ⇧H: Shift+H */
    else
        snprintf(buf, n, "%c", key - 'a' + 'A');
}

static int draw_row(panel_ctx *c, const play_row *r)
{
    ui_play *p = c->p;
    ui_gfx *g = c->g;
    int lhb = ui_line_height(g, UI_FONT_BODY), lhs = ui_line_height(g, UI_FONT_SMALL);
    char price[64];
    snprintf(price, sizeof price, "%d \xc2\xb7 %dh \xc2\xb7 %dh", r->cost.money,
             r->cost.staff_hours, r->cost.duration);
    int pw = ui_text_width(g, UI_FONT_SMALL, price);
    int keyw = ui_text_width(g, UI_FONT_SMALL, "\xe2\x87\xa7W") + 12;
    int tx = c->x + 8 + keyw + 8, right = c->x + c->w - 8;
    /* The price beside the title, or under it when the title would take
     * three lines there and fewer across the whole row (large text). */
    ui_rect tbox = {tx, 0, right - pw - 10 - tx, 1000};
    int th = ui_text_wrap(g, UI_FONT_BODY, tbox, UI_TEXT, r->label, false);
    bool below = false;
    if (th > 2 * lhb) {
        ui_rect full = {tx, 0, right - tx, 1000};
        int fh = ui_text_wrap(g, UI_FONT_BODY, full, UI_TEXT, r->label, false);
        if (fh < th) {
            below = true;
            tbox = full;
            th = fh;
        }
    }
    if (th < lhb)
        th = lhb;
    int ph = below ? lhs + 2 : 0;
    int rh = 0;
    ui_rect rbox = {tx, 0, right - tx, 1000};
    if (!r->enabled && r->reason[0])
        rh = ui_text_wrap(g, UI_FONT_SMALL, rbox, UI_TEXT_DIM, r->reason, false) + 2;
    ui_rect b = {c->x, c->y, c->w, th + ph + rh + 10};
    bool focused = p->focus == PLAY_FOCUS_PANEL && p->panel_focus == c->button;
    if (focused) { /* keep the focused button in view */
        if (b.y < c->view.y)
            p->panel_scroll -= c->view.y - b.y + 8;
        else if (b.y + b.h > c->view.y + c->view.h)
            p->panel_scroll += b.y + b.h - (c->view.y + c->view.h) + 8;
    }
    bool visible = b.y + b.h > c->view.y && b.y < c->view.y + c->view.h;
    if (visible) {
        bool hit = play_button(p, b, focused, r->enabled, false);
        if (hit && ui_rect_contains(c->view, p->ptr.x, p->ptr.y)) {
            p->focus = PLAY_FOCUS_PANEL;
            p->panel_focus = c->button;
            play_act(p, r->kind, r->target, 0);
        }
        char k[8];
        key_label(r->key, k, sizeof k);
        ui_rect kb = {c->x + 8, b.y + 5 + (lhb - lhs - 4) / 2, keyw, lhs + 4};
        play_round_rect(g, kb, 4,
                        play_alpha(g, r->enabled ? UI_ACCENT : UI_BORDER, r->enabled ? 60 : 90));
        int kw = ui_text_width(g, UI_FONT_SMALL, k);
        ui_text(g, UI_FONT_SMALL, kb.x + (keyw - kw) / 2, kb.y + 2,
                r->enabled ? UI_ACCENT : UI_TEXT_DIM, k);
        tbox.y = b.y + 5;
        tbox.h = th;
        ui_text_wrap(g, UI_FONT_BODY, tbox, r->enabled ? UI_TEXT : UI_TEXT_DIM, r->label, true);
        ui_role pr = r->enabled ? UI_TEXT : UI_TEXT_DIM;
        if (below)
            ui_text(g, UI_FONT_SMALL, tx, b.y + 5 + th + 1, pr, price);
        else
            ui_text(g, UI_FONT_SMALL, right - pw, b.y + 5 + (lhb - lhs) / 2, pr, price);
        if (rh) {
            rbox.y = b.y + 5 + th + ph + 1;
            rbox.h = rh;
            ui_text_wrap(g, UI_FONT_SMALL, rbox, UI_WARN, r->reason, true);
        }
    }
    c->button++;
    c->y += b.h + 4;
    return b.h;
}

/* ---- the node ------------------------------------------------------------------------------ */

static void node_header(panel_ctx *c, const sim_world *w, int n)
{
    ui_gfx *g = c->g;
    sim_node_info ni;
    sim_node_get(w, n, &ni);
    sim_node_view v;
    sim_node_view_get(w, n, &v);
    play_style st = play_node_style(w, n);
    int lhb = ui_line_height(g, UI_FONT_BOLD), lhs = ui_line_height(g, UI_FONT_SMALL);
    int s = lhb + lhs + 8;
    ui_rect icon = {c->x, c->y, s, s};
    play_round_frame(g, icon, 8, play_alpha(g, UI_BORDER, 255), ui_gfx_colour(g, UI_PANEL_HI), 1);
    const char *code = play_kind_code(ni.kind);
    int cw = ui_text_width(g, UI_FONT_BOLD, code);
    ui_text(g, UI_FONT_BOLD, icon.x + (s - cw) / 2, icon.y + (s - lhb) / 2, UI_TEXT, code);
    int tx = c->x + s + 12;
    play_text_fit(g, UI_FONT_BOLD, tx, c->y + 2, c->x + c->w - tx, ui_gfx_colour(g, UI_TEXT),
                  ni.label);
    char sub[160];
    snprintf(sub, sizeof sub, "%s \xc2\xb7 %s \xc2\xb7 id %s", sim_node_kind_name(ni.kind),
             sim_zone_name(ni.zone), ni.id);
    play_text_fit(g, UI_FONT_SMALL, tx, c->y + 4 + lhb, c->x + c->w - tx,
                  ui_gfx_colour(g, UI_TEXT_DIM), sub);
    c->y += s + 10;
    /* The state: colour, glyph and word. */
    char word[64];
    snprintf(word, sizeof word, "%s %s", st.glyph, st.word);
    int x = c->x;
    x += play_pill(g, UI_FONT_BODY, x, c->y, play_alpha(g, st.role, 55), ui_gfx_colour(g, st.role),
                   word) +
         10;
    char users[32], facts[160];
    fmt_int(users, sizeof users, ni.users);
    snprintf(facts, sizeof facts, "%s users \xc2\xb7 value %d%s", users, ni.value,
             ni.has_data ? " \xc2\xb7 holds data" : "");
    play_text_fit(g, UI_FONT_SMALL, x, c->y + 3, c->x + c->w - x, ui_gfx_colour(g, UI_TEXT_DIM),
                  facts);
    c->y += ui_line_height(g, UI_FONT_BODY) + 8;
    if (v.detected_intrusions > 0) {
        char s2[96];
        snprintf(s2, sizeof s2,
                 "\xe2\x98\xa0 %d intrusion%s detected here \xe2\x80\x94 restore or isolate it",
                 v.detected_intrusions, v.detected_intrusions == 1 ? "" : "s");
        c->y +=
            ui_text_wrap(g, UI_FONT_SMALL, (ui_rect){c->x, c->y, c->w, 200}, UI_BAD, s2, true) + 4;
    }
}

static void node_running(panel_ctx *c, const sim_world *w, int n)
{
    ui_gfx *g = c->g;
    bool any = false;
    for (int i = 0; i < sim_running_count(w); i++) {
        sim_running_action ra;
        sim_running_get(w, i, &ra);
        if (sim_action_target_type(ra.req.kind) != SIM_TARGET_NODE || ra.req.target != n)
            continue;
        if (!any)
            heading(c, "IN PROGRESS", NULL);
        any = true;
        int left = ra.done_at - sim_world_tick(w);
        char s[160];
        snprintf(s, sizeof s, "%s \xe2\x80\x94 %d h left", sim_action_title(ra.req.kind),
                 left < 0 ? 0 : left);
        play_text_fit(g, UI_FONT_SMALL, c->x, c->y, c->w, ui_gfx_colour(g, UI_TEXT), s);
        c->y += ui_line_height(g, UI_FONT_SMALL) + 3;
        int span = ra.done_at - ra.started;
        int done = sim_world_tick(w) - ra.started;
        ui_rect bar = {c->x, c->y, c->w, 4};
        ui_fill_rgba(g, bar, play_alpha(g, UI_ACCENT, 50));
        bar.w = span > 0 ? c->w * (done < 0 ? 0 : done > span ? span : done) / span : c->w;
        ui_fill(g, bar, UI_ACCENT);
        c->y += 10;
    }
}

static void node_controls(panel_ctx *c, const sim_world *w, int n)
{
    ui_gfx *g = c->g;
    sim_node_info ni;
    sim_node_get(w, n, &ni);
    heading(c, "CONTROLS", NULL);
    int x = c->x, lh = ui_line_height(g, UI_FONT_SMALL) + 2;
    bool any = false;
    for (int i = 0; i < SIM_CONTROL_COUNT; i++) {
        unsigned bit = 1u << i;
        if (!(ni.controls & bit))
            continue;
        any = true;
        char s[48];
        snprintf(s, sizeof s, "\xe2\x9c\x93 %s", sim_control_name(bit));
        int pw = play_pill_width(g, UI_FONT_SMALL, s);
        if (x + pw > c->x + c->w) {
            x = c->x;
            c->y += lh + 4;
        }
        ui_role role = bit == SIM_CTL_ISOLATED ? UI_TEXT_DIM : UI_GOOD;
        x += play_pill(g, UI_FONT_SMALL, x, c->y, play_alpha(g, role, 45), ui_gfx_colour(g, role),
                       s) +
             6;
    }
    if (!any)
        ui_text(g, UI_FONT_SMALL, c->x, c->y, UI_TEXT_DIM,
                "None yet: each one below adds a layer.");
    c->y += lh + 6;
}

static void node_vulns(panel_ctx *c, const sim_world *w, int n)
{
    ui_gfx *g = c->g;
    heading(c, "KNOWN VULNERABILITIES", NULL);
    int lhb = ui_line_height(g, UI_FONT_BODY), lhs = ui_line_height(g, UI_FONT_SMALL);
    bool any = false;
    for (int i = 0; i < sim_vuln_count(w); i++) {
        sim_vuln_info vi;
        sim_vuln_get(w, i, &vi);
        /* What the bot's view lists: known to the defender, there, not patched. */
        if (vi.node != n || !vi.exists || !vi.known_to_defender || vi.patched)
            continue;
        any = true;
        char sev[48];
        snprintf(sev, sizeof sev, "%d.%d %s", vi.severity_tenths / 10, vi.severity_tenths % 10,
                 play_severity_word(vi.severity_tenths));
        ui_role role = vi.severity_tenths >= 70   ? UI_BAD
                       : vi.severity_tenths >= 40 ? UI_WARN
                                                  : UI_INFO;
        int sw = play_pill_width(g, UI_FONT_SMALL, sev);
        play_text_fit(g, UI_FONT_BODY, c->x, c->y, c->w - sw - 8, ui_gfx_colour(g, UI_TEXT), vi.id);
        play_pill(g, UI_FONT_SMALL, c->x + c->w - sw, c->y + 1, play_alpha(g, role, 60),
                  ui_gfx_colour(g, role), sev);
        c->y += lhb + 1;
        char more[160];
        snprintf(more, sizeof more, "CWE-%d \xc2\xb7 %s%s%s", vi.cwe,
                 vi.fix_available ? "fix available" : "no fix yet",
                 vi.is_public ? " \xc2\xb7 public" : "",
                 vi.design_flaw ? " \xc2\xb7 design flaw" : "");
        play_text_fit(g, UI_FONT_SMALL, c->x, c->y, c->w, ui_gfx_colour(g, UI_TEXT_DIM), more);
        c->y += lhs + 8;
    }
    if (!any) {
        c->y += ui_text_wrap(g, UI_FONT_SMALL, (ui_rect){c->x, c->y, c->w, 200}, UI_TEXT_DIM,
                             "None known. A scan or a threat model finds what is there.", true);
        c->y += 6;
    }
}

/* ---- the organisation ------------------------------------------------------------------------ */

static void org_status(panel_ctx *c, const sim_world *w)
{
    ui_gfx *g = c->g;
    sim_defender_info d;
    sim_defender_get(w, &d);
    int x = c->x, lh = ui_line_height(g, UI_FONT_SMALL) + 2;
    const char *items[3];
    bool on[3] = {d.in_sharing_group, d.security_txt, false};
    items[0] = d.in_sharing_group ? "\xe2\x9c\x93 sharing group" : "\xe2\x9c\x95 no sharing group";
    items[1] = d.security_txt ? "\xe2\x9c\x93 security.txt" : "\xe2\x9c\x95 no security.txt";
    char cap[96];
    snprintf(cap, sizeof cap, "PO %d \xc2\xb7 PS %d \xc2\xb7 PW %d \xc2\xb7 RV %d%%",
             d.capability_permille[0] / 10, d.capability_permille[1] / 10,
             d.capability_permille[2] / 10, d.capability_permille[3] / 10);
    items[2] = cap;
    for (int i = 0; i < 3; i++) {
        int pw = play_pill_width(g, UI_FONT_SMALL, items[i]);
        if (x + pw > c->x + c->w) {
            x = c->x;
            c->y += lh + 4;
        }
        ui_role role = i == 2 ? UI_INFO : on[i] ? UI_GOOD : UI_TEXT_DIM;
        x += play_pill(g, UI_FONT_SMALL, x, c->y, play_alpha(g, role, 40), ui_gfx_colour(g, role),
                       items[i]) +
             6;
    }
    c->y += lh + 8;
}

void play_panel_draw(ui_play *p)
{
    ui_gfx *g = p->g;
    const sim_world *w = play_world(p);
    ui_rect r = p->panel;
    ui_fill(g, r, UI_PANEL);
    ui_fill(g, (ui_rect){r.x, r.y, 1, r.h}, UI_BORDER);
    if (p->have_ptr && p->ptr.wheel && ui_rect_contains(r, p->ptr.x, p->ptr.y))
        p->panel_scroll -= p->ptr.wheel * 48;
    int maxs = p->panel_content_h - r.h;
    if (p->panel_scroll > maxs)
        p->panel_scroll = maxs;
    if (p->panel_scroll < 0)
        p->panel_scroll = 0;
    ui_clip(g, &r);
    panel_ctx c = {p, g, r.x + PAD, r.w - 2 * PAD - 6, r.y + 14 - p->panel_scroll, 0, r};
    int top = c.y;
    if (p->selected >= 0) {
        node_header(&c, w, p->selected);
        node_running(&c, w, p->selected);
        node_controls(&c, w, p->selected);
        node_vulns(&c, w, p->selected);
        heading(&c, "ACTIONS", "cost \xc2\xb7 staff \xc2\xb7 time");
        for (int i = 0; i < p->node_row_count; i++)
            draw_row(&c, &p->node_rows[i]);
        if (p->node_row_count == 0)
            c.y += ui_text_wrap(g, UI_FONT_SMALL, (ui_rect){c.x, c.y, c.w, 100}, UI_TEXT_DIM,
                                "This scenario offers no action on a node.", true);
        c.y += 10;
    } else {
        ui_text(g, UI_FONT_BOLD, c.x, c.y, UI_TEXT, "No node selected");
        c.y += ui_line_height(g, UI_FONT_BOLD) + 4;
        c.y += ui_text_wrap(
                   g, UI_FONT_SMALL, (ui_rect){c.x, c.y, c.w, 200}, UI_TEXT_DIM,
                   "Click a node on the map, or press Tab and the arrow keys, to see its state and "
                   "what you can do there. Enter moves into this panel; Esc goes back.",
                   true) +
               8;
    }
    ui_text(g, UI_FONT_BOLD, c.x, c.y + 6, UI_TEXT, "Organisation");
    c.y += ui_line_height(g, UI_FONT_BOLD) + 10;
    org_status(&c, w);
    heading(&c, "ACTIONS", "cost \xc2\xb7 staff \xc2\xb7 time");
    for (int i = 0; i < p->org_row_count; i++)
        draw_row(&c, &p->org_rows[i]);
    p->button_count = c.button;
    p->panel_content_h = c.y - top + 24;
    /* A scroll bar when it does not all fit. */
    if (p->panel_content_h > r.h) {
        int th = r.h * r.h / p->panel_content_h;
        int ty = r.y + (r.h - th) * p->panel_scroll / (p->panel_content_h - r.h);
        ui_fill_rgba(g, (ui_rect){r.x + r.w - 6, r.y, 6, r.h}, play_alpha(g, UI_BG, 120));
        play_round_rect(g, (ui_rect){r.x + r.w - 5, ty, 4, th}, 2, play_alpha(g, UI_TEXT_DIM, 160));
    }
    ui_clip(g, NULL);
}

void play_panel_move(ui_play *p, int step)
{
    play_refresh_rows(p);
    int n = p->node_row_count + p->org_row_count;
    if (n == 0) {
        p->panel_focus = 0;
        return;
    }
    p->panel_focus += step;
    if (p->panel_focus < 0)
        p->panel_focus = 0;
    if (p->panel_focus >= n)
        p->panel_focus = n - 1;
}

bool play_panel_activate(ui_play *p)
{
    play_refresh_rows(p);
    int i = p->panel_focus;
    const play_row *r = i < p->node_row_count ? &p->node_rows[i]
                        : i - p->node_row_count < p->org_row_count
                            ? &p->org_rows[i - p->node_row_count]
                            : NULL;
    if (!r)
        return false;
    if (r->target < 0 && sim_action_target_type(r->kind) != SIM_TARGET_NONE) {
        char msg[BW_ERR_MSG_MAX + 64];
        snprintf(msg, sizeof msg, "%s: %s", sim_action_title(r->kind), r->reason);
        play_toast_text(p, msg, UI_WARN);
        return false;
    }
    return play_act(p, r->kind, r->target, 0);
}
