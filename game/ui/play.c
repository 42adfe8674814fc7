/* play.c — the play screen: its regions, its commands (keyboard) and the
 * frame that ties the map, the HUD, the side panel, the log, toasts and
 * choice dialogs together.
 *
 * Every command here has a mouse twin drawn somewhere on the screen, and
 * every mouse button a key: the game is playable with either alone. The
 * world changes only through ui_session_act (play_act), so a game played
 * here is recorded as the same action log a bot leaves. A ui_play made
 * without a ui_gfx runs the logic only (commands, selection, the clock):
 * the tests drive it that way, without a window. */
#include "play_internal.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <SDL_timer.h>

static const int speeds[] = {0, 1, 2, 4, 8};

const sim_world *play_world(const ui_play *p)
{
    return script_scenario_cworld(ui_session_scenario(p->ss));
}

ui_play *ui_play_create(ui_session *ss, ui_gfx *g, bw_err *err)
{
    if (!ss) {
        bw_err_set(err, BW_EINVAL, "no game session to show");
        return NULL;
    }
    ui_play *p = calloc(1, sizeof *p);
    if (!p) {
        bw_err_set(err, BW_ENOMEM, "out of memory creating the play screen");
        return NULL;
    }
    p->ss = ss;
    p->g = g;
    p->selected = -1;
    p->dialog_choice = -1;
    p->dialog_hidden = -1;
    if (map_layout_from_world(&p->map, play_world(p), err) < 0) {
        free(p);
        return NULL;
    }
    /* Until the first frame says otherwise: the usual window. */
    p->area = (ui_rect){0, 0, 1280, 800};
    p->map_area = (ui_rect){0, 56, 900, 580};
    return p;
}

void ui_play_destroy(ui_play *p)
{
    if (!p)
        return;
    map_layout_free(&p->map);
    free(p->log_lines);
    debug_view_free(&p->dview);
    free(p);
}

bool ui_play_dialog_open(const ui_play *p)
{
    return p && p->dialog_choice >= 0 && p->dialog_hidden != p->dialog_choice;
}

/* ---- acting ---------------------------------------------------------------------------- */

void play_toast_text(ui_play *p, const char *text, ui_role role)
{
    if (p->toast_count == PLAY_MAX_TOASTS) {
        memmove(&p->toasts[0], &p->toasts[1], sizeof p->toasts[0] * (PLAY_MAX_TOASTS - 1));
        p->toast_count--;
    }
    play_toast *t = &p->toasts[p->toast_count++];
    memset(t, 0, sizeof *t);
    t->log = -1;
    t->role = role;
    snprintf(t->text, sizeof t->text, "%s", text);
}

bool play_act(ui_play *p, sim_action_kind kind, int target, int arg)
{
    sim_action_req req = {kind, target, arg};
    bw_err e;
    if (ui_session_act(p->ss, &req, &e))
        return true;
    char msg[BW_ERR_MSG_MAX + 64];
    snprintf(msg, sizeof msg, "%s: %s", sim_action_title(kind), e.msg);
    play_toast_text(p, msg, UI_WARN);
    return false;
}

void play_refresh_rows(ui_play *p)
{
    const sim_world *w = play_world(p);
    p->node_row_count =
        p->selected >= 0 ? play_rows_node(w, p->selected, p->node_rows, PLAY_MAX_ROWS) : 0;
    p->org_row_count = play_rows_org(w, p->org_rows, PLAY_MAX_ROWS);
}

/* A shortcut letter: the selected node's action, or the organisation's. */
static void act_by_key(ui_play *p, int action)
{
    if (action < 0 || action >= SIM_ACTION_KIND_COUNT)
        return;
    sim_action_kind k = (sim_action_kind)action;
    const sim_world *w = play_world(p);
    char msg[BW_ERR_MSG_MAX + 160];
    if (!sim_action_offered(w, k)) {
        snprintf(msg, sizeof msg, "%s is not offered in this scenario", sim_action_title(k));
        play_toast_text(p, msg, UI_INFO);
        return;
    }
    play_refresh_rows(p);
    if (sim_action_target_type(k) == SIM_TARGET_NODE) {
        if (p->selected < 0) {
            snprintf(msg, sizeof msg, "%s: select a node first (Tab or click)",
                     sim_action_title(k));
            play_toast_text(p, msg, UI_INFO);
            return;
        }
        play_act(p, k, p->selected, 0);
        return;
    }
    int i = play_rows_find(p->org_rows, p->org_row_count, k);
    if (i < 0)
        return;
    const play_row *r = &p->org_rows[i];
    if (r->target < 0 && sim_action_target_type(k) != SIM_TARGET_NONE) {
        snprintf(msg, sizeof msg, "%s: %s", sim_action_title(k), r->reason);
        play_toast_text(p, msg, UI_WARN);
        return;
    }
    play_act(p, k, r->target, 0);
}

/* ---- commands ------------------------------------------------------------------------------ */

static void set_speed_step(ui_play *p, int dir)
{
    int cur = ui_session_speed(p->ss), at = 0;
    for (int i = 0; i < 5; i++)
        if (speeds[i] <= cur)
            at = i;
    at += dir;
    at = at < 0 ? 0 : at > 4 ? 4 : at;
    ui_session_set_speed(p->ss, speeds[at]);
}

static void zoom_centre(ui_play *p, double factor)
{
    ui_rect a = p->map_area;
    map_camera_zoom_at(&p->cam, a, a.x + a.w / 2, a.y + a.h / 2, factor);
}

static bool dialog_command(ui_play *p, ui_cmd c, int option)
{
    const sim_world *w = play_world(p);
    sim_choice_info ci;
    if (sim_choice_get(w, p->dialog_choice, &ci) < 0)
        return false;
    switch (c) {
    case UI_CMD_CHOICE:
        if (option >= 0 && option < ci.option_count)
            play_dialog_choose(p, option);
        return true;
    case UI_CMD_UP:
    case UI_CMD_PREV:
    case UI_CMD_LEFT:
        p->dialog_focus = (p->dialog_focus + ci.option_count - 1) % ci.option_count;
        return true;
    case UI_CMD_DOWN:
    case UI_CMD_NEXT:
    case UI_CMD_RIGHT: p->dialog_focus = (p->dialog_focus + 1) % ci.option_count; return true;
    case UI_CMD_CONFIRM: play_dialog_choose(p, p->dialog_focus); return true;
    case UI_CMD_BACK:
        p->dialog_hidden = p->dialog_choice; /* decide later: the HUD keeps a button for it */
        return true;
    case UI_CMD_PAUSE: ui_session_toggle_pause(p->ss); return true;
    case UI_CMD_HELP: p->help = !p->help; return true;
    case UI_CMD_DEBUG: ui_play_set_debug(p, !p->debug); return true;
    default: return false;
    }
}

static bool move_command(ui_play *p, ui_cmd c)
{
    if (p->focus == PLAY_FOCUS_PANEL) {
        if (c == UI_CMD_UP || c == UI_CMD_PREV)
            play_panel_move(p, -1);
        else if (c == UI_CMD_DOWN || c == UI_CMD_NEXT)
            play_panel_move(p, 1);
        else if (c == UI_CMD_LEFT)
            p->focus = PLAY_FOCUS_MAP;
        return true;
    }
    if (p->focus == PLAY_FOCUS_LOG) {
        if (c == UI_CMD_UP)
            p->log_scroll++;
        else if (c == UI_CMD_DOWN && p->log_scroll > 0)
            p->log_scroll--;
        else
            p->focus = PLAY_FOCUS_MAP;
        if (c == UI_CMD_UP || c == UI_CMD_DOWN)
            return true;
    }
    int next;
    if (c == UI_CMD_NEXT || c == UI_CMD_PREV)
        next = map_next(&p->map, p->selected, c == UI_CMD_NEXT ? 1 : -1);
    else
        next = map_nearest(&p->map, p->selected, c);
    if (next >= 0)
        play_map_select(p, next);
    return true;
}

bool ui_play_command(ui_play *p, ui_cmd c, int action, int option)
{
    if (!p)
        return false;
    if (p->help && (c == UI_CMD_BACK || c == UI_CMD_HELP || c == UI_CMD_CONFIRM)) {
        p->help = false;
        return true;
    }
    if (ui_play_dialog_open(p))
        return dialog_command(p, c, option);
    switch (c) {
    case UI_CMD_PAUSE: ui_session_toggle_pause(p->ss); return true;
    case UI_CMD_SPEED_1: ui_session_set_speed(p->ss, 1); return true;
    case UI_CMD_SPEED_2: ui_session_set_speed(p->ss, 2); return true;
    case UI_CMD_SPEED_4: ui_session_set_speed(p->ss, 4); return true;
    case UI_CMD_SPEED_8: ui_session_set_speed(p->ss, 8); return true;
    case UI_CMD_SLOWER: set_speed_step(p, -1); return true;
    case UI_CMD_FASTER: set_speed_step(p, 1); return true;
    case UI_CMD_ZOOM_IN: zoom_centre(p, 1.25); return true;
    case UI_CMD_ZOOM_OUT: zoom_centre(p, 0.8); return true;
    case UI_CMD_ZOOM_RESET: play_map_fit(p); return true;
    case UI_CMD_PAN_UP: map_camera_pan(&p->cam, 0, 90); return true;
    case UI_CMD_PAN_DOWN: map_camera_pan(&p->cam, 0, -90); return true;
    case UI_CMD_PAN_LEFT: map_camera_pan(&p->cam, 90, 0); return true;
    case UI_CMD_PAN_RIGHT: map_camera_pan(&p->cam, -90, 0); return true;
    case UI_CMD_UP:
    case UI_CMD_DOWN:
    case UI_CMD_LEFT:
    case UI_CMD_RIGHT:
    case UI_CMD_NEXT:
    case UI_CMD_PREV: return move_command(p, c);
    case UI_CMD_CONFIRM:
        if (p->dialog_choice >= 0 && p->dialog_hidden == p->dialog_choice) {
            p->dialog_hidden = -1; /* the decision put aside comes back */
            return true;
        }
        if (p->focus == PLAY_FOCUS_PANEL)
            return play_panel_activate(p), true;
        p->focus = PLAY_FOCUS_PANEL;
        play_panel_move(p, 0);
        return true;
    case UI_CMD_BACK:
        if (p->focus != PLAY_FOCUS_MAP) {
            p->focus = PLAY_FOCUS_MAP;
            return true;
        }
        if (p->selected >= 0) {
            p->selected = -1;
            p->panel_scroll = 0;
            return true;
        }
        return false; /* the app's pause menu */
    case UI_CMD_ACTION: act_by_key(p, action); return true;
    case UI_CMD_LOG:
        p->focus = p->focus == PLAY_FOCUS_LOG ? PLAY_FOCUS_MAP : PLAY_FOCUS_LOG;
        return true;
    case UI_CMD_HELP: p->help = !p->help; return true;
    case UI_CMD_DEBUG: ui_play_set_debug(p, !p->debug); return true;
    default: return false;
    }
}

void ui_play_pointer(ui_play *p, const ui_pointer *ptr)
{
    if (!p || !ptr)
        return;
    p->ptr = *ptr;
    p->have_ptr = true;
}

void ui_play_set_drives_session(ui_play *p, bool on)
{
    if (p)
        p->passive = !on;
}

bool ui_play_select(ui_play *p, const char *node_id)
{
    if (!p || !node_id)
        return false;
    int n = sim_node_find(play_world(p), node_id);
    if (n < 0)
        return false;
    play_map_select(p, n);
    return true;
}

/* ---- for authors: reloads and the debug view ---------------------------------------- */

int ui_play_swap_scenario(ui_play *p, script_scenario *s, bw_err *err)
{
    if (!p || !s) {
        script_scenario_destroy(s);
        return bw_err_set(err, BW_EINVAL, "nothing to swap in");
    }
    map_layout map;
    if (map_layout_from_world(&map, script_scenario_cworld(s), err) < 0) {
        script_scenario_destroy(s);
        return err ? err->code : BW_ENOMEM;
    }
    char sel[SIM_ID_MAX] = "";
    sim_node_info ni;
    if (p->selected >= 0 && sim_node_get(play_world(p), p->selected, &ni) == BW_OK)
        snprintf(sel, sizeof sel, "%s", ni.id);
    ui_session_replace(p->ss, s);
    map_layout_free(&p->map);
    p->map = map;
    if (p->cam_ready) /* the camera stays where the author looked */
        map_camera_clamp(&p->cam, &p->map, p->map_area);
    p->selected = sel[0] ? sim_node_find(play_world(p), sel) : -1;
    if (p->selected < 0)
        p->selected = -1;
    /* The log and the dialogs are read again from the new world. */
    p->log_count = p->log_scanned = 0;
    p->log_scroll = 0;
    p->toast_count = 0;
    p->dialog_choice = p->dialog_hidden = -1;
    p->choices_seen = sim_choice_count(play_world(p));
    p->status[0] = '\0';
    p->panel_focus = 0;
    p->dview_ok = false;
    play_refresh_rows(p);
    return BW_OK;
}

void ui_play_set_notice(ui_play *p, const char *title, const char *text)
{
    if (!p)
        return;
    snprintf(p->notice_title, sizeof p->notice_title, "%s", text && *text && title ? title : "");
    snprintf(p->notice, sizeof p->notice, "%s", text ? text : "");
}

void ui_play_set_debug(ui_play *p, bool on)
{
    if (!p || p->debug == on)
        return;
    p->debug = on;
    p->cam_ready = false; /* the map area changes width: fit the map to it */
    if (on && p->focus == PLAY_FOCUS_PANEL)
        p->focus = PLAY_FOCUS_MAP; /* the panel's buttons are under the view */
}

bool ui_play_debug(const ui_play *p) { return p && p->debug; }

/* ---- the frame ------------------------------------------------------------------------------ */

/* Real time for animations and toasts. An app that drives the session
 * itself (replays, bots) passes dt = 0 so the session does not run; the
 * screen still lives, on the wall clock. Cosmetic only: never the world. */
static double cosmetic_dt(ui_play *p, double dt)
{
    uint64_t now = SDL_GetTicks64();
    double wall = p->last_ms ? (double)(now - p->last_ms) / 1000.0 : 0;
    p->last_ms = now;
    double d = dt > 0 ? dt : (p->g ? wall : 0);
    return d > 0.25 ? 0.25 : d < 0 ? 0 : d;
}

static void layout_regions(ui_play *p, ui_rect area)
{
    p->area = area;
    ui_rect r = area;
    double ts = p->g ? ui_gfx_text_scale(p->g) : 1.0;
    p->hud = ui_cut_top(&r, p->g ? play_hud_height(p->g) : 56);
    int pw = (int)(300 + 80 * ts);
    if (pw > area.w * 42 / 100)
        pw = area.w * 42 / 100;
    if (p->debug) { /* the author's debug view needs a line of facts */
        pw += 200;
        if (pw > area.w * 55 / 100)
            pw = area.w * 55 / 100;
    }
    p->panel = ui_cut_right(&r, pw);
    int lh = p->g ? ui_line_height(p->g, UI_FONT_SMALL) : 15;
    int lines = area.h >= 1000 ? 8 : 6;
    p->log_area = ui_cut_bottom(&r, lh + 20 + lines * (lh + 6));
    p->map_area = r;
    if (!p->cam_ready && r.w > 0 && r.h > 0) {
        play_map_fit(p);
        p->cam_ready = true;
    }
}

int ui_play_frame(ui_play *p, double dt, ui_rect area, bw_err *err)
{
    if (!p)
        return bw_err_set(err, BW_EINVAL, "no play screen");
    bool resized = area.w != p->area.w || area.h != p->area.h;
    layout_regions(p, area);
    if (resized && p->cam_ready)
        map_camera_clamp(&p->cam, &p->map, p->map_area);
    double cdt = cosmetic_dt(p, dt);
    p->anim += cdt;
    if (p->g && !ui_play_dialog_open(p))
        play_map_input(p);
    int rc = ui_session_update(p->ss, p->passive ? 0 : dt, err);
    if (rc < 0 && ui_session_failure(p->ss))
        snprintf(p->status, sizeof p->status, "%s", ui_session_failure(p->ss));
    play_log_update(p, cdt);
    play_dialog_update(p);
    play_refresh_rows(p);
    if (p->g) {
        ui_gfx *g = p->g;
        /* A dialog or the sheet is modal: what lies under it sees no pointer. */
        bool modal = ui_play_dialog_open(p) || p->help;
        bool had_ptr = p->have_ptr;
        if (modal)
            p->have_ptr = false;
        ui_fill(g, area, UI_BG);
        play_map_draw(p);
        play_log_draw(p);
        if (!p->debug) /* the debug view takes the side panel's place */
            play_panel_draw(p);
        play_hud_draw(p);
        if (!p->debug) /* the author's view: the map's marks matter more; the log has them */
            play_toasts_draw(p);
        else
            p->toast_rect = (ui_rect){0, 0, 0, 0};
        if (p->debug)
            play_debug_draw(p);
        play_notice_draw(p);
        p->have_ptr = had_ptr;
        if (ui_play_dialog_open(p)) {
            p->have_ptr = had_ptr && !p->help; /* the sheet is above the dialog */
            play_dialog_draw(p);
            p->have_ptr = had_ptr;
        }
        if (p->help) {
            bool click = p->have_ptr && p->ptr.released;
            play_help_draw(p);
            if (click && !ui_rect_contains(p->hud, p->ptr.x, p->ptr.y))
                p->help = false; /* a click anywhere closes the sheet */
        }
        ui_clip(g, NULL);
    }
    /* Edges are for one frame: a click must not repeat if no new pointer comes. */
    p->ptr.pressed = p->ptr.released = false;
    p->ptr.wheel = 0;
    return rc < 0 ? rc : BW_OK;
}
