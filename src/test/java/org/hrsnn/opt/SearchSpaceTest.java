package org.hrsnn.opt;

import org.apache.commons.rng.UniformRandomProvider;
import org.hrsnn.random.Seeds;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.*;

class SearchSpaceTest {
    static final SearchSpace SPACE = SearchSpace.of(
            new Parameter.Float("tau", 2, 200, true, 20.0, "membrane time constant"),
            new Parameter.Float("p", 0, 1, false, null, "probability"),
            new Parameter.Int("size", 10, 50, false, 20L, "neurons"),
            new Parameter.Int("k", 1, 1000, true, null, "log integer"),
            new Parameter.Categorical("bounds", List.of("ADDITIVE", "MULTIPLICATIVE"), "ADDITIVE", "rule"),
            new Parameter.Fixed("dt", 0.1, "time step"));

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 4, 5})
    void unitToValueToUnitIsTheIdentityUpToRounding(long seed) {
        UniformRandomProvider rng = Seeds.rng(seed);
        for (int rep = 0; rep < 200; rep++) {
            double[] u = new double[SPACE.dimension()];
            for (int d = 0; d < u.length; d++) u[d] = rng.nextDouble();
            Map<String, Object> v = SPACE.fromUnit(u);
            double[] back = SPACE.toUnit(v);
            assertEquals(u[0], back[0], 1e-12);
            assertEquals(u[1], back[1], 1e-12);
            assertArrayEquals(SPACE.snap(u), back, 1e-12, "discrete coordinates come back at their bin centres");
            Map<String, Object> again = SPACE.fromUnit(back);
            for (String key : List.of("size", "k", "bounds", "dt")) assertEquals(v.get(key), again.get(key), "discrete " + key + " maps back exactly");
            for (String key : List.of("tau", "p")) assertEquals((Double) v.get(key), (Double) again.get(key), 1e-12 * (Double) v.get(key) + 1e-15);
            assertEquals(0.1, v.get("dt"));
            double tau = (Double) v.get("tau");
            assertTrue(tau >= 2 && tau <= 200);
        }
    }

    @Test
    void everyIntegerAndChoiceIsReachableAndRoundTrips() {
        var size = (Parameter.Int) SPACE.parameters().get(2);
        for (long v = 10; v <= 50; v++) assertEquals(v, size.fromUnit(size.toUnit(v)));
        var k = (Parameter.Int) SPACE.parameters().get(3);
        for (long v = 1; v <= 1000; v++) assertEquals(v, k.fromUnit(k.toUnit(v)));
        assertEquals(10L, size.fromUnit(0.0));
        assertEquals(50L, size.fromUnit(1.0));
        var c = (Parameter.Categorical) SPACE.parameters().get(4);
        assertEquals("ADDITIVE", c.fromUnit(0.49));
        assertEquals("MULTIPLICATIVE", c.fromUnit(0.51));
    }

    @Test
    void defaultsAndErrors() {
        Map<String, Object> d = SPACE.fromUnit(SPACE.defaultPoint());
        assertEquals(20.0, (Double) d.get("tau"), 1e-9);
        assertEquals(20L, d.get("size"));
        assertEquals("ADDITIVE", d.get("bounds"));
        var e = assertThrows(InvalidSpaceException.class, () -> new Parameter.Float("tau", 0, 10, true, null, ""));
        assertEquals("low", e.field());
        assertThrows(InvalidSpaceException.class, () -> new Parameter.Float("x", 1, 1, false, null, ""));
        assertThrows(InvalidSpaceException.class, () -> new Parameter.Int("n", 5, 1, false, null, ""));
        assertThrows(InvalidSpaceException.class, () -> new Parameter.Float("x", 0, 1, false, 2.0, ""));
        assertThrows(InvalidSpaceException.class, () -> SearchSpace.of(new Parameter.Fixed("a", 1, ""), new Parameter.Float("a", 0, 1, false, null, "")));
    }

    @Test
    void sobolPointsAreStratifiedInEveryCoordinate() {
        int n = 64, dim = 5;
        for (long seed : new long[] {1, 2}) {
            boolean[][] hit = new boolean[dim][n];
            for (int i = 0; i < n; i++) {
                double[] p = Samplers.sobolPoint(dim, seed, i);
                for (int d = 0; d < dim; d++) {
                    int bin = (int) (p[d] * n);
                    assertFalse(hit[d][bin], "one point per 1/64 interval in coordinate " + d);
                    hit[d][bin] = true;
                }
            }
        }
        assertFalse(java.util.Arrays.equals(Samplers.sobolPoint(3, 1, 0), Samplers.sobolPoint(3, 2, 0)), "the shift depends on the seed");
    }
}
