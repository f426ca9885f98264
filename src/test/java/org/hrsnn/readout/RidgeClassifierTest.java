package org.hrsnn.readout;

import org.hrsnn.random.Seeds;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.*;

class RidgeClassifierTest {
    @Test
    void separatesGaussianClassesAndIsNearChanceOnShuffledLabels() {
        var rng = Seeds.rng(1);
        var gauss = org.apache.commons.rng.sampling.distribution.ZigguratSampler.NormalizedGaussian.of(rng);
        int n = 600, p = 5, k = 3;
        double[][] x = new double[n][p];
        int[] y = new int[n], shuffled = new int[n];
        for (int i = 0; i < n; i++) {
            y[i] = i % k;
            for (int j = 0; j < p; j++) x[i][j] = gauss.sample() + (j == y[i] ? 4 : 0);
            shuffled[i] = rng.nextInt(k);
        }
        double[][] tr = java.util.Arrays.copyOf(x, 400), te = java.util.Arrays.copyOfRange(x, 400, n);
        int[] ytr = java.util.Arrays.copyOf(y, 400), yte = java.util.Arrays.copyOfRange(y, 400, n);
        assertTrue(RidgeClassifier.fit(tr, ytr, k).accuracy(te, yte) > 0.95);
        double chance = RidgeClassifier.fit(tr, java.util.Arrays.copyOf(shuffled, 400), k)
                .accuracy(te, java.util.Arrays.copyOfRange(shuffled, 400, n));
        assertTrue(chance < 0.45, "labels unrelated to x: " + chance);
    }
}
