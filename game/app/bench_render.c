/* bench_render.c — `bulwark bench render`: the reference scene
 * (bench_scene.c) in a 1600x900 window, timed frame by frame from the
 * start of drawing to the return of SDL_RenderPresent, so that it
 * compares with the LÖVE reference (shared/bench/love-scene) run on the
 * same X server; tests/bench/render_vs_love.sh runs both.
 *
 * The renderer is SDL's fastest here, found by a short trial of each
 * (--renderer auto), or the one named. Under Xvfb that is the software
 * renderer, with its window surface sent to X directly rather than
 * through SDL's hidden OpenGL texture (see the hints below).
 *
 * This file must never assert timing: the figures are printed, and the
 * targets (DESIGN.md section 7) are checked by people and by the script. */
#include "bench.h"
#include "bulwark/ui_app.h"

#include "bulwark/app.h"
#include "bulwark/script.h"
#include "args.h"

#include <SDL_ttf.h>
#include <math.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static int cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

void bench_stats(double *v, int n, double *median, double *p99)
{
    qsort(v, (size_t)n, sizeof v[0], cmp_double);
    int q = (int)floor(n * 0.99);
    *median = v[n / 2];
    *p99 = v[q < n - 1 ? q : n - 1];
}

/* ---- the command ------------------------------------------------------------ */

#define WARM_UP_FRAMES 120
#define TRIAL_WARM_UP 10   /* --renderer auto: frames per driver to pick the fastest */
#define TRIAL_FRAMES 30
#define MAX_DRIVERS 16

typedef struct render_opts {
    long nodes, frames;
    const char *renderer, *shot;
} render_opts;

static void render_usage(FILE *out)
{
    fprintf(out,
            "usage: bulwark bench render [--nodes N] [--frames F] [--renderer NAME] [--shot FILE.bmp]\n"
            "  Draws the reference scene (shared/bench/scene-spec.md) of N nodes (default\n"
            "  1000) in a 1600x900 window, vsync off: 120 warm-up frames, then F measured\n"
            "  frames (default 600), each timed from the start of its drawing to the\n"
            "  return of SDL_RenderPresent. The last line is\n"
            "  'nodes=N frames=F median_ms=… p99_ms=… renderer=NAME'.\n"
            "  --renderer NAME  an SDL render driver (software, opengl, opengles2, …); the\n"
            "                   default, auto, tries each for %d frames and keeps the fastest\n"
            "  --shot FILE.bmp  save the first measured frame as a picture\n"
            "  Needs a display: under no desktop, run it in xvfb-run -a -s \"-screen 0 1600x900x24\".\n",
            TRIAL_FRAMES);
}

static int parse_render(int argc, char **argv, render_opts *o, FILE *out, FILE *err)
{
    for (int i = 0; i < argc; i++) {
        const char *v = NULL;
        if (args_opt(argc, argv, &i, "--nodes", &v)) {
            if (!args_int("--nodes", v, 1, BENCH_MAX_NODES, &o->nodes, err))
                return APP_USAGE;
        } else if (args_opt(argc, argv, &i, "--frames", &v)) {
            if (!args_int("--frames", v, 1, 100000, &o->frames, err))
                return APP_USAGE;
        } else if (args_opt(argc, argv, &i, "--renderer", &v)) {
            if (!v || !*v)
                return fprintf(err, "bulwark bench render: --renderer needs a name (or auto)\n"), APP_USAGE;
            o->renderer = v;
        } else if (args_opt(argc, argv, &i, "--shot", &v)) {
            size_t n = v ? strlen(v) : 0;
            if (n < 5 || strcmp(v + n - 4, ".bmp") != 0)
                return fprintf(err, "bulwark bench render: --shot needs a FILE.bmp\n"), APP_USAGE;
            o->shot = v;
        } else if (strcmp(argv[i], "--help") == 0) {
            render_usage(out);
            return -1;
        } else {
            fprintf(err, "bulwark bench render: unknown option '%s'\n", argv[i]);
            render_usage(err);
            return APP_USAGE;
        }
    }
    return APP_OK;
}

static double now_ms(void)
{
    return (double)SDL_GetPerformanceCounter() * 1000.0 / (double)SDL_GetPerformanceFrequency();
}

static int save_shot(SDL_Renderer *r, const char *path, char *err, size_t err_size)
{
    int w = 0, h = 0;
    SDL_GetRendererOutputSize(r, &w, &h);
    SDL_Surface *s = SDL_CreateRGBSurfaceWithFormat(0, w, h, 32, SDL_PIXELFORMAT_RGB888);
    int rc = s && SDL_RenderReadPixels(r, NULL, SDL_PIXELFORMAT_RGB888, s->pixels, s->pitch) == 0 &&
                     SDL_SaveBMP(s, path) == 0
                 ? 0
                 : -1;
    if (rc < 0)
        snprintf(err, err_size, "cannot save the picture %s: %s", path, SDL_GetError());
    SDL_FreeSurface(s);
    return rc;
}

static bool quit_requested(void)
{
    SDL_Event e;
    bool quit = false;
    while (SDL_PollEvent(&e))
        quit = quit || e.type == SDL_QUIT;
    return quit;
}

/* One measurement: a fresh window and renderer of the given driver, warm
 * frames, then `frames` timed ones into times. 0, or -1 with a message.
 * The picture, when asked for, is taken before the present of the first
 * measured frame and its cost is left out of that frame's time. A trial
 * with give_up_ms set stops after a few frames all slower than that, and
 * sets frames to the number measured. */
typedef struct measure {
    int driver, warm, frames;
    double give_up_ms;
    const char *shot;
    double *times, *draw_times; /* draw_times: until SDL_RenderFlush returns (may be NULL) */
    char renderer[32];
    int out_w, out_h;
} measure;

static int run_frames(measure *m, const bench_scene *s, const char *font, char *err, size_t err_size)
{
    SDL_RendererInfo info;
    SDL_GetRenderDriverInfo(m->driver, &info);
    bool software = strcmp(info.name, "software") == 0;
    SDL_Window *win = SDL_CreateWindow("bulwark bench render", SDL_WINDOWPOS_CENTERED,
                                       SDL_WINDOWPOS_CENTERED, BENCH_SCENE_W, BENCH_SCENE_H,
                                       software ? 0 : SDL_WINDOW_OPENGL);
    SDL_Renderer *r = win ? SDL_CreateRenderer(win, m->driver,
                                               software ? SDL_RENDERER_SOFTWARE : SDL_RENDERER_ACCELERATED)
                          : NULL;
    bench_painter *p = NULL;
    int rc = -1;
    if (!r) {
        snprintf(err, err_size, "cannot open a window with the %s renderer: %s", info.name, SDL_GetError());
        goto done;
    }
    SDL_GetRendererInfo(r, &info);
    snprintf(m->renderer, sizeof m->renderer, "%s", info.name);
    SDL_GetRendererOutputSize(r, &m->out_w, &m->out_h);
    if (!(p = bench_painter_create(r, s, font, err, err_size)))
        goto done;
    double fastest = 0;
    for (int f = 0; f < m->warm + m->frames; f++) {
        if (quit_requested()) {
            snprintf(err, err_size, "the window was closed before the run ended");
            goto done;
        }
        double t0 = now_ms(), shot_ms = 0;
        bench_painter_draw(p, f);
        if (m->shot && f == m->warm) {
            SDL_RenderFlush(r);
            double ts = now_ms();
            if (save_shot(r, m->shot, err, err_size) < 0)
                goto done;
            shot_ms = now_ms() - ts;
        }
        SDL_RenderFlush(r); /* present would flush now; doing it first splits the time */
        double t1 = now_ms();
        SDL_RenderPresent(r);
        if (f < m->warm)
            continue;
        double dt = now_ms() - t0 - shot_ms;
        m->times[f - m->warm] = dt;
        if (m->draw_times)
            m->draw_times[f - m->warm] = t1 - t0 - shot_ms;
        fastest = f == m->warm || dt < fastest ? dt : fastest;
        if (m->give_up_ms > 0 && f - m->warm + 1 >= 5 && fastest > m->give_up_ms) {
            m->frames = f - m->warm + 1;
            break;
        }
    }
    rc = 0;
done:
    bench_painter_destroy(p);
    if (r)
        SDL_DestroyRenderer(r);
    if (win)
        SDL_DestroyWindow(win);
    return rc;
}

/* The driver to measure: the one named, or (auto) the fastest of a short
 * trial of each — software first, as it usually wins under Xvfb, so a
 * slow driver's trial can stop early. -1 when none works; what was tried
 * goes to `tried`. */
static int pick_driver(const char *name, const bench_scene *s, const char *font, char *tried,
                       size_t tried_size, char *err, size_t err_size)
{
    int n = SDL_GetNumRenderDrivers(), order[MAX_DRIVERS], count = 0, best = -1;
    for (int pass = 0; pass < 2; pass++)
        for (int i = 0; i < n && count < MAX_DRIVERS; i++) {
            SDL_RendererInfo info;
            if (SDL_GetRenderDriverInfo(i, &info) == 0 && (strcmp(info.name, "software") == 0) == (pass == 0))
                order[count++] = i;
        }
    double best_ms = 0, times[TRIAL_FRAMES];
    tried[0] = '\0';
    for (int k = 0; k < count; k++) {
        SDL_RendererInfo info;
        SDL_GetRenderDriverInfo(order[k], &info);
        size_t len = strlen(tried);
        if (strcmp(name, "auto") != 0) {
            if (strcmp(name, info.name) == 0)
                return order[k];
            snprintf(tried + len, tried_size - len, "%s%s", len ? ", " : "", info.name);
            continue;
        }
        measure m = { .driver = order[k], .warm = TRIAL_WARM_UP, .frames = TRIAL_FRAMES,
                      .give_up_ms = best < 0 ? 0 : 2 * best_ms, .times = times };
        char why[256];
        if (run_frames(&m, s, font, why, sizeof why) < 0) {
            snprintf(tried + len, tried_size - len, "%s%s unavailable (%s)", len ? ", " : "",
                     info.name, why);
            continue;
        }
        double median, p99;
        bench_stats(times, m.frames, &median, &p99);
        snprintf(tried + len, tried_size - len, "%s%s %.1f ms%s", len ? ", " : "", info.name, median,
                 m.frames < TRIAL_FRAMES ? " (stopped early)" : "");
        if (best < 0 || median < best_ms) {
            best = order[k];
            best_ms = median;
        }
    }
    if (best < 0 && strcmp(name, "auto") != 0)
        snprintf(err, err_size, "no render driver '%s' (this SDL has: %s)", name, tried);
    else if (best < 0)
        snprintf(err, err_size, "no render driver works here (%s)", tried[0] ? tried : "none found");
    return best;
}

/* Can `path` be created? Checked before a long run, not after it. */
static bool writable_place(const char *path)
{
    char dir[1024];
    snprintf(dir, sizeof dir, "%s", path);
    char *slash = strrchr(dir, '/');
    if (!slash)
        snprintf(dir, sizeof dir, ".");
    else
        slash[slash == dir ? 1 : 0] = '\0';
    FILE *f = fopen(path, "rb");
    if (f) {
        fclose(f);
        f = fopen(path, "ab");
        if (f)
            fclose(f);
        return f != NULL;
    }
    return access(dir, W_OK) == 0;
}

static int render_measured(const render_opts *o, const bench_scene *s, const char *font, FILE *out,
                           FILE *err)
{
    char tried[1024], why[512];
    int driver = pick_driver(o->renderer, s, font, tried, sizeof tried, why, sizeof why);
    if (driver < 0) {
        fprintf(err, "bulwark bench render: %s\n", why);
        return strcmp(o->renderer, "auto") != 0 && strstr(why, "no render driver '") ? APP_USAGE
                                                                                        : APP_FAILED;
    }
    double *times = calloc((size_t)o->frames * 2, sizeof *times);
    if (!times) {
        fprintf(err, "bulwark bench render: out of memory\n");
        return APP_INTERNAL;
    }
    measure m = { .driver = driver, .warm = WARM_UP_FRAMES, .frames = (int)o->frames,
                  .shot = o->shot, .times = times, .draw_times = times + o->frames };
    if (run_frames(&m, s, font, why, sizeof why) < 0) {
        fprintf(err, "bulwark bench render: %s\n", why);
        free(times);
        return APP_FAILED;
    }
    double median, p99, draw_median, draw_p99;
    bench_stats(m.draw_times, (int)o->frames, &draw_median, &draw_p99);
    bench_stats(times, (int)o->frames, &median, &p99);
    fprintf(out, "bench render: %d nodes, %d links, a %dx%d window, video driver %s, renderer %s, "
                 "batching on, vsync off, %d warm-up frames\n",
            s->node_count, s->link_count, m.out_w, m.out_h, SDL_GetCurrentVideoDriver(), m.renderer,
            WARM_UP_FRAMES);
    if (strcmp(o->renderer, "auto") == 0)
        fprintf(out, "renderers tried (median of up to %d frames): %s\n", TRIAL_FRAMES, tried);
    if (m.out_w != BENCH_SCENE_W || m.out_h != BENCH_SCENE_H)
        fprintf(out, "warning: the window is %dx%d, not %dx%d: the figures do not compare\n", m.out_w,
                m.out_h, BENCH_SCENE_W, BENCH_SCENE_H);
    fprintf(out, "of which drawing (to the return of SDL_RenderFlush): median_ms=%.3f p99_ms=%.3f\n",
            draw_median, draw_p99);
    if (o->shot)
        fprintf(out, "picture of frame %d: %s\n", WARM_UP_FRAMES, o->shot);
    fprintf(out, "target: p99 under 16.7 ms at 1000 nodes, and a tenth of LOVE's frame time\n");
    fprintf(out, "nodes=%d frames=%ld median_ms=%.3f p99_ms=%.3f renderer=%s\n", s->node_count,
            o->frames, median, p99, m.renderer);
    free(times);
    return APP_OK;
}

static bool env_set(const char *name)
{
    const char *v = getenv(name);
    return v && *v;
}

/* Why there is surely no display, or NULL. Without DISPLAY or
 * WAYLAND_DISPLAY, SDL would fall back to its offscreen driver (and
 * libwayland would complain on stderr): nothing a person could see, so
 * not what this benchmark measures — unless SDL_VIDEODRIVER asks. */
static const char *no_display(void)
{
    if (env_set("SDL_VIDEODRIVER") || env_set("DISPLAY") || env_set("WAYLAND_DISPLAY"))
        return NULL;
    return "DISPLAY and WAYLAND_DISPLAY are not set";
}

/* SDL started, but on a driver with no screen that nobody asked for. */

int bench_render(int argc, char **argv, FILE *out, FILE *err)
{
    render_opts o = { .nodes = 1000, .frames = 600, .renderer = "auto" };
    int rc = parse_render(argc, argv, &o, out, err);
    if (rc != APP_OK)
        return rc < 0 ? APP_OK : rc;
    if (o.shot && !writable_place(o.shot)) {
        fprintf(err, "bulwark bench render: cannot write %s\n", o.shot);
        return APP_FAILED;
    }
    char font[1024];
    snprintf(font, sizeof font, "%s/assets/fonts/DejaVuSans.ttf", script_data_dir());
    if (access(font, R_OK) != 0) {
        fprintf(err, "bulwark bench render: the shipped font %s is missing (is BULWARK_DATA_DIR right?)\n",
                font);
        return APP_INTERNAL;
    }
    bench_scene s;
    if (bench_scene_build(&s, (int)o.nodes) < 0) {
        fprintf(err, "bulwark bench render: out of memory building %ld nodes\n", o.nodes);
        return APP_INTERNAL;
    }
    /* Hints, which the environment may still override (SDL_RENDER_BATCHING=0 …):
     * batching, which SDL2 turns off when a driver is named; no vsync;
     * native lines, where SDL's default queues each line as its points
     * (6.2 ms a frame instead of 4.0, measured under Xvfb at 1000 nodes);
     * and the software renderer's window surface sent straight to X
     * (MIT-SHM) instead of through a hidden OpenGL texture, whose upload
     * on llvmpipe costs more than drawing the whole scene (10.7 ms a
     * frame instead of 4.0). */
    SDL_SetHint(SDL_HINT_RENDER_BATCHING, "1");
    SDL_SetHint(SDL_HINT_RENDER_VSYNC, "0");
    SDL_SetHint(SDL_HINT_RENDER_LINE_METHOD, "2");
    SDL_SetHint(SDL_HINT_FRAMEBUFFER_ACCELERATION, "0");
    const char *why = no_display();
    if (why || SDL_Init(SDL_INIT_VIDEO) < 0 || (ui_app_stand_in_driver() && (why = "SDL found only its offscreen driver"))) {
        fprintf(err, "bulwark bench render: no display to draw on (%s): run it in a desktop session or under xvfb-run -a -s \"-screen 0 1600x900x24\"\n",
                why ? why : SDL_GetError());
        SDL_Quit();
        bench_scene_free(&s);
        return APP_FAILED;
    }
    if (TTF_Init() < 0) {
        fprintf(err, "bulwark bench render: SDL_ttf: %s\n", TTF_GetError());
        rc = APP_INTERNAL;
    } else {
        rc = render_measured(&o, &s, font, out, err);
        TTF_Quit();
    }
    SDL_Quit();
    bench_scene_free(&s);
    return rc;
}
