/* fuzz_scenario.c — the scenario loader and validator, fed any bytes as
 * a scenario file: through the real sandbox (script_scenario_load_buffer),
 * with small limits so each input is quick, then a day of play and the
 * debrief when it loads.
 *
 * Promises checked: a scenario loads, or it does not and then there is
 * at least one "file:line" diagnostic naming the file and err says why;
 * a loaded one names itself, has a world, and plays and debriefs without
 * breaking any of that; nothing leaks (LeakSanitizer). */
#include "fuzz.h"

#include <string.h>

#include "bulwark/script.h"

#define NAME "fuzz.lua"

int fuzz_one(const uint8_t *data, size_t size)
{
    script_options opt;
    memset(&opt, 0, sizeof opt);
    opt.limits.memory_bytes = 1u << 20;       /* the least the sandbox allows is 256 KiB */
    opt.limits.instructions_per_call = 200000; /* a shipped scenario loads in far less */
    opt.limits.max_string_bytes = 64u << 10;
    opt.limits.cpu_ms_per_call = 2000;        /* a backstop only */
    script_diags d;
    script_diags_init(&d);
    bw_err e;
    memset(&e, 0, sizeof e);
    script_scenario *s = script_scenario_load_buffer(NAME, (const char *)data, size, &opt, &d, &e);
    if (!s) {
        FUZZ_CHECK(e.code < 0 && e.msg[0]);
        FUZZ_CHECK(d.errors > 0 && d.count > 0);
        for (int i = 0; i < d.count && i < d.cap; i++)
            FUZZ_CHECK(strcmp(d.items[i].file, NAME) == 0 && d.items[i].line >= 0);
        script_diags_free(&d);
        return 0;
    }
    FUZZ_CHECK(d.errors == 0);
    FUZZ_CHECK(strcmp(script_scenario_path(s), NAME) == 0);
    FUZZ_CHECK(script_scenario_id(s) && script_scenario_id(s)[0]);
    FUZZ_CHECK(script_scenario_title(s) && script_scenario_briefing(s));
    sim_world *w = script_scenario_world(s);
    FUZZ_CHECK(w != NULL);
    /* A day of play: the callbacks and events the scenario wired up. */
    int rc = BW_OK;
    for (int t = 0; t < 24 && rc == BW_OK && !sim_world_over(w); t++) {
        rc = script_scenario_step(s, &e);
        if (rc != BW_OK)
            FUZZ_CHECK(e.msg[0] && (rc == BW_ESCRIPT || rc == BW_ELIMIT || rc == BW_ENOMEM ||
                                    rc == BW_EINVAL));
    }
    const char *text = NULL;
    if (script_scenario_debrief(s, &text, &e) == BW_OK)
        FUZZ_CHECK(text != NULL);
    else
        FUZZ_CHECK(e.msg[0]);
    script_scenario_destroy(s);
    script_diags_free(&d);
    return 0;
}
