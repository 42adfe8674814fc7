/* scr_menu.c — the main menu and the settings screen.
 *
 * The menu is the first thing drawn, so it must be quick: the campaign's
 * scenarios are read only after the first frame is on screen (the
 * "Continue" button learns its scenario a frame later). */
#include <SDL_keycode.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "app_internal.h"

#ifndef BULWARK_VERSION
#define BULWARK_VERSION "0.0.0"
#endif

/* A quiet network behind the menu: the game's subject at a glance. */
static void draw_backdrop(ui_app *a, ui_rect r)
{
    static const int pts[][2] = {{120, 90}, {300, 40},  {470, 130}, {250, 210}, {420, 300},
                                 {90, 300}, {560, 250}, {330, 390}, {170, 430}, {520, 430}};
    static const int links[][2] = {{0, 1}, {1, 2}, {0, 3}, {3, 2}, {3, 4}, {3, 5}, {2, 6},
                                   {4, 6}, {4, 7}, {5, 8}, {7, 8}, {7, 9}, {6, 9}};
    static const ui_role state[] = {UI_GOOD, UI_GOOD, UI_WARN, UI_GOOD, UI_BAD,
                                    UI_GOOD, UI_GOOD, UI_GOOD, UI_WARN, UI_GOOD};
    int n = (int)(sizeof pts / sizeof pts[0]);
    double s = fmin(r.w / 640.0, r.h / 480.0);
    if (s <= 0.2)
        return;
    int ox = r.x + (int)((r.w - 640 * s) / 2), oy = r.y + (int)((r.h - 480 * s) / 2);
    for (size_t i = 0; i < sizeof links / sizeof links[0]; i++) {
        int a0 = links[i][0], b0 = links[i][1];
        ui_line(a->g, ox + (int)(pts[a0][0] * s), oy + (int)(pts[a0][1] * s),
                ox + (int)(pts[b0][0] * s), oy + (int)(pts[b0][1] * s),
                i == 8 ? UI_ATTACK : UI_LINK);
    }
    for (int i = 0; i < n; i++) {
        int x = ox + (int)(pts[i][0] * s), y = oy + (int)(pts[i][1] * s);
        ui_disc(a->g, x, y, (int)(15 * s) + 3, UI_BORDER);
        ui_disc(a->g, x, y, (int)(13 * s) + 2, UI_PANEL_HI);
        ui_disc(a->g, x, y, (int)(5 * s) + 1, state[i]);
    }
}

void scr_menu(ui_app *a)
{
    ui_gfx *g = a->g;
    /* The scenarios load after the first frame is up; when they arrive,
     * "Continue" takes the focus unless the player already moved it. */
    bool had = a->entries_fresh;
    if (a->frame >= 1)
        app_load_entries(a);
    if (!had && a->entries_fresh && a->key_count == 0 && app_next_entry(a) >= 0)
        a->focus = 0;
    ui_rect s = ui_gfx_screen(g);
    int lsm = ui_line_height(g, UI_FONT_SMALL);
    int bh = ui_line_height(g, UI_FONT_BOLD) + 22;
    /* the left panel grows with the text so large text still fits */
    int lw = s.w * 45 / 100;
    int need = ui_text_width(g, UI_FONT_BOLD, "Continue: The Trusted Update") + 64 + 128;
    if (lw < need)
        lw = need;
    if (lw < 440)
        lw = 440;
    if (lw > s.w)
        lw = s.w;
    ui_rect left = ui_cut_left(&s, lw);
    ui_fill(g, left, UI_PANEL);
    ui_fill(g, (ui_rect){left.x + left.w - 1, left.y, 1, left.h}, UI_BORDER);
    if (s.w > 200)
        draw_backdrop(a, ui_rect_inset(s, 40));

    int x = left.x + 64, inner = left.w - 128;
    ui_font hero =
        ui_text_width(g, UI_FONT_HERO, "BULWARK") + 20 <= inner ? UI_FONT_HERO : UI_FONT_TITLE;
    const char *tagline =
        "Defend a living infrastructure. Learn the practices of the Cybersecurity Tech Accord "
        "by their consequences.";
    int tag_h =
        ui_text_wrap(g, UI_FONT_BODY, (ui_rect){x, 0, inner, 100000}, UI_TEXT_DIM, tagline, false);
    int n = 4;
    int content = ui_line_height(g, hero) + 8 + tag_h + 36 + n * (bh + 12) + 12 + lsm;
    int footer = 3 * lsm + 40;
    int y = left.y + (left.h - footer - content) / 3;
    if (y < left.y + 24)
        y = left.y + 24;

    ui_fill(g, (ui_rect){x, y + 8, 6, ui_line_height(g, hero) - 16}, UI_ACCENT);
    ui_text(g, hero, x + 20, y, UI_TEXT, "BULWARK");
    y += ui_line_height(g, hero) + 8;
    y += ui_text_wrap(g, UI_FONT_BODY, (ui_rect){x, y, inner, tag_h}, UI_TEXT_DIM, tagline, true);
    y += 36;

    int next = app_next_entry(a);
    char cont[240];
    bool played_any = false;
    for (int i = 0; i < a->entry_count; i++)
        played_any = played_any || a->entries[i].prog.attempts > 0;
    if (next >= 0) /* a fresh store starts; a campaign under way continues */
        snprintf(cont, sizeof cont, "%s: %s",
                 a->entries[next].done ? "Replay" : played_any ? "Continue" : "Start",
                 a->entries[next].title);
    else
        snprintf(cont, sizeof cont, "Continue campaign");
    struct {
        const char *label, *hint;
        int key;
        bool enabled;
    } items[] = {
        {cont, NULL, 0, next >= 0},
        {"Campaign", "c", SDLK_c, true},
        {"Settings", "s", SDLK_s, true},
        {"Quit", "q", SDLK_q, true},
    };
    if (!items[a->focus < 0 || a->focus >= n ? 0 : a->focus].enabled)
        a->focus = 1;
    int hit = scr_focus_keys(a, n);
    if (!items[a->focus].enabled)
        a->focus = (a->focus + (scr_cmd(a, UI_CMD_UP) || scr_cmd(a, UI_CMD_PREV) ? n - 1 : 1)) % n;
    if (hit >= 0 && !items[hit].enabled)
        hit = -1;
    for (int i = 0; i < n; i++)
        if (items[i].key && scr_key(a, items[i].key))
            hit = i;
    int bw = inner < 420 ? inner : 420;
    if (ui_text_width(g, UI_FONT_BOLD, cont) + 40 > bw)
        bw = inner;
    for (int i = 0; i < n; i++) {
        ui_rect b = {x, y + i * (bh + 12), bw, bh};
        if (ui_rect_contains(b, a->ptr.x, a->ptr.y) && (a->ptr.pressed || a->ptr.released))
            a->focus = i;
        const char *hint = a->focus == i ? "Enter" : items[i].hint;
        if (ui_button(g, &a->ptr, b, items[i].label, hint, a->focus == i, items[i].enabled))
            hit = i;
    }
    y += n * (bh + 12) + 12;
    /* Keys for people who have not met them yet. */
    scr_text_fit(a, UI_FONT_SMALL, x, y, inner, UI_TEXT_DIM,
                 "↑ ↓ or Tab to move · Enter to choose · Esc to go back");
    y += lsm + 24;

    /* The store's state: where progress lives, or why it does not; below
     * the menu, at the bottom when there is room. */
    char line[1200];
    ui_role role = UI_TEXT_DIM;
    if (a->store_note[0]) {
        snprintf(line, sizeof line, "%s", a->store_note);
        role = UI_WARN;
    } else if (a->db) {
        snprintf(line, sizeof line, "Progress saved in %s", store_path(a->db));
    } else {
        line[0] = 0;
    }
    if (a->campaign_note[0]) {
        snprintf(line, sizeof line, "%s", a->campaign_note);
        role = UI_BAD;
    }
    char ver[96];
    snprintf(ver, sizeof ver, "Bulwark %s · %s renderer", BULWARK_VERSION, a->renderer_name);
    int note_h =
        line[0] ? ui_text_wrap(g, UI_FONT_SMALL, (ui_rect){x, 0, inner, 100000}, role, line, false)
                : 0;
    int fy = left.y + left.h - note_h - lsm - 32;
    if (fy < y)
        fy = y;
    if (line[0])
        ui_text_wrap(g, UI_FONT_SMALL, (ui_rect){x, fy, inner, note_h}, role, line, true);
    scr_text_fit(a, UI_FONT_SMALL, x, fy + note_h + 8, inner, UI_TEXT_DIM, ver);

    switch (hit) {
    case 0:
        if (next < 0)
            app_toast(a, "No scenario of the campaign is available.");
        else
            app_pick(a, a->entries[next].path);
        break;
    case 1: app_go(a, UI_GO_CAMPAIGN); break;
    case 2: app_go(a, UI_GO_SETTINGS); break;
    case 3: app_go(a, UI_GO_QUIT); break;
    default: break;
    }
}

/* ---- settings ------------------------------------------------------------------------ */

enum { SET_SCALE, SET_PALETTE, SET_SPEED, SET_FULLSCREEN, SET_BACK, SET_COUNT };

static void change(ui_app *a, int row, int dir)
{
    store_settings *s = &a->settings;
    static const int speeds[] = {1, 2, 4, 8};
    switch (row) {
    case SET_SCALE: {
        double v = s->text_scale + 0.25 * dir;
        if (v < 0.75)
            v = dir < 0 ? 0.75 : 2.0;
        if (v > 2.0)
            v = dir > 0 ? 2.0 : 0.75;
        s->text_scale = round(v * 4) / 4;
        break;
    }
    case SET_PALETTE: {
        int p = 0;
        for (int i = 0; i < UI_PALETTE_COUNT; i++)
            if (strcmp(s->palette, ui_palette_name((ui_palette_kind)i)) == 0)
                p = i;
        p = (p + UI_PALETTE_COUNT + dir) % UI_PALETTE_COUNT;
        snprintf(s->palette, sizeof s->palette, "%s", ui_palette_name((ui_palette_kind)p));
        break;
    }
    case SET_SPEED: {
        int i = 0;
        while (i < 3 && speeds[i] < s->speed)
            i++;
        i = (i + 4 + dir) % 4;
        s->speed = speeds[i];
        break;
    }
    case SET_FULLSCREEN: s->fullscreen = !s->fullscreen; break;
    default: return;
    }
    app_save_settings(a);
}

void scr_settings(ui_app *a)
{
    ui_gfx *g = a->g;
    ui_rect r = scr_header(a, ui_gfx_screen(g), "Settings",
                           a->db ? "Saved as you change them."
                                 : "Not saved: the progress store is not open.");
    int hit = scr_focus_keys(a, SET_COUNT);
    for (int i = 0; i < a->key_count; i++) {
        if (a->keys[i].cmd == UI_CMD_LEFT)
            change(a, a->focus, -1);
        if (a->keys[i].cmd == UI_CMD_RIGHT)
            change(a, a->focus, +1);
        if (a->keys[i].cmd == UI_CMD_BACK)
            hit = SET_BACK;
    }
    if (hit >= 0 && hit < SET_BACK)
        change(a, hit, +1);

    char val[4][64];
    snprintf(val[0], sizeof val[0], "%.2f×", a->settings.text_scale);
    snprintf(val[1], sizeof val[1], "%s",
             strcmp(a->settings.palette, "colour-blind") == 0 ? "Colour-blind safe (Okabe-Ito)"
                                                              : "Standard");
    snprintf(val[2], sizeof val[2], "%d× (hours a second)",
             a->settings.speed > 0 ? a->settings.speed : 1);
    snprintf(val[3], sizeof val[3], "%s", a->settings.fullscreen ? "On" : "Off");
    static const char *const labels[] = {"Text size", "Colours", "Default speed", "Full screen"};

    ui_rect body = ui_rect_inset(r, 40);
    int cw = body.w < 760 ? body.w : 760;
    ui_rect col = {body.x + (body.w - cw) / 2, body.y, cw, body.h};
    int rh = ui_line_height(g, UI_FONT_BODY) + 26;
    int bw = rh;
    for (int i = 0; i < 4; i++) {
        ui_rect row = ui_cut_top(&col, rh);
        ui_cut_top(&col, 10);
        bool foc = a->focus == i;
        if (ui_rect_contains(row, a->ptr.x, a->ptr.y) && a->ptr.pressed)
            a->focus = i;
        ui_fill(g, row, foc ? UI_PANEL_HI : UI_PANEL);
        ui_outline(g, row, foc ? UI_ACCENT : UI_BORDER);
        int ty = row.y + (rh - ui_line_height(g, UI_FONT_BODY)) / 2;
        ui_text(g, foc ? UI_FONT_BOLD : UI_FONT_BODY, row.x + 18, ty, UI_TEXT, labels[i]);
        int label_w = ui_text_width(g, UI_FONT_BOLD, "Default speed") + 40;
        ui_rect minus = {row.x + (label_w > 260 ? label_w : 260), row.y + 4, bw, rh - 8};
        ui_rect plus = {row.x + row.w - bw - 8, row.y + 4, bw, rh - 8};
        if (ui_button(g, &a->ptr, minus, "◀", NULL, false, true)) {
            a->focus = i;
            change(a, i, -1);
        }
        if (ui_button(g, &a->ptr, plus, "▶", NULL, false, true)) {
            a->focus = i;
            change(a, i, +1);
        }
        int vw = ui_text_width(g, UI_FONT_BODY, val[i]);
        int mid = (minus.x + minus.w + plus.x) / 2;
        ui_text(g, UI_FONT_BODY, mid - vw / 2, ty, UI_ACCENT, val[i]);
    }
    ui_cut_top(&col, 8);
    ui_rect back = ui_cut_top(&col, rh);
    back.w = 240;
    if (ui_button(g, &a->ptr, back, "Back", "Esc", a->focus == SET_BACK, true))
        hit = SET_BACK;
    ui_cut_top(&col, 24);

    /* What the choices look like: the states by colour and word together. */
    static const struct {
        ui_role role;
        const char *word;
    } st[] = {{UI_GOOD, "✓ Protected"},
              {UI_WARN, "! At risk"},
              {UI_BAD, "✕ Compromised"},
              {UI_INFO, "i Report"}};
    static const char *const note = "States always carry a word or a symbol as well as a colour. "
                                    "Press F12 anywhere for a screenshot.";
    int lb = ui_line_height(g, UI_FONT_BODY);
    int inner_w = col.w - 36;
    int rows = 1, rx = 0;
    for (int i = 0; i < 4; i++) {
        int w = 22 + ui_text_width(g, UI_FONT_BODY, st[i].word) + 24;
        if (rx > 0 && rx + w > inner_w) {
            rows++;
            rx = 0;
        }
        rx += w;
    }
    int note_h =
        ui_text_wrap(g, UI_FONT_BODY, (ui_rect){0, 0, inner_w, 100000}, UI_TEXT_DIM, note, false);
    int demo_h = 14 + ui_line_height(g, UI_FONT_BOLD) + 8 + rows * (lb + 6) + 4 + note_h + 14;
    int hint_h = ui_line_height(g, UI_FONT_SMALL) + 16;
    if (demo_h > col.h - hint_h) { /* large text on a small window: the settings come first */
        scr_text_fit(a, UI_FONT_SMALL, col.x, col.y + 8, col.w, UI_TEXT_DIM,
                     "↑ ↓ choose a setting · ← → change it · Esc back");
        if (hit == SET_BACK)
            app_go(a, UI_BACK);
        return;
    }
    ui_rect demo = ui_cut_top(&col, demo_h);
    scr_panel(a, demo);
    int dy = demo.y + 14, dx = demo.x + 18;
    ui_text(g, UI_FONT_BOLD, dx, dy, UI_TEXT, "Preview");
    dy += ui_line_height(g, UI_FONT_BOLD) + 8;
    int sx = dx;
    for (int i = 0; i < 4; i++) {
        int w = 22 + ui_text_width(g, UI_FONT_BODY, st[i].word) + 24;
        if (sx > dx && sx - dx + w > inner_w) {
            sx = dx;
            dy += lb + 6;
        }
        ui_disc(g, sx + 8, dy + lb / 2, 7, st[i].role);
        ui_text(g, UI_FONT_BODY, sx + 22, dy, st[i].role, st[i].word);
        sx += w;
    }
    dy += lb + 10;
    ui_text_wrap(g, UI_FONT_BODY, (ui_rect){dx, dy, inner_w, note_h}, UI_TEXT_DIM, note, true);
    ui_text(g, UI_FONT_SMALL, col.x, col.y + 8, UI_TEXT_DIM,
            "↑ ↓ choose a setting · ← → change it · Esc back");

    if (hit == SET_BACK)
        app_go(a, UI_BACK);
}
