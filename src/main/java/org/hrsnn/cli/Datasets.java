package org.hrsnn.cli;

import org.hrsnn.task.LabelledSeries;
import org.hrsnn.task.TsFormat;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;

/** Opens datasets: shipped ones from the jar, others from the user's paths. */
final class Datasets {
    private Datasets() {}

    static LabelledSeries shipped(String name) throws IOException {
        String resource = "/datasets/" + name + ".ts.gz";
        InputStream raw = Datasets.class.getResourceAsStream(resource);
        if (raw == null) throw new IOException("shipped dataset " + resource + " is missing from the jar");
        try (var r = new InputStreamReader(new GZIPInputStream(raw), StandardCharsets.UTF_8)) {
            return TsFormat.parse(name + ".ts", r);
        } catch (TsFormat.FormatException e) {
            throw new IOException(e.getMessage(), e);
        }
    }

    static LabelledSeries read(Path file) {
        try (var r = Files.newBufferedReader(file)) {
            return TsFormat.parse(file.toString(), r);
        } catch (TsFormat.FormatException e) {
            throw new Main.BadInputException(e.getMessage());
        } catch (IOException e) {
            throw new Main.BadInputException(file + ": cannot be read: " + e.getMessage());
        }
    }

    static double[] shippedColumn(String file, String column) throws IOException {
        InputStream raw = Datasets.class.getResourceAsStream("/datasets/" + file);
        if (raw == null) throw new IOException("shipped dataset " + file + " is missing from the jar");
        try (var r = new InputStreamReader(raw, StandardCharsets.UTF_8)) {
            return org.hrsnn.task.SeriesCsv.column(file, r, column);
        } catch (TsFormat.FormatException e) {
            throw new IOException(e.getMessage(), e);
        }
    }

    static org.hrsnn.task.SpokenDigits.Split spokenDigits(Path archive) {
        try (InputStream in = Files.newInputStream(archive)) {
            return org.hrsnn.task.SpokenDigits.read(archive.toString(), in, org.hrsnn.task.MelFrontEnd.SPEECH_8K);
        } catch (TsFormat.FormatException e) {
            throw new Main.BadInputException(e.getMessage());
        } catch (IOException e) {
            throw new Main.BadInputException(archive + ": cannot be read: " + e.getMessage());
        }
    }
}
