package org.hrsnn.score;

import org.hrsnn.random.Seeds;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.junit.jupiter.api.Assertions.*;

class MemoryCapacityTest {

    static double[] input(long seed, int n) {
        var rng = Seeds.rng(seed);
        double[] u = new double[n];
        for (int i = 0; i < n; i++) u[i] = rng.nextDouble();
        return u;
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 3, 5, 10, 20})
    void delayLineOfLengthNRemembersNInputs(int length) {
        int steps = 2000;
        double[] u = input(length, steps);
        double[][] states = new double[steps][length];
        for (int t = 0; t < steps; t++) for (int k = 1; k <= length; k++) states[t][k - 1] = t - k >= 0 ? u[t - k] : 0;
        MemoryCapacity mc = MemoryCapacity.of(states, u, 50, 0.7, 40);
        assertEquals(length, mc.total(), 0.01 * length + 0.05);
        for (int k = 1; k <= length; k++) assertEquals(1, mc.curve()[k - 1], 1e-3, "delay " + k);
        for (int k = length + 1; k <= 40; k++) assertTrue(mc.curve()[k - 1] < 0.02, "delay " + k + " is not remembered");
        assertTrue(mc.total() <= length + 1e-9 + 0.05, "MC never exceeds the number of features");
    }

    @Test
    void statesThatIgnoreTheInputHaveNoMemory() {
        int steps = 2000, features = 50;
        double[] u = input(1, steps);
        var rng = Seeds.rng(2);
        double[][] states = new double[steps][features];
        for (double[] row : states) for (int j = 0; j < features; j++) row[j] = rng.nextDouble();
        assertTrue(MemoryCapacity.of(states, u, 50, 0.7, 30).total() < 0.5);
        double[][] constant = new double[steps][features];
        assertEquals(0, MemoryCapacity.of(constant, u, 50, 0.7, 30).total(), 1e-12);
    }

    @Test
    void aReadoutWithMoreFeaturesThanSamplesCannotInflateHeldOutMemory() {
        // 300 random features, 150 training rows: in sample every delay fits perfectly; held out nothing does.
        int steps = 50 + 40 + 300, features = 300;
        double[] u = input(3, steps);
        var rng = Seeds.rng(4);
        double[][] states = new double[steps][features];
        for (double[] row : states) for (int j = 0; j < features; j++) row[j] = rng.nextDouble();
        MemoryCapacity mc = MemoryCapacity.of(states, u, 50, 0.5, 40);
        assertTrue(mc.total() < 2.0, "held-out MC of noise features: " + mc.total());
    }
}
