package org.hrsnn.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.hrsnn.cli.InProcess.hrsnn;
import static org.junit.jupiter.api.Assertions.*;

/** Huge inputs are refused by their size before they are parsed (a 10 MB description took 44 s to reject). */
class HugeInputTest {
    @TempDir
    Path dir;

    @Test
    void aTenMegabyteDescriptionIsRefusedByTheFileSize() throws Exception {
        Path f = dir.resolve("huge.yaml");
        Files.writeString(f, "format: hrsnn-search-space\nversion: 2\ndescription: " + "x".repeat(10_000_000) + "\nparameters: []\n");
        InProcess.Run r = hrsnn("space", "check", f.toString());
        assertEquals(2, r.code());
        assertEquals(String.format("error: %s: is %,d bytes; files of this kind may have at most 1,048,576", f, Files.size(f)), r.err().strip());
    }

    @Test
    void aLongDescriptionUnderTheFileLimitIsRefusedByItsLength() throws Exception {
        Path f = dir.resolve("long.yaml");
        Files.writeString(f, "format: hrsnn-search-space\nversion: 2\ntemplate: t.json\nparameters:\n  - {name: a, type: float, low: 0, high: 1, description: "
                + "y".repeat(20_000) + "}\n");
        InProcess.Run r = hrsnn("space", "check", f.toString());
        assertEquals(2, r.code());
        assertEquals("error: " + f + ": parameter 'a', field 'description': longer than 10,000 characters", r.err().strip());
    }
}
