/* play_dialog.c — the choice dialog (a scenario's scripted decision) and
 * the shortcut sheet.
 *
 * A decision is modal: its options are buttons numbered 1..n (digits
 * pick them; arrows and Enter too), with the time left before the
 * scenario's default is taken. Every option is shown plainly, the
 * offensive one included: telling a lawful answer from a harmful one is
 * the player's lesson, not the interface's. A new decision pauses a game
 * running at a person's speed (1x-8x); Esc puts it aside (a HUD button
 * and Enter bring it back) so the player can look at the map first. */
#include "play_internal.h"

#include <stdio.h>
#include <string.h>

void play_dialog_update(ui_play *p)
{
    const sim_world *w = play_world(p);
    int open = -1;
    for (int i = 0; i < sim_choice_count(w); i++) {
        sim_choice_info ci;
        sim_choice_get(w, i, &ci);
        if (ci.answer < 0) {
            open = i; /* the oldest open one */
            break;
        }
    }
    int count = sim_choice_count(w);
    bool fresh = count > p->choices_seen;
    p->choices_seen = count;
    if (open != p->dialog_choice) {
        p->dialog_choice = open;
        p->dialog_focus = 0;
        p->dialog_hidden = -1;
    }
    int speed = ui_session_speed(p->ss);
    /* A decision deserves a pause; automation runs on, and so does a replay
     * or a bot driving the session (it answers the choice itself). */
    if (fresh && open >= 0 && speed > 0 && speed <= 8 && !p->passive)
        ui_session_set_speed(p->ss, 0);
}

bool play_dialog_choose(ui_play *p, int option)
{
    if (p->dialog_choice < 0)
        return false;
    return play_act(p, SIM_ACT_CHOOSE, p->dialog_choice, option);
}

void play_dialog_draw(ui_play *p)
{
    ui_gfx *g = p->g;
    const sim_world *w = play_world(p);
    sim_choice_info ci;
    if (sim_choice_get(w, p->dialog_choice, &ci) < 0)
        return;
    ui_rect a = p->area;
    ui_fill_rgba(g, a, play_alpha(g, UI_BG, 170));
    int lhs = ui_line_height(g, UI_FONT_SMALL), lhb = ui_line_height(g, UI_FONT_BODY);
    int lht = ui_line_height(g, UI_FONT_TITLE);
    int dw = a.w - 80 < 680 ? a.w - 80 : 680;
    int inner = dw - 64;
    /* Measure first: the card's height follows its text. */
    int text_h =
        ui_text_wrap(g, UI_FONT_BODY, (ui_rect){0, 0, inner, 2000}, UI_TEXT, ci.text, false);
    int opt_h[SIM_MAX_CHOICE_OPTIONS];
    int opts_h = 0;
    int digit_w = ui_text_width(g, UI_FONT_BOLD, "9") + 22;
    for (int i = 0; i < ci.option_count; i++) {
        opt_h[i] = ui_text_wrap(g, UI_FONT_BODY, (ui_rect){0, 0, inner - digit_w - 28, 2000},
                                UI_TEXT, ci.options[i], false);
        if (opt_h[i] < lhb)
            opt_h[i] = lhb;
        opts_h += opt_h[i] + 22 + 10;
    }
    int dh = 28 + lhs + 6 + lht + 14 + text_h + 22 + opts_h + 12 + lhs + 24;
    if (dh > a.h - 40)
        dh = a.h - 40;
    ui_rect d = {a.x + (a.w - dw) / 2, a.y + (a.h - dh) / 2, dw, dh};
    play_round_rect(g, ui_rect_inset(d, -8), 18, play_alpha(g, UI_BG, 120)); /* a soft shadow */
    play_round_frame(g, d, 12, ui_gfx_colour(g, UI_WARN), ui_gfx_colour(g, UI_PANEL), 2);
    ui_clip(g, &d);
    int x = d.x + 32, y = d.y + 28;
    /* Caption and countdown. */
    int left = ci.deadline - sim_world_tick(w);
    char cap[128];
    snprintf(cap, sizeof cap,
             "\xe2\x9a\x91 DECISION \xc2\xb7 %d h left \xc2\xb7 if you do not answer: option %d",
             left < 0 ? 0 : left, ci.default_option + 1);
    ui_text(g, UI_FONT_SMALL, x, y, UI_WARN, cap);
    /* The time left as a bar. */
    int span = ci.deadline - ci.opened_at;
    if (span > 0) {
        ui_rect bar = {x, y + lhs + 3, inner, 3};
        ui_fill_rgba(g, bar, play_alpha(g, UI_WARN, 40));
        bar.w = inner * (left < 0 ? 0 : left > span ? span : left) / span;
        ui_fill(g, bar, UI_WARN);
    }
    y += lhs + 12;
    ui_text(g, UI_FONT_TITLE, x, y, UI_TEXT, "What do you do?");
    y += lht + 10;
    ui_text_wrap(g, UI_FONT_BODY, (ui_rect){x, y, inner, text_h}, UI_TEXT, ci.text, true);
    y += text_h + 20;
    for (int i = 0; i < ci.option_count; i++) {
        ui_rect b = {x, y, inner, opt_h[i] + 22};
        bool focused = p->dialog_focus == i;
        if (play_button(p, b, focused, true, false)) {
            p->dialog_focus = i;
            play_dialog_choose(p, i);
        }
        ui_rect db = {b.x + 12, b.y + (b.h - lhb - 6) / 2, digit_w - 8, lhb + 6};
        play_round_rect(g, db, 6,
                        focused ? ui_gfx_colour(g, UI_ACCENT) : play_alpha(g, UI_ACCENT, 60));
        char digit[12];
        snprintf(digit, sizeof digit, "%d", i + 1);
        int dwid = ui_text_width(g, UI_FONT_BOLD, digit);
        ui_text(g, UI_FONT_BOLD, db.x + (db.w - dwid) / 2, db.y + 3, focused ? UI_BG : UI_ACCENT,
                digit);
        ui_text_wrap(g, UI_FONT_BODY,
                     (ui_rect){b.x + 12 + digit_w + 8, b.y + 11, inner - digit_w - 28, opt_h[i]},
                     UI_TEXT, ci.options[i], true);
        y += b.h + 10;
    }
    y += 4;
    const char *hint = "1\xe2\x80\x93"
                       "9 choose \xc2\xb7 \xe2\x86\x91\xe2\x86\x93 and Enter \xc2\xb7 Esc: decide "
                       "later \xc2\xb7 Space: pause/resume";
    play_text_fit(g, UI_FONT_SMALL, x, y, inner - 130, ui_gfx_colour(g, UI_TEXT_DIM), hint);
    ui_rect later = {d.x + d.w - 32 - 120, y - 6, 120, lhs + 12};
    if (play_button(p, later, false, true, false))
        p->dialog_hidden = p->dialog_choice;
    int lw = ui_text_width(g, UI_FONT_SMALL, "Decide later");
    ui_text(g, UI_FONT_SMALL, later.x + (later.w - lw) / 2, later.y + 6, UI_TEXT, "Decide later");
    ui_clip(g, NULL);
}

/* ---- the shortcut sheet ------------------------------------------------------------------------
 */

void play_help_draw(ui_play *p)
{
    ui_gfx *g = p->g;
    ui_rect a = p->area;
    ui_fill_rgba(g, a, play_alpha(g, UI_BG, 190));
    static const char *const general[][2] = {
        {"Space", "pause / resume"},
        {"1 2 3 4", "speed 1\xc3\x97 2\xc3\x97 4\xc3\x97 8\xc3\x97"},
        {"\xe2\x88\x92 / +", "slower / faster"},
        {"Tab, \xe2\x87\xa7Tab", "next / previous node"},
        {"Arrows", "nearest node that way"},
        {"Enter", "into the panel; Enter acts"},
        {"Esc", "back, deselect, pause menu"},
        {"W A S D", "pan the map"},
        {"Ctrl + / \xe2\x88\x92 / 0", "zoom in / out / fit"},
        {"L", "event log (arrows scroll)"},
        {"F12", "screenshot"},
        {"F3", "author's debug view"},
        {"F1 or ?", "this sheet"},
    };
    int lh = ui_line_height(g, UI_FONT_BODY) + 4;
    int rows_general = (int)(sizeof general / sizeof general[0]);
    int actions = 0;
    for (int k = 0; k < SIM_ACTION_KIND_COUNT; k++)
        actions += ui_action_key(k) != 0;
    int half = (actions + 1) / 2;
    int rows = rows_general > half ? rows_general : half;
    /* Columns as wide as their text: keys, then what they do. */
    int kw = 0, dwid = 0;
    for (int i = 0; i < rows_general; i++) {
        int a1 = ui_text_width(g, UI_FONT_BOLD, general[i][0]),
            a2 = ui_text_width(g, UI_FONT_BODY, general[i][1]);
        kw = a1 > kw ? a1 : kw;
        dwid = a2 > dwid ? a2 : dwid;
    }
    int akw = ui_text_width(g, UI_FONT_BOLD, "\xe2\x87\xa7W") + 12;
    int dw = a.w - 80 < 1120 ? a.w - 80 : 1120, dh = 100 + rows * lh;
    if (dh > a.h - 40)
        dh = a.h - 40;
    ui_rect d = {a.x + (a.w - dw) / 2, a.y + (a.h - dh) / 2, dw, dh};
    play_round_frame(g, d, 12, ui_gfx_colour(g, UI_ACCENT), ui_gfx_colour(g, UI_PANEL), 2);
    ui_clip(g, &d);
    ui_text(g, UI_FONT_TITLE, d.x + 28, d.y + 18, UI_TEXT, "Shortcuts");
    const char *note =
        "Dimmed actions are not offered in this scenario. F1 or Esc closes this sheet.";
    int nw = ui_text_width(g, UI_FONT_SMALL, note);
    ui_text(g, UI_FONT_SMALL, d.x + d.w - 28 - nw, d.y + 32, UI_TEXT_DIM, note);
    int y0 = d.y + 76;
    int gen_w = kw + 16 + dwid;
    if (gen_w > (dw - 56) / 3)
        gen_w = (dw - 56) / 3;
    for (int i = 0; i < rows_general; i++) {
        ui_text(g, UI_FONT_BOLD, d.x + 28, y0 + i * lh, UI_ACCENT, general[i][0]);
        play_text_fit(g, UI_FONT_BODY, d.x + 28 + kw + 16, y0 + i * lh, gen_w - kw - 16,
                      ui_gfx_colour(g, UI_TEXT), general[i][1]);
    }
    int ax = d.x + 28 + gen_w + 32, col = (d.x + d.w - 28 - ax) / 2;
    const sim_world *w = play_world(p);
    int n = 0;
    for (int k = 0; k < SIM_ACTION_KIND_COUNT; k++) {
        char key = ui_action_key(k);
        if (!key)
            continue;
        int cx = ax + (n >= half ? col : 0);
        int cy = y0 + (n % half) * lh;
        char ks[8];
        if (key >= 'A' && key <= 'Z')
            snprintf(ks, sizeof ks, "\xe2\x87\xa7%c", key);
        else
            snprintf(ks, sizeof ks, "%c", key - 'a' + 'A');
        bool offered = sim_action_offered(w, (sim_action_kind)k);
        ui_text(g, UI_FONT_BOLD, cx, cy, offered ? UI_ACCENT : UI_TEXT_DIM, ks);
        play_text_fit(g, UI_FONT_BODY, cx + akw, cy, col - akw - 12,
                      ui_gfx_colour(g, offered ? UI_TEXT : UI_TEXT_DIM),
                      sim_action_title((sim_action_kind)k));
        n++;
    }
    ui_clip(g, NULL);
}
