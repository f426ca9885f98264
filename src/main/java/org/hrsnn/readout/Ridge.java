package org.hrsnn.readout;

import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.RealMatrix;
import org.apache.commons.math3.linear.EigenDecomposition;

/**
 * Ridge regression with an unpenalised intercept on standardised features. One thin SVD of the training
 * design (via Commons Math's symmetric eigen-decomposition) serves any number of targets, and the penalty of each target is chosen by
 * generalised cross-validation over a log grid: GCV(l) = n |y - yhat|^2 / (n - 1 - df(l))^2 with
 * df = sum s_i^2 / (s_i^2 + l), among the penalties that leave at least 5% of the rows' degrees of freedom.
 */
public final class Ridge {
    /** A fitted readout for one target. */
    public record Model(double[] coefficients, double intercept, double lambda, double[] featureMean, double[] featureScale) {
        public double predict(double[] x) {
            double s = intercept;
            for (int j = 0; j < coefficients.length; j++) s += coefficients[j] * (x[j] - featureMean[j]) / featureScale[j];
            return s;
        }
    }

    /** Penalties searched by GCV, relative to the number of training rows. */
    static final double[] GRID = logGrid(1e-8, 1e2, 41);

    private final int n;
    private final int p;
    private final double[] mean;
    private final double[] scale;
    private final double[][] u; // n x r
    private final double[] s;   // r singular values
    private final double[][] v; // p x r

    /** Prepares the design {@code x} (rows are samples). */
    public Ridge(double[][] x) {
        this(x, false);
    }

    /** The same with the SVD fallback forced (for tests of that path). */
    static Ridge withSvd(double[][] x) {
        return new Ridge(x, true);
    }

    private Ridge(double[][] x, boolean forceSvd) {
        n = x.length;
        p = x[0].length;
        mean = new double[p];
        scale = new double[p];
        for (double[] row : x) for (int j = 0; j < p; j++) mean[j] += row[j] / n;
        for (double[] row : x) for (int j = 0; j < p; j++) scale[j] += (row[j] - mean[j]) * (row[j] - mean[j]) / n;
        // Scales are floored at 1% of the typical (root-mean-square) scale: a feature that barely varies
        // in training (a neuron that spiked once) would otherwise be blown up and dominate on new data.
        double typical = 0;
        for (int j = 0; j < p; j++) typical += scale[j] / p;
        typical = Math.sqrt(typical);
        for (int j = 0; j < p; j++) scale[j] = Math.max(Math.sqrt(scale[j]), Math.max(0.01 * typical, 1e-12));
        double[][] z = new double[n][p];
        for (int i = 0; i < n; i++) for (int j = 0; j < p; j++) z[i][j] = (x[i][j] - mean[j]) / scale[j];
        double[][][] usv;
        try {
            usv = forceSvd ? fromSvd(z, n, p) : fromGram(z, n, p);
        } catch (org.apache.commons.math3.exception.MathIllegalStateException e) {
            usv = fromSvd(z, n, p); // the eigen solver did not converge: the slower SVD always does
        }
        u = usv[0];
        s = usv[1][0];
        v = usv[2];
    }

    /**
     * Thin SVD Z = U S V^T from the symmetric eigen-decomposition (Commons Math) of the smaller Gram
     * matrix: Z^T Z = V S^2 V^T when n >= p, Z Z^T = U S^2 U^T otherwise. Squaring the condition number only
     * disturbs singular values far below the smallest penalty of the grid (1e-8 n). Returns {U, {S}, V}.
     */
    private static double[][][] fromGram(double[][] z, int n, int p) {
        boolean tall = n >= p;
        int q = tall ? p : n;
        double[][] gram = new double[q][q];
        for (int a = 0; a < q; a++)
            for (int b = 0; b <= a; b++) {
                double g = 0;
                if (tall) for (int i = 0; i < n; i++) g += z[i][a] * z[i][b];
                else for (int j = 0; j < p; j++) g += z[a][j] * z[b][j];
                gram[a][b] = g;
                gram[b][a] = g;
            }
        EigenDecomposition eig = new EigenDecomposition(new Array2DRowRealMatrix(gram, false));
        double[] ev = eig.getRealEigenvalues();
        Integer[] order = new Integer[q];
        for (int k = 0; k < q; k++) order[k] = k;
        java.util.Arrays.sort(order, (x1, x2) -> Double.compare(ev[x2], ev[x1]));
        double top = Math.max(ev[order[0]], 0);
        int r = 0;
        while (r < q && ev[order[r]] > top * 1e-12 && ev[order[r]] > 0) r++;
        double[] s = new double[r];
        double[][] u = new double[n][r], v = new double[p][r];
        RealMatrix vectors = eig.getV();
        for (int k = 0; k < r; k++) {
            s[k] = Math.sqrt(ev[order[k]]);
            double[] e = vectors.getColumn(order[k]);
            double[][] known = tall ? v : u, other = tall ? u : v;
            for (int a = 0; a < q; a++) known[a][k] = e[a];
            if (tall) for (int i = 0; i < n; i++) {
                double t = 0;
                for (int j = 0; j < p; j++) t += z[i][j] * e[j];
                other[i][k] = t / s[k];
            }
            else for (int j = 0; j < p; j++) {
                double t = 0;
                for (int i = 0; i < n; i++) t += z[i][j] * e[i];
                other[j][k] = t / s[k];
            }
        }
        return new double[][][] {u, {s}, v};
    }

    /** Thin SVD by Commons Math's SingularValueDecomposition (on the transpose when n < p). */
    private static double[][][] fromSvd(double[][] z, int n, int p) {
        RealMatrix m = new Array2DRowRealMatrix(z, false);
        boolean tall = n >= p;
        var svd = new org.apache.commons.math3.linear.SingularValueDecomposition(tall ? m : m.transpose());
        double[] sv = svd.getSingularValues();
        double tol = (sv.length == 0 ? 0 : sv[0]) * Math.max(n, p) * Math.ulp(1.0);
        int r = 0;
        while (r < sv.length && sv[r] > tol) r++;
        double[][] left = (tall ? svd.getU() : svd.getV()).getData(), right = (tall ? svd.getV() : svd.getU()).getData();
        double[][] u = new double[n][r], v = new double[p][r];
        for (int i = 0; i < n; i++) System.arraycopy(left[i], 0, u[i], 0, r);
        for (int j = 0; j < p; j++) System.arraycopy(right[j], 0, v[j], 0, r);
        return new double[][][] {u, {java.util.Arrays.copyOf(sv, r)}, v};
    }

    public int rows() { return n; }

    /** Fits {@code y} with the GCV-chosen penalty. */
    public Model fit(double[] y) {
        double[] c = project(y);
        double ym = mean(y), total = 0, inSpan = 0;
        for (double t : y) total += (t - ym) * (t - ym);
        for (double t : c) inSpan += t * t;
        double best = Double.POSITIVE_INFINITY, bestLambda = GRID[GRID.length - 1] * n; // if none qualifies: the strongest
        for (double g : GRID) {
            double lambda = g * n, rss = total - inSpan, df = 0;
            for (int i = 0; i < s.length; i++) {
                double s2 = s[i] * s[i], shrink = lambda / (s2 + lambda);
                rss += shrink * shrink * c[i] * c[i];
                df += s2 / (s2 + lambda);
            }
            double denom = n - 1 - df; // one degree of freedom for the intercept
            // Near interpolation (df -> n - 1, possible when features outnumber rows) GCV is 0/0 and its
            // minimum is decided by rounding; only penalties that leave 5% of the rows' freedom count.
            if (denom < Math.max(1, 0.05 * n)) continue;
            double gcv = n * rss / (denom * denom);
            if (gcv < best) {
                best = gcv;
                bestLambda = lambda;
            }
        }
        return fit(y, bestLambda, c);
    }

    /** Fits {@code y} with a given penalty on the standardised features. */
    public Model fit(double[] y, double lambda) {
        return fit(y, lambda, project(y));
    }

    private Model fit(double[] y, double lambda, double[] c) {
        double[] w = new double[s.length];
        for (int i = 0; i < s.length; i++) w[i] = s[i] / (s[i] * s[i] + lambda) * c[i];
        double[] beta = new double[p];
        for (int j = 0; j < p; j++) {
            double b = 0;
            for (int i = 0; i < w.length; i++) b += v[j][i] * w[i];
            beta[j] = b;
        }
        return new Model(beta, mean(y), lambda, mean.clone(), scale.clone());
    }

    /** U^T (y - mean y). */
    private double[] project(double[] y) {
        if (y.length != n) throw new IllegalArgumentException("target has " + y.length + " rows, the design " + n);
        double ym = mean(y);
        double[] c = new double[s.length];
        for (int i = 0; i < n; i++) {
            double t = y[i] - ym;
            for (int k = 0; k < c.length; k++) c[k] += u[i][k] * t;
        }
        return c;
    }

    private static double mean(double[] y) {
        double m = 0;
        for (double t : y) m += t;
        return m / y.length;
    }

    private static double[] logGrid(double lo, double hi, int k) {
        double[] g = new double[k];
        for (int i = 0; i < k; i++) g[i] = Math.exp(Math.log(lo) + i * (Math.log(hi) - Math.log(lo)) / (k - 1));
        return g;
    }
}
