/* results_verify.c — `bulwark results verify`: trust a stored score only
 * once its action log, replayed on the very scenario it names, ends in
 * the same world. The simulation is deterministic, so an edited score (in
 * the store's columns or in the record's text), an edited action log or
 * a record of another version of the scenario cannot pass.
 *
 * Order of the checks: the record reads as a whole; a scenario file with
 * the record's content hash exists (a shipped one by id, or one the
 * workshop config names); the actions replay without a refusal; then the
 * world hash, outcome, stars, ticks and pillars of the replay are compared
 * with the stored columns and with the record's own fields. Never trust
 * the record's scenario id as a path: it only picks a shipped file by a
 * strict name. */
#include "bulwark/app.h"
#include "results.h"

#include <inttypes.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#ifndef BULWARK_VERSION
#define BULWARK_VERSION "0.0.0"
#endif

/* The largest scenario file worth hashing (a shipped one is under 64 KiB). */
#define SCENARIO_MAX_BYTES (16u << 20)

/* FNV-1a 64 of a file's bytes, as script_scenario_hash has it. false when
 * it cannot be read. */
static bool file_hash(const char *path, uint64_t *h)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return false;
    uint64_t v = 0xcbf29ce484222325ULL;
    unsigned char buf[8192];
    size_t n, total = 0;
    while ((n = fread(buf, 1, sizeof buf, f)) > 0 && (total += n) <= SCENARIO_MAX_BYTES)
        for (size_t i = 0; i < n; i++) {
            v ^= buf[i];
            v *= 0x100000001b3ULL;
        }
    bool ok = !ferror(f) && total <= SCENARIO_MAX_BYTES;
    fclose(f);
    *h = v;
    return ok;
}

/* A shipped scenario's id: what may name a file in scripts/scenarios/. */
static bool plain_id(const char *id)
{
    size_t n = strlen(id);
    if (!n || n >= SIM_ID_MAX)
        return false;
    for (const char *p = id; *p; p++)
        if (!((*p >= 'a' && *p <= 'z') || (*p >= '0' && *p <= '9') || *p == '-' || *p == '_'))
            return false;
    return true;
}

#if defined(__GNUC__)
__attribute__((format(printf, 3, 4)))
#endif
static void say(results_replay *out, results_verdict v, const char *fmt, ...)
{
    out->verdict = v;
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(out->why, sizeof out->why, fmt, ap);
    va_end(ap);
    bw_text_clean(out->why);
}

/* Which file to replay on: the one whose content hash is the record's. */
static bool find_scenario(const record_summary *rec, const workshop_config *cfg, char *path, size_t n,
                          results_replay *out)
{
    char cand[WORKSHOP_MAX_SCENARIOS + 1][WORKSHOP_PATH_MAX];
    bool named[WORKSHOP_MAX_SCENARIOS + 1];
    int count = 0;
    if (plain_id(rec->scenario_id)) {
        snprintf(cand[count], sizeof cand[count], "%s/scripts/scenarios/%s.lua", script_data_dir(),
                 rec->scenario_id);
        named[count++] = true;
    }
    for (int i = 0; cfg && i < cfg->scenario_count; i++) {
        snprintf(cand[count], sizeof cand[count], "%s", cfg->scenarios[i].path);
        named[count++] = strcmp(cfg->scenarios[i].name, rec->scenario_id) == 0;
    }
    int changed = -1;
    uint64_t changed_hash = 0;
    for (int i = 0; i < count; i++) {
        uint64_t h;
        if (!file_hash(cand[i], &h))
            continue;
        if (h == rec->scenario_hash) {
            snprintf(path, n, "%s", cand[i]);
            return true;
        }
        if (named[i] && changed < 0) {
            changed = i;
            changed_hash = h;
        }
    }
    if (changed >= 0)
        say(out, RESULTS_CANNOT,
            "scenario '%s' has changed since this game: the record names content hash %016" PRIx64
            ", %s now hashes to %016" PRIx64,
            rec->scenario_id, rec->scenario_hash, cand[changed], changed_hash);
    else
        say(out, RESULTS_CANNOT,
            "no file of scenario '%s' with content hash %016" PRIx64 ": it is not shipped%s", rec->scenario_id,
            rec->scenario_hash,
            cfg ? ", nor named by the workshop config" : " (give --workshop CONFIG for a workshop's own scenarios)");
    return false;
}

/* The summary of the finished game s. */
static void summarize(script_scenario *s, record_summary *sum)
{
    const sim_world *w = script_scenario_cworld(s);
    memset(sum, 0, sizeof *sum);
    snprintf(sum->scenario_id, sizeof sum->scenario_id, "%s", script_scenario_id(s));
    sum->scenario_hash = script_scenario_hash(s);
    sum->seed = script_scenario_seed(s);
    snprintf(sum->engine, sizeof sum->engine, "%s", BULWARK_VERSION);
    sum->outcome = sim_world_outcome(w);
    sum->stars = sim_world_stars(w);
    sum->ticks = sim_world_tick(w);
    sim_score sc;
    sim_world_score(w, &sc);
    for (int p = 0; p < SIM_PILLAR_COUNT; p++)
        sum->pillar[p] = sc.pillar[p];
    sum->world_hash = sim_world_hash(w);
}

/* Append "field: stored A, record B, replayed C" for each side that differs. */
static void differ(char *buf, size_t n, const char *field, const char *stored, const char *record,
                   const char *replayed)
{
    bool s = strcmp(stored, replayed) != 0, r = strcmp(record, replayed) != 0;
    if (!s && !r)
        return;
    char part[256];
    int len = snprintf(part, sizeof part, "%s:", field);
    if (s)
        len += snprintf(part + len, sizeof part - (size_t)len, " stored %s,", stored);
    if (r)
        len += snprintf(part + len, sizeof part - (size_t)len, " record %s,", record);
    snprintf(part + len, sizeof part - (size_t)len, " replayed %s", replayed);
    size_t at = strlen(buf);
    snprintf(buf + at, n - at, "%s%s", at ? "; " : "", part);
}

static void differ_int(char *buf, size_t n, const char *field, long long stored, long long record,
                       long long replayed)
{
    char a[32], b[32], c[32];
    snprintf(a, sizeof a, "%lld", stored);
    snprintf(b, sizeof b, "%lld", record);
    snprintf(c, sizeof c, "%lld", replayed);
    differ(buf, n, field, a, b, c);
}

static void compare(const record_summary *stored, const record_summary *rec, const record_summary *got,
                    results_replay *out)
{
    char d[sizeof out->why] = "";
    char a[17], b[17], c[17];
    snprintf(a, sizeof a, "%016" PRIx64, stored->world_hash);
    snprintf(b, sizeof b, "%016" PRIx64, rec->world_hash);
    snprintf(c, sizeof c, "%016" PRIx64, got->world_hash);
    differ(d, sizeof d, "world hash", a, b, c);
    differ(d, sizeof d, "outcome", results_outcome(stored->outcome), results_outcome(rec->outcome),
           results_outcome(got->outcome));
    differ_int(d, sizeof d, "stars", stored->stars, rec->stars, got->stars);
    differ_int(d, sizeof d, "ticks", stored->ticks, rec->ticks, got->ticks);
    for (int p = 0; p < SIM_PILLAR_COUNT; p++)
        differ_int(d, sizeof d, sim_pillar_name((sim_pillar)p), stored->pillar[p], rec->pillar[p], got->pillar[p]);
    /* the columns that say which game it was must be the record's */
    differ(d, sizeof d, "scenario", stored->scenario_id, rec->scenario_id, got->scenario_id);
    snprintf(a, sizeof a, "%016" PRIx64, stored->scenario_hash);
    snprintf(b, sizeof b, "%016" PRIx64, rec->scenario_hash);
    snprintf(c, sizeof c, "%016" PRIx64, got->scenario_hash);
    differ(d, sizeof d, "scenario hash", a, b, c);
    differ_int(d, sizeof d, "seed", (long long)stored->seed, (long long)rec->seed, (long long)got->seed);
    if (strcmp(stored->engine, rec->engine) != 0) {
        size_t len = strlen(d);
        snprintf(d + len, sizeof d - len, "%sengine: stored %s, record %s", len ? "; " : "", stored->engine,
                 rec->engine);
    }
    if (d[0])
        say(out, RESULTS_MISMATCH, "%s", d);
    else
        out->verdict = RESULTS_OK;
}

/* The columns that say who played must be what the record says (a
 * result moved to another player or team in the columns alone). */
static void compare_who(const store_result *row, const char *text, results_replay *out)
{
    record_who who;
    if (!record_who_get(text, &who))
        return; /* not from a workshop, or from before records said who */
    const char *field[3] = { "player", "team", "workshop" };
    const char *stored[3] = { row->player, row->team, row->workshop }, *said[3] = { who.player, who.team, who.workshop };
    char d[sizeof out->why] = "";
    for (int i = 0; i < 3; i++) {
        if (strcmp(stored[i], said[i]) == 0)
            continue;
        char a[RECORD_WHO_MAX], b[RECORD_WHO_MAX];
        snprintf(a, sizeof a, "%s", stored[i]);
        snprintf(b, sizeof b, "%s", said[i]);
        bw_text_clean(a);
        bw_text_clean(b);
        size_t len = strlen(d);
        snprintf(d + len, sizeof d - len, "%s%s: stored '%s', record '%s'", len ? "; " : "", field[i], a, b);
    }
    if (!d[0])
        return;
    if (out->verdict == RESULTS_MISMATCH) {
        size_t len = strlen(out->why);
        snprintf(out->why + len, sizeof out->why - len, "; %s", d);
    } else {
        say(out, RESULTS_MISMATCH, "%s", d);
    }
}

void results_replay_one(const store_result *row, const char *text, const workshop_config *cfg, bool keep,
                        results_replay *out)
{
    memset(out, 0, sizeof *out);
    if (!text) {
        say(out, RESULTS_CANNOT, "its record could not be read");
        return;
    }
    record_summary rec;
    record_log log = { 0 };
    bw_err e;
    if (record_summary_parse(text, "the record", &rec, &e) != BW_OK ||
        record_log_parse(text, "the record", &log, &e) != BW_OK) {
        record_log_free(&log);
        say(out, RESULTS_CANNOT, "%s", e.msg);
        return;
    }
    char path[WORKSHOP_PATH_MAX];
    if (!find_scenario(&rec, cfg, path, sizeof path, out)) {
        record_log_free(&log);
        return;
    }
    script_options so = { 0 };
    so.seed_given = true;
    so.seed = log.seed;
    script_diags d;
    script_diags_init(&d);
    script_scenario *s = script_scenario_load(path, &so, &d, &e);
    if (!s) {
        say(out, RESULTS_CANNOT, "%s does not load: %s", path, d.count ? d.items[0].msg : e.msg);
    } else if (record_log_fits(&log, "the record", s, &e) != BW_OK) {
        say(out, RESULTS_CANNOT, "%s", e.msg);
    } else if (record_replay(s, &log, &e) != BW_OK) {
        say(out, RESULTS_MISMATCH, "the action log does not replay: %s%s%s%s", e.msg,
            strcmp(rec.engine, BULWARK_VERSION) ? " (played by engine " : "",
            strcmp(rec.engine, BULWARK_VERSION) ? rec.engine : "",
            strcmp(rec.engine, BULWARK_VERSION) ? ", this is " BULWARK_VERSION ")" : "");
    } else {
        summarize(s, &out->replayed);
        compare(&row->sum, &rec, &out->replayed, out);
        compare_who(row, text, out);
        if (keep) {
            out->s = s;
            s = NULL;
        }
    }
    script_diags_free(&d);
    script_scenario_destroy(s);
    record_log_free(&log);
}

int results_verify(const results_sel *sel, const results_set *set, FILE *out, FILE *err)
{
    (void)err;
    int ok = 0, bad = 0, cannot = 0;
    for (int i = 0; i < set->count; i++) {
        const store_result *r = &set->rows[i];
        results_replay rp;
        results_replay_one(r, set->records[i], sel->have_config ? sel->cfg : NULL, false, &rp);
        char who[3 * STORE_NAME_MAX + 16];
        snprintf(who, sizeof who, "%s%s%s", r->player[0] ? r->player : "", r->player[0] && r->team[0] ? ", " : "",
                 r->team);
        bw_text_clean(who);
        fprintf(out, "result %" PRId64 " (%s%s%s): ", r->id, r->sum.scenario_id, who[0] ? ", " : "", who);
        if (rp.verdict == RESULTS_OK) {
            ok++;
            fprintf(out, "OK (world %016" PRIx64 ", %d star%s, %s)\n", rp.replayed.world_hash, rp.replayed.stars,
                    rp.replayed.stars == 1 ? "" : "s", results_outcome(rp.replayed.outcome));
        } else if (rp.verdict == RESULTS_MISMATCH) {
            bad++;
            fprintf(out, "MISMATCH: %s\n", rp.why);
        } else {
            cannot++;
            fprintf(out, "CANNOT VERIFY: %s\n", rp.why);
        }
    }
    if (!set->count)
        fprintf(out, "no results to verify in %s\n", set->where);
    else
        fprintf(out, "%d result%s verified in %s: %d OK, %d MISMATCH, %d CANNOT VERIFY\n", set->count,
                set->count == 1 ? "" : "s", set->where, ok, bad, cannot);
    return bad || cannot ? APP_FAILED : APP_OK;
}
