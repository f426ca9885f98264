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
                "  fsdd             spoken-digit accuracy on the Free Spoken Digit Dataset archive given by --data",
                "  narma10, mackey-glass, lorenz, sunspots   one-step-ahead prediction, NRMSE on a held-out segment",
                "Classification and prediction also report the same readout on the raw input (the non-spiking baseline)."})
final class EvaluateCommand implements Callable<Integer> {
    @Mixin
    DesignSource design;

    @Option(names = "--task", defaultValue = "memory-capacity",
            description = "memory-capacity, japanese-vowels, uea, fsdd, narma10, mackey-glass, lorenz or sunspots (default: ${DEFAULT-VALUE}).")
    String task;

    @Option(names = "--train", paramLabel = "FILE", description = "Training split (.ts) for --task uea.")
    java.nio.file.Path train;

    @Option(names = "--test", paramLabel = "FILE", description = "Test split (.ts) for --task uea.")
    java.nio.file.Path test;

    @Option(names = "--horizon", defaultValue = "1", description = "Steps ahead for mackey-glass, lorenz and sunspots (default: ${DEFAULT-VALUE}).")
    int horizon;

    @Option(names = "--data", paramLabel = "FILE", description = "FSDD archive (fsdd-recordings.tar.gz) for --task fsdd.")
    java.nio.file.Path data;

    @Option(names = "--seed", description = "Seed (default: the design's seed, else 1).")
    Long seed;

    @Option(names = "--json", description = "Machine-readable output.")
    boolean json;

    @Override
    public Integer call() throws Exception {
        if (horizon < 1) throw new Main.BadInputException("--horizon must be >= 1, got " + horizon);
        DesignFiles.Design d = design.load();
        long s = DesignSource.seed(seed, d);
        switch (task) {
            case "memory-capacity" -> { }
            case "japanese-vowels" -> {
                return classify(d, s, Datasets.shipped("JapaneseVowels_TRAIN"), Datasets.shipped("JapaneseVowels_TEST"));
            }
            case "uea" -> {
                if (train == null || test == null) throw new Main.BadInputException("--task uea needs --train FILE and --test FILE");
                return classify(d, s, Datasets.read(train), Datasets.read(test));
            }
            case "fsdd" -> {
                if (data == null) throw new Main.BadInputException("--task fsdd needs --data FILE (the fsdd-recordings.tar.gz archive)");
                var split = Datasets.spokenDigits(data);
                return classify(d, s, split.train(), split.test());
            }
            case "narma10" -> {
                return predict(d, s, org.hrsnn.task.Series.narma10(3000, org.hrsnn.random.Seeds.rng(s, "task.narma10")));
            }
            case "mackey-glass" -> {
                return predict(d, s, org.hrsnn.task.Series.mackeyGlass(3000, horizon, org.hrsnn.random.Seeds.rng(s, "task.mackey-glass")));
            }
            case "lorenz" -> {
                return predict(d, s, org.hrsnn.task.Series.lorenz(3000, horizon, org.hrsnn.random.Seeds.rng(s, "task.lorenz")));
            }
            case "sunspots" -> {
                double[] x = Datasets.shippedColumn("sunspots.csv", "SUNACTIVITY");
                return predict(d, s, org.hrsnn.task.Series.ahead("sunspots", x, x.length, horizon));
            }
            default -> throw new Main.BadInputException("--task must be memory-capacity, japanese-vowels, uea, fsdd, narma10, mackey-glass, lorenz or sunspots, got '" + task + "'");
        }
        MemoryEvaluation.Result r = memoryStage(d, s);
        if (json) {
            ObjectNode o = DesignFiles.mapper().createObjectNode();
            o.put("design", design.describe()).put("seed", s).put("task", task);
            putMemory(o, r);
            System.out.println(DesignFiles.mapper().writeValueAsString(o));
            return 0;
        }
        System.out.printf("design %s, seed %d, task %s%n", design.describe(), s, task);
        printMemory(r);
        return 0;
    }

    /** Stage 1 of every task: S, MC and E (ranking is by E first). */
    private MemoryEvaluation.Result memoryStage(DesignFiles.Design d, long s) {
        DesignFiles.Design withInput = d;
        if (d.network().input().channels() < 1) {
            var in = d.network().input();
            withInput = new DesignFiles.Design(d.network().withInput(new org.hrsnn.model.InputSpec(1, in.encoding(), in.toExcitatory(),
                    in.toInhibitory(), in.randomSign())), d.seed());
        }
        try {
            return MemoryEvaluation.evaluate(withInput.network(), s, MemoryEvaluation.Settings.DEFAULT);
        } catch (IllegalArgumentException e) {
            throw new Main.BadInputException(design.describe() + ": " + e.getMessage());
        }
    }

    private static void putMemory(ObjectNode o, MemoryEvaluation.Result r) {
        var t = r.timings();
        o.put("spikingActivityHz", r.activity().meanRate()).put("silentFraction", r.activity().silentFraction())
                .put("maxRateHz", r.activity().maxRate());
        if (r.memory() != null) {
            o.put("memoryCapacity", r.memory().total());
            var curve = o.putArray("memoryCurve");
            for (double v : r.memory().curve()) curve.add(v);
        }
        if (r.failed()) o.put("failure", r.failure());
        else o.put("e", r.e());
        o.putObject("memorySeconds").put("build", t.build()).put("training", t.training()).put("run", t.run()).put("readout", t.readout());
    }

    private static void printMemory(MemoryEvaluation.Result r) {
        var t = r.timings();
        System.out.printf("S  = %.3f Hz (silent %.1f%%, max %.1f Hz)%n", r.activity().meanRate(), 100 * r.activity().silentFraction(), r.activity().maxRate());
        if (r.memory() != null) {
            System.out.printf("MC = %.3f%n", r.memory().total());
            double[] c = r.memory().curve();
            System.out.println("r_k^2, k = 1.." + c.length + "  " + Sparkline.of(c).replace(" Hz)", ")"));
        }
        if (r.failed()) System.out.println("failed: " + r.failure());
        else System.out.printf("E  = S / MC = %.4f%n", r.e());
        System.out.printf("memory stage: build %.2f s, STDP training %.2f s, evaluation run %.2f s, readouts %.2f s%n",
                t.build(), t.training(), t.run(), t.readout());
    }

    private int classify(DesignFiles.Design d, long s, org.hrsnn.task.LabelledSeries tr, org.hrsnn.task.LabelledSeries te) throws Exception {
        MemoryEvaluation.Result m = memoryStage(d, s);
        org.hrsnn.score.ClassificationEvaluation.Result r;
        try {
            r = org.hrsnn.score.ClassificationEvaluation.evaluate(d.network(), s, tr, te, org.hrsnn.score.ClassificationEvaluation.Settings.DEFAULT);
        } catch (IllegalArgumentException e) {
            throw new Main.BadInputException(e.getMessage());
        }
        if (json) {
            ObjectNode o = DesignFiles.mapper().createObjectNode();
            o.put("design", design.describe()).put("seed", s).put("task", task).put("dataset", tr.name());
            putMemory(o, m);
            o.put("accuracy", r.accuracy()).put("baselineAccuracy", r.baselineAccuracy())
                    .put("taskSpikingActivityHz", r.activity().meanRate()).put("taskSilentFraction", r.activity().silentFraction())
                    .put("features", r.features()).put("taskSeconds", r.seconds());
            System.out.println(DesignFiles.mapper().writeValueAsString(o));
            return 0;
        }
        System.out.printf("design %s, seed %d, task %s (%s: %d train / %d test, %d channels, %d classes)%n", design.describe(), s, task,
                tr.name(), tr.size(), te.size(), tr.channels(), tr.classes().size());
        printMemory(m);
        System.out.printf("test accuracy %.2f%% (non-spiking baseline, same readout on the raw input: %.2f%%)%n", 100 * r.accuracy(), 100 * r.baselineAccuracy());
        System.out.printf("task stage: S = %.3f Hz on the test split (silent %.1f%%); %d features; STDP pass, features and readout %.1f s%n",
                r.activity().meanRate(), 100 * r.activity().silentFraction(), r.features(), r.seconds());
        return 0;
    }

    private int predict(DesignFiles.Design d, long s, org.hrsnn.task.Series series) throws Exception {
        var settings = series.name().equals("sunspots")
                ? new org.hrsnn.score.PredictionEvaluation.Settings(10, 20, 20, 0.7, 10)
                : org.hrsnn.score.PredictionEvaluation.Settings.DEFAULT;
        MemoryEvaluation.Result m = memoryStage(d, s);
        var r = org.hrsnn.score.PredictionEvaluation.evaluate(d.network(), s, series, settings);
        if (json) {
            ObjectNode o = DesignFiles.mapper().createObjectNode();
            o.put("design", design.describe()).put("seed", s).put("task", task).put("steps", series.u().length).put("horizon", task.equals("narma10") ? 1 : horizon);
            putMemory(o, m);
            o.put("nrmse", r.nrmse()).put("baselineNrmse", r.baselineNrmse())
                    .put("taskSpikingActivityHz", r.activity().meanRate()).put("taskSilentFraction", r.activity().silentFraction())
                    .put("taskSeconds", r.seconds());
            System.out.println(DesignFiles.mapper().writeValueAsString(o));
            return 0;
        }
        int ahead = task.equals("narma10") ? 1 : horizon;
        System.out.printf("design %s, seed %d, task %s (%d steps, %d step(s) ahead)%n", design.describe(), s, task, series.u().length, ahead);
        printMemory(m);
        System.out.printf("NRMSE %.4f on the held-out segment (baseline, same readout on the last %d raw inputs: %.4f)%n",
                r.nrmse(), settings.taps(), r.baselineNrmse());
        System.out.printf("task stage: S = %.3f Hz (silent %.1f%%); STDP pass, run and readout %.1f s%n", r.activity().meanRate(),
                100 * r.activity().silentFraction(), r.seconds());
        return 0;
    }
}
