package org.hrsnn.sim;

import org.hrsnn.model.Distribution;
import org.hrsnn.model.StdpRule;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

/**
 * One pre/post spike pair on a synapse with its own A+, A-, tau+, tau-: the weight changes by exactly
 * A+ exp(-dt/tau+) (pre arrives before post) or -A- exp(-dt/tau-) (post before pre arrival).
 */
class StdpPairTest {
    static final double DT = 0.1;
    static final double W0 = 0.5; // mV: far too small to make the partner (threshold 10 mV) spike, larger than any change

    static StdpRule heterogeneousRule(StdpRule.Bounds bounds, double wMax) {
        return new StdpRule(true, bounds, wMax, Distribution.logNormal(0.01, 0.5), Distribution.logNormal(0.012, 0.5),
                Distribution.gamma(20, 4), Distribution.gamma(25, 4));
    }

    /** Forces neuron {@code i} to spike at time index {@code at} (the end of step at-1). */
    static void runWithForcedSpikes(Network net, int preAt, int postAt, int steps) {
        for (int n = 0; n < steps; n++) {
            if (n + 1 == preAt) net.setVoltage(0, 1e3);
            if (n + 1 == postAt) net.setVoltage(1, 1e3);
            net.step(null);
        }
    }

    @ParameterizedTest
    @CsvSource({"10, 60, 1", "10, 200, 1", "10, 20, 3", "100, 40, 1", "100, 105, 2", "50, 50, 1"})
    void onePairChangesBothSynapsesByTheClosedForm(int preAt, int postAt, double delayMs) {
        Network net = Network.instantiate(Networks.pair(heterogeneousRule(StdpRule.Bounds.ADDITIVE, 1), W0, delayMs, DT), 5);
        int d = (int) Math.round(delayMs / DT);
        int forward = net.findExcitatorySynapse(0, 1);
        int backward = net.findExcitatorySynapse(1, 0);
        double[] f = net.stdpParameters(forward);
        double[] b = net.stdpParameters(backward);
        assertNotEquals(f[0], b[0], "each synapse draws its own A+");
        runWithForcedSpikes(net, preAt, postAt, Math.max(preAt, postAt) + d + 5);
        double[] w = net.excitatoryWeights();

        // Synapse 0 -> 1: pre spike of 0 arrives at preAt + d, post spike of 1 at postAt.
        assertEquals(W0 + pairChange(f, preAt + d, postAt), w[forward], 1e-12);
        // Synapse 1 -> 0: its pre is neuron 1 (arrives at postAt + d), its post is neuron 0 (at preAt).
        assertEquals(W0 + pairChange(b, postAt + d, preAt), w[backward], 1e-12);
    }

    /** The closed form: {A+, A-, tau+, tau-} = p; times are step indices. */
    static double pairChange(double[] p, int preArrival, int post) {
        double lag = (post - preArrival) * DT;
        if (lag > 0) return p[0] * Math.exp(-lag / p[2]);
        return -p[1] * Math.exp(lag / p[3]);
    }

    @Test
    void additiveBoundsClipAtZeroAndWMax() {
        double wMax = 0.5;
        StdpRule strong = new StdpRule(true, StdpRule.Bounds.ADDITIVE, wMax, Distribution.constant(10), Distribution.constant(10),
                Distribution.constant(20), Distribution.constant(20));
        Network net = Network.instantiate(Networks.pair(strong, 0.3, 1, DT), 1);
        runWithForcedSpikes(net, 10, 30, 60);
        double[] w = net.excitatoryWeights();
        assertEquals(wMax, w[net.findExcitatorySynapse(0, 1)], 0.0);
        assertEquals(0.0, w[net.findExcitatorySynapse(1, 0)], 0.0);
    }

    @Test
    void multiplicativeBoundsScaleTheChange() {
        double wMax = 2, w0 = 0.5;
        StdpRule rule = heterogeneousRule(StdpRule.Bounds.MULTIPLICATIVE, wMax);
        Network net = Network.instantiate(Networks.pair(rule, w0, 1, DT), 3);
        int forward = net.findExcitatorySynapse(0, 1);
        int backward = net.findExcitatorySynapse(1, 0);
        runWithForcedSpikes(net, 10, 40, 60);
        double[] w = net.excitatoryWeights();
        double[] f = net.stdpParameters(forward);
        double[] b = net.stdpParameters(backward);
        assertEquals(w0 + pairChange(f, 20, 40) * (1 - w0 / wMax), w[forward], 1e-12);
        assertEquals(w0 + pairChange(b, 50, 10) * (w0 / wMax), w[backward], 1e-12);
    }

    @Test
    void frozenPlasticityLeavesWeightsUnchanged() {
        Network net = Network.instantiate(Networks.pair(heterogeneousRule(StdpRule.Bounds.ADDITIVE, 1), W0, 1, DT), 5);
        net.setPlastic(false);
        runWithForcedSpikes(net, 10, 40, 60);
        // Both forced spikes reached their synapse (arrivals at steps 20 and 50, one synapse each way) ...
        assertEquals(2, net.synapticEvents(), "each spike was delivered");
        for (double w : net.excitatoryWeights()) assertEquals(W0, w, 0.0);
        // ... and the same spikes with plasticity on change both weights: freezing is what kept them.
        Network plastic = Network.instantiate(Networks.pair(heterogeneousRule(StdpRule.Bounds.ADDITIVE, 1), W0, 1, DT), 5);
        plastic.setPlastic(true);
        runWithForcedSpikes(plastic, 10, 40, 60);
        assertEquals(2, plastic.synapticEvents());
        for (double w : plastic.excitatoryWeights()) assertNotEquals(W0, w);
    }

    @Test
    void tracesSumOverSpikesAllToAll() {
        // Two pre spikes then one post: x_pre = e^{-l1/tau+} + e^{-l2/tau+}.
        StdpRule rule = heterogeneousRule(StdpRule.Bounds.ADDITIVE, 1);
        Network net = Network.instantiate(Networks.pair(rule, W0, 1, DT), 8);
        int forward = net.findExcitatorySynapse(0, 1);
        double[] f = net.stdpParameters(forward);
        for (int n = 0; n < 80; n++) {
            if (n + 1 == 10 || n + 1 == 30) net.setVoltage(0, 1e3);
            if (n + 1 == 60) net.setVoltage(1, 1e3);
            net.step(null);
        }
        // Arrivals at 20 and 40. The second arrival also depresses by A- x_post, but x_post is 0 then.
        double expected = W0 + f[0] * (Math.exp(-(60 - 20) * DT / f[2]) + Math.exp(-(60 - 40) * DT / f[2]));
        assertEquals(expected, net.excitatoryWeights()[forward], 1e-12);
    }
}
