package org.hrsnn.opt.gp;

/** Cholesky factorisation of a symmetric matrix stored row-major in a flat array, with a jitter ladder. */
final class Cholesky {
    /** Lower factor, row-major; entries above the diagonal are zero. */
    final double[] l;
    final int n;
    /** Jitter added to the diagonal to make the factorisation succeed (0 when none was needed). */
    final double jitter;

    private Cholesky(double[] l, int n, double jitter) {
        this.l = l;
        this.n = n;
        this.jitter = jitter;
    }

    /**
     * Factorises {@code a} (not modified). If it is not numerically positive definite, retries with
     * jitter 1e-10, 1e-9, ... 1e-4 times the mean diagonal; throws if even that fails.
     */
    static Cholesky of(double[] a, int n) {
        double mean = 0;
        for (int i = 0; i < n; i++) mean += a[i * n + i];
        mean /= Math.max(1, n);
        double[] l = new double[n * n];
        if (factor(a, n, 0, l)) return new Cholesky(l, n, 0);
        for (double j = 1e-10; j <= 1.0001e-4; j *= 10) {
            if (factor(a, n, j * mean, l)) return new Cholesky(l, n, j * mean);
        }
        throw new ArithmeticException("covariance matrix is not positive definite even with jitter 1e-4");
    }

    private static boolean factor(double[] a, int n, double jitter, double[] l) {
        for (int i = 0; i < n; i++) {
            for (int j = 0; j <= i; j++) {
                double s = a[i * n + j] + (i == j ? jitter : 0);
                int ri = i * n, rj = j * n;
                for (int k = 0; k < j; k++) s -= l[ri + k] * l[rj + k];
                if (i == j) {
                    if (!(s > 0)) return false;
                    l[ri + i] = Math.sqrt(s);
                } else {
                    l[ri + j] = s / l[rj + j];
                }
            }
            for (int j = i + 1; j < n; j++) l[i * n + j] = 0;
        }
        return true;
    }

    /** Solves L z = b in place. */
    void forward(double[] b) {
        for (int i = 0; i < n; i++) {
            double s = b[i];
            int ri = i * n;
            for (int k = 0; k < i; k++) s -= l[ri + k] * b[k];
            b[i] = s / l[ri + i];
        }
    }

    /** Solves L^T z = b in place. */
    void backward(double[] b) {
        for (int i = n - 1; i >= 0; i--) {
            double s = b[i];
            for (int k = i + 1; k < n; k++) s -= l[k * n + i] * b[k];
            b[i] = s / l[i * n + i];
        }
    }

    /** Solves (L L^T) z = b, returning z. */
    double[] solve(double[] b) {
        double[] z = b.clone();
        forward(z);
        backward(z);
        return z;
    }

    double logDeterminant() {
        double s = 0;
        for (int i = 0; i < n; i++) s += Math.log(l[i * n + i]);
        return 2 * s;
    }

    /**
     * The inverse of L L^T, row-major. Row j of M = L^-T is the solution of L z = e_j (zero before j), so
     * both the solves and the product (L L^T)^-1_ij = sum_k M_ik M_jk run along contiguous rows.
     */
    double[] inverse() {
        double[] m = new double[n * n];
        for (int j = 0; j < n; j++) {
            int rj = j * n;
            m[rj + j] = 1 / l[rj + j];
            for (int i = j + 1; i < n; i++) {
                double s = 0;
                int ri = i * n;
                for (int k = j; k < i; k++) s -= l[ri + k] * m[rj + k];
                m[rj + i] = s / l[ri + i];
            }
        }
        double[] inv = new double[n * n];
        for (int i = 0; i < n; i++) {
            int ri = i * n;
            for (int j = 0; j <= i; j++) {
                int rj = j * n;
                double s = 0;
                for (int k = i; k < n; k++) s += m[ri + k] * m[rj + k];
                inv[ri + j] = s;
                inv[rj + i] = s;
            }
        }
        return inv;
    }
}
