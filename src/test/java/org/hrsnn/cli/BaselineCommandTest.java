package org.hrsnn.cli;

import org.hrsnn.baseline.BaselineRecord;
import org.hrsnn.cli.InProcess.Run;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.hrsnn.cli.InProcess.hrsnn;
import static org.junit.jupiter.api.Assertions.*;

class BaselineCommandTest {

    private static void badInput(String expected, String... args) {
        Run r = hrsnn(args);
        assertEquals(Main.BAD_INPUT, r.code(), r.err());
        assertTrue(r.err().contains(expected), r.err());
        assertEquals(1, r.err().strip().lines().count(), r.err());
    }

    @Test
    void badInputIsOneLineAndExitTwo() {
        badInput("--task must be memory-capacity, japanese-vowels", "baseline", "srnn", "--task", "nope");
        badInput("--hidden must be in 1..4096, got 0", "baseline", "srnn", "--task", "japanese-vowels", "--hidden", "0");
        badInput("--layers must be in 1..8, got 9", "baseline", "srnn", "--task", "japanese-vowels", "--layers", "9");
        badInput("--epochs must be in 1..10000, got 0", "baseline", "srnn", "--task", "japanese-vowels", "--epochs", "0");
        badInput("--batch must be >= 1, got -2", "baseline", "srnn", "--task", "japanese-vowels", "--batch", "-2");
        badInput("--lr must be > 0, got NaN", "baseline", "srnn", "--task", "japanese-vowels", "--lr", "NaN");
        badInput("--train-fraction must be in (0, 1], got 1.5", "baseline", "srnn", "--task", "japanese-vowels", "--train-fraction", "1.5");
        badInput("--train-fraction is for classification tasks", "baseline", "srnn", "--task", "narma10", "--train-fraction", "0.5");
        badInput("has no data to learn", "baseline", "srnn", "--task", "memory-capacity");
        badInput("--task fsdd needs --data FILE", "baseline", "srnn", "--task", "fsdd");
        badInput("no such file", "baseline", "srnn", "--task", "fsdd", "--data", "missing.tar.gz");
    }

    @Test
    void writesARecordThatReadsBack(@TempDir Path dir) throws Exception {
        Path out = dir.resolve("srnn.json");
        Run r = hrsnn("baseline", "srnn", "--task", "uea", "--dataset", "BasicMotions", "--hidden", "8", "--epochs", "1", "--json", "--out", out.toString());
        assertEquals(0, r.code(), r.err());
        BaselineRecord b = BaselineRecord.read(out);
        assertEquals("srnn", b.model());
        assertEquals("accuracy", b.metric());
        assertEquals(40, b.trainSamples());
        assertTrue(b.value() >= 0 && b.value() <= 1);
        assertTrue(b.json().has("baselineAccuracy"));
        assertEquals("BasicMotions", b.data().get("name").asText());
        // The identity a study of the same task and data records.
        var d = org.hrsnn.score.Tasks.load(org.hrsnn.score.Tasks.get("uea"), org.hrsnn.score.Tasks.Source.dataset("BasicMotions"), null);
        assertTrue(b.sameData("uea", d.identity()));
        assertFalse(b.sameData("japanese-vowels", d.identity()));
        Files.writeString(out, "{\"format\": \"hrsnn-baseline\", \"version\": 1, \"model\": \"srnn\"}");
        var e = assertThrows(java.io.IOException.class, () -> BaselineRecord.read(out));
        assertEquals(out + ": field 'task' is missing", e.getMessage());
    }
}
