/* sandbox.c — one lua_State per untrusted script: the counted allocator,
 * the count hook, limit trips, load and call.
 *
 * What it must never do: let a Lua error reach host code (every API call
 * made outside lua_pcall is one that cannot raise); run Lua code or touch a
 * thread's stack from the allocator (Lua may be halfway through moving it);
 * hand out a state after a limit tripped. */
#include "sandbox_internal.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MIB ((size_t)1024 * 1024)
#define DEFAULT_MEMORY_BYTES (32 * MIB)
#define DEFAULT_INSTRUCTIONS UINT64_C(50000000)
#define DEFAULT_STRING_BYTES (8 * MIB)
#define DEFAULT_CPU_MS 10000u
#define DEFAULT_CPU_UNSEEN_MS 300u
/* Sanitizer builds run the allocator and the hook three times slower. */
#if defined(__SANITIZE_ADDRESS__)
#define SLOW_BUILD 3
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define SLOW_BUILD 3
#endif
#endif
#ifndef SLOW_BUILD
#define SLOW_BUILD 1
#endif
#define MIN_MEMORY_BYTES ((size_t)256 * 1024)
/* An emergency collection must win back at least 1/EMERGENCY_WIN_SHARE of
 * the cap, or the script is stopped (it lives at the cap). */
#define EMERGENCY_WIN_SHARE 16
/* A full collection of small objects costs about a VM instruction per
 * EMERGENCY_BYTES_PER_WORK bytes of heap (measured: ~100 ms for 64 MiB). */
#define EMERGENCY_BYTES_PER_WORK 4

/* Registry key of the last size-limit error, to tell it from script errors. */
static const char SIZE_ERROR_KEY = 0;

void script_limits_default(script_limits *out)
{
    memset(out, 0, sizeof *out);
    out->memory_bytes = DEFAULT_MEMORY_BYTES;
    out->instructions_per_call = DEFAULT_INSTRUCTIONS;
    out->max_string_bytes = DEFAULT_STRING_BYTES;
    out->cpu_ms_per_call = DEFAULT_CPU_MS;
    out->cpu_ms_unseen = DEFAULT_CPU_UNSEEN_MS;
    out->fail_alloc_after = 0;
}

script_sandbox *sandbox_of(lua_State *L)
{
    void *ud = NULL;
    lua_getallocf(L, &ud);
    return ud;
}

void sandbox_format_bytes(size_t n, char *out, size_t len)
{
    if (n % MIB == 0)
        snprintf(out, len, "%zu MiB", n / MIB);
    else if (n % 1024 == 0)
        snprintf(out, len, "%zu KiB", n / 1024);
    else
        snprintf(out, len, "%zu bytes", n);
}

/* ---- trips ------------------------------------------------------------ */

static void describe_limit(const script_sandbox *sb, enum sandbox_trip kind, char *out, size_t n)
{
    char size[32];
    switch (kind) {
    case TRIP_INSTRUCTIONS:
        snprintf(out, n, "instruction limit exceeded (%" PRIu64 " per call)",
                 sb->limits.instructions_per_call);
        break;
    case TRIP_MEMORY:
        sandbox_format_bytes(sb->limits.memory_bytes, size, sizeof size);
        snprintf(out, n, "memory limit exceeded (%s)", size);
        break;
    case TRIP_TIME:
        snprintf(out, n, "time limit exceeded (%" PRIu32 " ms per call)", sb->limits.cpu_ms_per_call);
        break;
    case TRIP_UNSEEN:
        snprintf(out, n, "time limit exceeded (%" PRId64 " ms of CPU time for %" PRIu64 " units of work)",
                 sb->unseen_ms, sb->unseen_work);
        break;
    case TRIP_NONE:
        out[0] = '\0';
        break;
    }
}

/* Record the first trip. where is "file:line:" or empty: a trip found
 * where no stack can be read (the allocator) gets its place later. */
void sandbox_trip(script_sandbox *sb, enum sandbox_trip kind, const char *where)
{
    char what[96];
    if (sb->trip != TRIP_NONE)
        return;
    sb->trip = kind;
    describe_limit(sb, kind, what, sizeof what);
    sb->trip_located = where != NULL && where[0] != '\0';
    snprintf(sb->trip_msg, sizeof sb->trip_msg, "%s%s%s", sb->trip_located ? where : "",
             sb->trip_located ? " " : "", what);
}

void sandbox_locate_trip(script_sandbox *sb, const char *where)
{
    char what[96];
    if (sb->trip_located || where == NULL || where[0] == '\0')
        return;
    sb->trip_located = true;
    describe_limit(sb, sb->trip, what, sizeof what);
    snprintf(sb->trip_msg, sizeof sb->trip_msg, "%s %s", where, what);
}

void sandbox_where(lua_State *L, char *out, size_t n)
{
    lua_Debug ar;
    out[0] = '\0';
    for (int level = 0; level < TRACE_SCAN && lua_getstack(L, level, &ar); level++) {
        if (lua_getinfo(L, "Sl", &ar) && ar.currentline > 0) {
            snprintf(out, n, "%s:%d:", ar.short_src, ar.currentline);
            return;
        }
    }
}

int sandbox_raise_trip(lua_State *L)
{
    script_sandbox *sb = sandbox_of(L);
    char where[sizeof sb->last_where];
    sandbox_where(L, where, sizeof where);
    sandbox_locate_trip(sb, where);
    /* From now on this thread raises again on its very next instruction,
     * so whatever catches this error cannot run on. */
    lua_sethook(L, sandbox_hook, LUA_MASKCOUNT, 1);
    lua_pushstring(L, sb->trip_msg);
    return lua_error(L);
}

static uint64_t work_used(const script_sandbox *sb)
{
    uint64_t bytes = sb->charged_bytes / BYTES_PER_WORK;
    return sb->instructions > UINT64_MAX - bytes ? UINT64_MAX : sb->instructions + bytes;
}

uint64_t sandbox_work_left(const script_sandbox *sb)
{
    uint64_t used = work_used(sb);
    if (sb->depth == 0)
        return UINT64_MAX;
    return used >= sb->limits.instructions_per_call ? 0 : sb->limits.instructions_per_call - used;
}

void sandbox_charge(lua_State *L, uint64_t work)
{
    script_sandbox *sb = sandbox_of(L);
    char where[sizeof sb->last_where];
    if (sb->depth == 0)
        return;
    if (sb->trip != TRIP_NONE)
        sandbox_raise_trip(L);
    sb->instructions = sb->instructions > UINT64_MAX - work ? UINT64_MAX : sb->instructions + work;
    if (work_used(sb) > sb->limits.instructions_per_call) {
        sandbox_where(L, where, sizeof where);
        sandbox_trip(sb, TRIP_INSTRUCTIONS, where);
        sandbox_raise_trip(L);
    }
}

void sandbox_after_catch(lua_State *L, int status)
{
    script_sandbox *sb = sandbox_of(L);
    if (status == LUA_ERRMEM && sb->cap_refusals > 0) {
        /* The script caught "not enough memory" after the cap refused: it
         * must not go on allocating against the cap. The allocator cannot
         * read the stack; the hook samples the place while memory runs
         * high (last_where); failing that, this catch names a line. */
        sandbox_trip(sb, TRIP_MEMORY, sb->last_where);
    }
    if (sb->trip != TRIP_NONE && sb->depth > 0)
        sandbox_raise_trip(L);
}

bool sandbox_is_size_error(lua_State *L, int idx)
{
    bool same;
    if (lua_type(L, idx) != LUA_TSTRING)
        return false;
    idx = lua_absindex(L, idx);
    lua_rawgetp(L, LUA_REGISTRYINDEX, &SIZE_ERROR_KEY);
    same = lua_rawequal(L, idx, -1);
    lua_pop(L, 1);
    return same;
}

int sandbox_size_error(lua_State *L, const char *fname, size_t bytes)
{
    char limit[32];
    sandbox_format_bytes(sandbox_of(L)->limits.max_string_bytes, limit, sizeof limit);
    luaL_where(L, 1);
    if (bytes > (size_t)LUA_MAXINTEGER)
        bytes = (size_t)LUA_MAXINTEGER;
    lua_pushfstring(L, "%s%s: result of %I bytes exceeds the string limit (%s)", lua_tostring(L, -1),
                    fname, (LUAI_UACINT)bytes, limit);
    lua_pushvalue(L, -1);
    lua_rawsetp(L, LUA_REGISTRYINDEX, &SIZE_ERROR_KEY);
    return lua_error(L);
}

/* ---- allocator -------------------------------------------------------- */

static void trip_memory_now(script_sandbox *sb)
{
    sandbox_trip(sb, TRIP_MEMORY, sb->last_where);
    /* lua_sethook is safe here (lua.c calls it from a signal handler): if
     * the script survives the error, it stops on its next instruction. */
    if (sb->running != NULL)
        lua_sethook(sb->running, sandbox_hook, LUA_MASKCOUNT, 1);
}

/* Decide whether a request to grow a block from old to nsize bytes fails. */
static bool refuse_growth(script_sandbox *sb, size_t old, size_t nsize)
{
    size_t cap = sb->limits.memory_bytes, want = nsize - old, won_back;
    if (sb->failing)
        return true;
    if (sb->fail_countdown > 0 && --sb->fail_countdown == 0) {
        sb->failing = true;
        return true;
    }
    if (sb->cap_refused) {
        /* Lua's retry after its emergency collection. Unless the collection
         * won back a real share of the cap, the script lives at the cap and
         * would make every allocation cost a full collection: stop it. */
        sb->cap_refused = false;
        won_back = sb->used_at_refusal > sb->used_bytes ? sb->used_at_refusal - sb->used_bytes : 0;
        if (want > cap - sb->used_bytes || won_back < cap / EMERGENCY_WIN_SHARE) {
            trip_memory_now(sb);
            return true;
        }
        return false;
    }
    if (want <= cap - sb->used_bytes)
        return false;
    sb->cap_refusals++;
    sb->cap_refused = true;
    sb->used_at_refusal = sb->used_bytes;
    /* The emergency collection Lua runs next walks the whole heap. */
    sb->instructions += sb->used_bytes / EMERGENCY_BYTES_PER_WORK;
    return true;
}

/* lua_Alloc: counts every byte and enforces the cap. Never fails a shrink
 * (Lua assumes shrinking cannot fail). Runs inside Lua: no Lua calls. */
static void *sandbox_alloc(void *ud, void *ptr, size_t osize, size_t nsize)
{
    script_sandbox *sb = ud;
    size_t old = ptr != NULL ? osize : 0; /* for new blocks osize is a type tag */
    void *p;
    if (nsize == 0) {
        free(ptr);
        sb->used_bytes -= old;
        return NULL;
    }
    if (nsize > old && refuse_growth(sb, old, nsize))
        return NULL;
    if (nsize > old)
        sb->allocations++;
    p = realloc(ptr, nsize);
    if (p == NULL)
        return nsize > old ? NULL : ptr; /* a failed shrink keeps the block */
    sb->used_bytes = sb->used_bytes - old + nsize;
    if (nsize > old)
        sb->charged_bytes += nsize - old;
    return p;
}

/* ---- hook ------------------------------------------------------------- */

/* TRIP_TIME when the call's CPU time is over cpu_ms_per_call; TRIP_UNSEEN
 * when it is over cpu_ms_unseen plus what its counted work earned (work the
 * count cannot see); TRIP_NONE otherwise. */
static enum sandbox_trip over_time(script_sandbox *sb)
{
    struct timespec now;
    int64_t ms;
    if (sb->limits.cpu_ms_per_call == SANDBOX_CPU_OFF && sb->limits.cpu_ms_unseen == SANDBOX_CPU_OFF)
        return TRIP_NONE; /* else read on every hook fire: ~20 ns per 1000 instructions */
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &now);
    ms = ((int64_t)now.tv_sec - (int64_t)sb->started.tv_sec) * 1000 +
         ((int64_t)now.tv_nsec - (int64_t)sb->started.tv_nsec) / 1000000;
    if (sb->limits.cpu_ms_per_call != SANDBOX_CPU_OFF && ms > (int64_t)sb->limits.cpu_ms_per_call)
        return TRIP_TIME;
    if (sb->limits.cpu_ms_unseen != SANDBOX_CPU_OFF && ms > (int64_t)sb->limits.cpu_ms_unseen * SLOW_BUILD) {
        /* what the counted work explains, in ns (no overflow: each term is
         * far below 2^64 for any call that has run under a minute) */
        double earned_ns = ((double)sb->instructions * SANDBOX_NS_PER_INSTRUCTION +
                            (double)sb->allocations * SANDBOX_NS_PER_ALLOCATION +
                            (double)sb->charged_bytes * SANDBOX_NS_PER_BYTE) *
                           SLOW_BUILD;
        if ((double)(ms - (int64_t)sb->limits.cpu_ms_unseen * SLOW_BUILD) * 1e6 > earned_ns) {
            sb->unseen_ms = ms;
            sb->unseen_work = work_used(sb);
            return TRIP_UNSEEN;
        }
    }
    return TRIP_NONE;
}

static void where_from_ar(lua_State *L, lua_Debug *ar, char *out, size_t n)
{
    out[0] = '\0';
    if (lua_getinfo(L, "Sl", ar) && ar->currentline > 0)
        snprintf(out, n, "%s:%d:", ar->short_src, ar->currentline);
}

/* An endless recursion meets this long before its frames fill the memory
 * cap: an ordinary error, as Lua's own stack overflow is. lua_getstack
 * walks at most the frames there are, a handful for a sane script. The
 * hook runs every HOOK_PERIOD instructions, so the depth overshoots by
 * at most a few hundred calls before it is seen. */
static void too_deep(lua_State *L, lua_Debug *ar)
{
    lua_Debug deep;
    char where[LUA_IDSIZE + 16];
    if (!lua_getstack(L, SANDBOX_MAX_DEPTH, &deep))
        return;
    where_from_ar(L, ar, where, sizeof where);
    lua_pushfstring(L, "%s%sstack overflow (more than %d nested calls)", where, where[0] ? " " : "",
                    SANDBOX_MAX_DEPTH);
    lua_error(L);
}

/* The count hook: charges instructions, checks the limits, and once any
 * limit tripped raises on every instruction of every thread that runs. */
void sandbox_hook(lua_State *L, lua_Debug *ar)
{
    script_sandbox *sb = sandbox_of(L);
    char where[sizeof sb->last_where];
    int period = lua_gethookcount(L);
    enum sandbox_trip slow;
    if (sb->depth == 0)
        return; /* host code running Lua outside a call: nowhere to unwind to */
    if (sb->trip == TRIP_NONE) {
        sb->instructions += (uint64_t)period;
        /* Sample where the script is while memory runs high, to name a
         * place when the allocator (which cannot read the stack) trips. */
        if (sb->used_bytes > sb->limits.memory_bytes / 2)
            where_from_ar(L, ar, sb->last_where, sizeof sb->last_where);
        if (work_used(sb) > sb->limits.instructions_per_call) {
            where_from_ar(L, ar, where, sizeof where);
            sandbox_trip(sb, TRIP_INSTRUCTIONS, where);
        } else if ((slow = over_time(sb)) != TRIP_NONE) {
            where_from_ar(L, ar, where, sizeof where);
            sandbox_trip(sb, slow, where);
        } else {
            if (period != HOOK_PERIOD)
                lua_sethook(L, sandbox_hook, LUA_MASKCOUNT, HOOK_PERIOD);
            too_deep(L, ar);
            return;
        }
    }
    where_from_ar(L, ar, where, sizeof where);
    sandbox_locate_trip(sb, where);
    lua_sethook(L, sandbox_hook, LUA_MASKCOUNT, 1);
    lua_pushstring(L, sb->trip_msg);
    lua_error(L);
}

/* ---- lifetime --------------------------------------------------------- */

/* Zero fields take their defaults, so a zeroed struct means "defaults". */
static int check_limits(script_limits *lim, bw_err *err)
{
    script_limits def;
    script_limits_default(&def);
    if (lim->memory_bytes == 0)
        lim->memory_bytes = def.memory_bytes;
    if (lim->instructions_per_call == 0)
        lim->instructions_per_call = def.instructions_per_call;
    if (lim->max_string_bytes == 0)
        lim->max_string_bytes = def.max_string_bytes;
    if (lim->cpu_ms_per_call == 0)
        lim->cpu_ms_per_call = def.cpu_ms_per_call;
    if (lim->cpu_ms_unseen == 0)
        lim->cpu_ms_unseen = def.cpu_ms_unseen;
    if (lim->memory_bytes < MIN_MEMORY_BYTES)
        return bw_err_set(err, BW_EINVAL, "sandbox memory limit %zu is below the minimum %zu bytes",
                          lim->memory_bytes, MIN_MEMORY_BYTES);
    if (lim->instructions_per_call < HOOK_PERIOD)
        return bw_err_set(err, BW_EINVAL, "sandbox instruction limit %" PRIu64 " is below %d",
                          lim->instructions_per_call, HOOK_PERIOD);
    if (lim->max_string_bytes > (size_t)LUA_MAXINTEGER / 2)
        return bw_err_set(err, BW_EINVAL, "sandbox string limit %zu is out of range",
                          lim->max_string_bytes);
    if (lim->fail_alloc_after < 0)
        return bw_err_set(err, BW_EINVAL, "fail_alloc_after must not be negative");
    return BW_OK;
}

static int panic(lua_State *L)
{
    const char *msg = lua_tostring(L, -1);
    fprintf(stderr, "bulwark: unprotected Lua error in a sandbox (a host bug): %s\n",
            msg ? msg : "(not a string)");
    return 0; /* Lua aborts */
}

script_sandbox *script_sandbox_create(const script_limits *limits, bw_err *err)
{
    script_sandbox *sb;
    int status;
    sb = calloc(1, sizeof *sb);
    if (sb == NULL) {
        bw_err_set(err, BW_ENOMEM, "not enough memory for a sandbox");
        return NULL;
    }
    if (limits != NULL)
        sb->limits = *limits;
    else
        script_limits_default(&sb->limits);
    if (check_limits(&sb->limits, err) != BW_OK) {
        free(sb);
        return NULL;
    }
    sb->fail_countdown = sb->limits.fail_alloc_after;
    sb->L = lua_newstate(sandbox_alloc, sb);
    if (sb->L == NULL) {
        free(sb);
        bw_err_set(err, BW_ENOMEM, "not enough memory for a Lua state");
        return NULL;
    }
    lua_atpanic(sb->L, panic);
    lua_pushcfunction(sb->L, sandbox_open_env);
    status = lua_pcall(sb->L, 0, 0, 0);
    if (status != LUA_OK) {
        if (status == LUA_ERRMEM)
            bw_err_set(err, BW_ENOMEM, "not enough memory to build the sandbox");
        else
            bw_err_set(err, BW_EINVAL, "cannot build the sandbox: %s",
                       lua_tostring(sb->L, -1) ? lua_tostring(sb->L, -1) : "?");
        script_sandbox_destroy(sb);
        return NULL;
    }
    lua_sethook(sb->L, sandbox_hook, LUA_MASKCOUNT, HOOK_PERIOD);
    return sb;
}

void script_sandbox_destroy(script_sandbox *sb)
{
    if (sb == NULL)
        return;
    sb->running = NULL;
    sb->depth = 0;
    lua_close(sb->L);
    free(sb);
}

lua_State *script_sandbox_lua(script_sandbox *sb)
{
    return sb->L;
}

void script_sandbox_push_env(script_sandbox *sb)
{
    lua_rawgeti(sb->L, LUA_REGISTRYINDEX, LUA_RIDX_GLOBALS);
}

bool script_sandbox_tripped(const script_sandbox *sb)
{
    return sb->trip != TRIP_NONE;
}

size_t script_sandbox_memory(const script_sandbox *sb)
{
    return sb->used_bytes;
}

void script_sandbox_set_random(script_sandbox *sb, uint32_t (*next)(void *ud), void *ud)
{
    sb->rng = next;
    sb->rng_ud = ud;
}

void script_sandbox_fail_alloc_after(script_sandbox *sb, long n)
{
    sb->fail_countdown = n > 0 ? n : 0;
    sb->failing = false;
}
