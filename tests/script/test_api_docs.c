/* test_api_docs.c — the scenario author's documentation covers what the
 * engine exposes to Lua.
 *
 * Every name is collected from the engine itself, not from a list kept
 * here: the `w` methods from the world object's metatable, the helpers
 * by comparing a scenario's globals with a bare sandbox's, the fields of
 * the scenario table by parsing the *_keys arrays out of
 * game/script/scenario_build.c, the catalogue names through sim.h, the
 * fields of the tables the API returns by asking Lua for their keys, and
 * a bot's view by a probe bot that reports the keys it was given. Each
 * must appear in scripts/API.md and in scripts/api/bulwark.lua; a test
 * lists every name missing at once. The annotations must parse as Lua,
 * and the complete example in API.md must pass the loader.
 *
 * The same for what else reaches Lua: the sandbox's library (every global
 * and library member of a bare sandbox, in API.md's table), and scenario
 * tests — the globals a test file gets beyond a bare sandbox (asked of a
 * probe test file), the game object's methods (the table its __index
 * reads, from testrun_open_game) and fields (parsed from game_index in
 * testrun_game.c), and the tables its methods return (a probe test file
 * reports their keys) — in API.md section 14 and scripts/api/
 * bulwark_test.lua. The checks read the documents through DOCS, so
 * test_a_binding_without_docs_is_reported can run each against a copy of
 * API.md with one name taken out, and against the engine's names plus a
 * fake one, and assert that exactly that name is reported.
 *
 * Conventions the documents follow, which this test relies on:
 *   API.md        `w:name(` for each method; `name(` or `name {` for each
 *                 helper; a table or list of `field` names after an
 *                 <a id="..."></a> marker (up to the next marker or
 *                 heading); the example after <!-- bulwark-check: minimal -->.
 *   bulwark.lua   `function World:name(`; `function name(`; ---@class
 *                 blocks of ---@field lines; ---@alias blocks of ---| "name".
 *   API.md, more  the sandbox table's rows: `| basic |` for globals, `| `lib` |`
 *                 for a library, each name in backticks; section 14: `g:name(`
 *                 for game methods, `g.name` for its fields, `` `name(`` for
 *                 test globals in <a id="test-globals">.
 *   bulwark_test.lua  `function name(`, `function Game:name(`, ---@class Game
 *                 and the Test* classes. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>
#include <lauxlib.h>
#include <lua.h>

#include "bulwark/script.h"
#include "bulwark/testrun.h"
#include "../../game/script/script_internal.h" /* SCRIPT_KEY_WORLD */
#include "../../game/script/testrun_internal.h" /* testrun_open_game, TESTRUN_GAME_MT */

/* ---- state shared by the tests ------------------------------------------------ */

static struct {
    char root[1024];
    char tmp[256];             /* a temporary directory for the probe files */
    char *api, *lua, *build_c; /* API.md, bulwark.lua, scenario_build.c */
    char *test_lua, *game_c;   /* bulwark_test.lua, testrun_game.c */
    size_t lua_len, test_lua_len;
} D;

/* The documents the checks read: the real ones, or a test's altered copy
 * (test_a_binding_without_docs_is_reported). */
typedef struct docs {
    const char *api, *lua, *test_lua;
} docs;
static docs REAL;
static const docs *DOCS = &REAL;

static char *read_all(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return NULL;
    size_t cap = 1 << 16, n = 0;
    char *buf = malloc(cap + 1);
    while (buf) {
        n += fread(buf + n, 1, cap - n, f);
        if (n < cap)
            break;
        char *p = realloc(buf, cap * 2 + 1);
        if (!p) {
            free(buf);
            buf = NULL;
            break;
        }
        buf = p;
        cap *= 2;
    }
    fclose(f);
    if (buf) {
        buf[n] = '\0';
        if (len)
            *len = n;
    }
    return buf;
}

static char *read_source(const char *rel, size_t *len)
{
    char path[1400];
    snprintf(path, sizeof path, "%s/%s", D.root, rel);
    char *s = read_all(path, len);
    if (!s)
        print_error("cannot read %s\n", path);
    return s;
}

static void write_temp(const char *name, const char *text, char *path, size_t n)
{
    snprintf(path, n, "%s/%s", D.tmp, name);
    FILE *f = fopen(path, "wb");
    assert_non_null(f);
    assert_int_equal(fwrite(text, 1, strlen(text), f), strlen(text));
    assert_int_equal(fclose(f), 0);
}

static int setup(void **state)
{
    (void)state;
    const char *root = getenv("BULWARK_SOURCE_DIR");
    snprintf(D.root, sizeof D.root, "%s", root && *root ? root : script_data_dir());
    snprintf(D.tmp, sizeof D.tmp, "%s", "/tmp/bulwark-api-docs-XXXXXX");
    if (!mkdtemp(D.tmp)) {
        print_error("cannot create a temporary directory\n");
        return -1;
    }
    D.api = read_source("scripts/API.md", NULL);
    D.lua = read_source("scripts/api/bulwark.lua", &D.lua_len);
    D.build_c = read_source("game/script/scenario_build.c", NULL);
    D.test_lua = read_source("scripts/api/bulwark_test.lua", &D.test_lua_len);
    D.game_c = read_source("game/script/testrun_game.c", NULL);
    REAL = (docs){ D.api, D.lua, D.test_lua };
    return D.api && D.lua && D.build_c && D.test_lua && D.game_c ? 0 : -1;
}

static int teardown(void **state)
{
    (void)state;
    static const char *const files[] = { "probe.lua", "bot.lua", "example.lua", "globals.test.lua",
                                         "probe.test.lua", NULL };
    for (int i = 0; files[i]; i++) {
        char path[400];
        snprintf(path, sizeof path, "%s/%s", D.tmp, files[i]);
        unlink(path);
    }
    rmdir(D.tmp);
    free(D.api);
    free(D.lua);
    free(D.build_c);
    free(D.test_lua);
    free(D.game_c);
    return 0;
}

/* ---- lists of names ------------------------------------------------------------ */

typedef struct names {
    char **v;
    int n, cap;
} names;

static void names_add(names *l, const char *s, size_t len)
{
    if (l->n == l->cap) {
        l->cap = l->cap ? l->cap * 2 : 32;
        l->v = realloc(l->v, (size_t)l->cap * sizeof *l->v);
        assert_non_null(l->v);
    }
    l->v[l->n] = malloc(len + 1);
    assert_non_null(l->v[l->n]);
    memcpy(l->v[l->n], s, len);
    l->v[l->n][len] = '\0';
    l->n++;
}

static bool names_has(const names *l, const char *s)
{
    for (int i = 0; i < l->n; i++)
        if (strcmp(l->v[i], s) == 0)
            return true;
    return false;
}

static int cmp_name(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

static void names_sort(names *l)
{
    if (l->n > 1)
        qsort(l->v, (size_t)l->n, sizeof *l->v, cmp_name);
}

static void names_free(names *l)
{
    for (int i = 0; i < l->n; i++)
        free(l->v[i]);
    free(l->v);
    memset(l, 0, sizeof *l);
}

/* Words separated by spaces, up to the end of s or a newline. */
static void names_split(names *l, const char *s)
{
    while (*s && *s != '\n') {
        size_t k = strcspn(s, " \n");
        if (k)
            names_add(l, s, k);
        s += k;
        while (*s == ' ')
            s++;
    }
}

/* ---- what is missing ------------------------------------------------------------ */

typedef struct missing {
    char text[8192];
    int count;
} missing;

static void miss(missing *m, const char *fmt, ...)
{
    size_t used = strlen(m->text);
    va_list ap;
    va_start(ap, fmt);
    if (used + 2 < sizeof m->text) {
        memcpy(m->text + used, "  ", 3);
        vsnprintf(m->text + used + 2, sizeof m->text - used - 2, fmt, ap);
        used = strlen(m->text);
        if (used + 1 < sizeof m->text)
            memcpy(m->text + used, "\n", 2);
    }
    va_end(ap);
    m->count++;
}

static void assert_nothing_missing(const missing *m, const char *what)
{
    if (m->count) {
        print_error("%s: %d missing:\n%s", what, m->count, m->text);
        fail_msg("%s: %d names are not documented (see above)", what, m->count);
    }
}

/* ---- searching the documents ------------------------------------------------------ */

static bool ident_char(char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
}

/* A bounded strstr. */
static const char *find_in(const char *hay, size_t len, const char *needle)
{
    size_t k = strlen(needle);
    for (size_t i = 0; k <= len && i <= len - k; i++)
        if (memcmp(hay + i, needle, k) == 0)
            return hay + i;
    return NULL;
}

/* `name(` or `name {` where name is not part of a longer word nor a
 * method or field (w:day( is not day( ). */
static bool has_call(const char *doc, const char *name)
{
    size_t k = strlen(name);
    for (const char *p = doc; (p = strstr(p, name)) != NULL; p++) {
        char before = p == doc ? ' ' : p[-1];
        if (ident_char(before) || before == ':' || before == '.')
            continue;
        if (p[k] == '(' || (p[k] == ' ' && p[k + 1] == '{'))
            return true;
    }
    return false;
}

/* The text after <a id="anchor"></a> up to the next marker or heading. */
static const char *section(const char *doc, const char *anchor, size_t *len)
{
    char marker[128];
    snprintf(marker, sizeof marker, "<a id=\"%s\"></a>", anchor);
    const char *start = strstr(doc, marker);
    if (!start)
        return NULL;
    start += strlen(marker);
    const char *end = start;
    while (*end) {
        if (end[0] == '\n' && end[1] == '#')
            break;
        if (strncmp(end, "<a id=\"", 7) == 0)
            break;
        end++;
    }
    *len = (size_t)(end - start);
    return start;
}

static bool section_has(const char *sec, size_t len, const char *name)
{
    char code[128];
    snprintf(code, sizeof code, "`%s`", name);
    return find_in(sec, len, code) != NULL;
}

/* The ---@class (or ---@alias) line for name and the "---" lines after it. */
static const char *annotation_block(const char *lua, const char *tag, const char *name, size_t *len)
{
    char head[128];
    snprintf(head, sizeof head, "---@%s %s", tag, name);
    size_t k = strlen(head);
    for (const char *p = lua; (p = strstr(p, head)) != NULL; p++) {
        if ((p != lua && p[-1] != '\n') || (p[k] != '\n' && p[k] != ' ' && p[k] != ':'))
            continue;
        const char *end = strchr(p, '\n');
        while (end && strncmp(end + 1, "---", 3) == 0)
            end = strchr(end + 1, '\n');
        *len = end ? (size_t)(end - p) : strlen(p);
        return p;
    }
    return NULL;
}

static bool class_has_field(const char *block, size_t len, const char *field)
{
    char a[128], b[128];
    snprintf(a, sizeof a, "---@field %s ", field);
    snprintf(b, sizeof b, "---@field %s? ", field);
    return find_in(block, len, a) || find_in(block, len, b);
}

static bool alias_has(const char *block, size_t len, const char *value)
{
    char q[128];
    snprintf(q, sizeof q, "---| \"%s\"", value);
    return find_in(block, len, q) != NULL;
}

/* Checks names against an API.md section and an annotation class or alias. */
static void check_names_in(missing *m, const names *l, const char *anchor, const char *tag,
                           const char *cls, const char *annotations, const char *file)
{
    size_t slen = 0, blen = 0;
    const char *sec = section(DOCS->api, anchor, &slen);
    const char *block = annotation_block(annotations, tag, cls, &blen);
    if (!sec)
        miss(m, "API.md: no <a id=\"%s\"></a> section", anchor);
    if (!block)
        miss(m, "%s: no ---@%s %s", file, tag, cls);
    for (int i = 0; i < l->n; i++) {
        if (sec && !section_has(sec, slen, l->v[i]))
            miss(m, "API.md section '%s': `%s`", anchor, l->v[i]);
        if (block && strcmp(tag, "class") == 0 && !class_has_field(block, blen, l->v[i]))
            miss(m, "%s class %s: ---@field %s", file, cls, l->v[i]);
        if (block && strcmp(tag, "alias") == 0 && !alias_has(block, blen, l->v[i]))
            miss(m, "%s alias %s: ---| \"%s\"", file, cls, l->v[i]);
    }
}

static void check_names(missing *m, const names *l, const char *anchor, const char *tag,
                        const char *cls)
{
    check_names_in(m, l, anchor, tag, cls, DOCS->lua, "bulwark.lua");
}

/* ---- the probe scenario ------------------------------------------------------------- */

/* Opens every list a bot can see: a known vulnerability, a report that
 * stays open, an unanswered choice with an offensive option, an actor
 * whose indicators arrive once the bot has joined the sharing group, and
 * a message every tick. Its debrief answers with the result's keys. */
static const char PROBE[] =
    "return scenario {\n"
    "  id = 'api-docs-probe', title = 'API docs probe', days = 10, seed = 3,\n"
    "  defender = { budget = 100, income = 10, staff = 4 },\n"
    "  nodes = {\n"
    "    node { id = 'web', kind = 'web', zone = 'dmz', users = 100, value = 5,\n"
    "           vulns = { vuln { id = 'v1', cwe = 79, severity = 5, known = true } } },\n"
    "  },\n"
    "  actors = { actor { id = 'crew', motive = 'money', uses = { 'T1190' }, from = days(9) } },\n"
    "  reports = { report { id = 'r1', vuln = 'v1', at = 0, deadline = days(9) } },\n"
    "  objectives = { objective { id = 'o1', text = 'Probe', kind = 'script', check = function() return true end } },\n"
    "  on_start = function(w)\n"
    "    w:choose { text = 'Probe?', options = { 'yes', 'no' }, offensive = 2, deadline = days(9),\n"
    "               on_answer = function() end }\n"
    "  end,\n"
    "  on_tick = function(w)\n"
    "    if not w:actor('crew').indicators_known then w:indicator('crew') end\n"
    "    w:message('tick')\n"
    "  end,\n"
    "  debrief = function(w, result)\n"
    "    local k = {}\n"
    "    for name in pairs(result) do k[#k + 1] = name end\n"
    "    table.sort(k)\n"
    "    return table.concat(k, ' ')\n"
    "  end,\n"
    "}\n";

static script_scenario *load(const char *name, const char *src)
{
    char path[400], cur[1400];
    write_temp(name, src, path, sizeof path);
    snprintf(cur, sizeof cur, "%s/scripts/lib/curriculum.lua", D.root);
    script_options opt;
    memset(&opt, 0, sizeof opt);
    opt.curriculum = cur;
    script_diags d;
    script_diags_init(&d);
    bw_err e;
    script_scenario *s = script_scenario_load(path, &opt, &d, &e);
    if (!s || d.errors) {
        script_diags_print(&d, stderr);
        print_error("%s\n", e.msg);
    }
    bool clean = d.errors == 0;
    script_diags_free(&d);
    if (s && !clean) {
        script_scenario_destroy(s);
        s = NULL;
    }
    return s;
}

/* ---- the tests ------------------------------------------------------------------------ */

/* The w methods, from the world object's real metatable. */
static void collect_world_methods(names *methods)
{
    script_scenario *s = load("probe.lua", PROBE);
    assert_non_null(s);
    lua_State *L = script_sandbox_lua(script_scenario_sandbox(s));
    int top = lua_gettop(L);
    /* The real metatable: lua_getmetatable ignores __metatable. */
    assert_int_equal(lua_rawgetp(L, LUA_REGISTRYINDEX, &SCRIPT_KEY_WORLD), LUA_TUSERDATA);
    assert_true(lua_getmetatable(L, -1));
    lua_pushliteral(L, "__index");
    assert_int_equal(lua_rawget(L, -2), LUA_TTABLE);
    lua_pushnil(L);
    while (lua_next(L, -2)) {
        if (lua_type(L, -2) == LUA_TSTRING && lua_type(L, -1) == LUA_TFUNCTION) {
            size_t k;
            const char *name = lua_tolstring(L, -2, &k);
            names_add(methods, name, k);
        }
        lua_pop(L, 1);
    }
    lua_settop(L, top);
    script_scenario_destroy(s);
    names_sort(methods);
    assert_true(methods->n >= 10); /* the metatable was found, not an empty table */
}

static void check_world_methods(const names *methods, missing *m)
{
    for (int i = 0; i < methods->n; i++) {
        char needle[160];
        snprintf(needle, sizeof needle, "w:%s(", methods->v[i]);
        if (!strstr(DOCS->api, needle))
            miss(m, "API.md: %s", needle);
        snprintf(needle, sizeof needle, "function World:%s(", methods->v[i]);
        if (!strstr(DOCS->lua, needle))
            miss(m, "bulwark.lua: %s", needle);
    }
}

static void test_every_world_method_is_documented(void **state)
{
    (void)state;
    names methods = { 0 };
    collect_world_methods(&methods);
    missing m = { "", 0 };
    check_world_methods(&methods, &m);
    names_free(&methods);
    assert_nothing_missing(&m, "w methods");
}

/* The helpers: a scenario's global functions that a bare sandbox lacks. */
static void collect_helpers(names *helpers)
{
    script_scenario *s = load("probe.lua", PROBE);
    assert_non_null(s);
    script_sandbox *sb = script_scenario_sandbox(s);
    lua_State *L = script_sandbox_lua(sb);
    bw_err e;
    script_sandbox *bare = script_sandbox_create(NULL, &e);
    assert_non_null(bare);
    lua_State *B = script_sandbox_lua(bare);
    script_sandbox_push_env(bare);
    int top = lua_gettop(L);
    script_sandbox_push_env(sb);
    lua_pushnil(L);
    while (lua_next(L, -2)) {
        if (lua_type(L, -2) == LUA_TSTRING && lua_type(L, -1) == LUA_TFUNCTION) {
            size_t k;
            const char *name = lua_tolstring(L, -2, &k);
            lua_pushlstring(B, name, k);
            if (lua_rawget(B, -2) == LUA_TNIL) /* not in a bare sandbox: a helper */
                names_add(helpers, name, k);
            lua_pop(B, 1);
        }
        lua_pop(L, 1);
    }
    lua_settop(L, top);
    script_sandbox_destroy(bare);
    script_scenario_destroy(s);
    names_sort(helpers);
    assert_true(names_has(helpers, "scenario"));
    assert_true(names_has(helpers, "day"));
}

static void check_helpers(const names *helpers, missing *m)
{
    for (int i = 0; i < helpers->n; i++) {
        if (!has_call(DOCS->api, helpers->v[i]))
            miss(m, "API.md: %s( or %s {", helpers->v[i], helpers->v[i]);
        char needle[160];
        snprintf(needle, sizeof needle, "\nfunction %s(", helpers->v[i]);
        if (!strstr(DOCS->lua, needle))
            miss(m, "bulwark.lua: function %s(", helpers->v[i]);
    }
}

static void test_every_helper_is_documented(void **state)
{
    (void)state;
    names helpers = { 0 };
    collect_helpers(&helpers);
    missing m = { "", 0 };
    check_helpers(&helpers, &m);
    names_free(&helpers);
    assert_nothing_missing(&m, "helpers");
}

/* The string literals of `static const char *const NAME[] = { ... };`. */
static bool parse_c_array(const char *src, const char *array, names *out)
{
    char head[96];
    snprintf(head, sizeof head, " %s[] = {", array);
    const char *p = strstr(src, head);
    if (!p)
        return false;
    p += strlen(head);
    const char *end = strstr(p, "};");
    if (!end)
        return false;
    while (p < end && (p = memchr(p, '"', (size_t)(end - p))) != NULL) {
        const char *q = memchr(p + 1, '"', (size_t)(end - p - 1));
        if (!q)
            return false;
        names_add(out, p + 1, (size_t)(q - p - 1));
        p = q + 1;
    }
    return out->n > 0;
}

static void test_every_scenario_field_is_documented(void **state)
{
    (void)state;
    static const struct {
        const char *array, *anchor, *tag, *cls;
    } tables[] = {
        { "scenario_keys", "keys-scenario", "class", "Scenario" },
        { "defender_keys", "keys-defender", "class", "Defender" },
        { "node_keys", "keys-node", "class", "Node" },
        { "vuln_keys", "keys-vuln", "class", "Vuln" },
        { "link_keys", "keys-link", "class", "Link" },
        { "actor_keys", "keys-actor", "class", "Actor" },
        { "report_keys", "keys-report", "class", "Report" },
        { "event_keys", "keys-event", "class", "Event" },
        { "objective_keys", "keys-objective", "class", "Objective" },
        { "cost_keys", "keys-cost", "class", "ActionCost" },
        { "teach_kinds", "keys-teaches", "class", "Teaches" },
        { "objective_kinds", "enum-objective-kind", "alias", "ObjectiveKind" },
    };
    missing m = { "", 0 };
    for (size_t i = 0; i < sizeof tables / sizeof tables[0]; i++) {
        names l = { 0 };
        if (!parse_c_array(D.build_c, tables[i].array, &l))
            miss(&m, "scenario_build.c: cannot find the array %s[] (renamed? update this test)",
                 tables[i].array);
        check_names(&m, &l, tables[i].anchor, tables[i].tag, tables[i].cls);
        names_free(&l);
    }
    assert_nothing_missing(&m, "scenario table fields");
}

/* sim.h's name functions, as int -> name. */
static const char *kind_name(int i) { return sim_node_kind_name((sim_node_kind)i); }
static const char *zone_name(int i) { return sim_zone_name((sim_zone)i); }
static const char *link_name(int i) { return sim_link_kind_name((sim_link_kind)i); }
static const char *control_name(int i) { return sim_control_name(1u << i); }
static const char *motive_name(int i) { return sim_motive_name((sim_motive)i); }
static const char *technique_name(int i) { return sim_technique_name((sim_technique)i); }
static const char *area_name(int i) { return sim_area_name((sim_area)i); }
static const char *pillar_name(int i) { return sim_pillar_name((sim_pillar)i); }
static const char *state_name(int i) { return sim_state_name((sim_node_state)i); }
static const char *log_name(int i) { return sim_log_kind_name((sim_log_kind)i); }
static const char *action_name(int i) { return sim_action_name((sim_action_kind)i); }

static void test_every_engine_name_is_documented(void **state)
{
    (void)state;
    static const struct {
        const char *(*name)(int);
        int count;
        const char *anchor, *alias;
    } enums[] = {
        { kind_name, SIM_NODE_KIND_COUNT, "enum-node-kind", "NodeKind" },
        { zone_name, SIM_ZONE_COUNT, "enum-zone", "Zone" },
        { link_name, SIM_LINK_KIND_COUNT, "enum-link-kind", "LinkKind" },
        { control_name, SIM_CONTROL_COUNT, "enum-control", "Control" },
        { motive_name, SIM_MOTIVE_COUNT, "enum-motive", "Motive" },
        { technique_name, SIM_TECHNIQUE_COUNT, "enum-technique", "Technique" },
        { area_name, SIM_AREA_COUNT, "enum-area", "Area" },
        { pillar_name, SIM_PILLAR_COUNT, "enum-pillar", "Pillar" },
        { state_name, SIM_STATE_COUNT, "enum-state", "NodeState" },
        { log_name, SIM_LOG_KIND_COUNT, "enum-log-kind", "LogKind" },
        { action_name, SIM_ACTION_KIND_COUNT, "enum-action", "ActionName" },
    };
    missing m = { "", 0 };
    for (size_t i = 0; i < sizeof enums / sizeof enums[0]; i++) {
        names l = { 0 };
        for (int k = 0; k < enums[i].count; k++) {
            const char *n = enums[i].name(k);
            assert_string_not_equal(n, "?");
            names_add(&l, n, strlen(n));
        }
        check_names(&m, &l, enums[i].anchor, "alias", enums[i].alias);
        names_free(&l);
    }
    assert_nothing_missing(&m, "engine names");
}

/* Keys of the tables the w methods return, asked of Lua itself. */
static const char KEYS_PROBE[] =
    "local w = ...\n"
    "local function keys(t)\n"
    "  local k = {}\n"
    "  for name in pairs(t) do k[#k + 1] = name end\n"
    "  table.sort(k)\n"
    "  return table.concat(k, ' ')\n"
    "end\n"
    "return keys(w:node('web')), keys(w:vuln('v1')), keys(w:actor('crew')),\n"
    "       keys(w:defender()), keys(w:score()), keys(w:tally())\n";

static void test_every_returned_field_is_documented(void **state)
{
    (void)state;
    static const struct {
        const char *what, *anchor, *cls;
    } returned[] = {
        { "w:node", "ret-node", "NodeInfo" },     { "w:vuln", "ret-vuln", "VulnInfo" },
        { "w:actor", "ret-actor", "ActorInfo" },  { "w:defender", "ret-defender", "DefenderInfo" },
        { "w:score", "ret-score", "Pillars" },    { "w:tally", "ret-tally", "Tally" },
        { "debrief's result", "ret-result", "Result" },
    };
    enum { N = sizeof returned / sizeof returned[0] };
    script_scenario *s = load("probe.lua", PROBE);
    assert_non_null(s);
    script_sandbox *sb = script_scenario_sandbox(s);
    lua_State *L = script_sandbox_lua(sb);
    int top = lua_gettop(L);
    bw_err e;
    assert_int_equal(script_sandbox_load(sb, "=keys-probe", KEYS_PROBE, strlen(KEYS_PROBE), &e), BW_OK);
    lua_rawgetp(L, LUA_REGISTRYINDEX, &SCRIPT_KEY_WORLD);
    int rc = script_sandbox_call(sb, 1, N - 1, &e);
    if (rc != BW_OK)
        fail_msg("the keys probe failed: %s", e.msg);
    names got[N];
    memset(got, 0, sizeof got);
    for (int i = 0; i < N - 1; i++) {
        assert_int_equal(lua_type(L, top + 1 + i), LUA_TSTRING);
        names_split(&got[i], lua_tostring(L, top + 1 + i));
    }
    lua_settop(L, top);
    const char *text = NULL;
    assert_int_equal(script_scenario_debrief(s, &text, &e), BW_OK);
    names_split(&got[N - 1], text);
    script_scenario_destroy(s);
    missing m = { "", 0 };
    for (int i = 0; i < N; i++) {
        if (got[i].n == 0)
            miss(&m, "%s returned no fields (probe broken?)", returned[i].what);
        check_names(&m, &got[i], returned[i].anchor, "class", returned[i].cls);
        names_free(&got[i]);
    }
    assert_nothing_missing(&m, "returned tables");
}

/* A bot that joins the sharing group, waits until every list of its view
 * holds an item, then raises one "@@group keys..." error per call. */
static const char BOT_PROBE[] =
    "local groups, sent\n"
    "local function keys(t)\n"
    "  local k = {}\n"
    "  for name in pairs(t) do k[#k + 1] = name end\n"
    "  table.sort(k)\n"
    "  return table.concat(k, ' ')\n"
    "end\n"
    "return { decide = function(view)\n"
    "  local n = view.nodes[1]\n"
    "  if #view.actors > 0 and #view.reports > 0 and #view.choices > 0 and #view.events > 0\n"
    "     and #n.vulns > 0 then\n"
    "    groups = groups or {\n"
    "      'view ' .. keys(view), 'node ' .. keys(n), 'vuln ' .. keys(n.vulns[1]),\n"
    "      'action ' .. keys(view.actions.patch), 'actor ' .. keys(view.actors[1]),\n"
    "      'report ' .. keys(view.reports[1]), 'choice ' .. keys(view.choices[1]),\n"
    "      'event ' .. keys(view.events[1]),\n"
    "    }\n"
    "    sent = (sent or 0) + 1\n"
    "    if groups[sent] then error('@@' .. groups[sent], 0) end\n"
    "    return {}\n"
    "  end\n"
    "  return { { 'join_sharing' } }\n"
    "end }\n";

static void test_every_bot_view_field_is_documented(void **state)
{
    (void)state;
    static const struct {
        const char *group, *anchor, *cls;
    } parts[] = {
        { "view", "view-top", "BotView" },         { "node", "view-node", "BotNode" },
        { "vuln", "view-vuln", "BotVuln" },        { "action", "view-action", "BotActionCost" },
        { "actor", "view-actor", "BotActor" },     { "report", "view-report", "BotReport" },
        { "choice", "view-choice", "BotChoice" },  { "event", "view-event", "BotEvent" },
    };
    enum { N = sizeof parts / sizeof parts[0] };
    script_scenario *s = load("probe.lua", PROBE);
    assert_non_null(s);
    char path[400];
    write_temp("bot.lua", BOT_PROBE, path, sizeof path);
    bw_err e;
    script_bot *bot = script_bot_load(path, script_scenario_seed(s), &e);
    if (!bot)
        fail_msg("the probe bot did not load: %s", e.msg);
    names got[N];
    memset(got, 0, sizeof got);
    int seen = 0;
    while (seen < N && !sim_world_over(script_scenario_cworld(s))) {
        int rc = script_bot_play(bot, s, NULL, NULL, &e);
        if (rc == BW_ESCRIPT && strncmp(e.msg, "@@", 2) == 0) {
            const char *g = e.msg + 2;
            size_t k = strcspn(g, " \n");
            for (int i = 0; i < N; i++)
                if (strlen(parts[i].group) == k && strncmp(parts[i].group, g, k) == 0)
                    names_split(&got[i], g + k);
            seen++;
            continue; /* the bot is not broken by an error: ask again */
        }
        if (rc != BW_OK)
            fail_msg("the probe bot failed: %s", e.msg);
        if (script_scenario_step(s, &e) < 0)
            fail_msg("the probe scenario failed: %s", e.msg);
    }
    script_bot_destroy(bot);
    script_scenario_destroy(s);
    missing m = { "", 0 };
    if (seen < N)
        miss(&m, "the probe bot never saw every list of its view filled (%d of %d groups)", seen, N);
    for (int i = 0; i < N; i++) {
        if (seen == N && got[i].n == 0)
            miss(&m, "bot view part '%s' had no fields (probe broken?)", parts[i].group);
        check_names(&m, &got[i], parts[i].anchor, "class", parts[i].cls);
        names_free(&got[i]);
    }
    assert_nothing_missing(&m, "bot view");
}

/* ---- the sandbox's library --------------------------------------------------------------- */

/* Every global of a bare sandbox (what scenarios, bots and tests all get),
 * as "name", and every member of its library tables, as "lib.name". */
static void collect_sandbox(names *out)
{
    bw_err e;
    script_sandbox *sb = script_sandbox_create(NULL, &e);
    assert_non_null(sb);
    lua_State *L = script_sandbox_lua(sb);
    int top = lua_gettop(L);
    script_sandbox_push_env(sb);
    int env = lua_gettop(L);
    lua_pushnil(L);
    while (lua_next(L, env)) {
        if (lua_type(L, -2) == LUA_TSTRING) {
            const char *k = lua_tostring(L, -2);
            names_add(out, k, strlen(k));
            int lib = lua_gettop(L);
            /* A library is a read-only proxy: its members are in the real
             * metatable's __index (lua_getmetatable ignores __metatable). */
            if (lua_type(L, lib) == LUA_TTABLE && strcmp(k, "_G") != 0 && lua_getmetatable(L, lib) &&
                lua_getfield(L, -1, "__index") == LUA_TTABLE) {
                int members = lua_gettop(L);
                lua_pushnil(L);
                while (lua_next(L, members)) {
                    if (lua_type(L, -2) == LUA_TSTRING) {
                        char full[128];
                        snprintf(full, sizeof full, "%s.%s", k, lua_tostring(L, -2));
                        names_add(out, full, strlen(full));
                    }
                    lua_pop(L, 1);
                }
            }
            lua_settop(L, lib);
        }
        lua_pop(L, 1);
    }
    lua_settop(L, top);
    script_sandbox_destroy(sb);
    names_sort(out);
    assert_true(names_has(out, "string.format"));
    assert_true(names_has(out, "pcall"));
}

/* The row of API.md's sandbox table for lib ("basic" for globals). */
static const char *sandbox_row(const char *lib, size_t *len)
{
    size_t slen;
    const char *sec = section(DOCS->api, "sandbox-libs", &slen);
    if (!sec)
        return NULL;
    char head[96];
    if (strcmp(lib, "basic") == 0)
        snprintf(head, sizeof head, "\n| basic |");
    else
        snprintf(head, sizeof head, "\n| `%s` |", lib);
    const char *row = find_in(sec, slen, head);
    if (!row)
        return NULL;
    row++;
    *len = strcspn(row, "\n");
    return row;
}

/* Each global in the "basic" row, each library member in its library's. */
static void check_sandbox(const names *l, missing *m)
{
    for (int i = 0; i < l->n; i++) {
        const char *dot = strchr(l->v[i], '.');
        char lib[64];
        const char *name = dot ? dot + 1 : l->v[i];
        snprintf(lib, sizeof lib, "%.*s", dot ? (int)(dot - l->v[i]) : 5, dot ? l->v[i] : "basic");
        /* A library table itself ("string", listed with "string.format"):
         * it has a row of its own. */
        char prefix[80];
        snprintf(prefix, sizeof prefix, "%s.", l->v[i]);
        bool is_lib = false;
        for (int j = 0; !dot && j < l->n && !is_lib; j++)
            is_lib = strncmp(l->v[j], prefix, strlen(prefix)) == 0;
        if (is_lib) {
            snprintf(lib, sizeof lib, "%s", l->v[i]);
            name = NULL;
        }
        size_t len = 0;
        const char *row = sandbox_row(lib, &len);
        if (!name) {
            if (!row)
                miss(m, "API.md section 'sandbox-libs': no row for `%s`", lib);
            continue;
        }
        char code[128];
        snprintf(code, sizeof code, "`%s`", name);
        if (!row)
            miss(m, "API.md section 'sandbox-libs': no row for `%s` (%s)", lib, l->v[i]);
        else if (!find_in(row, len, code))
            miss(m, "API.md section 'sandbox-libs', row %s: `%s`", lib, l->v[i]);
    }
}

static void test_every_sandbox_function_is_documented(void **state)
{
    (void)state;
    names l = { 0 };
    collect_sandbox(&l);
    missing m = { "", 0 };
    check_sandbox(&l, &m);
    names_free(&l);
    assert_nothing_missing(&m, "sandbox library");
}

/* ---- scenario tests: the globals, the game object, what it returns ------------------------- */

/* Runs a test file whose tests each fail with "@@group words..." and
 * adds "group:word" (or just "word" when prefix is false) for each. */
static void collect_from_test_file(const char *name, const char *src, names *out, bool prefix)
{
    char path[400];
    write_temp(name, src, path, sizeof path);
    script_test_file f;
    bw_err e;
    assert_int_equal(script_test_run(path, NULL, &f, &e), BW_OK);
    int reports = 0;
    for (int i = 0; i < f.count; i++) {
        const char *msg = f.cases[i].msg;
        if (strncmp(msg, "@@", 2) != 0) {
            print_error("%s: test '%s': %s\n", name, f.cases[i].name, msg);
            continue;
        }
        reports++;
        const char *g = msg + 2;
        size_t k = strcspn(g, " ");
        names words = { 0 };
        names_split(&words, g + k);
        for (int w = 0; w < words.n; w++) {
            char full[160];
            snprintf(full, sizeof full, "%.*s:%s", (int)k, g, words.v[w]);
            const char *one = prefix ? full : words.v[w];
            names_add(out, one, strlen(one));
        }
        names_free(&words);
    }
    int count = f.count;
    script_test_file_free(&f);
    assert_int_equal(reports, count); /* every probe test reported */
    assert_true(count > 0);
}

/* The globals a test file sees that a bare sandbox does not give. */
static const char GLOBALS_PROBE[] =
    "local names = {}\n"
    "for k, v in pairs(_G) do if type(v) == 'function' then names[#names + 1] = k end end\n"
    "table.sort(names)\n"
    "for i = 1, #names, 8 do\n"
    "  local chunk = table.concat(names, ' ', i, math.min(i + 7, #names))\n"
    "  test('chunk ' .. i, function() error('@@globals ' .. chunk, 0) end)\n"
    "end\n";

static void collect_test_globals(names *out)
{
    names all = { 0 }, bare = { 0 };
    collect_from_test_file("globals.test.lua", GLOBALS_PROBE, &all, false);
    collect_sandbox(&bare);
    for (int i = 0; i < all.n; i++)
        if (!names_has(&bare, all.v[i]))
            names_add(out, all.v[i], strlen(all.v[i]));
    names_free(&all);
    names_free(&bare);
    names_sort(out);
    assert_true(names_has(out, "test"));
    assert_true(names_has(out, "game"));
}

/* `name(` (or `name{`, `name {`) in API.md's test-globals section, and
 * `function name(` in bulwark_test.lua. */
static void check_test_globals(const names *l, missing *m)
{
    size_t slen = 0;
    const char *sec = section(DOCS->api, "test-globals", &slen);
    if (!sec)
        miss(m, "API.md: no <a id=\"test-globals\"></a> section");
    for (int i = 0; i < l->n; i++) {
        char a[128], b[128], c[128];
        snprintf(a, sizeof a, "`%s(", l->v[i]);
        snprintf(b, sizeof b, "`%s{", l->v[i]);
        snprintf(c, sizeof c, "`%s {", l->v[i]);
        if (sec && !find_in(sec, slen, a) && !find_in(sec, slen, b) && !find_in(sec, slen, c))
            miss(m, "API.md section 'test-globals': `%s(`", l->v[i]);
        snprintf(a, sizeof a, "\nfunction %s(", l->v[i]);
        if (!strstr(DOCS->test_lua, a))
            miss(m, "bulwark_test.lua: function %s(", l->v[i]);
    }
}

/* The game object's methods: the table its __index closure reads. */
static void collect_game_methods(names *out)
{
    lua_State *L = luaL_newstate();
    assert_non_null(L);
    test_ctx ctx;
    memset(&ctx, 0, sizeof ctx);
    testrun_open_game(L, &ctx);
    assert_int_equal(luaL_getmetatable(L, TESTRUN_GAME_MT), LUA_TTABLE);
    assert_int_equal(lua_getfield(L, -1, "__index"), LUA_TFUNCTION);
    assert_non_null(lua_getupvalue(L, -1, 1));
    assert_int_equal(lua_type(L, -1), LUA_TTABLE);
    lua_pushnil(L);
    while (lua_next(L, -2)) {
        if (lua_type(L, -2) == LUA_TSTRING && lua_type(L, -1) == LUA_TFUNCTION)
            names_add(out, lua_tostring(L, -2), strlen(lua_tostring(L, -2)));
        lua_pop(L, 1);
    }
    lua_close(L);
    names_sort(out);
    assert_true(names_has(out, "act"));
    assert_true(names_has(out, "result"));
}

static void check_game_methods(const names *l, missing *m)
{
    for (int i = 0; i < l->n; i++) {
        char needle[160];
        snprintf(needle, sizeof needle, "g:%s(", l->v[i]);
        if (!strstr(DOCS->api, needle))
            miss(m, "API.md: %s", needle);
        snprintf(needle, sizeof needle, "function Game:%s(", l->v[i]);
        if (!strstr(DOCS->test_lua, needle))
            miss(m, "bulwark_test.lua: %s", needle);
    }
}

/* The game object's fields (g.tick, ...): the names game_index compares. */
static void collect_game_fields(names *out)
{
    const char *fn = strstr(D.game_c, "static int game_index(");
    assert_non_null(fn);
    const char *end = strstr(fn, "\n}\n");
    assert_non_null(end);
    static const char pat[] = "strcmp(k, \"";
    for (const char *p = fn; (p = strstr(p, pat)) != NULL && p < end; p++) {
        const char *q = p + strlen(pat);
        names_add(out, q, strcspn(q, "\""));
    }
    names_sort(out);
    assert_true(names_has(out, "tick"));
}

static void check_game_fields(const names *l, missing *m)
{
    size_t slen = 0, blen = 0;
    const char *sec = section(DOCS->api, "test-game", &slen);
    const char *block = annotation_block(DOCS->test_lua, "class", "Game", &blen);
    if (!sec)
        miss(m, "API.md: no <a id=\"test-game\"></a> section");
    if (!block)
        miss(m, "bulwark_test.lua: no ---@class Game");
    for (int i = 0; i < l->n; i++) {
        char code[128];
        snprintf(code, sizeof code, "`g.%s`", l->v[i]);
        if (sec && !find_in(sec, slen, code))
            miss(m, "API.md section 'test-game': %s", code);
        if (block && !class_has_field(block, blen, l->v[i]))
            miss(m, "bulwark_test.lua class Game: ---@field %s", l->v[i]);
    }
}

/* Keys of the tables the game's methods return, from a probe test file
 * beside the probe scenario: "group:key". */
static const char RETURNED_PROBE[] =
    "local function report(group, t)\n"
    "  local k = {}\n"
    "  for name in pairs(t) do k[#k + 1] = name end\n"
    "  table.sort(k)\n"
    "  error('@@' .. group .. ' ' .. table.concat(k, ' '), 0)\n"
    "end\n"
    "local function played()\n"
    "  local g = game{}\n"
    "  assert(g:act('patch', 'web'))\n"
    "  assert(g:act{ action = 'choose', target = g:view().choices[1].id, option = 1 })\n"
    "  g:advance(30)\n"
    "  return g\n"
    "end\n"
    "test('node', function() report('node', played():node('web')) end)\n"
    "test('vuln', function() report('vuln', played():vuln('v1')) end)\n"
    "test('result', function() report('result', played():result()) end)\n"
    "test('objective', function() report('objective', played():result().objectives[1]) end)\n"
    "test('defender', function() report('defender', played():defender()) end)\n"
    "test('tally', function() report('tally', played():tally()) end)\n"
    "test('score', function() report('score', played():score()) end)\n"
    "test('action', function()\n"
    "  local keys = {}\n"
    "  for _, a in ipairs(played():actions()) do for k in pairs(a) do keys[k] = true end end\n"
    "  report('action', keys)\n"
    "end)\n";

static const struct {
    const char *group, *anchor, *cls;
    bool scenario_annotations; /* the class is in bulwark.lua, not bulwark_test.lua */
} test_returned[] = {
    { "node", "test-node", "TestNode", false },
    { "vuln", "test-vuln", "TestVuln", false },
    { "result", "test-result", "TestResult", false },
    { "objective", "test-objective", "TestObjective", false },
    { "defender", "test-defender", "TestDefender", false },
    { "tally", "test-tally", "TestTally", false },
    { "score", "ret-score", "Pillars", true },
    { "action", "test-action", "TestAction", false },
};
#define TEST_RETURNED_COUNT (sizeof test_returned / sizeof test_returned[0])

static void collect_test_returned(names *out)
{
    char path[400];
    write_temp("probe.lua", PROBE, path, sizeof path); /* the scenario beside the probe */
    collect_from_test_file("probe.test.lua", RETURNED_PROBE, out, true);
    for (size_t g = 0; g < TEST_RETURNED_COUNT; g++) {
        size_t k = strlen(test_returned[g].group);
        bool any = false;
        for (int i = 0; i < out->n; i++)
            any = any || (strncmp(out->v[i], test_returned[g].group, k) == 0 && out->v[i][k] == ':');
        if (!any)
            fail_msg("the probe returned no fields for %s", test_returned[g].group);
    }
}

static void check_test_returned(const names *l, missing *m)
{
    for (size_t g = 0; g < TEST_RETURNED_COUNT; g++) {
        names part = { 0 };
        size_t k = strlen(test_returned[g].group);
        for (int i = 0; i < l->n; i++)
            if (strncmp(l->v[i], test_returned[g].group, k) == 0 && l->v[i][k] == ':')
                names_add(&part, l->v[i] + k + 1, strlen(l->v[i] + k + 1));
        if (test_returned[g].scenario_annotations)
            check_names_in(m, &part, test_returned[g].anchor, "class", test_returned[g].cls, DOCS->lua,
                           "bulwark.lua");
        else
            check_names_in(m, &part, test_returned[g].anchor, "class", test_returned[g].cls,
                           DOCS->test_lua, "bulwark_test.lua");
        names_free(&part);
    }
}

static void test_every_test_harness_name_is_documented(void **state)
{
    (void)state;
    static const struct {
        const char *what;
        void (*collect)(names *);
        void (*check)(const names *, missing *);
    } parts[] = {
        { "test globals", collect_test_globals, check_test_globals },
        { "game methods", collect_game_methods, check_game_methods },
        { "game fields", collect_game_fields, check_game_fields },
        { "tables the game returns", collect_test_returned, check_test_returned },
    };
    missing m = { "", 0 };
    for (size_t i = 0; i < sizeof parts / sizeof parts[0]; i++) {
        names l = { 0 };
        parts[i].collect(&l);
        assert_true(l.n > 0);
        parts[i].check(&l, &m);
        names_free(&l);
    }
    assert_nothing_missing(&m, "scenario tests");
}

/* ---- the checks catch what is missing ---------------------------------------------------- */

/* hay with every `from` replaced by `to` (same length), malloc'd. */
static char *replaced(const char *hay, const char *from, const char *to)
{
    assert_int_equal(strlen(from), strlen(to));
    char *copy = strdup(hay);
    assert_non_null(copy);
    int n = 0;
    for (char *p = copy; (p = strstr(p, from)) != NULL; p += strlen(to), n++)
        memcpy(p, to, strlen(to));
    assert_true(n > 0); /* the name was documented to begin with */
    return copy;
}

static void assert_reports_exactly(const missing *m, int count, const char *name)
{
    if (m->count != count || !strstr(m->text, name))
        print_error("expected %d report(s) of %s, got %d:\n%s", count, name, m->count, m->text);
    assert_int_equal(m->count, count);
    for (const char *line = m->text; *line; line = strchr(line, '\n') + 1) {
        size_t len = strcspn(line, "\n");
        assert_non_null(find_in(line, len, name));
        if (!line[len])
            break;
    }
}

/* For each check: the real documents pass; a copy of API.md with one name
 * taken out reports exactly that name; a binding the engine might grow
 * (a fake name among those collected) is reported in API.md and the
 * annotations, and nothing else is. */
static void test_a_binding_without_docs_is_reported(void **state)
{
    (void)state;
    static const struct {
        void (*collect)(names *);
        void (*check)(const names *, missing *);
        const char *from, *to, *expect; /* the API.md edit, and the name it must report */
        const char *fake;               /* a binding added without docs */
    } cases[] = {
        { collect_world_methods, check_world_methods, "w:release_fix(", "w:release_fox(", "w:release_fix(",
          "zz_undocumented" },
        { collect_helpers, check_helpers, "hours(", "hourz(", "hours(", "zz_undocumented" },
        { collect_sandbox, check_sandbox, "`rep`", "`rpe`", "string.rep", "string.zz_undocumented" },
        { collect_test_globals, check_test_globals, "`contains(", "`contaimz(", "`contains(",
          "zz_undocumented" },
        { collect_game_methods, check_game_methods, "g:advance_to_day(", "g:advance_to_dax(",
          "g:advance_to_day(", "zz_undocumented" },
        { collect_game_fields, check_game_fields, "`g.seed`", "`g.sead`", "`g.seed`", "zz_undocumented" },
        { collect_test_returned, check_test_returned, "`intrusions`", "`intrusiomz`", "`intrusions`",
          "tally:zz_undocumented" },
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        names l = { 0 };
        cases[i].collect(&l);
        missing m = { "", 0 };
        cases[i].check(&l, &m);
        assert_nothing_missing(&m, "the real documents");

        char *api = replaced(D.api, cases[i].from, cases[i].to);
        docs edited = { api, D.lua, D.test_lua };
        DOCS = &edited;
        memset(&m, 0, sizeof m);
        cases[i].check(&l, &m);
        DOCS = &REAL;
        free(api);
        assert_reports_exactly(&m, 1, cases[i].expect);

        names_add(&l, cases[i].fake, strlen(cases[i].fake));
        memset(&m, 0, sizeof m);
        cases[i].check(&l, &m);
        /* the sandbox's library has no annotations of its own (the
         * language server knows Lua's): only API.md misses it */
        const char *tail = strchr(cases[i].fake, ':') ? strchr(cases[i].fake, ':') + 1 : cases[i].fake;
        assert_reports_exactly(&m, cases[i].check == check_sandbox ? 1 : 2, tail);
        names_free(&l);
    }
}

static void test_annotations_parse_as_lua(void **state)
{
    (void)state;
    lua_State *L = luaL_newstate();
    assert_non_null(L);
    int rc = luaL_loadbufferx(L, D.lua, D.lua_len, "@scripts/api/bulwark.lua", "t");
    if (rc != LUA_OK)
        print_error("%s\n", lua_tostring(L, -1));
    if (rc == LUA_OK) {
        rc = luaL_loadbufferx(L, D.test_lua, D.test_lua_len, "@scripts/api/bulwark_test.lua", "t");
        if (rc != LUA_OK)
            print_error("%s\n", lua_tostring(L, -1));
    }
    lua_close(L);
    assert_int_equal(rc, LUA_OK);
    assert_non_null(strstr(D.lua, "---@meta"));
    assert_non_null(strstr(D.test_lua, "---@meta"));
}

static void test_api_example_passes_the_loader(void **state)
{
    (void)state;
    const char *mark = strstr(D.api, "<!-- bulwark-check: minimal -->");
    assert_non_null(mark);
    const char *start = strstr(mark, "```lua\n");
    assert_non_null(start);
    start += strlen("```lua\n");
    const char *end = strstr(start, "\n```");
    assert_non_null(end);
    size_t n = (size_t)(end - start) + 1;
    char *src = malloc(n + 1);
    assert_non_null(src);
    memcpy(src, start, n);
    src[n] = '\0';
    script_scenario *s = load("example.lua", src);
    free(src);
    assert_non_null(s); /* the diagnostics are printed above */
    script_scenario_destroy(s);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_every_world_method_is_documented),
        cmocka_unit_test(test_every_helper_is_documented),
        cmocka_unit_test(test_every_scenario_field_is_documented),
        cmocka_unit_test(test_every_engine_name_is_documented),
        cmocka_unit_test(test_every_returned_field_is_documented),
        cmocka_unit_test(test_every_bot_view_field_is_documented),
        cmocka_unit_test(test_every_sandbox_function_is_documented),
        cmocka_unit_test(test_every_test_harness_name_is_documented),
        cmocka_unit_test(test_a_binding_without_docs_is_reported),
        cmocka_unit_test(test_annotations_parse_as_lua),
        cmocka_unit_test(test_api_example_passes_the_loader),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
