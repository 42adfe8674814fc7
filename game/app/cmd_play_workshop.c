/* cmd_play_workshop.c — `bulwark play --workshop CONFIG --name NAME --team
 * TEAM [--scenario ID] [--player BOT]`: a player of a workshop's room.
 *
 * Opens the workshop's results store as a player, joins the lobby, waits
 * (bounded) for the facilitator to start, plays the workshop's scenario
 * with its seed — in the window (the briefing can be read while the room
 * waits; the facilitator's pause holds the clock; announcements show as a
 * banner; the game's end submits) or headless with a bot or without a
 * display — and submits the result record with {player, team, workshop},
 * then prints the result's id and the player's rank in the room.
 *
 * Must never: submit after the session ended or past its time limit, or
 * wait without a bound and without saying what it waits for. */
#define _POSIX_C_SOURCE 200809L
#include "bulwark/app.h"
#include "bulwark/record.h"
#include "bulwark/ui_app.h"
#include "args.h"
#include "workshop_app.h"

#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

#define DEFAULT_WAIT_SECONDS 900 /* a room fills in minutes; a forgotten player should not wait forever */
#define POLL_SECONDS 1

typedef struct pw_opts {
    const char *config, *name, *team, *scenario, *player, *json, *screenshot, *input;
    long wait_seconds, frames;
    bool software;
} pw_opts;

static void usage(FILE *out)
{
    fprintf(out,
            "usage: bulwark play --workshop CONFIG --name NAME --team TEAM [--scenario ID]\n"
            "                    [--player BOT] [--wait SECONDS | --no-wait] [--json OUT]\n"
            "                    [--frames N] [--screenshot FILE.png] [--input FILE] [--software]\n"
            "  Joins the workshop CONFIG (a .workshop.lua file the facilitator shares; see\n"
            "  docs/workshops.md) as NAME in team TEAM, waits for the facilitator to start,\n"
            "  plays the workshop's scenario with its seed, and submits the result to the\n"
            "  workshop's store; then prints the result's id and your rank in the room.\n"
            "  --scenario ID   which of the workshop's scenarios (default: its first)\n"
            "  --player BOT    a bot plays, headless (idle, sensible, hackback, random or a file);\n"
            "                  without a display the sensible bot plays\n"
            "  --wait SECONDS  how long to wait for the start (default %d); --no-wait: none\n"
            "  --json OUT      also write the result record to OUT\n"
            "  The facilitator's pause holds your game; after the workshop ends or its time\n"
            "  runs out nothing more is submitted. Exit 0 when the result was submitted.\n",
            DEFAULT_WAIT_SECONDS);
}

static void nap(int seconds)
{
    struct timespec ts = { seconds, 0 };
    nanosleep(&ts, NULL);
}

static int parse(int argc, char **argv, pw_opts *o, FILE *out, FILE *err)
{
    o->wait_seconds = DEFAULT_WAIT_SECONDS;
    for (int i = 0; i < argc; i++) {
        const char *v = NULL;
        const struct {
            const char *name;
            const char **dst;
        } strs[] = { { "--workshop", &o->config }, { "--name", &o->name },         { "--team", &o->team },
                     { "--scenario", &o->scenario }, { "--player", &o->player },   { "--json", &o->json },
                     { "--screenshot", &o->screenshot }, { "--input", &o->input } };
        bool matched = false;
        for (size_t k = 0; k < sizeof strs / sizeof strs[0] && !matched; k++)
            if (args_opt(argc, argv, &i, strs[k].name, &v)) {
                matched = true;
                if (!v || !*v) {
                    fprintf(err, "bulwark play: %s needs a value\n", strs[k].name);
                    return APP_USAGE;
                }
                *strs[k].dst = v;
            }
        if (matched)
            continue;
        if (args_opt(argc, argv, &i, "--wait", &v)) {
            if (!args_int("--wait", v, 0, 86400, &o->wait_seconds, err))
                return APP_USAGE;
        } else if (strcmp(argv[i], "--no-wait") == 0) {
            o->wait_seconds = 0;
        } else if (args_opt(argc, argv, &i, "--frames", &v)) {
            if (!args_int("--frames", v, 1, 100000000L, &o->frames, err))
                return APP_USAGE;
        } else if (strcmp(argv[i], "--software") == 0) {
            o->software = true;
        } else if (strcmp(argv[i], "--help") == 0 || strcmp(argv[i], "-h") == 0) {
            usage(out);
            return -1;
        } else {
            fprintf(err, "bulwark play: '%s' does not go with --workshop (see 'bulwark play --workshop x --help')\n",
                    argv[i]);
            return APP_USAGE;
        }
    }
    if (!o->config || !o->name || !o->team) {
        fprintf(err, "bulwark play: --workshop needs --name NAME and --team TEAM\n");
        usage(err);
        return APP_USAGE;
    }
    if (o->screenshot && o->frames <= 0) {
        fprintf(err, "bulwark play: --screenshot needs --frames N (the last frame is saved)\n");
        return APP_USAGE;
    }
    return APP_OK;
}

/* ---- the session --------------------------------------------------------------------------- */

/* Why the session takes no more games, or NULL. */
static const char *closed(const ws_ctx *c, const rstore_session *s, int64_t now)
{
    if (s->phase == RSTORE_ENDED)
        return "the facilitator has ended the workshop";
    if (s->phase != RSTORE_LOBBY && ws_seconds_left(&c->cfg, s, now) == 0)
        return "the workshop's time limit has passed";
    return NULL;
}

/* Wait until the session runs: BW_OK, or an exit code with the reason
 * printed. Says once what it waits for. */
static int wait_running(ws_ctx *c, long wait_seconds, rstore_session *s, FILE *out, FILE *err)
{
    int64_t start = (int64_t)time(NULL);
    rstore_phase said = (rstore_phase)-1;
    for (;;) {
        bw_err e;
        if (rstore_session_get(c->st, c->cfg.id, s, &e) != BW_OK) {
            fprintf(err, "bulwark play: %s\n", e.msg);
            return APP_FAILED;
        }
        int64_t now = (int64_t)time(NULL);
        const char *why = closed(c, s, now);
        if (why) {
            fprintf(err, "bulwark play: %s: no more games are taken\n", why);
            return APP_FAILED;
        }
        if (s->phase == RSTORE_RUNNING)
            return APP_OK;
        if (now - start >= wait_seconds) {
            fprintf(err,
                    "bulwark play: the workshop %s is %s: gave up waiting after %ld s (ask the facilitator "
                    "to %s it, or wait longer with --wait SECONDS)\n",
                    c->cfg.id, s->phase == RSTORE_PAUSED ? "paused" : "not started", wait_seconds,
                    s->phase == RSTORE_PAUSED ? "resume" : "start");
            return APP_FAILED;
        }
        if (said != s->phase) {
            fprintf(out, "%s: waiting for the facilitator to %s the workshop (up to %ld s)...\n", c->cfg.id,
                    s->phase == RSTORE_PAUSED ? "resume" : "start", wait_seconds);
            fflush(out);
            said = s->phase;
        }
        nap(POLL_SECONDS);
    }
}

/* ---- submitting -------------------------------------------------------------------------- */

static const char *ordinal(int n, char *buf, size_t len)
{
    const char *suf = (n % 100 >= 11 && n % 100 <= 13) ? "th" : n % 10 == 1 ? "st" : n % 10 == 2 ? "nd" : n % 10 == 3 ? "rd" : "th";
    snprintf(buf, len, "%d%s", n, suf);
    return buf;
}

/* Submit record as the player; note gets a sentence for the screen. */
static int submit(ws_ctx *c, const pw_opts *o, const char *record, char *note, size_t n, FILE *out, FILE *err)
{
    bw_err e;
    rstore_session s;
    if (rstore_session_get(c->st, c->cfg.id, &s, &e) != BW_OK) {
        snprintf(note, n, "Not submitted: %s", e.msg);
        fprintf(err, "bulwark play: not submitted: %s\n", e.msg);
        return APP_FAILED;
    }
    const char *why = closed(c, &s, (int64_t)time(NULL));
    if (why) {
        snprintf(note, n, "Not submitted: %s.", why);
        fprintf(err, "bulwark play: not submitted: %s\n", why);
        return APP_FAILED;
    }
    store_result_meta meta;
    memset(&meta, 0, sizeof meta);
    meta.player = o->name;
    meta.team = o->team;
    meta.workshop = c->cfg.id;
    int64_t id = 0;
    if (rstore_result_add(c->st, record, &meta, &id, &e) != BW_OK) {
        snprintf(note, n, "Not submitted: %s", e.msg);
        fprintf(err, "bulwark play: not submitted: %s\n", e.msg);
        return APP_FAILED;
    }
    fprintf(out, "submitted as result %lld to %s\n", (long long)id, rstore_describe(c->st));
    room rm;
    char a[16], b[16];
    if (ws_room(c, false, &rm, &e) == BW_OK) {
        for (int i = 0; i < rm.player_count; i++)
            if (strcmp(rm.players[i].name, o->name) == 0) {
                int team_rank = 0;
                for (int t = 0; t < rm.team_count; t++)
                    if (strcmp(rm.teams[t].name, o->team) == 0)
                        team_rank = rm.teams[t].rank;
                fprintf(out, "rank: %s of %d player%s; team %s: %s of %d team%s\n",
                        ordinal(rm.players[i].rank, a, sizeof a), rm.player_count, rm.player_count == 1 ? "" : "s",
                        o->team, ordinal(team_rank, b, sizeof b), rm.team_count, rm.team_count == 1 ? "" : "s");
                snprintf(note, n, "Submitted as result %lld: you are %s of %d in the room.", (long long)id,
                         ordinal(rm.players[i].rank, a, sizeof a), rm.player_count);
            }
        room_free(&rm);
    } else {
        snprintf(note, n, "Submitted as result %lld.", (long long)id);
        fprintf(err, "bulwark play: the rank is not known: %s\n", e.msg);
    }
    return APP_OK;
}

/* The record with who submitted it (record_with_who): what --json writes
 * and the store keeps are the same bytes. NULL when out of memory. */
static char *with_who(const ws_ctx *c, const pw_opts *o, const char *record)
{
    record_who who;
    memset(&who, 0, sizeof who);
    snprintf(who.player, sizeof who.player, "%s", o->name);
    snprintf(who.team, sizeof who.team, "%s", o->team);
    snprintf(who.workshop, sizeof who.workshop, "%s", c->cfg.id);
    bw_err e;
    return record_with_who(record, &who, &e);
}

static int write_json(const pw_opts *o, const char *record, FILE *err)
{
    bw_err e;
    if (o->json && record_write_file(o->json, record, &e) != BW_OK) {
        fprintf(err, "bulwark play: %s\n", e.msg);
        return APP_FAILED;
    }
    return APP_OK;
}

/* ---- headless ------------------------------------------------------------------------------ */

/* Every second or so of play, look at the session: hold while paused,
 * stop when it ended. BW_OK to go on; an exit code to stop. */
static int honour_session(ws_ctx *c, time_t *last, FILE *out, FILE *err)
{
    time_t now = time(NULL);
    if (now - *last < POLL_SECONDS)
        return APP_OK;
    *last = now;
    rstore_session s;
    bw_err e;
    bool said = false;
    for (;;) {
        if (rstore_session_get(c->st, c->cfg.id, &s, &e) != BW_OK) {
            fprintf(err, "bulwark play: %s\n", e.msg);
            return APP_FAILED;
        }
        const char *why = closed(c, &s, (int64_t)time(NULL));
        if (why) {
            fprintf(err, "bulwark play: %s: this game is not submitted\n", why);
            return APP_FAILED;
        }
        if (s.phase != RSTORE_PAUSED)
            return APP_OK;
        if (!said) {
            fprintf(out, "paused by the facilitator: the game waits\n");
            fflush(out);
            said = true;
        }
        nap(POLL_SECONDS);
        *last = time(NULL);
    }
}

static int play_headless(ws_ctx *c, const pw_opts *o, const char *scenario, const char *bot, FILE *out,
                         FILE *err)
{
    script_options so;
    memset(&so, 0, sizeof so);
    so.seed_given = c->cfg.seed_given;
    so.seed = c->cfg.seed;
    script_diags d;
    script_diags_init(&d);
    bw_err e;
    script_scenario *s = script_scenario_load(scenario, &so, &d, &e);
    script_diags_print(&d, err);
    script_diags_free(&d);
    if (!s)
        return APP_FAILED;
    script_bot *b = script_bot_load(bot, script_scenario_seed(s), &e);
    if (!b) {
        fprintf(err, "bulwark play: bot: %s\n", e.msg);
        script_scenario_destroy(s);
        return APP_FAILED;
    }
    fprintf(out, "%s — %s (seed %llu, player %s)\n", script_scenario_title(s), script_scenario_id(s),
            (unsigned long long)script_scenario_seed(s), o->player ? o->player : "sensible");
    int rc = APP_OK, taken = 0, refused = 0;
    time_t last = time(NULL);
    while (rc == APP_OK && !sim_world_over(script_scenario_cworld(s))) {
        if (script_bot_play(b, s, &taken, &refused, &e) < 0 || script_scenario_step(s, &e) < 0) {
            fprintf(err, "bulwark play: %s\n", e.msg);
            rc = APP_FAILED;
        } else if (sim_world_tick(script_scenario_cworld(s)) % 16 == 0)
            rc = honour_session(c, &last, out, err);
    }
    const char *debrief = "";
    if (rc == APP_OK && script_scenario_debrief(s, &debrief, &e) < 0) {
        fprintf(err, "bulwark play: %s\n", e.msg);
        rc = APP_FAILED;
    }
    if (rc == APP_OK) {
        const sim_world *w = script_scenario_cworld(s);
        fprintf(out, "game over: %s after %d days, %d star%s, world hash %016llx\n",
                sim_world_outcome(w) == SIM_OUTCOME_WON ? "won" : "lost",
                (sim_world_tick(w) + SIM_TICKS_PER_DAY - 1) / SIM_TICKS_PER_DAY, sim_world_stars(w),
                sim_world_stars(w) == 1 ? "" : "s", (unsigned long long)sim_world_hash(w));
        char *plain = record_json(s, debrief);
        char *record = plain ? with_who(c, o, plain) : NULL;
        free(plain);
        char note[300];
        if (!record) {
            fprintf(err, "bulwark play: out of memory\n");
            rc = APP_INTERNAL;
        } else if ((rc = write_json(o, record, err)) == APP_OK)
            rc = submit(c, o, record, note, sizeof note, out, err);
        free(record);
    }
    script_bot_destroy(b);
    script_scenario_destroy(s);
    return rc;
}

/* ---- in the window ------------------------------------------------------------------------ */

typedef struct window_room {
    ws_ctx *c;
    const pw_opts *o;
    FILE *out, *err;
    int submitted; /* exit code of the submission, -1 before */
    char scenario_id[SIM_ID_MAX]; /* what the workshop plays: another game in the window is not its */
    uint64_t scenario_hash, seed;
} window_room;

static void room_poll(void *ud, ui_room_state *st)
{
    window_room *wr = ud;
    rstore_session s;
    bw_err e;
    memset(st, 0, sizeof *st);
    if (rstore_session_get(wr->c->st, wr->c->cfg.id, &s, &e) != BW_OK) {
        st->phase = UI_ROOM_WAITING;
        snprintf(st->detail, sizeof st->detail, "The workshop's store does not answer: %.200s", e.msg);
        return;
    }
    int64_t now = (int64_t)time(NULL);
    char left[32];
    ws_clock(ws_seconds_left(&wr->c->cfg, &s, now), left, sizeof left);
    st->phase = closed(wr->c, &s, now) ? UI_ROOM_ENDED
                : s.phase == RSTORE_RUNNING ? UI_ROOM_RUNNING
                : s.phase == RSTORE_PAUSED  ? UI_ROOM_PAUSED
                                            : UI_ROOM_WAITING;
    snprintf(st->headline, sizeof st->headline, "%s · %s · team %s · %s left", wr->c->cfg.title, wr->o->name,
             wr->o->team, left);
    snprintf(st->announcement, sizeof st->announcement, "%s", s.announcement);
    if (st->phase == UI_ROOM_WAITING) {
        rstore_player *p = NULL;
        int n = 0;
        if (rstore_players_list(wr->c->st, wr->c->cfg.id, &p, &n, &e) == BW_OK)
            snprintf(st->detail, sizeof st->detail, "%d player%s in the lobby. Read the briefing meanwhile.", n,
                     n == 1 ? "" : "s");
        free(p);
    } else if (st->phase == UI_ROOM_ENDED)
        snprintf(st->detail, sizeof st->detail, "%s: no more results are taken.",
                 s.phase == RSTORE_ENDED ? "The facilitator ended the workshop" : "The time is up");
}

static void room_submit(void *ud, const char *record, char *note, size_t n)
{
    window_room *wr = ud;
    record_summary sum;
    bw_err e;
    if (record_summary_parse(record, "the record", &sum, &e) != BW_OK || strcmp(sum.scenario_id, wr->scenario_id) != 0 ||
        sum.scenario_hash != wr->scenario_hash || sum.seed != wr->seed) {
        snprintf(note, n, "Not the workshop's game (%s with its seed): not submitted.", wr->scenario_id);
        return;
    }
    if (wr->submitted >= 0) {
        snprintf(note, n, "This workshop takes one game a window: this one is not submitted.");
        return;
    }
    char *mine = with_who(wr->c, wr->o, record);
    if (!mine) {
        snprintf(note, n, "Not submitted: out of memory.");
        wr->submitted = APP_INTERNAL;
        return;
    }
    wr->submitted = write_json(wr->o, mine, wr->err);
    if (wr->submitted == APP_OK)
        wr->submitted = submit(wr->c, wr->o, mine, note, n, wr->out, wr->err);
    free(mine);
}

/* ---- the command ---------------------------------------------------------------------------- */

static bool exists(const char *p)
{
    struct stat st;
    return stat(p, &st) == 0;
}

int app_play_workshop(int argc, char **argv, FILE *out, FILE *err)
{
    pw_opts o;
    memset(&o, 0, sizeof o);
    int rc = parse(argc, argv, &o, out, err);
    if (rc != APP_OK)
        return rc < 0 ? APP_OK : rc;
    char botpath[1024];
    const char *bot = NULL;
    if (o.player) {
        bot = app_resolve(o.player, "bots", botpath, sizeof botpath);
        if (!exists(bot)) {
            app_hint_shipped(o.player, "bots", err);
            return APP_FAILED;
        }
    }
    ws_ctx *c = NULL;
    if ((rc = ws_open("bulwark play", o.config, RSTORE_PLAYER, &c, err)) != APP_OK)
        return rc;
    const workshop_config *cf = &c->cfg;
    if (workshop_find_team(cf, o.team) < 0) {
        const char *near = workshop_closest_team(cf, o.team);
        fprintf(err, "bulwark play: '%s' is not a team of workshop %s; its teams are:", o.team, cf->id);
        for (int i = 0; i < cf->team_count; i++)
            fprintf(err, "%s %s", i ? "," : "", cf->teams[i]);
        if (near)
            fprintf(err, " (did you mean '%s'?)", near);
        fputc('\n', err);
        ws_close(c);
        return APP_FAILED;
    }
    int k = o.scenario ? workshop_find_scenario(cf, o.scenario) : 0;
    if (k < 0) {
        const char *names[WORKSHOP_MAX_SCENARIOS + 1];
        fprintf(err, "bulwark play: '%s' is not a scenario of workshop %s; it has:", o.scenario, cf->id);
        for (int i = 0; i < cf->scenario_count; i++) {
            names[i] = cf->scenarios[i].name;
            fprintf(err, "%s %s", i ? "," : "", names[i]);
        }
        names[cf->scenario_count] = NULL;
        const char *near = bw_closest(o.scenario, names);
        if (near)
            fprintf(err, " (did you mean '%s'?)", near);
        fputc('\n', err);
        ws_close(c);
        return APP_FAILED;
    }
    bw_err e;
    if (o.json && record_check_writable(o.json, &e) < 0) {
        fprintf(err, "bulwark play: %s\n", e.msg);
        ws_close(c);
        return APP_FAILED;
    }
    rstore_session s;
    if (rstore_session_get(c->st, cf->id, &s, &e) != BW_OK) {
        fprintf(err, "bulwark play: %s\n", e.msg);
        ws_close(c);
        return APP_FAILED;
    }
    const char *why = closed(c, &s, (int64_t)time(NULL));
    if (why) {
        fprintf(err, "bulwark play: %s: no more games are taken\n", why);
        ws_close(c);
        return APP_FAILED;
    }
    /* The room knows a player by name: a second person of the same name in
     * another team would have their games added to the first's. */
    rstore_player *joined = NULL;
    int njoined = 0;
    if (rstore_players_list(c->st, cf->id, &joined, &njoined, &e) != BW_OK) {
        fprintf(err, "bulwark play: cannot read the lobby: %s\n", e.msg);
        ws_close(c);
        return APP_FAILED;
    }
    for (int i = 0; i < njoined; i++)
        if (strcmp(joined[i].name, o.name) == 0 && strcmp(joined[i].team, o.team) != 0) {
            char other[STORE_NAME_MAX], me[STORE_NAME_MAX], team[STORE_NAME_MAX];
            snprintf(other, sizeof other, "%s", joined[i].team);
            snprintf(me, sizeof me, "%s", o.name);
            snprintf(team, sizeof team, "%s", o.team);
            bw_text_clean(other);
            bw_text_clean(me);
            bw_text_clean(team);
            fprintf(err,
                    "bulwark play: %s: the name '%s' already plays in team %s: if that is you, join team %s; "
                    "otherwise pick another name (say '%.30s-%.20s')\n",
                    cf->id, me, other, other, me, team);
            free(joined);
            ws_close(c);
            return APP_FAILED;
        }
    free(joined);
    if (rstore_join(c->st, cf->id, o.name, o.team, &e) != BW_OK) {
        fprintf(err, "bulwark play: cannot join the lobby: %s\n", e.msg);
        ws_close(c);
        return APP_FAILED;
    }
    fprintf(out, "%s: %s joined team %s (%s)\n", cf->id, o.name, o.team, rstore_describe(c->st));
    const char *scenario = cf->scenarios[k].path;
    if (!o.player) {
        /* The window: it waits, pauses and submits through the room hooks. */
        window_room wr = { c, &o, out, err, -1, "", 0, 0 };
        script_options so;
        memset(&so, 0, sizeof so);
        so.seed_given = cf->seed_given;
        so.seed = cf->seed;
        script_scenario *sc = script_scenario_load(scenario, &so, NULL, &e);
        if (sc) {
            snprintf(wr.scenario_id, sizeof wr.scenario_id, "%s", script_scenario_id(sc));
            wr.scenario_hash = script_scenario_hash(sc);
            wr.seed = script_scenario_seed(sc);
            script_scenario_destroy(sc);
        }
        /* (a scenario that does not load shows the game's error screen) */
        ui_app_room hooks = { room_poll, room_submit, &wr };
        ui_app_options uo;
        memset(&uo, 0, sizeof uo);
        uo.scenario = scenario;
        uo.seed_given = cf->seed_given;
        uo.seed = cf->seed;
        uo.frames = o.frames;
        uo.screenshot = o.screenshot;
        uo.input = o.input;
        uo.speed = -1;
        uo.startup_fd = -1;
        uo.no_store = true; /* a workshop's game goes to the workshop's store only */
        uo.software = o.software;
        uo.room = &hooks;
        uo.out = out;
        uo.err = err;
        ui_app_result res;
        rc = ui_app_run(&uo, &res);
        if (rc != UI_APP_NO_DISPLAY) {
            ws_close(c);
            if (rc == APP_OK && wr.submitted > 0)
                rc = wr.submitted;
            return rc;
        }
        if (o.frames > 0 || o.screenshot || o.input) {
            fprintf(err, "bulwark play: no display, and --frames/--screenshot/--input need a window: run "
                         "it under xvfb-run -a\n");
            ws_close(c);
            return APP_FAILED;
        }
        fprintf(out, "no display: the sensible bot plays for %s\n", o.name);
        bot = app_resolve("sensible", "bots", botpath, sizeof botpath);
    }
    rc = wait_running(c, o.wait_seconds, &s, out, err);
    if (rc == APP_OK)
        rc = play_headless(c, &o, scenario, bot, out, err);
    ws_close(c);
    return rc;
}
