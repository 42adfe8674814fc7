/* room.c — the room model (room.h): a scoreboard by player and by team,
 * and per scenario the pillar distributions, the decisions most players
 * got wrong and how the best game differed from the median one.
 *
 * Pure computation over results already read: no I/O, no SDL. Orders are
 * total (ties broken by name or id), so the same results always give the
 * same room, whatever order a database returned them in. */
#include "room_internal.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- ordering ------------------------------------------------------------------ */

/* <0 when a ranks before b: more stars, a higher total, fewer ticks. */
static int score_cmp(double sa, double ta, double ka, double sb, double tb, double kb)
{
    if (sa != sb)
        return sa > sb ? -1 : 1;
    if (ta != tb)
        return ta > tb ? -1 : 1;
    if (ka != kb)
        return ka < kb ? -1 : 1;
    return 0;
}

static int game_score_cmp(const room_game *a, const room_game *b)
{
    return score_cmp(a->stars, a->total, a->ticks, b->stars, b->total, b->ticks);
}

static int game_cmp(const room_game *a, const room_game *b)
{
    int c = game_score_cmp(a, b);
    return c ? c : a->id < b->id ? -1 : a->id > b->id;
}

static int entry_score_cmp(const room_entry *a, const room_entry *b)
{
    return score_cmp(a->stars, a->total, a->ticks, b->stars, b->total, b->ticks);
}

static int entry_qcmp(const void *pa, const void *pb)
{
    const room_entry *a = pa, *b = pb;
    int c = entry_score_cmp(a, b);
    return c ? c : strcmp(a->name, b->name);
}

static void rank_entries(room_entry *e, int n)
{
    if (n > 1) /* qsort(NULL, 0, ...) is undefined */
        qsort(e, (size_t)n, sizeof *e, entry_qcmp);
    for (int i = 0; i < n; i++)
        e[i].rank = i && entry_score_cmp(&e[i], &e[i - 1]) == 0 ? e[i - 1].rank : i + 1;
}

/* qsort over indexes into a game array (no globals: the array travels first). */
typedef struct game_ref {
    const room_game *games;
    int i;
} game_ref;

static int game_ref_cmp(const void *pa, const void *pb)
{
    const game_ref *a = pa, *b = pb;
    return game_cmp(&a->games[a->i], &b->games[b->i]);
}

static int int_cmp(const void *a, const void *b)
{
    int x = *(const int *)a, y = *(const int *)b;
    return (x > y) - (x < y);
}

/* ---- distributions ------------------------------------------------------------- */

/* v sorted ascending, n > 0: the nearest-rank p-quantile. */
static int quantile(const int *v, int n, double p)
{
    int k = (int)ceil(p * n);
    return v[k < 1 ? 0 : k > n ? n - 1 : k - 1];
}

/* v (n values 0..hi, sorted here) into d; bin = value * ROOM_HIST_BINS / hi, the top value in
 * the last bin (0-9 ... 90-100); stars: bin = the value. */
static void dist_fill(room_dist *d, int *v, int n, int hi, bool stars)
{
    memset(d, 0, sizeof *d);
    d->n = n;
    if (!n)
        return;
    qsort(v, (size_t)n, sizeof *v, int_cmp);
    double sum = 0;
    for (int i = 0; i < n; i++) {
        sum += v[i];
        int b = stars ? v[i] : (int)((long)v[i] * ROOM_HIST_BINS / hi);
        d->hist[b < 0 ? 0 : b >= ROOM_HIST_BINS ? ROOM_HIST_BINS - 1 : b]++;
    }
    d->min = v[0];
    d->max = v[n - 1];
    d->q1 = quantile(v, n, 0.25);
    d->median = quantile(v, n, 0.5);
    d->q3 = quantile(v, n, 0.75);
    d->mean = sum / n;
}

/* ---- the scoreboard ------------------------------------------------------------ */

static int player_index(const room_entry *p, int n, const char *name)
{
    for (int i = 0; i < n; i++)
        if (strcmp(p[i].name, name) == 0)
            return i;
    return -1;
}

/* Is g newer than h (the latest result names the player's team)? */
static bool newer(const room_game *g, const room_game *h)
{
    return g->finished_at != h->finished_at ? g->finished_at > h->finished_at : g->id > h->id;
}

static int build_players(room *r)
{
    r->players = r->game_count ? calloc((size_t)r->game_count, sizeof *r->players) : NULL;
    int *best = r->game_count ? malloc((size_t)r->game_count * sizeof *best) : NULL;
    int *latest = r->game_count ? malloc((size_t)r->game_count * sizeof *latest) : NULL;
    if (r->game_count && (!r->players || !best || !latest)) {
        free(best);
        free(latest);
        return BW_ENOMEM;
    }
    for (int i = 0; i < r->game_count; i++) {
        const room_game *g = &r->games[i];
        int p = player_index(r->players, r->player_count, g->player);
        if (p < 0) {
            p = r->player_count++;
            snprintf(r->players[p].name, sizeof r->players[p].name, "%s", g->player);
            r->players[p].players = 1;
            best[p] = latest[p] = i;
        }
        room_entry *e = &r->players[p];
        e->games++;
        if (newer(g, &r->games[latest[p]]))
            latest[p] = i;
        if (game_cmp(g, &r->games[best[p]]) < 0)
            best[p] = i;
        /* Is g this player's best game of its scenario? Then it counts, and
         * the one it replaces stops counting. */
        int prev = -1;
        for (int j = 0; j < i; j++)
            if (strcmp(r->games[j].player, g->player) == 0 &&
                strcmp(r->games[j].scenario_id, g->scenario_id) == 0 &&
                (prev < 0 || game_cmp(&r->games[j], &r->games[prev]) < 0))
                prev = j;
        if (prev < 0) {
            e->scenarios++;
        } else if (game_cmp(g, &r->games[prev]) < 0) {
            e->stars -= r->games[prev].stars;
            e->total -= r->games[prev].total;
            e->ticks -= r->games[prev].ticks;
        } else {
            continue;
        }
        e->stars += g->stars;
        e->total += g->total;
        e->ticks += g->ticks;
    }
    for (int p = 0; p < r->player_count; p++) {
        snprintf(r->players[p].team, sizeof r->players[p].team, "%s", r->games[latest[p]].team);
        r->players[p].best_id = r->games[best[p]].id;
    }
    free(best);
    free(latest);
    rank_entries(r->players, r->player_count);
    return BW_OK;
}

static int build_teams(room *r)
{
    r->teams = r->player_count ? calloc((size_t)r->player_count, sizeof *r->teams) : NULL;
    if (r->player_count && !r->teams)
        return BW_ENOMEM;
    /* players are ranked already: a team's first player met is its best */
    for (int i = 0; i < r->player_count; i++) {
        const room_entry *p = &r->players[i];
        if (!p->team[0])
            continue;
        int t = player_index(r->teams, r->team_count, p->team);
        if (t < 0) {
            t = r->team_count++;
            snprintf(r->teams[t].name, sizeof r->teams[t].name, "%s", p->team);
            r->teams[t].best_id = p->best_id;
        }
        room_entry *e = &r->teams[t];
        e->players++;
        e->games += p->games;
        e->stars += p->stars;
        e->total += p->total;
        e->ticks += p->ticks;
    }
    /* each game's team is its player's (their latest), for counting scenarios */
    const char **team_of = r->game_count ? malloc((size_t)r->game_count * sizeof *team_of) : NULL;
    if (r->game_count && !team_of)
        return BW_ENOMEM;
    for (int i = 0; i < r->game_count; i++)
        team_of[i] = r->players[player_index(r->players, r->player_count, r->games[i].player)].team;
    for (int t = 0; t < r->team_count; t++) {
        room_entry *e = &r->teams[t];
        e->stars /= e->players;
        e->total /= e->players;
        e->ticks /= e->players;
        for (int i = 0; i < r->game_count; i++) {
            if (strcmp(team_of[i], e->name) != 0)
                continue;
            bool seen = false;
            for (int j = 0; j < i && !seen; j++)
                seen = strcmp(team_of[j], e->name) == 0 &&
                       strcmp(r->games[j].scenario_id, r->games[i].scenario_id) == 0;
            e->scenarios += !seen;
        }
    }
    free(team_of);
    rank_entries(r->teams, r->team_count);
    return BW_OK;
}

/* ---- decisions ----------------------------------------------------------------- */

static room_decision *decision_get(room_scenario *sc, int *cap, const char *text)
{
    for (int i = 0; i < sc->decision_count; i++)
        if (strcmp(sc->decisions[i].text, text) == 0)
            return &sc->decisions[i];
    if (sc->decision_count == *cap) {
        int ncap = *cap ? *cap * 2 : 8;
        room_decision *d = realloc(sc->decisions, (size_t)ncap * sizeof *d);
        if (!d)
            return NULL;
        sc->decisions = d;
        *cap = ncap;
    }
    room_decision *d = &sc->decisions[sc->decision_count++];
    memset(d, 0, sizeof *d);
    snprintf(d->text, sizeof d->text, "%s", text);
    d->first_tick = -1;
    d->best = -1;
    return d;
}

static room_option *option_get(room_decision *d, const char *text)
{
    for (int i = 0; i < d->option_count; i++)
        if (d->options[i].text[0] && strcmp(d->options[i].text, text) == 0)
            return &d->options[i];
    if (d->option_count < ROOM_MAX_OPTIONS - 1 ||
        (d->option_count == ROOM_MAX_OPTIONS - 1 && d->options[d->option_count - 1].text[0])) {
        room_option *o = &d->options[d->option_count++];
        memset(o, 0, sizeof *o);
        /* the last slot is "other" (text "") once the others are taken */
        if (d->option_count < ROOM_MAX_OPTIONS)
            snprintf(o->text, sizeof o->text, "%s", text);
        return o;
    }
    return &d->options[d->option_count - 1];
}

/* The best option, who got it wrong, and the most-got-wrong list. */
static int judge_decisions(room_scenario *sc)
{
    for (int i = 0; i < sc->decision_count; i++) {
        room_decision *d = &sc->decisions[i];
        int chosen = 0;
        for (int k = 0; k < d->option_count; k++) {
            room_option *o = &d->options[k];
            if (!o->count)
                continue;
            o->mean_total /= o->count; /* sums until now */
            o->mean_stars /= o->count;
            chosen++;
        }
        d->best = -1;
        d->wrong = 0;
        d->wrong_share = 0;
        if (chosen < 2)
            continue;
        for (int k = 0; k < d->option_count; k++) {
            const room_option *o = &d->options[k], *b = d->best >= 0 ? &d->options[d->best] : NULL;
            if (o->count && (!b || score_cmp(o->mean_stars, o->mean_total, 0, b->mean_stars,
                                             b->mean_total, 0) < 0 ||
                             (score_cmp(o->mean_stars, o->mean_total, 0, b->mean_stars,
                                        b->mean_total, 0) == 0 && o->count > b->count)))
                d->best = k;
        }
        const room_option *b = &d->options[d->best];
        for (int k = 0; k < d->option_count; k++)
            if (d->options[k].count && d->options[k].mean_total < b->mean_total)
                d->wrong += d->options[k].count;
        d->wrong_share = d->answered ? (double)d->wrong / d->answered : 0;
    }
    if (sc->decision_count > 0 &&
        !(sc->wrong = malloc((size_t)sc->decision_count * sizeof *sc->wrong)))
        return BW_ENOMEM;
    for (int i = 0; i < sc->decision_count; i++)
        if (sc->decisions[i].best >= 0 && sc->decisions[i].wrong * 2 > sc->decisions[i].answered)
            sc->wrong[sc->wrong_count++] = i;
    /* most wrong first; equal shares keep the order the decisions opened */
    for (int i = 1; i < sc->wrong_count; i++)
        for (int j = i; j > 0 && sc->decisions[sc->wrong[j]].wrong_share >
                                     sc->decisions[sc->wrong[j - 1]].wrong_share;
             j--) {
            int t = sc->wrong[j];
            sc->wrong[j] = sc->wrong[j - 1];
            sc->wrong[j - 1] = t;
        }
    return BW_OK;
}

static int build_decisions(room_scenario *sc, const room *r, const room_grec *recs)
{
    int cap = 0;
    for (int i = 0; i < r->game_count; i++) {
        const room_game *g = &r->games[i];
        if (strcmp(g->scenario_id, sc->id) != 0 || !g->record_ok)
            continue;
        for (int k = 0; k < recs[i].dec_count; k++) {
            const room_gdec *gd = &recs[i].decs[k];
            room_decision *d = decision_get(sc, &cap, gd->text);
            if (!d)
                return BW_ENOMEM;
            d->games++;
            if (d->first_tick < 0 || gd->opened < d->first_tick)
                d->first_tick = gd->opened;
            if (!gd->answered)
                continue;
            d->answered++;
            room_option *o = option_get(d, gd->answer);
            o->count++;
            o->by_default += gd->by_default;
            o->offensive |= gd->offensive;
            o->mean_total += g->total;
            o->mean_stars += g->stars;
        }
    }
    return judge_decisions(sc);
}

/* ---- the best game against the median one ------------------------------------- */

static const room_gdec *gdec_find(const room_grec *rec, const char *text)
{
    for (int i = 0; i < rec->dec_count; i++)
        if (strcmp(rec->decs[i].text, text) == 0)
            return &rec->decs[i];
    return NULL;
}

static int add_diff_decision(room_best *b, int *cap, const char *text, const room_gdec *x,
                             const room_gdec *y)
{
    const char *xa = x && x->answered ? x->answer : "", *ya = y && y->answered ? y->answer : "";
    if (strcmp(xa, ya) == 0)
        return BW_OK;
    for (int i = 0; i < b->decision_count; i++)
        if (strcmp(b->decisions[i].decision, text) == 0)
            return BW_OK;
    if (b->decision_count == *cap) {
        int ncap = *cap ? *cap * 2 : 4;
        room_diff_decision *d = realloc(b->decisions, (size_t)ncap * sizeof *d);
        if (!d)
            return BW_ENOMEM;
        b->decisions = d;
        *cap = ncap;
    }
    room_diff_decision *d = &b->decisions[b->decision_count++];
    snprintf(d->decision, sizeof d->decision, "%s", text);
    snprintf(d->best, sizeof d->best, "%s", xa);
    snprintf(d->median, sizeof d->median, "%s", ya);
    return BW_OK;
}

static int diff_weight(const room_diff_action *a)
{
    int dc = abs(a->best - a->median);
    int df = a->best_first < 0 || a->median_first < 0 ? 0 : abs(a->best_first - a->median_first);
    return dc * 1000 + (df > 999 ? 999 : df);
}

static int build_best(room_scenario *sc, const room *r, const room_grec *recs)
{
    room_best *b = &sc->best;
    b->best = b->median = -1;
    game_ref *refs = malloc((size_t)(r->game_count ? r->game_count : 1) * sizeof *refs);
    if (!refs)
        return BW_ENOMEM;
    int n = 0;
    for (int i = 0; i < r->game_count; i++)
        if (strcmp(r->games[i].scenario_id, sc->id) == 0)
            refs[n++] = (game_ref){ r->games, i };
    qsort(refs, (size_t)n, sizeof *refs, game_ref_cmp);
    for (int k = 0; k < n; k++) { /* the rank within the scenario */
        room_game *g = &r->games[refs[k].i];
        g->rank = k && game_score_cmp(g, &r->games[refs[k - 1].i]) == 0 ? r->games[refs[k - 1].i].rank
                                                                         : k + 1;
    }
    if (n) {
        b->best = refs[0].i;
        b->median = refs[n / 2].i;
    }
    free(refs);
    if (!n || b->best == b->median)
        return BW_OK;
    const room_game *x = &r->games[b->best], *y = &r->games[b->median];
    for (int p = 0; p < SIM_PILLAR_COUNT; p++)
        b->pillar_delta[p] = x->pillar[p] - y->pillar[p];
    if (!x->record_ok || !y->record_ok)
        return BW_OK;
    for (int k = 0; k < SIM_ACTION_KIND_COUNT; k++) /* choices: by decision, below */
        if (k != SIM_ACT_CHOOSE &&
            (x->action_count[k] != y->action_count[k] || x->action_first[k] != y->action_first[k]))
            b->actions[b->action_count++] = (room_diff_action){
                (sim_action_kind)k, x->action_count[k], y->action_count[k], x->action_first[k],
                y->action_first[k]};
    for (int i = 1; i < b->action_count; i++) /* biggest difference first, stable */
        for (int j = i; j > 0 && diff_weight(&b->actions[j]) > diff_weight(&b->actions[j - 1]); j--) {
            room_diff_action t = b->actions[j];
            b->actions[j] = b->actions[j - 1];
            b->actions[j - 1] = t;
        }
    int cap = 0;
    const room_grec *rx = &recs[b->best], *ry = &recs[b->median];
    for (int i = 0; i < rx->dec_count; i++)
        if (add_diff_decision(b, &cap, rx->decs[i].text, &rx->decs[i], gdec_find(ry, rx->decs[i].text)) != BW_OK)
            return BW_ENOMEM;
    for (int i = 0; i < ry->dec_count; i++)
        if (add_diff_decision(b, &cap, ry->decs[i].text, gdec_find(rx, ry->decs[i].text), &ry->decs[i]) != BW_OK)
            return BW_ENOMEM;
    return BW_OK;
}

/* ---- scenarios ------------------------------------------------------------------- */

static int scenario_qcmp(const void *a, const void *b)
{
    return strcmp(((const room_scenario *)a)->id, ((const room_scenario *)b)->id);
}

static int build_scenario(room_scenario *sc, room *r, const room_grec *recs)
{
    int *v = malloc((size_t)r->game_count * sizeof *v);
    if (!v)
        return BW_ENOMEM;
    for (int p = 0; p <= SIM_PILLAR_COUNT + 1; p++) {
        int n = 0;
        for (int i = 0; i < r->game_count; i++) {
            const room_game *g = &r->games[i];
            if (strcmp(g->scenario_id, sc->id) != 0)
                continue;
            v[n++] = p < SIM_PILLAR_COUNT ? g->pillar[p] : p == SIM_PILLAR_COUNT ? g->total : g->stars;
            if (p == 0) {
                sc->games++;
                sc->won += g->outcome == SIM_OUTCOME_WON;
                if (!sc->title[0] && g->record_ok)
                    snprintf(sc->title, sizeof sc->title, "%s", recs[i].title);
            }
        }
        if (p < SIM_PILLAR_COUNT)
            dist_fill(&sc->pillar[p], v, n, 100, false);
        else if (p == SIM_PILLAR_COUNT)
            dist_fill(&sc->total, v, n, 100 * SIM_PILLAR_COUNT, false);
        else
            dist_fill(&sc->stars, v, n, 3, true);
    }
    free(v);
    int rc = build_decisions(sc, r, recs);
    return rc == BW_OK ? build_best(sc, r, recs) : rc;
}

static int build_scenarios(room *r, const room_grec *recs)
{
    r->scenarios = r->game_count ? calloc((size_t)r->game_count, sizeof *r->scenarios) : NULL;
    if (r->game_count && !r->scenarios)
        return BW_ENOMEM;
    for (int i = 0; i < r->game_count; i++) {
        bool seen = false;
        for (int s = 0; s < r->scenario_count && !seen; s++)
            seen = strcmp(r->scenarios[s].id, r->games[i].scenario_id) == 0;
        if (!seen)
            snprintf(r->scenarios[r->scenario_count++].id, SIM_ID_MAX, "%s", r->games[i].scenario_id);
    }
    if (r->scenario_count > 1)
        qsort(r->scenarios, (size_t)r->scenario_count, sizeof *r->scenarios, scenario_qcmp);
    for (int s = 0; s < r->scenario_count; s++) {
        int rc = build_scenario(&r->scenarios[s], r, recs);
        if (rc != BW_OK)
            return rc;
    }
    return BW_OK;
}

/* ---- the room -------------------------------------------------------------------- */

void room_free(room *r)
{
    if (!r)
        return;
    for (int s = 0; s < r->scenario_count; s++) {
        free(r->scenarios[s].decisions);
        free(r->scenarios[s].wrong);
        free(r->scenarios[s].best.decisions);
    }
    free(r->scenarios);
    free(r->games);
    free(r->players);
    free(r->teams);
    memset(r, 0, sizeof *r);
}

static void game_from_result(room_game *g, const store_result *res)
{
    memset(g, 0, sizeof *g);
    g->id = res->id;
    g->finished_at = res->finished_at;
    room_copy_text(g->player, sizeof g->player, res->player);
    room_copy_text(g->team, sizeof g->team, res->team);
    room_copy_text(g->workshop, sizeof g->workshop, res->workshop);
    room_copy_text(g->scenario_id, sizeof g->scenario_id, res->sum.scenario_id);
    g->outcome = res->sum.outcome;
    g->stars = res->sum.stars;
    g->ticks = res->sum.ticks;
    for (int p = 0; p < SIM_PILLAR_COUNT; p++) {
        g->pillar[p] = res->sum.pillar[p];
        g->total += g->pillar[p];
    }
}

int room_build(const store_result *results, const char *const *records, int count, room *out,
               bw_err *err)
{
    memset(out, 0, sizeof *out);
    if (count < 0 || (count && !results))
        return bw_err_set(err, BW_EINVAL, "room_build: no results");
    room_grec *recs = count ? calloc((size_t)count, sizeof *recs) : NULL;
    out->games = count ? calloc((size_t)count, sizeof *out->games) : NULL;
    int rc = count && (!recs || !out->games) ? BW_ENOMEM : BW_OK;
    for (int i = 0; rc == BW_OK && i < count; i++) {
        game_from_result(&out->games[i], &results[i]);
        out->game_count++;
        rc = room_record_read(records ? records[i] : NULL, &out->games[i], &recs[i]);
    }
    if (rc == BW_OK)
        rc = build_players(out);
    if (rc == BW_OK)
        rc = build_teams(out);
    if (rc == BW_OK)
        rc = build_scenarios(out, recs);
    for (int i = 0; recs && i < count; i++)
        room_grec_free(&recs[i]);
    free(recs);
    if (rc != BW_OK) {
        room_free(out);
        return bw_err_set(err, BW_ENOMEM, "out of memory building the room's results");
    }
    return BW_OK;
}

const room_scenario *room_scenario_find(const room *r, const char *id)
{
    for (int s = 0; r && id && s < r->scenario_count; s++)
        if (strcmp(r->scenarios[s].id, id) == 0)
            return &r->scenarios[s];
    return NULL;
}
