/* watch_cli.c — live reload without a window: the scriptable form of
 * `bulwark play FILE --watch` (no display, or --headless).
 *
 * The game does not run on a clock here: it advances only when told
 * (`step N`), and the file is looked at only when told (`poll`), so a
 * script or a test that edits the scenario between two commands gets
 * the same result every time — no sleeps, no races. One line a reload:
 *   reloaded FILE at tick T (day D hh:00)
 *   FILE:LINE: error: ... — keeping the last good version (tick T)
 */
#include "watch_cli.h"

#include <stdlib.h>
#include <string.h>

#include "bulwark/app.h"
#include "bulwark/debug_view.h"
#include "bulwark/record.h"
#include "bulwark/watch.h"

typedef struct wctx {
    const char *path;
    script_scenario *s;
    watch_file wf;
    FILE *out, *err;
    bool stopped; /* the last good version hit a script error */
} wctx;

/* A Lua error carries its traceback on further lines: the headless form
 * prints one line a reload, the message's first. */
static const char *first_line(char *msg)
{
    msg[strcspn(msg, "\n")] = '\0';
    return msg;
}

static void say_tick(const wctx *c, char *buf, size_t n)
{
    char t[32];
    int tick = sim_world_tick(script_scenario_cworld(c->s));
    watch_format_tick(tick, t, sizeof t);
    snprintf(buf, n, "tick %d (%s)", tick, t);
}

static void reload(wctx *c)
{
    script_scenario *next = NULL;
    bw_err e;
    char at[64];
    if (watch_reload(c->s, c->path, NULL, &next, NULL, &e) != BW_OK) {
        say_tick(c, at, sizeof at);
        fprintf(c->out, "%s — keeping the last good version (%s)\n", first_line(e.msg), at);
        return;
    }
    script_scenario_destroy(c->s);
    c->s = next;
    c->stopped = false;
    say_tick(c, at, sizeof at);
    fprintf(c->out, "reloaded %s at %s\n", c->path, at);
}

static void state(const wctx *c)
{
    const sim_world *w = script_scenario_cworld(c->s);
    sim_defender_info d;
    sim_defender_get(w, &d);
    char at[64];
    say_tick(c, at, sizeof at);
    sim_outcome o = sim_world_outcome(w);
    fprintf(c->out, "%s budget %d staff-hours %d actions %d events-pending %d %s hash %016llx\n",
            at, d.budget, d.staff_hours, script_scenario_action_count(c->s),
            sim_event_pending(w),
            c->stopped ? "stopped"
            : o == SIM_OUTCOME_WON ? "won"
            : o == SIM_OUTCOME_LOST ? "lost"
                                    : "running",
            (unsigned long long)sim_world_hash(w));
}

static void debug(wctx *c)
{
    debug_view v;
    if (debug_view_build(c->s, &v) != BW_OK) {
        fprintf(c->err, "bulwark play: out of memory building the debug view\n");
        return;
    }
    debug_view_print(&v, c->out);
    debug_view_free(&v);
}

static void step(wctx *c, long n, bool dbg)
{
    for (long i = 0; i < n; i++) {
        const sim_world *w = script_scenario_cworld(c->s);
        if (c->stopped || sim_world_over(w)) {
            fprintf(c->out, "the game is %s: save a change to reload\n",
                    c->stopped ? "stopped on a script error" : "over");
            return;
        }
        bw_err e;
        if (script_scenario_step(c->s, &e) < 0) {
            char at[64];
            say_tick(c, at, sizeof at);
            fprintf(c->out, "%s — the game stopped (%s); save a fix to reload\n", first_line(e.msg),
                    at);
            c->stopped = true;
            return;
        }
    }
    if (dbg)
        debug(c);
}

static bool act(wctx *c, char *args, int line)
{
    char *name = strtok(args, " \t");
    char *target = strtok(NULL, " \t");
    char *option = strtok(NULL, " \t");
    int k = name ? sim_action_parse(name) : -1;
    if (k < 0) {
        fprintf(c->err, "bulwark play: line %d: act needs an action name ('act patch web')\n", line);
        return false;
    }
    record_action a;
    memset(&a, 0, sizeof a);
    a.kind = (sim_action_kind)k;
    snprintf(a.target, sizeof a.target, "%s", target ? target : "");
    a.option = option ? atoi(option) : 0;
    sim_action_req req;
    bw_err e;
    if (record_action_to_req(script_scenario_cworld(c->s), &a, &req) < 0) {
        fprintf(c->out, "refused: %s: no target '%s' here\n", name, a.target);
        return true;
    }
    if (script_scenario_act(c->s, &req, &e) < 0)
        fprintf(c->out, "refused: %s\n", e.msg);
    else
        fprintf(c->out, "started %s%s%s\n", name, target ? " " : "", target ? target : "");
    return true;
}

int app_watch_headless(const char *path, bool seed_given, uint64_t seed, bool dbg, FILE *in,
                       FILE *out, FILE *err)
{
    wctx c;
    memset(&c, 0, sizeof c);
    c.path = path;
    c.out = out;
    c.err = err;
    watch_file_init(&c.wf, path);
    script_options so;
    memset(&so, 0, sizeof so);
    so.seed_given = seed_given;
    so.seed = seed;
    script_diags d;
    script_diags_init(&d);
    bw_err e;
    c.s = script_scenario_load(path, &so, &d, &e);
    script_diags_print(&d, err);
    script_diags_free(&d);
    if (!c.s) {
        if (!d.count)
            fprintf(err, "%s\n", e.msg);
        return APP_FAILED;
    }
    char at[64];
    say_tick(&c, at, sizeof at);
    fprintf(out, "watching %s at %s, seed %llu: commands step [N], act ACTION [TARGET [OPTION]], "
                 "poll, reload, state, debug, quit\n",
            path, at, (unsigned long long)script_scenario_seed(c.s));
    fflush(out);
    char buf[512];
    int line = 0, bad = 0;
    while (fgets(buf, sizeof buf, in)) {
        line++;
        buf[strcspn(buf, "\r\n")] = '\0';
        char *cmd = buf + strspn(buf, " \t");
        if (!*cmd || *cmd == '#')
            continue;
        char *rest = cmd + strcspn(cmd, " \t");
        if (*rest)
            *rest++ = '\0';
        if (strcmp(cmd, "step") == 0) {
            char *end = NULL;
            long n = *rest ? strtol(rest, &end, 10) : 1;
            if (n < 1 || n > SIM_MAX_DAYS * SIM_TICKS_PER_DAY || (end && *end && *end != ' ')) {
                fprintf(err, "bulwark play: line %d: step takes a number of ticks (1-%d)\n", line,
                        SIM_MAX_DAYS * SIM_TICKS_PER_DAY);
                bad++;
            } else {
                step(&c, n, dbg);
            }
        } else if (strcmp(cmd, "act") == 0) {
            bad += !act(&c, rest, line);
        } else if (strcmp(cmd, "poll") == 0) {
            if (watch_file_poll(&c.wf))
                reload(&c);
        } else if (strcmp(cmd, "reload") == 0) {
            watch_file_poll(&c.wf);
            reload(&c);
        } else if (strcmp(cmd, "state") == 0) {
            state(&c);
        } else if (strcmp(cmd, "debug") == 0) {
            debug(&c);
        } else if (strcmp(cmd, "quit") == 0) {
            break;
        } else {
            static const char *const cmds[] = {"step", "act",   "poll", "reload",
                                               "state", "debug", "quit", NULL};
            const char *near = app_closest(cmd, cmds);
            fprintf(err, "bulwark play: line %d: unknown command '%s'%s%s%s\n", line, cmd,
                    near ? " (did you mean '" : "", near ? near : "", near ? "'?)" : "");
            bad++;
        }
        fflush(out);
    }
    script_scenario_destroy(c.s);
    return bad ? APP_FAILED : APP_OK;
}
