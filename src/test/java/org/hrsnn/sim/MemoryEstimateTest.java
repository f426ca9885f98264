package org.hrsnn.sim;

import org.hrsnn.model.NetworkSpec;
import org.hrsnn.model.Pathway;
import org.hrsnn.model.Pathways;
import org.hrsnn.model.Population;
import org.hrsnn.model.ReferenceNetworks;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.*;

/** The estimate's synapse counts against built networks, and its refusal of what cannot fit. */
class MemoryEstimateTest {
    static NetworkSpec sized(int n, double p) {
        NetworkSpec b = ReferenceNetworks.heterogeneousExample();
        var r = b.recurrent();
        int nE = (int) (0.8 * n);
        return new NetworkSpec(new Population(nE, b.excitatory().neuron()), new Population(n - nE, b.inhibitory().neuron()),
                new Pathways(with(r.ee(), p), with(r.ei(), p), with(r.ie(), p), with(r.ii(), p)), b.input(), b.stdp(), b.dt());
    }

    static Pathway with(Pathway x, double p) {
        return new Pathway(p, x.weight(), x.tauSynapse(), x.delay());
    }

    @ParameterizedTest
    @CsvSource({"300, 0.05", "600, 0.2", "1000, 0.1"})
    void expectedSynapsesMatchABuiltNetwork(int n, double p) {
        NetworkSpec s = sized(n, p);
        var in = s.input(); // no input synapses: Network.synapseCount counts the recurrent ones
        NetworkSpec spec = s.withInput(new org.hrsnn.model.InputSpec(in.channels(), in.encoding(), with(in.toExcitatory(), 0), with(in.toInhibitory(), 0), in.randomSign()));
        MemoryEstimate m = MemoryEstimate.of(spec);
        Network net = Network.instantiate(spec, 3);
        // Binomial counts: the built network is within 5 standard deviations of the expectation.
        assertEquals(m.synapses(), net.synapseCount(), 5 * Math.sqrt(m.synapses()) + 1, "all synapses");
        assertEquals(m.plasticSynapses(), net.excitatorySynapseCount(), 5 * Math.sqrt(m.plasticSynapses()) + 1, "E-to-E synapses");
        assertEquals(n, m.neurons());
    }

    @Test
    void aNetworkBeyondHalfTheHeapIsRefusedBeforeItIsBuilt() {
        NetworkSpec huge = sized(1_000_000, 0.5);
        var e = assertThrows(MemoryEstimate.TooLargeException.class, () -> Network.instantiate(huge, 1));
        assertTrue(e.getMessage().startsWith("the network is too large for this process: 1,000,000 neurons and about 5.00e+11 synapses need about "), e.getMessage());
        assertTrue(e.getMessage().contains(String.format("more than the %,.0f MiB a network may take", MemoryEstimate.limit() / (1 << 20))), e.getMessage());
    }

    @Test
    void moreSynapsesThanAJavaArrayHoldsIsRefusedWhateverTheHeap() {
        // 60,000 E neurons at p = 0.8: 2.9e9 E-to-E synapses, beyond an int index even if the heap were large enough.
        MemoryEstimate m = MemoryEstimate.of(sized(75_000, 0.8));
        assertTrue(m.plasticSynapses() > Integer.MAX_VALUE);
        assertThrows(MemoryEstimate.TooLargeException.class, m::check);
    }
}
