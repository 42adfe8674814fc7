/* debrief_model.c — the debrief as data (debrief.h): outcome, pillars by
 * day, incidents with what would have prevented them, the practices
 * taught tied to this game, and the moments that mattered. The debrief
 * shows the truth, fog of war lifted: intrusions never detected are
 * listed as such. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bulwark/debrief.h"

#define MAX_INCIDENTS 200
#define MAX_MOMENTS 10

static void fmt(char *dst, size_t cap, const char *f, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 3, 4)))
#endif
    ;
static void fmt(char *dst, size_t cap, const char *f, ...)
{
    va_list ap;
    va_start(ap, f);
    int n = vsnprintf(dst, cap, f, ap);
    va_end(ap);
    /* Truncation is fine for display text, but never mid-way through a
     * UTF-8 sequence. */
    if (n >= (int)cap && cap > 1) {
        size_t end = cap - 1;
        while (end > 0 && ((unsigned char)dst[end - 1] & 0xC0) == 0x80)
            end--;
        if (end > 0 && ((unsigned char)dst[end - 1] & 0xC0) == 0xC0)
            end--;
        dst[end] = '\0';
    }
}

static const char *node_id(const sim_world *w, int n)
{
    sim_node_info ni;
    return n >= 0 && sim_node_get(w, n, &ni) == BW_OK ? ni.id : "?";
}

/* What a player reads: the node's label ("Customer database"), its id
 * when it has none. */
static const char *node_name(const sim_world *w, int n)
{
    sim_node_info ni;
    if (n < 0 || sim_node_get(w, n, &ni) != BW_OK)
        return "?";
    return ni.label && ni.label[0] ? ni.label : ni.id;
}

static const char *actor_label(const sim_world *w, int a)
{
    sim_actor_info ai;
    return a >= 0 && sim_actor_get(w, a, &ai) == BW_OK ? ai.label : "an attacker";
}

/* The vulnerability on node n an exploit most likely used: the most
 * severe of those attackers knew of, else the most severe. -1 when none. */
static int worst_vuln_on(const sim_world *w, int n)
{
    int best = -1, best_sev = -1;
    for (int v = 0; v < sim_vuln_count(w); v++) {
        sim_vuln_info vi;
        if (sim_vuln_get(w, v, &vi) != BW_OK || vi.node != n || !vi.exists)
            continue;
        /* One the attackers knew of is the likelier way in. */
        int rank = vi.severity_tenths + (vi.known_to_attackers ? 1000 : 0);
        if (rank > best_sev) {
            best = v;
            best_sev = rank;
        }
    }
    return best;
}

static void prevention(const sim_world *w, const sim_intrusion_info *in, char *out, size_t cap)
{
    const char *nd = node_name(w, in->node);
    sim_vuln_info vi;
    int v = worst_vuln_on(w, in->node);
    bool have_v = v >= 0 && sim_vuln_get(w, v, &vi) == BW_OK;
    switch (in->via) {
    case SIM_T1190:
        if (have_v)
            fmt(out, cap, "Patching %s (CWE-%d) sooner, or a WAF on %s, would have kept them out (RV.2, PW.4).",
                vi.id, vi.cwe, nd);
        else
            fmt(out, cap, "Scanning and patching %s, or a WAF in front of it, would have kept them out (RV.2).", nd);
        break;
    case SIM_T1203:
        fmt(out, cap, "Patching %s%s%s and EDR on it would have stopped the exploit (RV.2).", nd,
            have_v ? " against " : "", have_v ? vi.id : "");
        break;
    case SIM_T1566:
        fmt(out, cap, "MFA and EDR on %s, and staff trained to spot phishing, blunt it (PO.2).", nd);
        break;
    case SIM_T1078:
        fmt(out, cap, "MFA on %s, or rotating the leaked credentials, makes a stolen password useless.", nd);
        break;
    case SIM_T1110:
        fmt(out, cap, "Changing default credentials on %s (MFA stands for it here) stops the guessing (PW.9).", nd);
        break;
    case SIM_T1133:
        fmt(out, cap, "MFA on the remote access %s stops a login with a leaked password.", nd);
        break;
    case SIM_T1195:
        fmt(out, cap, "Signed builds and pinned dependencies would have stopped the tampered component "
                      "reaching %s (PS.1, PS.2, PW.4).", nd);
        break;
    case SIM_T1021:
        fmt(out, cap, "Segmenting %s from the zone the attacker came from, and EDR on it, "
                      "would have stopped the move (PO.5).", nd);
        break;
    case SIM_T1213:
        fmt(out, cap, "Logging and tighter access to %s would have caught or stopped the reach for its data.", nd);
        break;
    case SIM_T1498:
        fmt(out, cap, "DDoS protection on %s absorbs the flood.", nd);
        break;
    default:
        fmt(out, cap, "EDR and logging on %s would have stopped it or found it sooner.", nd);
        break;
    }
}

static int build_incidents(const sim_world *w, script_debrief *d)
{
    int n = sim_intrusion_count(w);
    if (n > MAX_INCIDENTS)
        n = MAX_INCIDENTS;
    if (n == 0)
        return BW_OK;
    d->incidents = calloc((size_t)n, sizeof *d->incidents);
    if (!d->incidents)
        return BW_ENOMEM;
    for (int i = 0; i < n; i++) {
        sim_intrusion_info in;
        if (sim_intrusion_get(w, i, &in) != BW_OK)
            continue;
        debrief_incident *x = &d->incidents[d->incident_count++];
        sim_node_info ni;
        bool have_node = sim_node_get(w, in.node, &ni) == BW_OK;
        x->tick = in.started;
        x->detected_at = in.detected ? in.detected_at : -1;
        fmt(x->node, sizeof x->node, "%s", node_id(w, in.node));
        fmt(x->actor, sizeof x->actor, "%s", actor_label(w, in.actor));
        fmt(x->technique, sizeof x->technique, "%s", sim_technique_name(in.via));
        x->harmful = in.stage == SIM_STAGE_IMPACT ||
                     (have_node && (ni.state == SIM_STATE_ENCRYPTED || ni.data_lost));
        char hidden[64] = "";
        if (!in.detected)
            fmt(hidden, sizeof hidden, "; never detected");
        else if (in.detected_at > in.started)
            fmt(hidden, sizeof hidden, "; found %d hour%s later", in.detected_at - in.started,
                in.detected_at - in.started == 1 ? "" : "s");
        fmt(x->what, sizeof x->what, "%s got into %s (%s: %s), reaching %s%s", x->actor, node_name(w, in.node),
            x->technique, sim_technique_title(in.via), sim_stage_name(in.stage), hidden);
        prevention(w, &in, x->prevent, sizeof x->prevent);
        if (!in.detected) {
            size_t len = strlen(x->prevent);
            fmt(x->prevent + len, sizeof x->prevent - len, " Logging or EDR would have found it.");
        }
    }
    return BW_OK;
}

/* ---- practices, tied to this game ---------------------------------------- */

typedef struct game_facts {
    int actions[SIM_ACTION_KIND_COUNT];
    int first_action[SIM_ACTION_KIND_COUNT];  /* tick, -1 */
    int intrusions, detected, harmful;
    int by_technique[SIM_TECHNIQUE_COUNT];
    sim_tally tally;
} game_facts;

static void gather_facts(script_scenario *s, const sim_world *w, game_facts *f)
{
    memset(f, 0, sizeof *f);
    for (int k = 0; k < SIM_ACTION_KIND_COUNT; k++)
        f->first_action[k] = -1;
    for (int i = 0; i < script_scenario_action_count(s); i++) {
        const script_logged_action *a = script_scenario_action_at(s, i);
        if (!a || (int)a->req.kind < 0 || a->req.kind >= SIM_ACTION_KIND_COUNT)
            continue;
        if (f->actions[a->req.kind]++ == 0)
            f->first_action[a->req.kind] = a->tick;
    }
    for (int i = 0; i < sim_intrusion_count(w); i++) {
        sim_intrusion_info in;
        if (sim_intrusion_get(w, i, &in) != BW_OK)
            continue;
        f->intrusions++;
        f->detected += in.detected;
        f->harmful += in.stage == SIM_STAGE_IMPACT;
        if ((int)in.via >= 0 && in.via < SIM_TECHNIQUE_COUNT)
            f->by_technique[in.via]++;
    }
    sim_world_tally(w, &f->tally);
}

/* "You did it 3 times, first on day 2" or the absence, for SSDF ids. */
static void actions_sentence(const game_facts *f, const sim_action_kind *kinds, int nk,
                             const char *doing, const char *why, char *out, size_t cap)
{
    int total = 0, first = -1;
    for (int i = 0; i < nk; i++) {
        total += f->actions[kinds[i]];
        int t = f->first_action[kinds[i]];
        if (t >= 0 && (first < 0 || t < first))
            first = t;
    }
    if (total)
        fmt(out, cap, "You %s %d time%s, first on day %d: %s", doing, total, total == 1 ? "" : "s",
            first / SIM_TICKS_PER_DAY + 1, why);
    else
        fmt(out, cap, "You never %s in this game: %s", doing, why);
}

static void ssdf_sentence(const char *id, const game_facts *f, char *out, size_t cap)
{
    static const struct {
        const char *id;
        sim_action_kind kinds[3];
        int nk;
        const char *doing, *why;
    } map[] = {
        {"PO.1", {SIM_ACT_THREAT_MODEL}, 1, "set requirements with a threat model", "requirements come first."},
        {"PO.2", {SIM_ACT_TRAIN}, 1, "trained your people", "capability grows slowly and pays later."},
        {"PO.3", {SIM_ACT_SCAN, SIM_ACT_SAST}, 2, "ran scanners", "tools find weaknesses before attackers do."},
        {"PO.4", {SIM_ACT_SCAN, SIM_ACT_SAST, SIM_ACT_CODE_REVIEW}, 3, "checked the code", "criteria make checks count."},
        {"PO.5", {SIM_ACT_SEGMENT, SIM_ACT_MFA}, 2, "segmented or locked down an environment",
         "a walled-off zone stops the spread."},
        {"PS.1", {SIM_ACT_SIGN_BUILDS, SIM_ACT_CODE_REVIEW}, 2, "protected code and builds",
         "tampering is caught where code is made."},
        {"PS.2", {SIM_ACT_SIGN_BUILDS}, 1, "signed releases", "users can verify what they install."},
        {"PS.3", {SIM_ACT_PIN_DEPS, SIM_ACT_SIGN_BUILDS}, 2, "recorded what went into a release",
         "provenance tells you what you ship."},
        {"PW.1", {SIM_ACT_THREAT_MODEL}, 1, "threat-modelled", "design flaws show up before they ship."},
        {"PW.2", {SIM_ACT_THREAT_MODEL, SIM_ACT_CODE_REVIEW}, 2, "reviewed a design", "reviews catch design flaws."},
        {"PW.4", {SIM_ACT_PIN_DEPS}, 1, "pinned dependencies", "you know and control what you reuse."},
        {"PW.5", {SIM_ACT_CODE_REVIEW, SIM_ACT_TRAIN}, 2, "worked on secure coding",
         "fewer weaknesses are written in the first place."},
        {"PW.6", {SIM_ACT_SIGN_BUILDS}, 1, "hardened the build", "the build is part of the attack surface."},
        {"PW.7", {SIM_ACT_CODE_REVIEW}, 1, "reviewed code", "a second pair of eyes catches what tools miss."},
        {"PW.8", {SIM_ACT_SCAN, SIM_ACT_SAST}, 2, "tested for vulnerabilities", "testing finds them first."},
        {"PW.9", {SIM_ACT_MFA}, 1, "changed an insecure default", "secure defaults protect everyone who never changes them."},
        {"RV.1", {SIM_ACT_SCAN, SIM_ACT_HANDLE_REPORT}, 2, "looked for or triaged vulnerabilities",
         "you cannot fix what you do not know about."},
        {"RV.2", {SIM_ACT_PATCH, SIM_ACT_HANDLE_REPORT}, 2, "remediated (patched, or fixed a reported flaw)",
         "every day a known flaw stays open is a day it can be used."},
        {"RV.3", {SIM_ACT_CODE_REVIEW, SIM_ACT_THREAT_MODEL}, 2, "looked for root causes",
         "fixing the cause stops the next one."},
    };
    for (size_t i = 0; i < sizeof map / sizeof map[0]; i++)
        if (strcmp(map[i].id, id) == 0) {
            actions_sentence(f, map[i].kinds, map[i].nk, map[i].doing, map[i].why, out, cap);
            return;
        }
    fmt(out, cap, "A practice this scenario exercises.");
}

static void accord_sentence(const char *id, const game_facts *f, const sim_world *w, char *out, size_t cap)
{
    const sim_tally *t = &f->tally;
    if (strcmp(id, "protection") == 0) {
        long long pct = t->customer_hours_possible
                            ? t->customer_hours_safe * 100 / t->customer_hours_possible
                            : 100;
        fmt(out, cap, "Customers were served safely %lld%% of hours; %d node%s compromised.", pct,
            t->nodes_compromised, t->nodes_compromised == 1 ? " was" : "s were");
    } else if (strcmp(id, "no-offense") == 0) {
        if (t->offenses) {
            sim_score sc;
            sim_world_score(w, &sc);
            fmt(out, cap, "You took %d offensive action%s%s: Responsibility ended at %d.", t->offenses,
                t->offenses == 1 ? "" : "s", t->bystanders_harmed ? ", harming bystanders" : "",
                sc.pillar[SIM_PILLAR_RESPONSIBILITY]);
        } else {
            fmt(out, cap, "You never struck back: the lawful, defensive path kept Responsibility whole.");
        }
    } else if (strcmp(id, "capacity") == 0) {
        actions_sentence(f, (const sim_action_kind[]){SIM_ACT_TRAIN}, 1, "trained people",
                         "skills compound over the weeks that follow.", out, cap);
    } else if (strcmp(id, "collective") == 0) {
        fmt(out, cap, "You shared %d indicator%s, received %d and coordinated %d report%s; "
                      "%d partner%s protected.",
            t->indicators_shared, t->indicators_shared == 1 ? "" : "s", t->indicators_received,
            t->reports_coordinated, t->reports_coordinated == 1 ? "" : "s", t->partners_protected,
            t->partners_protected == 1 ? " was" : "s were");
    } else {
        fmt(out, cap, "A commitment this scenario exercises.");
    }
}

static void attack_sentence(const char *id, const game_facts *f, const sim_world *w, char *out, size_t cap)
{
    int t = sim_technique_parse(id);
    if (t < 0) {
        fmt(out, cap, "A technique this scenario's attackers use.");
        return;
    }
    /* Later-stage techniques leave effects, not footholds. */
    int effect = 0;
    const char *none = NULL, *some = NULL;
    for (int i = 0; i < sim_intrusion_count(w) && (t == SIM_T1059 || t == SIM_T1567 || t == SIM_T1486); i++) {
        sim_intrusion_info in;
        if (sim_intrusion_get(w, i, &in) == BW_OK && in.stage >= SIM_STAGE_EXECUTE && t == SIM_T1059)
            effect++;
    }
    if (t == SIM_T1059) {
        none = "No attacker ran code on your machines in this game.";
        some = "Attackers ran their code on %d node%s; EDR is what stops it.";
    } else if (t == SIM_T1567 || t == SIM_T1486) {
        for (int n = 0; n < sim_node_count(w); n++) {
            sim_node_info ni;
            if (sim_node_get(w, n, &ni) == BW_OK &&
                (t == SIM_T1567 ? ni.data_lost : ni.state == SIM_STATE_ENCRYPTED))
                effect++;
        }
        none = t == SIM_T1567 ? "No data left your network in this game."
                              : "Nothing was encrypted in this game.";
        some = t == SIM_T1567 ? "Data left %d node%s: exfiltration is the breach customers feel."
                              : "Ransomware encrypted %d node%s; backups are what bring them back.";
    }
    if (none) {
        if (effect)
            fmt(out, cap, some, effect, effect == 1 ? "" : "s");
        else
            fmt(out, cap, "%s", none);
        return;
    }
    int n = f->by_technique[t];
    if (n == 0) {
        fmt(out, cap, "It never got an attacker a foothold in your game.");
        return;
    }
    int detected = 0;
    char where[96] = "";
    size_t len = 0;
    for (int i = 0; i < sim_intrusion_count(w); i++) {
        sim_intrusion_info in;
        if (sim_intrusion_get(w, i, &in) != BW_OK || (int)in.via != t)
            continue;
        detected += in.detected;
        if (len < 60 && !strstr(where, node_name(w, in.node))) {
            fmt(where + len, sizeof where - len, "%s%s", len ? ", " : "", node_name(w, in.node));
            len = strlen(where);
        }
    }
    fmt(out, cap, "It got an attacker in %d time%s (%s); you detected %d of them.", n, n == 1 ? "" : "s",
        where, detected);
}

static void cwe_sentence(const char *id, const sim_world *w, char *out, size_t cap)
{
    const char *num = strncmp(id, "CWE-", 4) == 0 ? id + 4 : id;
    int cwe = atoi(num);
    int present = 0, fixed = 0, known = 0, breached = 0;
    for (int v = 0; v < sim_vuln_count(w); v++) {
        sim_vuln_info vi;
        if (sim_vuln_get(w, v, &vi) != BW_OK || vi.cwe != cwe)
            continue;
        present++;
        fixed += vi.patched || !vi.exists;
        known += vi.known_to_defender;
        sim_node_info ni;
        if (sim_node_get(w, vi.node, &ni) == BW_OK && (ni.data_lost || ni.state == SIM_STATE_ENCRYPTED ||
                                                       ni.state == SIM_STATE_COMPROMISED))
            breached++;
    }
    if (!present)
        fmt(out, cap, "None appeared in your world this time; it is part of the story.");
    else
        fmt(out, cap, "%d weakness%s of this kind: you knew of %d and fixed %d; %d sat on a breached node.",
            present, present == 1 ? "" : "es", known, fixed, breached);
}

static int build_practices(script_scenario *s, const sim_world *w, const script_catalog *cat,
                           const game_facts *f, script_debrief *d)
{
    static const char *const kinds[] = {"accord", "ssdf", "attack", "cwe"};
    int total = 0;
    const char *ids[SCRIPT_MAX_TEACH_IDS];
    for (int k = 0; k < 4; k++) {
        int n = script_scenario_teaches(s, kinds[k], ids, SCRIPT_MAX_TEACH_IDS);
        total += n < SCRIPT_MAX_TEACH_IDS ? n : SCRIPT_MAX_TEACH_IDS;
    }
    if (total == 0)
        return BW_OK;
    d->practices = calloc((size_t)total, sizeof *d->practices);
    if (!d->practices)
        return BW_ENOMEM;
    for (int k = 0; k < 4; k++) {
        int n = script_scenario_teaches(s, kinds[k], ids, SCRIPT_MAX_TEACH_IDS);
        if (n > SCRIPT_MAX_TEACH_IDS)
            n = SCRIPT_MAX_TEACH_IDS;
        for (int i = 0; i < n && d->practice_count < total; i++) {
            debrief_practice *p = &d->practices[d->practice_count++];
            fmt(p->kind, sizeof p->kind, "%s", kinds[k]);
            bool bare_number = k == 3 && ids[i][0] >= '0' && ids[i][0] <= '9';
            fmt(p->id, sizeof p->id, "%s%s", bare_number ? "CWE-" : "", ids[i]);
            fmt(p->title, sizeof p->title, "%s", cat ? script_catalog_title(cat, kinds[k], ids[i]) : "");
            if (k == 0)
                accord_sentence(ids[i], f, w, p->in_game, sizeof p->in_game);
            else if (k == 1)
                ssdf_sentence(ids[i], f, p->in_game, sizeof p->in_game);
            else if (k == 2)
                attack_sentence(ids[i], f, w, p->in_game, sizeof p->in_game);
            else
                cwe_sentence(ids[i], w, p->in_game, sizeof p->in_game);
        }
    }
    return BW_OK;
}

/* ---- the moments that mattered --------------------------------------------- */

static int moment_weight(const sim_log_entry *e)
{
    switch (e->kind) {
    case SIM_LOG_OFFENSE: return 100;
    case SIM_LOG_CHOICE: return strncmp(e->text, "Decided", 7) == 0 ? 90 : 0;
    case SIM_LOG_DISCLOSURE: return 70;
    case SIM_LOG_IMPACT: return 60;
    case SIM_LOG_SCORE: {
        /* "responsibility -15: why": the size of the change. */
        const char *p = strpbrk(e->text, "+-");
        int delta = p ? abs(atoi(p)) : 0;
        return delta >= 5 ? 40 + delta : 0;
    }
    case SIM_LOG_DETECTED: return 30;
    case SIM_LOG_INDICATOR: return 25;
    default: return 0;
    }
}

static int build_moments(const sim_world *w, script_debrief *d)
{
    d->moments = calloc(MAX_MOMENTS, sizeof *d->moments);
    if (!d->moments)
        return BW_ENOMEM;
    bool first_detect_taken = false;
    for (int i = 0; i < sim_log_count(w); i++) {
        sim_log_entry e;
        if (sim_log_get(w, i, &e) != BW_OK)
            continue;
        int weight = moment_weight(&e);
        if (e.kind == SIM_LOG_DETECTED) {
            if (first_detect_taken)
                continue;              /* the first detection is the moment */
            first_detect_taken = true;
        }
        if (weight <= 0)
            continue;
        /* Keep the heaviest MAX_MOMENTS; on ties, the earlier. */
        int slot = d->moment_count;
        if (slot == MAX_MOMENTS) {
            slot = -1;
            for (int m = 0; m < MAX_MOMENTS; m++)
                if (d->moments[m].weight < weight && (slot < 0 || d->moments[m].weight < d->moments[slot].weight))
                    slot = m;
            if (slot < 0)
                continue;
        } else {
            d->moment_count++;
        }
        debrief_moment *m = &d->moments[slot];
        m->tick = e.tick;
        m->weight = weight;
        fmt(m->text, sizeof m->text, "Day %d %02d:00 — %s%s", e.tick / SIM_TICKS_PER_DAY + 1,
            e.tick % SIM_TICKS_PER_DAY, e.text, e.visible ? "" : " (unseen at the time)");
    }
    /* Heaviest first, then by time. */
    for (int i = 1; i < d->moment_count; i++)
        for (int j = i; j > 0; j--) {
            debrief_moment *a = &d->moments[j - 1], *b = &d->moments[j];
            if (a->weight > b->weight || (a->weight == b->weight && a->tick <= b->tick))
                break;
            debrief_moment t = *a;
            *a = *b;
            *b = t;
        }
    return BW_OK;
}

int script_debrief_build(script_scenario *s, const script_catalog *catalog, script_debrief *out,
                         bw_err *err)
{
    memset(out, 0, sizeof *out);
    const sim_world *w = script_scenario_cworld(s);
    out->outcome = sim_world_outcome(w);
    out->stars = sim_world_stars(w);
    out->ticks = sim_world_tick(w);
    out->days = sim_world_days(w);
    sim_score sc;
    sim_world_score(w, &sc);
    memcpy(out->pillars, sc.pillar, sizeof out->pillars);
    for (int day = 0; day < DEBRIEF_MAX_DAYS; day++) {
        sim_score h;
        if (sim_score_history(w, day, &h) < 0)
            break;
        memcpy(out->history[day], h.pillar, sizeof out->history[day]);
        out->history_days = day + 1;
    }
    for (int i = 0; i < sim_objective_count(w); i++) {
        sim_objective_info o;
        if (sim_objective_get(w, i, &o) != BW_OK || o.optional)
            continue;
        out->objectives_total++;
        out->objectives_met += o.met;
    }
    game_facts facts;
    gather_facts(s, w, &facts);
    int rc = build_incidents(w, out);
    if (rc == BW_OK)
        rc = build_practices(s, w, catalog, &facts, out);
    if (rc == BW_OK)
        rc = build_moments(w, out);
    if (rc == BW_OK) {
        const char *text = "";
        bw_err e2;
        bw_err_clear(&e2);
        if (script_scenario_debrief(s, &text, &e2) != BW_OK)
            text = e2.msg;
        out->scenario_text = strdup(text ? text : "");
        if (!out->scenario_text)
            rc = BW_ENOMEM;
    }
    if (rc != BW_OK) {
        script_debrief_free(out);
        return bw_err_set(err, rc, "out of memory building the debrief");
    }
    return BW_OK;
}

void script_debrief_free(script_debrief *d)
{
    if (!d)
        return;
    free(d->incidents);
    free(d->practices);
    free(d->moments);
    free(d->scenario_text);
    memset(d, 0, sizeof *d);
}
