package org.hrsnn.opt.gp;

import org.hrsnn.opt.Observation;

import java.util.List;

/**
 * The trust region of TuRBO-1 (Eriksson et al. 2019, "Scalable global optimization via local Bayesian
 * optimization"): GP proposals are confined to a box around the incumbent whose base side {@code length}
 * (unit-cube units) starts at 0.8, doubles after {@link #SUCCESS_TOLERANCE} successive improvements (up to
 * 1.6), halves after max(4, D) successive proposals without one, and starts again at 0.8 when it falls
 * below 0.5^7. Per dimension the side is length times l_d / (geometric mean of the l), l the GP's ARD
 * length scales, so the box is long where the objective varies slowly.
 *
 * <p>Two departures from TuRBO, both so that a proposal stays a pure function of the observations, the
 * seed and the trial number (studies resume and reproduce): the state is not kept between proposals but
 * {@link #replay replayed} from the history in trial order, and a restart keeps the data (TuRBO discards
 * them and draws a new initial design); the box then grows back to 0.8 around the same incumbent, where
 * expected improvement now favours the unexplored parts.
 *
 * <p>Optionally ({@code stallHalvings} k > 0) a region that has halved k times below its initial size
 * (k * max(4, D) proposals without an improvement, less any growth in between) is abandoned rather than
 * shrunk further: the next proposal is global ({@link #global}), and the region restarts at the initial
 * size around the best point found since that proposal ({@link #start}), the rest of the data kept for the
 * model. The best point overall stays the recommendation. TuRBO restarts only when the box collapses below
 * 0.5^7, which within 100 evaluations hardly ever happens, so a region stays in the first basin it finds.
 *
 * @param length    base side of the box in unit-cube units
 * @param successes successive improvements since the last change of size
 * @param failures  successive proposals without improvement since the last change of size
 * @param restarts  times the box collapsed (or stalled) and started again
 * @param start     index of the first observation of the current region (0 without stall restarts): the
 *                  region is centred on, and counts improvements against, the best point from here on
 * @param global    the next proposal is the global one that starts a new region
 */
public record TrustRegion(double length, int successes, int failures, int restarts, int start, boolean global) {
    static final double INITIAL = 0.8, MIN = Math.pow(0.5, 7), MAX = 1.6;
    static final int SUCCESS_TOLERANCE = 3;
    /** An improvement must beat the incumbent by this fraction of the observed range (TuRBO: of |best|, which depends on the origin). */
    static final double IMPROVEMENT = 1e-3;
    /**
     * Length scales are clamped to TuRBO's GP bounds before they shape the box: our fit lets an ignored
     * input's length scale reach 100, which would shrink the relevant dimensions' sides by the geometric
     * mean (measured on Hartmann-6 in 30-D: sides of 0.004 with the raw length scales).
     */
    static final double MIN_LENGTHSCALE = 0.005, MAX_LENGTHSCALE = 2.0;

    /** A region that has never been restarted by a stall (the state without stall restarts). */
    public TrustRegion(double length, int successes, int failures, int restarts) {
        this(length, successes, failures, restarts, 0, false);
    }

    static int failureTolerance(int dim) {
        return Math.max(4, dim);
    }

    /**
     * The state after the observations of {@code finished} in order, the first {@code initialPoints} of
     * which were the initial design (they set the incumbent but do not move the box). A failed trial
     * counts as a proposal without improvement.
     */
    public static TrustRegion replay(List<Observation> finished, int initialPoints, int dim) {
        double[] v = new double[finished.size()];
        boolean[] failed = new boolean[v.length];
        for (int t = 0; t < v.length; t++) {
            failed[t] = finished.get(t).failed();
            v[t] = failed[t] ? Double.NaN : finished.get(t).value();
        }
        return replay(v, failed, initialPoints, dim, 0);
    }

    /**
     * As above, on values {@code v} (the observations, or the posterior means at them when the
     * observations are noisy) and failure flags, with stall restarts after {@code stallHalvings} halvings
     * (0: none, only TuRBO's collapse below 0.5^7).
     */
    public static TrustRegion replay(double[] v, boolean[] failed, int initialPoints, int dim, int stallHalvings) {
        double length = INITIAL, best = Double.POSITIVE_INFINITY, lo = Double.POSITIVE_INFINITY, hi = Double.NEGATIVE_INFINITY;
        int successes = 0, failures = 0, restarts = 0, start = 0, failTolerance = failureTolerance(dim);
        boolean global = false;
        // halving is exact in binary floating point, so this compares exactly with a halved length
        double stalled = INITIAL * Math.pow(0.5, stallHalvings);
        for (int t = 0; t < v.length; t++) {
            if (t >= initialPoints) {
                if (global) { // the restart's global point: the new region starts here, neither success nor failure
                    global = false;
                    start = t;
                    best = Double.POSITIVE_INFINITY;
                } else {
                    boolean improved = !failed[t] && (best == Double.POSITIVE_INFINITY || v[t] < best - IMPROVEMENT * (hi - lo));
                    if (improved) {
                        successes++;
                        failures = 0;
                    } else {
                        successes = 0;
                        failures++;
                    }
                    if (successes == SUCCESS_TOLERANCE) {
                        length = Math.min(2 * length, MAX);
                        successes = 0;
                    } else if (failures == failTolerance) {
                        length /= 2;
                        failures = 0;
                    }
                    if (length < MIN || (stallHalvings > 0 && length <= stalled)) {
                        length = INITIAL;
                        successes = 0;
                        failures = 0;
                        restarts++;
                        global = stallHalvings > 0;
                    }
                }
            }
            if (!failed[t]) {
                best = Math.min(best, v[t]);
                lo = Math.min(lo, v[t]);
                hi = Math.max(hi, v[t]);
            }
        }
        return new TrustRegion(length, successes, failures, restarts, start, global);
    }

    /** Half the side of the box in each dimension: length / 2 times l_d over the geometric mean of the (clamped) l. */
    public double[] halfWidths(double[] lengthscales) {
        int dim = lengthscales.length;
        double[] w = new double[dim];
        double logMean = 0;
        for (int d = 0; d < dim; d++) {
            w[d] = Math.min(MAX_LENGTHSCALE, Math.max(MIN_LENGTHSCALE, lengthscales[d]));
            logMean += Math.log(w[d]) / dim;
        }
        double g = Math.exp(logMean);
        for (int d = 0; d < dim; d++) w[d] = length * w[d] / g / 2;
        return w;
    }
}
