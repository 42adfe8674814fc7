/* watch_cli.h — `bulwark play FILE --watch` without a window (internal
 * to game/app): the game stepped by commands read from a stream. */
#ifndef BULWARK_APP_WATCH_CLI_H
#define BULWARK_APP_WATCH_CLI_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

/* Plays path headless, reading commands from in (see cmd_play.c's help).
 * debug prints the hidden state after every step. Returns an exit code. */
int app_watch_headless(const char *path, bool seed_given, uint64_t seed, bool debug, FILE *in,
                       FILE *out, FILE *err);

#endif
