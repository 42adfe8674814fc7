/* test_ui_screen.c — the screen state machine: every screen is reachable,
 * nothing traps the player, and each transition is the one a player
 * expects (Escape never quits the game, play is entered only through a
 * start or a resume, errors only through a failed load). No window. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "bulwark/ui.h"

/* reach[s] after a breadth-first walk from start. */
static void walk(ui_screen start, bool reach[UI_SCREEN_COUNT])
{
    memset(reach, 0, sizeof(bool) * UI_SCREEN_COUNT);
    ui_screen queue[UI_SCREEN_COUNT];
    int head = 0, tail = 0;
    reach[start] = true;
    queue[tail++] = start;
    while (head < tail) {
        ui_screen s = queue[head++];
        for (int e = 0; e < UI_EVENT_COUNT; e++) {
            ui_screen t = ui_screen_next(s, (ui_event_kind)e);
            assert_true(t >= 0 && t < UI_SCREEN_COUNT);
            if (!reach[t]) {
                reach[t] = true;
                queue[tail++] = t;
            }
        }
    }
}

static void test_every_screen_is_reachable_from_the_menu(void **state)
{
    (void)state;
    bool reach[UI_SCREEN_COUNT];
    walk(UI_SCREEN_MENU, reach);
    for (int s = 0; s < UI_SCREEN_COUNT; s++)
        if (!reach[s])
            fail_msg("screen %s cannot be reached from the menu", ui_screen_name((ui_screen)s));
}

static void test_no_screen_traps_the_player(void **state)
{
    (void)state;
    for (int s = 0; s < UI_SCREEN_COUNT; s++) {
        if (s == UI_SCREEN_QUIT)
            continue;
        bool reach[UI_SCREEN_COUNT];
        walk((ui_screen)s, reach);
        if (!reach[UI_SCREEN_MENU] || !reach[UI_SCREEN_QUIT])
            fail_msg("from %s the menu or quitting is out of reach", ui_screen_name((ui_screen)s));
    }
}

static void test_quit_is_final(void **state)
{
    (void)state;
    for (int e = 0; e < UI_EVENT_COUNT; e++)
        assert_int_equal(ui_screen_next(UI_SCREEN_QUIT, (ui_event_kind)e), UI_SCREEN_QUIT);
}

static void test_back_never_quits_and_never_starts_play(void **state)
{
    (void)state;
    for (int s = 0; s < UI_SCREEN_COUNT; s++) {
        if (s == UI_SCREEN_QUIT)
            continue;
        ui_screen t = ui_screen_next((ui_screen)s, UI_BACK);
        assert_int_not_equal(t, UI_SCREEN_QUIT);
        /* Back from pause resumes the game: the only way back into play. */
        if (s != UI_SCREEN_PAUSE)
            assert_int_not_equal(t, UI_SCREEN_PLAY);
    }
    assert_int_equal(ui_screen_next(UI_SCREEN_MENU, UI_BACK), UI_SCREEN_MENU);
}

static void test_play_is_entered_only_by_start_or_resume(void **state)
{
    (void)state;
    for (int s = 0; s < UI_SCREEN_COUNT; s++)
        for (int e = 0; e < UI_EVENT_COUNT; e++) {
            if (s == UI_SCREEN_PLAY)
                continue;
            if (ui_screen_next((ui_screen)s, (ui_event_kind)e) != UI_SCREEN_PLAY)
                continue;
            bool ok = e == UI_START || (s == UI_SCREEN_PAUSE && (e == UI_RESUME || e == UI_BACK));
            if (!ok)
                fail_msg("%s enters play on event %d", ui_screen_name((ui_screen)s), e);
        }
}

static void test_errors_come_only_from_failed_loads_and_lead_back_to_the_menu(void **state)
{
    (void)state;
    for (int s = 0; s < UI_SCREEN_COUNT; s++)
        for (int e = 0; e < UI_EVENT_COUNT; e++)
            if (s != UI_SCREEN_ERROR &&
                ui_screen_next((ui_screen)s, (ui_event_kind)e) == UI_SCREEN_ERROR)
                assert_int_equal(e, UI_LOAD_FAILED);
    assert_int_equal(ui_screen_next(UI_SCREEN_CAMPAIGN, UI_LOAD_FAILED), UI_SCREEN_ERROR);
    assert_int_equal(ui_screen_next(UI_SCREEN_ERROR, UI_BACK), UI_SCREEN_MENU);
}

static void test_the_expected_paths_through_a_game(void **state)
{
    (void)state;
    static const struct {
        ui_screen from;
        ui_event_kind ev;
        ui_screen to;
    } path[] = {
        {UI_SCREEN_MENU, UI_GO_CAMPAIGN, UI_SCREEN_CAMPAIGN},
        {UI_SCREEN_CAMPAIGN, UI_PICK_SCENARIO, UI_SCREEN_BRIEFING},
        {UI_SCREEN_BRIEFING, UI_START, UI_SCREEN_PLAY},
        {UI_SCREEN_PLAY, UI_PAUSE, UI_SCREEN_PAUSE},
        {UI_SCREEN_PLAY, UI_BACK, UI_SCREEN_PAUSE},
        {UI_SCREEN_PAUSE, UI_RESUME, UI_SCREEN_PLAY},
        {UI_SCREEN_PAUSE, UI_START, UI_SCREEN_PLAY},
        {UI_SCREEN_PAUSE, UI_GO_SETTINGS, UI_SCREEN_SETTINGS},
        {UI_SCREEN_PAUSE, UI_GO_QUIT, UI_SCREEN_MENU},
        {UI_SCREEN_PLAY, UI_GAME_OVER, UI_SCREEN_DEBRIEF},
        {UI_SCREEN_DEBRIEF, UI_GO_CAMPAIGN, UI_SCREEN_CAMPAIGN},
        {UI_SCREEN_DEBRIEF, UI_START, UI_SCREEN_PLAY},
        {UI_SCREEN_DEBRIEF, UI_BACK, UI_SCREEN_MENU},
        {UI_SCREEN_BRIEFING, UI_BACK, UI_SCREEN_CAMPAIGN},
        {UI_SCREEN_CAMPAIGN, UI_BACK, UI_SCREEN_MENU},
        {UI_SCREEN_MENU, UI_PICK_SCENARIO, UI_SCREEN_BRIEFING},
        {UI_SCREEN_MENU, UI_GO_SETTINGS, UI_SCREEN_SETTINGS},
        {UI_SCREEN_SETTINGS, UI_BACK, UI_SCREEN_MENU},
        {UI_SCREEN_MENU, UI_GO_QUIT, UI_SCREEN_QUIT},
        /* meaningless events stay put */
        {UI_SCREEN_MENU, UI_GAME_OVER, UI_SCREEN_MENU},
        {UI_SCREEN_SETTINGS, UI_START, UI_SCREEN_SETTINGS},
        {UI_SCREEN_BRIEFING, UI_GAME_OVER, UI_SCREEN_BRIEFING},
        {UI_SCREEN_DEBRIEF, UI_PAUSE, UI_SCREEN_DEBRIEF},
    };
    for (size_t i = 0; i < sizeof path / sizeof path[0]; i++) {
        ui_screen got = ui_screen_next(path[i].from, path[i].ev);
        if (got != path[i].to)
            fail_msg("%s + event %d went to %s, expected %s", ui_screen_name(path[i].from),
                     path[i].ev, ui_screen_name(got), ui_screen_name(path[i].to));
    }
}

static void test_names_are_distinct_and_bad_values_are_safe(void **state)
{
    (void)state;
    for (int a = 0; a < UI_SCREEN_COUNT; a++) {
        assert_string_not_equal(ui_screen_name((ui_screen)a), "?");
        for (int b = 0; b < a; b++)
            assert_string_not_equal(ui_screen_name((ui_screen)a), ui_screen_name((ui_screen)b));
    }
    assert_string_equal(ui_screen_name((ui_screen)-1), "?");
    assert_int_equal(ui_screen_next((ui_screen)77, UI_BACK), UI_SCREEN_MENU);
    assert_int_equal(ui_screen_next(UI_SCREEN_MENU, (ui_event_kind)99), UI_SCREEN_MENU);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_every_screen_is_reachable_from_the_menu),
        cmocka_unit_test(test_no_screen_traps_the_player),
        cmocka_unit_test(test_quit_is_final),
        cmocka_unit_test(test_back_never_quits_and_never_starts_play),
        cmocka_unit_test(test_play_is_entered_only_by_start_or_resume),
        cmocka_unit_test(test_errors_come_only_from_failed_loads_and_lead_back_to_the_menu),
        cmocka_unit_test(test_the_expected_paths_through_a_game),
        cmocka_unit_test(test_names_are_distinct_and_bad_values_are_safe),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
