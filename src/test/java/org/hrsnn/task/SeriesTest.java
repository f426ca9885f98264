package org.hrsnn.task;

import org.hrsnn.random.Seeds;
import org.junit.jupiter.api.Test;

import java.io.StringReader;

import static org.junit.jupiter.api.Assertions.*;

class SeriesTest {
    @Test
    void narmaTargetsSatisfyTheRecursion() {
        Series s = Series.narma10(500, Seeds.rng(3));
        double[] u = s.u(), y = s.y();
        for (int t = 10; t < y.length; t++) {
            double sum = 0;
            for (int i = 0; i < 10; i++) sum += y[t - 1 - i];
            assertEquals(0.3 * y[t - 1] + 0.05 * y[t - 1] * sum + 1.5 * u[t - 9] * u[t] + 0.1, y[t], 1e-12, "t = " + t);
        }
        for (double v : u) assertTrue(v >= 0 && v <= 0.5);
    }

    /** The plain recursion on the generator's first draws, without the redraw rule: the largest |y|, or infinity. */
    static double firstDrawPeak(org.apache.commons.rng.UniformRandomProvider rng, int length) {
        int n = length + 10;
        double[] u = new double[n], y = new double[n + 1];
        for (int t = 0; t < n; t++) u[t] = 0.5 * rng.nextDouble();
        double peak = 0;
        for (int t = 9; t < n; t++) {
            double sum = 0;
            for (int i = 0; i < 10; i++) sum += y[t - i];
            y[t + 1] = 0.3 * y[t] + 0.05 * y[t] * sum + 1.5 * u[t - 9] * u[t] + 0.1;
            peak = Double.isFinite(y[t + 1]) ? Math.max(peak, Math.abs(y[t + 1])) : Double.POSITIVE_INFINITY;
        }
        return peak;
    }

    /**
     * The seed of trial 34 of a NARMA-10 headline study: its first draw runs away (to infinity), so its series
     * is drawn again and is bounded and satisfies the recursion; a stable seed's series is its first draw.
     */
    @Test
    void aRunawayNarmaSeriesIsDrawnAgainAndAStableOneIsKept() {
        long runaway = 338305007814281698L;
        assertEquals(Double.POSITIVE_INFINITY, firstDrawPeak(Seeds.rng(runaway, "task.narma10"), 3000), "the first draw runs away");
        Series s = Series.narma10(3000, Seeds.rng(runaway, "task.narma10"));
        double[] u = s.u(), y = s.y();
        for (int t = 10; t < y.length; t++) {
            double sum = 0;
            for (int i = 0; i < 10; i++) sum += y[t - 1 - i];
            assertEquals(0.3 * y[t - 1] + 0.05 * y[t - 1] * sum + 1.5 * u[t - 9] * u[t] + 0.1, y[t], 1e-12, "t = " + t);
        }
        for (double v : y) assertTrue(Math.abs(v) < 1.3, "bounded: " + v);
        double stablePeak = firstDrawPeak(Seeds.rng(3, "task.narma10"), 3000);
        assertTrue(stablePeak < 1.3, "seed 3 is stable: " + stablePeak);
        Series kept = Series.narma10(3000, Seeds.rng(3, "task.narma10"));
        var rng = Seeds.rng(3, "task.narma10");
        for (int t = 0; t < 10; t++) rng.nextDouble();
        assertEquals(0.5 * rng.nextDouble(), kept.u()[0], 0.0, "the first draw's input, unchanged");
    }

    @Test
    void aSeriesWithANonFiniteValueIsRefused() {
        var e = assertThrows(IllegalArgumentException.class, () -> new Series("x", new double[] {0, 1}, new double[] {0, Double.NaN}));
        assertEquals("x: non-finite value at step 1 (input 1.0, target NaN)", e.getMessage());
    }

    @Test
    void chaoticSeriesStayOnTheirAttractors() {
        Series mg = Series.mackeyGlass(1000, 1, Seeds.rng(1));
        double lo = Double.MAX_VALUE, hi = -Double.MAX_VALUE;
        for (double v : mg.u()) { lo = Math.min(lo, v); hi = Math.max(hi, v); }
        assertTrue(lo > 0.2 && hi < 1.4 && hi - lo > 0.6, "Mackey-Glass tau=17 range [" + lo + ", " + hi + "]");
        assertEquals(mg.u()[5], mg.y()[4], 0.0, "the target is the next input");
        Series lz = Series.lorenz(2000, 1, Seeds.rng(2));
        lo = Double.MAX_VALUE; hi = -Double.MAX_VALUE;
        for (double v : lz.u()) { lo = Math.min(lo, v); hi = Math.max(hi, v); }
        assertTrue(lo < -10 && hi > 10 && lo > -25 && hi < 25, "Lorenz x visits both wings: [" + lo + ", " + hi + "]");
    }

    @Test
    void sunspotColumnIsRead() throws Exception {
        double[] x = ShippedData.sunspots(); // src/main/resources/datasets/sunspots.csv, read by SeriesCsv
        assertEquals(309, x.length);
        assertEquals(5, x[0], 0.0);
        var e = assertThrows(TsFormat.FormatException.class, () -> SeriesCsv.column("s.csv", new StringReader("a,b\n1,x\n"), "b"));
        assertEquals("s.csv:2: 'x' is not a number", e.getMessage());
    }
}
