package org.hrsnn.opt;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.*;

class SurrogateProblemTest {

    @ParameterizedTest
    @ValueSource(strings = {"hrsnn-jv-het:33:400", "hrsnn-jv-homo:26:400", "hrsnn-narma-het:33:200", "hrsnn-narma-homo:26:200"})
    void theShippedDataHaveTheirSpacesDimensionAndOneRowPerTrialOfTheirStudies(String c) {
        String[] f = c.split(":");
        var d = SurrogateProblem.load(f[0]);
        int dim = Integer.parseInt(f[1]), rows = Integer.parseInt(f[2]);
        assertEquals(rows, d.x().length);
        assertEquals(rows, d.y().length);
        for (double[] x : d.x()) {
            assertEquals(dim, x.length);
            for (double u : x) assertTrue(u >= 0 && u <= 1, "a unit-cube coordinate outside [0, 1]: " + u);
        }
        assertEquals(rows / 100, d.provenance().get(1).split("studies \\(100 trials each\\): ")[1].split(" ").length, "provenance names every study");
        // imputation: a missing loss becomes the worst present one, a present one stays
        double worst = Double.NEGATIVE_INFINITY;
        for (double y : d.y()) if (!Double.isNaN(y)) worst = Math.max(worst, y);
        double[] im = d.imputed();
        long missing = 0;
        for (int i = 0; i < rows; i++) {
            if (Double.isNaN(d.y()[i])) {
                missing++;
                assertEquals(worst, im[i]);
            } else assertEquals(d.y()[i], im[i]);
        }
        assertTrue(missing > 0 && missing < rows / 2, "pruned trials are in the data, and fewer than half: " + missing);
    }

    @Test
    void theForestIsAFunctionOfItsDataAndSeed() {
        var d = SurrogateProblem.load("hrsnn-narma-homo");
        var a = SurrogateProblem.forest(d.x(), d.imputed(), 1);
        var b = SurrogateProblem.forest(d.x(), d.imputed(), 1);
        var rng = org.hrsnn.random.Seeds.rng(3);
        for (int k = 0; k < 50; k++) {
            double[] u = new double[26];
            for (int i = 0; i < u.length; i++) u[i] = rng.nextDouble();
            assertEquals(a.applyAsDouble(u), b.applyAsDouble(u));
        }
    }

    /** The long search's minimum is no higher than the model at any data point or at points it never saw (a second, independent sample). */
    @Test
    void theMinimumIsNoHigherThanTheModelAtTheDataOrAtFreshRandomPoints() {
        ReferenceProblem p = ReferenceProblem.named("hrsnn-narma-homo");
        assertEquals(26, p.dimension());
        var d = SurrogateProblem.load("hrsnn-narma-homo");
        for (double[] x : d.x()) assertTrue(p.value(x) >= p.minimum(), "the model at a data point is below the minimum");
        var rng = org.hrsnn.random.Seeds.rng(11, "test.surrogate");
        for (int k = 0; k < 2000; k++) {
            double[] u = new double[26];
            for (int i = 0; i < u.length; i++) u[i] = rng.nextDouble();
            assertTrue(p.value(u) >= p.minimum());
        }
        // and the minimum is the model's, near the data's best (NRMSE of the best trial 0.37), not an artefact far below
        double best = Arrays.stream(d.y()).filter(Double::isFinite).min().orElseThrow();
        assertTrue(p.minimum() > best - 0.2 && p.minimum() < best + 0.2, p.minimum() + " against the best trial's " + best);
    }

    @Test
    void unknownSurrogatesAreRefusedByName() {
        assertNull(SurrogateProblem.named("hrsnn-jv-nope"));
        var e = assertThrows(IllegalArgumentException.class, () -> ReferenceProblem.named("hrsnn-jv-nope"));
        assertTrue(e.getMessage().contains("hrsnn-jv-het"), e.getMessage());
    }

    @Tag("slow")
    @ParameterizedTest
    @ValueSource(strings = {"hrsnn-jv-het", "hrsnn-jv-homo", "hrsnn-narma-het", "hrsnn-jv-het-gp"})
    void everySurrogatesMinimumIsNoHigherThanTheModelAtItsData(String name) {
        ReferenceProblem p = ReferenceProblem.named(name);
        var d = SurrogateProblem.load(name.replace("-gp", ""));
        for (double[] x : d.x()) assertTrue(p.value(x) >= p.minimum());
    }
}
