/* action.c — what the defender can do: the checks that refuse an action
 * with a reason, its price taken at the start, and its effect after its
 * duration (RULES.md "Time", DESIGN.md "Actions").
 *
 * The UI, bots and replays all come through sim_action_start, so a game
 * played by hand is the same action log a bot produces. A refused action
 * changes nothing: every check runs before anything is written. */
#include "internal.h"

#include <stdio.h>
#include <string.h>

static bool has_patchable(const sim_world *w, int n)
{
    for (int v = w->nodes[n].first_vuln; v >= 0; v = VEC_AT(w->vulns, vuln, v)->next_on_node) {
        const vuln *vu = VEC_AT(w->vulns, vuln, v);
        if (vu->exists && vu->known_def && vu->fix_available && !vu->patched)
            return true;
    }
    return false;
}

static bool has_known_breach(const sim_world *w)
{
    for (int b = 0; b < w->breaches.len; b++) {
        const breach *br = VEC_AT(w->breaches, breach, b);
        if (br->detected_at >= 0 && !br->notified)
            return true;
    }
    return false;
}

/* The part of check_node that depends on what a node is, not on the
 * game: shared with sim_action_fits (the scenario lints). */
static const char *kind_refuses(sim_action_kind k, sim_node_kind kind, sim_zone zone)
{
    if (zone == SIM_ZONE_PARTNER)
        return "partner";
    switch (k) {
    case SIM_ACT_CODE_REVIEW:
    case SIM_ACT_SAST:
    case SIM_ACT_PIN_DEPS:
        return sim_node_kind_produces_code(kind) ? NULL : "code";
    case SIM_ACT_SIGN_BUILDS:
        return kind == SIM_NODE_CI || kind == SIM_NODE_REPO || kind == SIM_NODE_LIBRARY ? NULL
                                                                                          : "builds";
    case SIM_ACT_WAF:
    case SIM_ACT_DDOS_PROTECTION:
        return zone == SIM_ZONE_INTERNET || zone == SIM_ZONE_DMZ ? NULL : "exposed";
    default:
        return NULL;
    }
}

bool sim_action_fits(sim_action_kind k, const sim_node_def *n)
{
    if (!n || (int)k < 0 || k >= SIM_ACTION_KIND_COUNT ||
        sim_action_target_type(k) != SIM_TARGET_NODE)
        return false;
    return kind_refuses(k, n->kind, n->zone) == NULL;
}

/* Does this node accept this action at all? */
static int check_node(const sim_world *w, sim_action_kind k, int n, bw_err *err)
{
    const node *nd = &w->nodes[n];
    const char *name = sim_action_name(k);
    const char *why = kind_refuses(k, nd->kind, nd->zone);
    if (why && strcmp(why, "partner") == 0)
        return bw_err_set(err, BW_EREFUSED, "%s belongs to a partner: you cannot %s it",
                          nd->label, name);
    unsigned ctl = action_control(k);
    if (ctl && (nd->controls & ctl))
        return bw_err_set(err, BW_EREFUSED, "%s already has %s", nd->label,
                          k == SIM_ACT_ISOLATE ? "been isolated" : sim_control_name(ctl));
    if (k != SIM_ACT_RECONNECT && k != SIM_ACT_RESTORE && !node_online(w, n))
        return bw_err_set(err, BW_EOFFLINE, "%s is offline (isolated): reconnect it first",
                          nd->label);
    switch (k) {
    case SIM_ACT_CODE_REVIEW:
    case SIM_ACT_SAST:
    case SIM_ACT_PIN_DEPS:
        if (why)
            return bw_err_set(err, BW_EREFUSED, "%s does not produce code, so %s does not apply",
                              nd->label, name);
        break;
    case SIM_ACT_SIGN_BUILDS:
        if (why)
            return bw_err_set(err, BW_EREFUSED,
                              "%s builds nothing: sign builds on a CI, repository or library node",
                              nd->label);
        break;
    case SIM_ACT_WAF:
    case SIM_ACT_DDOS_PROTECTION:
        if (why)
            return bw_err_set(err, BW_EREFUSED, "%s is not internet-facing", nd->label);
        break;
    case SIM_ACT_PATCH:
        if (!has_patchable(w, n))
            return bw_err_set(err, BW_EREFUSED,
                              "nothing to patch on %s: no known vulnerability with a fix",
                              nd->label);
        break;
    case SIM_ACT_RECONNECT:
        if (node_online(w, n))
            return bw_err_set(err, BW_EREFUSED, "%s is not isolated", nd->label);
        break;
    default:
        break;
    }
    return BW_OK;
}

static int check_actor_target(const sim_world *w, sim_action_kind k, int ai, bw_err *err)
{
    const actor *a = &w->actors[ai];
    if (!a->indicators_known)
        return bw_err_set(err, BW_EREFUSED, "you know nothing of %s yet: detect it first",
                          a->label);
    if (k == SIM_ACT_SHARE_INDICATOR && a->indicators_shared)
        return bw_err_set(err, BW_EREFUSED, "%s's indicators are already shared", a->label);
    return BW_OK;
}

static int check_target(const sim_world *w, const sim_action_req *r, bw_err *err)
{
    const char *name = sim_action_name(r->kind);
    switch (sim_action_target_type(r->kind)) {
    case SIM_TARGET_NODE:
        if (r->target < 0 || r->target >= w->node_count)
            return bw_err_set(err, BW_ENOTFOUND, "%s: no node %d", name, r->target);
        return check_node(w, r->kind, r->target, err);
    case SIM_TARGET_AREA:
        if (r->target < 0 || r->target >= SIM_AREA_COUNT)
            return bw_err_set(err, BW_ENOTFOUND, "%s: no practice area %d (PO, PS, PW, RV)",
                              name, r->target);
        return BW_OK;
    case SIM_TARGET_ACTOR:
        if (r->target < 0 || r->target >= w->actor_count)
            return bw_err_set(err, BW_ENOTFOUND, "%s: no threat actor %d", name, r->target);
        return check_actor_target(w, r->kind, r->target, err);
    case SIM_TARGET_REPORT:
        if (r->target < 0 || r->target >= w->reports.len)
            return bw_err_set(err, BW_ENOTFOUND, "%s: no report %d", name, r->target);
        if (VEC_AT(w->reports, report, r->target)->state != SIM_REPORT_OPEN)
            return bw_err_set(err, BW_EREFUSED, "report '%s' is not open",
                              VEC_AT(w->reports, report, r->target)->id);
        return BW_OK;
    case SIM_TARGET_CHOICE: {
        if (r->target < 0 || r->target >= w->choices.len)
            return bw_err_set(err, BW_ENOTFOUND, "no decision %d", r->target);
        const choice *c = VEC_AT(w->choices, choice, r->target);
        if (c->answer >= 0)
            return bw_err_set(err, BW_EREFUSED, "decision %d was already answered", r->target);
        if (r->arg < 0 || r->arg >= c->option_count)
            return bw_err_set(err, BW_EINVAL, "decision %d has no option %d", r->target, r->arg);
        return BW_OK;
    }
    case SIM_TARGET_NONE:
    default:
        if (r->kind == SIM_ACT_JOIN_SHARING && w->def.in_sharing_group)
            return bw_err_set(err, BW_EREFUSED, "you are already in the sharing group");
        if (r->kind == SIM_ACT_SECURITY_TXT && w->def.security_txt)
            return bw_err_set(err, BW_EREFUSED, "security.txt is already published");
        if (r->kind == SIM_ACT_NOTIFY && !has_known_breach(w))
            return bw_err_set(err, BW_EREFUSED, "there is no known breach to notify");
        return BW_OK;
    }
}

static bool same_running(const sim_world *w, const sim_action_req *r)
{
    for (int i = 0; i < w->running.len; i++) {
        const running *x = VEC_AT(w->running, running, i);
        if (x->req.kind == r->kind && x->req.target == r->target)
            return true;
    }
    return false;
}

sim_action_cost sim_action_cost_of(const sim_world *w, sim_action_kind k)
{
    sim_action_cost none = { 0, 0, 0 };
    return (int)k < 0 || k >= SIM_ACTION_KIND_COUNT ? none : w->costs[k];
}

bool sim_action_offered(const sim_world *w, sim_action_kind k)
{
    return (int)k >= 0 && k < SIM_ACTION_KIND_COUNT && (w->actions_offered & (1u << k));
}

int sim_action_check(const sim_world *w, const sim_action_req *r, bw_err *err)
{
    bw_err_clear(err);
    if (!w || !r)
        return bw_err_set(err, BW_EINVAL, "no world or no action");
    if (w->over)
        return bw_err_set(err, BW_EOVER, "the game is over");
    if ((int)r->kind < 0 || r->kind >= SIM_ACTION_KIND_COUNT)
        return bw_err_set(err, BW_EINVAL, "unknown action %d", (int)r->kind);
    if (!sim_action_offered(w, r->kind))
        return bw_err_set(err, BW_EREFUSED, "'%s' is not offered in this scenario",
                          sim_action_name(r->kind));
    int rc = check_target(w, r, err);
    if (rc < 0)
        return rc;
    if (same_running(w, r))
        return bw_err_set(err, BW_EBUSY, "%s is already running there", sim_action_name(r->kind));
    sim_action_cost c = w->costs[r->kind];
    if (c.money > w->def.budget)
        return bw_err_set(err, BW_EBUDGET, "%s costs %d but the budget is %d",
                          sim_action_name(r->kind), c.money, w->def.budget);
    if (c.staff_hours > w->def.staff_hours)
        return bw_err_set(err, BW_ESTAFF, "%s needs %d staff hours but %d are left today",
                          sim_action_name(r->kind), c.staff_hours, w->def.staff_hours);
    return BW_OK;
}

/* ---- effects --------------------------------------------------------------- */

static void adopt(sim_world *w, sim_action_kind k)
{
    if (w->def.practices & (1u << k))
        return;
    w->def.practices |= 1u << k;
    w->def.practices_adopted++;
    capability_gain(w, action_area(k), 30); /* adopting a practice teaches a little */
}

static void patch_node(sim_world *w, int n)
{
    int fixed = 0;
    for (int v = w->nodes[n].first_vuln; v >= 0; v = VEC_AT(w->vulns, vuln, v)->next_on_node) {
        vuln *vu = VEC_AT(w->vulns, vuln, v);
        if (vu->exists && vu->known_def && vu->fix_available && !vu->patched) {
            vu->patched = true;
            fixed++;
        }
    }
    log_add(w, SIM_LOG_ACTION_DONE, true, n, -1, -1, "Patched %d vulnerabilit%s on %s", fixed,
            fixed == 1 ? "y" : "ies", w->nodes[n].label);
}

/* Threat modelling finds design flaws; scanning finds the rest, including
 * what the node inherits from its dependencies. */
static void reveal_on(sim_world *w, int n, bool design)
{
    const node *nd = &w->nodes[n];
    for (int k = -1; k < (design ? 0 : nd->dep_count); k++) {
        int src = k < 0 ? n : w->deps[nd->dep_first + k];
        for (int v = w->nodes[src].first_vuln; v >= 0; v = VEC_AT(w->vulns, vuln, v)->next_on_node) {
            const vuln *vu = VEC_AT(w->vulns, vuln, v);
            if (vu->exists && !vu->known_def && !vu->patched && vu->design_flaw == design)
                sim_vuln_reveal(w, v, NULL);
        }
    }
}

static void evict_where(sim_world *w, int n, bool credentials_only)
{
    for (int i = 0; i < w->intrusions.len; i++) {
        const intrusion *in = VEC_AT(w->intrusions, intrusion, i);
        if (!in->active || in->node != n)
            continue;
        bool cred = in->via == SIM_T1078 || in->via == SIM_T1110 || in->via == SIM_T1133 ||
                    in->via == SIM_T1566;
        if (!credentials_only || cred)
            intrusion_evict(w, i);
    }
}

static void restore(sim_world *w, int n)
{
    node *nd = &w->nodes[n];
    evict_where(w, n, false);
    nd->encrypted = false;
    nd->degraded_until = 0;
    node_refresh(w, n);
    log_add(w, SIM_LOG_ACTION_DONE, true, n, -1, -1, "%s rebuilt and restored%s", nd->label,
            nd->data_lost ? " (the stolen data stays stolen)" : "");
}

static void hack_back(sim_world *w, int ai)
{
    actor *a = &w->actors[ai];
    /* The Accord's second commitment: the score and the story both say no. */
    bool bystander = world_below(w, 2, "hack back: bystander", ai, -1) == 0; /* attackers work from hijacked hosts */
    sim_offense_record(w, 30, bystander, "You hacked back", NULL);
    if (world_below(w, 10, "hack back: disrupts", ai, -1) < 6) {
        a->disrupted_until = w->tick + 5 * SIM_TICKS_PER_DAY;
        log_add(w, SIM_LOG_OFFENSE, true, -1, ai, -1, "%s's servers go quiet for a while", a->label);
    }
    if (world_below(w, 10, "hack back: retaliation", ai, -1) < 4) {
        a->disrupted_until = w->tick;
        if (a->skill < 5)
            a->skill++;
        a->attempts_per_day = a->attempts_per_day * 2 > 24 ? 24 : a->attempts_per_day * 2;
        log_add(w, SIM_LOG_OFFENSE, true, -1, ai, -1,
                "%s retaliates: more skilled, twice as persistent", a->label);
    }
}

static void report_authorities(sim_world *w, int ai)
{
    actor *a = &w->actors[ai];
    w->collab_bonus += 5;
    if (world_below(w, 2, "authorities: takedown", ai, -1) == 0) {
        a->disrupted_until = w->tick + 7 * SIM_TICKS_PER_DAY;
        log_add(w, SIM_LOG_ACTION_DONE, true, -1, ai, -1,
                "Law enforcement took down %s's infrastructure", a->label);
    } else {
        log_add(w, SIM_LOG_ACTION_DONE, true, -1, ai, -1,
                "The authorities opened a case on %s", a->label);
    }
}

static void share_indicator(sim_world *w, int ai)
{
    actor *a = &w->actors[ai];
    a->indicators_shared = true;
    w->tally.indicators_shared++;
    for (int n = 0; n < w->node_count; n++)
        if (w->nodes[n].zone == SIM_ZONE_PARTNER && !(w->nodes[n].partner_warned & (1ull << ai))) {
            w->nodes[n].partner_warned |= 1ull << ai;
            w->tally.partners_protected++;
        }
    log_add(w, SIM_LOG_INDICATOR, true, -1, ai, -1, "You shared %s's indicators with partners",
            a->label);
}

static void handle_report(sim_world *w, int r)
{
    report *rp = VEC_AT(w->reports, report, r);
    if (rp->state != SIM_REPORT_OPEN)
        return; /* the deadline passed while we worked */
    vuln *vu = VEC_AT(w->vulns, vuln, rp->vuln);
    vu->fix_available = vu->patched = vu->known_def = vu->is_public = true;
    rp->state = SIM_REPORT_COORDINATED;
    w->tally.reports_coordinated++;
    log_add(w, SIM_LOG_DISCLOSURE, true, vu->node, -1, rp->vuln,
            "Fixed %s and published an advisory crediting %s", vu->id, rp->reporter);
}

static void notify(sim_world *w)
{
    for (int b = 0; b < w->breaches.len; b++) {
        breach *br = VEC_AT(w->breaches, breach, b);
        if (br->detected_at >= 0 && !br->notified) {
            br->notified = true;
            w->tally.breaches_notified++;
        }
    }
    log_add(w, SIM_LOG_ACTION_DONE, true, -1, -1, -1, "Customers were told what happened");
}

static void apply_node(sim_world *w, sim_action_kind k, int n)
{
    unsigned ctl = action_control(k);
    if (ctl) {
        w->nodes[n].controls |= ctl;
        if (k != SIM_ACT_ISOLATE)
            adopt(w, k);
        node_refresh(w, n);
        return;
    }
    switch (k) {
    case SIM_ACT_PATCH: patch_node(w, n); break;
    case SIM_ACT_THREAT_MODEL: adopt(w, k); reveal_on(w, n, true); break;
    case SIM_ACT_SCAN: adopt(w, k); reveal_on(w, n, false); break;
    case SIM_ACT_RECONNECT: w->nodes[n].controls &= ~(unsigned)SIM_CTL_ISOLATED; node_refresh(w, n); break;
    case SIM_ACT_RESTORE: restore(w, n); break;
    case SIM_ACT_ROTATE_CREDENTIALS:
        evict_where(w, n, true);
        w->nodes[n].leaked_credentials = false;
        break;
    default: break;
    }
}

static void apply(sim_world *w, const sim_action_req *r)
{
    if (sim_action_target_type(r->kind) == SIM_TARGET_NODE) {
        apply_node(w, r->kind, r->target);
        return;
    }
    switch (r->kind) {
    case SIM_ACT_TRAIN:
        capability_gain(w, (sim_area)r->target, 150); /* RULES: +0.15, diminishing */
        w->def.practices |= 1u << SIM_ACT_TRAIN;
        break;
    case SIM_ACT_JOIN_SHARING: w->def.in_sharing_group = true; break;
    case SIM_ACT_SECURITY_TXT: {
        w->def.security_txt = true;
        /* Researchers no longer spend days hunting for a contact. */
        for (int i = 0; i < w->reports.len; i++) {
            report *rp = VEC_AT(w->reports, report, i);
            if (rp->state == SIM_REPORT_PENDING)
                rp->arrives_at = rp->at > w->tick ? rp->at : w->tick + 1;
        }
        break;
    }
    case SIM_ACT_SHARE_INDICATOR: share_indicator(w, r->target); break;
    case SIM_ACT_HANDLE_REPORT: handle_report(w, r->target); break;
    case SIM_ACT_NOTIFY: notify(w); break;
    case SIM_ACT_REPORT_AUTHORITIES: report_authorities(w, r->target); break;
    case SIM_ACT_HACK_BACK: hack_back(w, r->target); break;
    case SIM_ACT_CHOOSE: choice_answer(w, r->target, r->arg); break;
    default: break;
    }
}

static void finish(sim_world *w, const running *x)
{
    if (sim_action_target_type(x->req.kind) == SIM_TARGET_NODE)
        w->nodes[x->req.target].busy--;
    apply(w, &x->req);
    if (w->hooks.on_action)
        w->hooks.on_action(w->hooks.ud, w, x->req.kind, x->req.target, x->req.arg);
}

int sim_action_start(sim_world *w, const sim_action_req *r, bw_err *err)
{
    int rc = sim_action_check(w, r, err);
    if (rc < 0)
        return rc;
    sim_action_cost c = w->costs[r->kind];
    /* A rebuild from an offline backup takes hours, without one days. */
    if (r->kind == SIM_ACT_RESTORE && (w->nodes[r->target].controls & SIM_CTL_BACKUP))
        c.duration = c.duration / 8 > 0 ? c.duration / 8 : 1;
    running x = { w->next_action_id, *r, w->tick, w->tick + c.duration };
    if (c.duration > 0) {
        bool was_oom = w->oom; /* a hook's call must not hide the step's failure */
        running *slot = vec_push(w, &w->running, sizeof *slot);
        if (!slot) {
            w->oom = was_oom;
            return bw_err_set(err, BW_ENOMEM, "out of memory starting %s", sim_action_name(r->kind));
        }
        *slot = x;
        if (sim_action_target_type(r->kind) == SIM_TARGET_NODE)
            w->nodes[r->target].busy++;
    }
    w->next_action_id++;
    w->def.budget -= c.money;
    w->def.staff_hours -= c.staff_hours;
    if (r->kind != SIM_ACT_CHOOSE)
        log_add(w, SIM_LOG_ACTION_STARTED, true,
                sim_action_target_type(r->kind) == SIM_TARGET_NODE ? r->target : -1, -1, -1,
                "Started: %s%s%s (%d h)", sim_action_title(r->kind),
                sim_action_target_type(r->kind) == SIM_TARGET_NODE   ? " on "
                : sim_action_target_type(r->kind) == SIM_TARGET_AREA ? " in "
                                                                     : "",
                sim_action_target_type(r->kind) == SIM_TARGET_NODE ? w->nodes[r->target].label
                : sim_action_target_type(r->kind) == SIM_TARGET_AREA
                    ? sim_area_name((sim_area)r->target)
                    : "",
                c.duration);
    if (c.duration == 0) {
        if (sim_action_target_type(r->kind) == SIM_TARGET_NODE)
            w->nodes[r->target].busy++;
        finish(w, &x);
    }
    return x.id;
}

void action_complete_due(sim_world *w)
{
    /* In id order; an action finishing may start nothing new (hooks may,
     * and those land at the end of the list with a later done_at). */
    int i = 0;
    while (i < w->running.len) {
        running x = *VEC_AT(w->running, running, i);
        if (x.done_at > w->tick) {
            i++;
            continue;
        }
        running *arr = w->running.data;
        for (int j = i + 1; j < w->running.len; j++)
            arr[j - 1] = arr[j];
        w->running.len--;
        finish(w, &x);
    }
}

int sim_running_count(const sim_world *w) { return w ? w->running.len : 0; }

int sim_running_get(const sim_world *w, int i, sim_running_action *out)
{
    if (!w || i < 0 || i >= w->running.len || !out)
        return BW_ENOTFOUND;
    const running *x = VEC_AT(w->running, running, i);
    out->id = x->id;
    out->req = x->req;
    out->started = x->started;
    out->done_at = x->done_at;
    return BW_OK;
}
