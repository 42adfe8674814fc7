/* text.c — fonts, the text-texture cache, measuring and word wrap.
 *
 * A string is rasterised once per font and colour, in that colour, and
 * drawn without a colour or alpha mod (the software renderer's fast blit);
 * it is kept while it is drawn, and entries unused for a few seconds are
 * evicted (sooner when the cache passes its bounds). Wrapping results are cached by font, width and
 * text, so a long briefing costs nothing per frame once laid out. Text is
 * UTF-8; invalid sequences become U+FFFD and control characters '?',
 * because scenario text reaches the screen. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bulwark/script.h"
#include "bulwark/text_fit.h"
#include "gfx_internal.h"

static const struct {
    const char *file;
    int points;
} font_specs[UI_FONT_COUNT] = {
    /* text_fit.h: the sizes `bulwark check` measures scenario text at */
    [UI_FONT_SMALL] = {"DejaVuSans.ttf", BW_FIT_SMALL_PX},
    [UI_FONT_BODY] = {"DejaVuSans.ttf", BW_FIT_BODY_PX},
    [UI_FONT_BOLD] = {"DejaVuSans-Bold.ttf", 15}, [UI_FONT_TITLE] = {"DejaVuSans-Bold.ttf", 28},
    [UI_FONT_HERO] = {"DejaVuSans-Bold.ttf", 48},
};

int gfx_fonts_open(ui_gfx *g, bw_err *err)
{
    const char *dir = script_data_dir();
    for (int i = 0; i < UI_FONT_COUNT; i++) {
        char path[1200];
        snprintf(path, sizeof path, "%s/assets/fonts/%s", dir, font_specs[i].file);
        int px = (int)lround(font_specs[i].points * g->text_scale * g->scale);
        if (px < 6)
            px = 6;
        g->fonts[i] = TTF_OpenFont(path, px);
        if (!g->fonts[i]) {
            bw_err_set(err, BW_EIO, "cannot open the font %s: %s", path, TTF_GetError());
            gfx_fonts_close(g);
            return BW_EIO;
        }
        TTF_SetFontHinting(g->fonts[i], TTF_HINTING_LIGHT);
    }
    g->font_for_scale = g->scale;
    return BW_OK;
}

void gfx_fonts_close(ui_gfx *g)
{
    for (int i = 0; i < UI_FONT_COUNT; i++) {
        if (g->fonts[i])
            TTF_CloseFont(g->fonts[i]);
        g->fonts[i] = NULL;
    }
}

/* ---- UTF-8 hygiene ------------------------------------------------------------ */

/* Length of the valid UTF-8 sequence at s, 0 when invalid. */
static int utf8_seq(const unsigned char *s)
{
    unsigned c = s[0];
    if (c < 0x80)
        return 1;
    int n;
    unsigned min;
    if ((c & 0xe0) == 0xc0) {
        n = 2;
        min = 0x80;
        c &= 0x1f;
    } else if ((c & 0xf0) == 0xe0) {
        n = 3;
        min = 0x800;
        c &= 0x0f;
    } else if ((c & 0xf8) == 0xf0) {
        n = 4;
        min = 0x10000;
        c &= 0x07;
    } else
        return 0;
    for (int i = 1; i < n; i++) {
        if ((s[i] & 0xc0) != 0x80)
            return 0;
        c = (c << 6) | (s[i] & 0x3f);
    }
    if (c < min || c > 0x10ffff || (c >= 0xd800 && c <= 0xdfff))
        return 0;
    return n;
}

/* A clean copy: invalid bytes to U+FFFD, controls (also tab, newline) to
 * '?' or a space. The caller frees. */
static char *utf8_clean(const char *in)
{
    size_t n = strlen(in);
    char *out = malloc(n * 3 + 1);
    if (!out)
        return NULL;
    const unsigned char *s = (const unsigned char *)in;
    size_t o = 0;
    while (*s) {
        int k = utf8_seq(s);
        if (k == 0) {
            memcpy(out + o, "\xef\xbf\xbd", 3);
            o += 3;
            s++;
        } else if (k == 1 && (*s < 0x20 || *s == 0x7f)) {
            out[o++] = *s == '\t' ? ' ' : '?';
            s++;
        } else {
            memcpy(out + o, s, (size_t)k);
            o += (size_t)k;
            s += k;
        }
    }
    out[o] = 0;
    return out;
}

static bool utf8_clean_already(const char *in)
{
    const unsigned char *s = (const unsigned char *)in;
    while (*s) {
        int k = utf8_seq(s);
        if (k == 0 || (k == 1 && (*s < 0x20 || *s == 0x7f)))
            return false;
        s += k;
    }
    return true;
}

/* ---- the cache ------------------------------------------------------------------- */

static uint32_t hash_text(ui_font f, const char *s, size_t n)
{
    uint32_t h = 2166136261u ^ (uint32_t)f;
    for (size_t i = 0; i < n; i++)
        h = (h ^ (unsigned char)s[i]) * 16777619u;
    return h;
}

static void entry_free(ui_gfx *g, text_entry *e)
{
    if (e->tex) {
        SDL_DestroyTexture(e->tex);
        g->text_bytes -= (size_t)e->pw * (size_t)e->ph * 4u;
    }
    free(e->text);
    free(e);
}

void gfx_text_cache_clear(ui_gfx *g)
{
    for (int b = 0; b < TEXT_BUCKETS; b++) {
        text_entry *e = g->buckets[b];
        while (e) {
            text_entry *next = e->next;
            entry_free(g, e);
            e = next;
        }
        g->buckets[b] = NULL;
    }
    g->text_count = 0;
    g->text_bytes = 0;
    for (int i = 0; i < WRAP_SLOTS; i++) {
        free(g->wraps[i].text);
        free(g->wraps[i].start);
        free(g->wraps[i].len);
        memset(&g->wraps[i], 0, sizeof g->wraps[i]);
    }
}

void gfx_text_cache_evict(ui_gfx *g, unsigned older_than)
{
    for (int b = 0; b < TEXT_BUCKETS; b++) {
        text_entry **pp = &g->buckets[b];
        while (*pp) {
            text_entry *e = *pp;
            if (g->frame - e->last_used > older_than) {
                *pp = e->next;
                entry_free(g, e);
                g->text_count--;
            } else {
                pp = &e->next;
            }
        }
    }
}

static bool same_colour(ui_colour a, ui_colour b)
{
    return a.r == b.r && a.g == b.g && a.b == b.b && a.a == b.a;
}

/* Rasterises e->text in colour c into e (which has no texture yet). */
static void rasterise(ui_gfx *g, text_entry *e, ui_colour c)
{
    e->has_colour = true;
    e->colour = c;
    if (e->len == 0) {
        e->ph = TTF_FontHeight(g->fonts[e->font]);
        return;
    }
    SDL_Color fg = {c.r, c.g, c.b, c.a}; /* SDL_ttf bakes fg.a into the glyphs' alpha */
    SDL_Surface *surf = TTF_RenderUTF8_Blended(g->fonts[e->font], e->text, fg);
    if (surf) {
        e->tex = SDL_CreateTextureFromSurface(g->ren, surf);
        e->pw = surf->w;
        e->ph = surf->h;
        SDL_FreeSurface(surf);
    }
    if (e->tex) {
        SDL_SetTextureBlendMode(e->tex, SDL_BLENDMODE_BLEND);
        g->text_bytes += (size_t)e->pw * (size_t)e->ph * 4u;
    } else {
        e->pw = e->ph = 0;
    }
}

/* The cached string s[0..n) in font f: drawn in colour *c (rasterised on
 * first use), or with c NULL only measured (any colour's entry will do;
 * a new one is sized without rasterising). NULL only on failure. s must
 * be clean (no controls, valid UTF-8). */
static text_entry *lookup(ui_gfx *g, ui_font f, const char *s, size_t n, const ui_colour *c)
{
    if ((int)f < 0 || f >= UI_FONT_COUNT || !g->fonts[f])
        return NULL;
    uint32_t h = hash_text(f, s, n);
    text_entry **head = &g->buckets[h % TEXT_BUCKETS];
    text_entry *sized = NULL; /* a size-only entry of this text */
    for (text_entry *e = *head; e; e = e->next) {
        if (e->hash != h || e->font != f || e->len != n || memcmp(e->text, s, n) != 0)
            continue;
        if (!c || (e->has_colour && same_colour(e->colour, *c))) {
            e->last_used = g->frame;
            return e;
        }
        if (!e->has_colour)
            sized = e;
    }
    if (sized) {
        rasterise(g, sized, *c);
        sized->last_used = g->frame;
        return sized;
    }
    /* Bound memory if something draws endless distinct strings: drop what
     * the last two frames did not draw (one pass a frame: what is left is
     * in use, and scanning again for each new string would only cost). */
    if ((g->text_count >= TEXT_MAX_ENTRIES || g->text_bytes >= TEXT_MAX_BYTES) &&
        g->trimmed_frame != g->frame) {
        g->trimmed_frame = g->frame;
        gfx_text_cache_evict(g, 2);
    }
    text_entry *e = calloc(1, sizeof *e);
    if (!e)
        return NULL;
    e->text = malloc(n + 1);
    if (!e->text) {
        free(e);
        return NULL;
    }
    memcpy(e->text, s, n);
    e->text[n] = 0;
    e->len = n;
    e->hash = h;
    e->font = f;
    e->last_used = g->frame;
    if (c) {
        rasterise(g, e, *c);
    } else if (n > 0) {
        int w = 0, ht = 0;
        if (TTF_SizeUTF8(g->fonts[f], e->text, &w, &ht) == 0) {
            e->pw = w;
            e->ph = ht;
        }
    } else {
        e->ph = TTF_FontHeight(g->fonts[f]);
    }
    e->next = *head;
    *head = e;
    g->text_count++;
    return e;
}

static int to_logical(const ui_gfx *g, int px) { return (int)ceilf((float)px / g->scale); }

/* Draws (when draw) a clean string; returns its logical width. */
static int text_span(ui_gfx *g, ui_font f, int x, int y, ui_colour c, const char *s, size_t n,
                     bool draw)
{
    if (draw && c.a == 0)
        draw = false; /* invisible: measure only */
    text_entry *e = lookup(g, f, s, n, draw ? &c : NULL);
    if (!e)
        return 0;
    if (draw && e->tex) {
        SDL_Rect dst = {(int)floorf((float)x * g->scale), (int)floorf((float)y * g->scale), e->pw,
                        e->ph};
        SDL_RenderCopy(g->ren, e->tex, NULL, &dst);
    }
    return to_logical(g, e->pw);
}

static int text_any(ui_gfx *g, ui_font f, int x, int y, ui_colour c, const char *utf8, bool draw)
{
    if (!utf8 || !*utf8)
        return 0;
    if (utf8_clean_already(utf8))
        return text_span(g, f, x, y, c, utf8, strlen(utf8), draw);
    char *clean = utf8_clean(utf8);
    if (!clean)
        return 0;
    int w = text_span(g, f, x, y, c, clean, strlen(clean), draw);
    free(clean);
    return w;
}

int ui_text_rgba(ui_gfx *g, ui_font f, int x, int y, ui_colour c, const char *utf8)
{
    return text_any(g, f, x, y, c, utf8, true);
}

int ui_text(ui_gfx *g, ui_font f, int x, int y, ui_role role, const char *utf8)
{
    return text_any(g, f, x, y, ui_gfx_colour(g, role), utf8, true);
}

int ui_text_width(ui_gfx *g, ui_font f, const char *utf8)
{
    ui_colour none = {0, 0, 0, 0};
    return text_any(g, f, 0, 0, none, utf8, false);
}

int ui_line_height(ui_gfx *g, ui_font f)
{
    if ((int)f < 0 || f >= UI_FONT_COUNT || !g->fonts[f])
        return 16;
    return to_logical(g, TTF_FontLineSkip(g->fonts[f]));
}

/* ---- word wrap ------------------------------------------------------------------ */

/* Width in logical pixels of a clean span, measured without rasterising. */
static int measure_span(ui_gfx *g, ui_font f, const char *s, size_t n)
{
    if (n == 0)
        return 0;
    char buf[512];
    char *tmp = n < sizeof buf ? buf : malloc(n + 1);
    if (!tmp)
        return 0;
    memcpy(tmp, s, n);
    tmp[n] = 0;
    int w = 0, h = 0;
    TTF_SizeUTF8(g->fonts[f], tmp, &w, &h);
    if (tmp != buf)
        free(tmp);
    return to_logical(g, w);
}

typedef struct line_list {
    int n, cap;
    int *start, *len;
} line_list;

static bool push_line(line_list *l, int start, int len)
{
    if (l->n == l->cap) {
        int cap = l->cap ? l->cap * 2 : 16;
        int *s = realloc(l->start, sizeof(int) * (size_t)cap);
        if (!s)
            return false;
        l->start = s;
        int *n = realloc(l->len, sizeof(int) * (size_t)cap);
        if (!n)
            return false;
        l->len = n;
        l->cap = cap;
    }
    l->start[l->n] = start;
    l->len[l->n] = len;
    l->n++;
    return true;
}

/* Lays out text (clean except that '\n' separates paragraphs) into lines
 * no wider than width. Words longer than a line are cut at a character. */
static bool layout(ui_gfx *g, ui_font f, int width, const char *text, line_list *out)
{
    size_t total = strlen(text);
    size_t p = 0;
    while (p <= total) {
        size_t end = p;
        while (end < total && text[end] != '\n')
            end++;
        /* one paragraph: [p, end) */
        size_t ls = p;
        while (ls < end && text[ls] == ' ')
            ls++;
        if (ls >= end) {
            if (!push_line(out, (int)p, 0))
                return false;
        }
        while (ls < end) {
            size_t best = ls; /* end of the longest fitting prefix at a space */
            size_t q = ls;
            while (q < end) {
                size_t we = q;
                while (we < end && text[we] != ' ')
                    we++;
                if (measure_span(g, f, text + ls, we - ls) <= width) {
                    best = we;
                    q = we;
                    while (q < end && text[q] == ' ')
                        q++;
                    if (q == end)
                        best = end;
                } else {
                    break;
                }
            }
            if (best == ls) {
                /* a single word too long: cut at characters */
                size_t c = ls;
                while (c < end) {
                    int k = utf8_seq((const unsigned char *)text + c);
                    if (k <= 0)
                        k = 1;
                    if (c > ls && measure_span(g, f, text + ls, c + (size_t)k - ls) > width)
                        break;
                    c += (size_t)k;
                }
                best = c;
            }
            size_t le = best;
            while (le > ls && text[le - 1] == ' ')
                le--;
            if (!push_line(out, (int)ls, (int)(le - ls)))
                return false;
            ls = best;
            while (ls < end && text[ls] == ' ')
                ls++;
        }
        p = end + 1;
    }
    return true;
}

/* Cleans everything but newlines. */
static char *wrap_clean(const char *utf8)
{
    size_t n = strlen(utf8);
    char *out = malloc(n * 3 + 1);
    if (!out)
        return NULL;
    size_t o = 0, i = 0;
    while (i <= n) {
        size_t e = i;
        while (e < n && utf8[e] != '\n')
            e++;
        char *seg = malloc(e - i + 1);
        if (!seg) {
            free(out);
            return NULL;
        }
        memcpy(seg, utf8 + i, e - i);
        seg[e - i] = 0;
        char *c = utf8_clean(seg);
        free(seg);
        if (!c) {
            free(out);
            return NULL;
        }
        size_t cl = strlen(c);
        memcpy(out + o, c, cl);
        o += cl;
        free(c);
        if (e < n)
            out[o++] = '\n';
        i = e + 1;
    }
    out[o] = 0;
    return out;
}

static wrap_entry *wrap_get(ui_gfx *g, ui_font f, int width, const char *utf8)
{
    for (int i = 0; i < WRAP_SLOTS; i++) {
        wrap_entry *w = &g->wraps[i];
        if (w->text && w->font == f && w->width == width && strcmp(w->text, utf8) == 0) {
            w->last_used = g->frame;
            return w;
        }
    }
    int victim = 0;
    for (int i = 0; i < WRAP_SLOTS; i++) {
        if (!g->wraps[i].text) {
            victim = i;
            break;
        }
        if (g->wraps[i].last_used < g->wraps[victim].last_used)
            victim = i;
    }
    char *key = strdup(utf8);
    char *clean = wrap_clean(utf8);
    line_list l = {0, 0, NULL, NULL};
    if (!key || !clean || !layout(g, f, width, clean, &l)) {
        free(key);
        free(clean);
        free(l.start);
        free(l.len);
        return NULL;
    }
    free(clean);
    wrap_entry *w = &g->wraps[victim];
    free(w->text);
    free(w->start);
    free(w->len);
    w->font = f;
    w->width = width;
    w->text = key;
    w->lines = l.n;
    w->start = l.start;
    w->len = l.len;
    w->last_used = g->frame;
    return w;
}

int ui_text_wrap(ui_gfx *g, ui_font f, ui_rect box, ui_role role, const char *utf8, bool draw)
{
    if (!utf8 || !*utf8 || (int)f < 0 || f >= UI_FONT_COUNT)
        return 0;
    int width = box.w > 8 ? box.w : 8;
    wrap_entry *w = wrap_get(g, f, width, utf8);
    if (!w)
        return 0;
    int lh = ui_line_height(g, f);
    if (draw && w->lines > 0) {
        /* The laid-out lines index the cleaned text: clean once more (cheap
         * next to drawing; the textures themselves are cached). */
        char *clean = wrap_clean(utf8);
        if (clean) {
            ui_colour c = ui_gfx_colour(g, role);
            ui_rect saved = g->clip;
            bool had = g->clip_on;
            ui_rect clip = box;
            if (had) {
                int x0 = clip.x > saved.x ? clip.x : saved.x;
                int y0 = clip.y > saved.y ? clip.y : saved.y;
                int x1 = clip.x + clip.w < saved.x + saved.w ? clip.x + clip.w : saved.x + saved.w;
                int y1 = clip.y + clip.h < saved.y + saved.h ? clip.y + clip.h : saved.y + saved.h;
                clip = (ui_rect){x0, y0, x1 > x0 ? x1 - x0 : 0, y1 > y0 ? y1 - y0 : 0};
            }
            ui_clip(g, &clip);
            for (int i = 0; i < w->lines; i++) {
                int y = box.y + i * lh;
                if (y >= box.y + box.h)
                    break;
                if (y + lh < clip.y)
                    continue;
                text_span(g, f, box.x, y, c, clean + w->start[i], (size_t)w->len[i], true);
            }
            if (had)
                ui_clip(g, &saved);
            else
                ui_clip(g, NULL);
            free(clean);
        }
    }
    return w->lines * lh;
}
