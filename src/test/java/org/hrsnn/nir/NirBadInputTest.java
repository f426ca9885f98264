package org.hrsnn.nir;

import org.hrsnn.model.Adaptation;
import org.hrsnn.model.Distribution;
import org.hrsnn.model.NetworkSpec;
import org.hrsnn.model.NeuronParams;
import org.hrsnn.model.Noise;
import org.hrsnn.model.Population;
import org.hrsnn.model.ReferenceNetworks;
import org.hrsnn.nir.NirGraph.Node;
import org.hrsnn.nir.NirGraph.Reals;
import org.hrsnn.sim.Network;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.*;

/** What NIR cannot hold becomes warnings; corrupt and foreign files give errors naming the node. */
class NirBadInputTest {
    @TempDir Path dir;

    static NetworkSpec plain() {
        NetworkSpec s = NirRoundTripTest.small(ReferenceNetworks.heterogeneousExample(), 30, 8);
        NeuronParams e = s.excitatory().neuron(), i = s.inhibitory().neuron();
        NeuronParams pe = new NeuronParams(e.tauMembrane(), e.threshold(), e.reset(), e.rest(), Distribution.constant(0), Adaptation.NONE, e.bias());
        NeuronParams pi = new NeuronParams(i.tauMembrane(), i.threshold(), i.reset(), i.rest(), Distribution.constant(0), Adaptation.NONE, i.bias());
        return new NetworkSpec(new Population(30, pe), new Population(8, pi), s.recurrent(), s.input(), s.stdp().withEnabled(false), s.dt());
    }

    private static List<String> warnings(NetworkSpec spec) {
        return NirExport.graph(Network.instantiate(spec, 1).arrays(), spec, 1, Map.of()).warnings();
    }

    @Test
    void everyFeatureNirLacksIsWarnedAbout() {
        List<String> none = warnings(plain());
        assertEquals(1, none.size(), none.toString()); // only the discrete-time note
        assertTrue(none.get(0).startsWith("discrete time"));
        NetworkSpec full = NirRoundTripTest.small(ReferenceNetworks.heterogeneousExample(), 30, 8)
                .withNoise(new Noise.Poisson(100, 0.5), Noise.NONE)
                .withInput(new org.hrsnn.model.InputSpec(1, new org.hrsnn.model.Encoding.Rate(100), ReferenceNetworks.heterogeneousExample().input().toExcitatory(),
                        ReferenceNetworks.heterogeneousExample().input().toInhibitory(), false));
        String all = String.join("\n", warnings(full));
        for (String feature : List.of("refractory periods", "adaptive thresholds", "STDP", "background noise", "input encoder", "discrete time"))
            assertTrue(all.contains(feature), feature + " missing from:\n" + all);
        NirGraph g = NirExport.graph(Network.instantiate(full, 1).arrays(), full, 1, Map.of()).graph();
        assertEquals(new NirGraph.Texts(warnings(full)), g.metadata().get("not_expressed"));
    }

    @Test
    void perSynapseInputDelaysAreExpressedNotWarnedAbout() {
        NetworkSpec plain = plain();
        var in = plain.input();
        NetworkSpec delayed = plain.withInput(new org.hrsnn.model.InputSpec(in.channels(), new org.hrsnn.model.Encoding.Analog(20),
                in.toExcitatory(), in.toInhibitory(), in.randomSign()));
        assertFalse(String.join("\n", warnings(delayed)).contains("delay"), String.join("\n", warnings(delayed)));
        NirGraph g = NirExport.graph(Network.instantiate(delayed, 1).arrays(), delayed, 1, Map.of()).graph();
        assertEquals("Delay", g.nodes().get("input_delay").type());
        assertFalse(NirExport.graph(Network.instantiate(plain, 1).arrays(), plain, 1, Map.of()).graph().nodes().containsKey("input_delay"));
    }

    /** A graph with several input lines per channel names each row's line; a line of another channel, or rows and lines that disagree, are named. */
    @Test
    void inputLinesOfSeveralTapsThatDoNotFitTheirChannelAreNamed() throws Exception {
        NetworkSpec plain = plain();
        var in = plain.input();
        NetworkSpec tapped = plain.withInput(new org.hrsnn.model.InputSpec(2, new org.hrsnn.model.Encoding.Analog(20, 3),
                in.toExcitatory(), in.toInhibitory(), in.randomSign()));
        NirGraph g = NirExport.graph(Network.instantiate(tapped, 1).arrays(), tapped, 1, Map.of()).graph();
        NirGraph.Node taps = g.nodes().get("input_taps");
        long[] lines = ((NirGraph.Integers) taps.metadata().get("hrsnn_input_line")).data();
        assertEquals(3, ((NirGraph.Integers) taps.metadata().get("hrsnn_taps")).data()[0]);
        NirImport.read(g, "ok.nir"); // as exported: read

        long[] wrong = lines.clone();
        wrong[0] = (wrong[0] + 3) % 6; // a line of the other channel
        var e = assertThrows(NirFormatException.class, () -> NirImport.read(withTapsMeta(g, taps, wrong), "bad.nir"));
        assertTrue(e.getMessage().contains("bad.nir") && e.getMessage().contains("input_taps") && e.getMessage().contains("'hrsnn_input_line' at row 0"), e.getMessage());
        e = assertThrows(NirFormatException.class, () -> NirImport.read(withTapsMeta(g, taps, java.util.Arrays.copyOf(lines, lines.length - 1)), "short.nir"));
        assertTrue(e.getMessage().contains("one line per row"), e.getMessage());
    }

    static NirGraph withTapsMeta(NirGraph g, NirGraph.Node taps, long[] lines) {
        var nodes = new java.util.LinkedHashMap<>(g.nodes());
        var meta = new java.util.LinkedHashMap<>(taps.metadata());
        meta.put("hrsnn_input_line", new NirGraph.Integers(lines));
        nodes.put("input_taps", new NirGraph.Node(taps.type(), taps.params(), meta));
        return new NirGraph(nodes, g.edges(), g.metadata());
    }

    @Test
    void aFileThatIsNotHdf5IsRefusedNamingIt() throws Exception {
        Path f = dir.resolve("junk.nir");
        Files.write(f, new byte[] {1, 2, 3, 4, 5, 6, 7, 8, 9, 10});
        NirFormatException e = assertThrows(NirFormatException.class, () -> NirFile.read(f));
        assertTrue(e.getMessage().startsWith(f.toString()), e.getMessage());
        assertTrue(e.getMessage().contains("HDF5"), e.getMessage());
        NirFormatException missing = assertThrows(NirFormatException.class, () -> NirFile.read(dir.resolve("none.nir")));
        assertTrue(missing.getMessage().contains("no such file"), missing.getMessage());
    }

    /** The exported graph with one node replaced, written and read back. */
    private String importError(String node, Node replacement, boolean dropDt) throws Exception {
        NetworkSpec spec = plain();
        NirGraph g = NirExport.graph(Network.instantiate(spec, 1).arrays(), spec, 1, Map.of()).graph();
        Map<String, Node> nodes = new LinkedHashMap<>(g.nodes());
        if (node != null) nodes.put(node, replacement);
        Map<String, NirGraph.Value> meta = new LinkedHashMap<>(g.metadata());
        if (dropDt) meta.remove("dt");
        Path f = dir.resolve("bad.nir");
        NirFile.write(f, new NirGraph(nodes, g.edges(), meta));
        NirGraph back = NirFile.read(f);
        return assertThrows(NirFormatException.class, () -> NirImport.read(back, f.toString())).getMessage();
    }

    @Test
    void foreignOrCorruptNodesAreNamed() throws Exception {
        String m = importError("ee", new Node("Conv2d", Map.of("weight", Reals.matrix(new double[2][2])), Map.of()), false);
        assertTrue(m.contains("node 'ee'") && m.contains("Conv2d"), m);
        m = importError("E", new Node("LIF", Map.of("tau", Reals.filled(29, 10), "r", Reals.filled(30, 1), "v_leak", Reals.filled(30, -48),
                "v_threshold", Reals.filled(30, -50)), Map.of("population", new NirGraph.Text("excitatory"))), false);
        assertTrue(m.contains("node 'E'"), m);
        m = importError("ee", new Node("Linear", Map.of("weight", Reals.matrix(new double[30][29])), Map.of()), false);
        assertTrue(m.contains("node 'ee'") && m.contains("shape [30, 30]"), m);
        m = importError("delay_ee", new Node("Delay", Map.of("delay", Reals.filled(30, 0.05)), Map.of()), false);
        assertTrue(m.contains("node 'delay_ee'") && m.contains("whole number"), m);
        m = importError("syn_ee", new Node("LI", Map.of("tau", Reals.filled(30, 5), "r", Reals.filled(30, 1), "v_leak", Reals.filled(30, 0)), Map.of()), false);
        assertTrue(m.contains("node 'syn_ee'") && m.contains("'r' must equal 'tau'"), m);
        m = importError(null, null, true);
        assertTrue(m.contains("metadata 'dt'"), m);
    }
}
