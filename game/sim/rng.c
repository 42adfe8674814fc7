/* rng.c — PCG32 (XSH RR 64/32), after M. E. O'Neill, pcg-random.org.
 *
 * The simulation's only source of chance. Its state is two integers, so a
 * world hashes and replays exactly. Never seeded from the clock here: the
 * caller passes the seed. */
#include "bulwark/sim.h"

void sim_rng_seed(sim_rng *r, uint64_t seed, uint64_t stream)
{
    r->state = 0u;
    r->inc = (stream << 1u) | 1u;
    (void)sim_rng_next(r);
    r->state += seed;
    (void)sim_rng_next(r);
}

uint32_t sim_rng_next(sim_rng *r)
{
    uint64_t old = r->state;
    r->state = old * 6364136223846793005ULL + r->inc;
    uint32_t xorshifted = (uint32_t)(((old >> 18u) ^ old) >> 27u);
    uint32_t rot = (uint32_t)(old >> 59u);
    return (xorshifted >> rot) | (xorshifted << ((-rot) & 31u));
}

/* Lemire's nearly-divisionless method would be faster; the threshold
 * rejection of the PCG reference is simpler and fast enough here. */
uint32_t sim_rng_below(sim_rng *r, uint32_t bound)
{
    if (bound == 0)
        return 0;
    uint32_t threshold = (uint32_t)(-bound) % bound;
    for (;;) {
        uint32_t x = sim_rng_next(r);
        if (x >= threshold)
            return x % bound;
    }
}

bool sim_rng_chance(sim_rng *r, uint32_t ppm)
{
    if (ppm == 0)
        return false; /* no draw: a zero chance must not disturb the stream */
    if (ppm >= 1000000u)
        return true;
    return sim_rng_below(r, 1000000u) < ppm;
}
