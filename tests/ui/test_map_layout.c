/* test_map_layout.c — the play screen's map without a window: automatic
 * layout (no overlaps, nodes inside their zones, deterministic), the
 * scenario's positions, the camera's conversions and zoom, hit-testing,
 * and keyboard navigation. */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "../../game/ui/map.h"
#include "bulwark/script.h"

/* A small deterministic stream for generated worlds (not the sim's). */
static uint32_t lcg(uint32_t *s)
{
    *s = *s * 1664525u + 1013904223u;
    return *s >> 8;
}

typedef struct world_items {
    map_item items[600];
    char ids[600][16];
} world_items;

/* n nodes spread over zones and kinds, the way a generated world would. */
static void make_items(world_items *w, int n, uint32_t seed)
{
    for (int i = 0; i < n; i++) {
        snprintf(w->ids[i], sizeof w->ids[i], "n%03u", lcg(&seed) % 1000);
        w->items[i] = (map_item){w->ids[i], (int)(lcg(&seed) % SIM_ZONE_COUNT),
                                 (int)(lcg(&seed) % SIM_NODE_KIND_COUNT), 0, 0};
    }
}

static bool overlap(ui_rect a, ui_rect b)
{
    return a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h;
}

static bool inside(ui_rect in, ui_rect r)
{
    return r.x >= in.x && r.y >= in.y && r.x + r.w <= in.x + in.w && r.y + r.h <= in.y + in.h;
}

static void check_layout(const map_layout *m, const map_item *items, int n)
{
    assert_int_equal(m->count, n);
    for (int i = 0; i < n; i++) {
        ui_rect r = m->node[i];
        assert_int_equal(r.w, MAP_NODE_W);
        assert_int_equal(r.h, MAP_NODE_H);
        assert_true(m->zone[items[i].zone].w > 0);
        if (!inside(m->zone[items[i].zone], r))
            fail_msg("node %d (zone %d) at %d,%d is outside its zone", i, items[i].zone, r.x, r.y);
        /* Below the zone's name, not on it. */
        assert_true(r.y >= m->zone[items[i].zone].y + MAP_ZONE_HEAD);
        assert_true(inside(m->bounds, r));
        for (int j = 0; j < i; j++)
            if (overlap(r, m->node[j]))
                fail_msg("nodes %d and %d overlap (n=%d)", i, j, n);
    }
    /* The reading order is a permutation. */
    int *seen = calloc((size_t)n + 1, sizeof *seen);
    for (int i = 0; i < n; i++) {
        assert_true(m->order[i] >= 0 && m->order[i] < n);
        assert_int_equal(seen[m->order[i]]++, 0);
    }
    free(seen);
}

static void test_automatic_layout_never_overlaps_and_keeps_nodes_in_their_zones(void **state)
{
    (void)state;
    static world_items w;
    static const int sizes[] = {1, 2, 3, 5, 7, 12, 31, 64, 100, 257, 500};
    for (size_t k = 0; k < sizeof sizes / sizeof sizes[0]; k++) {
        for (uint32_t seed = 1; seed <= 3; seed++) {
            make_items(&w, sizes[k], seed * 7919u + (uint32_t)k);
            map_layout m;
            bw_err e;
            assert_int_equal(map_layout_build(&m, w.items, sizes[k], &e), 0);
            assert_false(m.positioned);
            check_layout(&m, w.items, sizes[k]);
            map_layout_free(&m);
        }
    }
}

static void test_zone_regions_do_not_overlap_and_read_in_zone_order(void **state)
{
    (void)state;
    static world_items w;
    static const int sizes[] = {5, 7, 12, 120};
    for (size_t k = 0; k < 4; k++) {
        make_items(&w, sizes[k], 42 + (uint32_t)k);
        map_layout m;
        assert_int_equal(map_layout_build(&m, w.items, sizes[k], NULL), 0);
        ui_rect last = {-1, -1, 0, 0};
        for (int z = 0; z < SIM_ZONE_COUNT; z++) {
            ui_rect r = m.zone[z];
            if (r.w == 0)
                continue;
            /* Internet first, partners last: to the right in the same band,
             * or in a band below. */
            if (last.w)
                assert_true((r.y == last.y && r.x > last.x + last.w - 1) || r.y >= last.y + last.h);
            last = r;
            for (int y = 0; y < z; y++)
                if (m.zone[y].w)
                    assert_false(overlap(m.zone[y], m.zone[z]));
        }
        map_layout_free(&m);
    }
}

static void test_a_small_map_is_laid_out_to_show_at_full_size(void **state)
{
    (void)state;
    /* The shipped scenario's shape: seven nodes over four zones. */
    map_item items[] = {{"shop", SIM_ZONE_DMZ, SIM_NODE_WEB, 0, 0},
                        {"api", SIM_ZONE_DMZ, SIM_NODE_API, 0, 0},
                        {"db", SIM_ZONE_INTERNAL, SIM_NODE_DATABASE, 0, 0},
                        {"log4j", SIM_ZONE_BUILD, SIM_NODE_LIBRARY, 0, 0},
                        {"ci", SIM_ZONE_BUILD, SIM_NODE_CI, 0, 0},
                        {"laptop", SIM_ZONE_INTERNAL, SIM_NODE_LAPTOP, 0, 0},
                        {"bank", SIM_ZONE_PARTNER, SIM_NODE_PARTNER, 0, 0}};
    map_layout m;
    assert_int_equal(map_layout_build(&m, items, 7, NULL), 0);
    map_camera c;
    map_camera_fit(&c, &m, (ui_rect){0, 0, 900, 590});
    assert_true(c.zoom >= 0.95); /* labels readable without zooming in */
    map_layout_free(&m);
}

static void test_the_internet_always_has_a_region_for_attacks_to_come_from(void **state)
{
    (void)state;
    map_item items[] = {{"web", SIM_ZONE_DMZ, SIM_NODE_WEB, 0, 0},
                        {"db", SIM_ZONE_INTERNAL, SIM_NODE_DATABASE, 0, 0}};
    map_layout m;
    assert_int_equal(map_layout_build(&m, items, 2, NULL), 0);
    assert_true(m.zone[SIM_ZONE_INTERNET].w > 0);
    assert_true(m.zone[SIM_ZONE_INTERNET].x < m.zone[SIM_ZONE_DMZ].x);
    assert_true(m.zone[SIM_ZONE_DMZ].x < m.zone[SIM_ZONE_INTERNAL].x);
    assert_int_equal(m.zone[SIM_ZONE_INTERNET].y, m.zone[SIM_ZONE_INTERNAL].y);
    assert_int_equal(m.zone[SIM_ZONE_BUILD].w, 0); /* empty zones take no room */
    map_layout_free(&m);
}

static void test_layout_is_deterministic_and_ignores_input_order_within_a_zone(void **state)
{
    (void)state;
    static world_items w;
    make_items(&w, 200, 5);
    map_layout a, b;
    assert_int_equal(map_layout_build(&a, w.items, 200, NULL), 0);
    assert_int_equal(map_layout_build(&b, w.items, 200, NULL), 0);
    assert_memory_equal(a.node, b.node, sizeof *a.node * 200);
    assert_memory_equal(a.zone, b.zone, sizeof a.zone);
    assert_memory_equal(a.order, b.order, sizeof *a.order * 200);
    map_layout_free(&a);
    map_layout_free(&b);
    /* Kind first, then id: a database sorts after a web server (enum order),
     * and "a" before "b" within a kind. */
    map_item items[] = {{"zz", SIM_ZONE_DMZ, SIM_NODE_DATABASE, 0, 0},
                        {"b", SIM_ZONE_DMZ, SIM_NODE_WEB, 0, 0},
                        {"a", SIM_ZONE_DMZ, SIM_NODE_WEB, 0, 0}};
    assert_int_equal(map_layout_build(&a, items, 3, NULL), 0);
    assert_int_equal(a.order[0], 2);
    assert_int_equal(a.order[1], 1);
    assert_int_equal(a.order[2], 0);
    map_layout_free(&a);
}

static void test_the_scenarios_positions_are_kept_in_shape_without_overlap(void **state)
{
    (void)state;
    /* Close together (grid units): scaled up until boxes clear each other. */
    map_item items[] = {{"a", SIM_ZONE_DMZ, SIM_NODE_WEB, 1, 1},
                        {"b", SIM_ZONE_DMZ, SIM_NODE_API, 2, 1},
                        {"c", SIM_ZONE_INTERNAL, SIM_NODE_DATABASE, 2, 2},
                        {"d", SIM_ZONE_INTERNAL, SIM_NODE_LAPTOP, 3, 3},
                        {"e", SIM_ZONE_BUILD, SIM_NODE_CI, -4, 2}};
    map_layout m;
    assert_int_equal(map_layout_build(&m, items, 5, NULL), 0);
    assert_true(m.positioned);
    check_layout(&m, items, 5);
    /* The shape: b right of a on the same row, c under b, e far left. */
    assert_true(m.node[1].x > m.node[0].x);
    assert_int_equal(m.node[1].y, m.node[0].y);
    assert_int_equal(m.node[2].x, m.node[1].x);
    assert_true(m.node[2].y > m.node[1].y);
    assert_true(m.node[4].x < m.node[0].x);
    /* Reading order: row by row, left to right. */
    assert_int_equal(m.order[0], 0);
    assert_int_equal(m.order[1], 1);
    assert_int_equal(m.order[2], 4);
    map_layout_free(&m);
    /* Far apart (pixels): brought together, the shape kept. */
    map_item far[] = {{"a", SIM_ZONE_DMZ, SIM_NODE_WEB, 100, 100},
                      {"b", SIM_ZONE_DMZ, SIM_NODE_API, 5100, 100}};
    assert_int_equal(map_layout_build(&m, far, 2, NULL), 0);
    assert_true(m.positioned);
    check_layout(&m, far, 2);
    assert_int_equal(m.node[1].x - m.node[0].x, MAP_NODE_W + MAP_GAP_X);
    map_layout_free(&m);
}

static void test_a_half_placed_or_crowded_map_is_laid_out_automatically(void **state)
{
    (void)state;
    map_item some[] = {{"a", SIM_ZONE_DMZ, SIM_NODE_WEB, 1, 1},
                       {"b", SIM_ZONE_INTERNAL, SIM_NODE_API, 0, 0}};
    map_layout m;
    assert_int_equal(map_layout_build(&m, some, 2, NULL), 0);
    assert_false(m.positioned);
    check_layout(&m, some, 2);
    map_layout_free(&m);
    map_item same[] = {{"a", SIM_ZONE_DMZ, SIM_NODE_WEB, 5, 5},
                       {"b", SIM_ZONE_DMZ, SIM_NODE_API, 5, 5}};
    assert_int_equal(map_layout_build(&m, same, 2, NULL), 0);
    assert_false(m.positioned);
    check_layout(&m, same, 2);
    map_layout_free(&m);
}

static void test_bad_input_is_refused_with_a_reason(void **state)
{
    (void)state;
    map_item items[] = {{"a", 9, SIM_NODE_WEB, 0, 0}};
    map_layout m;
    bw_err e;
    assert_int_equal(map_layout_build(&m, items, 1, &e), BW_EINVAL);
    assert_non_null(strstr(e.msg, "zone"));
    assert_int_equal(map_layout_build(&m, NULL, 3, &e), BW_EINVAL);
    assert_int_equal(map_layout_build(&m, items, -1, &e), BW_EINVAL);
    map_item far[] = {{"a", SIM_ZONE_DMZ, SIM_NODE_WEB, 200000, 0}};
    assert_int_equal(map_layout_build(&m, far, 1, &e), BW_EINVAL);
    assert_int_equal(map_layout_build(&m, items, 0, &e), 0); /* an empty map is a map */
    assert_int_equal(map_next(&m, -1, 1), -1);
    assert_int_equal(map_nearest(&m, -1, UI_CMD_LEFT), -1);
    map_layout_free(&m);
    map_layout_free(&m); /* twice is fine */
}

static void test_the_shipped_scenario_lays_out_from_its_world(void **state)
{
    (void)state;
    char path[1024];
    snprintf(path, sizeof path, "%s/scripts/scenarios/log4shell.lua", script_data_dir());
    script_diags d;
    script_diags_init(&d);
    bw_err e;
    script_scenario *s = script_scenario_load(path, NULL, &d, &e);
    script_diags_free(&d);
    assert_non_null(s);
    const sim_world *w = script_scenario_cworld(s);
    map_layout m;
    assert_int_equal(map_layout_from_world(&m, w, &e), 0);
    assert_int_equal(m.count, sim_node_count(w));
    int shop = sim_node_find(w, "shop"), db = sim_node_find(w, "db"),
        bank = sim_node_find(w, "bank");
    /* The dmz comes before the internal network, partners last (to the
     * right in the same band, or in a band below). */
    assert_true(m.node[shop].x < m.node[db].x || m.node[shop].y < m.node[db].y);
    assert_true(m.node[db].x < m.node[bank].x || m.node[db].y < m.node[bank].y);
    map_layout_free(&m);
    script_scenario_destroy(s);
}

/* ---- the camera -------------------------------------------------------------- */

static void test_screen_and_map_points_round_trip_at_every_zoom(void **state)
{
    (void)state;
    ui_rect area = {40, 60, 900, 560};
    static const double zooms[] = {0.25, 0.5, 1.0, 1.7, 4.0};
    for (size_t k = 0; k < 5; k++) {
        map_camera c = {300.5, -120.25, zooms[k]};
        for (int sx = area.x; sx < area.x + area.w; sx += 97)
            for (int sy = area.y; sy < area.y + area.h; sy += 61) {
                double mx, my, bx, by;
                map_from_screen(&c, area, sx, sy, &mx, &my);
                map_to_screen(&c, area, mx, my, &bx, &by);
                assert_true(fabs(bx - sx) < 1e-6 && fabs(by - sy) < 1e-6);
            }
    }
}

static void test_hit_testing_finds_each_node_at_several_zooms(void **state)
{
    (void)state;
    static world_items w;
    make_items(&w, 60, 9);
    map_layout m;
    assert_int_equal(map_layout_build(&m, w.items, 60, NULL), 0);
    ui_rect area = {0, 48, 1280 - 360, 800 - 48 - 180};
    static const double zooms[] = {0.25, 0.6, 1.0, 2.0, 4.0};
    for (size_t k = 0; k < 5; k++) {
        map_camera c;
        map_camera_fit(&c, &m, area);
        c.zoom = zooms[k];
        for (int i = 0; i < m.count; i++) {
            map_camera_show(&c, &m, area, i);
            ui_rect r = map_rect_to_screen(&c, area, m.node[i]);
            assert_true(ui_rect_contains(area, r.x + r.w / 2, r.y + r.h / 2));
            /* Centre and corners (one pixel in) hit the node. */
            assert_int_equal(map_node_at(&m, &c, area, r.x + r.w / 2, r.y + r.h / 2), i);
            if (ui_rect_contains(area, r.x + 1, r.y + 1))
                assert_int_equal(map_node_at(&m, &c, area, r.x + 1, r.y + 1), i);
            if (ui_rect_contains(area, r.x + r.w - 2, r.y + r.h - 2))
                assert_int_equal(map_node_at(&m, &c, area, r.x + r.w - 2, r.y + r.h - 2), i);
            /* Just left of the box is empty (the gap between boxes). */
            if (zooms[k] >= 0.6 && ui_rect_contains(area, r.x - 3, r.y + r.h / 2))
                assert_int_equal(map_node_at(&m, &c, area, r.x - 3, r.y + r.h / 2), -1);
        }
    }
    map_camera c = {0, 0, 1};
    assert_int_equal(map_node_at(&m, &c, area, -5, -5), -1); /* outside the area */
    map_layout_free(&m);
}

static void test_zoom_keeps_the_point_under_the_cursor_and_stays_in_range(void **state)
{
    (void)state;
    ui_rect area = {0, 0, 800, 600};
    map_camera c = {100, 100, 1.0};
    double mx0, my0, mx1, my1;
    map_from_screen(&c, area, 123, 456, &mx0, &my0);
    map_camera_zoom_at(&c, area, 123, 456, 1.5);
    map_from_screen(&c, area, 123, 456, &mx1, &my1);
    assert_true(fabs(mx0 - mx1) < 1e-6 && fabs(my0 - my1) < 1e-6);
    assert_true(fabs(c.zoom - 1.5) < 1e-9);
    for (int i = 0; i < 40; i++)
        map_camera_zoom_at(&c, area, 10, 10, 1.5);
    assert_true(fabs(c.zoom - MAP_ZOOM_MAX) < 1e-9);
    for (int i = 0; i < 80; i++)
        map_camera_zoom_at(&c, area, 700, 500, 0.5);
    assert_true(fabs(c.zoom - MAP_ZOOM_MIN) < 1e-9);
    map_camera_zoom_at(&c, area, 700, 500, NAN);
    map_camera_zoom_at(&c, area, 700, 500, -2);
    assert_true(fabs(c.zoom - MAP_ZOOM_MIN) < 1e-9);
}

static void test_fit_shows_the_whole_map_and_pan_follows_the_pointer(void **state)
{
    (void)state;
    static world_items w;
    make_items(&w, 40, 3);
    map_layout m;
    assert_int_equal(map_layout_build(&m, w.items, 40, NULL), 0);
    ui_rect area = {10, 50, 900, 560};
    map_camera c;
    map_camera_fit(&c, &m, area);
    ui_rect r = map_rect_to_screen(&c, area, m.bounds);
    assert_true(r.x >= area.x && r.y >= area.y);
    assert_true(r.x + r.w <= area.x + area.w && r.y + r.h <= area.y + area.h);
    double sx0, sy0, sx1, sy1;
    map_to_screen(&c, area, 50, 50, &sx0, &sy0);
    map_camera_pan(&c, 30, -20);
    map_to_screen(&c, area, 50, 50, &sx1, &sy1);
    assert_true(fabs(sx1 - sx0 - 30) < 1e-6 && fabs(sy1 - sy0 + 20) < 1e-6);
    /* Pan far away: clamping brings the map back into view. */
    map_camera_pan(&c, 1e6, 1e6);
    map_camera_clamp(&c, &m, area);
    assert_true(c.cx >= m.bounds.x && c.cx <= m.bounds.x + m.bounds.w);
    assert_true(c.cy >= m.bounds.y && c.cy <= m.bounds.y + m.bounds.h);
    map_layout_free(&m);
}

static void test_a_link_is_hit_near_its_line_only(void **state)
{
    (void)state;
    map_item items[] = {{"a", SIM_ZONE_DMZ, SIM_NODE_WEB, 0, 0},
                        {"b", SIM_ZONE_INTERNAL, SIM_NODE_DATABASE, 0, 0}};
    map_layout m;
    assert_int_equal(map_layout_build(&m, items, 2, NULL), 0);
    ui_rect area = {0, 0, 1200, 700};
    map_camera c;
    map_camera_fit(&c, &m, area);
    int from[] = {0}, to[] = {1};
    int ax, ay, bx, by;
    map_node_centre(&m, 0, &ax, &ay);
    map_node_centre(&m, 1, &bx, &by);
    double sx, sy;
    map_to_screen(&c, area, (ax + bx) / 2.0, (ay + by) / 2.0, &sx, &sy);
    assert_int_equal(map_link_at(&m, &c, area, (int)sx, (int)sy, from, to, 1), 0);
    assert_int_equal(map_link_at(&m, &c, area, (int)sx, (int)sy + 40, from, to, 1), -1);
    map_layout_free(&m);
}

/* ---- keyboard navigation ------------------------------------------------------- */

static void test_tab_cycles_every_node_in_reading_order(void **state)
{
    (void)state;
    static world_items w;
    make_items(&w, 23, 11);
    map_layout m;
    assert_int_equal(map_layout_build(&m, w.items, 23, NULL), 0);
    int first = map_next(&m, -1, 1);
    assert_int_equal(first, m.order[0]);
    int cur = first, visits = 0;
    bool seen[23] = {false};
    do {
        assert_false(seen[cur]);
        seen[cur] = true;
        cur = map_next(&m, cur, 1);
        visits++;
    } while (cur != first && visits < 100);
    assert_int_equal(visits, 23);
    /* Shift+Tab goes back. */
    assert_int_equal(map_next(&m, map_next(&m, first, 1), -1), first);
    assert_int_equal(map_next(&m, first, -1), m.order[22]);
    assert_int_equal(map_next(&m, -1, -1), m.order[22]);
    map_layout_free(&m);
}

static void test_arrows_pick_the_neighbour_in_that_direction(void **state)
{
    (void)state;
    /* Two zones, a 2x2 grid in the dmz: web a, web b / web c, web d (ids
     * sort so), and one database in the internal zone. */
    map_item items[] = {
        {"a", SIM_ZONE_DMZ, SIM_NODE_WEB, 0, 0},           {"b", SIM_ZONE_DMZ, SIM_NODE_WEB, 0, 0},
        {"c", SIM_ZONE_DMZ, SIM_NODE_WEB, 0, 0},           {"d", SIM_ZONE_DMZ, SIM_NODE_WEB, 0, 0},
        {"e", SIM_ZONE_DMZ, SIM_NODE_WEB, 0, 0},           {"f", SIM_ZONE_DMZ, SIM_NODE_WEB, 0, 0},
        {"db", SIM_ZONE_INTERNAL, SIM_NODE_DATABASE, 0, 0}};
    map_layout m;
    assert_int_equal(map_layout_build(&m, items, 7, NULL), 0);
    /* Work out the grid from the layout rather than assume its row count:
     * for each node, the expected neighbour is the closest straight ahead. */
    for (int i = 0; i < 7; i++) {
        static const ui_cmd dirs[] = {UI_CMD_LEFT, UI_CMD_RIGHT, UI_CMD_UP, UI_CMD_DOWN};
        for (int k = 0; k < 4; k++) {
            int got = map_nearest(&m, i, dirs[k]);
            ui_rect a = m.node[i];
            int expect = i;
            long bestd = 1L << 40;
            for (int j = 0; j < 7; j++) {
                ui_rect b = m.node[j];
                bool ahead = dirs[k] == UI_CMD_LEFT    ? b.y == a.y && b.x < a.x
                             : dirs[k] == UI_CMD_RIGHT ? b.y == a.y && b.x > a.x
                             : dirs[k] == UI_CMD_UP    ? b.x == a.x && b.y < a.y
                                                       : b.x == a.x && b.y > a.y;
                long d = labs((long)b.x - a.x) + labs((long)b.y - a.y);
                if (j != i && ahead && d < bestd) {
                    bestd = d;
                    expect = j;
                }
            }
            if (expect != i)
                assert_int_equal(got, expect);
            else if (got != i) { /* nothing straight ahead: must at least lie that way */
                ui_rect b = m.node[got];
                bool way = dirs[k] == UI_CMD_LEFT    ? b.x < a.x
                           : dirs[k] == UI_CMD_RIGHT ? b.x > a.x
                           : dirs[k] == UI_CMD_UP    ? b.y < a.y
                                                     : b.y > a.y;
                assert_true(way);
            }
        }
    }
    /* Every node can be reached with the arrows alone from the first one
     * (the database is in another zone). */
    bool reached[7] = {true, false, false, false, false, false, false};
    int queue[7] = {0}, head = 0, tail = 1;
    while (head < tail) {
        int at = queue[head++];
        static const ui_cmd all[] = {UI_CMD_LEFT, UI_CMD_RIGHT, UI_CMD_UP, UI_CMD_DOWN};
        for (int k = 0; k < 4; k++) {
            int nx = map_nearest(&m, at, all[k]);
            if (!reached[nx]) {
                reached[nx] = true;
                queue[tail++] = nx;
            }
        }
    }
    assert_int_equal(tail, 7);
    /* Left from the leftmost stays put; no selection picks the first. */
    int left = 0;
    for (int i = 1; i < 7; i++)
        if (m.node[i].x < m.node[left].x)
            left = i;
    assert_int_equal(map_nearest(&m, left, UI_CMD_LEFT), left);
    assert_int_equal(map_nearest(&m, -1, UI_CMD_DOWN), m.order[0]);
    map_layout_free(&m);
}

static void test_arrows_prefer_straight_ahead_over_a_closer_diagonal(void **state)
{
    (void)state;
    /* Placed by hand: from o, "right" has a far node straight ahead and a
     * near one mostly below. */
    map_item items[] = {{"o", SIM_ZONE_DMZ, SIM_NODE_WEB, 10, 10},
                        {"far", SIM_ZONE_DMZ, SIM_NODE_WEB, 40, 10},
                        {"low", SIM_ZONE_DMZ, SIM_NODE_WEB, 13, 30}};
    map_layout m;
    assert_int_equal(map_layout_build(&m, items, 3, NULL), 0);
    assert_int_equal(map_nearest(&m, 0, UI_CMD_RIGHT), 1);
    assert_int_equal(map_nearest(&m, 0, UI_CMD_DOWN), 2);
    assert_int_equal(map_nearest(&m, 1, UI_CMD_LEFT), 0);
    assert_int_equal(map_nearest(&m, 0, UI_CMD_UP), 0);
    map_layout_free(&m);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_automatic_layout_never_overlaps_and_keeps_nodes_in_their_zones),
        cmocka_unit_test(test_zone_regions_do_not_overlap_and_read_in_zone_order),
        cmocka_unit_test(test_a_small_map_is_laid_out_to_show_at_full_size),
        cmocka_unit_test(test_the_internet_always_has_a_region_for_attacks_to_come_from),
        cmocka_unit_test(test_layout_is_deterministic_and_ignores_input_order_within_a_zone),
        cmocka_unit_test(test_the_scenarios_positions_are_kept_in_shape_without_overlap),
        cmocka_unit_test(test_a_half_placed_or_crowded_map_is_laid_out_automatically),
        cmocka_unit_test(test_bad_input_is_refused_with_a_reason),
        cmocka_unit_test(test_the_shipped_scenario_lays_out_from_its_world),
        cmocka_unit_test(test_screen_and_map_points_round_trip_at_every_zoom),
        cmocka_unit_test(test_hit_testing_finds_each_node_at_several_zooms),
        cmocka_unit_test(test_zoom_keeps_the_point_under_the_cursor_and_stays_in_range),
        cmocka_unit_test(test_fit_shows_the_whole_map_and_pan_follows_the_pointer),
        cmocka_unit_test(test_a_link_is_hit_near_its_line_only),
        cmocka_unit_test(test_tab_cycles_every_node_in_reading_order),
        cmocka_unit_test(test_arrows_pick_the_neighbour_in_that_direction),
        cmocka_unit_test(test_arrows_prefer_straight_ahead_over_a_closer_diagonal),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
