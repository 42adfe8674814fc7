/* image.c — a scenario's own PNG images (its logo, its node icons) on
 * screen: decoded once from the bytes the loader read and checked
 * (script_scenario_logo / _node_icon), kept as textures keyed by their
 * content, drawn fitted into a rectangle.
 *
 * Keyed by a hash of the bytes, never by their address: a scenario freed
 * and another loaded at the same address must not show the old picture.
 * A PNG that fails to decode is remembered as failed (no retry each
 * frame) and the caller draws its fallback. Only PNG is decoded
 * (IMG_LoadPNG_RW, not the sniffing IMG_Load): a file the loader took for
 * a PNG is never handed to another decoder. */
#include <SDL.h>
#include <SDL_image.h>
#include <string.h>

#include "gfx_internal.h"

static uint64_t content_key(const unsigned char *p, size_t n)
{
    uint64_t h = 0xcbf29ce484222325ULL ^ n;
    for (size_t i = 0; i < n; i++) {
        h ^= p[i];
        h *= 0x100000001b3ULL;
    }
    return h;
}

static gfx_image *find_or_decode(ui_gfx *g, const void *png, size_t len)
{
    uint64_t key = content_key(png, len);
    for (int i = 0; i < g->image_count; i++)
        if (g->images[i].key == key && g->images[i].len == len) {
            g->images[i].used = g->frame;
            return &g->images[i];
        }
    if (g->image_count == GFX_MAX_IMAGES) { /* a full cache: drop the least recently drawn */
        int old = 0;
        for (int i = 1; i < g->image_count; i++)
            if (g->images[i].used < g->images[old].used)
                old = i;
        if (g->images[old].tex)
            SDL_DestroyTexture(g->images[old].tex);
        g->images[old] = g->images[--g->image_count];
    }
    gfx_image *im = &g->images[g->image_count++];
    memset(im, 0, sizeof *im);
    im->key = key;
    im->len = len;
    im->used = g->frame;
    SDL_RWops *rw = len <= 0x7fffffff ? SDL_RWFromConstMem(png, (int)len) : NULL;
    SDL_Surface *surf = rw ? IMG_LoadPNG_RW(rw) : NULL;
    if (rw)
        SDL_RWclose(rw);
    if (surf) {
        im->w = surf->w;
        im->h = surf->h;
        im->tex = SDL_CreateTextureFromSurface(g->ren, surf);
        SDL_FreeSurface(surf);
    }
    if (im->tex)
        SDL_SetTextureBlendMode(im->tex, SDL_BLENDMODE_BLEND);
    return im;
}

bool ui_image_png(ui_gfx *g, const void *png, size_t len, ui_rect r)
{
    if (!g || !png || len == 0 || r.w <= 0 || r.h <= 0)
        return false;
    gfx_image *im = find_or_decode(g, png, len);
    if (!im->tex || im->w <= 0 || im->h <= 0)
        return false;
    /* fitted: the whole image, its proportions kept, centred */
    int w = r.w, h = (int)((long)r.w * im->h / im->w);
    if (h > r.h) {
        h = r.h;
        w = (int)((long)r.h * im->w / im->h);
    }
    ui_rect fit = {r.x + (r.w - w) / 2, r.y + (r.h - h) / 2, w, h};
    SDL_Rect px = gfx_px(g, fit);
    return SDL_RenderCopy(g->ren, im->tex, NULL, &px) == 0;
}

void gfx_images_clear(ui_gfx *g)
{
    for (int i = 0; i < g->image_count; i++)
        if (g->images[i].tex)
            SDL_DestroyTexture(g->images[i].tex);
    g->image_count = 0;
}
