/* fuzz_libfuzzer.c — the libFuzzer entry point of every harness (built
 * only with -DBULWARK_FUZZ=ON and clang). */
#include "fuzz.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    fuzz_one(data, size);
    return 0;
}
