package org.hrsnn.cli;

import org.hrsnn.cli.InProcess.Run;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;

import static org.hrsnn.cli.InProcess.hrsnn;
import static org.junit.jupiter.api.Assertions.*;

class EvaluateCommandTest {

    @Test
    void theShippedUeaProblemsAreNamedAndChecked() {
        Run r = hrsnn("evaluate", "--task", "uea", "--dataset", "Nope");
        assertEquals(Main.BAD_INPUT, r.code());
        assertTrue(r.err().contains("--dataset must be one of JapaneseVowels, GunPoint, BasicMotions, got 'Nope'"), r.err());
        r = hrsnn("evaluate", "--task", "uea", "--dataset", "GunPoint", "--train", "x.ts");
        assertEquals(Main.BAD_INPUT, r.code());
        assertTrue(r.err().contains("not both"), r.err());
        r = hrsnn("evaluate", "--task", "uea");
        assertEquals(Main.BAD_INPUT, r.code());
        assertTrue(r.err().contains("--dataset NAME, or --train FILE and --test FILE"), r.err());
    }

    @Test
    void aBadProtocolFileIsOneLineNamingTheField(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
        java.nio.file.Path p = java.nio.file.Files.writeString(dir.resolve("p.json"), "{\"states\": \"voltage\", \"holdMs\": -1}");
        Run r = hrsnn("evaluate", "--protocol", p.toString());
        assertEquals(Main.BAD_INPUT, r.code());
        assertTrue(r.err().contains("--protocol " + p + ": holdMs must be > 0, got -1.0"), r.err());
        assertEquals(1, r.err().strip().lines().count(), r.err());
    }

    @Test
    void trainFractionIsCheckedAndForClassificationOnly() {
        Run r = hrsnn("evaluate", "--task", "japanese-vowels", "--train-fraction", "0");
        assertEquals(Main.BAD_INPUT, r.code());
        assertTrue(r.err().contains("--train-fraction must be in (0, 1], got 0.0"), r.err());
        r = hrsnn("evaluate", "--task", "narma10", "--train-fraction", "0.5");
        assertEquals(Main.BAD_INPUT, r.code());
        assertTrue(r.err().contains("--train-fraction is for classification tasks"), r.err());
        assertEquals(1, r.err().strip().lines().count(), r.err());
    }
}
