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

void app_room_draw(ui_app *a)
{
    if (!a->opt->room)
        return;
    ui_gfx *g = a->g;
    ui_rect s = ui_gfx_screen(g);
    const ui_room_state *st = &a->room;
    /* The headline and the announcement: a band along the bottom edge,
     * where no screen keeps its controls. */
    int lh = ui_line_height(g, UI_FONT_BOLD) + 12;
    int bands = st->announcement[0] ? 2 : 1;
    ui_rect band = { 0, s.h - lh * bands, s.w, lh * bands };
    ui_fill(g, band, UI_PANEL_HI);
    ui_rect clip = ui_rect_inset(band, 4);
    ui_clip(g, &clip);
    ui_text(g, UI_FONT_BODY, 16, band.y + 6, UI_TEXT_DIM, st->headline);
    if (st->announcement[0]) {
        ui_rect an = { 0, band.y + lh, s.w, lh };
        ui_fill(g, an, UI_ACCENT);
        char line[300];
        snprintf(line, sizeof line, "Facilitator: %s", st->announcement);
        ui_text(g, UI_FONT_BOLD, 16, an.y + 6, UI_BG, line);
    }
    ui_clip(g, NULL);
    /* The overlay over the game while the room is not running. The
     * briefing stays readable in the lobby: its overlay is a card. */
    if (st->phase == UI_ROOM_RUNNING || a->screen == UI_SCREEN_DEBRIEF)
        return;
    bool card = a->screen != UI_SCREEN_PLAY && a->screen != UI_SCREEN_PAUSE;
    if (!card)
        ui_fill_rgba(g, (ui_rect){ 0, 0, s.w, band.y }, (ui_colour){ 0, 0, 0, 160 });
    const char *title = overlay_title(st->phase);
    int w = ui_text_width(g, UI_FONT_TITLE, title) + 80;
    if (w < 560)
        w = 560;
    if (w > s.w - 40)
        w = s.w - 40;
    int h = ui_line_height(g, UI_FONT_TITLE) + ui_line_height(g, UI_FONT_BODY) * 3 + 60;
    ui_rect box = { (s.w - w) / 2, card ? 24 : (band.y - h) / 2, w, h };
    ui_fill(g, box, UI_PANEL);
    ui_outline(g, box, st->phase == UI_ROOM_PAUSED ? UI_WARN : st->phase == UI_ROOM_ENDED ? UI_BAD : UI_ACCENT);
    ui_text(g, UI_FONT_TITLE, box.x + 40, box.y + 20, UI_TEXT, title);
    ui_rect body = { box.x + 40, box.y + 30 + ui_line_height(g, UI_FONT_TITLE), box.w - 80,
                     ui_line_height(g, UI_FONT_BODY) * 3 };
    ui_text_wrap(g, UI_FONT_BODY, body, UI_TEXT_DIM,
                 st->detail[0] ? st->detail : "The game's clock is held.", true);
}
