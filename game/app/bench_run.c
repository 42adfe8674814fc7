/* bench_run.c — `bulwark bench run`: how long a headless game of each
 * shipped scenario takes (DESIGN.md section 7: under 50 ms), as
 * `bulwark run SCENARIO --player sensible --quiet` plays it in-process:
 * load and validate the scenario, load the bot, play to the end, and
 * compute the debrief. Process start-up is left out. The world hash of
 * every run is compared, so a benchmark never times a broken game.
 *
 * Timing is printed, never asserted. */
#include "bench.h"

#include "bulwark/app.h"
#include "bulwark/script.h"
#include "args.h"

#include <dirent.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

#define MAX_SCENARIOS 64
#define MAX_RUNS 1001

static void run_usage(FILE *out)
{
    fprintf(out,
            "usage: bulwark bench run [SCENARIO...] [--runs R] [--player BOT]\n"
            "  Plays each SCENARIO (a .lua file or a shipped id; default: every shipped\n"
            "  scenario) headless to its end R times (default 21) with the bot BOT\n"
            "  (default sensible), as 'bulwark run' does, and prints per scenario\n"
            "  'scenario=ID median_ms=… p99_ms=…', then 'max_median_ms=…'.\n"
            "  A run is timed from loading the scenario to its debrief.\n");
}

static double wall_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec * 1e3 + (double)ts.tv_nsec / 1e6;
}

static int cmp_name(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* The shipped scenarios, sorted (their tests, *.test.lua, are not games).
 * Returns the count; names are malloc'd paths. */
static int shipped_scenarios(char **paths, int max)
{
    char dir[1024];
    snprintf(dir, sizeof dir, "%s/scripts/scenarios", script_data_dir());
    DIR *d = opendir(dir);
    if (!d)
        return 0;
    int n = 0;
    for (struct dirent *e; n < max && (e = readdir(d));) {
        size_t len = strlen(e->d_name);
        if (len < 5 || strcmp(e->d_name + len - 4, ".lua") != 0 || strstr(e->d_name, ".test.lua"))
            continue;
        size_t size = strlen(dir) + len + 2;
        if (!(paths[n] = malloc(size)))
            break;
        snprintf(paths[n], size, "%s/%s", dir, e->d_name);
        n++;
    }
    closedir(d);
    qsort(paths, (size_t)n, sizeof paths[0], cmp_name);
    return n;
}

/* One headless game; its wall time in ms, or < 0 with the reason on err. */
static double play_once(const char *scenario, const char *bot_path, char *id, size_t id_size,
                        uint64_t *hash, FILE *err)
{
    script_options so = { 0 };
    script_diags d;
    script_diags_init(&d);
    bw_err e;
    double t0 = wall_ms();
    script_scenario *s = script_scenario_load(scenario, &so, &d, &e);
    script_diags_print(&d, err);
    script_diags_free(&d);
    if (!s)
        return -1;
    script_bot *bot = script_bot_load(bot_path, script_scenario_seed(s), &e);
    int rc = bot ? BW_OK : -1;
    if (!bot)
        fprintf(err, "bulwark bench run: bot: %s\n", e.msg);
    int taken = 0, refused = 0;
    while (rc == BW_OK && !sim_world_over(script_scenario_cworld(s))) {
        rc = script_bot_play(bot, s, &taken, &refused, &e);
        if (rc == BW_OK)
            rc = script_scenario_step(s, &e);
        if (rc < 0)
            fprintf(err, "bulwark bench run: %s: %s\n", scenario, e.msg);
    }
    const char *debrief = "";
    if (rc == BW_OK && (rc = script_scenario_debrief(s, &debrief, &e)) < 0)
        fprintf(err, "bulwark bench run: %s\n", e.msg);
    double t = wall_ms() - t0;
    snprintf(id, id_size, "%s", script_scenario_id(s));
    *hash = sim_world_hash(script_scenario_cworld(s));
    script_bot_destroy(bot);
    script_scenario_destroy(s);
    return rc == BW_OK ? t : -1;
}

/* R games of one scenario; prints its line and sets *median. */
static int bench_scenario(const char *scenario, const char *bot, long runs, double *median,
                          FILE *out, FILE *err)
{
    static double times[MAX_RUNS];
    char id[128] = "";
    uint64_t first = 0;
    for (long r = 0; r < runs; r++) {
        uint64_t hash = 0;
        times[r] = play_once(scenario, bot, id, sizeof id, &hash, err);
        if (times[r] < 0)
            return APP_FAILED;
        if (r > 0 && hash != first) {
            fprintf(err, "bulwark bench run: %s gave two world hashes: determinism is broken\n", id);
            return APP_INTERNAL;
        }
        first = hash;
    }
    double p99;
    bench_stats(times, (int)runs, median, &p99);
    fprintf(out, "scenario=%s median_ms=%.2f p99_ms=%.2f\n", id, *median, p99);
    return APP_OK;
}

static bool exists(const char *path)
{
    struct stat st;
    return stat(path, &st) == 0;
}

int bench_run(int argc, char **argv, FILE *out, FILE *err)
{
    long runs = 21;
    const char *player = "sensible";
    const char *named[MAX_SCENARIOS];
    int named_count = 0;
    for (int i = 0; i < argc; i++) {
        const char *v = NULL;
        if (args_opt(argc, argv, &i, "--runs", &v)) {
            if (!args_int("--runs", v, 1, MAX_RUNS, &runs, err))
                return APP_USAGE;
        } else if (args_opt(argc, argv, &i, "--player", &v)) {
            if (!v || !*v)
                return fprintf(err, "bulwark bench run: --player needs a bot\n"), APP_USAGE;
            player = v;
        } else if (strcmp(argv[i], "--help") == 0) {
            run_usage(out);
            return APP_OK;
        } else if (argv[i][0] == '-') {
            fprintf(err, "bulwark bench run: unknown option '%s'\n", argv[i]);
            run_usage(err);
            return APP_USAGE;
        } else if (named_count == MAX_SCENARIOS) {
            fprintf(err, "bulwark bench run: at most %d scenarios at a time\n", MAX_SCENARIOS);
            return APP_USAGE;
        } else {
            named[named_count++] = argv[i];
        }
    }
    char botbuf[1024];
    const char *bot = app_resolve(player, "bots", botbuf, sizeof botbuf);
    if (!exists(bot) && !strchr(player, '/') && !strstr(player, ".lua")) {
        app_hint_shipped(player, "bots", err);
        return APP_FAILED;
    }
    char *paths[MAX_SCENARIOS] = { 0 };
    int count = 0, rc = APP_OK;
    if (named_count == 0 && (count = shipped_scenarios(paths, MAX_SCENARIOS)) == 0) {
        fprintf(err, "bulwark bench run: no scenario found in %s/scripts/scenarios\n", script_data_dir());
        return APP_FAILED;
    }
    for (int i = 0; i < named_count && rc == APP_OK; i++) {
        char buf[1024];
        const char *p = app_resolve(named[i], "scenarios", buf, sizeof buf);
        if (!exists(p) && !strchr(named[i], '/') && !strstr(named[i], ".lua")) {
            app_hint_shipped(named[i], "scenarios", err);
            rc = APP_FAILED;
        } else if (!(paths[count++] = strdup(p))) {
            rc = APP_INTERNAL;
        }
    }
    if (rc == APP_OK)
        fprintf(out, "bench run: %d scenario%s, %ld runs each, player %s; a run is load, play and debrief, in-process\n",
                count, count == 1 ? "" : "s", runs, player);
    double max_median = 0;
    for (int i = 0; i < count && rc == APP_OK; i++) {
        double median = 0;
        rc = bench_scenario(paths[i], bot, runs, &median, out, err);
        max_median = median > max_median ? median : max_median;
    }
    for (int i = 0; i < count; i++)
        free(paths[i]);
    if (rc != APP_OK)
        return rc;
    fprintf(out, "target: under 50 ms each\n");
    fprintf(out, "max_median_ms=%.2f\n", max_median);
    return APP_OK;
}
