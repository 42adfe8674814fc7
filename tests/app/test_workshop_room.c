/* test_workshop_room.c — a whole room, end to end, through the real
 * binary (issue 7): a facilitator starts a workshop; 200 headless bot
 * players (mixed bots, teams and scenarios) join and submit concurrently,
 * as separate processes; then every result is present (the console's
 * --status --json counts 200 results from 200 players in the lobby) and
 * each is verified by replay (`bulwark results verify`); after --end a
 * late player is refused and the status carries the room's debrief.
 * Once against one SQLite file, once against a real PostgreSQL server
 * (tests/pg/pg_server.sh, started and stopped by CTest's bw_pg fixture).
 *
 * Players run at most WAVE at a time (a sliding window), so two cores
 * cope while dozens of writers are truly concurrent. */
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
#include <unistd.h>

#include "app/run.h"
#include "pg/pg_test.h"

#define PLAYERS 200
#define WAVE 24

static char dir[64];
static char config[128];
static run_result rr;

static const char *const bots[] = { "sensible", "random", "hackback", "idle" };
static const char *const teams[] = { "red", "blue", "green" };

static void write_config(const char *results)
{
    snprintf(dir, sizeof dir, "/tmp/bulwark-room-XXXXXX");
    assert_non_null(mkdtemp(dir));
    snprintf(config, sizeof config, "%s/room.workshop.lua", dir);
    FILE *f = fopen(config, "w");
    assert_non_null(f);
    fprintf(f,
            "return {\n"
            "  workshop = \"room-test\",\n"
            "  title = \"Two hundred players\",\n"
            "  scenarios = { \"log4shell\", \"mirai\" },\n"
            "  seed = 2021,\n"
            "  time_limit_minutes = 60,\n"
            "  teams = { \"red\", \"blue\", \"green\" },\n"
            "  results = \"%s\",\n"
            "}\n",
            results);
    assert_int_equal(fclose(f), 0);
}

static void remove_dir(void)
{
    char cmd[160];
    snprintf(cmd, sizeof cmd, "rm -rf -- '%s'", dir);
    assert_int_equal(system(cmd), 0);
}

/* Start player i: its output goes to DIR/p<i>.log. */
static pid_t spawn_player(int i)
{
    const char *bin = getenv("BULWARK_BINARY");
    assert_non_null(bin);
    char name[16], log[128];
    snprintf(name, sizeof name, "p%d", i);
    snprintf(log, sizeof log, "%s/p%d.log", dir, i);
    posix_spawn_file_actions_t fa;
    posix_spawn_file_actions_init(&fa);
    posix_spawn_file_actions_addopen(&fa, 1, log, O_WRONLY | O_CREAT | O_TRUNC, 0600);
    posix_spawn_file_actions_adddup2(&fa, 1, 2);
    char *argv[] = { (char *)bin, "play", "--workshop", config, "--name", name, "--team",
                     (char *)teams[i % 3], "--player", (char *)bots[i % 4], "--scenario",
                     i % 5 == 0 ? "mirai" : "log4shell", "--wait", "30", NULL };
    pid_t pid;
    assert_int_equal(posix_spawn(&pid, bin, &fa, NULL, argv, environ), 0);
    posix_spawn_file_actions_destroy(&fa);
    return pid;
}

static void show_log(int i)
{
    char log[128], cmd[160];
    snprintf(log, sizeof log, "%s/p%d.log", dir, i);
    snprintf(cmd, sizeof cmd, "cat '%s' >&2", log);
    if (system(cmd) != 0)
        fprintf(stderr, "(no log)\n");
}

/* Every player, at most WAVE at once; each must exit 0 having submitted. */
static void run_players(void)
{
    pid_t pids[PLAYERS];
    int running = 0, next = 0, failed = 0;
    while (next < PLAYERS || running > 0) {
        while (next < PLAYERS && running < WAVE) {
            pids[next] = spawn_player(next);
            next++;
            running++;
        }
        int st = 0;
        pid_t done = wait(&st);
        assert_true(done > 0);
        running--;
        for (int i = 0; i < next; i++)
            if (pids[i] == done && (!WIFEXITED(st) || WEXITSTATUS(st) != 0)) {
                fprintf(stderr, "player p%d ended with status %d:\n", i,
                        WIFEXITED(st) ? WEXITSTATUS(st) : 128 + WTERMSIG(st));
                show_log(i);
                failed++;
            }
    }
    assert_int_equal(failed, 0);
    for (int i = 0; i < PLAYERS; i++) {
        char log[128], text[4096];
        snprintf(log, sizeof log, "%s/p%d.log", dir, i);
        FILE *f = fopen(log, "r");
        assert_non_null(f);
        size_t n = fread(text, 1, sizeof text - 1, f);
        fclose(f);
        text[n] = '\0';
        if (!strstr(text, "submitted as result ") || !strstr(text, "rank: "))
            show_log(i);
        assert_non_null(strstr(text, "submitted as result "));
        assert_non_null(strstr(text, "rank: "));
    }
}

static void run_ok(char **argv)
{
    assert_int_equal(run_bulwark(argv, &rr), 0);
    if (rr.status != 0)
        fprintf(stderr, "%s %s: status %d\n%s\n%s\n", argv[1], argv[2], rr.status, rr.out, rr.err);
    assert_int_equal(rr.status, 0);
}

static void the_room(const char *results)
{
    write_config(results);
    char *start[] = { "bulwark", "workshop", config, "--start", NULL };
    run_ok(start);
    assert_non_null(strstr(rr.out, "Phase: running"));

    run_players();

    char *status[] = { "bulwark", "workshop", config, "--status", "--json", NULL };
    run_ok(status);
    cJSON *o = cJSON_Parse(rr.out);
    assert_non_null(o);
    assert_string_equal(cJSON_GetObjectItem(o, "phase")->valuestring, "running");
    assert_int_equal(cJSON_GetObjectItem(o, "results_count")->valueint, PLAYERS);
    assert_int_equal(cJSON_GetArraySize(cJSON_GetObjectItem(o, "lobby")), PLAYERS);
    assert_int_equal(cJSON_GetArraySize(cJSON_GetObjectItem(o, "players")), PLAYERS);
    assert_int_equal(cJSON_GetArraySize(cJSON_GetObjectItem(o, "teams")), 3);
    cJSON_Delete(o);

    /* Every result replays to what was submitted. */
    char *verify[] = { "bulwark", "results", "verify", "--workshop", config, NULL };
    run_ok(verify);
    char expect[120];
    snprintf(expect, sizeof expect, "%d results verified", PLAYERS);
    assert_non_null(strstr(rr.out, expect));
    snprintf(expect, sizeof expect, ": %d OK, 0 MISMATCH, 0 CANNOT VERIFY", PLAYERS);
    assert_non_null(strstr(rr.out, expect));

    /* The end: a late player is refused; the debrief is there. */
    char *end[] = { "bulwark", "workshop", config, "--end", NULL };
    run_ok(end);
    assert_non_null(strstr(rr.out, "Phase: ended"));
    assert_non_null(strstr(rr.out, "Room debrief: log4shell"));
    assert_non_null(strstr(rr.out, "Room debrief: mirai"));
    assert_non_null(strstr(rr.out, "Decisions most players got wrong"));
    char *late[] = { "bulwark", "play", "--workshop", config, "--name", "late", "--team", "red",
                     "--player", "sensible", NULL };
    assert_int_equal(run_bulwark(late, &rr), 0);
    assert_int_equal(rr.status, 1);
    assert_non_null(strstr(rr.err, "the facilitator has ended the workshop"));
    remove_dir();
}

static void test_two_hundred_players_on_one_sqlite_file(void **state)
{
    (void)state;
    the_room("room.db");
}

static void test_two_hundred_players_on_postgresql(void **state)
{
    (void)state;
    pgt_load_env();
    char uri[256];
    pgt_new_db("bulwark_room_test", uri, sizeof uri);
    the_room(uri);
    pgt_drop_db("bulwark_room_test");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_two_hundred_players_on_one_sqlite_file),
        cmocka_unit_test(test_two_hundred_players_on_postgresql),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
