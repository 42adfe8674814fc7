/* error.h — the one error shape every Bulwark module returns.
 *
 * Functions that can fail return 0 (or a non-negative id) on success and a
 * negative BW_E* code on failure, and fill a bw_err with a sentence a
 * person can act on. Nothing in Bulwark aborts on user input. */
#ifndef BULWARK_ERROR_H
#define BULWARK_ERROR_H

#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>

enum {
    BW_OK = 0,
    BW_EINVAL = -1,    /* bad argument or bad data */
    BW_ENOMEM = -2,    /* an allocation failed */
    BW_ENOTFOUND = -3, /* unknown id */
    BW_EBUDGET = -4,   /* not enough money */
    BW_ESTAFF = -5,    /* not enough staff hours today */
    BW_EBUSY = -6,     /* the same action is already running there */
    BW_EOFFLINE = -7,  /* the node is offline */
    BW_EREFUSED = -8,  /* the action does not apply (not offered, wrong kind, nothing to do) */
    BW_EOVER = -9,     /* the game is over */
    BW_ELIMIT = -10,   /* a sandbox limit (instructions, memory, size) tripped */
    BW_EIO = -11,      /* a file could not be read or written */
    BW_ESCRIPT = -12,  /* a script raised an error */
};

#define BW_ERR_MSG_MAX 512

typedef struct bw_err {
    int code;
    char msg[BW_ERR_MSG_MAX];
} bw_err;

/* Fill err (which may be NULL) and return code. printf-style. */
int bw_err_set(bw_err *err, int code, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 3, 4)))
#endif
    ;
void bw_err_clear(bw_err *err);
/* A short name for a code ("not enough budget"), never NULL. */
const char *bw_err_name(int code);

/* The closest of names (NULL-terminated) to word within an edit distance
 * of 2 (1 for a word of 3 letters or fewer), else the one name word is a
 * prefix of (3 letters at least, exactly one name), or NULL: the "did you
 * mean" of every diagnostic. */
const char *bw_closest(const char *word, const char *const *names);

/* Replace control characters (all below 0x20 but newline and tab, and
 * DEL) and every byte of malformed UTF-8 with '?', in place: text from
 * scenarios reaches terminals, screens and JSON records, and an escape
 * sequence in a label must not drive them (nor a text cut short at a
 * length limit leave half a character). */
void bw_text_clean(char *s);

/* Is s[0..len) well-formed UTF-8 (no overlong forms, surrogates or code
 * points past U+10FFFF)? When not, *bad (may be NULL) is the offset of
 * the first byte that is not. */
bool bw_utf8_valid(const char *s, size_t len, size_t *bad);

#endif
