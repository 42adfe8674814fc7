/* test_play.c — the play screen's logic without a window: a game played
 * with the keyboard alone (selection, action letters, the panel, choice
 * dialogs, speed), what the panel lists (and why a refused action is
 * refused), and that the screen shows the defender's view, never the
 * hidden truth. A ui_play made without a ui_gfx runs everything but the
 * drawing. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include <SDL_keycode.h>

#include "../../game/ui/play_internal.h"
#include "bulwark/watch.h"

typedef struct game {
    ui_session *ss;
    ui_play *p;
} game;

static game start(uint64_t seed)
{
    char path[1024];
    snprintf(path, sizeof path, "%s/scripts/scenarios/log4shell.lua", script_data_dir());
    script_options o = {0};
    o.seed_given = true;
    o.seed = seed;
    script_diags d;
    script_diags_init(&d);
    bw_err e;
    script_scenario *s = script_scenario_load(path, &o, &d, &e);
    script_diags_free(&d);
    assert_non_null(s);
    game g = {ui_session_create(s, &e), NULL};
    assert_non_null(g.ss);
    g.p = ui_play_create(g.ss, NULL, &e);
    assert_non_null(g.p);
    return g;
}

static void stop(game *g)
{
    ui_play_destroy(g->p);
    ui_session_destroy(g->ss);
}

static const sim_world *world(game *g)
{
    return script_scenario_cworld(ui_session_scenario(g->ss));
}
static int tick(game *g) { return sim_world_tick(world(g)); }
static int logged(game *g) { return script_scenario_action_count(ui_session_scenario(g->ss)); }
static const script_logged_action *last(game *g)
{
    return script_scenario_action_at(ui_session_scenario(g->ss), logged(g) - 1);
}

/* A key as the app delivers it: mapped in the dialog's context or not. */
static bool key(game *g, int k, unsigned mods)
{
    int action, option;
    ui_cmd c = ui_key_map(k, mods, ui_play_dialog_open(g->p), &action, &option);
    return ui_play_command(g->p, c, action, option);
}

static void frames(game *g, int n, double dt)
{
    bw_err e;
    for (int i = 0; i < n; i++)
        assert_true(ui_play_frame(g->p, dt, (ui_rect){0, 0, 1280, 800}, &e) >= 0);
}

/* Run at automation speed to tick t (the frame cap is 16 ticks). */
static void run_to(game *g, int t)
{
    ui_session_set_speed(g->ss, 240);
    while (tick(g) < t && !ui_session_over(g->ss)) {
        int left = t - tick(g);
        frames(g, 1, left >= 16 ? 1.0 : left / 240.0 + 1e-9);
    }
    ui_session_set_speed(g->ss, 0);
}

static void test_tab_selects_and_a_letter_acts_on_the_selected_node(void **state)
{
    (void)state;
    game g = start(1);
    frames(&g, 1, 1.0 / 60);
    assert_int_equal(g.p->selected, -1);
    assert_true(key(&g, SDLK_TAB, 0));
    int first = g.p->selected;
    assert_true(first >= 0);
    assert_int_equal(first, g.p->map.order[0]);
    /* Tab walks every node and comes back. */
    for (int i = 0; i < sim_node_count(world(&g)); i++)
        key(&g, SDLK_TAB, 0);
    assert_int_equal(g.p->selected, first);
    assert_true(ui_play_select(g.p, "api"));
    int api = sim_node_find(world(&g), "api");
    assert_int_equal(g.p->selected, api);
    assert_true(key(&g, SDLK_g, 0)); /* logging */
    assert_int_equal(logged(&g), 1);
    assert_int_equal(last(&g)->req.kind, SIM_ACT_LOGGING);
    assert_int_equal(last(&g)->req.target, api);
    /* Arrows move to a neighbour. */
    assert_true(key(&g, SDLK_UP, 0));
    assert_true(g.p->selected != api);
    assert_false(ui_play_select(g.p, "nowhere"));
    assert_false(ui_play_select(g.p, NULL));
    stop(&g);
}

static void test_organisation_actions_take_shift_letters_and_need_no_node(void **state)
{
    (void)state;
    game g = start(1);
    frames(&g, 1, 1.0 / 60);
    /* Training: the weakest area first (log4shell starts PS at 15%). */
    assert_true(key(&g, SDLK_k, 0));
    assert_int_equal(logged(&g), 1);
    assert_int_equal(last(&g)->req.kind, SIM_ACT_TRAIN);
    assert_int_equal(last(&g)->req.target, SIM_AREA_PS);
    /* That took the day's staff hours: joining now is refused, with why. */
    assert_true(key(&g, SDLK_j, UI_MOD_SHIFT));
    assert_int_equal(logged(&g), 1);
    assert_non_null(strstr(g.p->toasts[g.p->toast_count - 1].text, "staff hours"));
    run_to(&g, 24);                             /* a new day, new hours */
    assert_true(key(&g, SDLK_j, UI_MOD_SHIFT)); /* join the sharing group */
    assert_int_equal(logged(&g), 2);
    assert_int_equal(last(&g)->req.kind, SIM_ACT_JOIN_SHARING);
    assert_int_equal(last(&g)->tick, 24);
    assert_true(key(&g, SDLK_t, UI_MOD_SHIFT)); /* security.txt */
    assert_int_equal(logged(&g), 3);
    assert_int_equal(last(&g)->req.kind, SIM_ACT_SECURITY_TXT);
    stop(&g);
}

static void test_a_refused_key_says_why_and_logs_nothing(void **state)
{
    (void)state;
    game g = start(1);
    frames(&g, 1, 1.0 / 60);
    /* A node action with no node selected. */
    int toasts = g.p->toast_count;
    assert_true(key(&g, SDLK_p, 0));
    assert_int_equal(logged(&g), 0);
    assert_int_equal(g.p->toast_count, toasts + 1);
    assert_non_null(strstr(g.p->toasts[g.p->toast_count - 1].text, "select a node"));
    /* Patch where nothing is known: the engine's reason is shown. */
    assert_true(ui_play_select(g.p, "shop"));
    assert_true(key(&g, SDLK_p, 0));
    assert_int_equal(logged(&g), 0);
    assert_non_null(strstr(g.p->toasts[g.p->toast_count - 1].text, "nothing to patch"));
    /* Sharing an attacker's indicators before any is known. */
    assert_true(key(&g, SDLK_i, UI_MOD_SHIFT));
    assert_int_equal(logged(&g), 0);
    assert_non_null(strstr(g.p->toasts[g.p->toast_count - 1].text, "no attacker"));
    /* Not offered by this scenario. */
    assert_true(key(&g, SDLK_v, 0));
    assert_int_equal(logged(&g), 0);
    assert_non_null(strstr(g.p->toasts[g.p->toast_count - 1].text, "not offered"));
    stop(&g);
}

static void test_the_panel_is_reachable_and_usable_by_keyboard(void **state)
{
    (void)state;
    game g = start(1);
    frames(&g, 1, 1.0 / 60);
    assert_true(ui_play_select(g.p, "shop"));
    frames(&g, 1, 1.0 / 60);
    assert_true(key(&g, SDLK_RETURN, 0)); /* into the panel */
    assert_int_equal(g.p->focus, PLAY_FOCUS_PANEL);
    assert_int_equal(g.p->panel_focus, 0);
    assert_true(key(&g, SDLK_DOWN, 0));
    assert_int_equal(g.p->panel_focus, 1);
    play_row want = g.p->node_rows[1];
    assert_true(want.enabled);            /* enabled rows come first */
    assert_true(key(&g, SDLK_RETURN, 0)); /* acts */
    assert_int_equal(logged(&g), 1);
    assert_int_equal(last(&g)->req.kind, want.kind);
    assert_int_equal(last(&g)->req.target, want.target);
    /* Down past the node's rows reaches the organisation's. */
    for (int i = 0; i < 60; i++)
        key(&g, SDLK_DOWN, 0);
    assert_int_equal(g.p->panel_focus, g.p->node_row_count + g.p->org_row_count - 1);
    /* Esc leaves the panel, then deselects, then is the app's (pause). */
    assert_true(key(&g, SDLK_ESCAPE, 0));
    assert_int_equal(g.p->focus, PLAY_FOCUS_MAP);
    assert_true(key(&g, SDLK_ESCAPE, 0));
    assert_int_equal(g.p->selected, -1);
    assert_false(key(&g, SDLK_ESCAPE, 0));
    stop(&g);
}

static void test_speed_keys_and_pause(void **state)
{
    (void)state;
    game g = start(1);
    assert_int_equal(ui_session_speed(g.ss), 0);
    assert_true(key(&g, SDLK_SPACE, 0));
    assert_int_equal(ui_session_speed(g.ss), 1);
    assert_true(key(&g, SDLK_3, 0));
    assert_int_equal(ui_session_speed(g.ss), 4);
    assert_true(key(&g, SDLK_4, 0));
    assert_int_equal(ui_session_speed(g.ss), 8);
    assert_true(key(&g, SDLK_EQUALS, 0)); /* faster: already the fastest */
    assert_int_equal(ui_session_speed(g.ss), 8);
    assert_true(key(&g, SDLK_MINUS, 0));
    assert_int_equal(ui_session_speed(g.ss), 4);
    assert_true(key(&g, SDLK_SPACE, 0));
    assert_int_equal(ui_session_speed(g.ss), 0);
    assert_true(key(&g, SDLK_SPACE, 0));
    assert_int_equal(ui_session_speed(g.ss), 4);
    frames(&g, 4, 0.25);
    assert_int_equal(tick(&g), 4);
    /* Zoom and pan keys move the camera, not the world. */
    frames(&g, 1, 0);
    double z = g.p->cam.zoom, cx = g.p->cam.cx;
    assert_true(key(&g, SDLK_EQUALS, UI_MOD_CTRL));
    assert_true(g.p->cam.zoom > z);
    assert_true(key(&g, SDLK_d, 0));
    assert_true(g.p->cam.cx > cx);
    assert_true(key(&g, SDLK_0, UI_MOD_CTRL));
    assert_true(g.p->cam.zoom <= z + 1e-9);
    stop(&g);
}

static int open_choice(game *g)
{
    for (int c = 0; c < sim_choice_count(world(g)); c++) {
        sim_choice_info ci;
        sim_choice_get(world(g), c, &ci);
        if (ci.answer < 0)
            return c;
    }
    return -1;
}

static void test_a_choice_opens_a_dialog_that_pauses_and_takes_digits(void **state)
{
    (void)state;
    game g = start(1);
    run_to(&g, 160);
    assert_false(ui_play_dialog_open(g.p));
    key(&g, SDLK_4, 0); /* 8x: a person's speed */
    int guard = 0;
    while (!ui_play_dialog_open(g.p) && guard++ < 2000)
        frames(&g, 1, 1.0 / 30);
    assert_true(ui_play_dialog_open(g.p));
    assert_int_equal(ui_session_speed(g.ss), 0); /* paused for the decision */
    int c = open_choice(&g);
    assert_true(c >= 0);
    /* Letters do nothing in a dialog; the map is not reachable. */
    int before = logged(&g);
    key(&g, SDLK_g, 0);
    key(&g, SDLK_TAB, 0);
    assert_int_equal(logged(&g), before);
    /* Esc puts it aside; Enter brings it back. */
    assert_true(key(&g, SDLK_ESCAPE, 0));
    assert_false(ui_play_dialog_open(g.p));
    assert_true(key(&g, SDLK_RETURN, 0));
    assert_true(ui_play_dialog_open(g.p));
    /* A digit out of range does nothing; "1" answers option 0. */
    key(&g, SDLK_9, 0);
    assert_int_equal(logged(&g), before);
    assert_true(key(&g, SDLK_1, 0));
    assert_int_equal(logged(&g), before + 1);
    assert_int_equal(last(&g)->req.kind, SIM_ACT_CHOOSE);
    assert_int_equal(last(&g)->req.target, c);
    assert_int_equal(last(&g)->req.arg, 0);
    frames(&g, 1, 1.0 / 60);
    assert_false(ui_play_dialog_open(g.p));
    stop(&g);
}

static void test_arrows_and_enter_answer_a_dialog_too(void **state)
{
    (void)state;
    game g = start(2);
    run_to(&g, 166);
    key(&g, SDLK_4, 0);
    int guard = 0;
    while (!ui_play_dialog_open(g.p) && guard++ < 2000)
        frames(&g, 1, 1.0 / 30);
    assert_true(ui_play_dialog_open(g.p));
    assert_true(key(&g, SDLK_DOWN, 0));
    assert_int_equal(g.p->dialog_focus, 1);
    assert_true(key(&g, SDLK_RETURN, 0));
    assert_int_equal(last(&g)->req.kind, SIM_ACT_CHOOSE);
    assert_int_equal(last(&g)->req.arg, 1);
    stop(&g);
}

static void test_a_game_played_with_keys_replays_to_the_same_hash(void **state)
{
    (void)state;
    game g = start(9);
    frames(&g, 1, 1.0 / 60);
    key(&g, SDLK_j, UI_MOD_SHIFT);
    ui_play_select(g.p, "api");
    key(&g, SDLK_g, 0);
    key(&g, SDLK_4, 0);
    int guard = 0;
    while (!ui_session_over(g.ss) && guard++ < 100000) {
        frames(&g, 1, 1.0 / 20);
        if (ui_play_dialog_open(g.p))
            key(&g, SDLK_1, 0), key(&g, SDLK_4, 0);
        if (tick(&g) == 50 && ui_play_select(g.p, "log4j"))
            key(&g, SDLK_c, 0);
        if (tick(&g) > 150 && ui_play_select(g.p, "api"))
            key(&g, SDLK_r, 0); /* restore when it can; refused otherwise */
        if (ui_session_speed(g.ss) == 0)
            key(&g, SDLK_4, 0);
    }
    assert_true(ui_session_over(g.ss));
    int n = logged(&g);
    assert_true(n >= 4);
    uint64_t h = sim_world_hash(world(&g));
    script_logged_action *log = malloc(sizeof *log * (size_t)n);
    for (int i = 0; i < n; i++)
        log[i] = *script_scenario_action_at(ui_session_scenario(g.ss), i);
    stop(&g);

    char path[1024];
    snprintf(path, sizeof path, "%s/scripts/scenarios/log4shell.lua", script_data_dir());
    script_options o = {0};
    o.seed_given = true;
    o.seed = 9;
    script_diags d;
    script_diags_init(&d);
    bw_err e;
    script_scenario *s = script_scenario_load(path, &o, &d, &e);
    script_diags_free(&d);
    int next = 0;
    while (!sim_world_over(script_scenario_cworld(s))) {
        while (next < n && log[next].tick == sim_world_tick(script_scenario_cworld(s)))
            assert_true(script_scenario_act(s, &log[next++].req, &e) >= 0);
        assert_true(script_scenario_step(s, &e) >= 0 || sim_world_over(script_scenario_cworld(s)));
    }
    assert_int_equal(next, n);
    assert_true(sim_world_hash(script_scenario_cworld(s)) == h);
    script_scenario_destroy(s);
    free(log);
}

/* ---- the model ------------------------------------------------------------------ */

static void test_node_rows_list_offered_actions_enabled_first_with_reasons(void **state)
{
    (void)state;
    game g = start(1);
    const sim_world *w = world(&g);
    play_row rows[PLAY_MAX_ROWS];
    int db = sim_node_find(w, "db");
    int n = play_rows_node(w, db, rows, PLAY_MAX_ROWS);
    int offered = 0;
    for (int k = 0; k < SIM_ACTION_KIND_COUNT; k++)
        offered += sim_action_target_type((sim_action_kind)k) == SIM_TARGET_NODE &&
                   sim_action_offered(w, k);
    assert_int_equal(n, offered);
    bool seen_disabled = false;
    for (int i = 0; i < n; i++) {
        assert_int_equal(rows[i].target, db);
        assert_true(sim_action_offered(w, rows[i].kind));
        assert_int_equal(rows[i].key, ui_action_key(rows[i].kind));
        sim_action_cost c = sim_action_cost_of(w, rows[i].kind);
        assert_int_equal(rows[i].cost.money, c.money);
        assert_int_equal(rows[i].cost.staff_hours, c.staff_hours);
        assert_int_equal(rows[i].cost.duration, c.duration);
        sim_action_req r = {rows[i].kind, db, 0};
        bw_err e;
        bool ok = sim_action_check(w, &r, &e) == BW_OK;
        assert_int_equal(rows[i].enabled, ok);
        if (!ok)
            assert_string_equal(rows[i].reason, e.msg); /* the engine's own words */
        if (!rows[i].enabled)
            seen_disabled = true;
        else
            assert_false(seen_disabled); /* enabled ones come first */
    }
    assert_true(seen_disabled); /* db already has a backup, it is not isolated, ... */
    assert_int_equal(play_rows_node(w, -1, rows, PLAY_MAX_ROWS), 0);
    assert_int_equal(play_rows_node(w, 999, rows, PLAY_MAX_ROWS), 0);
    assert_int_equal(play_rows_find(rows, n, SIM_ACT_CODE_REVIEW), -1); /* not offered */
    stop(&g);
}

static void test_org_rows_never_name_an_attacker_the_defender_has_not_seen(void **state)
{
    (void)state;
    game g = start(1);
    play_row rows[PLAY_MAX_ROWS];
    int n = play_rows_org(world(&g), rows, PLAY_MAX_ROWS);
    bool share = false;
    for (int i = 0; i < n; i++) {
        assert_null(strstr(rows[i].label, "Mass scanners"));
        assert_null(strstr(rows[i].reason, "Mass scanners"));
        assert_null(strstr(rows[i].label, "Espionage"));
        if (rows[i].kind == SIM_ACT_SHARE_INDICATOR) {
            share = true;
            assert_false(rows[i].enabled);
            assert_int_equal(rows[i].target, -1);
        }
    }
    assert_true(share);
    /* Four training rows, weakest area first. */
    int train = play_rows_find(rows, n, SIM_ACT_TRAIN);
    assert_true(train >= 0);
    assert_int_equal(rows[train].target, SIM_AREA_PS);
    int count = 0;
    for (int i = 0; i < n; i++)
        count += rows[i].kind == SIM_ACT_TRAIN;
    assert_int_equal(count, 4);
    stop(&g);
}

/* The truth is hidden: an undetected intrusion shows nothing. */
static void test_the_screen_shows_the_defenders_view_not_the_truth(void **state)
{
    (void)state;
    game g = start(2021);
    const sim_world *w = world(&g);
    bool checked_hidden = false;
    ui_session_set_speed(g.ss, 240);
    while (!ui_session_over(g.ss)) {
        frames(&g, 1, 1.0 / 60 * 4);
        for (int n = 0; n < sim_node_count(w); n++) {
            sim_node_info ni;
            sim_node_get(w, n, &ni);
            sim_node_view v;
            sim_node_view_get(w, n, &v);
            play_style st = play_node_style(w, n);
            if (ni.state == SIM_STATE_COMPROMISED && v.state != SIM_STATE_COMPROMISED) {
                checked_hidden = true;
                assert_string_not_equal(st.word, "compromised");
            }
        }
        play_attack at[32];
        int na = play_attacks(w, at, 32);
        for (int i = 0; i < na; i++) {
            sim_intrusion_info in;
            sim_intrusion_get(w, at[i].intrusion, &in);
            assert_true(in.detected && in.active);
            assert_int_equal(at[i].to, in.node);
        }
        if (ui_play_dialog_open(g.p))
            key(&g, SDLK_1, 0);
    }
    assert_true(checked_hidden); /* the idle game has hidden footholds (day 6) */
    stop(&g);
}

static void test_styles_give_every_state_a_word_and_a_glyph(void **state)
{
    (void)state;
    assert_string_equal(play_severity_word(100), "critical");
    assert_string_equal(play_severity_word(75), "high");
    assert_string_equal(play_severity_word(40), "medium");
    assert_string_equal(play_severity_word(10), "low");
    for (int k = 0; k < SIM_LOG_KIND_COUNT; k++) {
        assert_true(strlen(play_log_word((sim_log_kind)k)) > 2);
        assert_true(play_log_role((sim_log_kind)k) < UI_ROLE_COUNT);
    }
    /* What a defender fears is red, what they did is not. */
    assert_int_equal(play_log_role(SIM_LOG_DETECTED), UI_BAD);
    assert_int_equal(play_log_role(SIM_LOG_IMPACT), UI_BAD);
    assert_true(play_log_role(SIM_LOG_ACTION_DONE) != UI_BAD);
    for (int k = 0; k < SIM_NODE_KIND_COUNT; k++)
        assert_true(strlen(play_kind_code((sim_node_kind)k)) >= 2);
    for (int c = 0; c < SIM_CONTROL_COUNT; c++)
        assert_string_not_equal(play_control_badge(1u << c), "?");
    char t[32];
    play_format_time(24 * 3 + 14, t, sizeof t);
    assert_string_equal(t, "Day 4 \xc2\xb7 14:00");
    play_style s = play_node_style(NULL, 0);
    assert_string_equal(s.word, "unknown");
}

static void test_new_events_become_toasts_that_expire(void **state)
{
    (void)state;
    game g = start(1);
    frames(&g, 1, 1.0 / 60);
    /* on_start's message. */
    assert_true(g.p->toast_count >= 1);
    assert_true(g.p->log_count >= 1);
    for (int i = 0; i < 5 * 60; i++)
        frames(&g, 1, 1.0 / 60);
    assert_int_equal(g.p->toast_count, 0);
    /* Never more than four at once. */
    run_to(&g, 200);
    assert_true(g.p->toast_count <= PLAY_MAX_TOASTS);
    /* Every log line is one the defender saw. */
    for (int i = 0; i < g.p->log_count; i++) {
        sim_log_entry e;
        assert_int_equal(sim_log_get(world(&g), g.p->log_lines[i], &e), 0);
        assert_true(e.visible);
    }
    stop(&g);
}

/* play --watch: a reload swapped in keeps the selection (by id), the
 * speed and the camera, and shows the new game; F3 toggles the author's
 * debug view, which needs no window to change the world (it changes
 * nothing: the hash stays). */
static void test_a_reload_keeps_selection_speed_and_camera(void **state)
{
    (void)state;
    game g = start(11);
    frames(&g, 1, 0);
    assert_true(ui_play_select(g.p, "db"));
    run_to(&g, 30);
    ui_session_set_speed(g.ss, 4);
    map_camera cam = g.p->cam;
    char path[1024];
    snprintf(path, sizeof path, "%s/scripts/scenarios/log4shell.lua", script_data_dir());
    script_scenario *next = NULL;
    bw_err e;
    assert_int_equal(watch_reload(ui_session_scenario(g.ss), path, NULL, &next, NULL, &e), BW_OK);
    uint64_t h = sim_world_hash(script_scenario_cworld(next));
    assert_int_equal(ui_play_swap_scenario(g.p, next, &e), BW_OK);
    assert_true(ui_session_scenario(g.ss) == next);
    assert_int_equal(tick(&g), 30);
    assert_true(sim_world_hash(world(&g)) == h);
    assert_int_equal(ui_session_speed(g.ss), 4);
    assert_int_equal(g.p->selected, sim_node_find(world(&g), "db"));
    assert_true(g.p->cam.zoom == cam.zoom && g.p->cam.cx == cam.cx && g.p->cam.cy == cam.cy);
    int seen = 0, count = 0;
    assert_int_equal(ui_session_take_new_log(g.ss, &seen, &count), 0); /* no replayed toasts */
    /* F3 opens and closes the debug view; looking changes nothing. */
    uint64_t before = sim_world_hash(world(&g));
    assert_false(ui_play_debug(g.p));
    assert_true(key(&g, SDLK_F3, 0));
    assert_true(ui_play_debug(g.p));
    ui_session_set_speed(g.ss, 0);
    frames(&g, 3, 0.016);
    assert_true(sim_world_hash(world(&g)) == before);
    assert_true(key(&g, SDLK_F3, 0));
    assert_false(ui_play_debug(g.p));
    /* A notice shows and clears. */
    ui_play_set_notice(g.p, "The saved scenario did not load", "x.lua:3: error: boom");
    assert_string_equal(g.p->notice, "x.lua:3: error: boom");
    ui_play_set_notice(g.p, NULL, NULL);
    assert_string_equal(g.p->notice, "");
    stop(&g);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_tab_selects_and_a_letter_acts_on_the_selected_node),
        cmocka_unit_test(test_organisation_actions_take_shift_letters_and_need_no_node),
        cmocka_unit_test(test_a_refused_key_says_why_and_logs_nothing),
        cmocka_unit_test(test_the_panel_is_reachable_and_usable_by_keyboard),
        cmocka_unit_test(test_speed_keys_and_pause),
        cmocka_unit_test(test_a_choice_opens_a_dialog_that_pauses_and_takes_digits),
        cmocka_unit_test(test_arrows_and_enter_answer_a_dialog_too),
        cmocka_unit_test(test_a_game_played_with_keys_replays_to_the_same_hash),
        cmocka_unit_test(test_node_rows_list_offered_actions_enabled_first_with_reasons),
        cmocka_unit_test(test_org_rows_never_name_an_attacker_the_defender_has_not_seen),
        cmocka_unit_test(test_the_screen_shows_the_defenders_view_not_the_truth),
        cmocka_unit_test(test_styles_give_every_state_a_word_and_a_glyph),
        cmocka_unit_test(test_new_events_become_toasts_that_expire),
        cmocka_unit_test(test_a_reload_keeps_selection_speed_and_camera),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
