package org.hrsnn.readout;

import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.ArrayRealVector;
import org.apache.commons.math3.linear.LUDecomposition;
import org.apache.commons.math3.linear.MatrixUtils;
import org.apache.commons.math3.linear.RealMatrix;
import org.hrsnn.random.Seeds;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.*;

class RidgeTest {

    static double[][] design(long seed, int n, int p) {
        var rng = Seeds.rng(seed);
        double[][] x = new double[n][p];
        for (double[] r : x) for (int j = 0; j < p; j++) r[j] = 3 * rng.nextDouble() + j;
        return x;
    }

    /** Closed form on standardised, centred data: beta = (Z^T Z + l I)^-1 Z^T (y - mean y), by LU. */
    @ParameterizedTest
    @CsvSource({"30, 5, 0.1", "30, 5, 10", "8, 12, 0.5", "50, 3, 1e-6"})
    void agreesWithTheNormalEquations(int n, int p, double lambda) {
        double[][] x = design(n * 31L + p, n, p);
        var rng = Seeds.rng(9);
        double[] y = new double[n];
        for (int i = 0; i < n; i++) y[i] = x[i][0] - 2 * x[i][p - 1] + rng.nextDouble();
        Ridge.Model m = new Ridge(x).fit(y, lambda);

        double[] mean = m.featureMean(), scale = m.featureScale();
        double[][] z = new double[n][p];
        for (int i = 0; i < n; i++) for (int j = 0; j < p; j++) z[i][j] = (x[i][j] - mean[j]) / scale[j];
        double ym = java.util.Arrays.stream(y).average().orElseThrow();
        RealMatrix zm = new Array2DRowRealMatrix(z);
        RealMatrix a = zm.transpose().multiply(zm).add(MatrixUtils.createRealIdentityMatrix(p).scalarMultiply(lambda));
        double[] yc = java.util.Arrays.stream(y).map(t -> t - ym).toArray();
        double[] beta = new LUDecomposition(a).getSolver().solve(zm.transpose().operate(new ArrayRealVector(yc))).toArray();
        assertArrayEquals(beta, m.coefficients(), 1e-8 * (1 + java.util.Arrays.stream(beta).map(Math::abs).max().orElse(0)));
        assertEquals(ym, m.intercept(), 1e-12);
    }

    @Test
    void gcvPrefersLittlePenaltyOnCleanDataAndMuchOnNoise() {
        int n = 200, p = 10;
        double[][] x = design(3, n, p);
        Ridge r = new Ridge(x);
        double[] clean = new double[n], noise = new double[n];
        var rng = Seeds.rng(4);
        for (int i = 0; i < n; i++) {
            clean[i] = x[i][2] + 0.5 * x[i][7];
            noise[i] = rng.nextDouble();
        }
        assertTrue(r.fit(clean).lambda() < 1e-3 * n, "clean: " + r.fit(clean).lambda());
        assertTrue(r.fit(noise).lambda() > 1, "noise: " + r.fit(noise).lambda());
        assertEquals(x[5][2] + 0.5 * x[5][7], r.fit(clean).predict(x[5]), 1e-4);
    }

    @ParameterizedTest
    @CsvSource({"60, 8", "10, 25"})
    void theSvdFallbackGivesTheSameModel(int n, int p) {
        double[][] x = design(7, n, p);
        var rng = Seeds.rng(2);
        double[] y = new double[n];
        for (int i = 0; i < n; i++) y[i] = x[i][1] - x[i][p - 2] + rng.nextDouble();
        Ridge.Model a = new Ridge(x).fit(y), b = Ridge.withSvd(x).fit(y);
        assertEquals(a.lambda(), b.lambda(), 0.0, "GCV picks the same penalty");
        assertArrayEquals(a.coefficients(), b.coefficients(), 1e-8);
    }
}
