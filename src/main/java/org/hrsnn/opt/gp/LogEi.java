package org.hrsnn.opt.gp;

import org.apache.commons.math3.special.Erf;

/**
 * Log expected improvement for minimisation, stable far into the tails (Ament et al. 2023, "Unexpected
 * improvements to expected improvement"). With z = (best - mu) / sigma,
 * EI = sigma h(z), h(z) = phi(z) + z Phi(z), and log h is computed without forming h where it underflows.
 */
public final class LogEi {
    private static final double LOG_SQRT_2PI = 0.5 * Math.log(2 * Math.PI);
    private static final double HALF_LOG_PI_OVER_2 = 0.5 * Math.log(Math.PI / 2);
    private static final double INV_SQRT_EPS = 1 / Math.sqrt(Math.ulp(1.0));
    private static final double SQRT2 = Math.sqrt(2);

    private LogEi() {}

    public static double logEi(double mean, double sd, double best) {
        double z = (best - mean) / sd;
        return Math.log(sd) + logH(z);
    }

    /** log(phi(z) + z Phi(z)). */
    public static double logH(double z) {
        if (z > -1) {
            double phi = Math.exp(-0.5 * z * z) / Math.sqrt(2 * Math.PI);
            double cdf = 0.5 * Erf.erfc(-z / SQRT2);
            return Math.log(phi + z * cdf);
        }
        if (z > -INV_SQRT_EPS) {
            // h = phi(z) (1 - |z| sqrt(pi/2) erfcx(|z|/sqrt2)) for z < 0
            double a = Math.log(erfcx(-z / SQRT2) * -z) + HALF_LOG_PI_OVER_2;
            return -0.5 * z * z - LOG_SQRT_2PI + log1mexp(a);
        }
        return -0.5 * z * z - LOG_SQRT_2PI - 2 * Math.log(-z);
    }

    /** log(1 - e^a) for a < 0, accurate near 0 and for very negative a. */
    static double log1mexp(double a) {
        return a > -Math.log(2) ? Math.log(-Math.expm1(a)) : Math.log1p(-Math.exp(a));
    }

    /** Scaled complementary error function e^{x^2} erfc(x), for x >= 0. */
    static double erfcx(double x) {
        if (x < 2) return Math.exp(x * x) * Erf.erfc(x);
        // Continued fraction erfc(x) = e^{-x^2}/sqrt(pi) * 1/(x + (1/2)/(x + 1/(x + (3/2)/(x + ...)))),
        // evaluated backwards; 120 terms give full double precision for x >= 2.
        double f = x;
        for (int k = 120; k >= 1; k--) f = x + (k / 2.0) / f;
        return 1 / (Math.sqrt(Math.PI) * f);
    }
}
