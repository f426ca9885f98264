package org.hrsnn.cli;

import org.hrsnn.export.DesignFiles;
import org.hrsnn.export.DesignFormatException;
import org.hrsnn.model.NetworkSpec;
import org.hrsnn.model.ReferenceNetworks;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.Locale;

/** Where a command gets its network design: a file, or one of the built-in references. */
final class DesignSource {
    @Option(names = "--design", paramLabel = "FILE", description = "Design file (JSON, format hrsnn-design).")
    Path file;

    @Option(names = "--reference", paramLabel = "NAME", description = "Built-in design when no file is given: ${COMPLETION-CANDIDATES} (default: heterogeneous).")
    Reference reference;

    enum Reference { heterogeneous, benchmark, benchmark_stdp }

    static NetworkSpec builtIn(Reference r) {
        return switch (r) {
            case heterogeneous -> ReferenceNetworks.heterogeneousExample();
            case benchmark -> ReferenceNetworks.benchmark(false);
            case benchmark_stdp -> ReferenceNetworks.benchmark(true);
        };
    }

    DesignFiles.Design load() {
        if (file != null && reference != null) throw new Main.BadInputException("give either --design or --reference, not both");
        if (file == null) return new DesignFiles.Design(builtIn(reference == null ? Reference.heterogeneous : reference), null);
        DesignFiles.Design d;
        try {
            d = DesignFiles.read(file);
        } catch (DesignFormatException e) {
            throw new Main.BadInputException(e.getMessage());
        }
        try {
            org.hrsnn.sim.MemoryEstimate.of(d.network()).check(); // refused here, naming the file, rather than when it is built
        } catch (org.hrsnn.sim.MemoryEstimate.TooLargeException e) {
            throw new Main.BadInputException(file + ": " + e.getMessage());
        }
        return d;
    }

    /** The seed to use: the command's, else the design's, else 1. */
    static long seed(Long override, DesignFiles.Design d) {
        return override != null ? override : d.seed() != null ? d.seed() : 1L;
    }

    String describe() {
        return file != null ? file.toString() : "built-in " + (reference == null ? Reference.heterogeneous : reference).name().toLowerCase(Locale.ROOT);
    }
}
