/* map_layout.c — where nodes and zones sit on the play screen's map.
 *
 * Plain C, no SDL, no globals. A scenario may place its nodes (x, y); when
 * it does not, zones become columns left to right in sim_zone order — the
 * internet on the left, where attacks come from, then dmz, internal, build
 * and partners on the right — and a zone's nodes fill a grid in it, ordered
 * by kind then id, so that the same scenario always looks the same. Zone
 * columns sit side by side in a band; when zones hold few nodes, the
 * columns wrap into a second band below (reading order: internet
 * first, partners last). The rows per zone and the columns per band are
 * chosen so the map shows largest in a play screen's map area. Nothing
 * here may depend on pointer values or hash order. */
#include "map.h"

#include <limits.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#define CELL_W (MAP_NODE_W + MAP_GAP_X)
#define CELL_H (MAP_NODE_H + MAP_GAP_Y)
/* Above this many nodes the pairwise spacing check of the scenario's
 * positions would cost too much at load; such worlds are laid out
 * automatically. */
#define MAX_POSITIONED 4000

void map_layout_free(map_layout *m)
{
    if (!m)
        return;
    free(m->node);
    free(m->order);
    memset(m, 0, sizeof *m);
}

void map_node_centre(const map_layout *m, int node, int *x, int *y)
{
    ui_rect r = m->node[node];
    *x = r.x + r.w / 2;
    *y = r.y + r.h / 2;
}

static ui_rect rect_union(ui_rect a, ui_rect b)
{
    if (a.w <= 0 || a.h <= 0)
        return b;
    int x0 = a.x < b.x ? a.x : b.x, y0 = a.y < b.y ? a.y : b.y;
    int x1 = a.x + a.w > b.x + b.w ? a.x + a.w : b.x + b.w;
    int y1 = a.y + a.h > b.y + b.h ? a.y + a.h : b.y + b.h;
    return (ui_rect){x0, y0, x1 - x0, y1 - y0};
}

/* ---- sorting: kind, then id, then index (total, so qsort is deterministic) ---- */

typedef struct sort_ctx_item {
    const map_item *it;
    int index;
} sort_item;

static int by_kind_id(const void *pa, const void *pb)
{
    const sort_item *a = pa, *b = pb;
    if (a->it->kind != b->it->kind)
        return a->it->kind < b->it->kind ? -1 : 1;
    int c = strcmp(a->it->id ? a->it->id : "", b->it->id ? b->it->id : "");
    if (c)
        return c < 0 ? -1 : 1;
    return a->index < b->index ? -1 : a->index > b->index;
}

/* ---- automatic layout ----------------------------------------------------------- */

static int ceil_div(int a, int b) { return (a + b - 1) / b; }

/* The zones that get a region, in order: every zone with nodes, and the
 * internet always (attacks come from there). */
static int shown_zones(const int *per_zone, int *zones)
{
    int k = 0;
    for (int z = 0; z < SIM_ZONE_COUNT; z++)
        if (per_zone[z] > 0 || z == SIM_ZONE_INTERNET)
            zones[k++] = z;
    return k;
}

static int zone_cols(int n, int rows) { return n ? ceil_div(n, rows) : 1; }
static int zone_width(int cols) { return cols * CELL_W - MAP_GAP_X + 2 * MAP_ZONE_PAD; }
static int band_height(int rows)
{
    return rows * CELL_H - MAP_GAP_Y + 2 * MAP_ZONE_PAD + MAP_ZONE_HEAD;
}

/* The map's size with at most rows rows per zone and per_band zone
 * columns side by side in each band (bands stack top to bottom). */
static void auto_size(const int *per_zone, int rows, int per_band, long *w, long *h)
{
    int zones[SIM_ZONE_COUNT];
    int nz = shown_zones(per_zone, zones);
    long width = 0, height = 0;
    for (int b0 = 0; b0 < nz; b0 += per_band) {
        long bw = 0;
        int brows = 1;
        for (int i = b0; i < nz && i < b0 + per_band; i++) {
            int n = per_zone[zones[i]];
            bw += zone_width(zone_cols(n, rows)) + (i > b0 ? MAP_ZONE_GAP : 0);
            int r = n < rows ? n : rows;
            if (r > brows)
                brows = r;
        }
        if (bw > width)
            width = bw;
        height += band_height(brows) + (b0 ? MAP_ZONE_GAP : 0);
    }
    *w = width;
    *h = height;
}

/* The arrangement that shows the map largest in a typical map area
 * (TARGET_W x TARGET_H logical pixels, zoom capped at 1: beyond that
 * nothing is gained); ties go to fewer bands, then to the squarer map. */
#define TARGET_W 900.0
#define TARGET_H 560.0

static void pick_arrangement(const int *per_zone, int *rows_out, int *per_band_out)
{
    int zones[SIM_ZONE_COUNT];
    int nz = shown_zones(per_zone, zones);
    int most = 1;
    for (int z = 0; z < SIM_ZONE_COUNT; z++)
        if (per_zone[z] > most)
            most = per_zone[z];
    double best = -1, best_aspect = INFINITY;
    int best_bands = INT_MAX;
    *rows_out = 1;
    *per_band_out = nz;
    for (int per_band = nz; per_band >= 1; per_band--) {
        int bands = ceil_div(nz, per_band);
        for (int rows = 1; rows <= most; rows++) {
            long w, h;
            auto_size(per_zone, rows, per_band, &w, &h);
            double zoom = fmin(TARGET_W / (double)w, TARGET_H / (double)h);
            if (zoom > 1)
                zoom = 1;
            double aspect = fabs(log((double)w / (double)h / (TARGET_W / TARGET_H)));
            bool better =
                zoom > best + 1e-9 ||
                (zoom > best - 1e-9 &&
                 (bands < best_bands || (bands == best_bands && aspect < best_aspect - 1e-9)));
            if (better) {
                best = zoom;
                best_bands = bands;
                best_aspect = aspect;
                *rows_out = rows;
                *per_band_out = per_band;
            }
        }
    }
}

/* Lay out the nodes zone by zone, each zone sorted by kind then id;
 * order[] gets that order, which is also the reading order. */
static void layout_auto(map_layout *m, const map_item *items, sort_item *sorted)
{
    int per_zone[SIM_ZONE_COUNT] = {0};
    for (int i = 0; i < m->count; i++)
        per_zone[items[i].zone]++;
    int rows, per_band;
    pick_arrangement(per_zone, &rows, &per_band);
    int zones[SIM_ZONE_COUNT];
    int nz = shown_zones(per_zone, zones);
    int k = 0, y = 0;
    for (int b0 = 0; b0 < nz; b0 += per_band) {
        int brows = 1;
        for (int i = b0; i < nz && i < b0 + per_band; i++) {
            int r = per_zone[zones[i]] < rows ? per_zone[zones[i]] : rows;
            if (r > brows)
                brows = r;
        }
        int x = 0, bh = band_height(brows);
        for (int i = b0; i < nz && i < b0 + per_band; i++) {
            int z = zones[i], n = per_zone[z];
            int cols = zone_cols(n, rows);
            int zw = zone_width(cols);
            m->zone[z] = (ui_rect){x, y, zw, bh};
            int start = k;
            for (int j = 0; j < m->count; j++)
                if (items[j].zone == z)
                    sorted[k++] = (sort_item){&items[j], j};
            qsort(sorted + start, (size_t)n, sizeof *sorted, by_kind_id);
            for (int j = 0; j < n; j++) {
                int id = sorted[start + j].index;
                int r = j / cols, c = j % cols;
                m->node[id] = (ui_rect){x + MAP_ZONE_PAD + c * CELL_W,
                                        y + MAP_ZONE_HEAD + MAP_ZONE_PAD + r * CELL_H, MAP_NODE_W,
                                        MAP_NODE_H};
                m->order[start + j] = id;
            }
            x += zw + MAP_ZONE_GAP;
        }
        y += bh + MAP_ZONE_GAP;
    }
}

/* ---- the scenario's positions ----------------------------------------------------- */

static int by_reading(const void *pa, const void *pb, const map_layout *m)
{
    int a = *(const int *)pa, b = *(const int *)pb;
    ui_rect ra = m->node[a], rb = m->node[b];
    /* Rows of a node's height: boxes a few pixels apart read as one row. */
    int rowa = (int)floor((double)ra.y / MAP_NODE_H), rowb = (int)floor((double)rb.y / MAP_NODE_H);
    if (rowa != rowb)
        return rowa < rowb ? -1 : 1;
    if (ra.x != rb.x)
        return ra.x < rb.x ? -1 : 1;
    return a < b ? -1 : a > b;
}

/* qsort has no context argument in C11: insertion sort for the (small)
 * positioned worlds, merge-free and stable enough with the index tiebreak. */
static void sort_reading(map_layout *m)
{
    for (int i = 1; i < m->count; i++) {
        int v = m->order[i], j = i;
        while (j > 0 && by_reading(&m->order[j - 1], &v, m) > 0) {
            m->order[j] = m->order[j - 1];
            j--;
        }
        m->order[j] = v;
    }
}

/* The smallest uniform scale at which no two boxes overlap (with the
 * usual gaps); 0 when two nodes share a position (no scale separates
 * them). */
static double spacing_scale(const map_item *items, int count)
{
    double s = 0;
    for (int i = 0; i < count; i++)
        for (int j = 0; j < i; j++) {
            double dx = fabs((double)items[i].x - items[j].x),
                   dy = fabs((double)items[i].y - items[j].y);
            if (dx == 0 && dy == 0)
                return 0;
            double fx = dx > 0 ? CELL_W / dx : INFINITY, fy = dy > 0 ? CELL_H / dy : INFINITY;
            double f = fx < fy ? fx : fy;
            if (f > s)
                s = f;
        }
    return count > 1 ? s : 1.0;
}

/* Every node where the scenario put it, scaled apart; each zone a region
 * around its nodes (an author who interleaves zones gets overlapping
 * regions: that is their map). */
static void layout_positioned(map_layout *m, const map_item *items, double s)
{
    for (int i = 0; i < m->count; i++) {
        double cx = floor(items[i].x * s + 0.5), cy = floor(items[i].y * s + 0.5);
        m->node[i] =
            (ui_rect){(int)cx - MAP_NODE_W / 2, (int)cy - MAP_NODE_H / 2, MAP_NODE_W, MAP_NODE_H};
    }
    for (int i = 0; i < m->count; i++) {
        ui_rect r = m->node[i];
        ui_rect around = {r.x - MAP_ZONE_PAD, r.y - MAP_ZONE_PAD - MAP_ZONE_HEAD,
                          r.w + 2 * MAP_ZONE_PAD, r.h + 2 * MAP_ZONE_PAD + MAP_ZONE_HEAD};
        m->zone[items[i].zone] = rect_union(m->zone[items[i].zone], around);
    }
    for (int i = 0; i < m->count; i++)
        m->order[i] = i;
    sort_reading(m);
}

/* ---- building ------------------------------------------------------------------- */

static bool valid_items(const map_item *items, int count, bw_err *err)
{
    for (int i = 0; i < count; i++) {
        if (items[i].zone < 0 || items[i].zone >= SIM_ZONE_COUNT) {
            bw_err_set(err, BW_EINVAL, "map: node %d has an unknown zone %d", i, items[i].zone);
            return false;
        }
        if (items[i].x < -100000 || items[i].x > 100000 || items[i].y < -100000 ||
            items[i].y > 100000) {
            bw_err_set(err, BW_EINVAL, "map: node %d is placed outside -100000..100000", i);
            return false;
        }
    }
    return true;
}

int map_layout_build(map_layout *m, const map_item *items, int count, bw_err *err)
{
    memset(m, 0, sizeof *m);
    if (count < 0 || count > MAP_MAX_NODES || (count > 0 && !items))
        return bw_err_set(err, BW_EINVAL, "map: %d nodes is not a map", count);
    if (!valid_items(items, count, err))
        return BW_EINVAL;
    size_t n = (size_t)(count ? count : 1);
    m->count = count;
    m->node = calloc(n, sizeof *m->node);
    m->order = calloc(n, sizeof *m->order);
    sort_item *sorted = calloc(n, sizeof *sorted);
    if (!m->node || !m->order || !sorted) {
        free(sorted);
        map_layout_free(m);
        return bw_err_set(err, BW_ENOMEM, "map: out of memory laying out %d nodes", count);
    }
    /* The scenario's positions when it placed every node, each on its own
     * spot; otherwise (some at 0,0, two on one spot, a huge world) the
     * automatic layout for all: half a hand-drawn map next to a generated
     * one reads worse than either. */
    int placed = 0;
    for (int i = 0; i < count; i++)
        placed += items[i].x != 0 || items[i].y != 0;
    double scale =
        placed == count && count > 0 && count <= MAX_POSITIONED ? spacing_scale(items, count) : 0;
    m->positioned = scale > 0;
    if (m->positioned)
        layout_positioned(m, items, scale);
    else
        layout_auto(m, items, sorted);
    free(sorted);
    /* Move the whole map to start at 0,0. */
    ui_rect b = {0, 0, 0, 0};
    for (int z = 0; z < SIM_ZONE_COUNT; z++)
        if (m->zone[z].w > 0)
            b = rect_union(b, m->zone[z]);
    for (int i = 0; i < count; i++)
        b = rect_union(b, m->node[i]);
    for (int z = 0; z < SIM_ZONE_COUNT; z++)
        if (m->zone[z].w > 0) {
            m->zone[z].x -= b.x;
            m->zone[z].y -= b.y;
        }
    for (int i = 0; i < count; i++) {
        m->node[i].x -= b.x;
        m->node[i].y -= b.y;
    }
    m->bounds = (ui_rect){0, 0, b.w, b.h};
    return BW_OK;
}

int map_layout_from_world(map_layout *m, const sim_world *w, bw_err *err)
{
    int n = w ? sim_node_count(w) : 0;
    map_item *items = calloc((size_t)(n ? n : 1), sizeof *items);
    if (!items) {
        memset(m, 0, sizeof *m);
        return bw_err_set(err, BW_ENOMEM, "map: out of memory");
    }
    for (int i = 0; i < n; i++) {
        sim_node_info ni;
        sim_node_get(w, i, &ni);
        items[i] = (map_item){ni.id, (int)ni.zone, (int)ni.kind, ni.x, ni.y};
    }
    int rc = map_layout_build(m, items, n, err);
    free(items);
    return rc;
}

/* ---- navigation ------------------------------------------------------------------- */

int map_next(const map_layout *m, int current, int step)
{
    if (!m || m->count == 0)
        return -1;
    int at = -1;
    for (int i = 0; i < m->count && current >= 0; i++)
        if (m->order[i] == current)
            at = i;
    if (at < 0)
        return m->order[step < 0 ? m->count - 1 : 0];
    int k = ((at + (step < 0 ? -1 : 1)) % m->count + m->count) % m->count;
    return m->order[k];
}

int map_nearest(const map_layout *m, int current, ui_cmd dir)
{
    if (!m || m->count == 0)
        return -1;
    if (current < 0 || current >= m->count)
        return m->order[0];
    int ux = dir == UI_CMD_RIGHT ? 1 : dir == UI_CMD_LEFT ? -1 : 0;
    int uy = dir == UI_CMD_DOWN ? 1 : dir == UI_CMD_UP ? -1 : 0;
    if (!ux && !uy)
        return current;
    int x0, y0;
    map_node_centre(m, current, &x0, &y0);
    /* Straight ahead (within 45 degrees) wins over anything to the side;
     * within each, the closest along the way with sideways distance
     * counted double. */
    int best = -1;
    bool best_cone = false;
    double best_score = INFINITY;
    for (int i = 0; i < m->count; i++) {
        if (i == current)
            continue;
        int x, y;
        map_node_centre(m, i, &x, &y);
        double along = (double)(x - x0) * ux + (double)(y - y0) * uy;
        double side = fabs((double)(x - x0) * uy + (double)(y - y0) * ux);
        if (along <= 0)
            continue;
        bool cone = side <= along;
        double score = along + 2 * side;
        if ((cone && !best_cone) || (cone == best_cone && score < best_score)) {
            best = i;
            best_cone = cone;
            best_score = score;
        }
    }
    return best >= 0 ? best : current;
}
