/* gfx_internal.h — the ui_gfx structure, shared by gfx.c (shapes, frame,
 * screenshots) and text.c (fonts and the text-texture cache). Nothing
 * outside game/ui/gfx.c and text.c may include it. */
#ifndef BULWARK_UI_GFX_INTERNAL_H
#define BULWARK_UI_GFX_INTERNAL_H

#include <SDL.h>
#include <SDL_ttf.h>

#include "bulwark/ui.h"

/* One rasterised string: a white texture tinted per draw (colour mod), so
 * the same text in two colours costs one texture. */
typedef struct text_entry {
    struct text_entry *next; /* hash chain */
    uint32_t hash;
    ui_font font;
    char *text;
    SDL_Texture *tex;   /* NULL for the empty string */
    int pw, ph;         /* real pixels */
    unsigned last_used; /* frame number */
} text_entry;

/* A word-wrap result: byte offsets of each line start and length. */
typedef struct wrap_entry {
    ui_font font;
    int width;
    char *text;
    int lines;
    int *start, *len;
    unsigned last_used;
} wrap_entry;

#define TEXT_BUCKETS 1024
#define WRAP_SLOTS 64

struct ui_gfx {
    SDL_Window *win;
    SDL_Renderer *ren;
    ui_palette_kind palette;
    double text_scale;
    float scale; /* real pixels per logical pixel */
    int log_w, log_h;
    TTF_Font *fonts[UI_FONT_COUNT];
    float font_for_scale; /* the scale the fonts were opened at */
    text_entry *buckets[TEXT_BUCKETS];
    int text_count;
    wrap_entry wraps[WRAP_SLOTS];
    unsigned frame;
    bool clip_on;
    ui_rect clip;
};

/* text.c */
int gfx_fonts_open(ui_gfx *g, bw_err *err);
void gfx_fonts_close(ui_gfx *g);
void gfx_text_cache_clear(ui_gfx *g);
void gfx_text_cache_evict(ui_gfx *g, unsigned older_than);

/* gfx.c: a logical rectangle in real pixels. */
SDL_Rect gfx_px(const ui_gfx *g, ui_rect r);

#endif
