package org.hrsnn.task;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

import java.io.StringReader;

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
}
