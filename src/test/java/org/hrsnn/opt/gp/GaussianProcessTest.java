package org.hrsnn.opt.gp;

import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.ArrayRealVector;
import org.apache.commons.math3.linear.LUDecomposition;
import org.apache.commons.rng.UniformRandomProvider;
import org.hrsnn.random.Seeds;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.junit.jupiter.api.Assertions.*;

class GaussianProcessTest {

    static double[][] points(UniformRandomProvider rng, int n, int d) {
        double[][] x = new double[n][d];
        for (double[] row : x) for (int k = 0; k < d; k++) row[k] = rng.nextDouble();
        return x;
    }

    static double[] values(double[][] x) {
        double[] y = new double[x.length];
        for (int i = 0; i < x.length; i++) y[i] = Math.sin(6 * x[i][0]) + 0.5 * x[i][1] * x[i][1] + 3;
        return y;
    }

    @Test
    void noiseFreePosteriorInterpolatesAndVarianceShrinks() {
        double[][] x = points(Seeds.rng(1), 15, 2);
        double[] y = values(x);
        GaussianProcess gp = GaussianProcess.fit(x, y, new Hyperparameters(new double[] {0.3, 0.5}, 1.0, 1e-10));
        for (int i = 0; i < x.length; i++) {
            double[] p = gp.predict(x[i]);
            assertEquals(y[i], p[0], 1e-5, "mean interpolates point " + i);
            assertTrue(p[1] < 1e-6, "variance vanishes at point " + i + ": " + p[1]);
        }
        double[] far = gp.predict(new double[] {0.5, 5.0});
        double prior = 1.0 * Math.pow(GaussianProcess.standardisation(y)[1], 2);
        assertEquals(prior, far[1], 1e-3 * prior, "far from the data the variance returns to the prior");
    }

    @Test
    void logMarginalLikelihoodAgreesWithDirectComputation() {
        double[][] x = points(Seeds.rng(2), 12, 3);
        double[] y = values(x);
        Hyperparameters h = new Hyperparameters(new double[] {0.4, 0.7, 1.3}, 1.7, 0.01);
        GaussianProcess gp = GaussianProcess.fit(x, y, h);
        double[] ys = GaussianProcess.standardise(y, GaussianProcess.standardisation(y));
        // Direct: K from the kernel definition, inverse and determinant by LU (Commons Math).
        int n = x.length;
        double[][] k = new double[n][n];
        for (int i = 0; i < n; i++)
            for (int j = 0; j < n; j++) k[i][j] = Matern52.value(x[i], x[j], h.lengthscales(), 1.7) + (i == j ? 0.01 : 0);
        var lu = new LUDecomposition(new Array2DRowRealMatrix(k));
        var v = new ArrayRealVector(ys);
        double direct = -0.5 * v.dotProduct(lu.getSolver().solve(v)) - 0.5 * Math.log(lu.getDeterminant()) - 0.5 * n * Math.log(2 * Math.PI);
        assertEquals(direct, gp.logMarginalLikelihood(), 1e-9);
        assertEquals(direct, MarginalLikelihood.valueAndGradient(x, ys, h.theta(), null), 1e-9);
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 4})
    void kernelGradientMatchesFiniteDifferences(long seed) {
        UniformRandomProvider rng = Seeds.rng(seed);
        double[] a = points(rng, 1, 4)[0], b = points(rng, 1, 4)[0];
        double[] l = {0.2 + rng.nextDouble(), 0.2 + rng.nextDouble(), 0.2 + rng.nextDouble(), 0.2 + rng.nextDouble()};
        double[] g = Matern52.gradientLogLengthscales(a, b, l, 1.3);
        for (int d = 0; d < 4; d++) {
            double e = 1e-6;
            double[] up = l.clone(), dn = l.clone();
            up[d] *= Math.exp(e);
            dn[d] *= Math.exp(-e);
            double fd = (Matern52.value(a, b, up, 1.3) - Matern52.value(a, b, dn, 1.3)) / (2 * e);
            assertEquals(fd, g[d], 1e-7 * Math.max(1, Math.abs(fd)), "dimension " + d);
        }
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3})
    void marginalLikelihoodAndPriorGradientsMatchFiniteDifferences(long seed) {
        UniformRandomProvider rng = Seeds.rng(seed);
        double[][] x = points(rng, 20, 3);
        double[] y = GaussianProcess.standardise(values(x), GaussianProcess.standardisation(values(x)));
        double[] theta = {Math.log(0.3 + rng.nextDouble()), Math.log(0.3 + rng.nextDouble()), Math.log(0.5 + rng.nextDouble()),
                Math.log(0.5 + rng.nextDouble()), Math.log(1e-3 + 0.1 * rng.nextDouble())};
        var f = MapFit.objective(x, y);
        double[] g = new double[theta.length];
        f.g(theta, g);
        for (int k = 0; k < theta.length; k++) {
            double e = 1e-5;
            double[] up = theta.clone(), dn = theta.clone();
            up[k] += e;
            dn[k] -= e;
            double fd = (f.f(up) - f.f(dn)) / (2 * e);
            assertEquals(fd, g[k], 1e-5 * Math.max(1, Math.abs(fd)), "theta " + k);
        }
    }

    @Test
    void mapFitFindsTheIrrelevantDimension() {
        // y depends on x0 only: the length scale of x1 must come out much longer (ARD at work).
        double[][] x = points(Seeds.rng(5), 40, 2);
        double[] y = new double[x.length];
        for (int i = 0; i < y.length; i++) y[i] = Math.sin(8 * x[i][0]);
        Hyperparameters h = MapFit.fit(x, y, 3, Seeds.rng(6));
        assertTrue(h.lengthscales()[1] > 5 * h.lengthscales()[0], "length scales " + java.util.Arrays.toString(h.lengthscales()));
        assertTrue(h.noiseVariance() < 1e-3, "noise-free data gets little noise: " + h.noiseVariance());
    }

    @Test
    void choleskyFallsBackToJitterOnASingularMatrix() {
        double[][] x = {{0.1, 0.1}, {0.1, 0.1}, {0.5, 0.5}};
        double[] k = GaussianProcess.covariance(x, Matern52.invL2(new double[] {1, 1}), 1, 0);
        Cholesky c = Cholesky.of(k, 3);
        assertTrue(c.jitter > 0);
        double[] inv = c.inverse();
        assertTrue(Double.isFinite(inv[0]));
    }

    @Test
    void fitSurvivesDegenerateDataAndNonFiniteProbes() {
        double[][] x = {{0.2, 0.2}, {0.2, 0.2}, {0.7, 0.1}, {0.7, 0.1000000001}};
        for (double[] y : new double[][] {{1, 1, 1, 1}, {1, 2, 3, 4}, {0, 1e-300, -1e-300, 0}}) {
            Hyperparameters h = MapFit.fit(x, y, 4, Seeds.rng(1));
            for (double l : h.lengthscales()) assertTrue(l >= 0.0099 && l <= 100.01, "length scale within bounds: " + l);
            double[] p = GaussianProcess.fit(x, y, h).predict(new double[] {0.5, 0.5});
            assertTrue(Double.isFinite(p[0]) && Double.isFinite(p[1]));
        }
        var f = MapFit.objective(x, new double[] {1, 2, 3, 4});
        assertEquals(1e100, f.f(new double[] {Double.NaN, 0, 0, -5}), 0.0);
        assertEquals(1e100, f.f(new double[] {Double.NEGATIVE_INFINITY, 0, 0, -5}), 0.0);
    }

    @ParameterizedTest
    @ValueSource(doubles = {1e-10, 1e-3, 0.2})
    void posteriorMeanAtTheDataAgreesWithPointwisePrediction(double noise) {
        // meanAtData uses K alpha = y - s alpha; the second computation is k(x_i, X) alpha point by point
        double[][] x = points(Seeds.rng(3), 20, 3);
        double[] y = values(x);
        GaussianProcess gp = GaussianProcess.fit(x, y, new Hyperparameters(new double[] {0.3, 0.6, 2.0}, 1.3, noise));
        double[] m = gp.meanAtData();
        for (int i = 0; i < x.length; i++) assertEquals(gp.predictStandardised(x[i])[0], m[i], 1e-9, "point " + i);
        // with noise the mean at the data is smoothed away from the observations; without, it interpolates
        double[] ys = GaussianProcess.standardise(y, GaussianProcess.standardisation(y));
        double gap = 0;
        for (int i = 0; i < x.length; i++) gap = Math.max(gap, Math.abs(m[i] - ys[i]));
        if (noise < 1e-6) assertTrue(gap < 1e-4, "interpolates: " + gap);
        else if (noise > 0.1) assertTrue(gap > 1e-3, "smooths: " + gap);
    }

    /**
     * Thompson sampling's joint draw: over many draws at three points, the sample mean and covariance match
     * the posterior computed directly, K** - K*x (K + s I)^-1 Kx* with Commons Math's LU inverse, in
     * standardised units; and the same generator state gives the same draw.
     */
    @Test
    void jointDrawsHaveThePosteriorMeanAndCovariance() {
        double[][] x = points(Seeds.rng(4), 12, 2);
        double[] y = values(x);
        Hyperparameters h = new Hyperparameters(new double[] {0.3, 0.5}, 1.3, 1e-3);
        GaussianProcess gp = GaussianProcess.fit(x, y, h);
        double[][] q = {{0.2, 0.3}, {0.25, 0.3}, {0.9, 0.1}};
        int n = x.length, m = q.length;
        double[] yStd = GaussianProcess.standardise(y, GaussianProcess.standardisation(y));
        var k = new Array2DRowRealMatrix(n, n);
        for (int i = 0; i < n; i++)
            for (int j = 0; j < n; j++) k.setEntry(i, j, Matern52.value(x[i], x[j], h.lengthscales(), 1.3) + (i == j ? 1e-3 : 0));
        var kq = new Array2DRowRealMatrix(n, m);
        for (int i = 0; i < n; i++) for (int j = 0; j < m; j++) kq.setEntry(i, j, Matern52.value(x[i], q[j], h.lengthscales(), 1.3));
        var kInv = new LUDecomposition(k).getSolver().getInverse();
        var mean = kq.transpose().operate(kInv.operate(new ArrayRealVector(yStd)));
        var cov = kq.transpose().multiply(kInv).multiply(kq).scalarMultiply(-1);
        for (int a = 0; a < m; a++) for (int b = 0; b < m; b++) cov.addToEntry(a, b, Matern52.value(q[a], q[b], h.lengthscales(), 1.3));

        int draws = 40_000;
        double[] sum = new double[m];
        double[][] prod = new double[m][m];
        UniformRandomProvider rng = Seeds.rng(5);
        for (int r = 0; r < draws; r++) {
            double[] f = gp.sampleJoint(q, m, rng);
            for (int a = 0; a < m; a++) {
                sum[a] += f[a];
                for (int b = 0; b < m; b++) prod[a][b] += f[a] * f[b];
            }
        }
        for (int a = 0; a < m; a++) {
            double sd = Math.sqrt(cov.getEntry(a, a));
            assertEquals(mean.getEntry(a), sum[a] / draws, 5 * sd / Math.sqrt(draws), "mean at point " + a);
            for (int b = 0; b < m; b++) {
                double c = prod[a][b] / draws - (sum[a] / draws) * (sum[b] / draws);
                double scale = Math.sqrt(cov.getEntry(a, a) * cov.getEntry(b, b));
                // the sampling error of a covariance estimate is about scale * sqrt(2 / draws): 0.007 scale here
                assertEquals(cov.getEntry(a, b), c, 0.035 * scale, "covariance " + a + ", " + b);
            }
        }
        assertTrue(cov.getEntry(0, 1) > 0.5 * Math.sqrt(cov.getEntry(0, 0) * cov.getEntry(1, 1)), "nearby points are correlated: the draw is joint");
        assertArrayEquals(gp.sampleJoint(q, m, Seeds.rng(9)), gp.sampleJoint(q, m, Seeds.rng(9)), 0.0);
    }
}
