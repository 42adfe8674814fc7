/* bench_startup.c — `bulwark bench startup`: how quickly the desktop game
 * shows its menu, and how much memory it needs to play the largest
 * shipped scenario in a window (DESIGN.md section 7: under 300 ms and
 * under 100 MB).
 *
 * Both are measured on a child process, so the numbers include what a
 * player waits for: exec, dynamic linking, SDL and font start-up, the
 * store. startup_ms runs from just before the fork to the moment the
 * child has presented its first frame of the menu (it says so on a
 * pipe); peak_rss_mb is the child's ru_maxrss after it played the
 * scenario to its end with the sensible bot at full speed. The children
 * use a fresh, temporary store, never the player's.
 *
 * The bench keeps its own connection to the display while it measures.
 * An X server resets itself whenever its last client leaves (Xvfb under
 * xvfb-run does, having no window manager): it reloads its keymap and
 * fonts, and the next client's connection waits 100-200 ms for that. A
 * desktop always has other clients (the window manager, a panel), so
 * without the connection the bench would time the test server's reset,
 * not the game. */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include <SDL.h>

#include "args.h"
#include "bulwark/app.h"
#include "bulwark/script.h"
#include "bench.h"
#include "bulwark/ui_app.h"

static double now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

/* The largest shipped scenario file (tests excluded): the heaviest to play. */
static bool largest_scenario(char *id, size_t n)
{
    char dir[1024];
    snprintf(dir, sizeof dir, "%s/scripts/scenarios", script_data_dir());
    DIR *d = opendir(dir);
    if (!d)
        return false;
    long best = -1;
    for (struct dirent *e; (e = readdir(d));) {
        size_t len = strlen(e->d_name);
        if (len < 5 || strcmp(e->d_name + len - 4, ".lua") != 0 || strstr(e->d_name, ".test."))
            continue;
        char path[1400];
        snprintf(path, sizeof path, "%s/%s", dir, e->d_name);
        struct stat st;
        if (stat(path, &st) != 0 || st.st_size <= best)
            continue;
        best = st.st_size;
        snprintf(id, n, "%.*s", (int)(len - 4), e->d_name);
    }
    closedir(d);
    return best >= 0;
}

/* Fork and exec this binary with args; *pipe_rd gets the read end of a
 * pipe the child knows as --startup-fd when want_pipe. */
static pid_t spawn(char *const args[], bool want_pipe, int *pipe_rd, const char *home, FILE *err)
{
    char self[PATH_MAX];
    ssize_t sl = readlink("/proc/self/exe", self, sizeof self - 1);
    if (sl <= 0) {
        fprintf(err, "bulwark bench startup: cannot find this program: %s\n", strerror(errno));
        return -1;
    }
    self[sl] = 0;
    int fds[2] = {-1, -1};
    if (want_pipe && pipe(fds) != 0)
        return -1;
    fflush(NULL);
    pid_t pid = fork();
    if (pid < 0)
        return -1;
    if (pid == 0) {
        char fdarg[32];
        char *argv[32];
        int n = 0;
        argv[n++] = self;
        argv[n++] = "play";
        for (int i = 0; args[i] && n < 28; i++)
            argv[n++] = args[i];
        if (want_pipe) {
            close(fds[0]);
            snprintf(fdarg, sizeof fdarg, "--startup-fd=%d", fds[1]);
            argv[n++] = fdarg;
        }
        argv[n] = NULL;
        setenv("BULWARK_DATA_HOME", home, 1);
        int devnull = open("/dev/null", O_WRONLY);
        if (devnull >= 0)
            dup2(devnull, 1);
        execv(self, argv);
        _exit(127);
    }
    if (want_pipe) {
        close(fds[1]);
        *pipe_rd = fds[0];
    }
    return pid;
}

static int cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return x < y ? -1 : x > y;
}

static void usage(FILE *out)
{
    fprintf(
        out,
        "usage: bulwark bench startup [--scenario ID] [--runs R]\n"
        "  startup_ms:  process start to the first presented frame of the menu (median of R runs, "
        "5)\n"
        "  peak_rss_mb: peak resident memory playing SCENARIO (default: the largest shipped one)\n"
        "               to its end in the window, with the sensible bot at full speed\n"
        "  Needs a display: run it under xvfb-run. Targets: under 300 ms and 100 MB.\n");
}

static void remove_tree(const char *dir)
{
    DIR *d = opendir(dir);
    if (d) {
        for (struct dirent *e; (e = readdir(d));) {
            if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0)
                continue;
            char p[1400];
            snprintf(p, sizeof p, "%s/%s", dir, e->d_name);
            struct stat st;
            if (lstat(p, &st) == 0 && S_ISDIR(st.st_mode))
                remove_tree(p);
            else
                unlink(p);
        }
        closedir(d);
    }
    rmdir(dir);
}

int bench_startup(int argc, char **argv, FILE *out, FILE *err)
{
    const char *scenario = NULL;
    long runs = 5;
    for (int i = 0; i < argc; i++) {
        const char *v = NULL;
        if (args_opt(argc, argv, &i, "--scenario", &v)) {
            if (!(scenario = v))
                return fprintf(err, "bulwark bench startup: --scenario needs an id\n"), APP_USAGE;
        } else if (args_opt(argc, argv, &i, "--runs", &v)) {
            if (!args_int("--runs", v, 1, 100, &runs, err))
                return APP_USAGE;
        } else if (strcmp(argv[i], "--help") == 0) {
            usage(out);
            return APP_OK;
        } else {
            fprintf(err, "bulwark bench startup: unknown option '%s'\n", argv[i]);
            usage(err);
            return APP_USAGE;
        }
    }
    if (!ui_app_display_present()) {
        fprintf(err, "bulwark bench startup: no display (run it under xvfb-run)\n");
        return APP_FAILED;
    }
    char id[256];
    if (scenario)
        snprintf(id, sizeof id, "%s", scenario);
    else if (!largest_scenario(id, sizeof id)) {
        fprintf(err, "bulwark bench startup: no shipped scenario found\n");
        return APP_FAILED;
    }
    /* Hold the display (see the top of this file). Without it the runs
     * still work, only slower under Xvfb. */
    bool held = SDL_Init(SDL_INIT_VIDEO) == 0;
    char home[] = "/tmp/bulwark-bench-XXXXXX";
    if (!mkdtemp(home)) {
        fprintf(err, "bulwark bench startup: cannot make a temporary folder: %s\n",
                strerror(errno));
        if (held)
            SDL_Quit();
        return APP_INTERNAL;
    }
    int rc = APP_OK;
    double *ms = calloc((size_t)runs, sizeof *ms);
    if (!ms) {
        remove_tree(home);
        if (held)
            SDL_Quit();
        return APP_INTERNAL;
    }
    /* one unmeasured run first: the store is created, the page cache is warm */
    for (long r = -1; r < runs && rc == APP_OK; r++) {
        char *args[] = {"--screen", "menu", "--frames", "2", NULL};
        int rd = -1;
        double t0 = now_ms();
        pid_t pid = spawn(args, true, &rd, home, err);
        if (pid < 0) {
            rc = APP_INTERNAL;
            break;
        }
        char buf[32] = "";
        ssize_t n = read(rd, buf, sizeof buf - 1);
        double t1 = now_ms();
        close(rd);
        int st = 0;
        waitpid(pid, &st, 0);
        if (n <= 0 || strncmp(buf, "presented", 9) != 0 || !WIFEXITED(st) || WEXITSTATUS(st) != 0) {
            fprintf(err, "bulwark bench startup: the game did not show its menu (exit %d)\n",
                    WIFEXITED(st) ? WEXITSTATUS(st) : 128 + WTERMSIG(st));
            rc = APP_FAILED;
            break;
        }
        if (r >= 0)
            ms[r] = t1 - t0;
    }
    double peak_mb = 0;
    if (rc == APP_OK) {
        char *args[] = {id,    "--screen", "play",   "--player",         "sensible", "--speed",
                        "240", "--frames", "200000", "--exit-when-over", NULL};
        pid_t pid = spawn(args, false, NULL, home, err);
        int st = 0;
        /* RUSAGE_CHILDREN keeps the largest child's peak: this one, far
         * above the menu-only runs before it. */
        struct rusage ru;
        memset(&ru, 0, sizeof ru);
        if (pid < 0 || waitpid(pid, &st, 0) < 0 || getrusage(RUSAGE_CHILDREN, &ru) != 0 ||
            !WIFEXITED(st) || WEXITSTATUS(st) != 0) {
            fprintf(err, "bulwark bench startup: playing %s in the window failed (exit %d)\n", id,
                    WIFEXITED(st) ? WEXITSTATUS(st) : 128 + WTERMSIG(st));
            rc = APP_FAILED;
        }
        peak_mb = ru.ru_maxrss / 1024.0;
    }
    if (rc == APP_OK) {
        qsort(ms, (size_t)runs, sizeof *ms, cmp_double);
        fprintf(out, "startup_ms=%.1f peak_rss_mb=%.1f scenario=%s runs=%ld\n", ms[runs / 2],
                peak_mb, id, runs);
    }
    free(ms);
    remove_tree(home);
    if (held)
        SDL_Quit();
    return rc;
}
