package org.hrsnn.readout;

import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.EigenDecomposition;
import org.apache.commons.math3.linear.RealMatrix;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.ejml.dense.row.factory.DecompositionFactory_DDRM;
import org.ejml.interfaces.decomposition.EigenDecomposition_F64;

/**
 * Ridge regression with an unpenalised intercept on standardised features. One thin SVD Z = U S V^T of the
 * standardised training design serves any number of targets, and the penalty of each target is chosen by
 * generalised cross-validation over a log grid: GCV(l) = n |y - yhat|^2 / (n - 1 - df(l))^2 with
 * df = sum s_i^2 / (s_i^2 + l), among the penalties that leave at least 5% of the rows' degrees of freedom.
 *
 * <p>The SVD comes from EJML's symmetric eigen-decomposition of the smaller Gram matrix (Z^T Z or Z Z^T),
 * formed with EJML's matrix product; at 1,200 rows and 1,000 or more features that is several times faster
 * than Commons Math (see {@code hrsnn bench readout} and docs/performance.md). Only the factor the
 * eigen-decomposition gives is kept (V when rows outnumber features, U otherwise); the other is never formed,
 * because each target needs only U^T y and V w, and both are products with the design: U^T y = S^-1 V^T Z^T y
 * and V w = Z^T U S^-1 w. That saves an n-by-p-by-min(n, p) product when the design is built, at O(n p) more
 * per target. Commons Math's SVD is the fallback when the eigen-decomposition fails.
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

    /** How the thin SVD is computed. */
    private enum Path { EJML, SVD, COMMONS_MATH }

    private final int n;
    private final int p;
    private final double[] mean;
    private final double[] scale;
    private final double[] s;  // r singular values, in decreasing order
    private final int r;
    // Row-major factors; at least one of u and v is present. When one is missing, z (the standardised design,
    // n x p row-major) stands in for it.
    private final double[] u;  // n x r, or null
    private final double[] v;  // p x r, or null
    private final double[] z;  // n x p, or null when u and v are both present

    /** Prepares the design {@code x} (rows are samples). */
    public Ridge(double[][] x) {
        this(x, Path.EJML);
    }

    /** The same with the SVD fallback forced (for tests of that path). */
    static Ridge withSvd(double[][] x) {
        return new Ridge(x, Path.SVD);
    }

    /**
     * The previous implementation: Gram matrix by plain loops, Commons Math's {@link EigenDecomposition},
     * both factors formed. Kept only so that {@code hrsnn bench readout} can time it beside the current one.
     */
    public static Ridge withCommonsMath(double[][] x) {
        return new Ridge(x, Path.COMMONS_MATH);
    }

    private Ridge(double[][] x, Path path) {
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
        double[] zs = new double[n * p];
        for (int i = 0; i < n; i++) {
            double[] row = x[i];
            for (int j = 0, o = i * p; j < p; j++) zs[o + j] = (row[j] - mean[j]) / scale[j];
        }
        Factors f = switch (path) {
            case EJML -> {
                Factors e = fromGram(zs, n, p);
                yield e != null ? e : fromSvd(zs, n, p); // the eigen solver gave up: the slower SVD always converges
            }
            case SVD -> fromSvd(zs, n, p);
            case COMMONS_MATH -> {
                try {
                    yield fromGramCommonsMath(zs, n, p);
                } catch (org.apache.commons.math3.exception.MathIllegalStateException ex) {
                    yield fromSvd(zs, n, p);
                }
            }
        };
        s = f.s;
        r = s.length;
        u = f.u;
        v = f.v;
        z = u != null && v != null ? null : zs;
    }

    /** Row-major thin-SVD factors: U (n x r) and V (p x r), either of which may be null, and S. */
    private record Factors(double[] u, double[] s, double[] v) {}

    /**
     * Thin SVD Z = U S V^T from EJML's symmetric eigen-decomposition of the smaller Gram matrix:
     * Z^T Z = V S^2 V^T when n >= p (V is kept), Z Z^T = U S^2 U^T otherwise (U is kept). Squaring the
     * condition number only disturbs singular values far below the smallest penalty of the grid (1e-8 n).
     * Returns null if the decomposition fails.
     */
    private static Factors fromGram(double[] zs, int n, int p) {
        boolean tall = n >= p;
        int q = tall ? p : n;
        DMatrixRMaj zm = DMatrixRMaj.wrap(n, p, zs);
        DMatrixRMaj gram = new DMatrixRMaj(q, q);
        // multTransA streams rows (fast for Z^T Z); for Z Z^T, multOuter computes one triangle of row dot products,
        // about twice as fast as multTransB (measured at 1,200 x 4,000).
        if (tall) CommonOps_DDRM.multTransA(zm, zm, gram);
        else CommonOps_DDRM.multOuter(zm, gram);
        EigenDecomposition_F64<DMatrixRMaj> eig = DecompositionFactory_DDRM.eig(q, true, true);
        if (!eig.decompose(gram)) return null;
        double[] ev = new double[q];
        for (int k = 0; k < q; k++) {
            ev[k] = eig.getEigenvalue(k).real;
            if (!Double.isFinite(ev[k]) || eig.getEigenVector(k) == null) return null;
        }
        int[] order = descending(ev);
        int r = rank(ev, order);
        double[] s = new double[r], e = new double[q * r];
        for (int k = 0; k < r; k++) {
            s[k] = Math.sqrt(ev[order[k]]);
            double[] vec = eig.getEigenVector(order[k]).data;
            for (int a = 0; a < q; a++) e[a * r + k] = vec[a];
        }
        return tall ? new Factors(null, s, e) : new Factors(e, s, null);
    }

    /** Indices of {@code ev} by decreasing value. */
    private static int[] descending(double[] ev) {
        return java.util.stream.IntStream.range(0, ev.length).boxed()
                .sorted((a, b) -> Double.compare(ev[b], ev[a])).mapToInt(Integer::intValue).toArray();
    }

    /** Number of eigenvalues above 1e-12 of the largest (and above 0). */
    private static int rank(double[] ev, int[] order) {
        double top = ev.length == 0 ? 0 : Math.max(ev[order[0]], 0);
        int r = 0;
        while (r < ev.length && ev[order[r]] > top * 1e-12 && ev[order[r]] > 0) r++;
        return r;
    }

    /** The previous path (Commons Math's eigen-decomposition, both factors formed), for the benchmark only. */
    private static Factors fromGramCommonsMath(double[] zs, int n, int p) {
        double[][] z = new double[n][];
        for (int i = 0; i < n; i++) z[i] = java.util.Arrays.copyOfRange(zs, i * p, (i + 1) * p);
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
        int[] order = descending(ev);
        int r = rank(ev, order);
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
        return new Factors(flatten(u, r), s, flatten(v, r));
    }

    /** Thin SVD by Commons Math's SingularValueDecomposition (on the transpose when n < p). */
    private static Factors fromSvd(double[] zs, int n, int p) {
        double[][] z = new double[n][];
        for (int i = 0; i < n; i++) z[i] = java.util.Arrays.copyOfRange(zs, i * p, (i + 1) * p);
        RealMatrix m = new Array2DRowRealMatrix(z, false);
        boolean tall = n >= p;
        var svd = new org.apache.commons.math3.linear.SingularValueDecomposition(tall ? m : m.transpose());
        double[] sv = svd.getSingularValues();
        double tol = (sv.length == 0 ? 0 : sv[0]) * Math.max(n, p) * Math.ulp(1.0);
        int r = 0;
        while (r < sv.length && sv[r] > tol) r++;
        double[][] left = (tall ? svd.getU() : svd.getV()).getData(), right = (tall ? svd.getV() : svd.getU()).getData();
        return new Factors(flatten(left, r), java.util.Arrays.copyOf(sv, r), flatten(right, r));
    }

    /** The first {@code r} columns of {@code a}, row-major. */
    private static double[] flatten(double[][] a, int r) {
        double[] f = new double[a.length * r];
        for (int i = 0; i < a.length; i++) System.arraycopy(a[i], 0, f, i * r, r);
        return f;
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
            for (int i = 0; i < r; i++) {
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

    /** beta = V diag(s / (s^2 + lambda)) c, or Z^T U diag(1 / (s^2 + lambda)) c when V was not formed. */
    private Model fit(double[] y, double lambda, double[] c) {
        double[] beta = new double[p];
        if (v != null) {
            double[] w = new double[r];
            for (int i = 0; i < r; i++) w[i] = s[i] / (s[i] * s[i] + lambda) * c[i];
            for (int j = 0; j < p; j++) beta[j] = dot(v, j * r, w, r);
        } else {
            double[] w = new double[r];
            for (int i = 0; i < r; i++) w[i] = c[i] / (s[i] * s[i] + lambda);
            for (int a = 0; a < n; a++) axpy(dot(u, a * r, w, r), z, a * p, beta, p);
        }
        return new Model(beta, mean(y), lambda, mean.clone(), scale.clone());
    }

    /** c = U^T (y - mean y), or S^-1 V^T Z^T (y - mean y) when U was not formed; O(n r) or O(n p + p r). */
    private double[] project(double[] y) {
        if (y.length != n) throw new IllegalArgumentException("target has " + y.length + " rows, the design " + n);
        double ym = mean(y);
        double[] c = new double[r];
        if (u != null) {
            for (int a = 0; a < n; a++) axpy(y[a] - ym, u, a * r, c, r);
        } else {
            double[] g = new double[p];
            for (int a = 0; a < n; a++) axpy(y[a] - ym, z, a * p, g, p);
            for (int j = 0; j < p; j++) axpy(g[j], v, j * r, c, r);
            for (int k = 0; k < r; k++) c[k] /= s[k];
        }
        return c;
    }

    // The per-target products above are hand-written loops over the row-major arrays: they are matrix-vector
    // products (O(n p) at most), where wrapping them in EJML matrices would only add allocation.

    /** sum_k m[off + k] w[k], k < len. */
    private static double dot(double[] m, int off, double[] w, int len) {
        double t = 0;
        for (int k = 0; k < len; k++) t += m[off + k] * w[k];
        return t;
    }

    /** out[k] += a m[off + k], k < len. */
    private static void axpy(double a, double[] m, int off, double[] out, int len) {
        if (a == 0) return;
        for (int k = 0; k < len; k++) out[k] += a * m[off + k];
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
