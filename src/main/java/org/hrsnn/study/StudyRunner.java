package org.hrsnn.study;

import com.fasterxml.jackson.databind.JsonNode;

import org.hrsnn.opt.Observation;
import org.hrsnn.opt.Sampler;
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
 * is being run by a live process of this host (trials of other hosts are waited for: see {@link Liveness}).
 * Each worker thread loops: re-claim a trial whose worker is gone (re-run with its recorded parameters and
 * seed), else read a snapshot, let the sampler propose from frozen snapshots of the finished trials and the
 * points of the running ones (outside any lock), and claim the next number with that point; evaluate it;
 * record the outcome. Every operation is one atomic {@link Storage} call, on disk (or committed) before the
 * trial goes on, so a crash loses at most the trial in progress, which the next run detects and re-runs.
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
    /** This machine's name as recorded with each run of a trial. */
    static final String HOST = Hosts.name();

    /**
     * How a worker tells that another worker is gone. Each process writes a heartbeat for the trials it runs
     * every {@code interval}; a trial claimed on another host whose last sign of life (claim, heartbeat or
     * intermediate result) is older than {@code grace} is re-run. On this host the process table is asked
     * instead, which is exact and immediate (a killed worker's trial is re-run at once, without waiting out
     * the grace period). Clocks of the hosts must agree to well within the grace period.
     */
    public record Liveness(Duration interval, Duration grace) {
        public Liveness {
            if (interval.isNegative() || interval.isZero() || grace.compareTo(interval) <= 0)
                throw new IllegalArgumentException("the heartbeat interval must be positive and shorter than the grace period, got " + interval + " and " + grace);
        }

        /** $HRSNN_HEARTBEAT seconds (default 30) and $HRSNN_HEARTBEAT_GRACE seconds (default 4 intervals). */
        public static Liveness fromEnvironment() {
            double interval = seconds("HRSNN_HEARTBEAT", 30);
            double grace = seconds("HRSNN_HEARTBEAT_GRACE", 4 * interval);
            return new Liveness(Duration.ofMillis((long) (interval * 1000)), Duration.ofMillis((long) (grace * 1000)));
        }

        private static double seconds(String variable, double dflt) {
            String v = System.getenv(variable);
            if (v == null || v.isBlank()) return dflt;
            try {
                double d = Double.parseDouble(v.strip());
                if (d > 0 && d <= 86_400) return d;
            } catch (NumberFormatException ignored) {
                // reported below
            }
            throw new IllegalArgumentException("$" + variable + " must be a number of seconds from above 0 to 86400, got '" + v + "'");
        }
    }

    private final Study study;
    private final Problem problem;
    private Sampler sampler;
    private Pruner pruner;
    /** For two-objective problems ({@link Problem#losses}): ParEGO instead of the sampler; null otherwise. */
    private final org.hrsnn.opt.moo.ParEgo pareto;
    private final Duration trialTimeout;
    private Liveness liveness = null; // read from the environment when the run starts, unless set

    public StudyRunner(Study study, Problem problem) {
        this(study, problem, null);
    }

    /** @param trialTimeout longest time one trial may take before it is recorded as failed (null: no limit) */
    public StudyRunner(Study study, Problem problem, Duration trialTimeout) {
        this.study = study;
        this.problem = problem;
        this.trialTimeout = trialTimeout;
        int initial = GpSampler.initialPoints(study.space().dimension(), study.config().trials(), study.config().initialPoints());
        // The proposer the study recorded: studies keep theirs when the default changes (none recorded: the default).
        JsonNode recorded = study.config().sampler() == null ? null : study.config().sampler().get("acquisition");
        try {
            this.sampler = recorded == null ? new GpSampler(study.config().seed(), initial, 0, AcquisitionOptimizer.Settings.DEFAULT)
                    : GpSampler.forRecorded(study.config().seed(), initial, recorded.isTextual() ? recorded.asText() : recorded.toString());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("study '" + study.config().name() + "' (study.json, field 'sampler.acquisition'): " + e.getMessage(), e);
        }
        this.pareto = study.config().objective() == Objective.PARETO ? new org.hrsnn.opt.moo.ParEgo(study.config().seed(), initial) : null;
        this.pruner = study.config().objective() == Objective.E_THEN_TASK ? PercentilePruner.DEFAULT : Pruner.NONE;
    }

    /** The sampler proposals come from (for tests). */
    Sampler sampler() {
        return sampler;
    }

    /** Replaces the sampler (default: GP-BO seeded by the study, with its initial quasi-random design). */
    public StudyRunner sampler(Sampler s) {
        this.sampler = s;
        return this;
    }

    /** Replaces the pruner (default: {@link PercentilePruner#DEFAULT} for the e-then-task objective, else none). */
    public StudyRunner pruner(Pruner p) {
        this.pruner = p;
        return this;
    }

    /** How long a worker took to get trial {@code trial}: snapshot, proposal and claim (for benchmarks). */
    public record ClaimTime(int trial, double seconds) {}

    private final java.util.Queue<ClaimTime> claimTimes = new java.util.concurrent.ConcurrentLinkedQueue<>();

    /** The claims of this runner so far, as its workers saw them. */
    public List<ClaimTime> claimTimes() {
        return List.copyOf(claimTimes);
    }

    /** Sets how workers tell that others are gone (for tests; else from the environment). */
    public StudyRunner liveness(Liveness l) {
        this.liveness = l;
        return this;
    }

    /** Whether the worker of an unfinished trial is gone at {@code now}: its trial may be re-run. */
    static boolean gone(Storage.Lease lease, java.time.Instant now, Duration grace) {
        Trial t = lease.trial();
        if (t.state() != Trial.State.RUNNING) return true; // created but never started, or released
        if (SELF.equals(t.owner())) return false;
        if (lease.host() == null || lease.host().equals(HOST)) return !alive(t.owner()); // this host (or a journal from before hosts): exact
        return lease.lastSeen() == null || Duration.between(lease.lastSeen(), now).compareTo(grace) > 0;
    }

    /** A trial whose worker process died this many times (killed, or out of memory) is recorded as failed, not re-run. */
    static final int MAX_WORKER_DEATHS = 2;

    /** Trials this process has claimed and not yet recorded, released (not counted as deaths) when it stops. */
    private final java.util.Set<Integer> claimed = java.util.concurrent.ConcurrentHashMap.newKeySet();
    private volatile boolean stopping;
    private volatile long deadline = Long.MAX_VALUE; // System.nanoTime() at which this run stops claiming

    /**
     * Runs with {@code workers} threads; returns the number of trials this call finished. A worker that dies
     * (any error not recorded as a failed trial) stops the run with an IOException naming it, so the process
     * exits non-zero. When the process is stopped (Ctrl-C), the trials it was running are released: the next
     * run re-runs them without counting a death.
     */
    public int run(Duration timeout, int workers, Listener listener) throws IOException {
        long deadline = timeout == null ? Long.MAX_VALUE : System.nanoTime() + timeout.toNanos();
        this.deadline = deadline;
        AtomicReference<Throwable> error = new AtomicReference<>();
        int[] done = new int[1];
        long start = System.nanoTime();
        List<Thread> threads = new ArrayList<>();
        if (liveness == null) liveness = Liveness.fromEnvironment();
        Thread release = new Thread(this::release, "hrsnn-release");
        Runtime.getRuntime().addShutdownHook(release);
        var beats = java.util.concurrent.Executors.newSingleThreadScheduledExecutor(r -> {
            Thread th = new Thread(r, "hrsnn-heartbeat");
            th.setDaemon(true);
            return th;
        });
        long every = liveness.interval().toMillis();
        beats.scheduleWithFixedDelay(this::heartbeat, every, every, java.util.concurrent.TimeUnit.MILLISECONDS);
        for (int w = 0; w < Math.max(1, workers); w++) {
            Thread t = new Thread(() -> {
                try {
                    while (System.nanoTime() < deadline && error.get() == null) {
                        long c0 = System.nanoTime();
                        Trial claimed = claim();
                        if (claimed == null) return;
                        claimTimes.add(new ClaimTime(claimed.number(), (System.nanoTime() - c0) / 1e9));
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
            beats.shutdownNow();
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

    /**
     * Claims the next trial for the caller (the ask of ask-and-tell): a stale or enqueued trial with its
     * parameters and seed, else a new point from the sampler; null when the budget is met or every remaining
     * trial is being run. The caller evaluates it and reports with {@link #tell}. Heartbeats for the trials
     * asked for are written from then on, until {@link #close}.
     */
    public synchronized Trial ask() throws IOException {
        if (liveness == null) liveness = Liveness.fromEnvironment();
        if (askBeats == null) {
            askBeats = java.util.concurrent.Executors.newSingleThreadScheduledExecutor(r -> {
                Thread th = new Thread(r, "hrsnn-heartbeat");
                th.setDaemon(true);
                return th;
            });
            long every = liveness.interval().toMillis();
            askBeats.scheduleWithFixedDelay(this::heartbeat, every, every, java.util.concurrent.TimeUnit.MILLISECONDS);
        }
        return claim();
    }

    private java.util.concurrent.ScheduledExecutorService askBeats;

    /** Records an intermediate result of an asked trial and returns why it should stop (the pruner's verdict), or null. */
    public String report(Trial t, Map<String, Object> metrics, double value, double seconds) throws IOException {
        study.storage().intermediate(t.number(), metrics, seconds);
        return Double.isFinite(value) ? pruner.prune(t.number(), value, study.trials(), problem.stageMetric()) : null;
    }

    /** Records the outcome of an asked trial (the tell); false when it already had one (the first outcome stands). */
    public boolean tell(Trial t, Problem.Outcome o, double seconds) throws IOException {
        boolean written = study.storage().finish(t.number(), o.state(), o.metrics(), o.reason(), seconds);
        claimed.remove(t.number());
        return written;
    }

    /**
     * Adds a trial with these parameters, to be run before any new point is proposed (by a worker of this or
     * any other process); null when the budget is full.
     */
    public Trial enqueue(Map<String, Object> params) throws IOException {
        double[] unit = study.space().toUnit(params);
        return study.storage().enqueue(study.config().trials(), new Storage.Proposal(-1, study.space().fromUnit(unit), unit, this::seed));
    }

    /** Stops the heartbeats of asked trials and gives back those not told (re-run by the next worker without counting a death). */
    public synchronized void close() throws IOException {
        if (askBeats != null) askBeats.shutdownNow();
        askBeats = null;
        study.storage().release(java.util.Set.copyOf(claimed));
        claimed.clear();
    }

    /** Tells the storage this process still runs its trials; a failed beat is retried at the next one. */
    private void heartbeat() {
        try {
            study.storage().heartbeat(java.util.Set.copyOf(claimed), new Storage.Worker(SELF, "heartbeat", HOST));
        } catch (IOException | RuntimeException e) {
            // the storage is unreachable for now: if it stays so past the grace period, the trials are re-run elsewhere
        }
    }

    /** At shutdown: marks this process's unfinished trials as released, so they are re-run without counting a death. */
    private void release() {
        stopping = true;
        if (claimed.isEmpty()) return;
        try {
            study.storage().release(java.util.Set.copyOf(claimed));
        } catch (IOException | RuntimeException ignored) {
            // the trials stay running; the next run re-runs them, counting a death
        }
    }

    /** How many processes died running trial {@code number}: its "running" events since it was last released. */
    static int deaths(List<Journal.Event> events, int number) {
        return EventStorage.deaths(events, number);
    }

    /** This worker thread, as recorded with the trials it runs. */
    private static Storage.Worker worker() {
        return new Storage.Worker(SELF, Thread.currentThread().getName(), HOST);
    }

    /**
     * The trial this worker runs next, or null: a trial whose process is gone (re-run with its parameters and
     * seed), else a new one. The new point is proposed from a snapshot outside any lock, then claimed for the
     * number it was proposed for; if other workers claimed trials meanwhile, it is proposed again with those
     * pending ({@link #MAX_RACES} times; then it takes the next free number, its seed following the number).
     * The default point is proposed only for trial 0, and dropped if another worker claimed 0 first.
     */
    private Trial claim() throws IOException {
        Storage storage = study.storage();
        int budget = study.config().trials();
        int raced = 0; // proposals lost because another worker claimed a trial meanwhile
        while (true) {
            if (stopping) return null;
            java.time.Instant now = java.time.Instant.now();
            Trial stale = storage.claimStale(worker(), budget, MAX_WORKER_DEATHS, l -> gone(l, now, liveness.grace()));
            if (stale != null) {
                claimed.add(stale.number());
                return stale;
            }
            Trial t;
            boolean waitForOthers = false;
            if (LOCAL_PROPOSALS) proposals.lock();
            try {
                List<Trial> trials = storage.trials();
                long busy = trials.stream().filter(x -> x.finished() || x.state() == Trial.State.RUNNING).count();
                if (busy >= budget || stopping) {
                    if (stopping || System.nanoTime() >= deadline || !suspect(storage)) return null;
                    waitForOthers = true;
                    t = null;
                } else {
                    int n = trials.size();
                    Storage.Proposal p;
                    if (n == 0 && study.config().enqueueDefaults()) {
                        Map<String, Object> params = study.space().defaultValues();
                        p = new Storage.Proposal(0, params, study.space().toUnit(params), this::seed);
                    } else {
                        List<Observation> seen = new ArrayList<>();
                        List<double[]> pending = new ArrayList<>(), xs = new ArrayList<>(), fs = new ArrayList<>();
                        for (Trial x : trials) {
                            if (x.finished()) {
                                seen.add(observation(x));
                                double[] f = pareto == null ? null : problem.losses(x);
                                xs.add(x.unit());
                                fs.add(f != null && Double.isFinite(f[0]) && Double.isFinite(f[1]) ? f : null);
                            } else {
                                pending.add(x.unit());
                            }
                        }
                        double[] unit = pareto != null ? pareto.suggest(study.space(), n, xs, fs, pending) : sampler.suggest(study.space(), n, seen, pending);
                        // Claimed for number n only: if another worker claimed a trial meanwhile, propose again with it
                        // pending (twice at most; then any number will do, so a worker is never starved).
                        p = new Storage.Proposal(raced < MAX_RACES ? n : -1, study.space().fromUnit(unit), unit, this::seed);
                    }
                    t = storage.claimNew(worker(), budget, p);
                }
            } finally {
                if (LOCAL_PROPOSALS) proposals.unlock();
            }
            if (waitForOthers) {
                sleep(liveness.interval()); // a trial on another host: wait for its outcome, or re-run it once it is stale
                continue;
            }
            if (t != null) {
                claimed.add(t.number());
                return t;
            }
            raced++; // the budget filled up, or the number was taken meanwhile: look again
        }
    }

    /**
     * Whether an unfinished trial runs on another host: only its heartbeat tells whether its worker lives, and a
     * worker killed just now still looks alive for the grace period, so a worker with nothing else to do waits
     * until the trial finishes or is found stale (and re-runs it), rather than leave the budget unmet.
     */
    private boolean suspect(Storage storage) throws IOException {
        for (Storage.Lease l : storage.leases())
            if (l.trial().state() == Trial.State.RUNNING && l.host() != null && !l.host().equals(HOST)) return true;
        return false;
    }

    private static void sleep(Duration d) throws IOException {
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }

    /**
     * Whether the threads of one process take turns to propose (a lock of this runner, never the storage's): they
     * share the process's cores, so proposing at once only splits them, and a proposal made while another thread
     * of the process proposes from the same snapshot is lost to it. Workers of other processes never wait for it.
     * {@code -Dhrsnn.proposals=parallel} lets them propose at once (for the measurement in docs/performance.md).
     */
    static final boolean LOCAL_PROPOSALS = !"parallel".equals(System.getProperty("hrsnn.proposals"));
    private final java.util.concurrent.locks.ReentrantLock proposals = new java.util.concurrent.locks.ReentrantLock();

    /** Proposals a worker makes again because others claimed trials meanwhile, before it takes any free number. */
    static final int MAX_RACES = Integer.getInteger("hrsnn.proposalRetries", 2); // -D for the measurement in docs/performance.md

    private long seed(int number) {
        return Seeds.derive(study.config().seed(), number);
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
            // it may have finished just before the timeout: then that outcome stands
            study.storage().finish(t.number(), Trial.State.FAILED, null, "timed out after " + trialTimeout.toSeconds() + " s", (System.nanoTime() - t0) / 1e9);
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
                record(t, null, metrics, null, t0);
                return Double.isFinite(value) ? pruner.prune(t.number(), value, study.trials(), problem.stageMetric()) : null;
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
        record(t, o.state(), o.metrics(), o.reason(), t0);
        return study.trials().stream().filter(x -> x.number() == t.number()).findFirst().orElseThrow();
    }

    /** The {@code p} quantile of sorted values (see {@link PercentilePruner}). */
    static double percentile(double[] sorted, double p) {
        return PercentilePruner.percentile(sorted, p);
    }

    /** Records an intermediate result ({@code outcome} null) or the outcome; the first outcome stands. */
    private void record(Trial t, Trial.State outcome, Map<String, Object> metrics, String reason, long t0) throws IOException {
        if (Thread.currentThread().isInterrupted()) return; // a trial that timed out: the timeout path records it
        double seconds = (System.nanoTime() - t0) / 1e9;
        if (outcome == null) {
            study.storage().intermediate(t.number(), metrics, seconds);
            return;
        }
        study.storage().finish(t.number(), outcome, metrics, reason, seconds);
        claimed.remove(t.number());
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
