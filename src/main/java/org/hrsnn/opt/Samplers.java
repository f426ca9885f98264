package org.hrsnn.opt;

import org.apache.commons.math3.random.SobolSequenceGenerator;
import org.apache.commons.rng.UniformRandomProvider;
import org.hrsnn.random.Seeds;

import java.util.List;

/** Ready-made samplers that need no model: independent uniform and scrambled Sobol. */
public final class Samplers {
    private Samplers() {}

    public static Sampler random(long seed) {
        return new Sampler() {
            public double[] suggest(SearchSpace space, int trial, List<Observation> finished, List<double[]> pending) {
                UniformRandomProvider rng = Seeds.rng(Seeds.derive(seed, trial));
                double[] u = new double[space.dimension()];
                for (int d = 0; d < u.length; d++) u[d] = rng.nextDouble();
                return space.snap(u);
            }

            public String name() { return "random"; }
        };
    }

    /** Point {@code trial} of the Sobol sequence, scrambled by a random digital shift drawn from the seed. */
    public static Sampler sobol(long seed) {
        return new Sampler() {
            public double[] suggest(SearchSpace space, int trial, List<Observation> finished, List<double[]> pending) {
                return space.snap(sobolPoint(space.dimension(), seed, trial));
            }

            public String name() { return "sobol"; }
        };
    }

    private static final double SCALE = 0x1p52;

    /** One generator per dimension: building one parses the direction numbers, which is slow. */
    private static final java.util.concurrent.ConcurrentHashMap<Integer, SobolSequenceGenerator> GENERATORS =
            new java.util.concurrent.ConcurrentHashMap<>();

    /**
     * The {@code index}-th point of a digitally shifted Sobol sequence: each coordinate's 52-bit binary
     * expansion is XORed with a fixed random mask, which keeps the net's stratification.
     */
    public static double[] sobolPoint(int dimension, long seed, int index) {
        SobolSequenceGenerator g = GENERATORS.computeIfAbsent(dimension, SobolSequenceGenerator::new);
        double[] p;
        synchronized (g) { // skipTo computes point `index` directly but reuses the generator's buffers
            p = g.skipTo(index).clone();
        }
        UniformRandomProvider rng = Seeds.rng(seed, "sobol.shift");
        for (int d = 0; d < dimension; d++) {
            long shift = rng.nextLong() >>> 12;
            long bits = (long) (p[d] * SCALE) ^ shift;
            p[d] = (bits + 0.5) / SCALE;
        }
        return p;
    }
}
