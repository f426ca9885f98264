package org.hrsnn.opt.gp;

import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.sampling.distribution.ZigguratSampler;
import smile.math.BFGS;
import smile.math.DifferentiableMultivariateFunction;

/**
 * Maximum a posteriori hyper-parameters: log marginal likelihood plus weak priors, maximised in theta
 * space by L-BFGS-B (Smile) from several starts: the prior mode, then draws from the prior.
 *
 * <p>Priors (inputs in the unit cube, outputs standardised): log l_d ~ N(sqrt2 + ln(D)/2, 3), the
 * dimension-scaled prior of Hvarfner et al. (2024); log s2 ~ N(0, 1.5^2); log n2 ~ N(-9, 3^2), which lets
 * the data choose between noise-free and noisy objectives. Bounds: l in [0.01, 100], s2 in [0.01, 100],
 * n2 in [1e-8, 1].
 */
public final class MapFit {
    static final double LOG_L_SD = Math.sqrt(3), LOG_S2_MEAN = 0, LOG_S2_SD = 1.5, LOG_N2_MEAN = -9, LOG_N2_SD = 3;

    /** Iterations per start: the posterior is flat near its mode, so more buys little but costs O(n^3) each. */
    static final int MAX_ITERATIONS = 60;

    private MapFit() {}

    static double logLengthscaleMean(int dim) {
        return Math.sqrt(2) + 0.5 * Math.log(dim);
    }

    static double[] lower(int dim) {
        double[] l = new double[dim + 2];
        java.util.Arrays.fill(l, 0, dim, Math.log(0.01));
        l[dim] = Math.log(0.01);
        l[dim + 1] = Math.log(1e-8);
        return l;
    }

    static double[] upper(int dim) {
        double[] u = new double[dim + 2];
        java.util.Arrays.fill(u, 0, dim, Math.log(100));
        u[dim] = Math.log(100);
        u[dim + 1] = 0;
        return u;
    }

    /** Log prior density of theta (up to a constant) and its gradient, added into {@code g}. */
    static double logPrior(double[] theta, double[] g) {
        int dim = theta.length - 2;
        double m = logLengthscaleMean(dim), lp = 0;
        for (int d = 0; d < dim; d++) lp += gauss(theta[d], m, LOG_L_SD, g, d);
        lp += gauss(theta[dim], LOG_S2_MEAN, LOG_S2_SD, g, dim);
        lp += gauss(theta[dim + 1], LOG_N2_MEAN, LOG_N2_SD, g, dim + 1);
        return lp;
    }

    private static double gauss(double t, double mean, double sd, double[] g, int k) {
        double z = (t - mean) / sd;
        if (g != null) g[k] += -z / sd;
        return -0.5 * z * z;
    }

    /** Negative log posterior as a function Smile's L-BFGS-B can minimise. */
    static DifferentiableMultivariateFunction objective(double[][] x, double[] yStd) {
        return new DifferentiableMultivariateFunction() {
            @Override
            public double f(double[] theta) {
                return g(theta, new double[theta.length]);
            }

            @Override
            public double g(double[] theta, double[] grad) {
                for (double t : theta)
                    if (!Double.isFinite(t)) { // L-BFGS-B can probe a non-finite point after a failed step
                        java.util.Arrays.fill(grad, 0);
                        return 1e100;
                    }
                try {
                    double v = MarginalLikelihood.valueAndGradient(x, yStd, theta, grad) + logPrior(theta, grad);
                    for (int k = 0; k < grad.length; k++) grad[k] = -grad[k];
                    return Double.isFinite(v) ? -v : 1e100;
                } catch (ArithmeticException | IllegalArgumentException e) {
                    java.util.Arrays.fill(grad, 0);
                    return 1e100;
                }
            }
        };
    }

    /**
     * MAP hyper-parameters for (x, y) from {@code restarts} starts: the prior mode, then draws from the
     * prior made with {@code rng}. The starts are drawn first and run in parallel; the best is chosen by
     * value, then by start index, so the result does not depend on thread timing.
     */
    public static Hyperparameters fit(double[][] x, double[] y, int restarts, UniformRandomProvider rng) {
        int dim = x[0].length;
        double[] yStd = GaussianProcess.standardise(y, GaussianProcess.standardisation(y));
        var f = objective(x, yStd);
        double[] lo = lower(dim), hi = upper(dim);
        var normal = ZigguratSampler.NormalizedGaussian.of(rng);
        double m = logLengthscaleMean(dim);
        double[][] starts = new double[Math.max(1, restarts)][dim + 2];
        for (int r = 0; r < starts.length; r++) {
            double[] t = starts[r];
            for (int d = 0; d < dim; d++) t[d] = r == 0 ? m : m + LOG_L_SD * normal.sample();
            t[dim] = r == 0 ? LOG_S2_MEAN : LOG_S2_MEAN + LOG_S2_SD * normal.sample();
            t[dim + 1] = r == 0 ? LOG_N2_MEAN : LOG_N2_MEAN + LOG_N2_SD * normal.sample();
            for (int k = 0; k < t.length; k++) t[k] = Math.min(hi[k], Math.max(lo[k], t[k]));
        }
        double[] values = new double[starts.length];
        java.util.stream.IntStream.range(0, starts.length).parallel().forEach(r -> {
            double[] start = starts[r].clone();
            try {
                BFGS.minimize(f, 5, starts[r], lo, hi, 1e-5, MAX_ITERATIONS);
            } catch (RuntimeException e) {
                // a failed line search: judge the point it reached below
            }
            double[] t = starts[r];
            for (int k = 0; k < t.length; k++) t[k] = Double.isFinite(t[k]) ? Math.min(hi[k], Math.max(lo[k], t[k])) : start[k];
            double v = f.f(t);
            if (!(v < 1e99)) { // no usable point: fall back to where this start began
                System.arraycopy(start, 0, t, 0, t.length);
                v = f.f(t);
            }
            values[r] = Double.isNaN(v) ? Double.POSITIVE_INFINITY : v;
        });
        int best = 0;
        for (int r = 1; r < starts.length; r++) if (values[r] < values[best]) best = r;
        return Hyperparameters.fromTheta(starts[best]);
    }
}
