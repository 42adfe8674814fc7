/* fuzz_record_log.c — the action-log reader (the replay format,
 * record_log_parse), fed any bytes as a record's text.
 *
 * Promises checked: it accepts, and then every action is a known action
 * at a tick of a game, in time order, with a NUL-terminated target, an
 * option in range, and the log names a scenario; or it refuses with
 * BW_EINVAL and a sentence starting with the name, and the log is empty. record_log_free is safe either way. */
#include "fuzz.h"

#include <string.h>

#include "bulwark/record.h"

#define NAME "fuzz.json"

int fuzz_one(const uint8_t *data, size_t size)
{
    char *text = fuzz_text(data, size);
    record_log log;
    bw_err e;
    memset(&e, 0, sizeof e);
    int rc = record_log_parse(text, NAME, &log, &e);
    if (rc == BW_OK) {
        FUZZ_CHECK(log.count >= 0 && (log.count == 0 || log.items));
        FUZZ_CHECK(memchr(log.scenario_id, '\0', sizeof log.scenario_id) != NULL);
        int prev = 0;
        for (int i = 0; i < log.count; i++) {
            const record_action *a = &log.items[i];
            FUZZ_CHECK(a->tick >= prev && a->tick <= SIM_MAX_DAYS * SIM_TICKS_PER_DAY);
            prev = a->tick;
            FUZZ_CHECK(sim_action_name(a->kind) != NULL);
            FUZZ_CHECK(memchr(a->target, '\0', sizeof a->target) != NULL);
            FUZZ_CHECK(a->option >= 1 && a->option <= SIM_MAX_CHOICE_OPTIONS);
        }
    } else {
        /* No allocation fails here: BW_ENOMEM would be text the reader
         * took for JSON that cJSON refused (record.c, json_well_formed). */
        FUZZ_CHECK(rc == BW_EINVAL && rc == e.code);
        FUZZ_CHECK(strncmp(e.msg, NAME, strlen(NAME)) == 0);
        FUZZ_CHECK(log.items == NULL && log.count == 0);
    }
    record_log_free(&log);
    free(text);
    return 0;
}
