/* test_author_tools.c — the author's tools of issue 8 as a user meets
 * them, on the real binary ($BULWARK_BINARY):
 *  - `bulwark play FILE --watch --headless` driven by commands on its
 *    standard input while the test edits FILE: every reload lands on the
 *    same tick with the new behaviour, a broken save names file:line and
 *    the last good version keeps running, the next good save recovers.
 *    The test and the game talk line by line (each command's answer is
 *    read before the file is touched again): no sleeps, no races;
 *  - `bulwark run FILE --debug` prints the hidden state, and the game it
 *    plays is the one it plays without --debug (the same world hash). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <cjson/cJSON.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdbool.h>

#include "app/run.h"
#include "bulwark/debug_view.h"
#include "bulwark/script.h"

static char tmp[64], scn[128], errfile[128];

static int make_tmp(void **state)
{
    (void)state;
    snprintf(tmp, sizeof tmp, "/tmp/bulwark-author-XXXXXX");
    if (!mkdtemp(tmp))
        return -1;
    snprintf(scn, sizeof scn, "%s/edited.lua", tmp);
    snprintf(errfile, sizeof errfile, "%s/err.txt", tmp);
    return 0;
}

static int remove_tmp(void **state)
{
    (void)state;
    const char *names[] = {"edited.lua", "err.txt", "a.json", "b.json", NULL};
    char p[160];
    for (int i = 0; names[i]; i++) {
        snprintf(p, sizeof p, "%s/%s", tmp, names[i]);
        unlink(p);
    }
    return rmdir(tmp);
}

/* The scenario under edit. `body` goes into the grant event (line 14). */
static void write_scenario(int grant, const char *body)
{
    FILE *f = fopen(scn, "w");
    assert_non_null(f);
    fprintf(f,
            "return scenario {\n"
            "  id = \"edited\", title = \"Edited\", days = 3, seed = 7,\n"
            "  briefing = [[A scenario being edited.]],\n"
            "  defender = { budget = 20, income = 0, staff = 2 },\n"
            "  nodes = {\n"
            "    node { id = \"shop\", kind = \"web\", zone = \"dmz\", users = 100, value = 10,\n"
            "           vulns = { vuln { id = \"sqli\", cwe = 89, severity = 8.1, known = true } } },\n"
            "  },\n"
            "  actors = { actor { id = \"crew\", motive = \"money\", skill = 2, uses = { \"T1190\" } } },\n"
            "  actions = { \"patch\", \"logging\" },\n"
            "  events = {\n"
            "    event { id = \"grant\", at = 5, run = function(w)\n"
            "      w:budget(%d)\n"
            "      %s\n"
            "    end },\n"
            "    event { id = \"later\", at = 60, run = function(w) w:message(\"later\") end },\n"
            "  },\n"
            "  on_start = function(w) w:compromise(\"shop\", \"crew\") end,\n"
            "}\n",
            grant, body);
    assert_int_equal(fclose(f), 0);
}

/* ---- a game driven through pipes -------------------------------------------------------- */

typedef struct child {
    pid_t pid;
    FILE *in;  /* its standard input */
    FILE *out; /* its standard output */
} child;

static void spawn(child *c, char *const args[])
{
    int to[2], from[2];
    assert_int_equal(pipe(to), 0);
    assert_int_equal(pipe(from), 0);
    int fe = open(errfile, O_WRONLY | O_CREAT | O_TRUNC, 0600);
    assert_true(fe >= 0);
    posix_spawn_file_actions_t fa;
    posix_spawn_file_actions_init(&fa);
    posix_spawn_file_actions_adddup2(&fa, to[0], 0);
    posix_spawn_file_actions_adddup2(&fa, from[1], 1);
    posix_spawn_file_actions_adddup2(&fa, fe, 2);
    posix_spawn_file_actions_addclose(&fa, to[1]);
    posix_spawn_file_actions_addclose(&fa, from[0]);
    assert_int_equal(posix_spawn(&c->pid, getenv("BULWARK_BINARY"), &fa, NULL, args, environ), 0);
    posix_spawn_file_actions_destroy(&fa);
    close(to[0]);
    close(from[1]);
    close(fe);
    c->in = fdopen(to[1], "w");
    c->out = fdopen(from[0], "r");
    assert_non_null(c->in);
    assert_non_null(c->out);
}

/* The game's next line of output. A generous guard against a hung child
 * (this is no synchronisation: every answer is awaited, however long). */
static void next_line(child *c, char *buf, size_t n)
{
    struct pollfd p = {fileno(c->out), POLLIN, 0};
    if (poll(&p, 1, 60000) <= 0) {
        kill(c->pid, SIGKILL);
        fail_msg("the game did not answer within a minute");
    }
    if (!fgets(buf, (int)n, c->out)) {
        char *e = run_slurp(errfile);
        fail_msg("the game closed its output; stderr: %s", e ? e : "");
    }
    buf[strcspn(buf, "\n")] = '\0';
}

static void send_cmd(child *c, const char *cmd)
{
    fprintf(c->in, "%s\n", cmd);
    fflush(c->in);
}

/* Send a command and read its one-line answer. */
static void ask(child *c, const char *cmd, char *buf, size_t n)
{
    send_cmd(c, cmd);
    next_line(c, buf, n);
}

static int state_field(const char *line, const char *name)
{
    const char *p = strstr(line, name);
    if (!p)
        fail_msg("no '%s' in '%s'", name, line);
    return atoi(p + strlen(name) + 1);
}

static void test_watch_reloads_to_the_same_tick_and_survives_broken_saves(void **state)
{
    (void)state;
    write_scenario(5, "");
    child c;
    char *args[] = {"bulwark", "play", scn, "--watch", "--headless", NULL};
    spawn(&c, args);
    char line[1024], want[512];
    next_line(&c, line, sizeof line);
    assert_non_null(strstr(line, "watching"));
    /* The player's game so far: a patch at tick 2, then on to tick 10. */
    send_cmd(&c, "step 2");
    ask(&c, "act patch shop", line, sizeof line);
    assert_string_equal(line, "started patch shop");
    send_cmd(&c, "step 8");
    ask(&c, "state", line, sizeof line);
    assert_int_equal(state_field(line, "tick"), 10);
    int budget_old = state_field(line, "budget");
    int patch_cost = 20 + 5 - budget_old;
    assert_true(patch_cost > 0);

    /* The author changes the grant: the game reloads at tick 10, with it. */
    write_scenario(37, "");
    ask(&c, "poll", line, sizeof line);
    snprintf(want, sizeof want, "reloaded %s at tick 10 (day 1 10:00)", scn);
    assert_string_equal(line, want);
    ask(&c, "state", line, sizeof line);
    assert_int_equal(state_field(line, "tick"), 10);
    assert_int_equal(state_field(line, "budget"), 20 - patch_cost + 37);
    assert_int_equal(state_field(line, "actions"), 1);
    assert_non_null(strstr(line, "running"));

    /* A broken save: file:line, and the last good version keeps running. */
    write_scenario(99, "if then");
    ask(&c, "poll", line, sizeof line);
    snprintf(want, sizeof want, "%s:14:", scn);
    if (strncmp(line, want, strlen(want)) != 0 ||
        !strstr(line, "keeping the last good version (tick 10"))
        fail_msg("a broken save said '%s'", line);
    send_cmd(&c, "step 3");
    ask(&c, "state", line, sizeof line);
    assert_int_equal(state_field(line, "tick"), 13);
    assert_int_equal(state_field(line, "budget"), 20 - patch_cost + 37); /* not 99 */
    /* A runtime error on the way back to tick 13 is refused the same way. */
    write_scenario(99, "error('the grant office burned down')");
    ask(&c, "poll", line, sizeof line);
    if (strncmp(line, want, strlen(want)) != 0 || !strstr(line, "the grant office burned down") ||
        !strstr(line, "keeping the last good version (tick 13"))
        fail_msg("a runtime error said '%s'", line);
    /* Saving the same broken bytes again is no change: the poll prints
     * nothing, so the next answer is the state's. */
    write_scenario(99, "error('the grant office burned down')");
    send_cmd(&c, "poll");
    ask(&c, "state", line, sizeof line);
    assert_int_equal(state_field(line, "tick"), 13);
    assert_int_equal(state_field(line, "budget"), 20 - patch_cost + 37);

    /* The fix: reloaded at tick 13 with its grant. */
    write_scenario(50, "");
    ask(&c, "poll", line, sizeof line);
    snprintf(want, sizeof want, "reloaded %s at tick 13 (day 1 13:00)", scn);
    assert_string_equal(line, want);
    ask(&c, "state", line, sizeof line);
    assert_int_equal(state_field(line, "tick"), 13);
    assert_int_equal(state_field(line, "budget"), 20 - patch_cost + 50);
    send_cmd(&c, "quit");
    fclose(c.in);
    fclose(c.out);
    int st = 0;
    waitpid(c.pid, &st, 0);
    assert_true(WIFEXITED(st));
    assert_int_equal(WEXITSTATUS(st), 0);
}

static void test_run_debug_prints_the_hidden_state_and_plays_the_same_game(void **state)
{
    (void)state;
    write_scenario(5, "");
    char a[160], b[160];
    snprintf(a, sizeof a, "%s/a.json", tmp);
    snprintf(b, sizeof b, "%s/b.json", tmp);
    static run_result r;
    char *with[] = {"bulwark", "run", scn, "--player", "sensible", "--debug", "--json", a, NULL};
    assert_int_equal(run_bulwark(with, &r), 0);
    assert_int_equal(r.status, 0);
    const char *o = r.out;
    /* The end of day 1: the foothold planted at the start, unseen. */
    const char *day1 = strstr(o, "Hidden state at tick 24 (day 2 00:00)");
    assert_non_null(day1);
    assert_non_null(strstr(day1, "Nodes: the truth, and what the player sees"));
    assert_non_null(strstr(o, "Attackers: progress along the attack chain"));
    /* The event of line 16, still pending at the end of day 1. */
    const char *ev = strstr(day1, "Pending events (1)");
    assert_non_null(ev);
    assert_non_null(strstr(ev, "day 3 12:00  edited.lua:16"));
    assert_non_null(strstr(day1, "Random draws of tick 24"));
    /* The crew's foothold on the shop, in the truth and on its chain. */
    assert_non_null(strstr(o, "held by crew"));
    assert_non_null(strstr(o, "    on shop ["));
    /* Without --debug: the very same game. */
    char *without[] = {"bulwark", "run", scn, "--player", "sensible", "--quiet", "--json", b, NULL};
    assert_int_equal(run_bulwark(without, &r), 0);
    assert_int_equal(r.status, 0);
    assert_null(strstr(r.out, "Hidden state"));
    char *ja = run_slurp(a), *jb = run_slurp(b);
    assert_non_null(ja);
    assert_non_null(jb);
    cJSON *ra = cJSON_Parse(ja), *rb = cJSON_Parse(jb);
    const cJSON *ha = cJSON_GetObjectItemCaseSensitive(ra, "world_hash");
    const cJSON *hb = cJSON_GetObjectItemCaseSensitive(rb, "world_hash");
    assert_true(cJSON_IsString(ha) && cJSON_IsString(hb));
    assert_string_equal(ha->valuestring, hb->valuestring);
    cJSON_Delete(ra);
    cJSON_Delete(rb);
    free(ja);
    free(jb);
}

/* The headless `debug` command: the foothold planted at the start is
 * there in the truth, unseen by the player, with its next step's chance
 * as the simulation computes it. */
static void test_debug_shows_the_hidden_foothold_and_its_next_step(void **state)
{
    (void)state;
    write_scenario(5, "");
    /* What the simulation says, in this process. */
    script_diags d;
    script_diags_init(&d);
    bw_err e;
    script_scenario *s = script_scenario_load(scn, NULL, &d, &e);
    script_diags_free(&d);
    assert_non_null(s);
    assert_int_equal(script_scenario_step(s, &e), BW_OK);
    const sim_world *w = script_scenario_cworld(s);
    int shop = sim_node_find(w, "shop");
    assert_int_equal(sim_intrusion_count(w), 1);
    sim_intrusion_info ii;
    assert_int_equal(sim_intrusion_get(w, 0, &ii), BW_OK);
    assert_false(ii.detected);
    assert_true(ii.stage == SIM_STAGE_ACCESS || ii.stage == SIM_STAGE_EXECUTE); /* one roll in */
    sim_next_step ns;
    assert_int_equal(sim_intrusion_next(w, 0, &ns), BW_OK);
    sim_technique t = ii.stage == SIM_STAGE_ACCESS ? SIM_T1059 : SIM_T1552;
    assert_int_equal(ns.technique, t);
    assert_int_equal(ns.chance_ppm, sim_attack_chance(w, 0, t, shop));
    char pct[16], want[200];
    debug_format_ppm(ns.chance_ppm, pct, sizeof pct);
    snprintf(want, sizeof want, "    on shop [%s]: next %s (%s) %s at day 1 02:00 [unseen]",
             sim_stage_name(ii.stage), sim_stage_name(ns.stage), sim_technique_name(t), pct);
    script_scenario_destroy(s);
    /* What the binary prints. */
    char cmds[200], sh[600];
    snprintf(cmds, sizeof cmds, "%s/cmds.txt", tmp);
    FILE *f = fopen(cmds, "w");
    assert_non_null(f);
    fputs("step 1\ndebug\n", f);
    fclose(f);
    snprintf(sh, sizeof sh, "\"%s\" play %s --watch --headless < %s > %s 2>&1",
             getenv("BULWARK_BINARY"), scn, cmds, errfile);
    int st = system(sh);
    assert_true(WIFEXITED(st));
    assert_int_equal(WEXITSTATUS(st), 0);
    char *text = run_slurp(errfile);
    assert_non_null(text);
    if (!strstr(text, "! shop: compromised (player sees healthy), held by crew (unseen)") ||
        !strstr(text, want) || !strstr(text, "Hidden state at tick 1 (day 1 01:00)"))
        fail_msg("debug printed:\n%s\nexpected the hidden foothold and '%s'", text, want);
    free(text);
    unlink(cmds);
}

static void test_watch_usage_errors(void **state)
{
    (void)state;
    static run_result r;
    char *nofile[] = {"bulwark", "play", "--watch", "--headless", NULL};
    assert_int_equal(run_bulwark(nofile, &r), 0);
    assert_int_equal(r.status, 2);
    assert_non_null(strstr(r.err, "--watch needs a SCENARIO"));
    write_scenario(5, "");
    char *both[] = {"bulwark", "play", scn, "--watch", "--player", "idle", NULL};
    assert_int_equal(run_bulwark(both, &r), 0);
    assert_int_equal(r.status, 2);
    char *frames[] = {"bulwark", "play", scn, "--watch", "--headless", "--frames", "10", NULL};
    assert_int_equal(run_bulwark(frames, &r), 0);
    assert_int_equal(r.status, 2);
    assert_non_null(strstr(r.err, "--headless and --frames exclude each other"));
    /* A bad command is named with its line; the game goes on; exit 1. */
    char cmds[200];
    snprintf(cmds, sizeof cmds, "%s/cmds.txt", tmp);
    FILE *f = fopen(cmds, "w");
    assert_non_null(f);
    fputs("step 2\nstpe 3\nstate\n", f);
    fclose(f);
    char sh[600];
    snprintf(sh, sizeof sh, "\"%s\" play %s --watch --headless < %s > %s 2>&1",
             getenv("BULWARK_BINARY"), scn, cmds, errfile);
    int st = system(sh);
    assert_true(WIFEXITED(st));
    assert_int_equal(WEXITSTATUS(st), 1);
    char *text = run_slurp(errfile);
    assert_non_null(text);
    assert_non_null(strstr(text, "line 2: unknown command 'stpe' (did you mean 'step'?)"));
    assert_non_null(strstr(text, "tick 2 (day 1 02:00)"));
    free(text);
    unlink(cmds);
    char *help[] = {"bulwark", "play", "--help", NULL};
    assert_int_equal(run_bulwark(help, &r), 0);
    assert_non_null(strstr(r.out, "--watch"));
    assert_non_null(strstr(r.out, "--debug"));
    assert_non_null(strstr(r.out, "F3"));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_watch_reloads_to_the_same_tick_and_survives_broken_saves),
        cmocka_unit_test(test_run_debug_prints_the_hidden_state_and_plays_the_same_game),
        cmocka_unit_test(test_debug_shows_the_hidden_foothold_and_its_next_step),
        cmocka_unit_test(test_watch_usage_errors),
    };
    return cmocka_run_group_tests(tests, make_tmp, remove_tmp);
}
