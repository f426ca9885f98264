package org.hrsnn.study;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.hrsnn.opt.Observation;
import org.hrsnn.opt.gp.AcquisitionOptimizer;
import org.hrsnn.opt.gp.GpSampler;
import org.hrsnn.random.Seeds;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Runs a study until its budget of finished trials is reached, the time is up, or every remaining trial
 * is being run by a live process. Each worker thread loops: under the journal lock, claim a trial (a
 * trial left RUNNING by a dead process is re-run with its recorded parameters and seed; otherwise the
 * next number, its point from the sampler, which sees frozen snapshots of the finished trials and the
 * points of the running ones); evaluate it outside the lock; record the outcome under the lock. Every
 * event is on disk before the trial goes on, so a crash loses at most the trial in progress, which the
 * next run detects and re-runs.
 */
public final class StudyRunner {
    /** Told after each finished trial; called from worker threads, one at a time. */
    public interface Listener {
        void finished(Trial trial, List<Trial> all, int budget, Pace pace);
    }

    /**
     * How fast this run finishes trials: {@code finished} trials in {@code elapsedSeconds} of wall time, by
     * {@code workers} threads.
     */
    public record Pace(int finished, double elapsedSeconds, int workers) {
        /** Wall time per finished trial: the workers share it, so it is a trial's own time divided by about the worker count. */
        public double wallSecondsPerTrial() {
            return finished == 0 ? Double.NaN : elapsedSeconds / finished;
        }

        /** A trial's own time (what one worker spends on it), estimated from the wall time per trial. */
        public double secondsPerTrial() {
            return wallSecondsPerTrial() * workers;
        }

        /** Seconds until {@code remaining} more trials are finished at this pace (the workers in parallel: counted once). */
        public double etaSeconds(long remaining) {
            return Math.max(0, remaining) * wallSecondsPerTrial();
        }
    }

    /** This process, as written in "running" events: pid and start time, so a reused pid is not mistaken. */
    static final String SELF = ProcessHandle.current().pid() + "@" + ProcessHandle.current().info().startInstant().map(Object::toString).orElse("?");

    private final Study study;
    private final Problem problem;
    private final GpSampler sampler;
    /** For two-objective problems ({@link Problem#losses}); null otherwise. */
    private final org.hrsnn.opt.moo.ParEgo pareto;
    private final Duration trialTimeout;

    public StudyRunner(Study study, Problem problem) {
        this(study, problem, null);
    }

    /** @param trialTimeout longest time one trial may take before it is recorded as failed (null: no limit) */
    public StudyRunner(Study study, Problem problem, Duration trialTimeout) {
        this.study = study;
        this.problem = problem;
        this.trialTimeout = trialTimeout;
        int initial = GpSampler.initialPoints(study.space().dimension(), study.config().trials(), study.config().initialPoints());
        this.sampler = new GpSampler(study.config().seed(), initial, 0, AcquisitionOptimizer.Settings.DEFAULT);
        this.pareto = study.config().objective() == Objective.PARETO ? new org.hrsnn.opt.moo.ParEgo(study.config().seed(), initial) : null;
    }

    /** A trial whose worker process died this many times (killed, or out of memory) is recorded as failed, not re-run. */
    static final int MAX_WORKER_DEATHS = 2;

    /** Trials this process has claimed and not yet recorded, released (not counted as deaths) when it stops. */
    private final java.util.Set<Integer> claimed = java.util.concurrent.ConcurrentHashMap.newKeySet();
    private volatile boolean stopping;

    /**
     * Runs with {@code workers} threads; returns the number of trials this call finished. A worker that dies
     * (any error not recorded as a failed trial) stops the run with an IOException naming it, so the process
     * exits non-zero. When the process is stopped (Ctrl-C), the trials it was running are released: the next
     * run re-runs them without counting a death.
     */
    public int run(Duration timeout, int workers, Listener listener) throws IOException {
        long deadline = timeout == null ? Long.MAX_VALUE : System.nanoTime() + timeout.toNanos();
        AtomicReference<Throwable> error = new AtomicReference<>();
        int[] done = new int[1];
        long start = System.nanoTime();
        List<Thread> threads = new ArrayList<>();
        Thread release = new Thread(this::release, "hrsnn-release");
        Runtime.getRuntime().addShutdownHook(release);
        for (int w = 0; w < Math.max(1, workers); w++) {
            Thread t = new Thread(() -> {
                try {
                    while (System.nanoTime() < deadline && error.get() == null) {
                        Trial claimed = claim();
                        if (claimed == null) return;
                        Trial finished = evaluate(claimed);
                        synchronized (done) {
                            done[0]++;
                            if (listener != null)
                                listener.finished(finished, study.trials(), study.config().trials(), new Pace(done[0], (System.nanoTime() - start) / 1e9, Math.max(1, workers)));
                        }
                    }
                } catch (Throwable e) {
                    error.compareAndSet(null, e);
                }
            }, "hrsnn-worker-" + w);
            threads.add(t);
            t.start();
        }
        try {
            for (Thread t : threads) t.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        } finally {
            try {
                Runtime.getRuntime().removeShutdownHook(release);
            } catch (IllegalStateException shuttingDown) {
                // the hook is running or has run
            }
        }
        Throwable e = error.get();
        if (e instanceof IOException io) throw io;
        if (e != null) throw new IOException("a worker died: " + e, e);
        return done[0];
    }

    /** At shutdown: marks this process's unfinished trials as released, so they are re-run without counting a death. */
    private void release() {
        stopping = true;
        if (claimed.isEmpty()) return;
        try {
            study.journal().locked(s -> {
                for (Trial t : Study.replay(study.journal(), s.events()))
                    if (claimed.contains(t.number()) && !t.finished()) s.append("released", t.number(), Study.JSON.createObjectNode());
                return null;
            });
        } catch (IOException | RuntimeException ignored) {
            // the trials stay running; the next run re-runs them, counting a death
        }
    }

    /** How many processes died running trial {@code number}: its "running" events since it was last released. */
    static int deaths(List<Journal.Event> events, int number) {
        int n = 0;
        for (Journal.Event e : events)
            if (e.trial() == number) {
                if (e.kind().equals("running")) n++;
                else if (e.kind().equals("released")) n = 0;
            }
        return n;
    }

    private Trial claim() throws IOException {
        return study.journal().locked(this::claimNext);
    }

    /** Under the journal lock: the trial this worker runs next, or null. */
    private Trial claimNext(Journal.Session session) throws IOException {
        {
            List<Trial> trials = Study.replay(study.journal(), session.events());
            long finished = trials.stream().filter(Trial::finished).count();
            int budget = study.config().trials();
            if (finished >= budget || stopping) return null;
            for (Trial t : trials)
                if ((t.state() == Trial.State.RUNNING || t.state() == Trial.State.CREATED) && !alive(t.owner())) {
                    int deaths = deaths(session.events(), t.number());
                    if (deaths >= MAX_WORKER_DEATHS) { // a poison trial: it would kill every run that resumes it
                        session.append("failed", t.number(), Study.JSON.createObjectNode().put("reason", "its worker process died " + deaths
                                + " times while running it (killed, or out of memory); not re-run").put("seconds", 0.0));
                        return claimNext(session);
                    }
                    session.append("running", t.number(), Study.JSON.createObjectNode().put("owner", SELF).put("worker", Thread.currentThread().getName()).put("rerun", true));
                    claimed.add(t.number());
                    return t;
                }
            long running = trials.stream().filter(t -> t.state() == Trial.State.RUNNING).count();
            if (finished + running >= budget) return null;
            int n = trials.size();
            Map<String, Object> params;
            double[] unit;
            if (n == 0 && study.config().enqueueDefaults()) {
                params = study.space().defaultValues();
                unit = study.space().toUnit(params);
            } else {
                List<Observation> seen = new ArrayList<>();
                List<double[]> pending = new ArrayList<>(), xs = new ArrayList<>(), fs = new ArrayList<>();
                for (Trial t : trials) {
                    if (t.finished()) {
                        seen.add(observation(t));
                        double[] f = pareto == null ? null : problem.losses(t);
                        xs.add(t.unit());
                        fs.add(f != null && Double.isFinite(f[0]) && Double.isFinite(f[1]) ? f : null);
                    } else {
                        pending.add(t.unit());
                    }
                }
                unit = pareto != null ? pareto.suggest(study.space(), n, xs, fs, pending) : sampler.suggest(study.space(), n, seen, pending);
                params = study.space().fromUnit(unit);
            }
            long seed = Seeds.derive(study.config().seed(), n);
            ObjectNode created = Study.JSON.createObjectNode();
            created.set("params", Study.JSON.valueToTree(params));
            created.set("unit", Study.JSON.valueToTree(unit));
            created.put("seed", seed);
            session.append("created", n, created);
            session.append("running", n, Study.JSON.createObjectNode().put("owner", SELF).put("worker", Thread.currentThread().getName())); // the worker: for the report's timeline
            claimed.add(n);
            return new Trial(n, Trial.State.RUNNING, params, unit, seed, Map.of(), null, SELF, 0, null);
        }
    }

    /** What the sampler sees of a finished trial: the problem's loss, or a failure. */
    Observation observation(Trial t) {
        double v = problem.loss(t);
        return Double.isFinite(v) ? Observation.of(t.unit(), v) : Observation.failure(t.unit());
    }

    private Trial evaluate(Trial t) throws IOException {
        if (trialTimeout == null) return evaluateNow(t);
        var pool = java.util.concurrent.Executors.newSingleThreadExecutor(r -> {
            Thread th = new Thread(r, "hrsnn-trial-" + t.number());
            th.setDaemon(true);
            return th;
        });
        long t0 = System.nanoTime();
        try {
            return pool.submit(() -> evaluateNow(t)).get(trialTimeout.toNanos(), java.util.concurrent.TimeUnit.NANOSECONDS);
        } catch (java.util.concurrent.TimeoutException e) {
            pool.shutdownNow(); // interrupts the simulation, which stops at its next check and records nothing
            ObjectNode body = Study.JSON.createObjectNode();
            body.put("reason", "timed out after " + trialTimeout.toSeconds() + " s").put("seconds", (System.nanoTime() - t0) / 1e9);
            study.journal().locked(s -> {
                boolean finished = Study.replay(study.journal(), s.events()).stream().anyMatch(x -> x.number() == t.number() && x.finished());
                if (!finished) s.append("failed", t.number(), body); // it may have finished just before the timeout
                return null;
            });
            claimed.remove(t.number());
            return study.trials().stream().filter(x -> x.number() == t.number()).findFirst().orElseThrow();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        } catch (java.util.concurrent.ExecutionException e) {
            if (e.getCause() instanceof IOException io) throw io;
            throw new IOException(e.getCause());
        } finally {
            pool.shutdownNow();
        }
    }

    private Trial evaluateNow(Trial t) throws IOException {
        long t0 = System.nanoTime();
        Problem.Outcome o;
        try {
            o = problem.evaluate(t.params(), t.seed(), (metrics, value) -> {
                record(t, "intermediate", metrics, null, t0);
                return study.config().objective() == Objective.E_THEN_TASK && Double.isFinite(value) ? pruneAbovePercentile(t.number(), value) : null;
            });
        } catch (RuntimeException e) {
            o = new Problem.Outcome(Trial.State.FAILED, Map.of(), e instanceof IllegalArgumentException && e.getMessage() != null ? e.getMessage()
                    : e.getClass().getSimpleName() + ": " + e.getMessage());
        } catch (OutOfMemoryError e) { // the trial's arrays are garbage now: record it and go on
            o = new Problem.Outcome(Trial.State.FAILED, Map.of(), "out of memory (Java heap of " + Runtime.getRuntime().maxMemory() / (1 << 20)
                    + " MiB; give Java more with -Xmx, as in HRSNN_JAVA_OPTS=-Xmx8g, or run fewer workers)");
        } catch (StackOverflowError e) {
            o = new Problem.Outcome(Trial.State.FAILED, Map.of(), "stack overflow");
        }
        record(t, o.state().name().toLowerCase(java.util.Locale.ROOT), o.metrics(), o.reason(), t0);
        return study.trials().stream().filter(x -> x.number() == t.number()).findFirst().orElseThrow();
    }

    /** Trials with a first-stage value the pruner needs before it prunes. */
    static final int PRUNER_STARTUP = 5;
    static final double PRUNER_PERCENTILE = 0.9;

    /**
     * The percentile pruner: why trial {@code number}, whose first-stage value is {@code v}, should stop, or
     * null. It stops when v is above the 90th percentile (linear interpolation between order statistics, as
     * numpy's and Optuna's) of the first-stage values of the other trials (finished or running), once 5 of
     * them have one.
     */
    private String pruneAbovePercentile(int number, double v) throws IOException {
        double[] es = study.trials().stream().filter(x -> x.number() != number).map(x -> x.metric(problem.stageMetric()))
                .filter(x -> x != null && Double.isFinite(x)).mapToDouble(Double::doubleValue).sorted().toArray();
        if (es.length < PRUNER_STARTUP) return null;
        double q = percentile(es, PRUNER_PERCENTILE);
        return v > q ? String.format("first-stage value %.4g is above the 90th percentile %.4g of %d other trials", v, q, es.length) : null;
    }

    /** The {@code p} quantile of sorted values, interpolated linearly between order statistics (numpy's default). */
    static double percentile(double[] sorted, double p) {
        double h = (sorted.length - 1) * p;
        int lo = (int) Math.floor(h), hi = Math.min(lo + 1, sorted.length - 1);
        return sorted[lo] + (h - lo) * (sorted[hi] - sorted[lo]);
    }

    private void record(Trial t, String kind, Map<String, Object> metrics, String reason, long t0) throws IOException {
        if (Thread.currentThread().isInterrupted()) return; // a trial that timed out: the timeout path records it
        ObjectNode body = Study.JSON.createObjectNode();
        body.set("metrics", Study.JSON.valueToTree(metrics));
        if (reason != null) body.put("reason", reason);
        body.put("seconds", (System.nanoTime() - t0) / 1e9);
        study.journal().locked(s -> {
            // First outcome stands: a trial that timed out (recorded failed) is not recorded again.
            boolean finished = Study.replay(study.journal(), s.events()).stream().anyMatch(x -> x.number() == t.number() && x.finished());
            if (!finished) s.append(kind, t.number(), body);
            return null;
        });
        if (!kind.equals("intermediate")) claimed.remove(t.number());
    }

    /** Whether the process that wrote {@code owner} ("pid@start") is still running. */
    static boolean alive(String owner) {
        if (owner == null || owner.isEmpty()) return false;
        if (owner.equals(SELF)) return true;
        int at = owner.indexOf('@');
        try {
            long pid = Long.parseLong(at < 0 ? owner : owner.substring(0, at));
            String start = at < 0 ? "" : owner.substring(at + 1);
            return ProcessHandle.of(pid).map(h -> h.isAlive() && h.info().startInstant().map(Object::toString).orElse("?").equals(start)).orElse(false);
        } catch (NumberFormatException e) {
            return false;
        }
    }
}
