/* record.c — the result record of a finished game as JSON, and the action
 * log and summary read back from one (the replay format; what the store
 * indexes). Moved from game/app so the desktop game writes the same
 * records; the format is docs/result-record.md and must not drift.
 *
 * A record names the scenario by id and content hash, the seed and the
 * engine version, the outcome and pillars, the objectives, every action
 * with its tick (targets by id, so a record reads well and survives a
 * reordering of nothing), the timeline the player saw, and the final
 * world hash. Written atomically: a temporary file, fsync, rename. */
#include "bulwark/record.h"
#include "json_check.h"

#include <cjson/cJSON.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#ifndef BULWARK_VERSION
#define BULWARK_VERSION "0.0.0"
#endif

static void target_id(const sim_world *w, const sim_action_req *r, char *buf, size_t n)
{
    buf[0] = '\0';
    switch (sim_action_target_type(r->kind)) {
    case SIM_TARGET_NODE: { sim_node_info x; if (sim_node_get(w, r->target, &x) == BW_OK) snprintf(buf, n, "%s", x.id); break; }
    case SIM_TARGET_ACTOR: { sim_actor_info x; if (sim_actor_get(w, r->target, &x) == BW_OK) snprintf(buf, n, "%s", x.id); break; }
    case SIM_TARGET_REPORT: { sim_report_info x; if (sim_report_get(w, r->target, &x) == BW_OK) snprintf(buf, n, "%s", x.id); break; }
    case SIM_TARGET_AREA: snprintf(buf, n, "%s", sim_area_name((sim_area)r->target)); break;
    case SIM_TARGET_CHOICE: snprintf(buf, n, "%d", r->target + 1); break;
    default: break;
    }
}

static void hex64(uint64_t v, char *buf)
{
    snprintf(buf, 17, "%016llx", (unsigned long long)v);
}

/* Building a record: every item is checked, so that running out of
 * memory gives no record (NULL) rather than a record with an action or a
 * field quietly missing, which would replay as another game. */
typedef struct builder {
    bool failed;
} builder;

/* Add item to parent under key (NULL: append to an array); on any
 * failure the item is freed and the builder fails. Returns item or NULL. */
static cJSON *put(builder *b, cJSON *parent, const char *key, cJSON *item)
{
    if (!item || !parent ||
        !(key ? cJSON_AddItemToObject(parent, key, item) : cJSON_AddItemToArray(parent, item))) {
        cJSON_Delete(item);
        b->failed = true;
        return NULL;
    }
    return item;
}

static void put_num(builder *b, cJSON *o, const char *key, double v) { put(b, o, key, cJSON_CreateNumber(v)); }
static void put_str(builder *b, cJSON *o, const char *key, const char *v) { put(b, o, key, cJSON_CreateString(v)); }
static void put_bool(builder *b, cJSON *o, const char *key, bool v) { put(b, o, key, cJSON_CreateBool(v)); }

static void actions_json(builder *b, cJSON *root, const script_scenario *s)
{
    const sim_world *w = script_scenario_cworld(s);
    cJSON *arr = put(b, root, "actions", cJSON_CreateArray());
    for (int i = 0; arr && !b->failed && i < script_scenario_action_count(s); i++) {
        const script_logged_action *a = script_scenario_action_at(s, i);
        cJSON *o = put(b, arr, NULL, cJSON_CreateObject());
        if (!o)
            break;
        char tgt[SIM_ID_MAX];
        target_id(w, &a->req, tgt, sizeof tgt);
        put_num(b, o, "tick", a->tick);
        put_str(b, o, "action", sim_action_name(a->req.kind));
        if (tgt[0])
            put_str(b, o, "target", tgt);
        if (a->req.kind == SIM_ACT_CHOOSE)
            put_num(b, o, "option", a->req.arg + 1);
    }
}

static void timeline_json(builder *b, cJSON *root, const sim_world *w)
{
    cJSON *arr = put(b, root, "timeline", cJSON_CreateArray());
    for (int i = 0; arr && !b->failed && i < sim_log_count(w); i++) {
        sim_log_entry e;
        if (sim_log_get(w, i, &e) != BW_OK || !e.visible)
            continue;
        cJSON *o = put(b, arr, NULL, cJSON_CreateObject());
        if (!o)
            break;
        put_num(b, o, "tick", e.tick);
        put_str(b, o, "kind", sim_log_kind_name(e.kind));
        put_str(b, o, "text", e.text);
    }
}

char *record_json(script_scenario *s, const char *debrief)
{
    const sim_world *w = script_scenario_cworld(s);
    cJSON *root = cJSON_CreateObject();
    if (!root)
        return NULL;
    builder bb = {false}, *b = &bb;
    char hex[17];
    put_num(b, root, "format", RECORD_FORMAT);
    cJSON *sc = put(b, root, "scenario", cJSON_CreateObject());
    put_str(b, sc, "id", script_scenario_id(s));
    put_str(b, sc, "title", script_scenario_title(s));
    hex64(script_scenario_hash(s), hex);
    put_str(b, sc, "hash", hex);
    put_num(b, root, "seed", (double)script_scenario_seed(s));
    put_str(b, root, "engine", BULWARK_VERSION);
    sim_outcome o = sim_world_outcome(w);
    put_str(b, root, "outcome", o == SIM_OUTCOME_WON ? "won" : o == SIM_OUTCOME_LOST ? "lost" : "running");
    put_num(b, root, "stars", sim_world_stars(w));
    put_num(b, root, "ticks", sim_world_tick(w));
    sim_score score;
    sim_world_score(w, &score);
    cJSON *pillars = put(b, root, "pillars", cJSON_CreateObject());
    for (int p = 0; p < SIM_PILLAR_COUNT; p++)
        put_num(b, pillars, sim_pillar_name((sim_pillar)p), score.pillar[p]);
    cJSON *objs = put(b, root, "objectives", cJSON_CreateArray());
    for (int i = 0; objs && !b->failed && i < sim_objective_count(w); i++) {
        sim_objective_info oi;
        sim_objective_get(w, i, &oi);
        cJSON *x = put(b, objs, NULL, cJSON_CreateObject());
        put_str(b, x, "id", oi.id);
        put_str(b, x, "text", oi.text);
        put_bool(b, x, "met", oi.met);
        put_bool(b, x, "optional", oi.optional);
    }
    cJSON *taught = put(b, root, "teaches", cJSON_CreateObject());
    static const char *const kinds[] = { "accord", "ssdf", "attack", "cwe" };
    for (int k = 0; taught && k < 4; k++) {
        const char *ids[SCRIPT_MAX_TEACH_IDS];
        int n = script_scenario_teaches(s, kinds[k], ids, SCRIPT_MAX_TEACH_IDS);
        cJSON *arr = put(b, taught, kinds[k], cJSON_CreateArray());
        for (int i = 0; arr && i < n && i < SCRIPT_MAX_TEACH_IDS; i++)
            put(b, arr, NULL, cJSON_CreateString(ids[i]));
    }
    actions_json(b, root, s);
    timeline_json(b, root, w);
    if (debrief)
        put_str(b, root, "debrief", debrief);
    hex64(sim_world_hash(w), hex);
    put_str(b, root, "world_hash", hex);
    char *text = b->failed ? NULL : cJSON_Print(root);
    cJSON_Delete(root);
    return text;
}

/* The directory part of path ("." when none), into buf. */
static void dir_of(const char *path, char *buf, size_t n)
{
    const char *slash = strrchr(path, '/');
    if (!slash)
        snprintf(buf, n, ".");
    else if (slash == path)
        snprintf(buf, n, "/");
    else
        snprintf(buf, n, "%.*s", (int)(slash - path), path);
}

/* Create path's temporary sibling exclusively: never follows a link an
 * attacker left in a shared directory. */
static int open_temp(const char *path, char *tmp, size_t n, bw_err *err)
{
    snprintf(tmp, n, "%s.tmp%ld", path, (long)getpid());
    int fd = open(tmp, O_WRONLY | O_CREAT | O_EXCL, 0644);
    if (fd < 0)
        bw_err_set(err, BW_EIO, "%s: cannot write: %s", path, strerror(errno));
    return fd;
}

int record_check_writable(const char *path, bw_err *err)
{
    char tmp[PATH_MAX];
    int fd = open_temp(path, tmp, sizeof tmp, err);
    if (fd < 0)
        return BW_EIO;
    close(fd);
    unlink(tmp);
    return BW_OK;
}

int record_write_file(const char *path, const char *text, bw_err *err)
{
    char tmp[PATH_MAX], dir[PATH_MAX];
    int fd = open_temp(path, tmp, sizeof tmp, err);
    if (fd < 0)
        return BW_EIO;
    FILE *f = fdopen(fd, "wb");
    size_t len = strlen(text);
    bool ok = f && fwrite(text, 1, len, f) == len && fputc('\n', f) != EOF && fflush(f) == 0 &&
              fsync(fileno(f)) == 0;
    if (f)
        ok = (fclose(f) == 0) && ok;
    else
        close(fd);
    if (!ok || rename(tmp, path) != 0) {
        int e = errno;
        unlink(tmp);
        return bw_err_set(err, BW_EIO, "%s: cannot write: %s", path, strerror(e));
    }
    /* The rename is durable once the directory is on disk too. */
    dir_of(path, dir, sizeof dir);
    int dfd = open(dir, O_RDONLY);
    if (dfd >= 0) {
        fsync(dfd);
        close(dfd);
    }
    return BW_OK;
}

/* ---- reading an action log --------------------------------------------------- */

int record_log_fits(const record_log *log, const char *log_path, const script_scenario *s, bw_err *err)
{
    if (strcmp(log->scenario_id, script_scenario_id(s)) != 0)
        return bw_err_set(err, BW_EINVAL, "%s is a record of scenario '%s', not of '%s'", log_path,
                          log->scenario_id, script_scenario_id(s));
    if (log->scenario_hash != script_scenario_hash(s))
        return bw_err_set(err, BW_EINVAL,
                          "%s was recorded with a different version of '%s' (scenario hash %016llx; "
                          "this file is %016llx)",
                          log_path, log->scenario_id, (unsigned long long)log->scenario_hash,
                          (unsigned long long)script_scenario_hash(s));
    return BW_OK;
}

void record_log_free(record_log *log)
{
    free(log->items);
    memset(log, 0, sizeof *log);
}

/* The file's text, or NULL with *rc and err set. */
static char *slurp(const char *path, int *rc, bw_err *err)
{
    bw_err why;
    if (script_file_check(path, &why) != BW_OK) {
        *rc = bw_err_set(err, why.code, "%s: %s", path, why.msg);
        return NULL;
    }
    FILE *f = fopen(path, "rb");
    if (!f) {
        *rc = bw_err_set(err, BW_EIO, "%s: cannot open: %s", path, strerror(errno));
        return NULL;
    }
    char *buf = malloc(RECORD_MAX_BYTES + 1);
    size_t n = buf ? fread(buf, 1, RECORD_MAX_BYTES + 1, f) : 0;
    fclose(f);
    if (!buf) {
        *rc = bw_err_set(err, BW_ENOMEM, "out of memory");
        return NULL;
    }
    if (n > RECORD_MAX_BYTES) {
        free(buf);
        *rc = bw_err_set(err, BW_ELIMIT, "%s: larger than %u MiB", path, RECORD_MAX_BYTES >> 20);
        return NULL;
    }
    buf[n] = '\0';
    return buf;
}

static int read_item(const cJSON *a, int i, record_action *out, const char *path, bw_err *err)
{
    const cJSON *tick = cJSON_GetObjectItemCaseSensitive(a, "tick");
    const cJSON *act = cJSON_GetObjectItemCaseSensitive(a, "action");
    const cJSON *tgt = cJSON_GetObjectItemCaseSensitive(a, "target");
    const cJSON *opt = cJSON_GetObjectItemCaseSensitive(a, "option");
    if (!cJSON_IsObject(a) || !cJSON_IsNumber(tick) || !cJSON_IsString(act))
        return bw_err_set(err, BW_EINVAL, "%s: action %d needs a numeric 'tick' and an 'action' name", path, i + 1);
    double t = tick->valuedouble;
    if (t < 0 || t > SIM_MAX_DAYS * SIM_TICKS_PER_DAY || t != (double)(int)t)
        return bw_err_set(err, BW_EINVAL, "%s: action %d: tick %g is not a tick of a game", path, i + 1, t);
    int k = sim_action_parse(act->valuestring);
    if (k < 0)
        return bw_err_set(err, BW_EINVAL, "%s: action %d: unknown action '%.40s'", path, i + 1, act->valuestring);
    if (tgt && !cJSON_IsString(tgt))
        return bw_err_set(err, BW_EINVAL, "%s: action %d: 'target' must be a string", path, i + 1);
    if (opt && (!cJSON_IsNumber(opt) || opt->valuedouble < 1 || opt->valuedouble > SIM_MAX_CHOICE_OPTIONS ||
                opt->valuedouble != (double)(int)opt->valuedouble))
        return bw_err_set(err, BW_EINVAL, "%s: action %d: 'option' must be 1..%d", path, i + 1, SIM_MAX_CHOICE_OPTIONS);
    if (tgt && strlen(tgt->valuestring) >= sizeof out->target)
        return bw_err_set(err, BW_EINVAL, "%s: action %d: target too long", path, i + 1);
    out->tick = (int)t;
    out->kind = (sim_action_kind)k;
    snprintf(out->target, sizeof out->target, "%s", tgt ? tgt->valuestring : "");
    out->option = opt ? (int)opt->valuedouble : 1;
    return BW_OK;
}

static bool is_hex64(const cJSON *v)
{
    return cJSON_IsString(v) && strlen(v->valuestring) == 16 &&
           strspn(v->valuestring, "0123456789abcdefABCDEF") == 16;
}

/* The checks every reader makes: format, scenario, seed, final hash and a
 * well-formed action log in time order. */
static int parse_root(const cJSON *root, const char *path, record_log *log, bw_err *err)
{
    int rc = BW_OK;
    const cJSON *fmt = cJSON_GetObjectItemCaseSensitive(root, "format");
    const cJSON *sc = cJSON_GetObjectItemCaseSensitive(root, "scenario");
    const cJSON *hash = sc ? cJSON_GetObjectItemCaseSensitive(sc, "hash") : NULL;
    const cJSON *id = sc ? cJSON_GetObjectItemCaseSensitive(sc, "id") : NULL;
    const cJSON *seed = cJSON_GetObjectItemCaseSensitive(root, "seed");
    const cJSON *acts = cJSON_GetObjectItemCaseSensitive(root, "actions");
    if (!cJSON_IsNumber(fmt) || fmt->valuedouble != RECORD_FORMAT)
        rc = bw_err_set(err, BW_EINVAL, "%s: unsupported record format (this engine reads format %d)", path, RECORD_FORMAT);
    else if (!is_hex64(hash) || !cJSON_IsString(id) || !cJSON_IsNumber(seed) || !cJSON_IsArray(acts))
        rc = bw_err_set(err, BW_EINVAL, "%s: a record needs scenario.id, scenario.hash (16 hex digits), seed and actions", path);
    else if (seed->valuedouble < 0 || seed->valuedouble > 2147483647.0 ||
             seed->valuedouble != (double)(long)seed->valuedouble)
        rc = bw_err_set(err, BW_EINVAL, "%s: seed must be a whole number from 0 to 2147483647", path);
    else if (!is_hex64(cJSON_GetObjectItemCaseSensitive(root, "world_hash")))
        /* Without it a replay could not be checked: a record is evidence. */
        rc = bw_err_set(err, BW_EINVAL, "%s: world_hash must be the final world hash (16 hex digits)", path);
    if (rc == BW_OK) {
        log->scenario_hash = strtoull(hash->valuestring, NULL, 16);
        snprintf(log->scenario_id, sizeof log->scenario_id, "%s", id->valuestring);
        log->seed = (uint64_t)seed->valuedouble;
        log->world_hash = strtoull(cJSON_GetObjectItemCaseSensitive(root, "world_hash")->valuestring, NULL, 16);
        int n = cJSON_GetArraySize(acts);
        log->items = calloc((size_t)(n ? n : 1), sizeof *log->items);
        if (!log->items)
            rc = bw_err_set(err, BW_ENOMEM, "out of memory");
        int prev = 0, i = 0;
        const cJSON *a;
        /* Walk the list once: indexing it is quadratic, and a hostile
         * record may hold a million actions. */
        cJSON_ArrayForEach(a, acts) {
            if (rc != BW_OK)
                break;
            rc = read_item(a, i, &log->items[i], path, err);
            if (rc == BW_OK && log->items[i].tick < prev)
                rc = bw_err_set(err, BW_EINVAL, "%s: action %d goes back in time (tick %d after %d)", path, i + 1,
                                log->items[i].tick, prev);
            if (rc == BW_OK)
                prev = log->items[i].tick;
            log->count = ++i;
        }
    }
    if (rc != BW_OK)
        record_log_free(log);
    return rc;
}

/* The text parsed, or NULL with *rc and err saying why. */
static cJSON *parse_text(const char *text, const char *path, int *rc, bw_err *err)
{
    cJSON *root = text ? cJSON_Parse(text) : NULL;
    if (!root && text && json_well_formed(text))
        *rc = bw_err_set(err, BW_ENOMEM, "%s: out of memory reading the record", path);
    else if (!root)
        *rc = bw_err_set(err, BW_EINVAL, "%s: not valid JSON (a result record from 'bulwark run --json')", path);
    return root;
}

int record_log_parse(const char *text, const char *name, record_log *log, bw_err *err)
{
    memset(log, 0, sizeof *log);
    int rc = BW_OK;
    cJSON *root = parse_text(text, name, &rc, err);
    if (!root)
        return rc;
    rc = parse_root(root, name, log, err);
    cJSON_Delete(root);
    return rc;
}

int record_log_read(const char *path, record_log *log, bw_err *err)
{
    memset(log, 0, sizeof *log);
    int rc = BW_OK;
    char *text = slurp(path, &rc, err);
    if (!text)
        return rc;
    rc = record_log_parse(text, path, log, err);
    free(text);
    return rc;
}

/* ---- reading the summary ----------------------------------------------------- */

/* A whole number from lo to hi, into *out. */
static bool int_in(const cJSON *v, int lo, int hi, int *out)
{
    if (!cJSON_IsNumber(v) || v->valuedouble < lo || v->valuedouble > hi ||
        v->valuedouble != (double)(int)v->valuedouble)
        return false;
    *out = (int)v->valuedouble;
    return true;
}

/* A string of 1 to max-1 bytes with no control character. */
static bool text_in(const cJSON *v, size_t max)
{
    if (!cJSON_IsString(v) || !v->valuestring[0] || strlen(v->valuestring) >= max)
        return false;
    for (const char *c = v->valuestring; *c; c++)
        if ((unsigned char)*c < 0x20 || *c == 0x7f)
            return false;
    return true;
}

static int parse_summary(const cJSON *root, const char *name, record_summary *sum, bw_err *err)
{
    const cJSON *sc = cJSON_GetObjectItemCaseSensitive(root, "scenario");
    const cJSON *id = cJSON_GetObjectItemCaseSensitive(sc, "id");
    const cJSON *engine = cJSON_GetObjectItemCaseSensitive(root, "engine");
    const cJSON *outcome = cJSON_GetObjectItemCaseSensitive(root, "outcome");
    const cJSON *pillars = cJSON_GetObjectItemCaseSensitive(root, "pillars");
    if (!text_in(id, sizeof sum->scenario_id))
        return bw_err_set(err, BW_EINVAL, "%s: scenario.id must be 1 to %d characters, no control characters", name,
                          (int)sizeof sum->scenario_id - 1);
    if (!text_in(engine, sizeof sum->engine))
        return bw_err_set(err, BW_EINVAL, "%s: engine must name the version that played it (1 to %d characters)",
                          name, (int)sizeof sum->engine - 1);
    if (cJSON_IsString(outcome) && strcmp(outcome->valuestring, "running") == 0)
        return bw_err_set(err, BW_EINVAL, "%s: the game is still running: only a finished game has a result", name);
    if (!cJSON_IsString(outcome) || (strcmp(outcome->valuestring, "won") && strcmp(outcome->valuestring, "lost")))
        return bw_err_set(err, BW_EINVAL, "%s: outcome must be \"won\" or \"lost\"", name);
    if (!int_in(cJSON_GetObjectItemCaseSensitive(root, "stars"), 0, 3, &sum->stars))
        return bw_err_set(err, BW_EINVAL, "%s: stars must be a whole number from 0 to 3", name);
    if (!int_in(cJSON_GetObjectItemCaseSensitive(root, "ticks"), 0, SIM_MAX_DAYS * SIM_TICKS_PER_DAY, &sum->ticks))
        return bw_err_set(err, BW_EINVAL, "%s: ticks must be the game hours played (0 to %d)", name,
                          SIM_MAX_DAYS * SIM_TICKS_PER_DAY);
    for (int p = 0; p < SIM_PILLAR_COUNT; p++) {
        const char *pn = sim_pillar_name((sim_pillar)p);
        if (!int_in(cJSON_GetObjectItemCaseSensitive(pillars, pn), 0, 100, &sum->pillar[p]))
            return bw_err_set(err, BW_EINVAL, "%s: pillars.%s must be a whole number from 0 to 100", name, pn);
    }
    snprintf(sum->scenario_id, sizeof sum->scenario_id, "%s", id->valuestring);
    snprintf(sum->engine, sizeof sum->engine, "%s", engine->valuestring);
    sum->outcome = strcmp(outcome->valuestring, "won") == 0 ? SIM_OUTCOME_WON : SIM_OUTCOME_LOST;
    return BW_OK;
}

int record_summary_parse(const char *text, const char *name, record_summary *sum, bw_err *err)
{
    memset(sum, 0, sizeof *sum);
    int prc = BW_OK;
    cJSON *root = parse_text(text, name, &prc, err);
    if (!root)
        return prc;
    if (!cJSON_IsObject(root)) {
        cJSON_Delete(root);
        return bw_err_set(err, BW_EINVAL, "%s: a record is a JSON object", name);
    }
    record_log log;
    memset(&log, 0, sizeof log);
    int rc = parse_root(root, name, &log, err);
    if (rc == BW_OK)
        rc = parse_summary(root, name, sum, err);
    if (rc == BW_OK) {
        sum->scenario_hash = log.scenario_hash;
        sum->seed = log.seed;
        sum->world_hash = log.world_hash;
    }
    record_log_free(&log);
    cJSON_Delete(root);
    if (rc != BW_OK)
        memset(sum, 0, sizeof *sum);
    return rc;
}

int record_action_to_req(const sim_world *w, const record_action *a, sim_action_req *req)
{
    req->kind = a->kind;
    req->arg = a->kind == SIM_ACT_CHOOSE ? a->option - 1 : 0;
    req->target = -1;
    switch (sim_action_target_type(a->kind)) {
    case SIM_TARGET_NODE: req->target = sim_node_find(w, a->target); break;
    case SIM_TARGET_ACTOR: req->target = sim_actor_find(w, a->target); break;
    case SIM_TARGET_REPORT: req->target = sim_report_find(w, a->target); break;
    case SIM_TARGET_AREA: req->target = sim_area_parse(a->target); break;
    case SIM_TARGET_CHOICE: {
        char *end = NULL;
        long v = strtol(a->target, &end, 10);
        req->target = end != a->target && *end == '\0' && v >= 1 && v <= 1000000 ? (int)v - 1 : -1;
        break;
    }
    default: return BW_OK;
    }
    return req->target >= 0 ? BW_OK : BW_ENOTFOUND;
}

/* ---- replaying ------------------------------------------------------------------- */

int record_replay_due(script_scenario *s, const record_log *log, int *next, bw_err *err)
{
    const sim_world *w = script_scenario_cworld(s);
    while (*next < log->count && log->items[*next].tick == sim_world_tick(w)) {
        const record_action *a = &log->items[*next];
        sim_action_req req;
        if (record_action_to_req(w, a, &req) < 0)
            return bw_err_set(err, BW_EINVAL, "replay: action %d (%s) names an unknown target '%s'",
                              *next + 1, sim_action_name(a->kind), a->target);
        bw_err ae;
        if (script_scenario_act(s, &req, &ae) < 0)
            return bw_err_set(err, ae.code == BW_ESCRIPT || ae.code == BW_ELIMIT ? ae.code : BW_EINVAL,
                              "replay diverged at tick %d: action %d (%s %s) was refused: %s", a->tick,
                              *next + 1, sim_action_name(a->kind), a->target, ae.msg);
        (*next)++;
    }
    if (*next < log->count && log->items[*next].tick < sim_world_tick(w))
        return bw_err_set(err, BW_EINVAL, "replay: action %d is at tick %d, which has passed",
                          *next + 1, log->items[*next].tick);
    return BW_OK;
}

int record_replay(script_scenario *s, const record_log *log, bw_err *err)
{
    int next = 0;
    while (!sim_world_over(script_scenario_cworld(s))) {
        int rc = record_replay_due(s, log, &next, err);
        if (rc == BW_OK)
            rc = script_scenario_step(s, err);
        if (rc < 0)
            return rc;
    }
    if (next < log->count)
        return bw_err_set(err, BW_EINVAL, "replay: %d action%s left after the game ended",
                          log->count - next, log->count - next == 1 ? "" : "s");
    return BW_OK;
}

/* ---- who submitted it --------------------------------------------------------------------- */

char *record_with_who(const char *text, const record_who *who, bw_err *err)
{
    cJSON *root = text ? cJSON_Parse(text) : NULL;
    if (!cJSON_IsObject(root)) {
        cJSON_Delete(root);
        bw_err_set(err, BW_EINVAL, "the result record is not a JSON object");
        return NULL;
    }
    cJSON_DeleteItemFromObjectCaseSensitive(root, "submitted_by");
    cJSON *by = cJSON_AddObjectToObject(root, "submitted_by");
    char *out = NULL;
    if (by && cJSON_AddStringToObject(by, "player", who->player) && cJSON_AddStringToObject(by, "team", who->team) &&
        cJSON_AddStringToObject(by, "workshop", who->workshop))
        out = cJSON_Print(root);
    cJSON_Delete(root);
    if (!out)
        bw_err_set(err, BW_ENOMEM, "out of memory stamping the result record");
    return out;
}

static void who_field(const cJSON *by, const char *key, char *dst)
{
    const cJSON *v = cJSON_GetObjectItemCaseSensitive(by, key);
    snprintf(dst, RECORD_WHO_MAX, "%s", cJSON_IsString(v) && v->valuestring ? v->valuestring : "");
}

bool record_who_get(const char *text, record_who *who)
{
    memset(who, 0, sizeof *who);
    cJSON *root = text ? cJSON_Parse(text) : NULL;
    const cJSON *by = cJSON_GetObjectItemCaseSensitive(root, "submitted_by");
    bool have = cJSON_IsObject(by);
    if (have) {
        who_field(by, "player", who->player);
        who_field(by, "team", who->team);
        who_field(by, "workshop", who->workshop);
    }
    cJSON_Delete(root);
    return have;
}
