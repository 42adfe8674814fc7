/* watch.c — live reload for authors: notice a save, load the scenario
 * again and replay the player's actions to the same tick (watch.h).
 *
 * The replay is the one `bulwark run --actions` does: actions by target
 * id (record_action), each started at its tick before that tick's step.
 * The running game is never touched: a reload builds a second scenario
 * and hands it over only when it reached the same moment. */
#include "bulwark/watch.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "bulwark/record.h"

static bool stat_file(const char *path, int64_t *mtime_ns, int64_t *size)
{
    struct stat st;
    if (stat(path, &st) != 0 || !S_ISREG(st.st_mode))
        return false;
    *mtime_ns = (int64_t)st.st_mtim.tv_sec * 1000000000 + st.st_mtim.tv_nsec;
    *size = (int64_t)st.st_size;
    return true;
}

static bool hash_file(const char *path, uint64_t *out)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return false;
    uint64_t h = 0xcbf29ce484222325ULL;
    unsigned char buf[8192];
    size_t n;
    while ((n = fread(buf, 1, sizeof buf, f)) > 0)
        for (size_t i = 0; i < n; i++) {
            h ^= buf[i];
            h *= 0x100000001b3ULL;
        }
    bool ok = !ferror(f);
    fclose(f);
    if (ok)
        *out = h;
    return ok;
}

void watch_file_init(watch_file *f, const char *path)
{
    memset(f, 0, sizeof *f);
    snprintf(f->path, sizeof f->path, "%s", path ? path : "");
    f->present = stat_file(f->path, &f->mtime_ns, &f->size) && hash_file(f->path, &f->hash);
}

bool watch_file_poll(watch_file *f)
{
    int64_t m, sz;
    if (!stat_file(f->path, &m, &sz))
        return false; /* gone for now: an editor's save-by-rename is under way */
    if (f->present && m == f->mtime_ns && sz == f->size)
        return false;
    uint64_t h;
    if (!hash_file(f->path, &h))
        return false;
    bool changed = !f->present || h != f->hash;
    f->present = true;
    f->mtime_ns = m;
    f->size = sz;
    f->hash = h;
    return changed;
}

void watch_format_tick(int tick, char *buf, size_t n)
{
    snprintf(buf, n, "day %d %02d:00", tick / SIM_TICKS_PER_DAY + 1, tick % SIM_TICKS_PER_DAY);
}

/* A logged action by target id, read from the world it was taken in. */
static void to_record(const sim_world *w, const script_logged_action *a, record_action *r)
{
    memset(r, 0, sizeof *r);
    r->tick = a->tick;
    r->kind = a->req.kind;
    r->option = a->req.kind == SIM_ACT_CHOOSE ? a->req.arg + 1 : 0;
    switch (sim_action_target_type(a->req.kind)) {
    case SIM_TARGET_NODE: {
        sim_node_info x;
        if (sim_node_get(w, a->req.target, &x) == BW_OK)
            snprintf(r->target, sizeof r->target, "%s", x.id);
        break;
    }
    case SIM_TARGET_ACTOR: {
        sim_actor_info x;
        if (sim_actor_get(w, a->req.target, &x) == BW_OK)
            snprintf(r->target, sizeof r->target, "%s", x.id);
        break;
    }
    case SIM_TARGET_REPORT: {
        sim_report_info x;
        if (sim_report_get(w, a->req.target, &x) == BW_OK)
            snprintf(r->target, sizeof r->target, "%s", x.id);
        break;
    }
    case SIM_TARGET_AREA:
        snprintf(r->target, sizeof r->target, "%s", sim_area_name((sim_area)a->req.target));
        break;
    case SIM_TARGET_CHOICE: snprintf(r->target, sizeof r->target, "%d", a->req.target + 1); break;
    default: break;
    }
}

/* The first error of a failed load, as one "file:line: error: message". */
static int load_error(const char *path, const script_diags *d, const bw_err *e, bw_err *err)
{
    for (int i = 0; d && i < d->count && i < d->cap; i++)
        if (!d->items[i].warning) {
            const script_diag *g = &d->items[i];
            if (g->line > 0)
                return bw_err_set(err, e->code ? e->code : BW_EINVAL, "%s:%d: error: %s%s",
                                  g->file, g->line, g->msg,
                                  d->errors > 1 ? " (and more)" : "");
            return bw_err_set(err, e->code ? e->code : BW_EINVAL, "%s: error: %s", g->file,
                              g->msg);
        }
    if (strncmp(e->msg, path, strlen(path)) == 0)
        return bw_err_set(err, e->code ? e->code : BW_EINVAL, "%s", e->msg);
    return bw_err_set(err, e->code ? e->code : BW_EINVAL, "%s: %s", path, e->msg);
}

static int replay(script_scenario *s, const record_action *log, int count, int until,
                  const char *path, bw_err *err)
{
    const sim_world *w = script_scenario_cworld(s);
    int next = 0;
    for (;;) {
        int t = sim_world_tick(w);
        for (; next < count && log[next].tick <= t; next++) {
            const record_action *a = &log[next];
            sim_action_req req;
            bw_err ae;
            char when[32];
            watch_format_tick(a->tick, when, sizeof when);
            if (record_action_to_req(w, a, &req) < 0)
                return bw_err_set(err, BW_EINVAL,
                                  "%s: the player's action %d (%s %s at %s) names '%s', which "
                                  "this version does not have",
                                  path, next + 1, sim_action_name(a->kind), a->target, when,
                                  a->target);
            if (script_scenario_act(s, &req, &ae) < 0) {
                if (ae.code == BW_ESCRIPT || ae.code == BW_ELIMIT)
                    return bw_err_set(err, ae.code, "%s", ae.msg);
                return bw_err_set(err, BW_EINVAL,
                                  "%s: the player's action %d (%s%s%s at %s) no longer applies: %s",
                                  path, next + 1, sim_action_name(a->kind), a->target[0] ? " " : "",
                                  a->target, when, ae.msg);
            }
        }
        if (t >= until || sim_world_over(w))
            return BW_OK;
        bw_err se;
        if (script_scenario_step(s, &se) < 0)
            return bw_err_set(err, se.code, "%s", se.msg);
    }
}

int watch_reload(const script_scenario *cur, const char *path, const script_options *opt,
                 script_scenario **out, script_diags *diags, bw_err *err)
{
    if (out)
        *out = NULL;
    if (!cur || !path || !out)
        return bw_err_set(err, BW_EINVAL, "nothing to reload");
    const sim_world *cw = script_scenario_cworld(cur);
    int count = script_scenario_action_count(cur);
    record_action *log = calloc((size_t)(count ? count : 1), sizeof *log);
    if (!log)
        return bw_err_set(err, BW_ENOMEM, "out of memory reloading %s", path);
    for (int i = 0; i < count; i++)
        to_record(cw, script_scenario_action_at(cur, i), &log[i]);

    script_options so;
    if (opt)
        so = *opt;
    else
        memset(&so, 0, sizeof so);
    so.seed_given = true;
    so.seed = script_scenario_seed(cur);
    script_diags local;
    script_diags *d = diags ? diags : &local;
    if (!diags)
        script_diags_init(&local);
    bw_err e;
    bw_err_clear(&e);
    script_scenario *s = script_scenario_load(path, &so, d, &e);
    int rc = BW_OK;
    if (!s)
        rc = load_error(path, d, &e, err);
    else
        rc = replay(s, log, count, sim_world_tick(cw), path, err);
    if (!diags)
        script_diags_free(&local);
    free(log);
    if (rc != BW_OK) {
        script_scenario_destroy(s);
        return rc;
    }
    *out = s;
    return BW_OK;
}
