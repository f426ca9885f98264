package org.hrsnn.task;

import org.hrsnn.model.ReferenceNetworks;
import org.hrsnn.score.ClassificationEvaluation;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.*;

class SpokenDigitsTest {
    /**
     * A small archive of the same layout as the full one: recordings/{3,7}_{jackson,theo}_{4,5}.wav
     * (src/test/resources/fsdd, with source and licence).
     */
    static final String SAMPLE = "/fsdd/fsdd-sample.tar.gz";
    /** The full archive (3,000 recordings) for the slow tests: where HRSNN_FSDD (or -Dhrsnn.fsdd) points. */
    static final String FULL_VARIABLE = "HRSNN_FSDD";

    static Path fullArchive() {
        String p = System.getProperty("hrsnn.fsdd", System.getenv(FULL_VARIABLE));
        Assumptions.assumeTrue(p != null && !p.isBlank(), "skipped: the full FSDD archive is not configured; set " + FULL_VARIABLE
                + "=/path/to/fsdd-recordings.tar.gz (or -Dhrsnn.fsdd=...) to run this test");
        Path archive = Path.of(p);
        Assumptions.assumeTrue(Files.isRegularFile(archive), "skipped: the full FSDD archive " + archive.toAbsolutePath() + " is missing");
        return archive;
    }

    @ParameterizedTest
    @ValueSource(doubles = {200, 440, 1000, 2500, 3500})
    void aPureToneLightsTheBandCentredNearest(double freq) {
        MelFrontEnd fe = MelFrontEnd.SPEECH_8K;
        double[] x = new double[8000];
        for (int i = 0; i < x.length; i++) x[i] = Math.sin(2 * Math.PI * freq * i / 8000);
        double[][] frames = fe.frames(x);
        assertEquals(1 + (8000 - 200) / 80, frames.length);
        double[] edges = fe.edges();
        int nearest = 0;
        for (int b = 1; b < fe.bands(); b++) if (Math.abs(edges[b + 1] - freq) < Math.abs(edges[nearest + 1] - freq)) nearest = b;
        double[] mid = frames[frames.length / 2];
        int loudest = 0;
        for (int b = 1; b < mid.length; b++) if (mid[b] > mid[loudest]) loudest = b;
        assertEquals(nearest, loudest, "tone at " + freq + " Hz");
    }

    @Test
    void theSampleArchiveSplitsByRecordingIndex() throws Exception {
        try (var in = SpokenDigitsTest.class.getResourceAsStream(SAMPLE)) {
            assertNotNull(in, "test resource " + SAMPLE);
            var split = SpokenDigits.read(SAMPLE, in, MelFrontEnd.SPEECH_8K);
            // index 0-4 is test, the rest train: 2 digits x 2 speakers, index 4 (test) and 5 (train)
            assertEquals(4, split.train().size());
            assertEquals(4, split.test().size());
            assertEquals(10, split.train().classes().size(), "the ten digits are the classes, whether present or not");
            assertArrayEquals(new int[] {3, 3, 7, 7}, split.train().labels(), "sorted by file name");
            assertArrayEquals(new int[] {3, 3, 7, 7}, split.test().labels());
            assertEquals(20, split.train().channels());
            for (double[][] frames : split.test().series()) {
                assertTrue(frames.length > 10, "a recording of a few hundred ms gives tens of 10 ms frames");
                for (double[] f : frames) {
                    assertEquals(20, f.length);
                    for (double v : f) assertTrue(Double.isFinite(v));
                }
            }
        }
    }

    @Test
    @Tag("slow")
    void theFullArchiveSplitsByRecordingIndex() throws Exception {
        Path archive = fullArchive();
        try (var in = Files.newInputStream(archive)) {
            var split = SpokenDigits.read(archive.toString(), in, MelFrontEnd.SPEECH_8K);
            assertEquals(2700, split.train().size());
            assertEquals(300, split.test().size());
            assertEquals(10, split.train().classes().size());
            int[] perDigit = new int[10];
            for (int y : split.test().labels()) perDigit[y]++;
            for (int c : perDigit) assertEquals(30, c, "6 speakers x 5 test recordings per digit");
            assertEquals(20, split.train().channels());
        }
    }

    @Test
    void aBadWavIsNamed() {
        var e = assertThrows(TsFormat.FormatException.class, () -> SpokenDigits.pcm("x.wav", new byte[] {1, 2, 3, 4}, 8000));
        assertTrue(e.getMessage().startsWith("x.wav"), e.getMessage());
    }

    @Test
    @Tag("slow")
    void theExampleNetworkRecognisesSpokenDigits() throws Exception {
        Path archive = fullArchive();
        try (var in = Files.newInputStream(archive)) {
            var split = SpokenDigits.read(archive.toString(), in, MelFrontEnd.SPEECH_8K);
            var r = ClassificationEvaluation.evaluate(ReferenceNetworks.heterogeneousExample(), 1, split.train(), split.test(),
                    ClassificationEvaluation.Settings.DEFAULT);
            assertTrue(r.accuracy() > 0.8, "accuracy " + r.accuracy()); // chance is 0.1
            assertTrue(r.baselineAccuracy() > 0.8, "baseline " + r.baselineAccuracy());
        }
    }
}
