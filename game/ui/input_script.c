/* input_script.c — scripted input for `bulwark play --input FILE`: the
 * keys, clicks and selections a test or a documentation run feeds a real
 * window, frame by frame.
 *
 *   # comment
 *   12 key Tab            SDL key names (SDL_GetKeyFromName), with
 *   13 key shift+h        optional shift+ ctrl+ alt+ prefixes
 *   30 click 640 400      logical pixels
 *   40 select web-1       a node id on the play screen
 *   41 speed 240          ticks per second
 *   90 shot /tmp/a.png    a screenshot of that frame
 *
 * Plain parsing, no window: SDL_GetKeyFromName reads SDL's static key
 * table and needs no initialisation. Every bad line is reported. */
#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <SDL_keyboard.h>

#include "bulwark/ui.h"
#include "bulwark/ui_app.h"

#define SCRIPT_MAX_BYTES (4u << 20)
#define SCRIPT_MAX_EVENTS 100000

static bool parse_long(const char *s, long lo, long hi, long *out)
{
    if (!s || !*s)
        return false;
    errno = 0;
    char *end;
    long v = strtol(s, &end, 10);
    if (errno || *end || v < lo || v > hi)
        return false;
    *out = v;
    return true;
}

static const char *strip_mods(const char *name, unsigned *mods)
{
    static const struct {
        const char *p;
        unsigned m;
    } prefixes[] = {
        {"shift+", UI_MOD_SHIFT},
        {"ctrl+", UI_MOD_CTRL},
        {"alt+", UI_MOD_ALT},
    };
    bool again = true;
    while (again) {
        again = false;
        for (size_t i = 0; i < 3; i++) {
            size_t n = strlen(prefixes[i].p);
            if (strncasecmp(name, prefixes[i].p, n) == 0 && name[n]) {
                *mods |= prefixes[i].m;
                name += n;
                again = true;
            }
        }
    }
    return name;
}

static int add_event(ui_input_script *out, int *cap, const ui_input_event *ev)
{
    if (out->count >= SCRIPT_MAX_EVENTS)
        return BW_ELIMIT;
    if (out->count == *cap) {
        int nc = *cap ? *cap * 2 : 32;
        ui_input_event *n = realloc(out->items, sizeof *n * (size_t)nc);
        if (!n)
            return BW_ENOMEM;
        out->items = n;
        *cap = nc;
    }
    out->items[out->count++] = *ev;
    return BW_OK;
}

static int cmp_frame(const void *a, const void *b)
{
    const ui_input_event *x = a, *y = b;
    if (x->frame != y->frame)
        return x->frame < y->frame ? -1 : 1;
    return x->line < y->line ? -1 : x->line > y->line; /* stable: file order */
}

/* Appends "name:line: message" to the error (the first few, then a count). */
static void note(bw_err *err, int *errors, const char *name, int line, const char *msg,
                 const char *word)
{
    (*errors)++;
    if (!err || *errors > 5)
        return;
    size_t used = strlen(err->msg);
    snprintf(err->msg + used, sizeof err->msg - used, "%s%s:%d: %s%s%s%s", used ? "\n" : "", name,
             line, msg, word ? " '" : "", word ? word : "", word ? "'" : "");
}

int ui_input_script_parse(const char *text, const char *name, ui_input_script *out, bw_err *err)
{
    out->count = 0;
    out->items = NULL;
    if (err) {
        err->code = BW_OK;
        err->msg[0] = 0;
    }
    if (!text)
        return bw_err_set(err, BW_EINVAL, "%s: no input script", name);
    int cap = 0, errors = 0, lineno = 0;
    const char *p = text;
    while (*p) {
        lineno++;
        const char *eol = strchr(p, '\n');
        size_t len = eol ? (size_t)(eol - p) : strlen(p);
        char line[512];
        if (len >= sizeof line) {
            note(err, &errors, name, lineno, "line too long", NULL);
            p += len + (eol ? 1 : 0);
            continue;
        }
        memcpy(line, p, len);
        line[len] = 0;
        p += len + (eol ? 1 : 0);
        char *hash = strchr(line, '#');
        if (hash)
            *hash = 0;
        char *tok[5] = {0};
        int nt = 0;
        for (char *save = NULL, *t = strtok_r(line, " \t\r", &save); t;
             t = strtok_r(NULL, " \t\r", &save)) {
            if (nt < 5)
                tok[nt] = t;
            nt++;
        }
        if (nt == 0)
            continue;
        ui_input_event ev;
        memset(&ev, 0, sizeof ev);
        ev.line = lineno;
        if (!parse_long(tok[0], 0, 100000000L, &ev.frame)) {
            note(err, &errors, name, lineno, "expected a frame number, not", tok[0]);
            continue;
        }
        if (nt < 2) {
            note(err, &errors, name, lineno,
                 "expected key, click, select, speed or shot after the frame", NULL);
            continue;
        }
        const char *verb = tok[1];
        long a = 0, b = 0;
        bool ok = true;
        if (strcmp(verb, "key") == 0) {
            ev.kind = UI_INPUT_KEY;
            if (nt != 3) {
                note(err, &errors, name, lineno, "key takes one key name (e.g. Tab, p, shift+h)",
                     NULL);
                continue;
            }
            const char *k = strip_mods(tok[2], &ev.mods);
            ev.key = (int)SDL_GetKeyFromName(k);
            if (ev.key == SDLK_UNKNOWN) {
                note(err, &errors, name, lineno, "unknown key name", tok[2]);
                continue;
            }
            snprintf(ev.text, sizeof ev.text, "%s", tok[2]);
        } else if (strcmp(verb, "click") == 0) {
            ev.kind = UI_INPUT_CLICK;
            ok = nt == 4 && parse_long(tok[2], -100000, 100000, &a) &&
                 parse_long(tok[3], -100000, 100000, &b);
            if (!ok) {
                note(err, &errors, name, lineno, "click takes X Y in pixels", NULL);
                continue;
            }
            ev.x = (int)a;
            ev.y = (int)b;
        } else if (strcmp(verb, "select") == 0 || strcmp(verb, "shot") == 0) {
            ev.kind = verb[1] == 'e' ? UI_INPUT_SELECT : UI_INPUT_SHOT;
            if (nt != 3 || strlen(tok[2]) >= sizeof ev.text) {
                note(err, &errors, name, lineno,
                     ev.kind == UI_INPUT_SELECT ? "select takes one node id"
                                                : "shot takes one file name",
                     NULL);
                continue;
            }
            snprintf(ev.text, sizeof ev.text, "%s", tok[2]);
        } else if (strcmp(verb, "speed") == 0) {
            ev.kind = UI_INPUT_SPEED;
            if (nt != 3 || !parse_long(tok[2], 0, 240, &a)) {
                note(err, &errors, name, lineno, "speed takes ticks per second, 0 to 240", NULL);
                continue;
            }
            ev.n = (int)a;
        } else {
            note(err, &errors, name, lineno,
                 "unknown event (key, click, select, speed, shot):", verb);
            continue;
        }
        int rc = add_event(out, &cap, &ev);
        if (rc != BW_OK) {
            ui_input_script_free(out);
            return bw_err_set(err, rc, "%s:%d: %s", name, lineno,
                              rc == BW_ENOMEM ? "out of memory" : "too many events");
        }
    }
    if (errors) {
        if (errors > 5 && err) {
            size_t used = strlen(err->msg);
            snprintf(err->msg + used, sizeof err->msg - used, "\n(%d more)", errors - 5);
        }
        if (err)
            err->code = BW_EINVAL;
        ui_input_script_free(out);
        return BW_EINVAL;
    }
    if (out->count > 1)
        qsort(out->items, (size_t)out->count, sizeof out->items[0], cmp_frame);
    return BW_OK;
}

int ui_input_script_read(const char *path, ui_input_script *out, bw_err *err)
{
    out->count = 0;
    out->items = NULL;
    FILE *f = fopen(path, "rb");
    if (!f)
        return bw_err_set(err, BW_EIO, "cannot open the input script %s: %s", path,
                          strerror(errno));
    char *buf = malloc(SCRIPT_MAX_BYTES + 1);
    if (!buf) {
        fclose(f);
        return bw_err_set(err, BW_ENOMEM, "out of memory reading %s", path);
    }
    size_t n = fread(buf, 1, SCRIPT_MAX_BYTES + 1, f);
    bool bad = ferror(f);
    fclose(f);
    if (bad || n > SCRIPT_MAX_BYTES) {
        free(buf);
        return bw_err_set(err, bad ? BW_EIO : BW_ELIMIT, "%s: %s", path,
                          bad ? "cannot read it" : "larger than 4 MiB");
    }
    buf[n] = 0;
    if (memchr(buf, 0, n)) {
        free(buf);
        return bw_err_set(err, BW_EINVAL, "%s: not a text file", path);
    }
    int rc = ui_input_script_parse(buf, path, out, err);
    free(buf);
    return rc;
}

void ui_input_script_free(ui_input_script *s)
{
    if (!s)
        return;
    free(s->items);
    s->items = NULL;
    s->count = 0;
}
