/* run.h — run the built bulwark binary and capture what it prints, for
 * the command-line tests. Header-only: each test binary includes it. */
#ifndef BULWARK_TEST_RUN_H
#define BULWARK_TEST_RUN_H

#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

extern char **environ;

typedef struct run_result {
    int status;    /* exit code, or 128 + signal */
    char out[65536];
    char err[16384];
} run_result;

static inline void run_drain(int fd, char *buf, size_t cap)
{
    size_t len = 0;
    ssize_t n;
    char sink[4096];
    while ((n = read(fd, len + 1 < cap ? buf + len : sink,
                     len + 1 < cap ? cap - 1 - len : sizeof sink)) > 0)
        if (len + 1 < cap)
            len += (size_t)n;
    buf[len < cap ? len : cap - 1] = '\0';
}

/* argv[0] is ignored: the binary comes from $BULWARK_BINARY. stdout and
 * stderr go to files, so neither pipe can fill and block the child. */
static inline int run_bulwark(char *const argv[], run_result *r)
{
    const char *bin = getenv("BULWARK_BINARY");
    if (!bin)
        return -1;
    char out_path[] = "/tmp/bulwark-test-out-XXXXXX";
    char err_path[] = "/tmp/bulwark-test-err-XXXXXX";
    int fo = mkstemp(out_path), fe = mkstemp(err_path);
    if (fo < 0 || fe < 0)
        return -1;
    posix_spawn_file_actions_t fa;
    posix_spawn_file_actions_init(&fa);
    posix_spawn_file_actions_adddup2(&fa, fo, 1);
    posix_spawn_file_actions_adddup2(&fa, fe, 2);
    char *args[64];
    int n = 0;
    args[n++] = (char *)bin;
    for (int i = 1; argv[i] && n < 63; i++)
        args[n++] = argv[i];
    args[n] = NULL;
    pid_t pid;
    int rc = posix_spawn(&pid, bin, &fa, NULL, args, environ);
    posix_spawn_file_actions_destroy(&fa);
    if (rc != 0)
        return -1;
    int st = 0;
    waitpid(pid, &st, 0);
    r->status = WIFEXITED(st) ? WEXITSTATUS(st) : 128 + WTERMSIG(st);
    lseek(fo, 0, SEEK_SET);
    lseek(fe, 0, SEEK_SET);
    run_drain(fo, r->out, sizeof r->out);
    run_drain(fe, r->err, sizeof r->err);
    close(fo);
    close(fe);
    unlink(out_path);
    unlink(err_path);
    return 0;
}

/* The last non-empty line of s, copied into line. */
static inline void run_last_line(const char *s, char *line, size_t cap)
{
    size_t len = strlen(s);
    while (len && s[len - 1] == '\n')
        len--;
    size_t start = len;
    while (start && s[start - 1] != '\n')
        start--;
    snprintf(line, cap, "%.*s", (int)(len - start), s + start);
}

/* A whole file as a NUL-terminated string (caller frees), or NULL. */
static inline char *run_slurp(const char *p)
{
    FILE *f = fopen(p, "rb");
    if (!f)
        return NULL;
    fseek(f, 0, SEEK_END);
    long n = ftell(f);
    fseek(f, 0, SEEK_SET);
    char *buf = malloc((size_t)n + 1);
    if (buf && fread(buf, 1, (size_t)n, f) != (size_t)n) {
        free(buf);
        buf = NULL;
    }
    if (buf)
        buf[n] = '\0';
    fclose(f);
    return buf;
}

#endif
