/* cmd_new.c — `bulwark new NAME [--template T] [--dir DIR] [--force]`:
 * scaffold a scenario and its test, NAME.lua and NAME.test.lua, from a
 * template shipped in scripts/templates/ (found like the shipped
 * scenarios: under BULWARK_DATA_DIR), with the id and title filled in.
 * Both files pass `bulwark check` and `bulwark test` as written.
 *
 * Must never: overwrite a file without --force, or leave one file of the
 * pair behind when writing the other failed. Without --force each file is
 * created with O_EXCL, so a file that appears meanwhile is not clobbered
 * either. */
#include "bulwark/app.h"
#include "bulwark/script.h"
#include "args.h"

#include <errno.h>
#include <fcntl.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define NAME_MAX_LEN 47 /* the loader's ids: SIM_ID_MAX - 1 */

typedef struct template_info {
    const char *name, *summary;
} template_info;

static const template_info templates[] = {
    { "basic", "one exposed shop, one crew, a patch race and a hack-back offer (the default)" },
    { "ransomware", "a worm on an unpatched file share: patch in time, back up, and a ransom demand" },
    { "supply-chain", "a tampered dependency reaches the build: pin, sign, hold or ship the release" },
    { "disclosure", "a researcher's private report: coordinate a fix, or silence them" },
};
#define TEMPLATE_COUNT (sizeof templates / sizeof templates[0])

static void new_usage(FILE *out)
{
    fprintf(out,
            "usage: bulwark new NAME [--template NAME] [--dir DIR] [--force]\n"
            "  Writes NAME.lua, a small playable scenario, and NAME.test.lua, its tests,\n"
            "  from a template whose comments explain each part of the API. Both pass\n"
            "  `bulwark check NAME.lua` and `bulwark test NAME.lua` as written; then edit.\n"
            "  NAME becomes the scenario's id (letters, digits, '-', '_' and '.', at most\n"
            "  %d characters, starting with a letter or digit) and, capitalised, its title.\n"
            "  --template NAME  the shape to start from:\n",
            NAME_MAX_LEN);
    for (size_t i = 0; i < TEMPLATE_COUNT; i++)
        fprintf(out, "      %-13s %s\n", templates[i].name, templates[i].summary);
    fprintf(out,
            "  --dir DIR        write into DIR (an existing folder) instead of the current one\n"
            "  --force          overwrite NAME.lua and NAME.test.lua if they exist\n"
            "  The guide for what comes next is scripts/AUTHORING.md.\n"
            "  Exit 0 when both files were written; 1 when a file exists (without --force)\n"
            "  or cannot be written; 2 on a usage error (a bad NAME, an unknown template).\n");
}

/* Why name cannot be a scenario's file name and id, or NULL when it can. */
static const char *bad_name(const char *name)
{
    size_t n = strlen(name);
    if (n == 0)
        return "it is empty";
    if (n > NAME_MAX_LEN)
        return "it is longer than the 47 characters an id may have";
    for (size_t i = 0; i < n; i++) {
        char c = name[i];
        if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' ||
              c == '_' || c == '.'))
            return "an id may hold only letters, digits, '-', '_' and '.'";
    }
    if (name[0] == '.' || name[0] == '-' || name[0] == '_')
        return "it must start with a letter or a digit";
    if (n >= 5 && strcmp(name + n - 5, ".test") == 0)
        return "NAME.test.lua is where the tests of NAME.lua go";
    return NULL;
}

/* "my-first_scenario" -> "My First Scenario". */
static void title_of(const char *name, char *out, size_t n)
{
    size_t k = 0;
    bool start = true;
    for (const char *p = name; *p && k + 1 < n; p++) {
        if (*p == '-' || *p == '_' || *p == '.') {
            if (k && out[k - 1] != ' ')
                out[k++] = ' ';
            start = true;
            continue;
        }
        out[k++] = start && *p >= 'a' && *p <= 'z' ? (char)(*p - 'a' + 'A') : *p;
        start = false;
    }
    while (k && out[k - 1] == ' ')
        k--;
    out[k] = '\0';
}

static char *slurp(const char *path)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return NULL;
    char *buf = NULL;
    size_t len = 0, cap = 0;
    for (;;) {
        if (cap - len < 4096) {
            char *p = realloc(buf, cap + 65536);
            if (!p) {
                free(buf);
                fclose(f);
                return NULL;
            }
            buf = p;
            cap += 65536;
        }
        size_t got = fread(buf + len, 1, cap - len - 1, f);
        len += got;
        if (got == 0)
            break;
    }
    bool bad = ferror(f);
    fclose(f);
    if (bad) {
        free(buf);
        return NULL;
    }
    buf[len] = '\0';
    return buf;
}

/* text with every __ID__ and __TITLE__ replaced (malloc'd), or NULL. */
static char *fill(const char *text, const char *id, const char *title)
{
    static const char *const keys[] = { "__ID__", "__TITLE__" };
    const char *vals[] = { id, title };
    size_t cap = strlen(text) + 1, extra = strlen(id) + strlen(title);
    for (const char *p = text; (p = strstr(p, "__")) != NULL; p++)
        cap += extra; /* generous: every "__" might start a key */
    char *out = malloc(cap);
    if (!out)
        return NULL;
    size_t k = 0;
    for (const char *p = text; *p;) {
        bool done = false;
        for (int i = 0; i < 2 && !done; i++) {
            size_t kl = strlen(keys[i]);
            if (strncmp(p, keys[i], kl) == 0) {
                size_t vl = strlen(vals[i]);
                memcpy(out + k, vals[i], vl);
                k += vl;
                p += kl;
                done = true;
            }
        }
        if (!done)
            out[k++] = *p++;
    }
    out[k] = '\0';
    return out;
}

/* Write text to path: a new file (O_EXCL) unless force. 0, or errno. */
static int write_file(const char *path, const char *text, bool force)
{
    int fd = open(path, O_WRONLY | O_CREAT | (force ? O_TRUNC : O_EXCL), 0644);
    if (fd < 0)
        return errno;
    size_t len = strlen(text), done = 0;
    while (done < len) {
        ssize_t w = write(fd, text + done, len - done);
        if (w < 0) {
            if (errno == EINTR)
                continue;
            int e = errno;
            close(fd);
            return e;
        }
        done += (size_t)w;
    }
    return close(fd) == 0 ? 0 : errno;
}

static bool exists(const char *path)
{
    struct stat st;
    return lstat(path, &st) == 0;
}

int app_cmd_new(int argc, char **argv, FILE *out, FILE *err)
{
    const char *name = NULL, *tmpl = "basic", *dir = NULL;
    bool force = false;
    for (int i = 0; i < argc; i++) {
        const char *v;
        if (strcmp(argv[i], "--help") == 0 || strcmp(argv[i], "-h") == 0) {
            new_usage(out);
            return APP_OK;
        } else if (strcmp(argv[i], "--force") == 0) {
            force = true;
        } else if (args_opt(argc, argv, &i, "--template", &v)) {
            if (!v || !*v) {
                fprintf(err, "bulwark new: --template needs a name (basic, ransomware, supply-chain, disclosure)\n");
                return APP_USAGE;
            }
            tmpl = v;
        } else if (args_opt(argc, argv, &i, "--dir", &v)) {
            if (!v || !*v) {
                fprintf(err, "bulwark new: --dir needs a folder\n");
                return APP_USAGE;
            }
            dir = v;
        } else if (argv[i][0] == '-' && argv[i][1]) {
            fprintf(err, "bulwark new: unknown option '%s'\n", argv[i]);
            new_usage(err);
            return APP_USAGE;
        } else if (name) {
            fprintf(err, "bulwark new: one NAME at a time ('%s' and '%s')\n", name, argv[i]);
            return APP_USAGE;
        } else {
            name = argv[i];
        }
    }
    if (!name) {
        new_usage(err);
        return APP_USAGE;
    }

    /* `bulwark new demo.lua` means demo. */
    char id[NAME_MAX_LEN + 8];
    size_t nl = strlen(name);
    if (nl > 4 && strcmp(name + nl - 4, ".lua") == 0)
        nl -= 4;
    const char *why = nl > NAME_MAX_LEN ? "it is longer than the 47 characters an id may have" : NULL;
    if (!why) {
        snprintf(id, sizeof id, "%.*s", (int)nl, name);
        why = bad_name(id);
    }
    if (why) {
        char shown[128];
        snprintf(shown, sizeof shown, "%s", name);
        bw_text_clean(shown);
        fprintf(err,
                "bulwark new: '%s' cannot name a scenario: %s.\n"
                "A scenario's name is its id and its file name, for example: bulwark new harbour-ransomware\n",
                shown, why);
        return APP_USAGE;
    }

    const template_info *t = NULL;
    const char *names[TEMPLATE_COUNT + 1];
    for (size_t i = 0; i < TEMPLATE_COUNT; i++) {
        names[i] = templates[i].name;
        if (strcmp(tmpl, templates[i].name) == 0)
            t = &templates[i];
    }
    names[TEMPLATE_COUNT] = NULL;
    if (!t) {
        char shown[64];
        snprintf(shown, sizeof shown, "%s", tmpl);
        bw_text_clean(shown);
        const char *near = app_closest(tmpl, names);
        fprintf(err, "bulwark new: unknown template '%s'", shown);
        if (near)
            fprintf(err, " (did you mean '%s'?)", near);
        fprintf(err, "; the templates are: basic, ransomware, supply-chain, disclosure\n");
        return APP_USAGE;
    }

    struct stat st;
    if (dir && (stat(dir, &st) != 0 || !S_ISDIR(st.st_mode))) {
        char d[256];
        snprintf(d, sizeof d, "%s", dir);
        bw_text_clean(d);
        fprintf(err, "bulwark new: --dir %s: %s\n", d,
                stat(dir, &st) != 0 ? "no such folder (create it first)" : "not a folder");
        return APP_FAILED;
    }
    char paths[2][1200], srcs[2][1200], shown[2][1200]; /* shown: as printed, controls replaced */
    const char *const ext[2] = { ".lua", ".test.lua" };
    for (int k = 0; k < 2; k++) {
        snprintf(paths[k], sizeof paths[k], "%s%s%s%s", dir ? dir : "",
                 dir && dir[strlen(dir) - 1] != '/' ? "/" : "", id, ext[k]);
        snprintf(srcs[k], sizeof srcs[k], "%s/scripts/templates/%s%s", script_data_dir(), t->name, ext[k]);
        snprintf(shown[k], sizeof shown[k], "%s", paths[k]);
        bw_text_clean(shown[k]); /* the folder came from a command line, maybe pasted */
    }
    bool existed[2];
    for (int k = 0; k < 2; k++) {
        existed[k] = exists(paths[k]);
        if (existed[k] && (lstat(paths[k], &st) != 0 || !S_ISREG(st.st_mode))) {
            fprintf(err, "bulwark new: %s exists and is not a regular file; nothing was written\n", shown[k]);
            return APP_FAILED;
        }
    }
    if (!force) {
        int taken = existed[0] + existed[1];
        if (taken) {
            fprintf(err, "bulwark new: %s%s%s already exist%s; nothing was written (--force overwrites)\n",
                    existed[0] ? shown[0] : "", taken == 2 ? " and " : "",
                    existed[1] ? shown[1] : "", taken == 2 ? "" : "s");
            return APP_FAILED;
        }
    }

    char title[NAME_MAX_LEN + 8];
    title_of(id, title, sizeof title);
    char *text[2] = { NULL, NULL };
    int rc = APP_OK;
    for (int k = 0; k < 2 && rc == APP_OK; k++) {
        char *raw = slurp(srcs[k]);
        if (!raw) {
            fprintf(err, "bulwark new: the template %s cannot be read: %s (is BULWARK_DATA_DIR right?)\n",
                    srcs[k], strerror(errno));
            rc = APP_INTERNAL;
            break;
        }
        text[k] = fill(raw, id, title);
        free(raw);
        if (!text[k]) {
            fprintf(err, "bulwark new: out of memory\n");
            rc = APP_INTERNAL;
        }
    }
    int written = 0;
    for (int k = 0; k < 2 && rc == APP_OK; k++) {
        int e = write_file(paths[k], text[k], force);
        if (e) {
            fprintf(err, "bulwark new: cannot write %s: %s%s\n", shown[k], strerror(e),
                    e == EEXIST ? " (it appeared meanwhile; nothing was overwritten)" : "");
            rc = APP_FAILED;
        } else {
            written++;
        }
    }
    if (rc != APP_OK && written == 1 && !existed[0])
        unlink(paths[0]); /* ours, just created: never leave half a scaffold */
    free(text[0]);
    free(text[1]);
    if (rc != APP_OK)
        return rc;
    fprintf(out,
            "wrote %s and %s (template %s, id '%s', title '%s')\n"
            "next:\n"
            "  bulwark check %s      validate it\n"
            "  bulwark test %s       run its tests\n"
            "  bulwark run %s --player sensible   play it headless\n"
            "  bulwark balance %s --runs 50       how the bots fare over 50 seeds\n"
            "  bulwark play %s       play it\n"
            "The guide: %s/scripts/AUTHORING.md; the reference: %s/scripts/API.md.\n",
            shown[0], shown[1], t->name, id, title, shown[0], shown[0], shown[0], shown[0], shown[0],
            script_data_dir(), script_data_dir());
    return APP_OK;
}
