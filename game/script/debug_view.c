/* debug_view.c — the author's debug view as lines (debug_view.h): what
 * the world hides from the player, read only through const queries. */
#include "bulwark/debug_view.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#define MAX_EVENTS_SHOWN 8

static int add(debug_view *v, debug_line_kind kind, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 3, 4)))
#endif
    ;

static int add(debug_view *v, debug_line_kind kind, const char *fmt, ...)
{
    if (v->count == v->cap) {
        int ncap = v->cap ? v->cap * 2 : 64;
        debug_line *p = realloc(v->lines, (size_t)ncap * sizeof *p);
        if (!p)
            return BW_ENOMEM;
        v->lines = p;
        v->cap = ncap;
    }
    debug_line *l = &v->lines[v->count++];
    l->kind = kind;
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(l->text, sizeof l->text, fmt, ap);
    va_end(ap);
    size_t len = strlen(l->text);
    while (len > 0 && l->text[len - 1] == ' ') /* padded columns end clean */
        l->text[--len] = '\0';
    return BW_OK;
}

void debug_format_ppm(uint32_t ppm, char *buf, size_t n)
{
    /* Integer arithmetic: 12.5% is 125000 ppm. */
    if (ppm > 0 && ppm < 1000)
        snprintf(buf, n, "<0.1%%");
    else
        snprintf(buf, n, "%u.%u%%", ppm / 10000, (ppm / 1000) % 10);
}

static void when(int tick, char *buf, size_t n)
{
    snprintf(buf, n, "day %d %02d:00", tick / SIM_TICKS_PER_DAY + 1, tick % SIM_TICKS_PER_DAY);
}

static const char *node_id(const sim_world *w, int n)
{
    sim_node_info ni;
    return sim_node_get(w, n, &ni) == BW_OK ? ni.id : "-";
}

static const char *actor_id(const sim_world *w, int a)
{
    sim_actor_info ai;
    return sim_actor_get(w, a, &ai) == BW_OK ? ai.id : "-";
}

/* What the player does not see about node n: its true state differs
 * from the view, or an intrusion on it is undetected. */
static bool node_hidden(const sim_world *w, int n)
{
    sim_node_info ni;
    sim_node_view nv;
    return sim_node_get(w, n, &ni) == BW_OK && sim_node_view_get(w, n, &nv) == BW_OK &&
           (ni.state != nv.state || ni.intrusions > nv.detected_intrusions);
}

/* Hidden nodes first (the panel in play may show only the top lines). */
static int nodes_section(const sim_world *w, debug_view *v)
{
    int rc = add(v, DEBUG_HEADING, "Nodes: the truth, and what the player sees");
    for (int pass = 0; pass < 2; pass++)
        for (int n = 0; n < sim_node_count(w) && rc == BW_OK; n++) {
            bool hidden = node_hidden(w, n);
            if (hidden != (pass == 0))
                continue;
            sim_node_info ni;
            sim_node_view nv;
            sim_node_get(w, n, &ni);
            sim_node_view_get(w, n, &nv);
            char held[120] = "";
            size_t used = 0;
            for (int i = 0; ni.intrusions > 0 && i < sim_intrusion_count(w); i++) {
                sim_intrusion_info ii;
                if (sim_intrusion_get(w, i, &ii) == BW_OK && ii.active && ii.node == n &&
                    used < sizeof held)
                    used += (size_t)snprintf(held + used, sizeof held - used, "%s%s%s",
                                             used ? ", " : "", actor_id(w, ii.actor),
                                             ii.detected ? "" : " (unseen)");
            }
            v->hidden_nodes += hidden;
            if (hidden)
                rc = add(v, DEBUG_HIDDEN, "! %s: %s (player sees %s)%s%s", ni.id,
                         sim_state_name(ni.state), sim_state_name(nv.state),
                         held[0] ? ", held by " : "", held);
            else
                rc = add(v, DEBUG_TEXT, "  %s: %s%s%s", ni.id, sim_state_name(ni.state),
                         held[0] ? ", held by " : "", held);
        }
    return rc;
}

static int actors_section(const sim_world *w, debug_view *v)
{
    int rc = add(v, DEBUG_HEADING, "Attackers: progress along the attack chain, next step");
    char t1[32], t2[32], p1[16], p2[16];
    for (int a = 0; a < sim_actor_count(w) && rc == BW_OK; a++) {
        sim_actor_info ai;
        sim_next_step ns;
        sim_actor_get(w, a, &ai);
        sim_actor_next_access(w, a, &ns);
        debug_format_ppm(ns.chance_ppm, p1, sizeof p1);
        if (ns.at >= 0) {
            when(ns.at, t1, sizeof t1);
            rc = add(v, DEBUG_TEXT, "%s (%s, skill %d): next way in %s, %s to get a foothold%s%s",
                     ai.id, sim_motive_name(ai.motive), ai.skill, t1, p1,
                     ns.technique >= 0 ? " via " : "",
                     ns.technique >= 0 ? sim_technique_name((sim_technique)ns.technique) : "");
        } else {
            rc = add(v, DEBUG_TEXT, "%s (%s, skill %d): no new way in (%s)", ai.id,
                     sim_motive_name(ai.motive), ai.skill, ns.why);
        }
        for (int i = 0; i < sim_intrusion_count(w) && rc == BW_OK; i++) {
            sim_intrusion_info ii;
            if (sim_intrusion_get(w, i, &ii) != BW_OK || ii.actor != a || !ii.active)
                continue;
            sim_intrusion_next(w, i, &ns);
            debug_format_ppm(ns.chance_ppm, p1, sizeof p1);
            debug_format_ppm(ns.move_ppm, p2, sizeof p2);
            char step[120], hop[80] = "";
            if (ns.at >= 0) {
                when(ns.at, t1, sizeof t1);
                snprintf(step, sizeof step, "next %s (%s) %s at %s", sim_stage_name(ns.stage),
                         sim_technique_name((sim_technique)ns.technique), p1, t1);
            } else {
                snprintf(step, sizeof step, "(%s)", ns.why);
            }
            if (ns.move_at >= 0) {
                when(ns.move_at, t2, sizeof t2);
                snprintf(hop, sizeof hop, "; hop %s at %s", p2, t2);
            }
            rc = add(v, ii.detected ? DEBUG_TEXT : DEBUG_HIDDEN, "    on %s [%s]: %s%s%s",
                     node_id(w, ii.node), sim_stage_name(ii.stage), step, hop,
                     ii.detected ? "" : " [unseen]");
        }
    }
    return rc;
}

static int events_section(script_scenario *s, debug_view *v)
{
    script_pending_event ev[MAX_EVENTS_SHOWN];
    int n = script_scenario_pending_events(s, ev, MAX_EVENTS_SHOWN);
    int rc = add(v, DEBUG_HEADING, "Pending events (%d)", n);
    char t[32];
    for (int i = 0; i < n && i < MAX_EVENTS_SHOWN && rc == BW_OK; i++) {
        when(ev[i].at, t, sizeof t);
        const char *where = strrchr(ev[i].where, '/');
        rc = add(v, DEBUG_TEXT, "  %s  %s", t, where ? where + 1 : ev[i].where);
    }
    if (rc == BW_OK && n > MAX_EVENTS_SHOWN)
        rc = add(v, DEBUG_DIM, "  ... and %d more", n - MAX_EVENTS_SHOWN);
    return rc;
}

static int draws_section(const sim_world *w, debug_view *v)
{
    int total = sim_draw_count(w);
    int kept = total < SIM_DRAW_RING ? total : SIM_DRAW_RING;
    int rc = add(v, DEBUG_HEADING, "Random draws of tick %d (%d%s)", sim_world_tick(w), total,
                 total > kept ? ", the last ones shown" : "");
    for (int i = 0; i < kept && rc == BW_OK; i++) {
        sim_draw d;
        sim_draw_get(w, i, &d);
        char who[120] = "";
        if (d.actor >= 0 || d.node >= 0)
            snprintf(who, sizeof who, " %s%s%s", d.actor >= 0 ? actor_id(w, d.actor) : "",
                     d.actor >= 0 && d.node >= 0 ? " -> " : "", d.node >= 0 ? node_id(w, d.node) : "");
        if (d.chance_ppm > 0) {
            char p[16], r[16];
            debug_format_ppm(d.chance_ppm, p, sizeof p);
            debug_format_ppm(d.value, r, sizeof r);
            rc = add(v, d.hit ? DEBUG_TEXT : DEBUG_DIM, "  %s%s%s%s: rolled %s under %s: %s", d.what,
                     who, d.technique >= 0 ? " " : "",
                     d.technique >= 0 ? sim_technique_name((sim_technique)d.technique) : "", r, p,
                     d.hit ? "HIT" : "miss");
        } else if (d.bound) {
            rc = add(v, DEBUG_DIM, "  %s%s: %u of %u", d.what, who, d.value + 1, d.bound);
        } else {
            rc = add(v, DEBUG_DIM, "  %s%s: %08x", d.what, who, d.value);
        }
    }
    return rc;
}

int debug_view_build(script_scenario *s, debug_view *v)
{
    memset(v, 0, sizeof *v);
    const sim_world *w = script_scenario_cworld(s);
    if (!w)
        return BW_EINVAL;
    char t[32];
    when(sim_world_tick(w), t, sizeof t);
    int rc = add(v, DEBUG_HEADING, "Hidden state at tick %d (%s)", sim_world_tick(w), t);
    if (rc == BW_OK)
        rc = nodes_section(w, v);
    if (rc == BW_OK)
        rc = actors_section(w, v);
    if (rc == BW_OK)
        rc = events_section(s, v);
    if (rc == BW_OK)
        rc = draws_section(w, v);
    if (rc != BW_OK)
        debug_view_free(v);
    return rc;
}

void debug_view_free(debug_view *v)
{
    if (!v)
        return;
    free(v->lines);
    memset(v, 0, sizeof *v);
}

void debug_view_print(const debug_view *v, FILE *out)
{
    for (int i = 0; i < v->count; i++)
        fprintf(out, "%s%s\n", v->lines[i].kind == DEBUG_HEADING && i ? "\n" : "", v->lines[i].text);
}
