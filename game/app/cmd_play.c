/* cmd_play.c — `bulwark` and `bulwark play`: the desktop game.
 *
 * With no scenario the game opens at the menu; with one it goes straight
 * to its briefing (or --screen). The automation options drive a real
 * window deterministically: --frames N runs exactly N frames of 1/60 s of
 * game time each, --input feeds scripted keys and clicks, --screenshot
 * keeps the last frame, --json writes the result record, --actions
 * replays a record. Without a display the game says so in one line and
 * plays headless with the sensible bot (the `run` path), so the first
 * README command works everywhere. */
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "args.h"
#include "bulwark/app.h"
#include "bulwark/campaign.h"
#include "bulwark/record.h"
#include "bulwark/ui_app.h"
#include "watch_cli.h"
#include "workshop_app.h"

static void play_usage(FILE *out)
{
    fprintf(
        out,
        "usage: bulwark play [SCENARIO] [--seed N] [--actions RECORD | --player BOT] [--speed N]\n"
        "                    [--frames N] [--screenshot FILE.png] [--input FILE] [--json OUT]\n"
        "                    [--screen menu|campaign|settings|briefing|play|debrief] [--store "
        "FILE]\n"
        "                    [--no-store] [--software] [--window WxH] [--watch] [--debug]\n"
        "                    [--headless]\n"
        "  Opens the desktop game: at SCENARIO's briefing (a .lua file or a shipped id), or at\n"
        "  the menu when there is none. 'bulwark' alone is 'bulwark play --screen menu'.\n"
        "  --seed N            the world's seed (default: the scenario's own)\n"
        "  --actions RECORD    replay a result record's actions at their ticks (as run does)\n"
        "  --player BOT        let a bot play in the window (idle, sensible, hackback, random or a "
        "file)\n"
        "  --speed N           start the clock at N game hours a second (0-240; default: paused)\n"
        "  --screen NAME       start on that screen; briefing, play and debrief without a\n"
        "                      SCENARIO take the campaign's next one; debrief plays the game out\n"
        "  --frames N          run exactly N frames of 1/60 s of game time each, then exit\n"
        "                      (deterministic, independent of the wall clock)\n"
        "  --screenshot FILE   save the last frame as PNG (with --frames)\n"
        "  --input FILE        scripted input, one event a line ('#' comments):\n"
        "                        FRAME key NAME     SDL key names: Tab, Return, Escape, p, "
        "shift+h\n"
        "                        FRAME click X Y    a left click at logical pixels\n"
        "                        FRAME select NODE  select a node on the play screen\n"
        "                        FRAME speed N      game hours a second\n"
        "                        FRAME shot FILE    a screenshot of that frame\n"
        "  --json OUT          write the result record when the game ends (as run does)\n"
        "  --store FILE        the progress store (default: the user's data folder)\n"
        "  --no-store          neither read nor write settings, progress or results\n"
        "  --software          use SDL's software renderer\n"
        "  --window WxH        open the window at this size (default: the size you left it at,\n"
        "                      fitted to the screen; 1280x800 with --frames)\n"
        "  --watch             for authors: reload SCENARIO whenever its file is saved and replay\n"
        "                      your actions so far to the same tick (same seed, camera,\n"
        "                      selection and speed); a save that does not load shows its\n"
        "                      file:line over the map and the last good version keeps running\n"
        "  --debug             for authors: open the debug view (F3 toggles it): true node\n"
        "                      states, attackers' next steps and chances, pending events,\n"
        "                      the last tick's random draws\n"
        "  --headless          no window even with a display. With --watch (also when there is\n"
        "                      no display) the game is driven by commands on standard input,\n"
        "                      one a line: step [N], act ACTION [TARGET [OPTION]], poll (reload\n"
        "                      if the file was saved), reload, state, debug, quit. Each reload\n"
        "                      prints 'reloaded FILE at tick T (day D hh:00)' or\n"
        "                      'FILE:LINE: error: ... — keeping the last good version'\n"
        "  bulwark play --workshop CONFIG --name NAME --team TEAM: join a workshop's room\n"
        "  (bulwark play --workshop CONFIG --help; docs/workshops.md).\n"
        "  In the game F1 lists every key; F12 saves a screenshot into the data folder.\n"
            "  BULWARK_RENDERER=software|opengl|... picks SDL's renderer (default: accelerated\n"
            "  with a GPU, software without); BULWARK_FRAME_STATS=1 prints frame times at exit.\n"
        "  Without a display, plays headless with the sensible bot and prints the debrief.\n"
        "  Exit 0 when the window closed normally, 1 when the scenario failed to load or play\n"
        "  (the error screen showed every file:line), a replay diverged or the game did not\n"
        "  end before --frames ran out with --json, 2 on a usage error, 3 internal error.\n");
}

static bool exists(const char *p)
{
    struct stat st;
    return stat(p, &st) == 0;
}

static const char *const screens[] = {"menu", "campaign", "settings", "briefing",
                                      "play", "debrief",  NULL};

/* The first scenario of the campaign that is shipped: what `bulwark`
 * plays headless on a machine without a display. */
static const char *first_campaign_scenario(char *buf, size_t n)
{
    script_campaign c;
    bw_err e;
    const char *found = NULL;
    if (script_campaign_load(NULL, &c, &e) == BW_OK) {
        for (int i = 0; i < c.count && !found; i++)
            if (exists(c.items[i].path)) {
                snprintf(buf, n, "%s", c.items[i].path);
                found = buf;
            }
        script_campaign_free(&c);
    }
    return found ? found : app_resolve("log4shell", "scenarios", buf, n);
}

static int headless(const char *scenario, const ui_app_options *o, long seed, FILE *out, FILE *err)
{
    char seedbuf[32];
    char *argv[12];
    int n = 0;
    argv[n++] = (char *)scenario;
    if (o->actions) {
        argv[n++] = "--actions";
        argv[n++] = (char *)o->actions;
    } else {
        argv[n++] = "--player";
        argv[n++] = (char *)(o->player ? o->player : "sensible");
        if (o->seed_given) {
            snprintf(seedbuf, sizeof seedbuf, "%ld", seed);
            argv[n++] = "--seed";
            argv[n++] = seedbuf;
        }
    }
    if (o->json) {
        argv[n++] = "--json";
        argv[n++] = (char *)o->json;
    }
    if (o->debug)
        argv[n++] = "--debug";
    argv[n] = NULL;
    return app_cmd_run(n, argv, out, err);
}

/* The options that take a string: --actions FILE, --json=OUT, ... */
static bool string_opt(int argc, char **argv, int *i, ui_app_options *o, FILE *err, bool *bad)
{
    const struct {
        const char *name;
        const char **dst;
    } opts[] = {
        {"--actions", &o->actions}, {"--player", &o->player}, {"--screenshot", &o->screenshot},
        {"--input", &o->input},     {"--json", &o->json},     {"--screen", &o->screen},
        {"--store", &o->store},
    };
    *bad = false;
    for (size_t k = 0; k < sizeof opts / sizeof opts[0]; k++) {
        const char *v = NULL;
        if (!args_opt(argc, argv, i, opts[k].name, &v))
            continue;
        if (!v || !*v) {
            fprintf(err, "bulwark play: %s needs a value\n", opts[k].name);
            *bad = true;
        }
        *opts[k].dst = v;
        return true;
    }
    return false;
}

int app_cmd_play(int argc, char **argv, FILE *out, FILE *err)
{
    for (int i = 0; i < argc; i++) /* a workshop's player: cmd_play_workshop.c */
        if (strncmp(argv[i], "--workshop", 10) == 0 && (argv[i][10] == '\0' || argv[i][10] == '='))
            return app_play_workshop(argc, argv, out, err);
    ui_app_options o;
    memset(&o, 0, sizeof o);
    o.speed = -1;
    o.startup_fd = -1;
    o.out = out;
    o.err = err;
    const char *name = NULL;
    long seed = 0;
    bool bad = false, headless_asked = false;
    for (int i = 0; i < argc; i++) {
        const char *v = NULL;
        long n;
        if (args_opt(argc, argv, &i, "--seed", &v)) {
            if (!args_int("--seed", v, 0, 2147483647L, &seed, err))
                return APP_USAGE;
            o.seed_given = true;
            o.seed = (uint64_t)seed;
        } else if (args_opt(argc, argv, &i, "--frames", &v)) {
            if (!args_int("--frames", v, 1, 100000000L, &n, err))
                return APP_USAGE;
            o.frames = n;
        } else if (args_opt(argc, argv, &i, "--speed", &v)) {
            if (!args_int("--speed", v, 0, 240, &n, err))
                return APP_USAGE;
            o.speed = (int)n;
        } else if (args_opt(argc, argv, &i, "--window", &v)) {
            int ww = 0, wh = 0;
            char extra;
            if (sscanf(v, "%dx%d%c", &ww, &wh, &extra) != 2 || ww < 320 || wh < 240 ||
                ww > 16384 || wh > 16384) {
                fprintf(err, "bulwark play: --window wants WIDTHxHEIGHT, from 320x240 to "
                             "16384x16384, not '%s'\n", v);
                return APP_USAGE;
            }
            o.window_w = ww;
            o.window_h = wh;
        } else if (args_opt(argc, argv, &i, "--startup-fd", &v)) {
            if (!args_int("--startup-fd", v, 0, 1023, &n, err))
                return APP_USAGE;
            o.startup_fd = (int)n;
        } else if (string_opt(argc, argv, &i, &o, err, &bad)) {
            if (bad)
                return APP_USAGE;
        } else if (strcmp(argv[i], "--no-store") == 0) {
            o.no_store = true;
        } else if (strcmp(argv[i], "--software") == 0) {
            o.software = true;
        } else if (strcmp(argv[i], "--watch") == 0) {
            o.watch = true;
        } else if (strcmp(argv[i], "--debug") == 0) {
            o.debug = true;
        } else if (strcmp(argv[i], "--headless") == 0) {
            headless_asked = true;
        } else if (strcmp(argv[i], "--exit-when-over") == 0) {
            o.exit_when_over = true;
        } else if (strcmp(argv[i], "--help") == 0 || strcmp(argv[i], "-h") == 0) {
            play_usage(out);
            return APP_OK;
        } else if (argv[i][0] == '-') {
            fprintf(err, "bulwark play: unknown option '%s' (see 'bulwark play --help')\n",
                    argv[i]);
            return APP_USAGE;
        } else if (name) {
            fprintf(err, "bulwark play: one scenario at a time ('%s' and '%s')\n", name, argv[i]);
            return APP_USAGE;
        } else {
            name = argv[i];
        }
    }
    if (o.screen) {
        int k = 0;
        while (screens[k] && strcmp(screens[k], o.screen) != 0)
            k++;
        if (!screens[k]) {
            const char *near = app_closest(o.screen, screens);
            fprintf(err,
                    "bulwark play: --screen must be menu, campaign, settings, briefing, play or "
                    "debrief, not '%s'%s%s%s\n",
                    o.screen, near ? " (did you mean '" : "", near ? near : "", near ? "'?)" : "");
            return APP_USAGE;
        }
    }
    if (o.actions && o.player) {
        fprintf(err, "bulwark play: --actions and --player exclude each other\n");
        return APP_USAGE;
    }
    if (o.screenshot && o.frames <= 0) {
        fprintf(err, "bulwark play: --screenshot needs --frames N (the last frame is saved)\n");
        return APP_USAGE;
    }
    char path[1024], botpath[1024], firstbuf[1024];
    if (name) {
        o.scenario = app_resolve(name, "scenarios", path, sizeof path);
        if (!exists(o.scenario) && !strchr(name, '/') && !strstr(name, ".lua")) {
            app_hint_shipped(name, "scenarios", err);
            return APP_FAILED;
        }
    }
    if (o.player) {
        o.player = app_resolve(o.player, "bots", botpath, sizeof botpath);
        if (!exists(o.player)) {
            app_hint_shipped(o.player, "bots", err);
            return APP_FAILED;
        }
    }
    if (o.json) {
        bw_err e;
        if (record_check_writable(o.json, &e) < 0) {
            fprintf(err, "bulwark play: %s\n", e.msg);
            return APP_FAILED;
        }
    }
    if (o.watch && !o.scenario) {
        fprintf(err, "bulwark play: --watch needs a SCENARIO file to watch\n");
        return APP_USAGE;
    }
    if (o.watch && (o.actions || o.player)) {
        fprintf(err, "bulwark play: --watch replays your own actions; it excludes --actions and "
                     "--player\n");
        return APP_USAGE;
    }
    int rc = UI_APP_NO_DISPLAY;
    ui_app_result res;
    if (!headless_asked)
        rc = ui_app_run(&o, &res);
    if (rc != UI_APP_NO_DISPLAY)
        return rc;

    /* Options that only mean something in a window must not be dropped
     * silently: a test or a script asked for frames, pictures or keys. */
    const char *window_only = o.screenshot ? "--screenshot" : o.input ? "--input"
                              : o.frames > 0 ? "--frames" : NULL;
    if (window_only && headless_asked) {
        fprintf(err, "bulwark play: --headless and %s exclude each other (%s needs a window)\n",
                window_only, window_only);
        return APP_USAGE;
    }
    if (window_only) {
        fprintf(err, "bulwark play: no display, and %s needs a window: run it in a desktop "
                     "session or under xvfb-run -a\n", window_only);
        return APP_FAILED;
    }
    if (o.watch) {
        if (!headless_asked)
            fprintf(out, "no display: watching %s headless, commands on standard input\n", name);
        return app_watch_headless(o.scenario, o.seed_given, o.seed, o.debug, stdin, out, err);
    }
    /* No display: one clear line, then the headless game with its debrief. */
    const char *scenario =
        o.scenario ? o.scenario : first_campaign_scenario(firstbuf, sizeof firstbuf);
    const char *shown = name                     ? name
                        : strrchr(scenario, '/') ? strrchr(scenario, '/') + 1
                                                 : scenario;
    fprintf(out, "%splaying %s headless\n", headless_asked ? "" : "no display: ", shown);
    fflush(out);
    return headless(scenario, &o, seed, out, err);
}
