/* test_ui_input.c — keys to commands: every command and every player
 * action is reachable from the keyboard, action keys are unique and never
 * collide with panning or the log, dialogs take digits only. No window. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <ctype.h>
#include <string.h>
#include <cmocka.h>

#include <SDL_keycode.h>

#include "bulwark/sim.h"
#include "bulwark/ui.h"

/* Every key a test may press: letters, digits, keypad, named keys. */
static int all_keys(int *out)
{
    int n = 0;
    for (int k = SDLK_a; k <= SDLK_z; k++)
        out[n++] = k;
    for (int k = SDLK_0; k <= SDLK_9; k++)
        out[n++] = k;
    static const int named[] = {
        SDLK_RETURN, SDLK_KP_ENTER, SDLK_ESCAPE,  SDLK_UP,       SDLK_DOWN, SDLK_LEFT, SDLK_RIGHT,
        SDLK_TAB,    SDLK_SPACE,    SDLK_MINUS,   SDLK_EQUALS,   SDLK_PLUS, SDLK_F1,   SDLK_F12, SDLK_F3,
        SDLK_SLASH,  SDLK_QUESTION, SDLK_KP_PLUS, SDLK_KP_MINUS, SDLK_KP_0, SDLK_KP_1, SDLK_KP_2,
        SDLK_KP_3,   SDLK_KP_4,     SDLK_KP_5,    SDLK_KP_6,     SDLK_KP_7, SDLK_KP_8, SDLK_KP_9,
    };
    for (size_t i = 0; i < sizeof named / sizeof named[0]; i++)
        out[n++] = named[i];
    return n;
}

static void test_every_command_has_a_key(void **state)
{
    (void)state;
    int keys[128];
    int n = all_keys(keys);
    bool seen[UI_CMD_COUNT] = {false};
    static const unsigned mods[] = {0, UI_MOD_SHIFT, UI_MOD_CTRL};
    for (int dialog = 0; dialog < 2; dialog++)
        for (int i = 0; i < n; i++)
            for (size_t m = 0; m < 3; m++) {
                int a, o;
                seen[ui_key_map(keys[i], mods[m], dialog, &a, &o)] = true;
            }
    for (int c = UI_CMD_NONE + 1; c < UI_CMD_COUNT; c++) {
        if (!seen[c])
            fail_msg("no key gives the command '%s'", ui_cmd_name((ui_cmd)c));
        assert_string_not_equal(ui_cmd_name((ui_cmd)c), "?");
    }
}

static void test_every_action_but_choose_has_a_unique_key(void **state)
{
    (void)state;
    for (int a = 0; a < SIM_ACTION_KIND_COUNT; a++) {
        char k = ui_action_key(a);
        if (a == SIM_ACT_CHOOSE) {
            assert_int_equal(k, 0); /* answered by digits in its dialog */
            continue;
        }
        if (!isalpha((unsigned char)k))
            fail_msg("action %s has no letter", sim_action_name(a));
        for (int b = 0; b < a; b++)
            if (ui_action_key(b) == k)
                fail_msg("%s and %s share the key '%c'", sim_action_name(a), sim_action_name(b), k);
    }
    assert_int_equal(ui_action_key(-1), 0);
    assert_int_equal(ui_action_key(SIM_ACTION_KIND_COUNT), 0);
}

static void test_action_keys_reach_their_action_from_the_keyboard(void **state)
{
    (void)state;
    for (int a = 0; a < SIM_ACTION_KIND_COUNT; a++) {
        char k = ui_action_key(a);
        if (!k)
            continue;
        int key = tolower((unsigned char)k);
        unsigned mods = isupper((unsigned char)k) ? UI_MOD_SHIFT : 0;
        int got = -2, opt = -2;
        assert_int_equal(ui_key_map(key, mods, false, &got, &opt), UI_CMD_ACTION);
        assert_int_equal(got, a);
        /* The same key in a dialog never starts an action. */
        assert_int_not_equal(ui_key_map(key, mods, true, &got, &opt), UI_CMD_ACTION);
        /* Ctrl+key is reserved for the window (zoom) and never an action. */
        assert_int_not_equal(ui_key_map(key, UI_MOD_CTRL, false, &got, &opt), UI_CMD_ACTION);
    }
}

static void test_pan_and_log_letters_are_never_actions(void **state)
{
    (void)state;
    static const struct {
        int key;
        ui_cmd cmd;
    } fixed[] = {
        {SDLK_w, UI_CMD_PAN_UP},    {SDLK_a, UI_CMD_PAN_LEFT}, {SDLK_s, UI_CMD_PAN_DOWN},
        {SDLK_d, UI_CMD_PAN_RIGHT}, {SDLK_l, UI_CMD_LOG},
    };
    for (size_t i = 0; i < sizeof fixed / sizeof fixed[0]; i++) {
        int a, o;
        assert_int_equal(ui_key_map(fixed[i].key, 0, false, &a, &o), fixed[i].cmd);
        assert_int_equal(ui_key_map(fixed[i].key, UI_MOD_SHIFT, false, &a, &o), fixed[i].cmd);
        for (int k = 0; k < SIM_ACTION_KIND_COUNT; k++)
            assert_int_not_equal(tolower((unsigned char)ui_action_key(k)), fixed[i].key);
    }
}

static void test_dialog_digits_pick_zero_based_options(void **state)
{
    (void)state;
    for (int d = 1; d <= 9; d++) {
        int a = 7, o = -5;
        assert_int_equal(ui_key_map(SDLK_0 + d, 0, true, &a, &o), UI_CMD_CHOICE);
        assert_int_equal(o, d - 1);
        assert_int_equal(a, -1);
        o = -5;
        assert_int_equal(ui_key_map(SDLK_KP_1 + d - 1, 0, true, &a, &o), UI_CMD_CHOICE);
        assert_int_equal(o, d - 1);
    }
    int a, o;
    assert_int_equal(ui_key_map(SDLK_0, 0, true, &a, &o), UI_CMD_NONE);
    assert_int_equal(ui_key_map(SDLK_RETURN, 0, true, &a, &o), UI_CMD_CONFIRM);
    assert_int_equal(ui_key_map(SDLK_ESCAPE, 0, true, &a, &o), UI_CMD_BACK);
    assert_int_equal(ui_key_map(SDLK_p, 0, true, &a, &o), UI_CMD_NONE);
}

static void test_outside_a_dialog_digits_set_the_speed(void **state)
{
    (void)state;
    int a, o;
    assert_int_equal(ui_key_map(SDLK_1, 0, false, &a, &o), UI_CMD_SPEED_1);
    assert_int_equal(ui_key_map(SDLK_2, 0, false, &a, &o), UI_CMD_SPEED_2);
    assert_int_equal(ui_key_map(SDLK_3, 0, false, &a, &o), UI_CMD_SPEED_4);
    assert_int_equal(ui_key_map(SDLK_4, 0, false, &a, &o), UI_CMD_SPEED_8);
    assert_int_equal(ui_key_map(SDLK_SPACE, 0, false, &a, &o), UI_CMD_PAUSE);
    assert_int_equal(ui_key_map(SDLK_MINUS, 0, false, &a, &o), UI_CMD_SLOWER);
    assert_int_equal(ui_key_map(SDLK_EQUALS, 0, false, &a, &o), UI_CMD_FASTER);
    assert_int_equal(ui_key_map(SDLK_MINUS, UI_MOD_CTRL, false, &a, &o), UI_CMD_ZOOM_OUT);
    assert_int_equal(ui_key_map(SDLK_EQUALS, UI_MOD_CTRL, false, &a, &o), UI_CMD_ZOOM_IN);
    assert_int_equal(ui_key_map(SDLK_0, UI_MOD_CTRL, false, &a, &o), UI_CMD_ZOOM_RESET);
    assert_int_equal(ui_key_map(SDLK_TAB, 0, false, &a, &o), UI_CMD_NEXT);
    assert_int_equal(ui_key_map(SDLK_TAB, UI_MOD_SHIFT, false, &a, &o), UI_CMD_PREV);
    assert_int_equal(ui_key_map(SDLK_F12, 0, true, &a, &o), UI_CMD_SCREENSHOT);
}

static void test_unknown_keys_mean_nothing_and_outputs_are_reset(void **state)
{
    (void)state;
    int a = 3, o = 4;
    assert_int_equal(ui_key_map(SDLK_F7, 0, false, &a, &o), UI_CMD_NONE);
    assert_int_equal(a, -1);
    assert_int_equal(o, -1);
    assert_int_equal(ui_key_map(-12345, 0, false, NULL, NULL), UI_CMD_NONE);
    assert_int_equal(ui_key_map(SDLK_p, 0, false, NULL, NULL),
                     UI_CMD_ACTION); /* NULL outputs are fine */
    assert_string_equal(ui_cmd_name((ui_cmd)999), "?");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_every_command_has_a_key),
        cmocka_unit_test(test_every_action_but_choose_has_a_unique_key),
        cmocka_unit_test(test_action_keys_reach_their_action_from_the_keyboard),
        cmocka_unit_test(test_pan_and_log_letters_are_never_actions),
        cmocka_unit_test(test_dialog_digits_pick_zero_based_options),
        cmocka_unit_test(test_outside_a_dialog_digits_set_the_speed),
        cmocka_unit_test(test_unknown_keys_mean_nothing_and_outputs_are_reset),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
