/* campaign.c — scripts/campaign.lua: the ordered list of campaign
 * scenarios, loaded in a sandbox like any script and copied into C.
 *
 * Must never: accept a scenario path that leads outside the campaign's
 * directory (a shared campaign must not make the game read arbitrary
 * files), or let a Lua error unwind through C that owns memory (the table
 * is read inside a protected call; what it allocates is reachable from
 * the context and freed by the caller). */
#define _XOPEN_SOURCE 700 /* realpath */
#include "script_internal.h"

#include "bulwark/campaign.h"

#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

static const char *const top_keys[] = { "title", "scenarios", NULL };
static const char *const entry_keys[] = { "id", "file", "tutorial", NULL };

/* Every problem, "; "-separated, as far as the message holds. */
typedef struct problems {
    char msg[BW_ERR_MSG_MAX];
    int count;
} problems;

static void problem(problems *p, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 2, 3)))
#endif
    ;

static void problem(problems *p, const char *fmt, ...)
{
    size_t len = strlen(p->msg);
    if (p->count++ && len + 2 < sizeof p->msg) {
        memcpy(p->msg + len, "; ", 3);
        len += 2;
    }
    if (len + 1 >= sizeof p->msg)
        return;
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(p->msg + len, sizeof p->msg - len, fmt, ap);
    va_end(ap);
}

typedef struct reading {
    script_campaign *out;
    const char *dir;           /* the campaign file's directory, "." when none */
    const char *dir_shown;     /* "scripts/" */
    problems *p;
} reading;

/* The smallest string key of the table at t that is not in allowed, into
 * buf (so a report does not depend on the table's traversal order).
 * Returns whether there is one. Stack unchanged. */
static bool unknown_key(lua_State *L, int t, const char *const *allowed, char *buf, size_t n)
{
    bool found = false;
    lua_pushnil(L);
    while (lua_next(L, t)) {
        lua_pop(L, 1);
        if (lua_type(L, -1) != LUA_TSTRING)
            continue;
        const char *k = lua_tostring(L, -1);
        bool known = false;
        for (int i = 0; allowed[i]; i++)
            known = known || strcmp(k, allowed[i]) == 0;
        if (!known && (!found || strcmp(k, buf) < 0)) {
            snprintf(buf, n, "%s", k);
            found = true;
        }
    }
    return found;
}

/* "did you mean" for an unknown key, or "". */
static const char *near_key(const char *k, const char *const *allowed, char *buf, size_t n)
{
    const char *near = bw_closest(k, allowed);
    if (near)
        snprintf(buf, n, " (did you mean '%s'?)", near);
    else
        buf[0] = '\0';
    return buf;
}

static bool good_id(const char *s, size_t len)
{
    if (len == 0 || len >= sizeof ((script_campaign_entry *)0)->id)
        return false;
    for (size_t i = 0; i < len; i++) {
        char c = s[i];
        if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
              c == '-' || c == '_' || c == '.'))
            return false;
    }
    return true;
}

/* Why a campaign file path is refused, or NULL. Lexical: the file need
 * not exist yet. */
static const char *path_refused(const char *f, size_t len)
{
    if (len == 0)
        return "is empty";
    if (strlen(f) != len)
        return "contains a NUL byte";
    for (size_t i = 0; i < len; i++)
        if ((unsigned char)f[i] < 0x20 || f[i] == 0x7f)
            return "contains a control character";
    if (f[0] == '/')
        return "is an absolute path";
    if (strchr(f, '\\'))
        return "contains a backslash";
    for (const char *c = f; *c;) {
        size_t n = strcspn(c, "/");
        if (n == 2 && c[0] == '.' && c[1] == '.')
            return "goes up a directory ('..')";
        c += n + (c[n] == '/');
    }
    if (len < 5 || strcmp(f + len - 4, ".lua") != 0)
        return "is not a .lua file";
    if (len >= 9 && strcmp(f + len - 9, ".test.lua") == 0)
        return "is a tests file, not a scenario";
    return NULL;
}

/* A file that exists must resolve inside the directory: a symbolic link
 * must not lead a campaign out of it. */
static bool resolves_inside(const char *dir, const char *path)
{
    struct stat st;
    if (lstat(path, &st) != 0)
        return true; /* missing: script_campaign_verify says so */
    char rdir[PATH_MAX], rpath[PATH_MAX];
    if (!realpath(dir, rdir) || !realpath(path, rpath))
        return false;
    size_t n = strlen(rdir);
    return strncmp(rpath, rdir, n) == 0 && (rpath[n] == '/' || (n == 1 && rdir[0] == '/'));
}

/* Read entry i (the table at the stack top) into e. */
static void read_entry(lua_State *L, reading *r, int i, script_campaign_entry *e)
{
    int t = lua_gettop(L);
    char key[48], near[64];
    if (unknown_key(L, t, entry_keys, key, sizeof key))
        problem(r->p, "scenarios[%d]: unknown field '%s'%s", i, key,
                near_key(key, entry_keys, near, sizeof near));
    size_t len = 0;
    lua_pushliteral(L, "id");
    const char *id = lua_rawget(L, t) == LUA_TSTRING ? lua_tolstring(L, -1, &len) : NULL;
    if (!id)
        problem(r->p, "scenarios[%d]: 'id' must be a string, not %s", i, luaL_typename(L, -1));
    else if (!good_id(id, len))
        problem(r->p, "scenarios[%d]: id '%.40s' must be 1 to %d letters, digits, '-', '_' or '.'", i, id,
                (int)sizeof e->id - 1);
    else
        memcpy(e->id, id, len + 1);
    lua_settop(L, t);
    const char *what = e->id[0] ? e->id : "?";
    lua_pushliteral(L, "file");
    if (lua_rawget(L, t) != LUA_TSTRING) {
        problem(r->p, "scenarios[%d] ('%s'): 'file' must be a string, not %s", i, what,
                luaL_typename(L, -1));
    } else {
        const char *f = lua_tolstring(L, -1, &len);
        const char *why = path_refused(f, len);
        int n = why ? 0 : snprintf(e->path, sizeof e->path, "%s/%s", r->dir, f);
        if (why)
            problem(r->p, "scenarios[%d] ('%s'): file '%.80s' %s: it must be a path inside %s", i, what,
                    f, why, r->dir_shown);
        else if (n < 0 || (size_t)n >= sizeof e->path)
            problem(r->p, "scenarios[%d] ('%s'): file path too long", i, what);
        else if (!resolves_inside(r->dir, e->path))
            problem(r->p, "scenarios[%d] ('%s'): file '%.80s' leads outside %s", i, what, f,
                    r->dir_shown);
        if (why || n < 0 || (size_t)n >= sizeof e->path)
            e->path[0] = '\0';
    }
    lua_settop(L, t);
    lua_pushliteral(L, "tutorial");
    int ty = lua_rawget(L, t);
    if (ty == LUA_TBOOLEAN)
        e->tutorial = lua_toboolean(L, -1);
    else if (ty != LUA_TNIL)
        problem(r->p, "scenarios[%d] ('%s'): 'tutorial' must be true or false, not %s", i, what,
                luaL_typename(L, -1));
    lua_settop(L, t);
}

static void check_duplicates(reading *r)
{
    const script_campaign *c = r->out;
    for (int i = 0; i < c->count; i++)
        for (int j = 0; j < i; j++) {
            if (c->items[i].id[0] && strcmp(c->items[i].id, c->items[j].id) == 0)
                problem(r->p, "scenarios[%d]: id '%s' is already scenarios[%d]'s", i + 1,
                        c->items[i].id, j + 1);
            else if (c->items[i].path[0] && strcmp(c->items[i].path, c->items[j].path) == 0)
                problem(r->p, "scenarios[%d] ('%s'): its file is already scenarios[%d]'s ('%s')", i + 1,
                        c->items[i].id, j + 1, c->items[j].id);
        }
}

/* The campaign table is argument 2. Runs protected. */
static int read_campaign(lua_State *L)
{
    reading *r = lua_touserdata(L, 1);
    char key[48], near[64];
    if (unknown_key(L, 2, top_keys, key, sizeof key))
        problem(r->p, "unknown field '%s'%s", key, near_key(key, top_keys, near, sizeof near));
    lua_pushliteral(L, "title");
    size_t len = 0;
    const char *title = lua_rawget(L, 2) == LUA_TSTRING ? lua_tolstring(L, -1, &len) : NULL;
    if (!title)
        problem(r->p, "'title' must be a string, not %s", luaL_typename(L, -1));
    else if (len == 0 || len >= sizeof r->out->title)
        problem(r->p, "'title' must be 1 to %d bytes", (int)sizeof r->out->title - 1);
    else {
        memcpy(r->out->title, title, len + 1);
        bw_text_clean(r->out->title);
    }
    lua_settop(L, 2);
    lua_pushliteral(L, "scenarios");
    if (lua_rawget(L, 2) != LUA_TTABLE) {
        problem(r->p, "'scenarios' must be a list of { id = ..., file = ... }, not %s", luaL_typename(L, -1));
        return 0;
    }
    lua_Unsigned n = lua_rawlen(L, 3);
    if (n == 0 || n > SCRIPT_CAMPAIGN_MAX) {
        problem(r->p, "'scenarios' must list 1 to %d scenarios, not %llu", SCRIPT_CAMPAIGN_MAX,
                (unsigned long long)n);
        return 0;
    }
    r->out->items = calloc((size_t)n, sizeof *r->out->items);
    if (!r->out->items)
        return luaL_error(L, "out of memory");
    r->out->count = (int)n;
    for (int i = 1; i <= (int)n; i++) {
        if (lua_rawgeti(L, 3, i) != LUA_TTABLE)
            problem(r->p, "scenarios[%d] must be a table { id = ..., file = ... }, not %s", i,
                    luaL_typename(L, -1));
        else
            read_entry(L, r, i, &r->out->items[i - 1]);
        lua_settop(L, 3);
    }
    check_duplicates(r);
    return 0;
}

void script_campaign_free(script_campaign *c)
{
    if (!c)
        return;
    free(c->items);
    memset(c, 0, sizeof *c);
}

/* The directory part of path ("." when none), and how to name it. */
static void dir_of(const char *path, char *dir, size_t n, char *shown, size_t m)
{
    const char *slash = strrchr(path, '/');
    if (!slash)
        snprintf(dir, n, ".");
    else if (slash == path)
        snprintf(dir, n, "/");
    else
        snprintf(dir, n, "%.*s", (int)(slash - path), path);
    const char *base = strrchr(dir, '/');
    base = base && base[1] ? base + 1 : dir;
    if (strcmp(base, ".") == 0)
        snprintf(shown, m, "the campaign's directory");
    else
        snprintf(shown, m, "%.*s/", (int)(m > 2 ? m - 2 : 0), base);
}

int script_campaign_load(const char *path, script_campaign *out, bw_err *err)
{
    memset(out, 0, sizeof *out);
    char buf[1024];
    if (!path) {
        snprintf(buf, sizeof buf, "%s/scripts/campaign.lua", script_data_dir());
        path = buf;
    }
    bw_err e;
    if (script_file_check(path, &e) != BW_OK)
        return bw_err_set(err, e.code, "%s: %s", path, e.msg);
    script_sandbox *sb = script_sandbox_create(NULL, err);
    if (!sb)
        return err ? err->code : BW_ENOMEM;
    lua_State *L = script_sandbox_lua(sb);
    int rc = script_sandbox_load_file(sb, path, NULL, err);
    if (rc == BW_OK)
        rc = script_sandbox_call(sb, 0, 1, err);
    if (rc == BW_OK && !lua_istable(L, -1))
        rc = bw_err_set(err, BW_EINVAL, "%s: the campaign must return a table { title = ..., scenarios = { ... } }, not %s",
                        path, luaL_typename(L, -1));
    problems p = { "", 0 };
    char dir[1024], shown[80];
    dir_of(path, dir, sizeof dir, shown, sizeof shown);
    reading r = { out, dir, shown, &p };
    if (rc == BW_OK) {
        int t = lua_gettop(L);
        lua_pushcfunction(L, read_campaign);
        lua_pushlightuserdata(L, &r);
        lua_pushvalue(L, t);
        rc = script_sandbox_call(sb, 2, 0, err);
    }
    script_sandbox_destroy(sb);
    if (rc == BW_OK && p.count)
        rc = bw_err_set(err, BW_EINVAL, "%s: %s", path, p.msg);
    if (rc != BW_OK)
        script_campaign_free(out);
    return rc;
}

int script_campaign_find(const script_campaign *c, const char *id)
{
    for (int i = 0; c && id && i < c->count; i++)
        if (strcmp(c->items[i].id, id) == 0)
            return i;
    return BW_ENOTFOUND;
}

int script_campaign_verify(const script_campaign *c, script_diags *diags)
{
    int bad = 0;
    for (int i = 0; c && i < c->count; i++) {
        const script_campaign_entry *e = &c->items[i];
        bw_err err;
        if (script_file_check(e->path, &err) != BW_OK) {
            script_diags_add(diags, e->path, 0, false, "campaign scenario '%s': %s", e->id, err.msg);
            bad++;
            continue;
        }
        script_diags d;
        script_diags_init(&d);
        script_scenario *s = script_scenario_load(e->path, NULL, &d, &err);
        for (int k = 0; k < d.count; k++)
            script_diags_add(diags, d.items[k].file, d.items[k].line, d.items[k].warning, "%s",
                             d.items[k].msg);
        if (!s) {
            script_diags_add(diags, e->path, 0, false, "campaign scenario '%s' does not load: %s", e->id,
                             err.msg);
            bad++;
        } else if (strcmp(script_scenario_id(s), e->id) != 0) {
            script_diags_add(diags, e->path, 0, false,
                             "its id is '%s' but the campaign lists it as '%s': the two must be equal",
                             script_scenario_id(s), e->id);
            bad++;
        }
        script_scenario_destroy(s);
        script_diags_free(&d);
    }
    return bad;
}
