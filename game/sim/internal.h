/* internal.h — the world's layout, shared by the files of game/sim only.
 *
 * Everything is an array indexed by a small integer id; references between
 * objects are indices, never pointers, so the world hashes, copies and
 * replays. Growable arrays go through the world's allocator so that tests
 * can fail the N-th allocation. */
#ifndef BULWARK_SIM_INTERNAL_H
#define BULWARK_SIM_INTERNAL_H

#include "bulwark/sim.h"

#define MAX_ACTORS 64 /* one bit per actor in node.held_by */

typedef struct node {
    char id[SIM_ID_MAX];
    char label[SIM_LABEL_MAX];
    sim_node_kind kind;
    sim_zone zone;
    int value, users, x, y;
    unsigned controls;
    sim_node_state state;      /* derived by node_refresh */
    bool has_data, data_lost, leaked_credentials, encrypted, ever_lost;
    bool ever_compromised;
    int degraded_until;        /* tick: defaced or flooded before it */
    int intrusions, detected;  /* active ones on it */
    uint64_t held_by;          /* bit per actor with an active intrusion here */
    uint64_t partner_warned;   /* bit per actor whose indicators a partner node holds */
    int first_vuln;            /* head of the node's vulnerability list, -1 */
    int busy;                  /* running actions targeting it */
    int out_first, out_count;  /* outgoing links in world.adj */
    int dep_first, dep_count;  /* nodes it depends on, in world.deps */
} node;

typedef struct link {
    int from, to;
    sim_link_kind kind;
} link;

typedef struct vuln {
    char id[SIM_ID_MAX];
    int node, cwe, severity, exploitability;
    bool fix_available, patched, exists;
    bool known_def, known_att, is_public, design_flaw;
    int appears_at, found_at;
    int next_on_node;          /* -1 ends the node's list */
} vuln;

typedef struct actor {
    char id[SIM_ID_MAX];
    char label[SIM_LABEL_MAX];
    sim_motive motive;
    int skill;
    uint32_t techniques;
    int active_from, disrupted_until, attempts_per_day;
    bool indicators_known, indicators_shared, detected;
} actor;

typedef struct intrusion {
    int actor, node;
    sim_stage stage;
    sim_technique via;
    int started, dwell, detected_at;
    int log_index;             /* its hidden log entry, shown once detected; -1 */
    bool detected, active;
} intrusion;

typedef struct report {
    char id[SIM_ID_MAX];
    char reporter[SIM_LABEL_MAX];
    int vuln, at, deadline_ticks, arrives_at, deadline;
    sim_report_state state;
} report;

typedef struct running {
    int id;
    sim_action_req req;
    int started, done_at;
} running;

typedef struct choice {
    int text;                  /* offsets into world.text */
    int options[SIM_MAX_CHOICE_OPTIONS];
    int option_count, offensive_option;
    int opened_at, deadline, default_option, answer;
    uint32_t cookie;
} choice;

typedef struct event {
    int at;
    uint32_t seq, cookie;
} event;

typedef struct log_entry {
    int tick;
    sim_log_kind kind;
    int node, actor, vuln, text;
    bool visible;
} log_entry;

typedef struct breach {
    int node, tick, detected_at; /* detected_at -1 while unknown */
    bool notified, concealed;
} breach;

typedef struct objective {
    char id[SIM_ID_MAX];
    int text;
    sim_objective_kind kind;
    int target, value;
    bool optional, script_met;
} objective;

typedef struct defender {
    int budget, income_per_day, staff, staff_hours;
    int cap[SIM_AREA_COUNT], cap_start[SIM_AREA_COUNT];
    uint32_t practices;        /* bit per action kind adopted at least once */
    int practices_adopted;
    bool in_sharing_group, security_txt;
} defender;

/* A growable array of fixed-size items. */
typedef struct vec {
    void *data;
    int len, cap;
} vec;

struct sim_world {
    sim_alloc_fn alloc;
    void *alloc_ud;
    sim_hooks hooks;
    bool oom;                  /* an allocation failed during this step */

    uint64_t seed;
    sim_rng rng;
    int tick, days;
    bool over, ended_early, ended_won;
    uint32_t actions_offered;
    sim_action_cost costs[SIM_ACTION_KIND_COUNT];
    uint32_t cwe_pool[16];
    int weakness_rate;

    defender def;
    int node_count, link_count, actor_count;
    node *nodes;
    link *links;
    int *node_by_id;           /* node indices sorted by id, for sim_node_find */
    int *adj;                  /* link indices by source node */
    int *deps;                 /* dependency sources by dependent node */
    actor *actors;
    int *access_targets[SIM_TECHNIQUE_COUNT]; /* eligible nodes per access technique */
    int access_count[SIM_TECHNIQUE_COUNT];

    vec vulns, intrusions, reports, running, choices, events, log, breaches;
    vec objectives, history;
    char *text; int text_len, text_cap; /* all owned strings, NUL-separated */
    int next_action_id;
    uint32_t next_event_seq;
    int weakness_serial;
    bool weak_ids_taken;       /* a scenario named a vulnerability weak-... */
    sim_tally tally;
    int resp_penalty, collab_bonus;
    /* The author's view of the last tick's draws: not hashed, not state. */
    sim_draw draws[SIM_DRAW_RING];
    int draw_total;
};

/* memory (world.c) */
void *world_alloc(sim_world *w, size_t n);
void world_free(sim_world *w, void *p, size_t n);
void *vec_push(sim_world *w, vec *v, size_t item); /* zeroed slot, or NULL (sets oom) */
#define VEC_AT(v, type, i) (&((type *)(v).data)[i])
int text_add(sim_world *w, const char *s); /* offset, or -1 (sets oom) */
const char *text_at(const sim_world *w, int off);

/* catalogue (catalog.c) */
typedef struct technique_rule {
    uint32_t base_ppm;         /* chance per attempt before controls */
    sim_area counter;          /* practice area whose capability counters it */
    bool access;               /* an initial-access technique */
} technique_rule;
const technique_rule *technique_rule_of(sim_technique t);
sim_area action_area(sim_action_kind k);
unsigned action_control(sim_action_kind k); /* the control an action adds, or 0 */

/* world state helpers (world.c) */
void node_refresh(sim_world *w, int n);
bool node_online(const sim_world *w, int n);
/* Can this initial-access technique be tried against this node at all? */
bool access_eligible(const node *n, sim_technique t);
void log_add(sim_world *w, sim_log_kind kind, bool visible, int node, int actor,
             int vuln, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 7, 8)))
#endif
    ;
int vuln_create(sim_world *w, const sim_vuln_def *d, int node_index);

/* draws that the debug ring records (query.c): the same stream use as
 * sim_rng_chance / sim_rng_below. what is a string literal. */
bool world_chance(sim_world *w, uint32_t ppm, const char *what, int actor, int node, int technique);
uint32_t world_below(sim_world *w, uint32_t bound, const char *what, int actor, int node);

/* rules (attack.c) */
void attack_tick(sim_world *w);
void detect_tick(sim_world *w);
int intrusion_start(sim_world *w, int actor, int node, sim_technique via);
void intrusion_detect(sim_world *w, int i);
void intrusion_evict(sim_world *w, int i);
void weakness_day(sim_world *w);
void capability_gain(sim_world *w, sim_area a, int gain_permille);

/* actions (action.c) */
void action_complete_due(sim_world *w);

/* score (score.c) */
void score_tick(sim_world *w);
void score_day(sim_world *w);
int objective_met(const sim_world *w, const objective *o);

/* disclosure, sharing and choices (collective.c) */
void reports_tick(sim_world *w);
void choices_tick(sim_world *w);
void breaches_tick(sim_world *w);
void choice_answer(sim_world *w, int c, int option);

#endif
