package org.hrsnn.model;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Every impossible value is refused with the field's path and the allowed range. */
class ValidationTest {

    static InvalidSpecException refused(Executable e) {
        return assertThrows(InvalidSpecException.class, e);
    }

    @Test
    void distributionParameters() {
        assertEquals("shape", refused(() -> Distribution.gamma(20, 0)).field());
        assertEquals("mean", refused(() -> Distribution.gamma(-1, 2)).field());
        assertEquals("cv", refused(() -> Distribution.logNormal(1, -0.1)).field());
        assertEquals("high", refused(() -> Distribution.uniform(2, 1)).field());
        assertEquals("value", refused(() -> Distribution.constant(Double.NaN)).field());
    }

    @Test
    void negativeTimeConstantsAndBadProbabilities() {
        var e = refused(() -> new NeuronParams(Distribution.constant(-20), Distribution.constant(-50), -60, -60,
                Distribution.constant(2), Adaptation.NONE, 0));
        assertEquals("tauMembrane", e.field());
        assertTrue(e.getMessage().contains("> 0"), e.getMessage());
        assertEquals("tauMembrane", refused(() -> new NeuronParams(Distribution.uniform(-1, 5), Distribution.constant(-50), -60, -60,
                Distribution.constant(2), Adaptation.NONE, 0)).field());
        var p = refused(() -> new Pathway(1.5, Distribution.constant(1), 5, 1));
        assertEquals("probability", p.field());
        assertTrue(p.getMessage().contains("[0, 1]"), p.getMessage());
        assertEquals("tauSynapse", refused(() -> new Pathway(0.1, Distribution.constant(1), 0, 1)).field());
        assertEquals("weight", refused(() -> new Pathway(0.1, Distribution.uniform(-1, 1), 5, 1)).field());
        assertEquals("threshold", refused(() -> new NeuronParams(Distribution.constant(20), Distribution.constant(-70), -60, -60,
                Distribution.constant(2), Adaptation.NONE, 0)).field());
    }

    @Test
    void noiseParameters() {
        var e = refused(() -> new Noise.Gaussian(-1));
        assertEquals("sigma", e.field());
        assertTrue(e.getMessage().contains(">= 0"), e.getMessage());
        assertEquals("sigma", refused(() -> new Noise.Gaussian(Double.NaN)).field());
        assertEquals("rate", refused(() -> new Noise.Poisson(-5, 1)).field());
        assertEquals("weight", refused(() -> new Noise.Poisson(5, Double.POSITIVE_INFINITY)).field());
        assertEquals("noise", refused(() -> new NeuronParams(Distribution.constant(20), Distribution.constant(-50), -60, -60,
                Distribution.constant(2), Adaptation.NONE, 0, null)).field());
        assertEquals(Noise.NONE, new NeuronParams(Distribution.constant(20), Distribution.constant(-50), -60, -60,
                Distribution.constant(2), Adaptation.NONE, 0).noise(), "the default is no noise");
        assertTrue(new Noise.Gaussian(0).enabled() == false && new Noise.Poisson(10, 0).enabled() == false);
    }

    @Test
    void nestedProblemsNameTheirPath() {
        NetworkSpec ok = ReferenceNetworks.benchmark(true);
        var e = refused(() -> new NetworkSpec(ok.excitatory(), ok.inhibitory(), ok.recurrent(), ok.input(), ok.stdp(), 2.0));
        assertEquals("recurrent.ee.delay", e.field());
        var s = refused(() -> ok.withDt(-0.1));
        assertEquals("dt", s.field());
        var empty = refused(() -> new NetworkSpec(new Population(0, ok.excitatory().neuron()), new Population(0, ok.inhibitory().neuron()),
                ok.recurrent(), ok.input(), ok.stdp(), 0.1));
        assertEquals("excitatory.size", empty.field());
        assertEquals("excitatory.size", new InvalidSpecException("size", "x").within("excitatory").field());
    }

    @Test
    void homogeneousCounterpartHasConstantDistributionsAtTheMeans() {
        NetworkSpec h = ReferenceNetworks.heterogeneousExample().homogeneous();
        assertEquals(Distribution.constant(20), h.excitatory().neuron().tauMembrane());
        assertEquals(Distribution.constant(-50), h.excitatory().neuron().threshold());
        assertEquals(Distribution.constant(0.02), h.stdp().aPlus());
        assertEquals(Distribution.constant(20), h.stdp().tauMinus());
    }
}
