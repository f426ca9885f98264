package org.hrsnn.report;

import org.apache.commons.rng.UniformRandomProvider;
import org.hrsnn.random.Seeds;
import org.hrsnn.study.Comparison;
import org.hrsnn.study.Trial;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.*;

/** Groups of synthetic studies compared: a known difference is found, none is found between studies of one distribution. */
class StudyComparisonTest {
    @TempDir
    Path tmp;

    /** A study of {@code n} complete trials with E = exp(N(mu, 0.5)) and accuracy = 0.9 - 0.01 E (so lower E, higher accuracy). */
    static List<Trial> study(UniformRandomProvider rng, double mu, int n) {
        var gauss = org.apache.commons.rng.sampling.distribution.ZigguratSampler.NormalizedGaussian.of(rng);
        List<Trial> t = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            double e = Math.exp(mu + 0.5 * gauss.sample());
            t.add(new Trial(i, Trial.State.COMPLETE, Map.of(), new double[0], i, Map.of("e", e, "mc", 1 / e, "s", 1.0, "accuracy", 0.9 - 0.01 * e), null,
                    null, 0.1, null));
        }
        return t;
    }

    static StudyComparison.Group group(String label, long seed, double mu, int studies) {
        List<List<Trial>> s = new ArrayList<>();
        List<String> names = new ArrayList<>();
        for (int k = 0; k < studies; k++) {
            s.add(study(Seeds.rng(seed, label + k), mu, 20));
            names.add(label + "-s" + k);
        }
        return new StudyComparison.Group(label, names, s);
    }

    /** Group B's E is e^1.5 = 4.5 times group A's: five studies each, the best E of every B study is above every A study's. */
    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3})
    void aKnownDifferenceIsFound(long seed) {
        StudyComparison c = StudyComparison.of(List.of(group("A", seed, 0, 5), group("B", seed, 1.5, 5)), seed);
        Comparison.Summary a = c.finals().get("best E").get(0), b = c.finals().get("best E").get(1);
        assertTrue(b.p() < 0.05, "p = " + b.p());
        assertTrue(b.low() > a.high(), "the intervals do not overlap: A " + a.low() + ".." + a.high() + ", B " + b.low() + ".." + b.high());
        assertTrue(c.finals().get("best accuracy").get(1).p() < 0.05);
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3})
    void oneDistributionShowsNoDifference(long seed) {
        StudyComparison c = StudyComparison.of(List.of(group("A", seed, 0, 5), group("B", seed + 100, 0, 5)), seed);
        Comparison.Summary a = c.finals().get("best E").get(0), b = c.finals().get("best E").get(1);
        assertTrue(b.p() > 0.05, "p = " + b.p());
        assertTrue(b.low() <= a.high() && a.low() <= b.high(), "the intervals overlap");
    }

    /** The curve's last point is the median and quartiles of the studies' final best values, computed here apart. */
    @Test
    void theCurveEndsAtTheQuartilesOfTheFinalBests() {
        StudyComparison.Group g = group("A", 7, 0, 4);
        StudyComparison.Curve curve = StudyComparison.curve(g, "e");
        double[] finals = g.studies().stream().mapToDouble(t -> t.stream().mapToDouble(x -> x.metric("e")).min().orElseThrow()).sorted().toArray();
        int last = curve.trials().length - 1;
        assertEquals(20, curve.trials()[last]);
        assertEquals(4, curve.n()[last]);
        assertEquals((finals[1] + finals[2]) / 2, curve.median()[last], 1e-12); // 4 values: the mean of the middle two
        assertEquals(finals[0] + 0.75 * (finals[1] - finals[0]), curve.q1()[last], 1e-12); // (n-1) p = 0.75
        assertEquals(finals[2] + 0.25 * (finals[3] - finals[2]), curve.q3()[last], 1e-12); // (n-1) p = 2.25
        for (int i = 1; i <= last; i++) assertTrue(curve.median()[i] <= curve.median()[i - 1], "best so far never worsens");
    }

    /**
     * A 2 x 2 design, three studies per cell: factor X lowers log E by 1.2 in both strata, factor Y by 3 (far
     * more). Tested within strata, X is found (p at most 2 / 400 when every study with X is below its stratum's
     * studies without it); a factor with no effect (labels drawn from one distribution) is not, in most seeds.
     */
    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 4})
    void aFactorIsFoundWithinStrata(long seed) {
        var groups = List.of(group("x0y0", seed, 0, 3), group("x1y0", seed, -1.2, 3), group("x0y1", seed, -3, 3), group("x1y1", seed, -4.2, 3));
        var x = new StudyComparison.Effect("X", List.of(Map.entry("x1y0", "x0y0"), Map.entry("x1y1", "x0y1")));
        StudyComparison c = StudyComparison.of(groups, List.of(x), seed);
        StudyComparison.EffectTest t = c.effects().get("best E").get(0);
        assertTrue(t.test().exact());
        assertEquals(400, t.test().relabelings());
        assertTrue(t.test().p() <= 0.05, "p = " + t.test().p());
        assertTrue(t.test().shift() < 0, "X lowers E: shift " + t.test().shift());
        // The same values tested by hand: stratum by stratum from the finals.
        double[] a0 = c.finals().get("best E").get(1).values(), b0 = c.finals().get("best E").get(0).values();
        double[] a1 = c.finals().get("best E").get(3).values(), b1 = c.finals().get("best E").get(2).values();
        var byHand = org.hrsnn.stats.StratifiedRankTest.of(List.of(new org.hrsnn.stats.StratifiedRankTest.Stratum(a0, b0),
                new org.hrsnn.stats.StratifiedRankTest.Stratum(a1, b1)), Seeds.rng(1));
        assertEquals(byHand.p(), t.test().p(), 0);
        @SuppressWarnings("unchecked")
        var effects = (Map<String, List<Map<String, Object>>>) c.tree().get("effects");
        assertEquals(t.test().p(), (double) effects.get("best E").get(0).get("p"), 0);
    }

    @Test
    void anEffectNamingAnUnknownGroupIsRefused() {
        var e = new StudyComparison.Effect("X", List.of(Map.entry("A", "C")));
        IllegalArgumentException ex = assertThrows(IllegalArgumentException.class,
                () -> StudyComparison.of(List.of(group("A", 1, 0, 3), group("B", 1, 1, 3)), List.of(e), 1));
        assertTrue(ex.getMessage().contains("'C'"), ex.getMessage());
    }

    @Test
    void writesAPageWithTheCurvesAndNothingExternal() throws Exception {
        StudyComparison c = StudyComparison.of(List.of(group("A", 1, 0, 3), group("B", 1, 1, 3)), 1);
        Path html = c.write(tmp.resolve("cmp"), "test");
        assertEquals(3, FiguresCheck.selfContained(html));
        FiguresCheck.nonBlankPng(tmp.resolve("cmp/best-so-far-e.png"), 600, 300);
        FiguresCheck.nonBlankPng(tmp.resolve("cmp/finals.png"), 900, 600); // a grid of one chart per measure
        FiguresCheck.nonBlankPng(tmp.resolve("cmp/best-so-far-accuracy.png"), 600, 300);
        String page = java.nio.file.Files.readString(html);
        assertTrue(page.contains("<td class=\"l\">best E</td><td class=\"l\">B</td><td>3</td>"));
        assertTrue(page.contains("With 3 and 3 studies the smallest two-sided p possible is 0.100."), "2 / C(6, 3)");
        @SuppressWarnings("unchecked")
        var finals = (Map<String, List<Map<String, Object>>>) c.tree().get("finals");
        assertEquals(Arrays.stream(c.finals().get("best E").get(1).values()).boxed().toList(),
                Arrays.stream((double[]) finals.get("best E").get(1).get("values")).boxed().toList());
    }
}
