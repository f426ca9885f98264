package org.hrsnn.export;

import com.fasterxml.jackson.databind.JsonNode;
import org.hrsnn.model.Distribution;
import org.hrsnn.model.NetworkSpec;
import org.hrsnn.model.Noise;
import org.hrsnn.model.Population;
import org.hrsnn.model.ReferenceNetworks;
import org.hrsnn.sim.Network;
import org.hrsnn.sim.SpikeRaster;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.*;

class DesignFilesTest {
    @TempDir
    Path dir;

    @Test
    void roundTripRebuildsTheSameNetwork() throws Exception {
        NetworkSpec spec = ReferenceNetworks.heterogeneousExample();
        Path f = dir.resolve("d.json");
        DesignFiles.write(f, spec, 77L);
        DesignFiles.Design back = DesignFiles.read(f);
        assertEquals(spec, back.network());
        assertEquals(77L, back.seed());
        SpikeRaster a = SpikeRaster.all(), b = SpikeRaster.all();
        Network.instantiate(spec, 77).run(3000, a);
        Network.instantiate(back.network(), back.seed()).run(3000, b);
        assertArrayEquals(a.neurons(), b.neurons());
        try (var s = Files.list(dir)) {
            assertEquals(1, s.count(), "no temporary file left behind");
        }
    }

    private String error(String json) throws Exception {
        Path f = dir.resolve("bad.json");
        Files.writeString(f, json);
        return assertThrows(DesignFormatException.class, () -> DesignFiles.read(f)).getMessage();
    }

    private String valid() throws Exception {
        return DesignFiles.mapper().writeValueAsString(DesignFiles.toJson(ReferenceNetworks.heterogeneousExample(), 1L));
    }

    @Test
    void badValuesNameFileAndField() throws Exception {
        String m = error(valid().replaceFirst("\"shape\" : 3.0", "\"shape\" : -3.0"));
        assertTrue(m.contains("bad.json") && m.contains("network.excitatory.neuron.tauMembrane.shape") && m.contains("> 0"), m);
        m = error(valid().replaceFirst("\"probability\" : 0.1", "\"probability\" : 1.5"));
        assertTrue(m.contains("network.recurrent.ee.probability") && m.contains("[0, 1]"), m);
        m = error(valid().replaceFirst("\"dt\" : 0.1", "\"dt\" : 5"));
        assertTrue(m.contains("network.recurrent.ee.delay"), m);
    }

    @Test
    void unknownMissingAndMalformed() throws Exception {
        String m = error(valid().replaceFirst("\"bias\" : 12.0", "\"bais\" : 12.0"));
        assertTrue(m.contains("network.excitatory.neuron") && (m.contains("bais") || m.contains("bias")), m);
        m = error(valid().replaceFirst("\"type\" : \"gamma\"", "\"type\" : \"weibull\""));
        assertTrue(m.contains("network.excitatory.neuron.tauMembrane"), m);
        m = error("{\"format\": \"hrsnn-design\", \"version\": 1, \"network\": {");
        assertTrue(m.contains("not valid JSON at line 1"), m);
        m = error("{\"format\": \"hrsnn-design\", \"version\": 9, \"network\": {}}");
        assertTrue(m.contains("'version'"), m);
    }

    /** The heterogeneous example with Gaussian noise on E and Poisson noise on I. */
    static NetworkSpec noisy() {
        NetworkSpec h = ReferenceNetworks.heterogeneousExample();
        return new NetworkSpec(new Population(h.excitatory().size(), h.excitatory().neuron().withNoise(new Noise.Gaussian(2))),
                new Population(h.inhibitory().size(), h.inhibitory().neuron().withNoise(new Noise.Poisson(1000, 0.2))),
                h.recurrent(), h.input(), h.stdp(), h.dt());
    }

    @Test
    void writesVersion2WithTheNoiseOfEachPopulation() throws Exception {
        JsonNode plain = DesignFiles.toJson(ReferenceNetworks.heterogeneousExample(), 1L);
        assertEquals(2, plain.path("version").asInt());
        assertEquals("{\"type\":\"none\"}", plain.at("/network/excitatory/neuron/noise").toString());
        assertEquals("{\"type\":\"none\"}", plain.at("/network/inhibitory/neuron/noise").toString());
        JsonNode noisy = DesignFiles.toJson(noisy(), 1L);
        assertEquals("{\"type\":\"gaussian\",\"sigma\":2.0}", noisy.at("/network/excitatory/neuron/noise").toString());
        assertEquals("{\"type\":\"poisson\",\"rate\":1000.0,\"weight\":0.2}", noisy.at("/network/inhibitory/neuron/noise").toString());
    }

    @Test
    void noiseRoundTripsAndRebuildsTheSameNetwork() throws Exception {
        NetworkSpec spec = noisy();
        Path f = dir.resolve("noisy.json");
        DesignFiles.write(f, spec, 5L);
        DesignFiles.Design back = DesignFiles.read(f);
        assertEquals(spec, back.network());
        SpikeRaster a = SpikeRaster.all(), b = SpikeRaster.all();
        Network.instantiate(spec, 5).run(2000, a);
        Network.instantiate(back.network(), back.seed()).run(2000, b);
        assertTrue(a.neurons().length > 0);
        assertArrayEquals(a.neurons(), b.neurons());
        assertArrayEquals(a.steps(), b.steps());
    }

    /** Input taps round-trip and rebuild the same network; a file without them (written before) reads as one tap; a bad count names its field. */
    @Test
    void inputTapsRoundTripAndDefaultToOne() throws Exception {
        NetworkSpec base = ReferenceNetworks.heterogeneousExample();
        var in = base.input();
        NetworkSpec spec = base.withInput(new org.hrsnn.model.InputSpec(in.channels(), new org.hrsnn.model.Encoding.Analog(30, 3), in.toExcitatory(),
                in.toInhibitory(), in.randomSign()));
        Path f = dir.resolve("taps.json");
        DesignFiles.write(f, spec, 9L);
        assertTrue(Files.readString(f).contains("\"taps\" : 3"), Files.readString(f));
        DesignFiles.Design back = DesignFiles.read(f);
        assertEquals(spec, back.network());
        SpikeRaster a = SpikeRaster.all(), b = SpikeRaster.all();
        double[][] u = new double[2000][1];
        for (int t = 0; t < u.length; t++) u[t][0] = (t / 100) % 2;
        Network.instantiate(spec, 9).run(new org.hrsnn.sim.Stimulus(u, 1), a);
        Network.instantiate(back.network(), back.seed()).run(new org.hrsnn.sim.Stimulus(u, 1), b);
        assertTrue(a.neurons().length > 0);
        assertArrayEquals(a.neurons(), b.neurons());
        Files.writeString(f, Files.readString(f).replace("\"taps\" : 3", "\"taps\" : 0"));
        String m = assertThrows(DesignFormatException.class, () -> DesignFiles.read(f)).getMessage();
        assertTrue(m.contains("network.input.encoding.taps") && m.contains("from 1 to"), m);
        Files.writeString(f, Files.readString(f).replaceAll(",\\s*\"taps\" : 0", ""));
        assertFalse(Files.readString(f).contains("taps"));
        assertEquals(1, ((org.hrsnn.model.Encoding.Analog) DesignFiles.read(f).network().input().encoding()).taps());
    }

    private Path fixture(String name) throws Exception {
        Path f = dir.resolve(name);
        try (InputStream in = getClass().getResourceAsStream("/fixtures/" + name)) {
            Files.copy(in, f);
        }
        return f;
    }

    @Test
    void version1FilesReadWithoutNoise() throws Exception {
        // The shipped example as written by version 1 (before noise): the same design as today's, noise-free.
        DesignFiles.Design d = DesignFiles.read(fixture("design-v1-heterogeneous.json"));
        assertEquals(ReferenceNetworks.heterogeneousExample(), d.network());
        assertEquals(1L, d.seed());
        // A version-1 study export, with metrics and provenance: the design its recorded parameters map to.
        Path f = fixture("design-v1-trial-0019.json");
        DesignFiles.Design t = DesignFiles.read(f);
        assertEquals(Noise.NONE, t.network().excitatory().neuron().noise());
        assertEquals(Noise.NONE, t.network().inhibitory().neuron().noise());
        assertEquals(160, t.network().excitatory().size());
        assertEquals(Distribution.gamma(20.428485599091232, 17.875970873449916), t.network().excitatory().neuron().tauMembrane());
        assertEquals(4401074682058898421L, t.seed());
    }

    @Test
    void version1WithNoiseAndVersion2WithoutAreErrors() throws Exception {
        String v1 = Files.readString(fixture("design-v1-heterogeneous.json"));
        String m = error(v1.replaceFirst("\"bias\" : 12.0", "\"bias\" : 12.0, \"noise\" : {\"type\" : \"none\"}"));
        assertTrue(m.contains("bad.json") && m.contains("network.excitatory.neuron.noise") && m.contains("version 2"), m);
        m = error(valid().replaceFirst(",\\s*\"noise\" : \\{\\s*\"type\" : \"none\"\\s*}", ""));
        assertTrue(m.contains("network.excitatory.neuron") && m.contains("noise"), m);
    }

    @Test
    void badNoiseNamesItsField() throws Exception {
        String m = error(DesignFiles.mapper().writeValueAsString(DesignFiles.toJson(noisy(), 1L)).replace("\"sigma\" : 2.0", "\"sigma\" : -2.0"));
        assertTrue(m.contains("network.excitatory.neuron.noise.sigma") && m.contains(">= 0"), m);
        m = error(DesignFiles.mapper().writeValueAsString(DesignFiles.toJson(noisy(), 1L)).replace("\"rate\" : 1000.0", "\"rate\" : -1"));
        assertTrue(m.contains("network.inhibitory.neuron.noise.rate") && m.contains(">= 0"), m);
        m = error(valid().replaceFirst("\"type\" : \"none\"", "\"type\" : \"pink\""));
        assertTrue(m.contains("network.excitatory.neuron.noise"), m);
    }

    @Test
    void unknownTopLevelKeysAreErrors() throws Exception {
        String m = error(valid().replaceFirst("\"seed\" : 1", "\"sed\" : 5"));
        assertTrue(m.contains("bad.json") && m.contains("'sed'") && m.contains("unknown field"), m);
        String v1 = Files.readString(fixture("design-v1-heterogeneous.json"));
        m = error(v1.replaceFirst("\"seed\" : 1", "\"seed\" : 1, \"comment\" : \"hand-tuned\""));
        assertTrue(m.contains("'comment'"), m);
    }
}
