/* test_ui_layout.c — rectangles and layout by slicing: cuts partition the
 * rectangle exactly, never go negative, insets stay inside. No window. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "bulwark/ui.h"

static void assert_rect(ui_rect r, int x, int y, int w, int h)
{
    if (r.x != x || r.y != y || r.w != w || r.h != h)
        fail_msg("got {%d,%d,%d,%d}, expected {%d,%d,%d,%d}", r.x, r.y, r.w, r.h, x, y, w, h);
}

static void test_contains_is_half_open(void **state)
{
    (void)state;
    ui_rect r = {10, 20, 30, 40};
    assert_true(ui_rect_contains(r, 10, 20));
    assert_true(ui_rect_contains(r, 39, 59));
    assert_false(ui_rect_contains(r, 40, 30));
    assert_false(ui_rect_contains(r, 20, 60));
    assert_false(ui_rect_contains(r, 9, 30));
    ui_rect empty = {5, 5, 0, 0};
    assert_false(ui_rect_contains(empty, 5, 5));
}

static void test_cuts_take_a_strip_and_shrink_the_rest(void **state)
{
    (void)state;
    ui_rect r = {0, 0, 100, 80};
    assert_rect(ui_cut_top(&r, 10), 0, 0, 100, 10);
    assert_rect(r, 0, 10, 100, 70);
    assert_rect(ui_cut_bottom(&r, 20), 0, 60, 100, 20);
    assert_rect(r, 0, 10, 100, 50);
    assert_rect(ui_cut_left(&r, 30), 0, 10, 30, 50);
    assert_rect(r, 30, 10, 70, 50);
    assert_rect(ui_cut_right(&r, 5), 95, 10, 5, 50);
    assert_rect(r, 30, 10, 65, 50);
}

static void test_cutting_more_than_is_left_takes_all_and_never_goes_negative(void **state)
{
    (void)state;
    ui_rect r = {0, 0, 50, 40};
    assert_rect(ui_cut_top(&r, 100), 0, 0, 50, 40);
    assert_rect(r, 0, 40, 50, 0);
    assert_rect(ui_cut_top(&r, 10), 0, 40, 50, 0);
    ui_rect s = {0, 0, 50, 40};
    assert_rect(ui_cut_right(&s, 60), 0, 0, 50, 40);
    assert_rect(s, 0, 0, 0, 40);
    ui_rect t = {0, 0, 50, 40};
    assert_rect(ui_cut_left(&t, -5), 0, 0, 0, 40);
    assert_rect(t, 0, 0, 50, 40);
    assert_rect(ui_cut_bottom(&t, -1), 0, 40, 50, 0);
    assert_rect(t, 0, 0, 50, 40);
}

static void test_successive_cuts_tile_the_rectangle(void **state)
{
    (void)state;
    /* Cut a 1280x800 screen like the play screen does; the pieces'
     * areas must add up to the whole with no overlap. */
    ui_rect all = {0, 0, 1280, 800}, r = all;
    ui_rect parts[5];
    parts[0] = ui_cut_top(&r, 48);
    parts[1] = ui_cut_bottom(&r, 160);
    parts[2] = ui_cut_right(&r, 360);
    parts[3] = ui_cut_left(&r, 0);
    parts[4] = r;
    long area = 0;
    for (int i = 0; i < 5; i++) {
        area += (long)parts[i].w * parts[i].h;
        for (int j = 0; j < i; j++) {
            bool overlap =
                parts[i].x < parts[j].x + parts[j].w && parts[j].x < parts[i].x + parts[i].w &&
                parts[i].y < parts[j].y + parts[j].h && parts[j].y < parts[i].y + parts[i].h;
            assert_false(overlap);
        }
    }
    assert_int_equal(area, 1280L * 800L);
}

static void test_inset_shrinks_on_every_side_and_clamps(void **state)
{
    (void)state;
    assert_rect(ui_rect_inset((ui_rect){10, 10, 100, 50}, 5), 15, 15, 90, 40);
    assert_rect(ui_rect_inset((ui_rect){10, 10, 100, 50}, -5), 5, 5, 110, 60);
    ui_rect tiny = ui_rect_inset((ui_rect){0, 0, 6, 4}, 10);
    assert_true(tiny.w >= 0 && tiny.h >= 0);
    assert_true(tiny.x >= 0 && tiny.x <= 6 && tiny.y >= 0 && tiny.y <= 4);
}

/* The window opens at the size the player left it, shrunk to a smaller
 * screen (with room for the frame), never below the minimum the screens
 * are laid out for, unless the screen itself is smaller than that. */
static void test_the_window_fits_the_screen_it_opens_on(void **state)
{
    (void)state;
    int w, h;
    ui_window_fit(1280, 800, 1920, 1080, &w, &h); /* room to spare: as asked */
    assert_int_equal(w, 1280);
    assert_int_equal(h, 800);
    ui_window_fit(1280, 800, 1024, 768, &w, &h); /* a small laptop: shrunk to fit */
    assert_true(w <= 1024 - 1024 / 20 && w >= UI_WINDOW_MIN_W);
    assert_true(h <= 768 - 768 / 20 && h >= UI_WINDOW_MIN_H);
    ui_window_fit(1280, 800, 800, 600, &w, &h); /* 800x600: the minimum width, not less */
    assert_int_equal(w, UI_WINDOW_MIN_W);
    assert_true(h >= UI_WINDOW_MIN_H && h <= 600 - 600 / 20);
    ui_window_fit(1280, 800, 640, 480, &w, &h); /* smaller than the minimum: the screen */
    assert_int_equal(w, 640);
    assert_int_equal(h, 480);
    ui_window_fit(300, 200, 1920, 1080, &w, &h); /* a stored size too small: the minimum */
    assert_int_equal(w, UI_WINDOW_MIN_W);
    assert_int_equal(h, UI_WINDOW_MIN_H);
    ui_window_fit(1500, 900, 0, 0, &w, &h); /* the screen unknown: as asked */
    assert_int_equal(w, 1500);
    assert_int_equal(h, 900);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_contains_is_half_open),
        cmocka_unit_test(test_cuts_take_a_strip_and_shrink_the_rest),
        cmocka_unit_test(test_cutting_more_than_is_left_takes_all_and_never_goes_negative),
        cmocka_unit_test(test_successive_cuts_tile_the_rectangle),
        cmocka_unit_test(test_inset_shrinks_on_every_side_and_clamps),
        cmocka_unit_test(test_the_window_fits_the_screen_it_opens_on),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
