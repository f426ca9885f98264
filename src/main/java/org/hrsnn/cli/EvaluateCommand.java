package org.hrsnn.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.hrsnn.export.DesignFiles;
import org.hrsnn.model.NetworkSpec;
import org.hrsnn.score.MemoryEvaluation;
import org.hrsnn.score.TrialEvaluator;
import org.hrsnn.task.Series;
import org.hrsnn.task.ShippedData;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.concurrent.Callable;

@Command(name = "evaluate", mixinStandardHelpOptions = true,
        header = "Scores a design: S, memory capacity MC, E = S / MC, then a task.",
        description = {"Scores a design in stages: first S, memory capacity MC (held-out ridge readouts) and E = S / MC, "
                + "then the task. The network is first trained by its STDP rule, then frozen and measured.",
                "",
                "Tasks:",
                "  memory-capacity   the first stage only",
                "  japanese-vowels   accuracy on the shipped JapaneseVowels split (UEA/UCR)",
                "  uea               accuracy on a shipped UEA/UCR problem (--dataset NAME)",
                "                    or on any .ts pair (--train FILE --test FILE)",
                "  fsdd              spoken-digit accuracy on the FSDD archive (--data FILE)",
                "  narma10, mackey-glass, lorenz, sunspots",
                "                    prediction: NRMSE on a held-out segment",
                "",
                "Classification and prediction also report the same readout on the raw input (the non-spiking baseline)."})
final class EvaluateCommand implements Callable<Integer> {
    @Mixin
    DesignSource design;

    @Option(names = "--task", defaultValue = "memory-capacity",
            description = "memory-capacity, japanese-vowels, uea, fsdd, narma10, mackey-glass, lorenz or sunspots (default: ${DEFAULT-VALUE}).")
    String task;

    @Option(names = "--dataset", paramLabel = "NAME", description = "A UEA/UCR problem shipped with hrsnn, for --task uea instead of --train and --test: JapaneseVowels, GunPoint or BasicMotions.")
    String dataset;

    @Option(names = "--train", paramLabel = "FILE", description = "Training split (.ts) for --task uea.")
    Path train;

    @Option(names = "--test", paramLabel = "FILE", description = "Test split (.ts) for --task uea.")
    Path test;

    @Option(names = "--data", paramLabel = "FILE", description = "FSDD archive (fsdd-recordings.tar.gz) for --task fsdd.")
    Path data;

    @Option(names = "--horizon", defaultValue = "1", description = "Steps ahead for mackey-glass, lorenz and sunspots (default: ${DEFAULT-VALUE}).")
    int horizon;

    @Option(names = "--seed", description = "Seed (default: the design's seed, else 1).")
    Long seed;

    @Option(names = "--json", description = "Machine-readable output.")
    boolean json;

    @Override
    public Integer call() throws Exception {
        if (horizon < 1) throw new Main.BadInputException("--horizon must be >= 1, got " + horizon);
        DesignFiles.Design d = design.load();
        long s = DesignSource.seed(seed, d);
        NetworkSpec spec = d.network();
        TrialEvaluator.TaskScore score;
        String detail;
        switch (task) {
            case "memory-capacity" -> { score = null; detail = ""; }
            case "japanese-vowels" -> {
                score = TrialEvaluator.classification(spec, s, ShippedData.series("JapaneseVowels_TRAIN"), ShippedData.series("JapaneseVowels_TEST"));
                detail = " (JapaneseVowels: 270 train / 370 test, 12 channels, 9 classes)";
            }
            case "uea" -> {
                org.hrsnn.task.LabelledSeries tr, te;
                if (dataset != null) {
                    if (train != null || test != null) throw new Main.BadInputException("--task uea takes --dataset NAME or --train FILE --test FILE, not both");
                    if (!ShippedData.UEA.contains(dataset))
                        throw new Main.BadInputException("--dataset must be one of " + String.join(", ", ShippedData.UEA) + ", got '" + dataset + "'");
                    tr = ShippedData.series(dataset + "_TRAIN");
                    te = ShippedData.series(dataset + "_TEST");
                } else {
                    if (train == null || test == null) throw new Main.BadInputException("--task uea needs --dataset NAME, or --train FILE and --test FILE");
                    tr = Datasets.read(train);
                    te = Datasets.read(test);
                }
                score = classify(spec, s, tr, te);
                detail = String.format(" (%s: %d train / %d test, %d channels, %d classes)", tr.name(), tr.size(), te.size(), tr.channels(), tr.classes().size());
            }
            case "fsdd" -> {
                if (data == null) throw new Main.BadInputException("--task fsdd needs --data FILE (the fsdd-recordings.tar.gz archive)");
                var split = Datasets.spokenDigits(data);
                score = classify(spec, s, split.train(), split.test());
                detail = String.format(" (FSDD: %d train / %d test recordings)", split.train().size(), split.test().size());
            }
            case "narma10", "mackey-glass", "lorenz", "sunspots" -> {
                int ahead = task.equals("narma10") ? 1 : horizon;
                Series series = TrialEvaluator.series(task, s, horizon, task.equals("sunspots") ? ShippedData.sunspots() : null);
                score = TrialEvaluator.prediction(spec, s, series, TrialEvaluator.settingsFor(series));
                detail = String.format(" (%d steps, %d step(s) ahead)", series.u().length, ahead);
            }
            default -> throw new Main.BadInputException("--task must be memory-capacity, japanese-vowels, uea, fsdd, narma10, mackey-glass, lorenz or sunspots, got '" + task + "'");
        }
        MemoryEvaluation.Result m;
        try {
            m = new TrialEvaluator("memory-capacity").memory(spec, s);
        } catch (IllegalArgumentException e) {
            throw new Main.BadInputException(design.describe() + ": " + e.getMessage());
        }
        if (json) {
            ObjectNode o = DesignFiles.mapper().createObjectNode();
            o.put("design", design.describe()).put("seed", s).put("task", task);
            Reports.putMemory(o, m);
            if (score != null) Reports.putTask(o, score);
            System.out.println(DesignFiles.mapper().writeValueAsString(o));
            return 0;
        }
        System.out.printf("design %s, seed %d, task %s%s%n", design.describe(), s, task, detail);
        Reports.printMemory(m);
        if (score != null) Reports.printTask(score);
        return 0;
    }

    private static TrialEvaluator.TaskScore classify(NetworkSpec spec, long seed, org.hrsnn.task.LabelledSeries tr, org.hrsnn.task.LabelledSeries te) {
        try {
            return TrialEvaluator.classification(spec, seed, tr, te);
        } catch (IllegalArgumentException e) {
            throw new Main.BadInputException(e.getMessage());
        }
    }
}
