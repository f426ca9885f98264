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
        return of(a, n, 0);
    }

    /** As {@link #of(double[], int)}, skipping the jitters below {@code from}, which are known to fail. */
    static Cholesky of(double[] a, int n, double from) {
        double scale = jitterScale(a, n);
        double[] l = new double[n * n];
        if (from == 0 && factor(a, n, 0, l)) return new Cholesky(l, n, 0);
        for (double j = 1e-10; j <= 1.0001e-4; j *= 10) {
            if (j * scale < from) continue;
            if (factor(a, n, j * scale, l)) return new Cholesky(l, n, j * scale);
        }
        throw new ArithmeticException("covariance matrix is not positive definite even with jitter 1e-4");
    }

    /**
     * The mean diagonal. When every diagonal entry is the same (a stationary kernel's covariance) it is
     * that entry exactly, whatever n, so a factor and its extension use the same jitter ladder.
     */
    private static double jitterScale(double[] a, int n) {
        double mean = 0;
        boolean equal = true;
        for (int i = 0; i < n; i++) {
            mean += a[i * n + i];
            equal &= a[i * n + i] == a[0];
        }
        return equal && n > 0 ? a[0] : mean / Math.max(1, n);
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

    /**
     * The factor of the covariance with {@code m} points appended: {@code cross} holds, row-major, the
     * m new rows of the enlarged covariance ((n + m) entries each, the diagonal included), whose
     * diagonal equals this one's. Row i of a Cholesky factor depends only on rows 0..i of the matrix, and
     * the jitter ladder of {@link #of} fails on the enlarged matrix wherever it failed on its leading
     * block; so extending with this factor's jitter gives, bit for bit, what factorising the enlarged
     * matrix from scratch gives, in O(m n^2) instead of O((n + m)^3 / 3). Returns null if the new rows
     * need more jitter: the caller then factorises the enlarged matrix with {@link #of(double[], int, double)}
     * from just above this jitter, which is again what a factorisation from scratch would reach.
     */
    Cholesky extend(double[] cross, int m) {
        int n2 = n + m;
        double[] l2 = new double[n2 * n2];
        for (int i = 0; i < n; i++) System.arraycopy(l, i * n, l2, i * n2, i + 1);
        for (int i = n; i < n2; i++) {
            int ri = i * n2, ci = (i - n) * n2;
            for (int j = 0; j <= i; j++) {
                double s = cross[ci + j] + (i == j ? jitter : 0);
                int rj = j * n2;
                for (int k = 0; k < j; k++) s -= l2[ri + k] * l2[rj + k];
                if (i == j) {
                    if (!(s > 0)) return null;
                    l2[ri + i] = Math.sqrt(s);
                } else {
                    l2[ri + j] = s / l2[rj + j];
                }
            }
        }
        return new Cholesky(l2, n2, jitter);
    }

    /**
     * Solves L Z = B in place for {@code count} right-hand sides stored interleaved, {@code b[i * count + j]}
     * being entry i of column j. Each column sees exactly the operations of {@link #forward} in the same
     * order (so the same bits), but each row of L is read once per batch instead of once per column,
     * which is what makes it faster once L no longer fits in cache.
     */
    void forwardBatch(double[] b, int count) {
        if (count == 1) {
            forward(b);
            return;
        }
        double[] acc = new double[count];
        for (int i = 0; i < n; i++) {
            int ri = i * n, bi = i * count;
            System.arraycopy(b, bi, acc, 0, count);
            int k = 0;
            // four rows of Z per pass over the accumulator (measured ~1.5-2x faster at n = 1,000 than one),
            // subtracting in the same order as forward() does
            for (; k + 3 < i; k += 4) {
                double l0 = l[ri + k], l1 = l[ri + k + 1], l2 = l[ri + k + 2], l3 = l[ri + k + 3];
                int b0 = k * count, b1 = b0 + count, b2 = b1 + count, b3 = b2 + count;
                for (int j = 0; j < count; j++) acc[j] = (((acc[j] - l0 * b[b0 + j]) - l1 * b[b1 + j]) - l2 * b[b2 + j]) - l3 * b[b3 + j];
            }
            for (; k < i; k++) {
                double lik = l[ri + k];
                int bk = k * count;
                for (int j = 0; j < count; j++) acc[j] -= lik * b[bk + j];
            }
            double d = l[ri + i];
            for (int j = 0; j < count; j++) b[bi + j] = acc[j] / d;
        }
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
