package org.hrsnn.cli;

import org.hrsnn.task.LabelledSeries;
import org.hrsnn.task.TsFormat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/** Opens datasets from the user's paths (shipped ones: {@link org.hrsnn.task.ShippedData}). */
final class Datasets {
    private Datasets() {}

    static LabelledSeries read(Path file) {
        try (var r = Files.newBufferedReader(file)) {
            return TsFormat.parse(file.toString(), r);
        } catch (TsFormat.FormatException e) {
            throw new Main.BadInputException(e.getMessage());
        } catch (IOException e) {
            throw new Main.BadInputException(file + ": cannot be read: " + e.getMessage());
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
