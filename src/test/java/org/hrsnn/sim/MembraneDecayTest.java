package org.hrsnn.sim;

import org.hrsnn.random.Seeds;
import org.hrsnn.model.Distribution;
import org.hrsnn.model.NetworkSpec;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Free membrane decay of heterogeneous neurons against v0 exp(-t / tau_i). */
class MembraneDecayTest {

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3})
    void decayMatchesClosedFormPerNeuron(long seed) {
        int n = 200;
        Distribution tau = Distribution.gamma(20, 2);
        NetworkSpec spec = Networks.isolated(n, tau, 1e6, 0, 0, 0.1);
        Network net = Network.instantiate(spec, seed);
        // The membrane time constants are, by contract, the first n draws of stream "neurons.E".
        double[] expectedTau = tau.sample(Seeds.rng(seed, "neurons.E"), n);
        double[] v0 = new double[n];
        for (int i = 0; i < n; i++) {
            v0[i] = -70 + 0.5 * i;
            net.setVoltage(i, v0[i]);
        }
        double minTau = Double.MAX_VALUE, maxTau = 0;
        for (int step = 1; step <= 500; step++) {
            net.step(null);
            double t = step * 0.1;
            if (step % 50 != 0) continue;
            for (int i = 0; i < n; i++) {
                double exact = v0[i] * Math.exp(-t / expectedTau[i]);
                double got = net.voltage(i);
                assertEquals(exact, got, 1e-9 * Math.abs(exact) + 1e-300, "neuron " + i + " at t=" + t);
            }
        }
        for (double x : expectedTau) {
            minTau = Math.min(minTau, x);
            maxTau = Math.max(maxTau, x);
        }
        assertTrue(maxTau > 2 * minTau, "the time constants really are heterogeneous");
    }
}
