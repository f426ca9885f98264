package org.hrsnn.task;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.zip.GZIPInputStream;

/** Datasets that ship inside the jar (src/main/resources/datasets, with their sources and licences). */
public final class ShippedData {
    /** The shipped UEA/UCR problems; each has NAME_TRAIN and NAME_TEST. */
    public static final List<String> UEA = List.of("JapaneseVowels", "GunPoint", "BasicMotions");

    private ShippedData() {}

    private static InputStream open(String file) throws IOException {
        InputStream raw = ShippedData.class.getResourceAsStream("/datasets/" + file);
        if (raw == null) throw new IOException("shipped dataset " + file + " is missing from the jar");
        return raw;
    }

    /** A shipped UEA/UCR split, e.g. "JapaneseVowels_TRAIN" or "GunPoint_TEST". */
    public static LabelledSeries series(String name) throws IOException {
        try (var r = new InputStreamReader(new GZIPInputStream(open(name + ".ts.gz")), StandardCharsets.UTF_8)) {
            return TsFormat.parse(name + ".ts", r);
        } catch (TsFormat.FormatException e) {
            throw new IOException(e.getMessage(), e);
        }
    }

    /** A shipped file's bytes as stored (gzipped for the .ts.gz files). */
    public static byte[] bytes(String file) throws IOException {
        try (InputStream in = open(file)) {
            return in.readAllBytes();
        }
    }

    /** The yearly sunspot numbers 1700-2008. */
    public static double[] sunspots() throws IOException {
        try (var r = new InputStreamReader(open("sunspots.csv"), StandardCharsets.UTF_8)) {
            return SeriesCsv.column("sunspots.csv", r, "SUNACTIVITY");
        } catch (TsFormat.FormatException e) {
            throw new IOException(e.getMessage(), e);
        }
    }
}
