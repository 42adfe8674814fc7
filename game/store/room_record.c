/* room_record.c — what the room model reads from one result record: the
 * actions taken (counts and first ticks, by kind) and the decisions met,
 * with the option each ended on.
 *
 * Records are untrusted text: every field is checked for its type, a
 * record that does not fit is skipped whole (its summary columns still
 * count), and nothing is kept unbounded. Must never fail a room because
 * one record is bad; only running out of memory fails. */
#include "room_internal.h"

#include <cjson/cJSON.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>

void room_copy_text(char *dst, size_t n, const char *src)
{
    if (!n)
        return;
    size_t len = src ? strlen(src) : 0;
    if (len >= n) {
        len = n - 1;
        /* back off continuation bytes, then the lead byte of the cut character */
        while (len > 0 && ((unsigned char)src[len] & 0xc0) == 0x80)
            len--;
    }
    if (len)
        memcpy(dst, src, len);
    dst[len] = '\0';
    bw_text_clean(dst);
    for (char *p = dst; *p; p++) /* one line each: a decision is a title, not a paragraph */
        if (*p == '\n' || *p == '\t')
            *p = ' ';
}

void room_grec_free(room_grec *rec)
{
    free(rec->decs);
    memset(rec, 0, sizeof *rec);
}

/* A choose action not yet matched to a "Decided:" entry. */
typedef struct pending_choose {
    int tick, choice; /* choice: 0-based, in the order decisions opened */
    bool used;
} pending_choose;

static bool int_field(const cJSON *o, const char *name, int lo, int hi, int *out)
{
    const cJSON *v = cJSON_GetObjectItemCaseSensitive(o, name);
    if (!cJSON_IsNumber(v) || v->valuedouble < lo || v->valuedouble > hi ||
        v->valuedouble != (double)(int)v->valuedouble)
        return false;
    *out = (int)v->valuedouble;
    return true;
}

static const char *str_field(const cJSON *o, const char *name)
{
    const cJSON *v = cJSON_GetObjectItemCaseSensitive(o, name);
    return cJSON_IsString(v) ? v->valuestring : NULL;
}

/* The actions: counts and first ticks into g; the choose actions into
 * *chooses (caller frees). false when the list does not fit the format. */
static bool read_actions(const cJSON *arr, room_game *g, pending_choose **chooses, int *nchoose,
                         bool *oom)
{
    int n = cJSON_GetArraySize(arr);
    *chooses = n ? calloc((size_t)n, sizeof **chooses) : NULL;
    if (n && !*chooses)
        return !(*oom = true);
    const cJSON *a;
    cJSON_ArrayForEach(a, arr)
    {
        int tick, kind;
        const char *name = str_field(a, "action");
        if (!cJSON_IsObject(a) || !int_field(a, "tick", 0, INT_MAX, &tick) || !name ||
            (kind = sim_action_parse(name)) < 0 || kind >= SIM_ACTION_KIND_COUNT)
            return false;
        g->actions++;
        if (g->action_count[kind]++ == 0)
            g->action_first[kind] = tick;
        if (kind == SIM_ACT_CHOOSE) {
            const char *target = str_field(a, "target");
            char *end;
            long choice = target ? strtol(target, &end, 10) : 0;
            if (!target || *end || choice < 1 || choice > INT_MAX)
                return false;
            (*chooses)[(*nchoose)++] = (pending_choose){ tick, (int)choice - 1, false };
        }
    }
    return true;
}

static int push_dec(room_grec *rec, int *cap, const char *text, int tick)
{
    if (rec->dec_count == *cap) {
        int ncap = *cap ? *cap * 2 : 8;
        room_gdec *d = realloc(rec->decs, (size_t)ncap * sizeof *d);
        if (!d)
            return BW_ENOMEM;
        rec->decs = d;
        *cap = ncap;
    }
    room_gdec *d = &rec->decs[rec->dec_count++];
    memset(d, 0, sizeof *d);
    room_copy_text(d->text, sizeof d->text, text);
    d->opened = tick;
    return BW_OK;
}

/* Which open decision a "Decided:" entry at tick answers: the player's
 * choose action at that tick if one names an open decision (the action
 * answers at once, before the tick's defaults), else the earliest open
 * one (deadlines answer in the order decisions opened). */
static int answered_decision(room_grec *rec, pending_choose *ch, int nch, int tick, bool *by_default)
{
    for (int i = 0; i < nch; i++)
        if (!ch[i].used && ch[i].tick == tick && ch[i].choice < rec->dec_count &&
            !rec->decs[ch[i].choice].answered) {
            ch[i].used = true;
            *by_default = false;
            return ch[i].choice;
        }
    for (int i = 0; i < rec->dec_count; i++)
        if (!rec->decs[i].answered) {
            *by_default = true;
            return i;
        }
    return -1;
}

/* The decisions from the timeline. false when it does not fit the format;
 * BW_ENOMEM through *oom. */
static bool read_timeline(const cJSON *arr, room_grec *rec, pending_choose *ch, int nch, bool *oom)
{
    static const char opened[] = "Decision: ", decided[] = "Decided: ";
    int cap = 0, last = -1, last_tick = -1; /* the decision the previous entry answered, and when */
    const cJSON *t;
    cJSON_ArrayForEach(t, arr)
    {
        int tick;
        const char *kind = str_field(t, "kind"), *text = str_field(t, "text");
        if (!cJSON_IsObject(t) || !int_field(t, "tick", 0, INT_MAX, &tick) || !kind || !text)
            return false;
        int answered_now = -1;
        if (strcmp(kind, "choice") == 0 && strncmp(text, opened, sizeof opened - 1) == 0) {
            if (push_dec(rec, &cap, text + sizeof opened - 1, tick) != BW_OK)
                return !(*oom = true);
        } else if (strcmp(kind, "choice") == 0 && strncmp(text, decided, sizeof decided - 1) == 0) {
            bool by_default = false;
            int d = answered_decision(rec, ch, nch, tick, &by_default);
            if (d >= 0) {
                rec->decs[d].answered = true;
                rec->decs[d].by_default = by_default;
                room_copy_text(rec->decs[d].answer, sizeof rec->decs[d].answer,
                               text + sizeof decided - 1);
                answered_now = d;
            }
        } else if (strcmp(kind, "offense") == 0 && last >= 0 && last_tick == tick) {
            rec->decs[last].offensive = true; /* the option's own offensive act, logged at once */
        }
        last = answered_now;
        last_tick = tick;
    }
    return true;
}

int room_record_read(const char *text, room_game *g, room_grec *rec)
{
    memset(rec, 0, sizeof *rec);
    g->record_ok = false;
    for (int k = 0; k < SIM_ACTION_KIND_COUNT; k++)
        g->action_first[k] = -1;
    if (!text)
        return BW_OK;
    cJSON *root = cJSON_Parse(text);
    if (!root)
        return BW_OK;
    const cJSON *sc = cJSON_GetObjectItemCaseSensitive(root, "scenario");
    const char *id = str_field(sc, "id"), *title = str_field(sc, "title");
    const cJSON *actions = cJSON_GetObjectItemCaseSensitive(root, "actions");
    const cJSON *timeline = cJSON_GetObjectItemCaseSensitive(root, "timeline");
    pending_choose *ch = NULL;
    int nch = 0;
    bool oom = false;
    /* A record of another scenario than its row says tells nothing about this one. */
    bool ok = id && strcmp(id, g->scenario_id) == 0 && cJSON_IsArray(actions) &&
              cJSON_IsArray(timeline) && read_actions(actions, g, &ch, &nch, &oom) &&
              read_timeline(timeline, rec, ch, nch, &oom);
    free(ch);
    if (ok)
        room_copy_text(rec->title, sizeof rec->title, title ? title : "");
    cJSON_Delete(root);
    if (ok) {
        g->record_ok = true;
        return BW_OK;
    }
    room_grec_free(rec);
    g->actions = 0;
    for (int k = 0; k < SIM_ACTION_KIND_COUNT; k++) {
        g->action_count[k] = 0;
        g->action_first[k] = -1;
    }
    return oom ? BW_ENOMEM : BW_OK;
}
