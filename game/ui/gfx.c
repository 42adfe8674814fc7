/* gfx.c — the drawing layer over one SDL_Renderer: frame set-up, high-DPI
 * scaling, filled and outlined shapes, lines, clipping, screenshots.
 *
 * Everything takes logical pixels and converts here, so a Retina or 4K
 * window gets crisp shapes and text rasterised at the real size. Lines go
 * through SDL_RenderDrawLine (never SDL_RenderGeometry: slow in the
 * software renderer under Xvfb) and discs through one batched
 * SDL_RenderFillRects. This file never touches the world. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <SDL_image.h>

#include "gfx_internal.h"

/* The draw colour, and blending only when it is translucent: the software
 * renderer fills an opaque rectangle with a plain memset-like fill, a
 * blended one pixel by pixel (a full-screen background costs milliseconds). */
static void draw_colour(ui_gfx *g, ui_colour c)
{
    SDL_BlendMode m = c.a == 255 ? SDL_BLENDMODE_NONE : SDL_BLENDMODE_BLEND;
    if (m != g->draw_blend) {
        SDL_SetRenderDrawBlendMode(g->ren, m);
        g->draw_blend = m;
    }
    SDL_SetRenderDrawColor(g->ren, c.r, c.g, c.b, c.a);
}

SDL_Rect gfx_px(const ui_gfx *g, ui_rect r)
{
    float s = g->scale;
    int x0 = (int)floorf((float)r.x * s), y0 = (int)floorf((float)r.y * s);
    int x1 = (int)floorf((float)(r.x + r.w) * s), y1 = (int)floorf((float)(r.y + r.h) * s);
    SDL_Rect o = {x0, y0, x1 - x0, y1 - y0};
    return o;
}

static void measure(ui_gfx *g)
{
    int ow = 0, oh = 0, ww = 0, wh = 0;
    if (SDL_GetRendererOutputSize(g->ren, &ow, &oh) != 0 || ow <= 0 || oh <= 0) {
        ow = 1280;
        oh = 800;
    }
    if (g->win)
        SDL_GetWindowSize(g->win, &ww, &wh);
    if (ww <= 0 || wh <= 0) {
        ww = ow;
        wh = oh;
    }
    float s = (float)ow / (float)ww;
    if (s < 0.5f || s > 8.0f)
        s = 1.0f;
    g->scale = s;
    g->log_w = ww;
    g->log_h = wh;
}

ui_gfx *ui_gfx_create(void *sdl_window, void *sdl_renderer, ui_palette_kind palette,
                      double text_scale, bw_err *err)
{
    if (!sdl_renderer) {
        bw_err_set(err, BW_EINVAL, "ui_gfx_create: no renderer");
        return NULL;
    }
    ui_gfx *g = calloc(1, sizeof *g);
    if (!g) {
        bw_err_set(err, BW_ENOMEM, "out of memory creating the drawing layer");
        return NULL;
    }
    g->win = sdl_window;
    g->ren = sdl_renderer;
    g->palette = (int)palette >= 0 && palette < UI_PALETTE_COUNT ? palette : UI_PALETTE_STANDARD;
    g->text_scale = text_scale < 0.75 ? 0.75 : text_scale > 2.0 ? 2.0 : text_scale;
    if (!TTF_WasInit() && TTF_Init() != 0) {
        bw_err_set(err, BW_EIO, "cannot start the font renderer: %s", TTF_GetError());
        free(g);
        return NULL;
    }
    measure(g);
    if (gfx_fonts_open(g, err) != BW_OK) {
        ui_gfx_destroy(g);
        return NULL;
    }
    SDL_SetRenderDrawBlendMode(g->ren, SDL_BLENDMODE_BLEND);
    g->draw_blend = SDL_BLENDMODE_BLEND;
    return g;
}

void ui_gfx_destroy(ui_gfx *g)
{
    if (!g)
        return;
    gfx_text_cache_clear(g);
    gfx_images_clear(g);
    gfx_fonts_close(g);
    free(g);
}

void ui_gfx_begin_frame(ui_gfx *g)
{
    g->frame++;
    measure(g);
    if (fabsf(g->scale - g->font_for_scale) > 0.01f) {
        /* Moved to a screen of another density: rasterise at the new size. */
        bw_err e;
        gfx_text_cache_clear(g);
        gfx_fonts_close(g);
        if (gfx_fonts_open(g, &e) != BW_OK)
            SDL_Log("bulwark: %s", e.msg);
    }
    if (g->frame % 60 == 0)
        gfx_text_cache_evict(g, 600);
    ui_clip(g, NULL);
    SDL_SetRenderDrawBlendMode(g->ren, SDL_BLENDMODE_BLEND);
    g->draw_blend = SDL_BLENDMODE_BLEND;
}

void ui_gfx_set_palette(ui_gfx *g, ui_palette_kind p)
{
    if ((int)p >= 0 && p < UI_PALETTE_COUNT)
        g->palette = p;
}

int ui_gfx_set_text_scale(ui_gfx *g, double scale, bw_err *err)
{
    if (!(scale >= 0.75 && scale <= 2.0))
        return bw_err_set(err, BW_EINVAL, "text scale %.2f is outside 0.75-2.0", scale);
    if (fabs(scale - g->text_scale) < 1e-9 && g->fonts[0])
        return BW_OK;
    double old = g->text_scale;
    g->text_scale = scale;
    gfx_text_cache_clear(g);
    gfx_fonts_close(g);
    if (gfx_fonts_open(g, err) != BW_OK) {
        g->text_scale = old;
        bw_err e2;
        gfx_fonts_open(g, &e2);
        return err ? err->code : BW_EIO;
    }
    return BW_OK;
}

double ui_gfx_text_scale(const ui_gfx *g) { return g->text_scale; }

ui_palette_kind ui_gfx_palette(const ui_gfx *g) { return g->palette; }

ui_rect ui_gfx_screen(const ui_gfx *g)
{
    ui_rect r = {0, 0, g->log_w, g->log_h};
    return r;
}

ui_colour ui_gfx_colour(const ui_gfx *g, ui_role role)
{
    return ui_palette_colour(g->palette, role);
}

void ui_fill_rgba(ui_gfx *g, ui_rect r, ui_colour c)
{
    if (r.w <= 0 || r.h <= 0)
        return;
    SDL_Rect p = gfx_px(g, r);
    draw_colour(g, c);
    SDL_RenderFillRect(g->ren, &p);
}

void ui_fill(ui_gfx *g, ui_rect r, ui_role role) { ui_fill_rgba(g, r, ui_gfx_colour(g, role)); }

void ui_outline(ui_gfx *g, ui_rect r, ui_role role)
{
    if (r.w <= 0 || r.h <= 0)
        return;
    ui_colour c = ui_gfx_colour(g, role);
    SDL_Rect p = gfx_px(g, r);
    int t = g->scale >= 1.5f ? (int)(g->scale + 0.5f) : 1;
    SDL_Rect sides[4] = {
        {p.x, p.y, p.w, t},
        {p.x, p.y + p.h - t, p.w, t},
        {p.x, p.y, t, p.h},
        {p.x + p.w - t, p.y, t, p.h},
    };
    draw_colour(g, c);
    SDL_RenderFillRects(g->ren, sides, 4);
}

void ui_line_rgba(ui_gfx *g, int x0, int y0, int x1, int y1, ui_colour c)
{
    float s = g->scale;
    int px0 = (int)((float)x0 * s), py0 = (int)((float)y0 * s);
    int px1 = (int)((float)x1 * s), py1 = (int)((float)y1 * s);
    draw_colour(g, c);
    SDL_RenderDrawLine(g->ren, px0, py0, px1, py1);
    if (s >= 1.5f) {
        /* One logical pixel wide on a dense screen: a second line beside
         * the first, offset across the line's main direction. */
        int steep = abs(py1 - py0) > abs(px1 - px0);
        SDL_RenderDrawLine(g->ren, px0 + steep, py0 + !steep, px1 + steep, py1 + !steep);
    }
}

void ui_line(ui_gfx *g, int x0, int y0, int x1, int y1, ui_role role)
{
    ui_line_rgba(g, x0, y0, x1, y1, ui_gfx_colour(g, role));
}

void ui_disc(ui_gfx *g, int cx, int cy, int radius, ui_role role)
{
    if (radius <= 0)
        return;
    ui_colour c = ui_gfx_colour(g, role);
    float s = g->scale;
    int pr = (int)((float)radius * s + 0.5f);
    if (pr < 1)
        pr = 1;
    if (pr > 2048)
        pr = 2048;
    int pcx = (int)((float)cx * s), pcy = (int)((float)cy * s);
    SDL_Rect stack[256];
    SDL_Rect *spans = 2 * pr + 1 <= 256 ? stack : malloc(sizeof(SDL_Rect) * (size_t)(2 * pr + 1));
    if (!spans)
        return;
    int n = 0;
    for (int dy = -pr; dy <= pr; dy++) {
        int half = (int)floor(sqrt((double)pr * pr - (double)dy * dy) + 0.5);
        spans[n++] = (SDL_Rect){pcx - half, pcy + dy, 2 * half + 1, 1};
    }
    draw_colour(g, c);
    SDL_RenderFillRects(g->ren, spans, n);
    if (spans != stack)
        free(spans);
}

void ui_clip(ui_gfx *g, const ui_rect *r)
{
    if (!r) {
        g->clip_on = false;
        SDL_RenderSetClipRect(g->ren, NULL);
        return;
    }
    g->clip_on = true;
    g->clip = *r;
    SDL_Rect p = gfx_px(g, *r);
    if (p.w <= 0)
        p.w = 0;
    if (p.h <= 0)
        p.h = 0;
    SDL_RenderSetClipRect(g->ren, &p);
}

int ui_gfx_screenshot(ui_gfx *g, const char *path, bw_err *err)
{
    /* Reads the frame being built: the app calls this after drawing and
     * before SDL_RenderPresent, when the back buffer is still defined. */
    int w = 0, h = 0;
    if (SDL_GetRendererOutputSize(g->ren, &w, &h) != 0 || w <= 0 || h <= 0)
        return bw_err_set(err, BW_EIO, "screenshot: cannot read the window size: %s",
                          SDL_GetError());
    SDL_Surface *surf = SDL_CreateRGBSurfaceWithFormat(0, w, h, 32, SDL_PIXELFORMAT_ARGB8888);
    if (!surf)
        return bw_err_set(err, BW_ENOMEM, "screenshot: %s", SDL_GetError());
    SDL_Rect all = {0, 0, w, h};
    bool clipped = g->clip_on;
    if (clipped)
        SDL_RenderSetClipRect(g->ren, NULL);
    int rc =
        SDL_RenderReadPixels(g->ren, &all, SDL_PIXELFORMAT_ARGB8888, surf->pixels, surf->pitch);
    if (clipped)
        ui_clip(g, &g->clip);
    if (rc != 0) {
        SDL_FreeSurface(surf);
        return bw_err_set(err, BW_EIO, "screenshot: cannot read the frame: %s", SDL_GetError());
    }
    if (IMG_SavePNG(surf, path) != 0) {
        SDL_FreeSurface(surf);
        return bw_err_set(err, BW_EIO, "screenshot: cannot write %s: %s", path, IMG_GetError());
    }
    SDL_FreeSurface(surf);
    return BW_OK;
}
