package org.hrsnn.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.hrsnn.baseline.BaselineRecord;
import org.hrsnn.baseline.SrnnSpec;
import org.hrsnn.baseline.SrnnTraining;
import org.hrsnn.export.DesignFiles;
import org.hrsnn.score.ClassificationEvaluation;
import org.hrsnn.score.Tasks;
import org.hrsnn.score.TrialEvaluator;
import org.hrsnn.task.LabelledSeries;
import org.hrsnn.task.Series;
import org.hrsnn.task.Subsets;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.concurrent.Callable;

/** {@code hrsnn baseline srnn}: a supervised spiking network trained on the task's data, to compare designs against (docs/baseline.md). */
@Command(name = "baseline", mixinStandardHelpOptions = true, description = "Trains a supervised baseline model on a task, to compare designs against.",
        subcommands = {BaselineCommand.Srnn.class})
final class BaselineCommand {

    @Command(name = "srnn", mixinStandardHelpOptions = true,
            header = "Trains an adaptive spiking RNN (ALIF, surrogate-gradient BPTT) on a task's data.",
            description = {"The adaptive spiking recurrent network of Yin, Corradi and Bohte (2021): recurrent layers of adaptive LIF neurons "
                    + "and a leaky readout, trained by backpropagation through time with the multi-Gaussian surrogate gradient and Adam, "
                    + "on the same splits and input scaling as `hrsnn evaluate`. Reports the test accuracy (or NRMSE) beside the raw-input "
                    + "baselines, the spike rate S in Hz (one step is one input value, held for 5 ms in classification and 10 ms in "
                    + "prediction, as in evaluate), synaptic operations per sample, trainable parameters and training time.",
                    "See docs/baseline.md."})
    static final class Srnn implements Callable<Integer> {
        @Option(names = "--task", required = true, description = "japanese-vowels, uea, fsdd, narma10, mackey-glass, lorenz or sunspots.")
        String task;
        @Option(names = "--dataset", paramLabel = "NAME", description = "For --task uea: JapaneseVowels, GunPoint or BasicMotions.") String dataset;
        @Option(names = "--train", paramLabel = "FILE", description = "Training split (.ts) for --task uea.") Path train;
        @Option(names = "--test", paramLabel = "FILE", description = "Test split (.ts) for --task uea.") Path test;
        @Option(names = "--data", paramLabel = "FILE", description = "FSDD archive (fsdd-recordings.tar.gz) for --task fsdd.") Path data;
        @Option(names = "--horizon", defaultValue = "1", description = "Steps ahead for mackey-glass, lorenz and sunspots (default: ${DEFAULT-VALUE}).") int horizon;
        @Option(names = "--hidden", defaultValue = "64", description = "Neurons per recurrent layer (default: ${DEFAULT-VALUE}).") int hidden;
        @Option(names = "--layers", defaultValue = "1", description = "Recurrent layers (default: ${DEFAULT-VALUE}).") int layers;
        @Option(names = "--epochs", defaultValue = "30", description = "Passes over the training data (default: ${DEFAULT-VALUE}).") int epochs;
        @Option(names = "--batch", defaultValue = "16", description = "Samples per Adam step (default: ${DEFAULT-VALUE}).") int batch;
        @Option(names = "--lr", defaultValue = "0.01", description = "Adam's learning rate, halved after each quarter of the epochs (default: ${DEFAULT-VALUE}).") double lr;
        @Option(names = "--train-fraction", defaultValue = "1", paramLabel = "F",
                description = "Train on a stratified fraction of the training split (the same samples as evaluate --train-fraction), for learning curves (classification; default: ${DEFAULT-VALUE}).")
        double trainFraction;
        @Option(names = "--seed", defaultValue = "1", description = "Seed of the initialisation, the sample order and the initial potentials (default: ${DEFAULT-VALUE}).") long seed;
        @Option(names = "--json", description = "Machine-readable output (progress goes to stderr).") boolean json;
        @Option(names = "--out", paramLabel = "FILE", description = "Also write the result as JSON (format hrsnn-baseline) for comparison with studies on the same data.") Path out;

        @Override
        public Integer call() throws Exception {
            SrnnTraining.Settings settings;
            try {
                settings = new SrnnTraining.Settings(hidden, layers, epochs, batch, lr, seed);
            } catch (IllegalArgumentException e) {
                throw new Main.BadInputException(e.getMessage());
            }
            if (!(trainFraction > 0 && trainFraction <= 1)) throw new Main.BadInputException("--train-fraction must be in (0, 1], got " + trainFraction);
            if (horizon < 1) throw new Main.BadInputException("--horizon must be >= 1, got " + horizon);
            TrialEvaluator evaluator = EvaluateCommand.evaluator(task, new Tasks.Source(dataset, train, test, data), horizon);
            Tasks.Task t = evaluator.definition();
            if (!t.hasTaskStage()) throw new Main.BadInputException("--task " + task + " has no data to learn: the SRNN baseline needs a classification or prediction task");
            if (t.kind() == Tasks.Kind.PREDICTION && trainFraction != 1) throw new Main.BadInputException("--train-fraction is for classification tasks, got --task " + task);
            if (out != null && java.nio.file.Files.isDirectory(out)) throw new Main.BadInputException("--out " + out + " is a directory, expected a file");
            Tasks.Data d = EvaluateCommand.data(evaluator);
            PrintStream progressOut = json ? System.err : System.out;
            SrnnTraining.Progress progress = (e, n, eta) -> progressOut.printf("epoch %d/%d loss %.4f %s %s | %.1f s/epoch, ETA %s%n", e.epoch(), n, e.loss(),
                    t.kind() == Tasks.Kind.CLASSIFICATION ? "train accuracy" : "train NRMSE",
                    t.kind() == Tasks.Kind.CLASSIFICATION ? String.format("%.2f%%", 100 * e.trainMetric()) : String.format("%.4f", e.trainMetric()),
                    e.seconds(), StudyCommand.eta(eta));
            SrnnTraining.Result r;
            ObjectNode extra = DesignFiles.mapper().createObjectNode();
            String detail;
            double[] raw = null;
            if (t.kind() == Tasks.Kind.CLASSIFICATION) {
                LabelledSeries tr = Subsets.stratified(d.train(), trainFraction);
                detail = String.format("%s: %d of %d train / %d test, %d channels, %d classes", tr.name(), tr.size(), d.train().size(), d.test().size(),
                        tr.channels(), tr.classes().size());
                header(progressOut, d, detail, SrnnSpec.published(tr.channels(), hidden, layers, tr.classes().size()).parameterCount(), settings);
                r = SrnnTraining.classify(tr, d.test(), settings, progress);
                raw = ClassificationEvaluation.rawInputBaselines(tr, d.test(), ClassificationEvaluation.Settings.DEFAULT);
                extra.put("baselineAccuracy", raw[0]).put("strongBaselineAccuracy", raw[1]);
            } else {
                Series series = t.series(seed, horizon, d.series());
                var p = TrialEvaluator.settingsFor(series);
                detail = String.format("%d steps, %d step(s) ahead", series.u().length, t.effectiveHorizon(horizon));
                header(progressOut, d, detail, SrnnSpec.published(1, hidden, layers, 1).parameterCount(), settings);
                r = SrnnTraining.predict(series, p.washout(), p.trainFraction(), settings, progress);
            }
            extra.put("hrsnnVersion", Main.version());
            ObjectNode o = BaselineRecord.toJson(task, d.identity(), settings, trainFraction, r, extra);
            if (out != null) BaselineRecord.write(out, o);
            if (json) {
                System.out.println(DesignFiles.mapper().writeValueAsString(o));
                return 0;
            }
            if (raw != null)
                System.out.printf("test accuracy %.2f%%   raw-input baselines (the readout of evaluate on the input): at the network's moments %.2f%%, at every time step %.2f%%%n",
                        100 * r.value(), 100 * raw[0], 100 * raw[1]);
            else
                System.out.printf("NRMSE %.4f on the held-out segment (the raw-input baselines: hrsnn evaluate --task %s)%n", r.value(), task);
            System.out.printf("S = %.3f Hz (%.4f spikes per neuron per step of %.0f ms; silent %.1f%%)%n", r.rateHz(), r.spikesPerStep(), r.stepMs(), 100 * r.silentFraction());
            System.out.printf("synaptic operations per %s: %,.0f spike-driven accumulates, %,.0f input multiply-accumulates%n",
                    t.kind() == Tasks.Kind.CLASSIFICATION ? "test sample" : "input value", r.synapticOps(), r.inputMacs());
            System.out.printf("%,d trainable parameters; training %.1f s (%d epochs, %d %s), test %.1f s%n", r.parameters(), r.trainSeconds(), r.epochs().size(),
                    r.trainSamples(), t.kind() == Tasks.Kind.CLASSIFICATION ? "samples" : "windows", r.testSeconds());
            if (out != null) System.out.println("wrote " + out);
            return 0;
        }

        private void header(PrintStream p, Tasks.Data d, String detail, long parameters, SrnnTraining.Settings s) {
            p.printf("SRNN (ALIF, surrogate-gradient BPTT) on %s (%s): %d x %d hidden, %,d trainable parameters, %d epochs, batch %d, lr %s, seed %d%n",
                    task, detail, s.layers(), s.hidden(), parameters, s.epochs(), s.batch(), s.learningRate(), s.seed());
        }
    }
}
