/* play_hud.c — the bar across the top of the play screen: the clock, the
 * budget, staff hours, the four pillars and the speed buttons (pause,
 * 1x, 2x, 4x, 8x), plus a button for a decision the player put aside.
 *
 * The pillars are the ones a bot's view shows (sim_world_score, view.score),
 * so a person and a bot play with the same information. (Both leak a
 * little: Protection falls while an undetected intrusion holds a node,
 * because a compromised node serves its users unsafely. A defender-visible
 * score belongs in the engine, for the bot's view and this bar alike.)
 * Sections give up their long captions, extras and bars, in that order,
 * when the bar is narrow (large text). */
#include "play_internal.h"

#include <stdio.h>
#include <string.h>

static const int speed_values[] = {0, 1, 2, 4, 8};

int play_hud_height(ui_gfx *g)
{
    return ui_line_height(g, UI_FONT_SMALL) + ui_line_height(g, UI_FONT_BOLD) + 20;
}

/* A caption over a value; returns the section's width. */
static int section(ui_gfx *g, int x, int y, const char *caption, const char *value,
                   const char *extra, bool draw)
{
    int lhs = ui_line_height(g, UI_FONT_SMALL);
    int w1 = ui_text_width(g, UI_FONT_SMALL, caption);
    int w2 = ui_text_width(g, UI_FONT_BOLD, value);
    int w3 = extra ? ui_text_width(g, UI_FONT_SMALL, extra) + 6 : 0;
    if (draw) {
        ui_text(g, UI_FONT_SMALL, x, y, UI_TEXT_DIM, caption);
        ui_text(g, UI_FONT_BOLD, x, y + lhs + 1, UI_TEXT, value);
        if (extra)
            ui_text(g, UI_FONT_SMALL, x + w2 + 6, y + lhs + 3, UI_TEXT_DIM, extra);
    }
    return (w1 > w2 + w3 ? w1 : w2 + w3);
}

static void divider(ui_gfx *g, int x, ui_rect hud)
{
    ui_fill(g, (ui_rect){x, hud.y + 10, 1, hud.h - 20}, UI_BORDER);
}

/* The pause symbol (two bars) and the play triangle are drawn, not typed:
 * the shipped font has no media glyphs. */
static void pause_icon(ui_gfx *g, ui_rect b, ui_role role)
{
    int h = b.h / 2, x = b.x + b.w / 2 - 5, y = b.y + (b.h - h) / 2;
    ui_fill(g, (ui_rect){x, y, 3, h}, role);
    ui_fill(g, (ui_rect){x + 7, y, 3, h}, role);
}

static int speed_buttons(ui_play *p, int right, int y, int h, bool draw)
{
    ui_gfx *g = p->g;
    int bw = ui_text_width(g, UI_FONT_BOLD, "8\xc3\x97") + 18;
    if (bw < 34)
        bw = 34;
    int total = 5 * bw + 4 * 3;
    if (!draw)
        return total;
    int cur = ui_session_speed(p->ss), x = right - total;
    for (int i = 0; i < 5; i++) {
        ui_rect b = {x, y, bw, h};
        bool active = cur == speed_values[i] || (i == 4 && cur > 8);
        if (play_button(p, b, false, true, active)) {
            if (i == 0)
                ui_session_toggle_pause(p->ss);
            else
                ui_session_set_speed(p->ss, speed_values[i]);
        }
        ui_role fg = active ? UI_TEXT : UI_TEXT_DIM;
        if (i == 0) {
            pause_icon(g, b, active ? UI_WARN : fg);
        } else {
            char s[8];
            snprintf(s, sizeof s, "%d\xc3\x97", speed_values[i]);
            int tw = ui_text_width(g, UI_FONT_BOLD, s);
            ui_text(g, UI_FONT_BOLD, b.x + (bw - tw) / 2,
                    b.y + (h - ui_line_height(g, UI_FONT_BOLD)) / 2, fg, s);
        }
        x += bw + 3;
    }
    return total;
}

static const char *const pillar_long[SIM_PILLAR_COUNT] = {"Protection", "Responsibility",
                                                          "Capacity", "Collaboration"};
static const char *const pillar_short[SIM_PILLAR_COUNT] = {"Prot.", "Resp.", "Cap.", "Collab."};
static const ui_role pillar_role[SIM_PILLAR_COUNT] = {
    UI_PILLAR_PROTECTION, UI_PILLAR_RESPONSIBILITY, UI_PILLAR_CAPACITY, UI_PILLAR_COLLABORATION};

/* One pillar: a colour key, its name, a bar and the value (the bar goes
 * when space is short; the name and number always stay). */
static int pillar(ui_gfx *g, int x, int y, int p, int value, bool longname, bool bar_on, bool draw)
{
    const char *name = longname ? pillar_long[p] : pillar_short[p];
    int lhs = ui_line_height(g, UI_FONT_SMALL), lhb = ui_line_height(g, UI_FONT_BOLD);
    int nw = ui_text_width(g, UI_FONT_SMALL, name) + 12;
    int barw = bar_on ? 56 : 0, vw = ui_text_width(g, UI_FONT_BOLD, "100");
    int w = barw + (bar_on ? 8 : 0) + vw;
    if (nw > w)
        w = nw;
    if (draw) {
        ui_fill(g, (ui_rect){x, y + lhs / 2 - 4, 8, 8},
                pillar_role[p]); /* the pillar's colour key */
        ui_text(g, UI_FONT_SMALL, x + 12, y, UI_TEXT_DIM, name);
        if (bar_on) {
            ui_rect bar = {x, y + lhs + lhb / 2 - 2, barw, 6};
            ui_fill_rgba(g, bar, play_alpha(g, pillar_role[p], 50));
            bar.w = barw * (value < 0 ? 0 : value > 100 ? 100 : value) / 100;
            ui_fill(g, bar, pillar_role[p]);
        }
        char v[8];
        snprintf(v, sizeof v, "%d", value);
        ui_text(g, UI_FONT_BOLD, x + barw + (bar_on ? 8 : 0), y + lhs + 1,
                value < 50 ? UI_WARN : UI_TEXT, v);
    }
    return w + 12;
}

/* How much the HUD shows, from most to least: long names, extras, bars. */
typedef struct hud_level {
    bool longnames, extras, bars, long_staff;
} hud_level;

void play_hud_draw(ui_play *p)
{
    ui_gfx *g = p->g;
    const sim_world *w = play_world(p);
    ui_rect hud = p->hud;
    ui_fill(g, hud, UI_PANEL);
    ui_fill(g, (ui_rect){hud.x, hud.y + hud.h - 1, hud.w, 1}, UI_BORDER);
    int y = hud.y + 9, x = hud.x + 16, gap = 18;
    int lhb = ui_line_height(g, UI_FONT_BOLD);

    char clock[64], days[48], budget[32], income[32], staff[32], people[32];
    int tick = sim_world_tick(w);
    play_format_time(tick, clock, sizeof clock);
    snprintf(days, sizeof days, "/ %d days", sim_world_days(w));
    sim_defender_info d;
    sim_defender_get(w, &d);
    snprintf(budget, sizeof budget, "%d", d.budget);
    snprintf(income, sizeof income, "+%d/day", d.income_per_day);
    snprintf(staff, sizeof staff, "%d/%d h", d.staff_hours, d.staff * SIM_STAFF_HOURS_PER_PERSON);
    snprintf(people, sizeof people, "%d %s", d.staff, d.staff == 1 ? "person" : "people");
    sim_score sc;
    sim_world_score(w, &sc);

    /* Measure, then show as much as fits. */
    int bh = lhb + 12, right = hud.x + hud.w - 12;
    int speed_only = speed_buttons(p, right, 0, bh, false);
    int speed_w = speed_only + bh + 8; /* and the help button */
    const char *title = script_scenario_title(ui_session_scenario(p->ss));
    static const hud_level levels[] = {{true, true, true, true},
                                       {false, true, true, true},
                                       {false, false, true, true},
                                       {false, false, false, true},
                                       {false, false, false, false}};
    hud_level lv = levels[4];
    for (size_t i = 0; i < sizeof levels / sizeof levels[0]; i++) {
        int need = section(g, 0, 0, title, clock, levels[i].extras ? days : NULL, false) +
                   section(g, 0, 0, "Budget", budget, levels[i].extras ? income : NULL, false) +
                   section(g, 0, 0, levels[i].long_staff ? "Staff hours today" : "Staff", staff,
                           levels[i].extras ? people : NULL, false) +
                   6 * gap;
        for (int k = 0; k < SIM_PILLAR_COUNT; k++)
            need += pillar(g, 0, 0, k, 0, levels[i].longnames, levels[i].bars, false);
        if (x + need + speed_w + 24 <= right) {
            lv = levels[i];
            break;
        }
    }
    x += section(g, x, y, title, clock, lv.extras ? days : NULL, true) + gap;
    divider(g, x, hud);
    x += gap;
    x += section(g, x, y, "Budget", budget, lv.extras ? income : NULL, true) + gap;
    divider(g, x, hud);
    x += gap;
    x += section(g, x, y, lv.long_staff ? "Staff hours today" : "Staff", staff,
                 lv.extras ? people : NULL, true) +
         gap;
    divider(g, x, hud);
    x += gap;
    ui_rect pillars_clip = {hud.x, hud.y, right - speed_w - 12 - hud.x, hud.h};
    ui_clip(g, &pillars_clip); /* never under the speed buttons, whatever the text size */
    for (int i = 0; i < SIM_PILLAR_COUNT; i++)
        x += pillar(g, x, y, i, sc.pillar[i], lv.longnames, lv.bars, true);
    ui_clip(g, NULL);

    /* The shortcut sheet, for a mouse (F1 or ? on the keyboard). */
    ui_rect help = {right - bh, hud.y + (hud.h - bh) / 2, bh, bh};
    if (play_button(p, help, false, true, p->help))
        p->help = !p->help;
    int qw = ui_text_width(g, UI_FONT_BOLD, "?");
    ui_text(g, UI_FONT_BOLD, help.x + (bh - qw) / 2, help.y + (bh - lhb) / 2, UI_TEXT_DIM, "?");
    right -= bh + 8;
    int sx = right - speed_only;
    speed_buttons(p, right, hud.y + (hud.h - bh) / 2, bh, true);
    /* A decision put aside waits here. */
    if (p->dialog_choice >= 0 && p->dialog_hidden == p->dialog_choice) {
        const char *s = "\xe2\x9a\x91 Decision waiting";
        int tw = ui_text_width(g, UI_FONT_BOLD, s) + 24;
        ui_rect b = {sx - tw - 12, hud.y + (hud.h - bh) / 2, tw, bh};
        if (b.x > x) {
            bool pulse = ((int)(p->anim * 2)) % 2 == 0;
            if (play_button(p, b, false, true, false))
                p->dialog_hidden = -1; /* back to the dialog */
            play_round_rect(g, b, 6, play_alpha(g, UI_WARN, pulse ? 235 : 185));
            ui_text(g, UI_FONT_BOLD, b.x + 12, b.y + 6, UI_BG, s);
        }
    }
}
