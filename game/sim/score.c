/* score.c — the four pillars (one per Accord commitment), the scenario's
 * objectives, win or lose, and stars (RULES.md "The score").
 *
 * The pillars are computed from tallies kept in the world, never stored
 * as running floats, so a score is always what the tallies say. */
#include "internal.h"

#include <string.h>

static int clamp100(int64_t v)
{
    return v < 0 ? 0 : v > 100 ? 100 : (int)v;
}

/* Customers served safely this hour: a compromised node serves, but not
 * safely; a degraded one serves half; encrypted or isolated, none. */
static int64_t safe_users(const node *n)
{
    switch (n->state) {
    case SIM_STATE_HEALTHY: return n->users;
    case SIM_STATE_DEGRADED: return n->users / 2;
    default: return 0;
    }
}

void score_tick(sim_world *w)
{
    for (int i = 0; i < w->node_count; i++) {
        node *n = &w->nodes[i];
        if (n->zone == SIM_ZONE_PARTNER || n->users == 0)
            continue;
        if (n->state == SIM_STATE_DEGRADED && n->degraded_until <= w->tick)
            node_refresh(w, i);
        w->tally.customer_hours_possible += n->users;
        w->tally.customer_hours_safe += safe_users(n);
    }
}

void score_day(sim_world *w)
{
    sim_score *s = vec_push(w, &w->history, sizeof *s);
    if (s)
        sim_world_score(w, s);
}

static int protection(const sim_world *w)
{
    const sim_tally *t = &w->tally;
    /* Ratios in double: 100 × customer-hours overflows 64 bits for a
     * (hostile) world of a billion users a node. IEEE division is the
     * same on every machine, and the score never reaches the hash. */
    int64_t served = t->customer_hours_possible
                         ? (int64_t)(100.0 * (double)t->customer_hours_safe /
                                     (double)t->customer_hours_possible)
                         : 100;
    /* Data lost is lost for good: up to half the pillar. */
    int64_t lost = t->data_total ? (int64_t)(50.0 * (double)t->data_lost / (double)t->data_total)
                                 : (t->data_lost ? 50 : 0);
    return clamp100(served - lost + t->protection_adjust);
}

static int responsibility(const sim_world *w)
{
    const sim_tally *t = &w->tally;
    return clamp100(100 - w->resp_penalty - 10 * t->bystanders_harmed - 10 * t->deadlines_missed -
                    15 * t->breaches_concealed + t->responsibility_adjust);
}

static int capacity(const sim_world *w)
{
    /* Capability gained counts more than capability held: a team that
     * starts weak and learns scores as well as one that started strong. */
    int held = 0, gained = 0;
    for (int a = 0; a < SIM_AREA_COUNT; a++) {
        held += w->def.cap[a];
        gained += w->def.cap[a] - w->def.cap_start[a];
    }
    int practices = w->def.practices_adopted > 8 ? 8 : w->def.practices_adopted;
    return clamp100(held / 80 + gained / 20 + 5 * practices + w->tally.capacity_adjust);
}

static int collaboration(const sim_world *w)
{
    const sim_tally *t = &w->tally;
    int shared = t->indicators_shared > 3 ? 3 : t->indicators_shared;
    return clamp100(40 + 12 * shared + 4 * t->indicators_received + 20 * t->reports_coordinated +
                    (w->def.in_sharing_group ? 10 : 0) + (w->def.security_txt ? 5 : 0) +
                    5 * (t->breaches_notified > 0) + w->collab_bonus - 25 * t->deadlines_missed +
                    t->collaboration_adjust);
}

void sim_world_score(const sim_world *w, sim_score *out)
{
    out->pillar[SIM_PILLAR_PROTECTION] = protection(w);
    out->pillar[SIM_PILLAR_RESPONSIBILITY] = responsibility(w);
    out->pillar[SIM_PILLAR_CAPACITY] = capacity(w);
    out->pillar[SIM_PILLAR_COLLABORATION] = collaboration(w);
}

int sim_score_history(const sim_world *w, int day, sim_score *out)
{
    if (!w || !out || day < 0 || day >= w->history.len)
        return BW_ENOTFOUND;
    *out = *VEC_AT(w->history, sim_score, day);
    return BW_OK;
}

int sim_score_adjust(sim_world *w, sim_pillar p, int delta, const char *why, bw_err *err)
{
    if (!w || (int)p < 0 || p >= SIM_PILLAR_COUNT)
        return bw_err_set(err, BW_EINVAL, "unknown pillar %d", (int)p);
    if (delta < -100 || delta > 100)
        return bw_err_set(err, BW_EINVAL, "a score adjustment must be within -100..100, not %d", delta);
    int *slot = p == SIM_PILLAR_PROTECTION       ? &w->tally.protection_adjust
              : p == SIM_PILLAR_RESPONSIBILITY ? &w->tally.responsibility_adjust
              : p == SIM_PILLAR_CAPACITY       ? &w->tally.capacity_adjust
                                               : &w->tally.collaboration_adjust;
    *slot += delta;
    log_add(w, SIM_LOG_SCORE, true, -1, -1, -1, "%s %+d: %s", sim_pillar_name(p), delta,
            why ? why : "");
    return BW_OK;
}

void sim_world_tally(const sim_world *w, sim_tally *out)
{
    *out = w->tally;
}

/* ---- objectives ---------------------------------------------------------------- */

int objective_met(const sim_world *w, const objective *o)
{
    switch (o->kind) {
    case SIM_OBJ_PILLAR_MIN: {
        sim_score s;
        sim_world_score(w, &s);
        return s.pillar[o->target] >= o->value;
    }
    case SIM_OBJ_NODE_NEVER_LOST: return !w->nodes[o->target].ever_lost;
    case SIM_OBJ_NO_DATA_LOST: return w->tally.data_lost == 0;
    case SIM_OBJ_REPORTS_COORDINATED:
        for (int i = 0; i < w->reports.len; i++) {
            sim_report_state s = VEC_AT(w->reports, report, i)->state;
            if (s == SIM_REPORT_PUBLIC || (w->over && s != SIM_REPORT_COORDINATED &&
                                           s != SIM_REPORT_PENDING))
                return 0;
        }
        return 1;
    case SIM_OBJ_MAX_COMPROMISED: return w->tally.nodes_compromised <= o->value;
    case SIM_OBJ_SCRIPT: return o->script_met;
    default: return 0;
    }
}

int sim_objective_count(const sim_world *w) { return w ? w->objectives.len : 0; }

int sim_objective_get(const sim_world *w, int i, sim_objective_info *out)
{
    if (!w || !out || i < 0 || i >= w->objectives.len)
        return BW_ENOTFOUND;
    const objective *o = VEC_AT(w->objectives, objective, i);
    out->id = o->id;
    out->text = text_at(w, o->text);
    out->kind = o->kind;
    out->target = o->target;
    out->value = o->value;
    out->optional = o->optional;
    out->met = objective_met(w, o);
    return BW_OK;
}

int sim_objective_set(sim_world *w, int i, bool met, bw_err *err)
{
    if (!w || i < 0 || i >= w->objectives.len)
        return bw_err_set(err, BW_ENOTFOUND, "no objective %d", i);
    objective *o = VEC_AT(w->objectives, objective, i);
    if (o->kind != SIM_OBJ_SCRIPT)
        return bw_err_set(err, BW_EREFUSED,
                          "objective '%s' is decided by the engine, not by the script", o->id);
    o->script_met = met;
    return BW_OK;
}

sim_outcome sim_world_outcome(const sim_world *w)
{
    if (!w->over)
        return SIM_OUTCOME_RUNNING;
    if (w->ended_early)
        return w->ended_won ? SIM_OUTCOME_WON : SIM_OUTCOME_LOST;
    for (int i = 0; i < w->objectives.len; i++) {
        const objective *o = VEC_AT(w->objectives, objective, i);
        if (!o->optional && !objective_met(w, o))
            return SIM_OUTCOME_LOST;
    }
    return SIM_OUTCOME_WON;
}

int sim_world_stars(const sim_world *w)
{
    if (sim_world_outcome(w) != SIM_OUTCOME_WON)
        return 0;
    sim_score s;
    sim_world_score(w, &s);
    int sum = 0, min = 100;
    for (int p = 0; p < SIM_PILLAR_COUNT; p++) {
        sum += s.pillar[p];
        if (s.pillar[p] < min)
            min = s.pillar[p];
    }
    /* A quiet game with nothing done scores 100 + 100 + low + 40: a
     * win, one star. Stars reward capacity and collaboration too. */
    if (sum >= 4 * 75 && min >= 50)
        return 3;
    return sum >= 4 * 65 ? 2 : 1;
}
