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

    private GaussianProcess(double[][] x, double[] yStd, double yMean, double yScale, Hyperparameters h) {
        this.x = x;
        this.yStd = yStd;
        this.yMean = yMean;
        this.yScale = yScale;
        this.h = h;
        this.invL2 = Matern52.invL2(h.lengthscales());
        this.chol = Cholesky.of(covariance(x, invL2, h.signalVariance(), h.noiseVariance()), x.length);
        this.alpha = chol.solve(yStd);
    }

    /** Standardises {@code y} and conditions on (x, y). */
    public static GaussianProcess fit(double[][] x, double[] y, Hyperparameters h) {
        double[] s = standardisation(y);
        return new GaussianProcess(x, standardise(y, s), s[0], s[1], h);
    }

    /** Conditions on (x, y) using the standardisation of another model (for fantasised observations). */
    GaussianProcess withData(double[][] x2, double[] y2) {
        double[] ys = new double[y2.length];
        for (int i = 0; i < ys.length; i++) ys[i] = (y2[i] - yMean) / yScale;
        return new GaussianProcess(x2, ys, yMean, yScale, h);
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
