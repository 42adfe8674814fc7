/* scenario_load.c — script_scenario_load: read a scenario file, run it in
 * a fresh sandbox, validate what it returns, build the world, connect the
 * callbacks and run on_start.
 *
 * Must never: let a Lua error unwind through C that owns memory (the
 * table is read inside a protected call; what it allocates belongs to a
 * build struct freed here), or hand Lua a pointer it could forge. */
#include "scenario_build.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MAX_SOURCE SCRIPT_SOURCE_MAX

/* ---- constructors: record the line where each table was written ---------- */

/* scenario{...}, node{...}, link{...}, actor{...}, ...: return the table
 * unchanged, remembering the caller's line for diagnostics. */
static int constructor(lua_State *L)
{
    luaL_checktype(L, 1, LUA_TTABLE);
    lua_Debug ar;
    int line = 0;
    if (lua_getstack(L, 1, &ar) && lua_getinfo(L, "l", &ar))
        line = ar.currentline;
    lua_rawgetp(L, LUA_REGISTRYINDEX, &SCRIPT_KEY_LINES);
    lua_pushvalue(L, 1);
    lua_pushinteger(L, line);
    lua_rawset(L, -3);
    lua_pop(L, 1);
    lua_settop(L, 1);
    return 1;
}

/* day(n): the tick at which day n starts (day 1 is tick 0). */
static int fn_day(lua_State *L)
{
    lua_Integer d = luaL_checkinteger(L, 1);
    luaL_argcheck(L, d >= 1 && d <= SIM_MAX_DAYS, 1, "day must be 1..365");
    lua_pushinteger(L, (d - 1) * SIM_TICKS_PER_DAY);
    return 1;
}

static int fn_days(lua_State *L)
{
    lua_Integer d = luaL_checkinteger(L, 1);
    luaL_argcheck(L, d >= 0 && d <= SIM_MAX_DAYS, 1, "days must be 0..365");
    lua_pushinteger(L, d * SIM_TICKS_PER_DAY);
    return 1;
}

static int fn_hours(lua_State *L)
{
    lua_Integer h = luaL_checkinteger(L, 1);
    luaL_argcheck(L, h >= 0 && h <= SIM_MAX_DAYS * SIM_TICKS_PER_DAY, 1, "hours out of range");
    lua_pushinteger(L, h);
    return 1;
}

static const char *const constructors[] = {
    "scenario", "node", "link", "vuln", "actor", "report", "event", "objective", NULL,
};

static void open_helpers(lua_State *L, script_sandbox *sb)
{
    lua_newtable(L); /* weak-keyed: table -> line */
    lua_newtable(L);
    lua_pushliteral(L, "k");
    lua_setfield(L, -2, "__mode");
    lua_setmetatable(L, -2);
    lua_rawsetp(L, LUA_REGISTRYINDEX, &SCRIPT_KEY_LINES);
    script_sandbox_push_env(sb);
    for (int i = 0; constructors[i]; i++) {
        lua_pushcfunction(L, constructor);
        lua_setfield(L, -2, constructors[i]);
    }
    lua_pushcfunction(L, fn_day);
    lua_setfield(L, -2, "day");
    lua_pushcfunction(L, fn_days);
    lua_setfield(L, -2, "days");
    lua_pushcfunction(L, fn_hours);
    lua_setfield(L, -2, "hours");
    lua_pop(L, 1);
}

/* Everything that allocates at start-up, protected: the helpers, the
 * world metatable and the one `w` object later calls only fetch. */
static int protected_helpers(lua_State *L)
{
    script_scenario *s = lua_touserdata(L, 1);
    open_helpers(L, s->sb);
    script_world_open(L);
    script_world_push(L, s);
    lua_pop(L, 1);
    return 0;
}

static int protected_build(lua_State *L)
{
    build *b = lua_touserdata(L, 1);
    b->r.L = L;
    build_read(b, L, 2);
    return 0;
}

/* ---- files ------------------------------------------------------------------- */

char *script_read_file(const char *path, size_t max, const char *what, size_t *len, bw_err *err)
{
    if (script_file_check(path, err) != BW_OK)
        return NULL;
    FILE *f = fopen(path, "rb");
    if (!f) {
        bw_err_set(err, BW_EIO, "cannot open: no such file or not readable");
        return NULL;
    }
    char *buf = malloc(max + 1);
    size_t n = buf ? fread(buf, 1, max + 1, f) : 0;
    bool bad = ferror(f);
    fclose(f);
    if (!buf || bad || n > max) {
        if (!buf)
            bw_err_set(err, BW_ENOMEM, "out of memory reading it");
        else if (bad)
            bw_err_set(err, BW_EIO, "read error");
        else
            bw_err_set(err, BW_ELIMIT, "larger than the %zu MiB a %s may be", max >> 20, what);
        free(buf);
        return NULL;
    }
    buf[n] = '\0';
    *len = n;
    return buf;
}

static uint64_t fnv1a(const char *p, size_t n)
{
    uint64_t h = 0xcbf29ce484222325ULL;
    for (size_t i = 0; i < n; i++) {
        h ^= (unsigned char)p[i];
        h *= 0x100000001b3ULL;
    }
    return h;
}

static char *dup_str(const char *s)
{
    if (!s)
        s = "";
    char *d = malloc(strlen(s) + 1);
    if (d) {
        strcpy(d, s);
        bw_text_clean(d); /* titles and briefings are printed */
    }
    return d;
}

/* ---- diagnostics from error messages ------------------------------------------- */

/* Length of the "path" Lua shows at the start of msg: the path itself, or
 * "..." and its tail when the path is longer than Lua's LUA_IDSIZE
 * (a plain prefix test would lose the line of every error in a scenario
 * kept in a deep directory). 0 when msg does not start with the path. */
static size_t shown_path_len(const char *path, const char *msg)
{
    size_t n = strlen(path);
    if (strncmp(msg, path, n) == 0 && msg[n] == ':')
        return n;
    if (strncmp(msg, "...", 3) != 0)
        return 0;
    for (const char *c = strchr(msg + 3, ':'); c; c = strchr(c + 1, ':')) {
        size_t tail = (size_t)(c - (msg + 3));
        if (c[1] >= '0' && c[1] <= '9' && tail > 0 && tail <= n &&
            strncmp(path + n - tail, msg + 3, tail) == 0)
            return (size_t)(c - msg);
    }
    return 0;
}

/* A sandbox error ("path:line: message" and a traceback) as one
 * "file:line: error:" diagnostic: its line, the first line of its text,
 * and no second copy of the path. */
static void add_error(script_diags *diags, const char *path, const char *prefix, const char *msg)
{
    size_t n = shown_path_len(path, msg);
    const char *text = msg;
    int line = 0;
    if (n > 0) {
        text = msg + n + 1;
        if (*text >= '0' && *text <= '9') {
            line = atoi(text);
            text += strspn(text, "0123456789");
            text += *text == ':';
        }
        text += strspn(text, " ");
    }
    /* No place in the message (an error object that is not a string, an
     * error in a chunk built with load): the traceback's first frame in
     * this file has one. */
    for (const char *at = strstr(msg, "\n  at "); at && line == 0; at = strstr(at + 1, "\n  at ")) {
        size_t k = shown_path_len(path, at + 6);
        if (k > 0 && at[6 + k + 1] >= '0' && at[6 + k + 1] <= '9')
            line = atoi(at + 6 + k + 1);
    }
    script_diags_add(diags, path, line, false, "%s%.*s", prefix, (int)strcspn(text, "\n"), text);
}

/* ---- building the scenario --------------------------------------------------- */

static uint32_t next_random(void *ud)
{
    script_scenario *s = ud;
    uint32_t v = sim_rng_next(sim_world_rng(s->world));
    sim_draw_note(s->world, "math.random", 0, v);
    return v;
}

static int connect_world(script_scenario *s, build *b, const script_options *opt, bw_err *err)
{
    s->seed = opt && opt->seed_given ? opt->seed : b->seed;
    s->world = sim_world_create(&b->def, s->seed, NULL, NULL, err);
    if (!s->world)
        return err ? err->code : BW_EINVAL;
    s->id = dup_str(b->id);
    s->title = dup_str(b->title);
    s->briefing = dup_str(b->briefing);
    s->author = dup_str(b->author);
    if (!s->id || !s->title || !s->briefing || !s->author)
        return bw_err_set(err, BW_ENOMEM, "out of memory");
    for (int k = 0; k < 4; k++)
        for (int i = 0; i < b->teach_count[k]; i++) {
            s->teaches[k][i] = dup_str(b->teaches[k][i]);
            if (!s->teaches[k][i])
                return bw_err_set(err, BW_ENOMEM, "out of memory");
            s->teach_count[k]++;
        }
    /* the images move from the build to the scenario */
    s->assets = b->nassets ? malloc((size_t)b->nassets * sizeof *s->assets) : NULL;
    s->node_icons = calloc(b->def.node_count ? b->def.node_count : 1, sizeof(int));
    if ((b->nassets && !s->assets) || !s->node_icons)
        return bw_err_set(err, BW_ENOMEM, "out of memory");
    for (int i = 0; i < b->nassets; i++)
        s->assets[i] = b->assets[i];
    s->nassets = b->nassets;
    b->nassets = 0;
    s->logo = b->logo;
    for (size_t i = 0; i < b->def.node_count; i++)
        s->node_icons[i] = b->node_icons[i];
    s->node_icon_count = (int)b->def.node_count;
    s->on_start = b->on_start;
    s->on_tick = b->on_tick;
    s->on_action = b->on_action;
    s->debrief_ref = b->debrief;
    s->objective_count = (int)b->def.objective_count;
    s->objective_checks = calloc((size_t)(s->objective_count ? s->objective_count : 1), sizeof(int));
    if (!s->objective_checks)
        return bw_err_set(err, BW_ENOMEM, "out of memory");
    for (int i = 0; i < s->objective_count; i++)
        s->objective_checks[i] = b->checks[i];
    /* The events' functions are in the registry already (the build keeps
     * them there): no Lua call, which could raise outside a protected call
     * when memory runs out. */
    for (int i = 0; i < b->nevents; i++) {
        int cookie = script_callback_keep(s, b->events[i].ref);
        if (cookie < 0 || sim_event_schedule(s->world, b->events[i].at, (uint32_t)cookie, err) < 0)
            return err && err->code ? err->code : bw_err_set(err, BW_ENOMEM, "out of memory");
    }
    script_sandbox_set_random(s->sb, next_random, s);
    return BW_OK;
}

/* Load the chunk and run it: the scenario table is left on the stack. */
static int run_chunk(script_scenario *s, const char *src, size_t len, script_diags *diags,
                     bw_err *err)
{
    lua_State *L = script_sandbox_lua(s->sb);
    char chunkname[300];
    snprintf(chunkname, sizeof chunkname, "@%s", s->path);
    int rc = script_sandbox_load(s->sb, chunkname, src, len, err);
    if (rc == BW_OK)
        rc = script_sandbox_call(s->sb, 0, 1, err);
    if (rc != BW_OK) {
        add_error(diags, s->path, "", err->msg);
        return rc;
    }
    if (!lua_istable(L, -1)) {
        script_diags_add(diags, s->path, 0, false,
                         "the scenario must return a table (scenario { ... }), not %s",
                         lua_typename(L, lua_type(L, -1)));
        lua_pop(L, 1);
        return bw_err_set(err, BW_EINVAL, "%s: the scenario must return a table", s->path);
    }
    return BW_OK;
}

static int validate_and_build(script_scenario *s, const char *src, const script_options *opt,
                              script_diags *diags, bw_err *err)
{
    lua_State *L = script_sandbox_lua(s->sb);
    int t = lua_gettop(L);
    build b;
    memset(&b, 0, sizeof b);
    b.logo = -1;
    b.r.diags = diags;
    b.r.file = s->path;
    b.r.src = src;
    bw_err cerr;
    script_catalog *cat = script_catalog_load(opt ? opt->curriculum : NULL, &cerr);
    b.catalog = cat;
    b.scenario_line = reader_line(&b.r, L, t, NULL, 1);
    int before = diags->errors;
    int rc = BW_OK;
    if (!cat && cerr.code == BW_ENOMEM) {
        /* Not the catalogue's fault: memory ran out, and a load that went
         * on would check less than it says. */
        script_diags_add(diags, s->path, 0, false, "%s", cerr.msg);
        rc = bw_err_set(err, BW_ENOMEM, "%s: %s", s->path, cerr.msg);
    } else if (!cat) {
        script_diags_add(diags, s->path, 0, true, "curriculum catalogue not checked: %s", cerr.msg);
    }
    if (rc == BW_OK) {
        lua_pushcfunction(L, protected_build);
        lua_pushlightuserdata(L, &b);
        lua_pushvalue(L, t);
        rc = script_sandbox_call(s->sb, 2, 0, err);
        if (b.r.oom) {
            script_diags_add(diags, s->path, b.scenario_line, false,
                             "out of memory reading the scenario");
            rc = bw_err_set(err, BW_ENOMEM, "%s: out of memory reading the scenario", s->path);
        } else if (rc != BW_OK) {
            script_diags_add(diags, s->path, b.scenario_line, false, "%s", err->msg);
        }
    }
    if (rc == BW_OK)
        build_crosscheck(&b);
    if (rc == BW_OK && diags->errors == before && opt && opt->lint)
        build_lint(&b);
    if (rc == BW_OK && diags->errors > before)
        rc = bw_err_set(err, BW_EINVAL, "%s: %d error%s%s", s->path, diags->errors - before,
                        diags->errors - before == 1 ? "" : "s", diags->cut ? " or more" : "");
    else if (rc == BW_OK && (rc = connect_world(s, &b, opt, err)) != BW_OK)
        script_diags_add(diags, s->path, b.scenario_line, false, "%s", err->msg);
    lua_settop(L, t - 1);
    build_free(&b);
    script_catalog_destroy(cat);
    return rc;
}

/* The text of a scenario given in memory, NUL-terminated (the reader looks
 * lines up in it) and owned like a file's. */
static char *copy_source(const char *buf, size_t len, bw_err *err)
{
    if (len > MAX_SOURCE) {
        bw_err_set(err, BW_ELIMIT, "larger than the %u MiB a scenario may be", MAX_SOURCE >> 20);
        return NULL;
    }
    char *src = malloc(len + 1);
    if (!src) {
        bw_err_set(err, BW_ENOMEM, "out of memory reading it");
        return NULL;
    }
    if (len)
        memcpy(src, buf, len);
    src[len] = '\0';
    return src;
}

static script_scenario *load_source(const char *path, char *src, size_t len,
                                    const script_options *opt, script_diags *diags, bw_err *err);

script_scenario *script_scenario_load(const char *path, const script_options *opt,
                                      script_diags *diags, bw_err *err)
{
    bw_err_clear(err);
    size_t len = 0;
    char *src = path ? script_read_file(path, MAX_SOURCE, "scenario", &len, err) : NULL;
    if (!src && !path)
        bw_err_set(err, BW_EINVAL, "no scenario path");
    return load_source(path ? path : "?", src, len, opt, diags, err);
}

script_scenario *script_scenario_load_buffer(const char *name, const char *buf, size_t len,
                                             const script_options *opt, script_diags *diags,
                                             bw_err *err)
{
    bw_err_clear(err);
    char *src = NULL;
    if (!name || (!buf && len))
        bw_err_set(err, BW_EINVAL, "no scenario name or text");
    else
        src = copy_source(buf, len, err);
    return load_source(name ? name : "?", src, len, opt, diags, err);
}

/* Run the source text src (owned: freed here), read from path, to a
 * scenario. src NULL: reading failed and err says why. */
static script_scenario *load_source(const char *path, char *src, size_t len,
                                    const script_options *opt, script_diags *diags, bw_err *err)
{
    script_diags local;
    if (!diags) {
        script_diags_init(&local);
        diags = &local;
    }
    if (!src) {
        add_error(diags, path, "", err ? err->msg : "cannot read");
        if (diags == &local)
            script_diags_free(&local);
        return NULL;
    }
    int errors_before = diags->errors;
    script_scenario *s = calloc(1, sizeof *s);
    int rc = s ? BW_OK : bw_err_set(err, BW_ENOMEM, "out of memory");
    if (rc == BW_OK) {
        s->path = dup_str(path);
        s->hash = fnv1a(src, len);
        s->on_start = s->on_tick = s->on_action = s->debrief_ref = LUA_NOREF;
        s->logo = -1;
        /* A zeroed field means its default: pass the limits whenever given,
         * not only when memory_bytes is set (that ignored the rest). */
        s->sb = script_sandbox_create(opt ? &opt->limits : NULL, err);
        if (!s->sb)
            rc = err && err->code ? err->code : BW_ENOMEM;
        else if (!s->path)
            rc = bw_err_set(err, BW_ENOMEM, "out of memory");
    }
    if (rc == BW_OK) {
        lua_State *L = script_sandbox_lua(s->sb);
        lua_pushcfunction(L, protected_helpers);
        lua_pushlightuserdata(L, s);
        rc = script_sandbox_call(s->sb, 1, 0, err);
    }
    if (rc == BW_OK)
        rc = run_chunk(s, src, len, diags, err);
    if (rc == BW_OK)
        rc = validate_and_build(s, src, opt, diags, err);
    free(src);
    if (rc == BW_OK && s->on_start != LUA_NOREF) {
        script_invoke(s, s->on_start);
        if (s->hook_failed) {
            rc = bw_err_set(err, s->hook_err.code, "%s", s->hook_err.msg);
            add_error(diags, s->path, "on_start: ", s->hook_err.msg);
        }
    }
    /* Every refusal reaches the player as a diagnostic, also one before
     * the script ran (no memory for the sandbox): a caller may print only
     * the diagnostics. */
    if (rc != BW_OK && diags->errors == errors_before)
        add_error(diags, path, "", err && err->msg[0] ? err->msg : "cannot load");
    if (diags == &local)
        script_diags_free(&local);
    if (rc != BW_OK) {
        script_scenario_destroy(s);
        return NULL;
    }
    return s;
}

void script_scenario_destroy(script_scenario *s)
{
    if (!s)
        return;
    script_sandbox_destroy(s->sb);
    sim_world_destroy(s->world);
    free(s->path);
    free(s->id);
    free(s->title);
    free(s->briefing);
    free(s->author);
    assets_free(s->assets, s->nassets);
    free(s->assets);
    free(s->node_icons);
    free(s->callbacks);
    free(s->objective_checks);
    free(s->log);
    free(s->debrief_text);
    for (int k = 0; k < 4; k++)
        for (int i = 0; i < s->teach_count[k]; i++)
            free(s->teaches[k][i]);
    free(s);
}
