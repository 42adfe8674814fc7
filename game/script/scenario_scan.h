/* scenario_scan.h — reading a scenario's source without running it, for
 * the lints (internal): the text with its comments blanked, the literal
 * arguments of the scripts' calls (w:node("db")), sorted sets of ids.
 * Linear in the source, so a hostile 4 MiB file costs milliseconds. */
#ifndef BULWARK_SCENARIO_SCAN_H
#define BULWARK_SCENARIO_SCAN_H

#include "scenario_build.h"

/* A sorted set of strings, for lookups that stay fast on a hostile file
 * of a hundred thousand ids and a million calls. */
typedef struct idset {
    const char **v;
    int n, cap;
    char **owned;    /* strings copied out of the source, freed with the set */
    int nowned;
} idset;

/* What the scripts do with a call's argument: the literal ids it names,
 * and whether any call computes it instead. */
typedef struct call_args {
    idset lits;
    bool computed;
} call_args;

void idset_add(idset *s, const char *v, bool copy); /* copy: keep a copy of v */
void idset_sort(idset *s);                          /* before idset_has */
bool idset_has(const idset *s, const char *v);
void idset_free(idset *s);

/* A copy of src with every comment blanked (lines kept), after one guard
 * space: the copy is the result + 1; free the result. NULL on no memory. */
char *scan_strip_comments(const char *src);
/* The string literal at p (after spaces) into buf; the position after it,
 * NULL when there is none (or it has an escape). */
const char *scan_literal(const char *p, char *buf, size_t size);
/* The next call ":name(", ":name {" or ':name "' at or after p (p[-1]
 * must be readable); where its arguments start, NULL when none. */
const char *scan_next_call(const char *p, const char *name);
/* The start of a call's second argument when its first is a literal. */
const char *scan_second_arg(const char *p);
/* The literal ids given as argument arg (1 or 2) of every call of name. */
void scan_collect_args(const char *code, const char *name, int arg, call_args *out);
/* Ids a script adds: `id = "x"` in the spec of each call of name. */
void scan_collect_added(const char *code, const char *name, idset *out);

#endif
