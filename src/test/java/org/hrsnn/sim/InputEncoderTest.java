package org.hrsnn.sim;

import org.hrsnn.random.Seeds;
import org.hrsnn.model.Encoding;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.junit.jupiter.api.Assertions.assertEquals;

class InputEncoderTest {

    @ParameterizedTest
    @ValueSource(doubles = {0.1, 0.5, 1.0, 2.0})
    void poissonCountMatchesRate(double u) {
        int steps = 200_000;
        InputEncoder enc = InputEncoder.of(new Encoding.Rate(100), 1, 0.1, Seeds.rng(3));
        int[] lines = new int[1];
        int count = 0;
        for (int k = 0; k < steps; k++) count += enc.encode(new double[] {u}, lines);
        double p = 100 * Math.min(u, 1) * 0.1 / 1000;
        assertEquals(p * steps, count, 5 * Math.sqrt(steps * p * (1 - p)));
    }

    @Test
    void sendOnDeltaCountsLevelCrossings() {
        InputEncoder enc = InputEncoder.of(new Encoding.Delta(0.1), 1, 0.1, null);
        int[] lines = new int[2];
        int up = 0, down = 0;
        // Up from 0 to 1 and back down to 0, slowly enough for one event per step.
        for (int k = 0; k <= 2000; k++) {
            double x = k <= 1000 ? k / 1000.0 : 2 - k / 1000.0;
            int c = enc.encode(new double[] {x}, lines);
            for (int j = 0; j < c; j++) if (lines[j] == 0) up++; else down++;
        }
        assertEquals(10, up);
        assertEquals(10, down);
    }
}
