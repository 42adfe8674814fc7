/* query.c — read access to the world (const), and the primitives a
 * scenario uses to tell its story (zero-days, fixes, footholds, budget).
 * Every getter checks its index; every primitive refuses bad input with a
 * reason and changes nothing then. */
#include "internal.h"

#include <string.h>

int sim_node_count(const sim_world *w) { return w ? w->node_count : 0; }

int sim_node_find(const sim_world *w, const char *id)
{
    if (!w || !id)
        return BW_ENOTFOUND;
    int lo = 0, hi = w->node_count; /* binary search: scripts look nodes up every tick */
    while (lo < hi) {
        int mid = lo + (hi - lo) / 2;
        int c = strcmp(w->nodes[w->node_by_id[mid]].id, id);
        if (c == 0)
            return w->node_by_id[mid];
        if (c < 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    return BW_ENOTFOUND;
}

int sim_node_get(const sim_world *w, int i, sim_node_info *out)
{
    if (!w || !out || i < 0 || i >= w->node_count)
        return BW_ENOTFOUND;
    const node *n = &w->nodes[i];
    out->id = n->id;
    out->label = n->label;
    out->kind = n->kind;
    out->zone = n->zone;
    out->value = n->value;
    out->users = n->users;
    out->x = n->x;
    out->y = n->y;
    out->controls = n->controls;
    out->state = n->state;
    out->has_data = n->has_data;
    out->data_lost = n->data_lost;
    out->leaked_credentials = n->leaked_credentials;
    out->intrusions = n->intrusions;
    return BW_OK;
}

int sim_node_view_get(const sim_world *w, int i, sim_node_view *out)
{
    if (!w || !out || i < 0 || i >= w->node_count)
        return BW_ENOTFOUND;
    const node *n = &w->nodes[i];
    out->state = n->state;
    /* The fog of war: an undetected foothold looks healthy. */
    if (n->state == SIM_STATE_COMPROMISED && n->detected == 0)
        out->state = n->degraded_until > w->tick ? SIM_STATE_DEGRADED : SIM_STATE_HEALTHY;
    out->detected_intrusions = n->detected;
    out->known_vulns = 0;
    for (int v = n->first_vuln; v >= 0; v = VEC_AT(w->vulns, vuln, v)->next_on_node) {
        const vuln *vu = VEC_AT(w->vulns, vuln, v);
        out->known_vulns += vu->exists && vu->known_def && !vu->patched;
    }
    out->busy = n->busy > 0;
    return BW_OK;
}

int sim_link_count(const sim_world *w) { return w ? w->link_count : 0; }

int sim_link_get(const sim_world *w, int i, sim_link_info *out)
{
    if (!w || !out || i < 0 || i >= w->link_count)
        return BW_ENOTFOUND;
    out->from = w->links[i].from;
    out->to = w->links[i].to;
    out->kind = w->links[i].kind;
    out->open = node_online(w, out->from) && node_online(w, out->to);
    return BW_OK;
}

/* ---- vulnerabilities ------------------------------------------------------ */

int sim_vuln_count(const sim_world *w) { return w ? w->vulns.len : 0; }

int sim_vuln_find(const sim_world *w, const char *id)
{
    if (!w || !id)
        return BW_ENOTFOUND;
    for (int i = 0; i < w->vulns.len; i++)
        if (strcmp(VEC_AT(w->vulns, vuln, i)->id, id) == 0)
            return i;
    return BW_ENOTFOUND;
}

int sim_vuln_get(const sim_world *w, int i, sim_vuln_info *out)
{
    if (!w || !out || i < 0 || i >= w->vulns.len)
        return BW_ENOTFOUND;
    const vuln *v = VEC_AT(w->vulns, vuln, i);
    out->id = v->id;
    out->node = v->node;
    out->cwe = v->cwe;
    out->severity_tenths = v->severity;
    out->exploitability_permille = v->exploitability;
    out->fix_available = v->fix_available;
    out->patched = v->patched;
    out->exists = v->exists;
    out->known_to_defender = v->known_def;
    out->known_to_attackers = v->known_att;
    out->is_public = v->is_public;
    out->design_flaw = v->design_flaw;
    out->found_at = v->found_at;
    return BW_OK;
}

int sim_vuln_add(sim_world *w, const sim_vuln_def *d, bw_err *err)
{
    if (!w || !d)
        return bw_err_set(err, BW_EINVAL, "no vulnerability");
    if (!d->id || !d->id[0] || strlen(d->id) >= SIM_ID_MAX)
        return bw_err_set(err, BW_EINVAL, "a vulnerability needs an id of 1..%d characters",
                          SIM_ID_MAX - 1);
    if (sim_vuln_find(w, d->id) >= 0)
        return bw_err_set(err, BW_EINVAL, "duplicate vulnerability id '%s'", d->id);
    int n = sim_node_find(w, d->node);
    if (n < 0)
        return bw_err_set(err, BW_ENOTFOUND, "vulnerability '%s': unknown node '%s'", d->id,
                          d->node ? d->node : "(none)");
    if (d->cwe <= 0 || d->cwe > 100000 || d->severity_tenths < 0 || d->severity_tenths > 100 ||
        d->exploitability_permille < 0 || d->exploitability_permille > 1000)
        return bw_err_set(err, BW_EINVAL,
                          "vulnerability '%s': CWE must be > 0, severity 0..10, exploitability 0..1000",
                          d->id);
    sim_vuln_def copy = *d;
    if (copy.appears_at < w->tick)
        copy.appears_at = w->tick;
    bool was_oom = w->oom; /* reported here; the step keeps its own */
    int v = vuln_create(w, &copy, n);
    w->weak_ids_taken |= v >= 0 && strncmp(d->id, "weak-", 5) == 0; /* see new_weakness */
    if (v < 0) {
        w->oom = was_oom;
        return bw_err_set(err, BW_ENOMEM, "out of memory adding vulnerability '%s'", d->id);
    }
    return v;
}

int sim_vuln_release_fix(sim_world *w, int i, bw_err *err)
{
    if (!w || i < 0 || i >= w->vulns.len)
        return bw_err_set(err, BW_ENOTFOUND, "no vulnerability %d", i);
    vuln *v = VEC_AT(w->vulns, vuln, i);
    if (!v->fix_available) {
        v->fix_available = true;
        log_add(w, SIM_LOG_MESSAGE, v->known_def, v->node, -1, i, "A fix for %s is available", v->id);
    }
    return BW_OK;
}

int sim_vuln_make_public(sim_world *w, int i, bw_err *err)
{
    if (!w || i < 0 || i >= w->vulns.len)
        return bw_err_set(err, BW_ENOTFOUND, "no vulnerability %d", i);
    vuln *v = VEC_AT(w->vulns, vuln, i);
    v->is_public = v->known_att = true;
    if (!v->known_def)
        sim_vuln_reveal(w, i, NULL);
    return BW_OK;
}

int sim_vuln_reveal(sim_world *w, int i, bw_err *err)
{
    if (!w || i < 0 || i >= w->vulns.len)
        return bw_err_set(err, BW_ENOTFOUND, "no vulnerability %d", i);
    vuln *v = VEC_AT(w->vulns, vuln, i);
    if (v->known_def)
        return BW_OK;
    v->known_def = true;
    v->found_at = w->tick;
    log_add(w, SIM_LOG_VULN_FOUND, true, v->node, -1, i, "Found %s on %s: CWE-%d, severity %d.%d%s",
            v->id, w->nodes[v->node].label, v->cwe, v->severity / 10, v->severity % 10,
            v->fix_available ? "" : " (no fix yet)");
    return BW_OK;
}

/* ---- actors and intrusions ----------------------------------------------- */

int sim_actor_count(const sim_world *w) { return w ? w->actor_count : 0; }

int sim_actor_find(const sim_world *w, const char *id)
{
    if (!w || !id)
        return BW_ENOTFOUND;
    for (int i = 0; i < w->actor_count; i++)
        if (strcmp(w->actors[i].id, id) == 0)
            return i;
    return BW_ENOTFOUND;
}

int sim_actor_get(const sim_world *w, int i, sim_actor_info *out)
{
    if (!w || !out || i < 0 || i >= w->actor_count)
        return BW_ENOTFOUND;
    const actor *a = &w->actors[i];
    out->id = a->id;
    out->label = a->label;
    out->motive = a->motive;
    out->skill = a->skill;
    out->techniques = a->techniques;
    out->active_from = a->active_from;
    out->disrupted_until = a->disrupted_until;
    out->indicators_known = a->indicators_known;
    out->indicators_shared = a->indicators_shared;
    out->detected = a->detected;
    return BW_OK;
}

int sim_actor_set_active(sim_world *w, int i, int from_tick, bw_err *err)
{
    if (!w || i < 0 || i >= w->actor_count)
        return bw_err_set(err, BW_ENOTFOUND, "no threat actor %d", i);
    if (from_tick < 0)
        return bw_err_set(err, BW_EINVAL, "active_from %d is negative", from_tick);
    w->actors[i].active_from = from_tick;
    return BW_OK;
}

int sim_intrusion_count(const sim_world *w) { return w ? w->intrusions.len : 0; }

int sim_intrusion_get(const sim_world *w, int i, sim_intrusion_info *out)
{
    if (!w || !out || i < 0 || i >= w->intrusions.len)
        return BW_ENOTFOUND;
    const intrusion *in = VEC_AT(w->intrusions, intrusion, i);
    out->actor = in->actor;
    out->node = in->node;
    out->stage = in->stage;
    out->via = in->via;
    out->started = in->started;
    out->dwell = in->dwell;
    out->detected = in->detected;
    out->active = in->active;
    out->detected_at = in->detected_at;
    return BW_OK;
}

int sim_intrusion_plant(sim_world *w, int ai, int n, sim_technique via, bw_err *err)
{
    if (!w || ai < 0 || ai >= w->actor_count)
        return bw_err_set(err, BW_ENOTFOUND, "no threat actor %d", ai);
    if (n < 0 || n >= w->node_count)
        return bw_err_set(err, BW_ENOTFOUND, "no node %d", n);
    if ((int)via < 0 || via >= SIM_TECHNIQUE_COUNT)
        return bw_err_set(err, BW_EINVAL, "unknown technique %d", (int)via);
    bool was_oom = w->oom; /* reported here; the step keeps its own */
    int rc = intrusion_start(w, ai, n, via);
    if (rc == BW_EBUSY)
        return bw_err_set(err, BW_EBUSY, "%s already holds %s", w->actors[ai].label,
                          w->nodes[n].label);
    if (rc < 0) {
        w->oom = was_oom;
        return bw_err_set(err, BW_ENOMEM, "out of memory planting an intrusion");
    }
    return rc;
}

/* ---- defender ------------------------------------------------------------------- */

int sim_defender_get(const sim_world *w, sim_defender_info *out)
{
    if (!w || !out)
        return BW_EINVAL;
    const defender *d = &w->def;
    out->budget = d->budget;
    out->income_per_day = d->income_per_day;
    out->staff = d->staff;
    out->staff_hours = d->staff_hours;
    memcpy(out->capability_permille, d->cap, sizeof d->cap);
    memcpy(out->capability_start_permille, d->cap_start, sizeof d->cap_start);
    out->practices_adopted = d->practices_adopted;
    out->in_sharing_group = d->in_sharing_group;
    out->security_txt = d->security_txt;
    return BW_OK;
}

int sim_defender_add_budget(sim_world *w, int delta, bw_err *err)
{
    if (!w)
        return bw_err_set(err, BW_EINVAL, "no world");
    if (delta < -1000000 || delta > 1000000)
        return bw_err_set(err, BW_EINVAL, "budget change %d is outside -1000000..1000000", delta);
    if ((int64_t)w->def.budget + delta < 0)
        return bw_err_set(err, BW_EBUDGET, "the budget is %d: it cannot fall by %d", w->def.budget,
                          -delta);
    if ((int64_t)w->def.budget + delta > 1000000000)
        return bw_err_set(err, BW_EINVAL, "the budget would exceed 1000000000");
    w->def.budget += delta;
    return BW_OK;
}

int sim_defender_add_staff(sim_world *w, int delta, bw_err *err)
{
    if (!w)
        return bw_err_set(err, BW_EINVAL, "no world");
    if (w->def.staff + (int64_t)delta < 0 || w->def.staff + (int64_t)delta > 1000)
        return bw_err_set(err, BW_EINVAL, "staff would be %lld, outside 0..1000",
                          (long long)w->def.staff + delta);
    w->def.staff += delta;
    return BW_OK;
}

/* ---- reports, log ----------------------------------------------------------- */

int sim_report_count(const sim_world *w) { return w ? w->reports.len : 0; }

int sim_report_find(const sim_world *w, const char *id)
{
    if (!w || !id)
        return BW_ENOTFOUND;
    for (int i = 0; i < w->reports.len; i++)
        if (strcmp(VEC_AT(w->reports, report, i)->id, id) == 0)
            return i;
    return BW_ENOTFOUND;
}

int sim_report_get(const sim_world *w, int i, sim_report_info *out)
{
    if (!w || !out || i < 0 || i >= w->reports.len)
        return BW_ENOTFOUND;
    const report *r = VEC_AT(w->reports, report, i);
    out->id = r->id;
    out->reporter = r->reporter;
    out->vuln = r->vuln;
    out->arrives_at = r->arrives_at;
    out->deadline = r->deadline;
    out->state = r->state;
    return BW_OK;
}

int sim_log_count(const sim_world *w) { return w ? w->log.len : 0; }

int sim_log_get(const sim_world *w, int i, sim_log_entry *out)
{
    if (!w || !out || i < 0 || i >= w->log.len)
        return BW_ENOTFOUND;
    const log_entry *e = VEC_AT(w->log, log_entry, i);
    out->tick = e->tick;
    out->kind = e->kind;
    out->node = e->node;
    out->actor = e->actor;
    out->vuln = e->vuln;
    out->visible = e->visible;
    out->text = text_at(w, e->text);
    return BW_OK;
}

int sim_message(sim_world *w, const char *text, int node_i, bw_err *err)
{
    if (!w || !text)
        return bw_err_set(err, BW_EINVAL, "no message");
    if (node_i < -1 || node_i >= w->node_count)
        return bw_err_set(err, BW_ENOTFOUND, "no node %d", node_i);
    int before = w->log.len;
    bool was_oom = w->oom; /* reported here; the step keeps its own */
    log_add(w, SIM_LOG_MESSAGE, true, node_i, -1, -1, "%s", text);
    if (w->log.len == before) {
        w->oom = was_oom;
        return bw_err_set(err, BW_ENOMEM, "out of memory adding a message");
    }
    return BW_OK;
}

/* ---- the author's debug view: events and the draws of the last tick -------- */

int sim_event_get(const sim_world *w, int i, int *at, uint32_t *cookie)
{
    if (!w || i < 0 || i >= w->events.len)
        return BW_ENOTFOUND;
    const event *e = VEC_AT(w->events, event, i);
    if (at)
        *at = e->at;
    if (cookie)
        *cookie = e->cookie;
    return BW_OK;
}

static void draw_record(sim_world *w, const char *what, int actor, int node, int technique,
                        uint32_t bound, uint32_t value, uint32_t chance, bool hit)
{
    sim_draw *d = &w->draws[w->draw_total % SIM_DRAW_RING];
    w->draw_total++;
    d->tick = w->tick;
    d->what = what;
    d->actor = actor;
    d->node = node;
    d->technique = technique;
    d->bound = bound;
    d->value = value;
    d->chance_ppm = chance;
    d->hit = hit;
}

bool world_chance(sim_world *w, uint32_t ppm, const char *what, int actor, int node, int technique)
{
    /* Exactly sim_rng_chance's use of the stream: no draw for a sure or
     * an impossible outcome. */
    if (ppm == 0)
        return false;
    if (ppm >= 1000000u)
        return true;
    uint32_t v = sim_rng_below(&w->rng, 1000000u);
    draw_record(w, what, actor, node, technique, 1000000u, v, ppm, v < ppm);
    return v < ppm;
}

uint32_t world_below(sim_world *w, uint32_t bound, const char *what, int actor, int node)
{
    uint32_t v = sim_rng_below(&w->rng, bound);
    if (bound)
        draw_record(w, what, actor, node, -1, bound, v, 0, false);
    return v;
}

void sim_draw_note(sim_world *w, const char *what, uint32_t bound, uint32_t value)
{
    if (w)
        draw_record(w, what ? what : "script", -1, -1, -1, bound, value, 0, false);
}

int sim_draw_count(const sim_world *w) { return w ? w->draw_total : 0; }

int sim_draw_get(const sim_world *w, int i, sim_draw *out)
{
    int kept = w ? (w->draw_total < SIM_DRAW_RING ? w->draw_total : SIM_DRAW_RING) : 0;
    if (!out || i < 0 || i >= kept)
        return BW_ENOTFOUND;
    *out = w->draws[(w->draw_total - kept + i) % SIM_DRAW_RING];
    return BW_OK;
}
