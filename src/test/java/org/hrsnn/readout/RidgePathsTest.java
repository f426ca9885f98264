package org.hrsnn.readout;

import org.apache.commons.rng.UniformRandomProvider;
import org.hrsnn.random.Seeds;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.junit.jupiter.api.Assertions.*;

/** The EJML eigen path of {@link Ridge} against Commons Math's SVD ({@link Ridge#withSvd}). */
class RidgePathsTest {

    @ParameterizedTest
    @CsvSource({"1, 120, 40", "2, 120, 40", "3, 200, 150", "4, 200, 150", "1, 40, 120", "2, 40, 120", "3, 90, 300", "4, 90, 300"})
    void theEjmlPathAgreesWithTheSvdOnTallAndWideDesigns(long seed, int n, int p) {
        UniformRandomProvider rng = Seeds.rng(seed, "design");
        double[][] x = new double[n][p];
        for (double[] row : x) for (int j = 0; j < p; j++) row[j] = gaussian(rng) * (1 + j % 5) + j;
        double[] y = new double[n];
        for (int i = 0; i < n; i++) y[i] = x[i][0] - 0.5 * x[i][p / 2] + gaussian(rng);
        Ridge fast = new Ridge(x), svd = Ridge.withSvd(x);
        Ridge.Model a = fast.fit(y), b = svd.fit(y);
        assertEquals(b.lambda(), a.lambda(), 0.0, "GCV picks the same penalty");
        assertClose(b.coefficients(), a.coefficients());
        assertEquals(b.intercept(), a.intercept(), 1e-12);
        for (double lambda : new double[] {1e-3, 1, 100})
            assertClose(svd.fit(y, lambda).coefficients(), fast.fit(y, lambda).coefficients());
    }

    private static double gaussian(UniformRandomProvider rng) {
        return Math.sqrt(-2 * Math.log(1 - rng.nextDouble())) * Math.cos(2 * Math.PI * rng.nextDouble());
    }

    /** Equal within 1e-8 of the largest coefficient. */
    private static void assertClose(double[] expected, double[] actual) {
        double top = java.util.Arrays.stream(expected).map(Math::abs).max().orElse(0);
        assertArrayEquals(expected, actual, 1e-8 * top);
    }
}
