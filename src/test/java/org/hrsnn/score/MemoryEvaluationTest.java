package org.hrsnn.score;

import org.hrsnn.model.*;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.*;

class MemoryEvaluationTest {
    static final MemoryProtocol SMALL = new MemoryProtocol(200, 50, 700, 0.6, 20, 10, MemoryProtocol.DEFAULT.states(), 0.1);

    @Test
    void sameSeedSameScoresAndEIsSOverMc() {
        NetworkSpec spec = ReferenceNetworks.heterogeneousExample();
        var a = MemoryEvaluation.evaluate(spec, 5, SMALL);
        var b = MemoryEvaluation.evaluate(spec, 5, SMALL);
        assertEquals(a.activity(), b.activity());
        assertArrayEquals(a.memory().curve(), b.memory().curve(), 0.0);
        assertTrue(a.activity().meanRate() > 0);
        if (!a.failed()) assertEquals(a.activity().meanRate() / a.memory().total(), a.e(), 1e-12);
        var c = MemoryEvaluation.evaluate(spec, 6, SMALL);
        assertNotEquals(a.activity().meanRate(), c.activity().meanRate(), "another seed, another network");
    }

    @Test
    void aSilentNetworkFailsWithAReasonAndNoE() {
        NetworkSpec base = ReferenceNetworks.heterogeneousExample();
        NeuronParams quiet = new NeuronParams(Distribution.constant(20), Distribution.constant(-50), -60, -60,
                Distribution.constant(2), Adaptation.NONE, 0);
        InputSpec weak = new InputSpec(1, new Encoding.Analog(), new Pathway(0.3, Distribution.constant(0.01), 5, 1), Pathway.NONE, false);
        NetworkSpec silent = new NetworkSpec(new Population(50, quiet), new Population(10, quiet), base.recurrent(), weak, base.stdp(), 0.1);
        var r = MemoryEvaluation.evaluate(silent, 1, SMALL);
        assertTrue(r.failed());
        assertTrue(r.failure().contains("silent"), r.failure());
        assertTrue(Double.isNaN(r.e()));
        assertEquals(1.0, r.activity().silentFraction(), 0.0);
    }

    @Test
    void aNetworkBelowTheProtocolsActivityFloorFailsAsNearSilent() {
        NetworkSpec spec = ReferenceNetworks.heterogeneousExample();
        double rate = MemoryEvaluation.evaluate(spec, 5, SMALL).activity().meanRate();
        var p = new MemoryProtocol(200, 50, 700, 0.6, 20, 10, MemoryProtocol.DEFAULT.states(), 0.1, 2 * rate);
        var r = MemoryEvaluation.evaluate(spec, 5, p);
        assertTrue(r.failed() && r.failure().startsWith("near-silent"), r.failure());
        assertEquals(rate, r.activity().meanRate(), 0.0, "S is still reported");
        assertTrue(Double.isNaN(r.e()));
        String below = MemoryEvaluation.evaluate(spec, 5, new MemoryProtocol(200, 50, 700, 0.6, 20, 10, MemoryProtocol.DEFAULT.states(), 0.1, 0.5 * rate)).failure();
        assertTrue(below == null || !below.startsWith("near-silent"), "above the floor: " + below);
    }

    @Test
    void aNetworkWithoutInputCannotBeScored() {
        assertThrows(IllegalArgumentException.class, () -> MemoryEvaluation.evaluate(ReferenceNetworks.benchmark(false), 1, SMALL));
    }

    @Test
    void aSaturatedNetworkFailsWithAReason() {
        NetworkSpec base = ReferenceNetworks.heterogeneousExample();
        // A drive of 1000 mV and a 2 ms refractory period: every neuron fires close to 1 / (2 ms + dt).
        NeuronParams loud = new NeuronParams(Distribution.constant(20), Distribution.constant(-50), -60, -60,
                Distribution.constant(2), Adaptation.NONE, 1000);
        NetworkSpec saturated = new NetworkSpec(new Population(40, loud), new Population(10, loud), base.recurrent(), base.input(),
                base.stdp().withEnabled(false), 0.1);
        var r = MemoryEvaluation.evaluate(saturated, 1, SMALL);
        assertTrue(r.failed());
        assertTrue(r.failure().startsWith("saturated network"), r.failure() + " " + r.activity());
        assertEquals(1000 / 2.1, MemoryEvaluation.saturationRate(saturated), 1e-9);
        assertTrue(r.activity().meanRate() > 0.9 * 1000 / 2.1);
    }

    /**
     * The ceiling stops a run at its first check above it (after one simulated second of the STDP training
     * run here), reports the rate measured up to there, equal to a population-rate count over that same second,
     * and fails the candidate without an E; a ceiling above the network's rate changes nothing, bit for bit.
     */
    @Test
    void aRunawayNetworkIsStoppedAtTheCeilingAndACeilingAboveItChangesNothing() {
        NetworkSpec spec = ReferenceNetworks.heterogeneousExample();
        var free = MemoryEvaluation.evaluate(spec, 5, SMALL);
        double rate = free.activity().meanRate();
        assertTrue(rate > 2, "the example fires: " + rate);
        var high = MemoryEvaluation.evaluate(spec, 5, withCeiling(SMALL, 10 * rate));
        assertFalse(high.runaway());
        assertEquals(free.activity(), high.activity());
        assertArrayEquals(free.memory().curve(), high.memory().curve(), 0.0);
        assertEquals(free.e(), high.e(), 0.0);

        var low = MemoryEvaluation.evaluate(spec, 5, withCeiling(SMALL, 0.5));
        assertTrue(low.runaway() && low.failed() && Double.isNaN(low.e()) && low.memory() == null);
        assertTrue(low.failure().startsWith("runaway activity: mean rate ") && low.failure().contains("first 1.00 s of the STDP training run")
                && low.failure().contains("ceiling of 0.5 Hz (maxRate)"), low.failure());
        // The same first second of training, counted independently.
        org.hrsnn.sim.Network net = org.hrsnn.sim.Network.instantiate(spec, 5);
        net.setPlastic(true);
        int hold = MemoryEvaluation.holdSteps(spec, SMALL);
        double[] u = MemoryEvaluation.inputs(org.hrsnn.random.Seeds.rng(5, "task.memory.training"), SMALL.trainingInputs());
        int windows = (int) Math.round(1000 / (hold * spec.dt()));
        double[][] firstSecond = new double[windows][spec.input().channels()];
        for (int k = 0; k < windows; k++) firstSecond[k][0] = u[k];
        var counted = new org.hrsnn.sim.PopulationRate(hold);
        net.run(new org.hrsnn.sim.Stimulus(firstSecond, hold), counted);
        assertEquals(counted.meanRate(), low.activity().meanRate(), 1e-9);
    }

    private static MemoryProtocol withCeiling(MemoryProtocol p, double maxRate) {
        return new MemoryProtocol(p.trainingInputs(), p.washout(), p.inputs(), p.trainFraction(), p.delays(), p.holdMs(), p.states(), p.mcFloor(), 0, maxRate);
    }
}
