package org.hrsnn.cli;

import org.hrsnn.cli.InProcess.Run;
import org.hrsnn.export.DesignFiles;
import org.hrsnn.model.Distribution;
import org.hrsnn.model.NetworkSpec;
import org.hrsnn.model.Population;
import org.hrsnn.model.ReferenceNetworks;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.hrsnn.cli.InProcess.hrsnn;
import static org.junit.jupiter.api.Assertions.*;

class NirCommandTest {
    @TempDir Path dir;

    @Test
    void exportThenImportGivesBackTheDesign() throws Exception {
        NetworkSpec s = ReferenceNetworks.heterogeneousExample();
        NetworkSpec small = new NetworkSpec(new Population(40, s.excitatory().neuron()), new Population(10, s.inhibitory().neuron()),
                s.recurrent(), s.input(), s.stdp(), s.dt());
        Path design = dir.resolve("d.json"), nir = dir.resolve("d.nir"), back = dir.resolve("back.json");
        DesignFiles.write(design, small, 11L);
        Run r = hrsnn("export", "nir", "--design", design.toString(), "--out", nir.toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(Files.size(nir) > 0);
        Run i = hrsnn("import", "nir", nir.toString(), "--out", back.toString());
        assertEquals(0, i.code(), i.err());
        DesignFiles.Design d = DesignFiles.read(back);
        assertEquals(small.withInput(small.input()), d.network());
        assertEquals(11L, d.seed());
    }

    @Test
    void badFilesAndOptionsAreBadInput() throws Exception {
        Path junk = dir.resolve("junk.nir");
        Files.writeString(junk, "not hdf5");
        Run r = hrsnn("import", "nir", junk.toString());
        assertEquals(Main.BAD_INPUT, r.code());
        assertTrue(r.err().contains(junk.toString()) && r.err().lines().count() == 1, r.err());
        r = hrsnn("export", "nir", "--reference", "heterogeneous", "--task", "nope", "--out", dir.resolve("x.nir").toString());
        assertEquals(Main.BAD_INPUT, r.code());
        assertFalse(Files.exists(dir.resolve("x.nir")));
    }
}
