/* watch.h — live reload for scenario authors (`bulwark play FILE --watch`).
 *
 * Two plain-C parts, with no SDL and no clock, so that the desktop game,
 * the headless form and the tests share them:
 *
 *  - watch_file notices that a file was saved: one stat() a poll, and a
 *    content hash only when its time or size moved (a save of the same
 *    bytes, or a `touch`, is no change);
 *  - watch_reload loads the file again with the running game's seed and
 *    replays the player's actions so far (the action log, by target id)
 *    at their ticks, up to the running game's tick. On any failure — a
 *    syntax error, a validation error, a runtime error on the way, an
 *    action that no longer applies — it returns the error as
 *    "file:line: ..." and leaves the running game untouched.
 *
 * Ownership: watch_reload's *out is the caller's (script_scenario_destroy). */
#ifndef BULWARK_WATCH_H
#define BULWARK_WATCH_H

#include <stdbool.h>
#include <stdint.h>

#include "bulwark/error.h"
#include "bulwark/script.h"

typedef struct watch_file {
    char path[1024];
    bool present;              /* the file existed at the last look */
    int64_t mtime_ns, size;
    uint64_t hash;             /* FNV-1a 64 of its bytes, as script_scenario_hash */
} watch_file;

/* Remember path as it is now (a missing file is remembered as missing). */
void watch_file_init(watch_file *f, const char *path);
/* Has the file's content changed since the last look? Remembers what it
 * saw. A file that is missing (an editor replacing it) is no change
 * until it is back. */
bool watch_file_poll(watch_file *f);

/* Load path anew with cur's seed (opt's other fields as given; opt may
 * be NULL) and replay cur's actions at their ticks up to cur's tick.
 * BW_OK with *out at the same tick (earlier only if the new script ends
 * the game sooner); else BW_E* with "file:line: ..." in err, *out NULL,
 * cur untouched. diags (may be NULL) gets the loader's diagnostics. */
int watch_reload(const script_scenario *cur, const char *path, const script_options *opt,
                 script_scenario **out, script_diags *diags, bw_err *err);

/* "day 3 14:00" for a tick. */
void watch_format_tick(int tick, char *buf, size_t n);

#endif
