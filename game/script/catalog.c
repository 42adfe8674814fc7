/* catalog.c — the curriculum catalogue (scripts/lib/curriculum.lua):
 * which Accord, SSDF, ATT&CK and CWE ids exist, with a title each. It is
 * loaded in a sandbox like any script and copied into C arrays. */
#include "script_internal.h"

#include <stdlib.h>
#include <string.h>

#ifndef BULWARK_DATA_DIR
#define BULWARK_DATA_DIR "."
#endif

static const char *const kinds[4] = { "accord", "ssdf", "attack", "cwe" };

typedef struct entry {
    char id[24];
    char *title;
} entry;

struct script_catalog {
    entry *items[4];
    int count[4];
};

const char *script_data_dir(void)
{
    const char *env = getenv("BULWARK_DATA_DIR");
    return env && *env ? env : BULWARK_DATA_DIR;
}

void script_catalog_destroy(script_catalog *c)
{
    if (!c)
        return;
    for (int k = 0; k < 4; k++) {
        for (int i = 0; i < c->count[k]; i++)
            free(c->items[k][i].title);
        free(c->items[k]);
    }
    free(c);
}

/* Copy one kind's table (at the stack top) into c. Runs protected. */
typedef struct copy_args {
    script_catalog *c;
    bool oom; /* raised for lack of memory: BW_ENOMEM, not a script error */
} copy_args;

static int copy_kind(lua_State *L)
{
    copy_args *a = lua_touserdata(L, 1);
    script_catalog *c = a->c;
    for (int k = 0; k < 4; k++) {
        lua_getfield(L, 2, kinds[k]);
        if (!lua_istable(L, -1))
            return luaL_error(L, "the catalogue has no '%s' table", kinds[k]);
        int n = 0;
        lua_pushnil(L);
        while (lua_next(L, -2)) {
            n++;
            lua_pop(L, 1);
        }
        c->items[k] = calloc((size_t)(n ? n : 1), sizeof(entry));
        if (!c->items[k]) {
            a->oom = true;
            return luaL_error(L, "out of memory");
        }
        lua_pushnil(L);
        while (lua_next(L, -2) && c->count[k] < n) {
            entry *e = &c->items[k][c->count[k]];
            if (lua_type(L, -2) == LUA_TNUMBER)
                snprintf(e->id, sizeof e->id, "%lld", (long long)lua_tointeger(L, -2));
            else if (lua_type(L, -2) == LUA_TSTRING)
                snprintf(e->id, sizeof e->id, "%s", lua_tostring(L, -2));
            const char *t = lua_type(L, -1) == LUA_TSTRING ? lua_tostring(L, -1) : "";
            e->title = malloc(strlen(t) + 1);
            if (!e->title) {
                a->oom = true;
                return luaL_error(L, "out of memory");
            }
            strcpy(e->title, t);
            c->count[k]++;
            lua_pop(L, 1);
        }
        lua_pop(L, 1);
    }
    return 0;
}

script_catalog *script_catalog_load(const char *path, bw_err *err)
{
    char buf[1024];
    if (!path) {
        snprintf(buf, sizeof buf, "%s/scripts/lib/curriculum.lua", script_data_dir());
        path = buf;
    }
    bw_err_clear(err);
    script_catalog *c = calloc(1, sizeof *c);
    script_sandbox *sb = c ? script_sandbox_create(NULL, err) : NULL;
    if (!c || !sb) {
        free(c);
        bw_err_set(err, BW_ENOMEM, "out of memory loading the curriculum");
        return NULL;
    }
    lua_State *L = script_sandbox_lua(sb);
    int rc = script_sandbox_load_file(sb, path, NULL, err);
    if (rc == BW_OK)
        rc = script_sandbox_call(sb, 0, 1, err);
    if (rc == BW_OK && !lua_istable(L, -1))
        rc = bw_err_set(err, BW_EINVAL, "%s: the curriculum catalogue must return a table", path);
    if (rc == BW_OK) {
        int t = lua_gettop(L);
        lua_pushcfunction(L, copy_kind);
        copy_args a = {c, false};
        lua_pushlightuserdata(L, &a);
        lua_pushvalue(L, t);
        rc = script_sandbox_call(sb, 2, 0, err);
        if (a.oom)
            rc = bw_err_set(err, BW_ENOMEM, "out of memory loading the curriculum");
    }
    script_sandbox_destroy(sb);
    if (rc != BW_OK) {
        script_catalog_destroy(c);
        return NULL;
    }
    return c;
}

static const entry *find(const script_catalog *c, const char *kind, const char *id)
{
    for (int k = 0; c && kind && id && k < 4; k++)
        if (strcmp(kinds[k], kind) == 0)
            for (int i = 0; i < c->count[k]; i++)
                if (strcmp(c->items[k][i].id, id) == 0)
                    return &c->items[k][i];
    return NULL;
}

bool script_catalog_has(const script_catalog *c, const char *kind, const char *id)
{
    return find(c, kind, id) != NULL;
}

const char *script_catalog_title(const script_catalog *c, const char *kind, const char *id)
{
    const entry *e = find(c, kind, id);
    return e ? e->title : "";
}
