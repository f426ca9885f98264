package org.hrsnn.opt.moo;

import org.hrsnn.random.Seeds;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

class HypervolumeTest {
    @Test
    void rectanglesByHand() {
        double[] ref = {4, 4};
        assertEquals(9, Hypervolume.of(List.of(new double[] {1, 1}), ref), 0.0);
        // (1, 3) and (3, 1): two 3 x 1 strips plus their 1 x 1 overlap counted once = 3 + 3 - 1 = 5
        assertEquals(5, Hypervolume.of(List.of(new double[] {1, 3}, new double[] {3, 1}), ref), 0.0);
        // a dominated point, a duplicate and a point beyond the reference add nothing
        assertEquals(5, Hypervolume.of(List.of(new double[] {1, 3}, new double[] {3, 1}, new double[] {3, 3}, new double[] {3, 1}, new double[] {0, 5}), ref), 0.0);
        assertEquals(0, Hypervolume.of(List.of(), ref), 0.0);
        assertEquals(2, Hypervolume.front(List.of(new double[] {1, 3}, new double[] {3, 1}, new double[] {3, 3}, new double[] {2, 3})).size());
    }

    /** Second computation: the share of uniform points in the reference box that some point dominates. */
    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3})
    void agreesWithMonteCarlo(long seed) {
        var rng = Seeds.rng(seed);
        List<double[]> pts = new ArrayList<>();
        for (int i = 0; i < 15; i++) pts.add(new double[] {rng.nextDouble() * 2, rng.nextDouble() * 2});
        double[] ref = {2, 2};
        int n = 400_000, hit = 0;
        for (int k = 0; k < n; k++) {
            double a = rng.nextDouble() * 2, b = rng.nextDouble() * 2;
            for (double[] p : pts)
                if (p[0] <= a && p[1] <= b) {
                    hit++;
                    break;
                }
        }
        double mc = 4.0 * hit / n, se = 4 * Math.sqrt(0.25 / n);
        assertEquals(mc, Hypervolume.of(pts, ref), 4 * se);
    }

    @Test
    void theZdtFrontsHaveTheirClosedFormHypervolumes() {
        // points on the fronts (x2..xd = 0, so g = 1), finely spaced in f1: their hypervolume approaches the best
        for (BiObjectiveProblem p : List.of(BiObjectiveProblem.zdt1(4), BiObjectiveProblem.zdt2(4))) {
            List<double[]> f = new ArrayList<>();
            for (int i = 0; i <= 20_000; i++) f.add(p.f().apply(new double[] {i / 20_000.0, 0, 0, 0}));
            double hv = Hypervolume.of(f, p.reference());
            assertTrue(hv < p.bestHypervolume() && hv > p.bestHypervolume() - 1e-3, p.name() + ": " + hv + " vs " + p.bestHypervolume());
        }
    }

    @Test
    void theShiftedDtlz2FrontIsTheQuarterCircleInsideTheCube() {
        BiObjectiveProblem p = BiObjectiveProblem.named("dtlz2s-6");
        double[] c = BiObjectiveProblem.dtlz2ShiftedCentre(6);
        for (int i = 1; i < 6; i++) assertTrue(c[i] >= 0.15 && c[i] <= 0.85, "distance variable " + i + " optimum inside: " + c[i]);
        List<double[]> f = new ArrayList<>();
        for (int k = 0; k <= 20_000; k++) {
            double[] x = c.clone();
            x[0] = k / 20_000.0;
            double[] v = p.f().apply(x);
            assertEquals(1, Math.hypot(v[0], v[1]), 1e-12, "on the unit circle");
            f.add(v);
        }
        // the area of [0, 5]^2 outside the quarter disc, approached from below by fine front points
        double hv = Hypervolume.of(f, p.reference());
        assertTrue(hv < p.bestHypervolume() && hv > p.bestHypervolume() - 1e-3, hv + " vs " + p.bestHypervolume());
        // moving a distance variable off its optimum moves the point off the front, outward
        double[] x = c.clone();
        x[0] = 0.3;
        x[3] += 0.1;
        double[] v = p.f().apply(x);
        assertEquals(1.01, Math.hypot(v[0], v[1]), 1e-12);
    }
}
