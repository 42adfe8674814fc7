/* cmd_results.c — `bulwark results list|show|verify|export`: a room's (or
 * the player's own) stored results, read back, checked by replay and
 * exported (docs/workshops.md, "Results and verification").
 *
 * Reads only: the store is opened with a player's role, which on
 * PostgreSQL can select and never change a result, and a missing SQLite
 * file is never created. Every text from a store (names, records) is
 * untrusted: cleaned of control characters before a terminal sees it. */
#include "bulwark/app.h"
#include "args.h"
#include "results.h"

#include <cjson/cJSON.h>
#include <errno.h>
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

static void results_usage(FILE *out)
{
    fprintf(out,
            "usage: bulwark results list   [SELECTION] [--json]\n"
            "       bulwark results show   ID [--store T | --workshop CONFIG] [--json]\n"
            "       bulwark results verify [SELECTION] [ID...]\n"
            "       bulwark results export --format csv|json|html [--out FILE] [SELECTION]\n"
            "  The stored results of finished games: a workshop's room, or your own.\n"
            "  list    one line a result (id, time, player, team, workshop, scenario,\n"
            "          outcome, stars, pillar total, ticks); --json: an array of objects\n"
            "  show    one result in full: summary, objectives, decisions, timeline and\n"
            "          the scenario's debrief; --json: the row and its whole record\n"
            "  verify  replay each record's actions on its scenario (checking the\n"
            "          scenario's content hash first) and compare the world hash,\n"
            "          outcome, stars, ticks and pillars with the stored columns and the\n"
            "          record's own fields: one line a result (OK, MISMATCH: what\n"
            "          differs, CANNOT VERIFY: why), then a summary; exit 1 unless all OK\n"
            "  export  csv (RFC 4180, a header row), json (an array of objects), or html:\n"
            "          one self-contained page to project (scoreboards, pillar charts,\n"
            "          the decisions most got wrong, how the best game differed, a\n"
            "          section per player); to stdout unless --out FILE\n"
            "SELECTION (all optional; filters match exactly):\n"
            "  --store TARGET     a results file (SQLite) or a postgresql:// connection\n"
            "                     string; default: your own store (bulwark.db)\n"
            "  --workshop CONFIG  a workshop config file: its results store, and only its\n"
            "                     results (its scenario files are used to verify)\n"
            "  --workshop NAME    (not a file) only that workshop's results\n"
            "  --team T  --scenario ID  --player P\n"
            "  --user ROLE        the PostgreSQL role to connect as (password from\n"
            "                     PGPASSWORD or ~/.pgpass); default: a config's\n"
            "                     facilitator_role, else libpq's\n"
            "Exit: 0 ok, 1 failed (a result that is not OK, an unknown id, an unreadable\n"
            "store), 2 usage error.\n");
}

/* ---- shared helpers ---------------------------------------------------------- */

void results_iso_time(int64_t t, char *buf, size_t n)
{
    time_t tt = (time_t)t;
    struct tm tm;
    if (!gmtime_r(&tt, &tm) || !strftime(buf, n, "%Y-%m-%dT%H:%M:%SZ", &tm))
        snprintf(buf, n, "%" PRId64, t);
}

const char *results_outcome(sim_outcome o)
{
    return o == SIM_OUTCOME_WON ? "won" : o == SIM_OUTCOME_LOST ? "lost" : "running";
}

void results_set_free(results_set *set)
{
    for (int i = 0; set->records && i < set->count; i++)
        free(set->records[i]);
    free(set->records);
    free(set->rows);
    rstore_close(set->st);
    memset(set, 0, sizeof *set);
}

static bool file_exists(const char *path)
{
    struct stat st;
    return stat(path, &st) == 0;
}

int results_load(const results_sel *sel, const char *cmd, bool records, results_set *set, FILE *err)
{
    memset(set, 0, sizeof *set);
    char def[1024];
    const char *target = sel->store;
    const char *user = sel->user;
    bw_err e;
    if (!target && sel->have_config) {
        target = sel->cfg->results;
        if (!user && sel->cfg->results_postgres)
            user = sel->cfg->facilitator_role;
    }
    if (!target) {
        if (store_default_path(def, sizeof def, &e) != BW_OK) {
            fprintf(err, "bulwark results %s: %s\n", cmd, e.msg);
            return APP_FAILED;
        }
        if (!file_exists(def)) /* no game finished yet: nothing stored */
            return snprintf(set->where, sizeof set->where, "%s", def), APP_OK;
        target = def;
    } else if (!rstore_target_is_postgres(target) && !file_exists(target)) {
        fprintf(err, "bulwark results %s: %s: no such results file (%s)\n", cmd, target,
                strerror(ENOENT));
        return APP_FAILED;
    }
    /* A player's role: reading needs no more, and never migrates anything. */
    set->st = rstore_open(target, user, RSTORE_PLAYER, &e);
    if (!set->st) {
        fprintf(err, "bulwark results %s: %s\n", cmd, e.msg);
        return APP_FAILED;
    }
    snprintf(set->where, sizeof set->where, "%s", rstore_describe(set->st));
    if (rstore_results_list(set->st, &sel->filter, &set->rows, &set->count, &e) != BW_OK) {
        fprintf(err, "bulwark results %s: %s\n", cmd, e.msg);
        results_set_free(set);
        return APP_FAILED;
    }
    if (!records)
        return APP_OK;
    set->records = set->count ? calloc((size_t)set->count, sizeof *set->records) : NULL;
    if (set->count && !set->records) {
        fprintf(err, "bulwark results %s: out of memory\n", cmd);
        results_set_free(set);
        return APP_INTERNAL;
    }
    for (int i = 0; i < set->count; i++) {
        store_result again;
        if (rstore_result_get(set->st, set->rows[i].id, &again, &set->records[i], &e) != BW_OK) {
            fprintf(err, "bulwark results %s: result %" PRId64 ": %s\n", cmd, set->rows[i].id, e.msg);
            results_set_free(set);
            return APP_FAILED;
        }
    }
    return APP_OK;
}

/* ---- options ------------------------------------------------------------------- */

typedef struct results_opts {
    const char *sub;
    results_sel sel;
    bool json;
    const char *format, *out;
    int id_count;
    int64_t ids[64];
} results_opts;

static bool looks_like_config(const char *v)
{
    size_t n = strlen(v);
    return file_exists(v) || strchr(v, '/') || (n > 4 && strcmp(v + n - 4, ".lua") == 0);
}

static int load_config(results_opts *o, const char *path, FILE *err)
{
    o->sel.cfg = calloc(1, sizeof *o->sel.cfg);
    if (!o->sel.cfg)
        return fprintf(err, "bulwark results: out of memory\n"), APP_INTERNAL;
    script_diags d;
    script_diags_init(&d);
    bw_err e;
    int rc = workshop_load(path, o->sel.cfg, &d, &e);
    script_diags_print(&d, err);
    script_diags_free(&d);
    if (rc != BW_OK) {
        fprintf(err, "bulwark results: %s\n", e.msg);
        return APP_FAILED;
    }
    o->sel.have_config = true;
    o->sel.filter.workshop = o->sel.cfg->id;
    return APP_OK;
}

static int parse_id(const char *text, int64_t *id, FILE *err)
{
    char *end;
    errno = 0;
    long long v = strtoll(text, &end, 10);
    if (errno || *end || v < 1 || !text[0]) {
        fprintf(err, "bulwark results: '%s' is not a result id (a whole number from 1; see 'bulwark results list')\n",
                text);
        return APP_USAGE;
    }
    *id = v;
    return APP_OK;
}

static int parse(int argc, char **argv, results_opts *o, FILE *out, FILE *err)
{
    static const char *const subs[] = { "list", "show", "verify", "export", NULL };
    if (argc < 1 || strcmp(argv[0], "--help") == 0 || strcmp(argv[0], "-h") == 0) {
        results_usage(argc < 1 ? err : out);
        return argc < 1 ? APP_USAGE : -1;
    }
    o->sub = argv[0];
    bool known = false;
    for (int i = 0; subs[i]; i++)
        known |= strcmp(subs[i], o->sub) == 0;
    if (!known) {
        const char *near = app_closest(o->sub, subs);
        fprintf(err, "bulwark results: '%s' is not one of list, show, verify, export%s%s%s\n", o->sub,
                near ? " (did you mean '" : "", near ? near : "", near ? "'?)" : "");
        return APP_USAGE;
    }
    const char *workshop = NULL;
    for (int i = 1; i < argc; i++) {
        const char *v = NULL;
        const char **slot = NULL;
        const char *name = argv[i];
        if (args_opt(argc, argv, &i, "--store", &v))
            slot = &o->sel.store;
        else if (args_opt(argc, argv, &i, "--workshop", &v))
            slot = &workshop;
        else if (args_opt(argc, argv, &i, "--team", &v))
            slot = &o->sel.filter.team;
        else if (args_opt(argc, argv, &i, "--scenario", &v))
            slot = &o->sel.filter.scenario_id;
        else if (args_opt(argc, argv, &i, "--player", &v))
            slot = &o->sel.filter.player;
        else if (args_opt(argc, argv, &i, "--user", &v))
            slot = &o->sel.user;
        else if (args_opt(argc, argv, &i, "--format", &v))
            slot = &o->format;
        else if (args_opt(argc, argv, &i, "--out", &v))
            slot = &o->out;
        else if (strcmp(name, "--json") == 0)
            o->json = true;
        else if (strcmp(name, "--help") == 0 || strcmp(name, "-h") == 0)
            return results_usage(out), -1;
        else if (name[0] == '-')
            return fprintf(err, "bulwark results %s: unknown option '%s'\n", o->sub, name), APP_USAGE;
        else if (o->id_count >= 64)
            return fprintf(err, "bulwark results %s: at most 64 ids at once\n", o->sub), APP_USAGE;
        else if (parse_id(name, &o->ids[o->id_count++], err) != APP_OK)
            return APP_USAGE;
        if (slot) {
            if (!v || !v[0])
                return fprintf(err, "bulwark results %s: %.40s needs a value\n", o->sub, name), APP_USAGE;
            *slot = v;
        }
    }
    const char *sub = o->sub;
    if (o->json && strcmp(sub, "list") && strcmp(sub, "show"))
        return fprintf(err, "bulwark results %s: --json is for list and show (export has --format json)\n", sub),
               APP_USAGE;
    if ((o->format || o->out) && strcmp(sub, "export"))
        return fprintf(err, "bulwark results %s: --format and --out are for export\n", sub), APP_USAGE;
    if (!strcmp(sub, "export") && !o->format)
        return fprintf(err, "bulwark results export: --format csv, json or html is needed\n"), APP_USAGE;
    if (o->format && strcmp(o->format, "csv") && strcmp(o->format, "json") && strcmp(o->format, "html"))
        return fprintf(err, "bulwark results export: --format is csv, json or html, not '%s'\n", o->format),
               APP_USAGE;
    if (!strcmp(sub, "show") && o->id_count != 1)
        return fprintf(err, "bulwark results show: one result id, please (see 'bulwark results list')\n"),
               APP_USAGE;
    if (o->id_count && strcmp(sub, "show") && strcmp(sub, "verify"))
        return fprintf(err, "bulwark results %s: ids are for show and verify; use the filters\n", sub),
               APP_USAGE;
    if (workshop && o->sel.store && looks_like_config(workshop))
        return fprintf(err, "bulwark results %s: --store and --workshop CONFIG both name a store; give one\n",
                       sub),
               APP_USAGE;
    if (workshop && looks_like_config(workshop)) {
        int rc = load_config(o, workshop, err);
        if (rc != APP_OK || !o->sel.filter.team)
            return rc;
        /* The config knows its teams: a misspelt one is not "no results". */
        const workshop_config *cf = o->sel.cfg;
        const char *names[WORKSHOP_MAX_TEAMS + 1];
        for (int t = 0; t < cf->team_count; t++) {
            names[t] = cf->teams[t];
            if (strcmp(cf->teams[t], o->sel.filter.team) == 0)
                return APP_OK;
        }
        names[cf->team_count] = NULL;
        const char *near = app_closest(o->sel.filter.team, names);
        char team[STORE_NAME_MAX];
        snprintf(team, sizeof team, "%s", o->sel.filter.team);
        bw_text_clean(team);
        fprintf(err, "bulwark results: '%s' is not a team of workshop %s; its teams are:", team, cf->id);
        for (int t = 0; t < cf->team_count; t++)
            fprintf(err, "%s %s", t ? "," : "", cf->teams[t]);
        fprintf(err, "%s%s%s\n", near ? " (did you mean '" : "", near ? near : "", near ? "'?)" : "");
        return APP_USAGE;
    }
    o->sel.filter.workshop = workshop;
    return APP_OK;
}

/* Keep only the rows whose id was asked for; an id asked for and absent is an error. */
static int keep_ids(results_set *set, const results_opts *o, FILE *err)
{
    if (!o->id_count)
        return APP_OK;
    for (int k = 0; k < o->id_count; k++) {
        bool found = false;
        for (int i = 0; i < set->count && !found; i++)
            found = set->rows[i].id == o->ids[k];
        if (!found) {
            fprintf(err, "bulwark results %s: no result %" PRId64 " in %s%s\n", o->sub, o->ids[k], set->where,
                    o->sel.filter.workshop || o->sel.filter.team || o->sel.filter.player ||
                            o->sel.filter.scenario_id
                        ? " (with these filters)"
                        : "");
            return APP_FAILED;
        }
    }
    int n = 0;
    for (int i = 0; i < set->count; i++) {
        bool want = false;
        for (int k = 0; k < o->id_count && !want; k++)
            want = set->rows[i].id == o->ids[k];
        char *t = set->records ? set->records[i] : NULL;
        if (set->records)
            set->records[i] = NULL;
        if (want) {
            set->rows[n] = set->rows[i];
            if (set->records)
                set->records[n] = t;
            n++;
        } else {
            free(t);
        }
    }
    set->count = n;
    return APP_OK;
}

/* ---- list -------------------------------------------------------------------- */

cJSON *results_row_json(const store_result *r)
{
    cJSON *o = cJSON_CreateObject();
    if (!o)
        return NULL;
    char buf[32];
    cJSON_AddNumberToObject(o, "id", (double)r->id);
    results_iso_time(r->finished_at, buf, sizeof buf);
    cJSON_AddStringToObject(o, "finished_at", buf);
    cJSON_AddStringToObject(o, "player", r->player);
    cJSON_AddStringToObject(o, "team", r->team);
    cJSON_AddStringToObject(o, "workshop", r->workshop);
    cJSON_AddStringToObject(o, "scenario", r->sum.scenario_id);
    snprintf(buf, sizeof buf, "%016" PRIx64, r->sum.scenario_hash);
    cJSON_AddStringToObject(o, "scenario_hash", buf);
    cJSON_AddNumberToObject(o, "seed", (double)r->sum.seed);
    cJSON_AddStringToObject(o, "engine", r->sum.engine);
    cJSON_AddStringToObject(o, "outcome", results_outcome(r->sum.outcome));
    cJSON_AddNumberToObject(o, "stars", r->sum.stars);
    cJSON_AddNumberToObject(o, "ticks", r->sum.ticks);
    cJSON *p = cJSON_AddObjectToObject(o, "pillars");
    int total = 0;
    for (int k = 0; k < SIM_PILLAR_COUNT; k++) {
        cJSON_AddNumberToObject(p, sim_pillar_name((sim_pillar)k), r->sum.pillar[k]);
        total += r->sum.pillar[k];
    }
    cJSON_AddNumberToObject(o, "pillar_total", total);
    snprintf(buf, sizeof buf, "%016" PRIx64, r->sum.world_hash);
    cJSON_AddStringToObject(o, "world_hash", buf);
    return o;
}

/* A name for a terminal: cleaned, "-" when none. */
static const char *shown(const char *s, char *buf, size_t n)
{
    snprintf(buf, n, "%s", s[0] ? s : "-");
    bw_text_clean(buf);
    return buf;
}

static int list(const results_set *set, bool json, FILE *out, FILE *err)
{
    if (json)
        return results_export_json(set, out, err);
    if (!set->count) {
        fprintf(out, "no results in %s\n", set->where);
        return APP_OK;
    }
    fprintf(out, "%6s  %-20s  %-16s  %-10s  %-14s  %-12s  %-7s  %5s  %5s  %5s\n", "ID", "FINISHED (UTC)",
            "PLAYER", "TEAM", "WORKSHOP", "SCENARIO", "OUTCOME", "STARS", "TOTAL", "TICKS");
    for (int i = 0; i < set->count; i++) {
        const store_result *r = &set->rows[i];
        char when[32], p[STORE_NAME_MAX], t[STORE_NAME_MAX], w[STORE_NAME_MAX];
        results_iso_time(r->finished_at, when, sizeof when);
        int total = 0;
        for (int k = 0; k < SIM_PILLAR_COUNT; k++)
            total += r->sum.pillar[k];
        fprintf(out, "%6" PRId64 "  %-20s  %-16s  %-10s  %-14s  %-12s  %-7s  %5d  %5d  %5d\n", r->id, when,
                shown(r->player, p, sizeof p), shown(r->team, t, sizeof t), shown(r->workshop, w, sizeof w),
                r->sum.scenario_id, results_outcome(r->sum.outcome), r->sum.stars, total, r->sum.ticks);
    }
    fprintf(out, "%d result%s in %s\n", set->count, set->count == 1 ? "" : "s", set->where);
    return APP_OK;
}

/* ---- show -------------------------------------------------------------------- */

static const char *jstr(const cJSON *o, const char *name)
{
    const cJSON *v = cJSON_GetObjectItemCaseSensitive(o, name);
    return cJSON_IsString(v) ? v->valuestring : "";
}

static int jint(const cJSON *o, const char *name)
{
    const cJSON *v = cJSON_GetObjectItemCaseSensitive(o, name);
    return cJSON_IsNumber(v) ? v->valueint : 0;
}

/* An untrusted text on a terminal: control characters replaced. */
static void put_clean(FILE *out, const char *s)
{
    char buf[1024];
    for (size_t at = 0, n = strlen(s); at < n; at += sizeof buf - 1) {
        snprintf(buf, sizeof buf, "%s", s + at);
        bw_text_clean(buf);
        fputs(buf, out);
    }
}

static void show_text(const store_result *r, const cJSON *rec, FILE *out)
{
    char when[32], b[STORE_NAME_MAX];
    results_iso_time(r->finished_at, when, sizeof when);
    fprintf(out, "Result %" PRId64 " — ", r->id);
    put_clean(out, jstr(cJSON_GetObjectItemCaseSensitive(rec, "scenario"), "title"));
    fprintf(out, " (%s)\n", r->sum.scenario_id);
    fprintf(out, "  player %s", shown(r->player, b, sizeof b));
    fprintf(out, ", team %s", shown(r->team, b, sizeof b));
    fprintf(out, ", workshop %s\n", shown(r->workshop, b, sizeof b));
    fprintf(out, "  finished %s; seed %" PRIu64 "; engine %s; scenario hash %016" PRIx64 "\n", when,
            r->sum.seed, r->sum.engine, r->sum.scenario_hash);
    int total = 0;
    for (int k = 0; k < SIM_PILLAR_COUNT; k++)
        total += r->sum.pillar[k];
    int days = r->sum.ticks / SIM_TICKS_PER_DAY, hours = r->sum.ticks % SIM_TICKS_PER_DAY;
    fprintf(out, "  %s, %d star%s, %d ticks (%d day%s", r->sum.outcome == SIM_OUTCOME_WON ? "WON" : "LOST",
            r->sum.stars, r->sum.stars == 1 ? "" : "s", r->sum.ticks, days, days == 1 ? "" : "s");
    if (hours)
        fprintf(out, " %d h", hours);
    fprintf(out, "); world hash %016" PRIx64 "\n", r->sum.world_hash);
    fprintf(out, "  pillars:");
    for (int k = 0; k < SIM_PILLAR_COUNT; k++)
        fprintf(out, " %s %d", sim_pillar_name((sim_pillar)k), r->sum.pillar[k]);
    fprintf(out, " (total %d)\n", total);
    if (!rec) {
        fprintf(out, "\n(the record's text does not parse: nothing more to show)\n");
        return;
    }
    const cJSON *x;
    const cJSON *objs = cJSON_GetObjectItemCaseSensitive(rec, "objectives");
    if (cJSON_GetArraySize(objs) > 0) {
        fprintf(out, "\nObjectives:\n");
        cJSON_ArrayForEach(x, objs)
        {
            fprintf(out, "  [%s] ", cJSON_IsTrue(cJSON_GetObjectItemCaseSensitive(x, "met")) ? "x" : " ");
            put_clean(out, jstr(x, "text"));
            fprintf(out, "%s\n", cJSON_IsTrue(cJSON_GetObjectItemCaseSensitive(x, "optional")) ? " (optional)" : "");
        }
    }
    const cJSON *tl = cJSON_GetObjectItemCaseSensitive(rec, "timeline");
    fprintf(out, "\nDecisions:\n");
    int decisions = 0;
    cJSON_ArrayForEach(x, tl)
    {
        if (strcmp(jstr(x, "kind"), "choice") != 0)
            continue;
        int t = jint(x, "tick");
        fprintf(out, "  day %2d %02d:00  ", t / SIM_TICKS_PER_DAY + 1, t % SIM_TICKS_PER_DAY);
        put_clean(out, jstr(x, "text"));
        fputc('\n', out);
        decisions++;
    }
    if (!decisions)
        fprintf(out, "  none\n");
    const cJSON *acts = cJSON_GetObjectItemCaseSensitive(rec, "actions");
    fprintf(out, "\nActions (%d):\n", cJSON_GetArraySize(acts));
    cJSON_ArrayForEach(x, acts)
    {
        int t = jint(x, "tick");
        fprintf(out, "  day %2d %02d:00  ", t / SIM_TICKS_PER_DAY + 1, t % SIM_TICKS_PER_DAY);
        put_clean(out, jstr(x, "action"));
        if (jstr(x, "target")[0]) {
            fputc(' ', out);
            put_clean(out, jstr(x, "target"));
        }
        if (cJSON_IsNumber(cJSON_GetObjectItemCaseSensitive(x, "option")))
            fprintf(out, " option %d", jint(x, "option"));
        fputc('\n', out);
    }
    fprintf(out, "\nTimeline (%d events the defender saw):\n", cJSON_GetArraySize(tl));
    cJSON_ArrayForEach(x, tl)
    {
        int t = jint(x, "tick");
        fprintf(out, "  day %2d %02d:00  %-10.20s ", t / SIM_TICKS_PER_DAY + 1, t % SIM_TICKS_PER_DAY,
                jstr(x, "kind"));
        put_clean(out, jstr(x, "text"));
        fputc('\n', out);
    }
    const char *debrief = jstr(rec, "debrief");
    if (debrief[0]) {
        fprintf(out, "\nDebrief:\n");
        put_clean(out, debrief);
        fputc('\n', out);
    }
}

static int show(const results_set *set, bool json, FILE *out, FILE *err)
{
    const store_result *r = &set->rows[0];
    cJSON *rec = set->records[0] ? cJSON_Parse(set->records[0]) : NULL;
    if (!json) {
        show_text(r, rec, out);
        cJSON_Delete(rec);
        return APP_OK;
    }
    cJSON *o = results_row_json(r);
    if (o && rec)
        cJSON_AddItemToObject(o, "record", rec);
    else
        cJSON_Delete(rec);
    char *text = o ? cJSON_Print(o) : NULL;
    cJSON_Delete(o);
    if (!text)
        return fprintf(err, "bulwark results show: out of memory\n"), APP_INTERNAL;
    fprintf(out, "%s\n", text);
    free(text);
    return APP_OK;
}

/* ---- export ---------------------------------------------------------------------- */

static int export(const results_opts *o, const results_set *set, FILE *out, FILE *err)
{
    FILE *f = out;
    char tmp[1100];
    if (o->out) {
        snprintf(tmp, sizeof tmp, "%s.tmp-XXXXXX", o->out);
        int fd = mkstemp(tmp);
        if (fd < 0 || !(f = fdopen(fd, "w"))) {
            fprintf(err, "bulwark results export: cannot write %s: %s\n", o->out, strerror(errno));
            return APP_FAILED;
        }
    }
    int rc = !strcmp(o->format, "csv")    ? results_export_csv(set, f)
             : !strcmp(o->format, "json") ? results_export_json(set, f, err)
                                          : results_export_html(&o->sel, set, f, err);
    if (!o->out)
        return rc;
    /* written whole, then renamed: a reader never sees half a report */
    if (fflush(f) != 0 || fsync(fileno(f)) != 0)
        rc = rc == APP_OK ? (fprintf(err, "bulwark results export: cannot write %s: %s\n", o->out, strerror(errno)),
                             APP_FAILED)
                          : rc;
    if (fclose(f) != 0 && rc == APP_OK)
        rc = (fprintf(err, "bulwark results export: cannot write %s: %s\n", o->out, strerror(errno)), APP_FAILED);
    if (rc == APP_OK && (chmod(tmp, 0644) != 0 || rename(tmp, o->out) != 0))
        rc = (fprintf(err, "bulwark results export: cannot write %s: %s\n", o->out, strerror(errno)), APP_FAILED);
    if (rc != APP_OK)
        unlink(tmp);
    return rc;
}

int app_cmd_results(int argc, char **argv, FILE *out, FILE *err)
{
    results_opts o;
    memset(&o, 0, sizeof o);
    int rc = parse(argc, argv, &o, out, err);
    if (rc != APP_OK) {
        free(o.sel.cfg);
        return rc < 0 ? APP_OK : rc;
    }
    results_set set;
    rc = results_load(&o.sel, o.sub, strcmp(o.sub, "list") != 0, &set, err);
    if (rc == APP_OK)
        rc = keep_ids(&set, &o, err);
    if (rc == APP_OK) {
        if (!strcmp(o.sub, "list"))
            rc = list(&set, o.json, out, err);
        else if (!strcmp(o.sub, "show"))
            rc = show(&set, o.json, out, err);
        else if (!strcmp(o.sub, "verify"))
            rc = results_verify(&o.sel, &set, out, err);
        else
            rc = export(&o, &set, out, err);
    }
    results_set_free(&set);
    free(o.sel.cfg);
    return rc;
}
