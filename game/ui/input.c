/* input.c — keys to commands: what the player means, whatever the key.
 *
 * Plain C over SDL keycode values (the constants only: no window, no
 * events), so the tests check the whole mapping without a display.
 *
 * Every player action has its own shortcut. There are more actions than
 * free letters (W A S D pan, L opens the log), so the node-level actions
 * take lowercase letters and the organisation-level ones (reports,
 * sharing, notification, authorities, hacking back) take Shift+letter,
 * shown as the uppercase letter. In a choice dialog digits pick options
 * and letters do nothing, so a dialog can never start an action by
 * accident. */
#include <SDL_keycode.h>

#include "bulwark/sim.h"
#include "bulwark/ui.h"

/* The shortcut of each action: lowercase = the key alone, uppercase =
 * Shift+key. 0 = none (choices are answered in their dialog). */
static const char action_keys[SIM_ACTION_KIND_COUNT] = {
    [SIM_ACT_PATCH] = 'p',
    [SIM_ACT_MFA] = 'm',
    [SIM_ACT_EDR] = 'e',
    [SIM_ACT_LOGGING] = 'g',
    [SIM_ACT_BACKUP] = 'b',
    [SIM_ACT_SEGMENT] = 'n',
    [SIM_ACT_THREAT_MODEL] = 't',
    [SIM_ACT_SCAN] = 'c',
    [SIM_ACT_CODE_REVIEW] = 'v',
    [SIM_ACT_SAST] = 'x',
    [SIM_ACT_PIN_DEPS] = 'j',
    [SIM_ACT_SIGN_BUILDS] = 'u',
    [SIM_ACT_WAF] = 'f',
    [SIM_ACT_DDOS_PROTECTION] = 'o',
    [SIM_ACT_TRAIN] = 'k',
    [SIM_ACT_ISOLATE] = 'i',
    [SIM_ACT_RECONNECT] = 'y',
    [SIM_ACT_RESTORE] = 'r',
    [SIM_ACT_ROTATE_CREDENTIALS] = 'h',
    [SIM_ACT_JOIN_SHARING] = 'J',
    [SIM_ACT_SHARE_INDICATOR] = 'I',
    [SIM_ACT_SECURITY_TXT] = 'T',
    [SIM_ACT_HANDLE_REPORT] = 'H',
    [SIM_ACT_NOTIFY] = 'N',
    [SIM_ACT_REPORT_AUTHORITIES] = 'R',
    [SIM_ACT_HACK_BACK] = 'X',
    [SIM_ACT_CHOOSE] = 0,
};

char ui_action_key(int sim_action_kind)
{
    if (sim_action_kind < 0 || sim_action_kind >= SIM_ACTION_KIND_COUNT)
        return 0;
    return action_keys[sim_action_kind];
}

static int action_for(char key)
{
    for (int i = 0; i < SIM_ACTION_KIND_COUNT; i++)
        if (action_keys[i] && action_keys[i] == key)
            return i;
    return -1;
}

static int digit_of(int k)
{
    if (k >= SDLK_1 && k <= SDLK_9)
        return k - SDLK_1 + 1;
    if (k >= SDLK_KP_1 && k <= SDLK_KP_9)
        return k - SDLK_KP_1 + 1;
    return 0;
}

ui_cmd ui_key_map(int k, unsigned mods, bool in_dialog, int *action, int *option)
{
    bool shift = (mods & UI_MOD_SHIFT) != 0, ctrl = (mods & UI_MOD_CTRL) != 0;
    if (action)
        *action = -1;
    if (option)
        *option = -1;

    switch (k) {
    case SDLK_RETURN:
    case SDLK_KP_ENTER:
    case SDLK_RETURN2: return UI_CMD_CONFIRM;
    case SDLK_ESCAPE: return UI_CMD_BACK;
    case SDLK_UP: return UI_CMD_UP;
    case SDLK_DOWN: return UI_CMD_DOWN;
    case SDLK_LEFT: return UI_CMD_LEFT;
    case SDLK_RIGHT: return UI_CMD_RIGHT;
    case SDLK_TAB: return shift ? UI_CMD_PREV : UI_CMD_NEXT;
    case SDLK_F12: return UI_CMD_SCREENSHOT;
    case SDLK_F1: return UI_CMD_HELP;
    case SDLK_F3: return UI_CMD_DEBUG;
    case SDLK_QUESTION: return UI_CMD_HELP;
    default: break;
    }
    if (k == SDLK_SLASH && shift)
        return UI_CMD_HELP; /* '?' on most layouts */

    if (in_dialog) {
        int d = digit_of(k);
        if (d > 0) {
            if (option)
                *option = d - 1;
            return UI_CMD_CHOICE;
        }
        if (k == SDLK_SPACE)
            return UI_CMD_CONFIRM;
        return UI_CMD_NONE;
    }

    if (ctrl) {
        switch (k) {
        case SDLK_EQUALS:
        case SDLK_PLUS:
        case SDLK_KP_PLUS: return UI_CMD_ZOOM_IN;
        case SDLK_MINUS:
        case SDLK_KP_MINUS: return UI_CMD_ZOOM_OUT;
        case SDLK_0:
        case SDLK_KP_0: return UI_CMD_ZOOM_RESET;
        default: return UI_CMD_NONE; /* Ctrl+letter is never an action */
        }
    }

    switch (k) {
    case SDLK_SPACE: return UI_CMD_PAUSE;
    case SDLK_1:
    case SDLK_KP_1: return UI_CMD_SPEED_1;
    case SDLK_2:
    case SDLK_KP_2: return UI_CMD_SPEED_2;
    case SDLK_3:
    case SDLK_KP_3: return UI_CMD_SPEED_4;
    case SDLK_4:
    case SDLK_KP_4: return UI_CMD_SPEED_8;
    case SDLK_MINUS:
    case SDLK_KP_MINUS: return UI_CMD_SLOWER;
    case SDLK_EQUALS:
    case SDLK_PLUS:
    case SDLK_KP_PLUS: return UI_CMD_FASTER;
    case SDLK_w: return UI_CMD_PAN_UP;
    case SDLK_s: return UI_CMD_PAN_DOWN;
    case SDLK_a: return UI_CMD_PAN_LEFT;
    case SDLK_d: return UI_CMD_PAN_RIGHT;
    case SDLK_l: return UI_CMD_LOG;
    default: break;
    }
    if (k >= SDLK_a && k <= SDLK_z) {
        char key = (char)(shift ? k - SDLK_a + 'A' : k);
        int a = action_for(key);
        if (a >= 0) {
            if (action)
                *action = a;
            return UI_CMD_ACTION;
        }
    }
    return UI_CMD_NONE;
}

const char *ui_cmd_name(ui_cmd c)
{
    static const char *const names[UI_CMD_COUNT] = {
        [UI_CMD_NONE] = "none",
        [UI_CMD_CONFIRM] = "confirm",
        [UI_CMD_BACK] = "back",
        [UI_CMD_UP] = "up",
        [UI_CMD_DOWN] = "down",
        [UI_CMD_LEFT] = "left",
        [UI_CMD_RIGHT] = "right",
        [UI_CMD_NEXT] = "next",
        [UI_CMD_PREV] = "previous",
        [UI_CMD_PAUSE] = "pause",
        [UI_CMD_SPEED_1] = "speed 1x",
        [UI_CMD_SPEED_2] = "speed 2x",
        [UI_CMD_SPEED_4] = "speed 4x",
        [UI_CMD_SPEED_8] = "speed 8x",
        [UI_CMD_SLOWER] = "slower",
        [UI_CMD_FASTER] = "faster",
        [UI_CMD_ZOOM_IN] = "zoom in",
        [UI_CMD_ZOOM_OUT] = "zoom out",
        [UI_CMD_ZOOM_RESET] = "reset zoom",
        [UI_CMD_PAN_UP] = "pan up",
        [UI_CMD_PAN_DOWN] = "pan down",
        [UI_CMD_PAN_LEFT] = "pan left",
        [UI_CMD_PAN_RIGHT] = "pan right",
        [UI_CMD_SCREENSHOT] = "screenshot",
        [UI_CMD_LOG] = "event log",
        [UI_CMD_HELP] = "help",
        [UI_CMD_ACTION] = "action",
        [UI_CMD_CHOICE] = "choice",
        [UI_CMD_DEBUG] = "debug view",
    };
    if ((int)c < 0 || c >= UI_CMD_COUNT || !names[c])
        return "?";
    return names[c];
}
