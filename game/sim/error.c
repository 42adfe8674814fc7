/* error.c — the bw_err helpers shared by every module. */
#include "bulwark/error.h"

#include <stdio.h>
#include <string.h>

void bw_text_clean(char *s)
{
    for (; s && *s; s++)
        if (((unsigned char)*s < 0x20 && *s != '\n' && *s != '\t') || *s == 0x7f)
            *s = '?';
}

int bw_err_set(bw_err *err, int code, const char *fmt, ...)
{
    if (err) {
        va_list ap;
        va_start(ap, fmt);
        err->code = code;
        vsnprintf(err->msg, sizeof err->msg, fmt, ap);
        va_end(ap);
        bw_text_clean(err->msg); /* messages quote scripts */
    }
    return code;
}

void bw_err_clear(bw_err *err)
{
    if (err) {
        err->code = BW_OK;
        err->msg[0] = '\0';
    }
}

const char *bw_err_name(int code)
{
    switch (code) {
    case BW_OK: return "ok";
    case BW_EINVAL: return "invalid";
    case BW_ENOMEM: return "out of memory";
    case BW_ENOTFOUND: return "not found";
    case BW_EBUDGET: return "not enough budget";
    case BW_ESTAFF: return "not enough staff hours";
    case BW_EBUSY: return "already running";
    case BW_EOFFLINE: return "node offline";
    case BW_EREFUSED: return "refused";
    case BW_EOVER: return "game over";
    case BW_ELIMIT: return "limit exceeded";
    case BW_EIO: return "input/output error";
    case BW_ESCRIPT: return "script error";
    default: return "unknown error";
    }
}

static int edit_distance(const char *a, const char *b)
{
    size_t la = strlen(a), lb = strlen(b);
    if (la > 32 || lb > 32)
        return 99;
    int row[33];
    for (size_t j = 0; j <= lb; j++)
        row[j] = (int)j;
    for (size_t i = 1; i <= la; i++) {
        int diag = row[0];
        row[0] = (int)i;
        for (size_t j = 1; j <= lb; j++) {
            int up = row[j];
            int best = diag + (a[i - 1] != b[j - 1]);
            if (row[j] + 1 < best)
                best = row[j] + 1;
            if (row[j - 1] + 1 < best)
                best = row[j - 1] + 1;
            row[j] = best;
            diag = up;
        }
    }
    return row[lb];
}

const char *bw_closest(const char *word, const char *const *names)
{
    const char *best = NULL;
    int best_d = 3;
    /* Short words: only one edit, or everything matches everything. */
    int limit = word && strlen(word) <= 3 ? 1 : 2;
    for (size_t i = 0; word && *word && names[i]; i++) {
        int d = edit_distance(word, names[i]);
        if (d <= limit && d < best_d) {
            best_d = d;
            best = names[i];
        }
    }
    return best;
}
