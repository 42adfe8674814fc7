/* failmalloc.h — make the N-th allocation fail, everywhere Bulwark
 * allocates, for the fault-injection sweeps (docs/fuzzing.md, "Fault
 * injection"); after SQLite's malloc tests.
 *
 * Bulwark's own code (bw_sim, bw_script, bw_store, and Lua itself, whose
 * sandbox allocator calls realloc) is linked with
 *   -Wl,--wrap=malloc,--wrap=calloc,--wrap=realloc,--wrap=strdup
 * (CMake: bw_fault_injection), so its calls land in the __wrap_ functions
 * below; cJSON and SQLite are shared libraries and take the same counter
 * through their own hooks (fm_install, before SQLite initialises).
 *
 * fm_arm(n) makes the n-th counted allocation from now fail, and every one
 * after it, counting from zero (persistent, like script_sandbox_fail_alloc_after: Lua and
 * SQLite retry a failed allocation, so a single failure would rarely reach
 * an error path); fm_arm(0) counts without failing;
 * fm_disarm() stops failing and keeps the counts. fm_calls() counts allocations,
 * fm_failures() the ones refused. Memory is real memory from the system
 * allocator, so AddressSanitizer and LeakSanitizer see every block.
 *
 * Header-only, included by exactly one file of a test binary. */
#ifndef BULWARK_TESTS_FAILMALLOC_H
#define BULWARK_TESTS_FAILMALLOC_H

#include <cjson/cJSON.h>
#include <sqlite3.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

void *__real_malloc(size_t n);
void *__real_calloc(size_t n, size_t size);
void *__real_realloc(void *p, size_t n);
void *__wrap_malloc(size_t n);
void *__wrap_calloc(size_t n, size_t size);
void *__wrap_realloc(void *p, size_t n);
char *__wrap_strdup(const char *s);

static long fm_count, fm_fail_at, fm_failed;
static bool fm_once;

static inline void fm_arm(long n)
{
    fm_count = 0;
    fm_failed = 0;
    fm_fail_at = n;
    fm_once = false;
}
/* Only the n-th fails; the ones after it succeed (recovery paths). */
static inline void fm_arm_once(long n)
{
    fm_arm(n);
    fm_once = true;
}
/* Stop failing; the counts stay readable. */
static inline void fm_disarm(void) { fm_fail_at = 0; }
static inline long fm_calls(void) { return fm_count; }
static inline long fm_failures(void) { return fm_failed; }

/* Count one allocation; true when it must fail. */
static inline bool fm_refuse(void)
{
    fm_count++;
    if (fm_fail_at > 0 && (fm_once ? fm_count == fm_fail_at : fm_count >= fm_fail_at)) {
        fm_failed++;
        return true;
    }
    return false;
}

void *__wrap_malloc(size_t n) { return fm_refuse() ? NULL : __real_malloc(n); }
void *__wrap_calloc(size_t n, size_t size) { return fm_refuse() ? NULL : __real_calloc(n, size); }
/* realloc(p, 0) frees: never refused (a free cannot fail). */
void *__wrap_realloc(void *p, size_t n) { return n && fm_refuse() ? NULL : __real_realloc(p, n); }
char *__wrap_strdup(const char *s)
{
    size_t n = strlen(s) + 1;
    char *d = __wrap_malloc(n);
    return d ? memcpy(d, s, n) : NULL;
}

/* ---- cJSON and SQLite, through their hooks --------------------------------------- */

static void *fm_cjson_malloc(size_t n) { return __wrap_malloc(n); }

/* SQLite asks for the size of a block: keep it in a header. */
#define FM_HDR 16
static void *fm_sq_malloc(int n)
{
    if (n <= 0 || fm_refuse())
        return NULL;
    char *p = __real_malloc((size_t)n + FM_HDR);
    if (!p)
        return NULL;
    memcpy(p, &n, sizeof n);
    return p + FM_HDR;
}
static void fm_sq_free(void *p)
{
    if (p)
        free((char *)p - FM_HDR);
}
static int fm_sq_size(void *p)
{
    int n = 0;
    if (p)
        memcpy(&n, (char *)p - FM_HDR, sizeof n);
    return n;
}
static void *fm_sq_realloc(void *p, int n)
{
    if (!p)
        return fm_sq_malloc(n);
    if (n <= 0 || fm_refuse())
        return NULL;
    char *q = __real_realloc((char *)p - FM_HDR, (size_t)n + FM_HDR);
    if (!q)
        return NULL;
    memcpy(q, &n, sizeof n);
    return q + FM_HDR;
}
static int fm_sq_roundup(int n) { return (n + 7) & ~7; }
static int fm_sq_init(void *ud) { (void)ud; return SQLITE_OK; }
static void fm_sq_shutdown(void *ud) { (void)ud; }

/* Route cJSON's and SQLite's allocations through the counter. Call first,
 * before anything opens a database. Returns false when SQLite had already
 * initialised (the test is then wrong, not the code). */
static inline bool fm_install(void)
{
    cJSON_Hooks h = {fm_cjson_malloc, free};
    cJSON_InitHooks(&h);
    static const sqlite3_mem_methods m = {
        fm_sq_malloc, fm_sq_free, fm_sq_realloc, fm_sq_size, fm_sq_roundup,
        fm_sq_init,   fm_sq_shutdown, NULL,
    };
    /* No lookaside: its slots would hide allocations from the counter. */
    return sqlite3_config(SQLITE_CONFIG_MALLOC, &m) == SQLITE_OK &&
           sqlite3_config(SQLITE_CONFIG_LOOKASIDE, 0, 0) == SQLITE_OK &&
           sqlite3_initialize() == SQLITE_OK;
}

#endif
