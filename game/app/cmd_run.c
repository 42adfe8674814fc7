/* cmd_run.c — `bulwark run SCENARIO`: headless play to the end, by a bot
 * (--player), by a recorded action log (--actions), or by nobody. Prints
 * the debrief; --json writes the result record, which is also a replay.
 * Exit 0 when the game was played to its end (won or lost), 1 when the
 * scenario, the bot or the replay failed, 2 on a usage error. */
#include "bulwark/app.h"
#include "bulwark/debrief.h"
#include "args.h"
#include "bulwark/record.h"
#include "bulwark/debug_view.h"

#include <stdlib.h>
#include <string.h>
#include <dirent.h>
#include <sys/stat.h>

typedef struct run_opts {
    const char *scenario, *player, *actions, *json;
    bool seed_given, quiet, debug;
    long seed;
} run_opts;

static void run_usage(FILE *out)
{
    fprintf(out,
            "usage: bulwark run SCENARIO [--seed N] [--player BOT | --actions RECORD] [--json OUT] [--quiet]\n"
            "                    [--debug]\n"
            "  Plays SCENARIO (a .lua file, or the id of a shipped scenario) headless to\n"
            "  its end and prints the debrief.\n"
            "  --seed N          the world's seed (default: the scenario's own)\n"
            "  --player BOT      a bot script (a .lua file, or idle, sensible, hackback, random)\n"
            "  --actions RECORD  replay the actions of a result record written by --json\n"
            "  --json OUT        write the result record (docs/result-record.md)\n"
            "  --quiet           print no debrief (errors still go to stderr)\n"
            "  --debug           for authors: print the hidden state fog of war keeps from the\n"
            "                    player at the end of every day (true node states, attackers'\n"
            "                    next steps and chances, pending events, the last tick's draws)\n"
            "  Exit 0 when the game was played to its end, won or lost.\n");
}

/* A file path as given, or a shipped file by name: scripts/<dir>/<name>.lua. */
const char *app_resolve(const char *name, const char *dir, char *buf, size_t n)
{
    struct stat st;
    if (stat(name, &st) == 0 || strchr(name, '/') || strstr(name, ".lua"))
        return name;
    snprintf(buf, n, "%s/scripts/%s/%s.lua", script_data_dir(), dir, name);
    return stat(buf, &st) == 0 ? buf : name;
}

static int cmp_name(const void *a, const void *b)
{
    return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/* name is neither a file nor a shipped one: say which are shipped. */
void app_hint_shipped(const char *name, const char *dir, FILE *err)
{
    char path[1024];
    snprintf(path, sizeof path, "%s/scripts/%s", script_data_dir(), dir);
    DIR *d = opendir(path);
    if (!d)
        return;
    static char names[64][64];
    const char *list[65];
    int n = 0;
    for (struct dirent *e; n < 64 && (e = readdir(d));) {
        size_t len = strlen(e->d_name);
        if (len > 4 && len < 64 + 4 && strcmp(e->d_name + len - 4, ".lua") == 0 &&
            !strstr(e->d_name, ".test.")) {
            snprintf(names[n], sizeof names[n], "%.*s", (int)(len - 4), e->d_name);
            list[n] = names[n];
            n++;
        }
    }
    closedir(d);
    qsort(list, (size_t)n, sizeof list[0], cmp_name);
    list[n] = NULL;
    char shown[128];
    snprintf(shown, sizeof shown, "%s", name);
    bw_text_clean(shown); /* the name came from a command line, maybe pasted */
    fprintf(err, "bulwark: '%s' is not a file; the shipped %s are:", shown, dir);
    for (int i = 0; i < n; i++)
        fprintf(err, "%s %s", i ? "," : "", list[i]);
    const char *near = bw_closest(shown, list);
    if (near)
        fprintf(err, " (did you mean '%s'?)", near);
    fputc('\n', err);
}

static bool exists(const char *path)
{
    struct stat st;
    return stat(path, &st) == 0;
}

static int parse(int argc, char **argv, run_opts *o, FILE *out, FILE *err)
{
    for (int i = 0; i < argc; i++) {
        const char *v = NULL;
        if (args_opt(argc, argv, &i, "--seed", &v)) {
            if (!args_int("--seed", v, 0, 2147483647L, &o->seed, err))
                return APP_USAGE;
            o->seed_given = true;
        } else if (args_opt(argc, argv, &i, "--player", &v) || args_opt(argc, argv, &i, "--bot", &v)) {
            if (!(o->player = v))
                return fprintf(err, "bulwark run: --player needs a bot\n"), APP_USAGE;
        } else if (args_opt(argc, argv, &i, "--actions", &v)) {
            if (!(o->actions = v))
                return fprintf(err, "bulwark run: --actions needs a record file\n"), APP_USAGE;
        } else if (args_opt(argc, argv, &i, "--json", &v)) {
            if (!(o->json = v))
                return fprintf(err, "bulwark run: --json needs an output file\n"), APP_USAGE;
        } else if (strcmp(argv[i], "--quiet") == 0) {
            o->quiet = true;
        } else if (strcmp(argv[i], "--debug") == 0) {
            o->debug = true;
        } else if (strcmp(argv[i], "--help") == 0) {
            run_usage(out);
            return -1;
        } else if (argv[i][0] == '-') {
            fprintf(err, "bulwark run: unknown option '%s'\n", argv[i]);
            return APP_USAGE;
        } else if (o->scenario) {
            fprintf(err, "bulwark run: one scenario at a time ('%s' and '%s')\n", o->scenario, argv[i]);
            return APP_USAGE;
        } else {
            o->scenario = argv[i];
        }
    }
    if (!o->scenario) {
        run_usage(err);
        return APP_USAGE;
    }
    if (o->player && o->actions) {
        fprintf(err, "bulwark run: --player and --actions exclude each other\n");
        return APP_USAGE;
    }
    return APP_OK;
}

/* --debug: the hidden state, read only (the game plays the same). */
static void print_hidden(script_scenario *s, FILE *dbg)
{
    debug_view v;
    if (debug_view_build(s, &v) != BW_OK) {
        fprintf(dbg, "(debug view: out of memory)\n");
        return;
    }
    fputc('\n', dbg);
    debug_view_print(&v, dbg);
    debug_view_free(&v);
}

static int play(script_scenario *s, script_bot *bot, const record_log *log, FILE *dbg, bw_err *e)
{
    int next = 0, taken = 0, refused = 0;
    while (!sim_world_over(script_scenario_cworld(s))) {
        int rc = bot ? script_bot_play(bot, s, &taken, &refused, e)
               : log ? record_replay_due(s, log, &next, e) : BW_OK;
        if (rc == BW_OK)
            rc = script_scenario_step(s, e);
        if (rc < 0)
            return rc;
        const sim_world *w = script_scenario_cworld(s);
        if (dbg && (sim_world_tick(w) % SIM_TICKS_PER_DAY == 0 || sim_world_over(w)))
            print_hidden(s, dbg);
    }
    if (log && next < log->count)
        return bw_err_set(e, BW_EINVAL, "replay: %d action%s left after the game ended", log->count - next,
                          log->count - next == 1 ? "" : "s");
    return BW_OK;
}

/* What the debrief model (debrief.h) makes of this game: the incidents
 * with what would have prevented each, the moments that mattered, and
 * the practices taught, each tied to what happened. */
static void print_taught(script_scenario *s, FILE *out)
{
    static const char *const titles[] = { "Tech Accord", "NIST SSDF", "MITRE ATT&CK", "CWE" };
    static const char *const kinds[] = { "accord", "ssdf", "attack", "cwe" };
    bw_err e;
    script_catalog *cat = script_catalog_load(NULL, &e);
    script_debrief d;
    if (script_debrief_build(s, cat, &d, &e) != BW_OK) {
        script_catalog_destroy(cat);
        fprintf(out, "\n(debrief: %s)\n", e.msg);
        return;
    }
    if (d.incident_count) {
        fprintf(out, "\nIncidents, and what would have prevented them:\n");
        for (int i = 0; i < d.incident_count; i++)
            fprintf(out, "  day %2d %02d:00  %s\n                %s\n", d.incidents[i].tick / SIM_TICKS_PER_DAY + 1,
                    d.incidents[i].tick % SIM_TICKS_PER_DAY, d.incidents[i].what, d.incidents[i].prevent);
    }
    if (d.moment_count) {
        fprintf(out, "\nThe moments that mattered most:\n");
        for (int i = 0; i < d.moment_count && i < 6; i++)
            fprintf(out, "  %s\n", d.moments[i].text);
    }
    if (d.practice_count)
        fprintf(out, "\nPractices this scenario taught, and what your game showed:\n");
    for (int i = 0; i < d.practice_count; i++) {
        const debrief_practice *p = &d.practices[i];
        int k = 0;
        while (k < 3 && strcmp(kinds[k], p->kind) != 0)
            k++;
        fprintf(out, "  %-12s %-10s %s\n  %-23s %s\n", titles[k], p->id, p->title, "", p->in_game);
    }
    script_debrief_free(&d);
    script_catalog_destroy(cat);
}

/* What the player did, by action: the debrief's timeline shows effects,
 * this shows decisions. */
static void print_actions(const script_scenario *s, FILE *out)
{
    int count[SIM_ACTION_KIND_COUNT] = { 0 };
    int total = script_scenario_action_count(s);
    for (int i = 0; i < total; i++)
        count[script_scenario_action_at(s, i)->req.kind]++;
    fprintf(out, "\nYour actions (%d):", total);
    if (!total)
        fprintf(out, " none");
    for (int k = 0, shown = 0; k < SIM_ACTION_KIND_COUNT; k++)
        if (count[k])
            fprintf(out, "%s %s ×%d", shown++ ? "," : "", sim_action_name((sim_action_kind)k), count[k]);
    fputc('\n', out);
}

static int finish(script_scenario *s, const run_opts *o, const record_log *log, FILE *out, FILE *err)
{
    const char *debrief = "";
    bw_err e;
    if (script_scenario_debrief(s, &debrief, &e) < 0) {
        fprintf(err, "%s\n", e.msg);
        return APP_FAILED;
    }
    if (!o->quiet) {
        app_print_debrief(script_scenario_cworld(s), out);
        print_actions(s, out);
        print_taught(s, out);
        if (debrief[0])
            fprintf(out, "\n%s\n", debrief);
    }
    uint64_t h = sim_world_hash(script_scenario_cworld(s));
    if (log && log->world_hash != h) {
        fprintf(err, "bulwark run: replay diverged: the final world hash of %s is %016llx, this run's %016llx\n",
                o->actions, (unsigned long long)log->world_hash, (unsigned long long)h);
        return APP_FAILED;
    }
    if (o->json) {
        char *text = record_json(s, debrief);
        if (!text || record_write_file(o->json, text, &e) < 0) {
            fprintf(err, "bulwark run: %s\n", text ? e.msg : "out of memory");
            free(text);
            return APP_INTERNAL;
        }
        free(text);
    }
    return APP_OK;
}

static bool same_file(const char *a, const char *b)
{
    struct stat sa, sb;
    return a && b && stat(a, &sa) == 0 && stat(b, &sb) == 0 && sa.st_dev == sb.st_dev &&
           sa.st_ino == sb.st_ino;
}

/* --json must not overwrite what this run reads, and must be writable
 * before a long game is played. */
static int check_output(const run_opts *o, const char *scenario, const char *bot, FILE *err)
{
    if (!o->json)
        return APP_OK;
    const char *inputs[] = { scenario, bot, o->actions };
    for (int i = 0; i < 3; i++)
        if (same_file(o->json, inputs[i])) {
            fprintf(err, "bulwark run: --json %s would overwrite %s, which this run reads\n", o->json,
                    inputs[i]);
            return APP_USAGE;
        }
    bw_err e;
    if (record_check_writable(o->json, &e) < 0) {
        fprintf(err, "bulwark run: %s\n", e.msg);
        return APP_FAILED;
    }
    return APP_OK;
}

int app_cmd_run(int argc, char **argv, FILE *out, FILE *err)
{
    run_opts o = { 0 };
    int rc = parse(argc, argv, &o, out, err);
    if (rc != APP_OK)
        return rc < 0 ? APP_OK : rc;
    char path[1024], botpath[1024];
    const char *scenario = app_resolve(o.scenario, "scenarios", path, sizeof path);
    const char *bot = o.player ? app_resolve(o.player, "bots", botpath, sizeof botpath) : NULL;
    /* A name that is no file and no shipped id: list the shipped ones.
     * (A missing path gets the loader's own "cannot open".) */
    if (!exists(scenario) && !strchr(o.scenario, '/') && !strstr(o.scenario, ".lua")) {
        app_hint_shipped(o.scenario, "scenarios", err);
        return APP_FAILED;
    }
    if (bot && !exists(bot) && !strchr(o.player, '/') && !strstr(o.player, ".lua")) {
        app_hint_shipped(o.player, "bots", err);
        return APP_FAILED;
    }
    if ((rc = check_output(&o, scenario, bot, err)) != APP_OK)
        return rc;
    record_log log = { 0 };
    bw_err e;
    if (o.actions && record_log_read(o.actions, &log, &e) < 0) {
        fprintf(err, "bulwark run: %s\n", e.msg);
        return APP_FAILED;
    }
    if (o.actions && o.seed_given && (uint64_t)o.seed != log.seed) {
        fprintf(err, "bulwark run: %s was played with seed %llu, not %ld\n", o.actions,
                (unsigned long long)log.seed, o.seed);
        record_log_free(&log);
        return APP_USAGE;
    }
    script_options so = { 0 };
    so.seed_given = o.seed_given || o.actions;
    so.seed = o.actions ? log.seed : (uint64_t)o.seed;
    script_diags d;
    script_diags_init(&d);
    script_scenario *s = script_scenario_load(scenario, &so, &d, &e);
    script_diags_print(&d, err);
    script_diags_free(&d);
    script_bot *b = NULL;
    rc = s ? APP_OK : APP_FAILED;
    if (s && o.actions && record_log_fits(&log, o.actions, s, &e) != BW_OK) {
        fprintf(err, "bulwark run: %s: refusing to replay\n", e.msg);
        rc = APP_FAILED;
    }
    if (rc == APP_OK && o.player &&
        !(b = script_bot_load(bot, script_scenario_seed(s), &e))) {
        fprintf(err, "bulwark run: bot: %s\n", e.msg);
        rc = APP_FAILED;
    }
    if (rc == APP_OK && !o.quiet) {
        fprintf(out, "%s — %s (seed %llu%s%s)\n", script_scenario_title(s), script_scenario_id(s),
                (unsigned long long)script_scenario_seed(s), o.player ? ", player " : "", o.player ? o.player : "");
        /* Who wrote it and which exact text runs: a shared file says so
         * before it starts. */
        const char *author = script_scenario_author(s);
        fprintf(out, "scenario %s by %s, content hash %016llx\n", script_scenario_id(s),
                author && *author ? author : "an unnamed author",
                (unsigned long long)script_scenario_hash(s));
    }
    if (rc == APP_OK && play(s, b, o.actions ? &log : NULL, o.debug ? out : NULL, &e) < 0) {
        int t = sim_world_tick(script_scenario_cworld(s));
        /* a replay names its record: the action that failed is in it */
        fprintf(err, "bulwark run: %s%sstopped on day %d at %02d:00 (tick %d): %s\n", o.actions ? o.actions : "",
                o.actions ? ": " : "", t / SIM_TICKS_PER_DAY + 1, t % SIM_TICKS_PER_DAY, t, e.msg);
        rc = APP_FAILED;
    }
    if (rc == APP_OK)
        rc = finish(s, &o, o.actions ? &log : NULL, out, err);
    script_bot_destroy(b);
    script_scenario_destroy(s);
    record_log_free(&log);
    return rc;
}
