package org.hrsnn.cli;

import org.hrsnn.export.DesignFiles;
import org.hrsnn.nir.NirExports;
import org.hrsnn.nir.NirFile;
import org.hrsnn.nir.NirFormatException;
import org.hrsnn.nir.NirGraph;
import org.hrsnn.nir.NirImport;
import org.hrsnn.score.MemoryProtocol;
import org.hrsnn.score.Tasks;
import org.hrsnn.score.TrialEvaluator;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

/** {@code hrsnn export nir} and {@code hrsnn import nir}: trained networks as NIR graphs (docs/nir.md). */
final class NirCommand {
    private NirCommand() {}

    @Command(name = "export", mixinStandardHelpOptions = true, description = "Exports a design in an exchange format.",
            subcommands = {ExportNir.class})
    static final class Export {}

    @Command(name = "import", mixinStandardHelpOptions = true, description = "Imports a network from an exchange format.",
            subcommands = {ImportNir.class})
    static final class Import {}

    @Command(name = "nir", mixinStandardHelpOptions = true,
            header = "Writes a design's trained network as a NIR graph (HDF5).",
            description = {"Builds the network from the design and seed, runs the task's STDP phase, freezes it, and writes it as a "
                    + "NIR graph (Neuromorphic Intermediate Representation): per-population LIF nodes with per-neuron time constants, "
                    + "thresholds, resets and drive; each pathway as Delay, Linear and an LI synaptic current; the input projection. "
                    + "The number of input channels is the task's. What NIR cannot express is listed as warnings and kept as metadata.",
                    "See docs/nir.md."})
    static final class ExportNir implements Callable<Integer> {
        @Mixin DesignSource design;

        @Option(names = "--task", defaultValue = "memory-capacity", description = "Whose STDP phase trains the network: " +
                "memory-capacity, japanese-vowels, uea, fsdd, narma10, mackey-glass, lorenz or sunspots (default: ${DEFAULT-VALUE}).")
        String task;

        @Option(names = "--dataset", paramLabel = "NAME", description = "For --task uea: JapaneseVowels, GunPoint or BasicMotions.") String dataset;
        @Option(names = "--train", paramLabel = "FILE", description = "Training split (.ts) for --task uea.") Path train;
        @Option(names = "--test", paramLabel = "FILE", description = "Test split (.ts) for --task uea.") Path test;
        @Option(names = "--data", paramLabel = "FILE", description = "FSDD archive for --task fsdd.") Path data;
        @Option(names = "--horizon", defaultValue = "1", description = "Steps ahead for mackey-glass, lorenz and sunspots (default: ${DEFAULT-VALUE}).") int horizon;
        @Option(names = "--seed", description = "Seed (default: the design's seed, else 1).") Long seed;
        @Option(names = "--out", required = true, paramLabel = "FILE", description = "The NIR file to write (.nir).") Path out;

        @Option(names = "--check-data", paramLabel = "FILE",
                description = "Also write the data of the independent check (bench/nir_check.py): 1 s of memory-task input and "
                        + "hrsnn's per-neuron spike counts over it with refractory periods, adaptation and noise off, at the design's step and "
                        + "at 0.1 ms (analog input only).")
        Path checkData;

        @Override
        public Integer call() throws Exception {
            if (horizon < 1) throw new Main.BadInputException("--horizon must be >= 1, got " + horizon);
            TrialEvaluator evaluator = EvaluateCommand.evaluator(task, new Tasks.Source(dataset, train, test, data), horizon);
            EvaluateCommand.data(evaluator);
            DesignFiles.Design d = design.load();
            long s = DesignSource.seed(seed, d);
            NirExports.Result r;
            try {
                r = NirExports.export(d.network(), s, evaluator, MemoryProtocol.DEFAULT, provenance(design.describe()));
            } catch (IllegalArgumentException e) {
                throw new Main.BadInputException(design.describe() + ": " + e.getMessage());
            }
            if (checkData != null && !(r.network().spec().input().encoding() instanceof org.hrsnn.model.Encoding.Analog))
                throw new Main.BadInputException("--check-data needs a design with analog input; " + design.describe() + " has "
                        + r.network().spec().input().encoding());
            NirFile.write(out, r.exported().graph());
            PrintStream o = System.out;
            o.printf("wrote %s: design %s, seed %d, trained by the %s task's STDP phase%n", out, design.describe(), s, task);
            printNodes(o, r.exported().graph());
            printWarnings(System.err, r.exported().warnings());
            if (checkData != null) {
                var c = NirExports.writeCheckData(checkData, r.network(), s, MemoryProtocol.DEFAULT, NirExports.OTHER_DT);
                o.printf("wrote %s: %d steps of memory-task input, %d spikes without refractory periods, adaptation and noise (%d with them)%s%n",
                        checkData, c.steps(), Arrays.stream(c.counts()).sum(), Arrays.stream(c.countsFull()).sum(),
                        c.otherCounts() != null ? String.format("; the same graph at %s ms: %d spikes", c.otherDt(), Arrays.stream(c.otherCounts()).sum()) : "");
                if (c.otherProblem() != null) System.err.println("note: " + c.otherProblem());
                o.printf("check it: /usr/bin/python3 bench/nir_check.py %s %s%n", out, checkData);
            }
            return 0;
        }
    }

    static Map<String, String> provenance(String design) {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("tool", "hrsnn " + Main.version());
        m.put("design_source", design);
        return m;
    }

    static void printNodes(PrintStream o, NirGraph g) {
        o.printf("%d nodes, %d edges:%n", g.nodes().size(), g.edges().size());
        for (var e : g.nodes().entrySet()) o.printf("  %-10s %-7s %s%n", e.getKey(), e.getValue().type(), describe(e.getValue()));
    }

    /** The node's parameters with their shapes, e.g. "tau[400] r[400] ...". */
    static String describe(NirGraph.Node n) {
        StringBuilder b = new StringBuilder();
        for (var p : n.params().entrySet()) {
            if (b.length() > 0) b.append(' ');
            b.append(p.getKey());
            NirGraph.Value v = p.getValue();
            if (v instanceof NirGraph.Reals r) b.append(Arrays.toString(r.shape()).replace(" ", ""));
            else if (v instanceof NirGraph.Integers i) b.append('=').append(Arrays.toString(i.data()).replace(" ", ""));
        }
        if (n.type().equals("Linear") && n.params().get("weight") instanceof NirGraph.Reals w) {
            long nonZero = Arrays.stream(w.data()).filter(x -> x != 0).count();
            b.append(String.format(" (%d synapses)", nonZero));
        }
        if (n.type().equals("Delay") && n.params().get("delay") instanceof NirGraph.Reals d && d.data().length > 0) {
            double lo = Arrays.stream(d.data()).min().orElse(0), hi = Arrays.stream(d.data()).max().orElse(0);
            b.append(lo == hi ? String.format(" (%s ms)", lo) : String.format(" (%s-%s ms)", lo, hi));
        }
        return b.toString();
    }

    static void printWarnings(PrintStream err, List<String> warnings) {
        for (String w : warnings) err.println("warning: not expressed in NIR: " + w);
    }

    @Command(name = "nir", mixinStandardHelpOptions = true,
            header = "Reads a NIR graph back into hrsnn's terms.",
            description = {"Reads a NIR graph (the files hrsnn export nir writes, or any graph of the same node kinds: Input, Output, "
                    + "LIF, LI, Linear, Affine, Delay) into an explicit network, lists its nodes, and writes the design it was "
                    + "exported from when the file carries one (metadata hrsnn_design). A corrupt or foreign file gives an error naming the node.",
                    "See docs/nir.md."})
    static final class ImportNir implements Callable<Integer> {
        @Parameters(index = "0", paramLabel = "FILE", description = "The NIR file.") Path file;
        @Option(names = "--out", paramLabel = "FILE", description = "Write the embedded design (with its seed) as a design file.") Path out;

        @Override
        public Integer call() throws Exception {
            NirGraph g;
            NirImport.Imported imp;
            try {
                g = NirFile.read(file);
                imp = NirImport.read(g, file.toString());
            } catch (NirFormatException e) {
                throw new Main.BadInputException(e.getMessage());
            }
            var n = imp.network();
            int synapses = n.ee().size() + n.ei().size() + n.ie().size() + n.ii().size();
            System.out.printf("%s: %d neurons (%d E, %d I), %d recurrent synapses, %d %s input line(s), dt %s ms%n", file, n.size(), n.excitatory(),
                    n.size() - n.excitatory(), synapses, imp.inputLines(), imp.analogInput() ? "analog" : "spiking", n.dt());
            printNodes(System.out, g);
            if (g.metadata().get("not_expressed") instanceof NirGraph.Texts t) printWarnings(System.out, t.values());
            if (imp.design() == null) {
                if (out != null) throw new Main.BadInputException(file + ": graph metadata 'hrsnn_design' is missing: the file carries no hrsnn design to write");
                System.out.println("no hrsnn design in the file (metadata hrsnn_design): the network above is all it holds");
            } else if (out != null) {
                DesignFiles.write(out, imp.design().network(), imp.design().seed());
                System.out.printf("wrote %s: the design the file was exported from (seed %s)%n", out, imp.design().seed());
            } else {
                System.out.println("carries its hrsnn design (seed " + imp.design().seed() + "); write it with --out FILE");
            }
            return 0;
        }
    }
}
