/* session.c — one scenario played by a person: the clock, the player's
 * actions, new log entries for toasts, the end of the game.
 *
 * Plain C, no SDL. The world changes only through script_scenario_step
 * and script_scenario_act — exactly what `bulwark run` does with a bot or
 * a replay — so a game played by hand leaves the same action log a bot
 * would, and that log replays headless to the same world hash. This file
 * must never call sim_action_start or any other sim_* mutator directly. */
#include "bulwark/ui_play.h"

#include <math.h>
#include <stdlib.h>

/* At most this many ticks in one update: a long frame (a stall, a window
 * drag) must not make the game leap a day ahead of the player. Real time
 * beyond it is dropped, not owed. */
#define MAX_TICKS_PER_UPDATE 16
#define MAX_SPEED 240

struct ui_session {
    script_scenario *s;
    int speed;        /* ticks per real second, 0 = paused */
    int resume_speed; /* what Space returns to */
    double acc;       /* fraction of a tick owed, 0 <= acc < 1 after an update */
    int log_seen;     /* sim_log entries already handed out */
    bool failed;
    bw_err failure;
};

ui_session *ui_session_create(script_scenario *s, bw_err *err)
{
    if (!s) {
        bw_err_set(err, BW_EINVAL, "no scenario to play");
        return NULL;
    }
    ui_session *ss = calloc(1, sizeof *ss);
    if (!ss) {
        script_scenario_destroy(s);
        bw_err_set(err, BW_ENOMEM, "out of memory starting the game");
        return NULL;
    }
    ss->s = s;
    ss->speed = 0; /* a game starts paused: the player reads the map first */
    ss->resume_speed = 1;
    return ss;
}

void ui_session_destroy(ui_session *ss)
{
    if (!ss)
        return;
    script_scenario_destroy(ss->s);
    free(ss);
}

script_scenario *ui_session_scenario(ui_session *ss) { return ss ? ss->s : NULL; }

void ui_session_replace(ui_session *ss, script_scenario *s)
{
    if (!ss || !s)
        return;
    script_scenario_destroy(ss->s);
    ss->s = s;
    ss->acc = 0;
    /* The replay's log is the past the player already saw: no toasts. */
    ss->log_seen = sim_log_count(script_scenario_cworld(s));
    ss->failed = false;
}

void ui_session_set_speed(ui_session *ss, int ticks_per_second)
{
    if (!ss)
        return;
    int v = ticks_per_second < 0 ? 0 : ticks_per_second > MAX_SPEED ? MAX_SPEED : ticks_per_second;
    if (v == 0)
        ss->acc = 0; /* a pause forgets the fraction: resuming starts a fresh tick */
    else
        ss->resume_speed = v;
    ss->speed = v;
}

int ui_session_speed(const ui_session *ss) { return ss ? ss->speed : 0; }

void ui_session_toggle_pause(ui_session *ss)
{
    if (ss)
        ui_session_set_speed(ss, ss->speed ? 0 : ss->resume_speed);
}

int ui_session_update(ui_session *ss, double dt, bw_err *err)
{
    if (!ss)
        return bw_err_set(err, BW_EINVAL, "no game session");
    if (ss->failed)
        return bw_err_set(err, ss->failure.code, "%s", ss->failure.msg);
    if (ui_session_over(ss) || ss->speed == 0 || !(dt > 0) || !isfinite(dt))
        return 0;
    /* Clamp before multiplying: a huge dt must not overflow the owed count. */
    double owed = ss->acc + (dt > 60 ? 60 : dt) * ss->speed;
    int n = (int)floor(owed);
    if (n > MAX_TICKS_PER_UPDATE) {
        n = MAX_TICKS_PER_UPDATE;
        owed = n; /* drop the excess */
    }
    ss->acc = owed - n;
    int ran = 0;
    while (ran < n && !sim_world_over(script_scenario_cworld(ss->s))) {
        bw_err e;
        int rc = script_scenario_step(ss->s, &e);
        if (rc < 0 && rc != BW_EOVER) {
            ss->failed = true;
            ss->failure = e;
            ss->failure.code = rc;
            ss->speed = 0;
            return bw_err_set(err, rc, "%s", e.msg);
        }
        ran++;
    }
    if (ui_session_over(ss))
        ss->acc = 0;
    return ran;
}

bool ui_session_act(ui_session *ss, const sim_action_req *req, bw_err *err)
{
    if (!ss || !req) {
        bw_err_set(err, BW_EINVAL, "no game session");
        return false;
    }
    if (ss->failed) {
        bw_err_set(err, BW_EOVER, "the game stopped: %s", ss->failure.msg);
        return false;
    }
    if (sim_world_over(script_scenario_cworld(ss->s))) {
        bw_err_set(err, BW_EOVER, "the game is over");
        return false;
    }
    bw_err e;
    int rc = script_scenario_act(ss->s, req, &e);
    if (rc >= 0)
        return true;
    if (rc == BW_ESCRIPT || rc == BW_ELIMIT) {
        /* The scenario's on_action hook failed: the game cannot go on. */
        ss->failed = true;
        ss->failure = e;
        ss->failure.code = rc;
        ss->speed = 0;
    }
    bw_err_set(err, rc, "%s", e.msg);
    return false;
}

bool ui_session_over(const ui_session *ss)
{
    return !ss || ss->failed || sim_world_over(script_scenario_cworld(ss->s));
}

const char *ui_session_failure(const ui_session *ss)
{
    return ss && ss->failed ? ss->failure.msg : NULL;
}

int ui_session_take_new_log(ui_session *ss, int *first, int *count)
{
    int total = ss ? sim_log_count(script_scenario_cworld(ss->s)) : 0;
    int from = ss ? ss->log_seen : 0;
    int n = total > from ? total - from : 0;
    if (first)
        *first = from;
    if (count)
        *count = n;
    if (ss)
        ss->log_seen = total;
    return n;
}
