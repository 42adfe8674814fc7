/* test_ui_gfx.c — the drawing layer on SDL's software renderer over a
 * plain surface (no window, no display): colours land as the palette
 * says, text measures and wraps sensibly (bad UTF-8 included), text
 * textures are cached per colour (drawn without a colour mod), evicted
 * and bounded, opaque and translucent shapes mix, buttons click on release, the text
 * scale is bounded, and a screenshot is a PNG of the frame. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include <cmocka.h>

#include <SDL.h>
#include <SDL_image.h>

#include "bulwark/ui.h"
#include "../../game/ui/gfx_internal.h"

typedef struct fixture {
    SDL_Surface *surf;
    SDL_Renderer *ren;
    ui_gfx *g;
} fixture;

static int setup(void **state)
{
    static fixture f;
    f.surf = SDL_CreateRGBSurfaceWithFormat(0, 800, 600, 32, SDL_PIXELFORMAT_ARGB8888);
    if (!f.surf)
        return -1;
    f.ren = SDL_CreateSoftwareRenderer(f.surf);
    if (!f.ren)
        return -1;
    bw_err e;
    f.g = ui_gfx_create(NULL, f.ren, UI_PALETTE_STANDARD, 1.0, &e);
    if (!f.g) {
        fprintf(stderr, "%s\n", e.msg);
        return -1;
    }
    *state = &f;
    return 0;
}

static int teardown(void **state)
{
    fixture *f = *state;
    ui_gfx_destroy(f->g);
    SDL_DestroyRenderer(f->ren);
    SDL_FreeSurface(f->surf);
    return 0;
}

static ui_colour pixel(fixture *f, int x, int y)
{
    SDL_RenderFlush(f->ren);
    uint32_t p = ((uint32_t *)f->surf->pixels)[y * (f->surf->pitch / 4) + x];
    ui_colour c = {(uint8_t)(p >> 16), (uint8_t)(p >> 8), (uint8_t)p, (uint8_t)(p >> 24)};
    return c;
}

static void clear(fixture *f)
{
    ui_gfx_begin_frame(f->g);
    ui_fill(f->g, ui_gfx_screen(f->g), UI_BG);
}

static void test_the_screen_is_the_target_size_at_scale_one(void **state)
{
    fixture *f = *state;
    ui_gfx_begin_frame(f->g);
    ui_rect s = ui_gfx_screen(f->g);
    assert_int_equal(s.w, 800);
    assert_int_equal(s.h, 600);
}

static void test_fills_land_in_the_palette_colour_and_palettes_switch(void **state)
{
    fixture *f = *state;
    clear(f);
    ui_fill(f->g, (ui_rect){10, 10, 20, 20}, UI_BAD);
    ui_colour want = ui_palette_colour(UI_PALETTE_STANDARD, UI_BAD), got = pixel(f, 15, 15);
    assert_true(got.r == want.r && got.g == want.g && got.b == want.b);
    ui_colour bg = ui_palette_colour(UI_PALETTE_STANDARD, UI_BG), out = pixel(f, 35, 15);
    assert_true(out.r == bg.r && out.g == bg.g && out.b == bg.b);
    ui_gfx_set_palette(f->g, UI_PALETTE_COLOURBLIND);
    assert_int_equal(ui_gfx_palette(f->g), UI_PALETTE_COLOURBLIND);
    ui_fill(f->g, (ui_rect){10, 10, 20, 20}, UI_BAD);
    want = ui_palette_colour(UI_PALETTE_COLOURBLIND, UI_BAD);
    got = pixel(f, 15, 15);
    assert_true(got.r == want.r && got.g == want.g && got.b == want.b);
    ui_gfx_set_palette(f->g, (ui_palette_kind)9); /* ignored */
    assert_int_equal(ui_gfx_palette(f->g), UI_PALETTE_COLOURBLIND);
    ui_gfx_set_palette(f->g, UI_PALETTE_STANDARD);
}

static void test_text_draws_inside_its_line_and_measures_what_it_draws(void **state)
{
    fixture *f = *state;
    clear(f);
    int lh = ui_line_height(f->g, UI_FONT_BODY);
    assert_true(lh >= 12 && lh <= 30);
    assert_int_equal(ui_text_width(f->g, UI_FONT_BODY, ""), 0);
    assert_int_equal(ui_text_width(f->g, UI_FONT_BODY, NULL), 0);
    int w1 = ui_text_width(f->g, UI_FONT_BODY, "M"), w3 = ui_text_width(f->g, UI_FONT_BODY, "MMM");
    assert_true(w1 > 0 && w3 > 2 * w1);
    assert_true(ui_text_width(f->g, UI_FONT_TITLE, "MMM") > w3);
    int drawn = ui_text(f->g, UI_FONT_BODY, 100, 100, UI_TEXT, "MMM");
    assert_int_equal(drawn, w3);
    /* some pixel inside the text's box is no longer the background; none right of it is */
    ui_colour bg = ui_palette_colour(UI_PALETTE_STANDARD, UI_BG);
    bool inked = false;
    for (int y = 100; y < 100 + lh && !inked; y++)
        for (int x = 100; x < 100 + w3 && !inked; x++) {
            ui_colour c = pixel(f, x, y);
            inked = c.r != bg.r || c.g != bg.g || c.b != bg.b;
        }
    assert_true(inked);
    for (int y = 100; y < 100 + lh; y++) {
        ui_colour c = pixel(f, 100 + w3 + 3, y);
        assert_true(c.r == bg.r && c.g == bg.g && c.b == bg.b);
    }
}

static void test_bad_utf8_and_control_characters_still_draw(void **state)
{
    fixture *f = *state;
    clear(f);
    assert_true(ui_text(f->g, UI_FONT_BODY, 10, 10, UI_TEXT, "ok\xff\xfe bytes") > 0);
    assert_true(ui_text(f->g, UI_FONT_BODY, 10, 40, UI_TEXT, "\xe2\x82") >
                0); /* truncated sequence */
    assert_true(ui_text(f->g, UI_FONT_BODY, 10, 70, UI_TEXT, "esc\x1b[31mred") > 0);
    /* the replacement is as wide as U+FFFD */
    assert_int_equal(ui_text_width(f->g, UI_FONT_BODY, "\xff"),
                     ui_text_width(f->g, UI_FONT_BODY, "\xef\xbf\xbd"));
}

static void test_wrapping_breaks_at_spaces_and_paragraphs_and_cuts_long_words(void **state)
{
    fixture *f = *state;
    clear(f);
    int lh = ui_line_height(f->g, UI_FONT_BODY);
    int word = ui_text_width(f->g, UI_FONT_BODY, "wordy");
    int two = ui_text_width(f->g, UI_FONT_BODY, "wordy wordy");
    ui_rect one_word = {0, 0, word + 2, 1000};
    assert_int_equal(
        ui_text_wrap(f->g, UI_FONT_BODY, one_word, UI_TEXT, "wordy wordy wordy", false), 3 * lh);
    ui_rect two_words = {0, 0, two + 2, 1000};
    assert_int_equal(
        ui_text_wrap(f->g, UI_FONT_BODY, two_words, UI_TEXT, "wordy wordy wordy", false), 2 * lh);
    assert_int_equal(
        ui_text_wrap(f->g, UI_FONT_BODY, (ui_rect){0, 0, 700, 1000}, UI_TEXT, "a\n\nb", false),
        3 * lh);
    assert_int_equal(
        ui_text_wrap(f->g, UI_FONT_BODY, (ui_rect){0, 0, 700, 1000}, UI_TEXT, "", false), 0);
    /* a word wider than the box is cut at characters, never lost */
    int h = ui_text_wrap(f->g, UI_FONT_BODY, (ui_rect){0, 0, 40, 1000}, UI_TEXT,
                         "supercalifragilisticexpialidocious", false);
    assert_true(h >= 4 * lh);
    /* measuring does not draw; drawing stays inside the box */
    ui_colour bg = ui_palette_colour(UI_PALETTE_STANDARD, UI_BG);
    ui_text_wrap(f->g, UI_FONT_BODY, (ui_rect){200, 200, 100, lh}, UI_TEXT,
                 "line one is long and goes on", true);
    for (int x = 200; x < 300; x++) {
        ui_colour c = pixel(f, x, 200 + lh + 4); /* below the one-line box: clipped */
        assert_true(c.r == bg.r && c.g == bg.g && c.b == bg.b);
    }
}

static void test_text_textures_are_cached_and_evicted_when_unused(void **state)
{
    fixture *f = *state;
    ui_gfx *g = f->g;
    gfx_text_cache_clear(g);
    for (int frame = 0; frame < 50; frame++) {
        ui_gfx_begin_frame(g);
        ui_text(g, UI_FONT_BODY, 0, 0, UI_TEXT, "the same words");
        ui_text(g, UI_FONT_BODY, 0, 20, UI_WARN,
                "the same words"); /* another colour: its own texture */
    }
    assert_int_equal(g->text_count, 2);
    ui_text(g, UI_FONT_BOLD, 0, 0, UI_TEXT, "the same words"); /* another font: another texture */
    assert_int_equal(g->text_count, 3);
    for (int i = 0; i < 100; i++) {
        char s[32];
        snprintf(s, sizeof s, "day %d", i);
        ui_text(g, UI_FONT_SMALL, 0, 0, UI_TEXT, s);
    }
    assert_int_equal(g->text_count, 103);
    assert_true(g->text_bytes > 0);
    /* frames pass without those strings: they go, what is still drawn stays */
    for (int frame = 0; frame < 700; frame++) {
        ui_gfx_begin_frame(g);
        ui_text(g, UI_FONT_BODY, 0, 0, UI_TEXT, "the same words");
    }
    assert_int_equal(g->text_count, 1);
    gfx_text_cache_clear(g);
    assert_int_equal(g->text_count, 0);
    assert_int_equal((long)g->text_bytes, 0);
}

/* The brightest pixel of a box, by its largest channel. */
static ui_colour brightest(fixture *f, int x0, int y0, int w, int h)
{
    ui_colour best = {0, 0, 0, 0};
    int bv = -1;
    for (int y = y0; y < y0 + h; y++)
        for (int x = x0; x < x0 + w; x++) {
            ui_colour c = pixel(f, x, y);
            int v = c.r > c.g ? c.r : c.g;
            v = v > c.b ? v : c.b;
            if (v > bv) {
                bv = v;
                best = c;
            }
        }
    return best;
}

static void test_text_is_rasterised_in_its_colour_and_drawn_without_a_mod(void **state)
{
    fixture *f = *state;
    ui_gfx *g = f->g;
    gfx_text_cache_clear(g);
    ui_gfx_begin_frame(g);
    ui_fill_rgba(g, ui_gfx_screen(g), (ui_colour){0, 0, 0, 255});
    int lh = ui_line_height(g, UI_FONT_BOLD);
    ui_colour red = {255, 0, 0, 255}, green = {0, 255, 0, 255}, half = {255, 255, 255, 128};
    int w = ui_text_rgba(g, UI_FONT_BOLD, 10, 10, red, "HHH");
    assert_int_equal(ui_text_rgba(g, UI_FONT_BOLD, 10, 60, green, "HHH"), w);
    assert_int_equal(ui_text_rgba(g, UI_FONT_BOLD, 10, 110, half, "HHH"), w);
    /* each copy in its own colour: the cache tells colours apart */
    ui_colour r = brightest(f, 10, 10, w, lh), gr = brightest(f, 10, 60, w, lh);
    assert_true(r.r > 240 && r.g < 10 && r.b < 10);
    assert_true(gr.g > 240 && gr.r < 10 && gr.b < 10);
    /* the alpha is baked into the texture: half as bright over black */
    ui_colour h = brightest(f, 10, 110, w, lh);
    assert_true(h.r >= 110 && h.r <= 145);
    /* no texture carries a colour or alpha mod (the slow blit) */
    int seen = 0;
    for (int b = 0; b < TEXT_BUCKETS; b++)
        for (text_entry *e = g->buckets[b]; e; e = e->next) {
            if (!e->tex)
                continue;
            Uint8 cr, cg, cb, ca;
            SDL_GetTextureColorMod(e->tex, &cr, &cg, &cb);
            SDL_GetTextureAlphaMod(e->tex, &ca);
            assert_true(cr == 255 && cg == 255 && cb == 255 && ca == 255);
            seen++;
        }
    assert_int_equal(seen, 3);
}

static void test_measuring_text_does_not_rasterise_it(void **state)
{
    fixture *f = *state;
    ui_gfx *g = f->g;
    gfx_text_cache_clear(g);
    ui_gfx_begin_frame(g);
    int w = ui_text_width(g, UI_FONT_BODY, "only measured");
    assert_true(w > 0);
    assert_int_equal(g->text_count, 1);
    assert_int_equal((long)g->text_bytes, 0);
    /* the first draw gives that entry its texture, at the measured width */
    assert_int_equal(ui_text(g, UI_FONT_BODY, 0, 0, UI_TEXT, "only measured"), w);
    assert_int_equal(g->text_count, 1);
    assert_true(g->text_bytes > 0);
    /* measuring again finds the drawn entry; a second colour adds one */
    assert_int_equal(ui_text_width(g, UI_FONT_BODY, "only measured"), w);
    assert_int_equal(ui_text(g, UI_FONT_BODY, 0, 0, UI_WARN, "only measured"), w);
    assert_int_equal(g->text_count, 2);
    /* invisible text is measured, never rasterised */
    assert_int_equal(ui_text_rgba(g, UI_FONT_BODY, 0, 0, (ui_colour){1, 2, 3, 0}, "only measured"),
                     w);
    assert_int_equal(g->text_count, 2);
}

static void test_the_text_cache_stays_bounded_when_every_frame_is_new_text(void **state)
{
    fixture *f = *state;
    ui_gfx *g = f->g;
    gfx_text_cache_clear(g);
    char s[32];
    const int per_frame = 1000;
    for (int frame = 0; frame < 20; frame++) {
        ui_gfx_begin_frame(g);
        for (int i = 0; i < per_frame; i++) {
            snprintf(s, sizeof s, "%d.%d", frame, i);
            ui_text(g, UI_FONT_SMALL, 0, 0, UI_TEXT, s);
        }
        /* at most the bound plus what the last three frames drew (20000
         * strings were drawn in all) */
        assert_true(g->text_count <= TEXT_MAX_ENTRIES + 3 * per_frame);
    }
    /* this frame's strings survive the trimming */
    snprintf(s, sizeof s, "19.%d", per_frame - 1);
    int before = g->text_count;
    ui_text(g, UI_FONT_SMALL, 0, 0, UI_TEXT, s);
    assert_int_equal(g->text_count, before);
    gfx_text_cache_clear(g);
}

static void test_opaque_and_translucent_fills_mix_as_they_should(void **state)
{
    fixture *f = *state;
    ui_gfx *g = f->g;
    ui_gfx_begin_frame(g);
    ui_fill_rgba(g, (ui_rect){0, 0, 40, 40}, (ui_colour){200, 0, 0, 255});
    ui_fill_rgba(g, (ui_rect){0, 0, 20, 40}, (ui_colour){0, 0, 200, 128}); /* blends */
    ui_colour mixed = pixel(f, 10, 10), red = pixel(f, 30, 10);
    assert_true(mixed.r > 80 && mixed.r < 120 && mixed.b > 80 && mixed.b < 120);
    assert_true(red.r == 200 && red.g == 0 && red.b == 0);
    /* an opaque fill after a translucent one replaces the pixels exactly */
    ui_fill_rgba(g, (ui_rect){0, 0, 20, 40}, (ui_colour){10, 20, 30, 255});
    ui_colour c = pixel(f, 10, 10);
    assert_true(c.r == 10 && c.g == 20 && c.b == 30);
    /* and lines and discs blend only when translucent */
    ui_line_rgba(g, 0, 5, 39, 5, (ui_colour){0, 200, 0, 128});
    c = pixel(f, 30, 5);
    assert_true(c.r > 80 && c.r < 120 && c.g > 80 && c.g < 120);
}

static void test_text_scale_is_bounded_and_grows_the_text(void **state)
{
    fixture *f = *state;
    bw_err e;
    int lh = ui_line_height(f->g, UI_FONT_BODY), w = ui_text_width(f->g, UI_FONT_BODY, "scale");
    assert_int_equal(ui_gfx_set_text_scale(f->g, 2.0, &e), BW_OK);
    assert_true(ui_line_height(f->g, UI_FONT_BODY) >= 2 * lh - 2);
    assert_true(ui_text_width(f->g, UI_FONT_BODY, "scale") >= 2 * w - 4);
    assert_int_equal(ui_gfx_set_text_scale(f->g, 2.5, &e), BW_EINVAL);
    assert_int_equal(ui_gfx_set_text_scale(f->g, 0.5, &e), BW_EINVAL);
    assert_true(ui_gfx_text_scale(f->g) == 2.0);
    assert_int_equal(ui_gfx_set_text_scale(f->g, 1.0, &e), BW_OK);
    assert_int_equal(ui_line_height(f->g, UI_FONT_BODY), lh);
}

static void test_a_button_clicks_on_release_inside_when_enabled(void **state)
{
    fixture *f = *state;
    clear(f);
    ui_rect b = {100, 100, 200, 40};
    ui_pointer in_released = {150, 120, false, true, false, 0};
    ui_pointer in_pressed = {150, 120, true, false, true, 0};
    ui_pointer out_released = {50, 50, false, true, false, 0};
    assert_true(ui_button(f->g, &in_released, b, "Go", "Enter", false, true));
    assert_false(ui_button(f->g, &in_pressed, b, "Go", "Enter", false, true));
    assert_false(ui_button(f->g, &out_released, b, "Go", NULL, true, true));
    assert_false(ui_button(f->g, &in_released, b, "Go", NULL, false, false));
    assert_false(ui_button(f->g, NULL, b, NULL, NULL, true, true));
    /* the focus ring is the accent colour, so focus shows without a pointer */
    ui_button(f->g, &out_released, b, "Go", NULL, true, true);
    ui_colour want = ui_palette_colour(UI_PALETTE_STANDARD, UI_ACCENT), got = pixel(f, 100, 110);
    assert_true(got.r == want.r && got.g == want.g && got.b == want.b);
}

static void test_a_screenshot_is_a_png_of_the_frame(void **state)
{
    fixture *f = *state;
    clear(f);
    ui_fill(f->g, (ui_rect){0, 0, 10, 10}, UI_GOOD);
    char path[] = "/tmp/bulwark-shot-XXXXXX";
    int fd = mkstemp(path);
    assert_true(fd >= 0);
    close(fd);
    bw_err e;
    assert_int_equal(ui_gfx_screenshot(f->g, path, &e), BW_OK);
    SDL_Surface *png = IMG_Load(path);
    assert_non_null(png);
    assert_int_equal(png->w, 800);
    assert_int_equal(png->h, 600);
    SDL_FreeSurface(png);
    unlink(path);
    assert_int_equal(ui_gfx_screenshot(f->g, "/nonexistent/dir/shot.png", &e), BW_EIO);
    assert_non_null(strstr(e.msg, "/nonexistent/dir/shot.png"));
}

static void test_create_refuses_a_missing_renderer(void **state)
{
    (void)state;
    bw_err e;
    assert_null(ui_gfx_create(NULL, NULL, UI_PALETTE_STANDARD, 1.0, &e));
    assert_int_equal(e.code, BW_EINVAL);
    ui_gfx_destroy(NULL);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_the_screen_is_the_target_size_at_scale_one),
        cmocka_unit_test(test_fills_land_in_the_palette_colour_and_palettes_switch),
        cmocka_unit_test(test_text_draws_inside_its_line_and_measures_what_it_draws),
        cmocka_unit_test(test_bad_utf8_and_control_characters_still_draw),
        cmocka_unit_test(test_wrapping_breaks_at_spaces_and_paragraphs_and_cuts_long_words),
        cmocka_unit_test(test_text_textures_are_cached_and_evicted_when_unused),
        cmocka_unit_test(test_text_is_rasterised_in_its_colour_and_drawn_without_a_mod),
        cmocka_unit_test(test_measuring_text_does_not_rasterise_it),
        cmocka_unit_test(test_the_text_cache_stays_bounded_when_every_frame_is_new_text),
        cmocka_unit_test(test_opaque_and_translucent_fills_mix_as_they_should),
        cmocka_unit_test(test_text_scale_is_bounded_and_grows_the_text),
        cmocka_unit_test(test_a_button_clicks_on_release_inside_when_enabled),
        cmocka_unit_test(test_a_screenshot_is_a_png_of_the_frame),
        cmocka_unit_test(test_create_refuses_a_missing_renderer),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
