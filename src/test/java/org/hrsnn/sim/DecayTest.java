package org.hrsnn.sim;

import org.hrsnn.random.Seeds;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class DecayTest {
    @Test
    void agreesWithMathExpToAFewUlps() {
        var rng = Seeds.rng(1);
        double worst = 0;
        for (int i = 0; i < 2_000_000; i++) {
            double x = -rng.nextDouble() * (i % 2 == 0 ? 10 : 700);
            double e = Math.exp(x);
            double rel = Math.abs(Decay.exp(x) - e) / e;
            worst = Math.max(worst, rel);
        }
        for (double x : new double[] {0, -1e-300, -1e-12, -Math.log(2), -1, -64 * Math.log(2), -699.9})
            worst = Math.max(worst, Math.abs(Decay.exp(x) - Math.exp(x)) / Math.exp(x));
        assertEquals(0, worst, 5e-16, "largest relative error " + worst); // about two ulp
        assertEquals(0.0, Decay.exp(-800), 0.0);
        assertEquals(1.0, Decay.exp(0), 0.0);
    }
}
