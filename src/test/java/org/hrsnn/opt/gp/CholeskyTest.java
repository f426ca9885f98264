package org.hrsnn.opt.gp;

import org.apache.commons.rng.UniformRandomProvider;
import org.hrsnn.random.Seeds;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.junit.jupiter.api.Assertions.*;

/** The fast paths of the GP's linear algebra against the plain ones they replace: the same bits, not just close. */
class CholeskyTest {

    /** Points on a coarse grid, so that near-duplicates make the covariance need jitter when the noise is tiny. */
    static double[][] points(UniformRandomProvider rng, int n, int d, boolean clustered) {
        double[][] x = new double[n][d];
        for (double[] row : x)
            for (int k = 0; k < d; k++) row[k] = clustered ? Math.round(rng.nextDouble() * 3) / 3.0 + 1e-9 * rng.nextDouble() : rng.nextDouble();
        return x;
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 3, 4, 5, 6})
    void extendingAFactorGivesTheFactorOfTheEnlargedMatrix(int seed) {
        UniformRandomProvider rng = Seeds.rng(seed);
        boolean clustered = seed % 2 == 0; // even seeds: the factor needs jitter somewhere along the way
        int d = 3, n = 20 + rng.nextInt(30), m = 1 + rng.nextInt(5);
        double[][] x = points(rng, n + m, d, clustered);
        Hyperparameters h = new Hyperparameters(new double[] {0.7, 1.1, 0.4}, 1.3, clustered ? 1e-12 : 1e-3);
        double[][] head = java.util.Arrays.copyOf(x, n);
        double[] y = new double[n + m];
        for (int i = 0; i < y.length; i++) y[i] = Math.sin(3 * x[i][0]) + x[i][1];
        GaussianProcess small = GaussianProcess.fit(head, java.util.Arrays.copyOf(y, n), h);
        GaussianProcess extended = GaussianProcess.fit(x, y, h, small);
        GaussianProcess fresh = GaussianProcess.fit(x, y, h);
        double[] q = {0.3, 0.6, 0.1};
        assertArrayEquals(fresh.predict(q), extended.predict(q), 0.0);
        assertEquals(fresh.logMarginalLikelihood(), extended.logMarginalLikelihood(), 0.0);
        // a model with other hyper-parameters is not reused
        GaussianProcess other = GaussianProcess.fit(head, java.util.Arrays.copyOf(y, n), new Hyperparameters(new double[] {0.5, 1.1, 0.4}, 1.3, 1e-3));
        assertArrayEquals(fresh.predict(q), GaussianProcess.fit(x, y, h, other).predict(q), 0.0);
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 3})
    void extendingAFactorThatNeededJitterIsTheSameAsStartingAfresh(int seed) {
        // 10 near-copies of one point, long length scales and no noise: the plain factorisation fails
        UniformRandomProvider rng = Seeds.rng(seed);
        int n = 30;
        double[][] x = points(rng, n, 2, true);
        for (int i = 0; i < 10; i++) x[3 * i] = new double[] {0.5, 0.5 + 1e-9 * i};
        double[] a = GaussianProcess.covariance(x, Matern52.invL2(new double[] {2, 2}), 1, 0);
        Cholesky full = Cholesky.of(a, n);
        assertTrue(full.jitter > 0, "the test matrix needs jitter");
        for (int cut = 5; cut < n; cut += 5) {
            double[] lead = new double[cut * cut];
            for (int i = 0; i < cut; i++) System.arraycopy(a, i * n, lead, i * cut, cut);
            Cholesky part = Cholesky.of(lead, cut);
            double[] cross = new double[(n - cut) * n];
            for (int i = cut; i < n; i++) System.arraycopy(a, i * n, cross, (i - cut) * n, n);
            Cholesky ext = part.extend(cross, n - cut);
            if (ext == null) ext = Cholesky.of(a, n, Math.nextUp(part.jitter));
            assertEquals(full.jitter, ext.jitter, 0.0, "cut " + cut);
            assertArrayEquals(full.l, ext.l, 0.0, "cut " + cut);
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 7, 64})
    void batchPredictionsAreThePointwisePredictions(int count) {
        UniformRandomProvider rng = Seeds.rng(count);
        double[][] x = points(rng, 40, 4, false);
        double[] y = new double[40];
        for (int i = 0; i < y.length; i++) y[i] = x[i][0] * x[i][1] - x[i][2];
        GaussianProcess gp = GaussianProcess.fit(x, y, new Hyperparameters(new double[] {0.3, 0.8, 1.5, 3}, 0.9, 1e-4));
        double[][] q = points(rng, count, 4, false);
        double[] mean = new double[count], var = new double[count], work = new double[40 * count];
        gp.predictStandardised(q, count, mean, var, work);
        for (int j = 0; j < count; j++) {
            double[] p = gp.predictStandardised(q[j]);
            assertEquals(p[0], mean[j], 0.0);
            assertEquals(p[1], var[j], 0.0);
        }
    }
}
