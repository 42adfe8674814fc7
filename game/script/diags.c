/* diags.c — diagnostics as "file:line: error: message", collected so a
 * scenario's every problem is reported at once. */
#include "bulwark/script.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void script_diags_init(script_diags *d)
{
    memset(d, 0, sizeof *d);
}

void script_diags_free(script_diags *d)
{
    if (!d)
        return;
    free(d->items);
    memset(d, 0, sizeof *d);
}

void script_diags_add(script_diags *d, const char *file, int line, bool warning, const char *fmt,
                      ...)
{
    if (!d)
        return;
    if (warning)
        d->warnings++;
    else
        d->errors++;
    if (d->count >= SCRIPT_DIAGS_MAX) {
        d->cut = true;
        return;
    }
    if (d->count == d->cap) {
        int ncap = d->cap ? d->cap * 2 : 16;
        if (ncap > SCRIPT_DIAGS_MAX)
            ncap = SCRIPT_DIAGS_MAX;
        script_diag *p = realloc(d->items, (size_t)ncap * sizeof *p);
        if (!p)
            return;
        d->items = p;
        d->cap = ncap;
    }
    script_diag *x = &d->items[d->count++];
    snprintf(x->file, sizeof x->file, "%s", file ? file : "?");
    x->line = line;
    x->warning = warning;
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(x->msg, sizeof x->msg, fmt, ap);
    va_end(ap);
    bw_text_clean(x->file);
    bw_text_clean(x->msg);
}

bool script_diags_enough(script_diags *d)
{
    if (!d || d->count < SCRIPT_DIAGS_MAX || d->errors == 0)
        return false; /* warnings alone never stop a reader: the file still loads */
    d->cut = true;
    return true;
}

static void print_one(const script_diag *x, FILE *out)
{
    if (x->line > 0)
        fprintf(out, "%s:%d: %s: %s\n", x->file, x->line, x->warning ? "warning" : "error", x->msg);
    else
        fprintf(out, "%s: %s: %s\n", x->file, x->warning ? "warning" : "error", x->msg);
}

/* In line order within each file (stable: same-line problems keep the
 * order they were found in), as an author reads the file. */
void script_diags_print(const script_diags *d, FILE *out)
{
    if (!d || d->count == 0)
        return;
    int *order = malloc((size_t)d->count * sizeof *order);
    for (int i = 0; i < d->count && !order; i++)
        print_one(&d->items[i], out); /* no memory to sort: as found */
    for (int i = 0; i < d->count && order; i++) {
        int j = i;
        const script_diag *x = &d->items[i];
        while (j > 0) {
            const script_diag *y = &d->items[order[j - 1]];
            int c = strcmp(y->file, x->file);
            if (c < 0 || (c == 0 && y->line <= x->line))
                break;
            order[j] = order[j - 1];
            j--;
        }
        order[j] = i;
    }
    for (int i = 0; i < d->count && order; i++)
        print_one(&d->items[order[i]], out);
    free(order);
    if (d->cut)
        fprintf(out, "%s: too many problems: only the first %d are shown; fix them, then check again\n",
                d->items[d->count - 1].file, d->count);
}
