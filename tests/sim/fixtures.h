/* fixtures.h — small worlds and helpers shared by the sim tests.
 *
 * Header-only (static inline): CMake compiles only tests/sim/test_*.c,
 * each into its own binary. Include after cmocka.h's prerequisites.
 *
 * A fixture is a world definition built in place: fixed-size arrays that
 * the helpers fill, and fx_def() that points a sim_def at them. Tests add
 * what they need and nothing more, so that every chance a test reasons
 * about comes from the nodes, actors and controls it can see. */
#ifndef BULWARK_TESTS_SIM_FIXTURES_H
#define BULWARK_TESTS_SIM_FIXTURES_H

#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "bulwark/sim.h"

#define FX_MAX 16
#define FX_ALL_ACTIONS ((1u << SIM_ACTION_KIND_COUNT) - 1u)
#define FX_TECH(t) (1u << (t))

typedef struct fx {
    sim_node_def nodes[FX_MAX];
    sim_link_def links[FX_MAX];
    sim_vuln_def vulns[FX_MAX];
    sim_actor_def actors[FX_MAX];
    sim_report_def reports[FX_MAX];
    sim_objective_def objectives[FX_MAX];
    sim_action_override overrides[FX_MAX];
    size_t node_count, link_count, vuln_count, actor_count, report_count;
    size_t objective_count, override_count;
    sim_def def;
} fx;

/* A defender with money and people to spare, no income, no capability,
 * and no new weaknesses (rate 0) unless a test asks for them: chances in
 * a test then come only from what the test put in the world. */
static inline void fx_init(fx *f, int days)
{
    memset(f, 0, sizeof *f);
    f->def.days = days;
    f->def.weakness_rate_ppm = 0;
    f->def.defender.budget = 100;
    f->def.defender.staff = 4;
}

static inline int fx_node(fx *f, const char *id, sim_node_kind kind, sim_zone zone, int value,
                          int users, unsigned controls)
{
    assert_true(f->node_count < FX_MAX);
    sim_node_def *n = &f->nodes[f->node_count];
    memset(n, 0, sizeof *n);
    n->id = id;
    n->kind = kind;
    n->zone = zone;
    n->value = value;
    n->users = users;
    n->controls = controls;
    return (int)f->node_count++;
}

static inline void fx_link(fx *f, const char *from, const char *to, sim_link_kind kind)
{
    assert_true(f->link_count < FX_MAX);
    f->links[f->link_count++] = (sim_link_def){ from, to, kind };
}

/* A vulnerability with a fix, known to both sides: the exploit case. */
static inline sim_vuln_def *fx_vuln(fx *f, const char *id, const char *node, int severity_tenths)
{
    assert_true(f->vuln_count < FX_MAX);
    sim_vuln_def *v = &f->vulns[f->vuln_count++];
    memset(v, 0, sizeof *v);
    v->id = id;
    v->node = node;
    v->cwe = 89;
    v->severity_tenths = severity_tenths;
    v->fix_available = true;
    v->known_to_defender = true;
    v->known_to_attackers = true;
    return v;
}

static inline sim_actor_def *fx_actor(fx *f, const char *id, sim_motive motive, int skill,
                                      uint32_t techniques)
{
    assert_true(f->actor_count < FX_MAX);
    sim_actor_def *a = &f->actors[f->actor_count++];
    memset(a, 0, sizeof *a);
    a->id = id;
    a->motive = motive;
    a->skill = skill;
    a->techniques = techniques;
    return a;
}

static inline sim_report_def *fx_report(fx *f, const char *id, const char *vuln, int at,
                                        int deadline_ticks)
{
    assert_true(f->report_count < FX_MAX);
    sim_report_def *r = &f->reports[f->report_count++];
    *r = (sim_report_def){ id, vuln, "Ada", at, deadline_ticks };
    return r;
}

static inline sim_objective_def *fx_objective(fx *f, const char *id, sim_objective_kind kind,
                                              const char *target, int value)
{
    assert_true(f->objective_count < FX_MAX);
    sim_objective_def *o = &f->objectives[f->objective_count++];
    *o = (sim_objective_def){ id, id, kind, target, value, false };
    return o;
}

static inline void fx_override(fx *f, sim_action_kind kind, int money, int staff_hours,
                               int duration)
{
    assert_true(f->override_count < FX_MAX);
    f->overrides[f->override_count++] =
        (sim_action_override){ kind, { money, staff_hours, duration } };
}

static inline const sim_def *fx_def(fx *f)
{
    f->def.nodes = f->node_count ? f->nodes : NULL;
    f->def.node_count = f->node_count;
    f->def.links = f->link_count ? f->links : NULL;
    f->def.link_count = f->link_count;
    f->def.vulns = f->vuln_count ? f->vulns : NULL;
    f->def.vuln_count = f->vuln_count;
    f->def.actors = f->actor_count ? f->actors : NULL;
    f->def.actor_count = f->actor_count;
    f->def.reports = f->report_count ? f->reports : NULL;
    f->def.report_count = f->report_count;
    f->def.objectives = f->objective_count ? f->objectives : NULL;
    f->def.objective_count = f->objective_count;
    f->def.overrides = f->override_count ? f->overrides : NULL;
    f->def.override_count = f->override_count;
    return &f->def;
}

static inline sim_world *fx_create(fx *f, uint64_t seed)
{
    bw_err err;
    sim_world *w = sim_world_create(fx_def(f), seed, NULL, NULL, &err);
    if (!w)
        fail_msg("sim_world_create refused a fixture: %s", err.msg);
    return w;
}

static inline void fx_step(sim_world *w, int n)
{
    bw_err err;
    for (int i = 0; i < n; i++) {
        int rc = sim_world_step(w, &err);
        if (rc != BW_OK)
            fail_msg("step to tick %d failed: %s", sim_world_tick(w) + 1, err.msg);
    }
}

/* Start an action that the test expects to be accepted. */
static inline int fx_start(sim_world *w, sim_action_kind kind, int target, int arg)
{
    bw_err err;
    sim_action_req req = { kind, target, arg };
    int id = sim_action_start(w, &req, &err);
    if (id < 0)
        fail_msg("%s refused at tick %d: %s", sim_action_name(kind), sim_world_tick(w), err.msg);
    return id;
}

static inline int fx_try(sim_world *w, sim_action_kind kind, int target, int arg, bw_err *err)
{
    sim_action_req req = { kind, target, arg };
    return sim_action_start(w, &req, err);
}

static inline int fx_node_id(const sim_world *w, const char *id)
{
    int n = sim_node_find(w, id);
    if (n < 0)
        fail_msg("no node '%s'", id);
    return n;
}

static inline sim_node_info fx_node_info(const sim_world *w, int n)
{
    sim_node_info info;
    assert_int_equal(sim_node_get(w, n, &info), BW_OK);
    return info;
}

static inline sim_defender_info fx_defender(const sim_world *w)
{
    sim_defender_info d;
    assert_int_equal(sim_defender_get(w, &d), BW_OK);
    return d;
}

static inline int fx_pillar(const sim_world *w, sim_pillar p)
{
    sim_score s;
    sim_world_score(w, &s);
    return s.pillar[p];
}

static inline sim_tally fx_tally(const sim_world *w)
{
    sim_tally t;
    sim_world_tally(w, &t);
    return t;
}

static inline sim_intrusion_info fx_intrusion(const sim_world *w, int i)
{
    sim_intrusion_info in;
    assert_int_equal(sim_intrusion_get(w, i, &in), BW_OK);
    return in;
}

static inline bool fx_has_control(const sim_world *w, int n, unsigned control)
{
    return (fx_node_info(w, n).controls & control) != 0;
}

/* Does this actor hold an active intrusion on this node? */
static inline bool fx_holds(const sim_world *w, int actor, int node)
{
    for (int i = 0; i < sim_intrusion_count(w); i++) {
        sim_intrusion_info in = fx_intrusion(w, i);
        if (in.active && in.actor == actor && in.node == node)
            return true;
    }
    return false;
}

/* Has this actor ever held this node (active or evicted)? */
static inline bool fx_ever_held(const sim_world *w, int actor, int node)
{
    for (int i = 0; i < sim_intrusion_count(w); i++) {
        sim_intrusion_info in = fx_intrusion(w, i);
        if (in.actor == actor && in.node == node)
            return true;
    }
    return false;
}

/* Step until pred holds or the game would end; returns whether it held. */
static inline bool fx_step_until(sim_world *w, bool (*pred)(const sim_world *, void *), void *ud,
                                 int max_ticks)
{
    for (int i = 0; i < max_ticks && !sim_world_over(w); i++) {
        if (pred(w, ud))
            return true;
        fx_step(w, 1);
    }
    return pred(w, ud);
}

#endif
