/* fuzz_replay.c — run a harness on files, with any compiler: the CTest
 * entries fuzz_regress_<target> replay tests/fuzz/regressions/<target>/
 * (every crash libFuzzer ever found) and the shipped seeds through it, so
 * a fixed bug stays fixed in the gcc and sanitizer builds too.
 *
 * usage: fuzz_replay_<target> FILE|FOLDER...   (folders: every file in
 * them, in name order). Exit 0 when every input ran, 1 when one could not
 * be read or a folder holds none; a broken promise aborts. */
#include "fuzz.h"

#include <dirent.h>
#include <string.h>
#include <sys/stat.h>

static int run_file(const char *path)
{
    FILE *f = fopen(path, "rb");
    if (!f) {
        fprintf(stderr, "%s: cannot open\n", path);
        return 1;
    }
    size_t cap = 4096, n = 0;
    uint8_t *buf = malloc(cap);
    FUZZ_CHECK(buf != NULL);
    size_t got;
    while ((got = fread(buf + n, 1, cap - n, f)) > 0) {
        n += got;
        if (n == cap) {
            cap *= 2;
            buf = realloc(buf, cap);
            FUZZ_CHECK(buf != NULL);
        }
    }
    int bad = ferror(f);
    fclose(f);
    if (bad) {
        free(buf);
        fprintf(stderr, "%s: read error\n", path);
        return 1;
    }
    fuzz_one(buf, n);
    free(buf);
    return 0;
}

static int cmp(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

static int run_dir(const char *dir, int *ran)
{
    DIR *d = opendir(dir);
    if (!d) {
        fprintf(stderr, "%s: cannot open the folder\n", dir);
        return 1;
    }
    char **names = NULL;
    size_t count = 0;
    for (struct dirent *e; (e = readdir(d));) {
        if (e->d_name[0] == '.')
            continue;
        names = realloc(names, (count + 1) * sizeof *names);
        FUZZ_CHECK(names != NULL);
        names[count] = malloc(strlen(dir) + strlen(e->d_name) + 2);
        FUZZ_CHECK(names[count] != NULL);
        sprintf(names[count], "%s/%s", dir, e->d_name);
        count++;
    }
    closedir(d);
    if (count)
        qsort(names, count, sizeof *names, cmp);
    int rc = 0;
    for (size_t i = 0; i < count; i++) {
        struct stat st;
        if (stat(names[i], &st) == 0 && S_ISREG(st.st_mode)) {
            rc |= run_file(names[i]);
            ++*ran;
        }
        free(names[i]);
    }
    free(names);
    return rc;
}

int main(int argc, char **argv)
{
    if (argc < 2) {
        fprintf(stderr, "usage: %s FILE|FOLDER...\n", argv[0]);
        return 2;
    }
    int rc = 0;
    for (int i = 1; i < argc; i++) {
        struct stat st;
        int ran = 0;
        if (stat(argv[i], &st) == 0 && S_ISDIR(st.st_mode)) {
            rc |= run_dir(argv[i], &ran);
        } else {
            rc |= run_file(argv[i]);
            ran = 1;
        }
        if (ran == 0) {
            fprintf(stderr, "%s: no inputs\n", argv[i]);
            rc = 1;
        }
        printf("%s: %d input%s ran\n", argv[i], ran, ran == 1 ? "" : "s");
    }
    return rc;
}
