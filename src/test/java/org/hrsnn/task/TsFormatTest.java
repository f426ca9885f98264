package org.hrsnn.task;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

import org.junit.jupiter.api.io.TempDir;

import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

class TsFormatTest {
    /** The shipped UEA/UCR splits (src/main/resources/datasets), read through the same parser as a user's file. */
    @ParameterizedTest
    @CsvSource({"JapaneseVowels_TRAIN, 270, 12, 9, 7, 26", "JapaneseVowels_TEST, 370, 12, 9, 7, 29",
            "BasicMotions_TRAIN, 40, 6, 4, 100, 100", "BasicMotions_TEST, 40, 6, 4, 100, 100",
            "GunPoint_TRAIN, 50, 1, 2, 150, 150", "GunPoint_TEST, 150, 1, 2, 150, 150"})
    void realFilesHaveTheDocumentedShape(String file, int samples, int channels, int classes, int minLength, int maxLength) throws Exception {
        LabelledSeries d = ShippedData.series(file);
        assertEquals(samples, d.size());
        assertEquals(channels, d.channels());
        assertEquals(classes, d.classes().size());
        int lo = d.series().stream().mapToInt(s -> s.length).min().orElseThrow();
        int hi = d.series().stream().mapToInt(s -> s.length).max().orElseThrow();
        assertEquals(minLength, lo);
        assertEquals(maxLength, hi);
        for (double[][] s : d.series()) for (double[] row : s) assertEquals(channels, row.length);
        long present = java.util.Arrays.stream(d.labels()).distinct().count();
        assertEquals(classes, present, "every class occurs");
    }

    @Test
    void valuesAreParsedInChannelOrder() throws Exception {
        String text = "@problemName T\n@dimensions 2\n@classLabel true a b\n@data\n1,2,3:4,5,6:b\n7,8:9,10:a\n";
        LabelledSeries d = TsFormat.parse("t.ts", new StringReader(text));
        assertArrayEquals(new double[] {1, 4}, d.series().get(0)[0]);
        assertArrayEquals(new double[] {3, 6}, d.series().get(0)[2]);
        assertEquals(1, d.label(0));
        assertEquals(0, d.label(1));
        assertEquals(2, d.series().get(1).length);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "1,2:3,4:a|t.ts:5: has 2 channel(s), the header says 1",
            "1,x:a|t.ts:5: 'x' in channel 1 at position 2 is not a number",
            "1,2:c|t.ts:5: class label 'c' is not one of [a, b]",
            "1,?:a|t.ts:5: missing value",
            "1,2|t.ts:5: a sample needs values and a class label"})
    void malformedLinesAreNamed(String sample, String expected) {
        String text = "@problemName T\n@univariate true\n@classLabel true a b\n@data\n" + sample + "\n";
        var e = assertThrows(TsFormat.FormatException.class, () -> TsFormat.parse("t.ts", new StringReader(text)));
        assertTrue(e.getMessage().startsWith(expected), e.getMessage());
    }

    /** Writes {@code text} to a file in a temporary folder and parses it from there, as a user's file is. */
    static LabelledSeries parseFile(Path dir, String name, String text) throws Exception {
        Path f = dir.resolve(name);
        Files.writeString(f, text);
        try (var r = Files.newBufferedReader(f)) {
            return TsFormat.parse(f.toString(), r);
        }
    }

    static TsFormat.FormatException failure(Path dir, String name, String text) {
        Path f = dir.resolve(name);
        return assertThrows(TsFormat.FormatException.class, () -> parseFile(dir, name, text), "expected " + f + " to be refused");
    }

    @Test
    void percentCommentLinesAreAcceptedInTheHeaderAndBeforeTheData(@TempDir Path dir) throws Exception {
        String text = "% Converted from the UCR archive\n%\n@problemName T\n% a comment between header lines\n@univariate true\n"
                + "# a hash comment\n@classLabel true a b\n%\n@data\n% a comment before the data\n1,2,3:a\n%\n4,5,6:b\n";
        LabelledSeries d = parseFile(dir, "comments.ts", text);
        assertEquals("T", d.name());
        assertEquals(2, d.size());
        assertArrayEquals(new double[] {3}, d.series().get(0)[2]);
        assertEquals(1, d.label(1));
    }

    @Test
    void missingValuesAreInterpolatedAlongTimeWithinTheirChannel(@TempDir Path dir) throws Exception {
        String text = "@problemName T\n@dimensions 2\n@missing true\n@classLabel true a b\n@data\n"
                + "?,2,?,?,8,?:1,NaN,3,4,5,6:a\n"
                + "5,?:?,7:b\n";
        LabelledSeries d = parseFile(dir, "missing.ts", text);
        double[][] s = d.series().get(0);
        double[] first = new double[s.length], second = new double[s.length];
        for (int t = 0; t < s.length; t++) { first[t] = s[t][0]; second[t] = s[t][1]; }
        // linear between known values, the nearest known value before the first and after the last
        assertArrayEquals(new double[] {2, 2, 4, 6, 8, 8}, first, 1e-12);
        assertArrayEquals(new double[] {1, 2, 3, 4, 5, 6}, second, 1e-12);
        assertArrayEquals(new double[] {5, 7}, d.series().get(1)[0], 1e-12);
        assertArrayEquals(new double[] {5, 7}, d.series().get(1)[1], 1e-12);
        for (double[][] x : d.series()) for (double[] row : x) for (double v : row) assertTrue(Double.isFinite(v));
    }

    @Test
    void aChannelWithNoValueAtAllIsAnErrorNamingFileAndLine(@TempDir Path dir) {
        String text = "@problemName T\n@dimensions 2\n@missing true\n@classLabel true a b\n@data\n1,2,3:4,5,6:a\n1,2:?,?:b\n";
        var e = failure(dir, "gap.ts", text);
        assertEquals(dir.resolve("gap.ts") + ":7: channel 2 has no values (all missing), so it cannot be imputed", e.getMessage());
    }

    @Test
    void missingValuesNeedTheHeaderToSaySo(@TempDir Path dir) {
        var e = failure(dir, "m.ts", "@problemName T\n@missing false\n@classLabel true a b\n@data\n1,?:a\n");
        assertTrue(e.getMessage().startsWith(dir.resolve("m.ts") + ":5: missing value in channel 1 at position 2"), e.getMessage());
    }

    @Test
    void infiniteValuesAreRefused(@TempDir Path dir) {
        var e = failure(dir, "inf.ts", "@problemName T\n@classLabel true a b\n@data\n1,Infinity:a\n");
        assertEquals(dir.resolve("inf.ts") + ":4: 'Infinity' in channel 1 at position 2 is not a finite number", e.getMessage());
    }

    @Test
    void noNonFiniteValueCanReachAReadout() {
        List<double[][]> bad = List.of(new double[][][] {{{1, 2}, {Double.NaN, 4}}});
        var e = assertThrows(IllegalArgumentException.class, () -> new LabelledSeries("X", bad, new int[] {0}, List.of("a"), 2));
        assertEquals("X: sample 1 has a non-finite value (NaN) at time 2, channel 1", e.getMessage());
        List<double[][]> ragged = List.of(new double[][][] {{{1, 2}, {3}}});
        assertThrows(IllegalArgumentException.class, () -> new LabelledSeries("X", ragged, new int[] {0}, List.of("a"), 2));
    }

    @Test
    void regressionFilesAreRefusedClearly(@TempDir Path dir) {
        var e = failure(dir, "reg.ts", "% a regression problem\n@problemName R\n@dimensions 1\n@targetLabel true\n@data\n1,2,3:0.5\n");
        assertEquals(dir.resolve("reg.ts") + ":4: regression .ts files are not supported (file " + dir.resolve("reg.ts")
                + ", line 4: @targetLabel true); hrsnn classifies, with @classLabel true <labels>", e.getMessage());
        // also when the file says so on its @classLabel line first
        e = failure(dir, "reg2.ts", "@problemName R\n@classLabel false\n@targetLabel true\n@data\n1,2,3:0.5\n");
        assertTrue(e.getMessage().startsWith(dir.resolve("reg2.ts") + ":3: regression .ts files are not supported"), e.getMessage());
        e = failure(dir, "none.ts", "@problemName R\n@classLabel false\n@data\n1,2,3:0.5\n");
        assertTrue(e.getMessage().startsWith(dir.resolve("none.ts") + ":3: no class labels"), e.getMessage());
    }

    @Test
    void variableLengthSeriesAreReadAsTheyAre(@TempDir Path dir) throws Exception {
        String text = "@problemName V\n@dimensions 2\n@equalLength false\n@classLabel true a b\n@data\n"
                + "1,2:3,4:a\n1,2,3,4,5:6,7,8,9,10:b\n1,2,3:4,5,6:a\n";
        LabelledSeries d = parseFile(dir, "var.ts", text);
        assertArrayEquals(new int[] {2, 5, 3}, d.series().stream().mapToInt(x -> x.length).toArray());
        assertArrayEquals(new double[] {5, 10}, d.series().get(1)[4]);
    }

    @Test
    void equalLengthIsChecked(@TempDir Path dir) {
        var e = failure(dir, "eq.ts", "@problemName E\n@equalLength true\n@classLabel true a b\n@data\n1,2,3:a\n1,2:b\n");
        assertEquals(dir.resolve("eq.ts") + ":6: has length 2, the first sample has 3 and the header says @equalLength true", e.getMessage());
    }
}
