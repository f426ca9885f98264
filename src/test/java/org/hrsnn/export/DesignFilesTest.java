package org.hrsnn.export;

import org.hrsnn.model.NetworkSpec;
import org.hrsnn.model.ReferenceNetworks;
import org.hrsnn.sim.Network;
import org.hrsnn.sim.SpikeRaster;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

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
}
