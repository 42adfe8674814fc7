/* scr_workshop.c — the facilitator's console window (ui_workshop.h):
 * the lobby by team, the session's phase and clock, announcements, the
 * live scoreboard, and the room's debrief, drawn large enough to read on
 * a projector at the back of a room.
 *
 * Must never: talk to a store (the caller's refresh fills the view), or
 * block the window on it for longer than one refresh. */
#include "bulwark/ui_workshop.h"
#include "bulwark/ui.h"

#include <SDL.h>
#include <dirent.h>
#include <stdlib.h>
#include <string.h>

#define REFRESH_SECONDS 1.5
#define CONSOLE_TEXT_SCALE 1.5 /* projected: every font half again as large */

static const char *const view_names[] = { "lobby", "scoreboard", "debrief", NULL };
static const char *const phase_words[] = { "LOBBY", "RUNNING", "PAUSED", "ENDED" };
static const char *const pillar_words[] = { "Protection", "Responsibility", "Capacity", "Collaboration" };
static const ui_role pillar_roles[] = { UI_PILLAR_PROTECTION, UI_PILLAR_RESPONSIBILITY, UI_PILLAR_CAPACITY,
                                        UI_PILLAR_COLLABORATION };

int ui_console_view_parse(const char *name)
{
    for (int i = 0; name && view_names[i]; i++)
        if (strcmp(view_names[i], name) == 0)
            return i;
    return -1;
}

ui_console_which ui_console_auto_view(int phase)
{
    return phase == 0 ? UI_VIEW_LOBBY : phase == 3 ? UI_VIEW_DEBRIEF : UI_VIEW_SCOREBOARD;
}

typedef struct console {
    const ui_console_options *o;
    SDL_Window *win;
    SDL_Renderer *ren;
    ui_gfx *g;
    ui_console_view *v;
    bool have_view;
    int picked; /* -1: follow the session */
    bool typing;
    char typed[UI_CONSOLE_TEXT];
    bool confirm_end;
    char note[300];
    double now, next_refresh;
    bool quit;
} console;

static void clock_text(int64_t secs, char *buf, size_t n)
{
    if (secs < 0)
        secs = 0;
    if (secs >= 3600)
        snprintf(buf, n, "%lld:%02lld:%02lld", (long long)(secs / 3600), (long long)(secs / 60 % 60),
                 (long long)(secs % 60));
    else
        snprintf(buf, n, "%lld:%02lld", (long long)(secs / 60), (long long)(secs % 60));
}

static void refresh(console *c)
{
    char note[300] = "";
    if (c->o->refresh(c->o->ud, c->v, note, sizeof note) == 0)
        c->have_view = true;
    if (note[0])
        snprintf(c->note, sizeof c->note, "%s", note);
    c->next_refresh = c->now + REFRESH_SECONDS;
}

static void act(console *c, ui_console_act a, const char *text)
{
    c->o->act(c->o->ud, a, text, c->note, sizeof c->note);
    refresh(c);
}

/* ---- input ----------------------------------------------------------------------------- */

static void key(console *c, SDL_Keycode k)
{
    if (c->typing) {
        if (k == SDLK_RETURN || k == SDLK_KP_ENTER) {
            c->typing = false;
            SDL_StopTextInput();
            act(c, UI_CONSOLE_ANNOUNCE, c->typed);
        } else if (k == SDLK_ESCAPE) {
            c->typing = false;
            SDL_StopTextInput();
            snprintf(c->note, sizeof c->note, "Announcement cancelled.");
        } else if (k == SDLK_BACKSPACE) {
            size_t n = strlen(c->typed);
            while (n > 0 && ((unsigned char)c->typed[n - 1] & 0xC0) == 0x80)
                n--; /* a whole UTF-8 character */
            if (n > 0)
                n--;
            c->typed[n] = '\0';
        }
        return;
    }
    bool end_pressed = k == SDLK_e;
    switch (k) {
    case SDLK_s: act(c, UI_CONSOLE_START, NULL); break;
    case SDLK_p: act(c, c->v->phase == 2 ? UI_CONSOLE_RESUME : UI_CONSOLE_PAUSE, NULL); break;
    case SDLK_e:
        if (c->confirm_end)
            act(c, UI_CONSOLE_END, NULL);
        else
            snprintf(c->note, sizeof c->note, "Press E again to end the workshop (no more submissions).");
        break;
    case SDLK_a:
        c->typing = true;
        c->typed[0] = '\0';
        SDL_StartTextInput();
        break;
    case SDLK_TAB: {
        int cur = c->picked >= 0 ? c->picked : (int)ui_console_auto_view(c->v->phase);
        c->picked = (cur + 1) % 3;
        break;
    }
    case SDLK_1: c->picked = UI_VIEW_LOBBY; break;
    case SDLK_2: c->picked = UI_VIEW_SCOREBOARD; break;
    case SDLK_3: c->picked = UI_VIEW_DEBRIEF; break;
    case SDLK_q: c->quit = true; break;
    default: break;
    }
    c->confirm_end = end_pressed && !c->confirm_end;
}

static void poll(console *c)
{
    SDL_Event ev;
    while (SDL_PollEvent(&ev)) {
        if (ev.type == SDL_QUIT)
            c->quit = true;
        else if (ev.type == SDL_KEYDOWN)
            key(c, ev.key.keysym.sym);
        else if (ev.type == SDL_TEXTINPUT && c->typing) {
            size_t n = strlen(c->typed), add = strlen(ev.text.text);
            if (n + add < sizeof c->typed)
                memcpy(c->typed + n, ev.text.text, add + 1);
        }
    }
}

/* ---- drawing ----------------------------------------------------------------------------- */

static int text_fit(ui_gfx *g, ui_font f, int x, int y, int w, ui_role role, const char *s)
{
    ui_rect clip = { x, y, w, ui_line_height(g, f) + 4 };
    ui_clip(g, &clip);
    int drawn = ui_text(g, f, x, y, role, s);
    ui_clip(g, NULL);
    return drawn;
}

static ui_role phase_role(int phase)
{
    return phase == 1 ? UI_GOOD : phase == 2 ? UI_WARN : phase == 3 ? UI_INFO : UI_ACCENT;
}

static void draw_header(console *c, ui_rect *body)
{
    ui_gfx *g = c->g;
    const ui_console_view *v = c->v;
    int hh = ui_line_height(g, UI_FONT_HERO) + 40;
    ui_rect top = ui_cut_top(body, hh);
    ui_fill(g, top, UI_PANEL);
    char clock[32], limit[32], line[400];
    clock_text(v->secs_left, clock, sizeof clock);
    clock_text(v->secs_limit, limit, sizeof limit);
    int cw = ui_text_width(g, UI_FONT_HERO, clock);
    int x = top.x + 28;
    text_fit(g, UI_FONT_TITLE, x, top.y + 14, top.w - cw - 420, UI_TEXT, v->title);
    snprintf(line, sizeof line, "%s · %s · %d joined · %d result%s", v->workshop, v->scenarios, v->joined,
             v->results, v->results == 1 ? "" : "s");
    text_fit(g, UI_FONT_BODY, x, top.y + 24 + ui_line_height(g, UI_FONT_TITLE), top.w - cw - 420,
             UI_TEXT_DIM, line);
    /* The phase as a word in a badge, and the clock: what the room looks at. */
    const char *word = v->phase >= 0 && v->phase <= 3 ? phase_words[v->phase] : "?";
    int bw = ui_text_width(g, UI_FONT_TITLE, word) + 36;
    ui_rect badge = { top.x + top.w - cw - bw - 60, top.y + (hh - ui_line_height(g, UI_FONT_TITLE) - 16) / 2, bw,
                      ui_line_height(g, UI_FONT_TITLE) + 16 };
    ui_fill(g, badge, phase_role(v->phase));
    ui_text(g, UI_FONT_TITLE, badge.x + 18, badge.y + 8, UI_BG, word);
    ui_text(g, UI_FONT_HERO, top.x + top.w - cw - 28, top.y + 14,
            v->phase == 1 && v->secs_left <= 300 ? UI_WARN : UI_TEXT, clock);
    snprintf(line, sizeof line, "left of %s", limit);
    ui_text(g, UI_FONT_SMALL, top.x + top.w - ui_text_width(g, UI_FONT_SMALL, line) - 28,
            top.y + hh - ui_line_height(g, UI_FONT_SMALL) - 4, UI_TEXT_DIM, line);
    if (v->announcement[0] || c->typing) {
        ui_rect an = ui_cut_top(body, ui_line_height(g, UI_FONT_BOLD) + 24);
        ui_fill(g, an, c->typing ? UI_PANEL_HI : UI_ACCENT);
        snprintf(line, sizeof line, c->typing ? "Announce: %s_" : "Announcement: %s",
                 c->typing ? c->typed : v->announcement);
        text_fit(g, UI_FONT_BOLD, an.x + 28, an.y + 12, an.w - 56, c->typing ? UI_TEXT : UI_BG, line);
    }
}

static void draw_footer(console *c, ui_rect *body, ui_console_which which)
{
    ui_gfx *g = c->g;
    ui_rect bot = ui_cut_bottom(body, ui_line_height(g, UI_FONT_BODY) * 2 + 28);
    ui_fill(g, bot, UI_PANEL);
    const char *keys = c->typing         ? "Type the announcement · [Enter] send · [Esc] cancel · empty clears it"
                       : c->v->phase == 0 ? "[S] start   [A] announce   [Tab] view   [Q] quit"
                       : c->v->phase == 3 ? "[A] announce   [Tab] view   [Q] quit"
                                          : "[P] pause/resume   [A] announce   [E] end   [Tab] view   [Q] quit";
    ui_text(g, UI_FONT_BODY, bot.x + 28, bot.y + 10, UI_TEXT, keys);
    char line[400];
    snprintf(line, sizeof line, "View: %s%s%s%s", view_names[which], c->picked < 0 ? " (follows the session)" : "",
             c->note[0] ? " · " : "", c->note);
    text_fit(g, UI_FONT_BODY, bot.x + 28, bot.y + 14 + ui_line_height(g, UI_FONT_BODY), bot.w - 56, UI_TEXT_DIM,
             line);
}

static void draw_lobby(console *c, ui_rect r)
{
    ui_gfx *g = c->g;
    const ui_console_view *v = c->v;
    if (v->phase == 0) {
        const char *hint = "Players join with: bulwark play --workshop CONFIG --name NAME --team TEAM";
        ui_rect h = ui_cut_bottom(&r, ui_line_height(g, UI_FONT_BODY) + 12);
        ui_text(g, UI_FONT_BODY, h.x + 20, h.y + 4, UI_TEXT_DIM, hint);
    }
    int n = v->team_count > 0 ? v->team_count : 1;
    int cols = n <= 4 ? n : n <= 8 ? 4 : 6;
    int rows = (n + cols - 1) / cols;
    int gap = 20;
    int cw = (r.w - gap * (cols + 1)) / cols, ch = (r.h - gap * (rows + 1)) / rows;
    int lh = ui_line_height(g, UI_FONT_BODY) + 4;
    for (int t = 0; t < v->team_count; t++) {
        const ui_console_team *tm = &v->teams[t];
        ui_rect box = { r.x + gap + (t % cols) * (cw + gap), r.y + gap + (t / cols) * (ch + gap), cw, ch };
        ui_fill(g, box, UI_PANEL);
        ui_outline(g, box, UI_BORDER);
        char head[120];
        snprintf(head, sizeof head, "%s (%d)", tm->name, tm->joined);
        text_fit(g, UI_FONT_TITLE, box.x + 16, box.y + 10, box.w - 32, UI_ACCENT, head);
        int y = box.y + 20 + ui_line_height(g, UI_FONT_TITLE);
        int shown = tm->joined < UI_CONSOLE_MAX_NAMES ? tm->joined : UI_CONSOLE_MAX_NAMES;
        int per_col = (box.y + box.h - 10 - y) / lh;
        int ncol = box.w > 420 ? 2 : 1;
        for (int i = 0; i < shown && per_col > 0; i++) {
            int col = i / per_col;
            if (col >= ncol) {
                char more[64];
                snprintf(more, sizeof more, "and %d more", tm->joined - i);
                ui_text(g, UI_FONT_SMALL, box.x + 16, box.y + box.h - lh, UI_TEXT_DIM, more);
                break;
            }
            text_fit(g, UI_FONT_BODY, box.x + 16 + col * (box.w - 32) / ncol, y + (i % per_col) * lh,
                     (box.w - 32) / ncol - 8, UI_TEXT, tm->names[i]);
        }
        if (tm->joined == 0)
            ui_text(g, UI_FONT_BODY, box.x + 16, y, UI_TEXT_DIM, "nobody yet");
    }
}

static void stars_text(int stars, char *buf, size_t n)
{
    /* a player's stars add up over the workshop's scenarios: past one
     * game's three, a number says it */
    if (stars > 3)
        snprintf(buf, n, "%d★", stars);
    else
        snprintf(buf, n, "%s%s%s", stars > 0 ? "★" : "☆", stars > 1 ? "★" : "☆", stars > 2 ? "★" : "☆");
}

static void draw_scoreboard(console *c, ui_rect r)
{
    ui_gfx *g = c->g;
    const ui_console_view *v = c->v;
    ui_rect left = ui_cut_left(&r, r.w * 2 / 5);
    left = ui_rect_inset(left, 16);
    r = ui_rect_inset(r, 16);
    int lh = ui_line_height(g, UI_FONT_BODY) + 10;
    ui_text(g, UI_FONT_TITLE, left.x, left.y, UI_TEXT, "Teams");
    int y = left.y + ui_line_height(g, UI_FONT_TITLE) + 12;
    /* teams by rank; those without a result last */
    int order[UI_CONSOLE_MAX_TEAMS], n = 0;
    for (int pass = 0; pass < 2; pass++)
        for (int rank = 1; rank <= v->team_count + 1; rank++)
            for (int t = 0; t < v->team_count; t++)
                if ((pass == 0 && v->teams[t].rank == rank) || (pass == 1 && rank == 1 && v->teams[t].rank == 0))
                    order[n++] = t;
    double best = 1;
    for (int i = 0; i < n; i++)
        if (v->teams[order[i]].points > best)
            best = v->teams[order[i]].points;
    for (int i = 0; i < n && y + lh * 2 <= left.y + left.h; i++) {
        const ui_console_team *t = &v->teams[order[i]];
        char line[160];
        if (t->rank)
            snprintf(line, sizeof line, "%d. %s", t->rank, t->name);
        else
            snprintf(line, sizeof line, "–  %s", t->name);
        text_fit(g, UI_FONT_BOLD, left.x, y, left.w / 2, t->rank == 1 ? UI_ACCENT : UI_TEXT, line);
        snprintf(line, sizeof line, "%.2f★  %.0f pts", t->stars, t->points);
        if (t->rank)
            ui_text(g, UI_FONT_BODY, left.x + left.w - ui_text_width(g, UI_FONT_BODY, line), y, UI_TEXT, line);
        else
            ui_text(g, UI_FONT_BODY, left.x + left.w / 2, y, UI_TEXT_DIM, "no result yet");
        ui_rect bar = { left.x, y + lh - 8, (int)((left.w) * (t->points / best)), 6 };
        if (t->rank)
            ui_fill(g, bar, UI_ACCENT);
        y += lh + 8;
    }

    ui_text(g, UI_FONT_TITLE, r.x, r.y, UI_TEXT, "Players");
    y = r.y + ui_line_height(g, UI_FONT_TITLE) + 12;
    if (v->player_count == 0)
        ui_text(g, UI_FONT_BODY, r.x, y, UI_TEXT_DIM, "No results yet: the scoreboard fills as games end.");
    int rows = (r.y + r.h - y) / lh;
    int cols = v->player_count > rows && r.w > 700 ? 2 : 1;
    int colw = r.w / cols;
    for (int i = 0; i < v->player_count && i < rows * cols; i++) {
        const ui_console_player *p = &v->players[i];
        int x = r.x + (i / rows) * colw, yy = y + (i % rows) * lh;
        char line[200], st[32];
        snprintf(line, sizeof line, "%d. %s", p->rank, p->name);
        text_fit(g, UI_FONT_BODY, x, yy, colw * 45 / 100, p->rank <= 3 ? UI_ACCENT : UI_TEXT, line);
        text_fit(g, UI_FONT_BODY, x + colw * 46 / 100, yy, colw * 22 / 100, UI_TEXT_DIM, p->team);
        stars_text(p->stars, st, sizeof st);
        snprintf(line, sizeof line, "%s %.0f", st, p->points);
        ui_text(g, UI_FONT_BODY, x + colw * 69 / 100, yy, UI_TEXT, line);
    }
    if (v->player_count > rows * cols) {
        char more[64];
        snprintf(more, sizeof more, "and %d more", v->player_count - rows * cols);
        ui_text(g, UI_FONT_SMALL, r.x + r.w - ui_text_width(g, UI_FONT_SMALL, more), r.y + 8, UI_TEXT_DIM, more);
    }
}

/* One pillar's distribution: a box plot on 0..100 (whiskers min..max, box
 * q1..q3, the median as a bar) over a ten-bin histogram. */
static void draw_dist(ui_gfx *g, ui_rect r, int p, const ui_console_dist *d)
{
    text_fit(g, UI_FONT_BOLD, r.x, r.y, r.w, UI_TEXT, pillar_words[p]);
    char stats[120];
    snprintf(stats, sizeof stats, "median %d · mean %.0f · %d..%d", d->median, d->mean, d->min, d->max);
    int sy = r.y + ui_line_height(g, UI_FONT_BOLD) + 2;
    text_fit(g, UI_FONT_SMALL, r.x, sy, r.w, UI_TEXT_DIM, stats);
    int top = sy + ui_line_height(g, UI_FONT_SMALL) + 6;
    int axis = ui_line_height(g, UI_FONT_SMALL) + 4;
    ui_rect plot = { r.x, top, r.w, r.y + r.h - top - axis };
    ui_fill(g, plot, UI_PANEL);
    ui_text(g, UI_FONT_SMALL, plot.x, plot.y + plot.h + 2, UI_TEXT_DIM, "0");
    ui_text(g, UI_FONT_SMALL, plot.x + plot.w - ui_text_width(g, UI_FONT_SMALL, "100"), plot.y + plot.h + 2,
            UI_TEXT_DIM, "100");
    int maxh = 1;
    for (int b = 0; b < 10; b++)
        if (d->hist[b] > maxh)
            maxh = d->hist[b];
    int hh = plot.h * 55 / 100;
    for (int b = 0; b < 10; b++) {
        int bh = d->hist[b] * (hh - 4) / maxh;
        ui_rect bar = { plot.x + b * plot.w / 10 + 2, plot.y + hh - bh, plot.w / 10 - 4, bh };
        ui_fill(g, bar, pillar_roles[p]);
    }
    if (d->n == 0)
        return;
#define XOF(v) (plot.x + (v) * (plot.w - 1) / 100)
    int cy = plot.y + hh + (plot.h - hh) / 2;
    ui_line(g, XOF(d->min), cy, XOF(d->max), cy, UI_TEXT);
    ui_line(g, XOF(d->min), cy - 8, XOF(d->min), cy + 8, UI_TEXT);
    ui_line(g, XOF(d->max), cy - 8, XOF(d->max), cy + 8, UI_TEXT);
    ui_rect box = { XOF(d->q1), cy - 12, XOF(d->q3) - XOF(d->q1) + 1, 24 };
    ui_fill(g, box, pillar_roles[p]);
    ui_outline(g, box, UI_TEXT);
    ui_rect med = { XOF(d->median) - 2, cy - 14, 5, 28 };
    ui_fill(g, med, UI_TEXT);
#undef XOF
}

static void draw_lines(ui_gfx *g, ui_rect *r, const char *title, const char (*lines)[UI_CONSOLE_TEXT], int n,
                       const char *none)
{
    text_fit(g, UI_FONT_TITLE, r->x, r->y, r->w, UI_TEXT, title);
    int y = r->y + ui_line_height(g, UI_FONT_TITLE) + 8;
    if (n == 0) {
        ui_text(g, UI_FONT_BODY, r->x, y, UI_TEXT_DIM, none);
        y += ui_line_height(g, UI_FONT_BODY) + 8;
    }
    for (int i = 0; i < n && y < r->y + r->h; i++) {
        ui_rect box = { r->x + 24, y, r->w - 24, r->y + r->h - y };
        if (ui_text_wrap(g, UI_FONT_BODY, box, UI_TEXT, lines[i], false) > box.h)
            break; /* a bullet is shown whole or not at all */
        ui_text(g, UI_FONT_BODY, r->x, y, UI_ACCENT, "•");
        y += ui_text_wrap(g, UI_FONT_BODY, box, UI_TEXT, lines[i], true) + 6;
    }
    int used = y - r->y + 16;
    ui_cut_top(r, used < r->h ? used : r->h);
}

static void draw_debrief(console *c, ui_rect r)
{
    ui_gfx *g = c->g;
    const ui_console_view *v = c->v;
    r = ui_rect_inset(r, 20);
    if (!v->have_debrief) {
        ui_text(g, UI_FONT_TITLE, r.x, r.y, UI_TEXT, "The room's debrief");
        ui_text(g, UI_FONT_BODY, r.x, r.y + ui_line_height(g, UI_FONT_TITLE) + 12, UI_TEXT_DIM,
                v->results ? "It opens when the workshop ends ([E] twice)." : "No results yet.");
        return;
    }
    char head[240];
    snprintf(head, sizeof head, "Room debrief: %s — %d game%s, %d won", v->debrief_scenario, v->debrief_games,
             v->debrief_games == 1 ? "" : "s", v->debrief_won);
    text_fit(g, UI_FONT_TITLE, r.x, r.y, r.w, UI_TEXT, head);
    ui_cut_top(&r, ui_line_height(g, UI_FONT_TITLE) + 14);
    ui_rect charts = ui_cut_top(&r, r.h * 40 / 100);
    int cw = (charts.w - 3 * 24) / 4;
    for (int p = 0; p < 4; p++) {
        ui_rect one = { charts.x + p * (cw + 24), charts.y, cw, charts.h };
        draw_dist(g, one, p, &v->pillars[p]);
    }
    ui_cut_top(&r, 18);
    ui_rect left = ui_cut_left(&r, r.w / 2 - 12);
    ui_cut_left(&r, 24);
    draw_lines(g, &left, "Decisions most got wrong", v->wrong, v->wrong_count,
               "None: most players chose as the best games did.");
    draw_lines(g, &r, "How the best game differed", v->best, v->best_count, "Fewer than two games to compare.");
}

static void draw(console *c)
{
    ui_gfx *g = c->g;
    ui_gfx_begin_frame(g);
    ui_rect all = ui_gfx_screen(g);
    ui_fill(g, all, UI_BG);
    if (!c->have_view) {
        ui_text(g, UI_FONT_TITLE, 40, 40, UI_TEXT, "Opening the workshop's results...");
        if (c->note[0])
            ui_text(g, UI_FONT_BODY, 40, 100, UI_WARN, c->note);
        return;
    }
    ui_console_which which = c->picked >= 0 ? (ui_console_which)c->picked : ui_console_auto_view(c->v->phase);
    ui_rect body = all;
    draw_header(c, &body);
    draw_footer(c, &body, which);
    if (c->v->phase == 2) {
        ui_rect band = ui_cut_top(&body, ui_line_height(g, UI_FONT_TITLE) + 20);
        ui_fill(g, band, UI_WARN);
        const char *s = "Paused: every player's game is held.";
        ui_text(g, UI_FONT_TITLE, band.x + (band.w - ui_text_width(g, UI_FONT_TITLE, s)) / 2, band.y + 10, UI_BG, s);
    }
    switch (which) {
    case UI_VIEW_LOBBY: draw_lobby(c, body); break;
    case UI_VIEW_SCOREBOARD: draw_scoreboard(c, body); break;
    case UI_VIEW_DEBRIEF: draw_debrief(c, body); break;
    }
}

/* ---- the window ------------------------------------------------------------------------------ */

static bool have_gpu(void)
{
    DIR *d = opendir("/dev/dri");
    if (!d)
        return false;
    bool any = false;
    for (struct dirent *e; !any && (e = readdir(d));)
        any = strncmp(e->d_name, "card", 4) == 0 || strncmp(e->d_name, "renderD", 7) == 0;
    closedir(d);
    return any;
}

static int open_window(console *c)
{
    const ui_console_options *o = c->o;
    const char *want = getenv("BULWARK_RENDERER");
    bool software = o->software || (want && strcmp(want, "software") == 0) || (!(want && *want) && !have_gpu());
    if (software)
        SDL_SetHint(SDL_HINT_FRAMEBUFFER_ACCELERATION, "0");
    c->win = SDL_CreateWindow("Bulwark — workshop console", SDL_WINDOWPOS_CENTERED, SDL_WINDOWPOS_CENTERED,
                              1600, 900, SDL_WINDOW_RESIZABLE | SDL_WINDOW_ALLOW_HIGHDPI);
    if (!c->win) {
        fprintf(o->err, "bulwark workshop: cannot open a window: %s\n", SDL_GetError());
        return -1;
    }
    SDL_SetWindowMinimumSize(c->win, 1024, 640);
    Uint32 vsync = o->frames > 0 ? 0 : SDL_RENDERER_PRESENTVSYNC;
    if (!software)
        c->ren = SDL_CreateRenderer(c->win, -1, SDL_RENDERER_ACCELERATED | vsync);
    if (!c->ren)
        c->ren = SDL_CreateRenderer(c->win, -1, SDL_RENDERER_SOFTWARE | vsync);
    if (!c->ren) {
        fprintf(o->err, "bulwark workshop: cannot create a renderer: %s\n", SDL_GetError());
        return -1;
    }
    bw_err e;
    c->g = ui_gfx_create(c->win, c->ren, UI_PALETTE_STANDARD, CONSOLE_TEXT_SCALE, &e);
    if (!c->g) {
        fprintf(o->err, "bulwark workshop: %s\n", e.msg);
        return -1;
    }
    return 0;
}

int ui_console_run(const ui_console_options *o)
{
    if (!ui_app_display_present())
        return UI_APP_NO_DISPLAY;
    if (SDL_Init(SDL_INIT_VIDEO) != 0 || ui_app_stand_in_driver()) {
        SDL_Quit();
        return UI_APP_NO_DISPLAY;
    }
    console *c = calloc(1, sizeof *c);
    ui_console_view *v = calloc(1, sizeof *v);
    int rc = 0;
    if (!c || !v) {
        rc = 3;
        goto done;
    }
    c->o = o;
    c->v = v;
    c->picked = o->view ? ui_console_view_parse(o->view) : -1;
    if (open_window(c) != 0) {
        rc = 3;
        goto done;
    }
    SDL_StopTextInput();
    refresh(c);
    Uint64 freq = SDL_GetPerformanceFrequency(), last = SDL_GetPerformanceCounter();
    for (long frame = 0; !c->quit; frame++) {
        Uint64 t0 = SDL_GetPerformanceCounter();
        c->now += o->frames > 0 ? 1.0 / 60.0 : (double)(t0 - last) / (double)freq;
        last = t0;
        poll(c);
        if (c->now >= c->next_refresh)
            refresh(c);
        draw(c);
        bool last_frame = o->frames > 0 && frame + 1 >= o->frames;
        bw_err e;
        if (last_frame && o->screenshot && ui_gfx_screenshot(c->g, o->screenshot, &e) != BW_OK) {
            fprintf(o->err, "bulwark workshop: %s\n", e.msg);
            rc = 1;
        }
        SDL_RenderPresent(c->ren);
        if (last_frame)
            break;
        if (o->frames <= 0)
            SDL_Delay(30); /* a console, not a game: ~30 frames a second is plenty */
    }
done:
    if (c) {
        ui_gfx_destroy(c->g);
        if (c->ren)
            SDL_DestroyRenderer(c->ren);
        if (c->win)
            SDL_DestroyWindow(c->win);
    }
    free(v);
    free(c);
    SDL_Quit();
    return rc;
}
