/* bench_scene.c — the benchmark scene of shared/bench/scene-spec.md and
 * its painter, for `bulwark bench render` (bench_render.c): the
 * generator, which must give the LÖVE reference's numbers, and the
 * drawing of one frame through any SDL_Renderer.
 *
 * What makes it fast on SDL's software renderer (DESIGN.md section 7;
 * each measured on the reference machine):
 * - text is never rasterised per frame: node labels sit in an atlas built
 *   once, the HUD and the log are drawn glyph by glyph from a glyph atlas;
 * - a node's rectangle, outline and state dot are one opaque copy of a
 *   sprite made once per kind: SDL_FillRect uses streaming stores, several
 *   times slower than a copy on small rectangles;
 * - lines go through SDL_RenderDrawLine (bench_render.c forces the native
 *   line method), never SDL_RenderGeometry, which on the software
 *   renderer fills each thin triangle's bounding box.
 * Every node is still drawn every frame, item by item in the reference's
 * order, because nodes overlap. Nothing here measures time. */
#include "bench.h"

#include <SDL_ttf.h>
#include <math.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

/* ---- the scene ------------------------------------------------------------ */

static const char *const kind_names[BENCH_KIND_COUNT] = { "web",  "api",    "db",  "ci",
                                                          "repo", "laptop", "iot", "cloud" };

const char *bench_kind_name(int kind)
{
    return kind >= 0 && kind < BENCH_KIND_COUNT ? kind_names[kind] : "?";
}

/* Park–Miller, exact in 64-bit integers as in the reference's doubles. */
static uint64_t park_miller(uint64_t *x)
{
    *x = (*x * 48271u) % 2147483647u;
    return *x;
}

int bench_scene_build(bench_scene *s, int n)
{
    memset(s, 0, sizeof *s);
    if (n < 1 || n > BENCH_MAX_NODES)
        return -1;
    s->nodes = calloc((size_t)n, sizeof *s->nodes);
    s->links = calloc((size_t)n * 2, sizeof *s->links);
    if (!s->nodes || !s->links) {
        bench_scene_free(s);
        return -1;
    }
    uint64_t x = 20181;
    for (int i = 0; i < n; i++) {
        s->nodes[i].x = (int)(park_miller(&x) % 1536);
        s->nodes[i].y = 28 + (int)(park_miller(&x) % 850);
        s->nodes[i].kind = (int)(park_miller(&x) % BENCH_KIND_COUNT);
    }
    for (int i = 0; i < n; i++)
        for (int k = 0; k < 2; k++) {
            s->links[2 * i + k][0] = i;
            s->links[2 * i + k][1] = (int)(park_miller(&x) % (uint64_t)n);
        }
    s->node_count = n;
    s->link_count = 2 * n;
    return 0;
}

void bench_scene_free(bench_scene *s)
{
    free(s->nodes);
    free(s->links);
    memset(s, 0, sizeof *s);
}

int bench_attacked_link(const bench_scene *s, int f, int j)
{
    return (int)(((long long)f * 7 + (long long)j * 37) % s->link_count);
}

/* ---- colours: the reference's floats, as an 8-bit framebuffer stores them - */

#define C8(v) ((Uint8)((v) * 255.0 + 0.5))
#define RGB(r, g, b) { C8(r), C8(g), C8(b), 255 }

static const SDL_Color kind_colours[BENCH_KIND_COUNT] = {
    RGB(0.27, 0.53, 0.80), RGB(0.40, 0.70, 0.45), RGB(0.80, 0.60, 0.25), RGB(0.60, 0.45, 0.75),
    RGB(0.35, 0.65, 0.70), RGB(0.75, 0.45, 0.50), RGB(0.55, 0.55, 0.35), RGB(0.45, 0.55, 0.80),
};
static const SDL_Color col_clear = RGB(0.08, 0.09, 0.11), col_link = RGB(0.45, 0.45, 0.5),
                       col_attack = RGB(0.9, 0.2, 0.2), col_outline = RGB(0.9, 0.9, 0.9),
                       col_state = RGB(0.2, 0.85, 0.3), col_hud = RGB(0.15, 0.16, 0.2),
                       col_log = RGB(0.12, 0.13, 0.16);

/* ---- atlases ---------------------------------------------------------------- */

/* Images packed in shelves on pages of PAGE x PAGE pixels (one page holds
 * about 1,300 labels). White pixels with the glyphs' coverage as alpha. */
#define PAGE 1024
#define MAX_PAGES 16

typedef struct atlas {
    SDL_Surface *pages[MAX_PAGES];
    int page_count, x, y, row_h;
} atlas;

/* Where one image lives: a page, a rectangle on it, and the offset of the
 * rectangle from the point the text is drawn at. */
typedef struct sprite {
    int page, dx, dy;
    SDL_Rect src;
} sprite;

static SDL_Surface *blank_surface(int w, int h)
{
    SDL_Surface *s = SDL_CreateRGBSurfaceWithFormat(0, w, h, 32, SDL_PIXELFORMAT_ARGB8888);
    /* Transparent white: glyphs blended over it keep their white colour. */
    if (s)
        SDL_FillRect(s, NULL, SDL_MapRGBA(s->format, 255, 255, 255, 0));
    return s;
}

/* The bounding box of img's non-transparent pixels (w = 0 when none). */
static SDL_Rect alpha_box(SDL_Surface *img)
{
    int x0 = img->w, y0 = img->h, x1 = -1, y1 = -1;
    for (int y = 0; y < img->h; y++) {
        const Uint32 *row = (const Uint32 *)((const Uint8 *)img->pixels + y * img->pitch);
        for (int x = 0; x < img->w; x++)
            if (row[x] >> 24) {
                x0 = x < x0 ? x : x0;
                x1 = x > x1 ? x : x1;
                y0 = y < y0 ? y : y0;
                y1 = y > y1 ? y : y1;
            }
    }
    return x1 < 0 ? (SDL_Rect){ 0, 0, 0, 0 } : (SDL_Rect){ x0, y0, x1 - x0 + 1, y1 - y0 + 1 };
}

/* Copy the visible part of img (drawn at offset ox, oy from the text's
 * origin) into the atlas; 0 or -1 when out of memory or pages. */
static int atlas_add(atlas *a, SDL_Surface *img, int ox, int oy, sprite *out)
{
    SDL_Rect box = alpha_box(img);
    *out = (sprite){ 0, ox + box.x, oy + box.y, { 0, 0, box.w, box.h } };
    if (box.w == 0)
        return 0;
    if (box.w > PAGE || box.h > PAGE)
        return -1;
    if (a->page_count == 0 || a->x + box.w > PAGE) {
        a->x = 0;
        a->y += a->row_h;
        a->row_h = 0;
    }
    if (a->page_count == 0 || a->y + box.h > PAGE) {
        if (a->page_count == MAX_PAGES || !(a->pages[a->page_count] = blank_surface(PAGE, PAGE)))
            return -1;
        a->page_count++;
        a->x = a->y = a->row_h = 0;
    }
    out->page = a->page_count - 1;
    out->src.x = a->x;
    out->src.y = a->y;
    SDL_BlendMode mode;
    SDL_GetSurfaceBlendMode(img, &mode);
    SDL_SetSurfaceBlendMode(img, SDL_BLENDMODE_NONE); /* copy coverage as it is */
    SDL_Rect dst = out->src;
    int rc = SDL_BlitSurface(img, &box, a->pages[out->page], &dst);
    SDL_SetSurfaceBlendMode(img, mode);
    if (rc < 0)
        return -1;
    a->x += box.w;
    a->row_h = box.h > a->row_h ? box.h : a->row_h;
    return 0;
}

static void atlas_free(atlas *a)
{
    for (int i = 0; i < a->page_count; i++)
        SDL_FreeSurface(a->pages[i]);
    memset(a, 0, sizeof *a);
}

/* ---- text: printable ASCII, laid out glyph by glyph ------------------------- */

#define FIRST_GLYPH 32
#define GLYPH_COUNT 95

typedef struct glyphs {
    SDL_Surface *img[GLYPH_COUNT];
    int adv[GLYPH_COUNT], dx[GLYPH_COUNT]; /* advance; image offset from the pen */
} glyphs;

static void glyphs_free(glyphs *g)
{
    for (int i = 0; i < GLYPH_COUNT; i++)
        SDL_FreeSurface(g->img[i]);
}

/* SDL_ttf renders a glyph as a one-letter string: the image starts at the
 * pen, or at minx when the glyph reaches left of it. Laid out this way,
 * with no kerning, a string matches TTF_RenderUTF8_Blended's (this font
 * has no kerning pair the scene's strings use). */
static int glyphs_load(glyphs *g, TTF_Font *font)
{
    memset(g, 0, sizeof *g);
    for (int i = 0; i < GLYPH_COUNT; i++) {
        Uint32 ch = (Uint32)(FIRST_GLYPH + i);
        int minx, maxx, miny, maxy;
        if (TTF_GlyphMetrics32(font, ch, &minx, &maxx, &miny, &maxy, &g->adv[i]) < 0)
            return -1;
        g->dx[i] = minx < 0 ? minx : 0;
        SDL_Surface *img = TTF_RenderGlyph32_Blended(font, ch, (SDL_Color){ 255, 255, 255, 255 });
        if (!img)
            return -1;
        g->img[i] = SDL_ConvertSurfaceFormat(img, SDL_PIXELFORMAT_ARGB8888, 0);
        SDL_FreeSurface(img);
        if (!g->img[i])
            return -1;
        SDL_SetSurfaceBlendMode(g->img[i], SDL_BLENDMODE_BLEND);
    }
    return 0;
}

static int glyph_index(char c)
{
    int i = (unsigned char)c - FIRST_GLYPH;
    return i >= 0 && i < GLYPH_COUNT ? i : '?' - FIRST_GLYPH;
}

/* A whole string rasterised into one image, for the label atlas. */
static SDL_Surface *glyphs_compose(const glyphs *g, const char *text)
{
    int w = 1, h = 1, pen = 0;
    for (const char *c = text; *c; c++) {
        int i = glyph_index(*c);
        w = pen + g->dx[i] + g->img[i]->w > w ? pen + g->dx[i] + g->img[i]->w : w;
        h = g->img[i]->h > h ? g->img[i]->h : h;
        pen += g->adv[i];
    }
    SDL_Surface *s = blank_surface(w, h);
    pen = 0;
    for (const char *c = text; s && *c; c++) {
        int i = glyph_index(*c);
        SDL_Rect at = { pen + g->dx[i], 0, 0, 0 };
        SDL_BlitSurface(g->img[i], NULL, s, &at);
        pen += g->adv[i];
    }
    return s;
}

/* ---- the painter ------------------------------------------------------------ */

#define MAX_SPANS 8
#define HUD_STRINGS 7
#define LOG_LINES 12

typedef struct span_shape {
    int count;
    SDL_Rect rows[MAX_SPANS]; /* relative to the centre */
} span_shape;

struct bench_painter {
    SDL_Renderer *r;
    const bench_scene *scene;
    SDL_Texture *label_pages[MAX_PAGES], *glyph_page, *node_sprites;
    sprite *labels;
    sprite glyph[GLYPH_COUNT];
    int glyph_adv[GLYPH_COUNT];
    span_shape attack_dot;
};

/* A filled circle as the pixels whose centres a polygon of radius r
 * around a pixel corner covers: what the reference's circle fills. */
static span_shape circle_spans(int radius)
{
    span_shape s = { 0 };
    for (int dy = -radius; dy < radius && s.count < MAX_SPANS; dy++) {
        double d = dy + 0.5, hw = sqrt((double)radius * radius - d * d);
        int left = (int)ceil(-hw - 0.5), right = (int)floor(hw - 0.5);
        s.rows[s.count++] = (SDL_Rect){ left, dy, right - left + 1, 1 };
    }
    return s;
}

static void fill_shape(SDL_Renderer *r, const span_shape *s, int cx, int cy)
{
    SDL_Rect rows[MAX_SPANS];
    for (int i = 0; i < s->count; i++)
        rows[i] = (SDL_Rect){ cx + s->rows[i].x, cy + s->rows[i].y, s->rows[i].w, 1 };
    SDL_RenderFillRects(r, rows, s->count);
}

static void set_colour(SDL_Renderer *r, SDL_Color c)
{
    SDL_SetRenderDrawColor(r, c.r, c.g, c.b, 255);
}

static SDL_Texture *page_texture(SDL_Renderer *r, SDL_Surface *page)
{
    SDL_Texture *t = SDL_CreateTextureFromSurface(r, page);
    if (t)
        SDL_SetTextureBlendMode(t, SDL_BLENDMODE_BLEND);
    return t;
}

/* A node without its label is the same 64x22 picture for every node of a
 * kind: its rectangle, outline and state dot, drawn once per kind into
 * one opaque strip. One opaque copy a node then replaces a fill, four
 * edges and eight spans: SDL_FillRect writes with streaming stores,
 * which on small rectangles are several times slower than the copy. */
static SDL_Texture *node_sprites(SDL_Renderer *r)
{
    SDL_Surface *strip = SDL_CreateRGBSurfaceWithFormat(0, 64 * BENCH_KIND_COUNT, 22, 32,
                                                        SDL_PIXELFORMAT_ARGB8888);
    if (!strip)
        return NULL;
    span_shape dot = circle_spans(4);
    Uint32 outline = SDL_MapRGBA(strip->format, col_outline.r, col_outline.g, col_outline.b, 255);
    Uint32 state = SDL_MapRGBA(strip->format, col_state.r, col_state.g, col_state.b, 255);
    for (int k = 0; k < BENCH_KIND_COUNT; k++) {
        int x = 64 * k;
        SDL_Color c = kind_colours[k];
        SDL_FillRect(strip, &(SDL_Rect){ x, 0, 64, 22 }, SDL_MapRGBA(strip->format, c.r, c.g, c.b, 255));
        SDL_Rect edges[4] = { { x, 0, 64, 1 }, { x, 21, 64, 1 }, { x, 1, 1, 20 }, { x + 63, 1, 1, 20 } };
        SDL_FillRects(strip, edges, 4, outline);
        for (int i = 0; i < dot.count; i++) {
            SDL_Rect row = dot.rows[i];
            row.x += x + 8;
            row.y += 11;
            SDL_FillRect(strip, &row, state);
        }
    }
    SDL_Texture *t = SDL_CreateTextureFromSurface(r, strip);
    SDL_FreeSurface(strip);
    if (t)
        SDL_SetTextureBlendMode(t, SDL_BLENDMODE_NONE);
    return t;
}

static int build_labels(bench_painter *p, const glyphs *g, atlas *labels)
{
    for (int i = 0; i < p->scene->node_count; i++) {
        char text[24];
        snprintf(text, sizeof text, "%s-%04d", kind_names[p->scene->nodes[i].kind], i);
        SDL_Surface *img = glyphs_compose(g, text);
        int rc = img ? atlas_add(labels, img, 0, 0, &p->labels[i]) : -1;
        SDL_FreeSurface(img);
        if (rc < 0)
            return -1;
    }
    return 0;
}

bench_painter *bench_painter_create(SDL_Renderer *r, const bench_scene *s, const char *font_path,
                                    char *err, size_t err_size)
{
    bench_painter *p = calloc(1, sizeof *p);
    glyphs g = { 0 };
    atlas labels = { 0 }, glyph_atlas = { 0 };
    TTF_Font *font = TTF_OpenFont(font_path, 12);
    if (!font) {
        snprintf(err, err_size, "cannot open the font %s: %s", font_path, TTF_GetError());
        goto fail;
    }
    if (!p || !(p->labels = calloc((size_t)s->node_count, sizeof *p->labels))) {
        snprintf(err, err_size, "out of memory");
        goto fail;
    }
    p->r = r;
    p->scene = s;
    p->attack_dot = circle_spans(3);
    if (glyphs_load(&g, font) < 0) {
        snprintf(err, err_size, "cannot rasterise the font %s: %s", font_path, TTF_GetError());
        goto fail;
    }
    for (int i = 0; i < GLYPH_COUNT; i++) {
        p->glyph_adv[i] = g.adv[i];
        if (atlas_add(&glyph_atlas, g.img[i], g.dx[i], 0, &p->glyph[i]) < 0)
            goto oom;
    }
    if (build_labels(p, &g, &labels) < 0)
        goto oom;
    for (int i = 0; i < labels.page_count; i++)
        if (!(p->label_pages[i] = page_texture(r, labels.pages[i])))
            goto no_texture;
    if (glyph_atlas.page_count && !(p->glyph_page = page_texture(r, glyph_atlas.pages[0])))
        goto no_texture;
    if (!(p->node_sprites = node_sprites(r)))
        goto no_texture;
    glyphs_free(&g);
    atlas_free(&labels);
    atlas_free(&glyph_atlas);
    TTF_CloseFont(font);
    return p;
oom:
    snprintf(err, err_size, "out of memory building the text atlases");
    goto fail;
no_texture:
    snprintf(err, err_size, "cannot make a texture: %s", SDL_GetError());
fail:
    glyphs_free(&g);
    atlas_free(&labels);
    atlas_free(&glyph_atlas);
    if (font)
        TTF_CloseFont(font);
    bench_painter_destroy(p);
    return NULL;
}

void bench_painter_destroy(bench_painter *p)
{
    if (!p)
        return;
    for (int i = 0; i < MAX_PAGES; i++)
        if (p->label_pages[i])
            SDL_DestroyTexture(p->label_pages[i]);
    if (p->glyph_page)
        SDL_DestroyTexture(p->glyph_page);
    if (p->node_sprites)
        SDL_DestroyTexture(p->node_sprites);
    free(p->labels);
    free(p);
}

static void draw_text(bench_painter *p, const char *text, int x, int y)
{
    for (const char *c = text; *c; c++) {
        int i = glyph_index(*c);
        const sprite *s = &p->glyph[i];
        if (s->src.w) {
            SDL_Rect dst = { x + s->dx, y + s->dy, s->src.w, s->src.h };
            SDL_RenderCopy(p->r, p->glyph_page, &s->src, &dst);
        }
        x += p->glyph_adv[i];
    }
}

static void node_centre(const bench_scene *s, int i, int *x, int *y)
{
    *x = s->nodes[i].x + 32;
    *y = s->nodes[i].y + 11;
}

static void draw_links(bench_painter *p, int f)
{
    const bench_scene *s = p->scene;
    int ax, ay, bx, by;
    set_colour(p->r, col_link);
    for (int k = 0; k < s->link_count; k++) {
        node_centre(s, s->links[k][0], &ax, &ay);
        node_centre(s, s->links[k][1], &bx, &by);
        SDL_RenderDrawLine(p->r, ax, ay, bx, by);
    }
    double t = (f % 60) / 60.0;
    set_colour(p->r, col_attack);
    for (int j = 0; j < 50; j++) {
        int k = bench_attacked_link(s, f, j);
        node_centre(s, s->links[k][0], &ax, &ay);
        node_centre(s, s->links[k][1], &bx, &by);
        SDL_RenderDrawLine(p->r, ax, ay, bx, by);
        fill_shape(p->r, &p->attack_dot, (int)floor(ax + (bx - ax) * t + 0.5),
                   (int)floor(ay + (by - ay) * t + 0.5));
    }
}

static void draw_nodes(bench_painter *p)
{
    const bench_scene *s = p->scene;
    for (int i = 0; i < s->node_count; i++) {
        const bench_node *n = &s->nodes[i];
        SDL_RenderCopy(p->r, p->node_sprites, &(SDL_Rect){ 64 * n->kind, 0, 64, 22 },
                       &(SDL_Rect){ n->x, n->y, 64, 22 });
        const sprite *l = &p->labels[i];
        if (l->src.w) {
            SDL_Rect dst = { n->x + 16 + l->dx, n->y + 4 + l->dy, l->src.w, l->src.h };
            SDL_RenderCopy(p->r, p->label_pages[l->page], &l->src, &dst);
        }
    }
}

/* The log after frame f's update: the last 12 of "event line 1..12"
 * followed by one "tick …" line for every 30th frame up to f. */
static void log_line(const bench_scene *s, int f, int row, char *buf, size_t n)
{
    int idx = f / 30 + 1 + row; /* lines dropped so far, plus the row */
    if (idx < LOG_LINES)
        snprintf(buf, n, "event line %d", idx + 1);
    else
        snprintf(buf, n, "tick %d: alert on node %d", 30 * (idx - LOG_LINES),
                 30 * (idx - LOG_LINES) % s->node_count);
}

static void draw_hud(bench_painter *p, int f)
{
    set_colour(p->r, col_hud);
    SDL_RenderFillRect(p->r, &(SDL_Rect){ 0, 0, 1600, 28 });
    char text[HUD_STRINGS][48];
    snprintf(text[0], sizeof text[0], "Day %d Hour %d", f / 24 + 1, f % 24);
    snprintf(text[1], sizeof text[1], "Budget %d", 1000 - f % 997);
    snprintf(text[2], sizeof text[2], "Staff %d/%d", f % 7, 6);
    snprintf(text[3], sizeof text[3], "Protection %d", f % 101);
    snprintf(text[4], sizeof text[4], "Responsibility %d", (f * 3) % 101);
    snprintf(text[5], sizeof text[5], "Capacity %d", (f * 5) % 101);
    snprintf(text[6], sizeof text[6], "Collaboration %d", (f * 7) % 101);
    for (int i = 0; i < HUD_STRINGS; i++)
        draw_text(p, text[i], 8 + i * 220, 7);
    set_colour(p->r, col_log);
    SDL_RenderFillRect(p->r, &(SDL_Rect){ 1200, 680, 400, 220 });
    for (int i = 0; i < LOG_LINES; i++) {
        char line[64];
        log_line(p->scene, f, i, line, sizeof line);
        draw_text(p, line, 1208, 684 + i * 18);
    }
}

void bench_painter_draw(bench_painter *p, int f)
{
    set_colour(p->r, col_clear);
    SDL_RenderClear(p->r);
    draw_links(p, f);
    draw_nodes(p);
    draw_hud(p, f);
}
