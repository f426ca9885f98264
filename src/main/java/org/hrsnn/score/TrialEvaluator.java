package org.hrsnn.score;

import org.hrsnn.model.InputSpec;
import org.hrsnn.model.NetworkSpec;
import org.hrsnn.random.Seeds;
import com.fasterxml.jackson.databind.JsonNode;
import org.hrsnn.task.Series;

import java.io.IOException;

/**
 * The staged evaluation of one candidate, shared by {@code hrsnn evaluate} and studies so that an exported
 * design re-evaluates to the recorded metrics: the memory stage (S, MC, E) and then, when asked for, the
 * task stage (accuracy or NRMSE). The task and its data are those of {@link Tasks}; the data are read
 * once per evaluator (and, for a study, checked against the identity it recorded).
 */
public final class TrialEvaluator {
    /**
     * The task stage's outcome. {@code higherIsBetter} tells accuracy from NRMSE. {@code baseline} is the same
     * readout on the raw input as the network sees it (same moments, or the last 10 values);
     * {@code strongBaseline} the same readout on the raw input at every time step (classification) or on the
     * best tapped delay line chosen on the training data (prediction). {@code stacked} is what the network adds to
     * the raw input's readout, with its null.
     */
    public record TaskScore(String metric, double value, double baseline, double strongBaseline, StackedScore stacked, boolean higherIsBetter, Activity activity, double seconds) {}

    private final Tasks.Task task;
    private final Tasks.Source source;
    private final JsonNode expected;
    private final int horizon;
    private final PredictionEvaluation.StatesPenalty penalty;
    private volatile Tasks.Data data;

    /** A task whose data ship with hrsnn or are generated (not uea or fsdd, which need {@link Tasks.Source}). */
    public TrialEvaluator(String task) {
        this(Tasks.get(task), Tasks.Source.NONE, null, 1);
    }

    /**
     * @param expected the data's identity as a study recorded it (its files must still have these SHA-256s), or null
     * @param horizon  steps ahead for mackey-glass, lorenz and sunspots
     */
    public TrialEvaluator(Tasks.Task task, Tasks.Source source, JsonNode expected, int horizon) {
        this(task, source, expected, horizon, PredictionEvaluation.StatesPenalty.TAIL);
    }

    /** @param penalty how a prediction task's states readout chooses its penalty (a study records it) */
    public TrialEvaluator(Tasks.Task task, Tasks.Source source, JsonNode expected, int horizon, PredictionEvaluation.StatesPenalty penalty) {
        if (horizon < 1) throw new IllegalArgumentException("the horizon must be >= 1, got " + horizon);
        this.task = task;
        this.source = Tasks.check(task, source);
        this.expected = expected;
        this.horizon = horizon;
        this.penalty = java.util.Objects.requireNonNull(penalty);
    }

    public String task() {
        return task.name();
    }

    /** This evaluator with another states' penalty rule, sharing the data already read. */
    public TrialEvaluator withStatesPenalty(PredictionEvaluation.StatesPenalty rule) {
        if (rule == penalty) return this;
        TrialEvaluator e = new TrialEvaluator(task, source, expected, horizon, rule);
        e.data = data;
        return e;
    }

    /** How a prediction task's states readout chooses its penalty. */
    public PredictionEvaluation.StatesPenalty statesPenalty() {
        return penalty;
    }

    public Tasks.Task definition() {
        return task;
    }

    /** Whether there is a stage after the memory stage. */
    public boolean hasTaskStage() {
        return task.hasTaskStage();
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

    /** The task's data, read once (evaluations themselves may run in parallel threads) and checked against the expected identity. */
    public Tasks.Data data() throws IOException {
        Tasks.Data d = data;
        if (d == null) {
            synchronized (this) {
                if (data == null) data = Tasks.load(task, source, expected);
                d = data;
            }
        }
        return d;
    }

    /**
     * The network of {@code spec} and {@code seed} as this task's evaluation reads it out: with the task's
     * number of input channels, after the task's STDP phase, frozen and at rest ({@code protocol} is the
     * memory task's).
     */
    public org.hrsnn.sim.Network trainedNetwork(NetworkSpec spec, long seed, MemoryProtocol protocol) throws IOException {
        switch (task.kind()) {
            case MEMORY -> {
                if (spec.input().channels() < 1) {
                    InputSpec in = spec.input();
                    spec = spec.withInput(new InputSpec(1, in.encoding(), in.toExcitatory(), in.toInhibitory(), in.randomSign()));
                }
                return MemoryEvaluation.trained(spec, seed, protocol);
            }
            case CLASSIFICATION -> {
                return ClassificationEvaluation.trained(spec, seed, data().train(), ClassificationEvaluation.Settings.DEFAULT);
            }
            default -> {
                Series series = task.series(seed, horizon, data().series());
                return PredictionEvaluation.trained(spec, seed, series, settingsFor(series));
            }
        }
    }

    /**
     * For a task with a second stage: {@link #trainedNetwork} with the readout the task stage trains on it,
     * reading the state kinds of {@code protocol}. The network is the same as {@link #trainedNetwork}'s.
     */
    public TaskReadout trainedReadout(NetworkSpec spec, long seed, MemoryProtocol protocol) throws IOException {
        switch (task.kind()) {
            case CLASSIFICATION -> {
                var c = ClassificationEvaluation.Settings.DEFAULT;
                return ClassificationEvaluation.readout(spec, seed, data().train(), new ClassificationEvaluation.Settings(c.stepMs(), c.points(), protocol.states()));
            }
            case PREDICTION -> {
                Series series = task.series(seed, horizon, data().series());
                var p = settingsFor(series);
                return PredictionEvaluation.readout(spec, seed, series, p.with(protocol.states(), penalty));
            }
            default -> throw new IllegalStateException("the memory task has no task readout");
        }
    }

    /** Stage 2 for the evaluator's task, reading the default protocol's state kinds. */
    public TaskScore task(NetworkSpec spec, long seed) throws IOException {
        return task(spec, seed, MemoryProtocol.DEFAULT);
    }

    /** Stage 2, reading the state kinds of {@code protocol} (the same states as its memory stage). */
    public TaskScore task(NetworkSpec spec, long seed, MemoryProtocol protocol) throws IOException {
        return task(spec, seed, protocol, 1);
    }

    /**
     * Stage 2 with the classifier (and the STDP phase) trained on a seeded, stratified {@code trainFraction}
     * of the training split ({@link org.hrsnn.task.Subsets#stratified}), for learning curves; prediction
     * tasks take 1 only.
     */
    public TaskScore task(NetworkSpec spec, long seed, MemoryProtocol protocol, double trainFraction) throws IOException {
        return task(spec, seed, protocol, trainFraction, Progress.NONE);
    }

    /** As {@link #task(NetworkSpec, long, MemoryProtocol, double)}, telling {@code progress} of each sample a classification simulates. */
    public TaskScore task(NetworkSpec spec, long seed, MemoryProtocol protocol, double trainFraction, Progress progress) throws IOException {
        Tasks.Data d = data();
        if (trainFraction != 1 && task.kind() != Tasks.Kind.CLASSIFICATION)
            throw new IllegalArgumentException("--train-fraction is for classification tasks, got --task " + task.name());
        switch (task.kind()) {
            case CLASSIFICATION -> {
                var c = ClassificationEvaluation.Settings.DEFAULT;
                var r = ClassificationEvaluation.evaluate(spec, seed, org.hrsnn.task.Subsets.stratified(d.train(), trainFraction), d.test(), new ClassificationEvaluation.Settings(c.stepMs(), c.points(), protocol.states()), progress);
                return new TaskScore(task.metric(), r.accuracy(), r.baselineAccuracy(), r.strongBaselineAccuracy(), r.stacked(), task.higherIsBetter(), r.activity(), r.seconds());
            }
            case PREDICTION -> {
                Series series = task.series(seed, horizon, d.series());
                var p = settingsFor(series);
                var r = PredictionEvaluation.evaluate(spec, seed, series, p.with(protocol.states(), penalty));
                return new TaskScore(task.metric(), r.nrmse(), r.baselineNrmse(), r.strongBaselineNrmse(), r.stacked(), task.higherIsBetter(), r.activity(), r.seconds());
            }
            default -> throw new IllegalStateException("the memory task has no second stage");
        }
    }

    /**
     * Stage 2 started on {@code executor} while the caller runs stage 1. The stages are independent (each
     * builds its own network from the design and the seed), so the result is the one {@link #task} gives;
     * a trial with a spare core then takes the longer stage's time instead of the sum. Closing it before
     * {@link Ahead#get} cancels the stage (a pruned trial does not need it): the simulation stops at its next
     * interruption check.
     */
    public Ahead<TaskScore> taskAhead(NetworkSpec spec, long seed, MemoryProtocol protocol, java.util.concurrent.ExecutorService executor) {
        return Ahead.start(executor, () -> task(spec, seed, protocol));
    }

    /** Stage 1 started on {@code executor} while the caller runs stage 2 (as {@link #taskAhead}, the other way round). */
    public Ahead<MemoryEvaluation.Result> memoryAhead(NetworkSpec spec, long seed, MemoryProtocol protocol, java.util.concurrent.ExecutorService executor) {
        return Ahead.start(executor, () -> memory(spec, seed, protocol));
    }

    /** A stage running on another thread ({@link #taskAhead}, {@link #memoryAhead}). */
    public static final class Ahead<T> implements AutoCloseable {
        private final java.util.concurrent.Future<T> future;

        private Ahead(java.util.concurrent.Future<T> future) {
            this.future = future;
        }

        /** Starts {@code work} on {@code executor}. */
        public static <T> Ahead<T> start(java.util.concurrent.ExecutorService executor, java.util.concurrent.Callable<T> work) {
            return new Ahead<>(executor.submit(work));
        }

        /** Waits for the stage; its failure is rethrown as it would have been thrown on this thread. */
        public T get() throws IOException {
            try {
                return future.get();
            } catch (InterruptedException e) {
                future.cancel(true);
                Thread.currentThread().interrupt();
                throw new java.util.concurrent.CancellationException("interrupted while waiting for a stage");
            } catch (java.util.concurrent.ExecutionException e) {
                Throwable cause = e.getCause();
                if (cause instanceof IOException io) throw io;
                if (cause instanceof RuntimeException r) throw r;
                if (cause instanceof Error err) throw err;
                throw new IllegalStateException(cause);
            }
        }

        /** Cancels the stage if it has not finished. */
        @Override
        public void close() {
            future.cancel(true);
        }
    }

    /** The series of prediction task {@code task} for {@code seed}, {@code horizon} steps ahead ({@link Tasks.Task#series}). */
    public static Series series(String task, long seed, int horizon, double[] sunspots) {
        return Tasks.get(task).series(seed, horizon, sunspots);
    }

    /** Settings for a series: the short-series washout for fewer than 1,000 values. */
    public static PredictionEvaluation.Settings settingsFor(Series s) {
        return s.u().length < 1000 ? PredictionEvaluation.Settings.SHORT : PredictionEvaluation.Settings.DEFAULT;
    }
}
