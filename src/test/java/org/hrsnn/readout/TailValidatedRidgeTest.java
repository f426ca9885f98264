package org.hrsnn.readout;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.Arrays;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.*;

/**
 * The penalty chosen on the tail of time-ordered rows: the same choice as refitting every penalty by hand; the
 * noise floor on a linear target; and no fit of autocorrelated noise, which GCV (leave-one-out) does fit.
 */
class TailValidatedRidgeTest {
    static double gaussian(SplittableRandom r) {
        return StackedRidgeTest.gaussian(r);
    }

    /** p independent AR(1) series of n steps (coefficient phi, unit innovations), as rows in time order. */
    static double[][] ar1(int n, int p, double phi, SplittableRandom r) {
        double[][] x = new double[n][p];
        for (int j = 0; j < p; j++) {
            double v = gaussian(r) / Math.sqrt(1 - phi * phi);
            for (int t = 0; t < n; t++) {
                v = phi * v + gaussian(r);
                x[t][j] = v;
            }
        }
        return x;
    }

    static double mse(Ridge.Model m, double[][] x, double[] y) {
        double[] p = m.predict(x);
        double se = 0;
        for (int i = 0; i < y.length; i++) se += (p[i] - y[i]) * (p[i] - y[i]);
        return se / y.length;
    }

    static double variance(double[] y) {
        double mean = Arrays.stream(y).average().orElseThrow(), v = 0;
        for (double t : y) v += (t - mean) * (t - mean);
        return v / y.length;
    }

    /** Rows outnumber features (the tridiagonal path) and the reverse (the SVD path), several seeds. */
    @ParameterizedTest
    @CsvSource({"400, 20, 1", "400, 20, 2", "120, 300, 3", "120, 300, 4"})
    void theChoiceIsTheOneARefitOfEveryPenaltyGives(int n, int p, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        double[][] x = ar1(n, p, 0.8, r);
        double[] y = new double[n];
        for (int t = 0; t < n; t++) y[t] = x[t][0] - 0.5 * x[t][1] + 2 * gaussian(r);
        TailValidatedRidge ridge = new TailValidatedRidge(x);
        int cut = (int) (TailValidatedRidge.FIT_FRACTION * n);
        double[][] head = Arrays.copyOf(x, cut), tail = Arrays.copyOfRange(x, cut, n);
        double[] yHead = Arrays.copyOf(y, cut), yTail = Arrays.copyOfRange(y, cut, n);
        int expected = -1;
        double best = Double.POSITIVE_INFINITY;
        for (int g = Ridge.GRID.length - 1; g >= 0; g--) {
            double e = mse(new Ridge(head).fit(yHead, Ridge.GRID[g] * cut), tail, yTail);
            if (e < best * (1 - 1e-12)) {
                best = e;
                expected = g;
            }
        }
        assertEquals(expected, ridge.choice(y));
        Ridge.Model m = ridge.fit(y);
        assertEquals(Ridge.GRID[expected] * n, m.lambda(), 1e-12 * m.lambda(), "refitted on all rows with the same relative penalty");
        assertArrayEquals(new Ridge(x).fit(y, m.lambda()).coefficients(), m.coefficients(), 1e-9);
    }

    /** y = x.b + noise, x i.i.d.: held-out error at the noise floor sigma^2 (1 + p / n) within 10%. */
    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3})
    void aLinearTargetReachesTheNoiseFloor(long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        int n = 2000, p = 40, test = 4000;
        double sigma = 0.5;
        double[] b = new double[p];
        for (int j = 0; j < p; j++) b[j] = gaussian(r);
        double[][] x = new double[n + test][p];
        double[] y = new double[n + test];
        for (int i = 0; i < n + test; i++) {
            for (int j = 0; j < p; j++) x[i][j] = gaussian(r);
            y[i] = StackedRidgeTest.dot(b, x[i]) + sigma * gaussian(r);
        }
        Ridge.Model m = new TailValidatedRidge(Arrays.copyOf(x, n)).fit(Arrays.copyOf(y, n));
        assertEquals(sigma * sigma * (1 + (double) p / n), mse(m, Arrays.copyOfRange(x, n, n + test), Arrays.copyOfRange(y, n, n + test)),
                0.1 * sigma * sigma);
    }

    /**
     * Slowly varying features and a slowly varying target independent of them: nothing is predictable, so the
     * best readout is the mean and the held-out error is the target's variance. A penalty chosen on the tail
     * stays within 10% of it; GCV, whose left-out row is predicted from its neighbours, fits the noise and does
     * worse on the same data (the reason prediction tasks use the tail).
     */
    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 4, 5, 6})
    void autocorrelatedNoiseIsNotFitted(long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        int n = 2000, p = 100, test = 3000;
        double[][] x = ar1(n + test, p, 0.9, r);
        double[] y = new double[n + test];
        double v = 0;
        for (int t = 0; t < n + test; t++) y[t] = v = 0.9 * v + gaussian(r);
        double[][] xTest = Arrays.copyOfRange(x, n, n + test);
        double[] yTest = Arrays.copyOfRange(y, n, n + test);
        Ridge.Model tail = new TailValidatedRidge(Arrays.copyOf(x, n)).fit(Arrays.copyOf(y, n));
        Ridge.Model gcv = new Ridge(Arrays.copyOf(x, n)).fit(Arrays.copyOf(y, n));
        double floor = mse(new Ridge(Arrays.copyOf(x, n)).fit(Arrays.copyOf(y, n), 1e12), xTest, yTest); // the training mean
        assertEquals(floor, mse(tail, xTest, yTest), 0.1 * floor);
        assertTrue(mse(gcv, xTest, yTest) > mse(tail, xTest, yTest), "GCV " + mse(gcv, xTest, yTest) + ", tail " + mse(tail, xTest, yTest));
    }
}
