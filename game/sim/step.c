/* step.c — one tick of the world, in a fixed order (RULES.md
 * "Determinism"), and the scheduled event queue.
 *
 * Order within a tick: the clock advances; a new day refills staff,
 * pays income and grows weaknesses; running actions finish; reports
 * arrive or go public; unanswered choices fall to their default; the
 * scenario's events run; attackers act; defenders detect; breaches age;
 * customers are counted; the scenario's on_tick runs. */
#include "internal.h"

#include <string.h>

/* Joining the sharing group costs a membership fee every day. */
#define SHARING_FEE_PER_DAY 1

static void day_start(sim_world *w)
{
    defender *d = &w->def;
    d->staff_hours = d->staff * SIM_STAFF_HOURS_PER_PERSON;
    d->budget += d->income_per_day;
    if (d->in_sharing_group)
        d->budget -= d->budget < SHARING_FEE_PER_DAY ? d->budget : SHARING_FEE_PER_DAY;
    weakness_day(w);
}

static void vulns_appear(sim_world *w)
{
    for (int v = 0; v < w->vulns.len; v++) {
        vuln *vu = VEC_AT(w->vulns, vuln, v);
        if (!vu->exists && vu->appears_at <= w->tick) {
            vu->exists = true;
            log_add(w, SIM_LOG_VULN_NEW, vu->known_def, vu->node, -1, v,
                    "A new vulnerability appeared in %s: %s", w->nodes[vu->node].label, vu->id);
        }
    }
}

static void events_due(sim_world *w)
{
    /* The queue is sorted by (at, seq); run from the front. A hook may
     * schedule more (even for this tick): they sort in and run too. */
    while (w->events.len > 0) {
        event e = *VEC_AT(w->events, event, 0);
        if (e.at > w->tick)
            break;
        memmove(w->events.data, VEC_AT(w->events, event, 1),
                (size_t)(w->events.len - 1) * sizeof(event));
        w->events.len--;
        if (w->hooks.on_event)
            w->hooks.on_event(w->hooks.ud, w, e.cookie);
    }
}

int sim_event_schedule(sim_world *w, int at, uint32_t cookie, bw_err *err)
{
    if (!w)
        return bw_err_set(err, BW_EINVAL, "no world");
    if (at < w->tick || at > w->days * SIM_TICKS_PER_DAY)
        return bw_err_set(err, BW_EINVAL, "event at tick %d is outside the game (now %d, end %d)",
                          at, w->tick, w->days * SIM_TICKS_PER_DAY);
    bool was_oom = w->oom; /* reported here; the step keeps its own */
    if (!vec_push(w, &w->events, sizeof(event))) {
        w->oom = was_oom;
        return bw_err_set(err, BW_ENOMEM, "out of memory scheduling an event");
    }
    event *arr = w->events.data;
    int i = w->events.len - 1;
    while (i > 0 && arr[i - 1].at > at) {
        arr[i] = arr[i - 1];
        i--;
    }
    arr[i].at = at;
    arr[i].seq = w->next_event_seq++;
    arr[i].cookie = cookie;
    return BW_OK;
}

int sim_event_pending(const sim_world *w) { return w ? w->events.len : 0; }

static void finish_game(sim_world *w)
{
    w->over = true;
    if (w->tick % SIM_TICKS_PER_DAY != 0 || w->history.len <= w->tick / SIM_TICKS_PER_DAY)
        score_day(w);
}

int sim_world_step(sim_world *w, bw_err *err)
{
    if (!w)
        return bw_err_set(err, BW_EINVAL, "no world");
    if (w->over)
        return bw_err_set(err, BW_EOVER, "the game is over");
    w->oom = false;
    w->tick++;
    w->draw_total = 0; /* the debug ring shows this tick's draws */
    if (w->tick % SIM_TICKS_PER_DAY == 0)
        day_start(w);
    vulns_appear(w);
    action_complete_due(w);
    reports_tick(w);
    choices_tick(w);
    events_due(w);
    if (!w->over) { /* a scripted event may have ended the game */
        attack_tick(w);
        detect_tick(w);
        breaches_tick(w);
        score_tick(w);
        if (w->hooks.on_tick)
            w->hooks.on_tick(w->hooks.ud, w);
    }
    if (w->tick % SIM_TICKS_PER_DAY == 0 && !w->over)
        score_day(w);
    if (w->tick >= w->days * SIM_TICKS_PER_DAY && !w->over)
        finish_game(w);
    if (w->oom) {
        w->oom = false;
        return bw_err_set(err, BW_ENOMEM, "out of memory at tick %d", w->tick);
    }
    return BW_OK;
}

int sim_world_run(sim_world *w, int n, bw_err *err)
{
    if (w && w->over)
        return bw_err_set(err, BW_EOVER, "the game is over");
    for (int i = 0; i < n && w && !w->over; i++) {
        int rc = sim_world_step(w, err);
        if (rc < 0)
            return rc;
    }
    return BW_OK;
}

int sim_world_end(sim_world *w, bool won, const char *why, bw_err *err)
{
    if (!w)
        return bw_err_set(err, BW_EINVAL, "no world");
    if (w->over)
        return bw_err_set(err, BW_EOVER, "the game is already over");
    w->ended_early = true;
    w->ended_won = won;
    log_add(w, SIM_LOG_MESSAGE, true, -1, -1, -1, "%s", why ? why : (won ? "You won" : "You lost"));
    finish_game(w);
    return BW_OK;
}

bool sim_world_over(const sim_world *w) { return w->over; }
int sim_world_tick(const sim_world *w) { return w->tick; }
int sim_world_days(const sim_world *w) { return w->days; }
uint64_t sim_world_seed(const sim_world *w) { return w->seed; }
sim_rng *sim_world_rng(sim_world *w) { return &w->rng; }
