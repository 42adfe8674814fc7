/* app_room.c — a workshop's room in the player's window (ui_app_room):
 * polled about once a second; until the session runs, the game's clock
 * is held under an overlay that says why (the lobby, the facilitator's
 * pause, the end); an announcement is a banner over every screen.
 *
 * Must never: poll every frame (a room of 200 windows on one database),
 * or let the clock run while the room is not running. */
#include "app_internal.h"

#include <string.h>

#define ROOM_POLL_SECONDS 1.0

void app_room_tick(ui_app *a)
{
    const ui_app_room *r = a->opt->room;
    if (!r || a->now < a->room_next)
        return;
    r->poll(r->ud, &a->room);
    a->room_next = a->now + ROOM_POLL_SECONDS;
}

bool app_room_held(const ui_app *a)
{
    return a->opt->room && a->room.phase != UI_ROOM_RUNNING;
}

static const char *overlay_title(ui_room_phase p)
{
    switch (p) {
    case UI_ROOM_WAITING: return "Waiting for the facilitator to start";
    case UI_ROOM_PAUSED: return "Paused by the facilitator";
    case UI_ROOM_ENDED: return "The workshop has ended";
    default: return "";
    }
}

/* The workshop's line (name, team, time left) and the announcement: a
 * box at the top, over the header of the briefing and the debrief and
 * just under the play screen's HUD, where no screen keeps its controls. */
static void draw_band(ui_app *a, ui_rect s)
{
    ui_gfx *g = a->g;
    const ui_room_state *st = &a->room;
    char line[320] = "";
    if (st->announcement[0])
        snprintf(line, sizeof line, "Facilitator: %s", st->announcement);
    int w1 = ui_text_width(g, UI_FONT_SMALL, st->headline), w2 = line[0] ? ui_text_width(g, UI_FONT_BOLD, line) : 0;
    int w = (w1 > w2 ? w1 : w2) + 32;
    if (w > s.w * 6 / 10)
        w = s.w * 6 / 10;
    int h1 = ui_line_height(g, UI_FONT_SMALL) + 8, h2 = line[0] ? ui_line_height(g, UI_FONT_BOLD) + 10 : 0;
    bool play = a->screen == UI_SCREEN_PLAY || a->screen == UI_SCREEN_PAUSE;
    ui_rect box = { play ? (s.w * 7 / 10 - w) / 2 : s.w - w - 16, play ? 58 : 8, w, h1 + h2 };
    ui_fill(g, box, UI_PANEL_HI);
    ui_outline(g, box, line[0] ? UI_ACCENT : UI_BORDER);
    ui_rect clip = ui_rect_inset(box, 2);
    ui_clip(g, &clip);
    ui_text(g, UI_FONT_SMALL, box.x + 16, box.y + 4, UI_TEXT_DIM, st->headline);
    if (line[0]) {
        ui_rect an = { box.x, box.y + h1, box.w, h2 };
        ui_fill(g, an, UI_ACCENT);
        ui_text(g, UI_FONT_BOLD, box.x + 16, an.y + 5, UI_BG, line);
    }
    ui_clip(g, NULL);
}

void app_room_draw(ui_app *a)
{
    if (!a->opt->room)
        return;
    ui_gfx *g = a->g;
    ui_rect s = ui_gfx_screen(g);
    const ui_room_state *st = &a->room;
    /* The overlay while the room is not running: over the game a dimmed
     * screen and a card; over the briefing a card low on the screen, so
     * the briefing stays readable while the room waits. */
    if (st->phase == UI_ROOM_RUNNING || a->screen == UI_SCREEN_DEBRIEF) {
        draw_band(a, s);
        return;
    }
    bool play = a->screen == UI_SCREEN_PLAY || a->screen == UI_SCREEN_PAUSE;
    if (play)
        ui_fill_rgba(g, (ui_rect){ 0, 0, s.w, s.h }, (ui_colour){ 0, 0, 0, 150 });
    const char *title = overlay_title(st->phase);
    int w = ui_text_width(g, UI_FONT_TITLE, title) + 80;
    if (w < 560)
        w = 560;
    if (w > s.w - 40)
        w = s.w - 40;
    int h = ui_line_height(g, UI_FONT_TITLE) + ui_line_height(g, UI_FONT_BODY) * 2 + 56;
    ui_rect box = { (s.w - w) / 2, play ? (s.h - h) / 2 : s.h - h - 96, w, h };
    ui_fill(g, box, UI_PANEL);
    ui_outline(g, box, st->phase == UI_ROOM_PAUSED ? UI_WARN : st->phase == UI_ROOM_ENDED ? UI_BAD : UI_ACCENT);
    ui_text(g, UI_FONT_TITLE, box.x + 40, box.y + 20, UI_TEXT, title);
    ui_rect body = { box.x + 40, box.y + 30 + ui_line_height(g, UI_FONT_TITLE), box.w - 80,
                     ui_line_height(g, UI_FONT_BODY) * 2 };
    ui_text_wrap(g, UI_FONT_BODY, body, UI_TEXT_DIM,
                 st->detail[0] ? st->detail : "The game's clock is held.", true);
    draw_band(a, s); /* above the dimming: the announcement is for now */
}
