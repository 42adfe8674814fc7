/* play_model.c — what the play screen shows, as plain C over a const
 * world: the actions the panel lists (with their price and, for a refused
 * one, the engine's reason), how a node's state looks, which attacks the
 * map animates, words for log kinds.
 *
 * Everything here goes through the defender's view: sim_node_view for a
 * node's state, only detected intrusions, only attackers whose indicators
 * the defender holds — the same things a bot's view contains. Nothing
 * here may read a node's true state. */
#include "play_internal.h"

#include <stdio.h>
#include <string.h>

/* ---- action rows ---------------------------------------------------------------- */

static void row_fill(const sim_world *w, play_row *r, sim_action_kind k, int target,
                     const char *label)
{
    memset(r, 0, sizeof *r);
    r->kind = k;
    r->target = target;
    snprintf(r->label, sizeof r->label, "%s", label);
    r->cost = sim_action_cost_of(w, k);
    r->key = ui_action_key((int)k);
    sim_action_req req = {k, target, 0};
    bw_err e;
    r->enabled = sim_action_check(w, &req, &e) == BW_OK;
    if (!r->enabled)
        snprintf(r->reason, sizeof r->reason, "%s", e.msg);
}

/* Stable partition: enabled rows first, each group keeps its order. */
static void enabled_first(play_row *rows, int n)
{
    for (int i = 1; i < n; i++) {
        if (!rows[i].enabled)
            continue;
        int j = i;
        while (j > 0 && !rows[j - 1].enabled) {
            play_row t = rows[j - 1];
            rows[j - 1] = rows[j];
            rows[j] = t;
            j--;
        }
    }
}

int play_rows_node(const sim_world *w, int node, play_row *rows, int max)
{
    if (!w || node < 0 || node >= sim_node_count(w))
        return 0;
    int n = 0;
    for (int k = 0; k < SIM_ACTION_KIND_COUNT && n < max; k++) {
        if (sim_action_target_type((sim_action_kind)k) != SIM_TARGET_NODE ||
            !sim_action_offered(w, k))
            continue;
        row_fill(w, &rows[n++], (sim_action_kind)k, node, sim_action_title((sim_action_kind)k));
    }
    enabled_first(rows, n);
    return n;
}

static const char *const area_titles[SIM_AREA_COUNT] = {
    "organisation",
    "protecting software",
    "secure coding",
    "vulnerability response",
};

/* An action offered with nothing to aim at yet: one disabled row that
 * says so, so the player learns it exists. */
static void row_absent(const sim_world *w, play_row *r, sim_action_kind k, const char *why)
{
    row_fill(w, r, k, -1, sim_action_title(k));
    r->enabled = false;
    snprintf(r->reason, sizeof r->reason, "%s", why);
}

int play_rows_org(const sim_world *w, play_row *rows, int max)
{
    if (!w)
        return 0;
    int n = 0;
    char label[160];
    /* Reports first: they have deadlines. */
    if (sim_action_offered(w, SIM_ACT_HANDLE_REPORT)) {
        int before = n;
        for (int i = 0; i < sim_report_count(w) && n < max; i++) {
            sim_report_info ri;
            sim_report_get(w, i, &ri);
            if (ri.state != SIM_REPORT_OPEN)
                continue;
            sim_vuln_info vi;
            sim_vuln_get(w, ri.vuln, &vi);
            snprintf(label, sizeof label, "Handle the report on %s (due D%d %02d:00)", vi.id,
                     ri.deadline / SIM_TICKS_PER_DAY + 1, ri.deadline % SIM_TICKS_PER_DAY);
            row_fill(w, &rows[n++], SIM_ACT_HANDLE_REPORT, i, label);
        }
        if (n == before && n < max)
            row_absent(w, &rows[n++], SIM_ACT_HANDLE_REPORT, "no researcher's report is open");
    }
    static const sim_action_kind none[] = {SIM_ACT_JOIN_SHARING, SIM_ACT_SECURITY_TXT,
                                           SIM_ACT_NOTIFY};
    for (size_t i = 0; i < sizeof none / sizeof none[0] && n < max; i++)
        if (sim_action_offered(w, none[i]))
            row_fill(w, &rows[n++], none[i], -1, sim_action_title(none[i]));
    static const sim_action_kind on_actor[] = {SIM_ACT_SHARE_INDICATOR, SIM_ACT_REPORT_AUTHORITIES,
                                               SIM_ACT_HACK_BACK};
    for (size_t i = 0; i < sizeof on_actor / sizeof on_actor[0]; i++) {
        sim_action_kind k = on_actor[i];
        if (!sim_action_offered(w, k))
            continue;
        int before = n;
        for (int a = 0; a < sim_actor_count(w) && n < max; a++) {
            sim_actor_info ai;
            sim_actor_get(w, a, &ai);
            if (!ai.indicators_known)
                continue;
            if (k == SIM_ACT_SHARE_INDICATOR)
                snprintf(label, sizeof label, "Share indicators of %s", ai.label);
            else if (k == SIM_ACT_REPORT_AUTHORITIES)
                snprintf(label, sizeof label, "Report %s to the authorities", ai.label);
            else
                snprintf(label, sizeof label, "Hack back %s", ai.label);
            row_fill(w, &rows[n++], k, a, label);
        }
        if (n == before && n < max)
            row_absent(w, &rows[n++], k, "you know of no attacker yet: detect an intrusion first");
    }
    if (sim_action_offered(w, SIM_ACT_TRAIN)) {
        sim_defender_info d;
        sim_defender_get(w, &d);
        /* Weakest area first: the shortcut trains where it helps most. */
        int order[SIM_AREA_COUNT] = {0, 1, 2, 3};
        for (int i = 1; i < SIM_AREA_COUNT; i++)
            for (int j = i;
                 j > 0 && d.capability_permille[order[j]] < d.capability_permille[order[j - 1]];
                 j--) {
                int t = order[j];
                order[j] = order[j - 1];
                order[j - 1] = t;
            }
        for (int i = 0; i < SIM_AREA_COUNT && n < max; i++) {
            int a = order[i];
            snprintf(label, sizeof label, "Train %s (%s) \xc2\xb7 now %d%%",
                     sim_area_name((sim_area)a), area_titles[a], d.capability_permille[a] / 10);
            row_fill(w, &rows[n++], SIM_ACT_TRAIN, a, label);
        }
    }
    return n;
}

int play_rows_find(const play_row *rows, int n, sim_action_kind kind)
{
    int first = -1;
    for (int i = 0; i < n; i++) {
        if (rows[i].kind != kind)
            continue;
        if (rows[i].enabled)
            return i;
        if (first < 0)
            first = i;
    }
    return first;
}

/* ---- looks ------------------------------------------------------------------------ */

play_style play_node_style(const sim_world *w, int node)
{
    sim_node_view v;
    if (!w || sim_node_view_get(w, node, &v) < 0)
        return (play_style){"?", "unknown", UI_TEXT_DIM};
    switch (v.state) {
    case SIM_STATE_OFFLINE: return (play_style){"\xe2\x8a\x98", "offline", UI_TEXT_DIM}; /* ⊘ */
    case SIM_STATE_ENCRYPTED: return (play_style){"\xe2\x96\xa0", "encrypted", UI_BAD};  /* ■ */
    case SIM_STATE_COMPROMISED: return (play_style){"\xe2\x98\xa0", "compromised", UI_BAD}; /* ☠ */
    case SIM_STATE_DEGRADED: return (play_style){"\xe2\x96\xbc", "degraded", UI_WARN}; /* ▼ */
    default: break;
    }
    if (v.known_vulns > 0)
        return (play_style){"\xe2\x9a\xa0", "at risk", UI_WARN}; /* ⚠ */
    return (play_style){"\xe2\x9c\x93", "ok", UI_GOOD};          /* ✓ */
}

const char *play_kind_code(sim_node_kind k)
{
    static const char *const codes[SIM_NODE_KIND_COUNT] = {
        [SIM_NODE_WEB] = "WEB",     [SIM_NODE_API] = "API",   [SIM_NODE_DATABASE] = "DB",
        [SIM_NODE_CI] = "CI",       [SIM_NODE_REPO] = "GIT",  [SIM_NODE_LAPTOP] = "PC",
        [SIM_NODE_IOT] = "IoT",     [SIM_NODE_CLOUD] = "CLD", [SIM_NODE_PARTNER] = "PTR",
        [SIM_NODE_MAIL] = "MX",     [SIM_NODE_VPN] = "VPN",   [SIM_NODE_FILESERVER] = "FS",
        [SIM_NODE_LIBRARY] = "LIB",
    };
    return (int)k >= 0 && k < SIM_NODE_KIND_COUNT ? codes[k] : "?";
}

const char *play_control_badge(unsigned bit)
{
    switch (bit) {
    case SIM_CTL_MFA: return "MFA";
    case SIM_CTL_EDR: return "EDR";
    case SIM_CTL_LOGGING: return "LOG";
    case SIM_CTL_BACKUP: return "BAK";
    case SIM_CTL_SEGMENTED: return "SEG";
    case SIM_CTL_CODE_REVIEW: return "REV";
    case SIM_CTL_SAST: return "SAST";
    case SIM_CTL_PINNED_DEPS: return "PIN";
    case SIM_CTL_SIGNED_BUILDS: return "SIGN";
    case SIM_CTL_WAF: return "WAF";
    case SIM_CTL_DDOS_PROTECTION: return "DDoS";
    case SIM_CTL_ISOLATED: return "ISO";
    default: return "?";
    }
}

const char *play_severity_word(int tenths)
{
    return tenths >= 90 ? "critical" : tenths >= 70 ? "high" : tenths >= 40 ? "medium" : "low";
}

const char *play_log_word(sim_log_kind k)
{
    switch (k) {
    case SIM_LOG_MESSAGE: return "NEWS";
    case SIM_LOG_INTRUSION: return "INTRUSION";
    case SIM_LOG_DETECTED: return "DETECTED";
    case SIM_LOG_IMPACT: return "IMPACT";
    case SIM_LOG_ACTION_STARTED: return "STARTED";
    case SIM_LOG_ACTION_DONE: return "DONE";
    case SIM_LOG_VULN_FOUND: return "VULN";
    case SIM_LOG_VULN_NEW: return "VULN";
    case SIM_LOG_REPORT: return "REPORT";
    case SIM_LOG_DISCLOSURE: return "DISCLOSURE";
    case SIM_LOG_INDICATOR: return "INTEL";
    case SIM_LOG_OFFENSE: return "OFFENCE";
    case SIM_LOG_CHOICE: return "DECISION";
    case SIM_LOG_SCORE: return "SCORE";
    default: return "EVENT";
    }
}

ui_role play_log_role(sim_log_kind k)
{
    switch (k) {
    case SIM_LOG_INTRUSION:
    case SIM_LOG_DETECTED:
    case SIM_LOG_IMPACT:
    case SIM_LOG_OFFENSE: return UI_BAD;
    case SIM_LOG_VULN_FOUND:
    case SIM_LOG_VULN_NEW:
    case SIM_LOG_REPORT:
    case SIM_LOG_DISCLOSURE:
    case SIM_LOG_CHOICE: return UI_WARN;
    case SIM_LOG_ACTION_DONE:
    case SIM_LOG_INDICATOR: return UI_GOOD;
    case SIM_LOG_ACTION_STARTED:
    case SIM_LOG_SCORE: return UI_ACCENT;
    default: return UI_INFO;
    }
}

/* ---- attacks ----------------------------------------------------------------------- */

static bool linked_open(const sim_world *w, int a, int b)
{
    for (int i = 0; i < sim_link_count(w); i++) {
        sim_link_info li;
        sim_link_get(w, i, &li);
        if (li.open && ((li.from == a && li.to == b) || (li.from == b && li.to == a)))
            return true;
    }
    return false;
}

int play_attacks(const sim_world *w, play_attack *out, int max)
{
    int n = 0;
    int count = w ? sim_intrusion_count(w) : 0;
    for (int i = 0; i < count && n < max; i++) {
        sim_intrusion_info in;
        sim_intrusion_get(w, i, &in);
        if (!in.detected || !in.active)
            continue;
        play_attack a = {i, -1, in.node, in.actor};
        /* Lateral movement came from a foothold the defender also sees:
         * the same actor's earlier detected intrusion on a linked node. */
        if (in.via == SIM_T1021)
            for (int j = 0; j < count; j++) {
                sim_intrusion_info o;
                sim_intrusion_get(w, j, &o);
                if (j != i && o.detected && o.actor == in.actor && o.node != in.node &&
                    o.started <= in.started && linked_open(w, o.node, in.node)) {
                    a.from = o.node;
                    break;
                }
            }
        out[n++] = a;
    }
    return n;
}

void play_format_time(int tick, char *buf, size_t n)
{
    if (tick < 0)
        tick = 0;
    snprintf(buf, n, "Day %d \xc2\xb7 %02d:00", tick / SIM_TICKS_PER_DAY + 1,
             tick % SIM_TICKS_PER_DAY);
}
