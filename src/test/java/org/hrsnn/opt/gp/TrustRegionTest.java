package org.hrsnn.opt.gp;

import org.hrsnn.opt.Observation;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

class TrustRegionTest {

    static List<Observation> values(double... y) {
        List<Observation> h = new ArrayList<>();
        for (int i = 0; i < y.length; i++) h.add(Observation.of(new double[] {i / (double) y.length, 0.5}, y[i]));
        return h;
    }

    @Test
    void threeImprovementsDoubleTheBoxUpToItsMaximumAndFourFailuresHalveIt() {
        // 2-D: failure tolerance max(4, 2) = 4; the first two points are the initial design
        assertEquals(new TrustRegion(0.8, 0, 0, 0), TrustRegion.replay(values(5, 4), 2, 2));
        assertEquals(new TrustRegion(0.8, 2, 0, 0), TrustRegion.replay(values(5, 4, 3, 2), 2, 2));
        assertEquals(new TrustRegion(1.6, 0, 0, 0), TrustRegion.replay(values(5, 4, 3, 2, 1), 2, 2));
        assertEquals(new TrustRegion(1.6, 0, 0, 0), TrustRegion.replay(values(5, 4, 3, 2, 1, 0, -1, -2), 2, 2), "capped at 1.6");
        assertEquals(new TrustRegion(1.6, 0, 3, 0), TrustRegion.replay(values(5, 4, 3, 2, 1, 9, 9, 9), 2, 2));
        assertEquals(new TrustRegion(0.8, 0, 0, 0), TrustRegion.replay(values(5, 4, 3, 2, 1, 9, 9, 9, 9), 2, 2));
        // a failure in between resets the run of successes, and a success the run of failures
        assertEquals(new TrustRegion(0.8, 1, 0, 0), TrustRegion.replay(values(5, 4, 3, 9, 2), 2, 2));
        assertEquals(new TrustRegion(0.8, 0, 1, 0), TrustRegion.replay(values(5, 4, 9, 9, 9, 3, 9), 2, 2));
    }

    @Test
    void theFailureToleranceIsTheDimensionBeyondFour() {
        double[] y = new double[2 + 6];
        java.util.Arrays.fill(y, 1);
        y[0] = 0;
        assertEquals(new TrustRegion(0.4, 0, 2, 0), TrustRegion.replay(values(y), 2, 4), "6 failures, tolerance 4: halved once");
        assertEquals(new TrustRegion(0.8, 0, 6, 0), TrustRegion.replay(values(y), 2, 8), "6 failures, tolerance 8");
    }

    @Test
    void aCollapsedBoxStartsAgainAtItsInitialSize() {
        // 0.8 / 2^7 = 0.00625 < 0.5^7: the seventh halving restarts, after 7 * 4 failures in 2-D
        double[] y = new double[1 + 7 * 4 + 5];
        java.util.Arrays.fill(y, 1);
        y[0] = 0;
        assertEquals(new TrustRegion(0.8 / 64, 0, 3, 0), TrustRegion.replay(values(java.util.Arrays.copyOf(y, 1 + 7 * 4 - 1)), 1, 2));
        assertEquals(new TrustRegion(0.8, 0, 0, 1), TrustRegion.replay(values(java.util.Arrays.copyOf(y, 1 + 7 * 4)), 1, 2));
        assertEquals(new TrustRegion(0.8, 0, 1, 1), TrustRegion.replay(values(java.util.Arrays.copyOf(y, 1 + 7 * 4 + 1)), 1, 2));
    }

    @Test
    void anImprovementSmallerThanAThousandthOfTheObservedRangeIsAFailureAndFailedTrialsAreFailures() {
        // range after the design: 10 - 0 = 10, so an improvement must exceed 0.01
        assertEquals(0, TrustRegion.replay(values(10, 0, -0.005), 2, 2).successes());
        assertEquals(1, TrustRegion.replay(values(10, 0, -0.02), 2, 2).successes());
        List<Observation> h = new ArrayList<>(values(10, 0, -1));
        h.add(Observation.failure(new double[] {0.9, 0.9}));
        assertEquals(new TrustRegion(0.8, 0, 1, 0), TrustRegion.replay(h, 2, 2));
        // the design's values set the incumbent without moving the box, however good they are
        assertEquals(new TrustRegion(0.8, 0, 0, 0), TrustRegion.replay(values(10, 5, 3, 1, 0), 5, 2));
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 5, 30})
    void theBoxHasTheVolumeOfACubeOfSideLengthAndItsSidesFollowTheLengthScales(int dim) {
        var rng = org.hrsnn.random.Seeds.rng(dim);
        double[] l = new double[dim];
        for (int d = 0; d < dim; d++) l[d] = Math.exp(-3 + 5 * rng.nextDouble()); // 0.05 .. 7.4: some clamped at 2
        TrustRegion tr = new TrustRegion(0.4, 0, 0, 0);
        double[] h = tr.halfWidths(l);
        double logVolume = 0;
        for (int d = 0; d < dim; d++) logVolume += Math.log(2 * h[d]);
        assertEquals(dim * Math.log(0.4), logVolume, 1e-9, "product of the sides = length^D");
        for (int d = 0; d < dim; d++)
            for (int e = 0; e < dim; e++)
                assertEquals(Math.min(2, l[d]) / Math.min(2, l[e]), h[d] / h[e], 1e-9, "sides in the ratio of the clamped length scales");
        double[] same = new double[dim];
        java.util.Arrays.fill(same, 0.3);
        for (double v : tr.halfWidths(same)) assertEquals(0.2, v, 1e-12, "equal length scales: a cube of side 0.4");
    }

    static TrustRegion replay(int stallHalvings, int init, int dim, double... y) {
        return TrustRegion.replay(y, new boolean[y.length], init, dim, stallHalvings);
    }

    @Test
    void withStallRestartsABoxHalvedKTimesAsksForAGlobalProposalAndStartsAgainAroundIt() {
        // 2-D, failure tolerance 4, k = 2: eight failures halve the box twice, 0.8 -> 0.2, which is a stall
        double[] y = {0, 1, 1, 1, 1, 1, 1, 1};
        assertEquals(new TrustRegion(0.4, 0, 3, 0), replay(2, 1, 2, y));
        y = java.util.Arrays.copyOf(y, 9);
        y[8] = 1;
        assertEquals(new TrustRegion(0.8, 0, 0, 1, 0, true), replay(2, 1, 2, y), "the next proposal is global");
        // the global point (index 9, worse than the best overall) starts the region, neither success nor failure,
        // and the next point is an improvement on it, though not on the best overall
        double[] more = java.util.Arrays.copyOf(y, 11);
        more[9] = 5;
        more[10] = 4;
        assertEquals(new TrustRegion(0.8, 0, 0, 1, 9, false), replay(2, 1, 2, java.util.Arrays.copyOf(more, 10)));
        assertEquals(new TrustRegion(0.8, 1, 0, 1, 9, false), replay(2, 1, 2, more));
        // without stall restarts (k = 0) the same history keeps shrinking the one region around the best point
        assertEquals(new TrustRegion(0.2, 0, 2, 0, 0, false), replay(0, 1, 2, more));
        // and k = 0 on values is the replay of the observations
        assertEquals(TrustRegion.replay(values(more), 1, 2), replay(0, 1, 2, more));
    }
}
