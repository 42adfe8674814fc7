/* test_ui_image.c — a scenario's PNG on screen (ui_image_png): the
 * fixture's logo lands in its rectangle with its own colours, fitted with
 * its proportions kept; bytes that are no PNG draw nothing and say so (the
 * caller's fallback shows); the same picture from another buffer is the
 * same cached texture. SDL's software renderer over a surface. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include <SDL.h>

#include "bulwark/ui.h"
#include "../../game/ui/gfx_internal.h"

static SDL_Surface *surf;
static SDL_Renderer *ren;
static ui_gfx *g;
static unsigned char png[4096];
static size_t png_len;

static int setup(void **state)
{
    (void)state;
    char path[600];
    const char *root = getenv("BULWARK_SOURCE_DIR");
    snprintf(path, sizeof path, "%s/tests/fixtures/assets/img/logo.png", root ? root : ".");
    FILE *f = fopen(path, "rb");
    if (!f)
        return -1;
    png_len = fread(png, 1, sizeof png, f);
    fclose(f);
    surf = SDL_CreateRGBSurfaceWithFormat(0, 200, 200, 32, SDL_PIXELFORMAT_ARGB8888);
    ren = surf ? SDL_CreateSoftwareRenderer(surf) : NULL;
    bw_err e;
    g = ren ? ui_gfx_create(NULL, ren, UI_PALETTE_STANDARD, 1.0, &e) : NULL;
    return g && png_len > 0 ? 0 : -1;
}

static int teardown(void **state)
{
    (void)state;
    ui_gfx_destroy(g);
    SDL_DestroyRenderer(ren);
    SDL_FreeSurface(surf);
    return 0;
}

static void rgb(int x, int y, int *r, int *gr, int *b)
{
    SDL_RenderFlush(ren);
    uint32_t px = ((uint32_t *)surf->pixels)[y * (surf->pitch / 4) + x];
    *r = (px >> 16) & 255;
    *gr = (px >> 8) & 255;
    *b = px & 255;
}

static void clear(void)
{
    SDL_SetRenderDrawColor(ren, 0, 0, 0, 255);
    SDL_RenderClear(ren);
}

static void test_a_png_lands_fitted_in_its_rectangle(void **state)
{
    (void)state;
    clear();
    /* 64x64 into 100 wide, 50 high: a 50x50 square centred at x 25..75 */
    assert_true(ui_image_png(g, png, png_len, (ui_rect){0, 0, 100, 50}));
    int r, gr, b;
    rgb(50 - 16, 25, &r, &gr, &b); /* the shield's blue, left of its white marks */
    assert_in_range(b, 180, 255);
    assert_in_range(r, 0, 80);
    rgb(10, 25, &r, &gr, &b); /* outside the fitted square: untouched */
    assert_int_equal(r + gr + b, 0);
    rgb(90, 25, &r, &gr, &b);
    assert_int_equal(r + gr + b, 0);
}

static void test_bytes_that_are_no_png_draw_nothing(void **state)
{
    (void)state;
    clear();
    unsigned char junk[64];
    memcpy(junk, png, sizeof junk); /* a PNG's header, its data cut off */
    assert_false(ui_image_png(g, junk, sizeof junk, (ui_rect){0, 0, 100, 100}));
    assert_false(ui_image_png(g, "not a png", 9, (ui_rect){0, 0, 100, 100}));
    assert_false(ui_image_png(g, png, png_len, (ui_rect){0, 0, 0, 10}));
    int r, gr, b;
    rgb(50, 50, &r, &gr, &b);
    assert_int_equal(r + gr + b, 0);
}

static void test_the_same_picture_is_decoded_once(void **state)
{
    (void)state;
    int before = g->image_count;
    unsigned char *copy = malloc(png_len);
    assert_non_null(copy);
    memcpy(copy, png, png_len);
    assert_true(ui_image_png(g, copy, png_len, (ui_rect){0, 0, 20, 20}));
    assert_true(ui_image_png(g, png, png_len, (ui_rect){0, 0, 20, 20}));
    free(copy);
    assert_int_equal(g->image_count, before); /* cached by content from the first test */
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_a_png_lands_fitted_in_its_rectangle),
        cmocka_unit_test(test_bytes_that_are_no_png_draw_nothing),
        cmocka_unit_test(test_the_same_picture_is_decoded_once),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
