package org.hrsnn.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.hrsnn.opt.ReferenceProblem;
import org.hrsnn.opt.SearchSpace;
import org.hrsnn.study.Objective;
import org.hrsnn.study.Problem;
import org.hrsnn.study.StorageUrl;
import org.hrsnn.study.Study;
import org.hrsnn.study.StudyConfig;
import org.hrsnn.study.StudyRunner;
import org.hrsnn.study.Trial;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * Parallel workers on one study: a reference problem whose evaluation sleeps {@code sleep} seconds (standing
 * for a slow trial), run by 1 worker and by {@code workers} workers to the same budget, side by side for each
 * seed. Reports the wall time of each and their ratio, the simple regret after the budget (the best value
 * minus the known minimum: equal evaluations, so parallel proposals made with trials still pending are
 * compared with sequential ones), and the time workers took to get a trial (snapshot, GP proposal, claim).
 */
public final class WorkerBenchmark {
    private WorkerBenchmark() {}

    private static final ObjectMapper JSON = new ObjectMapper();

    /** One run: wall seconds, regret after the budget, and the claim times by trial number. */
    public record Run(double seconds, double regret, List<StudyRunner.ClaimTime> claims) {}

    /** A study of {@code p} in {@code storage} run by {@code workers} threads to {@code trials} finished trials. */
    public static Run run(ReferenceProblem p, StorageUrl storage, String name, int trials, int workers, double sleep, long seed) throws Exception {
        Study s = Study.create(storage, config(p, name, trials, seed), (c, sp) -> {});
        SearchSpace space = p.space();
        Problem sleeping = new Problem() {
            public Outcome evaluate(Map<String, Object> params, long trialSeed, Checkpoint checkpoint) {
                try {
                    Thread.sleep(Math.round(sleep * 1000));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return new Outcome(Trial.State.FAILED, Map.of(), "interrupted");
                }
                return new Outcome(Trial.State.COMPLETE, Map.of("e", p.value(space.toUnit(params))), null);
            }

            public String stageMetric() {
                return "e";
            }

            public double loss(Trial t) {
                Double e = t.metric("e");
                return e == null ? Double.NaN : e;
            }
        };
        StudyRunner runner = new StudyRunner(s, sleeping);
        long t0 = System.nanoTime();
        runner.run(null, workers, null);
        double seconds = (System.nanoTime() - t0) / 1e9;
        double best = s.trials().stream().filter(t -> t.state() == Trial.State.COMPLETE).mapToDouble(t -> t.metric("e")).min().orElse(Double.NaN);
        s.close();
        return new Run(seconds, best - p.minimum(), runner.claimTimes());
    }

    static StudyConfig config(ReferenceProblem p, String name, int trials, long seed) {
        ObjectNode space = JSON.createObjectNode().put("format", "hrsnn-search-space").put("version", 1).put("name", p.name());
        ArrayNode ps = space.putArray("parameters");
        for (int d = 0; d < p.dimension(); d++)
            ps.addObject().put("name", "x" + d).put("type", "float").put("low", p.lower()[d]).put("high", p.upper()[d]);
        return new StudyConfig(name, p.name() + " (bench workers)", space, "reference", Objective.E, seed, trials, -1, false,
                java.time.Instant.now().toString(), "hrsnn bench workers", JSON.createObjectNode(), null);
    }

    /** Runs every seed with 1 and with {@code workers} workers (in a temporary folder unless {@code storage} is given) and prints both. */
    public static void run(ReferenceProblem p, StorageUrl storage, int trials, int workers, double sleep, int seeds, PrintStream out) throws Exception {
        Path tmp = storage == null ? Files.createTempDirectory("hrsnn-bench-workers") : null;
        StorageUrl where = storage == null ? StorageUrl.journal(tmp) : storage;
        out.printf("%s, %d trials, objective sleeps %.2f s; storage %s%n", p.name(), trials, sleep, storage == null ? "journal (temporary folder)" : where);
        out.printf("%4s  %12s  %12s  %7s  %14s  %14s%n", "seed", "1 worker s", workers + " workers s", "speedup", "regret 1", "regret " + workers);
        List<Double> speedups = new ArrayList<>(), r1 = new ArrayList<>(), rn = new ArrayList<>();
        List<StudyRunner.ClaimTime> claims = new ArrayList<>();
        String tag = Long.toHexString(System.nanoTime());
        try {
            for (int k = 0; k < seeds; k++) {
                long seed = k + 1;
                Run one = run(p, where, "bench-" + tag + "-s" + seed + "-w1", trials, 1, sleep, seed);
                Run many = run(p, where, "bench-" + tag + "-s" + seed + "-w" + workers, trials, workers, sleep, seed);
                speedups.add(one.seconds() / many.seconds());
                r1.add(one.regret());
                rn.add(many.regret());
                claims.addAll(many.claims());
                out.printf("%4d  %12.1f  %12.1f  %6.2fx  %14.4g  %14.4g%n", seed, one.seconds(), many.seconds(), one.seconds() / many.seconds(), one.regret(), many.regret());
                out.flush();
            }
        } finally {
            if (tmp != null) delete(tmp);
        }
        out.printf("speedup: median %.2fx, min %.2fx over %d seeds%n", median(speedups), speedups.stream().mapToDouble(d -> d).min().orElse(Double.NaN), seeds);
        out.printf("log10 regret after %d trials: 1 worker median %.3f (quartiles %.3f .. %.3f); %d workers median %.3f (quartiles %.3f .. %.3f)%n", trials,
                median(log10(r1)), quantile(log10(r1), 0.25), quantile(log10(r1), 0.75), workers, median(log10(rn)), quantile(log10(rn), 0.25), quantile(log10(rn), 0.75));
        claims.sort(Comparator.comparingInt(StudyRunner.ClaimTime::trial));
        for (int[] band : new int[][] {{0, 10}, {Math.max(0, trials / 2 - 5), trials / 2 + 5}, {Math.max(0, trials - 10), trials}}) {
            List<Double> in = claims.stream().filter(c -> c.trial() >= band[0] && c.trial() < band[1]).map(StudyRunner.ClaimTime::seconds).toList();
            if (!in.isEmpty())
                out.printf("time for a worker to get a trial (%d workers), trials %d-%d: median %.3f s, max %.3f s%n", workers, band[0], band[1] - 1, median(in),
                        in.stream().mapToDouble(d -> d).max().orElse(Double.NaN));
        }
    }

    private static List<Double> log10(List<Double> xs) {
        return xs.stream().map(x -> Math.log10(Math.max(x, 1e-12))).toList();
    }

    static double median(List<Double> xs) {
        return quantile(xs, 0.5);
    }

    static double quantile(List<Double> xs, double q) {
        if (xs.isEmpty()) return Double.NaN;
        double[] a = xs.stream().mapToDouble(d -> d).sorted().toArray();
        double h = (a.length - 1) * q;
        int lo = (int) Math.floor(h), hi = Math.min(lo + 1, a.length - 1);
        return a[lo] + (h - lo) * (a[hi] - a[lo]);
    }

    private static void delete(Path dir) throws IOException {
        try (var s = Files.walk(dir)) {
            List<Path> all = new ArrayList<>(s.toList());
            all.sort(Comparator.reverseOrder());
            for (Path x : all) Files.deleteIfExists(x);
        }
    }
}
