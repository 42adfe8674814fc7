/* sandbox_call.c — loading chunks into a sandbox and calling into them:
 * the message handler, the short traceback, the error codes.
 *
 * What it must never do: leave anything on the stack after a failed call;
 * load a binary chunk; call Lua from the message handler except, protected
 * and under the budget, an error object's own __tostring. */
#include "sandbox_internal.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#define MAX_FILE_BYTES ((size_t)4 * 1024 * 1024)
#define FIRST_READ_BYTES ((size_t)64 * 1024)
/* Room kept for the traceback after the message in a bw_err. */
#define MESSAGE_BYTES 320
#define TRACE_FRAMES 6

struct saved_call {
    struct sandbox_call_ctx *ctx;
    lua_State *running;
};

/* ---- describing errors ------------------------------------------------ */

static void copy_text(char *out, size_t n, const char *s, size_t len)
{
    if (len >= n) {
        memcpy(out, s, n - 4);
        memcpy(out + n - 4, "...", 4);
    } else {
        memcpy(out, s, len);
        out[len] = '\0';
    }
}

static void append_text(char *out, size_t n, const char *s)
{
    size_t have = strlen(out), add = strlen(s);
    if (have + add < n)
        memcpy(out + have, s, add + 1);
}

/* Protected helper: the error object's __tostring, or nothing. */
static int call_tostring(lua_State *L)
{
    if (!luaL_callmeta(L, 1, "__tostring"))
        return 0;
    if (lua_type(L, -1) != LUA_TSTRING)
        return luaL_error(L, "'__tostring' must return a string");
    return 1;
}

/* Text for the error object at index 1. Never shows an address. */
static void describe_value(lua_State *L, char *out, size_t n)
{
    size_t len;
    const char *s;
    switch (lua_type(L, 1)) {
    case LUA_TSTRING:
        s = lua_tolstring(L, 1, &len);
        copy_text(out, n, s, len);
        return;
    case LUA_TNUMBER:
        if (lua_isinteger(L, 1))
            snprintf(out, n, LUA_INTEGER_FMT, (LUAI_UACINT)lua_tointeger(L, 1));
        else
            snprintf(out, n, LUA_NUMBER_FMT, (LUAI_UACNUMBER)lua_tonumber(L, 1));
        return;
    default:
        break;
    }
    snprintf(out, n, "(error object is a %s value)", luaL_typename(L, 1));
    if (!lua_checkstack(L, 2))
        return;
    lua_pushcfunction(L, call_tostring);
    lua_pushvalue(L, 1);
    if (lua_pcall(L, 1, 1, 0) == LUA_OK && lua_type(L, -1) == LUA_TSTRING) {
        s = lua_tolstring(L, -1, &len);
        copy_text(out, n, s, len);
    }
    lua_settop(L, 1);
}

/* "\n  at file:line" for the Lua frames under the error, repeats folded. */
static void append_traceback(lua_State *L, char *out, size_t n)
{
    lua_Debug ar;
    char frame[LUA_IDSIZE + 32], prev[LUA_IDSIZE + 32] = "";
    int shown = 0;
    for (int level = 1; lua_getstack(L, level, &ar); level++) {
        if (level >= TRACE_SCAN || shown == TRACE_FRAMES) {
            append_text(out, n, "\n  ...");
            return;
        }
        if (!lua_getinfo(L, "Sl", &ar) || ar.currentline <= 0)
            continue;
        snprintf(frame, sizeof frame, "\n  at %s:%d", ar.short_src, ar.currentline);
        if (strcmp(frame, prev) == 0)
            continue;
        memcpy(prev, frame, sizeof prev);
        append_text(out, n, frame);
        shown++;
    }
}

/* Message handler of script_sandbox_call: runs where the error was
 * raised, before the stack unwinds, and writes the text into the call's
 * context. Returns the error object unchanged. */
static int message_handler(lua_State *L)
{
    script_sandbox *sb = sandbox_of(L);
    struct sandbox_call_ctx *ctx = sb->ctx;
    char where[LUA_IDSIZE + 16];
    if (ctx == NULL || ctx->described)
        return 1; /* an error inside this handler: keep the first text */
    ctx->described = true;
    lua_settop(L, 1);
    if (sb->trip == TRIP_NONE) {
        describe_value(L, ctx->msg, MESSAGE_BYTES);
        ctx->size_limit = sandbox_is_size_error(L, 1);
    }
    if (sb->trip != TRIP_NONE) { /* maybe tripped inside __tostring */
        sandbox_where(L, where, sizeof where);
        sandbox_locate_trip(sb, where);
        copy_text(ctx->msg, MESSAGE_BYTES, sb->trip_msg, strlen(sb->trip_msg));
        ctx->tripped = true;
    }
    append_traceback(L, ctx->msg, sizeof ctx->msg);
    return 1;
}

/* ---- calling ---------------------------------------------------------- */

static void note_call_where(script_sandbox *sb, int func)
{
    lua_Debug ar;
    sb->call_where[0] = '\0';
    if (lua_type(sb->L, func) != LUA_TFUNCTION || !lua_checkstack(sb->L, 1))
        return;
    lua_pushvalue(sb->L, func);
    if (lua_getinfo(sb->L, ">S", &ar) && ar.what[0] != 'C')
        snprintf(sb->call_where, sizeof sb->call_where, "%s:", ar.short_src);
}

static void begin_call(script_sandbox *sb, int func, struct sandbox_call_ctx *ctx,
                       struct saved_call *saved)
{
    saved->ctx = sb->ctx;
    saved->running = sb->running;
    sb->ctx = ctx;
    sb->running = sb->L;
    if (sb->depth++ > 0)
        return; /* a binding calling back: the caller's budget goes on */
    sb->instructions = 0;
    sb->allocations = 0;
    sb->charged_bytes = 0;
    sb->cap_refusals = 0;
    sb->cap_refused = false;
    sb->nomem_raised = false;
    sb->last_where[0] = '\0';
    note_call_where(sb, func);
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &sb->started); /* CPU time: a loaded machine must not trip it */
    lua_sethook(sb->L, sandbox_hook, LUA_MASKCOUNT, HOOK_PERIOD);
}

static void end_call(script_sandbox *sb, const struct saved_call *saved)
{
    if (sb->depth == 1)
        sb->total_work += sb->instructions; /* the outermost call is over */
    sb->depth--;
    sb->ctx = saved->ctx;
    sb->running = saved->running;
}

static int finish_call(script_sandbox *sb, int status, int func, const struct sandbox_call_ctx *ctx,
                       bw_err *err)
{
    if (status == LUA_OK && sb->trip == TRIP_NONE)
        return BW_OK;
    lua_settop(sb->L, func - 1); /* results of a tripped call are not trusted either */
    if (status == LUA_ERRMEM && sb->cap_refusals > 0)
        sandbox_trip(sb, TRIP_MEMORY, sb->last_where);
    /* No place known: name the file at least. A host calling through a C
     * trampoline (the scenario's callbacks) has no Lua function to name, so
     * the file loaded last, which defined the callbacks, stands in. */
    sandbox_locate_trip(sb, sb->call_where[0] ? sb->call_where : sb->load_where);
    if (sb->trip != TRIP_NONE)
        return bw_err_set(err, BW_ELIMIT, "%s", ctx->tripped ? ctx->msg : sb->trip_msg);
    if (sb->nomem_raised) /* a binding's allocation failed: not the script's error */
        return bw_err_set(err, BW_ENOMEM, "%s", ctx->described ? ctx->msg : "not enough memory");
    switch (status) {
    case LUA_ERRMEM:
        return bw_err_set(err, BW_ENOMEM, "not enough memory");
    case LUA_ERRERR:
        return bw_err_set(err, BW_ESCRIPT, "%s", ctx->described ? ctx->msg : "error in error handling");
    default:
        return bw_err_set(err, ctx->size_limit ? BW_ELIMIT : BW_ESCRIPT, "%s",
                          ctx->described ? ctx->msg : "script error");
    }
}

int script_sandbox_call(script_sandbox *sb, int nargs, int nresults, bw_err *err)
{
    lua_State *L = sb->L;
    int func = lua_gettop(L) - nargs;
    struct sandbox_call_ctx ctx;
    struct saved_call saved;
    int status;
    if (nargs < 0 || func < 1)
        return bw_err_set(err, BW_EINVAL, "script_sandbox_call: %d arguments, %d values on the stack",
                          nargs, lua_gettop(L));
    if (sb->trip != TRIP_NONE) {
        lua_settop(L, func - 1);
        return bw_err_set(err, BW_ELIMIT, "%s", sb->trip_msg);
    }
    if (!lua_checkstack(L, 2)) {
        lua_settop(L, func - 1);
        return bw_err_set(err, BW_ENOMEM, "not enough memory");
    }
    memset(&ctx, 0, sizeof ctx);
    begin_call(sb, func, &ctx, &saved);
    lua_pushcfunction(L, message_handler);
    lua_insert(L, func);
    status = lua_pcall(L, nargs, nresults, func);
    lua_remove(L, func);
    end_call(sb, &saved);
    return finish_call(sb, status, func, &ctx, err);
}

/* ---- loading ---------------------------------------------------------- */

static const char *display_of(const char *chunkname)
{
    return (chunkname[0] == '@' || chunkname[0] == '=') ? chunkname + 1 : chunkname;
}

int script_sandbox_load(script_sandbox *sb, const char *chunkname, const char *buf, size_t len,
                        bw_err *err)
{
    lua_State *L = sb->L;
    char msg[BW_ERR_MSG_MAX], where[LUA_IDSIZE + 16];
    const char *text;
    int status;
    if (chunkname == NULL)
        chunkname = "=(script)";
    if (sb->trip != TRIP_NONE)
        return bw_err_set(err, BW_ELIMIT, "%s", sb->trip_msg);
    if (buf == NULL && len > 0)
        return bw_err_set(err, BW_EINVAL, "%s: no buffer", display_of(chunkname));
    /* Bytecode is not verified by the VM: a crafted binary chunk corrupts
     * memory. Mode "t" below refuses it too; this names the reason. */
    if (len > 0 && buf[0] == LUA_SIGNATURE[0])
        return bw_err_set(err, BW_EINVAL, "%s: binary chunks are not allowed", display_of(chunkname));
    if (!lua_checkstack(L, 2))
        return bw_err_set(err, BW_ENOMEM, "not enough memory");
    if (sb->depth == 0) { /* between calls: the loader starts a fresh account */
        sb->cap_refusals = 0;
        sb->cap_refused = false;
        sb->last_where[0] = '\0';
    }
    status = luaL_loadbufferx(L, buf ? buf : "", len, chunkname, "t");
    if (status == LUA_OK) {
        snprintf(sb->load_where, sizeof sb->load_where, "%s:", display_of(chunkname));
        script_sandbox_push_env(sb); /* already its _ENV; say so anyway */
        if (lua_setupvalue(L, -2, 1) == NULL)
            lua_pop(L, 1);
        return BW_OK;
    }
    text = lua_tostring(L, -1);
    copy_text(msg, sizeof msg, text ? text : "?", text ? strlen(text) : 1);
    lua_pop(L, 1);
    if (status == LUA_ERRMEM && sb->cap_refusals > 0)
        sandbox_trip(sb, TRIP_MEMORY, NULL);
    if (sb->trip != TRIP_NONE) {
        snprintf(where, sizeof where, "%s:", display_of(chunkname));
        sandbox_locate_trip(sb, where);
        return bw_err_set(err, BW_ELIMIT, "%s", sb->trip_msg);
    }
    if (status == LUA_ERRMEM)
        return bw_err_set(err, BW_ENOMEM, "%s: not enough memory to load", display_of(chunkname));
    return bw_err_set(err, BW_ESCRIPT, "%s", msg);
}

/* Read all of f, at most MAX_FILE_BYTES. *out is malloc'd; caller frees. */
static int read_all(FILE *f, char **out, size_t *len)
{
    size_t cap = FIRST_READ_BYTES, n = 0;
    char *buf = malloc(cap), *grown;
    if (buf == NULL)
        return BW_ENOMEM;
    for (;;) {
        n += fread(buf + n, 1, cap - n, f);
        if (n < cap)
            break; /* end of file, or an error */
        if (cap > MAX_FILE_BYTES) {
            free(buf);
            return BW_ELIMIT;
        }
        cap = cap * 2 > MAX_FILE_BYTES ? MAX_FILE_BYTES + 1 : cap * 2;
        grown = realloc(buf, cap);
        if (grown == NULL) {
            free(buf);
            return BW_ENOMEM;
        }
        buf = grown;
    }
    if (ferror(f)) {
        free(buf);
        return BW_EIO;
    }
    *out = buf;
    *len = n;
    return BW_OK;
}

int script_file_check(const char *path, bw_err *err)
{
    struct stat st;
    if (!path || stat(path, &st) != 0)
        return bw_err_set(err, BW_EIO, "cannot open: %s", path ? strerror(errno) : "no file given");
    if (S_ISDIR(st.st_mode))
        return bw_err_set(err, BW_EIO, "is a directory, not a file");
    if (!S_ISREG(st.st_mode))
        return bw_err_set(err, BW_EIO, "is not a regular file");
    return BW_OK;
}

int script_sandbox_load_file(script_sandbox *sb, const char *path, const char *display_name,
                             bw_err *err)
{
    char chunkname[512];
    char *buf = NULL;
    size_t len = 0, skip = 0;
    FILE *f;
    int rc;
    if (display_name == NULL)
        display_name = path;
    bw_err why;
    if ((rc = script_file_check(path, &why)) != BW_OK)
        return bw_err_set(err, rc, "%s: %s", display_name, why.msg);
    f = fopen(path, "rb");
    if (f == NULL)
        return bw_err_set(err, BW_EIO, "cannot open %s: %s", display_name, strerror(errno));
    rc = read_all(f, &buf, &len);
    fclose(f);
    if (rc == BW_ELIMIT)
        return bw_err_set(err, rc, "%s: larger than %zu bytes", display_name, MAX_FILE_BYTES);
    if (rc != BW_OK)
        return bw_err_set(err, rc, "cannot read %s: %s", display_name,
                          rc == BW_ENOMEM ? "not enough memory" : "read error");
    if (len >= 3 && memcmp(buf, "\xEF\xBB\xBF", 3) == 0)
        skip = 3; /* a UTF-8 byte order mark, as some editors write */
    snprintf(chunkname, sizeof chunkname, "@%s", display_name);
    rc = script_sandbox_load(sb, chunkname, buf + skip, len - skip, err);
    free(buf);
    return rc;
}

uint64_t script_sandbox_total_work(const script_sandbox *sb)
{
    return sb ? sb->total_work : 0;
}

int script_sandbox_raise_nomem(lua_State *L, const char *msg)
{
    script_sandbox *sb = sandbox_of(L);
    if (sb)
        sb->nomem_raised = true;
    return luaL_error(L, "%s", msg);
}
