/* test_bench_render.c — `bulwark bench render`: the scene generator gives
 * the LÖVE reference's numbers (computed with lua5.4 from
 * shared/bench/love-scene/main.lua's build_scene), a frame drawn into a
 * plain surface (no window) has the reference's colours, text and log
 * where they belong, and the command refuses bad options, says so in one
 * line when there is no display, and prints its contract on SDL's dummy
 * video driver. Timing is never asserted. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <SDL_ttf.h>
#include <stdbool.h>

#include "../../game/app/bench.h"
#include "app/run.h"

static run_result r;

static const char *font_path(void)
{
    static char buf[1024];
    const char *root = getenv("BULWARK_SOURCE_DIR");
    snprintf(buf, sizeof buf, "%s/assets/fonts/DejaVuSans.ttf", root ? root : ".");
    return buf;
}

/* ---- the generator --------------------------------------------------------- */

static void test_scene_matches_the_lua_reference(void **state)
{
    (void)state;
    bench_scene s;
    assert_int_equal(bench_scene_build(&s, 1000), 0);
    assert_int_equal(s.node_count, 1000);
    assert_int_equal(s.link_count, 2000);
    static const int first[4][3] = { { 1275, 590, 5 }, { 1354, 801, 3 }, { 1533, 779, 0 }, { 71, 300, 0 } };
    for (int i = 0; i < 4; i++) {
        assert_int_equal(s.nodes[i].x, first[i][0]);
        assert_int_equal(s.nodes[i].y, first[i][1]);
        assert_int_equal(s.nodes[i].kind, first[i][2]);
    }
    assert_int_equal(s.nodes[999].x, 1333);
    assert_int_equal(s.nodes[999].y, 226);
    assert_int_equal(s.nodes[999].kind, 5);
    assert_string_equal(bench_kind_name(5), "laptop");
    static const int links[4][2] = { { 0, 542 }, { 0, 993 }, { 1, 711 }, { 1, 610 } };
    for (int k = 0; k < 4; k++) {
        assert_int_equal(s.links[k][0], links[k][0]);
        assert_int_equal(s.links[k][1], links[k][1]);
    }
    assert_int_equal(s.links[1999][0], 999);
    assert_int_equal(s.links[1999][1], 456);
    assert_int_equal(bench_attacked_link(&s, 121, 0), 847);
    assert_int_equal(bench_attacked_link(&s, 121, 1), 884);
    assert_int_equal(bench_attacked_link(&s, 121, 2), 921);
    bench_scene_free(&s);
}

static void test_small_scene_draws_links_from_the_same_stream(void **state)
{
    (void)state;
    bench_scene s;
    assert_int_equal(bench_scene_build(&s, 7), 0);
    /* Same first nodes as at 1000: the stream does not depend on N … */
    assert_int_equal(s.nodes[0].x, 1275);
    assert_int_equal(s.nodes[6].x, 1338);
    assert_int_equal(s.nodes[6].y, 444);
    assert_int_equal(s.nodes[6].kind, 7);
    /* … but the links' targets are taken modulo N. */
    assert_int_equal(s.links[0][1], 5);
    assert_int_equal(s.links[1][1], 6);
    assert_int_equal(s.links[13][0], 6);
    assert_int_equal(s.links[13][1], 0);
    assert_int_equal(bench_attacked_link(&s, 121, 0), 7);
    assert_int_equal(bench_attacked_link(&s, 121, 2), 11);
    bench_scene_free(&s);
}

static void test_scene_refuses_sizes_the_labels_cannot_show(void **state)
{
    (void)state;
    bench_scene s;
    assert_int_equal(bench_scene_build(&s, 0), -1);
    assert_int_equal(bench_scene_build(&s, BENCH_MAX_NODES + 1), -1);
    assert_null(s.nodes);
    assert_int_equal(bench_scene_build(&s, BENCH_MAX_NODES), 0);
    assert_int_equal(s.nodes[BENCH_MAX_NODES - 1].kind >= 0, 1);
    bench_scene_free(&s);
}

static void test_stats_pick_the_references_median_and_p99(void **state)
{
    (void)state;
    double v[200];
    for (int i = 0; i < 200; i++)
        v[i] = (double)((i * 37) % 200); /* 0..199, shuffled */
    double median, p99;
    bench_stats(v, 200, &median, &p99);
    assert_true(median == 100.0); /* times[floor(n/2) + 1], 1-based */
    assert_true(p99 == 198.0);    /* times[floor(n * 0.99) + 1] */
    double one[1] = { 4.5 };
    bench_stats(one, 1, &median, &p99);
    assert_true(median == 4.5 && p99 == 4.5);
    double three[3] = { 3, 1, 2 };
    bench_stats(three, 3, &median, &p99);
    assert_true(median == 2.0 && p99 == 3.0);
}

/* ---- a frame drawn into a surface ------------------------------------------- */

typedef struct canvas {
    SDL_Surface *surface;
    SDL_Renderer *r;
    bench_scene scene;
    bench_painter *painter;
    TTF_Font *font;
} canvas;

static int canvas_open(void **state)
{
    static canvas c;
    assert_int_equal(TTF_Init(), 0);
    c.surface = SDL_CreateRGBSurfaceWithFormat(0, BENCH_SCENE_W, BENCH_SCENE_H, 32, SDL_PIXELFORMAT_RGB888);
    assert_non_null(c.surface);
    c.r = SDL_CreateSoftwareRenderer(c.surface);
    assert_non_null(c.r);
    assert_int_equal(bench_scene_build(&c.scene, 1000), 0);
    char err[256] = "";
    c.painter = bench_painter_create(c.r, &c.scene, font_path(), err, sizeof err);
    if (!c.painter)
        fail_msg("painter: %s", err);
    c.font = TTF_OpenFont(font_path(), 12);
    assert_non_null(c.font);
    *state = &c;
    return 0;
}

static int canvas_close(void **state)
{
    canvas *c = *state;
    TTF_CloseFont(c->font);
    bench_painter_destroy(c->painter);
    bench_scene_free(&c->scene);
    SDL_DestroyRenderer(c->r);
    SDL_FreeSurface(c->surface);
    TTF_Quit();
    return 0;
}

static void draw(canvas *c, int f)
{
    bench_painter_draw(c->painter, f);
    SDL_RenderFlush(c->r);
}

static SDL_Color pixel(SDL_Surface *s, int x, int y)
{
    Uint32 v = ((const Uint32 *)((const Uint8 *)s->pixels + y * s->pitch))[x];
    SDL_Color c;
    SDL_GetRGB(v, s->format, &c.r, &c.g, &c.b);
    return c;
}

static void assert_pixel(SDL_Surface *s, int x, int y, int red, int green, int blue)
{
    SDL_Color c = pixel(s, x, y);
    if (c.r != red || c.g != green || c.b != blue)
        fail_msg("pixel (%d,%d) is %d,%d,%d, not %d,%d,%d", x, y, c.r, c.g, c.b, red, green, blue);
}

/* The text as SDL_ttf renders the whole string, blended over the colour
 * bg, must be what the frame shows at (x, y) over its first max_w
 * columns: within rounding, and within a few levels where two glyphs'
 * soft edges overlap (blended one over the other here, merged in one pass
 * by SDL_ttf). A glyph one pixel off differs by hundreds. */
static void assert_text_at(canvas *c, const char *text, int x, int y, int max_w, SDL_Color bg)
{
    SDL_Surface *t = TTF_RenderUTF8_Blended(c->font, text, (SDL_Color){ 255, 255, 255, 255 });
    assert_non_null(t);
    SDL_Surface *want = SDL_CreateRGBSurfaceWithFormat(0, t->w, t->h, 32, SDL_PIXELFORMAT_RGB888);
    SDL_FillRect(want, NULL, SDL_MapRGB(want->format, bg.r, bg.g, bg.b));
    SDL_SetSurfaceBlendMode(t, SDL_BLENDMODE_BLEND);
    SDL_BlitSurface(t, NULL, want, NULL);
    int worst = 0, lit = 0;
    for (int j = 0; j < t->h; j++)
        for (int i = 0; i < t->w && i < max_w; i++) {
            SDL_Color a = pixel(want, i, j), b = pixel(c->surface, x + i, y + j);
            int d = abs(a.r - b.r) + abs(a.g - b.g) + abs(a.b - b.b);
            worst = d > worst ? d : worst;
            lit += a.r > 200;
        }
    SDL_FreeSurface(want);
    SDL_FreeSurface(t);
    assert_true(lit > 10); /* the comparison saw real glyphs */
    if (worst > 24)
        fail_msg("'%s' at (%d,%d) differs from SDL_ttf's rendering by %d", text, x, y, worst);
}

static const SDL_Color hud_bg = { 38, 41, 51, 255 }, log_bg = { 31, 33, 41, 255 };

static void test_frame_has_the_references_colours(void **state)
{
    canvas *c = *state;
    draw(c, 120);
    assert_pixel(c->surface, 1590, 2, 38, 41, 51);    /* HUD bar: 0.15, 0.16, 0.2 */
    assert_pixel(c->surface, 1595, 895, 31, 33, 41);  /* log panel: 0.12, 0.13, 0.16 */
    /* Node 999 (a laptop at 1333,226) is drawn last, so nothing covers it. */
    assert_pixel(c->surface, 1333 + 60, 226 + 19, 191, 115, 128); /* 0.75, 0.45, 0.50 */
    assert_pixel(c->surface, 1333, 226 + 10, 230, 230, 230);      /* outline: 0.9 */
    assert_pixel(c->surface, 1333 + 63, 226 + 21, 230, 230, 230);
    assert_pixel(c->surface, 1333 + 8, 226 + 11, 51, 217, 77);    /* state dot: 0.2, 0.85, 0.3 */
    assert_pixel(c->surface, 1333 + 4, 226 + 11, 51, 217, 77);    /* radius 4 */
    assert_pixel(c->surface, 1333 + 3, 226 + 11, 191, 115, 128);
}

static void test_frame_draws_labels_hud_and_log_as_sdl_ttf_would(void **state)
{
    canvas *c = *state;
    draw(c, 120);
    /* Only the part over the node's own rectangle: the rest overhangs. */
    assert_text_at(c, "laptop-0999", 1333 + 16, 226 + 4, 63 - 16, (SDL_Color){ 191, 115, 128, 255 });
    assert_text_at(c, "Day 6 Hour 0", 8, 7, 400, hud_bg);
    assert_text_at(c, "Budget 880", 8 + 220, 7, 400, hud_bg);
    assert_text_at(c, "Collaboration 32", 8 + 6 * 220, 7, 400, hud_bg);
    /* By frame 120 five lines were dropped and "tick 0" … "tick 120" added. */
    assert_text_at(c, "event line 6", 1208, 684, 400, log_bg);
    assert_text_at(c, "tick 120: alert on node 120", 1208, 684 + 11 * 18, 400, log_bg);
    draw(c, 0);
    assert_text_at(c, "event line 2", 1208, 684, 400, log_bg);
    assert_text_at(c, "tick 0: alert on node 0", 1208, 684 + 11 * 18, 400, log_bg);
    assert_text_at(c, "Staff 0/6", 8 + 2 * 220, 7, 400, hud_bg);
    draw(c, 121);
    assert_text_at(c, "Day 6 Hour 1", 8, 7, 400, hud_bg);
    assert_text_at(c, "Protection 20", 8 + 3 * 220, 7, 400, hud_bg);
}

static void test_attacks_move_along_their_links(void **state)
{
    canvas *c = *state;
    bench_scene *s = &c->scene;
    /* A red dot at t = (f % 60) / 60 of an attacked link, drawn under the
     * nodes: compare the dot's pixel between a frame where it is there
     * and one where it is not, on a link whose dot lands on bare ground. */
    int found = 0;
    for (int j = 0; j < 50 && !found; j++) {
        int k = bench_attacked_link(s, 150, j);
        int a = s->links[k][0], b = s->links[k][1];
        double ax = s->nodes[a].x + 32, ay = s->nodes[a].y + 11;
        double bx = s->nodes[b].x + 32, by = s->nodes[b].y + 11;
        int x = (int)(ax + (bx - ax) * 0.5 + 0.5), y = (int)(ay + (by - ay) * 0.5 + 0.5);
        bool covered = y < 40 || (x > 1190 && y > 670);
        for (int i = 0; i < s->node_count && !covered; i++)
            covered = x + 4 >= s->nodes[i].x && x - 4 < s->nodes[i].x + 100 &&
                      y + 4 >= s->nodes[i].y && y - 4 < s->nodes[i].y + 22;
        if (covered)
            continue;
        draw(c, 150); /* t = 0.5 */
        /* A 4x4 block: more than a 1-pixel line through it could paint. */
        for (int dy = -2; dy < 2; dy++)
            for (int dx = -2; dx < 2; dx++)
                assert_pixel(c->surface, x + dx, y + dy, 230, 51, 51); /* 0.9, 0.2, 0.2 */
        draw(c, 120); /* t = 0: the dot sits on the link's first node */
        int red = 0;
        for (int dy = -2; dy < 2; dy++)
            for (int dx = -2; dx < 2; dx++) {
                SDL_Color p = pixel(c->surface, x + dx, y + dy);
                red += p.r == 230 && p.g == 51 && p.b == 51;
            }
        assert_true(red < 16);
        found = 1;
    }
    assert_true(found);
}

static void test_painter_reports_a_missing_font(void **state)
{
    canvas *c = *state;
    char err[256] = "";
    assert_null(bench_painter_create(c->r, &c->scene, "/nonexistent/font.ttf", err, sizeof err));
    assert_non_null(strstr(err, "/nonexistent/font.ttf"));
}

/* ---- the command ------------------------------------------------------------ */

static void run_ok(char *const argv[])
{
    assert_int_equal(run_bulwark(argv, &r), 0);
}

static void test_render_refuses_bad_options(void **state)
{
    (void)state;
    run_ok((char *const[]){ "bulwark", "bench", "render", "--frames", "0", NULL });
    assert_int_equal(r.status, 2);
    assert_non_null(strstr(r.err, "--frames must be a whole number from 1"));
    run_ok((char *const[]){ "bulwark", "bench", "render", "--nodes", "10001", NULL });
    assert_int_equal(r.status, 2);
    assert_non_null(strstr(r.err, "--nodes"));
    run_ok((char *const[]){ "bulwark", "bench", "render", "--shot", "x.png", NULL });
    assert_int_equal(r.status, 2);
    assert_non_null(strstr(r.err, "FILE.bmp"));
    run_ok((char *const[]){ "bulwark", "bench", "render", "--vsync", NULL });
    assert_int_equal(r.status, 2);
    assert_non_null(strstr(r.err, "unknown option '--vsync'"));
    run_ok((char *const[]){ "bulwark", "bench", "render", "--help", NULL });
    assert_int_equal(r.status, 0);
    assert_non_null(strstr(r.out, "median_ms"));
    run_ok((char *const[]){ "bulwark", "bench", "render", "--shot", "/nonexistent/dir/a.bmp", NULL });
    assert_int_equal(r.status, 1);
    assert_non_null(strstr(r.err, "cannot write /nonexistent/dir/a.bmp"));
}

/* Set (or unset, value NULL) an environment variable for the children,
 * remembering the old value for env_restore. */
typedef struct saved_env {
    const char *name;
    char *value;
} saved_env;

static saved_env env_set(const char *name, const char *value)
{
    const char *old = getenv(name);
    saved_env s = { name, old ? strdup(old) : NULL };
    if (value)
        setenv(name, value, 1);
    else
        unsetenv(name);
    return s;
}

static void env_restore(saved_env *s)
{
    if (s->value)
        setenv(s->name, s->value, 1);
    else
        unsetenv(s->name);
    free(s->value);
}

static void test_render_without_a_display_says_so_in_one_line(void **state)
{
    (void)state;
    saved_env e[3] = { env_set("DISPLAY", NULL), env_set("WAYLAND_DISPLAY", NULL),
                       env_set("SDL_VIDEODRIVER", NULL) };
    run_ok((char *const[]){ "bulwark", "bench", "render", "--frames", "5", NULL });
    for (int i = 0; i < 3; i++)
        env_restore(&e[i]);
    assert_int_equal(r.status, 1);
    assert_non_null(strstr(r.err, "no display"));
    assert_non_null(strstr(r.err, "xvfb-run"));
    char *nl = strchr(r.err, '\n');
    assert_non_null(nl);
    assert_string_equal(nl + 1, ""); /* one line */
    assert_string_equal(r.out, "");
}

static void test_render_on_the_dummy_driver_prints_its_contract(void **state)
{
    (void)state;
    char dir[] = "/tmp/bulwark-bench-shot-XXXXXX", shot[64];
    assert_non_null(mkdtemp(dir));
    snprintf(shot, sizeof shot, "%s/frame.bmp", dir);
    saved_env e = env_set("SDL_VIDEODRIVER", "dummy");
    run_ok((char *const[]){ "bulwark", "bench", "render", "--nodes", "40", "--frames", "3",
                            "--renderer", "software", "--shot", shot, NULL });
    env_restore(&e);
    if (r.status != 0)
        fail_msg("exit %d: %s", r.status, r.err);
    char last[256];
    run_last_line(r.out, last, sizeof last);
    int nodes = 0, frames = 0;
    double median = -1, p99 = -1;
    char renderer[32] = "";
    assert_int_equal(sscanf(last, "nodes=%d frames=%d median_ms=%lf p99_ms=%lf renderer=%31s", &nodes,
                            &frames, &median, &p99, renderer),
                     5);
    assert_int_equal(nodes, 40);
    assert_int_equal(frames, 3);
    assert_true(median > 0 && p99 >= median);
    assert_string_equal(renderer, "software");
    assert_non_null(strstr(r.out, "video driver dummy"));
    SDL_Surface *pic = SDL_LoadBMP(shot);
    unlink(shot);
    rmdir(dir);
    assert_non_null(pic);
    assert_int_equal(pic->w, BENCH_SCENE_W);
    assert_int_equal(pic->h, BENCH_SCENE_H);
    SDL_Surface *rgb = SDL_ConvertSurfaceFormat(pic, SDL_PIXELFORMAT_RGB888, 0);
    assert_pixel(rgb, 1590, 2, 38, 41, 51);
    assert_pixel(rgb, 1595, 895, 31, 33, 41);
    SDL_FreeSurface(rgb);
    SDL_FreeSurface(pic);
}

static void test_render_picks_the_fastest_driver_that_works(void **state)
{
    (void)state;
    saved_env e = env_set("SDL_VIDEODRIVER", "dummy"); /* no OpenGL there */
    run_ok((char *const[]){ "bulwark", "bench", "render", "--nodes", "20", "--frames", "2", NULL });
    env_restore(&e);
    if (r.status != 0)
        fail_msg("exit %d: %s", r.status, r.err);
    assert_non_null(strstr(r.out, "renderers tried"));
    assert_non_null(strstr(r.out, "software "));
    char last[256];
    run_last_line(r.out, last, sizeof last);
    assert_non_null(strstr(last, "renderer=software"));
}

static void test_render_names_the_drivers_it_has(void **state)
{
    (void)state;
    saved_env e = env_set("SDL_VIDEODRIVER", "dummy");
    run_ok((char *const[]){ "bulwark", "bench", "render", "--frames", "1", "--renderer", "vulkanx", NULL });
    env_restore(&e);
    assert_int_equal(r.status, 2);
    assert_non_null(strstr(r.err, "no render driver 'vulkanx'"));
    assert_non_null(strstr(r.err, "software"));
}

int main(void)
{
    const struct CMUnitTest pure[] = {
        cmocka_unit_test(test_scene_matches_the_lua_reference),
        cmocka_unit_test(test_small_scene_draws_links_from_the_same_stream),
        cmocka_unit_test(test_scene_refuses_sizes_the_labels_cannot_show),
        cmocka_unit_test(test_stats_pick_the_references_median_and_p99),
    };
    const struct CMUnitTest drawn[] = {
        cmocka_unit_test(test_frame_has_the_references_colours),
        cmocka_unit_test(test_frame_draws_labels_hud_and_log_as_sdl_ttf_would),
        cmocka_unit_test(test_attacks_move_along_their_links),
        cmocka_unit_test(test_painter_reports_a_missing_font),
    };
    const struct CMUnitTest command[] = {
        cmocka_unit_test(test_render_refuses_bad_options),
        cmocka_unit_test(test_render_without_a_display_says_so_in_one_line),
        cmocka_unit_test(test_render_on_the_dummy_driver_prints_its_contract),
        cmocka_unit_test(test_render_picks_the_fastest_driver_that_works),
        cmocka_unit_test(test_render_names_the_drivers_it_has),
    };
    int failed = cmocka_run_group_tests_name("scene", pure, NULL, NULL);
    failed += cmocka_run_group_tests_name("frame", drawn, canvas_open, canvas_close);
    failed += cmocka_run_group_tests_name("command", command, NULL, NULL);
    return failed;
}
