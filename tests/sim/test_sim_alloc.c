/* test_sim_alloc.c — fault injection through the allocator hook, after
 * SQLite's malloc tests: fail the N-th allocation, for every N until a run
 * completes untouched, through world creation, 200 ticks with hooks that
 * call back into the world, and the player's actions. Every call either
 * succeeds or says BW_ENOMEM with a message; BW_ENOMEM is never claimed
 * when nothing failed, a failure is never swallowed by a step, a refused
 * call changes nothing, and at the end no byte is left outstanding.
 *
 * The allocator keeps each block's size in a header, so that it also
 * checks the osize the world passes back is the size it asked for. */
#include "sim/fixtures.h"

#define DAY SIM_TICKS_PER_DAY
#define TICKS 200

typedef struct counting {
    long calls;        /* allocations and growths asked for */
    long fail_at;      /* 1-based; 0 never fails */
    bool persistent;   /* fail every call from fail_at on */
    long failures;
    long long bytes;   /* outstanding */
    long blocks;
    long bad_sizes;    /* frees or growths with a wrong osize */
} counting;

#define HDR sizeof(max_align_t)

static void *counting_alloc(void *ud, void *ptr, size_t osize, size_t nsize)
{
    counting *c = ud;
    char *base = ptr ? (char *)ptr - HDR : NULL;
    size_t old = 0;
    if (base) {
        memcpy(&old, base, sizeof old);
        if (old != osize)
            c->bad_sizes++;
    }
    if (nsize == 0) {
        if (base) {
            c->bytes -= (long long)old;
            c->blocks--;
            free(base);
        }
        return NULL;
    }
    c->calls++;
    if (c->fail_at && (c->calls == c->fail_at || (c->persistent && c->calls > c->fail_at))) {
        c->failures++;
        return NULL; /* the old block, if any, stays valid */
    }
    char *nb = realloc(base, nsize + HDR);
    if (!nb)
        fail_msg("the real allocator failed");
    memcpy(nb, &nsize, sizeof nsize);
    c->bytes += (long long)nsize - (long long)old;
    if (!base)
        c->blocks++;
    return nb + HDR;
}

/* ---- the scenario --------------------------------------------------------- */

enum { WEB, VPN, DB, PEER };

static void alloc_world(fx *f)
{
    fx_init(f, 10);
    f->def.weakness_rate_ppm = 200000; /* plenty of new weaknesses to store */
    f->def.defender.budget = 1000;
    fx_node(f, "web", SIM_NODE_WEB, SIM_ZONE_DMZ, 300, 5000, 0);
    fx_node(f, "vpn", SIM_NODE_VPN, SIM_ZONE_DMZ, 200, 50, 0);
    fx_node(f, "db", SIM_NODE_DATABASE, SIM_ZONE_INTERNAL, 900, 5000, 0);
    fx_node(f, "peer", SIM_NODE_PARTNER, SIM_ZONE_PARTNER, 500, 100, 0);
    f->nodes[VPN].leaked_credentials = true;
    fx_link(f, "web", "db", SIM_LINK_NETWORK);
    fx_link(f, "vpn", "db", SIM_LINK_TRUST);
    fx_link(f, "web", "peer", SIM_LINK_NETWORK);
    fx_vuln(f, "sqli", "web", 98);
    fx_vuln(f, "rce", "vpn", 90)->known_to_defender = false;
    uint32_t access = FX_TECH(SIM_T1190) | FX_TECH(SIM_T1078) | FX_TECH(SIM_T1133) |
                      FX_TECH(SIM_T1498);
    fx_actor(f, "late", SIM_MOTIVE_ESPIONAGE, 5, access)->active_from = 100;
    fx_actor(f, "crew", SIM_MOTIVE_MONEY, 5, access)->attempts_per_day = 24;
    fx_actor(f, "flag", SIM_MOTIVE_IDEOLOGY, 4, access)->attempts_per_day = 24;
    fx_report(f, "r1", "rce", DAY, 3 * DAY);
    fx_objective(f, "keep-db", SIM_OBJ_NODE_NEVER_LOST, "db", 0);
    fx_objective(f, "story", SIM_OBJ_SCRIPT, NULL, 0);
}

typedef struct ctx {
    counting *c;
    long accounted;    /* failures a hook's call reported as BW_ENOMEM itself */
    int calls;
} ctx;

/* A primitive returned rc. BW_ENOMEM only if an allocation failed during
 * it, then with a reason and (for refusable calls) no change; anything
 * else negative is a test bug. */
static void check_call(ctx *x, const char *what, int rc, const bw_err *err, long failures_before,
                       uint64_t hash_before, const sim_world *w)
{
    x->calls++;
    long failed = x->c->failures - failures_before;
    if (rc == BW_ENOMEM) {
        if (failed == 0)
            fail_msg("%s at tick %d: BW_ENOMEM though no allocation failed (%s)", what,
                     sim_world_tick(w), err->msg);
        if (!err->msg[0])
            fail_msg("%s: BW_ENOMEM without a reason", what);
        if (sim_world_hash(w) != hash_before)
            fail_msg("%s at tick %d: refused for memory but changed the world", what,
                     sim_world_tick(w));
        x->accounted += failed;
    } else if (rc < 0) {
        fail_msg("%s at tick %d: unexpected %s: %s", what, sim_world_tick(w), bw_err_name(rc),
                 err->msg);
    }
}

#define CALL(x, w, what, expr)                                                          \
    do {                                                                                \
        bw_err err_ = { 0, "" };                                                        \
        bw_err *err = &err_;                                                            \
        long before_ = (x)->c->failures;                                                \
        uint64_t hash_ = sim_world_hash(w);                                             \
        int rc_ = (expr);                                                               \
        check_call((x), (what), rc_, err, before_, hash_, (w));                         \
    } while (0)

static const char *const options[] = { "Pay", "Restore", "Report to the police" };

static void on_event(void *ud, sim_world *w, uint32_t cookie)
{
    ctx *x = ud;
    CALL(x, w, "choice from a hook",
         sim_choice_open(w, "The crew wants money.", options, 3, 5, 1, 0, cookie, err));
    int at = sim_world_tick(w) + 7;
    if (at <= sim_world_days(w) * DAY)
        CALL(x, w, "event from a hook", sim_event_schedule(w, at, cookie + 1, err));
}

static void on_choice(void *ud, sim_world *w, uint32_t cookie, int option)
{
    ctx *x = ud;
    (void)cookie;
    (void)option;
    CALL(x, w, "message from on_choice", sim_message(w, "The decision is made.", -1, err));
}

static void on_tick(void *ud, sim_world *w)
{
    ctx *x = ud;
    if (sim_world_tick(w) % 6 == 0)
        CALL(x, w, "message from on_tick", sim_message(w, "Another quiet hour.", WEB, err));
}

static void on_action(void *ud, sim_world *w, sim_action_kind kind, int target, int arg)
{
    ctx *x = ud;
    (void)target;
    (void)arg;
    if (kind == SIM_ACT_TRAIN)
        CALL(x, w, "objective from on_action", sim_objective_set(w, 1, true, err));
}

/* The player's part: valid at these ticks whatever the attackers did. */
static void player(ctx *x, sim_world *w, int t, int *choice)
{
    static const sim_vuln_def zero_day = { .id = "zero", .node = "db", .cwe = 787,
                                           .severity_tenths = 95, .fix_available = false,
                                           .known_to_attackers = true };
    static const sim_report_def late_report = { "r2", "sqli", "Grace", 3 * DAY, 2 * DAY };
    sim_action_req req = { SIM_ACT_LOGGING, DB, 0 };
    switch (t) {
    case 0:
        CALL(x, w, "logging", sim_action_start(w, &req, err));
        CALL(x, w, "schedule", sim_event_schedule(w, 10, 100, err));
        break;
    case 5:
        CALL(x, w, "plant", sim_intrusion_plant(w, 0, DB, SIM_T1133, err));
        CALL(x, w, "zero-day", sim_vuln_add(w, &zero_day, err));
        break;
    case 20:
        req = (sim_action_req){ SIM_ACT_TRAIN, SIM_AREA_PW, 0 };
        CALL(x, w, "train", sim_action_start(w, &req, err));
        CALL(x, w, "report", sim_report_add(w, &late_report, err));
        break;
    case 40: {
        req = (sim_action_req){ SIM_ACT_JOIN_SHARING, -1, 0 };
        CALL(x, w, "join", sim_action_start(w, &req, err));
        bw_err e;
        long before = x->c->failures;
        uint64_t h = sim_world_hash(w);
        *choice = sim_choice_open(w, "Hire a consultant?", options, 2, 24, 0, -1, 7, &e);
        check_call(x, "choice", *choice, &e, before, h, w);
        break;
    }
    case 41:
        if (*choice >= 0) {
            req = (sim_action_req){ SIM_ACT_CHOOSE, *choice, 1 };
            CALL(x, w, "choose", sim_action_start(w, &req, err));
        }
        break;
    case 60:
        req = (sim_action_req){ SIM_ACT_SECURITY_TXT, -1, 0 };
        CALL(x, w, "security.txt", sim_action_start(w, &req, err));
        break;
    case 80:
        req = (sim_action_req){ SIM_ACT_MFA, WEB, 0 };
        CALL(x, w, "mfa", sim_action_start(w, &req, err));
        CALL(x, w, "message", sim_message(w, "The board asks for a report.", -1, err));
        break;
    case 120:
        req = (sim_action_req){ SIM_ACT_EDR, DB, 0 };
        CALL(x, w, "edr", sim_action_start(w, &req, err));
        CALL(x, w, "indicator", sim_indicator_receive(w, 1, err));
        break;
    default:
        break;
    }
}

typedef struct outcome {
    bool created;
    int ticks_run;
    int step_failures;
} outcome;

static outcome scenario(counting *c)
{
    outcome out = { false, 0, 0 };
    fx f;
    alloc_world(&f);
    bw_err err = { 0, "" };
    long before = c->failures;
    sim_world *w = sim_world_create(fx_def(&f), 11, counting_alloc, c, &err);
    if (!w) {
        if (c->failures == before)
            fail_msg("creation failed though no allocation did: %s", err.msg);
        assert_int_equal(err.code, BW_ENOMEM);
        assert_true(err.msg[0] != '\0');
        if (c->bytes != 0 || c->blocks != 0)
            fail_msg("a failed creation left %lld bytes in %ld blocks", c->bytes, c->blocks);
        return out;
    }
    out.created = true;
    ctx x = { c, 0, 0 };
    sim_hooks hooks = { .ud = &x, .on_event = on_event, .on_choice = on_choice,
                        .on_action = on_action, .on_tick = on_tick };
    sim_world_set_hooks(w, &hooks);
    int choice = -1;
    for (int t = 0; t < TICKS; t++) {
        player(&x, w, t, &choice);
        before = c->failures;
        x.accounted = 0;
        bw_err_clear(&err);
        int rc = sim_world_step(w, &err);
        long unreported = c->failures - before - x.accounted;
        if (rc == BW_ENOMEM) {
            out.step_failures++;
            if (unreported == 0)
                fail_msg("tick %d: BW_ENOMEM though every failure was reported elsewhere",
                         sim_world_tick(w));
            assert_true(err.msg[0] != '\0');
        } else if (rc != BW_OK) {
            fail_msg("tick %d: unexpected %s: %s", sim_world_tick(w), bw_err_name(rc), err.msg);
        } else if (unreported != 0) {
            fail_msg("tick %d: %ld failed allocation(s) swallowed by a step that said BW_OK",
                     sim_world_tick(w), unreported);
        }
        out.ticks_run++;
    }
    assert_int_equal(sim_world_tick(w), TICKS);
    assert_true(x.calls > 20);
    sim_world_destroy(w);
    if (c->bytes != 0 || c->blocks != 0)
        fail_msg("%lld bytes in %ld blocks outstanding after destroy", c->bytes, c->blocks);
    if (c->bad_sizes)
        fail_msg("%ld frees or growths passed a wrong old size", c->bad_sizes);
    return out;
}

static long sweep(bool persistent)
{
    counting clean = { 0 };
    outcome o = scenario(&clean);
    assert_true(o.created);
    assert_int_equal(clean.failures, 0);
    assert_true(clean.calls > 20); /* the run grows the world many times */
    long create_failures = 0, step_failures = 0, n;
    for (n = 1;; n++) {
        counting c = { 0 };
        c.fail_at = n;
        c.persistent = persistent;
        o = scenario(&c);
        if (c.failures == 0)
            break; /* past the last allocation: the run completed untouched */
        create_failures += !o.created;
        step_failures += o.step_failures;
        assert_true(n <= clean.calls);
    }
    assert_int_equal(n, clean.calls + 1);
    assert_true(create_failures > 0);
    assert_true(step_failures > 0);
    return n;
}

static void test_failing_any_one_allocation_is_reported_and_leaks_nothing(void **state)
{
    (void)state;
    sweep(false);
}

static void test_running_out_of_memory_for_good_is_survived(void **state)
{
    (void)state;
    sweep(true);
}

static void test_destroying_a_world_returns_every_byte(void **state)
{
    (void)state;
    counting c = { 0 };
    fx f;
    alloc_world(&f);
    sim_world *w = sim_world_create(fx_def(&f), 1, counting_alloc, &c, NULL);
    assert_non_null(w);
    assert_true(c.bytes > 0);
    fx_step(w, 10 * DAY);
    assert_true(sim_world_over(w));
    sim_world_destroy(w);
    assert_int_equal(c.bytes, 0);
    assert_int_equal(c.blocks, 0);
    assert_int_equal(c.bad_sizes, 0);
}

/* A step's own allocation fails (the log is full and cannot grow), then a
 * hook opens a choice while memory is back: the choice is opened, and the
 * step still reports the failure it had. */
typedef struct window {
    counting *c;
    int choice_rc;
} window;

static void open_when_memory_returns(void *ud, sim_world *w, uint32_t cookie)
{
    window *x = ud;
    x->c->persistent = false;
    x->c->fail_at = 0; /* memory is back */
    bw_err err = { 0, "" };
    x->choice_rc = sim_choice_open(w, "Now what?", options, 2, 5, 0, -1, cookie, &err);
}

static void test_a_hook_call_neither_inherits_nor_hides_a_step_failure(void **state)
{
    (void)state;
    counting c = { 0 };
    fx f;
    fx_init(&f, 2);
    fx_node(&f, "web", SIM_NODE_WEB, SIM_ZONE_DMZ, 100, 100, 0);
    fx_actor(&f, "x", SIM_MOTIVE_THRILL, 1, FX_TECH(SIM_T1021));
    fx_vuln(&f, "later", "web", 50)->appears_at = 1; /* logged at tick 1, before events */
    sim_world *w = sim_world_create(fx_def(&f), 1, counting_alloc, &c, NULL);
    assert_non_null(w);
    while (sim_log_count(w) < 32) /* a full log: the next entry must grow it */
        assert_int_equal(sim_message(w, "filler", -1, NULL), BW_OK);
    window x = { &c, 0 };
    sim_hooks hooks = { .ud = &x, .on_event = open_when_memory_returns };
    sim_world_set_hooks(w, &hooks);
    assert_int_equal(sim_event_schedule(w, 1, 5, NULL), BW_OK);
    c.fail_at = c.calls + 1;
    c.persistent = true;
    bw_err err = { 0, "" };
    int rc = sim_world_step(w, &err);
    assert_true(c.failures > 0);
    assert_int_equal(x.choice_rc, 0);         /* opened: its own allocations worked */
    assert_int_equal(sim_choice_count(w), 1);
    assert_int_equal(rc, BW_ENOMEM);          /* the log entry that was lost is reported */
    sim_world_destroy(w);
    assert_int_equal(c.bytes, 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_destroying_a_world_returns_every_byte),
        cmocka_unit_test(test_failing_any_one_allocation_is_reported_and_leaks_nothing),
        cmocka_unit_test(test_running_out_of_memory_for_good_is_survived),
        cmocka_unit_test(test_a_hook_call_neither_inherits_nor_hides_a_step_failure),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
