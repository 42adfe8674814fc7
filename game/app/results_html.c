/* results_html.c — `bulwark results export --format html`: one
 * self-contained page a facilitator projects at the end of a workshop:
 * the scoreboards by team and by player, per scenario the pillar charts,
 * the decisions most players got wrong and how the best game differed,
 * then one section per player with each game's timeline and what it
 * taught (the debrief model, rebuilt by replaying the record).
 *
 * Self-contained and inert: inline CSS, inline SVG, no script, no link,
 * no image, no font, nothing with a URL; a Content-Security-Policy meta
 * forbids every load besides. Every text that comes from a store or a
 * record (names, scenario texts) is untrusted and goes through esc(),
 * which also escapes / = ( ) so no text, not even a URL a scenario
 * printed, reads as a link or a load to a person or a scanner. */
#include "bulwark/app.h"
#include "bulwark/room.h"
#include "results.h"

#include <cjson/cJSON.h>
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

static const char *const pillar_colour[SIM_PILLAR_COUNT] = { "#1f6feb", "#8250df", "#b35900", "#1a7f37" };
static const char *const pillar_title[SIM_PILLAR_COUNT] = { "Protection", "Responsibility", "Capacity",
                                                            "Collaboration" };

static void esc(FILE *o, const char *s)
{
    for (const unsigned char *p = (const unsigned char *)(s ? s : ""); *p; p++) {
        switch (*p) {
        case '&': fputs("&amp;", o); break;
        case '<': fputs("&lt;", o); break;
        case '>': fputs("&gt;", o); break;
        case '"': fputs("&quot;", o); break;
        case '\'': fputs("&#39;", o); break;
        case '/': fputs("&#47;", o); break;
        case '=': fputs("&#61;", o); break;
        case '(': fputs("&#40;", o); break;
        case ')': fputs("&#41;", o); break;
        default:
            if (*p < 0x20 && *p != '\n' && *p != '\t')
                fputc('?', o); /* control characters: as a terminal would get them, cleaned */
            else
                fputc(*p, o);
        }
    }
}

/* A name as shown: "(no name)" for none. */
static void esc_name(FILE *o, const char *s)
{
    if (s && s[0])
        esc(o, s);
    else
        fputs("<i>&#40;no name&#41;</i>", o);
}

static void stars(FILE *o, double n)
{
    int full = (int)(n + 0.5);
    fprintf(o, "<span class=\"stars\" title=\"%.1f of 3 stars\">", n);
    for (int i = 0; i < 3; i++)
        fputs(i < full ? "★" : "☆", o);
    fputs("</span>", o);
}

static void head(FILE *o, const char *title)
{
    fputs("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
          "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; "
          "style-src 'unsafe-inline'; img-src 'none'; font-src 'none'; connect-src 'none'; "
          "script-src 'none'; frame-src 'none'; form-action 'none'; base-uri 'none'\">\n"
          "<meta name=\"referrer\" content=\"no-referrer\">\n"
          "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>",
          o);
    esc(o, title);
    fputs("</title>\n<style>\n"
          "body{font-family:\"DejaVu Sans\",\"Segoe UI\",Helvetica,Arial,sans-serif;margin:0;background:#f6f8fa;"
          "color:#1f2328;font-size:18px;line-height:1.45}\n"
          "main{max-width:1200px;margin:0 auto;padding:24px 32px 64px}\n"
          "header.top{background:#0d2538;color:#fff;padding:28px 32px}\n"
          "header.top h1{margin:0;font-size:2.1em}header.top p{margin:.3em 0 0;color:#c9d7e3;font-size:1.05em}\n"
          "h2{font-size:1.6em;margin:1.6em 0 .5em;border-bottom:3px solid #d0d7de;padding-bottom:.2em}\n"
          "h3{font-size:1.25em;margin:1.2em 0 .4em}\n"
          "section.card>h2:first-child{margin-top:.3em}\n"
          "section.card{background:#fff;border:1px solid #d0d7de;border-radius:10px;padding:16px 24px;"
          "margin:16px 0}\n"
          ".boards{display:flex;flex-wrap:wrap;gap:24px}.boards>section{flex:1 1 480px}\n"
          "table{border-collapse:collapse;width:100%}th,td{text-align:left;padding:6px 10px;"
          "border-bottom:1px solid #eaeef2;vertical-align:top}\n"
          "th{font-size:.85em;text-transform:uppercase;letter-spacing:.04em;color:#57606a}\n"
          "td.num,th.num{text-align:right;font-variant-numeric:tabular-nums}\n"
          "tr.first td{font-weight:bold;background:#fff8c5}\n"
          ".stars{color:#bf8700;font-size:1.15em;letter-spacing:.05em;white-space:nowrap}\n"
          ".bar{display:inline-block;height:.8em;background:#54aeff;border-radius:3px;vertical-align:middle}\n"
          ".charts{display:flex;flex-wrap:wrap;gap:12px}\n"
          "svg text{font-family:inherit}\n"
          ".muted{color:#57606a}.won{color:#1a7f37;font-weight:bold}.lost{color:#cf222e;font-weight:bold}\n"
          ".ok{color:#1a7f37}.bad{color:#cf222e;font-weight:bold}\n"
          ".opt{display:flex;align-items:center;gap:10px;margin:2px 0}.opt .label{flex:0 0 46%}\n"
          ".opt .best{color:#1a7f37;font-weight:bold}.tag{font-size:.75em;border-radius:4px;padding:1px 6px;"
          "margin-left:6px;background:#ffebe9;color:#82071e;border:1px solid #ff8182}\n"
          "ul.tight{margin:.3em 0;padding-left:1.3em}ul.tight li{margin:.25em 0}\n"
          "details{margin:.4em 0}summary{cursor:pointer;color:#0550ae;font-weight:bold}\n"
          "table.tl td{font-size:.85em;padding:2px 8px}\n"
          "nav.toc a,td a{color:#0550ae}\n"
          "@media print{body{background:#fff}section.card{break-inside:avoid}}\n"
          "</style>\n</head>\n<body>\n",
          o);
}

/* ---- scoreboards ------------------------------------------------------------------ */

/* The player's section id: their rank order, never their name. */
static int player_anchor(const room *r, const char *name)
{
    for (int i = 0; i < r->player_count; i++)
        if (strcmp(r->players[i].name, name) == 0)
            return i + 1;
    return 0;
}

static void team_board(FILE *o, const room *r)
{
    fputs("<section class=\"card\" id=\"teams\"><h2>Teams</h2>\n", o);
    if (!r->team_count) {
        fputs("<p class=\"muted\">No team named in these results.</p></section>\n", o);
        return;
    }
    double top = 1;
    for (int i = 0; i < r->team_count; i++)
        top = r->teams[i].total > top ? r->teams[i].total : top;
    fputs("<table><thead><tr><th class=\"num\">#</th><th>Team</th><th class=\"num\">Players</th>"
          "<th>Stars &#40;mean&#41;</th><th class=\"num\">Pillar total &#40;mean&#41;</th><th></th></tr></thead><tbody>\n",
          o);
    for (int i = 0; i < r->team_count; i++) {
        const room_entry *t = &r->teams[i];
        fprintf(o, "<tr%s><td class=\"num\">%d</td><td>", t->rank == 1 ? " class=\"first\"" : "", t->rank);
        esc(o, t->name);
        fprintf(o, "</td><td class=\"num\">%d</td><td>", t->players);
        stars(o, t->stars);
        fprintf(o, " %.1f</td><td class=\"num\">%.0f</td><td><span class=\"bar\" style=\"width:%.0fpx\"></span></td></tr>\n",
                t->stars, t->total, 160 * t->total / top);
    }
    fputs("</tbody></table></section>\n", o);
}

static void player_board(FILE *o, const room *r)
{
    fputs("<section class=\"card\" id=\"players\"><h2>Players</h2>\n"
          "<table><thead><tr><th class=\"num\">#</th><th>Player</th><th>Team</th><th>Stars</th>"
          "<th class=\"num\">Pillar total</th><th class=\"num\">Games</th></tr></thead><tbody>\n",
          o);
    for (int i = 0; i < r->player_count; i++) {
        const room_entry *p = &r->players[i];
        fprintf(o, "<tr%s><td class=\"num\">%d</td><td><a href=\"#player-%d\">", p->rank == 1 ? " class=\"first\"" : "",
                p->rank, i + 1);
        esc_name(o, p->name);
        fputs("</a></td><td>", o);
        esc(o, p->team);
        fputs("</td><td>", o);
        stars(o, p->scenarios > 1 ? p->stars / p->scenarios : p->stars);
        if (p->scenarios > 1)
            fprintf(o, " %.0f over %d scenarios", p->stars, p->scenarios);
        fprintf(o, "</td><td class=\"num\">%.0f</td><td class=\"num\">%d</td></tr>\n", p->total, p->games);
    }
    fputs("</tbody></table></section>\n", o);
}

/* ---- charts ------------------------------------------------------------------------ */

/* Box plots of the four pillars on one 0..100 axis. */
static void box_plots(FILE *o, const room_scenario *sc, int n)
{
    const int W = 1040, left = 170, right = 220, row = 54, top = 34;
    const int H = top + row * SIM_PILLAR_COUNT + 34, span = W - left - right;
    fprintf(o, "<svg role=\"img\" aria-labelledby=\"box-%d-t\" viewBox=\"0 0 %d %d\" width=\"100%%\">"
               "<title id=\"box-%d-t\">Pillar distributions: minimum, quartiles and maximum of each pillar over %d games</title>\n",
            n, W, H, n, sc->games);
    for (int v = 0; v <= 100; v += 25) {
        int x = left + span * v / 100;
        fprintf(o, "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"#d0d7de\"/>"
                   "<text x=\"%d\" y=\"%d\" font-size=\"15\" text-anchor=\"middle\" fill=\"#57606a\">%d</text>\n",
                x, top - 8, x, H - 28, x, H - 8, v);
    }
    fprintf(o, "<text x=\"%d\" y=\"18\" font-size=\"15\" fill=\"#57606a\">min · quartiles · max</text>\n", left);
    for (int p = 0; p < SIM_PILLAR_COUNT; p++) {
        const room_dist *d = &sc->pillar[p];
        int y = top + row * p + row / 2;
#define X(v) (left + span * (v) / 100)
        fprintf(o, "<g><title>%s: min %d, first quartile %d, median %d, third quartile %d, max %d, mean %.1f</title>\n",
                pillar_title[p], d->min, d->q1, d->median, d->q3, d->max, d->mean);
        fprintf(o, "<text x=\"0\" y=\"%d\" font-size=\"19\" font-weight=\"bold\" fill=\"%s\">%s</text>\n", y + 6,
                pillar_colour[p], pillar_title[p]);
        fprintf(o, "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"%s\" stroke-width=\"3\"/>\n", X(d->min), y,
                X(d->max), y, pillar_colour[p]);
        fprintf(o, "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"%s\" stroke-width=\"3\"/>"
                   "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"%s\" stroke-width=\"3\"/>\n",
                X(d->min), y - 10, X(d->min), y + 10, pillar_colour[p], X(d->max), y - 10, X(d->max), y + 10,
                pillar_colour[p]);
        int bw = X(d->q3) - X(d->q1);
        fprintf(o, "<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"30\" rx=\"4\" fill=\"%s\" fill-opacity=\"0.25\" "
                   "stroke=\"%s\" stroke-width=\"2\"/>\n",
                X(d->q1), y - 15, bw < 2 ? 2 : bw, pillar_colour[p], pillar_colour[p]);
        fprintf(o, "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"#1f2328\" stroke-width=\"4\"/>\n", X(d->median),
                y - 15, X(d->median), y + 15);
        fprintf(o, "<text x=\"%d\" y=\"%d\" font-size=\"16\" fill=\"#1f2328\">median %d · mean %.0f</text></g>\n",
                W - right + 12, y + 6, d->median, d->mean);
#undef X
    }
    fputs("</svg>\n", o);
}

/* A histogram of one distribution: bins of 10 (pillars) or stars 0..3. */
static void histogram(FILE *o, const room_dist *d, const char *title, const char *colour, bool star_bins, int id)
{
    const int W = 270, H = 176, left = 8, base = 136, bins = star_bins ? 4 : ROOM_HIST_BINS;
    const int bw = (W - 2 * left) / bins;
    int top = 1;
    for (int b = 0; b < bins; b++)
        top = d->hist[b] > top ? d->hist[b] : top;
    fprintf(o, "<svg role=\"img\" aria-labelledby=\"h%d\" viewBox=\"0 0 %d %d\" width=\"%d\" height=\"%d\">"
               "<title id=\"h%d\">%s: how many games ended in each band</title>\n",
            id, W, H, W, H, id, title);
    fprintf(o, "<text x=\"%d\" y=\"18\" font-size=\"16\" font-weight=\"bold\" fill=\"%s\">%s</text>\n", left, colour, title);
    for (int b = 0; b < bins; b++) {
        int h = (base - 40) * d->hist[b] / top, x = left + b * bw;
        if (star_bins)
            fprintf(o, "<g><title>%d star%s: %d game%s</title>", b, b == 1 ? "" : "s", d->hist[b], d->hist[b] == 1 ? "" : "s");
        else
            fprintf(o, "<g><title>%d to %d: %d game%s</title>", b * 10, b == bins - 1 ? 100 : b * 10 + 9, d->hist[b],
                    d->hist[b] == 1 ? "" : "s");
        fprintf(o, "<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" fill=\"%s\"/>", x + 1, base - h, bw - 2, h, colour);
        if (d->hist[b])
            fprintf(o, "<text x=\"%d\" y=\"%d\" font-size=\"13\" text-anchor=\"middle\" fill=\"#1f2328\">%d</text>",
                    x + bw / 2, base - h - 4, d->hist[b]);
        fputs("</g>\n", o);
        if (star_bins)
            fprintf(o, "<text x=\"%d\" y=\"%d\" font-size=\"14\" text-anchor=\"middle\" fill=\"#57606a\">%d★</text>\n",
                    x + bw / 2, base + 18, b);
    }
    fprintf(o, "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"#57606a\"/>\n", left, base, W - left, base);
    if (!star_bins)
        fprintf(o, "<text x=\"%d\" y=\"%d\" font-size=\"13\" fill=\"#57606a\">0</text>"
                   "<text x=\"%d\" y=\"%d\" font-size=\"13\" text-anchor=\"middle\" fill=\"#57606a\">50</text>"
                   "<text x=\"%d\" y=\"%d\" font-size=\"13\" text-anchor=\"end\" fill=\"#57606a\">100</text>\n",
                left, base + 18, left + 5 * bw, base + 18, W - left, base + 18);
    fputs("</svg>\n", o);
}

/* ---- decisions --------------------------------------------------------------------- */

static void decision(FILE *o, const room_decision *d, bool wrong)
{
    fputs("<h3>", o);
    esc(o, d->text);
    fputs("</h3>\n", o);
    const char *best = d->best < 0 ? NULL : d->options[d->best].text[0] ? d->options[d->best].text : "other options";
    if (wrong) {
        fprintf(o, "<p><b>%d of %d</b> players picked an option whose games scored worse than “", d->wrong,
                d->answered);
        esc(o, best);
        fputs("”.</p>\n", o);
    } else {
        fprintf(o, "<p>%d of %d players answered. ", d->answered, d->games);
        if (best) {
            fputs("The games of “", o);
            esc(o, best);
            fputs("” scored best.</p>\n", o);
        } else {
            fputs("Too few different answers to compare.</p>\n", o);
        }
    }
    for (int k = 0; k < d->option_count; k++) {
        const room_option *op = &d->options[k];
        int pct = d->answered ? 100 * op->count / d->answered : 0;
        fprintf(o, "<div class=\"opt\"><span class=\"label%s\">%s", k == d->best ? " best" : "", k == d->best ? "✔ " : "");
        esc(o, op->text[0] ? op->text : "other options");
        if (op->offensive)
            fputs("<span class=\"tag\">offensive</span>", o);
        fprintf(o, "</span><span class=\"bar\" style=\"width:%dpx;background:%s\"></span>"
                   "<span>%d game%s%s, mean total %.0f, %.1f★</span></div>\n",
                3 * pct + 2, k == d->best ? "#1a7f37" : "#cf222e", op->count, op->count == 1 ? "" : "s",
                op->by_default ? " &#40;some by the deadline&#41;" : "", op->mean_total, op->mean_stars);
    }
}

static void scenario_section(FILE *o, const room *r, const room_scenario *sc, int n)
{
    fprintf(o, "<section class=\"card\" id=\"scenario-%d\"><h2>", n);
    esc(o, sc->title[0] ? sc->title : sc->id);
    fputs(" <span class=\"muted\">&#40;", o);
    esc(o, sc->id);
    fprintf(o, "&#41;</span></h2>\n<p>%d game%s, %d won. Stars: median %d; pillar total: median %d, from %d to %d.</p>\n",
            sc->games, sc->games == 1 ? "" : "s", sc->won, sc->stars.median, sc->total.median, sc->total.min,
            sc->total.max);
    fputs("<h3>Pillars</h3>\n", o);
    box_plots(o, sc, n);
    fputs("<div class=\"charts\">\n", o);
    for (int p = 0; p < SIM_PILLAR_COUNT; p++)
        histogram(o, &sc->pillar[p], pillar_title[p], pillar_colour[p], false, n * 10 + p);
    histogram(o, &sc->stars, "Stars", "#bf8700", true, n * 10 + 4);
    fputs("</div>\n", o);

    fputs("<h3>The decisions most got wrong</h3>\n", o);
    if (!sc->wrong_count)
        fputs("<p class=\"muted\">None: on every decision, most players picked the option whose games scored best "
              "&#40;or too few answered differently to tell&#41;.</p>\n",
              o);
    for (int i = 0; i < sc->wrong_count; i++)
        decision(o, &sc->decisions[sc->wrong[i]], true);
    if (sc->decision_count > sc->wrong_count) {
        fprintf(o, "<details><summary>Every decision &#40;%d&#41;</summary>\n", sc->decision_count);
        for (int i = 0; i < sc->decision_count; i++)
            decision(o, &sc->decisions[i], false);
        fputs("</details>\n", o);
    }

    fputs("<h3>How the best game differed</h3>\n<ul class=\"tight\">\n", o);
    char lines[24][ROOM_LINE_MAX];
    int nl = room_best_describe(r, sc, lines, 24);
    for (int i = 0; i < nl; i++) {
        fputs("<li>", o);
        esc(o, lines[i]);
        fputs("</li>\n", o);
    }
    fputs("</ul></section>\n", o);
}

/* ---- players ----------------------------------------------------------------------- */

static void learned(FILE *o, const results_replay *rp, const script_catalog *cat, const cJSON *rec)
{
    script_debrief d;
    bw_err e;
    if (rp->s && script_debrief_build(rp->s, cat, &d, &e) == BW_OK) {
        if (d.practice_count) {
            fputs("<p><b>What this game taught</b></p><ul class=\"tight\">\n", o);
            for (int i = 0; i < d.practice_count; i++) {
                fputs("<li><b>", o);
                esc(o, d.practices[i].id);
                fputs("</b> ", o);
                esc(o, d.practices[i].title);
                fputs("<br><span class=\"muted\">", o);
                esc(o, d.practices[i].in_game);
                fputs("</span></li>\n", o);
            }
            fputs("</ul>\n", o);
        }
        if (d.incident_count) {
            fputs("<p><b>Incidents, and what would have prevented them</b></p><ul class=\"tight\">\n", o);
            for (int i = 0; i < d.incident_count && i < 12; i++) {
                fprintf(o, "<li>Day %d: ", d.incidents[i].tick / SIM_TICKS_PER_DAY + 1);
                esc(o, d.incidents[i].what);
                fputs(" — ", o);
                esc(o, d.incidents[i].prevent);
                fputs("</li>\n", o);
            }
            fputs("</ul>\n", o);
        }
        if (d.moment_count) {
            fputs("<p><b>The moments that mattered most</b></p><ul class=\"tight\">\n", o);
            for (int i = 0; i < d.moment_count && i < 5; i++) {
                fputs("<li>", o);
                esc(o, d.moments[i].text);
                fputs("</li>\n", o);
            }
            fputs("</ul>\n", o);
        }
        script_debrief_free(&d);
    }
    const cJSON *text = cJSON_GetObjectItemCaseSensitive(rec, "debrief");
    if (cJSON_IsString(text) && text->valuestring[0]) {
        fputs("<p><b>The scenario's debrief</b></p><p style=\"white-space:pre-wrap\">", o);
        esc(o, text->valuestring);
        fputs("</p>\n", o);
    }
}

static void timeline(FILE *o, const cJSON *rec)
{
    const cJSON *tl = cJSON_GetObjectItemCaseSensitive(rec, "timeline"), *x;
    int n = 0;
    cJSON_ArrayForEach(x, tl)
    {
        const cJSON *k = cJSON_GetObjectItemCaseSensitive(x, "kind");
        n += !(cJSON_IsString(k) && strcmp(k->valuestring, "action_started") == 0);
    }
    fprintf(o, "<details><summary>Timeline &#40;%d events&#41;</summary><table class=\"tl\"><tbody>\n", n);
    cJSON_ArrayForEach(x, tl)
    {
        const cJSON *t = cJSON_GetObjectItemCaseSensitive(x, "tick"), *k = cJSON_GetObjectItemCaseSensitive(x, "kind"),
                    *s = cJSON_GetObjectItemCaseSensitive(x, "text");
        if (!cJSON_IsNumber(t) || !cJSON_IsString(k) || !cJSON_IsString(s) || !strcmp(k->valuestring, "action_started"))
            continue;
        int tick = t->valueint < 0 ? 0 : t->valueint;
        fprintf(o, "<tr><td class=\"num\">day %d %02d:00</td><td>", tick / SIM_TICKS_PER_DAY + 1, tick % SIM_TICKS_PER_DAY);
        esc(o, k->valuestring);
        fputs("</td><td>", o);
        esc(o, s->valuestring);
        fputs("</td></tr>\n", o);
    }
    fputs("</tbody></table></details>\n", o);
}

static void game_block(FILE *o, const results_sel *sel, const store_result *g, const char *text,
                       const script_catalog *cat)
{
    int total = 0;
    for (int p = 0; p < SIM_PILLAR_COUNT; p++)
        total += g->sum.pillar[p];
    char when[32];
    results_iso_time(g->finished_at, when, sizeof when);
    cJSON *rec = text ? cJSON_Parse(text) : NULL;
    const cJSON *title = cJSON_GetObjectItemCaseSensitive(cJSON_GetObjectItemCaseSensitive(rec, "scenario"), "title");
    fputs("<h3>", o);
    esc(o, cJSON_IsString(title) ? title->valuestring : g->sum.scenario_id);
    fprintf(o, " <span class=\"muted\">result %" PRId64 ", %s</span></h3>\n<p><span class=\"%s\">%s</span> ", g->id, when,
            g->sum.outcome == SIM_OUTCOME_WON ? "won" : "lost", g->sum.outcome == SIM_OUTCOME_WON ? "Won" : "Lost");
    stars(o, g->sum.stars);
    fprintf(o, " · pillar total %d ·", total);
    for (int p = 0; p < SIM_PILLAR_COUNT; p++)
        fprintf(o, " <span style=\"color:%s\">%s %d</span>", pillar_colour[p], pillar_title[p], g->sum.pillar[p]);
    fputs("</p>\n", o);
    results_replay rp;
    results_replay_one(g, text, sel->have_config ? sel->cfg : NULL, true, &rp);
    if (rp.verdict == RESULTS_OK)
        fputs("<p class=\"ok\">✔ Verified: replaying its actions gives the same world and scores.</p>\n", o);
    else {
        fprintf(o, "<p class=\"bad\">⚠ %s: ", rp.verdict == RESULTS_MISMATCH ? "Mismatch" : "Not verified");
        esc(o, rp.why);
        fputs("</p>\n", o);
    }
    learned(o, &rp, cat, rec);
    if (rec)
        timeline(o, rec);
    script_scenario_destroy(rp.s);
    cJSON_Delete(rec);
}

static void player_sections(FILE *o, const results_sel *sel, const results_set *set, const room *r)
{
    bw_err e;
    script_catalog *cat = script_catalog_load(NULL, &e); /* NULL: titles left empty */
    fputs("<h2 id=\"each-player\">Each player</h2>\n", o);
    for (int i = 0; i < r->player_count; i++) {
        const room_entry *p = &r->players[i];
        fprintf(o, "<section class=\"card\" id=\"player-%d\"><h2>#%d ", player_anchor(r, p->name), p->rank);
        esc_name(o, p->name);
        if (p->team[0]) {
            fputs(" <span class=\"muted\">team ", o);
            esc(o, p->team);
            fputs("</span>", o);
        }
        fputs("</h2>\n", o);
        for (int k = 0; k < set->count; k++)
            if (strcmp(set->rows[k].player, p->name) == 0)
                game_block(o, sel, &set->rows[k], set->records ? set->records[k] : NULL, cat);
        fputs("<p><a href=\"#players\">↑ the scoreboard</a></p></section>\n", o);
    }
    script_catalog_destroy(cat);
}

int results_export_html(const results_sel *sel, const results_set *set, FILE *o, FILE *err)
{
    room r;
    bw_err e;
    if (room_build(set->rows, (const char *const *)set->records, set->count, &r, &e) != BW_OK) {
        fprintf(err, "bulwark results export: %s\n", e.msg);
        return APP_INTERNAL;
    }
    char title[256];
    const char *ws = sel->filter.workshop;
    /* results all of one workshop: name it, even unfiltered */
    bool one = set->count > 0 && set->rows[0].workshop[0];
    for (int i = 1; one && i < set->count; i++)
        one = strcmp(set->rows[i].workshop, set->rows[0].workshop) == 0;
    if (!ws && one)
        ws = set->rows[0].workshop;
    if (sel->have_config && sel->cfg->title[0])
        snprintf(title, sizeof title, "%s", sel->cfg->title);
    else if (ws)
        snprintf(title, sizeof title, "Workshop %s", ws);
    else
        snprintf(title, sizeof title, "Bulwark results");
    head(o, title);
    fputs("<header class=\"top\"><h1>", o);
    esc(o, title);
    fputs("</h1><p>", o);
    if (ws) {
        fputs("Workshop <b>", o);
        esc(o, ws);
        fputs("</b> · ", o);
    }
    fprintf(o, "%d result%s · %d player%s · %d team%s", set->count, set->count == 1 ? "" : "s", r.player_count,
            r.player_count == 1 ? "" : "s", r.team_count, r.team_count == 1 ? "" : "s");
    if (set->count) {
        int64_t lo = set->rows[0].finished_at, hi = lo;
        for (int i = 1; i < set->count; i++) {
            lo = set->rows[i].finished_at < lo ? set->rows[i].finished_at : lo;
            hi = set->rows[i].finished_at > hi ? set->rows[i].finished_at : hi;
        }
        char a[32], b[32];
        results_iso_time(lo, a, sizeof a);
        results_iso_time(hi, b, sizeof b);
        fprintf(o, " · games finished %s to %s", a, b);
    }
    fputs("</p></header>\n<main>\n", o);
    if (!set->count)
        fputs("<p>No results yet.</p>\n", o);
    else {
        fputs("<nav class=\"toc\"><p>", o);
        fputs("<a href=\"#teams\">Teams</a> · <a href=\"#players\">Players</a>", o);
        for (int s = 0; s < r.scenario_count; s++) {
            fprintf(o, " · <a href=\"#scenario-%d\">", s + 1);
            esc(o, r.scenarios[s].title[0] ? r.scenarios[s].title : r.scenarios[s].id);
            fputs("</a>", o);
        }
        fputs(" · <a href=\"#each-player\">Each player</a></p></nav>\n", o);
        fputs("<div class=\"boards\">\n", o);
        team_board(o, &r);
        player_board(o, &r);
        fputs("</div>\n", o);
        for (int s = 0; s < r.scenario_count; s++)
            scenario_section(o, &r, &r.scenarios[s], s + 1);
        player_sections(o, sel, set, &r);
    }
    fputs("<p class=\"muted\">Made by <b>bulwark results export</b> from the stored result records; each "
          "game says whether replaying its actions gave the same world and scores.</p>\n</main>\n</body>\n</html>\n",
          o);
    room_free(&r);
    return APP_OK;
}
