package org.hrsnn.stats;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.*;

class PairedTest {

    @Test
    void allWinsOnNSeedsHaveTheExactSignedRankP() {
        // With n non-zero differences all of one sign, the exact two-sided p is 2 / 2^n.
        for (int n = 2; n <= 8; n++) {
            double[] score = new double[n], base = new double[n];
            for (int i = 0; i < n; i++) { score[i] = 1 + i; base[i] = 0.5 * i; }
            Paired p = Paired.of(score, base, true, 1);
            assertEquals(n, p.wins());
            assertEquals(2 / Math.pow(2, n), p.p(), 1e-12, "n = " + n);
        }
    }

    @Test
    void lowerIsBetterFlipsTheSignOfTheGain() {
        Paired p = Paired.of(new double[] {0.4, 0.5, 0.45}, new double[] {0.6, 0.55, 0.4}, false, 1);
        assertEquals(2, p.wins());
        assertEquals(1, p.losses());
        assertEquals(0.05, p.medianGain(), 1e-12); // gains 0.2, 0.05, -0.05
        assertTrue(p.low() <= p.medianGain() && p.medianGain() <= p.high());
    }

    @Test
    void tiesAreCountedAndTooFewDifferencesHaveNoP() {
        Paired p = Paired.of(new double[] {1, 1, 2}, new double[] {1, 1, 1}, true, 1);
        assertEquals(2, p.ties());
        assertEquals(1, p.wins());
        assertTrue(Double.isNaN(p.p()));
    }

    @Test
    void nonFiniteValuesAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> Paired.of(new double[] {1, Double.NaN}, new double[] {1, 1}, true, 1));
        assertThrows(IllegalArgumentException.class, () -> Paired.of(new double[] {1}, new double[] {1, 1}, true, 1));
    }

    @Test
    void theBootstrapIntervalOfAConstantIsThatConstantAndBracketsTheMedian() {
        assertArrayEquals(new double[] {3, 3}, Medians.bootstrapInterval(new double[] {3, 3, 3}, org.hrsnn.random.Seeds.rng(1)));
        double[] v = {5, 1, 4, 2, 3};
        double[] ci = Medians.bootstrapInterval(v, org.hrsnn.random.Seeds.rng(1));
        assertTrue(ci[0] <= 3 && 3 <= ci[1] && ci[0] >= 1 && ci[1] <= 5);
        assertEquals(2.5, Medians.median(new double[] {1, 2, 3, 4}));
    }
}
