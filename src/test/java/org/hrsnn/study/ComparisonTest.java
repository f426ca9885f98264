package org.hrsnn.study;

import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.*;

class ComparisonTest {
    @Test
    void separatedGroupsOfThreeGiveTheExactSmallestPValue() {
        Map<String, double[]> g = new LinkedHashMap<>();
        g.put("a", new double[] {1, 2, 3});
        g.put("b", new double[] {4, 5, 6});
        g.put("c", new double[] {2.5, 1.5, 3.5});
        var s = Comparison.of(g, 1);
        assertEquals(2, s.get(0).median());
        assertTrue(Double.isNaN(s.get(0).p()), "the first group is the reference");
        // 3 vs 3 with no overlap: one of C(6,3) = 20 orderings in each tail, p = 2 / 20.
        assertEquals(0.1, s.get(1).p(), 1e-12);
        assertEquals(0, Math.min(s.get(1).u(), 9 - s.get(1).u()));
        assertTrue(s.get(2).p() > 0.5, "overlapping groups: " + s.get(2).p());
    }

    @Test
    void theBootstrapIntervalHoldsTheMedianAndLiesWithinTheData() {
        double[] v = {3, 9, 1, 7, 5, 2, 8};
        var s = Comparison.of(Map.of("x", v), 4).get(0);
        assertEquals(5, s.median());
        assertTrue(s.low() <= 5 && s.high() >= 5 && s.low() >= 1 && s.high() <= 9, s.low() + " " + s.high());
        var again = Comparison.of(Map.of("x", v), 4).get(0);
        assertEquals(s.low(), again.low(), "seeded");
        assertEquals(s.high(), again.high(), "seeded");
    }

    @Test
    void missingValuesAreDropped() {
        var s = Comparison.of(Map.of("x", new double[] {Double.NaN, 2, 4}), 1).get(0);
        assertEquals(2, s.values().length);
        assertEquals(3, s.median());
    }

    static Trial trial(int n, Trial.State state, double mc, double s) {
        return new Trial(n, state, Map.of(), new double[0], n, Map.of("mc", mc, "s", s), null, null, 1, null);
    }

    @Test
    void activityAtEqualMemoryIsTheCheapestTrialAtTheReferenceMc() {
        var trials = java.util.List.of(trial(0, Trial.State.COMPLETE, 4.9, 0.5), trial(1, Trial.State.COMPLETE, 5.0, 3.0),
                trial(2, Trial.State.PRUNED, 12, 2.0), trial(3, Trial.State.COMPLETE, 30, 9.0), trial(4, Trial.State.RUNNING, 40, 0.1));
        // Trial 0 is below the reference MC and trial 4 unfinished: the cheapest of trials 1-3 is trial 2.
        assertEquals(2.0, Comparison.measures().get("lowest S at MC >= " + Comparison.MC_REFERENCE).apply(trials));
        assertEquals(8.5, Comparison.measures().get("median MC of finished trials").apply(trials), "median of 4.9, 5, 12, 30");
        assertTrue(Double.isNaN(Comparison.measures().get("lowest S at MC >= 5").apply(java.util.List.of(trial(0, Trial.State.COMPLETE, 1, 1)))));
    }
}
