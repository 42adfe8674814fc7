/* app_game.c — one game's life in the desktop app: loading a scenario for
 * its briefing (or showing why it did not load), starting a session,
 * driving the clock for a replay or a bot, noticing the end, building
 * the debrief and storing the result record with the progress.
 *
 * The world changes only through the session (ui_session_update and
 * ui_session_act) and, for replays and bots, through script_scenario_act
 * and script_bot_play — exactly the calls `bulwark run` makes — so a
 * game played here replays headless to the same world hash. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "app_internal.h"

static bool file_exists(const char *path)
{
    struct stat st;
    return stat(path, &st) == 0 && S_ISREG(st.st_mode);
}

void app_show_error(ui_app *a, const char *title, const char *path, const script_diags *d,
                    const char *msg)
{
    script_diags_free(&a->diags);
    script_diags_init(&a->diags);
    if (d)
        for (int i = 0; i < d->count && i < d->cap; i++)
            script_diags_add(&a->diags, d->items[i].file, d->items[i].line, d->items[i].warning,
                             "%s", d->items[i].msg);
    snprintf(a->error_title, sizeof a->error_title, "%s", title);
    snprintf(a->error_path, sizeof a->error_path, "%s", path ? path : "");
    snprintf(a->error_msg, sizeof a->error_msg, "%s", msg ? msg : "");
    /* The same words on stderr, for scripts and for people at a terminal. */
    FILE *err = a->opt->err;
    fprintf(err, "bulwark play: %s: %s\n", title, path && *path ? path : "");
    if (d && d->count)
        script_diags_print(d, err);
    else if (msg && *msg)
        fprintf(err, "%s\n", msg);
    a->res->load_failed = true;
    app_go(a, UI_LOAD_FAILED);
}

static bool load_log(ui_app *a)
{
    if (!a->opt->actions || a->have_log)
        return true;
    bw_err e;
    if (record_log_read(a->opt->actions, &a->log, &e) != BW_OK) {
        record_log_free(&a->log);
        app_show_error(a, "The action log could not be read", a->opt->actions, NULL, e.msg);
        return false;
    }
    a->have_log = true;
    return true;
}

static script_scenario *load(ui_app *a, const char *path)
{
    if (!load_log(a))
        return NULL;
    script_options so;
    memset(&so, 0, sizeof so);
    so.seed_given = a->seed_given || a->have_log;
    so.seed = a->have_log ? a->log.seed : a->seed;
    script_diags d;
    script_diags_init(&d);
    bw_err e;
    bw_err_clear(&e);
    script_scenario *s = script_scenario_load(path, &so, &d, &e);
    if (!s) {
        app_show_error(a, "This scenario did not load", path, &d, e.msg);
    } else if (a->have_log && record_log_fits(&a->log, a->opt->actions, s, &e) != BW_OK) {
        script_scenario_destroy(s);
        s = NULL;
        app_show_error(a, "The action log does not fit this scenario", path, NULL, e.msg);
    }
    script_diags_free(&d);
    return s;
}

bool app_pick(ui_app *a, const char *path)
{
    app_end_game(a);
    script_scenario_destroy(a->preview);
    a->preview = NULL;
    snprintf(a->scn_path, sizeof a->scn_path, "%s", path);
    /* --watch: a save while the briefing (or the error screen) shows is
     * seen from here on. */
    if (a->opt->watch)
        watch_file_init(&a->watch, a->scn_path);
    a->preview = load(a, a->scn_path);
    if (!a->preview)
        return false;
    free(a->brief_flow);
    a->brief_flow = scr_reflow(script_scenario_briefing(a->preview));
    a->scroll2 = 0;
    app_go(a, UI_PICK_SCENARIO);
    return true;
}

void app_end_game(ui_app *a)
{
    ui_play_destroy(a->play);
    a->play = NULL;
    ui_session_destroy(a->ss);
    a->ss = NULL;
    script_bot_destroy(a->bot);
    a->bot = NULL;
    a->owed = 0;
    a->log_next = 0;
    a->over_handled = false;
}

bool app_start(ui_app *a)
{
    app_end_game(a);
    a->played_out = false;
    script_scenario *s = a->preview; /* untouched since its load: play it */
    a->preview = NULL;
    if (!s) {
        s = load(a, a->scn_path);
        if (s && a->opt->watch)
            watch_file_init(&a->watch, a->scn_path);
    }
    if (!s)
        return false;
    bw_err e;
    if (a->opt->player) {
        a->bot = script_bot_load(a->opt->player, script_scenario_seed(s), &e);
        if (!a->bot) {
            script_scenario_destroy(s);
            app_show_error(a, "The player bot did not load", a->opt->player, NULL, e.msg);
            return false;
        }
    }
    a->ss = ui_session_create(s, &e); /* owns s, even on failure */
    if (!a->ss) {
        app_show_error(a, "The game could not start", a->scn_path, NULL, e.msg);
        return false;
    }
    a->play = ui_play_create(a->ss, a->g, &e);
    if (!a->play) {
        app_end_game(a);
        app_show_error(a, "The play screen could not open", a->scn_path, NULL, e.msg);
        return false;
    }
    /* A replay or a bot steps the world here (drive_tick); the play screen
     * then only animates, with the real frame time. */
    if (a->have_log || a->bot)
        ui_play_set_drives_session(a->play, false);
    /* A person starts paused, to read the map; Space resumes at the saved
     * speed. A speed given on the command line starts the clock. */
    if (a->opt->speed >= 0) {
        ui_session_set_speed(a->ss, a->opt->speed);
    } else {
        ui_session_set_speed(a->ss, a->settings.speed > 0 ? a->settings.speed : 1);
        ui_session_set_speed(a->ss, 0);
    }
    if (a->opt->debug)
        ui_play_set_debug(a->play, true);
    script_debrief_free(&a->debrief);
    a->have_debrief = false;
    app_go(a, UI_START);
    return true;
}

/* ---- play --watch: reload on save ---------------------------------------------------------- */

#define WATCH_EVERY_FRAMES 15 /* 4 looks a second at 60 frames a second: one stat() each */

static const char *base_name(const char *path)
{
    const char *s = strrchr(path, '/');
    return s ? s + 1 : path;
}

static void app_reload(ui_app *a)
{
    script_scenario *cur = ui_session_scenario(a->ss), *next = NULL;
    bw_err e;
    char when[32];
    int t = sim_world_tick(script_scenario_cworld(cur));
    if (watch_reload(cur, a->scn_path, NULL, &next, NULL, &e) != BW_OK ||
        ui_play_swap_scenario(a->play, next, &e) != BW_OK) {
        watch_format_tick(t, when, sizeof when);
        ui_play_set_notice(a->play, "The saved scenario did not load \xc2\xb7 the last good version "
                                    "keeps running; save a fix to reload", e.msg);
        char first[BW_ERR_MSG_MAX];
        snprintf(first, sizeof first, "%s", e.msg);
        first[strcspn(first, "\n")] = '\0';
        fprintf(a->opt->out, "%s \xe2\x80\x94 keeping the last good version (tick %d (%s))\n",
                first, t, when);
        fflush(a->opt->out);
        return;
    }
    ui_play_set_notice(a->play, NULL, NULL);
    a->over_handled = false;
    t = sim_world_tick(script_scenario_cworld(ui_session_scenario(a->ss)));
    watch_format_tick(t, when, sizeof when);
    fprintf(a->opt->out, "reloaded %s at tick %d (%s)\n", a->scn_path, t, when);
    fflush(a->opt->out);
    app_toast(a, "Reloaded %s at %s", base_name(a->scn_path), when);
}

/* ---- the driven clock (replays and bots) ------------------------------------------- */

/* Start every logged action due now: the same rule as `run --actions`. */
static int replay_due(ui_app *a, bw_err *e)
{
    script_scenario *s = ui_session_scenario(a->ss);
    const sim_world *w = script_scenario_cworld(s);
    const record_log *log = &a->log;
    while (a->log_next < log->count && log->items[a->log_next].tick == sim_world_tick(w)) {
        const record_action *r = &log->items[a->log_next];
        sim_action_req req;
        if (record_action_to_req(w, r, &req) < 0)
            return bw_err_set(e, BW_EINVAL, "replay: action %d (%s) names an unknown target '%s'",
                              a->log_next + 1, sim_action_name(r->kind), r->target);
        bw_err ae;
        if (!ui_session_act(a->ss, &req, &ae))
            return bw_err_set(
                e, BW_EINVAL, "replay diverged at tick %d: action %d (%s %s) was refused: %s",
                r->tick, a->log_next + 1, sim_action_name(r->kind), r->target, ae.msg);
        a->log_next++;
    }
    if (a->log_next < log->count && log->items[a->log_next].tick < sim_world_tick(w))
        return bw_err_set(e, BW_EINVAL, "replay: action %d is at tick %d, which has passed",
                          a->log_next + 1, log->items[a->log_next].tick);
    return BW_OK;
}

/* One tick: the driver's actions for it, then exactly one step. */
static int drive_tick(ui_app *a, bw_err *e)
{
    if (ui_session_over(a->ss))
        return BW_EOVER;
    int rc = BW_OK;
    if (a->have_log)
        rc = replay_due(a, e);
    if (rc == BW_OK && a->bot) {
        int taken = 0, refused = 0;
        rc = script_bot_play(a->bot, ui_session_scenario(a->ss), &taken, &refused, e);
    }
    if (rc < 0)
        return rc;
    int speed = ui_session_speed(a->ss);
    ui_session_set_speed(a->ss, 1);
    int ran = ui_session_update(a->ss, 1.0, e); /* 1 tick/s for 1 s: exactly one tick */
    ui_session_set_speed(a->ss, speed);
    return ran < 0 ? ran : BW_OK;
}

static void driver_failed(ui_app *a, const bw_err *e)
{
    a->res->failed = true;
    a->over_handled = true;
    int t = sim_world_tick(script_scenario_cworld(ui_session_scenario(a->ss)));
    char msg[BW_ERR_MSG_MAX + 64];
    snprintf(msg, sizeof msg, "stopped on day %d at %02d:00: %s", t / SIM_TICKS_PER_DAY + 1,
             t % SIM_TICKS_PER_DAY, e->msg);
    app_show_error(a, a->have_log ? "The replay stopped" : "The game stopped", a->scn_path, NULL,
                   msg);
}

void app_play_out(ui_app *a)
{
    if (!a->ss)
        return;
    a->played_out = !a->have_log && !a->bot;
    bw_err e;
    for (int guard = 0; guard < SIM_MAX_DAYS * SIM_TICKS_PER_DAY + 10 && !ui_session_over(a->ss);
         guard++) {
        if (drive_tick(a, &e) < 0 && !ui_session_over(a->ss)) {
            driver_failed(a, &e);
            return;
        }
    }
    if (ui_session_failure(a->ss)) {
        a->over_handled = true;
        a->res->failed = true;
        app_show_error(a, "The scenario stopped with an error", a->scn_path, NULL,
                       ui_session_failure(a->ss));
        return;
    }
    if (ui_session_over(a->ss))
        app_game_over(a);
}

/* ---- a frame of play --------------------------------------------------------------------- */

void app_game_frame(ui_app *a, double dt, ui_rect area)
{
    if (!a->play)
        return;
    if (a->opt->watch && a->frame % WATCH_EVERY_FRAMES == 0 && watch_file_poll(&a->watch))
        app_reload(a);
    if (a->screen == UI_SCREEN_PLAY) {
        for (int i = 0; i < a->key_count; i++) {
            app_key *k = &a->keys[i];
            bool used = ui_play_command(a->play, k->cmd, k->action, k->option);
            if (!used && k->cmd == UI_CMD_BACK) {
                app_go(a, UI_PAUSE);
                break;
            }
        }
    }
    bool driven = a->have_log || a->bot;
    if (driven && a->screen == UI_SCREEN_PLAY && !a->over_handled) {
        a->owed += ui_session_speed(a->ss) * dt;
        int n = (int)floor(a->owed);
        if (n > 16) {
            n = 16;
            a->owed = 16;
        }
        a->owed -= n;
        bw_err e;
        for (int i = 0; i < n && !ui_session_over(a->ss); i++)
            if (drive_tick(a, &e) < 0 && !ui_session_over(a->ss)) {
                driver_failed(a, &e);
                return;
            }
    }
    bw_err e;
    if (ui_play_frame(a->play, dt, area, &e) < 0 && !ui_session_over(a->ss))
        app_toast(a, "%s", e.msg);
    if (a->screen != UI_SCREEN_PLAY || !ui_session_over(a->ss))
        return;
    if (a->opt->watch && ui_session_failure(a->ss)) {
        /* An author's script error: stay on the map, say where, and wait
         * for a save that fixes it. */
        if (!a->over_handled)
            ui_play_set_notice(a->play, "The scenario stopped with an error \xc2\xb7 save a fix to "
                                        "reload at this moment", ui_session_failure(a->ss));
        a->over_handled = true;
        return;
    }
    if (!a->over_handled) {
        a->over_handled = true;
        a->over_at = a->now;
        if (ui_session_failure(a->ss)) {
            a->res->failed = true;
            app_show_error(a, "The scenario stopped with an error", a->scn_path, NULL,
                           ui_session_failure(a->ss));
            return;
        }
    }
    /* Let the last moment show for a breath before the debrief. */
    if (a->now - a->over_at >= 0.75 || a->opt->exit_when_over)
        app_game_over(a);
}

/* ---- the end -------------------------------------------------------------------------------- */

void app_game_over_pending(ui_app *a)
{
    if (a->ss && a->screen == UI_SCREEN_PLAY && a->over_handled && !a->res->game_over &&
        !a->res->failed && ui_session_over(a->ss) && !ui_session_failure(a->ss))
        app_game_over(a);
}

static bool check_replay(ui_app *a, const sim_world *w)
{
    if (!a->have_log)
        return true;
    FILE *err = a->opt->err;
    if (a->log_next < a->log.count) {
        fprintf(err, "bulwark play: replay: %d action%s left after the game ended\n",
                a->log.count - a->log_next, a->log.count - a->log_next == 1 ? "" : "s");
        return false;
    }
    if (a->log.world_hash != sim_world_hash(w)) {
        fprintf(err,
                "bulwark play: replay diverged: the record's final world hash is %016llx, this "
                "game's %016llx\n",
                (unsigned long long)a->log.world_hash, (unsigned long long)sim_world_hash(w));
        return false;
    }
    return true;
}

void app_game_over(ui_app *a)
{
    script_scenario *s = ui_session_scenario(a->ss);
    const sim_world *w = script_scenario_cworld(s);
    FILE *err = a->opt->err;
    bw_err e;
    a->over_handled = true;
    free(a->debrief_text);
    a->debrief_text = NULL;
    const char *text = "";
    if (script_scenario_debrief(s, &text, &e) < 0) {
        /* The scenario's debrief callback failed: shown in its place, and
         * the run fails (exit 1), as `bulwark run` does. */
        fprintf(err, "bulwark play: %s\n", e.msg);
        text = e.msg;
        a->res->failed = true;
    }
    a->debrief_text = scr_reflow(text);
    if (!a->catalog)
        a->catalog = script_catalog_load(NULL, &e);
    script_debrief_free(&a->debrief);
    a->have_debrief = script_debrief_build(s, a->catalog, &a->debrief, &e) == BW_OK;
    if (!a->have_debrief)
        memset(&a->debrief, 0, sizeof a->debrief);

    ui_app_result *res = a->res;
    res->game_over = true;
    res->outcome = sim_world_outcome(w);
    res->world_hash = sim_world_hash(w);
    if (!check_replay(a, w))
        res->failed = true;

    a->debrief_note[0] = 0;
    char *json = record_json(s, a->debrief_text);
    if (!json) {
        snprintf(a->debrief_note, sizeof a->debrief_note,
                 "The result could not be recorded: out of memory.");
        res->failed = true;
    } else {
        if (a->opt->json && record_write_file(a->opt->json, json, &e) != BW_OK) {
            fprintf(err, "bulwark play: %s\n", e.msg);
            res->failed = true;
        }
        if (a->opt->room && !a->have_log && !a->bot) {
            /* A workshop's game goes to the workshop's store, nowhere else. */
            a->opt->room->submit(a->opt->room->ud, json, a->debrief_note, sizeof a->debrief_note);
        } else if (a->have_log || a->bot || a->played_out || a->opt->watch) {
            /* A replay is not a new game, a bot's game is not the player's, a
             * game played out with nobody at the keys (--screen debrief) is
             * nobody's, and an author's game under --watch is a draft: none
             * of them may earn campaign progress. */
            snprintf(a->debrief_note, sizeof a->debrief_note, "%s",
                     a->have_log    ? "A replay is not saved."
                     : a->bot       ? "A bot's game is not saved."
                     : a->opt->watch ? "A game under --watch is not saved."
                                     : "A game played out unattended is not saved.");
        } else if (a->db) {
            /* One transaction: the record and the campaign's progress. */
            store_result_meta meta;
            memset(&meta, 0, sizeof meta);
            meta.player = a->settings.player_name[0] ? a->settings.player_name : NULL;
            int64_t id = 0;
            if (store_result_add(a->db, json, &meta, &id, &e) == BW_OK)
                snprintf(a->debrief_note, sizeof a->debrief_note, "Saved as result %lld.",
                         (long long)id);
            else
                snprintf(a->debrief_note, sizeof a->debrief_note, "The result was not saved: %s",
                         e.msg);
        } else if (!a->db) {
            snprintf(a->debrief_note, sizeof a->debrief_note, "%s", a->store_note);
        }
        free(json);
    }
    int days = (sim_world_tick(w) + SIM_TICKS_PER_DAY - 1) / SIM_TICKS_PER_DAY;
    fprintf(a->opt->out, "game over: %s %s after %d day%s, %d star%s, world hash %016llx\n",
            script_scenario_id(s), res->outcome == SIM_OUTCOME_WON ? "won" : "lost", days,
            days == 1 ? "" : "s", sim_world_stars(w), sim_world_stars(w) == 1 ? "" : "s",
            (unsigned long long)res->world_hash);
    a->entries_fresh = false;
    app_go(a, UI_GAME_OVER);
}

/* ---- the campaign's entries -------------------------------------------------------------------
 */

void app_cwe_label(const char *id, char *out, size_t n)
{
    bool digits = *id != 0;
    for (const char *p = id; *p; p++)
        if (*p < '0' || *p > '9')
            digits = false;
    if (strncmp(id, "CWE-", 4) == 0 || strncmp(id, "cwe-", 4) == 0)
        snprintf(out, n, "CWE-%s", id + 4);
    else
        snprintf(out, n, "CWE%s%s", digits ? "-" : " ", id);
}

/* An id as the campaign map lists it: CWE ids get their prefix. */
static void teach_label(const char *kind, const char *id, char *out, size_t n)
{
    if (strcmp(kind, "cwe") == 0)
        app_cwe_label(id, out, n);
    else
        snprintf(out, n, "%s", id);
}

static void append(char *out, size_t n, const char *sep, const char *item)
{
    size_t used = strlen(out);
    if (used + strlen(sep) + strlen(item) + 1 >= n)
        return;
    snprintf(out + used, n - used, "%s%s", used ? sep : "", item);
}

static void join_teaches(const script_scenario *s, app_entry *en)
{
    static const char *const kinds[] = {"accord", "ssdf", "attack", "cwe"};
    en->teaches[0] = 0;
    for (int k = 0; k < 4; k++) {
        en->groups[k][0] = 0;
        const char *ids[SCRIPT_MAX_TEACH_IDS];
        int c = script_scenario_teaches(s, kinds[k], ids, SCRIPT_MAX_TEACH_IDS);
        for (int i = 0; i < c && i < SCRIPT_MAX_TEACH_IDS; i++) {
            char label[64];
            teach_label(kinds[k], ids[i], label, sizeof label);
            append(en->groups[k], sizeof en->groups[k], " · ", label);
            if (k > 0)
                append(en->teaches, sizeof en->teaches, " · ", label);
        }
    }
}

void app_load_entries(ui_app *a)
{
    if (a->entries_fresh)
        return;
    bw_err e;
    if (!a->campaign.items && !a->campaign_note[0]) {
        if (script_campaign_load(NULL, &a->campaign, &e) != BW_OK)
            snprintf(a->campaign_note, sizeof a->campaign_note, "The campaign did not load: %s",
                     e.msg);
    }
    if (!a->entries && a->campaign.count > 0) {
        a->entries = calloc((size_t)a->campaign.count, sizeof *a->entries);
        if (!a->entries)
            return;
        a->entry_count = a->campaign.count;
        for (int i = 0; i < a->entry_count; i++) {
            app_entry *en = &a->entries[i];
            const script_campaign_entry *c = &a->campaign.items[i];
            snprintf(en->id, sizeof en->id, "%s", c->id);
            snprintf(en->path, sizeof en->path, "%s", c->path);
            snprintf(en->title, sizeof en->title, "%s", c->id);
            en->tutorial = c->tutorial;
            en->exists = file_exists(c->path);
            if (!en->exists)
                continue;
            script_diags d;
            script_diags_init(&d);
            script_scenario *s = script_scenario_load(c->path, NULL, &d, &e);
            script_diags_free(&d);
            if (!s)
                continue;
            en->loads = true;
            snprintf(en->title, sizeof en->title, "%s", script_scenario_title(s));
            join_teaches(s, en);
            script_scenario_destroy(s);
        }
    }
    /* Winning a scenario opens the next one shipped; the first shipped one
     * and the tutorial are open from the start. Entries not in this build
     * are skipped over, so a missing file never locks the rest. */
    const app_entry *prev = NULL;
    for (int i = 0; i < a->entry_count; i++) {
        app_entry *en = &a->entries[i];
        memset(&en->prog, 0, sizeof en->prog);
        if (a->db)
            store_progress_get(a->db, en->id, &en->prog, &e);
        en->done = en->prog.wins > 0;
        en->open = en->exists && (!prev || prev->done || en->tutorial || en->done);
        if (en->exists && en->loads)
            prev = en;
    }
    a->entries_fresh = true;
}

int app_next_entry(const ui_app *a)
{
    for (int i = 0; i < a->entry_count; i++)
        if (a->entries[i].open && !a->entries[i].done && a->entries[i].loads)
            return i;
    for (int i = a->entry_count - 1; i >= 0; i--)
        if (a->entries[i].open && a->entries[i].loads)
            return i;
    return -1;
}

void app_game_free(ui_app *a)
{
    app_end_game(a);
    script_scenario_destroy(a->preview);
    a->preview = NULL;
    script_debrief_free(&a->debrief);
    free(a->debrief_text);
    a->debrief_text = NULL;
    free(a->brief_flow);
    a->brief_flow = NULL;
    script_catalog_destroy(a->catalog);
    a->catalog = NULL;
    record_log_free(&a->log);
    script_campaign_free(&a->campaign);
    free(a->entries);
    a->entries = NULL;
}
