/* scr_campaign.c — the campaign map and the briefing.
 *
 * The campaign lists its scenarios in order. Each shows its state as a
 * glyph and a word as well as a colour (✓ Won, ▶ Open, ✕ Locked), its
 * best stars, and the curriculum ids it teaches; winning one opens the
 * next (progress from the store). The briefing shows the story, the
 * objectives and what the scenario teaches before the clock starts. */
#define _XOPEN_SOURCE 700 /* realpath */
#include <SDL_keycode.h>
#include <limits.h>
#include <stdlib.h>
#include <stdio.h>
#include <string.h>

#include "app_internal.h"

static const char *state_word(const app_entry *e, ui_role *role)
{
    if (!e->exists || !e->loads) {
        *role = UI_TEXT_DIM;
        return e->exists ? "✕ Broken" : "… Coming";
    }
    if (e->done) {
        *role = UI_GOOD;
        return "✓ Won";
    }
    if (e->open) {
        *role = UI_ACCENT;
        return "▶ Open";
    }
    *role = UI_TEXT_DIM;
    return "✕ Locked";
}

static void pick_entry(ui_app *a, int i)
{
    const app_entry *e = &a->entries[i];
    if (!e->exists) {
        app_toast(a, "%s is not in this build yet.", e->id);
    } else if (!e->open) {
        app_toast(a, "Win “%s” first to open this one.",
                  i > 0 ? a->entries[i - 1].title : "the previous scenario");
    } else {
        a->seed_given = false;
        app_pick(a, e->path); /* a broken one shows the error screen */
    }
}

static void draw_details(ui_app *a, ui_rect r, int i)
{
    ui_gfx *g = a->g;
    scr_panel(a, r);
    if (i < 0 || i >= a->entry_count)
        return;
    const app_entry *e = &a->entries[i];
    ui_rect in = ui_rect_inset(r, 24);
    int bh = ui_line_height(g, UI_FONT_BOLD) + 22;
    ui_rect text_area = {in.x, in.y, in.w, in.h - bh - 12};
    ui_clip(g, &text_area);
    int y = in.y;
    char num[64];
    snprintf(num, sizeof num, "Scenario %d of %d%s", i + 1, a->entry_count,
             e->tutorial ? " · tutorial" : "");
    ui_text(g, UI_FONT_SMALL, in.x, y, UI_TEXT_DIM, num);
    y += ui_line_height(g, UI_FONT_SMALL) + 4;
    y +=
        ui_text_wrap(g, UI_FONT_TITLE, (ui_rect){in.x, y, in.w, in.h}, UI_TEXT, e->title, true) + 8;
    ui_role role;
    const char *w = state_word(e, &role);
    int x = in.x + ui_text(g, UI_FONT_BOLD, in.x, y, role, w) + 16;
    scr_stars(a, x, y, e->prog.best_stars, UI_FONT_BOLD);
    y += ui_line_height(g, UI_FONT_BOLD) + 16;

    char line[300];
    if (e->prog.attempts > 0) {
        snprintf(line, sizeof line, "Played %d time%s, won %d. Best: %d of 3 stars.",
                 e->prog.attempts, e->prog.attempts == 1 ? "" : "s", e->prog.wins,
                 e->prog.best_stars);
    } else if (!e->exists) {
        snprintf(line, sizeof line, "This scenario is not in this build yet.");
    } else if (!e->loads) {
        snprintf(line, sizeof line, "This scenario does not load: pick it to see why.");
    } else if (!e->open) {
        snprintf(line, sizeof line, "Locked. Win “%s” to open it.",
                 i > 0 ? a->entries[i - 1].title : "");
    } else {
        snprintf(line, sizeof line, "Not played yet.");
    }
    y += ui_text_wrap(g, UI_FONT_BODY, (ui_rect){in.x, y, in.w, 200}, UI_TEXT_DIM, line, true) + 18;
    static const char *const names[4] = {"Tech Accord principles", "NIST SSDF practices",
                                         "MITRE ATT&CK techniques", "Weaknesses (CWE)"};
    bool any = false;
    for (int k = 0; k < 4; k++)
        any = any || e->groups[k][0];
    if (any) {
        ui_text(g, UI_FONT_BOLD, in.x, y, UI_TEXT, "What it teaches");
        y += ui_line_height(g, UI_FONT_BOLD) + 8;
    }
    /* Whole groups only: one that would be cut at the panel's foot (large
     * text, a small window) gives way to a pointer to the briefing. */
    int bottom = text_area.y + text_area.h;
    for (int k = 0; k < 4; k++) {
        if (!e->groups[k][0])
            continue;
        int label = ui_line_height(g, UI_FONT_SMALL) + 2;
        int body = ui_text_wrap(g, UI_FONT_BODY, (ui_rect){in.x, y, in.w, 300}, UI_INFO,
                                e->groups[k], false);
        if (y + label + body > bottom) {
            if (y + ui_line_height(g, UI_FONT_SMALL) <= bottom)
                ui_text(g, UI_FONT_SMALL, in.x, y, UI_TEXT_DIM, "… and more in the briefing");
            break;
        }
        ui_text(g, UI_FONT_SMALL, in.x, y, UI_TEXT_DIM, names[k]);
        y += label;
        y += ui_text_wrap(g, UI_FONT_BODY, (ui_rect){in.x, y, in.w, 300}, UI_INFO, e->groups[k],
                          true) +
             10;
    }
    ui_clip(g, NULL);
    ui_rect b = {in.x, in.y + in.h - bh, in.w < 320 ? in.w : 320, bh};
    if (ui_text_width(g, UI_FONT_BOLD, "Open the briefing") + 40 > b.w)
        b.w = in.w;
    bool can = e->exists && (e->open || !e->loads);
    if (ui_button(g, &a->ptr, b, e->done ? "Play again" : "Open the briefing", "Enter", true, can))
        pick_entry(a, i);
}

void scr_campaign(ui_app *a)
{
    ui_gfx *g = a->g;
    app_load_entries(a);
    int won = 0;
    for (int i = 0; i < a->entry_count; i++)
        won += a->entries[i].done;
    char sub[200];
    snprintf(sub, sizeof sub, "%s — %d of %d won",
             a->campaign.title[0] ? a->campaign.title : "The campaign", won, a->entry_count);
    ui_rect r = scr_header(a, ui_gfx_screen(g), "Campaign", sub);
    ui_rect foot = ui_cut_bottom(&r, ui_line_height(g, UI_FONT_SMALL) + 20);
    ui_text(g, UI_FONT_SMALL, foot.x + 32, foot.y + 6, UI_TEXT_DIM,
            "↑ ↓ choose · Enter open the briefing · Esc back to the menu");
    r = ui_rect_inset(r, 24);
    if (a->entry_count == 0) {
        ui_text_wrap(g, UI_FONT_BODY, r, UI_BAD,
                     a->campaign_note[0] ? a->campaign_note : "The campaign is empty.", true);
        if (scr_cmd(a, UI_CMD_BACK) || scr_cmd(a, UI_CMD_CONFIRM))
            app_go(a, UI_BACK);
        return;
    }
    if (a->focus < 0)
        a->focus = app_next_entry(a) > 0 ? app_next_entry(a) : 0;
    int hit = scr_focus_keys(a, a->entry_count);
    bool back = scr_cmd(a, UI_CMD_BACK);

    ui_rect detail = ui_cut_right(&r, r.w * 42 / 100);
    ui_cut_right(&r, 20);
    draw_details(a, detail, a->focus);

    int ch = ui_line_height(g, UI_FONT_BOLD) + ui_line_height(g, UI_FONT_SMALL) + 22;
    int gap = 8;
    /* keep the focused card in view */
    int top = a->focus * (ch + gap) - a->scroll;
    if (top < 0)
        a->scroll = a->focus * (ch + gap);
    if (top + ch > r.h)
        a->scroll = a->focus * (ch + gap) + ch - r.h;
    a->scroll -= a->ptr.wheel * (ch + gap);
    int content = a->entry_count * (ch + gap) - gap;
    if (a->scroll > content - r.h)
        a->scroll = content - r.h;
    if (a->scroll < 0)
        a->scroll = 0;
    ui_clip(g, &r);
    for (int i = 0; i < a->entry_count; i++) {
        const app_entry *e = &a->entries[i];
        ui_rect c = {r.x, r.y + i * (ch + gap) - a->scroll, r.w, ch};
        if (c.y + c.h < r.y || c.y > r.y + r.h)
            continue;
        bool foc = a->focus == i;
        bool hover =
            ui_rect_contains(c, a->ptr.x, a->ptr.y) && ui_rect_contains(r, a->ptr.x, a->ptr.y);
        ui_fill(g, c, foc ? UI_PANEL_HI : UI_PANEL);
        ui_outline(g, c, foc ? UI_ACCENT : UI_BORDER);
        if (foc)
            ui_fill(g, (ui_rect){c.x, c.y, 4, c.h}, UI_ACCENT);
        ui_role role;
        const char *w = state_word(e, &role);
        /* the number in a disc coloured by state, the word beside it */
        int rad = ui_line_height(g, UI_FONT_BOLD) * 17 / 18;
        int cx = c.x + 16 + rad, cy = c.y + ch / 2;
        ui_disc(g, cx, cy, rad, role == UI_TEXT_DIM ? UI_BORDER : role);
        ui_disc(g, cx, cy, rad - 3, UI_BG);
        char num[16];
        snprintf(num, sizeof num, "%d", i + 1);
        ui_text(g, UI_FONT_BOLD, cx - ui_text_width(g, UI_FONT_BOLD, num) / 2,
                cy - ui_line_height(g, UI_FONT_BOLD) / 2,
                role == UI_TEXT_DIM ? UI_TEXT_DIM : UI_TEXT, num);
        int tx = cx + rad + 16;
        int sw = ui_text_width(g, UI_FONT_BODY, "★★★");
        int ww = ui_text_width(g, UI_FONT_SMALL, "✓ Locked ");
        int tw = c.w - (tx - c.x) - sw - ww - 40;
        scr_text_fit(a, UI_FONT_BOLD, tx, c.y + 10, tw, e->open && e->loads ? UI_TEXT : UI_TEXT_DIM,
                     e->title);
        scr_text_fit(a, UI_FONT_SMALL, tx, c.y + 12 + ui_line_height(g, UI_FONT_BOLD), tw,
                     UI_TEXT_DIM, e->teaches[0] ? e->teaches : e->id);
        ui_text(g, UI_FONT_SMALL, c.x + c.w - sw - ww - 28,
                cy - ui_line_height(g, UI_FONT_SMALL) / 2, role, w);
        scr_stars(a, c.x + c.w - sw - 16, cy - ui_line_height(g, UI_FONT_BODY) / 2,
                  e->prog.best_stars, UI_FONT_BODY);
        if (hover && a->ptr.released) {
            if (foc)
                hit = i;
            a->focus = i;
        }
    }
    ui_clip(g, NULL);
    if (hit >= 0)
        pick_entry(a, hit);
    else if (back)
        app_go(a, UI_BACK);
}

/* ---- the briefing ------------------------------------------------------------------------- */

static bool shared_uncached(const script_scenario *s)
{
    char dir[1200], real_dir[PATH_MAX], real_file[PATH_MAX];
    snprintf(dir, sizeof dir, "%s/scripts/scenarios", script_data_dir());
    if (!realpath(dir, real_dir) || !realpath(script_scenario_path(s), real_file))
        return true;
    size_t n = strlen(real_dir);
    return !(strncmp(real_file, real_dir, n) == 0 && real_file[n] == '/' &&
             !strchr(real_file + n + 1, '/'));
}

/* Asked every frame the briefing is drawn: resolved once per path. */
bool scr_shared_scenario(const script_scenario *s)
{
    static char last[1024];
    static bool answer;
    const char *path = script_scenario_path(s);
    if (!path)
        return true;
    if (strcmp(path, last) != 0) {
        answer = shared_uncached(s);
        snprintf(last, sizeof last, "%s", path);
    }
    return answer;
}

static int draw_teaches(ui_app *a, ui_rect r, const script_scenario *s, bool draw)
{
    static const char *const kinds[] = {"accord", "ssdf", "attack", "cwe"};
    static const char *const names[] = {"Tech Accord", "NIST SSDF", "MITRE ATT&CK", "CWE"};
    ui_gfx *g = a->g;
    if (!a->catalog) {
        bw_err e;
        a->catalog = script_catalog_load(NULL, &e);
    }
    int y = r.y;
    for (int k = 0; k < 4; k++) {
        const char *ids[SCRIPT_MAX_TEACH_IDS];
        int n = script_scenario_teaches(s, kinds[k], ids, SCRIPT_MAX_TEACH_IDS);
        for (int i = 0; i < n && i < SCRIPT_MAX_TEACH_IDS; i++) {
            const char *title =
                a->catalog ? script_catalog_title(a->catalog, kinds[k], ids[i]) : "";
            char head[96];
            if (k == 3)
                app_cwe_label(ids[i], head, sizeof head);
            else
                snprintf(head, sizeof head, "%s %s", names[k], ids[i]);
            if (draw)
                ui_text(g, UI_FONT_BOLD, r.x, y, UI_INFO, head);
            y += ui_line_height(g, UI_FONT_BOLD);
            if (title && *title)
                y += ui_text_wrap(g, UI_FONT_SMALL,
                                  (ui_rect){r.x, y, r.w, draw ? r.y + r.h - y : 100000},
                                  UI_TEXT_DIM, title, draw);
            y += 8;
        }
    }
    return y - r.y;
}

void scr_briefing(ui_app *a)
{
    ui_gfx *g = a->g;
    script_scenario *s = a->preview;
    if (!s) {
        app_go(a, UI_BACK);
        return;
    }
    char sub[300];
    const char *author = script_scenario_author(s);
    if (scr_shared_scenario(s))
        /* A file from elsewhere: its id, who wrote it and the exact text
         * that runs, before the player starts it. */
        snprintf(sub, sizeof sub, "%s · by %s · hash %016llx · %d days", script_scenario_id(s),
                 author && *author ? author : "an unnamed author",
                 (unsigned long long)script_scenario_hash(s),
                 sim_world_days(script_scenario_cworld(s)));
    else
        snprintf(sub, sizeof sub, "%s%s%s · %d days", author && *author ? "by " : "",
                 author && *author ? author : "", author && *author ? "" : script_scenario_id(s),
                 sim_world_days(script_scenario_cworld(s)));
    ui_rect screen = ui_gfx_screen(g);
    ui_rect r = scr_header(a, screen, script_scenario_title(s), sub);
    size_t logo_len = 0;
    const void *logo = script_scenario_logo(s, &logo_len);
    if (logo) { /* the scenario's own logo, at the right of the header */
        int hh = r.y - screen.y - 16;
        ui_image_png(g, logo, logo_len, (ui_rect){screen.x + screen.w - 24 - hh, screen.y + 8, hh, hh});
    }
    int bh = ui_line_height(g, UI_FONT_BOLD) + 22;
    ui_rect bar = ui_cut_bottom(&r, bh + 32);
    ui_fill(g, bar, UI_PANEL);
    ui_fill(g, (ui_rect){bar.x, bar.y, bar.w, 1}, UI_BORDER);
    r = ui_rect_inset(r, 24);
    ui_rect side = ui_cut_right(&r, r.w * 40 / 100);
    ui_cut_right(&r, 20);

    /* the story and the objectives, scrollable */
    scr_panel(a, r);
    ui_rect text = ui_rect_inset(r, 24);
    const char *brief =
        a->brief_flow && *a->brief_flow ? a->brief_flow : "(This scenario has no briefing.)";
    const sim_world *w = script_scenario_cworld(s);
    int no = sim_objective_count(w);
    int need = 0;
    for (int pass = 0; pass < 2; pass++) {
        bool draw = pass == 1;
        if (draw) {
            scr_scroll(a, need, text.h);
            ui_clip(g, &text);
        }
        int y = text.y - (draw ? a->scroll : 0);
        if (draw)
            ui_text(g, UI_FONT_BOLD, text.x, y, UI_TEXT, "Briefing");
        y += ui_line_height(g, UI_FONT_BOLD) + 10;
        y += ui_text_wrap(g, UI_FONT_BODY, (ui_rect){text.x, y, text.w, 100000}, UI_TEXT, brief,
                          draw) +
             28;
        if (draw)
            ui_text(g, UI_FONT_BOLD, text.x, y, UI_TEXT, "Objectives");
        y += ui_line_height(g, UI_FONT_BOLD) + 10;
        for (int i = 0; i < no; i++) {
            sim_objective_info oi;
            if (sim_objective_get(w, i, &oi) < 0)
                continue;
            char line[400];
            snprintf(line, sizeof line, "%s%s", oi.text ? oi.text : oi.id,
                     oi.optional ? " (optional)" : "");
            if (draw)
                ui_text(g, UI_FONT_BODY, text.x, y, oi.optional ? UI_TEXT_DIM : UI_ACCENT,
                        oi.optional ? "○" : "●");
            y += ui_text_wrap(g, UI_FONT_BODY, (ui_rect){text.x + 24, y, text.w - 24, 100000},
                              UI_TEXT, line, draw) +
                 6;
        }
        if (no == 0) {
            if (draw)
                ui_text(g, UI_FONT_BODY, text.x, y, UI_TEXT_DIM, "Hold out to the end.");
            y += ui_line_height(g, UI_FONT_BODY);
        }
        if (draw) {
            ui_text(g, UI_FONT_SMALL, text.x, y + 12, UI_TEXT_DIM, "● required   ○ optional");
        }
        y += 12 + ui_line_height(g, UI_FONT_SMALL);
        need = y - text.y;
    }
    ui_clip(g, NULL);
    if (a->scroll_max > 0) {
        int th = text.h * text.h / (need > 0 ? need : 1);
        int ty = text.y + (text.h - th) * a->scroll / a->scroll_max;
        ui_fill(g, (ui_rect){r.x + r.w - 8, ty, 4, th}, UI_BORDER);
    }

    /* what it teaches, with each id's sentence from the catalogue */
    scr_panel(a, side);
    ui_rect in = ui_rect_inset(side, 20);
    ui_text(g, UI_FONT_BOLD, in.x, in.y, UI_TEXT, "What it teaches");
    ui_cut_top(&in, ui_line_height(g, UI_FONT_BOLD) + 10);
    int tneed = draw_teaches(a, (ui_rect){in.x, in.y, in.w, 100000}, s, false);
    if (ui_rect_contains(side, a->ptr.x, a->ptr.y))
        a->scroll2 -= a->ptr.wheel * 3 * ui_line_height(g, UI_FONT_BODY);
    int smax = tneed > in.h ? tneed - in.h : 0;
    if (a->scroll2 > smax)
        a->scroll2 = smax;
    if (a->scroll2 < 0)
        a->scroll2 = 0;
    ui_clip(g, &in);
    draw_teaches(a, (ui_rect){in.x, in.y - a->scroll2, in.w, in.h + a->scroll2}, s, true);
    ui_clip(g, NULL);
    if (smax > 0) {
        int th = in.h * in.h / tneed;
        int ty = in.y + (in.h - th) * a->scroll2 / smax;
        ui_fill(g, (ui_rect){side.x + side.w - 8, ty, 4, th}, UI_BORDER);
    }

    /* Start / Back */
    ui_rect bi = ui_rect_inset(bar, 16);
    ui_rect start = {bi.x + 8, bi.y, 260, bh};
    ui_rect back = {start.x + start.w + 16, bi.y, 200, bh};
    bool go =
        ui_button(g, &a->ptr, start, "Start", "Enter", true, true) || scr_cmd(a, UI_CMD_CONFIRM);
    bool leave = ui_button(g, &a->ptr, back, "Back", "Esc", false, true) || scr_cmd(a, UI_CMD_BACK);
    scr_text_fit(a, UI_FONT_SMALL, back.x + back.w + 24,
                 bi.y + (bh - ui_line_height(g, UI_FONT_SMALL)) / 2,
                 bi.x + bi.w - (back.x + back.w + 24), UI_TEXT_DIM,
                 "The game starts paused: Space runs the clock, F1 lists every key.");
    if (go)
        app_start(a);
    else if (leave)
        app_go(a, UI_BACK);
}
