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
