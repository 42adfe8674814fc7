/* sim.h — the deterministic simulation (DESIGN.md section 2, RULES.md).
 *
 * Pure C: no SDL, no Lua, no I/O, no globals. A world is a pure function
 * of (definition, seed, timed actions): the same inputs give the same
 * world hash bit for bit. All randomness comes from one PCG32 stream owned
 * by the world; every loop that draws from it runs in id order.
 *
 * Objects are arrays indexed by small integer ids (node 0..n-1 and so on);
 * string ids from the scenario map to indices with the *_find functions.
 * Chances are integers in parts per million (ppm), capabilities and
 * mitigations in per-mille, severities in tenths: no floating point ever
 * reaches the world hash.
 *
 * Ownership: sim_world_create copies everything it needs from the
 * definition; the caller keeps the definition. sim_world_destroy(NULL) is
 * fine. Every refusable operation returns a negative BW_E* code with a
 * reason sentence in err and leaves the world unchanged. */
#ifndef BULWARK_SIM_H
#define BULWARK_SIM_H

#include <stddef.h>
#include <stdint.h>
#include <stdbool.h>

#include "bulwark/error.h"

#define SIM_TICKS_PER_DAY 24
/* Without security.txt (RFC 9116) a researcher spends two days finding
 * someone to tell: a report arrives this many ticks after its `at`. */
#define SIM_REPORT_DELAY_NO_SECURITY_TXT (2 * SIM_TICKS_PER_DAY)
#define SIM_STAFF_HOURS_PER_PERSON 8
#define SIM_MAX_DAYS 365
#define SIM_ID_MAX 48        /* longest string id, including the NUL */
#define SIM_LABEL_MAX 96     /* longest label, including the NUL */
#define SIM_TEXT_MAX 1024    /* longest message or choice text */
#define SIM_MAX_CHOICE_OPTIONS 6

/* ---- the generator ------------------------------------------------------ */

/* PCG32 (O'Neill, pcg-random.org): small, fast, statistically sound, and
 * its whole state is two integers that hash and copy. */
typedef struct sim_rng {
    uint64_t state;
    uint64_t inc;
} sim_rng;

void sim_rng_seed(sim_rng *r, uint64_t seed, uint64_t stream);
uint32_t sim_rng_next(sim_rng *r);
/* Uniform in [0, bound) without modulo bias; bound 0 returns 0. */
uint32_t sim_rng_below(sim_rng *r, uint32_t bound);
/* True with probability ppm / 1,000,000. */
bool sim_rng_chance(sim_rng *r, uint32_t ppm);

/* ---- catalogues ------------------------------------------------------------ */

typedef enum sim_node_kind {
    SIM_NODE_WEB, SIM_NODE_API, SIM_NODE_DATABASE, SIM_NODE_CI, SIM_NODE_REPO,
    SIM_NODE_LAPTOP, SIM_NODE_IOT, SIM_NODE_CLOUD, SIM_NODE_PARTNER,
    SIM_NODE_MAIL, SIM_NODE_VPN, SIM_NODE_FILESERVER, SIM_NODE_LIBRARY,
    SIM_NODE_KIND_COUNT
} sim_node_kind;

typedef enum sim_zone {
    SIM_ZONE_INTERNET, SIM_ZONE_DMZ, SIM_ZONE_INTERNAL, SIM_ZONE_BUILD,
    SIM_ZONE_PARTNER, SIM_ZONE_COUNT
} sim_zone;

typedef enum sim_node_state {
    SIM_STATE_HEALTHY, SIM_STATE_DEGRADED, SIM_STATE_COMPROMISED,
    SIM_STATE_ENCRYPTED, SIM_STATE_OFFLINE, SIM_STATE_COUNT
} sim_node_state;

typedef enum sim_link_kind {
    SIM_LINK_NETWORK, SIM_LINK_TRUST, SIM_LINK_DEPENDENCY, SIM_LINK_DATA,
    SIM_LINK_KIND_COUNT
} sim_link_kind;

/* Controls are bits on a node. */
typedef enum sim_control {
    SIM_CTL_MFA = 1u << 0,
    SIM_CTL_EDR = 1u << 1,
    SIM_CTL_LOGGING = 1u << 2,
    SIM_CTL_BACKUP = 1u << 3,
    SIM_CTL_SEGMENTED = 1u << 4,
    SIM_CTL_CODE_REVIEW = 1u << 5,
    SIM_CTL_SAST = 1u << 6,
    SIM_CTL_PINNED_DEPS = 1u << 7,
    SIM_CTL_SIGNED_BUILDS = 1u << 8,
    SIM_CTL_WAF = 1u << 9,
    SIM_CTL_DDOS_PROTECTION = 1u << 10,
    SIM_CTL_ISOLATED = 1u << 11, /* cut off by the defender: serves no one */
} sim_control;
#define SIM_CONTROL_COUNT 12

typedef enum sim_motive {
    SIM_MOTIVE_MONEY, SIM_MOTIVE_ESPIONAGE, SIM_MOTIVE_IDEOLOGY,
    SIM_MOTIVE_THRILL, SIM_MOTIVE_COUNT
} sim_motive;

/* The SSDF practice groups (CURRICULUM.md section 2). */
typedef enum sim_area {
    SIM_AREA_PO, SIM_AREA_PS, SIM_AREA_PW, SIM_AREA_RV, SIM_AREA_COUNT
} sim_area;

/* ATT&CK techniques the engine models (CURRICULUM.md section 3). */
typedef enum sim_technique {
    SIM_T1190, SIM_T1566, SIM_T1078, SIM_T1110, SIM_T1133, SIM_T1195,
    SIM_T1059, SIM_T1021, SIM_T1552, SIM_T1213, SIM_T1567, SIM_T1486,
    SIM_T1498, SIM_T1203, SIM_TECHNIQUE_COUNT
} sim_technique;

typedef enum sim_stage {
    SIM_STAGE_ACCESS, SIM_STAGE_EXECUTE, SIM_STAGE_PERSIST, SIM_STAGE_MOVE,
    SIM_STAGE_IMPACT, SIM_STAGE_COUNT
} sim_stage;

typedef enum sim_pillar {
    SIM_PILLAR_PROTECTION, SIM_PILLAR_RESPONSIBILITY, SIM_PILLAR_CAPACITY,
    SIM_PILLAR_COLLABORATION, SIM_PILLAR_COUNT
} sim_pillar;

/* Names for the enums above ("web", "dmz", "T1190", "PO", ...), and the
 * reverse lookups (-1 when unknown). Used by the script layer, logs and
 * the UI. */
const char *sim_node_kind_name(sim_node_kind k);
const char *sim_zone_name(sim_zone z);
const char *sim_state_name(sim_node_state s);
const char *sim_link_kind_name(sim_link_kind k);
const char *sim_control_name(unsigned control_bit);
const char *sim_motive_name(sim_motive m);
const char *sim_area_name(sim_area a);
const char *sim_technique_name(sim_technique t);
const char *sim_technique_title(sim_technique t);
const char *sim_stage_name(sim_stage s);
const char *sim_pillar_name(sim_pillar p);
int sim_node_kind_parse(const char *s);
int sim_zone_parse(const char *s);
int sim_link_kind_parse(const char *s);
int sim_control_parse(const char *s); /* returns the bit, or -1 */
int sim_motive_parse(const char *s);
int sim_area_parse(const char *s);
int sim_technique_parse(const char *s); /* "T1195.002" parses as T1195 */
int sim_stage_parse(const char *s);

/* Does this kind of node produce code (gains new weaknesses over time)? */
bool sim_node_kind_produces_code(sim_node_kind k);

/* ---- actions ------------------------------------------------------------- */

typedef enum sim_action_kind {
    SIM_ACT_PATCH,          /* node: fix every known, fixable vulnerability */
    SIM_ACT_MFA,            /* node */
    SIM_ACT_EDR,            /* node */
    SIM_ACT_LOGGING,        /* node */
    SIM_ACT_BACKUP,         /* node */
    SIM_ACT_SEGMENT,        /* node */
    SIM_ACT_THREAT_MODEL,   /* node: reveals its design weaknesses (PW.1) */
    SIM_ACT_SCAN,           /* node: reveals known-class vulnerabilities (PO.3) */
    SIM_ACT_CODE_REVIEW,    /* code-producing node (PW.7) */
    SIM_ACT_SAST,           /* code-producing node (PO.3) */
    SIM_ACT_PIN_DEPS,       /* code-producing node (PW.4) */
    SIM_ACT_SIGN_BUILDS,    /* ci or repo node (PS.2) */
    SIM_ACT_WAF,            /* internet-facing node */
    SIM_ACT_DDOS_PROTECTION,/* internet-facing node */
    SIM_ACT_TRAIN,          /* area: capacity building */
    SIM_ACT_ISOLATE,        /* node: take offline, cuts every link */
    SIM_ACT_RECONNECT,      /* node: bring an isolated node back */
    SIM_ACT_RESTORE,        /* node: clean rebuild, evicts intruders */
    SIM_ACT_ROTATE_CREDENTIALS, /* node: evicts valid-account footholds */
    SIM_ACT_JOIN_SHARING,   /* none: join the sharing group (ISAC) */
    SIM_ACT_SHARE_INDICATOR,/* actor: needs a detected intrusion by it */
    SIM_ACT_SECURITY_TXT,   /* none: publish security.txt (RFC 9116) */
    SIM_ACT_HANDLE_REPORT,  /* report: triage, fix, advisory */
    SIM_ACT_NOTIFY,         /* none: notify customers of a detected breach */
    SIM_ACT_REPORT_AUTHORITIES, /* actor: the lawful answer to an attacker */
    SIM_ACT_HACK_BACK,      /* actor: offensive — the Accord says no */
    SIM_ACT_CHOOSE,         /* choice: pick an option (arg) of a scripted choice */
    SIM_ACTION_KIND_COUNT
} sim_action_kind;

typedef enum sim_target_type {
    SIM_TARGET_NONE, SIM_TARGET_NODE, SIM_TARGET_AREA, SIM_TARGET_ACTOR,
    SIM_TARGET_REPORT, SIM_TARGET_CHOICE
} sim_target_type;

/* The default price of an action; a scenario may override each field. */
typedef struct sim_action_cost {
    int32_t money;       /* budget units */
    int32_t staff_hours;
    int32_t duration;    /* ticks from start to effect */
} sim_action_cost;

const char *sim_action_name(sim_action_kind k);   /* "patch", "mfa", ... */
const char *sim_action_title(sim_action_kind k);  /* "Patch known vulnerabilities" */
int sim_action_parse(const char *s);
sim_target_type sim_action_target_type(sim_action_kind k);
sim_action_cost sim_action_default_cost(sim_action_kind k);
bool sim_action_is_offensive(sim_action_kind k);

/* ---- the definition: what a scenario hands the engine ------------------ */

typedef struct sim_vuln_def {
    const char *id;
    const char *node;          /* the node (or library) that carries it */
    int cwe;                   /* CWE id, > 0 */
    int severity_tenths;       /* 0..100 (CVSS-like 0.0..10.0) */
    int exploitability_permille; /* 0..1000; 0 means "derive from severity" */
    bool fix_available;
    bool known_to_defender;
    bool known_to_attackers;
    bool is_public;
    bool design_flaw;          /* found by a threat model, not by a scan */
    int appears_at;            /* tick it comes to exist (zero-days); 0 = from the start */
} sim_vuln_def;

typedef struct sim_node_def {
    const char *id;
    const char *label;         /* NULL: the id */
    sim_node_kind kind;
    sim_zone zone;
    int value;                 /* what a breach costs, 0..1000 */
    int users;                 /* customers served, >= 0 */
    unsigned controls;         /* sim_control bits present at the start */
    bool has_data;             /* holds data worth stealing (defaults by kind) */
    bool leaked_credentials;   /* a credential for it circulates (T1078) */
    int x, y;                  /* map position; 0,0 = let the UI lay it out */
} sim_node_def;

typedef struct sim_link_def {
    const char *from;
    const char *to;
    sim_link_kind kind;
} sim_link_def;

typedef struct sim_actor_def {
    const char *id;
    const char *label;
    sim_motive motive;
    int skill;                 /* 1..5 */
    uint32_t techniques;       /* bit (1u << sim_technique) per technique used */
    int active_from;           /* tick */
    int attempts_per_day;      /* initial-access attempts a day, 0 = 4 */
} sim_actor_def;

typedef struct sim_report_def {
    const char *id;
    const char *vuln;          /* the vulnerability reported */
    const char *reporter;      /* researcher's name */
    int at;                    /* tick it arrives (with security.txt) */
    int deadline_ticks;        /* from arrival to public disclosure */
} sim_report_def;

typedef struct sim_defender_def {
    int budget;                /* budget units at the start, >= 0 */
    int income_per_day;        /* >= 0 */
    int staff;                 /* people, >= 0 */
    int capability_permille[SIM_AREA_COUNT];
} sim_defender_def;

typedef enum sim_objective_kind {
    SIM_OBJ_PILLAR_MIN,        /* pillar (target) >= value at the end */
    SIM_OBJ_NODE_NEVER_LOST,   /* node (target) never encrypted nor exfiltrated */
    SIM_OBJ_NO_DATA_LOST,      /* nothing exfiltrated anywhere */
    SIM_OBJ_REPORTS_COORDINATED, /* every report handled before its deadline */
    SIM_OBJ_MAX_COMPROMISED,   /* at most value nodes ever compromised */
    SIM_OBJ_SCRIPT,            /* decided by the scenario (sim_objective_set) */
    SIM_OBJ_KIND_COUNT
} sim_objective_kind;

typedef struct sim_objective_def {
    const char *id;
    const char *text;
    sim_objective_kind kind;
    const char *target;        /* node id or pillar name, per kind */
    int value;
    bool optional;             /* does not decide win/lose */
} sim_objective_def;

typedef struct sim_action_override {
    sim_action_kind kind;
    sim_action_cost cost;
} sim_action_override;

typedef struct sim_def {
    int days;                  /* 1..SIM_MAX_DAYS */
    uint32_t actions_offered;  /* bit (1u << sim_action_kind); 0 = all but offensive */
    uint32_t cwe_pool[16];     /* CWE ids new weaknesses draw from; 0-terminated */
    int weakness_rate_ppm;     /* per code node per day before controls; <0 = default */
    sim_defender_def defender;
    const sim_node_def *nodes; size_t node_count;
    const sim_link_def *links; size_t link_count;
    const sim_vuln_def *vulns; size_t vuln_count;
    const sim_actor_def *actors; size_t actor_count;
    const sim_report_def *reports; size_t report_count;
    const sim_objective_def *objectives; size_t objective_count;
    const sim_action_override *overrides; size_t override_count;
} sim_def;

/* ---- allocation and hooks ----------------------------------------------- */

/* Lua-style allocator: nsize 0 frees and returns NULL; otherwise behaves
 * like realloc (ptr NULL allocates). osize is the old size (0 for new).
 * Fault injection in tests fails chosen calls. */
typedef void *(*sim_alloc_fn)(void *ud, void *ptr, size_t osize, size_t nsize);

typedef struct sim_world sim_world;

/* Called by the simulation at fixed points of a tick. A hook may call any
 * sim_* function on the world (messages, choices, state changes). */
typedef struct sim_hooks {
    void *ud;
    /* a scripted event scheduled with sim_event_schedule fell due */
    void (*on_event)(void *ud, sim_world *w, uint32_t cookie);
    /* a choice was answered (by the player or by its default) */
    void (*on_choice)(void *ud, sim_world *w, uint32_t cookie, int option);
    /* an action the player started has taken effect */
    void (*on_action)(void *ud, sim_world *w, sim_action_kind kind, int target, int arg);
    /* after the tick's rules ran */
    void (*on_tick)(void *ud, sim_world *w);
} sim_hooks;

/* ---- the world ----------------------------------------------------------- */

/* Validates def completely and builds a world, or returns NULL with every
 * reason joined into err->msg ("; "-separated). alloc may be NULL
 * (malloc); hooks may be NULL. */
sim_world *sim_world_create(const sim_def *def, uint64_t seed,
                            sim_alloc_fn alloc, void *alloc_ud, bw_err *err);
void sim_world_destroy(sim_world *w);
void sim_world_set_hooks(sim_world *w, const sim_hooks *hooks);

/* Advance one tick (one game hour). Returns BW_EOVER once the game ended,
 * BW_ENOMEM if the world could not grow (the world is then unchanged by
 * the failed part and may be destroyed safely). */
int sim_world_step(sim_world *w, bw_err *err);
/* Step until the end or until n ticks ran; returns as sim_world_step. */
int sim_world_run(sim_world *w, int n, bw_err *err);
bool sim_world_over(const sim_world *w);
int sim_world_tick(const sim_world *w);
int sim_world_days(const sim_world *w);
uint64_t sim_world_seed(const sim_world *w);
/* 64-bit FNV-1a over the whole state in a canonical order. */
uint64_t sim_world_hash(const sim_world *w);
/* The world's stream, for scripts (w:random()). Draws change the hash. */
sim_rng *sim_world_rng(sim_world *w);

/* ---- nodes ------------------------------------------------------------------ */

typedef struct sim_node_info {
    const char *id;
    const char *label;
    sim_node_kind kind;
    sim_zone zone;
    int value, users;
    int x, y;
    unsigned controls;
    sim_node_state state;      /* the truth (fog of war hides it: see view) */
    bool has_data;
    bool data_lost;            /* exfiltrated at some point */
    bool leaked_credentials;
    int intrusions;            /* active intrusions on it (truth) */
} sim_node_info;

int sim_node_count(const sim_world *w);
int sim_node_find(const sim_world *w, const char *id); /* index or BW_ENOTFOUND */
int sim_node_get(const sim_world *w, int node, sim_node_info *out);

/* What the defender sees of a node: its state as far as detection goes. */
typedef struct sim_node_view {
    sim_node_state state;      /* COMPROMISED only once an intrusion is detected */
    int detected_intrusions;
    int known_vulns;           /* known to the defender and not yet fixed */
    bool busy;                 /* an action is running on it */
} sim_node_view;
int sim_node_view_get(const sim_world *w, int node, sim_node_view *out);

/* ---- links -------------------------------------------------------------- */

typedef struct sim_link_info {
    int from, to;
    sim_link_kind kind;
    bool open;                 /* neither end isolated */
} sim_link_info;
int sim_link_count(const sim_world *w);
int sim_link_get(const sim_world *w, int link, sim_link_info *out);

/* ---- vulnerabilities ---------------------------------------------------- */

typedef struct sim_vuln_info {
    const char *id;
    int node;
    int cwe;
    int severity_tenths;
    int exploitability_permille;
    bool fix_available, patched, exists;
    bool known_to_defender, known_to_attackers, is_public, design_flaw;
    int found_at;              /* tick it became known to the defender, -1 */
} sim_vuln_info;
int sim_vuln_count(const sim_world *w);
int sim_vuln_find(const sim_world *w, const char *id);
int sim_vuln_get(const sim_world *w, int vuln, sim_vuln_info *out);
/* Scenario primitives: a zero-day appears, a vendor ships a fix, an
 * advisory makes a vulnerability public. Return the index or BW_E*. */
int sim_vuln_add(sim_world *w, const sim_vuln_def *def, bw_err *err);
int sim_vuln_release_fix(sim_world *w, int vuln, bw_err *err);
int sim_vuln_make_public(sim_world *w, int vuln, bw_err *err);
int sim_vuln_reveal(sim_world *w, int vuln, bw_err *err); /* defender learns of it */

/* ---- actors and intrusions -------------------------------------------- */

typedef struct sim_actor_info {
    const char *id;
    const char *label;
    sim_motive motive;
    int skill;
    uint32_t techniques;
    int active_from;
    int disrupted_until;       /* tick; inactive before it */
    bool indicators_known;     /* the defender holds its indicators */
    bool indicators_shared;    /* the defender shared them with partners */
    bool detected;             /* the defender has detected it at least once */
} sim_actor_info;
int sim_actor_count(const sim_world *w);
int sim_actor_find(const sim_world *w, const char *id);
int sim_actor_get(const sim_world *w, int actor, sim_actor_info *out);
/* A partner's alert: the defender learns this actor's indicators. Only a
 * member of the sharing group receives it; returns 1 if received, 0 if
 * it was missed because the defender is not a member. */
int sim_indicator_receive(sim_world *w, int actor, bw_err *err);
int sim_actor_set_active(sim_world *w, int actor, int from_tick, bw_err *err);

typedef struct sim_intrusion_info {
    int actor, node;
    sim_stage stage;
    sim_technique via;         /* how it got in */
    int started, dwell;        /* tick started; ticks undetected */
    bool detected, active;
    int detected_at;
} sim_intrusion_info;
int sim_intrusion_count(const sim_world *w);
int sim_intrusion_get(const sim_world *w, int intrusion, sim_intrusion_info *out);
/* Scenario primitive: plant a foothold (a story's opening move). */
int sim_intrusion_plant(sim_world *w, int actor, int node, sim_technique via, bw_err *err);

/* The chance, in ppm, that the actor's next attempt of technique on node
 * succeeds now — the attack formula of RULES.md with every control and
 * capability applied. 0 when the technique cannot apply there. Exposed
 * for tests, bots' debug views and balance reports. */
uint32_t sim_attack_chance(const sim_world *w, int actor, sim_technique t, int node);
/* The chance, in ppm, that an undetected intrusion is found this tick. */
uint32_t sim_detect_chance(const sim_world *w, int intrusion);
/* Chance per day, in ppm, that this node gains a new weakness. */
uint32_t sim_weakness_chance(const sim_world *w, int node);

/* ---- the author's debug view (hidden state) ------------------------------ */

/* What fog of war keeps from the player, for authors (`play --debug`,
 * `run --debug`). Every function here is read-only: it draws no random
 * number and leaves the world hash as it was. */

/* The next step of an intrusion along its attack chain, or of an actor's
 * next initial-access attempt, as things stand now: computed with the
 * same rules the simulation rolls against. */
typedef struct sim_next_step {
    sim_stage stage;           /* the stage it reaches if the step succeeds */
    int technique;             /* sim_technique tried; -1 when several may be */
    uint32_t chance_ppm;       /* that the step succeeds when tried */
    int at;                    /* tick it is tried next; -1: not as things stand */
    const char *why;           /* when at is -1: why not ("isolated", ...), else "" */
    /* A foothold past persistence also tries one lateral hop every few
     * hours: the chance it succeeds and when (-1: no hop possible). */
    uint32_t move_ppm;
    int move_at;
} sim_next_step;
int sim_intrusion_next(const sim_world *w, int intrusion, sim_next_step *out);
/* An actor's next initial-access attempt: the chance it gains a foothold
 * (a technique and a target are drawn first, each uniformly). */
int sim_actor_next_access(const sim_world *w, int actor, sim_next_step *out);

/* A scheduled event not yet run: its tick and cookie, in run order. */
int sim_event_get(const sim_world *w, int i, int *at, uint32_t *cookie);

/* The random draws of the last tick, kept in a small ring that is no
 * part of the world's state (not hashed, changes no result). A draw is
 * uniform in [0, bound) (bound 0: a full 32-bit word); a chance roll is
 * a draw with bound 1,000,000 that hit when value < chance_ppm. */
#define SIM_DRAW_RING 64
typedef struct sim_draw {
    int tick;
    const char *what;          /* "access", "execute", "detect", "w:random", ... */
    int actor, node;           /* -1 when not applicable */
    int technique;             /* sim_technique, -1 when none */
    uint32_t bound, value;
    uint32_t chance_ppm;       /* a chance roll's odds; 0 for a plain draw */
    bool hit;                  /* a chance roll that succeeded */
} sim_draw;
/* Draws made since the last tick began (may exceed SIM_DRAW_RING). */
int sim_draw_count(const sim_world *w);
/* The i-th of the last min(count, SIM_DRAW_RING) draws, oldest first. */
int sim_draw_get(const sim_world *w, int i, sim_draw *out);
/* A draw made outside the simulation (a scenario's w:random): noted in
 * the ring only. what must be a string literal. */
void sim_draw_note(sim_world *w, const char *what, uint32_t bound, uint32_t value);

/* ---- the defender -------------------------------------------------------- */

typedef struct sim_defender_info {
    int budget;
    int income_per_day;
    int staff;
    int staff_hours;           /* left today */
    int capability_permille[SIM_AREA_COUNT];
    int capability_start_permille[SIM_AREA_COUNT];
    int practices_adopted;     /* distinct practice controls added */
    bool in_sharing_group;
    bool security_txt;
} sim_defender_info;
int sim_defender_get(const sim_world *w, sim_defender_info *out);
/* Scenario primitives (grants, fines, new hires). Budget may not go below 0. */
int sim_defender_add_budget(sim_world *w, int delta, bw_err *err);
int sim_defender_add_staff(sim_world *w, int delta, bw_err *err);

/* ---- actions --------------------------------------------------------------- */

typedef struct sim_action_req {
    sim_action_kind kind;
    int target;                /* index per sim_action_target_type, or -1 */
    int arg;                   /* option for SIM_ACT_CHOOSE, else 0 */
} sim_action_req;

/* Would this action be accepted now? 0 or BW_E* with the reason. Never
 * changes the world. */
int sim_action_check(const sim_world *w, const sim_action_req *req, bw_err *err);
/* Start it: takes money and staff hours now, takes effect after its
 * duration. Returns the running action's id (>= 0) or BW_E*; a refused
 * action changes nothing. */
int sim_action_start(sim_world *w, const sim_action_req *req, bw_err *err);
/* The price this scenario charges for an action. */
sim_action_cost sim_action_cost_of(const sim_world *w, sim_action_kind k);
bool sim_action_offered(const sim_world *w, sim_action_kind k);
/* Could action k (one that targets a node) ever apply to a node defined
 * like n, whatever happens in the game? (Its kind and zone decide: a WAF
 * needs an internet-facing node, code review one that produces code, no
 * action reaches a partner's node.) For the scenario lints. */
bool sim_action_fits(sim_action_kind k, const sim_node_def *n);
/* Could an actor ever try the initial-access technique t against a node
 * defined like n? (Phishing needs a laptop or mail node, valid accounts a
 * leaked credential, ...; false for techniques that are not initial
 * access.) For the scenario lints. */
bool sim_access_fits(sim_technique t, const sim_node_def *n);

typedef struct sim_running_action {
    int id;
    sim_action_req req;
    int started, done_at;
} sim_running_action;
int sim_running_count(const sim_world *w);
int sim_running_get(const sim_world *w, int i, sim_running_action *out);

/* ---- disclosure -------------------------------------------------------- */

typedef enum sim_report_state {
    SIM_REPORT_PENDING,        /* not yet arrived */
    SIM_REPORT_OPEN,           /* arrived, deadline running */
    SIM_REPORT_COORDINATED,    /* fixed and advised before the deadline */
    SIM_REPORT_PUBLIC,         /* deadline missed: full public disclosure */
} sim_report_state;

typedef struct sim_report_info {
    const char *id;
    const char *reporter;
    int vuln;
    int arrives_at, deadline;  /* ticks */
    sim_report_state state;
} sim_report_info;
int sim_report_count(const sim_world *w);
int sim_report_find(const sim_world *w, const char *id);
int sim_report_get(const sim_world *w, int report, sim_report_info *out);
int sim_report_add(sim_world *w, const sim_report_def *def, bw_err *err);

/* ---- choices ---------------------------------------------------------- */

typedef struct sim_choice_info {
    const char *text;
    int option_count;
    const char *options[SIM_MAX_CHOICE_OPTIONS];
    int offensive_option;      /* index of an offensive option, or -1 */
    int opened_at, deadline, default_option;
    int answer;                /* -1 while open */
    uint32_t cookie;
} sim_choice_info;
/* Open a choice for the player; answered by SIM_ACT_CHOOSE or, at the
 * deadline, by default_option. Returns its index. */
int sim_choice_open(sim_world *w, const char *text, const char *const *options,
                    int option_count, int deadline_ticks, int default_option,
                    int offensive_option, uint32_t cookie, bw_err *err);
int sim_choice_count(const sim_world *w);
int sim_choice_get(const sim_world *w, int choice, sim_choice_info *out);

/* ---- events and the log ----------------------------------------------- */

/* Schedule a scripted event: at tick `at`, hooks.on_event gets cookie.
 * Events due at the same tick run in scheduling order. */
int sim_event_schedule(sim_world *w, int at, uint32_t cookie, bw_err *err);
int sim_event_pending(const sim_world *w); /* scheduled, not yet run */

typedef enum sim_log_kind {
    SIM_LOG_MESSAGE,           /* scenario text */
    SIM_LOG_INTRUSION,         /* an actor got a foothold (hidden until detected) */
    SIM_LOG_DETECTED,
    SIM_LOG_IMPACT,            /* encryption, exfiltration, defacement, flood */
    SIM_LOG_ACTION_STARTED,
    SIM_LOG_ACTION_DONE,
    SIM_LOG_VULN_FOUND,
    SIM_LOG_VULN_NEW,          /* a new weakness appeared (hidden) */
    SIM_LOG_REPORT,
    SIM_LOG_DISCLOSURE,        /* coordinated or public */
    SIM_LOG_INDICATOR,
    SIM_LOG_OFFENSE,
    SIM_LOG_CHOICE,
    SIM_LOG_SCORE,             /* a scenario's score adjustment */
    SIM_LOG_KIND_COUNT
} sim_log_kind;

typedef struct sim_log_entry {
    int tick;
    sim_log_kind kind;
    int node, actor, vuln;     /* -1 when not applicable */
    bool visible;              /* seen by the defender */
    const char *text;          /* owned by the world */
} sim_log_entry;
int sim_log_count(const sim_world *w);
int sim_log_get(const sim_world *w, int i, sim_log_entry *out);
const char *sim_log_kind_name(sim_log_kind k);
int sim_message(sim_world *w, const char *text, int node, bw_err *err);

/* ---- score and objectives -------------------------------------------- */

typedef struct sim_score {
    int pillar[SIM_PILLAR_COUNT];   /* 0..100 each */
} sim_score;
void sim_world_score(const sim_world *w, sim_score *out);
/* The pillars at the end of each finished day (index 0 = start). */
int sim_score_history(const sim_world *w, int day, sim_score *out);
/* A scenario's own adjustment to a pillar, with its reason in the log. */
int sim_score_adjust(sim_world *w, sim_pillar p, int delta, const char *why, bw_err *err);
/* Record an offensive act the scenario staged (e.g. a choice option). */
int sim_offense_record(sim_world *w, int severity, bool harmed_bystander,
                       const char *what, bw_err *err);

typedef struct sim_objective_info {
    const char *id, *text;
    sim_objective_kind kind;
    int target, value;
    bool optional;
    bool met;                  /* as things stand now */
} sim_objective_info;
int sim_objective_count(const sim_world *w);
int sim_objective_get(const sim_world *w, int i, sim_objective_info *out);
int sim_objective_set(sim_world *w, int i, bool met, bw_err *err); /* SCRIPT kind */

typedef enum sim_outcome {
    SIM_OUTCOME_RUNNING, SIM_OUTCOME_WON, SIM_OUTCOME_LOST
} sim_outcome;
/* WON once over with every required objective met. A scenario may end the
 * game early with sim_world_end. */
sim_outcome sim_world_outcome(const sim_world *w);
int sim_world_end(sim_world *w, bool won, const char *why, bw_err *err);
/* Stars 1..3 from the pillars (0 while running or lost). */
int sim_world_stars(const sim_world *w);

/* Tallies behind the pillars, for the debrief. */
typedef struct sim_tally {
    int64_t customer_hours_possible, customer_hours_safe;
    int64_t data_lost;            /* sum of value*users exfiltrated */
    int64_t data_total;           /* sum of value*users of data nodes */
    int offenses, bystanders_harmed, deadlines_missed, breaches_concealed;
    int indicators_shared, indicators_received, reports_coordinated;
    int breaches_notified, partners_protected, nodes_compromised;
    int responsibility_adjust, collaboration_adjust, capacity_adjust, protection_adjust;
} sim_tally;
void sim_world_tally(const sim_world *w, sim_tally *out);

#endif
