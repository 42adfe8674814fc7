/* bench.c — `bulwark bench sim`: the simulation's speed on a synthetic
 * world, reported as a median over runs (DESIGN.md section 7). Timing is
 * only ever measured here, never asserted by tests. */
#include "bulwark/app.h"
#include "bulwark/script.h"
#include "args.h"
#include "bench.h"

#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>

struct app_synth {
    sim_def def;
    sim_node_def *nodes;
    sim_link_def *links;
    sim_vuln_def *vulns;
    sim_actor_def *actors;
    char (*names)[24];   /* node ids, then vuln ids */
};

static const sim_node_kind zone_kinds[SIM_ZONE_COUNT][4] = {
    [SIM_ZONE_DMZ] = { SIM_NODE_WEB, SIM_NODE_API, SIM_NODE_VPN, SIM_NODE_MAIL },
    [SIM_ZONE_INTERNAL] = { SIM_NODE_LAPTOP, SIM_NODE_DATABASE, SIM_NODE_FILESERVER, SIM_NODE_CLOUD },
    [SIM_ZONE_BUILD] = { SIM_NODE_CI, SIM_NODE_REPO, SIM_NODE_LIBRARY, SIM_NODE_REPO },
    [SIM_ZONE_PARTNER] = { SIM_NODE_PARTNER, SIM_NODE_PARTNER, SIM_NODE_PARTNER, SIM_NODE_PARTNER },
};

static sim_zone pick_zone(sim_rng *r)
{
    uint32_t z = sim_rng_below(r, 100);
    return z < 15 ? SIM_ZONE_DMZ : z < 75 ? SIM_ZONE_INTERNAL : z < 95 ? SIM_ZONE_BUILD
                                                                        : SIM_ZONE_PARTNER;
}

static void synth_nodes(app_synth *s, int n, sim_rng *r)
{
    for (int i = 0; i < n; i++) {
        sim_node_def *d = &s->nodes[i];
        snprintf(s->names[i], sizeof s->names[i], "n%d", i);
        d->id = s->names[i];
        d->zone = pick_zone(r);
        d->kind = zone_kinds[d->zone][sim_rng_below(r, 4)];
        d->value = 1 + (int)sim_rng_below(r, 100);
        d->users = d->zone == SIM_ZONE_DMZ ? 100 + (int)sim_rng_below(r, 10000) : (int)sim_rng_below(r, 50);
        /* A third of the estate is defended, so attacks meet every rule. */
        uint32_t c = sim_rng_below(r, 3);
        d->controls = c == 0 ? (unsigned)(SIM_CTL_LOGGING | SIM_CTL_SEGMENTED)
                    : c == 1 ? (unsigned)SIM_CTL_MFA : 0u;
        d->leaked_credentials = sim_rng_below(r, 50) == 0;
    }
}

static int synth_links(app_synth *s, int n, sim_rng *r)
{
    int count = 0;
    for (int i = 0; i < n; i++) {
        for (int k = 0; k < 2; k++) {
            int to = k == 0 ? (i + 1) % n : (int)sim_rng_below(r, (uint32_t)n);
            if (to == i)
                continue;
            sim_link_def *l = &s->links[count++];
            l->from = s->nodes[i].id;
            l->to = s->nodes[to].id;
            l->kind = s->nodes[i].kind == SIM_NODE_LIBRARY ? SIM_LINK_DEPENDENCY
                    : k == 1 && sim_rng_below(r, 5) == 0 ? SIM_LINK_TRUST
                                                          : SIM_LINK_NETWORK;
        }
    }
    return count;
}

static int synth_vulns(app_synth *s, int n, sim_rng *r)
{
    int count = 0;
    static const int cwes[] = { 79, 89, 20, 22, 502, 787, 125, 287 };
    for (int i = 0; i < n; i++) {
        if (sim_rng_below(r, 4) != 0)
            continue;
        sim_vuln_def *v = &s->vulns[count];
        snprintf(s->names[n + count], sizeof s->names[0], "v%d", count);
        v->id = s->names[n + count];
        v->node = s->nodes[i].id;
        v->cwe = cwes[sim_rng_below(r, 8)];
        v->severity_tenths = 30 + (int)sim_rng_below(r, 71);
        v->fix_available = sim_rng_below(r, 4) != 0;
        v->known_to_attackers = sim_rng_below(r, 2) == 0;
        v->known_to_defender = sim_rng_below(r, 3) == 0;
        count++;
    }
    return count;
}

static void synth_actors(app_synth *s, int count)
{
    static const char *const ids[] = { "a0", "a1", "a2", "a3", "a4", "a5", "a6", "a7",
                                       "a8", "a9", "a10", "a11", "a12", "a13", "a14", "a15" };
    uint32_t all = 0;
    for (int t = 0; t < SIM_TECHNIQUE_COUNT; t++)
        all |= 1u << t;
    for (int i = 0; i < count; i++) {
        sim_actor_def *a = &s->actors[i];
        a->id = ids[i];
        a->motive = (sim_motive)(i % SIM_MOTIVE_COUNT);
        a->skill = 1 + i % 5;
        a->techniques = all;
        a->attempts_per_day = 12;
    }
}

app_synth *app_synth_create(int n, int days, uint64_t seed)
{
    app_synth *s = calloc(1, sizeof *s);
    if (!s || n < 1)
        goto fail;
    s->nodes = calloc((size_t)n, sizeof *s->nodes);
    s->links = calloc((size_t)n * 2, sizeof *s->links);
    s->vulns = calloc((size_t)n, sizeof *s->vulns);
    s->actors = calloc(16, sizeof *s->actors);
    s->names = calloc((size_t)n * 2, sizeof *s->names);
    if (!s->nodes || !s->links || !s->vulns || !s->actors || !s->names)
        goto fail;
    sim_rng r;
    sim_rng_seed(&r, seed, 7);
    synth_nodes(s, n, &r);
    s->def.days = days;
    s->def.defender = (sim_defender_def){ .budget = 1000, .income_per_day = 50, .staff = 20,
                                          .capability_permille = { 200, 200, 200, 200 } };
    s->def.nodes = s->nodes;
    s->def.node_count = (size_t)n;
    s->def.link_count = (size_t)synth_links(s, n, &r);
    s->def.links = s->links;
    s->def.vuln_count = (size_t)synth_vulns(s, n, &r);
    s->def.vulns = s->vulns;
    synth_actors(s, 16);
    s->def.actors = s->actors;
    s->def.actor_count = 16;
    s->def.weakness_rate_ppm = -1;
    return s;
fail:
    app_synth_free(s);
    return NULL;
}

const sim_def *app_synth_def(const app_synth *s) { return &s->def; }

void app_synth_free(app_synth *s)
{
    if (!s)
        return;
    free(s->nodes);
    free(s->links);
    free(s->vulns);
    free(s->actors);
    free(s->names);
    free(s);
}

static double now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec * 1e3 + (double)ts.tv_nsec / 1e6;
}

static int cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

static int bench_sim(long nodes, long days, long runs, FILE *out, FILE *err)
{
    app_synth *s = app_synth_create((int)nodes, (int)days, 2018);
    if (!s) {
        fprintf(err, "bulwark: out of memory building a %ld-node world\n", nodes);
        return APP_INTERNAL;
    }
    double times[101];
    uint64_t hash = 0;
    int intrusions = 0;
    for (long r = 0; r < runs; r++) {
        bw_err e;
        double t0 = now_ms();
        sim_world *w = sim_world_create(app_synth_def(s), 42, NULL, NULL, &e);
        if (!w || sim_world_run(w, (int)days * SIM_TICKS_PER_DAY, &e) < 0) {
            fprintf(err, "bulwark: bench world failed: %s\n", e.msg);
            sim_world_destroy(w);
            app_synth_free(s);
            return APP_INTERNAL;
        }
        times[r] = now_ms() - t0;
        uint64_t h = sim_world_hash(w);
        if (r > 0 && h != hash) {
            fprintf(err, "bulwark: the same world gave two hashes: determinism is broken\n");
            sim_world_destroy(w);
            app_synth_free(s);
            return APP_INTERNAL;
        }
        hash = h;
        intrusions = sim_intrusion_count(w);
        sim_world_destroy(w);
    }
    qsort(times, (size_t)runs, sizeof times[0], cmp_double);
    double median = runs % 2 ? times[runs / 2] : (times[runs / 2 - 1] + times[runs / 2]) / 2;
    struct rusage ru;
    getrusage(RUSAGE_SELF, &ru);
    long ticks = days * SIM_TICKS_PER_DAY;
    fprintf(out, "bench sim: %ld nodes, %zu links, %zu vulnerabilities, 16 actors, %ld days (%ld ticks)\n",
            nodes, app_synth_def(s)->link_count, app_synth_def(s)->vuln_count, days, ticks);
    fprintf(out, "runs=%ld min_ms=%.1f median_ms=%.1f max_ms=%.1f\n", runs, times[0], median,
            times[runs - 1]);
    fprintf(out, "ticks_per_s=%.0f intrusions=%d world_hash=%016llx peak_rss_kb=%ld\n",
            median > 0 ? (double)ticks / (median / 1e3) : 0.0, intrusions,
            (unsigned long long)hash, ru.ru_maxrss);
    fprintf(out, "target: 10000 nodes for 30 days under 500 ms\n");
    fprintf(out, "sim_ms=%.1f\n", median);
    app_synth_free(s);
    return APP_OK;
}

/* ---- --lua: what per-tick scenario callbacks cost ------------------------------ */

/* A generated scenario: N nodes built by a loop, a few attackers, and an
 * on_tick that does what a story does each hour (read the clock and the
 * score, look a node up, message once a day). %d is N; %s is the
 * on_tick field or nothing. */
static const char lua_bench_template[] =
    "local N = %d\n"
    "local kinds = { 'web', 'api', 'database', 'laptop', 'ci', 'repo', 'fileserver', 'cloud' }\n"
    "local zones = { 'dmz', 'dmz', 'internal', 'internal', 'build', 'build', 'internal', 'internal' }\n"
    "local nodes, links = {}, {}\n"
    "local x = 20181\n"
    "local function nxt() x = (x * 48271) %% 2147483647 return x end\n"
    "for i = 1, N do\n"
    "  local k = nxt() %% 8 + 1\n"
    "  nodes[i] = { id = 'n' .. i, kind = kinds[k], zone = zones[k], users = nxt() %% 1000, value = nxt() %% 100,\n"
    "               controls = (i %% 3 == 0) and { 'logging', 'segmented' } or nil,\n"
    "               vulns = (i %% 4 == 0) and { { id = 'v' .. i, cwe = 89, severity = 3 + nxt() %% 7, attackers_know = true } } or nil }\n"
    "  links[#links + 1] = { 'n' .. i, 'n' .. (i %% N + 1) }\n"
    "  local j = nxt() %% N + 1\n"
    "  if j ~= i then links[#links + 1] = { 'n' .. i, 'n' .. j } end\n"
    "end\n"
    "-- the 16 attackers of bench sim: every motive, skills 1..5, every technique\n"
    "local motives = { 'money', 'espionage', 'ideology', 'thrill' }\n"
    "local all = { 'T1190', 'T1566', 'T1078', 'T1110', 'T1133', 'T1195', 'T1059', 'T1021',\n"
    "              'T1552', 'T1213', 'T1567', 'T1486', 'T1498', 'T1203' }\n"
    "local actors = {}\n"
    "for i = 0, 15 do\n"
    "  actors[i + 1] = { id = 'a' .. i, motive = motives[i %% 4 + 1], skill = i %% 5 + 1, uses = all, attempts = 12 }\n"
    "end\n"
    "local seen = 0\n"
    "return scenario {\n"
    "  id = 'bench-lua', title = 'Lua overhead', days = %d,\n"
    "  defender = { budget = 1000, income = 50, staff = 20 },\n"
    "  nodes = nodes, links = links,\n"
    "  actors = actors,\n"
    "  %s\n"
    "}\n";

static const char lua_bench_on_tick[] =
    "on_tick = function(w)\n"
    "    local t = w:tick()\n"
    "    if t % 24 == 0 then w:message('Day ' .. w:day()) end\n"
    "    local s = w:score()\n"
    "    if s.protection < 30 and seen == 0 then seen = 1 w:message('Customers are suffering') end\n"
    "    local n = w:node('n' .. (t % N + 1))\n"
    "    if n.compromised then seen = seen + 1 end\n"
    "  end,";

static int write_lua_bench(char *path, int nodes, int days, bool with_tick, FILE *err)
{
    int fd = mkstemp(path);
    FILE *f = fd >= 0 ? fdopen(fd, "w") : NULL;
    if (!f) {
        fprintf(err, "bulwark bench: cannot write a temporary scenario in /tmp\n");
        return APP_INTERNAL;
    }
    fprintf(f, lua_bench_template, nodes, days, with_tick ? lua_bench_on_tick : "");
    fclose(f);
    return APP_OK;
}

static double cpu_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
    return (double)ts.tv_sec * 1e3 + (double)ts.tv_nsec / 1e6;
}

static double median_of(double *v, long n)
{
    qsort(v, (size_t)n, sizeof v[0], cmp_double);
    return n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
}

/* Run the scenario at path to its end; its CPU time in ms, or < 0. */
static double time_scenario(const char *path, FILE *err)
{
    script_options opt = { 0 };
    script_limits_default(&opt.limits);
    opt.limits.memory_bytes = 1024u << 20; /* a 10,000-node world is a big script */
    script_diags d;
    script_diags_init(&d);
    bw_err e;
    script_scenario *s = script_scenario_load(path, &opt, &d, &e);
    script_diags_print(&d, err);
    script_diags_free(&d);
    if (!s)
        return -1;
    double t0 = cpu_ms();
    while (!sim_world_over(script_scenario_cworld(s)))
        if (script_scenario_step(s, &e) < 0) {
            fprintf(err, "bulwark bench: %s\n", e.msg);
            script_scenario_destroy(s);
            return -1;
        }
    double t = cpu_ms() - t0;
    script_scenario_destroy(s);
    return t;
}

/* The two variants alternate run by run, so a busy machine slows both
 * alike; CPU time, not wall time, because the question is the work Lua
 * adds, not what else the machine is doing. */
static int bench_lua(long nodes, long days, long runs, FILE *out, FILE *err)
{
    char plain[] = "/tmp/bulwark-bench-plain-XXXXXX", ticked[] = "/tmp/bulwark-bench-tick-XXXXXX";
    int rc = write_lua_bench(plain, (int)nodes, (int)days, false, err);
    if (rc == APP_OK)
        rc = write_lua_bench(ticked, (int)nodes, (int)days, true, err);
    double base[101], lua[101];
    for (long r = 0; rc == APP_OK && r < runs; r++) {
        base[r] = time_scenario(plain, err);
        lua[r] = base[r] < 0 ? -1 : time_scenario(ticked, err);
        if (base[r] < 0 || lua[r] < 0)
            rc = APP_INTERNAL;
    }
    remove(plain);
    remove(ticked);
    if (rc != APP_OK)
        return rc;
    double b = median_of(base, runs), l = median_of(lua, runs);
    double pct = b > 0 ? 100.0 * (l - b) / b : 0.0;
    fprintf(out, "bench sim --lua: %ld nodes, %ld days, %ld runs of the same scenario with and without on_tick (CPU time)\n",
            nodes, days, runs);
    fprintf(out, "without_ms=%.1f with_on_tick_ms=%.1f per_tick_us=%.1f\n", b, l,
            (l - b) * 1000.0 / (double)(days * SIM_TICKS_PER_DAY));
    fprintf(out, "target: under 20 %% on top\n");
    fprintf(out, "lua_overhead_pct=%.1f\n", pct);
    return APP_OK;
}

static void bench_usage(FILE *out)
{
    fprintf(out, "usage: bulwark bench sim [--nodes N] [--days D] [--runs R] [--lua]\n"
                 "       bulwark bench render [--nodes N] [--frames F] [--renderer NAME] [--shot FILE.bmp]\n"
                 "       bulwark bench run [SCENARIO...] [--runs R] [--player BOT]\n"
                 "       bulwark bench startup [--scenario ID] [--runs R]\n"
                 "  'bulwark bench render --help' and 'bulwark bench run --help' tell more.\n"
                 "  sim runs a synthetic world of N nodes (default 10000) for D days (default 30)\n"
                 "  R times (default 5) and prints the median, ending with 'sim_ms=<median>'.\n"
                 "  --lua runs a generated Lua scenario of that size with and without an\n"
                 "  on_tick callback and ends with 'lua_overhead_pct=<n>'.\n");
}

int app_cmd_bench(int argc, char **argv, FILE *out, FILE *err)
{
    if (argc < 1 || strcmp(argv[0], "--help") == 0) {
        bench_usage(argc < 1 ? err : out);
        return argc < 1 ? APP_USAGE : APP_OK;
    }
    if (strcmp(argv[0], "render") == 0)
        return bench_render(argc - 1, argv + 1, out, err);
    if (strcmp(argv[0], "run") == 0)
        return bench_run(argc - 1, argv + 1, out, err);
    if (strcmp(argv[0], "startup") == 0)
        return bench_startup(argc - 1, argv + 1, out, err);
    if (strcmp(argv[0], "sim") != 0) {
        fprintf(err, "bulwark bench: unknown benchmark '%s' (known: sim, render, run, startup)\n", argv[0]);
        return APP_USAGE;
    }
    long nodes = 10000, days = 30, runs = 5;
    bool lua = false;
    for (int i = 1; i < argc; i++) {
        const char *v = NULL;
        if (args_opt(argc, argv, &i, "--nodes", &v)) {
            if (!args_int("--nodes", v, 1, 100000, &nodes, err))
                return APP_USAGE;
        } else if (args_opt(argc, argv, &i, "--days", &v)) {
            if (!args_int("--days", v, 1, SIM_MAX_DAYS, &days, err))
                return APP_USAGE;
        } else if (args_opt(argc, argv, &i, "--runs", &v)) {
            if (!args_int("--runs", v, 1, 101, &runs, err))
                return APP_USAGE;
        } else if (strcmp(argv[i], "--lua") == 0) {
            lua = true;
        } else if (strcmp(argv[i], "--help") == 0) {
            bench_usage(out);
            return APP_OK;
        } else {
            fprintf(err, "bulwark bench sim: unknown option '%s'\n", argv[i]);
            bench_usage(err);
            return APP_USAGE;
        }
    }
    return lua ? bench_lua(nodes, days, runs, out, err) : bench_sim(nodes, days, runs, out, err);
}
