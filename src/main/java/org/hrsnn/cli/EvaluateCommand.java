package org.hrsnn.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.hrsnn.export.DesignFiles;
import org.hrsnn.score.MemoryEvaluation;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.util.concurrent.Callable;

@Command(name = "evaluate", mixinStandardHelpOptions = true,
        description = {"Scores a design. Tasks:",
                "  memory-capacity  spiking activity S, memory capacity MC (held-out ridge readouts), E = S / MC;",
                "                   the network is first trained by its STDP rule on i.i.d. uniform input, then frozen",
                "  japanese-vowels  classification accuracy on the shipped JapaneseVowels split (UEA/UCR)",
                "  uea              classification accuracy on any UEA/UCR .ts pair given by --train and --test",
                "Classification also reports the same readout on the raw input (the non-spiking baseline)."})
final class EvaluateCommand implements Callable<Integer> {
    @Mixin
    DesignSource design;

    @Option(names = "--task", defaultValue = "memory-capacity", description = "memory-capacity, japanese-vowels or uea (default: ${DEFAULT-VALUE}).")
    String task;

    @Option(names = "--train", paramLabel = "FILE", description = "Training split (.ts) for --task uea.")
    java.nio.file.Path train;

    @Option(names = "--test", paramLabel = "FILE", description = "Test split (.ts) for --task uea.")
    java.nio.file.Path test;

    @Option(names = "--seed", description = "Seed (default: the design's seed, else 1).")
    Long seed;

    @Option(names = "--json", description = "Machine-readable output.")
    boolean json;

    @Override
    public Integer call() throws Exception {
        DesignFiles.Design d = design.load();
        long s = seed != null ? seed : d.seed() != null ? d.seed() : 1L;
        switch (task) {
            case "memory-capacity" -> { }
            case "japanese-vowels" -> {
                return classify(d, s, Datasets.shipped("JapaneseVowels_TRAIN"), Datasets.shipped("JapaneseVowels_TEST"));
            }
            case "uea" -> {
                if (train == null || test == null) throw new Main.BadInputException("--task uea needs --train FILE and --test FILE");
                return classify(d, s, Datasets.read(train), Datasets.read(test));
            }
            default -> throw new Main.BadInputException("--task must be memory-capacity, japanese-vowels or uea, got '" + task + "'");
        }
        MemoryEvaluation.Result r;
        try {
            r = MemoryEvaluation.evaluate(d.network(), s, MemoryEvaluation.Settings.DEFAULT);
        } catch (IllegalArgumentException e) {
            throw new Main.BadInputException(design.describe() + ": " + e.getMessage());
        }
        var t = r.timings();
        if (json) {
            ObjectNode o = DesignFiles.mapper().createObjectNode();
            o.put("design", design.describe()).put("seed", s).put("task", task)
                    .put("spikingActivityHz", r.activity().meanRate()).put("silentFraction", r.activity().silentFraction())
                    .put("maxRateHz", r.activity().maxRate());
            if (r.memory() != null) {
                o.put("memoryCapacity", r.memory().total());
                var curve = o.putArray("memoryCurve");
                for (double v : r.memory().curve()) curve.add(v);
            }
            if (r.failed()) o.put("failure", r.failure());
            else o.put("e", r.e());
            o.putObject("seconds").put("build", t.build()).put("training", t.training()).put("run", t.run()).put("readout", t.readout());
            System.out.println(DesignFiles.mapper().writeValueAsString(o));
            return 0;
        }
        System.out.printf("design %s, seed %d, task %s%n", design.describe(), s, task);
        System.out.printf("S  = %.3f Hz (silent %.1f%%, max %.1f Hz)%n", r.activity().meanRate(), 100 * r.activity().silentFraction(), r.activity().maxRate());
        if (r.memory() != null) {
            System.out.printf("MC = %.3f%n", r.memory().total());
            double[] c = r.memory().curve();
            System.out.println("r_k^2, k = 1.." + c.length + "  " + Sparkline.of(c).replace(" Hz)", ")"));
        }
        if (r.failed()) System.out.println("failed: " + r.failure());
        else System.out.printf("E  = S / MC = %.4f%n", r.e());
        System.out.printf("time: build %.2f s, STDP training %.2f s, evaluation run %.2f s, readouts %.2f s%n", t.build(), t.training(), t.run(), t.readout());
        return 0;
    }

    private int classify(DesignFiles.Design d, long s, org.hrsnn.task.LabelledSeries tr, org.hrsnn.task.LabelledSeries te) throws Exception {
        org.hrsnn.score.ClassificationEvaluation.Result r;
        try {
            r = org.hrsnn.score.ClassificationEvaluation.evaluate(d.network(), s, tr, te, org.hrsnn.score.ClassificationEvaluation.Settings.DEFAULT);
        } catch (IllegalArgumentException e) {
            throw new Main.BadInputException(e.getMessage());
        }
        if (json) {
            ObjectNode o = DesignFiles.mapper().createObjectNode();
            o.put("design", design.describe()).put("seed", s).put("task", task).put("dataset", tr.name())
                    .put("accuracy", r.accuracy()).put("baselineAccuracy", r.baselineAccuracy())
                    .put("spikingActivityHz", r.activity().meanRate()).put("silentFraction", r.activity().silentFraction())
                    .put("features", r.features()).put("seconds", r.seconds());
            System.out.println(DesignFiles.mapper().writeValueAsString(o));
            return 0;
        }
        System.out.printf("design %s, seed %d, task %s (%s: %d train / %d test, %d channels, %d classes)%n", design.describe(), s, task,
                tr.name(), tr.size(), te.size(), tr.channels(), tr.classes().size());
        System.out.printf("test accuracy %.2f%% (non-spiking baseline, same readout on the raw input: %.2f%%)%n", 100 * r.accuracy(), 100 * r.baselineAccuracy());
        System.out.printf("S = %.3f Hz on the test split (silent %.1f%%); %d features; %.1f s%n", r.activity().meanRate(),
                100 * r.activity().silentFraction(), r.features(), r.seconds());
        return 0;
    }
}
