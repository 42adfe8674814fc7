/* scenario_build.h — reading a scenario table into a sim_def (internal). */
#ifndef BULWARK_SCENARIO_BUILD_H
#define BULWARK_SCENARIO_BUILD_H

#include "scenario_read.h"

typedef struct build_event {
    int at, ref;
} build_event;

typedef struct build {
    reader r;
    const script_catalog *catalog;
    int scenario_line;
    sim_def def;
    sim_node_def *nodes;       int *node_lines;
    sim_link_def *links;       int *link_lines;
    sim_vuln_def *vulns;       int *vuln_lines; int vuln_cap;
    sim_actor_def *actors;     int *actor_lines;
    sim_report_def *reports;   int *report_lines;
    sim_objective_def *objectives; int *objective_lines; int *checks;
    sim_action_override *overrides;
    build_event *events;       int nevents;
    int on_start, on_tick, on_action, debrief;
    const char *id, *title, *briefing, *author;
    uint64_t seed;
    const char *teaches[4][SCRIPT_MAX_TEACH];
    int teach_count[4];
    int action_lines[SIM_ACTION_KIND_COUNT]; /* where each offered action is named; 0 = not listed */
    const char *lint_ignore[16]; int lint_ignore_count; /* lint = { ignore = { ... } } */
} build;

/* Read every field of the scenario table at t (inside a protected call). */
void build_read(build *b, lua_State *L, int t);
/* Cross-references: duplicate ids, links and reports to unknown ids. */
void build_crosscheck(build *b);
void build_free(build *b);
/* lint = { ignore = { "name", ... } } (inside the protected call). */
void lint_read(build *b, lua_State *L, int t);
/* The lints: warnings "... [name]" on a scenario that has no error. */
void build_lint(build *b);

#endif
