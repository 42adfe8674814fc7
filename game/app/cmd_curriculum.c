/* cmd_curriculum.c — `bulwark curriculum`: which campaign scenarios teach
 * which ids (Accord commitments, SSDF practices, ATT&CK techniques, CWE
 * ids, from each scenario's `teaches` and `commitments`), the totals per
 * kind with the catalogue's title for each id, and whether the campaign
 * reaches the coverage issue 6 asks for: all 4 commitments, at least 15
 * SSDF practices, 10 ATT&CK techniques (sub-techniques count with their
 * parent) and 15 CWE ids. Exit 0, or 1 when a scenario does not load or,
 * with --check, when the coverage is not reached. */
#include "bulwark/app.h"
#include "bulwark/campaign.h"
#include "bulwark/script.h"
#include "args.h"

#include <cjson/cJSON.h>
#include <stdlib.h>
#include <string.h>

#define KINDS 4
#define MAX_IDS 256

static const char *const kinds[KINDS] = { "accord", "ssdf", "attack", "cwe" };
static const char *const kind_titles[KINDS] = {
    "Tech Accord commitments", "NIST SSDF practices", "MITRE ATT&CK techniques", "CWE weaknesses",
};
static const char *const kind_units[KINDS] = { "commitments", "SSDF practices", "ATT&CK techniques", "CWE ids" };
static const int targets[KINDS] = { 4, 15, 10, 15 };
/* The four commitments in the Accord's own order. */
static const char *const commitments[] = { "protection", "no-offense", "capacity", "collective" };

typedef struct taught_id {
    char id[32];
    bool by[SCRIPT_CAMPAIGN_MAX]; /* by[i]: campaign scenario i teaches it */
} taught_id;

typedef struct curriculum {
    script_campaign c;
    bool loaded[SCRIPT_CAMPAIGN_MAX];
    char titles[SCRIPT_CAMPAIGN_MAX][128];
    taught_id ids[KINDS][MAX_IDS];
    int count[KINDS];
    int covered[KINDS];        /* distinct ids (ATT&CK: distinct parent techniques) */
    script_catalog *cat;
} curriculum;

static void curriculum_usage(FILE *out)
{
    fprintf(out,
            "usage: bulwark curriculum [--json] [--check] [--campaign FILE]\n"
            "  Lists which campaign scenarios teach which Accord commitments, SSDF\n"
            "  practices, ATT&CK techniques and CWE ids, the totals, and whether the\n"
            "  campaign covers all 4 commitments, >= 15 SSDF practices, >= 10 ATT&CK\n"
            "  techniques and >= 15 CWE ids.\n"
            "  --json           print it as JSON\n"
            "  --check          exit 1 when the coverage is not reached\n"
            "  --campaign FILE  another campaign than scripts/campaign.lua\n");
}

/* ---- gathering ---------------------------------------------------------------------- */

static void add_id(curriculum *cu, int k, const char *id, int scenario)
{
    for (int i = 0; i < cu->count[k]; i++)
        if (strcmp(cu->ids[k][i].id, id) == 0) {
            cu->ids[k][i].by[scenario] = true;
            return;
        }
    if (cu->count[k] == MAX_IDS)
        return;
    taught_id *t = &cu->ids[k][cu->count[k]++];
    snprintf(t->id, sizeof t->id, "%s", id);
    t->by[scenario] = true;
}

static int rank_accord(const char *id)
{
    for (int i = 0; i < 4; i++)
        if (strcmp(id, commitments[i]) == 0)
            return i;
    return 4;
}

static int cmp_accord(const void *a, const void *b)
{
    const taught_id *x = a, *y = b;
    int d = rank_accord(x->id) - rank_accord(y->id);
    return d ? d : strcmp(x->id, y->id);
}

static int cmp_text(const void *a, const void *b)
{
    return strcmp(((const taught_id *)a)->id, ((const taught_id *)b)->id);
}

static int cmp_number(const void *a, const void *b)
{
    long x = atol(((const taught_id *)a)->id), y = atol(((const taught_id *)b)->id);
    return x < y ? -1 : x > y;
}

/* Distinct ids of kind k; ATT&CK sub-techniques count with their parent. */
static int covered(const curriculum *cu, int k)
{
    int n = 0;
    for (int i = 0; i < cu->count[k]; i++) {
        const char *id = cu->ids[k][i].id;
        size_t base = k == 2 ? strcspn(id, ".") : strlen(id);
        bool seen = false;
        for (int j = 0; j < i && !seen; j++) {
            const char *o = cu->ids[k][j].id;
            size_t ob = k == 2 ? strcspn(o, ".") : strlen(o);
            seen = ob == base && strncmp(o, id, base) == 0;
        }
        n += !seen;
    }
    return n;
}

static int gather(curriculum *cu, FILE *err)
{
    int rc = APP_OK;
    for (int s = 0; s < cu->c.count; s++) {
        const script_campaign_entry *e = &cu->c.items[s];
        script_diags d;
        script_diags_init(&d);
        bw_err be;
        script_scenario *sc = script_scenario_load(e->path, NULL, &d, &be);
        if (!sc) {
            script_diags_print(&d, err);
            fprintf(err, "bulwark curriculum: campaign scenario '%s' does not load; it is left out\n", e->id);
            rc = APP_FAILED;
        } else if (strcmp(script_scenario_id(sc), e->id) != 0) {
            fprintf(err, "bulwark curriculum: %s has id '%s' but the campaign lists it as '%s'\n", e->path,
                    script_scenario_id(sc), e->id);
            rc = APP_FAILED;
        } else {
            cu->loaded[s] = true;
            snprintf(cu->titles[s], sizeof cu->titles[s], "%s", script_scenario_title(sc));
            for (int k = 0; k < KINDS; k++) {
                const char *ids[SCRIPT_MAX_TEACH_IDS];
                int n = script_scenario_teaches(sc, kinds[k], ids, SCRIPT_MAX_TEACH_IDS);
                for (int i = 0; i < n && i < SCRIPT_MAX_TEACH_IDS; i++)
                    add_id(cu, k, ids[i], s);
            }
        }
        script_scenario_destroy(sc);
        script_diags_free(&d);
    }
    qsort(cu->ids[0], (size_t)cu->count[0], sizeof(taught_id), cmp_accord);
    qsort(cu->ids[1], (size_t)cu->count[1], sizeof(taught_id), cmp_text);
    qsort(cu->ids[2], (size_t)cu->count[2], sizeof(taught_id), cmp_text);
    qsort(cu->ids[3], (size_t)cu->count[3], sizeof(taught_id), cmp_number);
    for (int k = 0; k < KINDS; k++)
        cu->covered[k] = covered(cu, k);
    return rc;
}

static bool met(const curriculum *cu, int k)
{
    return cu->covered[k] >= targets[k];
}

static bool all_met(const curriculum *cu)
{
    for (int k = 0; k < KINDS; k++)
        if (!met(cu, k))
            return false;
    return true;
}

static const char *title_of(const curriculum *cu, int k, const char *id)
{
    return cu->cat ? script_catalog_title(cu->cat, kinds[k], id) : "";
}

/* ---- text ------------------------------------------------------------------------------- */

static int teaches_count(const curriculum *cu, int k, int s)
{
    int n = 0;
    for (int i = 0; i < cu->count[k]; i++)
        n += cu->ids[k][i].by[s];
    return n;
}

static void print_text(const curriculum *cu, FILE *out)
{
    fprintf(out, "%s: what each scenario teaches\n\n", cu->c.title);
    fprintf(out, "  %-12s %7s %5s %7s %5s\n", "scenario", "accord", "ssdf", "attack", "cwe");
    for (int s = 0; s < cu->c.count; s++) {
        if (!cu->loaded[s]) {
            fprintf(out, "  %-12s (does not load)\n", cu->c.items[s].id);
            continue;
        }
        fprintf(out, "  %-12s %7d %5d %7d %5d%s\n", cu->c.items[s].id, teaches_count(cu, 0, s),
                teaches_count(cu, 1, s), teaches_count(cu, 2, s), teaches_count(cu, 3, s),
                cu->c.items[s].tutorial ? "  (tutorial)" : "");
    }
    for (int k = 0; k < KINDS; k++) {
        fprintf(out, "\n%s: %d (target %s%d): %s\n", kind_titles[k], cu->covered[k], k == 0 ? "all " : "at least ",
                targets[k], met(cu, k) ? "met" : "NOT MET");
        for (int i = 0; i < cu->count[k]; i++) {
            const taught_id *t = &cu->ids[k][i];
            char shown[40];
            snprintf(shown, sizeof shown, "%s%s", k == 3 ? "CWE-" : "", t->id);
            fprintf(out, "  %-11s %s\n", shown, title_of(cu, k, t->id));
            fprintf(out, "  %-11s   in:", "");
            for (int s = 0, n = 0; s < cu->c.count; s++)
                if (t->by[s])
                    fprintf(out, "%s %s", n++ ? "," : "", cu->c.items[s].id);
            fputc('\n', out);
        }
        if (k == 0)
            for (int i = 0; i < 4; i++) {
                bool found = false;
                for (int j = 0; j < cu->count[0]; j++)
                    found = found || strcmp(cu->ids[0][j].id, commitments[i]) == 0;
                if (!found)
                    fprintf(out, "  %-11s not taught by any scenario\n", commitments[i]);
            }
    }
    fprintf(out, "\nCoverage: %s —", all_met(cu) ? "met" : "NOT MET");
    for (int k = 0; k < KINDS; k++)
        fprintf(out, "%s %d %s", k ? "," : "", cu->covered[k], kind_units[k]);
    fprintf(out, " (targets: 4, 15, 10, 15).\n");
}

/* ---- JSON ------------------------------------------------------------------------------- */

static cJSON *json_of(const curriculum *cu)
{
    cJSON *root = cJSON_CreateObject();
    cJSON_AddStringToObject(root, "campaign", cu->c.title);
    cJSON *arr = cJSON_AddArrayToObject(root, "scenarios");
    for (int s = 0; s < cu->c.count; s++) {
        cJSON *o = cJSON_CreateObject();
        cJSON_AddStringToObject(o, "id", cu->c.items[s].id);
        cJSON_AddStringToObject(o, "title", cu->titles[s]);
        cJSON_AddBoolToObject(o, "tutorial", cu->c.items[s].tutorial);
        cJSON_AddBoolToObject(o, "loaded", cu->loaded[s]);
        cJSON *teaches = cJSON_AddObjectToObject(o, "teaches");
        for (int k = 0; k < KINDS; k++) {
            cJSON *ids = cJSON_AddArrayToObject(teaches, kinds[k]);
            for (int i = 0; i < cu->count[k]; i++)
                if (cu->ids[k][i].by[s])
                    cJSON_AddItemToArray(ids, cJSON_CreateString(cu->ids[k][i].id));
        }
        cJSON_AddItemToArray(arr, o);
    }
    cJSON *cov = cJSON_AddObjectToObject(root, "coverage");
    for (int k = 0; k < KINDS; k++) {
        cJSON *o = cJSON_AddObjectToObject(cov, kinds[k]);
        cJSON_AddNumberToObject(o, "count", cu->covered[k]);
        cJSON_AddNumberToObject(o, "target", targets[k]);
        cJSON_AddBoolToObject(o, "met", met(cu, k));
        cJSON *ids = cJSON_AddArrayToObject(o, "ids");
        for (int i = 0; i < cu->count[k]; i++) {
            cJSON *x = cJSON_CreateObject();
            cJSON_AddStringToObject(x, "id", cu->ids[k][i].id);
            cJSON_AddStringToObject(x, "title", title_of(cu, k, cu->ids[k][i].id));
            cJSON *by = cJSON_AddArrayToObject(x, "scenarios");
            for (int s = 0; s < cu->c.count; s++)
                if (cu->ids[k][i].by[s])
                    cJSON_AddItemToArray(by, cJSON_CreateString(cu->c.items[s].id));
            cJSON_AddItemToArray(ids, x);
        }
    }
    cJSON_AddBoolToObject(root, "met", all_met(cu));
    return root;
}

int app_cmd_curriculum(int argc, char **argv, FILE *out, FILE *err)
{
    bool json = false, check = false;
    const char *campaign = NULL;
    for (int i = 0; i < argc; i++) {
        const char *v = NULL;
        if (strcmp(argv[i], "--json") == 0) {
            json = true;
        } else if (strcmp(argv[i], "--check") == 0) {
            check = true;
        } else if (args_opt(argc, argv, &i, "--campaign", &v)) {
            if (!(campaign = v))
                return fprintf(err, "bulwark curriculum: --campaign needs a file\n"), APP_USAGE;
        } else if (strcmp(argv[i], "--help") == 0) {
            curriculum_usage(out);
            return APP_OK;
        } else {
            fprintf(err, "bulwark curriculum: unknown %s '%s'\n", argv[i][0] == '-' ? "option" : "argument",
                    argv[i]);
            curriculum_usage(err);
            return APP_USAGE;
        }
    }
    curriculum *cu = calloc(1, sizeof *cu);
    if (!cu)
        return fprintf(err, "bulwark curriculum: out of memory\n"), APP_INTERNAL;
    bw_err e;
    if (script_campaign_load(campaign, &cu->c, &e) < 0) {
        fprintf(err, "bulwark curriculum: %s\n", e.msg);
        free(cu);
        return APP_FAILED;
    }
    cu->cat = script_catalog_load(NULL, &e);
    if (!cu->cat)
        fprintf(err, "bulwark curriculum: no titles: %s\n", e.msg);
    int rc = gather(cu, err);
    if (json) {
        cJSON *root = json_of(cu);
        char *text = root ? cJSON_Print(root) : NULL;
        if (text)
            fprintf(out, "%s\n", text);
        else
            rc = APP_INTERNAL;
        free(text);
        cJSON_Delete(root);
    } else {
        print_text(cu, out);
    }
    if (rc == APP_OK && check && !all_met(cu)) {
        for (int k = 0; k < KINDS; k++)
            if (!met(cu, k))
                fprintf(err, "bulwark curriculum: the campaign teaches %d %s; it needs %d\n", cu->covered[k],
                        kind_units[k], targets[k]);
        rc = APP_FAILED;
    }
    script_catalog_destroy(cu->cat);
    script_campaign_free(&cu->c);
    free(cu);
    return rc;
}
