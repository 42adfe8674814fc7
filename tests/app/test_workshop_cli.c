#define _POSIX_C_SOURCE 200809L
/* test_workshop_cli.c — the workshop on the command line, through the
 * real binary: `check` of a config; the facilitator's session changes and
 * what each refuses; a player refused for an unknown team or scenario
 * (with "did you mean"), before the start (--no-wait), after the end and
 * past the time limit; a player who waits through a pause and plays on
 * when the facilitator resumes; what a submitted result carries; the
 * player's window (its end submits) and the console's window under Xvfb
 * (skipped without xvfb-run). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <cjson/cJSON.h>
#include <fcntl.h>
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "bulwark/rstore.h"
#include "bulwark/workshop.h"
#include "run.h"

static char dir[64] = "/tmp/bulwark-wscli-XXXXXX";
static char config[160];
static run_result rr;

static void write_config(const char *extra_fields)
{
    FILE *f = fopen(config, "w");
    assert_non_null(f);
    fprintf(f,
            "return {\n"
            "  workshop = \"cli-test\",\n"
            "  title = \"The command line\",\n"
            "  scenarios = { \"log4shell\", \"mirai\" },\n"
            "  seed = 7,\n"
            "  time_limit_minutes = %s,\n"
            "  teams = { \"red\", \"blue\" },\n"
            "  results = \"cli.db\",\n"
            "}\n",
            extra_fields);
    assert_int_equal(fclose(f), 0);
}

static void fresh(const char *minutes)
{
    char cmd[200];
    snprintf(cmd, sizeof cmd, "rm -f '%s'/cli.db*", dir);
    assert_int_equal(system(cmd), 0);
    write_config(minutes);
}

static int setup(void **state)
{
    (void)state;
    if (!mkdtemp(dir))
        return -1;
    snprintf(config, sizeof config, "%s/cli.workshop.lua", dir);
    setenv("BULWARK_DATA_HOME", dir, 1);
    unsetenv("BULWARK_RENDERER");
    /* Under the sanitizers, the system's display libraries keep
     * allocations SDL cannot free (as in test_play_window). */
    char supp[200];
    snprintf(supp, sizeof supp, "%s/lsan.supp", dir);
    FILE *f = fopen(supp, "w");
    if (!f)
        return -1;
    fputs("leak:libdbus-1.so\nleak:libX11.so\nleak:libxcb.so\nleak:libXi.so\nleak:libXext.so\n"
          "leak:libfontconfig.so\nleak:libGLX\nleak:libGL\nleak:libEGL\nleak:libLLVM\n",
          f);
    fclose(f);
    char opt[300];
    snprintf(opt, sizeof opt, "suppressions=%s:print_suppressions=0", supp);
    setenv("LSAN_OPTIONS", opt, 1);
    return 0;
}

static int teardown(void **state)
{
    (void)state;
    char cmd[200];
    snprintf(cmd, sizeof cmd, "rm -rf -- '%s'", dir);
    return system(cmd) == 0 ? 0 : -1;
}

/* Run bulwark with these arguments (after "bulwark"); the exit status. */
static int bw(char *const *args)
{
    char *argv[32] = { "bulwark" };
    int n = 1;
    for (int i = 0; args[i] && n < 31; i++)
        argv[n++] = args[i];
    argv[n] = NULL;
    assert_int_equal(run_bulwark(argv, &rr), 0);
    return rr.status;
}

#define BW(...) bw((char *const[]){ __VA_ARGS__, NULL })

/* The file at path, NUL-terminated in buf (failing the test when it cannot be read); its length. */
static size_t slurp(const char *path, char *buf, size_t cap)
{
    FILE *f = fopen(path, "rb");
    assert_non_null(f);
    size_t n = fread(buf, 1, cap - 1, f);
    fclose(f);
    buf[n] = '\0';
    return n;
}

/* ---- check ------------------------------------------------------------------------------ */

/* The example config of docs/workshops.md, saved as the docs say, checks
 * clean even with --werror: a facilitator's first copy gives no warning. */
static void test_the_documented_example_config_is_clean(void **state)
{
    (void)state;
    char path[512];
    snprintf(path, sizeof path, "%s/docs/workshops.md", getenv("BULWARK_SOURCE_DIR"));
    static char doc[1 << 17];
    slurp(path, doc, sizeof doc);
    const char *start = strstr(doc, "```lua\nreturn {\n  workshop = \"acme-2026-11\"");
    assert_non_null(start);
    start += strlen("```lua\n");
    const char *end = strstr(start, "```");
    assert_non_null(end);
    char file[200];
    snprintf(file, sizeof file, "%s/acme.workshop.lua", dir);
    FILE *f = fopen(file, "wb");
    assert_non_null(f);
    fwrite(start, 1, (size_t)(end - start), f);
    fclose(f);
    assert_int_equal(BW("check", "--werror", file), 0);
    assert_non_null(strstr(rr.out, "acme.workshop.lua: ok (workshop acme-2026-11: 2 scenarios, 3 teams, 60 minutes"));
    assert_string_equal(rr.err, "");
    /* With a role named on a SQLite store: a warning, an error with --werror. */
    char text[4096];
    snprintf(text, sizeof text, "%.*s", (int)(end - start), start);
    char *close = strrchr(text, '}');
    assert_non_null(close);
    snprintf(close, sizeof text - (size_t)(close - text), "  player_role = \"room_player\",\n}\n");
    f = fopen(file, "wb");
    assert_non_null(f);
    fputs(text, f);
    fclose(f);
    assert_int_equal(BW("check", file), 0);
    assert_non_null(strstr(rr.err, "warning: config: roles apply only to PostgreSQL"));
    assert_int_equal(BW("check", "--werror", file), 1);
    assert_non_null(strstr(rr.out, "acme.workshop.lua: 1 warning, failed with --werror"));
    assert_int_equal(BW("check", "--werror", "--json", file), 1);
    assert_non_null(strstr(rr.out, "\"severity\":\t\"error\""));
    unlink(file);
}

static void test_check_validates_a_workshop_config(void **state)
{
    (void)state;
    fresh("60");
    assert_int_equal(BW("check", config), 0);
    assert_non_null(strstr(rr.out, "ok (workshop cli-test: 2 scenarios, 2 teams, 60 minutes, results in a SQLite file)"));
    fresh("0");
    assert_int_equal(BW("check", config), 1);
    assert_non_null(strstr(rr.err, "cli.workshop.lua:6: error: config: 'time_limit_minutes' is 0; it must be within 1..600"));
    assert_int_equal(BW("check", "--json", config), 1);
    cJSON *o = cJSON_Parse(rr.out);
    assert_non_null(o);
    cJSON *first = cJSON_GetArrayItem(o, 0);
    assert_string_equal(cJSON_GetObjectItem(first, "kind")->valuestring, "workshop");
    assert_false(cJSON_IsTrue(cJSON_GetObjectItem(first, "valid")));
    cJSON *d = cJSON_GetArrayItem(cJSON_GetObjectItem(first, "diagnostics"), 0);
    assert_int_equal(cJSON_GetObjectItem(d, "line")->valueint, 6);
    cJSON_Delete(o);
    /* A scenario still checks as a scenario. */
    char scn[1200];
    snprintf(scn, sizeof scn, "%s/scripts/scenarios/mirai.lua", getenv("BULWARK_SOURCE_DIR"));
    assert_int_equal(BW("check", scn), 0);
    assert_non_null(strstr(rr.out, "ok (mirai,"));
}

/* workshop.c cannot call the store's test of a target; the two must agree. */
static void test_config_and_store_agree_on_what_is_postgres(void **state)
{
    (void)state;
    static const char *const t[] = {
        "postgresql://h/db", "postgres://u@h:5/d", "host=h dbname=d", " dbname = d", "a.db", "dir/x=1.db",
        "My file=1.db", "=x", "room", "/abs/path.db", "postgresql:/h", "HOST=h", NULL,
    };
    for (int i = 0; t[i]; i++)
        assert_int_equal(workshop_target_is_postgres(t[i]), rstore_target_is_postgres(t[i]));
}

/* ---- the facilitator's session ------------------------------------------------------------ */

static const char *phase_of(void)
{
    static char phase[32];
    assert_int_equal(BW("workshop", config, "--status", "--json"), 0);
    cJSON *o = cJSON_Parse(rr.out);
    assert_non_null(o);
    snprintf(phase, sizeof phase, "%s", cJSON_GetObjectItem(o, "phase")->valuestring);
    cJSON_Delete(o);
    return phase;
}

static void test_the_session_moves_through_its_phases_and_refuses_the_rest(void **state)
{
    (void)state;
    fresh("60");
    assert_int_equal(BW("workshop", config, "--status"), 0);
    assert_non_null(strstr(rr.out, "Phase: lobby · 1:00:00 left of 1:00:00"));
    assert_int_equal(BW("workshop", config, "--pause"), 1);
    assert_non_null(strstr(rr.err, "cannot pause workshop cli-test: it has not started"));
    assert_int_equal(BW("workshop", config, "--resume"), 1);
    assert_int_equal(BW("workshop", config, "--start"), 0);
    assert_non_null(strstr(rr.out, "Phase: running"));
    assert_int_equal(BW("workshop", config, "--start"), 0); /* already running: nothing changes */
    assert_string_equal(phase_of(), "running");
    assert_int_equal(BW("workshop", config, "--pause"), 0);
    assert_non_null(strstr(rr.out, "Phase: paused"));
    assert_int_equal(BW("workshop", config, "--start"), 1);
    assert_non_null(strstr(rr.err, "it is paused: --resume it"));
    assert_int_equal(BW("workshop", config, "--resume"), 0);
    assert_string_equal(phase_of(), "running");
    assert_int_equal(BW("workshop", config, "--announce", "Ten minutes left"), 0);
    assert_non_null(strstr(rr.out, "Announcement: Ten minutes left"));
    char long_text[400];
    memset(long_text, 'x', sizeof long_text - 1);
    long_text[sizeof long_text - 1] = '\0';
    assert_int_equal(BW("workshop", config, "--announce", long_text), 2);
    assert_int_equal(BW("workshop", config, "--announce", ""), 0);
    assert_null(strstr(rr.out, "Announcement:"));
    assert_int_equal(BW("workshop", config, "--start", "--end"), 2); /* one change at a time */
    assert_int_equal(BW("workshop", config, "--end"), 0);
    assert_non_null(strstr(rr.out, "Phase: ended"));
    assert_int_equal(BW("workshop", config, "--pause"), 1);
    assert_non_null(strstr(rr.err, "it has ended"));
    assert_int_equal(BW("workshop", config, "--start"), 1);
    assert_int_equal(BW("workshop", config, "--end"), 0);
    assert_int_equal(BW("workshop", config, "--bogus"), 2);
    assert_int_equal(BW("workshop"), 2);
}

/* ---- players ---------------------------------------------------------------------------------- */

static void test_a_player_is_refused_with_did_you_mean_and_before_the_start(void **state)
{
    (void)state;
    fresh("60");
    assert_int_equal(BW("play", "--workshop", config, "--name", "alice", "--team", "redd", "--player", "sensible"), 1);
    assert_non_null(strstr(rr.err, "'redd' is not a team of workshop cli-test; its teams are: red, blue (did you mean 'red'?)"));
    assert_int_equal(BW("play", "--workshop", config, "--name", "alice", "--team", "red", "--scenario", "mirrai",
                        "--player", "sensible"),
                     1);
    assert_non_null(strstr(rr.err, "it has: log4shell, mirai (did you mean 'mirai'?)"));
    assert_int_equal(BW("play", "--workshop", config, "--name", "alice"), 2);
    assert_non_null(strstr(rr.err, "--workshop needs --name NAME and --team TEAM"));
    assert_int_equal(BW("play", "--workshop", config, "--name", "alice", "--team", "red", "--seed", "3"), 2);
    /* In the lobby, --no-wait gives up at once, but the player has joined. */
    assert_int_equal(BW("play", "--workshop", config, "--name", "alice", "--team", "red", "--player", "sensible",
                        "--no-wait"),
                     1);
    assert_non_null(strstr(rr.err, "is not started: gave up waiting after 0 s"));
    assert_int_equal(BW("workshop", config, "--status"), 0);
    assert_non_null(strstr(rr.out, "red          (1): alice"));
    /* A second alice, in another team, would have her games added to the
     * first's: refused, with what to do. The same alice re-joins. */
    assert_int_equal(BW("play", "--workshop", config, "--name", "alice", "--team", "blue", "--player", "sensible",
                        "--no-wait"),
                     1);
    assert_non_null(strstr(rr.err, "cli-test: the name 'alice' already plays in team red: if that is you, join team "
                                   "red; otherwise pick another name (say 'alice-blue')"));
    assert_int_equal(BW("play", "--workshop", config, "--name", "alice", "--team", "red", "--player", "sensible",
                        "--no-wait"),
                     1);
    assert_non_null(strstr(rr.err, "is not started: gave up waiting after 0 s"));
    assert_int_equal(BW("workshop", config, "--status"), 0);
    assert_non_null(strstr(rr.out, "red          (1): alice"));
    assert_null(strstr(rr.out, "blue         (1)"));
}

static void test_a_submitted_result_carries_player_team_and_workshop(void **state)
{
    (void)state;
    fresh("60");
    assert_int_equal(BW("workshop", config, "--start"), 0);
    char json[200];
    snprintf(json, sizeof json, "%s/alice.json", dir);
    assert_int_equal(BW("play", "--workshop", config, "--name", "alice", "--team", "red", "--player", "sensible",
                        "--scenario", "mirai", "--json", json),
                     0);
    assert_non_null(strstr(rr.out, "— mirai (seed 7, player sensible)")); /* the workshop's seed */
    assert_non_null(strstr(rr.out, "submitted as result 1 to "));
    assert_non_null(strstr(rr.out, "rank: 1st of 1 player; team red: 1st of 1 team"));
    assert_int_equal(BW("play", "--workshop", config, "--name", "bob", "--team", "blue", "--player", "idle",
                        "--scenario", "mirai"),
                     0);
    assert_non_null(strstr(rr.out, "rank: 2nd of 2 players; team blue: 2nd of 2 teams"));

    char db[200];
    snprintf(db, sizeof db, "%s/cli.db", dir);
    bw_err e;
    rstore *s = rstore_open(db, NULL, RSTORE_FACILITATOR, &e);
    assert_non_null(s);
    store_result r;
    char *text = NULL;
    assert_int_equal(rstore_result_get(s, 1, &r, &text, &e), BW_OK);
    assert_string_equal(r.player, "alice");
    assert_string_equal(r.team, "red");
    assert_string_equal(r.workshop, "cli-test");
    assert_string_equal(r.sum.scenario_id, "mirai");
    assert_int_equal(r.sum.seed, 7);
    /* the same record as --json wrote */
    static char file[1 << 20];
    size_t n = slurp(json, file, sizeof file);
    while (n && file[n - 1] == '\n')
        file[--n] = '\0';
    assert_string_equal(text, file);
    free(text);
    rstore_close(s);
    /* replays to its hash with `run` */
    assert_int_equal(BW("run", "mirai", "--actions", json, "--quiet"), 0);
}

static void test_no_game_is_taken_after_the_end_or_past_the_time_limit(void **state)
{
    (void)state;
    fresh("1");
    assert_int_equal(BW("workshop", config, "--start"), 0);
    char db[200];
    snprintf(db, sizeof db, "%s/cli.db", dir);
    bw_err e;
    rstore *s = rstore_open(db, NULL, RSTORE_FACILITATOR, &e);
    assert_non_null(s);
    rstore_session ss;
    assert_int_equal(rstore_session_get(s, "cli-test", &ss, &e), BW_OK);
    ss.started_at -= 61; /* the minute has run */
    assert_int_equal(rstore_session_put(s, &ss, &e), BW_OK);
    assert_int_equal(BW("workshop", config, "--status"), 0);
    /* Time up is over for the facilitator too: said so, with the debrief. */
    assert_non_null(strstr(rr.out, "Phase: ended (time up: no more games are taken) · 0:00 left of 1:00"));
    assert_non_null(strstr(rr.out, "Room debrief: no game was submitted."));
    assert_int_equal(BW("workshop", config, "--status", "--json"), 0);
    assert_non_null(strstr(rr.out, "\"phase\":\t\"ended\""));
    assert_non_null(strstr(rr.out, "\"time_up\":\ttrue"));
    assert_non_null(strstr(rr.out, "\"debrief\":"));
    assert_int_equal(BW("play", "--workshop", config, "--name", "late", "--team", "red", "--player", "sensible"), 1);
    assert_non_null(strstr(rr.err, "the workshop's time limit has passed: no more games are taken"));
    /* A pause does not count against the limit. */
    ss.paused_secs = 30;
    assert_int_equal(rstore_session_put(s, &ss, &e), BW_OK);
    assert_int_equal(BW("play", "--workshop", config, "--name", "late", "--team", "red", "--player", "sensible"), 0);
    rstore_close(s);
    assert_int_equal(BW("workshop", config, "--end"), 0);
    assert_int_equal(BW("play", "--workshop", config, "--name", "later", "--team", "red", "--player", "sensible"), 1);
    assert_non_null(strstr(rr.err, "the facilitator has ended the workshop"));
}

static void test_a_waiting_player_plays_on_when_the_facilitator_resumes(void **state)
{
    (void)state;
    fresh("60");
    assert_int_equal(BW("workshop", config, "--start"), 0);
    assert_int_equal(BW("workshop", config, "--pause"), 0);
    char log[200];
    snprintf(log, sizeof log, "%s/waiter.log", dir);
    posix_spawn_file_actions_t fa;
    posix_spawn_file_actions_init(&fa);
    posix_spawn_file_actions_addopen(&fa, 1, log, O_WRONLY | O_CREAT | O_TRUNC, 0600);
    posix_spawn_file_actions_adddup2(&fa, 1, 2);
    char *argv[] = { getenv("BULWARK_BINARY"), "play", "--workshop", config, "--name", "wai", "--team", "blue",
                     "--player", "sensible", "--wait", "60", NULL };
    pid_t pid;
    assert_int_equal(posix_spawn(&pid, argv[0], &fa, NULL, argv, environ), 0);
    posix_spawn_file_actions_destroy(&fa);
    /* It says it waits for the resume, and has not submitted. */
    char text[4096] = "";
    for (int i = 0; i < 100 && !strstr(text, "waiting for the facilitator to resume"); i++) {
        nanosleep(&(struct timespec){ 0, 100000000 }, NULL);
        FILE *f = fopen(log, "r");
        if (f) {
            size_t n = fread(text, 1, sizeof text - 1, f);
            text[n] = '\0';
            fclose(f);
        }
    }
    assert_non_null(strstr(text, "waiting for the facilitator to resume"));
    assert_int_equal(waitpid(pid, NULL, WNOHANG), 0); /* still waiting */
    assert_int_equal(BW("workshop", config, "--resume"), 0);
    int st = 0;
    assert_int_equal(waitpid(pid, &st, 0), pid);
    assert_true(WIFEXITED(st));
    assert_int_equal(WEXITSTATUS(st), 0);
    FILE *f = fopen(log, "r");
    assert_non_null(f);
    size_t n = fread(text, 1, sizeof text - 1, f);
    text[n] = '\0';
    fclose(f);
    assert_non_null(strstr(text, "submitted as result 1"));
}

/* ---- windows ---------------------------------------------------------------------------------- */

static bool have_xvfb(void)
{
    return system("command -v xvfb-run >/dev/null 2>&1") == 0;
}

/* xvfb-run -a bulwark ARGS... into rr. */
static int windowed(char *const *args)
{
    char *argv[40] = { "xvfb-run", "-a", "-s", "-screen 0 1600x900x24", getenv("BULWARK_BINARY") };
    int n = 5;
    for (int i = 0; args[i] && n < 39; i++)
        argv[n++] = args[i];
    argv[n] = NULL;
    char out[200], err[200];
    snprintf(out, sizeof out, "%s/win.out", dir);
    snprintf(err, sizeof err, "%s/win.err", dir);
    posix_spawn_file_actions_t fa;
    posix_spawn_file_actions_init(&fa);
    posix_spawn_file_actions_addopen(&fa, 1, out, O_WRONLY | O_CREAT | O_TRUNC, 0600);
    posix_spawn_file_actions_addopen(&fa, 2, err, O_WRONLY | O_CREAT | O_TRUNC, 0600);
    pid_t pid;
    assert_int_equal(posix_spawnp(&pid, "xvfb-run", &fa, NULL, argv, environ), 0);
    posix_spawn_file_actions_destroy(&fa);
    int st = 0;
    assert_int_equal(waitpid(pid, &st, 0), pid);
    FILE *f = fopen(out, "r");
    size_t k = f ? fread(rr.out, 1, sizeof rr.out - 1, f) : 0;
    rr.out[k] = '\0';
    if (f)
        fclose(f);
    f = fopen(err, "r");
    k = f ? fread(rr.err, 1, sizeof rr.err - 1, f) : 0;
    rr.err[k] = '\0';
    if (f)
        fclose(f);
    rr.status = WIFEXITED(st) ? WEXITSTATUS(st) : 128 + WTERMSIG(st);
    return rr.status;
}

static long file_size(const char *path)
{
    struct stat st;
    return stat(path, &st) == 0 ? (long)st.st_size : -1;
}

static void test_the_players_window_submits_when_the_game_ends(void **state)
{
    (void)state;
    if (!have_xvfb())
        skip();
    fresh("60");
    assert_int_equal(BW("workshop", config, "--start"), 0);
    assert_int_equal(BW("workshop", config, "--announce", "Hello room"), 0);
    char input[200], shot[200];
    snprintf(input, sizeof input, "%s/start.input", dir);
    snprintf(shot, sizeof shot, "%s/player.png", dir);
    FILE *f = fopen(input, "w");
    assert_non_null(f);
    fputs("3 key Return\n6 speed 240\n", f); /* briefing -> play, then the fastest clock */
    fclose(f);
    int rc = windowed((char *const[]){ "play", "--workshop", config, "--name", "win", "--team", "red", "--scenario",
                                       "mirai", "--frames", "900", "--input", input, "--screenshot", shot, NULL });
    if (rc != 0)
        fprintf(stderr, "%s\n%s\n", rr.out, rr.err);
    assert_int_equal(rc, 0);
    assert_non_null(strstr(rr.out, "game over: mirai"));
    assert_non_null(strstr(rr.out, "submitted as result 1 to "));
    assert_non_null(strstr(rr.out, "rank: 1st of 1 player"));
    assert_true(file_size(shot) > 1000);
    assert_int_equal(BW("results", "verify", "--workshop", config), 0);
    assert_non_null(strstr(rr.out, "1 OK"));

    /* Paused by the facilitator, the same frames play nothing: the clock is held. */
    assert_int_equal(BW("workshop", config, "--pause"), 0);
    rc = windowed((char *const[]){ "play", "--workshop", config, "--name", "held", "--team", "blue", "--scenario",
                                   "mirai", "--frames", "900", "--input", input, NULL });
    assert_int_equal(rc, 0);
    assert_null(strstr(rr.out, "game over"));
    assert_null(strstr(rr.out, "submitted"));
    assert_int_equal(BW("workshop", config, "--status", "--json"), 0);
    assert_non_null(strstr(rr.out, "\"results_count\":\t1"));
}

static void test_the_console_window_draws_each_view(void **state)
{
    (void)state;
    if (!have_xvfb())
        skip();
    fresh("60");
    assert_int_equal(BW("workshop", config, "--start"), 0);
    assert_int_equal(BW("play", "--workshop", config, "--name", "alice", "--team", "red", "--player", "sensible"), 0);
    assert_int_equal(BW("play", "--workshop", config, "--name", "bob", "--team", "blue", "--player", "hackback"), 0);
    assert_int_equal(BW("workshop", config, "--end"), 0);
    static const char *const views[] = { "lobby", "scoreboard", "debrief" };
    for (int i = 0; i < 3; i++) {
        char shot[200];
        snprintf(shot, sizeof shot, "%s/console-%s.png", dir, views[i]);
        int rc = windowed((char *const[]){ "workshop", config, "--view", (char *)views[i], "--frames", "3",
                                           "--screenshot", shot, NULL });
        if (rc != 0)
            fprintf(stderr, "%s\n%s\n", rr.out, rr.err);
        assert_int_equal(rc, 0);
        assert_true(file_size(shot) > 10000);
    }
    assert_int_equal(BW("workshop", config, "--view", "nope", "--frames", "3"), 2);
    assert_int_equal(BW("workshop", config, "--screenshot", "x.png"), 2);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_check_validates_a_workshop_config),
        cmocka_unit_test(test_config_and_store_agree_on_what_is_postgres),
        cmocka_unit_test(test_the_session_moves_through_its_phases_and_refuses_the_rest),
        cmocka_unit_test(test_a_player_is_refused_with_did_you_mean_and_before_the_start),
        cmocka_unit_test(test_a_submitted_result_carries_player_team_and_workshop),
        cmocka_unit_test(test_no_game_is_taken_after_the_end_or_past_the_time_limit),
        cmocka_unit_test(test_the_documented_example_config_is_clean),
        cmocka_unit_test(test_a_waiting_player_plays_on_when_the_facilitator_resumes),
        cmocka_unit_test(test_the_players_window_submits_when_the_game_ends),
        cmocka_unit_test(test_the_console_window_draws_each_view),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
