/* settings.c — the player's settings: a key/value table with typed
 * accessors. Known keys are listed below with their type, range and
 * default; a value that is not valid is never written, and one that is no
 * longer valid (edited by hand, written by another version) reads as the
 * default, so a bad setting can never stop the game from starting. */
#include "store_internal.h"

#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef enum { KIND_TEXT, KIND_NAME, KIND_INT, KIND_SPEED, KIND_REAL, KIND_BOOL } kind;

typedef struct known_setting {
    const char *key;
    kind kind;
    const char *def;
    double lo, hi; /* range for numbers; the longest text in bytes, for text */
} known_setting;

static const known_setting known[] = {
    {"text_scale", KIND_REAL, "1", 0.5, 3.0},
    {"palette", KIND_NAME, "standard", 1, 31},
    {"speed", KIND_SPEED, "1", 0, 8},
    {"fullscreen", KIND_BOOL, "0", 0, 1},
    {"window_width", KIND_INT, "1280", 320, 16384},
    {"window_height", KIND_INT, "720", 240, 16384},
    {"player_name", KIND_TEXT, "", 0, 63},
};
#define KNOWN_COUNT ((int)(sizeof known / sizeof known[0]))

static const known_setting *find_known(const char *key)
{
    for (int i = 0; i < KNOWN_COUNT; i++)
        if (strcmp(known[i].key, key) == 0)
            return &known[i];
    return NULL;
}

static bool key_ok(const char *key)
{
    size_t n = strlen(key);
    if (n < 1 || n > 63 || key[0] < 'a' || key[0] > 'z')
        return false;
    return strspn(key, "abcdefghijklmnopqrstuvwxyz0123456789_.") == n;
}

static bool parse_long(const char *t, long *out)
{
    char *end = NULL;
    errno = 0;
    long v = strtol(t, &end, 10);
    if (!t[0] || errno || *end)
        return false;
    *out = v;
    return true;
}

static bool parse_real(const char *t, double *out)
{
    char *end = NULL;
    errno = 0;
    double v = strtod(t, &end);
    if (!t[0] || errno || *end || !isfinite(v))
        return false;
    *out = v;
    return true;
}

static bool parse_bool(const char *t, bool *out)
{
    if (!strcmp(t, "1") || !strcmp(t, "true")) {
        *out = true;
        return true;
    }
    if (!strcmp(t, "0") || !strcmp(t, "false")) {
        *out = false;
        return true;
    }
    return false;
}

/* Does value fit the known setting k? If not, say what would. */
static int validate(const known_setting *k, const char *value, bw_err *err)
{
    long l;
    double d;
    bool b;
    switch (k->kind) {
    case KIND_TEXT:
        if (store_text_ok(value, (size_t)k->hi + 1, true))
            return BW_OK;
        return bw_err_set(err, BW_EINVAL,
                          "setting %s: at most %d bytes of UTF-8 text, no control characters",
                          k->key, (int)k->hi);
    case KIND_NAME:
        if (strlen(value) >= (size_t)k->lo && strlen(value) <= (size_t)k->hi &&
            strspn(value, "abcdefghijklmnopqrstuvwxyz0123456789-") == strlen(value))
            return BW_OK;
        return bw_err_set(err, BW_EINVAL,
                          "setting %s: a name of 1 to %d characters a-z, 0-9 and '-'", k->key,
                          (int)k->hi);
    case KIND_INT:
        if (parse_long(value, &l) && l >= k->lo && l <= k->hi)
            return BW_OK;
        return bw_err_set(err, BW_EINVAL, "setting %s: a whole number from %g to %g", k->key, k->lo,
                          k->hi);
    case KIND_SPEED:
        if (parse_long(value, &l) && (l == 0 || l == 1 || l == 2 || l == 4 || l == 8))
            return BW_OK;
        return bw_err_set(err, BW_EINVAL, "setting %s: 0 (paused), 1, 2, 4 or 8", k->key);
    case KIND_REAL:
        if (parse_real(value, &d) && d >= k->lo && d <= k->hi)
            return BW_OK;
        return bw_err_set(err, BW_EINVAL, "setting %s: a number from %g to %g", k->key, k->lo,
                          k->hi);
    case KIND_BOOL:
        if (parse_bool(value, &b))
            return BW_OK;
        return bw_err_set(err, BW_EINVAL, "setting %s: true or false", k->key);
    }
    return BW_EINVAL;
}

static int check_key(const char *key, bw_err *err)
{
    if (!key || !key_ok(key))
        return bw_err_set(err, BW_EINVAL,
                          "setting '%.64s': a key is 1 to 63 characters a-z, 0-9, '_' and '.', "
                          "starting with a letter",
                          key ? key : "(null)");
    return BW_OK;
}

/* The stored text of key into buf; BW_ENOTFOUND when unset. */
static int read_raw(store_db *s, const char *key, char *buf, size_t n, bw_err *err)
{
    sqlite3_stmt *st;
    int rc = store_prepare(s, "SELECT value FROM settings WHERE key = ?1", &st, "read the settings",
                           err);
    if (rc != BW_OK)
        return rc;
    sqlite3_bind_text(st, 1, key, -1, SQLITE_STATIC);
    int step = sqlite3_step(st);
    if (step == SQLITE_ROW) {
        const char *v = (const char *)sqlite3_column_text(st, 0);
        int len = sqlite3_column_bytes(st, 0);
        if (!v)
            v = "";
        if ((size_t)len >= n)
            rc = bw_err_set(err, BW_ELIMIT, "setting %s: its value is longer than %zu bytes", key,
                            n - 1);
        else
            memcpy(buf, v, (size_t)len + 1);
    } else if (step == SQLITE_DONE) {
        rc = BW_ENOTFOUND;
    } else {
        rc = store_fail(s, step, "read the settings", err);
    }
    sqlite3_finalize(st);
    return rc;
}

int store_setting_get(store_db *s, const char *key, char *buf, size_t n, bw_err *err)
{
    int rc = check_key(key, err);
    if (rc != BW_OK)
        return rc;
    if (!buf || !n)
        return bw_err_set(err, BW_EINVAL, "setting %s: no room for its value", key);
    const known_setting *k = find_known(key);
    char raw[STORE_SETTING_MAX + 1];
    rc = read_raw(s, key, raw, sizeof raw, err);
    if (k && (rc == BW_ENOTFOUND || rc == BW_ELIMIT ||
              (rc == BW_OK && validate(k, raw, NULL) != BW_OK))) {
        snprintf(raw, sizeof raw, "%s", k->def);
        rc = BW_OK;
    }
    if (rc == BW_ENOTFOUND)
        return bw_err_set(err, BW_ENOTFOUND, "setting %s: not set", key);
    if (rc != BW_OK)
        return rc;
    if (strlen(raw) >= n)
        return bw_err_set(err, BW_ELIMIT, "setting %s: its value is longer than %zu bytes", key,
                          n - 1);
    memcpy(buf, raw, strlen(raw) + 1);
    return BW_OK;
}

/* Write one, inside the caller's transaction or as its own statement. */
static int write_raw(store_db *s, const char *key, const char *value, bw_err *err)
{
    sqlite3_stmt *st;
    int rc = store_prepare(s,
                           "INSERT INTO settings (key, value) VALUES (?1, ?2) "
                           "ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                           &st, "save the settings", err);
    if (rc != BW_OK)
        return rc;
    sqlite3_bind_text(st, 1, key, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 2, value, -1, SQLITE_STATIC);
    int step = sqlite3_step(st);
    if (step != SQLITE_DONE)
        rc = store_fail(s, step, "save the settings", err);
    sqlite3_finalize(st);
    return rc;
}

static int check_value(const char *key, const char *value, bw_err *err)
{
    int rc = check_key(key, err);
    if (rc != BW_OK)
        return rc;
    if (!value)
        return bw_err_set(err, BW_EINVAL, "setting %s: no value", key);
    const known_setting *k = find_known(key);
    if (k)
        return validate(k, value, err);
    if (strlen(value) > STORE_SETTING_MAX)
        return bw_err_set(err, BW_ELIMIT, "setting %s: longer than %d bytes", key,
                          STORE_SETTING_MAX);
    return BW_OK;
}

int store_setting_set(store_db *s, const char *key, const char *value, bw_err *err)
{
    int rc = check_value(key, value, err);
    return rc == BW_OK ? write_raw(s, key, value, err) : rc;
}

/* A known key read as kind want: its kind must be want. */
static int check_kind(const char *key, kind want, bw_err *err)
{
    const known_setting *k = find_known(key);
    static const char *const names[] = {"text",    "a name",   "a whole number",
                                        "a speed", "a number", "true or false"};
    bool fits = !k || k->kind == want || (want == KIND_INT && k->kind == KIND_SPEED) ||
                (want == KIND_REAL && (k->kind == KIND_INT || k->kind == KIND_SPEED));
    if (!fits)
        return bw_err_set(err, BW_EINVAL, "setting %s is %s, not %s", key, names[k->kind],
                          names[want]);
    return BW_OK;
}

int store_setting_get_int(store_db *s, const char *key, int *out, bw_err *err)
{
    char v[STORE_SETTING_MAX + 1]; /* any valid value: "0000…0001280" is 1280 */
    long l;
    int rc = check_kind(key, KIND_INT, err);
    if (rc == BW_OK)
        rc = store_setting_get(s, key, v, sizeof v, err);
    if (rc == BW_OK && (!parse_long(v, &l) || l < -2147483647L || l > 2147483647L))
        rc = bw_err_set(err, BW_EINVAL, "setting %s: '%.40s' is not a whole number", key, v);
    if (rc == BW_OK)
        *out = (int)l;
    return rc;
}

int store_setting_set_int(store_db *s, const char *key, int value, bw_err *err)
{
    char v[32];
    int rc = check_kind(key, KIND_INT, err);
    snprintf(v, sizeof v, "%d", value);
    return rc == BW_OK ? store_setting_set(s, key, v, err) : rc;
}

int store_setting_get_real(store_db *s, const char *key, double *out, bw_err *err)
{
    char v[STORE_SETTING_MAX + 1]; /* any valid value: "0000…0001280" is 1280 */
    double d = 0;
    int rc = check_kind(key, KIND_REAL, err);
    if (rc == BW_OK)
        rc = store_setting_get(s, key, v, sizeof v, err);
    if (rc == BW_OK && !parse_real(v, &d))
        rc = bw_err_set(err, BW_EINVAL, "setting %s: '%.40s' is not a number", key, v);
    if (rc == BW_OK)
        *out = d;
    return rc;
}

int store_setting_set_real(store_db *s, const char *key, double value, bw_err *err)
{
    char v[40];
    int rc = check_kind(key, KIND_REAL, err);
    /* %.17g reads back as the same double. */
    snprintf(v, sizeof v, "%.17g", value);
    if (rc == BW_OK && !isfinite(value))
        rc = bw_err_set(err, BW_EINVAL, "setting %s: not a finite number", key);
    return rc == BW_OK ? store_setting_set(s, key, v, err) : rc;
}

int store_setting_get_bool(store_db *s, const char *key, bool *out, bw_err *err)
{
    char v[STORE_SETTING_MAX + 1]; /* any valid value: "0000…0001280" is 1280 */
    bool b = false;
    int rc = check_kind(key, KIND_BOOL, err);
    if (rc == BW_OK)
        rc = store_setting_get(s, key, v, sizeof v, err);
    if (rc == BW_OK && !parse_bool(v, &b))
        rc = bw_err_set(err, BW_EINVAL, "setting %s: '%.40s' is not true or false", key, v);
    if (rc == BW_OK)
        *out = b;
    return rc;
}

int store_setting_set_bool(store_db *s, const char *key, bool value, bw_err *err)
{
    int rc = check_kind(key, KIND_BOOL, err);
    return rc == BW_OK ? store_setting_set(s, key, value ? "1" : "0", err) : rc;
}

/* ---- all at once ----------------------------------------------------------------- */

void store_settings_defaults(store_settings *o)
{
    memset(o, 0, sizeof *o);
    o->text_scale = 1.0;
    snprintf(o->palette, sizeof o->palette, "standard");
    o->speed = 1;
    o->fullscreen = false;
    o->window_width = 1280;
    o->window_height = 720;
}

int store_settings_load(store_db *s, store_settings *o, bw_err *err)
{
    store_settings_defaults(o);
    int rc;
    if ((rc = store_setting_get_real(s, "text_scale", &o->text_scale, err)) != BW_OK ||
        (rc = store_setting_get(s, "palette", o->palette, sizeof o->palette, err)) != BW_OK ||
        (rc = store_setting_get_int(s, "speed", &o->speed, err)) != BW_OK ||
        (rc = store_setting_get_bool(s, "fullscreen", &o->fullscreen, err)) != BW_OK ||
        (rc = store_setting_get_int(s, "window_width", &o->window_width, err)) != BW_OK ||
        (rc = store_setting_get_int(s, "window_height", &o->window_height, err)) != BW_OK ||
        (rc = store_setting_get(s, "player_name", o->player_name, sizeof o->player_name, err)) !=
            BW_OK)
        return rc;
    return BW_OK;
}

int store_settings_save(store_db *s, const store_settings *o, bw_err *err)
{
    char text[KNOWN_COUNT][80];
    if (!isfinite(o->text_scale))
        return bw_err_set(err, BW_EINVAL, "setting text_scale: not a finite number");
    snprintf(text[0], sizeof text[0], "%.17g", o->text_scale);
    snprintf(text[1], sizeof text[1], "%.*s", (int)sizeof o->palette, o->palette);
    snprintf(text[2], sizeof text[2], "%d", o->speed);
    snprintf(text[3], sizeof text[3], "%d", o->fullscreen ? 1 : 0);
    snprintf(text[4], sizeof text[4], "%d", o->window_width);
    snprintf(text[5], sizeof text[5], "%d", o->window_height);
    snprintf(text[6], sizeof text[6], "%.*s", (int)sizeof o->player_name, o->player_name);
    _Static_assert(KNOWN_COUNT == 7, "store_settings_save writes every known setting");
    int rc = BW_OK;
    for (int i = 0; rc == BW_OK && i < KNOWN_COUNT; i++)
        rc = validate(&known[i], text[i], err);
    if (rc == BW_OK)
        rc = store_begin(s, "save the settings", err);
    for (int i = 0; rc == BW_OK && i < KNOWN_COUNT; i++)
        if ((rc = write_raw(s, known[i].key, text[i], err)) != BW_OK)
            store_rollback(s);
    return rc == BW_OK ? store_commit(s, "save the settings", err) : rc;
}
