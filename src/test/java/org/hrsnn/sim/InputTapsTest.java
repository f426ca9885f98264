package org.hrsnn.sim;

import org.hrsnn.model.*;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

/**
 * Analog input through several taps per channel: each channel is carried by {@code taps} lines, each wired to
 * each neuron independently, with its own delay.
 */
class InputTapsTest {
    /** Neurons that forget within a step and never spike, unconnected: a voltage is the input current of its step, scaled. */
    static final NeuronParams MEMORYLESS = new NeuronParams(Distribution.constant(0.05), Distribution.constant(1000), -60, -60,
            Distribution.constant(0.5), Adaptation.NONE, 0);
    static final Pathway NONE = new Pathway(0, Distribution.constant(0), 5, 1);

    static NetworkSpec spec(int channels, double maxDelay, int taps, double probability) {
        Pathway in = new Pathway(probability, Distribution.uniform(1, 2), 5, 0.1);
        return new NetworkSpec(new Population(200, MEMORYLESS), new Population(50, MEMORYLESS), new Pathways(NONE, NONE, NONE, NONE),
                new InputSpec(channels, new Encoding.Analog(maxDelay, taps), in, in, false), StdpRule.off(), 0.1);
    }

    /**
     * Two channels, three taps each, no delays, channel 0 silent and channel 1 at 1: a neuron's voltage is
     * proportional to the summed weights of its synapses on lines 3-5 (channel 1's), computed here from the
     * network's own synapse arrays; a neuron wired only to lines 0-2 stays at rest.
     */
    @Test
    void eachLineCarriesItsChannel() {
        NetworkSpec spec = spec(2, 0, 3, 0.4);
        Network net = Network.instantiate(spec, 3);
        NetworkArrays.Synapses inE = net.arrays().inE();
        assertEquals(6, inE.sources(), "2 channels x 3 taps");
        double[] summed = new double[net.size()];
        for (int line = 0; line < inE.sources(); line++)
            for (int k = inE.rowStart()[line]; k < inE.rowStart()[line + 1]; k++)
                if (line / 3 == 1) summed[inE.target()[k]] += inE.weight()[k];
        double[][] u = new double[50][];
        for (int t = 0; t < u.length; t++) u[t] = new double[] {0, 1};
        WindowStates states = new WindowStates(10, List.of(StateKind.VOLTAGE));
        net.run(new Stimulus(u, 10), states);
        double[] v = states.rows()[states.rows().length - 1];
        double gain = Double.NaN;
        int silent = 0, driven = 0;
        for (int i = 0; i < 200; i++) { // the E neurons: inE's targets
            if (summed[i] == 0) {
                assertEquals(-60, v[i], 1e-12, "neuron " + i + " has no synapse from channel 1");
                silent++;
                continue;
            }
            double g = (v[i] + 60) / summed[i];
            if (Double.isNaN(gain)) gain = g;
            assertEquals(gain, g, 1e-9 * gain, "neuron " + i);
            driven++;
        }
        assertTrue(silent > 10 && driven > 100, silent + " silent, " + driven + " driven: both cases are exercised");
        assertTrue(gain > 0);
    }

    /** taps = 1 is the network of before taps existed, synapse for synapse; more taps, more synapses, each line its own. */
    @Test
    void oneTapIsTheNetworkOfBefore() {
        NetworkSpec one = spec(1, 45, 1, 1);
        NetworkSpec before = one.withInput(new InputSpec(1, new Encoding.Analog(45), one.input().toExcitatory(), one.input().toInhibitory(), false));
        assertEquals(before, one);
        NetworkArrays.Synapses a = Network.instantiate(one, 5).arrays().inE(), b = Network.instantiate(spec(1, 45, 4, 1), 5).arrays().inE();
        assertEquals(200, a.size());
        assertEquals(800, b.size(), "every E neuron on each of the 4 lines (probability 1)");
        assertTrue(java.util.Arrays.stream(b.delays()).distinct().count() > 100, "the taps' delays are drawn apart");
    }

    @Test
    void tapsOutOfRangeAreRefusedNamingTheField() {
        var e = assertThrows(InvalidSpecException.class, () -> new Encoding.Analog(10, 0));
        assertTrue(e.getMessage().contains("taps"), e.getMessage());
        assertThrows(InvalidSpecException.class, () -> new Encoding.Analog(10, Encoding.Analog.MAX_TAPS + 1));
    }
}
