package org.hrsnn.random;

import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.simple.RandomSource;

/**
 * Independent random streams derived from one seed. Each part of the network (each population, each
 * pathway, the STDP parameters, the input noise, the background noise of each population) draws from its
 * own stream, so changing one part of a spec does not reshuffle the others.
 */
public final class Seeds {
    private Seeds() {}

    /** SplitMix64 finaliser: a bijective mix with good avalanche. */
    public static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
        z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
        return z ^ (z >>> 31);
    }

    /** A seed for the named stream of {@code seed}. */
    public static long derive(long seed, String stream) {
        long h = mix(seed + 0x9e3779b97f4a7c15L);
        for (int i = 0; i < stream.length(); i++) h = mix(h ^ stream.charAt(i));
        return h;
    }

    /** A seed for sub-stream {@code index} of {@code seed} (for example trial numbers). */
    public static long derive(long seed, long index) {
        return mix(mix(seed + 0x9e3779b97f4a7c15L) ^ mix(index));
    }

    public static UniformRandomProvider rng(long seed) {
        return RandomSource.XO_RO_SHI_RO_128_PP.create(seed);
    }

    public static UniformRandomProvider rng(long seed, String stream) {
        return rng(derive(seed, stream));
    }
}
