package org.hrsnn.opt;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.junit.jupiter.api.Assertions.*;

class ReferenceProblemTest {

    /** The unit-cube point of box point x. */
    static double[] unit(ReferenceProblem p, double[] x) {
        double[] u = new double[x.length];
        for (int d = 0; d < x.length; d++) u[d] = (x[d] - p.lower()[d]) / (p.upper()[d] - p.lower()[d]);
        return u;
    }

    @ParameterizedTest
    @ValueSource(ints = {2, 5, 6, 8})
    void theInteriorOptimaAreWhereTheClosedFormsSayAndNoPointNearbyIsLower(int d) {
        double[] zak = new double[d], dp = new double[d], trid = new double[d];
        for (int i = 0; i < d; i++) {
            int k = i + 1;
            dp[i] = Math.pow(2, -(Math.pow(2, k) - 2) / Math.pow(2, k));
            trid[i] = k * (d + 1 - k);
        }
        var cases = java.util.List.of(new Object[] {ReferenceProblem.zakharov(d), zak}, new Object[] {ReferenceProblem.dixonPrice(d), dp},
                new Object[] {ReferenceProblem.trid(d), trid});
        var rng = org.hrsnn.random.Seeds.rng(d);
        for (Object[] c : cases) {
            ReferenceProblem p = (ReferenceProblem) c[0];
            double[] u = unit(p, (double[]) c[1]);
            assertEquals(p.minimum(), p.value(u), 1e-9 * Math.max(1, Math.abs(p.minimum())), p.name());
            for (double v : u) assertTrue(v > 0.05 && v < 0.95, p.name() + " optimum inside the box: " + java.util.Arrays.toString(u));
            for (int k = 0; k < 200; k++) {
                double[] q = u.clone();
                for (int i = 0; i < d; i++) q[i] = Math.min(1, Math.max(0, q[i] + 0.01 * (rng.nextDouble() - 0.5)));
                assertTrue(p.value(q) >= p.minimum() - 1e-12, p.name());
            }
        }
        ReferenceProblem s = ReferenceProblem.named("sphere" + d + "-shifted");
        double[] best = new double[d];
        for (int i = 0; i < d; i++) {
            // the minimiser of a separable sphere, found coordinate by coordinate on a fine grid
            double bv = Double.POSITIVE_INFINITY;
            for (int g = 0; g <= 1000; g++) {
                double[] q = new double[d];
                java.util.Arrays.fill(q, 0.5);
                q[i] = g / 1000.0;
                double v = s.value(q);
                if (v < bv) {
                    bv = v;
                    best[i] = g / 1000.0;
                }
            }
            assertTrue(best[i] >= 0.15 - 1e-3 && best[i] <= 0.85 + 1e-3, "centre coordinate " + best[i]);
        }
        assertEquals(0, s.value(best), 1e-5 * d);
    }

    /** The minimiser of a separable problem coordinate by coordinate: a grid of 100,001 points per axis (the others at 0.5). */
    static double[] separableMinimiser(ReferenceProblem p) {
        int d = p.dimension(), n = 100_000;
        double[] best = new double[d];
        for (int i = 0; i < d; i++) {
            double bv = Double.POSITIVE_INFINITY;
            double[] q = new double[d];
            java.util.Arrays.fill(q, 0.5);
            for (int g = 0; g <= n; g++) {
                q[i] = g / (double) n;
                double v = p.value(q);
                if (v < bv) {
                    bv = v;
                    best[i] = q[i];
                }
            }
        }
        return best;
    }

    @Test
    void theAddedSeparableProblemsHaveTheirMinimaInsideTheBoxWhereAGridFindsThem() {
        // Styblinski-Tang: 39.16616570377142 per coordinate in the literature, at x = -2.903534
        ReferenceProblem st = ReferenceProblem.named("styblinskitang6");
        assertEquals(-39.16616570377142 * 6, st.minimum(), 1e-9);
        double[] u = separableMinimiser(st);
        for (double v : u) assertEquals((-2.903534 + 5) / 10, v, 1e-5);
        assertEquals(st.minimum(), st.value(u), 1e-6);
        // shifted Rastrigin: minimum 0, every coordinate of the minimiser between -3 and 3 (0.207 .. 0.793 of the box)
        ReferenceProblem ra = ReferenceProblem.named("rastrigin5-shifted");
        u = separableMinimiser(ra);
        assertEquals(0, ra.value(u), 1e-6);
        for (double v : u) assertTrue(v > 0.2 && v < 0.8, "inside: " + v);
        // Michalewicz-5: -4.687658 in the literature; the minimiser inside (0, pi)^5
        ReferenceProblem mi = ReferenceProblem.named("michalewicz5");
        assertEquals(-4.687658, mi.minimum(), 1e-6);
        u = separableMinimiser(mi);
        assertEquals(mi.minimum(), mi.value(u), 1e-6);
        for (double v : u) assertTrue(v > 0.3 && v < 0.75, "inside: " + v);
        var rng = org.hrsnn.random.Seeds.rng(5);
        for (ReferenceProblem p : java.util.List.of(st, ra, mi))
            for (int k = 0; k < 20_000; k++) {
                double[] q = new double[p.dimension()];
                for (int i = 0; i < q.length; i++) q[i] = rng.nextDouble();
                assertTrue(p.value(q) >= p.minimum() - 1e-9, p.name());
            }
        assertThrows(IllegalArgumentException.class, () -> ReferenceProblem.named("michalewicz11"));
    }

    @Test
    void anEmbeddedProblemIgnoresItsExtraInputsAndFamiliesAreFoundByName() {
        ReferenceProblem h = ReferenceProblem.named("hartmann6-in-30");
        assertEquals(30, h.dimension());
        double[] u = new double[30];
        java.util.Arrays.fill(u, 0.3);
        double v = h.value(u);
        u[20] = 0.9;
        assertEquals(v, h.value(u), 0.0);
        assertEquals(ReferenceProblem.hartmann6().value(java.util.Arrays.copyOf(u, 6)), v, 0.0);
        assertEquals(25, ReferenceProblem.named("levy25").dimension());
        assertThrows(IllegalArgumentException.class, () -> ReferenceProblem.named("levy1"));
        assertThrows(IllegalArgumentException.class, () -> ReferenceProblem.named("cooking3"));
    }

    @Test
    void boundSharesAndNearDuplicatesAreCountedOverTheProposalsAsked() {
        double[][] pts = {{0, 0.5}, {0.5, 0.5}, {1, 0.2}, {0.5 + 1e-7, 0.5}, {0.9999999999999999, 1e-10}};
        var run = new ReferenceProblem.Run(new double[5], new double[5], pts, java.util.Map.of());
        assertEquals(4 / 10.0, run.shareAtBound(0), 1e-15);
        assertEquals(3 / 6.0, run.shareAtBound(2), 1e-15);
        assertEquals(1, run.nearDuplicates(0)); // point 3 is 1e-7 from point 1
        assertEquals(0, run.nearDuplicates(4));
    }

    @Test
    void regretAtACheckpointIsThatOfTheRecommendedPoint() {
        // a sampler that proposes fixed points and recommends the first one whatever was observed
        double[][] fixed = {{0.5, 0.5}, {0.1, 0.9}, {0.2, 0.3}};
        var first = new Sampler() {
            public double[] suggest(SearchSpace space, int trial, java.util.List<Observation> finished, java.util.List<double[]> pending) {
                return fixed[trial].clone();
            }

            public String name() { return "fixed"; }

            @Override
            public int recommend(SearchSpace space, java.util.List<Observation> finished) {
                return 0;
            }
        };
        ReferenceProblem b = ReferenceProblem.branin();
        var run = b.minimise(first, 3, 1, 3);
        double best = Double.POSITIVE_INFINITY;
        for (double[] u : fixed) best = Math.min(best, b.value(u));
        assertEquals(b.value(fixed[0]) - b.minimum(), run.regretAfter(3), 1e-12);
        assertEquals(best - b.minimum(), run.regret()[2], 1e-12, "without asking: the best observation");
        assertEquals(run.regret()[1], run.regretAfter(2), 0.0, "no checkpoint at 2");
    }
}
