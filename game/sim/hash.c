/* hash.c — one 64-bit FNV-1a over the whole world, field by field in a
 * fixed order (never raw struct bytes: padding is not state). Two worlds
 * with the same hash played the same game; replays and determinism tests
 * rest on it. */
#include "internal.h"

#include <string.h>

typedef struct hasher {
    uint64_t h;
} hasher;

static void put_bytes(hasher *s, const void *p, size_t n)
{
    const unsigned char *b = p;
    for (size_t i = 0; i < n; i++) {
        s->h ^= b[i];
        s->h *= 0x100000001b3ULL;
    }
}

static void put(hasher *s, int64_t v)
{
    unsigned char b[8];
    for (int i = 0; i < 8; i++)
        b[i] = (unsigned char)((uint64_t)v >> (8 * i)); /* same bytes on any endianness */
    put_bytes(s, b, sizeof b);
}

static void put_str(hasher *s, const char *str)
{
    put_bytes(s, str, strlen(str) + 1);
}

static void hash_nodes(hasher *s, const sim_world *w)
{
    for (int i = 0; i < w->node_count; i++) {
        const node *n = &w->nodes[i];
        put_str(s, n->id);
        put(s, n->kind); put(s, n->zone); put(s, n->value); put(s, n->users);
        put(s, n->controls); put(s, n->state); put(s, n->has_data); put(s, n->data_lost);
        put(s, n->leaked_credentials); put(s, n->encrypted); put(s, n->ever_lost);
        put(s, n->ever_compromised); put(s, n->degraded_until); put(s, n->intrusions);
        put(s, n->detected); put(s, (int64_t)n->held_by); put(s, (int64_t)n->partner_warned);
        put(s, n->first_vuln); put(s, n->busy);
    }
    for (int i = 0; i < w->link_count; i++) {
        put(s, w->links[i].from); put(s, w->links[i].to); put(s, w->links[i].kind);
    }
}

static void hash_lists(hasher *s, const sim_world *w)
{
    for (int i = 0; i < w->vulns.len; i++) {
        const vuln *v = VEC_AT(w->vulns, vuln, i);
        put_str(s, v->id);
        put(s, v->node); put(s, v->cwe); put(s, v->severity); put(s, v->exploitability);
        put(s, v->fix_available); put(s, v->patched); put(s, v->exists); put(s, v->known_def);
        put(s, v->known_att); put(s, v->is_public); put(s, v->design_flaw);
        put(s, v->appears_at); put(s, v->found_at); put(s, v->next_on_node);
    }
    for (int i = 0; i < w->actor_count; i++) {
        const actor *a = &w->actors[i];
        put_str(s, a->id);
        put(s, a->motive); put(s, a->skill); put(s, a->techniques); put(s, a->active_from);
        put(s, a->disrupted_until); put(s, a->attempts_per_day); put(s, a->indicators_known);
        put(s, a->indicators_shared); put(s, a->detected);
    }
    for (int i = 0; i < w->intrusions.len; i++) {
        const intrusion *in = VEC_AT(w->intrusions, intrusion, i);
        put(s, in->actor); put(s, in->node); put(s, in->stage); put(s, in->via);
        put(s, in->started); put(s, in->dwell); put(s, in->detected_at); put(s, in->detected);
        put(s, in->log_index);
        put(s, in->active);
    }
    for (int i = 0; i < w->reports.len; i++) {
        const report *r = VEC_AT(w->reports, report, i);
        put_str(s, r->id);
        put(s, r->vuln); put(s, r->arrives_at); put(s, r->deadline); put(s, r->state);
    }
    for (int i = 0; i < w->running.len; i++) {
        const running *r = VEC_AT(w->running, running, i);
        put(s, r->id); put(s, r->req.kind); put(s, r->req.target); put(s, r->req.arg);
        put(s, r->started); put(s, r->done_at);
    }
    for (int i = 0; i < w->choices.len; i++) {
        const choice *c = VEC_AT(w->choices, choice, i);
        put_str(s, text_at(w, c->text));
        put(s, c->option_count); put(s, c->deadline); put(s, c->answer); put(s, c->cookie);
    }
    for (int i = 0; i < w->events.len; i++) {
        const event *e = VEC_AT(w->events, event, i);
        put(s, e->at); put(s, e->seq); put(s, e->cookie);
    }
    for (int i = 0; i < w->breaches.len; i++) {
        const breach *b = VEC_AT(w->breaches, breach, i);
        put(s, b->node); put(s, b->tick); put(s, b->detected_at); put(s, b->notified);
        put(s, b->concealed);
    }
    for (int i = 0; i < w->objectives.len; i++)
        put(s, VEC_AT(w->objectives, objective, i)->script_met);
}

static void hash_log(hasher *s, const sim_world *w)
{
    for (int i = 0; i < w->log.len; i++) {
        const log_entry *e = VEC_AT(w->log, log_entry, i);
        put(s, e->tick); put(s, e->kind); put(s, e->node); put(s, e->actor); put(s, e->vuln);
        put(s, e->visible);
        put_str(s, text_at(w, e->text));
    }
}

uint64_t sim_world_hash(const sim_world *w)
{
    hasher s = { 0xcbf29ce484222325ULL };
    if (!w)
        return 0;
    put(&s, (int64_t)w->seed); put(&s, (int64_t)w->rng.state); put(&s, (int64_t)w->rng.inc);
    put(&s, w->tick); put(&s, w->days); put(&s, w->over); put(&s, w->ended_early);
    put(&s, w->ended_won); put(&s, w->actions_offered); put(&s, w->next_action_id);
    put(&s, w->next_event_seq); put(&s, w->weakness_serial); put(&s, w->weak_ids_taken); put(&s, w->resp_penalty);
    put(&s, w->collab_bonus);
    const defender *d = &w->def;
    put(&s, d->budget); put(&s, d->income_per_day); put(&s, d->staff); put(&s, d->staff_hours);
    for (int a = 0; a < SIM_AREA_COUNT; a++) {
        put(&s, d->cap[a]);
        put(&s, d->cap_start[a]);
    }
    put(&s, d->practices); put(&s, d->practices_adopted); put(&s, d->in_sharing_group);
    put(&s, d->security_txt);
    const sim_tally *t = &w->tally;
    put(&s, t->customer_hours_possible); put(&s, t->customer_hours_safe); put(&s, t->data_lost);
    put(&s, t->data_total); put(&s, t->offenses); put(&s, t->bystanders_harmed);
    put(&s, t->deadlines_missed); put(&s, t->breaches_concealed); put(&s, t->indicators_shared);
    put(&s, t->indicators_received); put(&s, t->reports_coordinated); put(&s, t->breaches_notified);
    put(&s, t->partners_protected); put(&s, t->nodes_compromised); put(&s, t->responsibility_adjust);
    put(&s, t->collaboration_adjust); put(&s, t->capacity_adjust); put(&s, t->protection_adjust);
    hash_nodes(&s, w);
    hash_lists(&s, w);
    hash_log(&s, w);
    return s.h;
}
