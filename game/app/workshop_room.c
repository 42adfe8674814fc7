/* workshop_room.c — what `play --workshop` and the facilitator's console
 * share: a config with its store opened in a role, the session's clock
 * (pauses excluded), and the room model (room.h) of its results. */
#include "workshop_app.h"

#include "bulwark/app.h"

#include <stdlib.h>
#include <string.h>

int ws_open(const char *cmd, const char *config, rstore_role role, ws_ctx **out, FILE *err)
{
    *out = NULL;
    ws_ctx *c = calloc(1, sizeof *c);
    if (!c) {
        fprintf(err, "%s: out of memory\n", cmd);
        return APP_INTERNAL;
    }
    script_diags d;
    script_diags_init(&d);
    bw_err e;
    int rc = workshop_load(config, &c->cfg, &d, &e);
    script_diags_print(&d, err);
    script_diags_free(&d);
    if (rc != BW_OK) {
        fprintf(err, "%s: the workshop config %s has problems (above); 'bulwark check %s' lists them\n",
                cmd, config, config);
        free(c);
        return APP_FAILED;
    }
    /* The library's own test of the target, so a config is never read as
     * one kind and opened as the other. */
    if (rstore_target_is_postgres(c->cfg.results) != c->cfg.results_postgres) {
        fprintf(err, "%s: %s: cannot tell whether results '%s' is a file or a PostgreSQL string\n", cmd,
                config, c->cfg.results);
        free(c);
        return APP_INTERNAL;
    }
    const char *user = !c->cfg.results_postgres ? NULL
                       : role == RSTORE_FACILITATOR ? c->cfg.facilitator_role
                                                    : c->cfg.player_role;
    c->st = rstore_open(c->cfg.results, user, role, &e);
    if (!c->st) {
        fprintf(err, "%s: cannot open the workshop's results: %s\n", cmd, e.msg);
        free(c);
        return APP_FAILED;
    }
    if (role == RSTORE_FACILITATOR && rstore_migrate(c->st, &e) != BW_OK) {
        fprintf(err, "%s: cannot prepare the results store %s: %s\n", cmd, rstore_describe(c->st), e.msg);
        ws_close(c);
        return APP_FAILED;
    }
    *out = c;
    return APP_OK;
}

void ws_close(ws_ctx *c)
{
    if (!c)
        return;
    rstore_close(c->st);
    free(c);
}

const char *ws_phase_name(rstore_phase p)
{
    static const char *const names[] = { "lobby", "running", "paused", "ended" };
    return (unsigned)p <= RSTORE_ENDED ? names[p] : "unknown";
}

int64_t ws_elapsed(const rstore_session *s, int64_t now)
{
    if (s->phase == RSTORE_LOBBY || s->started_at <= 0)
        return 0;
    int64_t end = s->phase == RSTORE_ENDED && s->ended_at > 0 ? s->ended_at : now;
    int64_t paused = s->paused_secs;
    if (s->paused_at > 0 && end > s->paused_at)
        paused += end - s->paused_at;
    int64_t t = end - s->started_at - paused;
    return t > 0 ? t : 0;
}

int64_t ws_seconds_left(const workshop_config *c, const rstore_session *s, int64_t now)
{
    int64_t left = (int64_t)c->time_limit_minutes * 60 - ws_elapsed(s, now);
    return left > 0 ? left : 0;
}

const char *ws_clock(int64_t secs, char *buf, size_t n)
{
    if (secs < 0)
        secs = 0;
    if (secs >= 3600)
        snprintf(buf, n, "%lld:%02lld:%02lld", (long long)(secs / 3600), (long long)(secs / 60 % 60),
                 (long long)(secs % 60));
    else
        snprintf(buf, n, "%lld:%02lld", (long long)(secs / 60), (long long)(secs % 60));
    return buf;
}

int ws_room(ws_ctx *c, bool with_records, room *out, bw_err *err)
{
    memset(out, 0, sizeof *out);
    store_result_filter f;
    memset(&f, 0, sizeof f);
    f.workshop = c->cfg.id;
    store_result *res = NULL;
    int n = 0;
    int rc = rstore_results_list(c->st, &f, &res, &n, err);
    if (rc != BW_OK)
        return rc;
    char **texts = NULL;
    if (with_records && n > 0) {
        texts = calloc((size_t)n, sizeof *texts);
        if (!texts) {
            free(res);
            return bw_err_set(err, BW_ENOMEM, "out of memory");
        }
        for (int i = 0; i < n && rc == BW_OK; i++) {
            store_result one;
            rc = rstore_result_get(c->st, res[i].id, &one, &texts[i], err);
        }
    }
    if (rc == BW_OK)
        rc = room_build(res, (const char *const *)texts, n, out, err);
    for (int i = 0; texts && i < n; i++)
        free(texts[i]);
    free(texts);
    free(res);
    return rc;
}
