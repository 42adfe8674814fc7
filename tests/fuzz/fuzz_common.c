/* fuzz_common.c — helpers every harness may use (fuzz.h). */
#include "fuzz.h"

#include <dirent.h>
#include <string.h>
#include <unistd.h>

char *fuzz_text(const uint8_t *data, size_t size)
{
    char *t = malloc(size + 1);
    FUZZ_CHECK(t != NULL);
    if (size)
        memcpy(t, data, size);
    t[size] = '\0';
    return t;
}

static char scratch[256];

static void remove_scratch(void)
{
    DIR *d = opendir(scratch);
    if (d) {
        char path[600];
        for (struct dirent *e; (e = readdir(d));) {
            if (!strcmp(e->d_name, ".") || !strcmp(e->d_name, ".."))
                continue;
            snprintf(path, sizeof path, "%s/%s", scratch, e->d_name);
            unlink(path);
        }
        closedir(d);
    }
    rmdir(scratch);
}

const char *fuzz_scratch_dir(void)
{
    if (scratch[0])
        return scratch;
    /* Memory-backed when the system has it: the store harnesses write a
     * file per input. */
    const char *base = access("/dev/shm", W_OK) == 0 ? "/dev/shm" : getenv("TMPDIR");
    snprintf(scratch, sizeof scratch, "%s/bulwark-fuzz-XXXXXX", base && base[0] ? base : "/tmp");
    FUZZ_CHECK(mkdtemp(scratch) != NULL);
    atexit(remove_scratch);
    return scratch;
}
