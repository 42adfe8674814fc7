/* debrief.h — what a finished game taught, as data: the model behind the
 * debrief screen and the text debrief (DESIGN.md section 5).
 *
 * Built from a finished (or stopped) scenario: the outcome; the four
 * pillars day by day; the incidents, each with what would have prevented
 * it; the practices the scenario teaches, each with a sentence tied to
 * what happened in this game; the choices and actions that mattered most;
 * and the scenario's own debrief text. No SDL, no I/O: the UI draws it,
 * `run` prints it, tests assert on it.
 *
 * Ownership: script_debrief_build fills a caller-owned struct whose
 * strings it owns; release with script_debrief_free. */
#ifndef BULWARK_DEBRIEF_H
#define BULWARK_DEBRIEF_H

#include <stdbool.h>

#include "bulwark/error.h"
#include "bulwark/script.h"
#include "bulwark/sim.h"

#define DEBRIEF_MAX_DAYS 400

typedef struct debrief_incident {
    int tick;              /* when it started */
    int detected_at;       /* -1 when never detected */
    char node[64];         /* node id */
    char actor[64];        /* actor name */
    char technique[16];    /* "T1190" */
    char what[200];        /* "Exploited a public-facing application on web-1" */
    char prevent[200];     /* "A WAF or a patch of CVE-… would have stopped it (RV.2)" */
    bool harmful;          /* reached impact (data, encryption, outage) */
} debrief_incident;

typedef struct debrief_practice {
    char kind[8];          /* "accord", "ssdf", "attack", "cwe" */
    char id[24];           /* "RV.2", "T1190", "CWE-502", "protection" */
    char title[160];       /* from the catalogue */
    char in_game[240];     /* a sentence tied to this game */
} debrief_practice;

typedef struct debrief_moment {
    int tick;
    char text[240];        /* "Day 3: you chose “Coordinate with the researcher” (responsibility +10)" */
    int weight;            /* how much it mattered; higher first */
} debrief_moment;

typedef struct script_debrief {
    sim_outcome outcome;
    int stars, ticks, days;
    int pillars[SIM_PILLAR_COUNT];                   /* final */
    int history_days;                                /* entries in history */
    int history[DEBRIEF_MAX_DAYS][SIM_PILLAR_COUNT]; /* end of each day */
    int incident_count;
    debrief_incident *incidents;
    int practice_count;
    debrief_practice *practices;
    int moment_count;
    debrief_moment *moments;                          /* most important first */
    int objectives_met, objectives_total;
    char *scenario_text;                             /* the scenario's debrief(w, result); "" when none */
} script_debrief;

/* catalog may be NULL (titles then empty). On a scenario script error in
 * its debrief callback, the rest is still filled and scenario_text holds
 * the "file:line: message" of the error; returns BW_OK either way unless
 * out of memory. */
int script_debrief_build(script_scenario *s, const script_catalog *catalog, script_debrief *out,
                         bw_err *err);
void script_debrief_free(script_debrief *d);

#endif
