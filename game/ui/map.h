/* map.h — the play screen's map, as plain C (internal to game/ui).
 *
 * Layout: where each node and zone sits in map space (logical pixels at
 * zoom 1), from the scenario's positions when it places every node (each
 * on its own spot; scaled so boxes never overlap), otherwise
 * automatic: zones as columns left to right in sim_zone order (internet,
 * dmz, internal, build, partner), wrapping into bands top to bottom when
 * that shows a small map larger, nodes in a grid inside their zone,
 * ordered by kind then id. Deterministic: the same nodes give the same
 * layout. Camera: pan and zoom (0.25-4, around a point), fit to a screen
 * area, and the conversions both ways. Hit-testing and keyboard
 * navigation (Tab order, nearest node in a direction).
 *
 * No SDL and no world needed (map_layout_build takes plain items), so
 * tests check it without a window. */
#ifndef BULWARK_UI_MAP_H
#define BULWARK_UI_MAP_H

#include <stdbool.h>

#include "bulwark/error.h"
#include "bulwark/sim.h"
#include "bulwark/text_fit.h"
#include "bulwark/ui.h"

/* A node's box in map space (text_fit.h: the lints measure labels
 * against it), and the spacing around it. */
#define MAP_NODE_W BW_FIT_NODE_W
#define MAP_NODE_H BW_FIT_NODE_H
#define MAP_GAP_X 36 /* between node boxes in a zone */
#define MAP_GAP_Y 36
#define MAP_ZONE_PAD 24  /* inside a zone's region, around its nodes */
#define MAP_ZONE_HEAD 34 /* the zone's name above its nodes */
#define MAP_ZONE_GAP 56  /* between zone regions */
#define MAP_MAX_NODES 100000

/* What the layout needs to know of a node. */
typedef struct map_item {
    const char *id;
    int zone; /* sim_zone */
    int kind; /* sim_node_kind */
    int x, y; /* the scenario's position; 0,0 = lay it out */
} map_item;

typedef struct map_layout {
    int count;
    ui_rect *node;                /* [count]: each node's box, indexed by node id */
    ui_rect zone[SIM_ZONE_COUNT]; /* each zone's region; w == 0 when it has no region */
    ui_rect bounds;               /* everything, for fit-to-screen */
    bool positioned;              /* the scenario gave positions */
    int *order;                   /* [count]: node ids in reading (Tab) order */
} map_layout;

/* Lay out count items. Returns 0, or BW_EINVAL / BW_ENOMEM with err. The
 * ids are not kept. map_layout_free releases it (a zeroed one is fine). */
int map_layout_build(map_layout *m, const map_item *items, int count, bw_err *err);
int map_layout_from_world(map_layout *m, const sim_world *w, bw_err *err);
void map_layout_free(map_layout *m);

/* The point at a node box's centre. */
void map_node_centre(const map_layout *m, int node, int *x, int *y);

/* ---- the camera ----------------------------------------------------------------- */

#define MAP_ZOOM_MIN 0.25
#define MAP_ZOOM_MAX 4.0

typedef struct map_camera {
    double cx, cy; /* the map point at the centre of the view */
    double zoom;   /* screen pixels per map unit */
} map_camera;

/* View the whole layout in area (zoom at most 1.25, at least MIN). */
void map_camera_fit(map_camera *c, const map_layout *m, ui_rect area);
/* Zoom by factor keeping the map point under screen point (sx, sy) still. */
void map_camera_zoom_at(map_camera *c, ui_rect area, int sx, int sy, double factor);
/* Move the view by a screen-pixel drag (the map follows the pointer). */
void map_camera_pan(map_camera *c, double dx_screen, double dy_screen);
/* Keep the layout's bounds partly on screen: a lost map is a dead game. */
void map_camera_clamp(map_camera *c, const map_layout *m, ui_rect area);
void map_to_screen(const map_camera *c, ui_rect area, double mx, double my, double *sx, double *sy);
void map_from_screen(const map_camera *c, ui_rect area, double sx, double sy, double *mx,
                     double *my);
/* A map rectangle on screen (rounded outward to whole pixels). */
ui_rect map_rect_to_screen(const map_camera *c, ui_rect area, ui_rect r);
/* Pan so that node is in view (with a margin); no change when it already is. */
void map_camera_show(map_camera *c, const map_layout *m, ui_rect area, int node);
/* The same, keeping it inside keep, a part of the view area (clear of overlays). */
void map_camera_show_in(map_camera *c, const map_layout *m, ui_rect area, ui_rect keep, int node);

/* ---- hit-testing and navigation --------------------------------------------------- */

/* The node under screen point (sx, sy), or -1. */
int map_node_at(const map_layout *m, const map_camera *c, ui_rect area, int sx, int sy);
/* The link (index into from/to) within a few pixels of the point, or -1.
 * from[i], to[i] are node ids of link i. */
int map_link_at(const map_layout *m, const map_camera *c, ui_rect area, int sx, int sy,
                const int *from, const int *to, int link_count);

/* Tab order: the node after (step +1) or before (-1) current in reading
 * order, wrapping; the first (or last) when current is -1. -1 when empty. */
int map_next(const map_layout *m, int current, int step);
/* The nearest node from current in a direction (UI_CMD_UP/DOWN/LEFT/RIGHT),
 * favouring nodes straight ahead; current itself when there is none that
 * way; the first in reading order when current is -1. */
int map_nearest(const map_layout *m, int current, ui_cmd dir);

#endif
