package org.hrsnn.stats;

import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.statistics.inference.AlternativeHypothesis;
import org.apache.commons.statistics.inference.MannWhitneyUTest;
import org.hrsnn.random.Seeds;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class StratifiedRankTestTest {

    private static double[] draw(UniformRandomProvider rng, int n, double shift) {
        double[] v = new double[n];
        for (int i = 0; i < n; i++) v[i] = rng.nextDouble() + shift;
        return v;
    }

    /** One stratum: the exact permutation p is the exact Mann-Whitney p (an independent computation, commons-statistics). */
    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 4, 5, 6, 7, 8})
    void oneStratumIsTheExactMannWhitneyTest(long seed) {
        UniformRandomProvider rng = Seeds.rng(seed);
        int n1 = 2 + rng.nextInt(6), n2 = 2 + rng.nextInt(6);
        double[] a = draw(rng, n1, 0.3 * rng.nextDouble()), b = draw(rng, n2, 0);
        StratifiedRankTest t = StratifiedRankTest.of(List.of(new StratifiedRankTest.Stratum(a, b)), Seeds.rng(seed, "mc"));
        double expected = MannWhitneyUTest.withDefaults().with(AlternativeHypothesis.TWO_SIDED)
                .with(org.apache.commons.statistics.inference.PValueMethod.EXACT).test(a, b).getPValue();
        assertTrue(t.exact());
        assertEquals(expected, t.p(), 1e-12, "n1 " + n1 + ", n2 " + n2);
        double u = MannWhitneyUTest.withDefaults().test(a, b).getStatistic();
        assertEquals((u - n1 * n2 / 2.0) / (n1 + n2 + 1), t.statistic(), 1e-12);
    }

    /** Two strata of 3 + 3, the first sample above the second in both: 2 of the 400 relabellings are as extreme. */
    @Test
    void completeSeparationInTwoStrata() {
        var s1 = new StratifiedRankTest.Stratum(new double[] {4, 5, 6}, new double[] {1, 2, 3});
        var s2 = new StratifiedRankTest.Stratum(new double[] {14, 15, 16}, new double[] {11, 12, 13});
        StratifiedRankTest t = StratifiedRankTest.of(List.of(s1, s2), Seeds.rng(1));
        assertEquals(400, t.relabelings());
        assertEquals(2.0 / 400, t.p(), 1e-15);
        assertEquals(2 * 4.5 / 7, t.statistic(), 1e-12);
        assertEquals(3, t.shift(), 0); // within-stratum differences 1..5, median 3
        assertEquals(3, t.shifts()[0], 0);
        // The stratum's level does not matter, only the order within it: a pooled test would see the 10-unit
        // offset between strata as noise.
        StratifiedRankTest pooledLike = StratifiedRankTest.of(List.of(s1, new StratifiedRankTest.Stratum(new double[] {4, 5, 6}, new double[] {1, 2, 3})), Seeds.rng(1));
        assertEquals(t.p(), pooledLike.p(), 0);
    }

    /** Opposite effects in two equal strata cancel: T = 0, p = 1. */
    @Test
    void oppositeEffectsCancel() {
        var up = new StratifiedRankTest.Stratum(new double[] {4, 5, 6}, new double[] {1, 2, 3});
        var down = new StratifiedRankTest.Stratum(new double[] {1, 2, 3}, new double[] {4, 5, 6});
        StratifiedRankTest t = StratifiedRankTest.of(List.of(up, down), Seeds.rng(1));
        assertEquals(0, t.statistic(), 1e-12);
        assertEquals(1, t.p(), 1e-12);
    }

    /** Swapping the samples negates T and keeps p; a monotone transform of the values changes neither. */
    @ParameterizedTest
    @ValueSource(longs = {11, 12, 13, 14})
    void symmetricAndRankBased(long seed) {
        UniformRandomProvider rng = Seeds.rng(seed);
        var s1 = new StratifiedRankTest.Stratum(draw(rng, 3, 0.4), draw(rng, 4, 0));
        var s2 = new StratifiedRankTest.Stratum(draw(rng, 5, 0.2), draw(rng, 3, 0));
        StratifiedRankTest t = StratifiedRankTest.of(List.of(s1, s2), Seeds.rng(1));
        StratifiedRankTest swapped = StratifiedRankTest.of(List.of(new StratifiedRankTest.Stratum(s1.second(), s1.first()),
                new StratifiedRankTest.Stratum(s2.second(), s2.first())), Seeds.rng(1));
        assertEquals(-t.statistic(), swapped.statistic(), 1e-12);
        assertEquals(t.p(), swapped.p(), 1e-12);
        StratifiedRankTest logged = StratifiedRankTest.of(List.of(new StratifiedRankTest.Stratum(log(s1.first()), log(s1.second())),
                new StratifiedRankTest.Stratum(log(s2.first()), log(s2.second()))), Seeds.rng(1));
        assertEquals(t.statistic(), logged.statistic(), 1e-12);
        assertEquals(t.p(), logged.p(), 1e-12);
    }

    /** Beyond the exact limit the p is a seeded Monte Carlo estimate: within 4 standard errors of the exact Mann-Whitney p. */
    @Test
    void monteCarloAgreesWithTheExactTest() {
        UniformRandomProvider rng = Seeds.rng(21);
        double[] a = draw(rng, 12, 0.25), b = draw(rng, 12, 0); // C(24, 12) = 2,704,156 relabellings
        StratifiedRankTest t = StratifiedRankTest.of(List.of(new StratifiedRankTest.Stratum(a, b)), Seeds.rng(5));
        assertFalse(t.exact());
        double expected = MannWhitneyUTest.withDefaults().with(AlternativeHypothesis.TWO_SIDED)
                .with(org.apache.commons.statistics.inference.PValueMethod.EXACT).test(a, b).getPValue();
        double se = Math.sqrt(expected * (1 - expected) / StratifiedRankTest.DRAWS);
        assertEquals(expected, t.p(), 4 * se + 1e-5, "exact " + expected);
        assertEquals(t.p(), StratifiedRankTest.of(List.of(new StratifiedRankTest.Stratum(a, b)), Seeds.rng(5)).p(), 0, "same seed, same p");
    }

    @Test
    void nonFiniteValuesAreDroppedAndAnEmptySampleRefused() {
        var withNaN = new StratifiedRankTest.Stratum(new double[] {4, 5, Double.NaN, 6}, new double[] {1, 2, 3});
        assertEquals(2.0 / 20, StratifiedRankTest.of(List.of(withNaN), Seeds.rng(1)).p(), 1e-15);
        var empty = new StratifiedRankTest.Stratum(new double[] {Double.NaN}, new double[] {1, 2});
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> StratifiedRankTest.of(List.of(withNaN, empty), Seeds.rng(1)));
        assertTrue(e.getMessage().contains("stratum 2"), e.getMessage());
    }

    @Test
    void binomialCoefficients() {
        assertEquals(20, StratifiedRankTest.binomial(6, 3));
        assertEquals(2_704_156, StratifiedRankTest.binomial(24, 12));
        assertEquals(Long.MAX_VALUE, StratifiedRankTest.binomial(200, 100));
    }

    private static double[] log(double[] v) {
        double[] out = new double[v.length];
        for (int i = 0; i < v.length; i++) out[i] = Math.log(v[i] + 1);
        return out;
    }
}
