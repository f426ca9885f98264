package org.hrsnn.task;

import org.hrsnn.model.ReferenceNetworks;
import org.hrsnn.score.ClassificationEvaluation;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.*;

class SpokenDigitsTest {
    static final Path ARCHIVE = Path.of("..", "shared", "data", "fsdd", "fsdd-recordings.tar.gz");

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
    void theArchiveSplitsByRecordingIndex() throws Exception {
        try (var in = Files.newInputStream(ARCHIVE)) {
            var split = SpokenDigits.read(ARCHIVE.toString(), in, MelFrontEnd.SPEECH_8K);
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
        try (var in = Files.newInputStream(ARCHIVE)) {
            var split = SpokenDigits.read(ARCHIVE.toString(), in, MelFrontEnd.SPEECH_8K);
            var r = ClassificationEvaluation.evaluate(ReferenceNetworks.heterogeneousExample(), 1, split.train(), split.test(),
                    ClassificationEvaluation.Settings.DEFAULT);
            assertTrue(r.accuracy() > 0.8, "accuracy " + r.accuracy()); // chance is 0.1
            assertTrue(r.baselineAccuracy() > 0.8, "baseline " + r.baselineAccuracy());
        }
    }
}
