/* test_text_fit.c — include/bulwark/text_fit.h agrees with the UI: its
 * advance table measures text as the real fonts draw it, at the sizes the
 * UI opens them, and the node box the lints measure labels against is
 * the map's. Fails when a font, a size or the layout drifts
 * from the header, so `bulwark check` never warns about a width the game
 * no longer has. Drawn on SDL's software renderer, no display needed. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include <SDL.h>

#include "bulwark/text_fit.h"
#include "bulwark/ui.h"
#include "../../game/ui/map.h"

static SDL_Surface *surf;
static SDL_Renderer *ren;
static ui_gfx *g;

static int setup(void **state)
{
    (void)state;
    surf = SDL_CreateRGBSurfaceWithFormat(0, 1280, 800, 32, SDL_PIXELFORMAT_ARGB8888);
    ren = surf ? SDL_CreateSoftwareRenderer(surf) : NULL;
    bw_err e;
    g = ren ? ui_gfx_create(NULL, ren, UI_PALETTE_STANDARD, 1.0, &e) : NULL;
    return g ? 0 : -1;
}

static int teardown(void **state)
{
    (void)state;
    ui_gfx_destroy(g);
    SDL_DestroyRenderer(ren);
    SDL_FreeSurface(surf);
    return 0;
}

/* Text as scenarios write it: labels, names, sentences, punctuation. */
static const char *const samples[] = {
    "Customer database",
    "Imaging (Windows XP)",
    "Shared web framework",
    "Legacy VPN gateway",
    "Kestrel (customer)",
    "Memory-harvesting scanners",
    "The attackers copied the orders table before anyone looked at the logs.",
    "Report it to the national CERT, then rotate every credential: 42% done!",
    "WANNACRY_2017 #1 [patch] {MS17-010} @ 09:00 ~ \"quoted\" & 'single' <ok>?",
};

/* The lint's width is the width SDL_ttf draws, to a pixel or two, in both
 * fonts the scenario's texts use. */
static void test_the_advance_table_measures_as_the_fonts_draw(void **state)
{
    (void)state;
    const struct {
        ui_font f;
        int px;
    } fonts[] = { { UI_FONT_SMALL, BW_FIT_SMALL_PX }, { UI_FONT_BODY, BW_FIT_BODY_PX } };
    for (size_t k = 0; k < sizeof fonts / sizeof fonts[0]; k++)
        for (size_t i = 0; i < sizeof samples / sizeof samples[0]; i++) {
            int real = ui_text_width(g, fonts[k].f, samples[i]);
            int est = bw_fit_width(samples[i], fonts[k].px);
            if (abs(real - est) > 2)
                print_message("\"%s\" at %d px: drawn %d, table %d\n", samples[i], fonts[k].px,
                              real, est);
            assert_in_range(est, real - 2, real + 2);
        }
    /* every printable character on its own, in the body font */
    for (int c = 33; c < 127; c++) {
        char run[21];
        memset(run, c, 20);
        run[20] = '\0';
        int real = ui_text_width(g, UI_FONT_BODY, run), est = bw_fit_width(run, BW_FIT_BODY_PX);
        if (abs(real - est) > 20)
            print_message("'%c' x20: drawn %d, table %d\n", c, real, est);
        assert_in_range(est, real - 20, real + 20); /* a pixel a character, hinting */
    }
}

static void test_the_map_node_box_is_the_one_the_lints_measure(void **state)
{
    (void)state;
    assert_int_equal(MAP_NODE_W, BW_FIT_NODE_W);
    assert_int_equal(MAP_NODE_H, BW_FIT_NODE_H);
    /* play_map.c: icon side min(44, h - 20, w / 5), margins 12 + 10 + 8 */
    int s = MAP_NODE_H - 20 < 44 ? MAP_NODE_H - 20 : 44;
    if (s > MAP_NODE_W / 5)
        s = MAP_NODE_W / 5;
    assert_int_equal(BW_FIT_NODE_LABEL_PX, MAP_NODE_W - 12 - s - 10 - 8);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_the_advance_table_measures_as_the_fonts_draw),
        cmocka_unit_test(test_the_map_node_box_is_the_one_the_lints_measure),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
