/* collective.c — the Accord's collective-action mechanics as engine rules:
 * coordinated disclosure (a researcher's report with a deadline), threat
 * sharing (indicators in and out), breach notification, offensive acts,
 * and the scripted choices that put those decisions to the player.
 *
 * These are rules, not story: a scenario schedules a report or a
 * partner's alert; what follows from handling or ignoring it is here. */
#include "internal.h"

#include <stdio.h>
#include <string.h>

/* A breach not disclosed within 72 hours of its discovery is concealed
 * (the GDPR's notification window). */
#define NOTIFY_WINDOW 72

int sim_report_add(sim_world *w, const sim_report_def *d, bw_err *err)
{
    if (!w || !d)
        return bw_err_set(err, BW_EINVAL, "no report");
    int v = sim_vuln_find(w, d->vuln);
    if (v < 0)
        return bw_err_set(err, BW_ENOTFOUND, "report '%s': unknown vulnerability '%s'",
                          d->id ? d->id : "?", d->vuln ? d->vuln : "(none)");
    if (!d->id || !d->id[0] || strlen(d->id) >= SIM_ID_MAX || d->at < 0 || d->deadline_ticks <= 0)
        return bw_err_set(err, BW_EINVAL, "report needs an id, at >= 0 and a positive deadline");
    if (sim_report_find(w, d->id) >= 0)
        return bw_err_set(err, BW_EINVAL, "duplicate report id '%s'", d->id);
    bool was_oom = w->oom; /* reported here; the step keeps its own */
    report *r = vec_push(w, &w->reports, sizeof *r);
    if (!r) {
        w->oom = was_oom;
        return bw_err_set(err, BW_ENOMEM, "out of memory adding report '%s'", d->id);
    }
    snprintf(r->id, sizeof r->id, "%s", d->id);
    snprintf(r->reporter, sizeof r->reporter, "%s", d->reporter ? d->reporter : "a researcher");
    bw_text_clean(r->reporter);
    r->vuln = v;
    r->at = d->at;
    r->deadline_ticks = d->deadline_ticks;
    r->arrives_at = d->at + (w->def.security_txt ? 0 : SIM_REPORT_DELAY_NO_SECURITY_TXT);
    if (r->arrives_at <= w->tick)
        r->arrives_at = w->tick + 1;
    r->deadline = -1;
    r->state = SIM_REPORT_PENDING;
    return w->reports.len - 1;
}

static void report_arrives(sim_world *w, int i)
{
    report *r = VEC_AT(w->reports, report, i);
    r->state = SIM_REPORT_OPEN;
    r->deadline = w->tick + r->deadline_ticks;
    vuln *vu = VEC_AT(w->vulns, vuln, r->vuln);
    vu->exists = true;
    sim_vuln_reveal(w, r->vuln, NULL);
    log_add(w, SIM_LOG_REPORT, true, vu->node, -1, r->vuln,
            "%s reports %s (CWE-%d, severity %d.%d) privately; public disclosure in %d %s",
            r->reporter, vu->id, vu->cwe, vu->severity / 10, vu->severity % 10,
            r->deadline_ticks % SIM_TICKS_PER_DAY ? r->deadline_ticks : r->deadline_ticks / SIM_TICKS_PER_DAY,
            r->deadline_ticks % SIM_TICKS_PER_DAY ? (r->deadline_ticks == 1 ? "hour" : "hours")
                                                  : (r->deadline_ticks == SIM_TICKS_PER_DAY ? "day" : "days"));
}

static void report_goes_public(sim_world *w, int i)
{
    report *r = VEC_AT(w->reports, report, i);
    r->state = SIM_REPORT_PUBLIC;
    w->tally.deadlines_missed++;
    sim_vuln_make_public(w, r->vuln, NULL);
    log_add(w, SIM_LOG_DISCLOSURE, true, VEC_AT(w->vulns, vuln, r->vuln)->node, -1, r->vuln,
            "Deadline missed: %s published %s with a working exploit", r->reporter,
            VEC_AT(w->vulns, vuln, r->vuln)->id);
}

void reports_tick(sim_world *w)
{
    for (int i = 0; i < w->reports.len; i++) {
        report *r = VEC_AT(w->reports, report, i);
        if (r->state == SIM_REPORT_PENDING && w->tick >= r->arrives_at)
            report_arrives(w, i);
        else if (r->state == SIM_REPORT_OPEN && w->tick >= r->deadline)
            report_goes_public(w, i);
    }
}

int sim_indicator_receive(sim_world *w, int ai, bw_err *err)
{
    if (!w || ai < 0 || ai >= w->actor_count)
        return bw_err_set(err, BW_ENOTFOUND, "no threat actor %d", ai);
    actor *a = &w->actors[ai];
    if (!w->def.in_sharing_group) {
        log_add(w, SIM_LOG_INDICATOR, false, -1, ai, -1,
                "Partners shared %s's indicators in the sharing group; you are not a member",
                a->label);
        return 0;
    }
    if (!a->indicators_known)
        w->tally.indicators_received++;
    a->indicators_known = true;
    log_add(w, SIM_LOG_INDICATOR, true, -1, ai, -1,
            "The sharing group sent %s's indicators: your monitoring now looks for them", a->label);
    return 1;
}

/* ---- breaches ---------------------------------------------------------------- */

void breaches_tick(sim_world *w)
{
    for (int b = 0; b < w->breaches.len; b++) {
        breach *br = VEC_AT(w->breaches, breach, b);
        if (br->detected_at >= 0 && !br->notified && !br->concealed &&
            w->tick - br->detected_at >= NOTIFY_WINDOW) {
            br->concealed = true;
            w->tally.breaches_concealed++;
            log_add(w, SIM_LOG_OFFENSE, true, br->node, -1, -1,
                    "The breach of %s went unreported for %d hours: customers learn it from the press",
                    w->nodes[br->node].label, NOTIFY_WINDOW);
        }
    }
}

int sim_offense_record(sim_world *w, int severity, bool harmed_bystander, const char *what,
                       bw_err *err)
{
    if (!w || severity < 0 || severity > 100)
        return bw_err_set(err, BW_EINVAL, "offence severity must be 0..100");
    w->tally.offenses++;
    w->resp_penalty += severity;
    log_add(w, SIM_LOG_OFFENSE, true, -1, -1, -1, "%s: an offensive act (Responsibility -%d)",
            what ? what : "Offensive action", severity);
    if (harmed_bystander) {
        w->tally.bystanders_harmed++;
        log_add(w, SIM_LOG_OFFENSE, true, -1, -1, -1,
                "The attack hit a bystander: the server belonged to an innocent, hijacked victim");
    }
    return BW_OK;
}

/* ---- choices ------------------------------------------------------------------ */

int sim_choice_open(sim_world *w, const char *text, const char *const *options, int count,
                    int deadline_ticks, int default_option, int offensive_option,
                    uint32_t cookie, bw_err *err)
{
    if (!w || !text || !options)
        return bw_err_set(err, BW_EINVAL, "a choice needs a text and options");
    if (count < 1 || count > SIM_MAX_CHOICE_OPTIONS)
        return bw_err_set(err, BW_EINVAL, "a choice needs 1..%d options, not %d",
                          SIM_MAX_CHOICE_OPTIONS, count);
    if (default_option < 0 || default_option >= count)
        return bw_err_set(err, BW_EINVAL, "default option %d is not one of the %d options",
                          default_option + 1, count);
    if (offensive_option < -1 || offensive_option >= count)
        return bw_err_set(err, BW_EINVAL, "offensive option %d is not one of the options",
                          offensive_option + 1);
    if (deadline_ticks < 1)
        return bw_err_set(err, BW_EINVAL, "a choice needs a deadline of at least one tick");
    for (int i = 0; i < count; i++)
        if (!options[i])
            return bw_err_set(err, BW_EINVAL, "option %d has no text", i + 1);
    /* Called from a hook, the step may already have failed an allocation:
     * judge only our own, and leave the step's flag as we found it. */
    bool was_oom = w->oom;
    w->oom = false;
    choice *c = vec_push(w, &w->choices, sizeof *c);
    if (!c) {
        w->oom = was_oom;
        return bw_err_set(err, BW_ENOMEM, "out of memory opening a choice");
    }
    int idx = w->choices.len - 1;
    c->text = text_add(w, text);
    for (int i = 0; i < count; i++)
        VEC_AT(w->choices, choice, idx)->options[i] = text_add(w, options[i]);
    c = VEC_AT(w->choices, choice, idx);
    if (w->oom) {
        w->oom = was_oom;
        w->choices.len--;
        return bw_err_set(err, BW_ENOMEM, "out of memory opening a choice");
    }
    w->oom = was_oom;
    c->option_count = count;
    c->offensive_option = offensive_option;
    c->opened_at = w->tick;
    c->deadline = w->tick + deadline_ticks;
    c->default_option = default_option;
    c->answer = -1;
    c->cookie = cookie;
    log_add(w, SIM_LOG_CHOICE, true, -1, -1, -1, "Decision: %s", text);
    return idx;
}

void choice_answer(sim_world *w, int ci, int option)
{
    choice *c = VEC_AT(w->choices, choice, ci);
    if (c->answer >= 0)
        return;
    c->answer = option;
    log_add(w, SIM_LOG_CHOICE, true, -1, -1, -1, "Decided: %s", text_at(w, c->options[option]));
    if (option == c->offensive_option)
        sim_offense_record(w, 20, false, text_at(w, c->options[option]), NULL);
    uint32_t cookie = c->cookie;
    if (w->hooks.on_choice)
        w->hooks.on_choice(w->hooks.ud, w, cookie, option);
}

void choices_tick(sim_world *w)
{
    for (int i = 0; i < w->choices.len; i++) {
        const choice *c = VEC_AT(w->choices, choice, i);
        if (c->answer < 0 && w->tick >= c->deadline)
            choice_answer(w, i, c->default_option);
    }
}

int sim_choice_count(const sim_world *w) { return w ? w->choices.len : 0; }

int sim_choice_get(const sim_world *w, int i, sim_choice_info *out)
{
    if (!w || i < 0 || i >= w->choices.len || !out)
        return BW_ENOTFOUND;
    const choice *c = VEC_AT(w->choices, choice, i);
    memset(out, 0, sizeof *out);
    out->text = text_at(w, c->text);
    out->option_count = c->option_count;
    for (int k = 0; k < c->option_count; k++)
        out->options[k] = text_at(w, c->options[k]);
    out->offensive_option = c->offensive_option;
    out->opened_at = c->opened_at;
    out->deadline = c->deadline;
    out->default_option = c->default_option;
    out->answer = c->answer;
    out->cookie = c->cookie;
    return BW_OK;
}
