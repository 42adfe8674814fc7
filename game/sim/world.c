/* world.c — building a world from a definition, and its memory.
 *
 * sim_world_create validates the whole definition first and reports every
 * problem at once; only a valid definition allocates a world. All memory
 * goes through the world's allocator (tests fail the N-th call). */
#include "internal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- memory -------------------------------------------------------------- */

static void *default_alloc(void *ud, void *ptr, size_t osize, size_t nsize)
{
    (void)ud;
    (void)osize;
    if (nsize == 0) {
        free(ptr);
        return NULL;
    }
    return realloc(ptr, nsize);
}

void *world_alloc(sim_world *w, size_t n)
{
    void *p = w->alloc(w->alloc_ud, NULL, 0, n);
    if (!p)
        w->oom = true;
    else
        memset(p, 0, n);
    return p;
}

void world_free(sim_world *w, void *p, size_t n)
{
    if (p)
        w->alloc(w->alloc_ud, p, n, 0);
}

void *vec_push(sim_world *w, vec *v, size_t item)
{
    if (v->len == v->cap) {
        int ncap = v->cap ? v->cap * 2 : 16;
        void *p = w->alloc(w->alloc_ud, v->data, (size_t)v->cap * item, (size_t)ncap * item);
        if (!p) {
            w->oom = true;
            return NULL;
        }
        v->data = p;
        v->cap = ncap;
    }
    void *slot = (char *)v->data + (size_t)v->len * item;
    memset(slot, 0, item);
    v->len++;
    return slot;
}

static void vec_free(sim_world *w, vec *v, size_t item)
{
    world_free(w, v->data, (size_t)v->cap * item);
    v->data = NULL;
    v->len = v->cap = 0;
}

int text_add(sim_world *w, const char *s)
{
    size_t n = strnlen(s ? s : "", SIM_TEXT_MAX - 1);
    if ((size_t)w->text_len + n + 1 > (size_t)w->text_cap) {
        size_t ncap = w->text_cap ? (size_t)w->text_cap * 2 : 4096;
        while (ncap < (size_t)w->text_len + n + 1)
            ncap *= 2;
        if (ncap > 0x7fffffff) {
            w->oom = true;
            return -1;
        }
        char *p = w->alloc(w->alloc_ud, w->text, (size_t)w->text_cap, ncap);
        if (!p) {
            w->oom = true;
            return -1;
        }
        w->text = p;
        w->text_cap = (int)ncap;
    }
    int off = w->text_len;
    memcpy(w->text + off, s ? s : "", n);
    w->text[off + (int)n] = '\0';
    bw_text_clean(w->text + off);
    w->text_len += (int)n + 1;
    return off;
}

const char *text_at(const sim_world *w, int off)
{
    return off < 0 || !w->text ? "" : w->text + off;
}

/* ---- validation ----------------------------------------------------------- */

typedef struct problems {
    bw_err *err;
    int count;
} problems;

#if defined(__GNUC__)
__attribute__((format(printf, 2, 3)))
#endif
static void problem(problems *p, const char *fmt, ...)
{
    p->count++;
    if (!p->err)
        return;
    size_t used = p->count == 1 ? 0 : strlen(p->err->msg);
    if (p->count == 1)
        p->err->msg[0] = '\0';
    if (used + 8 >= sizeof p->err->msg)
        return; /* full: the first problems are the ones a person reads */
    if (p->count > 1) {
        memcpy(p->err->msg + used, "; ", 3);
        used += 2;
    }
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(p->err->msg + used, sizeof p->err->msg - used, fmt, ap);
    va_end(ap);
    p->err->code = BW_EINVAL;
}

typedef struct id_ref {
    const char *id;
    int index;
} id_ref;

static int cmp_ref(const void *a, const void *b)
{
    const id_ref *x = a, *y = b;
    int c = strcmp(x->id, y->id);
    return c ? c : x->index - y->index;
}

/* Sorted (id, index) pairs for a definition array; NULL on OOM. */
static id_ref *sorted_ids(const void *base, size_t count, size_t stride, size_t id_offset)
{
    id_ref *refs = malloc((count ? count : 1) * sizeof *refs);
    if (!refs)
        return NULL;
    for (size_t i = 0; i < count; i++) {
        const char *id = *(const char *const *)((const char *)base + i * stride + id_offset);
        refs[i].id = id ? id : "";
        refs[i].index = (int)i;
    }
    qsort(refs, count, sizeof *refs, cmp_ref);
    return refs;
}

static int find_ref(const id_ref *refs, size_t count, const char *id)
{
    size_t lo = 0, hi = count;
    if (!id)
        return -1;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        int c = strcmp(refs[mid].id, id);
        if (c == 0)
            return refs[mid].index;
        if (c < 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    return -1;
}

static void check_id(problems *p, const char *what, size_t i, const char *id)
{
    if (!id || !id[0])
        problem(p, "%s %zu has no id", what, i + 1);
    else if (strlen(id) >= SIM_ID_MAX)
        problem(p, "%s %zu: id '%.20s...' is longer than %d characters", what, i + 1, id,
                SIM_ID_MAX - 1);
}

static void check_duplicates(problems *p, const char *what, const id_ref *refs, size_t n)
{
    for (size_t i = 1; i < n; i++)
        if (refs[i].id[0] && strcmp(refs[i].id, refs[i - 1].id) == 0)
            problem(p, "duplicate %s id '%s' (%s %d and %d)", what, refs[i].id, what,
                    refs[i - 1].index + 1, refs[i].index + 1);
}

static void check_nodes(problems *p, const sim_def *d, const id_ref *refs)
{
    if (d->node_count == 0)
        problem(p, "the world has no nodes");
    if (d->node_count > 100000)
        problem(p, "%zu nodes is more than the 100000 the engine supports", d->node_count);
    for (size_t i = 0; i < d->node_count; i++) {
        const sim_node_def *n = &d->nodes[i];
        check_id(p, "node", i, n->id);
        const char *id = n->id ? n->id : "?";
        if (n->label && strlen(n->label) >= SIM_LABEL_MAX)
            problem(p, "node '%s': label longer than %d characters", id, SIM_LABEL_MAX - 1);
        if ((int)n->kind < 0 || n->kind >= SIM_NODE_KIND_COUNT)
            problem(p, "node '%s': unknown kind %d", id, (int)n->kind);
        if ((int)n->zone < 0 || n->zone >= SIM_ZONE_COUNT)
            problem(p, "node '%s': unknown zone %d", id, (int)n->zone);
        if (n->value < 0 || n->value > 1000)
            problem(p, "node '%s': value %d is outside 0..1000", id, n->value);
        if (n->users < 0 || n->users > 1000000000)
            problem(p, "node '%s': users %d is outside 0..1000000000", id, n->users);
        if (n->controls >> SIM_CONTROL_COUNT)
            problem(p, "node '%s': unknown control bits 0x%x", id, n->controls);
    }
    check_duplicates(p, "node", refs, d->node_count);
}

static void check_links(problems *p, const sim_def *d, const id_ref *nodes)
{
    for (size_t i = 0; i < d->link_count; i++) {
        const sim_link_def *l = &d->links[i];
        int a = find_ref(nodes, d->node_count, l->from);
        int b = find_ref(nodes, d->node_count, l->to);
        if (a < 0)
            problem(p, "link %zu: unknown node '%s'", i + 1, l->from ? l->from : "(none)");
        if (b < 0)
            problem(p, "link %zu: unknown node '%s'", i + 1, l->to ? l->to : "(none)");
        if (a >= 0 && a == b)
            problem(p, "link %zu: node '%s' links to itself", i + 1, l->from);
        if ((int)l->kind < 0 || l->kind >= SIM_LINK_KIND_COUNT)
            problem(p, "link %zu: unknown kind %d", i + 1, (int)l->kind);
    }
}

static void check_vulns(problems *p, const sim_def *d, const id_ref *nodes, const id_ref *refs)
{
    for (size_t i = 0; i < d->vuln_count; i++) {
        const sim_vuln_def *v = &d->vulns[i];
        check_id(p, "vulnerability", i, v->id);
        const char *id = v->id ? v->id : "?";
        if (find_ref(nodes, d->node_count, v->node) < 0)
            problem(p, "vulnerability '%s': unknown node '%s'", id, v->node ? v->node : "(none)");
        if (v->cwe <= 0 || v->cwe > 100000)
            problem(p, "vulnerability '%s': CWE id %d is not a CWE id", id, v->cwe);
        if (v->severity_tenths < 0 || v->severity_tenths > 100)
            problem(p, "vulnerability '%s': severity %s%d.%d is outside 0..10", id,
                    v->severity_tenths < 0 ? "-" : "", abs(v->severity_tenths / 10),
                    abs(v->severity_tenths % 10));
        if (v->exploitability_permille < 0 || v->exploitability_permille > 1000)
            problem(p, "vulnerability '%s': exploitability %d is outside 0..1000", id,
                    v->exploitability_permille);
        if (v->appears_at < 0 || v->appears_at > d->days * SIM_TICKS_PER_DAY)
            problem(p, "vulnerability '%s': appears at tick %d, outside the game", id, v->appears_at);
    }
    check_duplicates(p, "vulnerability", refs, d->vuln_count);
}

static void check_actors(problems *p, const sim_def *d, const id_ref *refs)
{
    if (d->actor_count > MAX_ACTORS)
        problem(p, "%zu threat actors is more than the %d the engine supports", d->actor_count,
                MAX_ACTORS);
    for (size_t i = 0; i < d->actor_count; i++) {
        const sim_actor_def *a = &d->actors[i];
        check_id(p, "actor", i, a->id);
        const char *id = a->id ? a->id : "?";
        if ((int)a->motive < 0 || a->motive >= SIM_MOTIVE_COUNT)
            problem(p, "actor '%s': unknown motive %d", id, (int)a->motive);
        if (a->skill < 1 || a->skill > 5)
            problem(p, "actor '%s': skill %d is outside 1..5", id, a->skill);
        if (a->techniques == 0)
            problem(p, "actor '%s' uses no techniques", id);
        if (a->techniques >> SIM_TECHNIQUE_COUNT)
            problem(p, "actor '%s': unknown technique bits", id);
        if (a->active_from < 0)
            problem(p, "actor '%s': active_from %d is negative", id, a->active_from);
        if (a->attempts_per_day < 0 || a->attempts_per_day > SIM_TICKS_PER_DAY)
            problem(p, "actor '%s': attempts_per_day %d is outside 0..24", id, a->attempts_per_day);
        if (a->label && strlen(a->label) >= SIM_LABEL_MAX)
            problem(p, "actor '%s': label longer than %d characters", id, SIM_LABEL_MAX - 1);
    }
    check_duplicates(p, "actor", refs, d->actor_count);
}

static void check_rest(problems *p, const sim_def *d, const id_ref *nodes, const id_ref *vulns)
{
    if (d->days < 1 || d->days > SIM_MAX_DAYS)
        problem(p, "days %d is outside 1..%d", d->days, SIM_MAX_DAYS);
    const sim_defender_def *df = &d->defender;
    if (df->budget < 0)
        problem(p, "defender budget %d is negative", df->budget);
    if (df->income_per_day < 0)
        problem(p, "defender income %d is negative", df->income_per_day);
    if (df->staff < 0 || df->staff > 1000)
        problem(p, "defender staff %d is outside 0..1000", df->staff);
    for (int a = 0; a < SIM_AREA_COUNT; a++)
        if (df->capability_permille[a] < 0 || df->capability_permille[a] > 1000)
            problem(p, "capability %s %d is outside 0..1000", sim_area_name((sim_area)a),
                    df->capability_permille[a]);
    for (size_t i = 0; i < d->report_count; i++) {
        const sim_report_def *r = &d->reports[i];
        check_id(p, "report", i, r->id);
        if (find_ref(vulns, d->vuln_count, r->vuln) < 0)
            problem(p, "report '%s': unknown vulnerability '%s'", r->id ? r->id : "?",
                    r->vuln ? r->vuln : "(none)");
        if (r->at < 0 || r->deadline_ticks <= 0)
            problem(p, "report '%s': needs at >= 0 and a positive deadline", r->id ? r->id : "?");
        /* Building would refuse the second one; say so here, not "out of
         * memory" later. Reports are few: pairwise is fine. */
        for (size_t j = 0; j < i && r->id; j++)
            if (d->reports[j].id && strcmp(d->reports[j].id, r->id) == 0) {
                problem(p, "duplicate report id '%s' (report %zu and %zu)", r->id, j + 1, i + 1);
                break;
            }
    }
    for (size_t i = 0; i < d->objective_count; i++) {
        const sim_objective_def *o = &d->objectives[i];
        check_id(p, "objective", i, o->id);
        if ((int)o->kind < 0 || o->kind >= SIM_OBJ_KIND_COUNT)
            problem(p, "objective %zu: unknown kind %d", i + 1, (int)o->kind);
        else if (o->kind == SIM_OBJ_NODE_NEVER_LOST && find_ref(nodes, d->node_count, o->target) < 0)
            problem(p, "objective %zu: unknown node '%s'", i + 1, o->target ? o->target : "(none)");
        else if (o->kind == SIM_OBJ_PILLAR_MIN) {
            int pl = -1;
            for (int k = 0; k < SIM_PILLAR_COUNT; k++)
                if (o->target && strcmp(o->target, sim_pillar_name((sim_pillar)k)) == 0)
                    pl = k;
            if (pl < 0)
                problem(p, "objective %zu: unknown pillar '%s'", i + 1, o->target ? o->target : "(none)");
            if (o->value < 0 || o->value > 100)
                problem(p, "objective %zu: pillar minimum %d is outside 0..100", i + 1, o->value);
        } else if (o->kind == SIM_OBJ_MAX_COMPROMISED && o->value < 0)
            problem(p, "objective %zu: a negative maximum", i + 1);
    }
    for (size_t i = 0; i < d->override_count; i++) {
        const sim_action_override *o = &d->overrides[i];
        if ((int)o->kind < 0 || o->kind >= SIM_ACTION_KIND_COUNT)
            problem(p, "action override %zu: unknown action %d", i + 1, (int)o->kind);
        else if (o->cost.money < 0 || o->cost.staff_hours < 0 || o->cost.duration < 0)
            problem(p, "action '%s': cost, staff hours and duration must be >= 0",
                    sim_action_name(o->kind));
    }
    for (int i = 0; i < 16 && d->cwe_pool[i]; i++)
        if (d->cwe_pool[i] > 100000)
            problem(p, "CWE pool entry %u is not a CWE id", d->cwe_pool[i]);
}

static int validate(const sim_def *d, bw_err *err, id_ref **node_refs)
{
    problems p = { err, 0 };
    if (!d)
        return bw_err_set(err, BW_EINVAL, "no world definition");
    if ((d->node_count && !d->nodes) || (d->link_count && !d->links) ||
        (d->vuln_count && !d->vulns) || (d->actor_count && !d->actors) ||
        (d->report_count && !d->reports) || (d->objective_count && !d->objectives) ||
        (d->override_count && !d->overrides))
        return bw_err_set(err, BW_EINVAL, "a definition array is missing its items");
    id_ref *nodes = sorted_ids(d->nodes, d->node_count, sizeof *d->nodes, offsetof(sim_node_def, id));
    id_ref *vulns = sorted_ids(d->vulns, d->vuln_count, sizeof *d->vulns, offsetof(sim_vuln_def, id));
    id_ref *actors = sorted_ids(d->actors, d->actor_count, sizeof *d->actors, offsetof(sim_actor_def, id));
    if (!nodes || !vulns || !actors) {
        free(nodes);
        free(vulns);
        free(actors);
        return bw_err_set(err, BW_ENOMEM, "out of memory while validating the world");
    }
    check_rest(&p, d, nodes, vulns);
    check_nodes(&p, d, nodes);
    check_links(&p, d, nodes);
    check_vulns(&p, d, nodes, vulns);
    check_actors(&p, d, actors);
    free(vulns);
    free(actors);
    if (p.count) {
        free(nodes);
        return BW_EINVAL;
    }
    *node_refs = nodes;
    return BW_OK;
}

/* ---- building ------------------------------------------------------------- */

static bool default_has_data(sim_node_kind k)
{
    return k == SIM_NODE_DATABASE || k == SIM_NODE_FILESERVER || k == SIM_NODE_REPO ||
           k == SIM_NODE_MAIL || k == SIM_NODE_CLOUD;
}

static void copy_str(char *dst, size_t n, const char *src)
{
    snprintf(dst, n, "%s", src ? src : "");
    bw_text_clean(dst);
}

static void build_nodes(sim_world *w, const sim_def *d)
{
    for (int i = 0; i < w->node_count; i++) {
        const sim_node_def *nd = &d->nodes[i];
        node *n = &w->nodes[i];
        copy_str(n->id, sizeof n->id, nd->id);
        copy_str(n->label, sizeof n->label, nd->label ? nd->label : nd->id);
        n->kind = nd->kind;
        n->zone = nd->zone;
        n->value = nd->value;
        n->users = nd->users;
        n->x = nd->x;
        n->y = nd->y;
        n->controls = nd->controls;
        n->has_data = nd->has_data || default_has_data(nd->kind);
        n->leaked_credentials = nd->leaked_credentials;
        n->first_vuln = -1;
        if (n->has_data)
            w->tally.data_total += (int64_t)n->value * n->users;
    }
}

/* Outgoing links and dependency sources as compressed rows, so that a
 * node's neighbours are one contiguous slice of an index array. */
static int build_adjacency(sim_world *w, const id_ref *refs, const sim_def *d)
{
    w->adj = world_alloc(w, (size_t)(w->link_count ? w->link_count : 1) * sizeof(int));
    w->deps = world_alloc(w, (size_t)(w->link_count ? w->link_count : 1) * sizeof(int));
    if (!w->adj || !w->deps)
        return BW_ENOMEM;
    for (int i = 0; i < w->link_count; i++) {
        link *l = &w->links[i];
        l->from = find_ref(refs, d->node_count, d->links[i].from);
        l->to = find_ref(refs, d->node_count, d->links[i].to);
        l->kind = d->links[i].kind;
        w->nodes[l->from].out_count++;
        if (l->kind == SIM_LINK_DEPENDENCY)
            w->nodes[l->to].dep_count++;
    }
    int out = 0, dep = 0;
    for (int i = 0; i < w->node_count; i++) {
        w->nodes[i].out_first = out;
        w->nodes[i].dep_first = dep;
        out += w->nodes[i].out_count;
        dep += w->nodes[i].dep_count;
        w->nodes[i].out_count = w->nodes[i].dep_count = 0;
    }
    for (int i = 0; i < w->link_count; i++) {
        node *a = &w->nodes[w->links[i].from], *b = &w->nodes[w->links[i].to];
        w->adj[a->out_first + a->out_count++] = i;
        if (w->links[i].kind == SIM_LINK_DEPENDENCY)
            w->deps[b->dep_first + b->dep_count++] = w->links[i].from;
    }
    return BW_OK;
}

/* Which nodes each initial-access technique can be tried against at all;
 * controls and vulnerabilities decide the chance later. */
static bool access_fits(sim_node_kind kind, sim_zone zone, int users, sim_technique t)
{
    bool exposed = zone == SIM_ZONE_INTERNET || zone == SIM_ZONE_DMZ;
    switch (t) {
    case SIM_T1190: return exposed;
    case SIM_T1566: return kind == SIM_NODE_LAPTOP || kind == SIM_NODE_MAIL;
    case SIM_T1078: return true; /* wherever a credential leaked */
    case SIM_T1110: return exposed || kind == SIM_NODE_IOT;
    case SIM_T1133: return kind == SIM_NODE_VPN;
    case SIM_T1195: return kind == SIM_NODE_LIBRARY || kind == SIM_NODE_REPO || kind == SIM_NODE_CI;
    case SIM_T1498: return exposed && users > 0;
    case SIM_T1203: return kind == SIM_NODE_LAPTOP;
    default: return false;
    }
}

bool access_eligible(const node *n, sim_technique t)
{
    return access_fits(n->kind, n->zone, n->users, t);
}

bool sim_access_fits(sim_technique t, const sim_node_def *n)
{
    if (!n || (int)t < 0 || t >= SIM_TECHNIQUE_COUNT || !technique_rule_of(t)->access)
        return false;
    /* A valid account needs a credential that leaked (its chance is 0
     * elsewhere, see technique_on_node). */
    if (t == SIM_T1078 && !n->leaked_credentials)
        return false;
    return access_fits(n->kind, n->zone, n->users, t);
}

static int build_access_lists(sim_world *w)
{
    for (int t = 0; t < SIM_TECHNIQUE_COUNT; t++) {
        if (!technique_rule_of((sim_technique)t)->access)
            continue;
        int count = 0;
        for (int i = 0; i < w->node_count; i++)
            count += access_eligible(&w->nodes[i], (sim_technique)t);
        w->access_targets[t] = world_alloc(w, (size_t)(count ? count : 1) * sizeof(int));
        if (!w->access_targets[t])
            return BW_ENOMEM;
        for (int i = 0; i < w->node_count; i++)
            if (access_eligible(&w->nodes[i], (sim_technique)t))
                w->access_targets[t][w->access_count[t]++] = i;
    }
    return BW_OK;
}

static void build_actors(sim_world *w, const sim_def *d)
{
    for (int i = 0; i < w->actor_count; i++) {
        const sim_actor_def *ad = &d->actors[i];
        actor *a = &w->actors[i];
        copy_str(a->id, sizeof a->id, ad->id);
        copy_str(a->label, sizeof a->label, ad->label ? ad->label : ad->id);
        a->motive = ad->motive;
        a->skill = ad->skill;
        a->techniques = ad->techniques;
        a->active_from = ad->active_from;
        a->attempts_per_day = ad->attempts_per_day ? ad->attempts_per_day : 4;
    }
}

static int build_lists(sim_world *w, const sim_def *d, const id_ref *nodes)
{
    for (size_t i = 0; i < d->vuln_count; i++) {
        if (vuln_create(w, &d->vulns[i], find_ref(nodes, d->node_count, d->vulns[i].node)) < 0)
            return BW_ENOMEM;
        w->weak_ids_taken |= strncmp(d->vulns[i].id, "weak-", 5) == 0; /* see new_weakness */
    }
    for (size_t i = 0; i < d->report_count; i++)
        if (sim_report_add(w, &d->reports[i], NULL) < 0)
            return BW_ENOMEM;
    for (size_t i = 0; i < d->objective_count; i++) {
        const sim_objective_def *od = &d->objectives[i];
        objective *o = vec_push(w, &w->objectives, sizeof *o);
        if (!o)
            return BW_ENOMEM;
        copy_str(o->id, sizeof o->id, od->id);
        o->kind = od->kind;
        o->value = od->value;
        o->optional = od->optional;
        o->text = text_add(w, od->text ? od->text : od->id);
        if (o->text < 0)
            return BW_ENOMEM;
        o->target = -1;
        if (od->kind == SIM_OBJ_NODE_NEVER_LOST)
            o->target = find_ref(nodes, d->node_count, od->target);
        for (int k = 0; k < SIM_PILLAR_COUNT && od->kind == SIM_OBJ_PILLAR_MIN; k++)
            if (strcmp(od->target, sim_pillar_name((sim_pillar)k)) == 0)
                o->target = k;
    }
    return BW_OK;
}

static void build_defender(sim_world *w, const sim_def *d)
{
    defender *df = &w->def;
    df->budget = d->defender.budget;
    df->income_per_day = d->defender.income_per_day;
    df->staff = d->defender.staff;
    df->staff_hours = df->staff * SIM_STAFF_HOURS_PER_PERSON;
    for (int a = 0; a < SIM_AREA_COUNT; a++)
        df->cap[a] = df->cap_start[a] = d->defender.capability_permille[a];
    w->actions_offered = d->actions_offered;
    if (!w->actions_offered)
        for (int k = 0; k < SIM_ACTION_KIND_COUNT; k++)
            if (!sim_action_is_offensive((sim_action_kind)k))
                w->actions_offered |= 1u << k;
    w->actions_offered |= 1u << SIM_ACT_CHOOSE; /* choices can always be answered */
    for (int k = 0; k < SIM_ACTION_KIND_COUNT; k++)
        w->costs[k] = sim_action_default_cost((sim_action_kind)k);
    for (size_t i = 0; i < d->override_count; i++)
        w->costs[d->overrides[i].kind] = d->overrides[i].cost;
    memcpy(w->cwe_pool, d->cwe_pool, sizeof w->cwe_pool);
    /* 3 % a day per code-producing node: over a 30-day scenario an
     * untended service grows about one new weakness, a tended one rarely. */
    w->weakness_rate = d->weakness_rate_ppm >= 0 ? d->weakness_rate_ppm : 30000;
}

sim_world *sim_world_create(const sim_def *d, uint64_t seed, sim_alloc_fn alloc, void *alloc_ud,
                            bw_err *err)
{
    bw_err_clear(err);
    id_ref *refs = NULL;
    if (validate(d, err, &refs) < 0)
        return NULL;
    if (!alloc)
        alloc = default_alloc;
    sim_world *w = alloc(alloc_ud, NULL, 0, sizeof *w);
    if (!w) {
        free(refs);
        bw_err_set(err, BW_ENOMEM, "out of memory creating the world");
        return NULL;
    }
    memset(w, 0, sizeof *w);
    w->alloc = alloc;
    w->alloc_ud = alloc_ud;
    w->seed = seed;
    sim_rng_seed(&w->rng, seed, 0x42756c7761726bULL /* "Bulwark" */);
    w->days = d->days;
    w->node_count = (int)d->node_count;
    w->link_count = (int)d->link_count;
    w->actor_count = (int)d->actor_count;
    w->nodes = world_alloc(w, (size_t)w->node_count * sizeof *w->nodes);
    w->links = world_alloc(w, (size_t)(w->link_count ? w->link_count : 1) * sizeof *w->links);
    w->actors = world_alloc(w, (size_t)(w->actor_count ? w->actor_count : 1) * sizeof *w->actors);
    int rc = (w->nodes && w->links && w->actors) ? BW_OK : BW_ENOMEM;
    if (rc == BW_OK) {
        build_nodes(w, d);
        build_actors(w, d);
        build_defender(w, d);
        rc = build_adjacency(w, refs, d);
    }
    if (rc == BW_OK) {
        /* validate() sorted the ids already: keep the order for lookups */
        w->node_by_id = world_alloc(w, (size_t)w->node_count * sizeof(int));
        rc = w->node_by_id ? BW_OK : BW_ENOMEM;
        for (int i = 0; rc == BW_OK && i < w->node_count; i++)
            w->node_by_id[i] = refs[i].index;
    }
    if (rc == BW_OK)
        rc = build_access_lists(w);
    if (rc == BW_OK)
        rc = build_lists(w, d, refs);
    if (rc == BW_OK && !vec_push(w, &w->history, sizeof(sim_score)))
        rc = BW_ENOMEM;
    free(refs);
    if (rc < 0 || w->oom) {
        sim_world_destroy(w);
        bw_err_set(err, BW_ENOMEM, "out of memory creating the world");
        return NULL;
    }
    for (int i = 0; i < w->node_count; i++)
        node_refresh(w, i);
    w->oom = false;
    sim_world_score(w, VEC_AT(w->history, sim_score, 0));
    return w;
}

void sim_world_destroy(sim_world *w)
{
    if (!w)
        return;
    world_free(w, w->nodes, (size_t)w->node_count * sizeof *w->nodes);
    world_free(w, w->links, (size_t)(w->link_count ? w->link_count : 1) * sizeof *w->links);
    world_free(w, w->actors, (size_t)(w->actor_count ? w->actor_count : 1) * sizeof *w->actors);
    world_free(w, w->node_by_id, (size_t)w->node_count * sizeof(int));
    world_free(w, w->adj, (size_t)(w->link_count ? w->link_count : 1) * sizeof(int));
    world_free(w, w->deps, (size_t)(w->link_count ? w->link_count : 1) * sizeof(int));
    for (int t = 0; t < SIM_TECHNIQUE_COUNT; t++) /* filled completely once allocated */
        world_free(w, w->access_targets[t],
                   (size_t)(w->access_count[t] ? w->access_count[t] : 1) * sizeof(int));
    vec_free(w, &w->vulns, sizeof(vuln));
    vec_free(w, &w->intrusions, sizeof(intrusion));
    vec_free(w, &w->reports, sizeof(report));
    vec_free(w, &w->running, sizeof(running));
    vec_free(w, &w->choices, sizeof(choice));
    vec_free(w, &w->events, sizeof(event));
    vec_free(w, &w->log, sizeof(log_entry));
    vec_free(w, &w->breaches, sizeof(breach));
    vec_free(w, &w->objectives, sizeof(objective));
    vec_free(w, &w->history, sizeof(sim_score));
    world_free(w, w->text, (size_t)w->text_cap);
    w->alloc(w->alloc_ud, w, sizeof *w, 0);
}

void sim_world_set_hooks(sim_world *w, const sim_hooks *hooks)
{
    if (hooks)
        w->hooks = *hooks;
    else
        memset(&w->hooks, 0, sizeof w->hooks);
}

/* ---- shared helpers ------------------------------------------------------- */

bool node_online(const sim_world *w, int n)
{
    return !(w->nodes[n].controls & SIM_CTL_ISOLATED);
}

void node_refresh(sim_world *w, int i)
{
    node *n = &w->nodes[i];
    if (n->controls & SIM_CTL_ISOLATED)
        n->state = SIM_STATE_OFFLINE;
    else if (n->encrypted)
        n->state = SIM_STATE_ENCRYPTED;
    else if (n->intrusions > 0)
        n->state = SIM_STATE_COMPROMISED;
    else if (n->degraded_until > w->tick)
        n->state = SIM_STATE_DEGRADED;
    else
        n->state = SIM_STATE_HEALTHY;
}

void log_add(sim_world *w, sim_log_kind kind, bool visible, int node_i, int actor_i, int vuln_i,
             const char *fmt, ...)
{
    char buf[SIM_TEXT_MAX];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(buf, sizeof buf, fmt, ap);
    va_end(ap);
    int off = text_add(w, buf);
    if (off < 0)
        return;
    log_entry *e = vec_push(w, &w->log, sizeof *e);
    if (!e)
        return;
    e->tick = w->tick;
    e->kind = kind;
    e->visible = visible;
    e->node = node_i;
    e->actor = actor_i;
    e->vuln = vuln_i;
    e->text = off;
}

int vuln_create(sim_world *w, const sim_vuln_def *d, int node_index)
{
    vuln *v = vec_push(w, &w->vulns, sizeof *v);
    if (!v)
        return BW_ENOMEM;
    int idx = w->vulns.len - 1;
    copy_str(v->id, sizeof v->id, d->id);
    v->node = node_index;
    v->cwe = d->cwe;
    v->severity = d->severity_tenths;
    /* Unless the scenario says otherwise, the worse the flaw the easier
     * it is to exploit: severity 9.8 gives 0.98. */
    v->exploitability = d->exploitability_permille ? d->exploitability_permille
                                                   : d->severity_tenths * 10;
    v->fix_available = d->fix_available;
    v->known_def = d->known_to_defender;
    v->known_att = d->known_to_attackers || d->is_public;
    v->is_public = d->is_public;
    v->design_flaw = d->design_flaw;
    v->appears_at = d->appears_at;
    v->exists = d->appears_at <= w->tick;
    v->found_at = d->known_to_defender ? w->tick : -1;
    v->next_on_node = w->nodes[node_index].first_vuln;
    w->nodes[node_index].first_vuln = idx;
    return idx;
}
