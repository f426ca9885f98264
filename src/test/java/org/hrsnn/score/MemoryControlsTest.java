package org.hrsnn.score;

import org.hrsnn.model.*;
import org.hrsnn.random.Seeds;
import org.hrsnn.sim.StateKind;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

/**
 * The known answers a memory measure must give before it is trusted: a network with no memory scores 0,
 * input shuffled in time scores 0, a noiseless bank of linear leaky integrators scores its analytic MC.
 * (The ideal delay line is in {@link MemoryCapacityTest}.)
 */
class MemoryControlsTest {
    static final MemoryProtocol SHORT = new MemoryProtocol(0, 50, 1200, 0.6, 20, 10, List.of(StateKind.VOLTAGE, StateKind.COUNTS), 0);

    /**
     * A relay: unconnected neurons with a 1 ms membrane, driven by the rate-coded input (a Poisson train of
     * 1,000 u(t) Hz) through a 0.2 ms synapse strong enough that each input spike fires every neuron. Spike
     * counts in a window are Poisson in the current input and voltages forget within a few ms, so nothing
     * of an earlier window is left. (A tonically firing neuron would not do: the phase of its spikes carries
     * the previous input across windows, a real memory.)
     */
    static NetworkSpec relay() {
        NeuronParams fast = new NeuronParams(Distribution.constant(1), Distribution.uniform(-51, -49), -60, -60,
                Distribution.constant(0.5), Adaptation.NONE, 0);
        Pathway none = new Pathway(0, Distribution.constant(0), 5, 1);
        Pathway drive = new Pathway(1, Distribution.uniform(150, 200), 0.2, 0.1);
        InputSpec in = new InputSpec(1, new Encoding.Rate(1000), drive, drive, false);
        return new NetworkSpec(new Population(80, fast), new Population(20, fast), new Pathways(none, none, none, none), in, StdpRule.off(), 0.1);
    }

    /** Voltages at the window's end see only the last millisecond of input spikes: a weaker code. */
    @ParameterizedTest
    @org.junit.jupiter.params.provider.CsvSource({"counts, 0.3", "voltage, 0.05", "voltage+counts, 0.3", "adaptation+counts, 0.3"})
    void aMemorylessRelayHasNoMemory(String kinds, double encoded) {
        var r = MemoryEvaluation.evaluate(relay(), 3, SHORT.withStates(StateKind.parseAll(kinds)));
        assertTrue(r.activity().meanRate() > 5, "the relay spikes: " + r.activity());
        assertTrue(r.memory().current() > encoded, "it encodes the current input: r^2 " + r.memory().current());
        assertTrue(r.memory().total() < 0.05, kinds + ": relay MC " + r.memory().total());
    }

    @Test
    void inputShuffledInTimeHasNoMemoryWhileTheRealInputHas() {
        var r = MemoryEvaluation.evaluate(ReferenceNetworks.heterogeneousExample(), 2, SHORT);
        assertTrue(r.memory().total() > 0.3, "the example network remembers: MC " + r.memory().total());
        assertTrue(r.controls().shuffled() < 0.05, "shuffled MC " + r.controls().shuffled());
        assertTrue(r.controls().inputOnly() < 0.05, "input-only MC " + r.controls().inputOnly());
    }

    /**
     * x_i(t) = a_i x_i(t-1) + u(t), u i.i.d.: cov(x_i(t), u(t-k)) = var(u) a_i^k and
     * cov(x_i, x_j) = var(u) / (1 - a_i a_j), so the best linear readout of u(t-k) has
     * r_k^2 = v_k^T M^-1 v_k with v_k = (a_i^k), M_ij = 1 / (1 - a_i a_j).
     */
    static double[] analyticCurve(double[] a, int delays) {
        int n = a.length;
        double[][] m = new double[n][n];
        for (int i = 0; i < n; i++) for (int j = 0; j < n; j++) m[i][j] = 1 / (1 - a[i] * a[j]);
        var inv = new org.apache.commons.math3.linear.LUDecomposition(org.apache.commons.math3.linear.MatrixUtils.createRealMatrix(m)).getSolver();
        double[] curve = new double[delays];
        for (int k = 1; k <= delays; k++) {
            double[] v = new double[n];
            for (int i = 0; i < n; i++) v[i] = Math.pow(a[i], k);
            double[] w = inv.solve(new org.apache.commons.math3.linear.ArrayRealVector(v)).toArray();
            double r2 = 0;
            for (int i = 0; i < n; i++) r2 += v[i] * w[i];
            curve[k - 1] = r2;
        }
        return curve;
    }

    @ParameterizedTest
    @ValueSource(strings = {"0.5", "0.3,0.8", "0.2,0.5,0.7,0.9", "0.1,0.4,0.6,0.75,0.85,0.93"})
    void aNoiselessLinearLeakyBankHasItsAnalyticMemoryCapacity(String leaks) {
        double[] a = java.util.Arrays.stream(leaks.split(",")).mapToDouble(Double::parseDouble).toArray();
        int steps = 40000, delays = 40;
        var rng = Seeds.rng(a.length);
        double[] u = new double[steps];
        double[][] x = new double[steps][a.length];
        for (int t = 0; t < steps; t++) {
            u[t] = rng.nextDouble();
            for (int i = 0; i < a.length; i++) x[t][i] = (t > 0 ? a[i] * x[t - 1][i] : 0) + u[t];
        }
        // The protocol counts an r_k^2 below the significance cut as 0; so does the expected value.
        int test = (steps - 100 - delays) - (int) Math.floor((steps - 100 - delays) * 0.6);
        double t = new org.apache.commons.math3.distribution.TDistribution(test - 2).inverseCumulativeProbability(1 - MemoryCapacity.ALPHA / 2);
        double chance = t * t / (t * t + test - 2);
        double expected = java.util.Arrays.stream(analyticCurve(a, delays)).filter(r2 -> r2 > chance).sum();
        double measured = MemoryCapacity.of(x, u, 100, 0.6, delays).total();
        assertEquals(expected, measured, 0.05 * expected, "leaks " + leaks + ": analytic MC " + expected + ", measured " + measured);
    }

    /**
     * Heterogeneous input delays turn memoryless neurons into a delay line: unconnected neurons whose
     * membrane forgets within a step or two, never spiking, driven by analog input through delays uniform in
     * [0, 45] ms, read by voltage at the end of each 10 ms window. The window ending at step t_e sees the
     * inputs at t_e - d, d in [0, 45] ms: the current window and exactly the four before it. So r_k^2 is ~1
     * for k = 1..4 and 0 beyond: MC = 4. Without delays the same neurons have MC 0. Several taps per channel
     * (each neuron summing the input at several delays) keep the same windows in reach.
     */
    @ParameterizedTest
    @org.junit.jupiter.params.provider.CsvSource({"45, 4, 1", "0, 0, 1", "25, 2, 1", "45, 4, 3", "25, 2, 2"})
    void heterogeneousInputDelaysMakeADelayLine(double maxDelay, int windows, int taps) {
        NeuronParams memoryless = new NeuronParams(Distribution.constant(0.05), Distribution.constant(1000), -60, -60,
                Distribution.constant(0.5), Adaptation.NONE, 0);
        Pathway none = new Pathway(0, Distribution.constant(0), 5, 1);
        Pathway in = new Pathway(1, Distribution.uniform(1, 2), 5, 0.1);
        NetworkSpec spec = new NetworkSpec(new Population(200, memoryless), new Population(50, memoryless), new Pathways(none, none, none, none),
                new InputSpec(1, new Encoding.Analog(maxDelay, taps), in, in, false), StdpRule.off(), 0.1);
        var net = org.hrsnn.sim.Network.instantiate(spec, 5);
        int hold = 100, n = 2000;
        double[] u = MemoryEvaluation.inputs(Seeds.rng(9), n);
        var states = new org.hrsnn.sim.WindowStates(hold, List.of(StateKind.VOLTAGE));
        net.run(new org.hrsnn.sim.Stimulus(MemoryEvaluation.column(u, 1), hold), states);
        MemoryCapacity mc = MemoryCapacity.of(states.rows(), u, 50, 0.6, 10);
        assertEquals(windows, mc.total(), 0.05 * Math.max(windows, 1), "MC with delays up to " + maxDelay + " ms: " + java.util.Arrays.toString(mc.curve()));
        assertTrue(mc.current() > 0.99, "the current input is read: " + mc.current());
        for (int k = windows + 1; k <= 10; k++) assertEquals(0, mc.curve()[k - 1], 0.0, "delay " + k);
    }
}
