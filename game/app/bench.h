/* bench.h — the benchmarks beyond `bench sim` (internal to game/app):
 * `bench render` draws the reference scene of shared/bench/scene-spec.md
 * (bench_render.c) and `bench run` times headless games of the shipped
 * scenarios (bench_run.c). DESIGN.md section 7 sets their targets.
 *
 * The scene and its painter are exposed so tests can check the generator
 * against the LÖVE reference and draw a frame into a plain surface,
 * without a window. */
#ifndef BULWARK_APP_BENCH_H
#define BULWARK_APP_BENCH_H

#include <stddef.h>
#include <stdio.h>

#include <SDL.h>

/* Subcommands, after "bench render" / "bench run". */
int bench_render(int argc, char **argv, FILE *out, FILE *err);
int bench_run(int argc, char **argv, FILE *out, FILE *err);
int bench_startup(int argc, char **argv, FILE *out, FILE *err);  /* bench_startup.c */

/* Sorts v (n > 0) and picks the median and the 99th percentile the way
 * the LÖVE reference does: v[n/2] and v[min(n-1, floor(n*0.99))]. */
void bench_stats(double *v, int n, double *median, double *p99);

/* ---- the scene ------------------------------------------------------------ */

#define BENCH_SCENE_W 1600
#define BENCH_SCENE_H 900
#define BENCH_MAX_NODES 10000   /* labels carry the index in four digits */
#define BENCH_KIND_COUNT 8

typedef struct bench_node {
    int x, y, kind;
} bench_node;

/* N nodes and 2N links (from, to), as scene-spec.md builds them from the
 * Park–Miller generator started at 20181. */
typedef struct bench_scene {
    int node_count, link_count;
    bench_node *nodes;
    int (*links)[2];
} bench_scene;

/* 0, or -1 when nodes is out of [1, BENCH_MAX_NODES] or memory ran out. */
int bench_scene_build(bench_scene *s, int nodes);
void bench_scene_free(bench_scene *s);
/* "web", "api", … for kind 0..7. */
const char *bench_kind_name(int kind);
/* The index of the link attacked j-th (0..49) in frame f. */
int bench_attacked_link(const bench_scene *s, int f, int j);

/* ---- drawing -------------------------------------------------------------- */

/* Everything a frame needs that does not change: the label atlas, the
 * glyph atlas for the HUD and log, and the log's 12 lines. Built once
 * for one renderer; it borrows the scene, which must outlive it. */
typedef struct bench_painter bench_painter;

/* NULL on failure, with a sentence in err. Needs TTF_Init. */
bench_painter *bench_painter_create(SDL_Renderer *r, const bench_scene *s, const char *font_path,
                                    char *err, size_t err_size);
/* Queue frame f's drawing (frames must come in order 0, 1, 2, …: the
 * event log changes every 30 frames). Does not present. */
void bench_painter_draw(bench_painter *p, int f);
void bench_painter_destroy(bench_painter *p);

#endif
