/* fuzz_record_summary.c — the result-record reader (record_summary_parse,
 * what the store checks before it keeps a record), fed any bytes.
 *
 * Promises checked: it accepts, and every field is in its documented
 * range (docs/result-record.md) and agrees with the action-log reader,
 * which must accept the same text; or it refuses with a sentence starting
 * with the name and leaves the summary zeroed. */
#include "fuzz.h"

#include <string.h>

#include "bulwark/record.h"

#define NAME "fuzz.json"

static bool text_ok(const char *s, size_t n)
{
    const char *end = memchr(s, '\0', n);
    if (!end || end == s)
        return false;
    for (; s < end; s++)
        if ((unsigned char)*s < 0x20 || *s == 0x7f)
            return false;
    return true;
}

int fuzz_one(const uint8_t *data, size_t size)
{
    char *text = fuzz_text(data, size);
    record_summary sum;
    bw_err e;
    memset(&e, 0, sizeof e);
    int rc = record_summary_parse(text, NAME, &sum, &e);
    if (rc == BW_OK) {
        FUZZ_CHECK(text_ok(sum.scenario_id, sizeof sum.scenario_id));
        FUZZ_CHECK(text_ok(sum.engine, sizeof sum.engine));
        FUZZ_CHECK(sum.outcome == SIM_OUTCOME_WON || sum.outcome == SIM_OUTCOME_LOST);
        FUZZ_CHECK(sum.stars >= 0 && sum.stars <= 3);
        FUZZ_CHECK(sum.ticks >= 0 && sum.ticks <= SIM_MAX_DAYS * SIM_TICKS_PER_DAY);
        for (int p = 0; p < SIM_PILLAR_COUNT; p++)
            FUZZ_CHECK(sum.pillar[p] >= 0 && sum.pillar[p] <= 100);
        FUZZ_CHECK(sum.seed <= 2147483647u);
        record_log log;
        FUZZ_CHECK(record_log_parse(text, NAME, &log, &e) == BW_OK);
        FUZZ_CHECK(log.scenario_hash == sum.scenario_hash && log.seed == sum.seed &&
                   log.world_hash == sum.world_hash &&
                   strcmp(log.scenario_id, sum.scenario_id) == 0);
        record_log_free(&log);
    } else {
        /* No allocation fails here: BW_ENOMEM would be text the reader
         * took for JSON that cJSON refused (record.c, json_well_formed). */
        FUZZ_CHECK(rc == BW_EINVAL && rc == e.code);
        FUZZ_CHECK(strncmp(e.msg, NAME, strlen(NAME)) == 0);
        static const record_summary zero;
        FUZZ_CHECK(memcmp(&sum, &zero, sizeof sum) == 0);
    }
    free(text);
    return 0;
}
