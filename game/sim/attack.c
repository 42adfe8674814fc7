/* attack.c — threat actors, intrusions along the kill chain, detection,
 * and the slow stream of new weaknesses (RULES.md "The attack model",
 * "Weaknesses appear", "Detection and the fog of war").
 *
 * Every chance is an integer in ppm; every loop that draws runs in id
 * order (actors, intrusions, nodes, vulnerabilities) so that the world's
 * one stream is consumed the same way on every machine. */
#include "internal.h"

#include <stdio.h>
#include <string.h>

#define PPM 1000000u

static uint32_t scale(uint32_t p, int permille)
{
    if (permille <= 0)
        return 0;
    uint64_t r = (uint64_t)p * (uint64_t)permille / 1000u;
    return r > PPM ? PPM : (uint32_t)r;
}

/* Π(1 − m): each control that a technique meets removes its share. */
static uint32_t mitigate(uint32_t p, const node *n, unsigned control, int m_permille)
{
    return (n->controls & control) ? scale(p, 1000 - m_permille) : p;
}

static bool is_ours(const node *n)
{
    return n->zone != SIM_ZONE_PARTNER;
}

/* The most exploitable unpatched vulnerability this actor can use on n,
 * counting what n inherits through dependency links (Log4Shell), as an
 * exploitability in per-mille with public ones weighted ×3 (a published
 * exploit is in every kit). */
static int best_exploit(const sim_world *w, const actor *a, int n)
{
    int best = 0;
    const node *nd = &w->nodes[n];
    for (int k = -1; k < nd->dep_count; k++) {
        int src = k < 0 ? n : w->deps[nd->dep_first + k];
        for (int v = w->nodes[src].first_vuln; v >= 0;) {
            const vuln *vu = VEC_AT(w->vulns, vuln, v);
            if (vu->exists && !vu->patched) {
                int e = vu->exploitability;
                if (vu->is_public)
                    e *= 3;
                else if (!vu->known_att)
                    e = a->skill >= 4 ? e / 4 : 0; /* only the best find their own */
                if (e > best)
                    best = e;
            }
            v = vu->next_on_node;
        }
    }
    return best;
}

/* Technique-specific factors and controls on the target node. */
static uint32_t technique_on_node(const sim_world *w, const actor *a, sim_technique t, int n,
                                  uint32_t p)
{
    const node *nd = &w->nodes[n];
    switch (t) {
    case SIM_T1190:
    case SIM_T1203:
        p = scale(p, best_exploit(w, a, n));
        p = mitigate(p, nd, SIM_CTL_WAF, t == SIM_T1190 ? 500 : 0);
        return mitigate(p, nd, SIM_CTL_EDR, t == SIM_T1203 ? 600 : 0);
    case SIM_T1566:
        p = mitigate(p, nd, SIM_CTL_MFA, 500);
        return mitigate(p, nd, SIM_CTL_EDR, 300);
    case SIM_T1078:
        return nd->leaked_credentials ? mitigate(p, nd, SIM_CTL_MFA, 900) : 0;
    case SIM_T1110:
        /* Default credentials on devices (Mirai, CWE-798) make guessing
         * easy; MFA here also stands for "changed the defaults". */
        if (nd->kind == SIM_NODE_IOT)
            p = scale(p, 4000);
        return mitigate(p, nd, SIM_CTL_MFA, 900);
    case SIM_T1133:
        if (nd->leaked_credentials)
            p = scale(p, 3000);
        return mitigate(p, nd, SIM_CTL_MFA, 900);
    case SIM_T1195:
        p = mitigate(p, nd, SIM_CTL_CODE_REVIEW, 500);
        return mitigate(p, nd, SIM_CTL_SIGNED_BUILDS, 500);
    case SIM_T1498:
        return mitigate(p, nd, SIM_CTL_DDOS_PROTECTION, 900);
    case SIM_T1059:
        return mitigate(p, nd, SIM_CTL_EDR, 600); /* RULES: EDR vs T1059 0.6 */
    case SIM_T1552:
        return mitigate(p, nd, SIM_CTL_EDR, 300);
    case SIM_T1486:
        return mitigate(p, nd, SIM_CTL_EDR, 500);
    case SIM_T1567:
        p = mitigate(p, nd, SIM_CTL_LOGGING, 300);
        return mitigate(p, nd, SIM_CTL_EDR, 300);
    case SIM_T1021:
        return mitigate(p, nd, SIM_CTL_EDR, 400);
    case SIM_T1213:
        return mitigate(p, nd, SIM_CTL_LOGGING, 300);
    default:
        return p;
    }
}

/* The parts of the formula every technique shares: the actor's skill,
 * the defender's capability, and what shared indicators do. */
static uint32_t chance(const sim_world *w, int ai, sim_technique t, int n, uint32_t base)
{
    const actor *a = &w->actors[ai];
    const node *nd = &w->nodes[n];
    uint32_t p = technique_on_node(w, a, t, n, base);
    p = scale(p, 600 + 200 * a->skill); /* RULES: 0.6 + 0.2 × skill */
    if (is_ours(nd)) {
        p = scale(p, 1000 - w->def.cap[technique_rule_of(t)->counter] / 2);
        /* Indicators on the blocklist stop part of an actor's access. */
        if (a->indicators_known && technique_rule_of(t)->access)
            p = scale(p, 600);
    } else if (nd->partner_warned & (1ull << ai)) {
        p = scale(p, 500); /* a partner who got our indicators blocks half */
    }
    return p;
}

uint32_t sim_attack_chance(const sim_world *w, int ai, sim_technique t, int n)
{
    if (!w || ai < 0 || ai >= w->actor_count || n < 0 || n >= w->node_count ||
        (int)t < 0 || t >= SIM_TECHNIQUE_COUNT || !node_online(w, n))
        return 0;
    /* An access technique that does not fit the node cannot apply there
     * (phishing a database, a VPN exploit on a web server). T1498 is both
     * a flood from outside and the impact of a foothold, so it is judged
     * where it is used. */
    if (technique_rule_of(t)->access && t != SIM_T1498 && !access_eligible(&w->nodes[n], t))
        return 0;
    return chance(w, ai, t, n, technique_rule_of(t)->base_ppm);
}

/* Movement along one link, by its kind: network hops meet segmentation,
 * trust links need a valid account (MFA), dependency links carry a
 * tampered build (signing, pinning), data links reach repositories. */
static uint32_t move_chance(const sim_world *w, int ai, const link *l)
{
    const node *src = &w->nodes[l->from], *dst = &w->nodes[l->to];
    if (!node_online(w, l->from) || !node_online(w, l->to))
        return 0;
    switch (l->kind) {
    case SIM_LINK_NETWORK:
        /* Segmentation cuts a network path across a zone boundary
         * outright (RULES proposed 0.95; a wall that leaks 5 % an hour
         * leaks every time over a month, which taught the wrong lesson). */
        if (src->zone != dst->zone && ((src->controls | dst->controls) & SIM_CTL_SEGMENTED))
            return 0;
        return chance(w, ai, SIM_T1021, l->to, technique_rule_of(SIM_T1021)->base_ppm);
    case SIM_LINK_TRUST: {
        uint32_t p = chance(w, ai, SIM_T1021, l->to, technique_rule_of(SIM_T1021)->base_ppm);
        return mitigate(p, dst, SIM_CTL_MFA, 900);
    }
    case SIM_LINK_DEPENDENCY: {
        /* A tampered component reaches its users fast (NotPetya, SUNBURST)
         * unless they pin what they take or the build is signed. */
        uint32_t p = chance(w, ai, SIM_T1195, l->to, 200000);
        p = mitigate(p, dst, SIM_CTL_PINNED_DEPS, 800);
        return mitigate(p, src, SIM_CTL_SIGNED_BUILDS, 900); /* RULES: 0.9 */
    }
    case SIM_LINK_DATA:
        return chance(w, ai, SIM_T1213, l->to, technique_rule_of(SIM_T1213)->base_ppm);
    default:
        return 0;
    }
}

/* ---- intrusions ------------------------------------------------------------ */

int intrusion_start(sim_world *w, int ai, int n, sim_technique via)
{
    node *nd = &w->nodes[n];
    if (nd->held_by & (1ull << ai))
        return BW_EBUSY;
    intrusion *in = vec_push(w, &w->intrusions, sizeof *in);
    if (!in)
        return BW_ENOMEM;
    in->actor = ai;
    in->node = n;
    in->stage = SIM_STAGE_ACCESS;
    in->via = via;
    in->started = w->tick;
    in->detected_at = -1;
    in->active = true;
    nd->intrusions++;
    nd->held_by |= 1ull << ai;
    if (!nd->ever_compromised && is_ours(nd)) {
        nd->ever_compromised = true;
        w->tally.nodes_compromised++;
    }
    node_refresh(w, n);
    int before = w->log.len;
    log_add(w, SIM_LOG_INTRUSION, false, n, ai, -1, "%s got into %s (%s)", w->actors[ai].label,
            nd->label, sim_technique_name(via));
    VEC_AT(w->intrusions, intrusion, w->intrusions.len - 1)->log_index =
        w->log.len > before ? before : -1;
    return w->intrusions.len - 1;
}

void intrusion_detect(sim_world *w, int i)
{
    intrusion *in = VEC_AT(w->intrusions, intrusion, i);
    if (in->detected || !in->active)
        return;
    in->detected = true;
    in->detected_at = w->tick;
    if (in->log_index >= 0)
        VEC_AT(w->log, log_entry, in->log_index)->visible = true;
    node *nd = &w->nodes[in->node];
    nd->detected++;
    actor *a = &w->actors[in->actor];
    a->detected = a->indicators_known = true;
    for (int b = 0; b < w->breaches.len; b++) {
        breach *br = VEC_AT(w->breaches, breach, b);
        if (br->node == in->node && br->detected_at < 0)
            br->detected_at = w->tick;
    }
    log_add(w, SIM_LOG_DETECTED, true, in->node, in->actor, -1,
            "Detected %s on %s: %s, %s stage, %d hours undetected", a->label, nd->label,
            sim_technique_title(in->via), sim_stage_name(in->stage), in->dwell);
}

void intrusion_evict(sim_world *w, int i)
{
    intrusion *in = VEC_AT(w->intrusions, intrusion, i);
    if (!in->active)
        return;
    in->active = false;
    node *nd = &w->nodes[in->node];
    nd->intrusions--;
    if (in->detected)
        nd->detected--;
    nd->held_by &= ~(1ull << in->actor);
    node_refresh(w, in->node);
}

static bool impact_possible(const sim_world *w, const actor *a, const node *n)
{
    (void)w;
    switch (a->motive) {
    case SIM_MOTIVE_MONEY: return !n->encrypted && (n->users > 0 || n->value > 0);
    case SIM_MOTIVE_ESPIONAGE: return n->has_data && !n->data_lost;
    default: return n->users > 0 && n->degraded_until <= w->tick;
    }
}

static sim_technique impact_technique(sim_motive m)
{
    return m == SIM_MOTIVE_MONEY ? SIM_T1486 : m == SIM_MOTIVE_ESPIONAGE ? SIM_T1567 : SIM_T1498;
}

static void impact(sim_world *w, int i)
{
    intrusion *in = VEC_AT(w->intrusions, intrusion, i);
    actor *a = &w->actors[in->actor];
    node *nd = &w->nodes[in->node];
    in->stage = SIM_STAGE_IMPACT;
    if (a->motive == SIM_MOTIVE_MONEY) {
        nd->encrypted = nd->ever_lost = true;
        log_add(w, SIM_LOG_IMPACT, true, in->node, in->actor, -1,
                "Ransomware: %s encrypted %s and demands payment", a->label, nd->label);
        intrusion_detect(w, i); /* a ransom note is hard to miss */
    } else if (a->motive == SIM_MOTIVE_ESPIONAGE) {
        nd->data_lost = nd->ever_lost = true;
        if (is_ours(nd))
            w->tally.data_lost += (int64_t)nd->value * nd->users;
        breach *br = vec_push(w, &w->breaches, sizeof *br);
        if (br) {
            br->node = in->node;
            br->tick = w->tick;
            br->detected_at = in->detected ? w->tick : -1;
        }
        log_add(w, SIM_LOG_IMPACT, false, in->node, in->actor, -1,
                "%s exfiltrated the data of %s", a->label, nd->label);
    } else {
        nd->degraded_until = w->tick + 48;
        log_add(w, SIM_LOG_IMPACT, true, in->node, in->actor, -1, "%s defaced %s", a->label,
                nd->label);
        intrusion_detect(w, i);
    }
    node_refresh(w, in->node);
}

static int preference(const actor *a, const node *n)
{
    switch (a->motive) {
    case SIM_MOTIVE_MONEY: return 1 + n->value;
    case SIM_MOTIVE_ESPIONAGE: return 1 + (n->has_data ? 2 * n->value : 0);
    case SIM_MOTIVE_IDEOLOGY: return 1 + n->users / 1000;
    default: return 1;
    }
}

/* One lateral step: a link chosen by the actor's preference, then tried. */
static void try_move(sim_world *w, int i)
{
    intrusion in = *VEC_AT(w->intrusions, intrusion, i);
    const node *src = &w->nodes[in.node];
    const actor *a = &w->actors[in.actor];
    int64_t total = 0;
    for (int k = 0; k < src->out_count; k++) {
        const link *l = &w->links[w->adj[src->out_first + k]];
        if (!(w->nodes[l->to].held_by & (1ull << in.actor)))
            total += preference(a, &w->nodes[l->to]);
    }
    if (total <= 0)
        return;
    int64_t pick = world_below(w, (uint32_t)(total > 0x7fffffff ? 0x7fffffff : total), "pick link",
                               in.actor, in.node);
    for (int k = 0; k < src->out_count; k++) {
        const link *l = &w->links[w->adj[src->out_first + k]];
        if (w->nodes[l->to].held_by & (1ull << in.actor))
            continue;
        pick -= preference(a, &w->nodes[l->to]);
        if (pick < 0) {
            if (world_chance(w, move_chance(w, in.actor, l), "move", in.actor, l->to,
                             l->kind == SIM_LINK_DEPENDENCY ? SIM_T1195 : SIM_T1021)) {
                sim_technique via = l->kind == SIM_LINK_DEPENDENCY ? SIM_T1195
                                  : l->kind == SIM_LINK_TRUST      ? SIM_T1078
                                  : l->kind == SIM_LINK_DATA       ? SIM_T1213
                                                                   : SIM_T1021;
                if (intrusion_start(w, in.actor, l->to, via) >= 0 &&
                    VEC_AT(w->intrusions, intrusion, i)->stage == SIM_STAGE_PERSIST)
                    VEC_AT(w->intrusions, intrusion, i)->stage = SIM_STAGE_MOVE;
            }
            return;
        }
    }
}

/* Lateral movement takes hours of reconnaissance: a foothold tries one
 * hop every MOVE_PERIOD ticks, not every tick. */
#define MOVE_PERIOD 4

static void advance(sim_world *w, int i)
{
    intrusion *in = VEC_AT(w->intrusions, intrusion, i);
    if (!in->active || !node_online(w, in->node))
        return; /* an isolated foothold lies dormant */
    int ai = in->actor, n = in->node;
    const actor *a = &w->actors[ai];
    if (w->tick < a->disrupted_until)
        return;
    switch (in->stage) {
    case SIM_STAGE_ACCESS:
        if (world_chance(w, sim_attack_chance(w, ai, SIM_T1059, n), "execute", ai, n, SIM_T1059))
            in->stage = SIM_STAGE_EXECUTE;
        return;
    case SIM_STAGE_EXECUTE:
        if (world_chance(w, sim_attack_chance(w, ai, SIM_T1552, n), "persist", ai, n, SIM_T1552))
            in->stage = SIM_STAGE_PERSIST;
        return;
    default:
        break;
    }
    if ((w->tick + i) % MOVE_PERIOD == 0)
        try_move(w, i);
    in = VEC_AT(w->intrusions, intrusion, i); /* try_move may have grown the array */
    if (in->stage != SIM_STAGE_IMPACT && impact_possible(w, a, &w->nodes[n]) &&
        world_chance(w, sim_attack_chance(w, ai, impact_technique(a->motive), n), "impact", ai, n,
                     impact_technique(a->motive)))
        impact(w, i);
}

static bool actor_active(const sim_world *w, const actor *a)
{
    return w->tick >= a->active_from && w->tick >= a->disrupted_until;
}

static void flood(sim_world *w, int ai, int n)
{
    node *nd = &w->nodes[n];
    nd->degraded_until = w->tick + 12;
    node_refresh(w, n);
    log_add(w, SIM_LOG_IMPACT, true, n, ai, -1, "%s flooded %s: service degraded",
            w->actors[ai].label, nd->label);
}

/* An actor's initial-access attempt: a technique it knows, a node that
 * technique fits, one roll. */
static void try_access(sim_world *w, int ai)
{
    const actor *a = &w->actors[ai];
    sim_technique usable[SIM_TECHNIQUE_COUNT];
    int count = 0;
    for (int t = 0; t < SIM_TECHNIQUE_COUNT; t++)
        if ((a->techniques & (1u << t)) && technique_rule_of((sim_technique)t)->access &&
            w->access_count[t] > 0)
            usable[count++] = (sim_technique)t;
    if (count == 0)
        return;
    sim_technique t = usable[world_below(w, (uint32_t)count, "pick technique", ai, -1)];
    int n = w->access_targets[t][world_below(w, (uint32_t)w->access_count[t], "pick target", ai, -1)];
    if (w->nodes[n].held_by & (1ull << ai))
        return;
    if (!world_chance(w, sim_attack_chance(w, ai, t, n), "access", ai, n, (int)t))
        return;
    if (t == SIM_T1498)
        flood(w, ai, n);
    else
        intrusion_start(w, ai, n, t);
}

void attack_tick(sim_world *w)
{
    int count = w->intrusions.len; /* footholds made this tick act next tick */
    for (int i = 0; i < count; i++)
        advance(w, i);
    for (int ai = 0; ai < w->actor_count; ai++) {
        const actor *a = &w->actors[ai];
        /* attempts_per_day spread evenly over the day: an attempt whenever
         * the running count (tick × attempts / 24) steps up, so 5 a day
         * is 5, not 24 / 5 rounded. */
        int64_t t = w->tick + ai;
        bool due = (t * a->attempts_per_day) / SIM_TICKS_PER_DAY !=
                   ((t - 1) * a->attempts_per_day) / SIM_TICKS_PER_DAY;
        if (actor_active(w, a) && due)
            try_access(w, ai);
    }
}

/* ---- detection ------------------------------------------------------------- */

uint32_t sim_detect_chance(const sim_world *w, int i)
{
    if (!w || i < 0 || i >= w->intrusions.len)
        return 0;
    const intrusion *in = VEC_AT(w->intrusions, intrusion, i);
    if (!in->active || in->detected)
        return 0;
    const node *nd = &w->nodes[in->node];
    if (!is_ours(nd))
        return 30000; /* a partner's own security team, 3 % an hour */
    /* RULES proposed 0.002 + 0.04 logging + 0.12 EDR + 0.25 indicator +
     * 0.3 cap(RV) per tick; at one tick an hour that found everything
     * within a day. Tuned so an unmonitored network keeps an intruder for
     * weeks (real median dwell times) and monitoring finds one in hours. */
    uint32_t d = 500;
    if (nd->controls & SIM_CTL_LOGGING)
        d += 20000;
    if (nd->controls & SIM_CTL_EDR)
        d += 60000;
    if (w->actors[in->actor].indicators_known)
        d += 150000;
    d += (uint32_t)w->def.cap[SIM_AREA_RV] * 40u;
    return d;
}

static void partner_detects(sim_world *w, int i)
{
    intrusion *in = VEC_AT(w->intrusions, intrusion, i);
    int ai = in->actor, n = in->node;
    in->detected = true;
    in->detected_at = w->tick;
    log_add(w, SIM_LOG_INDICATOR, w->def.in_sharing_group, n, ai, -1,
            "Partner %s found %s in its network and cleaned it up", w->nodes[n].label,
            w->actors[ai].label);
    intrusion_evict(w, i);
    sim_indicator_receive(w, ai, NULL);
}

void detect_tick(sim_world *w)
{
    for (int i = 0; i < w->intrusions.len; i++) {
        intrusion *in = VEC_AT(w->intrusions, intrusion, i);
        if (!in->active || in->detected)
            continue;
        in->dwell++;
        if (!world_chance(w, sim_detect_chance(w, i), "detect", in->actor, in->node, -1))
            continue;
        if (is_ours(&w->nodes[in->node]))
            intrusion_detect(w, i);
        else
            partner_detects(w, i);
    }
}

/* ---- capacity and new weaknesses ------------------------------------------ */

void capability_gain(sim_world *w, sim_area a, int gain)
{
    int *c = &w->def.cap[a];
    *c += gain * (1000 - *c) / 1000; /* diminishing as it nears 1 */
    if (*c > 1000)
        *c = 1000;
}

uint32_t sim_weakness_chance(const sim_world *w, int n)
{
    if (!w || n < 0 || n >= w->node_count || !sim_node_kind_produces_code(w->nodes[n].kind))
        return 0;
    const node *nd = &w->nodes[n];
    uint32_t r = (uint32_t)w->weakness_rate;
    r = mitigate(r, nd, SIM_CTL_CODE_REVIEW, 500);
    r = mitigate(r, nd, SIM_CTL_SAST, 400);
    return scale(r, 1000 - 600 * w->def.cap[SIM_AREA_PW] / 1000); /* RULES: 0.6 × cap(PW) */
}

static const uint32_t default_cwes[] = { 79, 89, 20, 22, 78, 287, 862, 502, 918, 434 };

static void new_weakness(sim_world *w, int n)
{
    int pool = 0;
    while (pool < 16 && w->cwe_pool[pool])
        pool++;
    uint32_t cwe = pool ? w->cwe_pool[world_below(w, (uint32_t)pool, "weakness CWE", -1, n)]
                        : default_cwes[world_below(w, 10, "weakness CWE", -1, n)];
    char id[SIM_ID_MAX];
    do /* only a scenario that named its own weak-N can clash */
        snprintf(id, sizeof id, "weak-%d", ++w->weakness_serial);
    while (w->weak_ids_taken && sim_vuln_find(w, id) >= 0);
    sim_vuln_def d = { .id = id, .cwe = (int)cwe, .fix_available = true,
                       .severity_tenths = 40 + (int)world_below(w, 56, "weakness severity", -1, n),
                       .design_flaw = world_below(w, 2, "weakness design", -1, n) == 0,
                       .appears_at = w->tick };
    int v = vuln_create(w, &d, n);
    if (v < 0)
        return;
    log_add(w, SIM_LOG_VULN_NEW, false, n, -1, v, "A new weakness (CWE-%u) crept into %s", cwe,
            w->nodes[n].label);
    /* Static analysis in the pipeline catches half of them as they land. */
    if ((w->nodes[n].controls & SIM_CTL_SAST) && world_below(w, 2, "SAST catch", -1, n) == 0)
        sim_vuln_reveal(w, v, NULL);
}

void weakness_day(sim_world *w)
{
    for (int n = 0; n < w->node_count; n++)
        if (world_chance(w, sim_weakness_chance(w, n), "new weakness", -1, n, -1))
            new_weakness(w, n);
    /* Attackers study what is out there: an unknown flaw becomes known to
     * them with 2.5 % a day. */
    for (int v = 0; v < w->vulns.len; v++) {
        vuln *vu = VEC_AT(w->vulns, vuln, v);
        if (vu->exists && !vu->patched && !vu->known_att &&
            world_chance(w, 25000, "attackers learn", -1, vu->node, -1))
            vu->known_att = true;
    }
}

/* ---- the author's debug view: the next step, by the same rules ---------------- */

/* The next tick at or after `from` when intrusion i tries a lateral hop
 * (advance: (tick + i) % MOVE_PERIOD == 0). */
static int next_move_tick(int from, int i)
{
    int t = from;
    while ((t + i) % MOVE_PERIOD != 0)
        t++;
    return t;
}

/* The chance that one lateral hop of intrusion i succeeds: a link drawn
 * by preference, then its move chance (try_move). */
static uint32_t move_step_chance(const sim_world *w, const intrusion *in)
{
    const node *src = &w->nodes[in->node];
    const actor *a = &w->actors[in->actor];
    int64_t total = 0;
    for (int k = 0; k < src->out_count; k++) {
        const link *l = &w->links[w->adj[src->out_first + k]];
        if (!(w->nodes[l->to].held_by & (1ull << in->actor)))
            total += preference(a, &w->nodes[l->to]);
    }
    if (total <= 0)
        return 0;
    uint64_t sum = 0; /* Σ pref × chance, then / total: stays within 64 bits */
    for (int k = 0; k < src->out_count; k++) {
        const link *l = &w->links[w->adj[src->out_first + k]];
        if (!(w->nodes[l->to].held_by & (1ull << in->actor)))
            sum += (uint64_t)preference(a, &w->nodes[l->to]) * move_chance(w, in->actor, l);
    }
    return (uint32_t)(sum / (uint64_t)total);
}

int sim_intrusion_next(const sim_world *w, int i, sim_next_step *out)
{
    if (!w || !out || i < 0 || i >= w->intrusions.len)
        return BW_ENOTFOUND;
    const intrusion *in = VEC_AT(w->intrusions, intrusion, i);
    const actor *a = &w->actors[in->actor];
    memset(out, 0, sizeof *out);
    out->technique = -1;
    out->at = out->move_at = -1;
    out->why = "";
    out->stage = in->stage;
    int next = w->tick + 1; /* advance runs in the tick after this one */
    if (!in->active) {
        out->why = "evicted";
        return BW_OK;
    }
    if (w->over) {
        out->why = "the game is over";
        return BW_OK;
    }
    if (!node_online(w, in->node)) {
        out->why = "dormant: the node is isolated";
        return BW_OK;
    }
    if (next < a->disrupted_until)
        next = a->disrupted_until;
    switch (in->stage) {
    case SIM_STAGE_ACCESS:
    case SIM_STAGE_EXECUTE:
        out->stage = in->stage == SIM_STAGE_ACCESS ? SIM_STAGE_EXECUTE : SIM_STAGE_PERSIST;
        out->technique = in->stage == SIM_STAGE_ACCESS ? SIM_T1059 : SIM_T1552;
        out->chance_ppm = sim_attack_chance(w, in->actor, (sim_technique)out->technique, in->node);
        out->at = next;
        return BW_OK;
    default:
        break;
    }
    uint32_t mv = move_step_chance(w, in);
    if (mv > 0) {
        out->move_ppm = mv;
        out->move_at = next_move_tick(next, i);
    }
    out->stage = SIM_STAGE_IMPACT;
    if (in->stage == SIM_STAGE_IMPACT) {
        out->why = "impact done";
        return BW_OK;
    }
    if (!impact_possible(w, a, &w->nodes[in->node])) {
        out->why = "nothing here for its motive";
        return BW_OK;
    }
    out->technique = impact_technique(a->motive);
    out->chance_ppm = sim_attack_chance(w, in->actor, (sim_technique)out->technique, in->node);
    out->at = next;
    return BW_OK;
}

int sim_actor_next_access(const sim_world *w, int ai, sim_next_step *out)
{
    if (!w || !out || ai < 0 || ai >= w->actor_count)
        return BW_ENOTFOUND;
    const actor *a = &w->actors[ai];
    memset(out, 0, sizeof *out);
    out->stage = SIM_STAGE_ACCESS;
    out->technique = -1;
    out->at = out->move_at = -1;
    out->why = "";
    if (w->over) {
        out->why = "the game is over";
        return BW_OK;
    }
    /* try_access: a usable technique uniformly, a target of it uniformly,
     * no roll on a node the actor already holds. */
    int count = 0, only = -1;
    uint64_t sum = 0; /* Σ over techniques of the mean chance over targets */
    for (int t = 0; t < SIM_TECHNIQUE_COUNT; t++) {
        if (!(a->techniques & (1u << t)) || !technique_rule_of((sim_technique)t)->access ||
            w->access_count[t] <= 0)
            continue;
        count++;
        only = t;
        uint64_t per = 0;
        for (int k = 0; k < w->access_count[t]; k++) {
            int n = w->access_targets[t][k];
            if (!(w->nodes[n].held_by & (1ull << ai)))
                per += sim_attack_chance(w, ai, (sim_technique)t, n);
        }
        sum += per / (uint64_t)w->access_count[t];
    }
    if (count == 0) {
        out->why = "no access technique fits any node";
        return BW_OK;
    }
    out->technique = count == 1 ? only : -1;
    out->chance_ppm = (uint32_t)(sum / (uint64_t)count);
    /* attack_tick: an attempt whenever tick × attempts / 24 steps up. */
    int end = w->days * SIM_TICKS_PER_DAY;
    for (int64_t t = w->tick + 1; t <= end; t++) {
        int64_t s = t + ai;
        bool due = (s * a->attempts_per_day) / SIM_TICKS_PER_DAY !=
                   ((s - 1) * a->attempts_per_day) / SIM_TICKS_PER_DAY;
        if (due && t >= a->active_from && t >= a->disrupted_until) {
            out->at = (int)t;
            return BW_OK;
        }
    }
    out->why = "no attempt before the end";
    return BW_OK;
}
