package org.hrsnn.nir;

import org.hrsnn.model.NetworkSpec;
import org.hrsnn.model.Noise;
import org.hrsnn.model.ReferenceNetworks;
import org.hrsnn.score.MemoryProtocol;
import org.hrsnn.score.TrialEvaluator;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.*;

/**
 * The independent check (bench/nir_check.py: h5py for the file, numpy for the simulation) on an exported,
 * STDP-trained network with refractory periods, adaptation and noise (switched off for the comparison).
 * Runs when python3 with h5py and numpy is present (Debian: python3-h5py), and is skipped with a message
 * otherwise.
 */
class NirCheckScriptTest {
    @TempDir Path dir;

    static String python() {
        for (String p : List.of("/usr/bin/python3", "python3")) {
            try {
                Process pr = new ProcessBuilder(p, "-c", "import h5py, numpy").redirectErrorStream(true).start();
                if (pr.waitFor(60, TimeUnit.SECONDS) && pr.exitValue() == 0) return p;
            } catch (IOException | InterruptedException e) {
                // try the next
            }
        }
        return null;
    }

    /** The check script, or the test skipped with a message saying what is missing. */
    static Path script(String py) {
        Assumptions.assumeTrue(py != null, "skipped: no python3 with h5py and numpy (Debian: apt-get install python3-h5py) for bench/nir_check.py");
        Path script = Path.of("bench/nir_check.py").toAbsolutePath();
        Assumptions.assumeTrue(Files.exists(script), "skipped: bench/nir_check.py not found from " + Path.of("").toAbsolutePath());
        return script;
    }

    @Test
    void numpySimulationOfTheFileAgreesWithHrsnn() throws Exception {
        String py = python();
        Path script = script(py);
        NetworkSpec spec = NirRoundTripTest.small(ReferenceNetworks.heterogeneousExample(), 80, 20).withNoise(new Noise.Gaussian(1), new Noise.Gaussian(1));
        MemoryProtocol p = new MemoryProtocol(100, 10, 200, 0.65, 5, 10, MemoryProtocol.DEFAULT.states(), 0);
        var r = NirExports.export(spec, 5, new TrialEvaluator("memory-capacity"), p, Map.of());
        Path nir = dir.resolve("net.nir"), check = dir.resolve("net.check.h5");
        NirFile.write(nir, r.exported().graph());
        var c = NirExports.writeCheckData(check, r.network(), 5, p);
        assertTrue(java.util.Arrays.stream(c.counts()).sum() > 1000, "a network that hardly spikes checks little");

        Process pr = new ProcessBuilder(py, script.toString(), nir.toString(), check.toString(), "--dt", "0.2").redirectErrorStream(true).start();
        String out = new String(pr.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(pr.waitFor(300, TimeUnit.SECONDS), "the check did not finish");
        assertEquals(0, pr.exitValue(), out);
        assertTrue(out.contains("layout OK") && out.contains("agreement: OK"), out);
        assertTrue(out.contains("identical for 100.0% of neurons") || out.contains("same step: needs"), out);

        // The check can fail: a weight changed in the file no longer matches hrsnn's counts.
        NirGraph g = r.exported().graph();
        var nodes = new java.util.LinkedHashMap<>(g.nodes());
        NirGraph.Reals w = (NirGraph.Reals) nodes.get("ie").params().get("weight");
        double[] scaled = w.data().clone();
        for (int k = 0; k < scaled.length; k++) scaled[k] *= 0.5;
        nodes.put("ie", new NirGraph.Node("Linear", Map.of("weight", new NirGraph.Reals(w.shape(), scaled)), Map.of()));
        Path wrong = dir.resolve("wrong.nir");
        NirFile.write(wrong, new NirGraph(nodes, g.edges(), g.metadata()));
        Process bad = new ProcessBuilder(py, script.toString(), wrong.toString(), check.toString(), "--dt", spec.dt() + "").redirectErrorStream(true).start();
        String badOut = new String(bad.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(bad.waitFor(300, TimeUnit.SECONDS));
        assertEquals(1, bad.exitValue(), badOut);
        assertTrue(badOut.contains("agreement: FAIL"), badOut);
    }

    /** Per-synapse input delays, with one input line per channel or with several (taps: several synapses per channel and neuron). */
    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(ints = {1, 4})
    void withPerSynapseInputDelaysTheGraphAgreesNeuronForNeuronAtBothSteps(int taps) throws Exception {
        String py = python();
        Path script = script(py);
        // Built at 0.25 ms (the shipped template's step), so the graph is checked at that step and at 0.1 ms.
        NetworkSpec base = NirRoundTripTest.small(ReferenceNetworks.heterogeneousExample(), 80, 20).withDt(0.25);
        var in = base.input();
        NetworkSpec spec = base.withInput(new org.hrsnn.model.InputSpec(1, new org.hrsnn.model.Encoding.Analog(30, taps), in.toExcitatory(), in.toInhibitory(), in.randomSign()));
        MemoryProtocol p = new MemoryProtocol(100, 10, 200, 0.65, 5, 10, MemoryProtocol.DEFAULT.states(), 0);
        var r = NirExports.export(spec, 5, new TrialEvaluator("memory-capacity"), p, Map.of());
        assertTrue(r.exported().graph().nodes().containsKey("input_delay"));
        Path nir = dir.resolve("delayed.nir"), check = dir.resolve("delayed.check.h5");
        NirFile.write(nir, r.exported().graph());
        var c = NirExports.writeCheckData(check, r.network(), 5, p, NirExports.OTHER_DT);
        assertNotNull(c.otherCounts(), c.otherProblem());
        assertTrue(java.util.Arrays.stream(c.otherCounts()).sum() > 1000, "a network that hardly spikes checks little");

        Process pr = new ProcessBuilder(py, script.toString(), nir.toString(), check.toString(), "--dt", "0.1").redirectErrorStream(true).start();
        String out = new String(pr.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(pr.waitFor(300, TimeUnit.SECONDS), "the check did not finish");
        assertEquals(0, pr.exitValue(), out);
        // Both steps are checked against hrsnn at that step, each neuron for neuron.
        assertEquals(2, out.split("same step: needs", -1).length - 1, out);
        assertTrue(out.contains("agreement: OK"), out);
    }
}
