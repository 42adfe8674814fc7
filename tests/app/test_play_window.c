/* test_play_window.c — the desktop game in a real window under Xvfb:
 * log4shell played to its end by scripted keys (nodes selected, actions
 * by their letters, an organisation action by Shift+letter, the choice
 * answered by a digit) must replay headless from its record to the same
 * world hash; a broken scenario must show the error screen, not crash.
 * Skips cleanly when xvfb-run is missing. The no-display fallback is
 * tested without Xvfb. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <cjson/cJSON.h>
#include <spawn.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "app/run.h"
#include "bulwark/store.h"

static char dir[] = "/tmp/bulwark-window-XXXXXX";

/* Run argv (argv[0] looked up in PATH) with stdout and stderr captured. */
static int run_cmd(char *const argv[], run_result *r)
{
    char out_path[] = "/tmp/bulwark-window-out-XXXXXX";
    char err_path[] = "/tmp/bulwark-window-err-XXXXXX";
    int fo = mkstemp(out_path), fe = mkstemp(err_path);
    if (fo < 0 || fe < 0)
        return -1;
    posix_spawn_file_actions_t fa;
    posix_spawn_file_actions_init(&fa);
    posix_spawn_file_actions_adddup2(&fa, fo, 1);
    posix_spawn_file_actions_adddup2(&fa, fe, 2);
    pid_t pid;
    int rc = posix_spawnp(&pid, argv[0], &fa, NULL, argv, environ);
    posix_spawn_file_actions_destroy(&fa);
    if (rc != 0)
        return -1;
    int st = 0;
    waitpid(pid, &st, 0);
    r->status = WIFEXITED(st) ? WEXITSTATUS(st) : 128 + WTERMSIG(st);
    lseek(fo, 0, SEEK_SET);
    lseek(fe, 0, SEEK_SET);
    run_drain(fo, r->out, sizeof r->out);
    run_drain(fe, r->err, sizeof r->err);
    close(fo);
    close(fe);
    unlink(out_path);
    unlink(err_path);
    return 0;
}

static bool have_xvfb(void)
{
    const char *path = getenv("PATH");
    if (!path)
        return false;
    char buf[4096];
    snprintf(buf, sizeof buf, "%s", path);
    for (char *save = NULL, *d = strtok_r(buf, ":", &save); d; d = strtok_r(NULL, ":", &save)) {
        char p[4200];
        snprintf(p, sizeof p, "%s/xvfb-run", d);
        if (access(p, X_OK) == 0)
            return true;
    }
    return false;
}

/* xvfb-run -a -s "-screen 0 1280x800x24" bulwark ARGS... */
static int run_windowed(char *const args[], run_result *r)
{
    char *argv[48];
    int n = 0;
    argv[n++] = "xvfb-run";
    argv[n++] = "-a";
    argv[n++] = "-s";
    argv[n++] = "-screen 0 1280x800x24";
    argv[n++] = getenv("BULWARK_BINARY");
    for (int i = 0; args[i] && n < 46; i++)
        argv[n++] = args[i];
    argv[n] = NULL;
    return run_cmd(argv, r);
}

static cJSON *read_json(const char *path)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return NULL;
    static char text[1 << 20];
    size_t n = fread(text, 1, sizeof text - 1, f);
    fclose(f);
    text[n] = 0;
    return cJSON_Parse(text);
}

static int setup(void **state)
{
    (void)state;
    if (!mkdtemp(dir))
        return -1;
    setenv("BULWARK_DATA_HOME", dir, 1); /* never the developer's own store */
    unsetenv("BULWARK_RENDERER");
    /* Under the sanitizers, the system's display libraries (D-Bus, X11,
     * their helpers) keep allocations SDL cannot free: not ours to fix. */
    char supp[300];
    snprintf(supp, sizeof supp, "%s/lsan.supp", dir);
    FILE *f = fopen(supp, "w");
    if (!f)
        return -1;
    fputs("leak:libdbus-1.so\nleak:libX11.so\nleak:libxcb.so\nleak:libXi.so\nleak:libXext.so\n"
          "leak:libfontconfig.so\nleak:libGLX\nleak:libGL\nleak:libEGL\nleak:libLLVM\n",
          f);
    fclose(f);
    char opt[400];
    snprintf(opt, sizeof opt, "suppressions=%s:print_suppressions=0", supp);
    setenv("LSAN_OPTIONS", opt, 1);
    return 0;
}

static int teardown(void **state)
{
    (void)state;
    char cmd[256];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
    return system(cmd) == 0 ? 0 : -1;
}

static const char *const script = "# log4shell by keyboard alone\n"
                                  "0 speed 60\n"
                                  "1 select shop\n"
                                  "2 key f          # WAF on the shop\n"
                                  "3 key g          # logging\n"
                                  "4 key j          # pin dependencies\n"
                                  "5 select api\n"
                                  "6 key f\n"
                                  "7 key g\n"
                                  "8 key j\n"
                                  "9 select db\n"
                                  "10 key g\n"
                                  "11 key shift+t   # publish security.txt\n"
                                  "30 key shift+j   # join the sharing group\n"
                                  "31 key shift+h   # handle the researcher's report\n"
                                  "60 key k         # train\n"
                                  "172 key 1        # the vendor's offer: report it, lawfully\n";

static void test_scripted_window_game_replays_headless_to_the_same_hash(void **state)
{
    (void)state;
    if (!have_xvfb())
        skip();
    char input[300], rec[300], rec2[300], shot[300];
    snprintf(input, sizeof input, "%s/keys.input", dir);
    snprintf(rec, sizeof rec, "%s/window.json", dir);
    snprintf(rec2, sizeof rec2, "%s/replay.json", dir);
    snprintf(shot, sizeof shot, "%s/last.png", dir);
    FILE *f = fopen(input, "w");
    assert_non_null(f);
    fputs(script, f);
    fclose(f);

    static run_result r;
    char *args[] = {"play",     "log4shell", "--screen",         "play",   "--input", input,
                    "--frames", "600",       "--exit-when-over", "--json", rec,       NULL};
    assert_int_equal(run_windowed(args, &r), 0);
    if (r.status != 0)
        fail_msg("play exited %d: %s", r.status, r.err);
    assert_non_null(strstr(r.out, "game over: log4shell"));

    cJSON *win = read_json(rec);
    assert_non_null(win);
    cJSON *actions = cJSON_GetObjectItem(win, "actions");
    assert_true(cJSON_IsArray(actions));
    /* every key became its action: 7 node actions, 3 organisation ones,
     * one training, one answer */
    assert_int_equal(cJSON_GetArraySize(actions), 12);
    bool chose = false, report = false, txt = false;
    cJSON *a;
    cJSON_ArrayForEach(a, actions)
    {
        const char *k = cJSON_GetStringValue(cJSON_GetObjectItem(a, "action"));
        if (k && strcmp(k, "choose") == 0) {
            chose = true;
            assert_int_equal((int)cJSON_GetNumberValue(cJSON_GetObjectItem(a, "option")), 1);
        }
        report = report || (k && strcmp(k, "handle_report") == 0);
        txt = txt || (k && strcmp(k, "security_txt") == 0);
    }
    assert_true(chose && report && txt);
    const char *h = cJSON_GetStringValue(cJSON_GetObjectItem(win, "world_hash"));
    assert_non_null(h);
    char hash[32];
    snprintf(hash, sizeof hash, "%s", h);
    assert_non_null(strstr(r.out, hash)); /* the game's own last line names it */

    /* the same game headless, from the window's record */
    char *run_args[] = {"bulwark", "run",    "log4shell", "--actions", rec,
                        "--quiet", "--json", rec2,        NULL};
    assert_int_equal(run_bulwark(run_args, &r), 0);
    if (r.status != 0)
        fail_msg("run --actions exited %d: %s", r.status, r.err);
    cJSON *rep = read_json(rec2);
    assert_non_null(rep);
    assert_string_equal(cJSON_GetStringValue(cJSON_GetObjectItem(rep, "world_hash")), hash);
    cJSON_Delete(rep);
    cJSON_Delete(win);

    /* and replayed in the window from the same record (--actions) */
    char *replay_args[] = {
        "play", "log4shell",        "--actions", rec,   "--screen",   "play", "--speed",
        "60",   "--exit-when-over", "--frames",  "600", "--no-store", NULL};
    assert_int_equal(run_windowed(replay_args, &r), 0);
    if (r.status != 0)
        fail_msg("play --actions exited %d: %s", r.status, r.err);
    assert_non_null(strstr(r.out, hash));

    /* the window's game was stored with the campaign's progress, in the
     * default store ($BULWARK_DATA_HOME) */
    char db[300];
    snprintf(db, sizeof db, "%s/bulwark.db", dir);
    bw_err e;
    store_db *s = store_open(db, &e);
    assert_non_null(s);
    store_progress p;
    assert_int_equal(store_progress_get(s, "log4shell", &p, &e), BW_OK);
    assert_int_equal(p.attempts, 1);
    store_result *list = NULL;
    int n = 0;
    assert_int_equal(store_results_list(s, NULL, &list, &n, &e), BW_OK);
    assert_int_equal(n, 1);
    assert_string_equal(list[0].sum.scenario_id, "log4shell");
    char want[32];
    snprintf(want, sizeof want, "%016llx", (unsigned long long)list[0].sum.world_hash);
    assert_string_equal(want, hash);
    free(list);
    store_close(s);
}

static void test_a_broken_scenario_shows_the_error_screen(void **state)
{
    (void)state;
    if (!have_xvfb())
        skip();
    char path[1200], shot[300];
    snprintf(path, sizeof path, "%s/tests/fixtures/scenarios/syntax_error.lua",
             getenv("BULWARK_SOURCE_DIR"));
    snprintf(shot, sizeof shot, "%s/error.png", dir);
    static run_result r;
    char *args[] = {"play", path, "--frames", "20", "--screenshot", shot, "--no-store", NULL};
    assert_int_equal(run_windowed(args, &r), 0);
    assert_int_equal(r.status, 1); /* failed, not crashed */
    assert_non_null(strstr(r.err, "did not load"));
    assert_non_null(strstr(r.err, "syntax_error.lua:")); /* file:line, as on screen */
    struct stat st;
    assert_int_equal(stat(shot, &st), 0); /* the error screen was drawn */
    assert_true(st.st_size > 1000);
}

static void test_bad_scripted_input_is_a_usage_error_naming_the_line(void **state)
{
    (void)state;
    char input[300];
    snprintf(input, sizeof input, "%s/bad.input", dir);
    FILE *f = fopen(input, "w");
    assert_non_null(f);
    fputs("# fine\n3 key Tab\n4 key NoSuchKey\nnot-a-frame key p\n", f);
    fclose(f);
    static run_result r;
    char *args[] = {"bulwark",  "play", "log4shell",  "--input", input,
                    "--frames", "5",    "--no-store", NULL};
    assert_int_equal(run_bulwark(args, &r), 0);
    assert_int_equal(r.status, 2);
    assert_non_null(strstr(r.err, "bad.input:3: unknown key name 'NoSuchKey'"));
    assert_non_null(strstr(r.err, "bad.input:4:"));
}

/* Scripted input that parses but cannot be carried out (a node the map
 * does not have, a shot that cannot be written) fails the run: exit 1,
 * with the line that failed, not a warning and exit 0. */
static void test_scripted_input_that_cannot_be_carried_out_fails_the_run(void **state)
{
    (void)state;
    if (!have_xvfb())
        skip();
    char input[300];
    snprintf(input, sizeof input, "%s/undoable.input", dir);
    FILE *f = fopen(input, "w");
    assert_non_null(f);
    fputs("1 select no-such-node\n", f);
    fclose(f);
    static run_result r;
    char *args[] = {"play", "log4shell", "--screen", "play", "--input", input,
                    "--frames", "3", "--no-store", NULL};
    assert_int_equal(run_windowed(args, &r), 0);
    assert_int_equal(r.status, 1);
    assert_non_null(strstr(r.err, "input line 1: no node 'no-such-node' to select"));

    f = fopen(input, "w");
    assert_non_null(f);
    fputs("1 shot /nonexistent-folder-of-bulwark/x.png\n", f);
    fclose(f);
    assert_int_equal(run_windowed(args, &r), 0);
    assert_int_equal(r.status, 1);
    assert_non_null(strstr(r.err, "nonexistent-folder-of-bulwark"));
}

/* --frames running out in the breath between GAME OVER and the debrief
 * still records the game that ended: log4shell's 288 hours at 240 hours a
 * second end near frame 73; 80 frames stop 0.1 s later. */
static void test_frames_ending_just_after_the_game_still_record_it(void **state)
{
    (void)state;
    if (!have_xvfb())
        skip();
    char rec[300];
    snprintf(rec, sizeof rec, "%s/late.json", dir);
    static run_result r;
    char *args[] = {"play",   "log4shell", "--screen", "play", "--player", "sensible", "--speed",
                    "240",    "--frames",  "80",       "--json", rec,      "--no-store", NULL};
    assert_int_equal(run_windowed(args, &r), 0);
    if (r.status != 0)
        fail_msg("play exited %d: %s", r.status, r.err);
    assert_non_null(strstr(r.out, "game over: log4shell won"));
    assert_int_equal(access(rec, R_OK), 0);
}

/* A scenario whose debrief callback fails: the window shows the error in
 * the debrief's place, and the run exits 1, as `bulwark run` does. */
static void test_a_failing_debrief_fails_the_run_as_run_does(void **state)
{
    (void)state;
    if (!have_xvfb())
        skip();
    char path[300];
    snprintf(path, sizeof path, "%s/bad_debrief.lua", dir);
    FILE *f = fopen(path, "w");
    assert_non_null(f);
    fputs("return scenario {\n"
          "  id = \"bad-debrief\", title = \"A debrief that fails\", days = 1,\n"
          "  nodes = { node { id = \"web\", kind = \"web\" } },\n"
          "  debrief = function(w, result)\n"
          "    error(\"the debrief broke\")\n"
          "  end,\n"
          "}\n",
          f);
    fclose(f);
    static run_result r, h;
    char *args[] = {"play", path, "--screen", "debrief", "--player", "idle", "--frames", "3",
                    "--no-store", NULL};
    assert_int_equal(run_windowed(args, &r), 0);
    assert_int_equal(r.status, 1);
    assert_non_null(strstr(r.err, "bad_debrief.lua:5:"));
    assert_non_null(strstr(r.err, "the debrief broke"));
    char *hargs[] = {getenv("BULWARK_BINARY"), "run", path, "--player", "idle", NULL};
    assert_int_equal(run_cmd(hargs, &h), 0);
    assert_int_equal(h.status, 1);
}

/* A $DISPLAY naming no server (a stale ssh or container variable) makes
 * SDL settle for its invisible offscreen driver: the game must see that
 * there is no display, not run forever in a window nobody can see. And
 * options that only mean something in a window are refused, not dropped. */
static void test_an_unreachable_display_is_no_display(void **state)
{
    (void)state;
    setenv("DISPLAY", ":77", 1);
    unsetenv("WAYLAND_DISPLAY");
    unsetenv("SDL_VIDEODRIVER");
    static run_result r;
    char *args[] = {"bulwark", "play", "log4shell", "--no-store", NULL};
    assert_int_equal(run_bulwark(args, &r), 0);
    assert_int_equal(r.status, 0);
    assert_true(strncmp(r.out, "no display: playing log4shell headless\n", 39) == 0);

    char shot[300];
    snprintf(shot, sizeof shot, "%s/never.png", dir);
    char *frames[] = {"bulwark", "play", "log4shell", "--frames", "5", "--screenshot", shot, NULL};
    assert_int_equal(run_bulwark(frames, &r), 0);
    assert_int_equal(r.status, 1);
    assert_non_null(strstr(r.err, "no display, and --screenshot needs a window"));
    assert_int_equal(access(shot, F_OK), -1);
    unsetenv("DISPLAY");
    char *only_frames[] = {"bulwark", "play", "log4shell", "--frames", "5", NULL};
    assert_int_equal(run_bulwark(only_frames, &r), 0);
    assert_int_equal(r.status, 1);
    assert_non_null(strstr(r.err, "--frames needs a window"));
}

static void test_without_a_display_play_goes_headless_in_one_line(void **state)
{
    (void)state;
    unsetenv("DISPLAY");
    unsetenv("WAYLAND_DISPLAY");
    unsetenv("SDL_VIDEODRIVER");
    char rec[300];
    snprintf(rec, sizeof rec, "%s/headless.json", dir);
    static run_result r;
    char *args[] = {"bulwark", "play", "log4shell", "--seed", "7", "--json", rec, NULL};
    assert_int_equal(run_bulwark(args, &r), 0);
    assert_int_equal(r.status, 0);
    assert_true(strncmp(r.out, "no display: playing log4shell headless\n", 39) == 0);
    assert_non_null(strstr(r.out, "log4shell"));
    cJSON *j = read_json(rec);
    assert_non_null(j);
    assert_int_equal((int)cJSON_GetNumberValue(cJSON_GetObjectItem(j, "seed")), 7);
    cJSON_Delete(j);

    /* a broken scenario without a display: its diagnostics, exit 1 */
    char path[1200];
    snprintf(path, sizeof path, "%s/tests/fixtures/scenarios/syntax_error.lua",
             getenv("BULWARK_SOURCE_DIR"));
    char *bad[] = {"bulwark", "play", path, NULL};
    assert_int_equal(run_bulwark(bad, &r), 0);
    assert_int_equal(r.status, 1);
    assert_non_null(strstr(r.err, "syntax_error.lua:"));
}

/* A bot playing in the window (benchmarks, documentation) is not the
 * player: its game leaves the store alone. */
static void test_a_bots_game_in_the_window_is_not_stored(void **state)
{
    (void)state;
    if (!have_xvfb())
        skip();
    char db[300];
    snprintf(db, sizeof db, "%s/bot.db", dir);
    static run_result r;
    char *args[] = {"play",     "log4shell", "--screen", "debrief", "--player", "sensible",
                    "--frames", "3",         "--store",  db,        NULL};
    assert_int_equal(run_windowed(args, &r), 0);
    if (r.status != 0)
        fail_msg("play exited %d: %s", r.status, r.err);
    assert_non_null(strstr(r.out, "game over: log4shell won"));
    bw_err e;
    store_db *s = store_open(db, &e);
    assert_non_null(s);
    store_progress p;
    assert_int_equal(store_progress_get(s, "log4shell", &p, &e), BW_OK);
    assert_int_equal(p.attempts, 0);
    store_result *list = NULL;
    int n = 0;
    assert_int_equal(store_results_list(s, NULL, &list, &n, &e), BW_OK);
    assert_int_equal(n, 0);
    free(list);
    store_close(s);
}

/* The width and height a PNG file says it has (its IHDR chunk). */
static bool png_size(const char *path, int *w, int *h)
{
    unsigned char b[24];
    FILE *f = fopen(path, "rb");
    if (!f)
        return false;
    size_t n = fread(b, 1, sizeof b, f);
    fclose(f);
    if (n != sizeof b || memcmp(b + 12, "IHDR", 4) != 0)
        return false;
    *w = (b[16] << 24) | (b[17] << 16) | (b[18] << 8) | b[19];
    *h = (b[20] << 24) | (b[21] << 16) | (b[22] << 8) | b[23];
    return true;
}

/* A small screen: --window opens the game at 800x560, the smallest size
 * every screen is laid out for, and a game still plays through. */
static void test_the_game_plays_in_a_small_window(void **state)
{
    (void)state;
    if (!have_xvfb())
        skip();
    char shot[300];
    snprintf(shot, sizeof shot, "%s/small.png", dir);
    static run_result r;
    char *args[] = {"play",     "log4shell", "--screen", "debrief",    "--player", "sensible",
                    "--window", "800x560",   "--frames", "3",          "--screenshot", shot,
                    "--no-store", NULL};
    assert_int_equal(run_windowed(args, &r), 0);
    if (r.status != 0)
        fail_msg("play exited %d: %s", r.status, r.err);
    int w = 0, h = 0;
    assert_true(png_size(shot, &w, &h));
    assert_int_equal(w, 800);
    assert_int_equal(h, 560);
    char *bad[] = {"play", "log4shell", "--window", "800by600", "--no-store", NULL};
    assert_int_equal(run_windowed(bad, &r), 0);
    assert_int_equal(r.status, 2);
    assert_non_null(strstr(r.err, "--window wants WIDTHxHEIGHT"));
}

/* `--screen debrief` without a bot plays the game out with nobody at the
 * keys (for documentation): nobody earned it, so it unlocks nothing. */
static void test_a_game_played_out_unattended_is_not_stored(void **state)
{
    (void)state;
    if (!have_xvfb())
        skip();
    char db[300];
    snprintf(db, sizeof db, "%s/unattended.db", dir);
    static run_result r;
    char *args[] = {"play", "log4shell", "--screen", "debrief", "--frames", "3", "--store", db, NULL};
    assert_int_equal(run_windowed(args, &r), 0);
    if (r.status != 0)
        fail_msg("play exited %d: %s", r.status, r.err);
    assert_non_null(strstr(r.out, "game over: log4shell"));
    bw_err e;
    store_db *s = store_open(db, &e);
    assert_non_null(s);
    store_progress p;
    assert_int_equal(store_progress_get(s, "log4shell", &p, &e), BW_OK);
    assert_int_equal(p.attempts, 0);
    store_result *list = NULL;
    int n = 0;
    assert_int_equal(store_results_list(s, NULL, &list, &n, &e), BW_OK);
    assert_int_equal(n, 0);
    free(list);
    store_close(s);
}

/* A bot driving the window at a person's speed (8 hours a second) steps
 * the world itself: the choice dialog must not pause its clock (the bot
 * answers the choice), and the game ends exactly as `run` plays it. */
static void test_a_bot_at_a_persons_speed_plays_through_its_choices(void **state)
{
    (void)state;
    if (!have_xvfb())
        skip();
    static run_result r, h;
    /* log4shell lasts 288 hours: 2160 frames at 8 an hour; the first
     * choice opens at hour 168 */
    char *args[] = {"play",    "log4shell", "--screen", "play", "--player",         "sensible",
                    "--speed", "8",         "--frames", "2600", "--exit-when-over", "--no-store",
                    NULL};
    assert_int_equal(run_windowed(args, &r), 0);
    if (r.status != 0)
        fail_msg("play exited %d: %s", r.status, r.err);
    const char *over = strstr(r.out, "game over: log4shell won");
    if (!over)
        fail_msg("the bot's game did not end in 2600 frames: %s%s", r.out, r.err);
    char *hargs[] = {getenv("BULWARK_BINARY"), "run", "log4shell", "--player", "sensible", NULL};
    assert_int_equal(run_cmd(hargs, &h), 0);
    assert_int_equal(h.status, 0);
    const char *hh = strstr(h.out, "World hash ");
    assert_non_null(hh);
    char want[17];
    snprintf(want, sizeof want, "%.16s", hh + strlen("World hash "));
    if (!strstr(over, want))
        fail_msg("the window's game ended at another world: %s (headless: %s)", over, want);
}

/* Settings change by keyboard and are saved at once. */
static void test_settings_change_by_keyboard_and_are_saved(void **state)
{
    (void)state;
    if (!have_xvfb())
        skip();
    char db[300], input[300];
    snprintf(db, sizeof db, "%s/settings.db", dir);
    snprintf(input, sizeof input, "%s/settings.input", dir);
    FILE *f = fopen(input, "w");
    assert_non_null(f);
    fputs("2 key Right      # text size 1.00 -> 1.25\n"
          "3 key Down\n"
          "4 key Return     # colours -> colour-blind\n"
          "5 key Down\n"
          "6 key Right      # speed 1 -> 2\n",
          f);
    fclose(f);
    static run_result r;
    char *args[] = {"play",     "--screen", "settings", "--input", input,
                    "--frames", "8",        "--store",  db,        NULL};
    assert_int_equal(run_windowed(args, &r), 0);
    if (r.status != 0)
        fail_msg("play exited %d: %s", r.status, r.err);
    bw_err e;
    store_db *s = store_open(db, &e);
    assert_non_null(s);
    store_settings st;
    assert_int_equal(store_settings_load(s, &st, &e), BW_OK);
    assert_true(st.text_scale > 1.24 && st.text_scale < 1.26);
    assert_string_equal(st.palette, "colour-blind");
    assert_int_equal(st.speed, 2);
    store_close(s);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_scripted_window_game_replays_headless_to_the_same_hash),
        cmocka_unit_test(test_a_broken_scenario_shows_the_error_screen),
        cmocka_unit_test(test_bad_scripted_input_is_a_usage_error_naming_the_line),
        cmocka_unit_test(test_a_bots_game_in_the_window_is_not_stored),
        cmocka_unit_test(test_a_game_played_out_unattended_is_not_stored),
        cmocka_unit_test(test_the_game_plays_in_a_small_window),
        cmocka_unit_test(test_scripted_input_that_cannot_be_carried_out_fails_the_run),
        cmocka_unit_test(test_frames_ending_just_after_the_game_still_record_it),
        cmocka_unit_test(test_a_failing_debrief_fails_the_run_as_run_does),
        cmocka_unit_test(test_a_bot_at_a_persons_speed_plays_through_its_choices),
        cmocka_unit_test(test_settings_change_by_keyboard_and_are_saved),
        cmocka_unit_test(test_without_a_display_play_goes_headless_in_one_line),
        cmocka_unit_test(test_an_unreachable_display_is_no_display),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
