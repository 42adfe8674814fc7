/* sandbox_internal.h — what the sandbox_*.c files share; not public.
 *
 * sandbox.c        the state, the counted allocator, the hook, trips, load, call
 * sandbox_env.c    the whitelist: which globals and library functions exist
 * sandbox_lib.c    replaced base, coroutine, math, table and utf8 functions
 * sandbox_match.c  the pattern matcher, with a step counter
 * sandbox_string.c find, match, gmatch, gsub on it, and a capped rep
 *
 * Every C function reachable from scripts finds its sandbox through the
 * allocator's userdata (sandbox_of), so none needs an upvalue. */
#ifndef BULWARK_SANDBOX_INTERNAL_H
#define BULWARK_SANDBOX_INTERNAL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <time.h>

#include <lauxlib.h>
#include <lua.h>

#include "bulwark/error.h"
#include "bulwark/sandbox.h"

/* The count hook fires every HOOK_PERIOD instructions while no limit has
 * tripped, and on every instruction after. */
#define HOOK_PERIOD 1000

/* Frames looked at to find a Lua one or to show (lua_getstack walks from
 * the top, so looking deeper would cost quadratic time in a deep recursion). */
#define TRACE_SCAN 48

/* Bytes copied or allocated that cost one instruction of budget. */
#define BYTES_PER_WORK 32
/* Bytes of UTF-8 decoding charged as one unit (see sandbox_charged_by_utf8_length). */
#define UTF8_BYTES_PER_WORK 2

enum sandbox_trip {
    TRIP_NONE,
    TRIP_INSTRUCTIONS,
    TRIP_MEMORY,
    TRIP_TIME,
    TRIP_UNSEEN, /* CPU time far beyond the counted work */
};

/* What the message handler of one script_sandbox_call leaves behind. It
 * lives on that call's C stack, so nested calls cannot overwrite it. */
struct sandbox_call_ctx {
    char msg[BW_ERR_MSG_MAX];
    bool described;  /* the handler ran */
    bool tripped;    /* ... and msg is the trip message */
    bool size_limit; /* the error is a string size limit error */
};

struct script_sandbox {
    lua_State *L;
    lua_State *running; /* thread running Lua now, tracked by call and resume */
    script_limits limits;

    size_t used_bytes;
    long fail_countdown;   /* fault injection: fail when it reaches 1 */
    bool failing;          /* fault injection fired: every growth fails */
    bool cap_refused;      /* the last growth was refused by the cap */
    bool nomem_raised;     /* a binding ran out of memory in this outermost call */
    size_t used_at_refusal;
    unsigned cap_refusals; /* during the current outermost call */

    int depth; /* nested script_sandbox_call */
    uint64_t instructions;  /* work charged during the current outermost call */
    uint64_t total_work;    /* work charged over the sandbox's life, calls ended */
    uint64_t charged_bytes; /* allocated during it, converted at BYTES_PER_WORK */
    uint64_t allocations;   /* blocks allocated or grown during it */
    struct timespec started;
    int64_t unseen_ms;     /* a TRIP_UNSEEN: the CPU time and work it saw */
    uint64_t unseen_work;

    enum sandbox_trip trip;
    bool trip_located;
    char trip_msg[224];
    char last_where[LUA_IDSIZE + 16]; /* "file:line:" sampled when memory runs high */
    char call_where[LUA_IDSIZE + 16]; /* "file:" of the outermost function called */
    char load_where[LUA_IDSIZE + 16]; /* "file:" of the last chunk loaded: the fallback */

    struct sandbox_call_ctx *ctx;
    uint32_t (*rng)(void *ud);
    void *rng_ud;
};

/* sandbox.c */
script_sandbox *sandbox_of(lua_State *L);
void sandbox_hook(lua_State *L, lua_Debug *ar);
/* Record the first trip; where ("file:line:" or "") says where it happened. */
void sandbox_trip(script_sandbox *sb, enum sandbox_trip kind, const char *where);
/* Give a trip recorded without a place (by the allocator) this place. */
void sandbox_locate_trip(script_sandbox *sb, const char *where);
/* Is the value at idx the last size-limit error raised? */
bool sandbox_is_size_error(lua_State *L, int idx);
/* Work left in this call's budget (never 0 while a call runs untripped). */
uint64_t sandbox_work_left(const script_sandbox *sb);
/* Charge work done in C; trips and raises when the budget is spent. */
void sandbox_charge(lua_State *L, uint64_t work);
/* After a protected call made on a script's behalf (pcall, resume, load)
 * returned status: trip when it was the memory cap, and rethrow when any
 * limit has tripped, so the script cannot swallow it. */
void sandbox_after_catch(lua_State *L, int status);
/* Raise the trip error (never returns). */
int sandbox_raise_trip(lua_State *L);
/* Raise a catchable "result exceeds the string limit" error. */
int sandbox_size_error(lua_State *L, const char *fname, size_t bytes);
/* "64 MiB", "300 KiB", "1000 bytes" */
void sandbox_format_bytes(size_t n, char *out, size_t len);
/* "file:line:" of the innermost Lua frame of L, or "" */
void sandbox_where(lua_State *L, char *out, size_t n);

/* sandbox_env.c: build the environment (run protected, during create). */
int sandbox_open_env(lua_State *L);

/* sandbox_lib.c: replacements, each documented where it is defined. */
int sandbox_pcall(lua_State *L);
int sandbox_xpcall(lua_State *L);
int sandbox_load(lua_State *L);
int sandbox_setmetatable(lua_State *L);
int sandbox_rawset(lua_State *L);
int sandbox_collectgarbage(lua_State *L);
int sandbox_co_create(lua_State *L);
int sandbox_co_wrap(lua_State *L);
int sandbox_co_resume(lua_State *L);
int sandbox_co_close(lua_State *L);
int sandbox_math_random(lua_State *L);
int sandbox_math_randomseed(lua_State *L);
int sandbox_table_concat(lua_State *L);
int sandbox_table_insert(lua_State *L);
int sandbox_table_remove(lua_State *L);
int sandbox_table_move(lua_State *L);
int sandbox_table_sort(lua_State *L);
int sandbox_table_unpack(lua_State *L);
/* Wrappers around a library's own function (upvalue 1), which they call
 * after charging for the work it will do. */
int sandbox_charged_by_length(lua_State *L);
int sandbox_charged_by_utf8_length(lua_State *L);
/* Is t (at index idx) one of the read-only library proxies? */
bool sandbox_is_readonly(lua_State *L, int idx);

/* sandbox_match.c: Lua's pattern language, counting steps against the
 * budget. A matcher borrows the subject and pattern; keep them alive. */
#define MAX_CAPTURES 32     /* LUA_MAXCAPTURES */
#define MAX_MATCH_DEPTH 200 /* MAXCCALLS in lstrlib.c: C recursion per match */
#define CAP_UNFINISHED (-1)
#define CAP_POSITION (-2)
#define ESC '%'

struct matcher {
    lua_State *L;
    const char *src, *src_end; /* subject */
    const char *pat_end;
    int depth_left;
    int level; /* captures open or closed so far */
    uint64_t steps, step_limit;
    struct {
        const char *init;
        ptrdiff_t len; /* or CAP_UNFINISHED, CAP_POSITION */
    } cap[MAX_CAPTURES];
};

void matcher_init(struct matcher *m, lua_State *L, const char *s, size_t ls, const char *p, size_t lp);
/* Before each match attempt: no captures, full depth. */
void matcher_restart(struct matcher *m);
/* Take the budget left in this call as the step limit. */
void matcher_refresh(struct matcher *m);
/* Charge the steps taken so far to the budget (may trip and raise). */
void matcher_charge(struct matcher *m);
/* Count n steps; over the budget it trips and raises. */
void matcher_step(struct matcher *m, uint64_t n);
/* Match the pattern from p against the subject from s: the end of the
 * match, or NULL. Raises on a malformed pattern. */
const char *matcher_match(struct matcher *m, const char *s, const char *p);
/* Capture i of the match s..e (capture 0 is the whole match when there
 * are none): its start in *cap and its length; for a position capture it
 * pushes the position and returns CAP_POSITION. */
ptrdiff_t matcher_capture(struct matcher *m, int i, const char *s, const char *e, const char **cap);
/* Push capture i. Stack: [-0, +1]. */
void matcher_push_capture(struct matcher *m, int i, const char *s, const char *e);
/* Push all captures (the whole match if none; none if s is NULL). */
int matcher_push_captures(struct matcher *m, const char *s, const char *e);

/* sandbox_string.c */
int sandbox_str_find(lua_State *L);
int sandbox_str_match(lua_State *L);
int sandbox_str_gmatch(lua_State *L);
int sandbox_str_gsub(lua_State *L);
int sandbox_str_rep(lua_State *L);

#endif
