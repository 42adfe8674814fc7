/* test_share.c — a scenario shared from anywhere: `bulwark play FILE` of
 * a file outside scripts/ runs it (headless here: no display) and first
 * names its id, author and content hash; check and run print the same
 * hash, the FNV-1a 64 of the file's bytes; and its images load only from
 * its own folder: a good logo and icon pass, and '../', an absolute path,
 * a link out of the folder (file or directory), a file that is not a PNG,
 * one too large in bytes and one too large in pixels are each refused
 * with file:line. Every case runs in a scratch folder made here. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <cjson/cJSON.h>
#include <stdbool.h>
#include <sys/stat.h>

#include "app/run.h"
#include "bulwark/script.h"

#include <SDL.h>
#include <SDL_image.h>

static run_result r;
static char tmp[64], outside[64];

static const char *source(const char *rel)
{
    static char bufs[4][512];
    static int next;
    char *b = bufs[next++ % 4];
    const char *root = getenv("BULWARK_SOURCE_DIR");
    snprintf(b, sizeof bufs[0], "%s/%s", root ? root : ".", rel);
    return b;
}

static char *slurp(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return NULL;
    char *buf = malloc(1 << 20);
    size_t n = buf ? fread(buf, 1, 1 << 20, f) : 0;
    fclose(f);
    if (buf)
        buf[n] = '\0';
    *len = n;
    return buf;
}

static void spill(const char *path, const void *bytes, size_t len)
{
    FILE *f = fopen(path, "wb");
    assert_non_null(f);
    assert_int_equal(fwrite(bytes, 1, len, f), len);
    fclose(f);
}

static void copy(const char *from, const char *to)
{
    size_t len;
    char *b = slurp(from, &len);
    assert_non_null(b);
    spill(to, b, len);
    free(b);
}

/* The scratch folder: shared.lua and img/ as the fixture has them, and a
 * PNG outside it for the links to point at. */
static int setup(void **state)
{
    (void)state;
    snprintf(tmp, sizeof tmp, "/tmp/bulwark-share-XXXXXX");
    snprintf(outside, sizeof outside, "/tmp/bulwark-outside-XXXXXX");
    if (!mkdtemp(tmp) || !mkdtemp(outside))
        return -1;
    char p[256], q[256];
    snprintf(p, sizeof p, "%s/img", tmp);
    mkdir(p, 0700);
    const char *imgs[] = { "logo.png", "db.png" };
    for (int i = 0; i < 2; i++) {
        snprintf(p, sizeof p, "tests/fixtures/assets/img/%s", imgs[i]);
        snprintf(q, sizeof q, "%s/img/%s", tmp, imgs[i]);
        copy(source(p), q);
    }
    snprintf(q, sizeof q, "%s/secret.png", outside);
    copy(source("tests/fixtures/assets/img/logo.png"), q);
    snprintf(q, sizeof q, "%s/shared.lua", tmp);
    copy(source("tests/fixtures/assets/shared.lua"), q);
    return 0;
}

static int teardown(void **state)
{
    (void)state;
    char cmd[300];
    snprintf(cmd, sizeof cmd, "rm -rf '%s' '%s'", tmp, outside);
    return system(cmd) == 0 ? 0 : -1;
}

static uint64_t fnv1a(const char *p, size_t n)
{
    uint64_t h = 0xcbf29ce484222325ULL;
    for (size_t i = 0; i < n; i++) {
        h ^= (unsigned char)p[i];
        h *= 0x100000001b3ULL;
    }
    return h;
}

static void hash_of(const char *path, char hex[17])
{
    size_t len;
    char *b = slurp(path, &len);
    assert_non_null(b);
    snprintf(hex, 17, "%016llx", (unsigned long long)fnv1a(b, len));
    free(b);
}

static void test_play_of_a_file_from_anywhere_names_it_first(void **state)
{
    (void)state;
    char path[256], hex[17], want[800];
    snprintf(path, sizeof path, "%s/shared.lua", tmp);
    hash_of(path, hex);
    unsetenv("DISPLAY");
    unsetenv("WAYLAND_DISPLAY");
    run_bulwark((char *const[]){ "bulwark", "play", path, "--no-store", NULL }, &r);
    if (r.status != 0)
        print_message("%s\n%s", r.out, r.err);
    assert_int_equal(r.status, 0);
    snprintf(want, sizeof want,
             "no display: playing %s headless\n"
             "The Shared Shop — shared-shop (seed 1, player sensible)\n"
             "scenario shared-shop by A. Sharer, content hash %s\n",
             path, hex);
    assert_true(strncmp(r.out, want, strlen(want)) == 0);
    assert_non_null(strstr(r.out, "=== Debrief:")); /* and it played to its end */
}

static void test_check_and_run_print_the_same_content_hash(void **state)
{
    (void)state;
    char path[256], hex[17], want[800];
    snprintf(path, sizeof path, "%s/shared.lua", tmp);
    hash_of(path, hex);
    run_bulwark((char *const[]){ "bulwark", "check", "--werror", path, NULL }, &r);
    assert_int_equal(r.status, 0);
    snprintf(want, sizeof want, "%s: ok (shared-shop, 3 days, hash %s)\n", path, hex);
    assert_string_equal(r.out, want);
    run_bulwark((char *const[]){ "bulwark", "run", path, "--player", "idle", NULL }, &r);
    assert_int_equal(r.status, 0);
    snprintf(want, sizeof want, "scenario shared-shop by A. Sharer, content hash %s\n", hex);
    assert_non_null(strstr(r.out, want));
    /* one byte more is another scenario */
    FILE *f = fopen(path, "ab");
    assert_non_null(f);
    fputs("\n", f);
    fclose(f);
    char hex2[17];
    hash_of(path, hex2);
    assert_string_not_equal(hex, hex2);
    run_bulwark((char *const[]){ "bulwark", "check", path, NULL }, &r);
    assert_non_null(strstr(r.out, hex2));
}

/* shared.lua with its logo path replaced; the check's stderr. */
static void check_logo(const char *logo)
{
    char src[256], dst[256];
    snprintf(src, sizeof src, "%s/shared.lua", tmp);
    snprintf(dst, sizeof dst, "%s/variant.lua", tmp);
    size_t len;
    char *text = slurp(src, &len);
    assert_non_null(text);
    const char *at = strstr(text, "img/logo.png");
    assert_non_null(at);
    FILE *f = fopen(dst, "wb");
    assert_non_null(f);
    fwrite(text, 1, (size_t)(at - text), f);
    fputs(logo, f);
    fputs(at + strlen("img/logo.png"), f);
    fclose(f);
    free(text);
    run_bulwark((char *const[]){ "bulwark", "check", dst, NULL }, &r);
}

static void test_assets_outside_the_folder_or_not_small_pngs_are_refused(void **state)
{
    (void)state;
    char p[256], q[256];
    /* the cases the files need: links out, a text file, too many bytes, too many pixels */
    snprintf(p, sizeof p, "%s/secret.png", outside);
    snprintf(q, sizeof q, "%s/img/link.png", tmp);
    assert_int_equal(symlink(p, q), 0);
    snprintf(q, sizeof q, "%s/img/away", tmp);
    assert_int_equal(symlink(outside, q), 0);
    snprintf(q, sizeof q, "%s/img/inside-link.png", tmp);
    assert_int_equal(symlink("logo.png", q), 0); /* a link that stays inside is fine */
    snprintf(q, sizeof q, "%s/img/notes.png", tmp);
    spill(q, "just some text, named .png\n", 27);
    static unsigned char big[SCRIPT_ASSET_MAX_BYTES + 1];
    memcpy(big, "\x89PNG\r\n\x1a\n\0\0\0\x0dIHDR\0\0\0\x10\0\0\0\x10", 24);
    snprintf(q, sizeof q, "%s/img/heavy.png", tmp);
    spill(q, big, sizeof big);
    const unsigned char wide[] = "\x89PNG\r\n\x1a\n\0\0\0\x0dIHDR\0\0\x04\x00\0\0\x04\x01"
                                 "\x08\x06\0\0\0";
    snprintf(q, sizeof q, "%s/img/wide.png", tmp);
    spill(q, wide, sizeof wide - 1);

    char sp[256];
    snprintf(sp, sizeof sp, "%s/variant.lua", tmp);
    char abs[256];
    snprintf(abs, sizeof abs, "%s/secret.png", outside);
    static const struct {
        const char *logo, *msg;
    } cases[] = {
        { "../secret.png", "has a '..' component: assets may not leave the "
                           "scenario's folder" },
        { "img/../../x.png", "has a '..' component: assets may not leave "
                             "the scenario's folder" },
        { NULL, "is an absolute path: name a file inside the scenario's folder" },
        { "img/link.png", "resolves outside the scenario's folder (a symbolic "
                          "link?)" },
        { "img/away/secret.png", "resolves outside the scenario's folder "
                                 "(a symbolic link?)" },
        { "img/notes.png", "is not a PNG image" },
        { "img/heavy.png", "is larger than 512 KiB (the limit for an image)" },
        { "img/wide.png", "is 1024x1025 pixels; an image may have at most "
                          "1048576 pixels (2048 a side)" },
        { "img/none.png", "does not exist in the scenario's folder" },
        { "img", "is not a regular file" },
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        const char *logo = cases[i].logo ? cases[i].logo : abs;
        check_logo(logo);
        char want[600];
        snprintf(want, sizeof want, "%s:10: error: assets.logo: '%s' %s\n", sp, logo, cases[i].msg);
        if (r.status != 1 || !strstr(r.err, want))
            print_message("case %zu: want %sgot %s", i, want, r.err);
        assert_int_equal(r.status, 1);
        assert_non_null(strstr(r.err, want));
    }
    check_logo("img/inside-link.png");
    assert_int_equal(r.status, 0);
}

static void test_a_node_icon_is_checked_the_same_way(void **state)
{
    (void)state;
    char src[256], dst[256];
    snprintf(src, sizeof src, "%s/shared.lua", tmp);
    snprintf(dst, sizeof dst, "%s/icon.lua", tmp);
    size_t len;
    char *text = slurp(src, &len);
    assert_non_null(text);
    const char *at = strstr(text, "img/db.png");
    assert_non_null(at);
    FILE *f = fopen(dst, "wb");
    fwrite(text, 1, (size_t)(at - text), f);
    fputs("../db.png", f);
    fputs(at + strlen("img/db.png"), f);
    fclose(f);
    free(text);
    run_bulwark((char *const[]){ "bulwark", "check", dst, NULL }, &r);
    assert_int_equal(r.status, 1);
    char want[400];
    snprintf(want, sizeof want,
             "%s:15: error: node 2 ('db').icon: '../db.png' has a '..' component: assets may not "
             "leave the scenario's folder\n",
             dst);
    if (!strstr(r.err, want))
        print_message("want %sgot %s", want, r.err);
    assert_non_null(strstr(r.err, want));
}

static bool have_xvfb(void)
{
    const char *path = getenv("PATH");
    char buf[4096];
    snprintf(buf, sizeof buf, "%s", path ? path : "");
    for (char *save = NULL, *d = strtok_r(buf, ":", &save); d; d = strtok_r(NULL, ":", &save)) {
        char p[4200];
        snprintf(p, sizeof p, "%s/xvfb-run", d);
        if (access(p, X_OK) == 0)
            return true;
    }
    return false;
}

/* A screenshot of `bulwark play FILE [--screen play]` under xvfb-run. */
static void shoot(const char *scenario, bool play, const char *png)
{
    /* Under the sanitizers the display libraries keep allocations SDL
     * cannot free (as in test_play_window.c): not ours to fix. */
    char supp[300], opt[400];
    snprintf(supp, sizeof supp, "%s/lsan.supp", tmp);
    FILE *f = fopen(supp, "w");
    assert_non_null(f);
    fputs("leak:libdbus-1.so\nleak:libX11.so\nleak:libxcb.so\nleak:libXi.so\nleak:libXext.so\n"
          "leak:libfontconfig.so\nleak:libGLX\nleak:libGL\nleak:libEGL\nleak:libLLVM\n",
          f);
    fclose(f);
    snprintf(opt, sizeof opt, "suppressions=%s:print_suppressions=0", supp);
    setenv("LSAN_OPTIONS", opt, 1);
    setenv("BULWARK_DATA_HOME", tmp, 1);
    char *argv[] = { "xvfb-run", "-a", "-s", "-screen 0 1280x800x24", getenv("BULWARK_BINARY"),
                     "play", (char *)scenario, "--no-store", "--frames", "3", "--screenshot",
                     (char *)png, play ? "--screen" : NULL, "play", NULL };
    pid_t pid;
    assert_int_equal(posix_spawnp(&pid, "xvfb-run", NULL, NULL, argv, environ), 0);
    int st = 0;
    assert_int_equal(waitpid(pid, &st, 0), pid);
    assert_true(WIFEXITED(st) && WEXITSTATUS(st) == 0);
}

/* Pixels within 8 of colour (r, g, b) in the screenshot. */
static int count_colour(const char *png, int r, int g, int b)
{
    SDL_Surface *raw = IMG_Load(png);
    assert_non_null(raw);
    SDL_Surface *s = SDL_ConvertSurfaceFormat(raw, SDL_PIXELFORMAT_ARGB8888, 0);
    SDL_FreeSurface(raw);
    assert_non_null(s);
    int n = 0;
    for (int y = 0; y < s->h; y++)
        for (int x = 0; x < s->w; x++) {
            uint32_t p = ((uint32_t *)s->pixels)[y * (s->pitch / 4) + x];
            n += abs((int)((p >> 16) & 255) - r) <= 8 && abs((int)((p >> 8) & 255) - g) <= 8 &&
                 abs((int)(p & 255) - b) <= 8;
        }
    SDL_FreeSurface(s);
    return n;
}

/* The logo's blue and the icon's purple are on screen with the images,
 * and not without them (the same scenario, its asset fields removed). */
static void test_the_briefing_shows_the_logo_and_the_map_the_icon(void **state)
{
    (void)state;
    if (!have_xvfb())
        skip();
    char with[256], without[256], png[256];
    snprintf(with, sizeof with, "%s/shared.lua", tmp);
    snprintf(without, sizeof without, "%s/plain.lua", tmp);
    size_t len;
    char *text = slurp(with, &len);
    assert_non_null(text);
    FILE *f = fopen(without, "wb");
    assert_non_null(f);
    for (const char *p = text; *p;) { /* drop the assets = and icon = fields */
        const char *a = strstr(p, "assets = {"), *i = strstr(p, "icon = ");
        const char *cut = a && (!i || a < i) ? a : i;
        if (!cut) {
            fputs(p, f);
            break;
        }
        fwrite(p, 1, (size_t)(cut - p), f);
        p = strchr(cut, cut == a ? '}' : ' ');
        p = cut == a ? p + 2 : strchr(p + 3, ' ');
    }
    fclose(f);
    free(text);
    run_bulwark((char *const[]){ "bulwark", "check", without, NULL }, &r);
    if (r.status != 0)
        print_message("%s", r.err);
    assert_int_equal(r.status, 0);

    snprintf(png, sizeof png, "%s/brief.png", tmp);
    shoot(with, false, png);
    int logo_with = count_colour(png, 40, 110, 220);
    shoot(without, false, png);
    int logo_without = count_colour(png, 40, 110, 220);
    snprintf(png, sizeof png, "%s/map.png", tmp);
    shoot(with, true, png);
    int icon_with = count_colour(png, 170, 90, 200);
    shoot(without, true, png);
    int icon_without = count_colour(png, 170, 90, 200);
    if (logo_with < 500 || icon_with < 100)
        print_message("logo %d/%d icon %d/%d\n", logo_with, logo_without, icon_with, icon_without);
    assert_true(logo_with >= 500 && logo_without < 50);
    assert_true(icon_with >= 100 && icon_without < 20);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_play_of_a_file_from_anywhere_names_it_first),
        cmocka_unit_test(test_check_and_run_print_the_same_content_hash),
        cmocka_unit_test(test_assets_outside_the_folder_or_not_small_pngs_are_refused),
        cmocka_unit_test(test_a_node_icon_is_checked_the_same_way),
        cmocka_unit_test(test_the_briefing_shows_the_logo_and_the_map_the_icon),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
