/* scr_common.c — what the full-screen menus share: keyboard focus over a
 * list, a header, panels, stars and scrolling. Plain immediate-mode
 * helpers over ui_gfx. */
#include <SDL_keycode.h>
#include <stdlib.h>
#include <string.h>

#include "app_internal.h"

bool scr_key(const ui_app *a, int sdl_key)
{
    for (int i = 0; i < a->key_count; i++)
        if (a->keys[i].key == sdl_key && !(a->keys[i].mods & (UI_MOD_CTRL | UI_MOD_ALT)))
            return true;
    return false;
}

bool scr_cmd(const ui_app *a, ui_cmd c)
{
    for (int i = 0; i < a->key_count; i++)
        if (a->keys[i].cmd == c)
            return true;
    return false;
}

int scr_focus_keys(ui_app *a, int n)
{
    if (n <= 0)
        return -1;
    int hit = -1;
    for (int i = 0; i < a->key_count; i++) {
        switch (a->keys[i].cmd) {
        case UI_CMD_UP:
        case UI_CMD_PREV: a->focus = (a->focus + n - 1) % n; break;
        case UI_CMD_DOWN:
        case UI_CMD_NEXT: a->focus = (a->focus + 1) % n; break;
        case UI_CMD_CONFIRM: hit = a->focus; break;
        default: break;
        }
    }
    if (a->focus >= n)
        a->focus = n - 1;
    if (a->focus < 0)
        a->focus = 0;
    return hit;
}

void scr_panel(ui_app *a, ui_rect r)
{
    ui_fill(a->g, r, UI_PANEL);
    ui_outline(a->g, r, UI_BORDER);
}

ui_rect scr_header(ui_app *a, ui_rect r, const char *title, const char *subtitle)
{
    int th = ui_line_height(a->g, UI_FONT_TITLE);
    int sh = subtitle ? ui_line_height(a->g, UI_FONT_BODY) : 0;
    ui_rect bar = ui_cut_top(&r, th + sh + 36);
    ui_fill(a->g, bar, UI_PANEL);
    ui_fill(a->g, (ui_rect){bar.x, bar.y + bar.h - 1, bar.w, 1}, UI_BORDER);
    ui_fill(a->g, (ui_rect){bar.x, bar.y, 6, bar.h}, UI_ACCENT);
    scr_text_fit(a, UI_FONT_TITLE, bar.x + 32, bar.y + 16, bar.w - 64, UI_TEXT, title);
    if (subtitle)
        scr_text_fit(a, UI_FONT_BODY, bar.x + 34, bar.y + 18 + th, bar.w - 68, UI_TEXT_DIM,
                     subtitle);
    return r;
}

int scr_stars(ui_app *a, int x, int y, int n, ui_font f)
{
    static const char *const filled[] = {"☆☆☆", "★☆☆", "★★☆", "★★★"};
    if (n < 0)
        n = 0;
    if (n > 3)
        n = 3;
    int w = ui_text(a->g, f, x, y, n ? UI_WARN : UI_TEXT_DIM, filled[n]);
    return w;
}

void scr_scroll(ui_app *a, int content_h, int view_h)
{
    int step = ui_line_height(a->g, UI_FONT_BODY) * 3;
    for (int i = 0; i < a->key_count; i++) {
        switch (a->keys[i].cmd) {
        case UI_CMD_UP: a->scroll -= step; break;
        case UI_CMD_DOWN: a->scroll += step; break;
        default:
            if (a->keys[i].key == SDLK_PAGEUP)
                a->scroll -= view_h - step;
            if (a->keys[i].key == SDLK_PAGEDOWN)
                a->scroll += view_h - step;
            if (a->keys[i].key == SDLK_HOME)
                a->scroll = 0;
            if (a->keys[i].key == SDLK_END)
                a->scroll = content_h;
            break;
        }
    }
    a->scroll -= a->ptr.wheel * step;
    a->scroll_max = content_h > view_h ? content_h - view_h : 0;
    if (a->scroll > a->scroll_max)
        a->scroll = a->scroll_max;
    if (a->scroll < 0)
        a->scroll = 0;
}

/* Fitted strings, cached: finding the cut measures a few prefixes once,
 * not every frame. */
typedef struct fit_entry {
    ui_font f;
    int w, lh; /* lh: fonts change size with the text scale */
    char text[256];
    char fitted[260];
    unsigned used;
} fit_entry;

static fit_entry fits[48];
static unsigned fit_clock;

static size_t utf8_back(const char *s, size_t n)
{
    while (n > 0 && ((unsigned char)s[n] & 0xc0) == 0x80)
        n--;
    return n;
}

int scr_text_fit(ui_app *a, ui_font f, int x, int y, int w, ui_role role, const char *text)
{
    if (!text || !*text)
        return 0;
    if (ui_text_width(a->g, f, text) <= w || strlen(text) >= sizeof fits[0].text)
        return ui_text(a->g, f, x, y, role, text);
    fit_clock++;
    int lh = ui_line_height(a->g, f);
    fit_entry *hit = NULL, *old = &fits[0];
    for (size_t i = 0; i < sizeof fits / sizeof fits[0]; i++) {
        if (fits[i].text[0] && fits[i].f == f && fits[i].w == w && fits[i].lh == lh &&
            strcmp(fits[i].text, text) == 0) {
            hit = &fits[i];
            break;
        }
        if (fits[i].used < old->used)
            old = &fits[i];
    }
    if (!hit) {
        hit = old;
        hit->f = f;
        hit->w = w;
        hit->lh = lh;
        snprintf(hit->text, sizeof hit->text, "%s", text);
        size_t lo = 0, hi = strlen(text);
        char buf[260];
        while (lo < hi) { /* the longest prefix that fits with "…" */
            size_t mid = utf8_back(text, (lo + hi + 1) / 2);
            if (mid <= lo)
                mid = lo + 1;
            mid = utf8_back(text, mid);
            if (mid <= lo)
                break;
            snprintf(buf, sizeof buf, "%.*s…", (int)mid, text);
            if (ui_text_width(a->g, f, buf) <= w)
                lo = mid;
            else
                hi = mid - 1;
        }
        size_t cut = utf8_back(text, lo);
        while (cut > 0 && text[cut - 1] == ' ')
            cut--;
        snprintf(hit->fitted, sizeof hit->fitted, "%.*s…", (int)cut, text);
    }
    hit->used = fit_clock;
    return ui_text(a->g, f, x, y, role, hit->fitted);
}

static bool starts_item(const char *line)
{
    while (*line == ' ' || *line == '\t')
        line++;
    if (*line == '-' || *line == '*' || *line == '#' || strncmp(line, "•", strlen("•")) == 0)
        return true;
    const char *p = line;
    while (*p >= '0' && *p <= '9')
        p++;
    return p > line && (*p == '.' || *p == ')');
}

char *scr_reflow(const char *text)
{
    if (!text)
        text = "";
    size_t n = strlen(text);
    char *out = malloc(n + 1);
    if (!out)
        return NULL;
    size_t o = 0;
    for (size_t i = 0; i < n; i++) {
        char c = text[i];
        if (c == '\n') {
            bool blank_before = i == 0 || text[i - 1] == '\n';
            bool blank_after = i + 1 >= n || text[i + 1] == '\n';
            bool indented = i + 1 < n && (text[i + 1] == ' ' || text[i + 1] == '\t');
            if (!blank_before && !blank_after && !indented && !starts_item(text + i + 1)) {
                if (o > 0 && out[o - 1] != ' ')
                    out[o++] = ' ';
                continue;
            }
        }
        out[o++] = c;
    }
    while (o > 0 && (out[o - 1] == '\n' || out[o - 1] == ' '))
        o--;
    out[o] = 0;
    return out;
}
