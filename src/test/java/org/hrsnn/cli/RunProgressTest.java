package org.hrsnn.cli;

import org.hrsnn.study.StudyRunner;
import org.hrsnn.study.Trial;
import org.junit.jupiter.api.Test;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.*;

/** The live bar of study run, and the plain lines when the output is not a terminal. */
class RunProgressTest {
    static Trial complete(int n, double e) {
        return new Trial(n, Trial.State.COMPLETE, Map.of(), new double[0], n, Map.of("e", e), null, null, 1, null);
    }

    static String drive(boolean live) {
        StringWriter s = new StringWriter();
        List<Trial> all = new ArrayList<>(List.of(complete(0, 5.0), new Trial(1, Trial.State.RUNNING, Map.of(), new double[0], 1, Map.of(), null, "x", 0, null)));
        try (RunProgress p = RunProgress.of(new PrintWriter(s), live, "demo", 0, 4)) {
            p.finished(all.get(0), all, 4, new StudyRunner.Pace(1, 10, 2));
            all.set(1, complete(1, 3.0));
            p.finished(all.get(1), all, 4, new StudyRunner.Pace(2, 20, 2));
        }
        return s.toString();
    }

    @Test
    void plainLinesCarryTheEtaOfTwoWorkers() {
        String out = drive(false);
        assertFalse(out.contains("\r"), out);
        assertEquals(2, out.lines().count(), out);
        // 2 finished in 20 s by 2 workers: 10 s of wall time per trial, 20 s per trial of one worker, 2 left: 20 s
        assertTrue(out.lines().toList().get(1).startsWith("[2/4] trial 1 complete E=3.000 | best E 3.000 (trial 1) | 20.0 s/trial (2 workers: 10.0 s of wall time per trial), ETA 20 s"), out);
    }

    @Test
    void theBarIsRedrawnInPlaceUnderTheLines() {
        String out = drive(true);
        assertTrue(out.contains("\r\033[K[1/4] trial 0 complete"), out);
        assertTrue(out.contains("\r\033[K[2/4] trial 1 complete"), out);
        String last = out.substring(out.lastIndexOf('\r') + 1);
        assertTrue(last.matches("(?s)demo +50% .* 2/4 trials .*best E 3\\.000 \\(trial 1\\)\\s*"), last);
    }
}
