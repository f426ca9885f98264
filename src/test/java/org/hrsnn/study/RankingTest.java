package org.hrsnn.study;

import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.*;

/** Rankings against orderings and Pareto fronts worked out by hand. */
class RankingTest {
    /** Trial {@code n} in {@code state} with these metrics (name, value, ...). */
    static Trial t(int n, Trial.State state, Object... metrics) {
        Map<String, Double> m = new LinkedHashMap<>();
        for (int i = 0; i < metrics.length; i += 2) m.put((String) metrics[i], ((Number) metrics[i + 1]).doubleValue());
        return new Trial(n, state, Map.of(), new double[0], n, m, null, null, 1, null);
    }

    static final Trial.State C = Trial.State.COMPLETE;

    /**
     * (E, accuracy): 0 (1, .7), 1 (2, .9), 2 (3, .8), 3 (.5, .6), 4 pruned (.1, -), 5 (4, .9), 6 running
     * (.05, .99), 7 (-, .95), 8 failed (-, -), 9 (1, .7) like trial 0.
     */
    static final List<Trial> ACCURACY = List.of(
            t(0, C, "e", 1, "accuracy", 0.7), t(1, C, "e", 2, "accuracy", 0.9), t(2, C, "e", 3, "accuracy", 0.8), t(3, C, "e", 0.5, "accuracy", 0.6),
            t(4, Trial.State.PRUNED, "e", 0.1), t(5, C, "e", 4, "accuracy", 0.9), t(6, Trial.State.RUNNING, "e", 0.05, "accuracy", 0.99),
            t(7, C, "accuracy", 0.95), t(8, Trial.State.FAILED, "s", 3), t(9, C, "e", 1, "accuracy", 0.7));

    static List<Integer> numbers(List<Trial> ts) {
        return ts.stream().map(Trial::number).toList();
    }

    /** Gain = stacked - null for accuracy, null - stacked for NRMSE; largest first; ties by the task metric, then number. */
    @Test
    void byGainOrdersByWhatTheNetworkAdds() {
        Trial a = t(0, C, "accuracy", 0.8, "stacked", 0.90, "stackedNull", 0.88); // +0.02
        Trial b = t(1, C, "accuracy", 0.7, "stacked", 0.91, "stackedNull", 0.86); // +0.05
        Trial c = t(2, C, "accuracy", 0.9, "stacked", 0.88, "stackedNull", 0.89); // -0.01
        Trial d = t(3, C, "accuracy", 0.9, "stacked", 0.90, "stackedNull", 0.88); // +0.02, better accuracy than a
        Trial pruned = t(4, Trial.State.PRUNED, "accuracy", 0.9, "stacked", 0.99, "stackedNull", 0.5);
        Trial none = t(5, C, "accuracy", 0.99);
        assertEquals(List.of(1, 3, 0, 2), numbers(Ranking.byGain(List.of(a, b, c, d, pruned, none))));
        assertEquals(0.05, Ranking.gain(b), 1e-12);
        assertNull(Ranking.gain(none));
        assertEquals(0.02, Ranking.gain(t(6, C, "nrmse", 0.5, "stacked", 0.34, "stackedNull", 0.36)), 1e-12, "NRMSE: lower stacked is a gain");
    }

    /** The best trials that export and replicate share: top 2 by E (4, 3), then by accuracy (7, 1), no gains; each once; top 0 is none. */
    @Test
    void bestTakesTheTopOfEachRankingOnce() {
        assertEquals(List.of(4, 3, 7, 1), numbers(Ranking.best(ACCURACY, 2)));
        assertEquals(List.of(4, 3, 0, 9, 1, 2, 5, 7), numbers(Ranking.best(ACCURACY, 100)), "every ranked trial once; 6 running and 8 failed are in none");
        assertEquals(List.of(), Ranking.best(ACCURACY, 0));
        Trial gainer = t(10, C, "e", 9, "accuracy", 0.1, "stacked", 0.9, "stackedNull", 0.8);
        List<Trial> with = new java.util.ArrayList<>(ACCURACY);
        with.add(gainer);
        assertEquals(List.of(4, 7, 10), numbers(Ranking.best(with, 1)));
    }

    /** A design's gain over its seeds: its own and its replicates', each from its own stacked readout and null. */
    @Test
    void theGainOfReplicatesIsSpreadLikeAnyMetric() {
        Trial own = t(3, C, "nrmse", 0.40, "stacked", 0.35, "stackedNull", 0.37); // 0.02
        List<Replicates.Replicate> reps = List.of(
                new Replicates.Replicate(3, 1, 11, C, Map.of("nrmse", 0.41, "stacked", 0.36, "stackedNull", 0.37), null), // 0.01
                new Replicates.Replicate(3, 2, 12, C, Map.of("nrmse", 0.42, "stacked", 0.38, "stackedNull", 0.37), null), // -0.01
                new Replicates.Replicate(4, 1, 13, C, Map.of("nrmse", 0.30, "stacked", 0.10, "stackedNull", 0.37), null), // another trial's
                new Replicates.Replicate(3, 3, 14, Trial.State.PRUNED, Map.of("s", 200.0), null)); // no stacked readout: left out
        Replicates.Spread g = Replicates.spread(own, reps, "gain");
        assertEquals(3, g.n());
        assertEquals((0.02 + 0.01 - 0.01) / 3, g.mean(), 1e-12);
        assertEquals(-0.01, g.min(), 1e-12);
        assertEquals(0.02, g.max(), 1e-12);
        assertTrue(Replicates.summary(own, reps).containsKey("gain"));
    }

    @Test
    void byEListsFinishedTrialsWithAnETiesByTaskThenNumber() {
        // 4 (.1, pruned), 3 (.5), 0 and 9 (1, same accuracy: by number), 1 (2), 2 (3), 5 (4); not 6 (running), 7 or 8 (no E).
        assertEquals(List.of(4, 3, 0, 9, 1, 2, 5), numbers(Ranking.byE(ACCURACY)));
        // Equal E: the better accuracy first.
        assertEquals(List.of(11, 10), numbers(Ranking.byE(List.of(t(10, C, "e", 1, "accuracy", 0.5), t(11, C, "e", 1, "accuracy", 0.6)))));
    }

    @Test
    void byTaskListsCompletedTrialsByAccuracyTiesByEThenNumber() {
        // 7 (.95, no E: last among equals), 1 (.9, E 2) before 5 (.9, E 4), 2 (.8), 0 and 9 (.7, E 1), 3 (.6).
        assertEquals(List.of(7, 1, 5, 2, 0, 9, 3), numbers(Ranking.byTask(ACCURACY)));
        List<Trial> nrmse = List.of(t(0, C, "e", 5, "nrmse", 0.2), t(1, C, "e", 9, "nrmse", 0.1), t(2, C, "e", 1, "nrmse", 0.2),
                t(3, Trial.State.PRUNED, "e", 0.1, "nrmse", 0.01));
        assertEquals(List.of(1, 2, 0), numbers(Ranking.byTask(nrmse)), "lower NRMSE first; a pruned trial is not ranked");
    }

    @Test
    void paretoKeepsTheUndominatedCompletedTrialsByE() {
        // Dominated: 2 by 1 (lower E, higher accuracy), 5 by 1 (lower E, same accuracy). 0 and 9 are equal: neither dominates.
        assertEquals(List.of(3, 0, 9, 1), numbers(Ranking.pareto(ACCURACY)));
        List<Trial> nrmse = List.of(t(0, C, "e", 5, "nrmse", 0.2), t(1, C, "e", 9, "nrmse", 0.1), t(2, C, "e", 1, "nrmse", 0.2));
        assertEquals(List.of(2, 1), numbers(Ranking.pareto(nrmse)), "0 is dominated by 2 (lower E, same NRMSE)");
        assertEquals(List.of(), Ranking.pareto(List.of(t(0, C, "e", 1), t(1, C, "accuracy", 0.5))), "both metrics are needed");
    }

    @Test
    void aFrontIsMutuallyUndominatedAndDominatesEveryOtherTrial() {
        // A second computation on a seeded random cloud: the definition, checked pair by pair.
        var rng = new java.util.SplittableRandom(7);
        List<Trial> cloud = new java.util.ArrayList<>();
        for (int n = 0; n < 200; n++) cloud.add(t(n, C, "e", rng.nextDouble(), "accuracy", Math.round(rng.nextDouble() * 20) / 20.0));
        List<Trial> front = Ranking.pareto(cloud);
        assertFalse(front.isEmpty());
        for (Trial a : cloud) {
            boolean dominated = cloud.stream().anyMatch(b -> b.metric("e") <= a.metric("e") && b.metric("accuracy") >= a.metric("accuracy")
                    && (b.metric("e") < a.metric("e") || b.metric("accuracy") > a.metric("accuracy")));
            assertEquals(!dominated, front.contains(a), "trial " + a.number());
        }
        for (int i = 1; i < front.size(); i++) {
            assertTrue(front.get(i - 1).metric("e") <= front.get(i).metric("e"), "ordered by E");
            assertTrue(front.get(i - 1).metric("accuracy") <= front.get(i).metric("accuracy"), "along a front, accuracy rises with E");
        }
    }
}
