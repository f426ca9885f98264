package org.hrsnn.score;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.*;

/**
 * The prediction readout without a network: on an AR(1) series x(t+1) = phi x(t) + sqrt(1 - phi^2) e(t)
 * (unit variance), the best linear one-step predictor is phi x(t), with NRMSE sqrt(1 - phi^2); older taps
 * add nothing (the series is Markov).
 */
class PredictionEvaluationTest {
    /** An AR(1) series of n + 1 values plus {@code offset}, from a seeded Gaussian. */
    static double[] ar1(int n, double phi, long seed, double offset) {
        SplittableRandom r = new SplittableRandom(seed);
        double[] x = new double[n + 1];
        x[0] = gaussian(r);
        for (int t = 1; t <= n; t++) x[t] = phi * x[t - 1] + Math.sqrt(1 - phi * phi) * gaussian(r);
        for (int t = 0; t <= n; t++) x[t] += offset;
        return x;
    }

    static double gaussian(SplittableRandom r) {
        return Math.sqrt(-2 * Math.log(1 - r.nextDouble())) * Math.cos(2 * Math.PI * r.nextDouble());
    }

    @ParameterizedTest
    @CsvSource({"0.0, 1, 1, 0", "0.5, 1, 2, 0", "0.8, 5, 3, 0", "0.9, 1, 4, 0", "0.95, 10, 5, 0", "0.9, 3, 6, 10"})
    void ar1GivesItsClosedFormNrmse(double phi, int taps, long seed, double offset) {
        int n = 20_000, washout = 100, trainEnd = washout + (int) ((n - washout) * 0.7);
        double[] x = ar1(n, phi, seed, offset);
        double[] u = java.util.Arrays.copyOf(x, n), y = java.util.Arrays.copyOfRange(x, 1, n + 1);
        double nrmse = PredictionEvaluation.fitAndScore(PredictionEvaluation.taps(u, taps), y, washout, trainEnd);
        // The oracle phi x(t) + (1 - phi) offset on the same held-out segment, measured the same way.
        double se = 0, mean = 0, var = 0;
        for (int t = trainEnd; t < n; t++) mean += y[t] / (n - trainEnd);
        for (int t = trainEnd; t < n; t++) {
            double e = phi * u[t] + (1 - phi) * offset - y[t];
            se += e * e;
            var += (y[t] - mean) * (y[t] - mean);
        }
        double oracle = Math.sqrt(se / var);
        assertEquals(oracle, nrmse, 0.01 * oracle, "the fitted readout is the oracle predictor");
        assertEquals(Math.sqrt(1 - phi * phi), nrmse, 0.06 * Math.sqrt(1 - phi * phi), "closed form");
    }

    @Test
    void tapsAreTheLastKInputsWithZerosBeforeTheStart() {
        double[] u = {1, 2, 3, 4};
        double[][] x = PredictionEvaluation.taps(u, 3);
        assertArrayEquals(new double[] {1, 0, 0}, x[0]);
        assertArrayEquals(new double[] {2, 1, 0}, x[1]);
        assertArrayEquals(new double[] {3, 2, 1}, x[2]);
        assertArrayEquals(new double[] {4, 3, 2}, x[3]);
        assertEquals(1, PredictionEvaluation.taps(u, 1)[3].length);
    }

    @Test
    void aPerfectlyPredictableTargetScoresZeroAndAnUnrelatedOneAboutOne() {
        int n = 5000;
        double[] x = ar1(n, 0.7, 11, 0);
        double[] u = java.util.Arrays.copyOf(x, n);
        double[] lagged = new double[n], noise = new double[n];
        SplittableRandom r = new SplittableRandom(12);
        for (int t = 0; t < n; t++) {
            lagged[t] = t >= 2 ? 3 * u[t - 2] - 1 : 0;
            noise[t] = gaussian(r);
        }
        assertEquals(0, PredictionEvaluation.fitAndScore(PredictionEvaluation.taps(u, 3), lagged, 100, 3500), 1e-3, "y(t) = 3 u(t-2) - 1 is in the taps");
        assertEquals(1, PredictionEvaluation.fitAndScore(PredictionEvaluation.taps(u, 3), noise, 100, 3500), 0.05, "independent noise: no better than its mean");
    }

    @ParameterizedTest
    @CsvSource({"0.5, 1", "1.0, 2", "2.0, 3"})
    void theStackedReadoutFindsWhatTheLineLacksAndItsNullDoesNot(double c, long seed) {
        // y(t) = u(t-1) + c u(t) u(t-1), u iid N(0, 1): the line on the last taps explains u(t-1) only, so its
        // NRMSE is c / sqrt(1 + c^2); "states" holding u(t) u(t-1) complete it (NRMSE -> 0), shuffled they cannot.
        int n = 6000, washout = 100, trainEnd = washout + (int) ((n - washout) * 0.7);
        SplittableRandom r = new SplittableRandom(seed);
        double[] u = new double[n], y = new double[n];
        double[][] states = new double[n][3];
        for (int t = 0; t < n; t++) u[t] = gaussian(r);
        for (int t = 1; t < n; t++) {
            y[t] = u[t - 1] + c * u[t] * u[t - 1];
            states[t] = new double[] {u[t] * u[t - 1], gaussian(r), gaussian(r)};
        }
        double[][] line = PredictionEvaluation.taps(u, 3);
        StackedScore s = PredictionEvaluation.stacked(line, PredictionEvaluation.fit(line, y, washout, trainEnd),
                new org.hrsnn.readout.TailValidatedRidge(java.util.Arrays.copyOfRange(states, washout, trainEnd)), states, y, washout, trainEnd, 3, seed);
        // The line's oracle, u(t-1), on the same held-out segment (the closed form c / sqrt(1 + c^2) holds only in
        // expectation; products of Gaussians have heavy tails).
        double[] oracle = new double[n - trainEnd];
        for (int t = trainEnd; t < n; t++) oracle[t - trainEnd] = u[t - 1];
        double lineAlone = PredictionEvaluation.nrmse(oracle, java.util.Arrays.copyOfRange(y, trainEnd, n));
        assertEquals(c / Math.sqrt(1 + c * c), lineAlone, 0.1 * c / Math.sqrt(1 + c * c), "closed form");
        assertEquals(lineAlone, PredictionEvaluation.fitAndScore(line, y, washout, trainEnd), 0.03 * lineAlone, "the line alone: its oracle");
        // Not exactly 0: the first stage's coefficient on u(t-1) is estimated with the product term as its noise,
        // an error of about c sqrt(3 / 4130) that the states cannot correct.
        assertEquals(0, s.value(), 0.05, "line then states");
        assertEquals(lineAlone, s.nullValue(), 0.05 * lineAlone, "the null: the line alone");
    }
}
