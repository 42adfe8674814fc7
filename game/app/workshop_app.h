/* workshop_app.h — the command line's workshop pieces (internal to
 * game/app): `check` of a workshop config, `play --workshop`, and the
 * facilitator's `workshop` command (docs/workshops.md). */
#ifndef BULWARK_WORKSHOP_APP_H
#define BULWARK_WORKSHOP_APP_H

#include <stdbool.h>
#include <stdio.h>

/* `bulwark check` of one workshop config: its diagnostics to err (or as
 * one JSON object added to json_all, a cJSON array, when not NULL) and
 * "FILE: ok (...)" to out. Returns whether it is valid. */
bool app_check_workshop(const char *file, void *json_all, FILE *out, FILE *err);

/* `bulwark play --workshop CONFIG ...`: argv is play's whole argument
 * list. Returns an exit code. */
int app_play_workshop(int argc, char **argv, FILE *out, FILE *err);

#endif
