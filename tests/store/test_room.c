/* test_room.c — the room model (room.h): scoreboards, distributions,
 * decisions most players got wrong, the best game against the median,
 * on hand-made results and on records of real games played by the
 * shipped bots. */
#include <setjmp.h>
#include <stdarg.h>
#include <math.h>
#include <stddef.h>

#include <cmocka.h>

#include "bulwark/room.h"
#include "store_test.h"

/* ---- hand-made results ------------------------------------------------------- */

static store_result result(int64_t id, const char *player, const char *team, const char *scenario,
                           int stars, int p0, int p1, int p2, int p3, int ticks)
{
    store_result r;
    memset(&r, 0, sizeof r);
    r.id = id;
    r.finished_at = 1700000000 + id;
    snprintf(r.player, sizeof r.player, "%s", player);
    snprintf(r.team, sizeof r.team, "%s", team);
    snprintf(r.workshop, sizeof r.workshop, "ws");
    snprintf(r.sum.scenario_id, sizeof r.sum.scenario_id, "%s", scenario);
    r.sum.outcome = stars ? SIM_OUTCOME_WON : SIM_OUTCOME_LOST;
    r.sum.stars = stars;
    r.sum.ticks = ticks;
    r.sum.pillar[0] = p0;
    r.sum.pillar[1] = p1;
    r.sum.pillar[2] = p2;
    r.sum.pillar[3] = p3;
    return r;
}

static const room_entry *entry(const room_entry *e, int n, const char *name)
{
    for (int i = 0; i < n; i++)
        if (strcmp(e[i].name, name) == 0)
            return &e[i];
    fail_msg("no scoreboard row '%s'", name);
    return NULL;
}

/* A record of scenario "s" with the given actions and timeline (JSON array bodies). */
static char *record(const char *actions, const char *timeline)
{
    size_t n = strlen(actions) + strlen(timeline) + 256;
    char *t = malloc(n);
    assert_non_null(t);
    snprintf(t, n,
             "{\"format\":1,\"scenario\":{\"id\":\"s\",\"title\":\"Scenario S\",\"hash\":\"00\"},"
             "\"actions\":[%s],\"timeline\":[%s]}",
             actions, timeline);
    return t;
}

static void test_players_rank_by_stars_then_total_then_ticks(void **state)
{
    (void)state;
    store_result res[] = {
        result(1, "ann", "red", "s", 2, 50, 50, 50, 50, 720),  /* 2 stars, 200 */
        result(2, "bob", "red", "s", 3, 40, 40, 40, 40, 720),  /* 3 stars beats a higher total */
        result(3, "cy", "blue", "s", 2, 50, 50, 50, 50, 600),  /* same as ann, fewer ticks */
        result(4, "dee", "blue", "s", 2, 50, 50, 50, 50, 600), /* ties with cy */
        result(5, "eve", "blue", "s", 0, 90, 90, 90, 90, 100),
    };
    room r;
    bw_err e;
    assert_int_equal(room_build(res, NULL, 5, &r, &e), BW_OK);
    assert_int_equal(r.player_count, 5);
    assert_string_equal(r.players[0].name, "bob");
    assert_int_equal(r.players[0].rank, 1);
    assert_string_equal(r.players[1].name, "cy");
    assert_int_equal(r.players[1].rank, 2);
    assert_string_equal(r.players[2].name, "dee");
    assert_int_equal(r.players[2].rank, 2); /* equal on all three: the same rank */
    assert_string_equal(r.players[3].name, "ann");
    assert_int_equal(r.players[3].rank, 4);
    assert_string_equal(r.players[4].name, "eve");
    assert_int_equal(r.players[4].rank, 5);
    assert_string_equal(entry(r.players, 5, "ann")->team, "red");
    assert_true(entry(r.players, 5, "eve")->total == 360);

    /* teams by their players' mean: red (3+2)/2 = 2.5 stars beats blue 4/3 */
    assert_int_equal(r.team_count, 2);
    assert_string_equal(r.teams[0].name, "red");
    assert_int_equal(r.teams[0].players, 2);
    assert_true(r.teams[0].stars == 2.5);
    assert_true(r.teams[0].total == 180);
    assert_int_equal(r.teams[0].best_id, 2); /* bob's game */
    assert_string_equal(r.teams[1].name, "blue");
    assert_int_equal(r.teams[1].rank, 2);
    assert_true(fabs(r.teams[1].stars - 4.0 / 3) < 1e-9);
    room_free(&r);
    room_free(&r); /* twice is fine: it zeroes */
}

static void test_a_player_counts_their_best_game_of_each_scenario(void **state)
{
    (void)state;
    store_result res[] = {
        result(1, "ann", "red", "s", 1, 10, 10, 10, 10, 720),
        result(2, "ann", "red", "s", 3, 80, 80, 80, 80, 720), /* replaces game 1 */
        result(3, "ann", "blue", "t", 2, 50, 50, 50, 50, 500), /* another scenario adds; later: her team */
        result(4, "ann", "red", "s", 2, 90, 90, 90, 90, 100),  /* worse than game 2: ignored */
        result(5, "bob", "red", "s", 3, 99, 99, 99, 99, 720),
    };
    res[2].finished_at = res[3].finished_at + 10; /* game 3 is her latest */
    room r;
    bw_err e;
    assert_int_equal(room_build(res, NULL, 5, &r, &e), BW_OK);
    const room_entry *ann = entry(r.players, r.player_count, "ann");
    assert_int_equal(ann->games, 4);
    assert_int_equal(ann->scenarios, 2);
    assert_true(ann->stars == 5);
    assert_true(ann->total == 320 + 200);
    assert_true(ann->ticks == 720 + 500);
    assert_string_equal(ann->team, "blue");
    assert_int_equal(ann->best_id, 2);
    /* ann has 5 stars over two scenarios: first, ahead of bob's 3 */
    assert_string_equal(r.players[0].name, "ann");
    assert_int_equal(r.scenario_count, 2);
    assert_string_equal(r.scenarios[0].id, "s");
    assert_int_equal(r.scenarios[0].games, 4);
    assert_string_equal(r.scenarios[1].id, "t");
    /* rank within the scenario: bob's 3 stars and 396 first */
    assert_int_equal(r.games[4].rank, 1);
    assert_int_equal(r.games[1].rank, 2);
    assert_int_equal(r.games[0].rank, 4);
    room_free(&r);
}

static void test_pillar_distributions_give_quartiles_and_a_histogram(void **state)
{
    (void)state;
    store_result res[10];
    for (int i = 0; i < 10; i++) {
        char name[8];
        snprintf(name, sizeof name, "p%d", i);
        /* protection 100, 90, ..., 10 (given in reverse order) */
        res[i] = result(i + 1, name, "", "s", i % 4, 100 - 10 * i, 0, 0, 100, 720);
    }
    room r;
    bw_err e;
    assert_int_equal(room_build(res, NULL, 10, &r, &e), BW_OK);
    const room_scenario *sc = room_scenario_find(&r, "s");
    assert_non_null(sc);
    assert_null(room_scenario_find(&r, "nope"));
    const room_dist *d = &sc->pillar[SIM_PILLAR_PROTECTION];
    assert_int_equal(d->n, 10);
    assert_int_equal(d->min, 10);
    assert_int_equal(d->q1, 30);
    assert_int_equal(d->median, 50);
    assert_int_equal(d->q3, 80);
    assert_int_equal(d->max, 100);
    assert_true(fabs(d->mean - 55) < 1e-9);
    assert_int_equal(d->hist[0], 0);
    for (int b = 1; b < 9; b++)
        assert_int_equal(d->hist[b], 1);
    assert_int_equal(d->hist[9], 2); /* 90 and 100 share the top bin */
    const room_dist *c = &sc->pillar[SIM_PILLAR_CAPACITY];
    assert_int_equal(c->hist[0], 10);
    assert_int_equal(c->max, 0);
    assert_int_equal(sc->pillar[SIM_PILLAR_COLLABORATION].hist[9], 10);
    /* the total 100+p..: 200 down to 110; stars 0,1,2,3,0,1,2,3,0,1 */
    assert_int_equal(sc->total.min, 110);
    assert_int_equal(sc->total.max, 200);
    assert_int_equal(sc->total.hist[2] + sc->total.hist[3] + sc->total.hist[4] +
                         sc->total.hist[5], 10);
    assert_int_equal(sc->stars.hist[0], 3);
    assert_int_equal(sc->stars.hist[1], 3);
    assert_int_equal(sc->stars.hist[2], 2);
    assert_int_equal(sc->stars.hist[3], 2);
    assert_int_equal(sc->won, 7);
    assert_int_equal(r.team_count, 0); /* no team named: no team rows */
    room_free(&r);
}

/* Four games meet "Pay the ransom?": three pay and score low, one refuses
 * and scores high; all four meet "Call the police?" and three of them
 * pick the option that scored best. */
static void test_the_decisions_most_got_wrong_are_those_where_most_picked_a_worse_option(void **state)
{
    (void)state;
    const char *pay_tl =
        "{\"tick\":5,\"kind\":\"choice\",\"text\":\"Decision: Pay the ransom?\"},"
        "{\"tick\":6,\"kind\":\"choice\",\"text\":\"Decided: Pay\"},"
        "{\"tick\":6,\"kind\":\"offense\",\"text\":\"Pay: an offensive act (Responsibility -20)\"},"
        "{\"tick\":9,\"kind\":\"choice\",\"text\":\"Decision: Call the police?\"},";
    const char *refuse_tl =
        "{\"tick\":5,\"kind\":\"choice\",\"text\":\"Decision: Pay the ransom?\"},"
        "{\"tick\":6,\"kind\":\"choice\",\"text\":\"Decided: Refuse\"},"
        "{\"tick\":9,\"kind\":\"choice\",\"text\":\"Decision: Call the police?\"},";
    const char *pay_act = "{\"tick\":6,\"action\":\"choose\",\"target\":\"1\",\"option\":1}";
    const char *refuse_act = "{\"tick\":6,\"action\":\"choose\",\"target\":\"1\",\"option\":2}";
    /* the police: "Yes" by the player at tick 10, or "No" by the deadline at tick 20 */
    char tl[4][1024], act[4][512];
    const bool pays[4] = { true, true, true, false };
    const bool police[4] = { true, true, false, true };
    for (int i = 0; i < 4; i++) {
        snprintf(tl[i], sizeof tl[i], "%s%s", pays[i] ? pay_tl : refuse_tl,
                 police[i] ? "{\"tick\":10,\"kind\":\"choice\",\"text\":\"Decided: Yes\"}"
                           : "{\"tick\":20,\"kind\":\"choice\",\"text\":\"Decided: No\"}");
        snprintf(act[i], sizeof act[i], "%s%s", pays[i] ? pay_act : refuse_act,
                 police[i] ? ",{\"tick\":10,\"action\":\"choose\",\"target\":\"2\",\"option\":1}" : "");
    }
    store_result res[4] = {
        result(1, "a", "", "s", 1, 20, 20, 20, 20, 720),
        result(2, "b", "", "s", 1, 30, 30, 30, 30, 720),
        result(3, "c", "", "s", 0, 10, 10, 10, 10, 720),
        result(4, "d", "", "s", 3, 90, 90, 90, 90, 720),
    };
    char *recs[4];
    for (int i = 0; i < 4; i++)
        recs[i] = record(act[i], tl[i]);
    room r;
    bw_err e;
    assert_int_equal(room_build(res, (const char *const *)recs, 4, &r, &e), BW_OK);
    const room_scenario *sc = &r.scenarios[0];
    assert_string_equal(sc->title, "Scenario S");
    assert_int_equal(sc->decision_count, 2);
    const room_decision *pay = &sc->decisions[0], *pol = &sc->decisions[1];
    assert_string_equal(pay->text, "Pay the ransom?");
    assert_int_equal(pay->games, 4);
    assert_int_equal(pay->answered, 4);
    assert_int_equal(pay->first_tick, 5);
    assert_int_equal(pay->option_count, 2);
    assert_string_equal(pay->options[0].text, "Pay");
    assert_int_equal(pay->options[0].count, 3);
    assert_true(pay->options[0].offensive);
    assert_int_equal(pay->options[0].by_default, 0);
    assert_true(fabs(pay->options[0].mean_total - 80) < 1e-9); /* (80+120+40)/3 */
    assert_string_equal(pay->options[1].text, "Refuse");
    assert_false(pay->options[1].offensive);
    assert_int_equal(pay->best, 1);
    assert_int_equal(pay->wrong, 3);
    assert_true(fabs(pay->wrong_share - 0.75) < 1e-9);

    assert_string_equal(pol->text, "Call the police?");
    assert_int_equal(pol->first_tick, 9);
    assert_string_equal(pol->options[0].text, "Yes");
    assert_int_equal(pol->options[0].count, 3);
    assert_string_equal(pol->options[1].text, "No");
    assert_int_equal(pol->options[1].by_default, 1); /* no choose action: the deadline answered */
    assert_int_equal(pol->best, 0);                  /* yes: (80+120+360)/3 beats 40 */
    assert_int_equal(pol->wrong, 1);

    /* only the ransom is one most got wrong */
    assert_int_equal(sc->wrong_count, 1);
    assert_int_equal(sc->wrong[0], 0);

    /* the best game (d) against the median (sorted d, b, a, c: index 2 = a) */
    assert_string_equal(r.games[sc->best.best].player, "d");
    assert_string_equal(r.games[sc->best.median].player, "a");
    assert_int_equal(sc->best.pillar_delta[0], 70);
    assert_int_equal(sc->best.decision_count, 1);
    assert_string_equal(sc->best.decisions[0].decision, "Pay the ransom?");
    assert_string_equal(sc->best.decisions[0].best, "Refuse");
    assert_string_equal(sc->best.decisions[0].median, "Pay");
    for (int i = 0; i < 4; i++)
        free(recs[i]);
    room_free(&r);
}

static bool has_line(char (*lines)[ROOM_LINE_MAX], int n, const char *text)
{
    for (int i = 0; i < n; i++)
        if (strstr(lines[i], text))
            return true;
    for (int i = 0; i < n; i++)
        fprintf(stderr, "  line: %s\n", lines[i]);
    return false;
}

static void test_the_best_game_is_described_against_the_median_one(void **state)
{
    (void)state;
    char *best = record("{\"tick\":2,\"action\":\"patch\",\"target\":\"web\"},"
                        "{\"tick\":30,\"action\":\"patch\",\"target\":\"db\"},"
                        "{\"tick\":31,\"action\":\"mfa\",\"target\":\"web\"}",
                        "");
    char *mid = record("{\"tick\":50,\"action\":\"patch\",\"target\":\"web\"}", "");
    char *low = record("", "");
    store_result res[3] = {
        result(1, "lo", "", "s", 0, 10, 10, 10, 10, 720),
        result(2, "mid", "", "s", 1, 40, 50, 40, 40, 720),
        result(3, "top", "", "s", 3, 90, 80, 70, 60, 720),
    };
    const char *recs[3] = { low, mid, best };
    room r;
    bw_err e;
    assert_int_equal(room_build(res, recs, 3, &r, &e), BW_OK);
    const room_scenario *sc = &r.scenarios[0];
    assert_int_equal(sc->best.best, 2);
    assert_int_equal(sc->best.median, 1);
    assert_int_equal(sc->best.pillar_delta[1], 30);
    assert_int_equal(sc->best.action_count, 2);
    assert_int_equal(sc->best.actions[0].kind, SIM_ACT_PATCH); /* the bigger difference first */
    assert_int_equal(sc->best.actions[0].best, 2);
    assert_int_equal(sc->best.actions[0].median, 1);
    assert_int_equal(sc->best.actions[0].best_first, 2);
    assert_int_equal(sc->best.actions[0].median_first, 50);
    assert_int_equal(sc->best.actions[1].kind, SIM_ACT_MFA);
    assert_int_equal(sc->best.actions[1].median_first, -1);
    assert_int_equal(r.games[2].actions, 3);
    assert_int_equal(r.games[2].action_count[SIM_ACT_PATCH], 2);

    char lines[8][ROOM_LINE_MAX];
    int n = room_best_describe(&r, sc, lines, 8);
    assert_int_equal(n, 4);
    assert_true(has_line(lines, n, "The best game, top's (3 stars, pillar total 300, won), against "
                                   "the median game, mid's (1 star, pillar total 170, won)."));
    assert_true(has_line(lines, n, "protection +50, responsibility +30, capacity +30, collaboration +20"));
    char want[256];
    snprintf(want, sizeof want, "%s: twice from day 1 in the best game, once from day 3 in the median one.",
             sim_action_title(SIM_ACT_PATCH));
    assert_true(has_line(lines, n, want));
    snprintf(want, sizeof want, "%s: once from day 2 in the best game, never in the median one.",
             sim_action_title(SIM_ACT_MFA));
    assert_true(has_line(lines, n, want));
    /* max bounds what it writes */
    assert_int_equal(room_best_describe(&r, sc, lines, 1), 1);
    room_free(&r);

    /* one game: nothing to compare */
    assert_int_equal(room_build(res + 2, recs + 2, 1, &r, &e), BW_OK);
    n = room_best_describe(&r, &r.scenarios[0], lines, 8);
    assert_int_equal(n, 1);
    assert_true(has_line(lines, n, "Only one game of s so far (top's)"));
    room_free(&r);
    free(best);
    free(mid);
    free(low);
}

static void test_bad_records_lose_only_their_details(void **state)
{
    (void)state;
    char *other = record("{\"tick\":1,\"action\":\"patch\",\"target\":\"web\"}", "");
    other[strstr(other, "\"id\":\"s\"") - other + 6] = 'x'; /* a record of scenario "x" */
    const char *recs[] = {
        "not json at all",
        "{\"scenario\":{\"id\":\"s\"},\"actions\":[{\"tick\":-1,\"action\":\"patch\"}],\"timeline\":[]}",
        "{\"scenario\":{\"id\":\"s\"},\"actions\":[{\"tick\":1,\"action\":\"fly\"}],\"timeline\":[]}",
        "{\"scenario\":{\"id\":\"s\"},\"actions\":[],\"timeline\":[{\"tick\":1,\"kind\":7}]}",
        "{\"scenario\":{\"id\":\"s\"},\"actions\":[{\"tick\":1,\"action\":\"choose\",\"target\":\"x\"}],"
        "\"timeline\":[]}",
        other,
        NULL,
        "[]",
    };
    enum { N = sizeof recs / sizeof recs[0] };
    store_result res[N];
    for (int i = 0; i < N; i++)
        res[i] = result(i + 1, "p", "t", "s", 1, 10 * i, 0, 0, 0, 100);
    room r;
    bw_err e;
    assert_int_equal(room_build(res, recs, N, &r, &e), BW_OK);
    for (int i = 0; i < N; i++) {
        assert_false(r.games[i].record_ok);
        assert_int_equal(r.games[i].actions, 0);
        assert_int_equal(r.games[i].action_first[SIM_ACT_PATCH], -1);
    }
    assert_int_equal(r.player_count, 1);
    assert_int_equal(r.players[0].games, N);
    assert_int_equal(r.scenarios[0].games, N);
    assert_int_equal(r.scenarios[0].decision_count, 0);
    char lines[4][ROOM_LINE_MAX];
    int n = room_best_describe(&r, &r.scenarios[0], lines, 4);
    assert_true(has_line(lines, n, "could not be read"));
    room_free(&r);
    free(other);

    /* zero results: an empty room */
    assert_int_equal(room_build(NULL, NULL, 0, &r, &e), BW_OK);
    assert_int_equal(r.player_count + r.team_count + r.scenario_count + r.game_count, 0);
    room_free(&r);
    assert_int_equal(room_build(NULL, NULL, 3, &r, &e), BW_EINVAL);
}

static bool utf8_ok(const char *s)
{
    for (const unsigned char *p = (const unsigned char *)s; *p;) {
        int extra = *p < 0x80 ? 0 : (*p & 0xe0) == 0xc0 ? 1 : (*p & 0xf0) == 0xe0 ? 2 : 3;
        if (*p < 0x20 || *p == 0x7f)
            return false;
        p++;
        for (int i = 0; i < extra; i++, p++)
            if ((*p & 0xc0) != 0x80)
                return false;
    }
    return true;
}

static void test_long_and_hostile_texts_are_cut_on_a_character_and_cleaned(void **state)
{
    (void)state;
    char tl[4096] = "{\"tick\":1,\"kind\":\"choice\",\"text\":\"Decision: x";
    for (int i = 0; i < 300; i++)
        strcat(tl, "é");
    strcat(tl, "\"},{\"tick\":2,\"kind\":\"choice\",\"text\":\"Decided: a\\u001b[31mred\\nline\"}");
    char *rec = record("", tl);
    store_result res = result(1, "p\x1b", "t", "s", 1, 1, 1, 1, 1, 10);
    const char *recs[] = { rec };
    room r;
    bw_err e;
    assert_int_equal(room_build(&res, recs, 1, &r, &e), BW_OK);
    const room_decision *d = &r.scenarios[0].decisions[0];
    assert_true(strlen(d->text) < ROOM_TEXT_MAX);
    assert_true(strlen(d->text) >= ROOM_TEXT_MAX - 3);
    assert_true(utf8_ok(d->text));
    assert_string_equal(d->options[0].text, "a?[31mred line");
    assert_string_equal(r.players[0].name, "p?");
    room_free(&r);
    free(rec);
}

/* Sentences about the best game hold their texts whole: a decision and
 * two options of the longest kind come out in one line, ending with the
 * median's option. */
static void test_the_best_game_sentence_is_not_cut(void **state)
{
    (void)state;
    char q[ROOM_TEXT_MAX - 16], ya[ROOM_TEXT_MAX - 16], yb[ROOM_TEXT_MAX - 16];
    memset(q, 'q', sizeof q - 1);
    q[sizeof q - 1] = '\0';
    memset(ya, 'A', sizeof ya - 1);
    ya[sizeof ya - 1] = '\0';
    memset(yb, 'B', sizeof yb - 1);
    yb[sizeof yb - 1] = '\0';
    char tl[2][1024];
    snprintf(tl[0], sizeof tl[0],
             "{\"tick\":1,\"kind\":\"choice\",\"text\":\"Decision: %s\"},"
             "{\"tick\":2,\"kind\":\"choice\",\"text\":\"Decided: %s\"}", q, ya);
    snprintf(tl[1], sizeof tl[1],
             "{\"tick\":1,\"kind\":\"choice\",\"text\":\"Decision: %s\"},"
             "{\"tick\":2,\"kind\":\"choice\",\"text\":\"Decided: %s\"}", q, yb);
    char *rec[3] = { record("", tl[0]), record("", tl[1]), record("", tl[1]) };
    store_result res[3] = {
        result(1, "top", "", "s", 3, 90, 80, 70, 60, 720),
        result(2, "mid", "", "s", 1, 40, 40, 40, 40, 720),
        result(3, "low", "", "s", 0, 10, 10, 10, 10, 720),
    };
    const char *recs[3] = { rec[0], rec[1], rec[2] };
    room r;
    bw_err e;
    assert_int_equal(room_build(res, recs, 3, &r, &e), BW_OK);
    char lines[8][ROOM_LINE_MAX];
    int n = room_best_describe(&r, &r.scenarios[0], lines, 8);
    const char *line = NULL;
    for (int i = 0; i < n; i++)
        if (strstr(lines[i], "Decision “"))
            line = lines[i];
    assert_non_null(line);
    assert_true(strlen(line) > 3 * (ROOM_TEXT_MAX - 17));
    char want[ROOM_TEXT_MAX + 16];
    snprintf(want, sizeof want, "“%s”.", yb);
    assert_non_null(strstr(line, q));
    assert_non_null(strstr(line, ya));
    assert_non_null(strstr(line, want));
    room_free(&r);
    for (int i = 0; i < 3; i++)
        free(rec[i]);
}

static void test_the_room_does_not_depend_on_the_order_of_results(void **state)
{
    (void)state;
    store_result res[6] = {
        result(1, "a", "x", "s", 2, 50, 50, 50, 50, 700), result(2, "b", "y", "s", 2, 50, 50, 50, 50, 700),
        result(3, "c", "x", "s", 1, 70, 70, 70, 70, 700), result(4, "d", "y", "t", 3, 10, 10, 10, 10, 700),
        result(5, "e", "z", "t", 2, 50, 50, 50, 50, 700), result(6, "f", "z", "s", 0, 50, 50, 50, 50, 700),
    };
    store_result rev[6];
    for (int i = 0; i < 6; i++)
        rev[i] = res[5 - i];
    room r1, r2;
    bw_err e;
    assert_int_equal(room_build(res, NULL, 6, &r1, &e), BW_OK);
    assert_int_equal(room_build(rev, NULL, 6, &r2, &e), BW_OK);
    for (int i = 0; i < 6; i++) {
        assert_string_equal(r1.players[i].name, r2.players[i].name);
        assert_int_equal(r1.players[i].rank, r2.players[i].rank);
    }
    for (int i = 0; i < r1.team_count; i++)
        assert_string_equal(r1.teams[i].name, r2.teams[i].name);
    for (int s = 0; s < 2; s++)
        assert_int_equal(r1.games[r1.scenarios[s].best.best].id, r2.games[r2.scenarios[s].best.best].id);
    /* a and b tie on everything: the lower id is the better-placed game (a), same rank */
    assert_int_equal(r1.games[r1.scenarios[0].best.best].id, 1);
    assert_int_equal(r1.games[0].rank, r1.games[1].rank);
    room_free(&r1);
    room_free(&r2);
}

/* Real games: log4shell played by the shipped bots. Every answered
 * decision is counted once, the idle bot's answers come from deadlines,
 * and the counts agree with the records' own choose actions. */
static void test_real_records_of_bot_games_give_consistent_decisions(void **state)
{
    (void)state;
    static const char *const bots[] = { "sensible", "hackback", "idle", "random" };
    enum { N = 8 };
    store_result res[N];
    char *recs[N];
    int chooses = 0;
    for (int i = 0; i < N; i++) {
        recs[i] = st_played_record("log4shell", bots[i % 4], 2021 + (uint64_t)i / 4);
        bw_err e;
        memset(&res[i], 0, sizeof res[i]);
        assert_int_equal(record_summary_parse(recs[i], "record", &res[i].sum, &e), BW_OK);
        res[i].id = i + 1;
        snprintf(res[i].player, sizeof res[i].player, "%s-%d", bots[i % 4], i / 4);
        snprintf(res[i].team, sizeof res[i].team, "%s", i % 2 ? "odd" : "even");
        record_log log = { 0 };
        assert_int_equal(record_log_parse(recs[i], "record", &log, &e), BW_OK);
        for (int k = 0; k < log.count; k++)
            chooses += log.items[k].kind == SIM_ACT_CHOOSE;
        record_log_free(&log);
    }
    room r;
    bw_err e;
    assert_int_equal(room_build(res, (const char *const *)recs, N, &r, &e), BW_OK);
    assert_int_equal(r.scenario_count, 1);
    const room_scenario *sc = &r.scenarios[0];
    assert_string_equal(sc->id, "log4shell");
    assert_true(sc->title[0]);
    assert_true(sc->decision_count >= 1);
    int by_player = 0, answered = 0;
    for (int i = 0; i < sc->decision_count; i++) {
        const room_decision *d = &sc->decisions[i];
        int sum = 0;
        for (int k = 0; k < d->option_count; k++) {
            sum += d->options[k].count;
            by_player += d->options[k].count - d->options[k].by_default;
            assert_true(d->options[k].text[0]);
        }
        assert_int_equal(sum, d->answered);
        assert_true(d->answered <= d->games && d->games <= N);
        answered += d->answered;
    }
    assert_int_equal(by_player, chooses); /* every choose action answered one decision */
    assert_true(answered >= by_player);
    for (int i = 0; i < N; i++) {
        assert_true(r.games[i].record_ok);
        if (i % 4 == 2) /* idle never acts */
            assert_int_equal(r.games[i].actions, 0);
        else
            assert_true(r.games[i].actions > 0);
    }
    assert_int_equal(r.team_count, 2);
    assert_int_equal(r.player_count, N);
    char lines[16][ROOM_LINE_MAX];
    int n = room_best_describe(&r, sc, lines, 16);
    assert_true(n >= 2);
    for (int i = 0; i < n; i++)
        assert_true(utf8_ok(lines[i]));
    for (int i = 0; i < N; i++)
        free(recs[i]);
    room_free(&r);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_players_rank_by_stars_then_total_then_ticks),
        cmocka_unit_test(test_a_player_counts_their_best_game_of_each_scenario),
        cmocka_unit_test(test_pillar_distributions_give_quartiles_and_a_histogram),
        cmocka_unit_test(test_the_decisions_most_got_wrong_are_those_where_most_picked_a_worse_option),
        cmocka_unit_test(test_the_best_game_is_described_against_the_median_one),
        cmocka_unit_test(test_bad_records_lose_only_their_details),
        cmocka_unit_test(test_long_and_hostile_texts_are_cut_on_a_character_and_cleaned),
        cmocka_unit_test(test_the_best_game_sentence_is_not_cut),
        cmocka_unit_test(test_the_room_does_not_depend_on_the_order_of_results),
        cmocka_unit_test(test_real_records_of_bot_games_give_consistent_decisions),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
