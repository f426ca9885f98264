package org.hrsnn.opt.gp;

import org.apache.commons.math3.distribution.NormalDistribution;
import org.apache.commons.math3.special.Erf;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.*;

class LogEiTest {
    static final NormalDistribution N = new NormalDistribution(0, 1);

    /** Closed-form EI for minimisation, straight from the textbook formula. */
    static double ei(double mean, double sd, double best) {
        double z = (best - mean) / sd;
        return sd * (z * N.cumulativeProbability(z) + N.density(z));
    }

    @Test
    void equalsLogOfClosedFormWhereBothAreFinite() {
        for (double z = -30; z <= 6; z += 0.173) {
            double sd = 0.7, best = 1.0, mean = best - z * sd;
            double closed = ei(mean, sd, best);
            if (!(closed > 1e-280)) continue;
            // The closed form loses relative accuracy to cancellation for z < -5; allow for it there.
            double tol = z > -5 ? 1e-10 : 1e-6;
            assertEquals(Math.log(closed), LogEi.logEi(mean, sd, best), tol * Math.max(1, Math.abs(Math.log(closed))), "z = " + z);
        }
    }

    @Test
    void staysFiniteAndMonotoneWhereEiUnderflows() {
        assertEquals(0.0, ei(50, 1, 0), 0.0, "the closed form underflows here");
        double previous = Double.NEGATIVE_INFINITY;
        for (double z : new double[] {-1e12, -1e9, -1e6, -1e4, -500, -60, -40, -20, -5, -1.0001, -1, -0.9999, 0, 3}) {
            double v = LogEi.logH(z);
            assertTrue(Double.isFinite(v), "finite at z = " + z);
            assertTrue(v > previous, "increasing at z = " + z);
            previous = v;
        }
        // Asymptotics: log h(z) ~ -z^2/2 - log(sqrt(2 pi)) - 2 log|z| for z -> -infinity.
        double z = -1e4;
        assertEquals(-z * z / 2 - 0.5 * Math.log(2 * Math.PI) - 2 * Math.log(-z), LogEi.logH(z), 1e-6);
    }

    @Test
    void scaledErfcIsContinuousAcrossItsTwoFormulas() {
        for (double x = 1.5; x <= 2.5; x += 0.05) {
            double direct = Math.exp(x * x) * Erf.erfc(x);
            assertEquals(direct, LogEi.erfcx(x), 1e-13 * direct, "x = " + x);
        }
        // Large x: erfcx(x) ~ 1/(x sqrt(pi)) (1 - 1/(2x^2) + 3/(4x^4)).
        double x = 1e3;
        assertEquals(1 / (x * Math.sqrt(Math.PI)) * (1 - 1 / (2 * x * x) + 3 / (4 * x * x * x * x)), LogEi.erfcx(x), 1e-15);
    }
}
