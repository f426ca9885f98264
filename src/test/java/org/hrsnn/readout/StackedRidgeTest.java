package org.hrsnn.readout;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.*;

/**
 * The two-stage readout against known answers: y = a.x1 + b.x2 + noise with x1 in the first block and x2 in the
 * second, where the two stages together reach the noise floor and either block alone cannot; and a second block
 * of pure noise (or one shuffled against the rows), which must add nothing.
 */
class StackedRidgeTest {
    static double gaussian(SplittableRandom r) {
        return Math.sqrt(-2 * Math.log(1 - r.nextDouble())) * Math.cos(2 * Math.PI * r.nextDouble());
    }

    static double[][] gaussians(int n, int p, SplittableRandom r) {
        double[][] x = new double[n][p];
        for (double[] row : x) for (int j = 0; j < p; j++) row[j] = gaussian(r);
        return x;
    }

    static double dot(double[] a, double[] b) {
        double s = 0;
        for (int j = 0; j < a.length; j++) s += a[j] * b[j];
        return s;
    }

    /** Mean squared error of the stacked model on held-out rows. */
    static double mse(StackedRidge.Model m, double[][] a, double[][] b, double[] y, int[] pairing) {
        double se = 0;
        for (int i = 0; i < y.length; i++) {
            double e = m.predict(a[i], b[pairing == null ? i : pairing[i]])[0] - y[i];
            se += e * e;
        }
        return se / y.length;
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 4, 5})
    void bothBlocksTogetherReachTheNoiseFloor(long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        int n = 600, m = 2000, p1 = 8, p2 = 30;
        double noise = 0.3;
        double[] a = new double[p1], b = new double[p2];
        for (int j = 0; j < p1; j++) a[j] = gaussian(r) / Math.sqrt(p1);
        for (int j = 0; j < p2; j++) b[j] = gaussian(r) / Math.sqrt(p2);
        double[][] x1 = gaussians(n + m, p1, r), x2 = gaussians(n + m, p2, r);
        double[] y = new double[n + m];
        for (int i = 0; i < y.length; i++) y[i] = dot(a, x1[i]) + dot(b, x2[i]) + noise * gaussian(r);
        double[][] trainA = Arrays.copyOf(x1, n), trainB = Arrays.copyOf(x2, n), testA = Arrays.copyOfRange(x1, n, n + m), testB = Arrays.copyOfRange(x2, n, n + m);
        double[] trainY = Arrays.copyOf(y, n), testY = Arrays.copyOfRange(y, n, n + m);
        StackedRidge.Model model = StackedRidge.fit(trainA, new Ridge(trainB), List.of(trainY), StackedRidge.interleaved(n, 5), 5);
        double stacked = mse(model, testA, testB, testY, null);
        // The noise floor is noise^2; estimation adds p / n of each stage's residual variance (least squares on
        // independent Gaussian features): the first stage sees b.x2 + noise as its noise, the second the noise.
        double floor = noise * noise + (p1 * (dot(b, b) + noise * noise) + p2 * noise * noise) / n;
        assertEquals(floor, stacked, 0.15 * floor, "two stages at the noise floor");
        // The first block alone misses b.x2 (variance |b|^2): far above the floor.
        Ridge.Model alone = new Ridge(trainA).fit(trainY);
        double se = 0;
        for (int i = 0; i < m; i++) se += Math.pow(alone.predict(testA[i]) - testY[i], 2);
        assertEquals(dot(b, b) + noise * noise, se / m, 0.15 * (dot(b, b) + noise * noise), "the first block alone: closed form");
    }

    @ParameterizedTest
    @ValueSource(longs = {11, 12, 13, 14, 15})
    void aSecondBlockWithoutInformationAddsNothing(long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        int n = 300, m = 2000, p1 = 5, p2 = 400; // more noise features than rows, as with network states
        double[] a = new double[p1];
        for (int j = 0; j < p1; j++) a[j] = gaussian(r);
        double[][] x1 = gaussians(n + m, p1, r), x2 = gaussians(n + m, p2, r);
        double[] y = new double[n + m];
        for (int i = 0; i < y.length; i++) y[i] = dot(a, x1[i]) + 0.5 * gaussian(r);
        double[][] trainA = Arrays.copyOf(x1, n), testA = Arrays.copyOfRange(x1, n, n + m);
        double[] trainY = Arrays.copyOf(y, n), testY = Arrays.copyOfRange(y, n, n + m);
        Ridge.Model alone = new Ridge(trainA).fit(trainY);
        double base = 0;
        for (int i = 0; i < m; i++) base += Math.pow(alone.predict(testA[i]) - testY[i], 2) / m;
        StackedRidge.Model noiseBlock = StackedRidge.fit(trainA, new Ridge(Arrays.copyOf(x2, n)), List.of(trainY), StackedRidge.interleaved(n, 5), 5);
        assertEquals(base, mse(noiseBlock, testA, Arrays.copyOfRange(x2, n, n + m), testY, null), 0.05 * base, "noise features add nothing");
    }

    @ParameterizedTest
    @ValueSource(longs = {21, 22, 23})
    void shufflingTheSecondBlockAgainstTheRowsRemovesItsGain(long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        int n = 400, m = 1000, p1 = 3, p2 = 20;
        double[][] x1 = gaussians(n + m, p1, r), x2 = gaussians(n + m, p2, r);
        double[] y = new double[n + m];
        for (int i = 0; i < y.length; i++) y[i] = x1[i][0] + x2[i][0] + x2[i][1] + 0.2 * gaussian(r);
        double[][] trainA = Arrays.copyOf(x1, n), testA = Arrays.copyOfRange(x1, n, n + m), trainB = Arrays.copyOf(x2, n), testB = Arrays.copyOfRange(x2, n, n + m);
        double[] trainY = Arrays.copyOf(y, n), testY = Arrays.copyOfRange(y, n, n + m);
        List<double[]> ys = List.of(trainY);
        int[] fold = StackedRidge.interleaved(n, 5);
        double[][] oof = StackedRidge.outOfFold(trainA, ys, fold, 5);
        List<Ridge.Model> first = new Ridge(trainA).fit(ys);
        java.util.Random rng = new java.util.Random(seed);
        int[] trainPairing = StackedRidge.derangement(n, rng), testPairing = StackedRidge.derangement(m, rng);
        double real = mse(StackedRidge.fit(first, oof, new Ridge(trainB), ys, null), testA, testB, testY, null);
        double shuffled = mse(StackedRidge.fit(first, oof, new Ridge(trainB), ys, trainPairing), testA, testB, testY, testPairing);
        // Without its link the second block leaves the first block's error: var(x2_0 + x2_1) + 0.04 = 2.04.
        assertEquals(2.04, shuffled, 0.15 * 2.04, "the null: the first block alone");
        assertTrue(real < 0.1, "the real pairing reaches the floor 0.04: " + real);
    }

    @Test
    void outOfFoldPredictionsNeverSeeTheirOwnRow() {
        SplittableRandom r = new SplittableRandom(7);
        int n = 50;
        double[][] x = gaussians(n, 4, r);
        double[] y = new double[n];
        for (int i = 0; i < n; i++) y[i] = x[i][0] + 0.1 * gaussian(r);
        int[] fold = StackedRidge.interleaved(n, 5);
        double[] before = StackedRidge.outOfFold(x, List.of(y), fold, 5)[0];
        double[] changed = y.clone();
        changed[17] += 100; // row 17 is in fold 2: only other folds' predictions may move
        double[] after = StackedRidge.outOfFold(x, List.of(changed), fold, 5)[0];
        for (int i = 0; i < n; i++) {
            if (fold[i] == fold[17]) assertEquals(before[i], after[i], 0.0, "row " + i + " shares row 17's fold");
            else assertNotEquals(before[i], after[i], "row " + i + " is predicted by a fit that includes row 17");
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {2, 3, 10, 271})
    void derangementsArePermutationsWithoutFixedPoints(int n) {
        int[] p = StackedRidge.derangement(n, new java.util.Random(n));
        int[] sorted = p.clone();
        Arrays.sort(sorted);
        for (int i = 0; i < n; i++) {
            assertEquals(i, sorted[i]);
            assertNotEquals(i, p[i]);
        }
    }

    @Test
    void foldsCoverEveryRowWithNearEqualSizes() {
        int[] a = StackedRidge.interleaved(12, 5), b = StackedRidge.contiguous(12, 5);
        assertArrayEquals(new int[] {0, 1, 2, 3, 4, 0, 1, 2, 3, 4, 0, 1}, a);
        assertArrayEquals(new int[] {0, 0, 0, 1, 1, 2, 2, 2, 3, 3, 4, 4}, b);
    }
}
