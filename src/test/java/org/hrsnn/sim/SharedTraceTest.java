package org.hrsnn.sim;

import org.hrsnn.model.*;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import static org.junit.jupiter.api.Assertions.*;

/**
 * With constant tau+ and tau- the engine keeps STDP traces per neuron; the result must be bit for bit
 * the one of per-synapse traces, which a degenerate uniform(20, 20) forces (every synapse gets 20, but
 * the distribution is not a Constant).
 */
class SharedTraceTest {
    static NetworkSpec with(Distribution tauPlus, Distribution tauMinus, StdpRule.Bounds bounds, boolean onInput) {
        NetworkSpec base = ReferenceNetworks.heterogeneousExample();
        StdpRule r = base.stdp();
        InputSpec in = onInput
                ? new InputSpec(1, new Encoding.Rate(80), base.input().toExcitatory(), base.input().toInhibitory(), false)
                : base.input();
        return base.withInput(in).withStdp(new StdpRule(true, bounds, r.wMax(), r.aPlus(), r.aMinus(), tauPlus, tauMinus, onInput));
    }

    @ParameterizedTest
    @EnumSource(StdpRule.Bounds.class)
    void perNeuronTracesGiveExactlyThePerSynapseResult(StdpRule.Bounds bounds) {
        for (boolean onInput : new boolean[] {false, true}) {
            Network shared = Network.instantiate(with(Distribution.constant(20), Distribution.constant(25), bounds, onInput), 4);
            Network perSynapse = Network.instantiate(with(Distribution.uniform(20, 20), Distribution.uniform(25, 25), bounds, onInput), 4);
            double[][] u = new double[300][1];
            for (int k = 0; k < u.length; k++) u[k][0] = 0.5 + 0.5 * Math.sin(k * 0.07);
            SpikeRaster ra = SpikeRaster.all(), rb = SpikeRaster.all();
            shared.run(new Stimulus(u, 10), ra);
            perSynapse.run(new Stimulus(u, 10), rb);
            assertTrue(ra.size() > 500, "active: " + ra.size());
            double[] before = Network.instantiate(with(Distribution.constant(20), Distribution.constant(25), bounds, onInput), 4).excitatoryWeights();
            assertFalse(java.util.Arrays.equals(before, shared.excitatoryWeights()), "weights moved");
            assertArrayEquals(perSynapse.excitatoryWeights(), shared.excitatoryWeights(), 0.0);
            assertArrayEquals(perSynapse.inputWeights(), shared.inputWeights(), 0.0);
            assertArrayEquals(rb.neurons(), ra.neurons());
        }
    }
}
