package org.hrsnn.readout;

import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.RealMatrix;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.ejml.dense.row.factory.DecompositionFactory_DDRM;
import org.ejml.dense.row.decomposition.eig.symm.SymmetricQrAlgorithm_DDRM;
import org.ejml.dense.row.decomposition.hessenberg.TridiagonalDecompositionHouseholder_DDRM;
import org.ejml.interfaces.decomposition.EigenDecomposition_F64;

/**
 * Ridge regression with an unpenalised intercept on standardised features. One decomposition of the
 * standardised training design serves any number of targets, and the penalty of each target is chosen by
 * generalised cross-validation over a log grid: GCV(l) = n |y - yhat|^2 / (n - 1 - df(l))^2 with
 * df = sum e_i / (e_i + l) over the eigenvalues e_i of the Gram matrix, among the penalties that leave at
 * least 5% of the rows' degrees of freedom.
 *
 * <p>When rows outnumber features (memory capacity, prediction), the Gram matrix G = Z^T Z ({@link Gram}) is
 * reduced to a tridiagonal T = Q^T G Q and never diagonalised: (G + l I)^-1 = Q (T + l I)^-1 Q^T, a
 * tridiagonal solve costs O(p) per penalty, and the eigenvalues GCV needs come from T without eigenvectors.
 * Accumulating the eigenvectors was two thirds of the eigen-decomposition's cost; at 2,600 rows and 1,000
 * features the readout is built in ~1.5 s instead of ~3.8 s (docs/performance.md, {@code hrsnn bench readout}).
 *
 * <p>When features outnumber rows (classification on few samples), the eigenvectors of Z Z^T give a thin SVD
 * Z = U S V^T, of which only U is kept: each target needs U^T y and V w, and V w = Z^T U S^-1 w is a
 * product with the design. Commons Math's SVD is the fallback when an EJML decomposition fails.
 */
public final class Ridge implements Readout {
    /** A fitted readout for one target. */
    public record Model(double[] coefficients, double intercept, double lambda, double[] featureMean, double[] featureScale) {
        public double predict(double[] x) {
            double s = intercept;
            for (int j = 0; j < coefficients.length; j++) s += coefficients[j] * (x[j] - featureMean[j]) / featureScale[j];
            return s;
        }

        /** Predictions for many rows, with the standardisation folded into the coefficients once. */
        public double[] predict(double[][] rows) {
            double[] w = new double[coefficients.length];
            double offset = intercept;
            for (int j = 0; j < w.length; j++) {
                w[j] = coefficients[j] / featureScale[j];
                offset -= w[j] * featureMean[j];
            }
            double[] out = new double[rows.length];
            for (int i = 0; i < rows.length; i++) out[i] = offset + dot(rows[i], 0, w, w.length);
            return out;
        }
    }

    /** Penalties searched by GCV, relative to the number of training rows. */
    static final double[] GRID = logGrid(1e-8, 1e2, 41);

    /** How the design is decomposed. */
    private enum Path { TRIDIAGONAL, EIGENVECTORS, SVD }

    private final int n;
    private final int p;
    private final double[] mean;
    private final double[] scale;
    private final double[] z;  // the standardised design, n x p row-major; null when u and v are both present
    private final Tridiagonal tri; // the tridiagonal path, or null
    // The SVD paths: r singular values in decreasing order and row-major factors, at least one of u and v.
    private final double[] s;
    private final int r;
    private final double[] u;  // n x r, or null
    private final double[] v;  // p x r, or null

    /** Prepares the design {@code x} (rows are samples). */
    public Ridge(double[][] x) {
        this(x, Path.TRIDIAGONAL);
    }

    /** The same with the SVD fallback forced (for tests of that path). */
    static Ridge withSvd(double[][] x) {
        return new Ridge(x, Path.SVD);
    }

    /**
     * The previous implementation: EJML's {@code multTransA} Gram matrix and its symmetric eigen-decomposition
     * with eigenvectors. Kept so that {@code hrsnn bench readout} can time it beside the current one, and as a
     * second computation for the tests.
     */
    public static Ridge withEigenvectors(double[][] x) {
        return new Ridge(x, Path.EIGENVECTORS);
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
        Tridiagonal t = path == Path.TRIDIAGONAL && n >= p ? Tridiagonal.of(Gram.of(zs, n, p), p, n) : null;
        Factors f = null;
        if (t == null) {
            if (path != Path.SVD) f = fromGram(zs, n, p);
            if (f == null) f = fromSvd(zs, n, p); // an EJML solver gave up: the slower SVD always converges
        }
        tri = t;
        s = f == null ? null : f.s;
        r = f == null ? 0 : f.s.length;
        u = f == null ? null : f.u;
        v = f == null ? null : f.v;
        z = u != null && v != null ? null : zs;
    }

    /**
     * G = Q T Q^T with T tridiagonal (Householder, EJML), Q explicit (p x p, row-major), the eigenvalues of G
     * (from T, clamped at 0), and for each penalty of the grid the LDL^T factors of T + l I and df(l).
     */
    private record Tridiagonal(double[] q, double[] diag, double[] off, double[] eigenvalues, double[][] pivots, double[][] multipliers, double[] df) {
        /** Null if EJML's QR iteration on T does not converge. */
        static Tridiagonal of(double[] gram, int p, int n) {
            var td = new TridiagonalDecompositionHouseholder_DDRM();
            if (!td.decompose(DMatrixRMaj.wrap(p, p, gram))) return null;
            double[] diag = new double[p], off = new double[Math.max(p - 1, 1)];
            td.getDiagonal(diag, off);
            double[] q = td.getQ(null, false).data;
            double[] ev = new double[p];
            if (p == 1) ev[0] = diag[0];
            else {
                var qr = new SymmetricQrAlgorithm_DDRM();
                if (!qr.process(p, diag.clone(), off.clone())) return null;
                for (int k = 0; k < p; k++) ev[k] = qr.getEigenvalue(k);
            }
            for (int k = 0; k < p; k++) {
                if (!Double.isFinite(ev[k])) return null;
                ev[k] = Math.max(ev[k], 0);
            }
            double[][] pivots = new double[GRID.length][], multipliers = new double[GRID.length][];
            double[] df = new double[GRID.length];
            for (int g = 0; g < GRID.length; g++) {
                double lambda = GRID[g] * n;
                pivots[g] = new double[p];
                multipliers[g] = new double[p];
                factor(diag, off, p, lambda, pivots[g], multipliers[g]);
                for (double e : ev) df[g] += e / (e + lambda);
            }
            return new Tridiagonal(q, diag, off, ev, pivots, multipliers, df);
        }

        /** LDL^T of T + l I (symmetric positive definite for l > 0, so no pivoting is needed): pivots d, multipliers m. */
        static void factor(double[] diag, double[] off, int p, double lambda, double[] d, double[] m) {
            d[0] = diag[0] + lambda;
            for (int i = 1; i < p; i++) {
                m[i - 1] = off[i - 1] / d[i - 1];
                d[i] = diag[i] + lambda - m[i - 1] * off[i - 1];
            }
        }

        /** (T + l I)^-1 b from its factors. */
        static double[] solve(double[] d, double[] m, double[] b) {
            int p = b.length;
            double[] x = b.clone();
            for (int i = 1; i < p; i++) x[i] -= m[i - 1] * x[i - 1];
            x[p - 1] /= d[p - 1];
            for (int i = p - 2; i >= 0; i--) x[i] = x[i] / d[i] - m[i] * x[i + 1];
            return x;
        }

        /** x^T T x. */
        double quadratic(double[] x) {
            int p = x.length;
            double t = 0;
            for (int i = 0; i < p; i++) t += diag[i] * x[i] * x[i];
            for (int i = 0; i + 1 < p; i++) t += 2 * off[i] * x[i] * x[i + 1];
            return t;
        }
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
        // For Z Z^T, multOuter computes one triangle of row dot products, about twice as fast as multTransB
        // (measured at 1,200 x 4,000). Z^T Z uses multTransA here: this path is the benchmark's "previous".
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

    @Override
    public int rows() { return n; }

    /** Fits {@code y} with the GCV-chosen penalty. */
    @Override
    public Model fit(double[] y) {
        checkRows(y);
        double ym = mean(y), total = 0;
        for (double t : y) total += (t - ym) * (t - ym);
        if (tri != null) return fitTridiagonal(y, ym, total);
        double[] c = project(y);
        double inSpan = 0;
        for (double t : c) inSpan += t * t;
        double best = Double.POSITIVE_INFINITY, bestLambda = GRID[GRID.length - 1] * n; // if none qualifies: the strongest
        for (double g : GRID) {
            double lambda = g * n, rss = total - inSpan, df = 0;
            for (int i = 0; i < r; i++) {
                double s2 = s[i] * s[i], shrink = lambda / (s2 + lambda);
                rss += shrink * shrink * c[i] * c[i];
                df += s2 / (s2 + lambda);
            }
            double gcv = gcv(rss, df);
            if (gcv < best) {
                best = gcv;
                bestLambda = lambda;
            }
        }
        return fit(y, bestLambda, c);
    }

    /**
     * GCV of a penalty with residual sum of squares {@code rss} and {@code df} degrees of freedom, or +infinity
     * when it leaves under 5% of the rows' freedom: near interpolation (df -> n - 1, possible when features
     * outnumber rows) GCV is 0/0 and its minimum would be decided by rounding.
     */
    private double gcv(double rss, double df) {
        double denom = n - 1 - df; // one degree of freedom for the intercept
        return denom < Math.max(1, 0.05 * n) ? Double.POSITIVE_INFINITY : n * rss / (denom * denom);
    }

    /**
     * Fits each target with its GCV-chosen penalty, sharing the passes over the design and Q between targets
     * (memory capacity fits 122 at once): the same models as {@link #fit(double[])} one by one.
     */
    public java.util.List<Model> fit(java.util.List<double[]> ys) {
        if (tri == null) return ys.stream().map(this::fit).toList();
        int m = ys.size();
        double[] ym = new double[m], total = new double[m];
        for (int t = 0; t < m; t++) {
            double[] y = ys.get(t);
            checkRows(y);
            ym[t] = mean(y);
            for (double v : y) total[t] += (v - ym[t]) * (v - ym[t]);
        }
        double[][] c = new double[m][p], b = new double[m][p];
        for (int a = 0; a < n; a++)
            for (int t = 0; t < m; t++) axpy(ys.get(t)[a] - ym[t], z, a * p, c[t], p);
        for (int j = 0; j < p; j++)
            for (int t = 0; t < m; t++) axpy(c[t][j], tri.q, j * p, b[t], p);
        double[][] x = new double[m][];
        double[] lambda = new double[m];
        for (int t = 0; t < m; t++) {
            int g = gcvChoice(b[t], total[t]);
            x[t] = Tridiagonal.solve(tri.pivots[g], tri.multipliers[g], b[t]);
            lambda[t] = GRID[g] * n;
        }
        double[][] beta = new double[m][p];
        for (int j = 0; j < p; j++)
            for (int t = 0; t < m; t++) beta[t][j] = dot(tri.q, j * p, x[t], p);
        java.util.List<Model> out = new java.util.ArrayList<>(m);
        for (int t = 0; t < m; t++) out.add(new Model(beta[t], ym[t], lambda[t], mean.clone(), scale.clone()));
        return out;
    }

    /**
     * With b = Q^T Z^T (y - mean y) and x = (T + l I)^-1 b, the coefficients are Q x and the residual sum of
     * squares is |y - mean y|^2 - 2 x.b + x^T T x: O(p) per penalty after the O(n p + p^2) projection.
     */
    private Model fitTridiagonal(double[] y, double ym, double total) {
        double[] b = rotate(y, ym);
        int g = gcvChoice(b, total);
        return tridiagonalModel(Tridiagonal.solve(tri.pivots[g], tri.multipliers[g], b), GRID[g] * n, ym);
    }

    /** Index in the grid of the GCV-chosen penalty for b = Q^T Z^T (y - mean y); the strongest if none qualifies. */
    private int gcvChoice(double[] b, double total) {
        double best = Double.POSITIVE_INFINITY;
        int choice = GRID.length - 1;
        for (int g = 0; g < GRID.length; g++) {
            double[] x = Tridiagonal.solve(tri.pivots[g], tri.multipliers[g], b);
            double gcv = gcv(total - 2 * dot(x, 0, b, p) + tri.quadratic(x), tri.df[g]);
            if (gcv < best) {
                best = gcv;
                choice = g;
            }
        }
        return choice;
    }

    /** b = Q^T Z^T (y - mean y). */
    private double[] rotate(double[] y, double ym) {
        double[] c = new double[p], b = new double[p];
        for (int a = 0; a < n; a++) axpy(y[a] - ym, z, a * p, c, p);
        for (int j = 0; j < p; j++) axpy(c[j], tri.q, j * p, b, p);
        return b;
    }

    private Model tridiagonalModel(double[] x, double lambda, double ym) {
        double[] beta = new double[p];
        for (int j = 0; j < p; j++) beta[j] = dot(tri.q, j * p, x, p);
        return new Model(beta, ym, lambda, mean.clone(), scale.clone());
    }

    /**
     * One model per penalty of {@link #GRID} (times the rows), in grid order, sharing the projection of
     * {@code y}: what a penalty chosen on held-out rows needs ({@link TailValidatedRidge}).
     */
    Model[] fitGrid(double[] y) {
        checkRows(y);
        Model[] out = new Model[GRID.length];
        double ym = mean(y);
        if (tri != null) {
            double[] b = rotate(y, ym);
            for (int g = 0; g < GRID.length; g++)
                out[g] = tridiagonalModel(Tridiagonal.solve(tri.pivots[g], tri.multipliers[g], b), GRID[g] * n, ym);
            return out;
        }
        double[] c = project(y);
        for (int g = 0; g < GRID.length; g++) out[g] = fit(y, GRID[g] * n, c);
        return out;
    }

    /** Fits {@code y} with a given penalty on the standardised features. */
    public Model fit(double[] y, double lambda) {
        checkRows(y);
        if (tri != null) {
            double[] d = new double[p], m = new double[p];
            Tridiagonal.factor(tri.diag, tri.off, p, lambda, d, m);
            double ym = mean(y);
            return tridiagonalModel(Tridiagonal.solve(d, m, rotate(y, ym)), lambda, ym);
        }
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

    private void checkRows(double[] y) {
        if (y.length != n) throw new IllegalArgumentException("target has " + y.length + " rows, the design " + n);
    }

    /** c = U^T (y - mean y), or S^-1 V^T Z^T (y - mean y) when U was not formed; O(n r) or O(n p + p r). */
    private double[] project(double[] y) {
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
