/* testrun.c — the scenario test runner (`bulwark test`): runs a
 * NAME.test.lua file in the sandbox, test by test, and reports each
 * failure at its line of the test file.
 *
 * What a test file sees (besides the sandbox's whitelisted globals):
 *
 *   test(name, fn)             register a test; tests run in file order
 *   game{ seed =, scenario = } a fresh game of the scenario beside the file
 *                              (NAME.lua), or of a file / shipped id; the
 *                              scenario's own seed by default
 *   g:act(action, target [, option]) / g:act{ action =, target =, option = }
 *                              -> accepted, reason (a refusal is no error)
 *   g:advance(ticks), g:advance_to_day(d), g:run{ player = BOT } -> g
 *   g.tick, g.seed, g.id, g:day(), g:hour(), g:over()
 *   g:view()                   the table a bot's decide(view) gets; its
 *                              events are those since the previous g:view()
 *   g:node(id), g:vuln(id)     the truth, hidden state included
 *   g:messages()               every log line so far (hidden ones too);
 *   g:timeline()               only the lines the player saw
 *   g:result(), g:debrief(), g:score(), g:defender(), g:tally(), g:actions()
 *   ok(cond [, msg]), eq(a, b [, msg]), ne(a, b [, msg]), ge(a, b [, msg]),
 *   le(a, b [, msg]), contains(list_or_string, needle [, msg])
 *
 * eq compares tables by content. The first failed assertion fails the
 * test even if a pcall caught it.
 *
 * Must never: let a test's failure stop the next test (each runs in its
 * own sandbox), or report a failure without the line that caused it when
 * Lua knows it. */
#include "testrun_internal.h"

#include "sandbox_internal.h"

#include <ctype.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define EQ_MAX_DEPTH 16

/* ---- where ---------------------------------------------------------------------- */

int testrun_line(lua_State *L, const test_ctx *ctx)
{
    lua_Debug ar;
    for (int level = 1; level < 64 && lua_getstack(L, level, &ar); level++)
        if (lua_getinfo(L, "Sl", &ar) && ar.currentline > 0 && strcmp(ar.short_src, ctx->chunk) == 0)
            return ar.currentline;
    return 0;
}

/* The line in "chunk:LINE: ..." (or a "\n  at chunk:LINE" of the
 * traceback) of msg, and where the message proper starts. */
static int line_of(const test_ctx *ctx, const char *msg, const char **text)
{
    size_t n = strlen(ctx->chunk);
    *text = msg;
    if (strncmp(msg, ctx->chunk, n) == 0 && msg[n] == ':' && isdigit((unsigned char)msg[n + 1])) {
        int line = atoi(msg + n + 1);
        const char *p = msg + n + 1 + strspn(msg + n + 1, "0123456789");
        *text = p + (*p == ':') + (p[*p == ':'] == ' ');
        return line;
    }
    for (const char *at = strstr(msg, "\n  at "); at; at = strstr(at + 1, "\n  at "))
        if (strncmp(at + 6, ctx->chunk, n) == 0 && at[6 + n] == ':')
            return atoi(at + 7 + n);
    return 0;
}

/* ---- describing values -------------------------------------------------------------- */

static void describe(lua_State *L, int idx, char *out, size_t n)
{
    switch (lua_type(L, idx)) {
    case LUA_TNIL: snprintf(out, n, "nil"); break;
    case LUA_TBOOLEAN: snprintf(out, n, "%s", lua_toboolean(L, idx) ? "true" : "false"); break;
    case LUA_TNUMBER:
        if (lua_isinteger(L, idx))
            snprintf(out, n, "%lld", (long long)lua_tointeger(L, idx));
        else
            snprintf(out, n, "%.14g", (double)lua_tonumber(L, idx));
        break;
    case LUA_TSTRING: {
        size_t len;
        const char *s = lua_tolstring(L, idx, &len);
        if (len > 80)
            snprintf(out, n, "\"%.77s...\"", s);
        else
            snprintf(out, n, "\"%s\"", s);
        bw_text_clean(out);
        break;
    }
    default: snprintf(out, n, "a %s", luaL_typename(L, idx)); break;
    }
}

/* ---- assertions ---------------------------------------------------------------------- */

/* Record the test's first failure and raise it. fmt's text follows the
 * user's message when there is one. */
static int fail(lua_State *L, int msg_idx, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 3, 4)))
#endif
    ;

static int fail(lua_State *L, int msg_idx, const char *fmt, ...)
{
    test_ctx *ctx = lua_touserdata(L, lua_upvalueindex(1));
    char detail[BW_ERR_MSG_MAX - 64], msg[BW_ERR_MSG_MAX];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(detail, sizeof detail, fmt, ap);
    va_end(ap);
    const char *user = lua_type(L, msg_idx) == LUA_TSTRING || lua_type(L, msg_idx) == LUA_TNUMBER
                       ? lua_tostring(L, msg_idx) : NULL;
    if (user && detail[0])
        snprintf(msg, sizeof msg, "%.200s (%.300s)", user, detail);
    else
        snprintf(msg, sizeof msg, "%s", user ? user : detail);
    bw_text_clean(msg);
    int line = testrun_line(L, ctx);
    if (!ctx->failed) {
        ctx->failed = true;
        ctx->fail_line = line;
        snprintf(ctx->fail_msg, sizeof ctx->fail_msg, "%s", msg);
    }
    if (line > 0)
        lua_pushfstring(L, "%s:%d: %s", ctx->chunk, line, msg);
    else
        lua_pushstring(L, msg);
    return lua_error(L);
}

static int fn_ok(lua_State *L)
{
    luaL_checkany(L, 1);
    if (lua_toboolean(L, 1))
        return 0;
    char a[128];
    describe(L, 1, a, sizeof a);
    return fail(L, 2, "ok: got %s", a);
}

/* Deep equality without metamethods; path names the first difference. */
static bool same(lua_State *L, int a, int b, int depth, char *path, size_t n)
{
    if (lua_rawequal(L, a, b))
        return true;
    /* nesting deeper than EQ_MAX_DEPTH (a cycle, say) counts as different */
    if (!lua_istable(L, a) || !lua_istable(L, b) || depth >= EQ_MAX_DEPTH || !lua_checkstack(L, 6))
        return false;
    size_t len = strlen(path);
    /* every key of a is in b with the same value ... */
    lua_pushnil(L);
    while (lua_next(L, a)) {
        sandbox_charge(L, 1);
        int v = lua_gettop(L), k = v - 1;
        lua_pushvalue(L, k);
        lua_rawget(L, b);
        char key[40];
        if (lua_type(L, k) == LUA_TSTRING)
            snprintf(key, sizeof key, ".%.30s", lua_tostring(L, k));
        else if (lua_isinteger(L, k))
            snprintf(key, sizeof key, "[%lld]", (long long)lua_tointeger(L, k));
        else
            snprintf(key, sizeof key, "[%s]", luaL_typename(L, k));
        if (len + strlen(key) < n)
            strcat(path, key);
        if (!same(L, v + 1, v, depth + 1, path, n)) {
            lua_settop(L, k - 1);
            return false;
        }
        path[len] = '\0';
        lua_settop(L, k);
    }
    /* ... and b has no other key */
    lua_pushnil(L);
    while (lua_next(L, b)) {
        sandbox_charge(L, 1);
        int k = lua_gettop(L) - 1;
        lua_pushvalue(L, k);
        bool missing = lua_rawget(L, a) == LUA_TNIL;
        lua_settop(L, k);
        if (missing) {
            char key[40];
            if (lua_type(L, k) == LUA_TSTRING)
                snprintf(key, sizeof key, ".%.30s", lua_tostring(L, k));
            else
                snprintf(key, sizeof key, "[%s]", luaL_tolstring(L, k, NULL));
            if (len + strlen(key) < n)
                strcat(path, key);
            lua_settop(L, k - 1);
            return false;
        }
    }
    return true;
}

static int fn_eq(lua_State *L)
{
    luaL_checkany(L, 2);
    char path[128] = "";
    lua_settop(L, 3);
    if (same(L, 1, 2, 0, path, sizeof path))
        return 0;
    char a[128], b[128];
    describe(L, 1, a, sizeof a);
    describe(L, 2, b, sizeof b);
    if (path[0])
        return fail(L, 3, "eq: the tables differ at %s", path);
    return fail(L, 3, "eq: expected %s, got %s", b, a);
}

static int fn_ne(lua_State *L)
{
    luaL_checkany(L, 2);
    char path[128] = "";
    lua_settop(L, 3);
    if (!same(L, 1, 2, 0, path, sizeof path))
        return 0;
    char a[128];
    describe(L, 1, a, sizeof a);
    return fail(L, 3, "ne: both are %s", a);
}

static int compare(lua_State *L, bool ge)
{
    const char *name = ge ? "ge" : "le";
    lua_settop(L, 3);
    char a[128], b[128];
    describe(L, 1, a, sizeof a);
    describe(L, 2, b, sizeof b);
    if (lua_type(L, 1) != LUA_TNUMBER || lua_type(L, 2) != LUA_TNUMBER)
        return fail(L, 3, "%s: compares numbers, got %s and %s", name, a, b);
    bool holds = ge ? lua_compare(L, 2, 1, LUA_OPLE) : lua_compare(L, 1, 2, LUA_OPLE);
    if (holds)
        return 0;
    return fail(L, 3, "%s: expected %s %s %s", name, a, ge ? ">=" : "<=", b);
}

static int fn_ge(lua_State *L) { return compare(L, true); }
static int fn_le(lua_State *L) { return compare(L, false); }

/* Case-insensitive (ASCII) substring. */
static bool has_text(lua_State *L, const char *hay, size_t hn, const char *needle, size_t nn)
{
    sandbox_charge(L, hn / BYTES_PER_WORK + 1);
    if (nn == 0)
        return true;
    for (size_t i = 0; i + nn <= hn; i++) {
        size_t j = 0;
        while (j < nn && tolower((unsigned char)hay[i + j]) == tolower((unsigned char)needle[j]))
            j++;
        if (j == nn)
            return true;
    }
    return false;
}

static int fn_contains(lua_State *L)
{
    lua_settop(L, 3);
    char a[128], b[128];
    describe(L, 2, b, sizeof b);
    if (lua_type(L, 2) != LUA_TSTRING && lua_type(L, 2) != LUA_TNUMBER)
        return fail(L, 3, "contains: the needle must be a string, not %s", b);
    size_t nn;
    const char *needle = lua_tolstring(L, 2, &nn);
    if (lua_type(L, 1) == LUA_TSTRING) {
        size_t hn;
        const char *hay = lua_tolstring(L, 1, &hn);
        if (has_text(L, hay, hn, needle, nn))
            return 0;
        describe(L, 1, a, sizeof a);
        return fail(L, 3, "contains: %s does not contain %s", a, b);
    }
    if (!lua_istable(L, 1)) {
        describe(L, 1, a, sizeof a);
        return fail(L, 3, "contains: looks in a string or a list of strings, not %s", a);
    }
    lua_Unsigned n = lua_rawlen(L, 1);
    for (lua_Unsigned i = 1; i <= n; i++) {
        int ty = lua_rawgeti(L, 1, (lua_Integer)i);
        if (ty == LUA_TSTRING || ty == LUA_TNUMBER) {
            size_t hn;
            const char *hay = lua_tolstring(L, -1, &hn);
            if (has_text(L, hay, hn, needle, nn))
                return 0;
        }
        lua_pop(L, 1);
    }
    return fail(L, 3, "contains: none of the %llu item%s contains %s", (unsigned long long)n,
                n == 1 ? "" : "s", b);
}

/* ---- test() ----------------------------------------------------------------------- */

static int fn_test(lua_State *L)
{
    test_ctx *ctx = lua_touserdata(L, lua_upvalueindex(1));
    const char *name = luaL_checkstring(L, 1);
    luaL_checktype(L, 2, LUA_TFUNCTION);
    if (ctx->in_test)
        return luaL_error(L, "test(): register tests at the top level of the file, not inside a test");
    if (ctx->registered >= SCRIPT_TEST_MAX)
        return luaL_error(L, "test(): more than %d tests in one file", SCRIPT_TEST_MAX);
    ctx->registered++;
    if (ctx->want == 0) { /* the first pass: collect the names */
        char *copy = malloc(strlen(name) + 1);
        char **grown = copy ? realloc(ctx->names, (size_t)(ctx->name_count + 1) * sizeof *grown) : NULL;
        if (!grown) {
            free(copy);
            return luaL_error(L, "out of memory");
        }
        ctx->names = grown;
        strcpy(copy, name);
        ctx->names[ctx->name_count++] = copy;
    } else if (ctx->registered == ctx->want) {
        lua_settop(L, 2);
        ctx->fn_ref = luaL_ref(L, LUA_REGISTRYINDEX);
    }
    return 0;
}

static const luaL_Reg assertions[] = {
    { "ok", fn_ok }, { "eq", fn_eq }, { "ne", fn_ne }, { "ge", fn_ge }, { "le", fn_le },
    { "contains", fn_contains }, { "test", fn_test }, { NULL, NULL },
};

static int open_globals(lua_State *L)
{
    test_ctx *ctx = lua_touserdata(L, 1);
    for (const luaL_Reg *r = assertions; r->name; r++) {
        lua_pushlightuserdata(L, ctx);
        lua_pushcclosure(L, r->func, 1);
        lua_setglobal(L, r->name);
    }
    testrun_open_game(L, ctx);
    return 0;
}

/* ---- running ----------------------------------------------------------------------- */

static double now_ms(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return t.tv_sec * 1000.0 + t.tv_nsec / 1e6;
}

/* A fresh sandbox with the globals, the file run: its tests registered,
 * and test number want kept (0: names collected). */
static script_sandbox *load(test_ctx *ctx, const script_limits *limits, bw_err *err)
{
    ctx->registered = 0;
    ctx->fn_ref = LUA_NOREF;
    ctx->in_test = false;
    ctx->failed = false;
    ctx->live_games = 0;
    script_sandbox *sb = script_sandbox_create(limits, err);
    if (!sb)
        return NULL;
    lua_State *L = script_sandbox_lua(sb);
    lua_pushcfunction(L, open_globals);
    lua_pushlightuserdata(L, ctx);
    int rc = script_sandbox_call(sb, 1, 0, err);
    if (rc == BW_OK)
        rc = script_sandbox_load_file(sb, ctx->path, ctx->chunk, err);
    if (rc == BW_OK)
        rc = script_sandbox_call(sb, 0, 0, err);
    if (rc != BW_OK) {
        script_sandbox_destroy(sb);
        return NULL;
    }
    return sb;
}

/* Fill c from a failed call's error (or the assertion recorded). */
static void classify(const test_ctx *ctx, int rc, const bw_err *e, script_test_case *c)
{
    if (ctx->failed) {
        c->status = SCRIPT_TEST_ASSERTION;
        c->line = ctx->fail_line;
        snprintf(c->msg, sizeof c->msg, "%s", ctx->fail_msg);
        return;
    }
    if (rc == BW_OK) {
        c->status = SCRIPT_TEST_PASSED;
        return;
    }
    const char *text;
    c->status = rc == BW_ELIMIT ? SCRIPT_TEST_LIMIT : SCRIPT_TEST_ERROR;
    c->line = line_of(ctx, e->msg, &text);
    snprintf(c->msg, sizeof c->msg, "%.*s", (int)strcspn(text, "\n"), text);
    bw_text_clean(c->msg);
}

static int add_case(script_test_file *out, const script_test_case *c, const script_test_options *opt)
{
    script_test_case *grown = realloc(out->cases, (size_t)(out->count + 1) * sizeof *grown);
    if (!grown)
        return BW_ENOMEM;
    out->cases = grown;
    out->cases[out->count++] = *c;
    if (c->status == SCRIPT_TEST_PASSED)
        out->passed++;
    else
        out->failed++;
    if (opt && opt->on_case)
        opt->on_case(opt->ud, c);
    return BW_OK;
}

static void set_name(script_test_case *c, const char *name)
{
    snprintf(c->name, sizeof c->name, "%s", name);
    bw_text_clean(c->name);
}

/* The whole file failed (no test could run). */
static int file_failure(script_test_file *out, const script_test_options *opt, const test_ctx *ctx,
                        int rc, const bw_err *e)
{
    script_test_case c;
    memset(&c, 0, sizeof c);
    set_name(&c, "(file)");
    classify(ctx, rc, e, &c);
    c.status = SCRIPT_TEST_FILE;
    return add_case(out, &c, opt);
}

/* Run test number i (1-based) in its own sandbox. */
static int run_one(test_ctx *ctx, const script_limits *limits, int i, script_test_case *c)
{
    memset(c, 0, sizeof *c);
    set_name(c, ctx->names[i - 1]);
    double t0 = now_ms();
    ctx->want = i;
    bw_err e;
    script_sandbox *sb = load(ctx, limits, &e);
    int rc;
    if (!sb) {
        rc = e.code;
    } else if (ctx->fn_ref == LUA_NOREF) {
        rc = bw_err_set(&e, BW_ESCRIPT, "the test was not registered again: the file's top level must do the same every time");
    } else {
        lua_State *L = script_sandbox_lua(sb);
        lua_rawgeti(L, LUA_REGISTRYINDEX, ctx->fn_ref);
        ctx->in_test = true;
        rc = script_sandbox_call(sb, 0, 0, &e);
        ctx->in_test = false;
    }
    script_sandbox_destroy(sb); /* collects the test's games */
    classify(ctx, rc, &e, c);
    c->ms = now_ms() - t0;
    return rc == BW_ENOMEM && !ctx->failed ? BW_ENOMEM : BW_OK;
}

bool script_test_path_for(const char *scenario, char *buf, size_t n)
{
    size_t len = strlen(scenario);
    if (len < 5 || strcmp(scenario + len - 4, ".lua") != 0)
        return false;
    int w = snprintf(buf, n, "%.*s.test.lua", (int)(len - 4), scenario);
    return w > 0 && (size_t)w < n;
}

void script_test_file_free(script_test_file *f)
{
    if (!f)
        return;
    free(f->cases);
    memset(f, 0, sizeof *f);
}

static void free_names(test_ctx *ctx)
{
    for (int i = 0; i < ctx->name_count; i++)
        free(ctx->names[i]);
    free(ctx->names);
}

int script_test_run(const char *path, const script_test_options *opt, script_test_file *out, bw_err *err)
{
    memset(out, 0, sizeof *out);
    test_ctx ctx;
    memset(&ctx, 0, sizeof ctx);
    ctx.path = path;
    const char *slash = strrchr(path, '/');
    if (slash)
        snprintf(ctx.dir, sizeof ctx.dir, "%.*s", (int)(slash == path ? 1 : slash - path), path);
    else
        snprintf(ctx.dir, sizeof ctx.dir, ".");
    /* Lua shows at most LUA_IDSIZE characters of a chunk name */
    snprintf(ctx.chunk, sizeof ctx.chunk, "%.*s", LUA_IDSIZE - 8, slash ? slash + 1 : path);
    script_limits limits;
    if (opt)
        limits = opt->limits;
    else
        memset(&limits, 0, sizeof limits);
    if (!limits.cpu_ms_per_call)
        limits.cpu_ms_per_call = 60000; /* a test plays whole games in C */
    if (!limits.cpu_ms_unseen)
        limits.cpu_ms_unseen = SANDBOX_CPU_OFF; /* ... that its instruction count does not see */

    bw_err e;
    int rc = BW_OK;
    script_sandbox *sb = load(&ctx, &limits, &e); /* the first pass: names */
    bool loaded = sb != NULL;
    script_sandbox_destroy(sb);
    if (!loaded)
        rc = file_failure(out, opt, &ctx, e.code, &e);
    else if (ctx.name_count == 0)
        rc = file_failure(out, opt, &ctx,
                          bw_err_set(&e, BW_EINVAL, "no tests: register them with test(\"name\", function() ... end)"),
                          &e);
    for (int i = 1; loaded && rc == BW_OK && i <= ctx.name_count; i++) {
        if (opt && opt->match && !strstr(ctx.names[i - 1], opt->match)) {
            out->skipped++;
            continue;
        }
        script_test_case c;
        rc = run_one(&ctx, &limits, i, &c);
        if (rc == BW_OK)
            rc = add_case(out, &c, opt);
    }
    free_names(&ctx);
    if (rc == BW_ENOMEM)
        return bw_err_set(err, BW_ENOMEM, "out of memory running %s", path);
    return BW_OK;
}
