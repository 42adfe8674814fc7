/* error.c — the bw_err helpers shared by every module. */
#include "bulwark/error.h"

#include <stdio.h>
#include <string.h>

/* Length of the well-formed UTF-8 sequence at s (at most n bytes), 0 when
 * it is not one. */
static size_t utf8_seq(const unsigned char *s, size_t n)
{
    if (s[0] < 0x80)
        return 1;
    size_t k;
    unsigned min;
    unsigned cp;
    if (s[0] >= 0xc2 && s[0] <= 0xdf) {
        k = 2, min = 0x80, cp = s[0] & 0x1fu;
    } else if (s[0] >= 0xe0 && s[0] <= 0xef) {
        k = 3, min = 0x800, cp = s[0] & 0x0fu;
    } else if (s[0] >= 0xf0 && s[0] <= 0xf4) {
        k = 4, min = 0x10000, cp = s[0] & 0x07u;
    } else {
        return 0;
    }
    if (n < k)
        return 0;
    for (size_t i = 1; i < k; i++) {
        if ((s[i] & 0xc0) != 0x80)
            return 0;
        cp = (cp << 6) | (s[i] & 0x3fu);
    }
    if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff))
        return 0;
    return k;
}

bool bw_utf8_valid(const char *s, size_t len, size_t *bad)
{
    const unsigned char *u = (const unsigned char *)s;
    for (size_t i = 0; i < len;) {
        size_t k = utf8_seq(u + i, len - i);
        if (k == 0) {
            if (bad)
                *bad = i;
            return false;
        }
        i += k;
    }
    return true;
}

void bw_text_clean(char *s)
{
    unsigned char *u = (unsigned char *)s;
    size_t n = s ? strlen(s) : 0;
    for (size_t i = 0; i < n;) {
        if ((u[i] < 0x20 && u[i] != '\n' && u[i] != '\t') || u[i] == 0x7f) {
            u[i++] = '?';
            continue;
        }
        size_t k = utf8_seq(u + i, n - i);
        if (k == 0)
            u[i++] = '?'; /* a broken sequence (or one cut by a length limit) */
        else
            i += k;
    }
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

/* Edits between a and b: insertions, deletions, substitutions and swaps
 * of two neighbours ("rde" is one edit from "red"), each counting one
 * (the optimal string alignment distance). */
static int edit_distance(const char *a, const char *b)
{
    size_t la = strlen(a), lb = strlen(b);
    if (la > 32 || lb > 32)
        return 99;
    int rows[3][33]; /* rows i-2, i-1 and i, by i % 3 */
    for (size_t j = 0; j <= lb; j++)
        rows[0][j] = (int)j;
    for (size_t i = 1; i <= la; i++) {
        int *cur = rows[i % 3], *up = rows[(i - 1) % 3], *up2 = rows[(i + 1) % 3];
        cur[0] = (int)i;
        for (size_t j = 1; j <= lb; j++) {
            int best = up[j - 1] + (a[i - 1] != b[j - 1]);
            if (up[j] + 1 < best)
                best = up[j] + 1;
            if (cur[j - 1] + 1 < best)
                best = cur[j - 1] + 1;
            if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] && up2[j - 2] + 1 < best)
                best = up2[j - 2] + 1;
            cur[j] = best;
        }
    }
    return rows[la % 3][lb];
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
    /* A name cut short ("pin" for "pin_deps") is far in edits but plain to
     * a reader: 3 letters or more that begin exactly one name. */
    size_t n = word ? strlen(word) : 0;
    for (size_t i = 0; !best && n >= 3 && names[i]; i++)
        if (strncmp(word, names[i], n) == 0) {
            for (size_t j = i + 1; names[j]; j++)
                if (strncmp(word, names[j], n) == 0)
                    return NULL; /* "sec" begins two: no guess */
            return names[i];
        }
    return best;
}
