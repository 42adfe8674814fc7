/* test_ui_palette.c — the two palettes: every role stands apart from the
 * background, text is readable (WCAG contrast), and in the colour-blind
 * palette GOOD / WARN / BAD (and the four pillars) stay apart under
 * simulated protanopia, deuteranopia and tritanopia (Machado et al. 2009,
 * severity 1), measured as CIELAB distance. No window. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <math.h>
#include <string.h>
#include <cmocka.h>

#include "bulwark/ui.h"

static double linear(uint8_t c)
{
    double v = c / 255.0;
    return v <= 0.04045 ? v / 12.92 : pow((v + 0.055) / 1.055, 2.4);
}

static double luminance(ui_colour c)
{
    return 0.2126 * linear(c.r) + 0.7152 * linear(c.g) + 0.0722 * linear(c.b);
}

static double contrast(ui_colour a, ui_colour b)
{
    double la = luminance(a), lb = luminance(b);
    if (la < lb) {
        double t = la;
        la = lb;
        lb = t;
    }
    return (la + 0.05) / (lb + 0.05);
}

enum { VISION_NORMAL, VISION_PROTAN, VISION_DEUTAN, VISION_TRITAN, VISION_COUNT };
static const char *const vision_names[VISION_COUNT] = {"normal", "protanopia", "deuteranopia",
                                                       "tritanopia"};
static const double vision[VISION_COUNT][3][3] = {
    {{1, 0, 0}, {0, 1, 0}, {0, 0, 1}},
    {{0.152286, 1.052583, -0.204868},
     {0.114503, 0.786281, 0.099216},
     {-0.003882, -0.048116, 1.051998}},
    {{0.367322, 0.860646, -0.227968},
     {0.280085, 0.672501, 0.047413},
     {-0.011820, 0.042940, 0.968881}},
    {{1.255528, -0.076749, -0.178779},
     {-0.078411, 0.930809, 0.147602},
     {0.004733, 0.691367, 0.303900}},
};

static double lab_f(double t) { return t > 0.008856 ? cbrt(t) : 7.787 * t + 16.0 / 116.0; }

static void to_lab(ui_colour c, int v, double lab[3])
{
    double in[3] = {linear(c.r), linear(c.g), linear(c.b)}, s[3];
    for (int i = 0; i < 3; i++) {
        s[i] = vision[v][i][0] * in[0] + vision[v][i][1] * in[1] + vision[v][i][2] * in[2];
        s[i] = s[i] < 0 ? 0 : s[i] > 1 ? 1 : s[i];
    }
    double x = (0.4124 * s[0] + 0.3576 * s[1] + 0.1805 * s[2]) / 0.95047;
    double y = 0.2126 * s[0] + 0.7152 * s[1] + 0.0722 * s[2];
    double z = (0.0193 * s[0] + 0.1192 * s[1] + 0.9505 * s[2]) / 1.08883;
    lab[0] = 116 * lab_f(y) - 16;
    lab[1] = 500 * (lab_f(x) - lab_f(y));
    lab[2] = 200 * (lab_f(y) - lab_f(z));
}

static double delta_e(ui_colour a, ui_colour b, int v)
{
    double la[3], lb[3];
    to_lab(a, v, la);
    to_lab(b, v, lb);
    return sqrt((la[0] - lb[0]) * (la[0] - lb[0]) + (la[1] - lb[1]) * (la[1] - lb[1]) +
                (la[2] - lb[2]) * (la[2] - lb[2]));
}

static const ui_role foreground[] = {
    UI_TEXT,
    UI_TEXT_DIM,
    UI_ACCENT,
    UI_GOOD,
    UI_WARN,
    UI_BAD,
    UI_INFO,
    UI_ATTACK,
    UI_PILLAR_PROTECTION,
    UI_PILLAR_RESPONSIBILITY,
    UI_PILLAR_CAPACITY,
    UI_PILLAR_COLLABORATION,
};

static void test_every_role_differs_from_the_background(void **state)
{
    (void)state;
    for (int p = 0; p < UI_PALETTE_COUNT; p++) {
        ui_colour bg = ui_palette_colour((ui_palette_kind)p, UI_BG);
        for (int r = 0; r < UI_ROLE_COUNT; r++) {
            if (r == UI_BG)
                continue;
            ui_colour c = ui_palette_colour((ui_palette_kind)p, (ui_role)r);
            if (contrast(c, bg) < 1.1 || delta_e(c, bg, VISION_NORMAL) < 4)
                fail_msg("%s palette: role %d is too close to the background", ui_palette_name(p),
                         r);
            assert_int_equal(c.a, 255);
        }
    }
}

static void test_text_and_state_colours_are_readable(void **state)
{
    (void)state;
    for (int p = 0; p < UI_PALETTE_COUNT; p++) {
        ui_colour bg = ui_palette_colour((ui_palette_kind)p, UI_BG);
        ui_colour panel = ui_palette_colour((ui_palette_kind)p, UI_PANEL);
        ui_colour hi = ui_palette_colour((ui_palette_kind)p, UI_PANEL_HI);
        assert_true(contrast(ui_palette_colour((ui_palette_kind)p, UI_TEXT), bg) >= 7.0);
        assert_true(contrast(ui_palette_colour((ui_palette_kind)p, UI_TEXT), hi) >= 7.0);
        for (size_t i = 0; i < sizeof foreground / sizeof foreground[0]; i++) {
            ui_colour c = ui_palette_colour((ui_palette_kind)p, foreground[i]);
            if (contrast(c, bg) < 4.5 || contrast(c, panel) < 3.0)
                fail_msg("%s palette: role %d is hard to read (%.2f on background, %.2f on panels)",
                         ui_palette_name(p), foreground[i], contrast(c, bg), contrast(c, panel));
        }
        /* hover/selection and borders must be visible on panels */
        assert_true(contrast(hi, panel) >= 1.2);
        assert_true(contrast(ui_palette_colour((ui_palette_kind)p, UI_BORDER), panel) >= 1.5);
    }
}

static void assert_apart(ui_palette_kind p, const ui_role *roles, int n, double min_de)
{
    for (int v = 0; v < VISION_COUNT; v++)
        for (int i = 0; i < n; i++)
            for (int j = 0; j < i; j++) {
                double d =
                    delta_e(ui_palette_colour(p, roles[i]), ui_palette_colour(p, roles[j]), v);
                if (d < min_de)
                    fail_msg("%s palette under %s: roles %d and %d are %.1f apart (need %.0f)",
                             ui_palette_name(p), vision_names[v], roles[i], roles[j], d, min_de);
            }
}

static void test_colour_blind_states_stay_apart_under_every_deficiency(void **state)
{
    (void)state;
    static const ui_role states[] = {UI_GOOD, UI_WARN, UI_BAD};
    assert_apart(UI_PALETTE_COLOURBLIND, states, 3, 30.0);
    /* The standard palette at least keeps them apart for most viewers. */
    static const ui_role pair[] = {UI_GOOD, UI_BAD};
    assert_apart(UI_PALETTE_STANDARD, pair, 2, 20.0);
}

static void test_pillar_colours_differ_under_every_deficiency(void **state)
{
    (void)state;
    /* The chart also gives each pillar its own marker and label; colour
     * only has to help, so a lower bar than the states. */
    static const ui_role pillars[] = {UI_PILLAR_PROTECTION, UI_PILLAR_RESPONSIBILITY,
                                      UI_PILLAR_CAPACITY, UI_PILLAR_COLLABORATION};
    assert_apart(UI_PALETTE_COLOURBLIND, pillars, 4, 15.0);
}

static void test_the_palettes_differ_and_bad_values_are_safe(void **state)
{
    (void)state;
    ui_colour a = ui_palette_colour(UI_PALETTE_STANDARD, UI_GOOD);
    ui_colour b = ui_palette_colour(UI_PALETTE_COLOURBLIND, UI_GOOD);
    assert_false(a.r == b.r && a.g == b.g && a.b == b.b);
    assert_string_not_equal(ui_palette_name(UI_PALETTE_STANDARD),
                            ui_palette_name(UI_PALETTE_COLOURBLIND));
    ui_colour t = ui_palette_colour((ui_palette_kind)42, (ui_role)999);
    ui_colour text = ui_palette_colour(UI_PALETTE_STANDARD, UI_TEXT);
    assert_memory_equal(&t, &text, sizeof t);
    assert_string_equal(ui_palette_name((ui_palette_kind)42), "?");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_every_role_differs_from_the_background),
        cmocka_unit_test(test_text_and_state_colours_are_readable),
        cmocka_unit_test(test_colour_blind_states_stay_apart_under_every_deficiency),
        cmocka_unit_test(test_pillar_colours_differ_under_every_deficiency),
        cmocka_unit_test(test_the_palettes_differ_and_bad_values_are_safe),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
