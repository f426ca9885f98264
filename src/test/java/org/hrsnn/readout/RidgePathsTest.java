package org.hrsnn.readout;

import org.apache.commons.rng.UniformRandomProvider;
import org.hrsnn.random.Seeds;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.junit.jupiter.api.Assertions.*;

/**
 * The default path of {@link Ridge} (tridiagonal when rows outnumber features, eigenvectors of Z Z^T otherwise)
 * against Commons Math's SVD ({@link Ridge#withSvd}) and the eigenvector path ({@link Ridge#withEigenvectors}).
 */
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
        Ridge.Model e = Ridge.withEigenvectors(x).fit(y);
        assertEquals(e.lambda(), a.lambda(), 0.0);
        assertClose(e.coefficients(), a.coefficients());
    }

    /**
     * Rank-deficient tall designs, as silent neurons and duplicated states give: constant columns and a column
     * repeated. GCV must pick the same penalty and the fitted values must agree with the SVD's.
     */
    @ParameterizedTest
    @CsvSource({"1, 300, 60", "2, 300, 60", "3, 2000, 200", "4, 61, 60", "5, 50, 1", "6, 80, 2"})
    void pathsAgreeOnRankDeficientDesigns(long seed, int n, int p) {
        UniformRandomProvider rng = Seeds.rng(seed, "deficient");
        double[][] x = new double[n][p];
        for (double[] row : x) {
            for (int j = 0; j < p; j++) row[j] = j % 7 == 3 ? 2.5 : gaussian(rng);
            if (p > 5) row[p - 1] = row[0];
        }
        double[] y = new double[n];
        for (int i = 0; i < n; i++) y[i] = x[i][0] + (p > 2 ? 0.3 * x[i][2] : 0) + 0.5 * gaussian(rng);
        Ridge.Model a = new Ridge(x).fit(y), b = Ridge.withSvd(x).fit(y);
        assertEquals(b.lambda(), a.lambda(), 0.0, "GCV picks the same penalty");
        for (double[] row : x) assertEquals(b.predict(row), a.predict(row), 1e-8 * (1 + Math.abs(b.predict(row))));
    }

    /** Fitting many targets at once gives each target's own model, and batch predictions equal row-by-row ones. */
    @ParameterizedTest
    @CsvSource({"1, 300, 40", "2, 40, 120"})
    void batchFitsEqualSingleFits(long seed, int n, int p) {
        UniformRandomProvider rng = Seeds.rng(seed, "batch");
        double[][] x = new double[n][p];
        for (double[] row : x) for (int j = 0; j < p; j++) row[j] = gaussian(rng) + j;
        java.util.List<double[]> ys = new java.util.ArrayList<>();
        for (int t = 0; t < 7; t++) {
            double[] y = new double[n];
            for (int i = 0; i < n; i++) y[i] = x[i][t] - x[i][(3 * t + 1) % p] + t * gaussian(rng);
            ys.add(y);
        }
        Ridge ridge = new Ridge(x);
        java.util.List<Ridge.Model> batch = ridge.fit(ys);
        for (int t = 0; t < ys.size(); t++) {
            Ridge.Model one = ridge.fit(ys.get(t));
            assertEquals(one.lambda(), batch.get(t).lambda(), 0.0);
            assertClose(one.coefficients(), batch.get(t).coefficients());
            double[] rows = batch.get(t).predict(x);
            for (int i = 0; i < n; i++) assertEquals(one.predict(x[i]), rows[i], 1e-9 * (1 + Math.abs(rows[i])));
        }
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
