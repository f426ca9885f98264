package org.hrsnn.cli;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.*;

class WorkProgressTest {

    @Test
    void theLineGivesShareCountsAndALinearEta() {
        assertEquals("task stage: 40% (1,120 of 2,800 samples), 36 s, ETA 54 s", WorkProgress.line("task stage", "samples", 1120, 2800, 36));
        assertEquals("runs: 100% (5 of 5 runs), 2.0 min", WorkProgress.line("runs", "runs", 5, 5, 120));
    }

    @Test
    void shortWorkPrintsNothing() {
        var buffer = new ByteArrayOutputStream();
        try (WorkProgress p = WorkProgress.lines("x", "samples", new PrintStream(buffer, true, StandardCharsets.UTF_8))) {
            for (int i = 1; i <= 100; i++) p.at(i, 100);
        }
        assertEquals("", buffer.toString(StandardCharsets.UTF_8));
    }
}
