/* args.c — option parsing shared by the subcommands. */
#include "args.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

bool args_int(const char *opt, const char *text, long min, long max, long *out, FILE *err)
{
    if (!text || !*text) {
        fprintf(err, "bulwark: %s needs a number\n", opt);
        return false;
    }
    char *end = NULL;
    errno = 0;
    long v = strtol(text, &end, 10);
    if (errno || *end || v < min || v > max) {
        fprintf(err, "bulwark: %s must be a whole number from %ld to %ld, not '%s'\n", opt, min,
                max, text);
        return false;
    }
    *out = v;
    return true;
}

bool args_opt(int argc, char **argv, int *i, const char *name, const char **value)
{
    size_t n = strlen(name);
    const char *a = argv[*i];
    if (strncmp(a, name, n) != 0)
        return false;
    if (a[n] == '=') {
        *value = a + n + 1;
        return true;
    }
    if (a[n] != '\0')
        return false;
    *value = *i + 1 < argc ? argv[++*i] : NULL;
    return true;
}
