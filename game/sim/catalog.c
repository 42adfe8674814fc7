/* catalog.c — the engine's fixed tables: names of every enum, the rule
 * constants of each ATT&CK technique and the price list of actions.
 *
 * The numbers are RULES.md's first model, tuned where noted. Scenarios
 * override action prices; technique constants are the engine's. */
#include "internal.h"

#include <string.h>

#define COUNT(a) ((int)(sizeof(a) / sizeof((a)[0])))

static int parse_in(const char *const *names, int n, const char *s)
{
    if (!s)
        return -1;
    for (int i = 0; i < n; i++)
        if (strcmp(names[i], s) == 0)
            return i;
    return -1;
}

static const char *const node_kinds[SIM_NODE_KIND_COUNT] = {
    "web", "api", "database", "ci", "repo", "laptop", "iot", "cloud",
    "partner", "mail", "vpn", "fileserver", "library",
};
static const char *const zones[SIM_ZONE_COUNT] = {
    "internet", "dmz", "internal", "build", "partner",
};
static const char *const states[SIM_STATE_COUNT] = {
    "healthy", "degraded", "compromised", "encrypted", "offline",
};
static const char *const link_kinds[SIM_LINK_KIND_COUNT] = {
    "network", "trust", "dependency", "data",
};
static const char *const controls[SIM_CONTROL_COUNT] = {
    "mfa", "edr", "logging", "backup", "segmented", "code_review", "sast",
    "pinned_deps", "signed_builds", "waf", "ddos_protection", "isolated",
};
static const char *const motives[SIM_MOTIVE_COUNT] = {
    "money", "espionage", "ideology", "thrill",
};
static const char *const areas[SIM_AREA_COUNT] = { "PO", "PS", "PW", "RV" };
static const char *const techniques[SIM_TECHNIQUE_COUNT] = {
    "T1190", "T1566", "T1078", "T1110", "T1133", "T1195", "T1059",
    "T1021", "T1552", "T1213", "T1567", "T1486", "T1498", "T1203",
};
static const char *const technique_titles[SIM_TECHNIQUE_COUNT] = {
    "Exploit public-facing application", "Phishing", "Valid accounts",
    "Brute force", "External remote services", "Supply chain compromise",
    "Command and scripting interpreter", "Remote services",
    "Unsecured credentials", "Data from information repositories",
    "Exfiltration over web service", "Data encrypted for impact",
    "Network denial of service", "Exploitation for client execution",
};
static const char *const stages[SIM_STAGE_COUNT] = {
    "access", "execute", "persist", "move", "impact",
};
static const char *const pillars[SIM_PILLAR_COUNT] = {
    "protection", "responsibility", "capacity", "collaboration",
};
static const char *const log_kinds[SIM_LOG_KIND_COUNT] = {
    "message", "intrusion", "detected", "impact", "action_started",
    "action_done", "vuln_found", "vuln_new", "report", "disclosure",
    "indicator", "offense", "choice", "score",
};

#define NAME_OF(table, i) ((i) >= 0 && (i) < COUNT(table) ? (table)[i] : "?")

const char *sim_node_kind_name(sim_node_kind k) { return NAME_OF(node_kinds, (int)k); }
const char *sim_zone_name(sim_zone z) { return NAME_OF(zones, (int)z); }
const char *sim_state_name(sim_node_state s) { return NAME_OF(states, (int)s); }
const char *sim_link_kind_name(sim_link_kind k) { return NAME_OF(link_kinds, (int)k); }
const char *sim_motive_name(sim_motive m) { return NAME_OF(motives, (int)m); }
const char *sim_area_name(sim_area a) { return NAME_OF(areas, (int)a); }
const char *sim_technique_name(sim_technique t) { return NAME_OF(techniques, (int)t); }
const char *sim_technique_title(sim_technique t) { return NAME_OF(technique_titles, (int)t); }
const char *sim_stage_name(sim_stage s) { return NAME_OF(stages, (int)s); }
const char *sim_pillar_name(sim_pillar p) { return NAME_OF(pillars, (int)p); }
const char *sim_log_kind_name(sim_log_kind k) { return NAME_OF(log_kinds, (int)k); }

const char *sim_control_name(unsigned bit)
{
    for (int i = 0; i < SIM_CONTROL_COUNT; i++)
        if (bit == (1u << i))
            return controls[i];
    return "?";
}

int sim_node_kind_parse(const char *s) { return parse_in(node_kinds, COUNT(node_kinds), s); }
int sim_zone_parse(const char *s) { return parse_in(zones, COUNT(zones), s); }
int sim_link_kind_parse(const char *s) { return parse_in(link_kinds, COUNT(link_kinds), s); }
int sim_motive_parse(const char *s) { return parse_in(motives, COUNT(motives), s); }
int sim_area_parse(const char *s) { return parse_in(areas, COUNT(areas), s); }
int sim_stage_parse(const char *s) { return parse_in(stages, COUNT(stages), s); }

int sim_control_parse(const char *s)
{
    int i = parse_in(controls, COUNT(controls), s);
    return i < 0 ? -1 : (int)(1u << i);
}

int sim_technique_parse(const char *s)
{
    if (!s)
        return -1;
    /* Sub-techniques share their parent's rules: T1195.002 is T1195. */
    char base[8];
    size_t n = strcspn(s, ".");
    if (n == 0 || n >= sizeof base)
        return -1;
    if (s[n] == '.' && (strlen(s + n + 1) != 3 || strspn(s + n + 1, "0123456789") != 3))
        return -1;
    memcpy(base, s, n);
    base[n] = '\0';
    return parse_in(techniques, COUNT(techniques), base);
}

bool sim_node_kind_produces_code(sim_node_kind k)
{
    return k == SIM_NODE_WEB || k == SIM_NODE_API || k == SIM_NODE_REPO ||
           k == SIM_NODE_CI || k == SIM_NODE_LIBRARY;
}

/* ---- techniques --------------------------------------------------------
 * base_ppm is the chance of one attempt before controls and capability.
 * Access techniques are tried a few times a day per actor; the later
 * stages once per tick per intrusion, so their bases are higher. */
static const technique_rule technique_rules[SIM_TECHNIQUE_COUNT] = {
    [SIM_T1190] = { 80000, SIM_AREA_PW, true },  /* RULES: 0.08 vs a known vuln */
    [SIM_T1566] = { 30000, SIM_AREA_PO, true },  /* RULES: 0.03 a phishing wave */
    [SIM_T1078] = { 50000, SIM_AREA_PO, true },  /* RULES: 0.05 with a leaked credential */
    [SIM_T1110] = { 15000, SIM_AREA_PO, true },
    [SIM_T1133] = { 20000, SIM_AREA_PO, true },
    [SIM_T1195] = { 6000, SIM_AREA_PS, true },   /* rare, but it spreads along builds */
    [SIM_T1059] = { 250000, SIM_AREA_RV, false },
    [SIM_T1021] = { 120000, SIM_AREA_RV, false },
    [SIM_T1552] = { 150000, SIM_AREA_PS, false },
    [SIM_T1213] = { 120000, SIM_AREA_RV, false },
    [SIM_T1567] = { 80000, SIM_AREA_RV, false },
    [SIM_T1486] = { 120000, SIM_AREA_RV, false },
    [SIM_T1498] = { 50000, SIM_AREA_RV, true },  /* a flood needs no foothold */
    [SIM_T1203] = { 20000, SIM_AREA_PO, true },
};

const technique_rule *technique_rule_of(sim_technique t)
{
    return &technique_rules[(int)t < 0 || t >= SIM_TECHNIQUE_COUNT ? 0 : t];
}

/* ---- actions ------------------------------------------------------------- */

typedef struct action_row {
    const char *name, *title;
    sim_target_type target;
    sim_action_cost cost;      /* money, staff hours, duration in ticks */
    sim_area area;             /* the area a first adoption builds */
    unsigned control;          /* the control it adds to its node */
    bool offensive;
} action_row;

static const action_row action_rows[SIM_ACTION_KIND_COUNT] = {
    [SIM_ACT_PATCH] = { "patch", "Patch known vulnerabilities", SIM_TARGET_NODE, { 2, 4, 6 }, SIM_AREA_RV, 0, false },
    [SIM_ACT_MFA] = { "mfa", "Enable multi-factor authentication", SIM_TARGET_NODE, { 4, 4, 12 }, SIM_AREA_PO, SIM_CTL_MFA, false },
    [SIM_ACT_EDR] = { "edr", "Deploy endpoint detection and response", SIM_TARGET_NODE, { 6, 4, 12 }, SIM_AREA_RV, SIM_CTL_EDR, false },
    [SIM_ACT_LOGGING] = { "logging", "Turn on security logging", SIM_TARGET_NODE, { 2, 2, 4 }, SIM_AREA_RV, SIM_CTL_LOGGING, false },
    [SIM_ACT_BACKUP] = { "backup", "Set up offline backups", SIM_TARGET_NODE, { 3, 4, 12 }, SIM_AREA_PS, SIM_CTL_BACKUP, false },
    [SIM_ACT_SEGMENT] = { "segment", "Segment the network around it", SIM_TARGET_NODE, { 5, 8, 24 }, SIM_AREA_PO, SIM_CTL_SEGMENTED, false },
    [SIM_ACT_THREAT_MODEL] = { "threat_model", "Threat-model the service", SIM_TARGET_NODE, { 2, 12, 24 }, SIM_AREA_PW, 0, false },
    [SIM_ACT_SCAN] = { "scan", "Scan for known vulnerabilities", SIM_TARGET_NODE, { 1, 2, 4 }, SIM_AREA_PO, 0, false },
    [SIM_ACT_CODE_REVIEW] = { "code_review", "Require code review", SIM_TARGET_NODE, { 2, 8, 24 }, SIM_AREA_PW, SIM_CTL_CODE_REVIEW, false },
    [SIM_ACT_SAST] = { "sast", "Add static analysis to the pipeline", SIM_TARGET_NODE, { 4, 6, 24 }, SIM_AREA_PO, SIM_CTL_SAST, false },
    [SIM_ACT_PIN_DEPS] = { "pin_deps", "Pin and vet dependencies", SIM_TARGET_NODE, { 2, 6, 24 }, SIM_AREA_PW, SIM_CTL_PINNED_DEPS, false },
    [SIM_ACT_SIGN_BUILDS] = { "sign_builds", "Sign builds and verify releases", SIM_TARGET_NODE, { 4, 8, 24 }, SIM_AREA_PS, SIM_CTL_SIGNED_BUILDS, false },
    [SIM_ACT_WAF] = { "waf", "Put a web application firewall in front", SIM_TARGET_NODE, { 4, 2, 6 }, SIM_AREA_PO, SIM_CTL_WAF, false },
    [SIM_ACT_DDOS_PROTECTION] = { "ddos_protection", "Buy DDoS scrubbing", SIM_TARGET_NODE, { 6, 2, 6 }, SIM_AREA_PO, SIM_CTL_DDOS_PROTECTION, false },
    [SIM_ACT_TRAIN] = { "train", "Train the developers", SIM_TARGET_AREA, { 5, 24, 48 }, SIM_AREA_PO, 0, false },
    [SIM_ACT_ISOLATE] = { "isolate", "Isolate from the network", SIM_TARGET_NODE, { 0, 1, 1 }, SIM_AREA_RV, SIM_CTL_ISOLATED, false },
    [SIM_ACT_RECONNECT] = { "reconnect", "Reconnect to the network", SIM_TARGET_NODE, { 0, 1, 1 }, SIM_AREA_RV, 0, false },
    [SIM_ACT_RESTORE] = { "restore", "Rebuild and restore", SIM_TARGET_NODE, { 3, 8, 48 }, SIM_AREA_RV, 0, false },
    [SIM_ACT_ROTATE_CREDENTIALS] = { "rotate_credentials", "Rotate credentials", SIM_TARGET_NODE, { 1, 4, 4 }, SIM_AREA_PS, 0, false },
    [SIM_ACT_JOIN_SHARING] = { "join_sharing", "Join the sharing group (ISAC)", SIM_TARGET_NONE, { 6, 2, 24 }, SIM_AREA_RV, 0, false },
    [SIM_ACT_SHARE_INDICATOR] = { "share_indicator", "Share the attacker's indicators", SIM_TARGET_ACTOR, { 0, 2, 2 }, SIM_AREA_RV, 0, false },
    [SIM_ACT_SECURITY_TXT] = { "security_txt", "Publish security.txt", SIM_TARGET_NONE, { 0, 1, 2 }, SIM_AREA_RV, 0, false },
    [SIM_ACT_HANDLE_REPORT] = { "handle_report", "Triage, fix and advise", SIM_TARGET_REPORT, { 3, 12, 48 }, SIM_AREA_RV, 0, false },
    [SIM_ACT_NOTIFY] = { "notify", "Notify affected customers", SIM_TARGET_NONE, { 2, 4, 6 }, SIM_AREA_RV, 0, false },
    [SIM_ACT_REPORT_AUTHORITIES] = { "report_authorities", "Report to the authorities", SIM_TARGET_ACTOR, { 0, 4, 72 }, SIM_AREA_RV, 0, false },
    [SIM_ACT_HACK_BACK] = { "hack_back", "Hack back the attacker", SIM_TARGET_ACTOR, { 4, 8, 12 }, SIM_AREA_RV, 0, true },
    [SIM_ACT_CHOOSE] = { "choose", "Answer a decision", SIM_TARGET_CHOICE, { 0, 0, 0 }, SIM_AREA_PO, 0, false },
};

static const action_row *row_of(sim_action_kind k)
{
    return &action_rows[(int)k < 0 || k >= SIM_ACTION_KIND_COUNT ? 0 : k];
}

const char *sim_action_name(sim_action_kind k)
{
    return (int)k < 0 || k >= SIM_ACTION_KIND_COUNT ? "?" : action_rows[k].name;
}

const char *sim_action_title(sim_action_kind k)
{
    return (int)k < 0 || k >= SIM_ACTION_KIND_COUNT ? "?" : action_rows[k].title;
}

int sim_action_parse(const char *s)
{
    if (!s)
        return -1;
    for (int i = 0; i < SIM_ACTION_KIND_COUNT; i++)
        if (strcmp(action_rows[i].name, s) == 0)
            return i;
    return -1;
}

sim_target_type sim_action_target_type(sim_action_kind k) { return row_of(k)->target; }
sim_action_cost sim_action_default_cost(sim_action_kind k) { return row_of(k)->cost; }
bool sim_action_is_offensive(sim_action_kind k) { return row_of(k)->offensive; }
sim_area action_area(sim_action_kind k) { return row_of(k)->area; }
unsigned action_control(sim_action_kind k) { return row_of(k)->control; }
