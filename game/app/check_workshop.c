/* check_workshop.c — `bulwark check CONFIG` for a workshop config
 * (workshop.h): every problem as file:line, then each scenario loaded
 * with the workshop's seed, so a facilitator learns before the room
 * arrives that a scenario does not load. */
#include "workshop_app.h"

#include "bulwark/workshop.h"

#include <cjson/cJSON.h>
#include <string.h>

static cJSON *diags_json(const char *file, const script_diags *d, bool ok, bool werror)
{
    cJSON *o = cJSON_CreateObject();
    cJSON_AddStringToObject(o, "file", file);
    cJSON_AddStringToObject(o, "kind", "workshop");
    cJSON_AddBoolToObject(o, "valid", ok);
    cJSON *arr = cJSON_AddArrayToObject(o, "diagnostics");
    for (int i = 0; i < d->count; i++) {
        cJSON *x = cJSON_CreateObject();
        cJSON_AddStringToObject(x, "file", d->items[i].file);
        cJSON_AddNumberToObject(x, "line", d->items[i].line);
        cJSON_AddStringToObject(x, "severity", d->items[i].warning && !werror ? "warning" : "error");
        cJSON_AddStringToObject(x, "message", d->items[i].msg);
        cJSON_AddItemToArray(arr, x);
    }
    return o;
}

bool app_check_workshop(const char *file, bool werror, void *json_all, FILE *out, FILE *err)
{
    static workshop_config c; /* 90 KiB: not on the stack */
    script_diags d;
    script_diags_init(&d);
    bw_err e;
    bool ok = workshop_load(file, &c, &d, &e) == BW_OK;
    if (ok)
        ok = workshop_verify(&c, &d) == 0 && d.errors == 0;
    bool loaded = ok;
    if (werror && d.warnings > 0)
        ok = false;
    if (json_all)
        cJSON_AddItemToArray((cJSON *)json_all, diags_json(file, &d, ok, werror));
    else {
        script_diags_print(&d, err);
        if (loaded && !ok)
            fprintf(out, "%s: %d warning%s, failed with --werror\n", file, d.warnings, d.warnings == 1 ? "" : "s");
        else if (ok)
            fprintf(out, "%s: ok (workshop %s: %d scenario%s, %d team%s, %d minute%s, results in %s)\n", file,
                    c.id, c.scenario_count, c.scenario_count == 1 ? "" : "s", c.team_count,
                    c.team_count == 1 ? "" : "s", c.time_limit_minutes, c.time_limit_minutes == 1 ? "" : "s",
                    c.results_postgres ? "PostgreSQL" : "a SQLite file");
    }
    script_diags_free(&d);
    return ok;
}
