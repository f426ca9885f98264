package org.hrsnn.opt.gp;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.ToDoubleFunction;
import java.util.function.UnaryOperator;

import static org.junit.jupiter.api.Assertions.*;

/** The acquisition search finds the maximum of known smooth functions on the unit cube. */
class AcquisitionOptimizerTest {
    /** Two Gaussian bumps: the global maximum 1 at {@code c}, a lower one (0.6) at {@code c2}. */
    static ToDoubleFunction<double[]> bumps(double[] c, double[] c2) {
        return x -> {
            double d1 = 0, d2 = 0;
            for (int i = 0; i < x.length; i++) {
                d1 += (x[i] - c[i]) * (x[i] - c[i]);
                d2 += (x[i] - c2[i]) * (x[i] - c2[i]);
            }
            return Math.exp(-d1 / 0.05) + 0.6 * Math.exp(-d2 / 0.02);
        };
    }

    static List<double[]> randomSeeds(int dim, int k, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        List<double[]> s = new ArrayList<>();
        for (int i = 0; i < k; i++) s.add(r.doubles(dim).toArray());
        return s;
    }

    @ParameterizedTest
    @CsvSource({"2, 1", "3, 2", "5, 3", "8, 4"})
    void findsTheGlobalMaximumOfTwoBumps(int dim, long seed) {
        SplittableRandom r = new SplittableRandom(100 + seed);
        double[] c = new double[dim], c2 = new double[dim];
        for (int i = 0; i < dim; i++) {
            c[i] = 0.1 + 0.8 * r.nextDouble();
            c2[i] = 1 - c[i]; // the lower bump opposite
        }
        ToDoubleFunction<double[]> f = bumps(c, c2);
        double[] x = AcquisitionOptimizer.maximise(f, UnaryOperator.identity(), dim, randomSeeds(dim, 10, seed), seed, AcquisitionOptimizer.Settings.DEFAULT);
        for (int i = 0; i < dim; i++) assertEquals(c[i], x[i], 1e-3, "coordinate " + i);
        assertEquals(1.0, f.applyAsDouble(x), 1e-5);
    }

    @Test
    void aMaximumOnTheBoundaryIsReachedExactly() {
        // f = x0 - (x1 - 0.3)^2 - x2: maximum 1 at (1, 0.3, 0), on three faces of the cube.
        ToDoubleFunction<double[]> f = x -> x[0] - (x[1] - 0.3) * (x[1] - 0.3) - x[2];
        double[] x = AcquisitionOptimizer.maximise(f, UnaryOperator.identity(), 3, randomSeeds(3, 5, 9), 9, AcquisitionOptimizer.Settings.DEFAULT);
        assertEquals(1.0, x[0], 0.0);
        assertEquals(0.3, x[1], 1e-3);
        assertEquals(0.0, x[2], 0.0);
    }

    @Test
    void theReturnedPointIsSnappedAndTheSearchIsDeterministic() {
        // The second coordinate is an integer in 0..4 (snapped to k / 4); the best is k = 3 (0.75) with x0 = 0.2.
        UnaryOperator<double[]> snap = p -> new double[] {p[0], Math.round(p[1] * 4) / 4.0};
        ToDoubleFunction<double[]> f = x -> -(x[0] - 0.2) * (x[0] - 0.2) - (x[1] - 0.7) * (x[1] - 0.7);
        double[] x = AcquisitionOptimizer.maximise(f, snap, 2, randomSeeds(2, 4, 1), 5, AcquisitionOptimizer.Settings.DEFAULT);
        assertEquals(0.75, x[1], 0.0);
        assertEquals(0.2, x[0], 1e-3);
        assertArrayEquals(x, AcquisitionOptimizer.maximise(f, snap, 2, randomSeeds(2, 4, 1), 5, AcquisitionOptimizer.Settings.DEFAULT), 0.0);
    }

    @Test
    void compassSearchClimbsAQuadraticToItsTop() {
        double[] top = {0.37, 0.81};
        ToDoubleFunction<double[]> f = x -> -3 * (x[0] - top[0]) * (x[0] - top[0]) - (x[1] - top[1]) * (x[1] - top[1]);
        double[] x = AcquisitionOptimizer.compassSearch(f, new double[] {0.9, 0.1}, 10_000);
        assertArrayEquals(top, x, 1e-4);
    }

    @Test
    void reflectionFoldsAnyValueIntoTheCubeWithoutLandingOnAFace() {
        assertEquals(0.3, AcquisitionOptimizer.reflect(0.3), 0.0);
        assertEquals(0.2, AcquisitionOptimizer.reflect(-0.2), 1e-15);
        assertEquals(0.7, AcquisitionOptimizer.reflect(1.3), 1e-15);
        assertEquals(0.4, AcquisitionOptimizer.reflect(2.4), 1e-15);
        assertEquals(0.4, AcquisitionOptimizer.reflect(-2.4), 1e-15);
        assertTrue(AcquisitionOptimizer.reflect(1.0) < 1.0);
        // a Gaussian step of sd 0.25 from 0.1: clamping would put ~34% of the draws on 0, reflection none
        var rng = org.hrsnn.random.Seeds.rng(3);
        var normal = org.apache.commons.rng.sampling.distribution.ZigguratSampler.NormalizedGaussian.of(rng);
        int onFace = 0, clampedOnFace = 0;
        for (int k = 0; k < 10_000; k++) {
            double v = 0.1 + 0.25 * normal.sample();
            if (v <= 0 || v >= 1) clampedOnFace++;
            double r = AcquisitionOptimizer.reflect(v);
            assertTrue(r >= 0 && r < 1);
            if (r == 0) onFace++;
        }
        assertEquals(0, onFace);
        assertTrue(clampedOnFace > 3000 && clampedOnFace < 3800, "P(0.1 + 0.25 Z <= 0) = 0.345: " + clampedOnFace);
    }

    @Test
    void theNearDuplicateTestUsesATolerance() {
        assertTrue(GpSampler.near(new double[] {1.0, 0.2}, new double[] {0.9999999999999999, 0.2}));
        assertTrue(GpSampler.near(new double[] {0.5, 0.2}, new double[] {0.5 + 9e-7, 0.2 - 9e-7}));
        assertFalse(GpSampler.near(new double[] {0.5, 0.2}, new double[] {0.5 + 2e-6, 0.2}));
    }
}
