package org.hrsnn.score;

import org.hrsnn.model.InputSpec;
import org.hrsnn.model.NetworkSpec;
import org.hrsnn.random.Seeds;
import org.hrsnn.task.LabelledSeries;
import org.hrsnn.task.Series;
import org.hrsnn.task.ShippedData;

import java.io.IOException;
import java.util.List;

/**
 * The staged evaluation of one candidate, shared by {@code hrsnn evaluate} and studies so that an exported
 * design re-evaluates to the recorded metrics: the memory stage (S, MC, E) and then, when asked for, the
 * task stage (accuracy or NRMSE). Datasets are loaded once per evaluator.
 */
public final class TrialEvaluator {
    /** Tasks a study can use (FSDD and arbitrary UEA files need paths and are run with {@code evaluate}). */
    public static final List<String> TASKS = List.of("memory-capacity", "japanese-vowels", "narma10", "mackey-glass", "lorenz", "sunspots");

    /**
     * The task stage's outcome. {@code higherIsBetter} tells accuracy from NRMSE. {@code baseline} is the same
     * readout on the raw input as the network sees it (same moments, or the last 10 values);
     * {@code strongBaseline} the same readout on the raw input at every time step (classification) or on the
     * best tapped delay line chosen on the training data (prediction).
     */
    public record TaskScore(String metric, double value, double baseline, double strongBaseline, boolean higherIsBetter, Activity activity, double seconds) {}

    private final String task;
    private volatile LabelledSeries train, test;
    private volatile double[] sunspots;

    public TrialEvaluator(String task) {
        if (!TASKS.contains(task)) throw new IllegalArgumentException("unknown task '" + task + "'; tasks: " + TASKS);
        this.task = task;
    }

    public String task() {
        return task;
    }

    /** Whether there is a stage after the memory stage. */
    public boolean hasTaskStage() {
        return !task.equals("memory-capacity");
    }

    /** Stage 1 under the default protocol. */
    public MemoryEvaluation.Result memory(NetworkSpec spec, long seed) {
        return memory(spec, seed, MemoryProtocol.DEFAULT);
    }

    /** Stage 1. A design without input channels gets one. */
    public MemoryEvaluation.Result memory(NetworkSpec spec, long seed, MemoryProtocol protocol) {
        if (spec.input().channels() < 1) {
            InputSpec in = spec.input();
            spec = spec.withInput(new InputSpec(1, in.encoding(), in.toExcitatory(), in.toInhibitory(), in.randomSign()));
        }
        return MemoryEvaluation.evaluate(spec, seed, protocol);
    }

    /** The identity of a task's data (name and SHA-256 of the shipped files), or null for generated series. */
    public static com.fasterxml.jackson.databind.node.ObjectNode dataIdentity(String task) throws IOException {
        var o = com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode();
        switch (task) {
            case "japanese-vowels" -> o.put("name", "JapaneseVowels").put("train.sha256", ShippedData.sha256("JapaneseVowels_TRAIN.ts.gz"))
                    .put("test.sha256", ShippedData.sha256("JapaneseVowels_TEST.ts.gz"));
            case "sunspots" -> o.put("name", "sunspots").put("sha256", ShippedData.sha256("sunspots.csv"));
            case "narma10", "mackey-glass", "lorenz" -> o.put("name", task).put("generated", "from the trial seed, 3000 steps");
            default -> { return null; }
        }
        return o;
    }

    /** Loads the task's data once (evaluations themselves may run in parallel threads). */
    private synchronized void load() throws IOException {
        if (task.equals("japanese-vowels") && train == null) {
            train = ShippedData.series("JapaneseVowels_TRAIN");
            test = ShippedData.series("JapaneseVowels_TEST");
        }
        if (task.equals("sunspots") && sunspots == null) sunspots = ShippedData.sunspots();
    }

    /** Stage 2 for the evaluator's task. */
    public TaskScore task(NetworkSpec spec, long seed) throws IOException {
        load();
        switch (task) {
            case "japanese-vowels" -> {
                return classification(spec, seed, train, test);
            }
            case "narma10", "mackey-glass", "lorenz", "sunspots" -> {
                Series series = series(task, seed, 1, sunspots);
                return prediction(spec, seed, series, settingsFor(series));
            }
            default -> throw new IllegalStateException("the memory task has no second stage");
        }
    }

    /** The series of a prediction task for {@code seed}, {@code horizon} steps ahead (NARMA-10 is always one). */
    public static Series series(String task, long seed, int horizon, double[] sunspots) {
        return switch (task) {
            case "narma10" -> Series.narma10(3000, Seeds.rng(seed, "task.narma10"));
            case "mackey-glass" -> Series.mackeyGlass(3000, horizon, Seeds.rng(seed, "task.mackey-glass"));
            case "lorenz" -> Series.lorenz(3000, horizon, Seeds.rng(seed, "task.lorenz"));
            case "sunspots" -> Series.ahead("sunspots", sunspots, sunspots.length, horizon);
            default -> throw new IllegalArgumentException("not a prediction task: " + task);
        };
    }

    /** Settings for a series: the short-series washout for fewer than 1,000 values. */
    public static PredictionEvaluation.Settings settingsFor(Series s) {
        return s.u().length < 1000 ? PredictionEvaluation.Settings.SHORT : PredictionEvaluation.Settings.DEFAULT;
    }

    public static TaskScore classification(NetworkSpec spec, long seed, LabelledSeries train, LabelledSeries test) {
        var r = ClassificationEvaluation.evaluate(spec, seed, train, test, ClassificationEvaluation.Settings.DEFAULT);
        return new TaskScore("accuracy", r.accuracy(), r.baselineAccuracy(), r.strongBaselineAccuracy(), true, r.activity(), r.seconds());
    }

    public static TaskScore prediction(NetworkSpec spec, long seed, Series s, PredictionEvaluation.Settings settings) {
        var r = PredictionEvaluation.evaluate(spec, seed, s, settings);
        return new TaskScore("nrmse", r.nrmse(), r.baselineNrmse(), r.strongBaselineNrmse(), false, r.activity(), r.seconds());
    }
}
