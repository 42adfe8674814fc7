/* debrief.c — the text debrief of a finished (or running) world: outcome,
 * pillars with their history, objectives, the tallies behind the score
 * and the timeline the defender saw. Shared by `demo` and `run`. */
#include "bulwark/app.h"

static const char *outcome_name(sim_outcome o)
{
    return o == SIM_OUTCOME_WON ? "WON" : o == SIM_OUTCOME_LOST ? "LOST" : "RUNNING";
}

static void print_timeline(const sim_world *w, FILE *out, int max_lines)
{
    int shown = 0, total = 0;
    for (int i = 0; i < sim_log_count(w); i++) {
        sim_log_entry e;
        if (sim_log_get(w, i, &e) == BW_OK && e.visible && e.kind != SIM_LOG_ACTION_STARTED)
            total++;
    }
    fprintf(out, "\nTimeline (%d events the defender saw%s):\n", total,
            total > max_lines ? ", the last ones" : "");
    for (int i = 0; i < sim_log_count(w); i++) {
        sim_log_entry e;
        if (sim_log_get(w, i, &e) != BW_OK || !e.visible || e.kind == SIM_LOG_ACTION_STARTED)
            continue;
        if (total - shown++ > max_lines)
            continue;
        fprintf(out, "  day %2d %02d:00  %-10s %s\n", e.tick / SIM_TICKS_PER_DAY + 1,
                e.tick % SIM_TICKS_PER_DAY, sim_log_kind_name(e.kind), e.text);
    }
}

static void print_hidden(const sim_world *w, FILE *out)
{
    int undetected = 0;
    for (int i = 0; i < sim_intrusion_count(w); i++) {
        sim_intrusion_info in;
        sim_intrusion_get(w, i, &in);
        if (in.active && !in.detected)
            undetected++;
    }
    if (undetected)
        fprintf(out, "\nWhat you never saw: %d intrusion%s still undetected at the end.\n",
                undetected, undetected == 1 ? " was" : "s were");
}

void app_print_debrief(const sim_world *w, FILE *out)
{
    sim_score s;
    sim_tally t;
    sim_world_score(w, &s);
    sim_world_tally(w, &t);
    int ticks = sim_world_tick(w), days = ticks / SIM_TICKS_PER_DAY, hours = ticks % SIM_TICKS_PER_DAY;
    char span[64];
    if (hours && days)
        snprintf(span, sizeof span, "%d day%s %d hour%s", days, days == 1 ? "" : "s", hours, hours == 1 ? "" : "s");
    else if (hours)
        snprintf(span, sizeof span, "%d hour%s", hours, hours == 1 ? "" : "s");
    else
        snprintf(span, sizeof span, "%d day%s", days, days == 1 ? "" : "s");
    fprintf(out, "\n=== Debrief: %s after %s, %d star%s ===\n", outcome_name(sim_world_outcome(w)), span,
            sim_world_stars(w), sim_world_stars(w) == 1 ? "" : "s");
    fprintf(out, "Pillars (0-100; one mark a day, from ' ' for 0 through .:-=+*#%% to '@' for 100):\n");
    for (int p = 0; p < SIM_PILLAR_COUNT; p++) {
        fprintf(out, "  %-15s %3d  ", sim_pillar_name((sim_pillar)p), s.pillar[p]);
        for (int d = 0;; d++) {
            sim_score h;
            if (sim_score_history(w, d, &h) < 0)
                break;
            fputc(" .:-=+*#%@"[h.pillar[p] * 9 / 100], out);
        }
        fputc('\n', out);
    }
    fprintf(out, "Objectives:\n");
    for (int i = 0; i < sim_objective_count(w); i++) {
        sim_objective_info o;
        sim_objective_get(w, i, &o);
        fprintf(out, "  [%s] %s%s\n", o.met ? "x" : " ", o.text, o.optional ? " (optional)" : "");
    }
    fprintf(out,
            "Behind the score: customers served safely %lld%% of hours; %d node%s compromised;\n"
            "  %d offensive act%s, %d bystander%s harmed; %d disclosure deadline%s missed,\n"
            "  %d report%s coordinated; %d indicator%s shared, %d received; %d breach%s concealed.\n",
            t.customer_hours_possible ? (long long)(100.0 * (double)t.customer_hours_safe / (double)t.customer_hours_possible) : 100LL,
            t.nodes_compromised, t.nodes_compromised == 1 ? "" : "s", t.offenses,
            t.offenses == 1 ? "" : "s", t.bystanders_harmed, t.bystanders_harmed == 1 ? "" : "s",
            t.deadlines_missed, t.deadlines_missed == 1 ? "" : "s", t.reports_coordinated,
            t.reports_coordinated == 1 ? "" : "s", t.indicators_shared,
            t.indicators_shared == 1 ? "" : "s", t.indicators_received, t.breaches_concealed,
            t.breaches_concealed == 1 ? "" : "es");
    print_timeline(w, out, 40);
    print_hidden(w, out);
    fprintf(out, "World hash %016llx\n", (unsigned long long)sim_world_hash(w));
}
