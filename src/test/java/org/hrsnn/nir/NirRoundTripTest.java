package org.hrsnn.nir;

import org.hrsnn.model.Distribution;
import org.hrsnn.model.Encoding;
import org.hrsnn.model.InputSpec;
import org.hrsnn.model.NetworkSpec;
import org.hrsnn.model.Noise;
import org.hrsnn.model.Pathway;
import org.hrsnn.model.ReferenceNetworks;
import org.hrsnn.score.MemoryEvaluation;
import org.hrsnn.score.MemoryProtocol;
import org.hrsnn.sim.Network;
import org.hrsnn.sim.NetworkArrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.*;

/** Export, write, read, import: every array comes back exactly. */
class NirRoundTripTest {
    @TempDir Path dir;

    static NetworkSpec small(NetworkSpec s, int nE, int nI) {
        return new NetworkSpec(new org.hrsnn.model.Population(nE, s.excitatory().neuron()), new org.hrsnn.model.Population(nI, s.inhibitory().neuron()),
                s.recurrent(), s.input(), s.stdp(), s.dt());
    }

    /** A trained heterogeneous network (STDP, adaptation, refractory periods, noise, analog input). */
    static Network trained(NetworkSpec spec, long seed) {
        return MemoryEvaluation.trained(spec, seed, new MemoryProtocol(50, 10, 200, 0.65, 5, 10, MemoryProtocol.DEFAULT.states(), 0));
    }

    @Test
    void analogNetworkRoundTripsExactly() throws Exception {
        NetworkSpec spec = small(ReferenceNetworks.heterogeneousExample(), 60, 15).withNoise(new Noise.Gaussian(1), Noise.NONE);
        roundTrip(spec, 7);
    }

    @Test
    void analogInputWithPerSynapseDelaysRoundTripsExactly() throws Exception {
        NetworkSpec base = small(ReferenceNetworks.heterogeneousExample(), 60, 15);
        InputSpec in = base.input();
        NetworkSpec spec = base.withInput(new InputSpec(3, new Encoding.Analog(12), in.toExcitatory(), in.toInhibitory(), in.randomSign()));
        roundTrip(spec, 5);
    }

    /** Several input lines per channel (taps), each synapse with its own delay, or all at delay 0: the same synapses come back, line by line. */
    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.CsvSource({"12, 3", "0, 2", "20, 8"})
    void analogInputWithSeveralTapsRoundTripsExactly(double maxDelay, int taps) throws Exception {
        NetworkSpec base = small(ReferenceNetworks.heterogeneousExample(), 60, 15);
        InputSpec in = base.input();
        NetworkSpec spec = base.withInput(new InputSpec(2, new Encoding.Analog(maxDelay, taps), in.toExcitatory(), in.toInhibitory(), in.randomSign()));
        var inE = Network.instantiate(spec, 4).arrays().inE();
        java.util.Set<Long> seen = new java.util.HashSet<>();
        int repeated = 0; // (channel, neuron) pairs with more than one synapse: what taps add, and what the graph must carry
        for (int line = 0; line < inE.sources(); line++)
            for (int k = inE.rowStart()[line]; k < inE.rowStart()[line + 1]; k++)
                if (!seen.add(((long) (line / taps) << 32) | inE.target()[k])) repeated++;
        assertTrue(repeated > 5, "only " + repeated + " neurons with several synapses from one channel");
        roundTrip(spec, 4);
    }

    @Test
    void withATaskTheTrainedReadoutIsWrittenAsMetadataAndReadBack() throws Exception {
        NetworkSpec spec = small(ReferenceNetworks.heterogeneousExample(), 60, 15);
        var r = NirExports.export(spec, 2, new org.hrsnn.score.TrialEvaluator("narma10"), MemoryProtocol.DEFAULT, Map.of());
        var meta = r.exported().graph().metadata();
        NirGraph.Reals w = (NirGraph.Reals) meta.get("readout_weight");
        assertArrayEquals(new int[] {1, 75}, w.shape()); // one output, the voltage of each of the 75 neurons
        assertTrue(r.exported().warnings().stream().anyMatch(x -> x.contains("readout")));
        Path f = dir.resolve("task.nir");
        NirFile.write(f, r.exported().graph());
        assertEquals(meta, NirFile.read(f).metadata());
    }

    @Test
    void spikingInputWithPlasticInputSynapsesRoundTripsExactly() throws Exception {
        NetworkSpec base = small(ReferenceNetworks.heterogeneousExample(), 50, 12);
        InputSpec in = new InputSpec(2, new Encoding.Delta(0.1), new Pathway(0.4, Distribution.uniform(0, 3), 7, 0.3),
                new Pathway(0.4, Distribution.uniform(0, 3), 4, 0.2), false);
        NetworkSpec spec = base.withInput(in).withStdp(new org.hrsnn.model.StdpRule(true, org.hrsnn.model.StdpRule.Bounds.ADDITIVE, 4,
                Distribution.logNormal(0.02, 0.5), Distribution.logNormal(0.021, 0.5), Distribution.constant(20), Distribution.constant(20), true));
        roundTrip(spec, 3);
    }

    private void roundTrip(NetworkSpec spec, long seed) throws Exception {
        Network net = trained(spec, seed);
        NetworkArrays a = net.arrays();
        NirExport.Exported x = NirExport.graph(a, net.spec(), seed, Map.of("task", "memory-capacity"));
        Path f = dir.resolve("net.nir");
        NirFile.write(f, x.graph());
        NirGraph back = NirFile.read(f);
        assertEquals(x.graph().nodes().keySet(), back.nodes().keySet());
        for (var e : x.graph().nodes().entrySet()) {
            NirGraph.Node n = back.nodes().get(e.getKey());
            assertEquals(e.getValue().type(), n.type(), e.getKey());
            assertEquals(e.getValue().params(), n.params(), e.getKey()); // Reals compare shapes and values exactly
            assertEquals(e.getValue().metadata(), n.metadata(), e.getKey());
        }
        assertEquals(x.graph().edges(), back.edges());
        assertEquals(x.graph().metadata(), back.metadata());

        NirImport.Imported imp = NirImport.read(back, f.toString());
        NetworkArrays b = imp.network();
        assertEquals(a.size(), b.size());
        assertEquals(a.excitatory(), b.excitatory());
        assertEquals(a.dt(), b.dt());
        for (String field : List.of("tauMembrane", "threshold", "reset", "rest", "bias", "refractory", "beta", "tauAdaptation",
                "tauExcitatory", "tauInhibitory", "tauInput")) {
            double[] u = (double[]) NetworkArrays.class.getMethod(field).invoke(a), v = (double[]) NetworkArrays.class.getMethod(field).invoke(b);
            if (field.equals("tauInput") && imp.analogInput()) continue; // analog input has no input current filter to carry it
            assertArrayEquals(u, v, field);
        }
        for (String p : List.of("ee", "ei", "ie", "ii", "inE", "inI")) {
            var s = (NetworkArrays.Synapses) NetworkArrays.class.getMethod(p).invoke(a);
            var t = (NetworkArrays.Synapses) NetworkArrays.class.getMethod(p).invoke(b);
            double[][] ds = s.dense(), dt = t.dense();
            assertEquals(ds.length, dt.length, p);
            for (int i = 0; i < ds.length; i++) assertArrayEquals(ds[i], dt[i], p + " row " + i);
            if (s.size() > 0 && !(imp.analogInput() && p.startsWith("in"))) assertEquals(s.delaySteps(), t.delaySteps(), p + " delay");
            if (s.delays() != null) { // per-synapse input delays: the same synapses in the same order, each with its delay
                assertArrayEquals(s.rowStart(), t.rowStart(), p);
                assertArrayEquals(s.target(), t.target(), p);
                assertArrayEquals(s.weight(), t.weight(), p);
                assertArrayEquals(s.delays(), t.delays(), p + " delays");
                if (spec.input().encoding() instanceof Encoding.Analog an && an.maxDelay() > 0)
                    assertTrue(java.util.Arrays.stream(s.delays()).distinct().count() > 5, "the delays vary");
            }
        }
        assertEquals(net.spec().input().lines() / (net.spec().input().encoding() instanceof Encoding.Analog an ? an.taps() : 1), imp.inputLines(),
                "the graph's input: the channels (analog), or the encoder's lines");
        assertEquals(net.spec().input().encoding() instanceof Encoding.Analog, imp.analogInput());
        assertEquals(net.spec(), imp.design().network());
        assertEquals(seed, imp.design().seed());
        // the test would pass vacuously on an untrained or empty network
        assertTrue(a.ee().size() > 0 && a.inE().size() > 0);
        assertFalse(java.util.Arrays.equals(a.ee().weight(), Network.instantiate(net.spec(), seed).arrays().ee().weight()), "STDP changed the weights");
    }
}
