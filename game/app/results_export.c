/* results_export.c — `bulwark results export --format csv|json`: the
 * stored results as a table for a spreadsheet, or as JSON for a program.
 *
 * CSV is RFC 4180: CRLF line ends, a header row, every field that holds
 * a comma, a quote, CR or LF quoted with its quotes doubled. Names come
 * from players, so a text field that a spreadsheet would read as a
 * formula (starting with = + - @, a tab or CR) is prefixed with a single
 * quote (the OWASP advice against CSV injection); the JSON export keeps
 * every value exactly. */
#include "bulwark/app.h"
#include "results.h"

#include <cjson/cJSON.h>
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

static void csv_field(FILE *out, const char *s)
{
    bool formula = strchr("=+-@\t\r", s[0]) && s[0];
    bool quote = formula || strpbrk(s, ",\"\r\n") != NULL;
    if (!quote) {
        fputs(s, out);
        return;
    }
    fputc('"', out);
    if (formula)
        fputc('\'', out);
    for (const char *p = s; *p; p++) {
        if (*p == '"')
            fputc('"', out);
        fputc(*p, out);
    }
    fputc('"', out);
}

int results_export_csv(const results_set *set, FILE *out)
{
    static const char *const head[] = { "id", "finished_at", "player", "team", "workshop", "scenario",
                                        "scenario_hash", "seed", "engine", "outcome", "stars", "ticks",
                                        "protection", "responsibility", "capacity", "collaboration",
                                        "pillar_total", "world_hash" };
    for (size_t i = 0; i < sizeof head / sizeof head[0]; i++)
        fprintf(out, "%s%s", i ? "," : "", head[i]);
    fputs("\r\n", out);
    for (int i = 0; i < set->count; i++) {
        const store_result *r = &set->rows[i];
        char when[32];
        results_iso_time(r->finished_at, when, sizeof when);
        fprintf(out, "%" PRId64 ",%s,", r->id, when);
        const char *text[] = { r->player, r->team, r->workshop, r->sum.scenario_id };
        for (int k = 0; k < 4; k++) {
            csv_field(out, text[k]);
            fputc(',', out);
        }
        fprintf(out, "%016" PRIx64 ",%" PRIu64 ",", r->sum.scenario_hash, r->sum.seed);
        csv_field(out, r->sum.engine);
        int total = 0;
        fprintf(out, ",%s,%d,%d", results_outcome(r->sum.outcome), r->sum.stars, r->sum.ticks);
        for (int p = 0; p < SIM_PILLAR_COUNT; p++) {
            fprintf(out, ",%d", r->sum.pillar[p]);
            total += r->sum.pillar[p];
        }
        fprintf(out, ",%d,%016" PRIx64 "\r\n", total, r->sum.world_hash);
    }
    return APP_OK;
}

int results_export_json(const results_set *set, FILE *out, FILE *err)
{
    cJSON *arr = cJSON_CreateArray();
    bool ok = arr != NULL;
    for (int i = 0; ok && i < set->count; i++) {
        cJSON *o = results_row_json(&set->rows[i]);
        ok = o && cJSON_AddItemToArray(arr, o);
    }
    char *text = ok ? cJSON_Print(arr) : NULL;
    cJSON_Delete(arr);
    if (!text) {
        fprintf(err, "bulwark results: out of memory\n");
        return APP_INTERNAL;
    }
    fprintf(out, "%s\n", text);
    free(text);
    return APP_OK;
}
