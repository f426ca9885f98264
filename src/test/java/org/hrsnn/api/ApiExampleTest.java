package org.hrsnn.api;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.*;

/** docs/examples/BraninExample.java runs as the docs say (java's source-file mode) and prints what it should. */
class ApiExampleTest {
    @TempDir
    Path dir;

    @Test
    void theExampleInTheDocsRuns() throws Exception {
        Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp", System.getProperty("java.class.path"),
                "docs/examples/BraninExample.java", dir.resolve("branin.db").toString()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        assertEquals(0, p.waitFor(), out);
        assertTrue(out.contains("trial 0 by hand: x = {x0=3.0, x1=3.0}, value "), out);
        Matcher m = Pattern.compile("30 trials; best: trial \\d+, x0 = (\\S+), x1 = (\\S+), value (\\S+) \\(minimum 0.397887\\)").matcher(out);
        assertTrue(m.find(), out);
        double x0 = Double.parseDouble(m.group(1)), x1 = Double.parseDouble(m.group(2)), v = Double.parseDouble(m.group(3));
        assertEquals(StudyApiTest.branin(x0, x1), v, 1e-3, "the best value is Branin's at the best point printed");
        // two workers: timing decides which trials are pending at each proposal, so only a loose bound (the minimum is
        // 0.398; Branin's median over the domain is about 25)
        assertTrue(v < 1.0, out);
    }
}
