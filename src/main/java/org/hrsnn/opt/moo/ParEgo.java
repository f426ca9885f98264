package org.hrsnn.opt.moo;

import org.apache.commons.rng.UniformRandomProvider;
import org.hrsnn.opt.Observation;
import org.hrsnn.opt.SearchSpace;
import org.hrsnn.opt.gp.GpSampler;
import org.hrsnn.random.Seeds;

import java.util.ArrayList;
import java.util.List;

/**
 * ParEGO (Knowles 2006) for two objectives: each proposal draws a weight w from {0, 0.1, ..., 1} (seeded by
 * the trial number), scales each objective to [0, 1] by its observed range, scalarises with the augmented
 * Chebyshev function max(w f1, (1 - w) f2) + 0.05 (w f1 + (1 - w) f2), and lets GP-BO propose for that
 * single objective. A proposal is a function of the data, the seed and the trial number, as for GP-BO.
 */
public final class ParEgo {
    static final double RHO = 0.05;
    private final long seed;
    private final GpSampler gp;

    public ParEgo(long seed, int initialPoints) {
        this.seed = seed;
        // the whole cube, not the default trust region: the scalarisation changes with every trial, so a
        // history of improvements, which sizes the trust region, has no meaning across trials
        this.gp = GpSampler.global(seed, initialPoints);
    }

    /** The weight of the first objective for {@code trial}. */
    double weight(int trial) {
        UniformRandomProvider rng = Seeds.rng(Seeds.derive(seed, trial), "parego.weight");
        return rng.nextInt(11) / 10.0;
    }

    /** Augmented Chebyshev scalarisation of objectives already scaled to [0, 1]. */
    static double scalarise(double w, double f1, double f2) {
        return Math.max(w * f1, (1 - w) * f2) + RHO * (w * f1 + (1 - w) * f2);
    }

    /** @param objectives per point of {@code x}: {f1, f2}, or null for a failed evaluation */
    public double[] suggest(SearchSpace space, int trial, List<double[]> x, List<double[]> objectives) {
        return suggest(space, trial, x, objectives, List.of());
    }

    /** As above, with the points of trials still running (fantasised by the GP, as for one objective). */
    public double[] suggest(SearchSpace space, int trial, List<double[]> x, List<double[]> objectives, List<double[]> pending) {
        double[] lo = {Double.POSITIVE_INFINITY, Double.POSITIVE_INFINITY}, hi = {Double.NEGATIVE_INFINITY, Double.NEGATIVE_INFINITY};
        for (double[] f : objectives)
            if (f != null)
                for (int k = 0; k < 2; k++) {
                    lo[k] = Math.min(lo[k], f[k]);
                    hi[k] = Math.max(hi[k], f[k]);
                }
        double w = weight(trial);
        List<Observation> scalar = new ArrayList<>();
        for (int i = 0; i < x.size(); i++) {
            double[] f = objectives.get(i);
            if (f == null) {
                scalar.add(Observation.failure(x.get(i)));
                continue;
            }
            double a = hi[0] > lo[0] ? (f[0] - lo[0]) / (hi[0] - lo[0]) : 0, b = hi[1] > lo[1] ? (f[1] - lo[1]) / (hi[1] - lo[1]) : 0;
            scalar.add(Observation.of(x.get(i), scalarise(w, a, b)));
        }
        return gp.suggest(space, trial, scalar, pending);
    }
}
