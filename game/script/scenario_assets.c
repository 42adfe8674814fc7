/* scenario_assets.c — a scenario's own images: `assets = { logo = "..." }`
 * and each node's `icon = "..."`, PNG files in the scenario's folder.
 *
 * A shared scenario is a stranger's file: its paths may only name files
 * inside the folder the scenario itself sits in. Refused, each with the
 * field's line: an absolute path, a ".." component, a path that resolves
 * (through a symbolic link, in any component) outside the folder, a file
 * that is not a regular file, not a PNG, larger than SCRIPT_ASSET_MAX_BYTES
 * or with more than SCRIPT_ASSET_MAX_PIXELS pixels (read from its header,
 * before anything decodes it). The bytes are read here, once, and handed
 * to the UI from memory: no second open for a link to be swapped under.
 *
 * Must never: open a path it has not resolved and compared with the
 * folder, follow a link at the last component (O_NOFOLLOW), or read more
 * than the cap. No SDL here: the UI decodes (SDL2_image). */
#define _XOPEN_SOURCE 700 /* realpath */
#include "scenario_build.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static const unsigned char png_signature[8] = { 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n' };

static uint32_t be32(const unsigned char *p)
{
    return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3];
}

/* The real folder of the scenario file, once per build ("" on failure). */
static const char *scenario_folder(build *b)
{
    if (b->asset_dir[0] || !b->r.file)
        return b->asset_dir;
    char real[PATH_MAX];
    if (!realpath(b->r.file, real))
        return b->asset_dir;
    char *slash = strrchr(real, '/');
    if (!slash)
        return b->asset_dir;
    if (slash == real)
        slash[1] = '\0'; /* a scenario in / */
    else
        *slash = '\0';
    snprintf(b->asset_dir, sizeof b->asset_dir, "%s", real);
    return b->asset_dir;
}

/* Is real inside folder (a path below it, not the folder itself)? */
static bool inside(const char *real, const char *folder)
{
    size_t n = strlen(folder);
    if (n == 1 && folder[0] == '/')
        return real[0] == '/' && real[1];
    return strncmp(real, folder, n) == 0 && real[n] == '/' && real[n + 1];
}

/* The checks on the path as written: nothing on disk is touched. */
static const char *path_refused(const char *rel, size_t len)
{
    if (len == 0)
        return "is empty";
    if (strlen(rel) != len)
        return "contains a NUL byte";
    if (rel[0] == '/')
        return "is an absolute path: name a file inside the scenario's folder";
    for (const char *c = rel; *c;) {
        size_t n = strcspn(c, "/");
        if (n == 2 && c[0] == '.' && c[1] == '.')
            return "has a '..' component: assets may not leave the scenario's folder";
        c += n;
        c += *c == '/';
    }
    return NULL;
}

/* Read the file at real (already resolved) without following a link at
 * its end, and check it is the file realpath named. */
static unsigned char *read_capped(const char *real, size_t *len, const char **why)
{
    int fd = open(real, O_RDONLY | O_NOFOLLOW | O_CLOEXEC | O_NONBLOCK);
    if (fd < 0) {
        *why = errno == ELOOP ? "is a symbolic link" : "cannot be opened";
        return NULL;
    }
    struct stat st, again;
    unsigned char *buf = NULL;
    *why = NULL;
    if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode))
        *why = "is not a regular file";
    else if (st.st_size > SCRIPT_ASSET_MAX_BYTES)
        *why = "is too large";
    /* Re-check after the open: the path still names the file we hold (a
     * component swapped for a link between realpath and open would not). */
    else if (stat(real, &again) != 0 || again.st_dev != st.st_dev || again.st_ino != st.st_ino)
        *why = "changed while it was read";
    else if (!(buf = malloc((size_t)st.st_size + 1)))
        *why = "cannot be read (out of memory)";
    size_t n = 0;
    while (!*why && n < (size_t)st.st_size) {
        ssize_t k = read(fd, buf + n, (size_t)st.st_size - n);
        if (k <= 0) {
            *why = "cannot be read";
            break;
        }
        n += (size_t)k;
    }
    close(fd);
    if (*why) {
        free(buf);
        return NULL;
    }
    *len = n;
    return buf;
}

/* Resolve, read and check one asset path; returns its index in b->assets,
 * -1 after reporting the problem at line. */
static int load_asset(build *b, const char *what, const char *rel, size_t rel_len, int line)
{
    const char *why = path_refused(rel, rel_len);
    if (why) {
        reader_problem(&b->r, line, "%s: '%s' %s", what, rel, why);
        return -1;
    }
    const char *folder = scenario_folder(b);
    char full[PATH_MAX + 8], real[PATH_MAX];
    if (!*folder || snprintf(full, sizeof full, "%s/%s", folder, rel) >= (int)sizeof full) {
        reader_problem(&b->r, line, "%s: '%s' cannot be resolved", what, rel);
        return -1;
    }
    if (!realpath(full, real)) {
        reader_problem(&b->r, line, "%s: '%s' %s", what, rel,
                       errno == ENOENT ? "does not exist in the scenario's folder"
                                       : "cannot be resolved");
        return -1;
    }
    if (!inside(real, folder)) {
        reader_problem(&b->r, line,
                       "%s: '%s' resolves outside the scenario's folder (a symbolic link?)", what,
                       rel);
        return -1;
    }
    for (int i = 0; i < b->nassets; i++)
        if (strcmp(b->assets[i].path, real) == 0)
            return i; /* one file used twice is read once */
    if (b->nassets >= SCRIPT_MAX_ASSETS) {
        reader_problem(&b->r, line, "%s: more than %d images; the limit is %d", what,
                       SCRIPT_MAX_ASSETS, SCRIPT_MAX_ASSETS);
        return -1;
    }
    size_t len = 0;
    unsigned char *bytes = read_capped(real, &len, &why);
    if (!bytes) {
        if (strcmp(why, "is too large") == 0)
            reader_problem(&b->r, line, "%s: '%s' is larger than %d KiB (the limit for an image)",
                           what, rel, SCRIPT_ASSET_MAX_BYTES / 1024);
        else
            reader_problem(&b->r, line, "%s: '%s' %s", what, rel, why);
        return -1;
    }
    /* A PNG: the signature, then IHDR with its size. The pixel cap is
     * checked here, before any decoder allocates width x height. */
    if (len < 24 || memcmp(bytes, png_signature, 8) != 0 || memcmp(bytes + 12, "IHDR", 4) != 0) {
        reader_problem(&b->r, line, "%s: '%s' is not a PNG image", what, rel);
        free(bytes);
        return -1;
    }
    uint32_t w = be32(bytes + 16), h = be32(bytes + 20);
    if (w == 0 || h == 0 || w > SCRIPT_ASSET_MAX_SIDE || h > SCRIPT_ASSET_MAX_SIDE ||
        (uint64_t)w * h > SCRIPT_ASSET_MAX_PIXELS) {
        reader_problem(&b->r, line,
                       "%s: '%s' is %lux%lu pixels; an image may have at most %d pixels (%d a side)",
                       what, rel, (unsigned long)w, (unsigned long)h, SCRIPT_ASSET_MAX_PIXELS,
                       SCRIPT_ASSET_MAX_SIDE);
        free(bytes);
        return -1;
    }
    if (b->asset_bytes + len > SCRIPT_ASSETS_MAX_TOTAL) {
        reader_problem(&b->r, line, "%s: the scenario's images pass %d MiB in all", what,
                       SCRIPT_ASSETS_MAX_TOTAL >> 20);
        free(bytes);
        return -1;
    }
    char *path = malloc(strlen(real) + 1);
    if (!path) {
        free(bytes);
        reader_problem(&b->r, line, "out of memory reading the images");
        return -1;
    }
    strcpy(path, real);
    script_asset *a = &b->assets[b->nassets];
    a->path = path;
    a->bytes = bytes;
    a->len = len;
    a->width = (int)w;
    a->height = (int)h;
    b->asset_bytes += len;
    return b->nassets++;
}

/* The string field key of table t as an asset; -1 when absent or refused. */
static int asset_field(build *b, lua_State *L, int t, const char *key, const char *what, int line)
{
    int ty = reader_get(L, t, key);
    int at = -1;
    if (ty == LUA_TSTRING) {
        size_t len = 0;
        const char *rel = lua_tolstring(L, -1, &len);
        int fl = reader_key_line(&b->r, key, line);
        char where[120];
        snprintf(where, sizeof where, "%s.%s", what, key);
        at = load_asset(b, where, rel, len, fl);
    } else if (ty != LUA_TNIL)
        reader_problem(&b->r, reader_key_line(&b->r, key, line), "%s: '%s' must be a path string, not a %s",
                       what, key, lua_typename(L, ty));
    lua_pop(L, 1);
    return at;
}

void assets_read_scenario(build *b, lua_State *L, int t)
{
    static const char *const keys[] = { "logo", NULL };
    b->logo = -1;
    int line = reader_key_line(&b->r, "assets", b->scenario_line);
    int ty = reader_get(L, t, "assets");
    if (ty == LUA_TTABLE) {
        int at = lua_gettop(L);
        reader_check_keys(&b->r, L, at, keys, "assets", line);
        b->logo = asset_field(b, L, at, "logo", "assets", line);
    } else if (ty != LUA_TNIL)
        reader_problem(&b->r, line, "scenario: 'assets' must be a table like { logo = \"logo.png\" }");
    lua_pop(L, 1);
}

int assets_read_icon(build *b, lua_State *L, int nt, const char *what, int line)
{
    return asset_field(b, L, nt, "icon", what, line);
}

void assets_free(script_asset *a, int n)
{
    for (int i = 0; a && i < n; i++) {
        free(a[i].path);
        free(a[i].bytes);
    }
}
