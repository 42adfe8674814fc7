/* args.h — small helpers for subcommand options (internal to game/app). */
#ifndef BULWARK_APP_ARGS_H
#define BULWARK_APP_ARGS_H

#include <stdbool.h>
#include <stdio.h>

/* Parse a whole decimal integer within [min, max]; false (with a message
 * on err naming the option) otherwise. */
bool args_int(const char *opt, const char *text, long min, long max, long *out, FILE *err);
/* Matches "--name value" (advancing *i) or "--name=value"; sets *value.
 * Returns false if argv[*i] is not this option. Missing value: *value
 * is NULL. */
bool args_opt(int argc, char **argv, int *i, const char *name, const char **value);

#endif
