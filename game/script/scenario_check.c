/* scenario_check.c — the cross-reference checks of a scenario: duplicate
 * ids and references to ids that do not exist, each with the line of the
 * reference and a "did you mean" drawn from the ids that do. Plain C on
 * the sim_def, no Lua. */
#include "scenario_build.h"

#include <stdlib.h>
#include <string.h>

/* Closest id in a definition array of structs whose first field is the id. */
static const char *closest_id(const char *word, const void *base, size_t count, size_t stride)
{
    const char *names[257];
    size_t n = count < 256 ? count : 256;
    for (size_t i = 0; i < n; i++)
        names[i] = *(const char *const *)((const char *)base + i * stride);
    names[n] = NULL;
    for (size_t i = 0; i < n; i++)
        if (!names[i])
            names[i] = "";
    return bw_closest(word, names);
}

static bool has_id(const char *id, const void *base, size_t count, size_t stride)
{
    for (size_t i = 0; id && i < count; i++) {
        const char *x = *(const char *const *)((const char *)base + i * stride);
        if (x && strcmp(x, id) == 0)
            return true;
    }
    return false;
}

static void duplicates(build *b, const char *what, const void *base, size_t count, size_t stride,
                       const int *lines)
{
    /* Quadratic, but only over the first few hundred ids; a generated
     * world of thousands is checked by sim_world_create. */
    size_t n = count < 2000 ? count : 2000;
    for (size_t i = 0; i < n; i++) {
        const char *a = *(const char *const *)((const char *)base + i * stride);
        for (size_t j = 0; a && j < i; j++) {
            const char *x = *(const char *const *)((const char *)base + j * stride);
            if (x && strcmp(a, x) == 0) {
                reader_problem(&b->r, lines[i], "duplicate %s id '%s' (first defined on line %d)",
                               what, a, lines[j]);
                break;
            }
        }
    }
}

static void unknown_ref(build *b, int line, const char *what, const char *kind, const char *id,
                        const void *base, size_t count, size_t stride)
{
    if (!id || has_id(id, base, count, stride))
        return;
    const char *near = closest_id(id, base, count, stride);
    if (near)
        reader_problem(&b->r, line, "unknown %s '%s' in %s (did you mean '%s'?)", kind, id, what, near);
    else
        reader_problem(&b->r, line, "unknown %s '%s' in %s", kind, id, what);
}

void build_crosscheck(build *b)
{
    const sim_def *d = &b->def;
    duplicates(b, "node", d->nodes, d->node_count, sizeof *d->nodes, b->node_lines);
    duplicates(b, "vulnerability", d->vulns, d->vuln_count, sizeof *d->vulns, b->vuln_lines);
    duplicates(b, "actor", d->actors, d->actor_count, sizeof *d->actors, b->actor_lines);
    duplicates(b, "report", d->reports, d->report_count, sizeof *d->reports, b->report_lines);
    duplicates(b, "objective", d->objectives, d->objective_count, sizeof *d->objectives,
               b->objective_lines);
    for (size_t i = 0; i < d->link_count; i++) {
        char what[32];
        snprintf(what, sizeof what, "link %zu", i + 1);
        unknown_ref(b, b->link_lines[i], what, "node", d->links[i].from, d->nodes, d->node_count,
                    sizeof *d->nodes);
        unknown_ref(b, b->link_lines[i], what, "node", d->links[i].to, d->nodes, d->node_count,
                    sizeof *d->nodes);
        if (d->links[i].from && d->links[i].to && strcmp(d->links[i].from, d->links[i].to) == 0)
            reader_problem(&b->r, b->link_lines[i], "link %zu: node '%s' links to itself", i + 1,
                           d->links[i].from);
    }
    for (size_t i = 0; i < d->report_count; i++) {
        char what[96];
        snprintf(what, sizeof what, "report '%s'", d->reports[i].id ? d->reports[i].id : "?");
        unknown_ref(b, b->report_lines[i], what, "vulnerability", d->reports[i].vuln, d->vulns,
                    d->vuln_count, sizeof *d->vulns);
        if (d->days && d->reports[i].at > d->days * SIM_TICKS_PER_DAY)
            reader_problem(&b->r, b->report_lines[i], "%s arrives at tick %d, after the scenario ends",
                           what, d->reports[i].at);
    }
    for (size_t i = 0; i < d->objective_count; i++)
        if (d->objectives[i].kind == SIM_OBJ_NODE_NEVER_LOST) {
            char what[96];
            snprintf(what, sizeof what, "objective '%s'", d->objectives[i].id ? d->objectives[i].id : "?");
            unknown_ref(b, b->objective_lines[i], what, "node", d->objectives[i].target, d->nodes,
                        d->node_count, sizeof *d->nodes);
        }
}
