package org.hrsnn.opt.gp;

import org.hrsnn.opt.Observation;
import org.hrsnn.opt.ReferenceProblem;
import org.hrsnn.opt.Samplers;
import org.hrsnn.opt.SearchSpace;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

class GpSamplerTest {

    @Test
    void beatsRandomSearchOnBraninForMostSeeds() {
        ReferenceProblem branin = ReferenceProblem.branin();
        int wins = 0;
        StringBuilder log = new StringBuilder();
        for (long seed = 1; seed <= 10; seed++) {
            double gp = branin.minimise(new GpSampler(seed), 40, seed).regretAfter(40);
            double random = branin.minimise(Samplers.random(seed), 40, seed).regretAfter(40);
            if (gp < random) wins++;
            log.append(String.format("seed %d: gp %.2e random %.2e%n", seed, gp, random));
        }
        // Under "no better than random" a win has probability 1/2: P(>= 8 of 10) = 5.5%.
        assertTrue(wins >= 8, log.toString());
    }

    static List<Observation> history(ReferenceProblem p, int n) {
        List<Observation> h = new ArrayList<>();
        for (int t = 0; t < n; t++) {
            double[] u = Samplers.sobolPoint(p.dimension(), 9, t);
            h.add(Observation.of(u, p.value(u)));
        }
        return h;
    }

    @Test
    void sameInputsSameProposal() {
        ReferenceProblem p = ReferenceProblem.hartmann6();
        SearchSpace s = p.space();
        List<Observation> h = history(p, 15);
        assertArrayEquals(new GpSampler(3).suggest(s, 15, h, List.of()), new GpSampler(3).suggest(s, 15, h, List.of()), 0.0);
    }

    @Test
    void pendingPointsPushTheNextProposalAway() {
        ReferenceProblem p = ReferenceProblem.branin();
        SearchSpace s = p.space();
        List<Observation> h = history(p, 12);
        double[] first = new GpSampler(4).suggest(s, 12, h, List.of());
        double[] second = new GpSampler(4).suggest(s, 12, h, List.of(first));
        double dist = Math.hypot(first[0] - second[0], first[1] - second[1]);
        assertTrue(dist > 1e-2, "a parallel worker gets another point: distance " + dist);
    }

    @Test
    void failedTrialsAreNotTakenForGoodOnes() {
        // All evaluations fail in the left half; the proposal must not go there.
        ReferenceProblem p = ReferenceProblem.branin();
        SearchSpace s = p.space();
        List<Observation> h = new ArrayList<>();
        for (int t = 0; t < 20; t++) {
            double[] u = Samplers.sobolPoint(2, 11, t);
            h.add(u[0] < 0.5 ? Observation.failure(u) : Observation.of(u, 100 + u[0]));
        }
        double[] next = new GpSampler(5).suggest(s, 20, h, List.of());
        assertTrue(next[0] >= 0.45, "proposal " + java.util.Arrays.toString(next) + " avoids the failing region");
    }

    @Test
    void aLocalSamplerProposesWithinItsBoxAroundTheBestPoint() {
        ReferenceProblem p = ReferenceProblem.hartmann6();
        List<Observation> h = history(p, 20);
        double[] best = h.stream().min(java.util.Comparator.comparingDouble(Observation::value)).orElseThrow().x();
        double[] next = new GpSampler(6, 7, 0, AcquisitionOptimizer.Settings.DEFAULT, 0.1).suggest(p.space(), 20, h, List.of());
        for (int d = 0; d < 6; d++) assertTrue(Math.abs(next[d] - best[d]) <= 0.1, "coordinate " + d + ": " + next[d] + " vs " + best[d]);
        assertThrows(IllegalArgumentException.class, () -> new GpSampler(1, 7, 0, AcquisitionOptimizer.Settings.DEFAULT, 1.5));
    }

    /**
     * With the trust region: a proposal lies in the box that {@link TrustRegion#replay} gives around the
     * incumbent with the length scales of the proposal's own fit, and a fresh sampler (a resumed study)
     * proposes exactly what one that made every earlier proposal does.
     */
    @Test
    void aTrustRegionSamplerProposesInsideItsReplayedBoxAndResumesExactly() {
        ReferenceProblem p = ReferenceProblem.hartmann6();
        SearchSpace s = p.space();
        GpSampler running = new GpSampler(8, 7, 0, AcquisitionOptimizer.Settings.DEFAULT, 0, false, true);
        List<Observation> h = new ArrayList<>();
        for (int t = 0; t < 30; t++) {
            double[] u = running.suggest(s, t, List.copyOf(h), List.of());
            if (t >= 7) {
                GpSampler.Box box = running.box(List.copyOf(h), t);
                assertArrayEquals(TrustRegion.replay(h, 7, 6).halfWidths(box.lengthscales()), box.halfWidth(), 0.0);
                assertTrue(GpSampler.inBox(u, box.centre(), box.halfWidth()), "trial " + t + ": " + java.util.Arrays.toString(u));
                double best = h.stream().mapToDouble(Observation::value).min().orElseThrow();
                double atCentre = h.stream().filter(o -> java.util.Arrays.equals(o.x(), box.centre())).findFirst().orElseThrow().value();
                if (!box.noisy()) assertEquals(best, atCentre, 0.0, "without noise: centred on the lowest observation");
            }
            h.add(Observation.of(u, p.value(u)));
        }
        GpSampler resumed = new GpSampler(8, 7, 0, AcquisitionOptimizer.Settings.DEFAULT, 0, false, true);
        assertArrayEquals(running.suggest(s, 30, List.copyOf(h), List.of()), resumed.suggest(s, 30, List.copyOf(h), List.of()), 0.0);
        assertThrows(IllegalArgumentException.class, () -> new GpSampler(1, 7, 0, AcquisitionOptimizer.Settings.DEFAULT, 0.2, false, true));
    }

    /**
     * Thompson sampling with stall restarts after one halving (2-D: four proposals without improvement): a
     * proposal lies in the replayed box around the best point since the region's start, except the global
     * one that starts a new region; restarts do happen; and a fresh sampler proposes exactly what the
     * running one does, at every trial.
     */
    @Test
    void thompsonSamplingWithStallRestartsStaysInItsReplayedRegionAndResumesExactly() {
        ReferenceProblem p = ReferenceProblem.branin();
        SearchSpace s = p.space();
        GpSampler.Variant v = new GpSampler.Variant(0, 1, true);
        GpSampler running = GpSampler.trustRegion(3, 3, v);
        List<Observation> h = new ArrayList<>();
        int globals = 0, moved = 0;
        for (int t = 0; t < 30; t++) {
            double[] u = running.suggest(s, t, List.copyOf(h), List.of());
            if (t >= 3) {
                GpSampler.Box box = running.box(List.copyOf(h), t);
                TrustRegion state = box.state();
                if (state.global()) globals++;
                else {
                    assertTrue(GpSampler.inBox(u, box.centre(), box.halfWidth()), "trial " + t + ": " + java.util.Arrays.toString(u));
                    int first = state.start();
                    double localBest = h.subList(first, h.size()).stream().mapToDouble(Observation::value).min().orElseThrow();
                    double atCentre = h.stream().filter(o -> java.util.Arrays.equals(o.x(), box.centre())).findFirst().orElseThrow().value();
                    if (!box.noisy()) assertEquals(localBest, atCentre, 0.0, "trial " + t + ": centred on the best point since the region's start");
                    if (first > 0) moved++;
                }
                if (t % 7 == 0) assertArrayEquals(u, GpSampler.trustRegion(3, 3, v).suggest(s, t, List.copyOf(h), List.of()), 0.0, "trial " + t);
            }
            h.add(Observation.of(u, p.value(u)));
        }
        assertTrue(globals > 0 && moved > 0, globals + " global proposals, " + moved + " in a restarted region");
        assertArrayEquals(running.suggest(s, 30, List.copyOf(h), List.of()), GpSampler.trustRegion(3, 3, v).suggest(s, 30, List.copyOf(h), List.of()), 0.0);
    }

    /**
     * The default proposes by Thompson sampling beyond 20 dimensions and by log EI up to 20: in 21-D its
     * proposals are those of the always-Thompson variant, in 20-D those of the always-EI one (so every
     * problem up to 20-D is proposed as before), and in both a fresh sampler proposes what the running one does.
     */
    @Test
    void theDefaultUsesThompsonSamplingBeyondTwentyDimensionsAndLogEiUpToTwenty() {
        for (int dim : new int[] {20, 21}) {
            ReferenceProblem p = ReferenceProblem.embedded(ReferenceProblem.branin(), dim);
            SearchSpace s = p.space();
            GpSampler running = new GpSampler(5, 6, 0, AcquisitionOptimizer.Settings.DEFAULT);
            GpSampler.Variant same = new GpSampler.Variant(dim > 20 ? 0 : Integer.MAX_VALUE, 0, false);
            GpSampler.Variant other = new GpSampler.Variant(dim > 20 ? Integer.MAX_VALUE : 0, 0, false);
            List<Observation> h = new ArrayList<>();
            for (int t = 0; t < 12; t++) {
                double[] u = running.suggest(s, t, List.copyOf(h), List.of());
                if (t >= 6) {
                    assertArrayEquals(u, GpSampler.trustRegion(5, 6, same).suggest(s, t, List.copyOf(h), List.of()), 0.0, dim + "-D, trial " + t);
                    assertArrayEquals(u, new GpSampler(5, 6, 0, AcquisitionOptimizer.Settings.DEFAULT).suggest(s, t, List.copyOf(h), List.of()), 0.0);
                    if (t == 6) assertFalse(java.util.Arrays.equals(u, GpSampler.trustRegion(5, 6, other).suggest(s, t, List.copyOf(h), List.of())));
                }
                h.add(Observation.of(u, p.value(u)));
            }
        }
    }

    @Test
    void theDefaultRecommendationIsTheLowestCompletedObservation() {
        var random = Samplers.random(1);
        SearchSpace s = ReferenceProblem.branin().space();
        List<Observation> h = List.of(Observation.failure(new double[] {0.1, 0.1}), Observation.of(new double[] {0.2, 0.2}, 3),
                Observation.of(new double[] {0.3, 0.3}, -1), Observation.of(new double[] {0.4, 0.4}, -1));
        assertEquals(2, random.recommend(s, h), "lowest value, the earlier of a tie, failures skipped");
        assertEquals(-1, random.recommend(s, List.of(Observation.failure(new double[] {0.5, 0.5}))));
    }

    @Test
    void withoutNoiseTheGpRecommendsTheLowestObservation() {
        ReferenceProblem p = ReferenceProblem.hartmann6();
        List<Observation> h = history(p, 30);
        int lowest = Samplers.random(1).recommend(p.space(), h);
        assertEquals(lowest, new GpSampler(2).recommend(p.space(), h));
    }

    /**
     * Two points each observed ten times: A with draws averaging 0, B with draws averaging 0.25 but
     * including the lowest single value (-0.2). Replicates make the noise identifiable, so the posterior
     * mean is near each point's average and the recommendation is A; the lowest observation is B's.
     */
    @Test
    void withNoiseTheRecommendationFollowsThePosteriorMeanNotTheLuckiestDraw() {
        SearchSpace s = ReferenceProblem.branin().space();
        double[] a = {0.3, 0.3}, b = {0.7, 0.7};
        List<Observation> h = new ArrayList<>();
        for (int k = 0; k < 10; k++) {
            double wiggle = k % 2 == 0 ? 0.1 : -0.1;
            h.add(Observation.of(a, wiggle));
            h.add(Observation.of(b, k == 9 ? -0.2 : 0.3 + wiggle));
        }
        int lucky = Samplers.random(1).recommend(s, h);
        assertArrayEquals(b, h.get(lucky).x(), 0.0);
        for (long seed = 1; seed <= 3; seed++) {
            int gp = new GpSampler(seed, 2, 0, AcquisitionOptimizer.Settings.DEFAULT).recommend(s, h);
            assertArrayEquals(a, h.get(gp).x(), 0.0, "seed " + seed);
        }
    }

    @Test
    void theNoiseDiscountOfAugmentedEiHasItsClosedForm() {
        assertEquals(0, GpSampler.logAugmentation(0.3, 0), 0.0);
        assertEquals(Math.log(0.5), GpSampler.logAugmentation(0.03, 0.01), 1e-15); // 1 - sqrt(0.01 / 0.04)
        assertEquals(Double.NEGATIVE_INFINITY, GpSampler.logAugmentation(0, 0.01));
    }
}
