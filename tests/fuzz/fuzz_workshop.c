/* fuzz_workshop.c — the workshop config loader (workshop_load) on any
 * bytes as a facilitator's config: a config arrives by mail or on a shared
 * folder, and is as hostile as a scenario (docs/workshops.md).
 *
 * Each input is written to a fresh NAME.workshop.lua in a private scratch
 * folder and loaded through the real sandbox. Promises checked: it loads,
 * and then every field is within its documented range (an id, 1..16
 * scenarios, 1..600 minutes, 1..64 teams, a results target); or it refuses
 * with a known error code and a sentence, and a refusal for the file's
 * content (BW_EINVAL) comes with at least one error diagnostic naming the
 * file. Nothing leaks (LeakSanitizer). */
#include "fuzz.h"

#include <stdbool.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "bulwark/workshop.h"

int fuzz_one(const uint8_t *data, size_t size)
{
    char path[512];
    snprintf(path, sizeof path, "%s/fuzz.workshop.lua", fuzz_scratch_dir());
    FILE *f = fopen(path, "wb");
    FUZZ_CHECK(f != NULL);
    FUZZ_CHECK(size == 0 || fwrite(data, 1, size, f) == size);
    FUZZ_CHECK(fclose(f) == 0);

    workshop_config c;
    script_diags d;
    script_diags_init(&d);
    bw_err e;
    memset(&e, 0, sizeof e);
    int rc = workshop_load(path, &c, &d, &e);
    if (rc == BW_OK) {
        FUZZ_CHECK(c.id[0] != '\0' && memchr(c.id, '\0', sizeof c.id));
        FUZZ_CHECK(c.scenario_count >= 1 && c.scenario_count <= WORKSHOP_MAX_SCENARIOS);
        FUZZ_CHECK(c.time_limit_minutes >= 1 && c.time_limit_minutes <= WORKSHOP_MAX_MINUTES);
        FUZZ_CHECK(c.team_count >= 1 && c.team_count <= WORKSHOP_MAX_TEAMS);
        for (int i = 0; i < c.scenario_count; i++)
            FUZZ_CHECK(c.scenarios[i].path[0] != '\0' &&
                       memchr(c.scenarios[i].path, '\0', sizeof c.scenarios[i].path));
        for (int i = 0; i < c.team_count; i++)
            FUZZ_CHECK(c.teams[i][0] != '\0' && memchr(c.teams[i], '\0', sizeof c.teams[i]));
        FUZZ_CHECK(c.results[0] != '\0' && memchr(c.results, '\0', sizeof c.results));
        FUZZ_CHECK(c.results_postgres == workshop_target_is_postgres(c.results) ||
                   !c.results_postgres);
        FUZZ_CHECK(d.errors == 0);
    } else {
        FUZZ_CHECK(rc == BW_EINVAL || rc == BW_EIO || rc == BW_ESCRIPT || rc == BW_ELIMIT ||
                   rc == BW_ENOMEM);
        FUZZ_CHECK(e.msg[0] != '\0');
        if (rc == BW_EINVAL) {
            FUZZ_CHECK(d.errors > 0);
            bool named = false;
            for (int i = 0; i < d.count; i++)
                named = named || strstr(d.items[i].file, "fuzz.workshop.lua") != NULL;
            FUZZ_CHECK(named);
        }
    }
    script_diags_free(&d);
    unlink(path);
    return 0;
}
