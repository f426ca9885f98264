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
    }

    /** Runs with {@code workers} threads; returns the number of trials this call finished. */
    public int run(Duration timeout, int workers, Listener listener) throws IOException {
        long deadline = timeout == null ? Long.MAX_VALUE : System.nanoTime() + timeout.toNanos();
        AtomicReference<IOException> error = new AtomicReference<>();
        int[] done = new int[1];
        long start = System.nanoTime();
        List<Thread> threads = new ArrayList<>();
        for (int w = 0; w < Math.max(1, workers); w++) {
            Thread t = new Thread(() -> {
                try {
                    while (System.nanoTime() < deadline) {
                        Trial claimed = claim();
                        if (claimed == null) return;
                        Trial finished = evaluate(claimed);
                        synchronized (done) {
                            done[0]++;
                            if (listener != null)
                                listener.finished(finished, study.trials(), study.config().trials(), new Pace(done[0], (System.nanoTime() - start) / 1e9, Math.max(1, workers)));
                        }
                    }
                } catch (IOException e) {
                    error.compareAndSet(null, e);
                }
            }, "hrsnn-worker-" + w);
            threads.add(t);
            t.start();
        }
        for (Thread t : threads) {
            try {
                t.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted", e);
            }
        }
        if (error.get() != null) throw error.get();
        return done[0];
    }

    private Trial claim() throws IOException {
        return study.journal().locked(session -> {
            List<Trial> trials = TrialStates.replay(session.events());
            long finished = trials.stream().filter(Trial::finished).count();
            int budget = study.config().trials();
            if (finished >= budget) return null;
            for (Trial t : trials)
                if ((t.state() == Trial.State.RUNNING || t.state() == Trial.State.CREATED) && !alive(t.owner())) {
                    session.append("running", t.number(), Study.JSON.createObjectNode().put("owner", SELF).put("worker", Thread.currentThread().getName()).put("rerun", true));
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
                List<double[]> pending = new ArrayList<>();
                for (Trial t : trials) {
                    if (t.finished()) seen.add(observation(t));
                    else pending.add(t.unit());
                }
                unit = sampler.suggest(study.space(), n, seen, pending);
                params = study.space().fromUnit(unit);
            }
            long seed = Seeds.derive(study.config().seed(), n);
            ObjectNode created = Study.JSON.createObjectNode();
            created.set("params", Study.JSON.valueToTree(params));
            created.set("unit", Study.JSON.valueToTree(unit));
            created.put("seed", seed);
            session.append("created", n, created);
            session.append("running", n, Study.JSON.createObjectNode().put("owner", SELF).put("worker", Thread.currentThread().getName())); // the worker: for the report's timeline
            return new Trial(n, Trial.State.RUNNING, params, unit, seed, Map.of(), null, SELF, 0, null);
        });
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
                boolean finished = TrialStates.replay(s.events()).stream().anyMatch(x -> x.number() == t.number() && x.finished());
                if (!finished) s.append("failed", t.number(), body); // it may have finished just before the timeout
                return null;
            });
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
            o = new Problem.Outcome(Trial.State.FAILED, Map.of(), e.getClass().getSimpleName() + ": " + e.getMessage());
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
            s.append(kind, t.number(), body);
            return null;
        });
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
