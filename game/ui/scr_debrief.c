/* scr_debrief.c — the debrief: what the game taught, drawn from the
 * debrief model (debrief.h).
 *
 * The outcome and stars; the four pillars day by day as a line chart in
 * which each pillar has its own colour AND marker, dash pattern and
 * label, so the chart reads in grey too; the incidents on a timeline,
 * each with what would have prevented it; the practices taught, each
 * with its sentence from this game; the moments that mattered; the
 * scenario's own words. The page scrolls; the buttons stay. */
#include <SDL_keycode.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app_internal.h"

static const char *const pillar_names[SIM_PILLAR_COUNT] = {"Protection", "Responsibility",
                                                           "Capacity", "Collaboration"};
static const ui_role pillar_roles[SIM_PILLAR_COUNT] = {
    UI_PILLAR_PROTECTION, UI_PILLAR_RESPONSIBILITY, UI_PILLAR_CAPACITY, UI_PILLAR_COLLABORATION};
/* on/off lengths in logical px: solid, dashed, dotted, dash-dot */
static const int dash[SIM_PILLAR_COUNT][4] = {
    {1, 0, 0, 0}, {9, 5, 0, 0}, {2, 4, 0, 0}, {9, 4, 2, 4}};
static const char *const marker_glyph[SIM_PILLAR_COUNT] = {"●", "■", "▲", "◆"};

/* A marker shape drawn from rectangles and lines (no geometry); earlier
 * pillars get bigger markers so coinciding points stay visible. */
static void marker(ui_gfx *g, int p, int x, int y, ui_role role)
{
    switch (p) {
    case 0: ui_disc(g, x, y, 7, role); break;
    case 1: ui_fill(g, (ui_rect){x - 4, y - 4, 9, 9}, role); break;
    case 2:
        for (int i = 0; i <= 5; i++)
            ui_fill(g, (ui_rect){x - i, y - 4 + i * 2 - 1, 2 * i + 1, 2}, role);
        break;
    default:
        for (int i = -4; i <= 4; i++) {
            int half = 4 - abs(i);
            ui_fill(g, (ui_rect){x - half, y + i, 2 * half + 1, 1}, role);
        }
        break;
    }
}

/* A thick line (width px, centred) with a dash pattern; *phase carries
 * the pattern on from one segment to the next. */
static void thick(ui_gfx *g, int x0, int y0, int x1, int y1, int width, ui_role role)
{
    for (int k = 0; k < width; k++)
        ui_line(g, x0, y0 + k - width / 2, x1, y1 + k - width / 2, role);
}

static void dashed(ui_gfx *g, int x0, int y0, int x1, int y1, const int *pat, double *phase,
                   int width, ui_role role)
{
    double dx = x1 - x0, dy = y1 - y0, len = sqrt(dx * dx + dy * dy);
    if (len < 0.5)
        return;
    if (pat[1] == 0) {
        thick(g, x0, y0, x1, y1, width, role);
        return;
    }
    int period = pat[0] + pat[1] + pat[2] + pat[3];
    double t = 0;
    while (t < len) {
        double ph = fmod(*phase + t, period);
        double on_end, next;
        if (ph < pat[0]) {
            on_end = pat[0] - ph;
            next = on_end;
        } else if (ph < pat[0] + pat[1]) {
            on_end = 0;
            next = pat[0] + pat[1] - ph;
        } else if (ph < pat[0] + pat[1] + pat[2]) {
            on_end = pat[0] + pat[1] + pat[2] - ph;
            next = on_end;
        } else {
            on_end = 0;
            next = period - ph;
        }
        double seg = fmin(next, len - t);
        if (on_end > 0) {
            int ax = x0 + (int)lround(dx * t / len), ay = y0 + (int)lround(dy * t / len);
            int bx = x0 + (int)lround(dx * (t + seg) / len),
                by = y0 + (int)lround(dy * (t + seg) / len);
            thick(g, ax, ay, bx, by, width, role);
        }
        t += seg > 0.01 ? seg : 0.01;
    }
    *phase = fmod(*phase + len, period);
}

static int chart(ui_app *a, ui_rect r)
{
    ui_gfx *g = a->g;
    const script_debrief *d = &a->debrief;
    int lh = ui_line_height(g, UI_FONT_SMALL);
    /* legend */
    int lx = r.x;
    for (int p = 0; p < SIM_PILLAR_COUNT; p++) {
        double ph = 0;
        int cy = r.y + lh / 2;
        dashed(g, lx, cy, lx + 28, cy, dash[p], &ph, 2, pillar_roles[p]);
        marker(g, p, lx + 14, cy, pillar_roles[p]);
        char lab[64];
        snprintf(lab, sizeof lab, "%s %d", pillar_names[p], d->pillars[p]);
        lx += 36 + ui_text(g, UI_FONT_SMALL, lx + 36, r.y, UI_TEXT, lab) + 28;
    }
    int label_w = ui_text_width(g, UI_FONT_SMALL, "■ Responsibility") + 24;
    int axis_w = ui_text_width(g, UI_FONT_SMALL, "100") + 12;
    if (axis_w < 40)
        axis_w = 40;
    ui_rect plot = {r.x + axis_w, r.y + lh + 16, r.w - axis_w - label_w, r.h - lh - 16 - lh - 10};
    if (plot.w < 100 || plot.h < 60)
        return r.h;
    /* axes and grid at 0, 25, 50, 75, 100 */
    for (int v = 0; v <= 100; v += 25) {
        int y = plot.y + plot.h - plot.h * v / 100;
        ui_fill(g, (ui_rect){plot.x, y, plot.w, 1}, v == 0 ? UI_BORDER : UI_PANEL_HI);
        char t[8];
        snprintf(t, sizeof t, "%d", v);
        ui_text(g, UI_FONT_SMALL, plot.x - 8 - ui_text_width(g, UI_FONT_SMALL, t), y - lh / 2,
                UI_TEXT_DIM, t);
    }
    int n = d->history_days;
    if (n > DEBRIEF_MAX_DAYS)
        n = DEBRIEF_MAX_DAYS;
    int span = n > 1 ? n - 1 : 1;
    int every = span <= 10 ? 1 : span <= 20 ? 2 : span <= 40 ? 5 : span <= 100 ? 10 : 30;
    for (int i = 0; i < n; i += every) {
        int x = plot.x + plot.w * i / span;
        ui_fill(g, (ui_rect){x, plot.y + plot.h, 1, 4}, UI_BORDER);
        char t[16];
        snprintf(t, sizeof t, i == 0 ? "day %d" : "%d", i);
        int tw = ui_text_width(g, UI_FONT_SMALL, t);
        ui_text(g, UI_FONT_SMALL,
                i == 0 ? x - tw + ui_text_width(g, UI_FONT_SMALL, "0") / 2 : x - tw / 2,
                plot.y + plot.h + 6, UI_TEXT_DIM, t);
    }
    if (n <= 0)
        return r.h;
    int end_y[SIM_PILLAR_COUNT];
    for (int p = 0; p < SIM_PILLAR_COUNT; p++) {
        double ph = 0;
        int px = 0, py = 0;
        for (int i = 0; i < n; i++) {
            int v = d->history[i][p];
            int x = plot.x + (n > 1 ? plot.w * i / span : 0);
            int y = plot.y + plot.h - plot.h * (v < 0 ? 0 : v > 100 ? 100 : v) / 100;
            /* the first pillars drawn widest, so a line lying on another still shows */
            if (i > 0)
                dashed(g, px, py, x, y, dash[p], &ph, 5 - p, pillar_roles[p]);
            px = x;
            py = y;
        }
        int mstep = n <= 32 ? 1 : (n + 31) / 32;
        for (int i = 0; i < n; i += mstep) {
            int v = d->history[i][p];
            int x = plot.x + (n > 1 ? plot.w * i / span : 0);
            int y = plot.y + plot.h - plot.h * (v < 0 ? 0 : v > 100 ? 100 : v) / 100;
            marker(g, p, x, y, pillar_roles[p]);
        }
        marker(g, p, px, py, pillar_roles[p]);
        end_y[p] = py;
    }
    /* labels at the line ends, pushed apart so they never overlap */
    int order[SIM_PILLAR_COUNT] = {0, 1, 2, 3};
    for (int i = 1; i < SIM_PILLAR_COUNT; i++)
        for (int j = i; j > 0 && end_y[order[j]] < end_y[order[j - 1]]; j--) {
            int t = order[j];
            order[j] = order[j - 1];
            order[j - 1] = t;
        }
    int ly[SIM_PILLAR_COUNT];
    for (int i = 0; i < SIM_PILLAR_COUNT; i++) {
        ly[i] = end_y[order[i]] - lh / 2;
        if (i > 0 && ly[i] < ly[i - 1] + lh)
            ly[i] = ly[i - 1] + lh;
    }
    for (int i = 0; i < SIM_PILLAR_COUNT; i++) {
        int p = order[i];
        char lab[64];
        snprintf(lab, sizeof lab, "%s %s", marker_glyph[p], pillar_names[p]);
        ui_text(g, UI_FONT_SMALL, plot.x + plot.w + 10, ly[i], pillar_roles[p], lab);
    }
    return r.h;
}

static void day_hour(int tick, char *buf, size_t n)
{
    snprintf(buf, n, "Day %d, %02d:00", tick / SIM_TICKS_PER_DAY + 1, tick % SIM_TICKS_PER_DAY);
}

/* The incidents along the game's days, then one entry each. */
static int incidents(ui_app *a, ui_rect r, bool draw)
{
    ui_gfx *g = a->g;
    const script_debrief *d = &a->debrief;
    int y = r.y;
    int lh = ui_line_height(g, UI_FONT_BODY);
    if (d->incident_count == 0) {
        if (draw)
            ui_text(g, UI_FONT_BODY, r.x, y, UI_GOOD, "✓ No incident: nobody got in.");
        return lh + 4;
    }
    int ticks = d->ticks > 0 ? d->ticks : 1;
    if (draw) {
        int ty = y + 14;
        ui_fill(g, (ui_rect){r.x, ty, r.w, 2}, UI_BORDER);
        for (int day = 0; day * SIM_TICKS_PER_DAY <= ticks; day++) {
            int x = r.x + (int)((long)r.w * day * SIM_TICKS_PER_DAY / ticks);
            ui_fill(g, (ui_rect){x, ty - 4, 1, 10}, UI_BORDER);
        }
        for (int i = 0; i < d->incident_count; i++) {
            const debrief_incident *in = &d->incidents[i];
            int x = r.x + (int)((long)r.w * in->tick / ticks);
            if (in->detected_at >= 0) {
                int x2 = r.x + (int)((long)r.w * in->detected_at / ticks);
                ui_fill(g, (ui_rect){x, ty - 1, x2 - x + 1, 4}, UI_WARN);
            }
            marker(g, in->harmful ? 1 : 2, x, ty, in->harmful ? UI_BAD : UI_WARN);
        }
        ui_text(g, UI_FONT_SMALL, r.x, ty + 10, UI_TEXT_DIM, "day 1");
        char end[32];
        snprintf(end, sizeof end, "day %d", (ticks + SIM_TICKS_PER_DAY - 1) / SIM_TICKS_PER_DAY);
        ui_text(g, UI_FONT_SMALL, r.x + r.w - ui_text_width(g, UI_FONT_SMALL, end), ty + 10,
                UI_TEXT_DIM, end);
        ui_text(g, UI_FONT_SMALL, r.x + r.w / 3, ty + 10, UI_TEXT_DIM,
                "■ harmful   ▲ contained   bar: until detected");
    }
    y += 14 + 12 + ui_line_height(g, UI_FONT_SMALL) + 12;
    int ind = ui_text_width(g, UI_FONT_BODY, "✕") + 10;
    for (int i = 0; i < d->incident_count; i++) {
        const debrief_incident *in = &d->incidents[i];
        char when[48], status[96], line[320];
        day_hour(in->tick, when, sizeof when);
        if (in->detected_at < 0)
            snprintf(status, sizeof status, "never detected");
        else
            snprintf(status, sizeof status, "detected after %d h", in->detected_at - in->tick);
        snprintf(line, sizeof line, "%s · %s · %s%s%s", when, status,
                 in->technique[0] ? in->technique : "", in->actor[0] ? " · " : "", in->actor);
        if (draw) {
            ui_text(g, UI_FONT_BODY, r.x, y, in->harmful ? UI_BAD : UI_WARN,
                    in->harmful ? "✕" : "!");
            ui_text(g, UI_FONT_SMALL, r.x + ind, y + 2, UI_TEXT_DIM, line);
        }
        y += ui_line_height(g, UI_FONT_SMALL) + 4;
        y += ui_text_wrap(g, UI_FONT_BODY, (ui_rect){r.x + ind, y, r.w - ind, 100000}, UI_TEXT,
                          in->what, draw);
        if (in->prevent[0]) {
            char prev[260];
            snprintf(prev, sizeof prev, "Would have prevented it: %s", in->prevent);
            y += ui_text_wrap(g, UI_FONT_BODY, (ui_rect){r.x + ind, y, r.w - ind, 100000}, UI_GOOD,
                              prev, draw);
        }
        y += 12;
    }
    return y - r.y;
}

static int practices(ui_app *a, ui_rect r, bool draw)
{
    static const struct {
        const char *kind, *name;
    } kinds[] = {
        {"accord", "Tech Accord"}, {"ssdf", "NIST SSDF"}, {"attack", "ATT&CK"}, {"cwe", "CWE"}};
    ui_gfx *g = a->g;
    const script_debrief *d = &a->debrief;
    int y = r.y;
    if (d->practice_count == 0) {
        if (draw)
            ui_text(g, UI_FONT_BODY, r.x, y, UI_TEXT_DIM, "This scenario declares no practices.");
        return ui_line_height(g, UI_FONT_BODY);
    }
    for (int i = 0; i < d->practice_count; i++) {
        const debrief_practice *p = &d->practices[i];
        const char *kn = p->kind;
        for (size_t k = 0; k < 4; k++)
            if (strcmp(kinds[k].kind, p->kind) == 0)
                kn = kinds[k].name;
        char head[120];
        if (strcmp(p->kind, "cwe") == 0)
            app_cwe_label(p->id, head, sizeof head);
        else
            snprintf(head, sizeof head, "%s %s", kn, p->id);
        int hw = ui_text_width(g, UI_FONT_BOLD, head);
        int col = 220;
        if (draw)
            ui_text(g, UI_FONT_BOLD, r.x, y, UI_INFO, head);
        int yy = y;
        if (hw > col - 12)
            yy += ui_line_height(g, UI_FONT_BOLD);
        if (p->title[0])
            yy += ui_text_wrap(g, UI_FONT_SMALL, (ui_rect){r.x + col, yy + 2, r.w - col, 100000},
                               UI_TEXT_DIM, p->title, draw) +
                  4;
        if (p->in_game[0])
            yy += ui_text_wrap(g, UI_FONT_BODY, (ui_rect){r.x + col, yy, r.w - col, 100000},
                               UI_TEXT, p->in_game, draw);
        if (yy < y + ui_line_height(g, UI_FONT_BOLD))
            yy = y + ui_line_height(g, UI_FONT_BOLD);
        y = yy + 14;
    }
    return y - r.y;
}

/* One titled section; returns its height. Draws only when visible. */
static int section(ui_app *a, ui_rect view, int y, int w, int x, const char *title)
{
    ui_gfx *g = a->g;
    int h = ui_line_height(g, UI_FONT_BOLD) + 12;
    if (y + h > view.y && y < view.y + view.h) {
        ui_text(g, UI_FONT_BOLD, x, y, UI_TEXT, title);
        ui_fill(g, (ui_rect){x, y + ui_line_height(g, UI_FONT_BOLD) + 4, w, 1}, UI_BORDER);
    }
    return h;
}

void scr_debrief(ui_app *a)
{
    ui_gfx *g = a->g;
    const script_debrief *d = &a->debrief;
    const char *title = "The game is over";
    const char *scn = a->ss ? script_scenario_title(ui_session_scenario(a->ss)) : "";
    bool won = d->outcome == SIM_OUTCOME_WON;
    char sub[1200];
    char objectives[64] = "";
    if (d->objectives_total > 0) /* a tutorial has none: say nothing rather than "0 of 0" */
        snprintf(objectives, sizeof objectives, " · objectives %d of %d", d->objectives_met,
                 d->objectives_total);
    snprintf(sub, sizeof sub, "%s — %s after %d day%s%s%s%s", scn, won ? "won" : "lost", d->days,
             d->days == 1 ? "" : "s", objectives, a->debrief_note[0] ? " · " : "",
             a->debrief_note);
    title = won ? "✓ Won" : "✕ Lost";
    ui_rect r = scr_header(a, ui_gfx_screen(g), title, sub);
    /* stars at the header's right */
    int sw = ui_text_width(g, UI_FONT_TITLE, "★★★");
    scr_stars(a, r.x + r.w - sw - 40, 16, d->stars, UI_FONT_TITLE);

    int bh = ui_line_height(g, UI_FONT_BOLD) + 22;
    ui_rect bar = ui_cut_bottom(&r, bh + 32);
    ui_fill(g, bar, UI_PANEL);
    ui_fill(g, (ui_rect){bar.x, bar.y, bar.w, 1}, UI_BORDER);

    ui_rect view = ui_rect_inset(r, 0);
    scr_scroll(a, a->content_h, view.h);
    ui_clip(g, &view);
    int cw = view.w - 96 < 1100 ? view.w - 96 : 1100;
    int x = view.x + (view.w - cw) / 2;
    int y = view.y + 24 - a->scroll;
    int top = y;

    if (!a->have_debrief) {
        ui_text(g, UI_FONT_BODY, x, y, UI_BAD, "The debrief could not be built for this game.");
        y += 40;
    } else {
        y += section(a, view, y, cw, x, "The four pillars, day by day");
        int chh = 240 + 4 * ui_line_height(g, UI_FONT_SMALL);
        if (y + chh > view.y && y < view.y + view.h)
            chart(a, (ui_rect){x, y, cw, chh});
        y += chh + 24;

        y += section(a, view, y, cw, x, "Incidents, and what would have prevented them");
        int ih = incidents(a, (ui_rect){x, y, cw, 0}, false);
        if (y + ih > view.y && y < view.y + view.h)
            incidents(a, (ui_rect){x, y, cw, 0}, true);
        y += ih + 16;

        y += section(a, view, y, cw, x, "What this scenario taught");
        int ph = practices(a, (ui_rect){x, y, cw, 0}, false);
        if (y + ph > view.y && y < view.y + view.h)
            practices(a, (ui_rect){x, y, cw, 0}, true);
        y += ph + 16;

        if (d->moment_count > 0) {
            y += section(a, view, y, cw, x, "The moments that mattered");
            for (int i = 0; i < d->moment_count && i < 8; i++) {
                ui_text(g, UI_FONT_BODY, x, y, UI_ACCENT, "•");
                y += ui_text_wrap(g, UI_FONT_BODY, (ui_rect){x + 18, y, cw - 18, 100000}, UI_TEXT,
                                  d->moments[i].text, y > view.y - 200 && y < view.y + view.h) +
                     6;
            }
            y += 16;
        }
    }
    if (a->debrief_text && a->debrief_text[0]) {
        y += section(a, view, y, cw, x, "Debrief");
        y += ui_text_wrap(g, UI_FONT_BODY, (ui_rect){x, y, cw, 100000}, UI_TEXT, a->debrief_text,
                          y < view.y + view.h) +
             16;
    }
    a->content_h = y - top + 24;
    ui_clip(g, NULL);
    if (a->scroll_max > 0) {
        int th = view.h * view.h / (a->content_h > 0 ? a->content_h : 1);
        if (th < 24)
            th = 24;
        int ty = view.y + (view.h - th) * a->scroll / a->scroll_max;
        ui_fill(g, (ui_rect){view.x + view.w - 8, ty, 5, th}, UI_BORDER);
    }

    /* Continue / Replay / Menu */
    ui_rect bi = ui_rect_inset(bar, 16);
    struct {
        const char *label, *hint;
    } b[] = {{"Continue", "Enter"}, {"Replay", "r"}, {"Menu", "Esc"}};
    int hit = -1;
    int bx = bi.x + 8;
    for (int i = 0; i < 3; i++) {
        ui_rect br = {bx, bi.y, i == 0 ? 240 : 180, bh};
        if (ui_button(g, &a->ptr, br, b[i].label, b[i].hint, i == 0, true))
            hit = i;
        bx += br.w + 16;
    }
    ui_text(g, UI_FONT_SMALL, bx + 8, bi.y + (bh - ui_line_height(g, UI_FONT_SMALL)) / 2,
            UI_TEXT_DIM, "↑ ↓ or the wheel to scroll");
    if (scr_cmd(a, UI_CMD_CONFIRM))
        hit = 0;
    if (scr_key(a, SDLK_r))
        hit = 1;
    if (scr_cmd(a, UI_CMD_BACK))
        hit = 2;
    switch (hit) {
    case 0:
        app_end_game(a);
        app_go(a, UI_GO_CAMPAIGN);
        break;
    case 1: app_start(a); break;
    case 2:
        app_end_game(a);
        app_go(a, UI_BACK);
        break;
    default: break;
    }
}
