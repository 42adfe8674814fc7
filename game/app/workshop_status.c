/* workshop_status.c — what the facilitator sees of a workshop, gathered
 * from its store: the session, the lobby and the room model (room.h),
 * printed as text (--status), as JSON (--status --json), or filled into
 * the console window's view (ui_workshop.h). Reads only. */
#include "bulwark/app.h"
#include "bulwark/ui_workshop.h"
#include "workshop_app.h"

#include <cjson/cJSON.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

/* ---- the state, as text and as JSON -------------------------------------------------------- */

int ws_gather(ws_ctx *c, ws_state *st, FILE *err)
{
    memset(st, 0, sizeof *st);
    bw_err e;
    int rc = rstore_session_get(c->st, c->cfg.id, &st->s, &e);
    if (rc == BW_OK) {
        st->time_up = st->s.phase != RSTORE_LOBBY && st->s.phase != RSTORE_ENDED &&
                      ws_seconds_left(&c->cfg, &st->s, (int64_t)time(NULL)) == 0;
        st->over = st->s.phase == RSTORE_ENDED || st->time_up;
    }
    if (rc != BW_OK || rstore_players_list(c->st, c->cfg.id, &st->players, &st->player_count, &e) != BW_OK ||
        ws_room(c, st->over, &st->rm, &e) != BW_OK) {
        fprintf(err, "bulwark workshop: %s\n", e.msg);
        free(st->players);
        room_free(&st->rm);
        return APP_FAILED;
    }
    return APP_OK;
}

void ws_release(ws_state *st)
{
    free(st->players);
    room_free(&st->rm);
}

static const char *const pillar_names[SIM_PILLAR_COUNT] = { "protection", "responsibility", "capacity",
                                                            "collaboration" };

static void print_debrief(const room *rm, FILE *out)
{
    if (rm->scenario_count == 0)
        fprintf(out, "\nRoom debrief: no game was submitted.\n");
    for (int k = 0; k < rm->scenario_count; k++) {
        const room_scenario *sc = &rm->scenarios[k];
        fprintf(out, "\nRoom debrief: %s%s%s — %d game%s, %d won\n", sc->id, sc->title[0] ? " · " : "",
                sc->title, sc->games, sc->games == 1 ? "" : "s", sc->won);
        fprintf(out, "  pillar           min   q1  med   q3  max   mean\n");
        for (int p = 0; p < SIM_PILLAR_COUNT; p++) {
            const room_dist *d = &sc->pillar[p];
            fprintf(out, "  %-14s %5d %4d %4d %4d %4d %6.1f  ", pillar_names[p], d->min, d->q1, d->median,
                    d->q3, d->max, d->mean);
            for (int b = 0; b < ROOM_HIST_BINS; b++) /* a histogram in ten columns */
                fputc(d->hist[b] == 0 ? '.' : d->hist[b] * 4 <= d->n ? ':' : '#', out);
            fputc('\n', out);
        }
        if (sc->wrong_count == 0)
            fprintf(out, "  Decisions most players got wrong: none\n");
        else
            fprintf(out, "  Decisions most players got wrong:\n");
        for (int i = 0; i < sc->wrong_count; i++) {
            const room_decision *dd = &sc->decisions[sc->wrong[i]];
            char clean[ROOM_TEXT_MAX];
            snprintf(clean, sizeof clean, "%s", dd->text);
            bw_text_clean(clean);
            fprintf(out, "    %3.0f%% chose worse than \"%s\": %s\n", dd->wrong_share * 100.0,
                    dd->best >= 0 ? dd->options[dd->best].text : "?", clean);
        }
        char lines[12][ROOM_LINE_MAX];
        int n = room_best_describe(rm, sc, lines, 12);
        if (n)
            fprintf(out, "  How the best game differed:\n");
        for (int i = 0; i < n; i++) {
            bw_text_clean(lines[i]);
            fprintf(out, "    %s\n", lines[i]);
        }
    }
}

static void print_state(const ws_ctx *c, const ws_state *st, FILE *out)
{
    const workshop_config *cf = &c->cfg;
    int64_t now = (int64_t)time(NULL);
    char left[32], limit[32];
    fprintf(out, "Workshop %s — %s\n", cf->id, cf->title);
    fprintf(out, "Results: %s (%s)\n", rstore_describe(c->st),
            rstore_kind_of(c->st) == RSTORE_POSTGRES ? "PostgreSQL" : "SQLite");
    fprintf(out, "Scenarios:");
    for (int i = 0; i < cf->scenario_count; i++)
        fprintf(out, "%s %s", i ? "," : "", cf->scenarios[i].name);
    if (cf->seed_given)
        fprintf(out, " (seed %llu)", (unsigned long long)cf->seed);
    fputc('\n', out);
    fprintf(out, "Phase: %s · %s left of %s\n", st->time_up ? "ended (time up: no more games are taken)" : ws_phase_name(st->s.phase),
            ws_clock(ws_seconds_left(cf, &st->s, now), left, sizeof left),
            ws_clock((int64_t)cf->time_limit_minutes * 60, limit, sizeof limit));
    if (st->s.announcement[0])
        fprintf(out, "Announcement: %s\n", st->s.announcement);
    fprintf(out, "\nLobby: %d player%s joined\n", st->player_count, st->player_count == 1 ? "" : "s");
    for (int t = 0; t < cf->team_count; t++) {
        int n = 0;
        for (int i = 0; i < st->player_count; i++)
            n += strcmp(st->players[i].team, cf->teams[t]) == 0;
        fprintf(out, "  %-12s (%d):", cf->teams[t], n);
        int shown = 0;
        for (int i = 0; i < st->player_count && shown < 20; i++)
            if (strcmp(st->players[i].team, cf->teams[t]) == 0)
                fprintf(out, "%s %s", shown++ ? "," : "", st->players[i].name);
        if (n > shown)
            fprintf(out, ", and %d more", n - shown);
        fputc('\n', out);
    }
    const room *rm = &st->rm;
    fprintf(out, "\nScoreboard by team (%d result%s):\n", rm->game_count, rm->game_count == 1 ? "" : "s");
    if (rm->team_count == 0)
        fprintf(out, "  no results yet\n");
    for (int i = 0; i < rm->team_count; i++) {
        const room_entry *r = &rm->teams[i];
        fprintf(out, "  %3d. %-16s %3d player%s  %4.2f stars  %6.1f points\n", r->rank, r->name, r->players,
                r->players == 1 ? " " : "s", r->stars, r->total);
    }
    fprintf(out, "\nScoreboard by player:\n");
    if (rm->player_count == 0)
        fprintf(out, "  no results yet\n");
    for (int i = 0; i < rm->player_count && i < 50; i++) {
        const room_entry *r = &rm->players[i];
        fprintf(out, "  %3d. %-20s %-12s %d star%s %4.0f points  %d game%s\n", r->rank, r->name, r->team,
                (int)r->stars, (int)r->stars == 1 ? " " : "s", r->total, r->games, r->games == 1 ? "" : "s");
    }
    if (rm->player_count > 50)
        fprintf(out, "  ... and %d more\n", rm->player_count - 50);
    if (st->over)
        print_debrief(rm, out);
}

static cJSON *dist_json(const room_dist *d)
{
    cJSON *o = cJSON_CreateObject();
    cJSON_AddNumberToObject(o, "n", d->n);
    cJSON_AddNumberToObject(o, "min", d->min);
    cJSON_AddNumberToObject(o, "q1", d->q1);
    cJSON_AddNumberToObject(o, "median", d->median);
    cJSON_AddNumberToObject(o, "q3", d->q3);
    cJSON_AddNumberToObject(o, "max", d->max);
    cJSON_AddNumberToObject(o, "mean", d->mean);
    cJSON *h = cJSON_AddArrayToObject(o, "histogram");
    for (int b = 0; b < ROOM_HIST_BINS; b++)
        cJSON_AddItemToArray(h, cJSON_CreateNumber(d->hist[b]));
    return o;
}

static cJSON *entries_json(const room_entry *rows, int n, bool players)
{
    cJSON *a = cJSON_CreateArray();
    for (int i = 0; i < n; i++) {
        cJSON *o = cJSON_CreateObject();
        cJSON_AddNumberToObject(o, "rank", rows[i].rank);
        cJSON_AddStringToObject(o, "name", rows[i].name);
        if (players)
            cJSON_AddStringToObject(o, "team", rows[i].team);
        else
            cJSON_AddNumberToObject(o, "players", rows[i].players);
        cJSON_AddNumberToObject(o, "games", rows[i].games);
        cJSON_AddNumberToObject(o, "stars", rows[i].stars);
        cJSON_AddNumberToObject(o, "points", rows[i].total);
        cJSON_AddItemToArray(a, o);
    }
    return a;
}

static cJSON *state_json(const ws_ctx *c, const ws_state *st)
{
    const workshop_config *cf = &c->cfg;
    int64_t now = (int64_t)time(NULL);
    cJSON *o = cJSON_CreateObject();
    cJSON_AddStringToObject(o, "workshop", cf->id);
    cJSON_AddStringToObject(o, "title", cf->title);
    cJSON_AddStringToObject(o, "results", rstore_describe(c->st));
    cJSON_AddStringToObject(o, "phase", ws_phase_name(st->over ? RSTORE_ENDED : st->s.phase));
    cJSON_AddBoolToObject(o, "time_up", st->time_up);
    cJSON_AddNumberToObject(o, "time_limit_seconds", (double)cf->time_limit_minutes * 60);
    cJSON_AddNumberToObject(o, "elapsed_seconds", (double)ws_elapsed(&st->s, now));
    cJSON_AddNumberToObject(o, "seconds_left", (double)ws_seconds_left(cf, &st->s, now));
    cJSON_AddStringToObject(o, "announcement", st->s.announcement);
    cJSON *sc = cJSON_AddArrayToObject(o, "scenarios");
    for (int i = 0; i < cf->scenario_count; i++)
        cJSON_AddItemToArray(sc, cJSON_CreateString(cf->scenarios[i].name));
    cJSON *lobby = cJSON_AddArrayToObject(o, "lobby");
    for (int i = 0; i < st->player_count; i++) {
        cJSON *p = cJSON_CreateObject();
        cJSON_AddStringToObject(p, "name", st->players[i].name);
        cJSON_AddStringToObject(p, "team", st->players[i].team);
        cJSON_AddNumberToObject(p, "joined_at", (double)st->players[i].joined_at);
        cJSON_AddItemToArray(lobby, p);
    }
    cJSON_AddNumberToObject(o, "results_count", st->rm.game_count);
    cJSON_AddItemToObject(o, "teams", entries_json(st->rm.teams, st->rm.team_count, false));
    cJSON_AddItemToObject(o, "players", entries_json(st->rm.players, st->rm.player_count, true));
    if (st->over) {
        cJSON *deb = cJSON_AddArrayToObject(o, "debrief");
        for (int k = 0; k < st->rm.scenario_count; k++) {
            const room_scenario *s = &st->rm.scenarios[k];
            cJSON *x = cJSON_CreateObject();
            cJSON_AddStringToObject(x, "scenario", s->id);
            cJSON_AddNumberToObject(x, "games", s->games);
            cJSON_AddNumberToObject(x, "won", s->won);
            cJSON *pl = cJSON_AddObjectToObject(x, "pillars");
            for (int p = 0; p < SIM_PILLAR_COUNT; p++)
                cJSON_AddItemToObject(pl, pillar_names[p], dist_json(&s->pillar[p]));
            cJSON *w = cJSON_AddArrayToObject(x, "most_got_wrong");
            for (int i = 0; i < s->wrong_count; i++) {
                const room_decision *d = &s->decisions[s->wrong[i]];
                cJSON *y = cJSON_CreateObject();
                cJSON_AddStringToObject(y, "decision", d->text);
                cJSON_AddStringToObject(y, "best_option", d->best >= 0 ? d->options[d->best].text : "");
                cJSON_AddNumberToObject(y, "wrong_share", d->wrong_share);
                cJSON_AddItemToArray(w, y);
            }
            char lines[12][ROOM_LINE_MAX];
            int n = room_best_describe(&st->rm, s, lines, 12);
            cJSON *b = cJSON_AddArrayToObject(x, "best_game_differed");
            for (int i = 0; i < n; i++)
                cJSON_AddItemToArray(b, cJSON_CreateString(lines[i]));
            cJSON_AddItemToArray(deb, x);
        }
    }
    return o;
}

int ws_print_status(ws_ctx *c, bool json, FILE *out, FILE *err)
{
    ws_state st;
    int rc = ws_gather(c, &st, err);
    if (rc != APP_OK)
        return rc;
    if (json) {
        cJSON *o = state_json(c, &st);
        char *text = o ? cJSON_Print(o) : NULL;
        if (text)
            fprintf(out, "%s\n", text);
        free(text);
        cJSON_Delete(o);
        rc = text ? APP_OK : APP_INTERNAL;
    } else
        print_state(c, &st, out);
    ws_release(&st);
    return rc;
}

/* ---- the console window's model --------------------------------------------------------- */

/* src in at most max bytes of dst, cut on a UTF-8 boundary with "…" when
 * it does not fit: a projected line must not end in half a character. */
static const char *cut(char *dst, size_t max, const char *src)
{
    size_t n = strlen(src);
    if (n < max) {
        memcpy(dst, src, n + 1);
        return dst;
    }
    n = max > 4 ? max - 4 : 0;
    while (n > 0 && ((unsigned char)src[n] & 0xC0) == 0x80)
        n--;
    memcpy(dst, src, n);
    memcpy(dst + n, "…", 4);
    return dst;
}

void ws_fill_view(ws_ctx *c, const ws_state *st, ui_console_view *v)
{
    const workshop_config *cf = &c->cfg;
    int64_t now = (int64_t)time(NULL);
    memset(v, 0, sizeof *v);
    snprintf(v->title, sizeof v->title, "%s", cf->title);
    snprintf(v->workshop, sizeof v->workshop, "%s", cf->id);
    snprintf(v->store, sizeof v->store, "%s", rstore_describe(c->st));
    for (int i = 0; i < cf->scenario_count; i++) {
        size_t l = strlen(v->scenarios);
        snprintf(v->scenarios + l, sizeof v->scenarios - l, "%s%s", i ? ", " : "", cf->scenarios[i].name);
    }
    v->phase = (int)(st->over ? RSTORE_ENDED : st->s.phase);
    v->secs_left = ws_seconds_left(cf, &st->s, now);
    v->secs_limit = (int64_t)cf->time_limit_minutes * 60;
    snprintf(v->announcement, sizeof v->announcement, "%s", st->s.announcement);
    v->team_count = cf->team_count;
    for (int t = 0; t < cf->team_count && t < UI_CONSOLE_MAX_TEAMS; t++) {
        ui_console_team *ct = &v->teams[t];
        snprintf(ct->name, sizeof ct->name, "%s", cf->teams[t]);
        for (int i = 0; i < st->player_count; i++)
            if (strcmp(st->players[i].team, cf->teams[t]) == 0) {
                if (ct->joined < UI_CONSOLE_MAX_NAMES)
                    snprintf(ct->names[ct->joined], sizeof ct->names[0], "%s", st->players[i].name);
                ct->joined++;
            }
        for (int i = 0; i < st->rm.team_count; i++)
            if (strcmp(st->rm.teams[i].name, cf->teams[t]) == 0) {
                ct->rank = st->rm.teams[i].rank;
                ct->stars = st->rm.teams[i].stars;
                ct->points = st->rm.teams[i].total;
                ct->games = st->rm.teams[i].games;
            }
    }
    v->joined = st->player_count;
    v->results = st->rm.game_count;
    v->player_count = st->rm.player_count < UI_CONSOLE_MAX_ROWS ? st->rm.player_count : UI_CONSOLE_MAX_ROWS;
    for (int i = 0; i < v->player_count; i++) {
        const room_entry *r = &st->rm.players[i];
        ui_console_player *p = &v->players[i];
        snprintf(p->name, sizeof p->name, "%s", r->name);
        snprintf(p->team, sizeof p->team, "%s", r->team);
        p->rank = r->rank;
        p->stars = (int)r->stars;
        p->points = r->total;
        p->games = r->games;
    }
    /* The debrief shows the scenario most of the room played. */
    const room_scenario *sc = NULL;
    for (int k = 0; k < st->rm.scenario_count; k++)
        if (!sc || st->rm.scenarios[k].games > sc->games)
            sc = &st->rm.scenarios[k];
    if (sc) {
        v->have_debrief = st->over;
        snprintf(v->debrief_scenario, sizeof v->debrief_scenario, "%.127s", sc->title[0] ? sc->title : sc->id);
        v->debrief_games = sc->games;
        v->debrief_won = sc->won;
        for (int p = 0; p < SIM_PILLAR_COUNT; p++) {
            const room_dist *d = &sc->pillar[p];
            ui_console_dist *o = &v->pillars[p];
            o->n = d->n;
            o->min = d->min;
            o->q1 = d->q1;
            o->median = d->median;
            o->q3 = d->q3;
            o->max = d->max;
            o->mean = d->mean;
            memcpy(o->hist, d->hist, sizeof o->hist);
        }
        for (int i = 0; i < sc->wrong_count && v->wrong_count < UI_CONSOLE_MAX_LINES; i++) {
            const room_decision *d = &sc->decisions[sc->wrong[i]];
            char a[70], b[150];
            snprintf(v->wrong[v->wrong_count++], sizeof v->wrong[0], "%.0f%% did not choose “%s” when: %s",
                     d->wrong_share * 100.0, cut(a, sizeof a, d->best >= 0 ? d->options[d->best].text : "?"),
                     cut(b, sizeof b, d->text));
        }
        /* The comparison, then the decisions the two games took apart
         * (what a room discusses, in a line short enough to read from the
         * back), then pillars and actions. */
        char lines[16][ROOM_LINE_MAX];
        int n = room_best_describe(&st->rm, sc, lines, 16);
        if (n > 0)
            cut(v->best[v->best_count++], sizeof v->best[0], lines[0]);
        for (int i = 0; i < sc->best.decision_count && v->best_count < UI_CONSOLE_MAX_LINES; i++) {
            const room_diff_decision *dd = &sc->best.decisions[i];
            char a[56], b[56], d[96];
            snprintf(v->best[v->best_count++], sizeof v->best[0], "The best game chose “%s”, the median “%s”, when: %s",
                     cut(a, sizeof a, dd->best[0] ? dd->best : "nothing"),
                     cut(b, sizeof b, dd->median[0] ? dd->median : "nothing"), cut(d, sizeof d, dd->decision));
        }
        for (int i = 1; i < n && v->best_count < UI_CONSOLE_MAX_LINES; i++)
            if (strncmp(lines[i], "Decision", 8) != 0)
                cut(v->best[v->best_count++], sizeof v->best[0], lines[i]);
    }
}

