/* scenario_read.h — typed raw readers for scenario tables (internal). */
#ifndef BULWARK_SCENARIO_READ_H
#define BULWARK_SCENARIO_READ_H

#include "script_internal.h"

#include <stdarg.h>
#include <stdio.h>

typedef struct reader {
    script_diags *diags;
    const char *file;          /* display name for diagnostics */
    const char *src;           /* the source text (NUL-terminated), for lines */
    char **strs;               /* every string copied out of Lua */
    int nstrs, strs_cap;
    lua_State *L;              /* the state being read, inside a protected call */
    bool oom;                  /* reader_nomem was called */
} reader;

/* Out of memory while reading: note it and unwind the protected call
 * (every reader runs inside one), so that the load fails as BW_ENOMEM
 * instead of going on to report what the missing memory made look wrong. */
#if defined(__GNUC__)
__attribute__((noreturn))
#endif
void reader_nomem(reader *r);

void reader_problem(reader *r, int line, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 3, 4)))
#endif
    ;
const char *reader_keep(reader *r, const char *s, size_t len);
void reader_free(reader *r);
int reader_find_line(const reader *r, const char *key, const char *value);
int reader_find_line_from(const reader *r, const char *key, const char *value, int from);
/* The line where `key =` is first written at or after line from; from if none. */
int reader_key_line(const reader *r, const char *key, int from);
int reader_line(reader *r, lua_State *L, int t, const char *id, int fallback);
void reader_check_keys(reader *r, lua_State *L, int t, const char *const *allowed,
                       const char *what, int line);
int reader_get(lua_State *L, int t, const char *key);
const char *reader_str(reader *r, lua_State *L, int t, const char *key, const char *what,
                       int line, bool required, size_t max_len);
bool reader_num(reader *r, lua_State *L, int t, const char *key, const char *what, int line,
                double min, double max, double *out, bool required);
bool reader_int(reader *r, lua_State *L, int t, const char *key, const char *what, int line,
                long min, long max, int *out, bool required);
bool reader_bool(reader *r, lua_State *L, int t, const char *key, const char *what, int line,
                 bool def);
int reader_list(reader *r, lua_State *L, int t, const char *key, const char *what, int line,
                int max);
int reader_enum(reader *r, lua_State *L, int idx, const char *const *names,
                int (*parse)(const char *), const char *what, const char *field, int line);
bool reader_valid_id(reader *r, const char *id, const char *what, int line);

#endif
