/* scr_misc.c — the pause overlay (over a frozen play screen) and the
 * error screen (a scenario that did not load or stopped: every
 * file:line diagnostic, then back to the menu). */
#include <SDL_keycode.h>
#include <stdio.h>
#include <string.h>

#include "app_internal.h"

void scr_pause(ui_app *a)
{
    ui_gfx *g = a->g;
    ui_rect s = ui_gfx_screen(g);
    ui_colour veil = ui_gfx_colour(g, UI_BG);
    veil.a = 200;
    ui_fill_rgba(g, s, veil);
    static const char *const labels[] = {"Resume", "Restart", "Settings", "Quit to menu"};
    static const char *const hints[] = {"Esc", "r", "s", "q"};
    static const int keys[] = {0, SDLK_r, SDLK_s, SDLK_q};
    int n = 4;
    int bh = ui_line_height(g, UI_FONT_BOLD) + 22;
    int pw = 380, ph = ui_line_height(g, UI_FONT_TITLE) + 40 + n * (bh + 12) + 20;
    ui_rect p = {(s.w - pw) / 2, (s.h - ph) / 2, pw, ph};
    scr_panel(a, p);
    ui_fill(g, (ui_rect){p.x, p.y, p.w, 4}, UI_ACCENT);
    ui_text(g, UI_FONT_TITLE, p.x + 32, p.y + 24, UI_TEXT, "Paused");
    int hit = scr_focus_keys(a, n);
    for (int i = 1; i < n; i++)
        if (scr_key(a, keys[i]))
            hit = i;
    if (scr_cmd(a, UI_CMD_BACK) || scr_cmd(a, UI_CMD_PAUSE))
        hit = 0;
    int y = p.y + 40 + ui_line_height(g, UI_FONT_TITLE);
    for (int i = 0; i < n; i++) {
        ui_rect b = {p.x + 32, y, p.w - 64, bh};
        if (ui_button(g, &a->ptr, b, labels[i], hints[i], a->focus == i, true))
            hit = i;
        y += bh + 12;
    }
    switch (hit) {
    case 0: app_go(a, UI_RESUME); break;
    case 1: app_start(a); break;
    case 2: app_go(a, UI_GO_SETTINGS); break;
    case 3:
        app_end_game(a);
        app_go(a, UI_GO_QUIT);
        break;
    default: break;
    }
}

void scr_error(ui_app *a)
{
    /* play --watch: a scenario that did not load is loaded again when saved. */
    char path[sizeof a->scn_path];
    snprintf(path, sizeof path, "%s", a->scn_path); /* app_pick writes scn_path */
    if (a->opt->watch && path[0] && !a->ss && a->frame % 15 == 0 &&
        watch_file_poll(&a->watch) && (app_go(a, UI_BACK), app_pick(a, path))) {
        a->res->load_failed = false; /* the author fixed it */
        if (a->opt->screen && strcmp(a->opt->screen, "play") == 0)
            app_start(a);
        return;
    }
    ui_gfx *g = a->g;
    char sub[1100];
    snprintf(sub, sizeof sub, "%s", a->error_path);
    ui_rect r = scr_header(a, ui_gfx_screen(g), a->error_title, sub);
    ui_fill(g, (ui_rect){r.x, r.y - 1, r.w, 2}, UI_BAD);
    ui_fill(g, (ui_rect){0, 0, 6, r.y}, UI_BAD);
    int bh = ui_line_height(g, UI_FONT_BOLD) + 22;
    ui_rect bar = ui_cut_bottom(&r, bh + 32);
    ui_fill(g, bar, UI_PANEL);
    ui_rect view = ui_rect_inset(r, 32);
    scr_scroll(a, a->content_h, view.h);
    ui_clip(g, &view);
    int y = view.y - a->scroll, top = y;
    int n = a->diags.count < a->diags.cap ? a->diags.count : a->diags.cap;
    if (n > 0) {
        char head[120];
        snprintf(head, sizeof head, "%d error%s, %d warning%s:", a->diags.errors,
                 a->diags.errors == 1 ? "" : "s", a->diags.warnings,
                 a->diags.warnings == 1 ? "" : "s");
        ui_text(g, UI_FONT_BOLD, view.x, y, UI_TEXT, head);
        y += ui_line_height(g, UI_FONT_BOLD) + 10;
    }
    for (int i = 0; i < n; i++) {
        const script_diag *d = &a->diags.items[i];
        char where[400], msg[460];
        if (d->line > 0)
            snprintf(where, sizeof where, "%s:%d:", d->file, d->line);
        else
            snprintf(where, sizeof where, "%s:", d->file);
        snprintf(msg, sizeof msg, "%s %s", d->warning ? "warning:" : "error:", d->msg);
        ui_text(g, UI_FONT_BODY, view.x, y, d->warning ? UI_WARN : UI_BAD, d->warning ? "!" : "✕");
        y += ui_text_wrap(g, UI_FONT_BOLD, (ui_rect){view.x + 24, y, view.w - 24, 100000}, UI_TEXT,
                          where, true);
        y += ui_text_wrap(g, UI_FONT_BODY, (ui_rect){view.x + 24, y, view.w - 24, 100000}, UI_TEXT,
                          msg, true) +
             10;
    }
    if (n == 0 && a->error_msg[0]) {
        ui_text(g, UI_FONT_BODY, view.x, y, UI_BAD, "✕");
        y += ui_text_wrap(g, UI_FONT_BODY, (ui_rect){view.x + 24, y, view.w - 24, 100000}, UI_TEXT,
                          a->error_msg, true) +
             10;
    }
    y += 16;
    y += ui_text_wrap(g, UI_FONT_BODY, (ui_rect){view.x, y, view.w, 100000}, UI_TEXT_DIM,
                      "Fix the file and pick the scenario again. `bulwark check FILE` prints the "
                      "same diagnostics "
                      "in a terminal.",
                      true);
    a->content_h = y - top + 16;
    ui_clip(g, NULL);
    ui_rect b = {bar.x + 24, bar.y + 16, 300, bh};
    bool back = ui_button(g, &a->ptr, b, "Back to the menu", "Enter", true, true) ||
                scr_cmd(a, UI_CMD_CONFIRM) || scr_cmd(a, UI_CMD_BACK);
    if (back) {
        app_end_game(a);
        app_go(a, UI_BACK);
    }
}
