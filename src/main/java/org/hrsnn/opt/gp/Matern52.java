package org.hrsnn.opt.gp;

/**
 * Matérn-5/2 kernel with one length scale per dimension (ARD):
 * k(x, x') = s2 (1 + sqrt5 r + 5/3 r^2) exp(-sqrt5 r), r^2 = sum_d (x_d - x'_d)^2 / l_d^2.
 * Written here rather than taken from Smile, whose Matérn kernel has no ARD and a wrong gradient for
 * nu = 5/2.
 */
public final class Matern52 {
    static final double SQRT5 = Math.sqrt(5);

    private Matern52() {}

    /** Squared scaled distance r^2 with {@code invL2[d] = 1 / l_d^2}. */
    static double r2(double[] a, double[] b, double[] invL2) {
        double s = 0;
        for (int d = 0; d < a.length; d++) {
            double t = a[d] - b[d];
            s += t * t * invL2[d];
        }
        return s;
    }

    /** Correlation (kernel with s2 = 1) at distance r. */
    static double correlation(double r) {
        double sr = SQRT5 * r;
        return (1 + sr + sr * sr / 3) * Math.exp(-sr);
    }

    /** -(1/r) dk/dr / s2 = 5/3 (1 + sqrt5 r) exp(-sqrt5 r): the common factor of the length-scale gradients. */
    static double gradientFactor(double r) {
        double sr = SQRT5 * r;
        return 5.0 / 3.0 * (1 + sr) * Math.exp(-sr);
    }

    public static double value(double[] a, double[] b, double[] lengthscales, double signalVariance) {
        return signalVariance * correlation(Math.sqrt(r2(a, b, invL2(lengthscales))));
    }

    /** d k / d log l_d for every d. */
    public static double[] gradientLogLengthscales(double[] a, double[] b, double[] lengthscales, double signalVariance) {
        double[] inv = invL2(lengthscales);
        double f = signalVariance * gradientFactor(Math.sqrt(r2(a, b, inv)));
        double[] g = new double[a.length];
        for (int d = 0; d < a.length; d++) {
            double t = a[d] - b[d];
            g[d] = f * t * t * inv[d];
        }
        return g;
    }

    static double[] invL2(double[] lengthscales) {
        double[] inv = new double[lengthscales.length];
        for (int d = 0; d < inv.length; d++) inv[d] = 1 / (lengthscales[d] * lengthscales[d]);
        return inv;
    }
}
