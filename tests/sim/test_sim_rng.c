/* test_sim_rng.c — the simulation's one generator is PCG32, bit for bit.
 *
 * The reference below is O'Neill's pcg32_random_r / pcg32_srandom_r from
 * pcg-c-basic, written out here independently of game/sim/rng.c, so that a
 * change to the engine's generator (which would break every replay) fails
 * here rather than silently. */
#include "sim/fixtures.h"

typedef struct pcg32_random_t {
    uint64_t state;
    uint64_t inc;
} pcg32_random_t;

static uint32_t pcg32_random_r(pcg32_random_t *rng)
{
    uint64_t oldstate = rng->state;
    rng->state = oldstate * 6364136223846793005ULL + rng->inc;
    uint32_t xorshifted = (uint32_t)(((oldstate >> 18u) ^ oldstate) >> 27u);
    uint32_t rot = (uint32_t)(oldstate >> 59u);
    return (xorshifted >> rot) | (xorshifted << ((-rot) & 31u));
}

static void pcg32_srandom_r(pcg32_random_t *rng, uint64_t initstate, uint64_t initseq)
{
    rng->state = 0u;
    rng->inc = (initseq << 1u) | 1u;
    pcg32_random_r(rng);
    rng->state += initstate;
    pcg32_random_r(rng);
}

static void test_pcg32_reproduces_the_published_demo_output(void **state)
{
    (void)state;
    /* pcg32-demo from pcg-c-basic seeds (42, 54) and prints these. */
    static const uint32_t expected[] = { 0xa15c02b7u, 0x7b47f409u, 0xba1d3330u,
                                         0x83d2f293u, 0xbfa4784bu, 0xcbed606eu };
    sim_rng r;
    sim_rng_seed(&r, 42u, 54u);
    for (size_t i = 0; i < sizeof expected / sizeof expected[0]; i++)
        assert_int_equal(sim_rng_next(&r), expected[i]);
}

static void test_pcg32_matches_the_reference_for_many_seeds_and_streams(void **state)
{
    (void)state;
    static const uint64_t seeds[][2] = {
        { 0, 0 }, { 1, 1 }, { 42, 54 }, { 0xffffffffffffffffull, 0 },
        { 20240601, 0x42756c7761726bull }, { 0x123456789abcdefull, 0xfedcba9876543210ull },
    };
    for (size_t s = 0; s < sizeof seeds / sizeof seeds[0]; s++) {
        sim_rng r;
        pcg32_random_t ref;
        sim_rng_seed(&r, seeds[s][0], seeds[s][1]);
        pcg32_srandom_r(&ref, seeds[s][0], seeds[s][1]);
        assert_true(r.state == ref.state && r.inc == ref.inc);
        for (int i = 0; i < 1000; i++)
            assert_int_equal(sim_rng_next(&r), pcg32_random_r(&ref));
    }
}

static void test_different_streams_give_different_sequences(void **state)
{
    (void)state;
    sim_rng a, b;
    sim_rng_seed(&a, 7, 1);
    sim_rng_seed(&b, 7, 2);
    int same = 0;
    for (int i = 0; i < 100; i++)
        same += sim_rng_next(&a) == sim_rng_next(&b);
    assert_true(same < 3);
}

static void test_below_stays_below_its_bound(void **state)
{
    (void)state;
    static const uint32_t bounds[] = { 1, 2, 3, 7, 10, 1000, 1000000, 0x7fffffffu,
                                       0x80000001u, 0xfffffffeu, 0xffffffffu };
    sim_rng r;
    sim_rng_seed(&r, 99, 3);
    for (size_t b = 0; b < sizeof bounds / sizeof bounds[0]; b++)
        for (int i = 0; i < 2000; i++)
            assert_true(sim_rng_below(&r, bounds[b]) < bounds[b]);
}

static void test_below_zero_returns_zero(void **state)
{
    (void)state;
    sim_rng r;
    sim_rng_seed(&r, 5, 5);
    for (int i = 0; i < 10; i++)
        assert_int_equal(sim_rng_below(&r, 0), 0);
}

static void test_below_is_roughly_uniform(void **state)
{
    (void)state;
    enum { BUCKETS = 10, DRAWS = 200000 };
    int count[BUCKETS] = { 0 };
    sim_rng r;
    sim_rng_seed(&r, 2024, 11);
    for (int i = 0; i < DRAWS; i++)
        count[sim_rng_below(&r, BUCKETS)]++;
    /* Expected 20000 each, sd ~134: ±1000 is more than 7 sd. */
    for (int k = 0; k < BUCKETS; k++)
        assert_in_range(count[k], DRAWS / BUCKETS - 1000, DRAWS / BUCKETS + 1000);

    /* A bound just over 2^31 is where modulo bias would be worst: the low
     * half would come up twice as often as the high half. */
    int low = 0;
    const uint32_t big = 0x80000001u + 0x40000000u;
    for (int i = 0; i < 20000; i++)
        low += sim_rng_below(&r, big) < big / 2;
    assert_in_range(low, 9000, 11000);
}

static void test_chance_zero_never_happens_and_draws_nothing(void **state)
{
    (void)state;
    sim_rng r, before;
    sim_rng_seed(&r, 1, 1);
    before = r;
    for (int i = 0; i < 10000; i++)
        assert_false(sim_rng_chance(&r, 0));
    assert_true(r.state == before.state);
}

static void test_chance_of_a_million_always_happens(void **state)
{
    (void)state;
    sim_rng r;
    sim_rng_seed(&r, 1, 1);
    for (int i = 0; i < 10000; i++) {
        assert_true(sim_rng_chance(&r, 1000000u));
        assert_true(sim_rng_chance(&r, 2000000u));
    }
}

static void test_chance_follows_its_parts_per_million(void **state)
{
    (void)state;
    static const struct { uint32_t ppm; int lo, hi; } cases[] = {
        { 1, 0, 3 },              /* 100000 draws: 0.1 expected */
        { 10000, 850, 1150 },     /* 1 %: 1000 expected */
        { 500000, 49000, 51000 }, /* a coin */
        { 999999, 99990, 100000 },
    };
    for (size_t c = 0; c < sizeof cases / sizeof cases[0]; c++) {
        sim_rng r;
        sim_rng_seed(&r, 77, c);
        int hits = 0;
        for (int i = 0; i < 100000; i++)
            hits += sim_rng_chance(&r, cases[c].ppm);
        assert_in_range(hits, cases[c].lo, cases[c].hi);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_pcg32_reproduces_the_published_demo_output),
        cmocka_unit_test(test_pcg32_matches_the_reference_for_many_seeds_and_streams),
        cmocka_unit_test(test_different_streams_give_different_sequences),
        cmocka_unit_test(test_below_stays_below_its_bound),
        cmocka_unit_test(test_below_zero_returns_zero),
        cmocka_unit_test(test_below_is_roughly_uniform),
        cmocka_unit_test(test_chance_zero_never_happens_and_draws_nothing),
        cmocka_unit_test(test_chance_of_a_million_always_happens),
        cmocka_unit_test(test_chance_follows_its_parts_per_million),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
