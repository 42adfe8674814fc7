/* gfx_internal.h — the ui_gfx structure, shared by gfx.c (shapes, frame,
 * screenshots) and text.c (fonts and the text-texture cache). Nothing
 * outside game/ui/gfx.c and text.c may include it. */
#ifndef BULWARK_UI_GFX_INTERNAL_H
#define BULWARK_UI_GFX_INTERNAL_H

#include <SDL.h>
#include <SDL_ttf.h>

#include "bulwark/ui.h"

/* One string in one font and one colour, rasterised in that colour (alpha
 * included) and drawn with no colour or alpha mod: SDL's software renderer
 * blits a modulated texture through a slow generic path, a plain one
 * through its fast alpha blitter. An entry without a colour only knows its
 * size (from ui_text_width) and gets a texture when first drawn. All the
 * colours of one string share a hash chain. */
typedef struct text_entry {
    struct text_entry *next; /* hash chain */
    uint32_t hash;           /* of font and text, not colour */
    ui_font font;
    bool has_colour;
    ui_colour colour;
    char *text;
    size_t len;
    SDL_Texture *tex;   /* NULL for the empty string or a size-only entry */
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
/* Bounds on the text cache: past either, entries unused for two frames go. */
#define TEXT_MAX_ENTRIES 4096
#define TEXT_MAX_BYTES (48u << 20)
#define WRAP_SLOTS 64

/* image.c: a scenario's PNG, decoded once (tex NULL when it failed). */
#define GFX_MAX_IMAGES 64
typedef struct gfx_image {
    uint64_t key;
    size_t len;
    SDL_Texture *tex;
    int w, h;
    unsigned used; /* the frame it was last drawn in */
} gfx_image;

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
    size_t text_bytes;      /* pixel memory of the cached textures */
    unsigned trimmed_frame; /* the last frame the cache was trimmed to its bounds */
    wrap_entry wraps[WRAP_SLOTS];
    unsigned frame;
    bool clip_on;
    ui_rect clip;
    SDL_BlendMode draw_blend; /* the renderer's draw blend mode, as last set */
    gfx_image images[GFX_MAX_IMAGES];
    int image_count;
};

/* image.c */
void gfx_images_clear(ui_gfx *g);

/* text.c */
int gfx_fonts_open(ui_gfx *g, bw_err *err);
void gfx_fonts_close(ui_gfx *g);
void gfx_text_cache_clear(ui_gfx *g);
void gfx_text_cache_evict(ui_gfx *g, unsigned older_than);

/* gfx.c: a logical rectangle in real pixels. */
SDL_Rect gfx_px(const ui_gfx *g, ui_rect r);

#endif
