package org.hrsnn.sim;

import org.hrsnn.model.*;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.*;

/** STDP on input-to-E synapses: one input spike (send-on-delta) and one post spike, against the closed form. */
class InputStdpTest {
    static final double DT = 0.1, W0 = 0.5;

    static NetworkSpec spec(boolean onInput) {
        NeuronParams p = new NeuronParams(Distribution.constant(20), Distribution.constant(10), 0, 0,
                Distribution.constant(0), Adaptation.NONE, 0);
        StdpRule rule = new StdpRule(true, StdpRule.Bounds.ADDITIVE, 1, Distribution.logNormal(0.01, 0.5),
                Distribution.logNormal(0.012, 0.5), Distribution.gamma(20, 4), Distribution.gamma(25, 4), onInput);
        InputSpec in = new InputSpec(1, new Encoding.Delta(0.5), new Pathway(1, Distribution.constant(W0), 5, 1), Pathway.NONE, false);
        return new NetworkSpec(new Population(1, p), new Population(0, p),
                new Pathways(Pathway.NONE, Pathway.NONE, Pathway.NONE, Pathway.NONE), in, rule, DT);
    }

    /** Input steps from 0 to 0.6 at step {@code inputAt} (one up spike then); neuron 0 is forced to spike at index {@code postAt}. */
    static Network run(boolean onInput, int inputAt, int postAt) {
        Network net = Network.instantiate(spec(onInput), 3);
        for (int n = 0; n < Math.max(inputAt, postAt) + 30; n++) {
            if (n + 1 == postAt) net.setVoltage(0, 1e3);
            net.step(new double[] {n >= inputAt ? 0.6 : 0});
        }
        return net;
    }

    @ParameterizedTest
    @CsvSource({"10, 60", "10, 15", "50, 20", "50, 60"})
    void onePairOnAnInputSynapse(int inputAt, int postAt) {
        Network net = run(true, inputAt, postAt);
        int s = net.findInputSynapse(0, 0); // line 0 is the "up" line of channel 0
        double[] p = net.inputStdpParameters(s);
        int arrival = inputAt + 10; // 1 ms delay
        double lag = (postAt - arrival) * DT;
        double expected = W0 + (lag > 0 ? p[0] * Math.exp(-lag / p[2]) : -p[1] * Math.exp(lag / p[3]));
        assertEquals(expected, net.inputWeights()[s], 1e-12);
        assertNotEquals(W0, net.inputWeights()[s]);
    }

    @Test
    void inputWeightsStayFixedWithoutOnInput() {
        Network net = run(false, 10, 60);
        assertNull(net.inputStdpParameters(0));
        for (double w : net.inputWeights()) assertEquals(W0, w, 0.0);
    }

    @Test
    void onInputNeedsSpikingExcitatoryInput() {
        NetworkSpec ok = spec(true);
        var analog = assertThrows(InvalidSpecException.class, () -> ok.withInput(new InputSpec(1, new Encoding.Analog(),
                ok.input().toExcitatory(), Pathway.NONE, false)));
        assertEquals("stdp.onInput", analog.field());
        var signed = assertThrows(InvalidSpecException.class, () -> ok.withInput(new InputSpec(1, new Encoding.Delta(0.5),
                ok.input().toExcitatory(), Pathway.NONE, true)));
        assertTrue(signed.getMessage().contains("randomSign"));
    }
}
