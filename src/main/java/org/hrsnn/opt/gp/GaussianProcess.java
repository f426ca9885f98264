package org.hrsnn.opt.gp;

/**
 * Exact GP regression with a Matérn-5/2 ARD kernel, constant mean, and outputs standardised to zero mean
 * and unit variance (predictions are returned in the original units).
 */
public final class GaussianProcess {
    private final double[][] x;
    private final double[] yStd;
    private final double yMean;
    private final double yScale;
    private final Hyperparameters h;
    private final double[] invL2;
    private final Cholesky chol;
    private final double[] alpha;

    private GaussianProcess(double[][] x, double[] yStd, double yMean, double yScale, Hyperparameters h, GaussianProcess prefix) {
        this.x = x;
        this.yStd = yStd;
        this.yMean = yMean;
        this.yScale = yScale;
        this.h = h;
        this.invL2 = Matern52.invL2(h.lengthscales());
        Cholesky c = prefix == null ? null : prefix.extendedFactor(x, h);
        if (c == null) {
            // when extension failed for want of jitter, the ladder below the previous jitter is known to fail too
            double from = prefix != null && prefix.isPrefixOf(x, h) ? Math.nextUp(prefix.chol.jitter) : 0;
            c = Cholesky.of(covariance(x, invL2, h.signalVariance(), h.noiseVariance()), x.length, from);
        }
        this.chol = c;
        this.alpha = chol.solve(yStd);
    }

    /** Standardises {@code y} and conditions on (x, y). */
    public static GaussianProcess fit(double[][] x, double[] y, Hyperparameters h) {
        return fit(x, y, h, null);
    }

    /**
     * As {@link #fit(double[][], double[], Hyperparameters)}, reusing the Cholesky factor of
     * {@code previous} when it has the same hyper-parameters and its points are the first points of
     * {@code x}: the factor is then extended by the new rows (O(m n^2)) instead of recomputed
     * (O(n^3 / 3)), with bit-identical results (see {@link Cholesky#extend}).
     */
    public static GaussianProcess fit(double[][] x, double[] y, Hyperparameters h, GaussianProcess previous) {
        double[] s = standardisation(y);
        return new GaussianProcess(x, standardise(y, s), s[0], s[1], h, previous);
    }

    /** Conditions on (x, y) using the standardisation of another model (for fantasised observations). */
    GaussianProcess withData(double[][] x2, double[] y2) {
        double[] ys = new double[y2.length];
        for (int i = 0; i < ys.length; i++) ys[i] = (y2[i] - yMean) / yScale;
        return new GaussianProcess(x2, ys, yMean, yScale, h, this);
    }

    /** Whether x2 starts with this model's points and h2 equals its hyper-parameters. */
    private boolean isPrefixOf(double[][] x2, Hyperparameters h2) {
        int n = x.length;
        if (x2.length < n || !java.util.Arrays.equals(h.lengthscales(), h2.lengthscales()) || h.signalVariance() != h2.signalVariance()
                || h.noiseVariance() != h2.noiseVariance()) return false;
        for (int i = 0; i < n; i++) if (x[i] != x2[i] && !java.util.Arrays.equals(x[i], x2[i])) return false;
        return true;
    }

    /** This model's factor extended to {@code x2}, or null when it does not extend (see {@link Cholesky#extend}). */
    private Cholesky extendedFactor(double[][] x2, Hyperparameters h2) {
        if (!isPrefixOf(x2, h2)) return null;
        int n = x.length, m = x2.length - n;
        if (m == 0) return chol;
        int n2 = x2.length;
        double s2 = h.signalVariance(), noise = h.noiseVariance();
        double[] cross = new double[m * n2];
        for (int i = n; i < n2; i++) {
            int ci = (i - n) * n2;
            // the same expressions, in the same order, as covariance(): row i, entries j < i, then the diagonal
            for (int j = 0; j < i; j++) cross[ci + j] = s2 * Matern52.correlation(Math.sqrt(Matern52.r2(x2[i], x2[j], invL2)));
            cross[ci + i] = s2 + noise;
        }
        return chol.extend(cross, m);
    }

    /** {mean, sd} of y; sd is 1 when y is constant or has one value. */
    static double[] standardisation(double[] y) {
        double m = 0;
        for (double v : y) m += v;
        m /= y.length;
        double s = 0;
        for (double v : y) s += (v - m) * (v - m);
        s = y.length > 1 ? Math.sqrt(s / (y.length - 1)) : 0;
        return new double[] {m, s > 1e-12 ? s : 1};
    }

    static double[] standardise(double[] y, double[] s) {
        double[] z = new double[y.length];
        for (int i = 0; i < y.length; i++) z[i] = (y[i] - s[0]) / s[1];
        return z;
    }

    static double[] covariance(double[][] x, double[] invL2, double s2, double noise) {
        int n = x.length;
        double[] k = new double[n * n];
        for (int i = 0; i < n; i++) {
            k[i * n + i] = s2 + noise;
            for (int j = 0; j < i; j++) {
                double v = s2 * Matern52.correlation(Math.sqrt(Matern52.r2(x[i], x[j], invL2)));
                k[i * n + j] = v;
                k[j * n + i] = v;
            }
        }
        return k;
    }

    /** Posterior mean and variance of the latent function at q, in original units: {mean, variance}. */
    public double[] predict(double[] q) {
        double[] p = predictStandardised(q);
        return new double[] {yMean + yScale * p[0], yScale * yScale * p[1]};
    }

    /** Posterior {mean, variance} in standardised units. */
    double[] predictStandardised(double[] q) {
        int n = x.length;
        double[] k = new double[n];
        double mean = 0;
        for (int i = 0; i < n; i++) {
            k[i] = h.signalVariance() * Matern52.correlation(Math.sqrt(Matern52.r2(q, x[i], invL2)));
            mean += k[i] * alpha[i];
        }
        chol.forward(k);
        double v = h.signalVariance();
        for (double t : k) v -= t * t;
        return new double[] {mean, Math.max(v, 1e-15 * h.signalVariance())};
    }

    /**
     * Posterior mean and variance in standardised units at {@code count} points at once, into
     * {@code mean} and {@code variance}; {@code work} holds at least n * count doubles. Bit for bit what
     * {@link #predictStandardised} gives point by point (same operations in the same order), without
     * allocating, and with one pass over the Cholesky factor per batch.
     */
    void predictStandardised(double[][] q, int count, double[] mean, double[] variance, double[] work) {
        int n = x.length;
        double s2 = h.signalVariance();
        for (int j = 0; j < count; j++) {
            double m = 0;
            double[] qj = q[j];
            for (int i = 0; i < n; i++) {
                double k = s2 * Matern52.correlation(Math.sqrt(Matern52.r2(qj, x[i], invL2)));
                work[i * count + j] = k;
                m += k * alpha[i];
            }
            mean[j] = m;
        }
        chol.forwardBatch(work, count);
        for (int j = 0; j < count; j++) {
            double v = s2;
            for (int i = 0; i < n; i++) {
                double t = work[i * count + j];
                v -= t * t;
            }
            variance[j] = Math.max(v, 1e-15 * s2);
        }
    }

    /**
     * One draw of the latent function at {@code count} points from their joint posterior, standardised:
     * mean + C z, C the Cholesky factor of the posterior covariance (with the factor's jitter ladder) and z
     * standard normal draws from {@code rng}. O(n m^2 + m^3) for n observations and m points. Where the
     * covariance will not factor even with jitter, each point is drawn from its own marginal instead.
     */
    double[] sampleJoint(double[][] q, int count, org.apache.commons.rng.UniformRandomProvider rng) {
        int n = x.length;
        double s2 = h.signalVariance();
        double[] mean = new double[count], variance = new double[count], v = new double[n * count];
        predictStandardised(q, count, mean, variance, v);
        // posterior covariance: prior covariance minus V^T V, V = L^-1 K(X, q) as predictStandardised left it
        // in v (row i, column j at v[i * count + j]); transposed first so that the products read memory in order
        double[] vt = new double[count * n];
        for (int i = 0; i < n; i++) for (int j = 0; j < count; j++) vt[j * n + i] = v[i * count + j];
        double[] cov = new double[count * count];
        for (int j = 0; j < count; j++) {
            for (int k = 0; k <= j; k++) {
                double c = k == j ? s2 : s2 * Matern52.correlation(Math.sqrt(Matern52.r2(q[j], q[k], invL2)));
                for (int i = 0, a = j * n, b = k * n; i < n; i++) c -= vt[a + i] * vt[b + i];
                cov[j * count + k] = c;
                cov[k * count + j] = c;
            }
        }
        var normal = org.apache.commons.rng.sampling.distribution.ZigguratSampler.NormalizedGaussian.of(rng);
        double[] z = new double[count];
        for (int j = 0; j < count; j++) z[j] = normal.sample();
        double[] f = new double[count];
        try {
            Cholesky c = Cholesky.of(cov, count);
            for (int j = 0; j < count; j++) {
                double s = mean[j];
                for (int k = 0; k <= j; k++) s += c.l[j * count + k] * z[k];
                f[j] = s;
            }
        } catch (ArithmeticException e) {
            for (int j = 0; j < count; j++) f[j] = mean[j] + Math.sqrt(variance[j]) * z[j];
        }
        return f;
    }

    /**
     * Posterior mean of the latent function at the model's own points, standardised. With
     * (K + s I) alpha = y, where s is the noise variance plus the factor's jitter, K alpha = y - s alpha:
     * O(n) from what the fit already holds, instead of n predictions at O(n^2) each.
     */
    double[] meanAtData() {
        double s = h.noiseVariance() + chol.jitter;
        double[] m = new double[yStd.length];
        for (int i = 0; i < m.length; i++) m[i] = yStd[i] - s * alpha[i];
        return m;
    }

    public double standardise(double y) {
        return (y - yMean) / yScale;
    }

    public int size() {
        return x.length;
    }

    public Hyperparameters hyperparameters() {
        return h;
    }

    /** Log marginal likelihood of the standardised data under the hyper-parameters. */
    public double logMarginalLikelihood() {
        double fit = 0;
        for (int i = 0; i < alpha.length; i++) fit += yStd[i] * alpha[i];
        return -0.5 * fit - 0.5 * chol.logDeterminant() - 0.5 * x.length * Math.log(2 * Math.PI);
    }
}
