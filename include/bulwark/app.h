/* app.h — the bulwark command line (DESIGN.md section 4).
 *
 * Exit codes: 0 success, 1 the scenario or test failed, 2 usage error,
 * 3 internal error. Every subcommand takes (argc, argv) after its name
 * and writes to the given streams, so tests can drive it in-process. */
#ifndef BULWARK_APP_H
#define BULWARK_APP_H

#include <stdio.h>
#include <stdint.h>

#include "bulwark/sim.h"

enum { APP_OK = 0, APP_FAILED = 1, APP_USAGE = 2, APP_INTERNAL = 3 };

int app_main(int argc, char **argv);

/* Subcommands. */
int app_cmd_bench(int argc, char **argv, FILE *out, FILE *err);
int app_cmd_demo(int argc, char **argv, FILE *out, FILE *err);
int app_cmd_check(int argc, char **argv, FILE *out, FILE *err);
int app_cmd_run(int argc, char **argv, FILE *out, FILE *err);
int app_cmd_play(int argc, char **argv, FILE *out, FILE *err);
int app_cmd_test(int argc, char **argv, FILE *out, FILE *err);
int app_cmd_balance(int argc, char **argv, FILE *out, FILE *err);
int app_cmd_curriculum(int argc, char **argv, FILE *out, FILE *err);
int app_cmd_new(int argc, char **argv, FILE *out, FILE *err);
int app_cmd_results(int argc, char **argv, FILE *out, FILE *err);

/* name as a path if it exists (or looks like one), else the shipped
 * scripts/<dir>/<name>.lua. Returns name or buf. */
const char *app_resolve(const char *name, const char *dir, char *buf, size_t n);
/* Tell err which scripts/<dir>/NAME.lua files are shipped, with a "did you mean". */
void app_hint_shipped(const char *name, const char *dir, FILE *err);

/* Closest known name to `word` among names (NULL-terminated) within an
 * edit distance of 2, or NULL. For "did you mean". */
const char *app_closest(const char *word, const char *const *names);

/* A deterministic synthetic world for the benchmark: n nodes in zones,
 * about two links a node, vulnerabilities on a quarter of them, and
 * active attackers. The returned definition owns its arrays; free it
 * with app_synth_free. NULL on out-of-memory. */
typedef struct app_synth app_synth;
app_synth *app_synth_create(int nodes, int days, uint64_t seed);
const sim_def *app_synth_def(const app_synth *s);
void app_synth_free(app_synth *s);

/* The debrief of a finished world, as text (used by `demo` and `run`). */
void app_print_debrief(const sim_world *w, FILE *out);

#endif
