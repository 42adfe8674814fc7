/* fuzz.h — the shape every fuzz harness has (docs/fuzzing.md).
 *
 * A harness is one file, tests/fuzz/fuzz_<target>.c, defining
 * fuzz_one: feed it one input, check what the reader promises, and abort
 * (FUZZ_CHECK) when a promise is broken. Two tiny mains link it:
 * fuzz_libfuzzer.c (clang, -DBULWARK_FUZZ=ON: libFuzzer explores) and
 * fuzz_replay.c (any compiler: replays files, so every regression input
 * under tests/fuzz/regressions/<target>/ is a normal CTest test).
 *
 * Harnesses must be deterministic and leave nothing behind between inputs
 * (no state that changes the next input's path), and must be quick: the
 * scenario harness runs the sandbox with small limits. */
#ifndef BULWARK_TESTS_FUZZ_H
#define BULWARK_TESTS_FUZZ_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

/* One input. Returns 0; aborts on a broken promise. */
int fuzz_one(const uint8_t *data, size_t size);

#define FUZZ_CHECK(cond)                                                                 \
    do {                                                                                 \
        if (!(cond)) {                                                                   \
            fprintf(stderr, "%s:%d: fuzz check failed: %s\n", __FILE__, __LINE__, #cond); \
            abort();                                                                     \
        }                                                                                \
    } while (0)

/* The input as a NUL-terminated string (an embedded NUL ends it early, as
 * it would for a reader given a file's text). Caller frees. */
char *fuzz_text(const uint8_t *data, size_t size);

/* A private scratch folder for this process, removed at exit. */
const char *fuzz_scratch_dir(void);

#endif
