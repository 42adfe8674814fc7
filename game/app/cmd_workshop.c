/* cmd_workshop.c — `bulwark workshop CONFIG`: the facilitator's console.
 *
 * With a display and no flag it opens the console window (lobby, timer,
 * pause, announce, live scoreboard, the room's debrief: ui_workshop.h).
 * Headless, --status prints the same in the terminal (--json for tools),
 * and --start, --pause, --resume, --end and --announce TEXT change the
 * session and print its new state. The facilitator's connection migrates
 * the store; only it may change the session (rstore.h). */
#include "bulwark/app.h"
#include "bulwark/ui_workshop.h"
#include "args.h"
#include "workshop_app.h"

#include <stdlib.h>
#include <string.h>
#include <time.h>

typedef enum ws_verb { VERB_NONE, VERB_STATUS, VERB_START, VERB_PAUSE, VERB_RESUME, VERB_END, VERB_ANNOUNCE } ws_verb;

static void usage(FILE *out)
{
    fprintf(out,
            "usage: bulwark workshop CONFIG [--status] [--start | --pause | --resume | --end |\n"
            "                               --announce TEXT] [--json]\n"
            "                               [--frames N] [--screenshot FILE.png] [--view NAME] [--software]\n"
            "  The facilitator's console of the workshop CONFIG (a .workshop.lua file; see\n"
            "  docs/workshops.md). It opens the results store as the facilitator (preparing\n"
            "  it on first use). With a display and no flag, the console window: the lobby\n"
            "  by team, start, the timer (pauses excluded), pause/resume, announcements, the\n"
            "  live scoreboard by team and by player, and the room's debrief at the end.\n"
            "  --status           print the lobby, phase, timer, scoreboard (and the room's\n"
            "                     debrief once ended) in the terminal\n"
            "  --start            open the session: players' games start\n"
            "  --pause, --resume  stop and restart the clock; players' games pause\n"
            "  --end              end the session: no more submissions; the debrief\n"
            "  --announce TEXT    a message every player sees (\"\" clears it)\n"
            "  --json             print the state as JSON\n"
            "  --frames N, --screenshot FILE, --view lobby|scoreboard|debrief, --software:\n"
            "                     for tests and documentation, as play's\n"
            "  Each change prints the new state and exits 0; a change the session does not\n"
            "  allow (pausing an ended workshop) exits 1. Without a display, no flag is --status.\n");
}

/* ---- changing the session ---------------------------------------------------------------- */

static int change(ws_ctx *c, ws_verb verb, const char *text, FILE *err)
{
    bw_err e;
    rstore_session s;
    if (rstore_session_get(c->st, c->cfg.id, &s, &e) != BW_OK) {
        fprintf(err, "bulwark workshop: %s\n", e.msg);
        return APP_FAILED;
    }
    int64_t now = (int64_t)time(NULL);
    const char *refuse = NULL;
    switch (verb) {
    case VERB_START:
        if (s.phase == RSTORE_ENDED)
            refuse = "it has ended";
        else if (s.phase == RSTORE_PAUSED)
            refuse = "it is paused: --resume it";
        else if (s.phase == RSTORE_LOBBY) {
            s.phase = RSTORE_RUNNING;
            s.started_at = now;
        }
        break;
    case VERB_PAUSE:
        if (s.phase == RSTORE_LOBBY || s.phase == RSTORE_ENDED)
            refuse = s.phase == RSTORE_LOBBY ? "it has not started" : "it has ended";
        else if (s.phase == RSTORE_RUNNING) {
            s.phase = RSTORE_PAUSED;
            s.paused_at = now;
        }
        break;
    case VERB_RESUME:
        if (s.phase == RSTORE_LOBBY || s.phase == RSTORE_ENDED)
            refuse = s.phase == RSTORE_LOBBY ? "it has not started: --start it" : "it has ended";
        else if (s.phase == RSTORE_PAUSED) {
            s.phase = RSTORE_RUNNING;
            s.paused_secs += now > s.paused_at ? now - s.paused_at : 0;
            s.paused_at = 0;
        }
        break;
    case VERB_END:
        if (s.phase != RSTORE_ENDED) {
            if (s.phase == RSTORE_PAUSED) {
                s.paused_secs += now > s.paused_at ? now - s.paused_at : 0;
                s.paused_at = 0;
            }
            if (s.started_at == 0)
                s.started_at = now;
            s.phase = RSTORE_ENDED;
            s.ended_at = now;
        }
        break;
    case VERB_ANNOUNCE: {
        size_t n = strlen(text);
        if (n >= sizeof s.announcement) {
            fprintf(err, "bulwark workshop: an announcement is at most %zu bytes; this one is %zu\n",
                    sizeof s.announcement - 1, n);
            return APP_USAGE;
        }
        snprintf(s.announcement, sizeof s.announcement, "%s", text);
        bw_text_clean(s.announcement);
        for (char *p = s.announcement; *p; p++) /* one line on every screen */
            if (*p == '\n' || *p == '\t')
                *p = ' ';
        s.announced_at = n ? now : 0;
        break;
    }
    default:
        return APP_OK;
    }
    if (refuse) {
        fprintf(err, "bulwark workshop: cannot %s workshop %s: %s\n",
                verb == VERB_START ? "start" : verb == VERB_PAUSE ? "pause" : "resume", c->cfg.id, refuse);
        return APP_FAILED;
    }
    if (rstore_session_put(c->st, &s, &e) != BW_OK) {
        fprintf(err, "bulwark workshop: %s\n", e.msg);
        return APP_FAILED;
    }
    return APP_OK;
}

typedef struct console_ctx {
    ws_ctx *c;
    FILE *err;
    bool auto_ended;
} console_ctx;

static int console_refresh(void *ud, ui_console_view *v, char *note, size_t n)
{
    console_ctx *cc = ud;
    ws_state st;
    bw_err e;
    rstore_session s;
    /* The console is the facilitator's clock: at the limit it ends the session. */
    if (rstore_session_get(cc->c->st, cc->c->cfg.id, &s, &e) == BW_OK && s.phase == RSTORE_RUNNING &&
        ws_seconds_left(&cc->c->cfg, &s, (int64_t)time(NULL)) == 0 && change(cc->c, VERB_END, "", cc->err) == APP_OK)
        snprintf(note, n, "Time is up: the session has ended.");
    if (ws_gather(cc->c, &st, cc->err) != APP_OK) {
        snprintf(note, n, "The results store did not answer (see the terminal); retrying.");
        return -1;
    }
    ws_fill_view(cc->c, &st, v);
    ws_release(&st);
    return 0;
}

static int console_act(void *ud, ui_console_act act, const char *text, char *note, size_t n)
{
    console_ctx *cc = ud;
    static const ws_verb verbs[] = { [UI_CONSOLE_START] = VERB_START, [UI_CONSOLE_PAUSE] = VERB_PAUSE,
                                     [UI_CONSOLE_RESUME] = VERB_RESUME, [UI_CONSOLE_END] = VERB_END,
                                     [UI_CONSOLE_ANNOUNCE] = VERB_ANNOUNCE };
    static const char *const done[] = { [UI_CONSOLE_START] = "Started: players' games run.",
                                        [UI_CONSOLE_PAUSE] = "Paused: players' games are held.",
                                        [UI_CONSOLE_RESUME] = "Resumed.",
                                        [UI_CONSOLE_END] = "Ended: no more submissions.",
                                        [UI_CONSOLE_ANNOUNCE] = "Announced." };
    if ((unsigned)act > UI_CONSOLE_ANNOUNCE)
        return -1;
    int rc = change(cc->c, verbs[act], text ? text : "", cc->err);
    snprintf(note, n, "%s", rc == APP_OK ? done[act] : "Not done: see the terminal for why.");
    return rc == APP_OK ? 0 : -1;
}

/* ---- the command --------------------------------------------------------------------------- */

int app_cmd_workshop(int argc, char **argv, FILE *out, FILE *err)
{
    const char *config = NULL, *announce = NULL;
    ws_verb verb = VERB_NONE;
    bool json = false;
    ui_console_options uo;
    memset(&uo, 0, sizeof uo);
    for (int i = 0; i < argc; i++) {
        const char *v = NULL;
        long n;
        static const struct {
            const char *flag;
            ws_verb verb;
        } flags[] = { { "--status", VERB_STATUS }, { "--start", VERB_START }, { "--pause", VERB_PAUSE },
                      { "--resume", VERB_RESUME }, { "--end", VERB_END } };
        ws_verb found = VERB_NONE;
        for (size_t k = 0; k < sizeof flags / sizeof flags[0]; k++)
            if (strcmp(argv[i], flags[k].flag) == 0)
                found = flags[k].verb;
        if (found != VERB_NONE || args_opt(argc, argv, &i, "--announce", &v)) {
            if (found == VERB_NONE) {
                if (!v)
                    return fprintf(err, "bulwark workshop: --announce needs a text (\"\" clears it)\n"), APP_USAGE;
                found = VERB_ANNOUNCE;
                announce = v;
            }
            if (verb != VERB_NONE && verb != found) {
                fprintf(err, "bulwark workshop: one of --status, --start, --pause, --resume, --end, --announce at a time\n");
                return APP_USAGE;
            }
            verb = found;
        } else if (strcmp(argv[i], "--json") == 0) {
            json = true;
        } else if (args_opt(argc, argv, &i, "--frames", &v)) {
            if (!args_int("--frames", v, 1, 100000000L, &n, err))
                return APP_USAGE;
            uo.frames = n;
        } else if (args_opt(argc, argv, &i, "--screenshot", &v)) {
            if (!(uo.screenshot = v) || !*v)
                return fprintf(err, "bulwark workshop: --screenshot needs a file\n"), APP_USAGE;
        } else if (args_opt(argc, argv, &i, "--view", &v)) {
            if (!(uo.view = v) || ui_console_view_parse(v) < 0) {
                fprintf(err, "bulwark workshop: --view must be lobby, scoreboard or debrief, not '%s'\n",
                        v ? v : "");
                return APP_USAGE;
            }
        } else if (strcmp(argv[i], "--software") == 0) {
            uo.software = true;
        } else if (strcmp(argv[i], "--help") == 0 || strcmp(argv[i], "-h") == 0) {
            usage(out);
            return APP_OK;
        } else if (argv[i][0] == '-') {
            fprintf(err, "bulwark workshop: unknown option '%s' (see 'bulwark workshop --help')\n", argv[i]);
            return APP_USAGE;
        } else if (config) {
            fprintf(err, "bulwark workshop: one config at a time ('%s' and '%s')\n", config, argv[i]);
            return APP_USAGE;
        } else
            config = argv[i];
    }
    if (!config) {
        usage(err);
        return APP_USAGE;
    }
    if (uo.screenshot && uo.frames <= 0) {
        fprintf(err, "bulwark workshop: --screenshot needs --frames N (the last frame is saved)\n");
        return APP_USAGE;
    }
    ws_ctx *c = NULL;
    int rc = ws_open("bulwark workshop", config, RSTORE_FACILITATOR, &c, err);
    if (rc != APP_OK)
        return rc;
    if (verb == VERB_NONE && !json) {
        console_ctx cc = { c, err, false };
        uo.refresh = console_refresh;
        uo.act = console_act;
        uo.ud = &cc;
        uo.out = out;
        uo.err = err;
        rc = ui_console_run(&uo);
        if (rc != UI_APP_NO_DISPLAY) {
            ws_close(c);
            return rc;
        }
        if (uo.frames > 0 || uo.screenshot) {
            fprintf(err, "bulwark workshop: no display, and --frames/--screenshot need a window: run it "
                         "under xvfb-run -a\n");
            ws_close(c);
            return APP_FAILED;
        }
        fprintf(out, "no display: the workshop's status (bulwark workshop --help lists the controls)\n\n");
        verb = VERB_STATUS;
    }
    if (verb != VERB_STATUS && verb != VERB_NONE)
        rc = change(c, verb, announce, err);
    if (rc == APP_OK)
        rc = ws_print_status(c, json, out, err);
    ws_close(c);
    return rc;
}
