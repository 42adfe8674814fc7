/* test_report_browser.c — the HTML report in a real browser: Debian's
 * Chromium, headless, opens `bulwark results export --format html` of a
 * room of real games, takes a screenshot, and the test asserts that the
 * page logged nothing to the console (no script error, no refused load:
 * a Content-Security-Policy refusal is a console message too) and made
 * no request to any network (Chromium's own net log, --log-net-log).
 *
 * A control page that does log an error and does load an image over
 * http is run through the same checks first: they must catch both, so
 * the checks cannot pass for want of seeing anything.
 *
 * Nothing downloads: the browser's background services are turned off,
 * and its host resolver maps every name to "not found". Chromium is in
 * tools/setup.sh's packages; when it is missing or cannot start, the
 * test fails and says so (it never skips). BULWARK_CHROMIUM names another
 * binary. BULWARK_SCREENSHOT_DIR (tools/screenshots.sh) keeps the
 * screenshot there as report.png. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>

#include <cmocka.h>

#include <cjson/cJSON.h>
#include <fcntl.h>
#include <spawn.h>

#include "app/results_test.h"
#include "app/run.h"

#define SHOT_W 1280
#define SHOT_H 2400

/* The browser: $BULWARK_CHROMIUM, else chromium or chromium-browser on PATH. */
static bool find_chromium(char *buf, size_t n)
{
    const char *given = getenv("BULWARK_CHROMIUM");
    if (given && given[0]) {
        snprintf(buf, n, "%s", given);
        return access(buf, X_OK) == 0;
    }
    const char *path = getenv("PATH");
    static const char *const names[] = { "chromium", "chromium-browser" };
    for (int k = 0; k < 2; k++) {
        char dirs[4096];
        snprintf(dirs, sizeof dirs, "%s", path ? path : "/usr/bin:/bin");
        for (char *save = NULL, *d = strtok_r(dirs, ":", &save); d; d = strtok_r(NULL, ":", &save)) {
            snprintf(buf, n, "%s/%s", d, names[k]);
            if (access(buf, X_OK) == 0)
                return true;
        }
    }
    return false;
}

typedef struct browsed {
    int status;
    char console[4096]; /* the console lines, "" when none */
    int console_lines;
    char requests[4096]; /* the page's network requests, "" when none */
    int request_count;
    long png_bytes;
    unsigned png_w, png_h;
} browsed;

/* Append line to buf (bounded). */
static void add_line(char *buf, size_t n, const char *line, size_t len)
{
    size_t at = strlen(buf);
    if (at + 2 < n)
        snprintf(buf + at, n - at, "%.*s\n", (int)len, line);
}

static void read_console(const char *err_path, browsed *b)
{
    char *text = run_slurp(err_path);
    assert_non_null(text);
    for (char *line = text; line && *line;) {
        char *end = strchr(line, '\n');
        if (end)
            *end = '\0';
        size_t len = strlen(line);
        /* Chromium logs every console message, whatever its level, as ":CONSOLE" */
        if (strstr(line, ":CONSOLE")) {
            add_line(b->console, sizeof b->console, line, len);
            b->console_lines++;
        }
        line = end ? end + 1 : NULL;
    }
    free(text);
}

static bool network_url(const char *u)
{
    static const char *const schemes[] = { "http:", "https:", "ws:", "wss:", "ftp:" };
    for (int i = 0; i < 5; i++)
        if (strncmp(u, schemes[i], strlen(schemes[i])) == 0)
            return true;
    return false;
}

/* The requests the page made: URL requests that the browser did not start
 * for itself (its own have the initiator "not an origin" and no file://
 * isolation key; the page's come from its file:// origin). */
static void read_net_log(const char *path, browsed *b)
{
    char *text = run_slurp(path);
    if (!text)
        fail_msg("chromium wrote no net log at %s", path);
    cJSON *log = cJSON_Parse(text);
    if (!log) { /* a browser that stopped hard leaves the array open */
        size_t len = strlen(text);
        while (len && (text[len - 1] == '\n' || text[len - 1] == ','))
            len--;
        char *fixed = malloc(len + 4);
        memcpy(fixed, text, len);
        memcpy(fixed + len, "]}", 3);
        log = cJSON_Parse(fixed);
        free(fixed);
    }
    free(text);
    if (!log)
        fail_msg("chromium's net log %s does not parse", path);
    const cJSON *events = cJSON_GetObjectItem(log, "events"), *ev;
    assert_true(cJSON_IsArray(events));
    cJSON_ArrayForEach(ev, events)
    {
        const cJSON *p = cJSON_GetObjectItem(ev, "params");
        const cJSON *url = cJSON_GetObjectItem(p, "url");
        if (!cJSON_IsString(url) || !network_url(url->valuestring))
            continue;
        const cJSON *init = cJSON_GetObjectItem(p, "initiator");
        const cJSON *nik = cJSON_GetObjectItem(p, "network_isolation_key");
        bool from_page = (cJSON_IsString(init) && strcmp(init->valuestring, "not an origin") != 0) ||
                         (cJSON_IsString(nik) && strstr(nik->valuestring, "file:"));
        if (from_page && !strstr(b->requests, url->valuestring)) {
            add_line(b->requests, sizeof b->requests, url->valuestring, strlen(url->valuestring));
            b->request_count++;
        }
    }
    cJSON_Delete(log);
}

/* A PNG's size in bytes and its width and height (from IHDR). */
static void read_png(const char *path, browsed *b)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return;
    unsigned char h[24];
    if (fread(h, 1, sizeof h, f) == sizeof h && memcmp(h, "\x89PNG\r\n\x1a\n", 8) == 0) {
        b->png_w = (unsigned)h[16] << 24 | (unsigned)h[17] << 16 | (unsigned)h[18] << 8 | h[19];
        b->png_h = (unsigned)h[20] << 24 | (unsigned)h[21] << 16 | (unsigned)h[22] << 8 | h[23];
    }
    fseek(f, 0, SEEK_END);
    b->png_bytes = ftell(f);
    fclose(f);
}

/* Open file (an absolute path) in headless Chromium, screenshot to png. */
static void browse(const char *chromium, const char *dir, const char *file, const char *png, browsed *b)
{
    memset(b, 0, sizeof *b);
    char profile[512], netlog[512], out_path[512], err_path[512], url[1024], size[64], shot[600], nl[600], ud[600];
    snprintf(profile, sizeof profile, "%s/profile", dir);
    snprintf(netlog, sizeof netlog, "%s/net-log.json", dir);
    snprintf(out_path, sizeof out_path, "%s/chromium.out", dir);
    snprintf(err_path, sizeof err_path, "%s/chromium.err", dir);
    snprintf(url, sizeof url, "file://%s", file);
    snprintf(size, sizeof size, "--window-size=%d,%d", SHOT_W, SHOT_H);
    snprintf(shot, sizeof shot, "--screenshot=%s", png);
    snprintf(nl, sizeof nl, "--log-net-log=%s", netlog);
    snprintf(ud, sizeof ud, "--user-data-dir=%s", profile);
    unlink(netlog);
    unlink(png);
    char *argv[] = {
        "timeout", "-k", "10", "180", (char *)chromium, "--headless", "--no-sandbox", "--disable-gpu",
        "--no-first-run", "--no-default-browser-check", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--disable-default-apps", "--no-pings",
        "--disable-domain-reliability", "--disable-client-side-phishing-detection", "--disable-breakpad",
        "--metrics-recording-only", "--safebrowsing-disable-auto-update", "--password-store=basic",
        "--use-mock-keychain",
        "--disable-features=Translate,OptimizationHints,MediaRouter,SpellcheckService,"
        "AutofillServerCommunication,CertificateTransparencyComponentUpdater",
        "--host-resolver-rules=MAP * ~NOTFOUND", /* no name resolves: nothing can download */
        "--hide-scrollbars", "--enable-logging=stderr", "--v=0", nl, ud, size, shot, url, NULL
    };
    int fo = open(out_path, O_WRONLY | O_CREAT | O_TRUNC, 0600);
    int fe = open(err_path, O_WRONLY | O_CREAT | O_TRUNC, 0600);
    assert_true(fo >= 0 && fe >= 0);
    posix_spawn_file_actions_t fa;
    posix_spawn_file_actions_init(&fa);
    posix_spawn_file_actions_adddup2(&fa, fo, 1);
    posix_spawn_file_actions_adddup2(&fa, fe, 2);
    pid_t pid;
    int rc = posix_spawnp(&pid, "timeout", &fa, NULL, argv, environ);
    posix_spawn_file_actions_destroy(&fa);
    close(fo);
    close(fe);
    if (rc != 0)
        fail_msg("cannot start %s: %s", chromium, strerror(rc));
    int st = 0;
    assert_int_equal(waitpid(pid, &st, 0), pid);
    b->status = WIFEXITED(st) ? WEXITSTATUS(st) : 128 + WTERMSIG(st);
    if (b->status != 0) {
        char *err = run_slurp(err_path);
        fail_msg("chromium could not render %s (exit %d%s): %.2000s", file, b->status,
                 b->status == 124 ? ", timed out" : "", err ? err : "");
    }
    read_console(err_path, b);
    read_net_log(netlog, b);
    read_png(png, b);
}

static void test_the_report_renders_in_chromium_with_no_console_error_and_no_request(void **state)
{
    (void)state;
    char chromium[1024];
    if (!find_chromium(chromium, sizeof chromium))
        fail_msg("Chromium is not installed, so the HTML report cannot be checked in a browser: "
                 "./tools/setup.sh installs Debian's chromium package (or set BULWARK_CHROMIUM)");
    char dir[64];
    st_tmpdir(dir, sizeof dir);
    /* Chromium writes its caches under HOME and XDG folders: keep them here. */
    setenv("HOME", dir, 1);
    setenv("XDG_CONFIG_HOME", dir, 1);
    setenv("XDG_CACHE_HOME", dir, 1);

    /* The control: a page that logs an error and loads an image from a
     * local port (nothing listens; nothing leaves the machine). */
    char neg[256], png[256];
    snprintf(neg, sizeof neg, "%s/control.html", dir);
    FILE *f = fopen(neg, "w");
    assert_non_null(f);
    fputs("<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>control</title></head><body>"
          "<p>control</p><script>console.error(\"control error\");</script>"
          "<img src=\"http://127.0.0.1:9/control.png\" alt=\"\"></body></html>\n",
          f);
    fclose(f);
    snprintf(png, sizeof png, "%s/control.png", dir);
    browsed b;
    browse(chromium, dir, neg, png, &b);
    if (b.console_lines < 1 || !strstr(b.console, "control error"))
        fail_msg("the console check saw nothing of the control page's error; stderr's console lines:\n%s", b.console);
    if (!strstr(b.requests, "http://127.0.0.1:9/control.png"))
        fail_msg("the net log check missed the control page's request; it saw:\n%s", b.requests);

    /* The report of a room: twelve players in three teams, two scenarios each. */
    static const char *const names[] = { "Ada", "Grace", "Linus", "Margaret", "Ken", "Barbara", "Dennis",
                                         "Frances", "Radia", "<script>alert('x')</script>", "Alan", "Hedy" };
    static const char *const bots[] = { "sensible", "hackback", "idle", "random", "sensible", "random" };
    static const char *const teams[] = { "red", "blue", "green" };
    static const char *const scenarios[] = { "log4shell", "mirai" };
    rt_game games[24];
    for (int i = 0; i < 24; i++)
        games[i] = (rt_game){ names[i / 2], teams[(i / 2) % 3], scenarios[i % 2], bots[(i / 2) % 6],
                              (uint64_t)(2021 + (i / 2) % 4) };
    char db[256], html[256], out[300];
    snprintf(db, sizeof db, "%s/room.db", dir);
    snprintf(html, sizeof html, "%s/report.html", dir);
    rt_make_store(db, games, 24, "acme-2026-11");
    char *argv[] = { "bulwark", "results", "export", "--format", "html", "--store", db, "--out", html, NULL };
    static run_result r;
    assert_int_equal(run_bulwark(argv, &r), 0);
    if (r.status != 0)
        fail_msg("export: %s", r.err);
    snprintf(png, sizeof png, "%s/report.png", dir);
    browse(chromium, dir, html, png, &b);
    if (b.console_lines)
        fail_msg("the report logged %d console message%s:\n%s", b.console_lines, b.console_lines == 1 ? "" : "s",
                 b.console);
    if (b.request_count)
        fail_msg("the report made %d network request%s:\n%s", b.request_count, b.request_count == 1 ? "" : "s",
                 b.requests);
    assert_int_equal(b.png_w, SHOT_W);
    assert_int_equal(b.png_h, SHOT_H);
    /* A blank page of this size compresses to about 12 KB; the scoreboards,
     * the charts and their labels take several times more. */
    if (b.png_bytes < 100000)
        fail_msg("the screenshot is %ld bytes: the page looks blank", b.png_bytes);
    const char *keep = getenv("BULWARK_SCREENSHOT_DIR");
    if (keep && keep[0]) {
        snprintf(out, sizeof out, "%s/report.png", keep);
        FILE *in = fopen(png, "rb"), *o = fopen(out, "wb");
        assert_true(in && o);
        char buf[65536];
        for (size_t n; (n = fread(buf, 1, sizeof buf, in)) > 0;)
            assert_int_equal(fwrite(buf, 1, n, o), n);
        fclose(in);
        assert_int_equal(fclose(o), 0);
        fprintf(stderr, "screenshot: %s\n", out);
    }
    st_remove_tree(dir);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_the_report_renders_in_chromium_with_no_console_error_and_no_request),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
