/* map_camera.c — the play screen's view of the map: pan, zoom around a
 * point, fit to screen, the conversions between map and screen, and
 * hit-testing. Plain C, no SDL: the tests round-trip points through it.
 * Floating point is fine here: nothing in the view reaches the world. */
#include "map.h"

#include <math.h>

static double clampd(double v, double lo, double hi) { return v < lo ? lo : v > hi ? hi : v; }

void map_to_screen(const map_camera *c, ui_rect area, double mx, double my, double *sx, double *sy)
{
    *sx = area.x + area.w / 2.0 + (mx - c->cx) * c->zoom;
    *sy = area.y + area.h / 2.0 + (my - c->cy) * c->zoom;
}

void map_from_screen(const map_camera *c, ui_rect area, double sx, double sy, double *mx,
                     double *my)
{
    *mx = c->cx + (sx - area.x - area.w / 2.0) / c->zoom;
    *my = c->cy + (sy - area.y - area.h / 2.0) / c->zoom;
}

ui_rect map_rect_to_screen(const map_camera *c, ui_rect area, ui_rect r)
{
    double x0, y0, x1, y1;
    map_to_screen(c, area, r.x, r.y, &x0, &y0);
    map_to_screen(c, area, r.x + r.w, r.y + r.h, &x1, &y1);
    int ix = (int)floor(x0), iy = (int)floor(y0);
    return (ui_rect){ix, iy, (int)ceil(x1) - ix, (int)ceil(y1) - iy};
}

void map_camera_fit(map_camera *c, const map_layout *m, ui_rect area)
{
    ui_rect b = m && m->bounds.w > 0 ? m->bounds : (ui_rect){0, 0, 1, 1};
    c->cx = b.x + b.w / 2.0;
    c->cy = b.y + b.h / 2.0;
    if (area.w <= 0 || area.h <= 0) {
        c->zoom = 1.0;
        return;
    }
    /* A margin of 24 screen pixels; never blow a small map up past 1.25. */
    double z = fmin((area.w - 48.0) / b.w, (area.h - 48.0) / b.h);
    c->zoom = clampd(z, MAP_ZOOM_MIN, 1.25);
}

void map_camera_zoom_at(map_camera *c, ui_rect area, int sx, int sy, double factor)
{
    if (!(factor > 0) || !isfinite(factor))
        return;
    double mx, my;
    map_from_screen(c, area, sx, sy, &mx, &my);
    c->zoom = clampd(c->zoom * factor, MAP_ZOOM_MIN, MAP_ZOOM_MAX);
    /* Put (mx, my) back under (sx, sy). */
    c->cx = mx - (sx - area.x - area.w / 2.0) / c->zoom;
    c->cy = my - (sy - area.y - area.h / 2.0) / c->zoom;
}

void map_camera_pan(map_camera *c, double dx_screen, double dy_screen)
{
    c->cx -= dx_screen / c->zoom;
    c->cy -= dy_screen / c->zoom;
}

void map_camera_clamp(map_camera *c, const map_layout *m, ui_rect area)
{
    (void)area;
    if (!m)
        return;
    ui_rect b = m->bounds;
    c->cx = clampd(c->cx, b.x, b.x + b.w);
    c->cy = clampd(c->cy, b.y, b.y + b.h);
}

void map_camera_show_in(map_camera *c, const map_layout *m, ui_rect area, ui_rect keep, int node)
{
    if (!m || node < 0 || node >= m->count)
        return;
    ui_rect r = map_rect_to_screen(c, area, m->node[node]);
    ui_rect in = {keep.x + 16, keep.y + 16, keep.w - 32, keep.h - 32};
    double dx = 0, dy = 0;
    if (r.w > in.w || r.x < in.x)
        dx = in.x - r.x;
    else if (r.x + r.w > in.x + in.w)
        dx = in.x + in.w - (r.x + r.w);
    if (r.h > in.h || r.y < in.y)
        dy = in.y - r.y;
    else if (r.y + r.h > in.y + in.h)
        dy = in.y + in.h - (r.y + r.h);
    map_camera_pan(c, dx, dy);
}

void map_camera_show(map_camera *c, const map_layout *m, ui_rect area, int node)
{
    map_camera_show_in(c, m, area, area, node);
}

int map_node_at(const map_layout *m, const map_camera *c, ui_rect area, int sx, int sy)
{
    if (!m || !ui_rect_contains(area, sx, sy))
        return -1;
    double mx, my;
    /* The pixel's centre, so a box's edge pixels belong to it at any zoom. */
    map_from_screen(c, area, sx + 0.5, sy + 0.5, &mx, &my);
    for (int i = 0; i < m->count; i++) {
        ui_rect r = m->node[i];
        if (mx >= r.x && my >= r.y && mx < r.x + r.w && my < r.y + r.h)
            return i;
    }
    return -1;
}

int map_link_at(const map_layout *m, const map_camera *c, ui_rect area, int sx, int sy,
                const int *from, const int *to, int link_count)
{
    if (!m || !ui_rect_contains(area, sx, sy))
        return -1;
    int best = -1;
    double best_d = 6.0; /* screen pixels */
    for (int i = 0; i < link_count; i++) {
        if (from[i] < 0 || to[i] < 0 || from[i] >= m->count || to[i] >= m->count)
            continue;
        int ax, ay, bx, by;
        map_node_centre(m, from[i], &ax, &ay);
        map_node_centre(m, to[i], &bx, &by);
        double x0, y0, x1, y1;
        map_to_screen(c, area, ax, ay, &x0, &y0);
        map_to_screen(c, area, bx, by, &x1, &y1);
        double vx = x1 - x0, vy = y1 - y0, len2 = vx * vx + vy * vy;
        double t = len2 > 0 ? ((sx - x0) * vx + (sy - y0) * vy) / len2 : 0;
        t = clampd(t, 0, 1);
        double px = x0 + t * vx - sx, py = y0 + t * vy - sy;
        double d = sqrt(px * px + py * py);
        if (d < best_d) {
            best_d = d;
            best = i;
        }
    }
    return best;
}
