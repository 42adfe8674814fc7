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
    script_asset assets[SCRIPT_MAX_ASSETS]; int nassets; size_t asset_bytes;
    int logo;                  /* index in assets, -1 = none */
    int *node_icons;           /* per node: index in assets, -1 = none */
    char asset_dir[4096];      /* the scenario's real folder, found on first use */
} build;

/* Read every field of the scenario table at t (inside a protected call). */
void build_read(build *b, lua_State *L, int t);
/* Cross-references: duplicate ids, links and reports to unknown ids. */
void build_crosscheck(build *b);
void build_free(build *b);
/* assets = { logo = ... } and a node's icon = ... (scenario_assets.c):
 * read and checked inside the protected call; the icon's index in
 * b->assets or -1. assets_free frees n assets' memory. */
void assets_read_scenario(build *b, lua_State *L, int t);
int assets_read_icon(build *b, lua_State *L, int nt, const char *what, int line);
void assets_free(script_asset *a, int n);
/* lint = { ignore = { "name", ... } } (inside the protected call). */
void lint_read(build *b, lua_State *L, int t);
/* The lints: warnings "... [name]" on a scenario that has no error. */
void build_lint(build *b);

#endif
