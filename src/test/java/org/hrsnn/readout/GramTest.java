package org.hrsnn.readout;

import org.apache.commons.rng.UniformRandomProvider;
import org.hrsnn.random.Seeds;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The blocked Gram kernel against plain triple loops, on shapes that exercise every remainder. */
class GramTest {

    @ParameterizedTest
    @CsvSource({"1, 1", "3, 2", "7, 5", "513, 4", "1030, 9", "600, 13", "40, 64", "1, 7"})
    void equalsTheDefinition(int n, int p) {
        UniformRandomProvider rng = Seeds.rng(n * 100L + p, "gram");
        double[] z = new double[n * p];
        for (int i = 0; i < z.length; i++) z[i] = rng.nextDouble() * 2 - 1;
        double[] g = Gram.of(z, n, p);
        for (int a = 0; a < p; a++)
            for (int b = 0; b < p; b++) {
                double want = 0;
                for (int i = 0; i < n; i++) want += z[i * p + a] * z[i * p + b];
                assertEquals(want, g[a * p + b], 1e-12 * n, "entry " + a + ", " + b);
            }
    }
}
