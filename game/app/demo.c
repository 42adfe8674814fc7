/* demo.c — `bulwark demo`: a built-in world modelled on WannaCry (2017),
 * played headless by a simple sensible defender written in C, ending with
 * the debrief. It needs no scenario file and no display, so the README's
 * first command always shows the game working. */
#include "bulwark/app.h"
#include "args.h"

#include <string.h>

#define T(x) (1u << SIM_##x)

static const sim_node_def demo_nodes[] = {
    { .id = "web", .label = "Customer portal", .kind = SIM_NODE_WEB, .zone = SIM_ZONE_DMZ, .value = 30, .users = 20000 },
    { .id = "mail", .label = "Mail gateway", .kind = SIM_NODE_MAIL, .zone = SIM_ZONE_DMZ, .value = 10, .users = 400 },
    { .id = "vpn", .label = "VPN", .kind = SIM_NODE_VPN, .zone = SIM_ZONE_DMZ, .value = 5, .users = 400, .leaked_credentials = true },
    { .id = "lap1", .label = "Finance laptop", .kind = SIM_NODE_LAPTOP, .zone = SIM_ZONE_INTERNAL, .value = 5, .users = 1 },
    { .id = "lap2", .label = "Dev laptop", .kind = SIM_NODE_LAPTOP, .zone = SIM_ZONE_INTERNAL, .value = 5, .users = 1 },
    { .id = "files", .label = "File server", .kind = SIM_NODE_FILESERVER, .zone = SIM_ZONE_INTERNAL, .value = 60, .users = 400 },
    { .id = "db", .label = "Customer database", .kind = SIM_NODE_DATABASE, .zone = SIM_ZONE_INTERNAL, .value = 90, .users = 20000 },
    { .id = "repo", .label = "Source repository", .kind = SIM_NODE_REPO, .zone = SIM_ZONE_BUILD, .value = 40, .users = 0 },
    { .id = "ci", .label = "Build server", .kind = SIM_NODE_CI, .zone = SIM_ZONE_BUILD, .value = 20, .users = 0 },
    { .id = "hospital", .label = "Partner hospital", .kind = SIM_NODE_PARTNER, .zone = SIM_ZONE_PARTNER, .value = 50, .users = 5000 },
};

static const sim_link_def demo_links[] = {
    { "web", "db", SIM_LINK_DATA },      { "web", "files", SIM_LINK_NETWORK },
    { "mail", "lap1", SIM_LINK_NETWORK }, { "mail", "lap2", SIM_LINK_NETWORK },
    { "lap1", "files", SIM_LINK_NETWORK }, { "lap2", "files", SIM_LINK_NETWORK },
    { "lap2", "repo", SIM_LINK_TRUST },   { "files", "db", SIM_LINK_NETWORK },
    { "vpn", "files", SIM_LINK_TRUST },   { "repo", "ci", SIM_LINK_DEPENDENCY },
    { "ci", "web", SIM_LINK_DEPENDENCY }, { "files", "hospital", SIM_LINK_NETWORK },
};

static const sim_vuln_def demo_vulns[] = {
    /* MS17-010 (EternalBlue): patched two months before the worm. */
    { .id = "ms17-010", .node = "files", .cwe = 20, .severity_tenths = 88, .fix_available = true,
      .known_to_defender = true, .known_to_attackers = true, .is_public = true },
    { .id = "portal-sqli", .node = "web", .cwe = 89, .severity_tenths = 81, .fix_available = true },
};

static const sim_actor_def demo_actors[] = {
    { .id = "worm", .label = "Ransomware worm", .motive = SIM_MOTIVE_MONEY, .skill = 3,
      .techniques = T(T1190) | T(T1133) | T(T1078) | T(T1021) | T(T1486), .attempts_per_day = 6 },
    { .id = "apt", .label = "Espionage crew", .motive = SIM_MOTIVE_ESPIONAGE, .skill = 4,
      .techniques = T(T1566) | T(T1078) | T(T1567), .active_from = 3 * SIM_TICKS_PER_DAY },
};

static const sim_report_def demo_reports[] = {
    { .id = "sqli-report", .vuln = "portal-sqli", .reporter = "A. Researcher", .at = 4 * SIM_TICKS_PER_DAY,
      .deadline_ticks = 7 * SIM_TICKS_PER_DAY },
};

static const sim_objective_def demo_objectives[] = {
    { .id = "db", .text = "Keep the customer database out of attackers' hands", .kind = SIM_OBJ_NODE_NEVER_LOST, .target = "db" },
    { .id = "protection", .text = "Serve customers safely (Protection at least 60)", .kind = SIM_OBJ_PILLAR_MIN, .target = "protection", .value = 60 },
    { .id = "disclosure", .text = "Coordinate the researcher's report", .kind = SIM_OBJ_REPORTS_COORDINATED, .optional = true },
};

static sim_def demo_def(void)
{
    sim_def d = {
        .days = 14,
        .defender = { .budget = 60, .income_per_day = 6, .staff = 3,
                      .capability_permille = { 200, 150, 150, 200 } },
        .nodes = demo_nodes, .node_count = sizeof demo_nodes / sizeof demo_nodes[0],
        .links = demo_links, .link_count = sizeof demo_links / sizeof demo_links[0],
        .vulns = demo_vulns, .vuln_count = sizeof demo_vulns / sizeof demo_vulns[0],
        .actors = demo_actors, .actor_count = sizeof demo_actors / sizeof demo_actors[0],
        .reports = demo_reports, .report_count = 1,
        .objectives = demo_objectives, .objective_count = 3,
        .weakness_rate_ppm = -1,
    };
    return d;
}

/* Try one action; true if it started. */
static bool try_action(sim_world *w, sim_action_kind k, int target)
{
    sim_action_req r = { k, target, 0 };
    return sim_action_start(w, &r, NULL) >= 0;
}

/* The sensible defender: respond to what it sees first, then harden in
 * order of what protects most customers, then build capacity. */
static void sensible_turn(sim_world *w)
{
    for (int i = 0; i < sim_report_count(w); i++)
        try_action(w, SIM_ACT_HANDLE_REPORT, i);
    for (int n = 0; n < sim_node_count(w); n++) {
        sim_node_view v;
        sim_node_view_get(w, n, &v);
        if (v.state == SIM_STATE_COMPROMISED || v.state == SIM_STATE_ENCRYPTED)
            try_action(w, SIM_ACT_RESTORE, n);
        if (v.known_vulns)
            try_action(w, SIM_ACT_PATCH, n);
    }
    for (int a = 0; a < sim_actor_count(w); a++)
        try_action(w, SIM_ACT_SHARE_INDICATOR, a);
    try_action(w, SIM_ACT_NOTIFY, -1);
    static const struct { const char *node; sim_action_kind k; } plan[] = {
        { "vpn", SIM_ACT_MFA }, { "db", SIM_ACT_BACKUP }, { "db", SIM_ACT_LOGGING },
        { "files", SIM_ACT_LOGGING }, { "files", SIM_ACT_SEGMENT },
        { "db", SIM_ACT_EDR }, { "mail", SIM_ACT_MFA }, { "web", SIM_ACT_WAF },
        { "ci", SIM_ACT_SIGN_BUILDS }, { "files", SIM_ACT_BACKUP },
    };
    for (size_t i = 0; i < sizeof plan / sizeof plan[0]; i++)
        try_action(w, plan[i].k, sim_node_find(w, plan[i].node));
    if (sim_world_tick(w) % (3 * SIM_TICKS_PER_DAY) == 1) /* new weaknesses keep coming */
        try_action(w, SIM_ACT_SCAN, sim_node_find(w, "web"));
    try_action(w, SIM_ACT_SECURITY_TXT, -1);
    try_action(w, SIM_ACT_JOIN_SHARING, -1);
    if (sim_world_tick(w) > 5 * SIM_TICKS_PER_DAY)
        try_action(w, SIM_ACT_TRAIN, SIM_AREA_PW);
}

static void demo_usage(FILE *out)
{
    fprintf(out, "usage: bulwark demo [--seed N] [--idle]\n"
                 "  Plays the built-in 'Patch Tuesday' world (after WannaCry, 2017) for 14\n"
                 "  days with a sensible defender (or, with --idle, one that does nothing)\n"
                 "  and prints the debrief. Exit 0 when the defender won, 1 when it lost.\n");
}

int app_cmd_demo(int argc, char **argv, FILE *out, FILE *err)
{
    long seed = 7;
    bool idle = false;
    for (int i = 0; i < argc; i++) {
        const char *v = NULL;
        if (args_opt(argc, argv, &i, "--seed", &v)) {
            if (!args_int("--seed", v, 0, 2147483647L, &seed, err))
                return APP_USAGE;
        } else if (strcmp(argv[i], "--idle") == 0) {
            idle = true;
        } else if (strcmp(argv[i], "--help") == 0) {
            demo_usage(out);
            return APP_OK;
        } else {
            fprintf(err, "bulwark demo: unknown option '%s'\n", argv[i]);
            demo_usage(err);
            return APP_USAGE;
        }
    }
    sim_def d = demo_def();
    bw_err e;
    sim_world *w = sim_world_create(&d, (uint64_t)seed, NULL, NULL, &e);
    if (!w) {
        fprintf(err, "bulwark demo: %s\n", e.msg);
        return APP_INTERNAL;
    }
    fprintf(out, "Patch Tuesday — after WannaCry (2017). Seed %ld, %s defender.\n"
                 "A worm exploits a file-server flaw patched two months ago; an espionage crew\n"
                 "phishes from day 4; a researcher reports a flaw in the portal on day 5.\n",
            seed, idle ? "an idle" : "a sensible");
    while (!sim_world_over(w)) {
        if (!idle)
            sensible_turn(w);
        if (sim_world_step(w, &e) < 0) {
            fprintf(err, "bulwark demo: %s\n", e.msg);
            sim_world_destroy(w);
            return APP_INTERNAL;
        }
    }
    app_print_debrief(w, out);
    int rc = sim_world_outcome(w) == SIM_OUTCOME_WON ? APP_OK : APP_FAILED;
    sim_world_destroy(w);
    return rc;
}
