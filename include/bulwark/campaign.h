/* campaign.h — the campaign: the ordered list of scenarios a player
 * unlocks one by one (scripts/campaign.lua; the contract is docs/balance.md and README).
 *
 * The campaign file is data, run in a sandbox like any script:
 *
 *   return {
 *     title = "The Bulwark campaign",
 *     scenarios = {
 *       { id = "tutorial", file = "scenarios/tutorial.lua", tutorial = true },
 *       { id = "mirai",    file = "scenarios/mirai.lua" },
 *       ...
 *     },
 *   }
 *
 * Files are relative to the campaign file's directory (scripts/ for the
 * shipped one) and must stay inside it: no absolute path, no "..", and a
 * file that exists must not lead outside through a symbolic link. Loading
 * checks the campaign itself (types, ids, duplicates, paths); it neither
 * needs nor reads the scenario files, so a campaign map can show an entry
 * whose scenario is missing. script_campaign_verify loads every scenario
 * and checks that its own id matches its entry's.
 *
 * Ownership: script_campaign_load fills a caller-owned struct whose items
 * the caller frees with script_campaign_free. */
#ifndef BULWARK_CAMPAIGN_H
#define BULWARK_CAMPAIGN_H

#include <stdbool.h>

#include "bulwark/error.h"
#include "bulwark/script.h"

#define SCRIPT_CAMPAIGN_MAX 100 /* scenarios in one campaign */

typedef struct script_campaign_entry {
    char id[64];
    char path[1024];        /* resolved file path */
    bool tutorial;
} script_campaign_entry;

typedef struct script_campaign {
    char title[128];
    int count;
    script_campaign_entry *items;
} script_campaign;

/* Load and check a campaign file. path NULL: <data dir>/scripts/campaign.lua.
 * On failure *out is left empty (count 0, items NULL) and err says every
 * problem found, "; "-separated: BW_EIO the file cannot be read, BW_ESCRIPT
 * or BW_ELIMIT it failed to run, BW_EINVAL its contents are wrong. */
int script_campaign_load(const char *path, script_campaign *out, bw_err *err);
/* Free the items and empty c. Accepts NULL and an empty campaign. */
void script_campaign_free(script_campaign *c);
/* Index of the entry with this id, or BW_ENOTFOUND. */
int script_campaign_find(const script_campaign *c, const char *id);

/* Load every scenario of the campaign (with its own seed) and check that
 * it loads and that its id is its entry's. Each problem is one error in
 * diags, the scenario's own diagnostics included; returns the number of
 * entries with a problem (0: all good). */
int script_campaign_verify(const script_campaign *c, script_diags *diags);

#endif
