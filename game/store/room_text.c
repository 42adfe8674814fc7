/* room_text.c — the room model in sentences: how the best game of a
 * scenario differed from its median game, for the console, --status and
 * the HTML report to show alike. Texts come from records and are not
 * escaped here (each display escapes for itself). */
#include "room_internal.h"

#include <stdio.h>

#if defined(__GNUC__)
__attribute__((format(printf, 4, 5)))
#endif
static void add_line(char (*lines)[ROOM_LINE_MAX], int max, int *n, const char *fmt, ...)
{
    if (*n >= max)
        return;
    char buf[2 * ROOM_LINE_MAX];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(buf, sizeof buf, fmt, ap);
    va_end(ap);
    room_copy_text(lines[(*n)++], ROOM_LINE_MAX, buf);
}

static void game_name(const room_game *g, char *buf, size_t n)
{
    if (g->player[0])
        snprintf(buf, n, "%s", g->player);
    else
        snprintf(buf, n, "result #%lld", (long long)g->id);
}

static const char *times(int n, char *buf, size_t len)
{
    if (n == 0)
        snprintf(buf, len, "never");
    else if (n == 1)
        snprintf(buf, len, "once");
    else if (n == 2)
        snprintf(buf, len, "twice");
    else
        snprintf(buf, len, "%d times", n);
    return buf;
}

static const char *from_day(int n, int first, char *buf, size_t len)
{
    if (n)
        snprintf(buf, len, " from day %d", first / SIM_TICKS_PER_DAY + 1);
    else
        buf[0] = '\0';
    return buf;
}

/* An option as shown: quoted, or what an empty one means. */
static void quoted(const char *option, char *buf, size_t n)
{
    if (option[0])
        snprintf(buf, n, "“%s”", option);
    else
        snprintf(buf, n, "nothing (it never came, or stayed open)");
}

int room_best_describe(const room *r, const room_scenario *sc, char (*lines)[ROOM_LINE_MAX], int max)
{
    int n = 0;
    if (!r || !sc || !lines || max <= 0 || sc->best.best < 0)
        return 0;
    const room_best *b = &sc->best;
    const room_game *x = &r->games[b->best], *y = &r->games[b->median];
    char xn[STORE_NAME_MAX + 32], yn[STORE_NAME_MAX + 32];
    game_name(x, xn, sizeof xn);
    game_name(y, yn, sizeof yn);
    if (b->best == b->median) {
        add_line(lines, max, &n, "Only one game of %s so far (%s's): nothing to compare it with.",
                 sc->id, xn);
        return n;
    }
    add_line(lines, max, &n,
             "The best game, %s's (%d star%s, pillar total %d, %s), against the median game, "
             "%s's (%d star%s, pillar total %d, %s).",
             xn, x->stars, x->stars == 1 ? "" : "s", x->total,
             x->outcome == SIM_OUTCOME_WON ? "won" : "lost", yn, y->stars, y->stars == 1 ? "" : "s",
             y->total, y->outcome == SIM_OUTCOME_WON ? "won" : "lost");
    char pl[256];
    int len = 0;
    for (int p = 0; p < SIM_PILLAR_COUNT; p++)
        len += snprintf(pl + len, sizeof pl - (size_t)len, "%s%s %+d", p ? ", " : "",
                        sim_pillar_name((sim_pillar)p), b->pillar_delta[p]);
    add_line(lines, max, &n, "Pillars, best minus median: %s.", pl);
    if (!x->record_ok || !y->record_ok) {
        add_line(lines, max, &n, "The %s game's record could not be read: its actions are unknown.",
                 x->record_ok ? "median" : "best");
        return n;
    }
    for (int i = 0; i < b->action_count; i++) {
        const room_diff_action *a = &b->actions[i];
        char t1[32], t2[32], d1[32], d2[32];
        add_line(lines, max, &n, "%s: %s%s in the best game, %s%s in the median one.",
                 sim_action_title(a->kind), times(a->best, t1, sizeof t1),
                 from_day(a->best, a->best_first, d1, sizeof d1), times(a->median, t2, sizeof t2),
                 from_day(a->median, a->median_first, d2, sizeof d2));
    }
    for (int i = 0; i < b->decision_count; i++) {
        const room_diff_decision *d = &b->decisions[i];
        char bt[ROOM_TEXT_MAX + 8], mt[ROOM_TEXT_MAX + 8];
        quoted(d->best, bt, sizeof bt);
        quoted(d->median, mt, sizeof mt);
        add_line(lines, max, &n, "Decision “%s”: the best game chose %s, the median one %s.",
                 d->decision, bt, mt);
    }
    if (!b->action_count && !b->decision_count)
        add_line(lines, max, &n, "Both took the same actions and decisions.");
    return n;
}
