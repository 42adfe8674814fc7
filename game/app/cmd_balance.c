/* cmd_balance.c — `bulwark balance SCENARIO… | --all`: play each bot over
 * seeds 1..N on each scenario and report, per bot, the win rate, the mean
 * stars and the mean of each pillar; as a table, as Markdown (the
 * docs/balance.md table) or as JSON, and check the campaign's targets
 * (docs/balance.md): sensible wins >= 70 %, idle <= 10 %, random <= 30 %,
 * and where an offensive option exists, hackback ends below sensible on
 * Responsibility.
 *
 * Games are independent, so they run on worker threads (one scenario and
 * one bot sandbox per game); results are kept per game and summed in
 * seed order afterwards, so the report is the same whatever the threads
 * did. Game n of a bot is exactly `bulwark run S --seed n --player BOT`. */
#include "bulwark/app.h"
#include "bulwark/campaign.h"
#include "bulwark/script.h"
#include "args.h"
#include "bulwark/record.h"

#include <cjson/cJSON.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#define MAX_BOTS 8
#define MAX_SCENARIOS SCRIPT_CAMPAIGN_MAX
#define MAX_JOBS 64

/* The campaign targets (docs/balance.md), in percent. */
#define TARGET_SENSIBLE_MIN 70.0
#define TARGET_IDLE_MAX 10.0
#define TARGET_RANDOM_MAX 30.0

typedef struct game_result {
    bool done, failed, won, offensive_seen;
    int stars;
    int pillar[SIM_PILLAR_COUNT];
    char *error;               /* a failed game's reason (malloc'd), or NULL */
} game_result;

typedef struct bot_stats {
    int runs, wins, errors;
    double win_pct, stars, pillar[SIM_PILLAR_COUNT];
    char first_error[200];
} bot_stats;

typedef struct bal_scenario {
    char path[1024], id[64], title[128];
    bool ok;                   /* loaded and checked */
    bool offensive;            /* hack_back offered, or a choice offered an offensive option */
    bot_stats bots[MAX_BOTS];
} bal_scenario;

typedef struct balance {
    bal_scenario *sc;
    int nsc;
    char bot_names[MAX_BOTS][64], bot_paths[MAX_BOTS][1024];
    int nbots;
    int runs;
    game_result *results;      /* [scenario][bot][seed - 1] */
    long next_job, total_jobs;
    pthread_mutex_t lock;
} balance;

typedef struct bal_opts {
    const char *bots, *json, *campaign;
    bool markdown, check, all;
    long runs, jobs;
} bal_opts;

static void balance_usage(FILE *out)
{
    fprintf(out,
            "usage: bulwark balance SCENARIO... | --all [--runs N] [--bots LIST] [--json OUT]\n"
            "                       [--markdown] [--check] [--jobs N] [--campaign FILE]\n"
            "  Plays each bot on each scenario over seeds 1..N and prints, per bot, the\n"
            "  win rate, the mean stars and the mean of each pillar, and whether the\n"
            "  campaign's targets are met: sensible wins >= 70 %%, idle <= 10 %%, random\n"
            "  <= 30 %%, and where an offensive option exists hackback ends below\n"
            "  sensible on Responsibility.\n"
            "  --all           every campaign scenario but the tutorial (scripts/campaign.lua)\n"
            "  --runs N        seeds per bot (default 200)\n"
            "  --bots LIST     comma-separated bots (default idle,sensible,random,hackback)\n"
            "  --json OUT      write the figures as JSON (- for standard output)\n"
            "  --markdown      print a Markdown table (docs/balance.md)\n"
            "  --check         exit 1 when a target is missed\n"
            "  --jobs N        games played at once (default: the processors)\n"
            "  --campaign FILE the campaign --all reads\n"
            "  Game n of a bot replays with 'bulwark run SCENARIO --seed n --player BOT'.\n");
}

/* ---- playing ---------------------------------------------------------------------- */

static void play_one(const balance *b, const bal_scenario *s, int bot, int seed, game_result *g)
{
    script_options opt = { 0 };
    opt.seed_given = true;
    opt.seed = (uint64_t)seed;
    bw_err e;
    script_scenario *sc = script_scenario_load(s->path, &opt, NULL, &e);
    script_bot *bt = sc ? script_bot_load(b->bot_paths[bot], script_scenario_seed(sc), &e) : NULL;
    int rc = sc && bt ? BW_OK : BW_EINVAL;
    while (rc >= 0 && !sim_world_over(script_scenario_cworld(sc))) {
        rc = script_bot_play(bt, sc, NULL, NULL, &e);
        if (rc >= 0)
            rc = script_scenario_step(sc, &e);
    }
    g->done = true;
    if (rc < 0) {
        g->failed = true;
        if ((g->error = malloc(200)))
            snprintf(g->error, 200, "seed %d: %.*s", seed, (int)strcspn(e.msg, "\n"), e.msg);
    } else {
        const sim_world *w = script_scenario_cworld(sc);
        sim_score score;
        sim_world_score(w, &score);
        g->won = sim_world_outcome(w) == SIM_OUTCOME_WON;
        g->stars = sim_world_stars(w);
        memcpy(g->pillar, score.pillar, sizeof g->pillar);
        for (int c = 0; c < sim_choice_count(w); c++) {
            sim_choice_info ci;
            if (sim_choice_get(w, c, &ci) == BW_OK && ci.offensive_option >= 0)
                g->offensive_seen = true;
        }
    }
    script_bot_destroy(bt);
    script_scenario_destroy(sc);
}

static void *worker(void *ud)
{
    balance *b = ud;
    for (;;) {
        pthread_mutex_lock(&b->lock);
        long j = b->next_job < b->total_jobs ? b->next_job++ : -1;
        pthread_mutex_unlock(&b->lock);
        if (j < 0)
            return NULL;
        int seed = (int)(j % b->runs) + 1;
        int bot = (int)(j / b->runs % b->nbots);
        int s = (int)(j / b->runs / b->nbots);
        if (b->sc[s].ok)
            play_one(b, &b->sc[s], bot, seed, &b->results[j]);
    }
}

static int play_all(balance *b, long jobs, FILE *err)
{
    b->total_jobs = (long)b->nsc * b->nbots * b->runs;
    b->results = calloc((size_t)(b->total_jobs ? b->total_jobs : 1), sizeof *b->results);
    if (!b->results)
        return fprintf(err, "bulwark balance: out of memory\n"), APP_INTERNAL;
    pthread_mutex_init(&b->lock, NULL);
    pthread_t threads[MAX_JOBS];
    int started = 0;
    for (long i = 0; i < jobs - 1 && i < b->total_jobs; i++)
        if (pthread_create(&threads[started], NULL, worker, b) == 0)
            started++;
    worker(b); /* this thread plays too, so one job needs no thread */
    for (int i = 0; i < started; i++)
        pthread_join(threads[i], NULL);
    pthread_mutex_destroy(&b->lock);
    return APP_OK;
}

/* Sum the games in seed order: the same figures whatever the threads did. */
static void summarise(balance *b)
{
    for (int s = 0; s < b->nsc; s++)
        for (int bot = 0; bot < b->nbots; bot++) {
            bot_stats *st = &b->sc[s].bots[bot];
            memset(st, 0, sizeof *st);
            double stars = 0, pillar[SIM_PILLAR_COUNT] = { 0 };
            for (int seed = 0; seed < b->runs; seed++) {
                const game_result *g = &b->results[((long)s * b->nbots + bot) * b->runs + seed];
                if (!g->done)
                    continue;
                if (g->failed) {
                    if (!st->errors++)
                        snprintf(st->first_error, sizeof st->first_error, "%s",
                                 g->error ? g->error : "out of memory");
                    continue;
                }
                st->runs++;
                st->wins += g->won;
                stars += g->stars;
                for (int p = 0; p < SIM_PILLAR_COUNT; p++)
                    pillar[p] += g->pillar[p];
                b->sc[s].offensive = b->sc[s].offensive || g->offensive_seen;
            }
            if (st->runs) {
                st->win_pct = 100.0 * st->wins / st->runs;
                st->stars = stars / st->runs;
                for (int p = 0; p < SIM_PILLAR_COUNT; p++)
                    st->pillar[p] = pillar[p] / st->runs;
            }
        }
}

/* ---- targets ------------------------------------------------------------------------- */

typedef struct target {
    const char *name;          /* "sensible >= 70 %" */
    bool applies, met;
    char detail[96];           /* "92.5 %" */
} target;

enum { T_SENSIBLE, T_IDLE, T_RANDOM, T_HACKBACK, T_COUNT };

static int bot_index(const balance *b, const char *name)
{
    for (int i = 0; i < b->nbots; i++)
        if (strcmp(b->bot_names[i], name) == 0)
            return i;
    return -1;
}

static void targets_of(const balance *b, const bal_scenario *s, target t[T_COUNT])
{
    memset(t, 0, sizeof(target) * T_COUNT);
    t[T_SENSIBLE].name = "sensible wins >= 70 %";
    t[T_IDLE].name = "idle wins <= 10 %";
    t[T_RANDOM].name = "random wins <= 30 %";
    t[T_HACKBACK].name = "hackback below sensible on responsibility";
    int sens = bot_index(b, "sensible"), idle = bot_index(b, "idle"), rnd = bot_index(b, "random"),
        hb = bot_index(b, "hackback");
    if (!s->ok)
        return;
    if (sens >= 0 && s->bots[sens].runs) {
        t[T_SENSIBLE].applies = true;
        t[T_SENSIBLE].met = s->bots[sens].win_pct >= TARGET_SENSIBLE_MIN;
        snprintf(t[T_SENSIBLE].detail, sizeof t[0].detail, "%.1f %%", s->bots[sens].win_pct);
    }
    if (idle >= 0 && s->bots[idle].runs) {
        t[T_IDLE].applies = true;
        t[T_IDLE].met = s->bots[idle].win_pct <= TARGET_IDLE_MAX;
        snprintf(t[T_IDLE].detail, sizeof t[0].detail, "%.1f %%", s->bots[idle].win_pct);
    }
    if (rnd >= 0 && s->bots[rnd].runs) {
        t[T_RANDOM].applies = true;
        t[T_RANDOM].met = s->bots[rnd].win_pct <= TARGET_RANDOM_MAX;
        snprintf(t[T_RANDOM].detail, sizeof t[0].detail, "%.1f %%", s->bots[rnd].win_pct);
    }
    if (s->offensive && sens >= 0 && hb >= 0 && s->bots[sens].runs && s->bots[hb].runs) {
        double a = s->bots[hb].pillar[SIM_PILLAR_RESPONSIBILITY],
               c = s->bots[sens].pillar[SIM_PILLAR_RESPONSIBILITY];
        t[T_HACKBACK].applies = true;
        t[T_HACKBACK].met = a < c;
        snprintf(t[T_HACKBACK].detail, sizeof t[0].detail, "%.1f %s %.1f", a, a < c ? "<" : ">=", c);
    }
}

/* ---- output ---------------------------------------------------------------------------- */

static void print_text(const balance *b, FILE *out)
{
    for (int s = 0; s < b->nsc; s++) {
        const bal_scenario *sc = &b->sc[s];
        if (!sc->ok)
            continue;
        fprintf(out, "%s%s — %s: %d seed%s per bot\n", s ? "\n" : "", sc->id, sc->title, b->runs,
                b->runs == 1 ? "" : "s");
        fprintf(out, "  %-10s %6s %6s %11s %15s %9s %14s\n", "bot", "win %", "stars", "protection",
                "responsibility", "capacity", "collaboration");
        for (int i = 0; i < b->nbots; i++) {
            const bot_stats *st = &sc->bots[i];
            fprintf(out, "  %-10s %6.1f %6.2f %11.1f %15.1f %9.1f %14.1f", b->bot_names[i], st->win_pct,
                    st->stars, st->pillar[0], st->pillar[1], st->pillar[2], st->pillar[3]);
            if (st->errors)
                fprintf(out, "  (%d game%s failed)", st->errors, st->errors == 1 ? "" : "s");
            fputc('\n', out);
        }
        target t[T_COUNT];
        targets_of(b, sc, t);
        for (int i = 0; i < T_COUNT; i++)
            if (t[i].applies)
                fprintf(out, "  %-4s %s (%s)\n", t[i].met ? "ok" : "MISS", t[i].name, t[i].detail);
        if (!sc->offensive)
            fprintf(out, "  --   no offensive option: hackback's responsibility is not compared\n");
    }
}

static void print_markdown(const balance *b, FILE *out)
{
    fprintf(out, "| scenario | bot | wins | win %% | stars | protection | responsibility | capacity | collaboration |\n"
                 "|---|---|---:|---:|---:|---:|---:|---:|---:|\n");
    for (int s = 0; s < b->nsc; s++) {
        const bal_scenario *sc = &b->sc[s];
        for (int i = 0; sc->ok && i < b->nbots; i++) {
            const bot_stats *st = &sc->bots[i];
            fprintf(out, "| %s | %s | %d/%d | %.1f | %.2f | %.1f | %.1f | %.1f | %.1f |\n", i ? "" : sc->id,
                    b->bot_names[i], st->wins, st->runs, st->win_pct, st->stars, st->pillar[0], st->pillar[1],
                    st->pillar[2], st->pillar[3]);
        }
    }
    fprintf(out, "\n| scenario | sensible wins >= 70 %% | idle wins <= 10 %% | random wins <= 30 %% | hackback below sensible on responsibility |\n"
                 "|---|---|---|---|---|\n");
    for (int s = 0; s < b->nsc; s++) {
        if (!b->sc[s].ok)
            continue;
        target t[T_COUNT];
        targets_of(b, &b->sc[s], t);
        fprintf(out, "| %s |", b->sc[s].id);
        for (int i = 0; i < T_COUNT; i++) {
            if (t[i].applies)
                fprintf(out, " %s (%s) |", t[i].met ? "met" : "**missed**", t[i].detail);
            else if (i == T_HACKBACK && !b->sc[s].offensive)
                fprintf(out, " no offensive option |");
            else
                fprintf(out, " not measured |");
        }
        fputc('\n', out);
    }
}

static cJSON *json_of(const balance *b)
{
    cJSON *root = cJSON_CreateObject();
    cJSON_AddNumberToObject(root, "runs", b->runs);
    cJSON *arr = cJSON_AddArrayToObject(root, "scenarios");
    bool all_met = true;
    for (int s = 0; s < b->nsc; s++) {
        const bal_scenario *sc = &b->sc[s];
        cJSON *o = cJSON_CreateObject();
        cJSON_AddStringToObject(o, "id", sc->id);
        cJSON_AddStringToObject(o, "title", sc->title);
        cJSON_AddBoolToObject(o, "loaded", sc->ok);
        cJSON_AddBoolToObject(o, "offensive_option", sc->offensive);
        cJSON *bots = cJSON_AddArrayToObject(o, "bots");
        for (int i = 0; sc->ok && i < b->nbots; i++) {
            const bot_stats *st = &sc->bots[i];
            cJSON *x = cJSON_CreateObject();
            cJSON_AddStringToObject(x, "bot", b->bot_names[i]);
            cJSON_AddNumberToObject(x, "runs", st->runs);
            cJSON_AddNumberToObject(x, "wins", st->wins);
            cJSON_AddNumberToObject(x, "win_rate", st->runs ? (double)st->wins / st->runs : 0);
            cJSON_AddNumberToObject(x, "stars_mean", st->stars);
            cJSON *p = cJSON_AddObjectToObject(x, "pillars_mean");
            for (int k = 0; k < SIM_PILLAR_COUNT; k++)
                cJSON_AddNumberToObject(p, sim_pillar_name((sim_pillar)k), st->pillar[k]);
            cJSON_AddNumberToObject(x, "errors", st->errors);
            if (st->errors)
                cJSON_AddStringToObject(x, "first_error", st->first_error);
            cJSON_AddItemToArray(bots, x);
        }
        target t[T_COUNT];
        targets_of(b, sc, t);
        cJSON *ts = cJSON_AddArrayToObject(o, "targets");
        for (int i = 0; i < T_COUNT; i++) {
            if (!t[i].applies)
                continue;
            cJSON *x = cJSON_CreateObject();
            cJSON_AddStringToObject(x, "target", t[i].name);
            cJSON_AddBoolToObject(x, "met", t[i].met);
            cJSON_AddStringToObject(x, "value", t[i].detail);
            cJSON_AddItemToArray(ts, x);
            all_met = all_met && t[i].met;
        }
        all_met = all_met && sc->ok;
        cJSON_AddItemToArray(arr, o);
    }
    cJSON_AddBoolToObject(root, "targets_met", all_met);
    return root;
}

/* ---- setting up ------------------------------------------------------------------------- */

static int parse(int argc, char **argv, bal_opts *o, int *nfiles, FILE *out, FILE *err)
{
    for (int i = 0; i < argc; i++) {
        const char *v = NULL;
        if (args_opt(argc, argv, &i, "--runs", &v)) {
            if (!args_int("--runs", v, 1, 10000, &o->runs, err))
                return APP_USAGE;
        } else if (args_opt(argc, argv, &i, "--jobs", &v)) {
            if (!args_int("--jobs", v, 1, MAX_JOBS, &o->jobs, err))
                return APP_USAGE;
        } else if (args_opt(argc, argv, &i, "--bots", &v)) {
            if (!(o->bots = v) || !*v)
                return fprintf(err, "bulwark balance: --bots needs a list (idle,sensible,random,hackback)\n"), APP_USAGE;
        } else if (args_opt(argc, argv, &i, "--json", &v)) {
            if (!(o->json = v))
                return fprintf(err, "bulwark balance: --json needs an output file (or -)\n"), APP_USAGE;
        } else if (args_opt(argc, argv, &i, "--campaign", &v)) {
            if (!(o->campaign = v))
                return fprintf(err, "bulwark balance: --campaign needs a file\n"), APP_USAGE;
        } else if (strcmp(argv[i], "--markdown") == 0) {
            o->markdown = true;
        } else if (strcmp(argv[i], "--check") == 0) {
            o->check = true;
        } else if (strcmp(argv[i], "--all") == 0) {
            o->all = true;
        } else if (strcmp(argv[i], "--help") == 0) {
            balance_usage(out);
            return -1;
        } else if (argv[i][0] == '-' && argv[i][1]) {
            fprintf(err, "bulwark balance: unknown option '%s'\n", argv[i]);
            return APP_USAGE;
        } else {
            argv[(*nfiles)++] = argv[i];
        }
    }
    if (!*nfiles && !o->all) {
        balance_usage(err);
        return APP_USAGE;
    }
    if (*nfiles && o->all)
        return fprintf(err, "bulwark balance: give scenarios or --all, not both\n"), APP_USAGE;
    return APP_OK;
}

static int parse_bots(balance *b, const char *list, FILE *err)
{
    const char *p = list;
    while (*p) {
        size_t n = strcspn(p, ",");
        if (n == 0 || n >= sizeof b->bot_names[0])
            return fprintf(err, "bulwark balance: --bots: '%s' is not a list of bots\n", list), APP_USAGE;
        if (b->nbots == MAX_BOTS)
            return fprintf(err, "bulwark balance: at most %d bots\n", MAX_BOTS), APP_USAGE;
        char *name = b->bot_names[b->nbots];
        snprintf(name, sizeof b->bot_names[0], "%.*s", (int)n, p);
        if (bot_index(b, name) >= 0)
            return fprintf(err, "bulwark balance: --bots names '%s' twice\n", name), APP_USAGE;
        char buf[1024];
        const char *path = app_resolve(name, "bots", buf, sizeof buf);
        struct stat st;
        if (stat(path, &st) != 0) {
            app_hint_shipped(name, "bots", err);
            return APP_USAGE;
        }
        snprintf(b->bot_paths[b->nbots], sizeof b->bot_paths[0], "%s", path);
        b->nbots++;
        p += n + (p[n] == ',');
    }
    return b->nbots ? APP_OK : APP_USAGE;
}

/* Load each scenario once: it must load (with its own seed), and under
 * --all its id must be its campaign entry's. */
static int check_scenario(bal_scenario *s, const char *want_id, FILE *err)
{
    script_diags d;
    script_diags_init(&d);
    bw_err e;
    script_scenario *sc = script_scenario_load(s->path, NULL, &d, &e);
    script_diags_print(&d, err);
    script_diags_free(&d);
    if (!sc) {
        fprintf(err, "bulwark balance: %s does not load; it is left out\n", s->path);
        return APP_FAILED;
    }
    snprintf(s->id, sizeof s->id, "%s", script_scenario_id(sc));
    snprintf(s->title, sizeof s->title, "%s", script_scenario_title(sc));
    s->offensive = sim_action_offered(script_scenario_cworld(sc), SIM_ACT_HACK_BACK);
    script_scenario_destroy(sc);
    if (want_id && strcmp(want_id, s->id) != 0) {
        fprintf(err, "bulwark balance: %s has id '%s' but the campaign lists it as '%s'\n", s->path, s->id,
                want_id);
        return APP_FAILED;
    }
    s->ok = true;
    return APP_OK;
}

static int add_scenarios(balance *b, const bal_opts *o, char **files, int nfiles, FILE *err)
{
    script_campaign c = { 0 };
    bw_err e;
    if (o->all && script_campaign_load(o->campaign, &c, &e) < 0) {
        fprintf(err, "bulwark balance: %s\n", e.msg);
        return APP_FAILED;
    }
    int n = o->all ? c.count : nfiles;
    b->sc = calloc((size_t)(n ? n : 1), sizeof *b->sc);
    if (!b->sc) {
        script_campaign_free(&c);
        return APP_INTERNAL;
    }
    int rc = APP_OK;
    for (int i = 0; i < n; i++) {
        if (o->all && c.items[i].tutorial)
            continue;
        bal_scenario *s = &b->sc[b->nsc++];
        if (o->all) {
            snprintf(s->path, sizeof s->path, "%s", c.items[i].path);
            snprintf(s->id, sizeof s->id, "%s", c.items[i].id);
        } else {
            char buf[1024];
            snprintf(s->path, sizeof s->path, "%s", app_resolve(files[i], "scenarios", buf, sizeof buf));
            snprintf(s->id, sizeof s->id, "%.63s", files[i]);
            struct stat st;
            if (stat(s->path, &st) != 0 && !strchr(files[i], '/') && !strstr(files[i], ".lua")) {
                app_hint_shipped(files[i], "scenarios", err);
                rc = APP_FAILED;
                continue;
            }
        }
        if (check_scenario(s, o->all ? c.items[i].id : NULL, err) != APP_OK)
            rc = APP_FAILED;
    }
    script_campaign_free(&c);
    return rc;
}

static long default_jobs(void)
{
    long n = sysconf(_SC_NPROCESSORS_ONLN);
    return n < 1 ? 1 : n > MAX_JOBS ? MAX_JOBS : n;
}

static int write_json(const balance *b, const char *json, FILE *out, FILE *err)
{
    cJSON *root = json_of(b);
    char *text = root ? cJSON_Print(root) : NULL;
    cJSON_Delete(root);
    bw_err e;
    int rc = APP_OK;
    if (!text)
        rc = APP_INTERNAL;
    else if (strcmp(json, "-") == 0)
        fprintf(out, "%s\n", text);
    else if (record_write_file(json, text, &e) < 0) {
        fprintf(err, "bulwark balance: %s\n", e.msg);
        rc = APP_INTERNAL;
    }
    free(text);
    return rc;
}

/* Whether every target was met; the missed ones on err (unless NULL). */
static bool report_misses(const balance *b, FILE *err)
{
    bool met = true;
    for (int s = 0; s < b->nsc; s++) {
        target t[T_COUNT];
        targets_of(b, &b->sc[s], t);
        for (int i = 0; i < T_COUNT; i++)
            if (t[i].applies && !t[i].met) {
                if (err)
                    fprintf(err, "bulwark balance: %s misses its target: %s (%s)\n", b->sc[s].id,
                            t[i].name, t[i].detail);
                met = false;
            }
    }
    return met;
}

int app_cmd_balance(int argc, char **argv, FILE *out, FILE *err)
{
    bal_opts o = { 0 };
    o.runs = 200;
    o.jobs = default_jobs();
    int nfiles = 0;
    int rc = parse(argc, argv, &o, &nfiles, out, err);
    if (rc != APP_OK)
        return rc < 0 ? APP_OK : rc;
    balance b;
    memset(&b, 0, sizeof b);
    b.runs = (int)o.runs;
    if ((rc = parse_bots(&b, o.bots ? o.bots : "idle,sensible,random,hackback", err)) != APP_OK)
        return rc;
    if (o.json && strcmp(o.json, "-") != 0) {
        bw_err e;
        if (record_check_writable(o.json, &e) < 0) {
            fprintf(err, "bulwark balance: %s\n", e.msg);
            return APP_FAILED;
        }
    }
    int loaded = add_scenarios(&b, &o, argv, nfiles, err);
    struct timespec t0, t1;
    clock_gettime(CLOCK_MONOTONIC, &t0);
    rc = loaded == APP_INTERNAL ? APP_INTERNAL : play_all(&b, o.jobs, err);
    clock_gettime(CLOCK_MONOTONIC, &t1);
    if (rc == APP_OK) {
        summarise(&b);
        bool json_out = o.json && strcmp(o.json, "-") == 0;
        if (o.markdown && !json_out)
            print_markdown(&b, out);
        else if (!json_out)
            print_text(&b, out);
        if (o.json)
            rc = write_json(&b, o.json, out, err);
        int failed = 0;
        for (int s = 0; s < b.nsc; s++)
            for (int i = 0; i < b.nbots; i++)
                if (b.sc[s].bots[i].errors) {
                    fprintf(err, "bulwark balance: %s with %s: %d game%s failed; the first: %s\n", b.sc[s].id,
                            b.bot_names[i], b.sc[s].bots[i].errors, b.sc[s].bots[i].errors == 1 ? "" : "s",
                            b.sc[s].bots[i].first_error);
                    failed++;
                }
        double secs = (double)(t1.tv_sec - t0.tv_sec) + (t1.tv_nsec - t0.tv_nsec) / 1e9;
        long games = b.total_jobs;
        fprintf(err, "bulwark balance: %ld game%s in %.1f s (%.1f ms each on %ld thread%s)\n", games,
                games == 1 ? "" : "s", secs, games ? secs * 1000.0 * (double)o.jobs / (double)games : 0.0,
                o.jobs, o.jobs == 1 ? "" : "s");
        bool met = report_misses(&b, o.check ? err : NULL);
        if (rc == APP_OK && (failed || loaded != APP_OK || (o.check && !met)))
            rc = APP_FAILED;
    }
    for (long j = 0; b.results && j < b.total_jobs; j++)
        free(b.results[j].error);
    free(b.results);
    free(b.sc);
    return rc;
}
