package org.hrsnn.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.hrsnn.opt.Sampler;
import org.hrsnn.study.Objective;
import org.hrsnn.study.Problem;
import org.hrsnn.study.Pruner;
import org.hrsnn.study.SearchSpaceFiles;
import org.hrsnn.study.StorageUrl;
import org.hrsnn.study.StudyConfig;
import org.hrsnn.study.StudyException;
import org.hrsnn.study.StudyRunner;
import org.hrsnn.study.Trial;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A study driven from Java code, in the manner of Optuna: {@link #ask} a trial, evaluate its parameters,
 * {@link #tell} the value; or let {@link #optimize} do both with worker threads. The study lives in a storage
 * ({@code journal:DIR}, {@code sqlite:FILE} or {@code postgresql://...}), so workers in other processes or on
 * other machines can open it by name and share the work. The sampler (default: GP-BO seeded by the study) and
 * the pruner (default: none) can be replaced. Same seed, same study.
 *
 * <pre>{@code
 * try (Study s = Study.create("sqlite:branin.db", "branin", Path.of("search-spaces/branin.yaml"), false, 1, 30)) {
 *     s.optimize(t -> branin(t.number("x0"), t.number("x1")), 30, 2);
 *     System.out.println(s.best());
 * }
 * }</pre>
 */
public final class Study implements AutoCloseable {
    /** The metric under which a complete trial's value is recorded. */
    public static final String VALUE = "value";
    /** The metrics of an intermediate value: as reported, and in the minimised direction (what the pruner compares). */
    public static final String INTERMEDIATE = "intermediate", INTERMEDIATE_LOSS = "intermediateLoss";

    private static final ObjectMapper JSON = new ObjectMapper();

    private org.hrsnn.study.Study study;
    private final boolean maximize;
    private Sampler sampler;
    private Pruner pruner = Pruner.NONE;
    private StudyRunner runner;
    private final List<StudyRunner> retired = new java.util.ArrayList<>();

    private Study(org.hrsnn.study.Study study) {
        this.study = study;
        this.maximize = study.config().objective() == Objective.MAXIMIZE;
    }

    /**
     * Creates a study of the search space in {@code spaceFile} (YAML or JSON, as for {@code hrsnn study create})
     * in {@code storage}, to be minimised (or maximised) with {@code seed} and a budget of {@code trials}.
     */
    public static Study create(String storage, String name, Path spaceFile, boolean maximize, long seed, int trials) throws StudyException {
        JsonNode space;
        try {
            space = SearchSpaceFiles.tree(spaceFile);
        } catch (SearchSpaceFiles.SpaceFileException e) {
            throw new StudyException(e.getMessage(), e);
        }
        StudyConfig c = new StudyConfig(name, spaceFile.toString(), space, "none", maximize ? Objective.MAXIMIZE : Objective.MINIMIZE, seed, trials, -1,
                false, Instant.now().toString(), "hrsnn Java API", JSON.createObjectNode(), null);
        return new Study(org.hrsnn.study.Study.create(url(storage), c, (config, s) -> {}));
    }

    /** Opens an existing study of the Java API (another worker's, or one made earlier). */
    public static Study load(String storage, String name) throws StudyException {
        org.hrsnn.study.Study s = org.hrsnn.study.Study.open(url(storage), name);
        Objective o = s.config().objective();
        if (o != Objective.MINIMIZE && o != Objective.MAXIMIZE)
            throw new StudyException("study '" + name + "' has objective " + o.label() + ": it is an HRSNN study (run it with hrsnn study run), not one of the Java API");
        return new Study(s);
    }

    private static StorageUrl url(String storage) throws StudyException {
        try {
            return StorageUrl.parse(storage);
        } catch (IllegalArgumentException e) {
            throw new StudyException(e.getMessage(), e);
        }
    }

    public String name() {
        return study.config().name();
    }

    /** Replaces the sampler for the trials asked from now on. */
    public synchronized Study sampler(Sampler s) {
        this.sampler = s;
        if (runner != null) retired.add(runner);
        this.runner = null;
        return this;
    }

    /** Replaces the pruner for the trials asked from now on, e.g. {@code new PercentilePruner(0.5, 5)} (a median pruner). */
    public synchronized Study pruner(Pruner p) {
        this.pruner = p;
        if (runner != null) retired.add(runner);
        this.runner = null;
        return this;
    }

    /** What the engine sees: the objective's value as the loss, minimised. */
    private final Problem problem = new Problem() {
        public Outcome evaluate(Map<String, Object> params, long seed, Checkpoint checkpoint) {
            throw new UnsupportedOperationException("the Java API evaluates through ask and tell");
        }

        public String stageMetric() {
            return INTERMEDIATE_LOSS;
        }

        public double loss(Trial t) {
            Double v = t.metric(VALUE);
            return t.state() != Trial.State.COMPLETE || v == null ? Double.NaN : maximize ? -v : v;
        }
    };

    private synchronized StudyRunner runner() {
        if (runner == null) {
            runner = new StudyRunner(study, problem).pruner(pruner);
            if (sampler != null) runner.sampler(sampler);
        }
        return runner;
    }

    /** The next trial to evaluate (an enqueued or abandoned one first), or empty when the budget is met or every remaining trial is being run. */
    public Optional<ActiveTrial> ask() throws IOException {
        Trial t = runner().ask();
        return t == null ? Optional.empty() : Optional.of(new ActiveTrial(t, runner(), maximize));
    }

    /** Records the value of an asked trial (NaN or infinite: a failure). */
    public FrozenTrial tell(ActiveTrial t, double value) throws IOException {
        Problem.Outcome o = Double.isFinite(value) ? new Problem.Outcome(Trial.State.COMPLETE, Map.of(VALUE, value), null)
                : new Problem.Outcome(Trial.State.FAILED, Map.of(), "the objective returned " + value);
        return finish(t, o);
    }

    /** Records an asked trial as failed, with the reason. */
    public FrozenTrial fail(ActiveTrial t, String reason) throws IOException {
        return finish(t, new Problem.Outcome(Trial.State.FAILED, Map.of(), reason));
    }

    /** Records an asked trial as pruned (its intermediate values stay recorded). */
    public FrozenTrial prune(ActiveTrial t, String reason) throws IOException {
        return finish(t, new Problem.Outcome(Trial.State.PRUNED, Map.of(), reason));
    }

    private FrozenTrial finish(ActiveTrial t, Problem.Outcome o) throws IOException {
        t.runner().tell(t.trial(), o, t.seconds());
        return trial(t.number());
    }

    /** Adds a trial with these parameters, run before any new point is proposed; the budget grows by one if it is full. */
    public FrozenTrial enqueue(Map<String, Object> params) throws IOException, StudyException {
        Trial t = runner().enqueue(params);
        if (t == null) {
            grow(study.trials().size() + 1);
            t = runner().enqueue(params);
        }
        if (t == null) throw new IOException("could not enqueue: other workers filled the budget meanwhile");
        return FrozenTrial.of(t);
    }

    /**
     * Runs {@code trials} more trials (the budget grows to the finished ones plus {@code trials}) with
     * {@code workers} threads: each asks, evaluates {@code f} and tells. Returns the number this call finished.
     */
    public int optimize(ObjectiveFunction f, int trials, int workers) throws IOException, StudyException {
        long finished = study.trials().stream().filter(Trial::finished).count();
        grow((int) Math.min(StudyConfig.MAX_TRIALS, finished + trials));
        int[] done = new int[1];
        java.util.concurrent.atomic.AtomicReference<Exception> error = new java.util.concurrent.atomic.AtomicReference<>();
        List<Thread> threads = new java.util.ArrayList<>();
        for (int w = 0; w < Math.max(1, workers); w++) {
            Thread th = new Thread(() -> {
                try {
                    while (error.get() == null) {
                        Optional<ActiveTrial> next = ask();
                        if (next.isEmpty()) return;
                        ActiveTrial t = next.get();
                        try {
                            tell(t, f.evaluate(t));
                        } catch (TrialPruned p) {
                            prune(t, p.getMessage());
                        } catch (Exception | StackOverflowError e) {
                            fail(t, e.getClass().getSimpleName() + ": " + e.getMessage());
                        }
                        synchronized (done) {
                            done[0]++;
                        }
                    }
                } catch (IOException e) {
                    error.compareAndSet(null, e);
                }
            }, "hrsnn-api-worker-" + w);
            threads.add(th);
            th.start();
        }
        for (Thread th : threads) {
            try {
                th.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted", e);
            }
        }
        if (error.get() instanceof IOException io) throw io;
        return done[0];
    }

    /** Raises the budget to {@code trials} if it is lower (written to the storage, so other workers see it). */
    private synchronized void grow(int trials) throws IOException, StudyException {
        if (trials <= study.config().trials()) return;
        study = study.withTrials(trials);
        if (runner != null) retired.add(runner); // its asked trials are told through it; closed with the study
        runner = null;
    }

    /** Every trial, frozen, in number order. */
    public List<FrozenTrial> trials() throws IOException {
        return study.trials().stream().map(FrozenTrial::of).toList();
    }

    public FrozenTrial trial(int number) throws IOException {
        return study.trials().stream().filter(t -> t.number() == number).findFirst().map(FrozenTrial::of).orElseThrow();
    }

    /** The complete trial with the best value (lowest, or highest when maximising), or empty. */
    public Optional<FrozenTrial> best() throws IOException {
        Comparator<FrozenTrial> byValue = Comparator.comparingDouble(FrozenTrial::value);
        return trials().stream().filter(t -> t.value() != null).min(maximize ? byValue.reversed() : byValue);
    }

    /** Gives back trials asked and not told (another worker re-runs them) and closes the storage connection. */
    @Override
    public void close() throws IOException {
        for (StudyRunner r : retired) r.close();
        if (runner != null) runner.close();
        study.close();
    }
}
