/* test_ui_input_script.c — the scripted input of `bulwark play --input`:
 * every event kind parses, key names and modifiers resolve, events come
 * out in frame order (stable), and every bad line is reported with its
 * file:line. No window. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <cmocka.h>

#include <SDL_keycode.h>

#include "bulwark/ui.h"
#include "bulwark/ui_app.h"

static void test_every_event_kind_parses(void **state)
{
    (void)state;
    ui_input_script s;
    bw_err e;
    const char *text = "# a comment\n"
                       "\n"
                       "12 key Tab\n"
                       "13 key shift+h   # Shift+H\n"
                       "14 key ctrl+=\n"
                       "30 click 640 400\n"
                       "40 select web-1\n"
                       "41 speed 240\n"
                       "90 shot /tmp/x.png\n"
                       "91 key Return\r\n";
    assert_int_equal(ui_input_script_parse(text, "t.input", &s, &e), BW_OK);
    assert_int_equal(s.count, 8);
    assert_int_equal(s.items[0].kind, UI_INPUT_KEY);
    assert_int_equal(s.items[0].frame, 12);
    assert_int_equal(s.items[0].key, SDLK_TAB);
    assert_int_equal(s.items[0].mods, 0);
    assert_int_equal(s.items[0].line, 3);
    assert_int_equal(s.items[1].key, SDLK_h);
    assert_int_equal(s.items[1].mods, UI_MOD_SHIFT);
    assert_int_equal(s.items[2].key, SDLK_EQUALS);
    assert_int_equal(s.items[2].mods, UI_MOD_CTRL);
    assert_int_equal(s.items[3].kind, UI_INPUT_CLICK);
    assert_int_equal(s.items[3].x, 640);
    assert_int_equal(s.items[3].y, 400);
    assert_int_equal(s.items[4].kind, UI_INPUT_SELECT);
    assert_string_equal(s.items[4].text, "web-1");
    assert_int_equal(s.items[5].kind, UI_INPUT_SPEED);
    assert_int_equal(s.items[5].n, 240);
    assert_int_equal(s.items[6].kind, UI_INPUT_SHOT);
    assert_string_equal(s.items[6].text, "/tmp/x.png");
    assert_int_equal(s.items[7].key, SDLK_RETURN);
    ui_input_script_free(&s);
    assert_null(s.items);
    assert_int_equal(s.count, 0);
}

static void test_events_come_in_frame_order_and_keep_file_order_within_a_frame(void **state)
{
    (void)state;
    ui_input_script s;
    bw_err e;
    assert_int_equal(ui_input_script_parse("50 key b\n10 key c\n50 key a\n10 key d\n", "t", &s, &e),
                     BW_OK);
    assert_int_equal(s.count, 4);
    static const int want_frame[] = {10, 10, 50, 50};
    static const int want_key[] = {SDLK_c, SDLK_d, SDLK_b, SDLK_a};
    for (int i = 0; i < 4; i++) {
        assert_int_equal(s.items[i].frame, want_frame[i]);
        assert_int_equal(s.items[i].key, want_key[i]);
    }
    ui_input_script_free(&s);
}

static void test_bad_lines_are_each_reported_with_file_and_line(void **state)
{
    (void)state;
    static const struct {
        const char *line, *expect;
    } cases[] = {
        {"x key p", "bad.input:1: expected a frame number, not 'x'"},
        {"-1 key p", "bad.input:1: expected a frame number"},
        {"5", "bad.input:1: expected key, click"},
        {"5 key", "bad.input:1: key takes one key name"},
        {"5 key NoSuchKey", "bad.input:1: unknown key name 'NoSuchKey'"},
        {"5 click 10", "bad.input:1: click takes X Y"},
        {"5 click a b", "bad.input:1: click takes X Y"},
        {"5 select", "bad.input:1: select takes one node id"},
        {"5 speed 999", "bad.input:1: speed takes ticks per second, 0 to 240"},
        {"5 jump 3", "bad.input:1: unknown event"},
        {"5 shot a b", "bad.input:1: shot takes one file name"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        ui_input_script s;
        bw_err e;
        assert_int_equal(ui_input_script_parse(cases[i].line, "bad.input", &s, &e), BW_EINVAL);
        assert_int_equal(e.code, BW_EINVAL);
        if (!strstr(e.msg, cases[i].expect))
            fail_msg("'%s' gave '%s'", cases[i].line, e.msg);
        assert_int_equal(s.count, 0);
        assert_null(s.items);
    }
}

static void test_many_errors_are_all_counted(void **state)
{
    (void)state;
    char text[2000] = "";
    for (int i = 0; i < 9; i++)
        strcat(text, "oops\n");
    strcat(text, "1 key p\n");
    ui_input_script s;
    bw_err e;
    assert_int_equal(ui_input_script_parse(text, "m", &s, &e), BW_EINVAL);
    assert_non_null(strstr(e.msg, "m:1:"));
    assert_non_null(strstr(e.msg, "m:5:"));
    assert_null(strstr(e.msg, "m:6:"));
    assert_non_null(strstr(e.msg, "(4 more)"));
}

static void test_reading_a_missing_or_binary_file_fails_cleanly(void **state)
{
    (void)state;
    ui_input_script s;
    bw_err e;
    assert_int_equal(ui_input_script_read("/nonexistent/dir/x.input", &s, &e), BW_EIO);
    assert_non_null(strstr(e.msg, "/nonexistent/dir/x.input"));
    char path[] = "/tmp/bulwark-input-XXXXXX";
    int fd = mkstemp(path);
    assert_true(fd >= 0);
    FILE *f = fdopen(fd, "wb");
    fwrite("1 key p\n\0\0\0", 1, 11, f);
    fclose(f);
    assert_int_equal(ui_input_script_read(path, &s, &e), BW_EINVAL);
    assert_non_null(strstr(e.msg, "not a text file"));
    f = fopen(path, "wb");
    fputs("0 speed 60\n1 key p\n", f);
    fclose(f);
    assert_int_equal(ui_input_script_read(path, &s, &e), BW_OK);
    assert_int_equal(s.count, 2);
    ui_input_script_free(&s);
    unlink(path);
    ui_input_script_free(NULL);
}

static void test_an_empty_script_is_fine(void **state)
{
    (void)state;
    ui_input_script s;
    bw_err e;
    assert_int_equal(ui_input_script_parse("", "e", &s, &e), BW_OK);
    assert_int_equal(s.count, 0);
    assert_int_equal(ui_input_script_parse("# only comments\n\n   \n", "e", &s, &e), BW_OK);
    assert_int_equal(s.count, 0);
    assert_int_equal(ui_input_script_parse(NULL, "e", &s, &e), BW_EINVAL);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_every_event_kind_parses),
        cmocka_unit_test(test_events_come_in_frame_order_and_keep_file_order_within_a_frame),
        cmocka_unit_test(test_bad_lines_are_each_reported_with_file_and_line),
        cmocka_unit_test(test_many_errors_are_all_counted),
        cmocka_unit_test(test_reading_a_missing_or_binary_file_fails_cleanly),
        cmocka_unit_test(test_an_empty_script_is_fine),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
