/* workshop.c — a workshop's config (workshop.h): a Lua data file run in
 * a sandbox like any scenario, every field checked with the line it is
 * written on, scenario entries resolved to files.
 *
 * Must never: accept a scenario path that leads outside the config's
 * folder or the shipped scripts (a config handed round a room must not
 * make every player's game read arbitrary files), or let a Lua error
 * unwind through C that owns memory (the table is read inside a protected
 * call; strings are copied into fixed fields of the caller's struct or
 * into the reader, freed here). */
#define _GNU_SOURCE /* realpath, strcasestr */
#include "scenario_read.h"

#include "bulwark/workshop.h"

#include <ctype.h>
#include <dirent.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>

#define CONFIG_MAX_BYTES (1u << 20)
/* A data file needs little: these are a fraction of a scenario's limits,
 * so a config that loops or grows is stopped quickly. */
#define CONFIG_MEMORY (16u << 20)
#define CONFIG_INSTRUCTIONS 10000000u

static const char *const top_keys[] = {
    "workshop", "title", "scenarios", "seed", "time_limit_minutes", "teams", "results",
    "player_role", "facilitator_role", NULL,
};

static const char *const default_player_role = "bulwark_player";
static const char *const default_facilitator_role = "bulwark_facilitator";

bool workshop_target_is_postgres(const char *t)
{
    if (!t)
        return false;
    if (strncmp(t, "postgresql://", 13) == 0 || strncmp(t, "postgres://", 11) == 0)
        return true;
    /* conninfo: "key=value ...", the first word a libpq keyword. */
    while (isspace((unsigned char)*t))
        t++;
    const char *k = t;
    while (islower((unsigned char)*t) || *t == '_')
        t++;
    if (t == k)
        return false;
    while (*t == ' ' || *t == '\t')
        t++;
    return *t == '=';
}

/* ---- reading the table ----------------------------------------------------------- */

typedef struct reading {
    reader r;
    workshop_config *out;
    int top_line;                              /* the line of the table */
    const char *entries[WORKSHOP_MAX_SCENARIOS]; /* reader-owned */
    int entry_lines[WORKSHOP_MAX_SCENARIOS];
    int nentries;
    const char *results;
    int results_line;
    int role_line; /* of the first role given (0: none) */
} reading;

static int field_line(reading *g, const char *key)
{
    return reader_key_line(&g->r, key, g->top_line);
}

/* 1..max-1 bytes without control characters, not blank. */
static const char *name_refused(const char *s, size_t len, size_t max)
{
    if (len == 0)
        return "is empty";
    if (len >= max)
        return "is too long";
    bool blank = true;
    for (size_t i = 0; i < len; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c < 0x20 || c == 0x7f)
            return "contains a control character";
        blank = blank && c == ' ';
    }
    return blank ? "is blank" : NULL;
}

static bool id_ok(const char *s)
{
    size_t n = strlen(s);
    if (n == 0 || n >= WORKSHOP_ID_MAX)
        return false;
    for (size_t i = 0; i < n; i++)
        if (!((s[i] >= 'a' && s[i] <= 'z') || (s[i] >= '0' && s[i] <= '9') || s[i] == '-'))
            return false;
    return true;
}

/* PostgreSQL role names as the docs' SQL creates them: unquoted identifiers. */
static bool role_ok(const char *s)
{
    size_t n = strlen(s);
    if (n == 0 || n >= WORKSHOP_ID_MAX || !((s[0] >= 'a' && s[0] <= 'z') || s[0] == '_'))
        return false;
    for (size_t i = 1; i < n; i++)
        if (!((s[i] >= 'a' && s[i] <= 'z') || (s[i] >= '0' && s[i] <= '9') || s[i] == '_'))
            return false;
    return true;
}

static void read_scenarios(reading *g, lua_State *L, int t)
{
    int line = field_line(g, "scenarios");
    int ty = reader_get(L, t, "scenarios");
    if (ty == LUA_TNIL)
        reader_problem(&g->r, g->top_line, "config: missing 'scenarios' (a list of shipped ids or .lua files)");
    else if (ty != LUA_TTABLE)
        reader_problem(&g->r, line, "config: 'scenarios' must be a list of shipped ids or .lua files, not a %s",
                       luaL_typename(L, -1));
    lua_pop(L, 1);
    if (ty != LUA_TTABLE)
        return;
    int n = reader_list(&g->r, L, t, "scenarios", "config", line, WORKSHOP_MAX_SCENARIOS);
    int lt = lua_gettop(L);
    if (n == 0 && lua_rawlen(L, lt) == 0)
        reader_problem(&g->r, line, "config: 'scenarios' is empty; name at least one scenario");
    for (int i = 1; i <= n; i++) {
        if (lua_rawgeti(L, lt, i) != LUA_TSTRING) {
            reader_problem(&g->r, line, "config: scenarios[%d] must be a string (a shipped id or a .lua file), not a %s",
                           i, luaL_typename(L, -1));
        } else {
            size_t len;
            const char *s = lua_tolstring(L, -1, &len);
            int at = reader_find_line(&g->r, NULL, s);
            if (len == 0 || len >= WORKSHOP_PATH_MAX || strlen(s) != len)
                reader_problem(&g->r, at ? at : line, "config: scenarios[%d] must be 1 to %d bytes", i,
                               WORKSHOP_PATH_MAX - 1);
            else {
                g->entries[g->nentries] = reader_keep(&g->r, s, len);
                g->entry_lines[g->nentries++] = at ? at : line;
            }
        }
        lua_settop(L, lt);
    }
    lua_settop(L, lt - 1);
}

static void read_teams(reading *g, lua_State *L, int t)
{
    workshop_config *c = g->out;
    int line = field_line(g, "teams");
    int ty = reader_get(L, t, "teams");
    if (ty == LUA_TNIL)
        reader_problem(&g->r, g->top_line, "config: missing 'teams' (a list of 1 to %d team names)",
                       WORKSHOP_MAX_TEAMS);
    else if (ty != LUA_TTABLE)
        reader_problem(&g->r, line, "config: 'teams' must be a list of team names, not a %s",
                       luaL_typename(L, -1));
    lua_pop(L, 1);
    if (ty != LUA_TTABLE)
        return;
    int n = reader_list(&g->r, L, t, "teams", "config", line, WORKSHOP_MAX_TEAMS);
    int lt = lua_gettop(L);
    if (n == 0 && lua_rawlen(L, lt) == 0)
        reader_problem(&g->r, line, "config: 'teams' is empty; name at least one team");
    for (int i = 1; i <= n; i++) {
        if (lua_rawgeti(L, lt, i) != LUA_TSTRING) {
            reader_problem(&g->r, line, "config: teams[%d] must be a string, not a %s", i,
                           luaL_typename(L, -1));
            lua_settop(L, lt);
            continue;
        }
        size_t len;
        const char *s = lua_tolstring(L, -1, &len);
        int at = reader_find_line(&g->r, NULL, s);
        at = at ? at : line;
        const char *why = strlen(s) != len ? "contains a NUL byte" : name_refused(s, len, WORKSHOP_ID_MAX);
        if (why) {
            reader_problem(&g->r, at, "config: team %d ('%.40s') %s: a team is 1 to %d bytes of text", i,
                           s, why, WORKSHOP_ID_MAX - 1);
        } else {
            int dup = -1;
            for (int j = 0; j < c->team_count && dup < 0; j++)
                if (strcasecmp(c->teams[j], s) == 0)
                    dup = j;
            if (dup >= 0)
                reader_problem(&g->r, at, "config: team '%s' is listed twice (as team %d and team %d)", s,
                               dup + 1, i);
            else
                memcpy(c->teams[c->team_count++], s, len + 1);
        }
        lua_settop(L, lt);
    }
    lua_settop(L, lt - 1);
}

static void read_role(reading *g, lua_State *L, int t, const char *key, char *dst, const char *def)
{
    int line = field_line(g, key);
    const char *v = reader_str(&g->r, L, t, key, "config", line, false, WORKSHOP_ID_MAX - 1);
    if (v && !g->role_line)
        g->role_line = line ? line : g->top_line;
    if (v && !role_ok(v))
        reader_problem(&g->r, line,
                       "config: %s '%.40s' must be a PostgreSQL role name: a lowercase letter or '_', "
                       "then lowercase letters, digits or '_'", key, v);
    snprintf(dst, WORKSHOP_ID_MAX, "%s", v && role_ok(v) ? v : def);
}

/* The config table is argument 2. Runs protected. */
static int read_config(lua_State *L)
{
    reading *g = lua_touserdata(L, 1);
    workshop_config *c = g->out;
    reader *r = &g->r;
    reader_check_keys(r, L, 2, top_keys, "config", g->top_line);

    int line = field_line(g, "workshop");
    const char *id = reader_str(r, L, 2, "workshop", "config", g->top_line, true, WORKSHOP_ID_MAX - 1);
    if (id && !id_ok(id))
        reader_problem(r, line, "config: workshop id '%.40s' may hold only lowercase letters, digits and '-'",
                       id);
    else if (id)
        snprintf(c->id, sizeof c->id, "%s", id);

    const char *title = reader_str(r, L, 2, "title", "config", g->top_line, true, WORKSHOP_TITLE_MAX - 1);
    if (title) {
        snprintf(c->title, sizeof c->title, "%s", title);
        bw_text_clean(c->title); /* shown on the console and printed */
    }

    read_scenarios(g, L, 2);

    int seed = 0;
    if (reader_get(L, 2, "seed") != LUA_TNIL) {
        if (reader_int(r, L, 2, "seed", "config", field_line(g, "seed"), 0, 2147483647L, &seed, false)) {
            c->seed_given = true;
            c->seed = (uint64_t)seed;
        }
    }
    lua_pop(L, 1);

    int minutes = 0;
    if (reader_int(r, L, 2, "time_limit_minutes", "config", g->top_line, WORKSHOP_MIN_MINUTES,
                   WORKSHOP_MAX_MINUTES, &minutes, true))
        c->time_limit_minutes = minutes;

    read_teams(g, L, 2);

    g->results_line = field_line(g, "results");
    g->results = reader_str(r, L, 2, "results", "config", g->top_line, true, WORKSHOP_PATH_MAX - 1);

    read_role(g, L, 2, "player_role", c->player_role, default_player_role);
    read_role(g, L, 2, "facilitator_role", c->facilitator_role, default_facilitator_role);
    return 0;
}

/* ---- resolving paths --------------------------------------------------------------- */

static bool inside(const char *dir, const char *path)
{
    char rdir[PATH_MAX], rpath[PATH_MAX];
    if (!realpath(dir, rdir) || !realpath(path, rpath))
        return false;
    size_t n = strlen(rdir);
    return strncmp(rpath, rdir, n) == 0 && (rpath[n] == '/' || (n == 1 && rdir[0] == '/'));
}

static bool is_file(const char *path)
{
    struct stat st;
    return stat(path, &st) == 0 && S_ISREG(st.st_mode);
}

static bool same_file(const char *a, const char *b)
{
    struct stat sa, sb;
    return stat(a, &sa) == 0 && stat(b, &sb) == 0 && sa.st_dev == sb.st_dev && sa.st_ino == sb.st_ino;
}

static int cmp_str(const void *a, const void *b)
{
    return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/* "unknown scenario 'x'; the shipped ones are a, b (did you mean 'a'?)" */
static void unknown_shipped(reading *g, int line, const char *name)
{
    char dir[WORKSHOP_PATH_MAX];
    snprintf(dir, sizeof dir, "%s/scripts/scenarios", script_data_dir());
    static char names[64][WORKSHOP_ID_MAX];
    const char *list[65];
    int n = 0;
    DIR *d = opendir(dir);
    for (struct dirent *e; d && n < 64 && (e = readdir(d));) {
        size_t len = strlen(e->d_name);
        if (len > 4 && len < WORKSHOP_ID_MAX + 4 && strcmp(e->d_name + len - 4, ".lua") == 0 &&
            !strstr(e->d_name, ".test.")) {
            snprintf(names[n], sizeof names[n], "%.*s", (int)(len - 4), e->d_name);
            list[n] = names[n];
            n++;
        }
    }
    if (d)
        closedir(d);
    qsort(list, (size_t)n, sizeof list[0], cmp_str);
    list[n] = NULL;
    char shipped[400] = "";
    for (int i = 0; i < n; i++) {
        strncat(shipped, i ? ", " : "", sizeof shipped - strlen(shipped) - 1);
        strncat(shipped, list[i], sizeof shipped - strlen(shipped) - 1);
    }
    const char *near = bw_closest(name, list);
    if (near)
        reader_problem(&g->r, line, "config: unknown scenario '%s' (did you mean '%s'?)", name, near);
    else
        reader_problem(&g->r, line,
                       "config: unknown scenario '%s': name a shipped one (%s) or a .lua file beside the config",
                       name, shipped);
}

/* Why a path entry is refused before looking at the disk, or NULL. */
static const char *path_refused(const char *f)
{
    size_t len = strlen(f);
    for (size_t i = 0; i < len; i++)
        if ((unsigned char)f[i] < 0x20 || f[i] == 0x7f)
            return "contains a control character";
    if (f[0] == '/')
        return "is an absolute path (write it relative to the config)";
    if (strchr(f, '\\'))
        return "contains a backslash";
    if (len < 5 || strcmp(f + len - 4, ".lua") != 0)
        return "is not a .lua file";
    if (len >= 9 && strcmp(f + len - 9, ".test.lua") == 0)
        return "is a tests file, not a scenario";
    return NULL;
}

static void resolve_scenario(reading *g, const char *dir, const char *entry, int line)
{
    workshop_config *c = g->out;
    workshop_scenario *s = &c->scenarios[c->scenario_count];
    memset(s, 0, sizeof *s);
    char beside[WORKSHOP_PATH_MAX];
    int bn = snprintf(beside, sizeof beside, "%s/%s", dir, entry);
    bool path_like = strchr(entry, '/') || strstr(entry, ".lua") ||
                     (bn > 0 && (size_t)bn < sizeof beside && is_file(beside));
    char scripts[WORKSHOP_PATH_MAX];
    snprintf(scripts, sizeof scripts, "%s/scripts", script_data_dir());
    if (!path_like) {
        if (strlen(entry) >= SIM_ID_MAX || strspn(entry, "abcdefghijklmnopqrstuvwxyz"
                                                         "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_.") != strlen(entry)) {
            reader_problem(&g->r, line, "config: scenario '%.60s' is neither a shipped id nor a .lua file", entry);
            return;
        }
        int n = snprintf(s->path, sizeof s->path, "%s/scenarios/%s.lua", scripts, entry);
        if (n < 0 || (size_t)n >= sizeof s->path || !is_file(s->path)) {
            unknown_shipped(g, line, entry);
            return;
        }
        snprintf(s->name, sizeof s->name, "%s", entry);
        s->shipped = true;
    } else {
        const char *why = path_refused(entry);
        if (why) {
            reader_problem(&g->r, line, "config: scenario '%.80s' %s", entry, why);
            return;
        }
        int n = snprintf(s->path, sizeof s->path, "%s/%s", dir, entry);
        if (n < 0 || (size_t)n >= sizeof s->path) {
            reader_problem(&g->r, line, "config: scenario '%.60s...': path too long", entry);
            return;
        }
        if (!is_file(s->path)) {
            reader_problem(&g->r, line, "config: scenario '%.80s': no such file beside the config", entry);
            return;
        }
        if (!inside(dir, s->path) && !inside(scripts, s->path)) {
            reader_problem(&g->r, line,
                           "config: scenario '%.80s' leads outside the config's folder; a workshop may "
                           "use files beside its config or the shipped scripts",
                           entry);
            return;
        }
        const char *base = strrchr(entry, '/');
        base = base ? base + 1 : entry;
        snprintf(s->name, sizeof s->name, "%.*s", (int)(strlen(base) - 4), base);
    }
    snprintf(s->entry, sizeof s->entry, "%s", entry);
    for (int j = 0; j < c->scenario_count; j++)
        if (same_file(s->path, c->scenarios[j].path) || strcmp(c->scenarios[j].name, s->name) == 0) {
            reader_problem(&g->r, line, "config: scenario '%.80s' is listed twice (as '%s')", entry,
                           c->scenarios[j].entry);
            return;
        }
    c->scenario_count++;
}

/* A password in a connection string: "password=" in conninfo or a URI's
 * query, or "user:secret@" in a URI's authority. */
static bool has_password(const char *t)
{
    if (strcasestr(t, "password"))
        return true;
    const char *p = strstr(t, "://");
    if (!p)
        return false;
    p += 3;
    size_t auth = strcspn(p, "/?");
    const char *at = memchr(p, '@', auth);
    return at && memchr(p, ':', (size_t)(at - p)) != NULL;
}

static void resolve_results(reading *g, const char *dir)
{
    workshop_config *c = g->out;
    const char *t = g->results;
    if (!t)
        return;
    if (workshop_target_is_postgres(t)) {
        snprintf(c->results, sizeof c->results, "%s", t);
        c->results_postgres = true;
        if (has_password(t))
            reader_problem(&g->r, g->results_line,
                           "config: results holds a password; the config is shared with the room: give "
                           "each machine its password in ~/.pgpass or PGPASSWORD instead");
        return;
    }
    for (const char *p = t; *p; p++)
        if ((unsigned char)*p < 0x20 || *p == 0x7f) {
            reader_problem(&g->r, g->results_line, "config: results contains a control character");
            return;
        }
    /* "postgresq://..." is a misspelt database, not a file to create. */
    const char *scheme_end = strstr(t, "://");
    if (scheme_end) {
        static const char *const schemes[] = { "postgresql", "postgres", NULL };
        char scheme[32];
        snprintf(scheme, sizeof scheme, "%.*s", (int)(scheme_end - t < 31 ? scheme_end - t : 31), t);
        const char *near = bw_closest(scheme, schemes);
        reader_problem(&g->r, g->results_line,
                       "config: results '%.80s' is neither a PostgreSQL URI (postgresql:// or postgres://) nor a "
                       "file path%s%s%s",
                       t, near ? " (did you mean '" : "", near ? near : "", near ? "://'?)" : "");
        return;
    }
    int n = t[0] == '/' ? snprintf(c->results, sizeof c->results, "%s", t)
                        : snprintf(c->results, sizeof c->results, "%s/%s", dir, t);
    if (n < 0 || (size_t)n >= sizeof c->results) {
        reader_problem(&g->r, g->results_line, "config: results: path too long");
        c->results[0] = '\0';
        return;
    }
    struct stat st;
    if (stat(c->results, &st) == 0 && S_ISDIR(st.st_mode)) {
        reader_problem(&g->r, g->results_line,
                       "config: results '%.80s' is a folder; name a SQLite file in it (e.g. '%.60s/results.db')",
                       t, t);
        return;
    }
    char folder[WORKSHOP_PATH_MAX];
    snprintf(folder, sizeof folder, "%s", c->results);
    char *slash = strrchr(folder, '/');
    if (slash && slash != folder)
        *slash = '\0';
    if (slash && (stat(folder, &st) != 0 || !S_ISDIR(st.st_mode)))
        reader_problem(&g->r, g->results_line, "config: results '%.80s': its folder does not exist", t);
}

/* ---- loading ------------------------------------------------------------------------- */

static void dir_of(const char *path, char *dir, size_t n)
{
    const char *slash = strrchr(path, '/');
    if (!slash)
        snprintf(dir, n, ".");
    else if (slash == path)
        snprintf(dir, n, "/");
    else
        snprintf(dir, n, "%.*s", (int)(slash - path), path);
}

/* The line of the table the chunk returns: where `return` is written,
 * else 1. */
static int table_line(const char *src)
{
    int line = 1;
    for (const char *p = src; *p; p++) {
        if (*p == '\n')
            line++;
        else if (strncmp(p, "return", 6) == 0 && (p == src || !isalnum((unsigned char)p[-1])))
            return line;
    }
    return 1;
}

/* A sandbox error "path:line: message..." as one diagnostic. */
static void add_run_error(script_diags *d, const char *path, const char *msg)
{
    size_t n = strlen(path);
    int line = 0;
    const char *text = msg;
    if (strncmp(msg, path, n) == 0 && msg[n] == ':') {
        text = msg + n + 1;
        if (*text >= '0' && *text <= '9') {
            line = atoi(text);
            text += strspn(text, "0123456789");
            text += *text == ':';
        }
        text += strspn(text, " ");
    }
    script_diags_add(d, path, line, false, "%.*s", (int)strcspn(text, "\n"), text);
}

int workshop_load(const char *path, workshop_config *out, script_diags *diags, bw_err *err)
{
    memset(out, 0, sizeof *out);
    bw_err_clear(err);
    script_diags local;
    if (!diags) {
        script_diags_init(&local);
        diags = &local;
    }
    size_t len = 0;
    bw_err e;
    char *src = path ? script_read_file(path, CONFIG_MAX_BYTES, "config", &len, &e) : NULL;
    if (!src) {
        int code = path ? e.code : BW_EINVAL;
        script_diags_add(diags, path ? path : "?", 0, false, "%s", path ? e.msg : "no config path");
        if (diags == &local)
            script_diags_free(&local);
        return bw_err_set(err, code, "%s: %s", path ? path : "?", path ? e.msg : "no config path");
    }
    snprintf(out->file, sizeof out->file, "%s", path);
    script_limits lim;
    memset(&lim, 0, sizeof lim);
    lim.memory_bytes = CONFIG_MEMORY;
    lim.instructions_per_call = CONFIG_INSTRUCTIONS;
    script_sandbox *sb = script_sandbox_create(&lim, err);
    int rc = sb ? BW_OK : (err && err->code ? err->code : BW_ENOMEM);
    reading g;
    memset(&g, 0, sizeof g);
    g.r.diags = diags;
    g.r.file = path;
    g.r.src = src;
    g.out = out;
    g.top_line = table_line(src);
    int before = diags->errors;
    if (rc == BW_OK) {
        lua_State *L = script_sandbox_lua(sb);
        char chunk[WORKSHOP_PATH_MAX + 2];
        snprintf(chunk, sizeof chunk, "@%s", path);
        rc = script_sandbox_load(sb, chunk, src, len, &e);
        if (rc == BW_OK)
            rc = script_sandbox_call(sb, 0, 1, &e);
        if (rc != BW_OK) {
            add_run_error(diags, path, e.msg);
            bw_err_set(err, rc, "%s", e.msg);
        } else if (!lua_istable(L, -1)) {
            script_diags_add(diags, path, g.top_line, false,
                             "a workshop config must return a table { workshop = ..., results = ... }, not %s",
                             luaL_typename(L, -1));
            rc = bw_err_set(err, BW_EINVAL, "%s: not a table", path);
        } else {
            int t = lua_gettop(L);
            lua_pushcfunction(L, read_config);
            lua_pushlightuserdata(L, &g);
            lua_pushvalue(L, t);
            rc = script_sandbox_call(sb, 2, 0, &e);
            if (rc != BW_OK) {
                script_diags_add(diags, path, g.top_line, false, "%s", e.msg);
                bw_err_set(err, rc, "%s", e.msg);
            }
        }
    }
    script_sandbox_destroy(sb);
    if (rc == BW_OK) {
        char dir[WORKSHOP_PATH_MAX];
        dir_of(path, dir, sizeof dir);
        for (int i = 0; i < g.nentries; i++)
            if (g.entries[i])
                resolve_scenario(&g, dir, g.entries[i], g.entry_lines[i]);
        resolve_results(&g, dir);
        if (!out->results_postgres && g.results && g.role_line)
            script_diags_add(diags, path, g.role_line, true,
                             "config: roles apply only to PostgreSQL; results go to a SQLite file");
    }
    reader_free(&g.r);
    free(src);
    if (rc == BW_OK && diags->errors > before)
        rc = bw_err_set(err, BW_EINVAL, "%s: %d error%s", path, diags->errors - before,
                        diags->errors - before == 1 ? "" : "s");
    if (diags == &local)
        script_diags_free(&local);
    if (rc != BW_OK) {
        char keep[WORKSHOP_PATH_MAX];
        snprintf(keep, sizeof keep, "%s", out->file);
        memset(out, 0, sizeof *out);
        snprintf(out->file, sizeof out->file, "%s", keep);
    }
    return rc;
}

int workshop_verify(const workshop_config *c, script_diags *diags)
{
    int bad = 0;
    for (int i = 0; c && i < c->scenario_count; i++) {
        const workshop_scenario *w = &c->scenarios[i];
        script_options o;
        memset(&o, 0, sizeof o);
        o.seed_given = c->seed_given;
        o.seed = c->seed;
        script_diags d;
        script_diags_init(&d);
        bw_err e;
        script_scenario *s = script_scenario_load(w->path, &o, &d, &e);
        for (int k = 0; k < d.count; k++)
            script_diags_add(diags, d.items[k].file, d.items[k].line, d.items[k].warning, "%s",
                             d.items[k].msg);
        if (!s) {
            script_diags_add(diags, c->file, 0, false, "workshop scenario '%s' does not load: %s", w->entry,
                             e.msg);
            bad++;
        }
        script_scenario_destroy(s);
        script_diags_free(&d);
    }
    return bad;
}

int workshop_find_scenario(const workshop_config *c, const char *name)
{
    for (int i = 0; c && name && i < c->scenario_count; i++)
        if (strcmp(c->scenarios[i].name, name) == 0 || strcmp(c->scenarios[i].entry, name) == 0)
            return i;
    return BW_ENOTFOUND;
}

int workshop_find_team(const workshop_config *c, const char *team)
{
    for (int i = 0; c && team && i < c->team_count; i++)
        if (strcmp(c->teams[i], team) == 0)
            return i;
    return BW_ENOTFOUND;
}

const char *workshop_closest_team(const workshop_config *c, const char *team)
{
    if (!c || !team)
        return NULL;
    const char *names[WORKSHOP_MAX_TEAMS + 1];
    for (int i = 0; i < c->team_count; i++) {
        if (strcasecmp(c->teams[i], team) == 0) /* "Red" for "red" */
            return c->teams[i];
        names[i] = c->teams[i];
    }
    names[c->team_count] = NULL;
    return bw_closest(team, names);
}

/* `key =` at the start of a line (after blanks): a top-level field of a
 * data file, or a field of any table written one per line. */
static bool has_field(const char *src, const char *key)
{
    size_t k = strlen(key);
    for (const char *p = src; (p = strstr(p, key)) != NULL; p += k) {
        const char *b = p;
        while (b > src && (b[-1] == ' ' || b[-1] == '\t'))
            b--;
        if (b != src && b[-1] != '\n' && b[-1] != '{' && b[-1] != ',')
            continue;
        const char *q = p + k;
        q += strspn(q, " \t");
        if (q[0] == '=' && q[1] != '=')
            return true;
    }
    return false;
}

bool workshop_file_is_config(const char *path)
{
    if (!path)
        return false;
    size_t n = strlen(path);
    if (n > 13 && strcmp(path + n - 13, ".workshop.lua") == 0)
        return true;
    if (n < 5 || strcmp(path + n - 4, ".lua") != 0 || !is_file(path))
        return false;
    FILE *f = fopen(path, "rb");
    if (!f)
        return false;
    char *buf = malloc((64u << 10) + 1);
    size_t got = buf ? fread(buf, 1, 64u << 10, f) : 0;
    fclose(f);
    if (!buf)
        return false;
    buf[got] = '\0';
    bool yes = has_field(buf, "workshop") && has_field(buf, "results") && !strstr(buf, "scenario {") &&
               !strstr(buf, "scenario{");
    free(buf);
    return yes;
}
