/* cmd_check.c — `bulwark check FILE…`: validate scenarios without playing
 * them. Diagnostics as "file:line: error: message"; --json for tools.
 * Exit 0 when every file is valid, 1 otherwise, 2 on a usage error. */
#include "bulwark/app.h"
#include "bulwark/script.h"
#include "bulwark/workshop.h"
#include "workshop_app.h"

#include <cjson/cJSON.h>
#include <stdlib.h>
#include <string.h>

static void check_usage(FILE *out)
{
    fprintf(out, "usage: bulwark check [--json] [--werror] FILE...\n"
                 "  Loads each scenario in the sandbox and validates every field without\n"
                 "  playing it. Prints file:line: error: message for each problem, and\n"
                 "  file:line: warning: message [lint] for each lint: something that loads\n"
                 "  but is likely not meant (scripts/API.md, \"Lints\"):\n"
                 "    unreachable-objective  an objective nothing the player may do can meet\n"
                 "    after-end              a day, event or weakness after the last day\n"
                 "    unreachable-asset      a node of value no attacker reaches, no objective protects\n"
                 "    action-no-target       an offered action no node (actor, report, decision) takes\n"
                 "    text-too-long          a title, label or option longer than the screen shows\n"
                 "    unused                 an actor never active or with no way in, a price or\n"
                 "                           weakness pool nothing uses\n"
                 "    unknown-id             a script names a node, vulnerability, actor, objective,\n"
                 "                           state or counter that does not exist\n"
                 "  A scenario silences a lint it means with lint = { ignore = { \"name\" } }.\n"
                 "  Prints each valid file's id and content hash (FNV-1a 64 of its bytes).\n"
                 "  --json      an array of { file, valid, id, hash, diagnostics: [{ file, line,\n"
                 "              severity, message }] }\n"
                 "  --werror    warnings count as errors (exit 1 when any)\n"
                 "  Exit 0 when every file is valid (warnings allowed without --werror), 1 when\n"
                 "  one is not, 2 on a usage error.\n"
                 "  A workshop config (NAME.workshop.lua, or a file with top-level\n"
                 "  'workshop =' and 'results =' fields) is checked as one, and its\n"
                 "  scenarios loaded with its seed (docs/workshops.md).\n");
}

static cJSON *diags_json(const char *file, const script_diags *d, bool ok, bool werror)
{
    cJSON *o = cJSON_CreateObject();
    cJSON_AddStringToObject(o, "file", file);
    cJSON_AddBoolToObject(o, "valid", ok);
    cJSON_AddBoolToObject(o, "cut", d->cut); /* more problems than the SCRIPT_DIAGS_MAX listed */
    cJSON *arr = cJSON_AddArrayToObject(o, "diagnostics");
    for (int i = 0; i < d->count; i++) {
        cJSON *x = cJSON_CreateObject();
        cJSON_AddStringToObject(x, "file", d->items[i].file);
        cJSON_AddNumberToObject(x, "line", d->items[i].line);
        cJSON_AddStringToObject(x, "severity",
                                d->items[i].warning && !werror ? "warning" : "error");
        cJSON_AddStringToObject(x, "message", d->items[i].msg);
        cJSON_AddItemToArray(arr, x);
    }
    return o;
}

int app_cmd_check(int argc, char **argv, FILE *out, FILE *err)
{
    bool json = false, werror = false;
    int files = 0;
    for (int i = 0; i < argc; i++) {
        if (strcmp(argv[i], "--json") == 0)
            json = true;
        else if (strcmp(argv[i], "--werror") == 0)
            werror = true;
        else if (strcmp(argv[i], "--help") == 0) {
            check_usage(out);
            return APP_OK;
        } else if (argv[i][0] == '-' && argv[i][1]) {
            fprintf(err, "bulwark check: unknown option '%s'\n", argv[i]);
            check_usage(err);
            return APP_USAGE;
        } else
            files++;
    }
    if (!files) {
        check_usage(err);
        return APP_USAGE;
    }
    int bad = 0;
    cJSON *all = json ? cJSON_CreateArray() : NULL;
    for (int i = 0; i < argc; i++) {
        if (argv[i][0] == '-' && argv[i][1])
            continue;
        /* A shell glob of a scenario folder names the tests beside the
         * scenarios too: they are not scenarios, and `test` runs them. */
        size_t len = strlen(argv[i]);
        if (len > 9 && strcmp(argv[i] + len - 9, ".test.lua") == 0) {
            if (!json)
                fprintf(out, "%s: skipped (a scenario test file: run it with bulwark test)\n", argv[i]);
            continue;
        }
        if (workshop_file_is_config(argv[i])) { /* a workshop config (docs/workshops.md) */
            bad += !app_check_workshop(argv[i], werror, all, out, err);
            continue;
        }
        script_diags d;
        script_diags_init(&d);
        bw_err e;
        char path[1024];
        script_options so;
        memset(&so, 0, sizeof so);
        so.lint = true;
        script_scenario *s = script_scenario_load(app_resolve(argv[i], "scenarios", path, sizeof path),
                                                  &so, &d, &e);
        bool ok = s != NULL && d.errors == 0 && !(werror && d.warnings > 0);
        bad += !ok;
        char hash[17] = "";
        if (s)
            snprintf(hash, sizeof hash, "%016llx", (unsigned long long)script_scenario_hash(s));
        if (json) {
            cJSON *o = diags_json(argv[i], &d, ok, werror);
            if (s) {
                cJSON_AddStringToObject(o, "id", script_scenario_id(s));
                cJSON_AddStringToObject(o, "hash", hash);
            }
            cJSON_AddItemToArray(all, o);
        } else {
            script_diags_print(&d, err);
            int days = s ? sim_world_days(script_scenario_cworld(s)) : 0;
            char warned[40] = "";
            if (d.warnings)
                snprintf(warned, sizeof warned, " with %d warning%s", d.warnings,
                         d.warnings == 1 ? "" : "s");
            if (ok)
                fprintf(out, "%s: ok (%s, %d day%s, hash %s)%s\n", argv[i], script_scenario_id(s),
                        days, days == 1 ? "" : "s", hash, warned);
            else if (s)
                fprintf(out, "%s: %d warning%s, failed with --werror\n", argv[i], d.warnings,
                        d.warnings == 1 ? "" : "s");
        }
        script_scenario_destroy(s);
        script_diags_free(&d);
    }
    if (json) {
        char *text = cJSON_Print(all);
        if (text)
            fprintf(out, "%s\n", text);
        free(text);
        cJSON_Delete(all);
    }
    return bad ? APP_FAILED : APP_OK;
}
