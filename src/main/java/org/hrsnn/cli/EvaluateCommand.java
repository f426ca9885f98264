package org.hrsnn.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.hrsnn.export.DesignFiles;
import org.hrsnn.model.NetworkSpec;
import org.hrsnn.score.MemoryEvaluation;
import org.hrsnn.score.MemoryProtocol;
import org.hrsnn.score.Tasks;
import org.hrsnn.score.TrialEvaluator;
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
            description = "memory-capacity, japanese-vowels, uea, fsdd, narma10, mackey-glass, lorenz or sunspots (default: ${DEFAULT-VALUE}); see above.")
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

    @Option(names = "--seeds", paramLabel = "LIST",
            description = "Evaluate on several seeds (network realisations, and for generated series the data), e.g. 1-10 or 1,4,7: "
                    + "a line per seed, then medians with bootstrap 95%% intervals and the network against each baseline on the same seeds "
                    + "(wins, median gain, Wilcoxon signed-rank p).")
    String seeds;

    @Option(names = "--ignore-provenance", description = "Score an exported design under today's defaults (and --protocol), not under the protocol and readout rule its provenance records.")
    boolean ignoreProvenance;

    @Option(names = "--json", description = "Machine-readable output.")
    boolean json;

    @Option(names = "--protocol", paramLabel = "FILE", description = "Memory protocol (YAML or JSON): any of " + StudyCommand.PROTOCOL_FIELDS
            + "; the others keep their defaults. Its state kinds are read by the task stage too.")
    Path protocolFile;

    @Option(names = "--train-fraction", defaultValue = "1", paramLabel = "F",
            description = "Train the task stage (STDP pass and readout) on a seeded, stratified fraction of the training split, for learning curves (classification; default: ${DEFAULT-VALUE}).")
    double trainFraction;

    @Override
    public Integer call() throws Exception {
        if (!(trainFraction > 0 && trainFraction <= 1)) throw new Main.BadInputException("--train-fraction must be in (0, 1], got " + trainFraction);
        if (horizon < 1) throw new Main.BadInputException("--horizon must be >= 1, got " + horizon);
        TrialEvaluator evaluator = evaluator(task, new Tasks.Source(dataset, train, test, data), horizon);
        Tasks.Data taskData = data(evaluator);
        MemoryProtocol protocol = protocol(protocolFile);
        DesignFiles.Design d = design.load();
        // An exported design is scored as its study scored it: its recorded protocol (unless --protocol is
        // given) and readout rule, so that it reproduces its recorded metrics.
        if (d.evaluation() != null && !ignoreProvenance) {
            String where = design.describe() + ": provenance.evaluation";
            try { // fromJson names the file and field itself
                if (protocolFile == null && d.evaluation().has("memory"))
                    protocol = org.hrsnn.problem.Protocols.fromJson(d.evaluation().get("memory"), where + ".memory");
            } catch (IllegalArgumentException e) {
                throw new Main.BadInputException(e.getMessage());
            }
            try {
                evaluator = evaluator.withStatesPenalty(org.hrsnn.problem.HrsnnProblem.statesPenalty(d.evaluation()));
            } catch (IllegalArgumentException e) {
                throw new Main.BadInputException(where + ".statesPenalty: " + e.getMessage());
            }
        }
        if (seeds != null) {
            if (seed != null) throw new Main.BadInputException("--seed and --seeds cannot be given together");
            return SeedSweep.run(design.describe(), d.network(), SeedSweep.parse(seeds), evaluator, protocol, trainFraction, task, json);
        }
        long s = DesignSource.seed(seed, d);
        Scored scored = score(evaluator, d.network(), s, protocol, trainFraction, design.describe(), "task stage");
        TrialEvaluator.TaskScore score = scored.task();
        MemoryEvaluation.Result m = scored.memory();
        String detail = taskData.describe(horizon) + (trainFraction < 1 ? String.format(" (trained on %.0f%% of the training split)", 100 * trainFraction) : "");
        if (json) {
            ObjectNode o = DesignFiles.mapper().createObjectNode();
            o.put("design", design.describe()).put("seed", s).put("task", task);
            if (trainFraction < 1) o.put("trainFraction", trainFraction);
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

    /** One seed's scores: the task stage's (null for the memory task) and the memory stage's. */
    record Scored(TrialEvaluator.TaskScore task, MemoryEvaluation.Result memory) {}

    /** Where the memory stage runs beside the task stage (daemon threads). */
    private static final java.util.concurrent.ExecutorService AHEAD = java.util.concurrent.Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "hrsnn-memory-stage");
        t.setDaemon(true);
        return t;
    });

    /**
     * Scores {@code spec} at {@code seed} as evaluate does, the task stage first (its progress shown as
     * {@code progressLabel}), with the memory stage beside it when the machine has a second core (the stages
     * are independent: same scores); what the design or data make impossible is bad input, naming
     * {@code designName} for the memory stage.
     */
    static Scored score(TrialEvaluator evaluator, NetworkSpec spec, long seed, MemoryProtocol protocol, double trainFraction,
                        String designName, String progressLabel) throws java.io.IOException {
        boolean beside = evaluator.hasTaskStage() && org.hrsnn.problem.HrsnnProblem.defaultTrialThreads(1) > 1;
        try (TrialEvaluator.Ahead<MemoryEvaluation.Result> memory = beside ? evaluator.memoryAhead(spec, seed, protocol, AHEAD) : null) {
            TrialEvaluator.TaskScore task = null;
            if (evaluator.hasTaskStage()) {
                try (WorkProgress progress = WorkProgress.of(progressLabel, "samples")) {
                    task = evaluator.task(spec, seed, protocol, trainFraction, progress);
                } catch (IllegalArgumentException e) {
                    throw new Main.BadInputException(e.getMessage());
                }
            }
            try {
                return new Scored(task, memory != null ? memory.get() : evaluator.memory(spec, seed, protocol));
            } catch (IllegalArgumentException e) {
                throw new Main.BadInputException(designName + ": " + e.getMessage());
            }
        }
    }

    /** The protocol of {@code --protocol FILE}, or the default when no file is given. */
    static MemoryProtocol protocol(Path file) {
        if (file == null) return MemoryProtocol.DEFAULT;
        try {
            return org.hrsnn.problem.Protocols.read(file);
        } catch (IllegalArgumentException e) {
            throw new Main.BadInputException("--protocol " + e.getMessage());
        } catch (java.io.IOException e) {
            throw new Main.BadInputException("--protocol " + file + ": cannot be read (" + (java.nio.file.Files.isDirectory(file) ? "a directory"
                    : java.nio.file.Files.exists(file) ? e.getClass().getSimpleName() : "no such file") + ")");
        }
    }

    /** The evaluator of a task and its data as named on the command line (shared with study create), or a bad-input error. */
    static TrialEvaluator evaluator(String task, Tasks.Source source, int horizon) {
        try {
            return new TrialEvaluator(Tasks.get(task), source, null, horizon);
        } catch (IllegalArgumentException e) {
            throw new Main.BadInputException(e.getMessage().startsWith("unknown task") ? "--task must be " + Tasks.namesText() + ", got '" + task + "'" : e.getMessage());
        }
    }

    /** Reads the evaluator's data; data the user can correct are bad input. */
    static Tasks.Data data(TrialEvaluator evaluator) throws java.io.IOException {
        try {
            return evaluator.data();
        } catch (Tasks.DataException e) {
            throw new Main.BadInputException(e.getMessage());
        }
    }
}
