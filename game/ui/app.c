/* app.c — the desktop game's window and main loop: SDL set-up, input
 * routed through ui_key_map to the current screen, the frame clock
 * (wall time, or a fixed 1/60 s step for automation), scripted input,
 * screenshots, toasts and settings.
 *
 * The screens themselves live in scr_*.c and a game's life in app_game.c.
 * This file never changes the world: that is the session's job.
 *
 * Environment: BULWARK_RENDERER names an SDL render driver ("software",
 * "opengl", ...; default: accelerated with a GPU, software without);
 * BULWARK_FRAME_STATS=1 prints the mean and worst frame time at exit. */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <dirent.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include <SDL.h>

#include "app_internal.h"

bool ui_app_display_present(void)
{
    const char *drv = getenv("SDL_VIDEODRIVER");
    if (drv && *drv && strcmp(drv, "x11") != 0 && strcmp(drv, "wayland") != 0)
        return strcmp(drv, "dummy") != 0 && strcmp(drv, "offscreen") != 0;
    const char *x = getenv("DISPLAY"), *w = getenv("WAYLAND_DISPLAY");
    return (x && *x) || (w && *w);
}

bool ui_app_stand_in_driver(void)
{
    const char *asked = getenv("SDL_VIDEODRIVER");
    const char *d = SDL_GetCurrentVideoDriver();
    if ((asked && *asked) || !d)
        return false;
    return strcmp(d, "offscreen") == 0 || strcmp(d, "dummy") == 0;
}

void app_toast(ui_app *a, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(a->toast, sizeof a->toast, fmt, ap);
    va_end(ap);
    a->toast_until = a->now + 4.0;
}

void app_go(ui_app *a, ui_event_kind ev)
{
    ui_screen from = a->screen;
    ui_screen to = ui_screen_next(from, ev);
    if (from == UI_SCREEN_SETTINGS && ev == UI_BACK && a->settings_return == UI_SCREEN_PAUSE &&
        a->play)
        to = UI_SCREEN_PAUSE;
    if (to == UI_SCREEN_SETTINGS)
        a->settings_return = from;
    if (to != from) {
        a->focus = 0;
        a->scroll = 0;
        a->scroll_max = 0;
    }
    if (to == UI_SCREEN_CAMPAIGN && to != from) {
        a->entries_fresh = false; /* progress may have changed */
        a->focus = -1;            /* the campaign focuses the next scenario to play */
    }
    a->screen = to;
    if (to == UI_SCREEN_QUIT)
        a->quit = true;
}

/* ---- settings -------------------------------------------------------------------- */

static ui_palette_kind palette_of(const char *name)
{
    for (int p = 0; p < UI_PALETTE_COUNT; p++)
        if (strcmp(name, ui_palette_name((ui_palette_kind)p)) == 0)
            return (ui_palette_kind)p;
    return UI_PALETTE_STANDARD;
}

void app_apply_settings(ui_app *a)
{
    store_settings *s = &a->settings;
    if (s->text_scale < 0.75)
        s->text_scale = 0.75;
    if (s->text_scale > 2.0)
        s->text_scale = 2.0;
    if (a->g) {
        ui_gfx_set_palette(a->g, palette_of(s->palette));
        bw_err e;
        if (ui_gfx_set_text_scale(a->g, s->text_scale, &e) != BW_OK)
            app_toast(a, "%s", e.msg);
    }
    if (a->win) {
        bool fs = (SDL_GetWindowFlags(a->win) & SDL_WINDOW_FULLSCREEN) != 0;
        if (fs != s->fullscreen)
            SDL_SetWindowFullscreen(a->win, s->fullscreen ? SDL_WINDOW_FULLSCREEN_DESKTOP : 0);
    }
}

void app_save_settings(ui_app *a)
{
    app_apply_settings(a);
    if (!a->db)
        return;
    bw_err e;
    if (store_settings_save(a->db, &a->settings, &e) != BW_OK)
        app_toast(a, "Settings not saved: %s", e.msg);
}

/* ---- screenshots ------------------------------------------------------------------ */

static int mkdir_p(const char *dir)
{
    char buf[1200];
    snprintf(buf, sizeof buf, "%s", dir);
    for (char *p = buf + 1; *p; p++) {
        if (*p != '/')
            continue;
        *p = 0;
        if (mkdir(buf, 0700) != 0 && errno != EEXIST)
            return -1;
        *p = '/';
    }
    return mkdir(buf, 0700) != 0 && errno != EEXIST ? -1 : 0;
}

/* F12: <store folder>/screenshots/bulwark-YYYYmmdd-HHMMSS.png */
static void screenshot_to_data_folder(ui_app *a)
{
    char dbpath[1024] = "";
    bw_err e;
    if (a->db)
        snprintf(dbpath, sizeof dbpath, "%s", store_path(a->db));
    else if (store_default_path(dbpath, sizeof dbpath, &e) != BW_OK) {
        app_toast(a, "No folder for screenshots: %s", e.msg);
        return;
    }
    char *slash = strrchr(dbpath, '/');
    if (slash)
        *slash = 0;
    else
        snprintf(dbpath, sizeof dbpath, ".");
    char dir[1100], path[1200];
    snprintf(dir, sizeof dir, "%s/screenshots", dbpath);
    if (mkdir_p(dir) != 0) {
        app_toast(a, "Cannot create %s: %s", dir, strerror(errno));
        return;
    }
    time_t t = time(NULL);
    struct tm tm;
    localtime_r(&t, &tm);
    char stamp[32];
    strftime(stamp, sizeof stamp, "%Y%m%d-%H%M%S", &tm);
    snprintf(path, sizeof path, "%s/bulwark-%s.png", dir, stamp);
    struct stat st;
    for (int i = 2; stat(path, &st) == 0 && i < 100; i++)
        snprintf(path, sizeof path, "%s/bulwark-%s-%d.png", dir, stamp, i);
    if (ui_gfx_screenshot(a->g, path, &e) != BW_OK)
        app_toast(a, "%s", e.msg);
    else
        app_toast(a, "Screenshot saved: %s", path);
}

/* ---- input --------------------------------------------------------------------------- */

static bool in_dialog(const ui_app *a)
{
    return a->screen == UI_SCREEN_PLAY && a->play && ui_play_dialog_open(a->play);
}

static unsigned mods_of(Uint16 m)
{
    return ((m & KMOD_SHIFT) ? UI_MOD_SHIFT : 0u) | ((m & KMOD_CTRL) ? UI_MOD_CTRL : 0u) |
           ((m & KMOD_ALT) ? UI_MOD_ALT : 0u);
}

static void push_key(ui_app *a, int key, unsigned mods, bool *shot)
{
    app_key k;
    k.key = key;
    k.mods = mods;
    k.cmd = ui_key_map(key, mods, in_dialog(a), &k.action, &k.option);
    if (k.cmd == UI_CMD_SCREENSHOT) {
        *shot = true;
        return;
    }
    if (a->key_count < APP_MAX_KEYS)
        a->keys[a->key_count++] = k;
}

static void poll_events(ui_app *a, bool *shot)
{
    SDL_Event ev;
    while (SDL_PollEvent(&ev)) {
        switch (ev.type) {
        case SDL_QUIT: a->quit = true; break;
        case SDL_KEYDOWN: push_key(a, ev.key.keysym.sym, mods_of(ev.key.keysym.mod), shot); break;
        case SDL_MOUSEMOTION:
            a->ptr.x = ev.motion.x;
            a->ptr.y = ev.motion.y;
            break;
        case SDL_MOUSEBUTTONDOWN:
            if (ev.button.button == SDL_BUTTON_LEFT) {
                a->ptr.x = ev.button.x;
                a->ptr.y = ev.button.y;
                a->ptr.pressed = a->ptr.down = true;
            }
            break;
        case SDL_MOUSEBUTTONUP:
            if (ev.button.button == SDL_BUTTON_LEFT) {
                a->ptr.x = ev.button.x;
                a->ptr.y = ev.button.y;
                a->ptr.released = true;
                a->ptr.down = false;
            }
            break;
        case SDL_MOUSEWHEEL: a->ptr.wheel += ev.wheel.y; break;
        default: break;
        }
    }
}

/* Scripted events due at this frame. */
static void scripted(ui_app *a, const ui_input_script *sc, int *next, bool *f12, bool *shot,
                     char *shot_path, size_t n)
{
    while (*next < sc->count && sc->items[*next].frame <= a->frame) {
        const ui_input_event *e = &sc->items[(*next)++];
        switch (e->kind) {
        case UI_INPUT_KEY: push_key(a, e->key, e->mods, f12); break;
        case UI_INPUT_CLICK:
            a->ptr.x = e->x;
            a->ptr.y = e->y;
            a->ptr.pressed = a->ptr.released = true;
            a->ptr.down = false;
            break;
        case UI_INPUT_SELECT:
            if (!a->play || !ui_play_select(a->play, e->text)) {
                fprintf(a->opt->err, "bulwark play: input line %d: no node '%s' to select%s\n",
                        e->line, e->text, a->play ? "" : " (not on the play screen)");
                a->res->failed = true; /* the script did not do what it said: exit 1 */
            }
            break;
        case UI_INPUT_SPEED:
            if (a->ss)
                ui_session_set_speed(a->ss, e->n);
            break;
        case UI_INPUT_SHOT:
            *shot = true;
            snprintf(shot_path, n, "%s", e->text);
            break;
        }
    }
}

/* ---- drawing ---------------------------------------------------------------------------- */

static void draw_toast(ui_app *a)
{
    if (!a->toast[0] || a->now > a->toast_until)
        return;
    ui_rect s = ui_gfx_screen(a->g);
    int w = ui_text_width(a->g, UI_FONT_BODY, a->toast) + 32;
    if (w > s.w - 40)
        w = s.w - 40;
    int h = ui_line_height(a->g, UI_FONT_BODY) + 20;
    ui_rect r = {(s.w - w) / 2, s.h - h - 24, w, h};
    ui_fill(a->g, r, UI_PANEL_HI);
    ui_outline(a->g, r, UI_ACCENT);
    ui_rect in = ui_rect_inset(r, 10);
    ui_clip(a->g, &in);
    ui_text(a->g, UI_FONT_BODY, r.x + 16, r.y + 10, UI_TEXT, a->toast);
    ui_clip(a->g, NULL);
}

static void draw_screen(ui_app *a, double dt)
{
    ui_rect all = ui_gfx_screen(a->g);
    ui_fill(a->g, all, UI_BG);
    switch (a->screen) {
    case UI_SCREEN_MENU: scr_menu(a); break;
    case UI_SCREEN_CAMPAIGN: scr_campaign(a); break;
    case UI_SCREEN_BRIEFING: scr_briefing(a); break;
    case UI_SCREEN_PLAY: app_game_frame(a, app_room_held(a) ? 0 : dt, all); break;
    case UI_SCREEN_PAUSE:
        app_game_frame(a, 0, all);
        scr_pause(a);
        break;
    case UI_SCREEN_DEBRIEF: scr_debrief(a); break;
    case UI_SCREEN_SETTINGS: scr_settings(a); break;
    case UI_SCREEN_ERROR: scr_error(a); break;
    default: break;
    }
    app_room_draw(a);
    draw_toast(a);
}

/* ---- start-up ------------------------------------------------------------------------------ */

/* Without a GPU, OpenGL is Mesa's llvmpipe: slower than SDL's software
 * renderer for this kind of drawing, ~80 MB more memory and a slower
 * start. So no GPU device (Xvfb, containers, remote X) means software. */
static bool have_gpu(void)
{
    DIR *d = opendir("/dev/dri");
    if (!d)
        return false;
    bool any = false;
    for (struct dirent *e; !any && (e = readdir(d));)
        any = strncmp(e->d_name, "card", 4) == 0 || strncmp(e->d_name, "renderD", 7) == 0;
    closedir(d);
    return any;
}

/* A person's window size is kept for next time (not automation's, not
 * fullscreen's: those are not the size the player chose). */
static void remember_window_size(ui_app *a)
{
    const ui_app_options *o = a->opt;
    if (!a->win || !a->db || o->frames > 0 || o->window_w > 0 ||
        (SDL_GetWindowFlags(a->win) & (SDL_WINDOW_FULLSCREEN | SDL_WINDOW_MAXIMIZED)))
        return;
    int w, h;
    SDL_GetWindowSize(a->win, &w, &h);
    if (w == a->settings.window_width && h == a->settings.window_height)
        return;
    a->settings.window_width = w;
    a->settings.window_height = h;
    bw_err e;
    if (store_settings_save(a->db, &a->settings, &e) != BW_OK)
        fprintf(o->err, "bulwark: the window size was not saved: %s\n", e.msg);
}

static int open_window(ui_app *a)
{
    const ui_app_options *o = a->opt;
    const char *want = getenv("BULWARK_RENDERER");
    a->software =
        o->software || (want && strcmp(want, "software") == 0) || (!(want && *want) && !have_gpu());
    /* The software renderer draws into the window's own framebuffer: never
     * let SDL back that with an OpenGL texture (it would load Mesa anyway). */
    if (a->software)
        SDL_SetHint(SDL_HINT_FRAMEBUFFER_ACCELERATION, "0");
    Uint32 flags = SDL_WINDOW_RESIZABLE | SDL_WINDOW_ALLOW_HIGHDPI;
    if (a->settings.fullscreen && o->frames <= 0)
        flags |= SDL_WINDOW_FULLSCREEN_DESKTOP;
    /* Automation draws at one size, so screenshots and tests repeat;
     * a person gets the size they left the window at, shrunk to fit
     * the screen they have now. */
    int want_w = 1280, want_h = 800;
    if (o->window_w > 0 && o->window_h > 0) {
        want_w = o->window_w;
        want_h = o->window_h;
    } else if (o->frames <= 0) {
        want_w = a->settings.window_width;
        want_h = a->settings.window_height;
    }
    SDL_Rect usable = {0, 0, 0, 0};
    if (SDL_GetDisplayUsableBounds(0, &usable) != 0)
        usable.w = usable.h = 0;
    int w, h;
    if (o->window_w > 0 && o->window_h > 0) /* asked for exactly: a test of small screens */
        w = want_w, h = want_h;
    else
        ui_window_fit(want_w, want_h, usable.w, usable.h, &w, &h);
    a->win = SDL_CreateWindow("Bulwark", SDL_WINDOWPOS_CENTERED, SDL_WINDOWPOS_CENTERED, w, h,
                              flags);
    if (!a->win) {
        fprintf(o->err, "bulwark: cannot open a window: %s\n", SDL_GetError());
        return -1;
    }
    SDL_SetWindowMinimumSize(a->win, w < UI_WINDOW_MIN_W ? w : UI_WINDOW_MIN_W,
                             h < UI_WINDOW_MIN_H ? h : UI_WINDOW_MIN_H);
    /* vsync for play by a person; automation runs frames as fast as it can. */
    Uint32 vsync = o->frames > 0 ? 0 : SDL_RENDERER_PRESENTVSYNC;
    if (want && *want && strcmp(want, "software") != 0)
        SDL_SetHint(SDL_HINT_RENDER_DRIVER, want);
    if (!a->software)
        a->ren = SDL_CreateRenderer(a->win, -1, SDL_RENDERER_ACCELERATED | vsync);
    if (!a->ren)
        a->ren = SDL_CreateRenderer(a->win, -1, SDL_RENDERER_SOFTWARE | vsync);
    if (!a->ren)
        a->ren = SDL_CreateRenderer(a->win, -1, 0);
    if (!a->ren) {
        fprintf(o->err, "bulwark: cannot create a renderer: %s\n", SDL_GetError());
        return -1;
    }
    SDL_RendererInfo info;
    if (SDL_GetRendererInfo(a->ren, &info) == 0)
        snprintf(a->renderer_name, sizeof a->renderer_name, "%s", info.name);
    bw_err e;
    a->g = ui_gfx_create(a->win, a->ren, UI_PALETTE_STANDARD, 1.0, &e);
    if (!a->g) {
        fprintf(o->err, "bulwark: %s\n", e.msg);
        return -1;
    }
    app_apply_settings(a);
    return 0;
}

static void open_store(ui_app *a)
{
    store_settings_defaults(&a->settings);
    if (a->opt->no_store) {
        snprintf(a->store_note, sizeof a->store_note, "Progress is not saved in this session.");
        return;
    }
    bw_err e;
    a->db = store_open(a->opt->store, &e);
    if (!a->db) {
        snprintf(a->store_note, sizeof a->store_note, "Progress cannot be saved: %s", e.msg);
        return;
    }
    if (store_settings_load(a->db, &a->settings, &e) != BW_OK)
        snprintf(a->store_note, sizeof a->store_note, "Settings could not be read: %s", e.msg);
}

/* Where the command line asked to begin. */
static void first_screen(ui_app *a)
{
    const ui_app_options *o = a->opt;
    const char *screen = o->screen ? o->screen : (o->scenario ? "briefing" : "menu");
    a->screen = UI_SCREEN_MENU;
    if (strcmp(screen, "menu") == 0)
        return;
    if (strcmp(screen, "campaign") == 0 || strcmp(screen, "settings") == 0) {
        app_go(a, strcmp(screen, "campaign") == 0 ? UI_GO_CAMPAIGN : UI_GO_SETTINGS);
        return;
    }
    const char *path = o->scenario;
    if (!path) {
        app_load_entries(a);
        int i = app_next_entry(a);
        if (i < 0)
            return;
        path = a->entries[i].path;
    }
    a->seed_given = o->seed_given;
    a->seed = o->seed;
    if (!app_pick(a, path))
        return;
    if (strcmp(screen, "briefing") == 0)
        return;
    if (!app_start(a))
        return;
    /* Documentation: play the game out at once (with the bot or the replay, if any). */
    if (strcmp(screen, "debrief") == 0)
        app_play_out(a);
}

static void write_startup(int fd)
{
    if (fd < 0)
        return;
    static const char msg[] = "presented\n";
    ssize_t w = write(fd, msg, sizeof msg - 1);
    (void)w;
    close(fd);
}

/* Frames until the player quits, --frames runs out, or (benchmarks) the
 * game ends. Returns the exit status so far. */
static int main_loop(ui_app *a, const ui_input_script *sc)
{
    const ui_app_options *o = a->opt;
    ui_app_result *res = a->res;
    bw_err e;
    int rc = 0;
    int next_input = 0;
    double draw_ms_sum = 0, draw_ms_max = 0;
    const char *stats = getenv("BULWARK_FRAME_STATS");
    Uint64 freq = SDL_GetPerformanceFrequency(), last = SDL_GetPerformanceCounter();
    while (!a->quit) {
        Uint64 t0 = SDL_GetPerformanceCounter();
        double dt = o->frames > 0 ? 1.0 / 60.0 : (double)(t0 - last) / (double)freq;
        if (dt > 0.25)
            dt = 0.25;
        last = t0;
        a->now += dt;
        a->key_count = 0;
        a->ptr.pressed = a->ptr.released = false;
        a->ptr.wheel = 0;
        bool f12 = false, scripted_shot = false;
        char shot_path[256] = "";
        poll_events(a, &f12);
        scripted(a, sc, &next_input, &f12, &scripted_shot, shot_path, sizeof shot_path);
        if (a->play && (a->screen == UI_SCREEN_PLAY))
            ui_play_pointer(a->play, &a->ptr);

        app_room_tick(a);
        ui_gfx_begin_frame(a->g);
        draw_screen(a, dt);
        bool last_frame = o->frames > 0 && a->frame + 1 >= o->frames;
        if (f12 || (scripted_shot && !shot_path[0]))
            screenshot_to_data_folder(a);
        if (scripted_shot && shot_path[0] && ui_gfx_screenshot(a->g, shot_path, &e) != BW_OK) {
            fprintf(o->err, "bulwark play: %s\n", e.msg);
            rc = 1;
        }
        if (last_frame && o->screenshot && ui_gfx_screenshot(a->g, o->screenshot, &e) != BW_OK) {
            fprintf(o->err, "bulwark play: %s\n", e.msg);
            rc = 1;
        }
        SDL_RenderPresent(a->ren);
        Uint64 t_drawn = SDL_GetPerformanceCounter();
        if (stats) {
            double ms = (double)(t_drawn - t0) * 1000.0 / (double)freq;
            draw_ms_sum += ms;
            if (ms > draw_ms_max)
                draw_ms_max = ms;
        }
        if (a->frame == 0)
            write_startup(o->startup_fd);
        a->frame++;
        res->frames = (int)a->frame;
        if (last_frame)
            a->quit = true;
        if (o->exit_when_over && res->game_over)
            a->quit = true;
        if (o->frames <= 0) {
            double spent = (double)(SDL_GetPerformanceCounter() - t0) / (double)freq;
            if (spent < 0.008)
                SDL_Delay((Uint32)((1.0 / 60.0 - spent) * 1000.0));
        }
    }
    app_game_over_pending(a);
    if (stats && a->frame > 0)
        fprintf(o->err, "frames=%ld frame_mean_ms=%.2f frame_max_ms=%.2f renderer=%s\n", a->frame,
                draw_ms_sum / (double)a->frame, draw_ms_max, a->renderer_name);
    if (o->input && next_input < sc->count)
        fprintf(o->err,
                "bulwark play: %d scripted input event%s after the last frame did not run\n",
                sc->count - next_input, sc->count - next_input == 1 ? "" : "s");
    if (o->json && !res->game_over && !res->load_failed) {
        fprintf(o->err,
                "bulwark play: the game did not end, so no result record was written to %s\n",
                o->json);
        if (rc == 0)
            rc = 1;
    }
    if (res->load_failed || res->failed)
        rc = rc ? rc : 1;
    return rc;
}

int ui_app_run(const ui_app_options *o, ui_app_result *res)
{
    ui_app_result dummy;
    if (!res)
        res = &dummy;
    memset(res, 0, sizeof *res);
    /* A bad input script is a usage error with or without a display. */
    ui_input_script sc = {0, NULL};
    bw_err e;
    if (o->input && ui_input_script_read(o->input, &sc, &e) != BW_OK) {
        fprintf(o->err, "bulwark play: %s\n", e.msg);
        return e.code == BW_EIO ? 1 : 2;
    }
    if (!ui_app_display_present()) {
        ui_input_script_free(&sc);
        return UI_APP_NO_DISPLAY;
    }
    SDL_SetHint(SDL_HINT_RENDER_BATCHING, "1");
    SDL_SetHint(SDL_HINT_VIDEO_X11_NET_WM_BYPASS_COMPOSITOR, "0");
    if (SDL_Init(SDL_INIT_VIDEO) != 0 || ui_app_stand_in_driver()) {
        SDL_Quit();
        ui_input_script_free(&sc);
        return UI_APP_NO_DISPLAY;
    }
    ui_app *a = calloc(1, sizeof *a);
    if (!a) {
        SDL_Quit();
        ui_input_script_free(&sc);
        return 3;
    }
    a->opt = o;
    a->res = res;
    a->settings_return = UI_SCREEN_MENU;
    script_diags_init(&a->diags);
    int rc = 0;
    open_store(a);
    if (open_window(a) != 0) {
        rc = 3;
        goto done;
    }
    res->shown = true;
    first_screen(a);

    rc = main_loop(a, &sc);
    remember_window_size(a);
done:
    app_game_free(a);
    ui_gfx_destroy(a->g);
    if (a->ren)
        SDL_DestroyRenderer(a->ren);
    if (a->win)
        SDL_DestroyWindow(a->win);
    store_close(a->db);
    script_diags_free(&a->diags);
    free(a);
    ui_input_script_free(&sc);
    SDL_Quit();
    return rc;
}
