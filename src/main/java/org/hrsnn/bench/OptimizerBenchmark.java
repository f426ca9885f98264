package org.hrsnn.bench;

import org.hrsnn.opt.Observation;
import org.hrsnn.opt.ReferenceProblem;
import org.hrsnn.opt.Sampler;
import org.hrsnn.opt.Samplers;
import org.hrsnn.opt.gp.GpSampler;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Sample efficiency on reference problems: for each problem and method, {@code seeds} sequential runs of
 * {@code budget} evaluations; prints median and quartiles of log10 simple regret after each reported
 * budget, the median share of the coordinates of the method's own proposals (after GP-BO's initial design)
 * that sit on a bound of the unit cube, and the number of proposals within 1e-6 of an earlier point. Then the time GP-BO takes for one proposal with n observations, on Hartmann-6 and on Hartmann-6
 * embedded in 32 dimensions (the size of the HRSNN search spaces).
 */
public final class OptimizerBenchmark {
    private OptimizerBenchmark() {}

    /** A sampler for a seed, a dimension and the run's budget (GP-BO's default initial design depends on them). */
    interface Make {
        Sampler make(long seed, int dim, int budget);
    }

    /** @param initial how many of a run's first points are not the method's own proposals (GP-BO's Sobol design) */
    record Method(String name, Make make, java.util.function.IntBinaryOperator initial) {}

    static final List<Method> METHODS = List.of(
            new Method("gp", (seed, dim, budget) -> gp(seed, GpSampler.initialPoints(dim, budget, -1)), (dim, budget) -> GpSampler.initialPoints(dim, budget, -1)),
            new Method("gp-reflect", (seed, dim, budget) -> new GpSampler(seed, GpSampler.initialPoints(dim, budget, -1), 0,
                    org.hrsnn.opt.gp.AcquisitionOptimizer.Settings.REFLECTING), (dim, budget) -> GpSampler.initialPoints(dim, budget, -1)),
            new Method("gp-local", (seed, dim, budget) -> new GpSampler(seed, GpSampler.initialPoints(dim, budget, -1), 0,
                    org.hrsnn.opt.gp.AcquisitionOptimizer.Settings.DEFAULT, 0.2), (dim, budget) -> GpSampler.initialPoints(dim, budget, -1)),
            new Method("gp-noise", (seed, dim, budget) -> new GpSampler(seed, GpSampler.initialPoints(dim, budget, -1), 0,
                    org.hrsnn.opt.gp.AcquisitionOptimizer.Settings.DEFAULT, 0, true), (dim, budget) -> GpSampler.initialPoints(dim, budget, -1)),
            new Method("gp-tr-noise", (seed, dim, budget) -> new GpSampler(seed, GpSampler.initialPoints(dim, budget, -1), 0,
                    org.hrsnn.opt.gp.AcquisitionOptimizer.Settings.DEFAULT, 0, true, true), (dim, budget) -> GpSampler.initialPoints(dim, budget, -1)),
            new Method("gp-global", (seed, dim, budget) -> GpSampler.global(seed, GpSampler.initialPoints(dim, budget, -1)),
                    (dim, budget) -> GpSampler.initialPoints(dim, budget, -1)),
            new Method("gp-trmix", (seed, dim, budget) -> new GpSampler(seed, GpSampler.initialPoints(dim, budget, -1), 0,
                    org.hrsnn.opt.gp.AcquisitionOptimizer.Settings.DEFAULT, 0, false, true, 4), (dim, budget) -> GpSampler.initialPoints(dim, budget, -1)),
            new Method("sobol", (seed, dim, budget) -> Samplers.sobol(seed), (dim, budget) -> 0),
            new Method("random", (seed, dim, budget) -> Samplers.random(seed), (dim, budget) -> 0));

    static Sampler gp(long seed, int initialPoints) {
        return new GpSampler(seed, initialPoints, 0, org.hrsnn.opt.gp.AcquisitionOptimizer.Settings.DEFAULT);
    }

    /** A method by name: gp, sobol, random, or gp:K (GP-BO with K initial Sobol points instead of the default). */
    static Method method(String name) {
        for (Method m : METHODS) if (m.name().equals(name)) return m;
        if (name.matches("gp:\\d{1,4}")) {
            int k = Integer.parseInt(name.substring(3));
            return new Method(name, (seed, dim, budget) -> gp(seed, k), (dim, budget) -> k);
        }
        if (name.matches("gp-tr(-(ts|ei|stall\\d|mean))+")) {
            int thompsonAbove = name.contains("-ts") ? 0 : name.contains("-ei") ? Integer.MAX_VALUE : GpSampler.Variant.DEFAULT.thompsonAbove();
            GpSampler.Variant v = new GpSampler.Variant(thompsonAbove,
                    name.contains("-stall") ? Character.getNumericValue(name.charAt(name.indexOf("-stall") + 6)) : 0, name.contains("-mean"));
            return new Method(name, (seed, dim, budget) -> GpSampler.trustRegion(seed, GpSampler.initialPoints(dim, budget, -1), v),
                    (dim, budget) -> GpSampler.initialPoints(dim, budget, -1));
        }
        throw new IllegalArgumentException("unknown method " + name + "; known: gp, gp-global, gp-reflect, gp-local, gp-noise, gp-trmix, sobol, random,"
                + " gp:K (K initial points), gp-tr-ts, gp-tr-ei, gp-tr-stallK, gp-tr-mean and their combinations (trust-region variants, GpSampler.Variant)");
    }

    /** log10 regret with a floor, so an exact hit (regret 0) still has a number. */
    static double log10Regret(double r) {
        return Math.log10(Math.max(r, 1e-12));
    }

    static double quantile(double[] sorted, double q) {
        double pos = q * (sorted.length - 1);
        int lo = (int) Math.floor(pos), hi = (int) Math.ceil(pos);
        return sorted[lo] + (pos - lo) * (sorted[hi] - sorted[lo]);
    }

    public static void run(List<ReferenceProblem> problems, int seeds, int[] budgets, List<String> methods, PrintStream out) {
        run(problems, seeds, budgets, methods, out, org.hrsnn.score.Progress.NONE);
    }

    /** As {@link #run(List, int, int[], List, PrintStream)}, telling {@code progress} of every run (problem, method, seed) finished. */
    public static void run(List<ReferenceProblem> problems, int seeds, int[] budgets, List<String> methods, PrintStream out, org.hrsnn.score.Progress progress) {
        long total = (long) problems.size() * methods.size() * seeds, done = 0;
        int maxBudget = Arrays.stream(budgets).max().orElseThrow();
        out.printf("log10 simple regret (floor 1e-12) over %d seeds of the point each method recommends (GP-BO: lowest posterior"
                + " mean among its evaluated points; others: lowest observation): median [25%%, 75%%]; 'obs' is the median for the"
                + " lowest observation at the last budget (they differ on noisy problems)%n", seeds);
        out.printf("%-18s %-7s", "problem", "method");
        for (int b : budgets) out.printf(" %26s", "after " + b);
        out.printf(" %7s %12s %9s %5s%n", "obs", "wall s/run", "at bound", "dups");
        for (ReferenceProblem p : problems) {
            for (String name : methods) {
                Method m = method(name);
                double[][] at = new double[budgets.length][seeds];
                double[] bound = new double[seeds], observed = new double[seeds];
                int dups = 0;
                long t0 = System.nanoTime();
                for (int s = 0; s < seeds; s++) {
                    long seed = s + 1;
                    ReferenceProblem.Run run = p.minimise(m.make().make(seed, p.dimension(), maxBudget), maxBudget, seed, budgets);
                    for (int k = 0; k < budgets.length; k++) at[k][s] = log10Regret(run.regretAfter(budgets[k]));
                    observed[s] = log10Regret(run.regret()[run.regret().length - 1]);
                    int own = m.initial().applyAsInt(p.dimension(), maxBudget);
                    bound[s] = run.shareAtBound(own);
                    dups += run.nearDuplicates(own);
                    progress.at(++done, total);
                }
                double wall = (System.nanoTime() - t0) / 1e9 / seeds;
                out.printf("%-18s %-7s", p.name(), m.name());
                for (double[] v : at) {
                    Arrays.sort(v);
                    out.printf(" %26s", String.format("%6.2f [%6.2f, %6.2f]", quantile(v, 0.5), quantile(v, 0.25), quantile(v, 0.75)));
                }
                Arrays.sort(bound);
                Arrays.sort(observed);
                out.printf(" %7.2f", quantile(observed, 0.5));
                out.printf(" %12.2f %8.0f%% %5d%n", wall, 100 * quantile(bound, 0.5), dups);
                out.flush();
            }
        }
    }

    /** Two-objective methods: ParEGO (GP-BO on random scalarisations), NSGA-II (Jenetics), random search. */
    public static final List<String> PARETO_METHODS = List.of("parego", "nsga2", "random");

    /** The objective vectors of a run's evaluations, in order. */
    static List<double[]> paretoRun(org.hrsnn.opt.moo.BiObjectiveProblem p, String method, int budget, long seed) {
        return switch (method) {
            case "nsga2" -> org.hrsnn.opt.moo.Nsga2.run(p, budget, seed);
            case "random" -> {
                var rng = org.hrsnn.random.Seeds.rng(seed, "bench.pareto.random");
                List<double[]> f = new ArrayList<>();
                for (int t = 0; t < budget; t++) {
                    double[] u = new double[p.dimension()];
                    for (int d = 0; d < u.length; d++) u[d] = rng.nextDouble();
                    f.add(p.f().apply(u));
                }
                yield f;
            }
            case "parego" -> {
                var sampler = new org.hrsnn.opt.moo.ParEgo(seed, GpSampler.initialPoints(p.dimension(), budget, -1));
                var space = ReferenceProblem.embedded(ReferenceProblem.shiftedSphere(1), p.dimension()).space(); // the unit cube
                List<double[]> x = new ArrayList<>(), f = new ArrayList<>();
                for (int t = 0; t < budget; t++) {
                    double[] u = sampler.suggest(space, t, x, f);
                    x.add(u);
                    f.add(p.f().apply(u));
                }
                yield f;
            }
            default -> throw new IllegalArgumentException("unknown two-objective method " + method + "; known: " + PARETO_METHODS);
        };
    }

    /**
     * For each two-objective problem and method, {@code seeds} runs: log10 of the hypervolume gap (best
     * hypervolume minus that of the points evaluated so far, floor 1e-12) after each budget, median and
     * quartiles, and the median hypervolume itself at the last budget.
     */
    public static void runPareto(List<org.hrsnn.opt.moo.BiObjectiveProblem> problems, int seeds, int[] budgets, PrintStream out) {
        runPareto(problems, seeds, budgets, out, org.hrsnn.score.Progress.NONE);
    }

    /** As {@link #runPareto(List, int, int[], PrintStream)}, telling {@code progress} of every run finished. */
    public static void runPareto(List<org.hrsnn.opt.moo.BiObjectiveProblem> problems, int seeds, int[] budgets, PrintStream out, org.hrsnn.score.Progress progress) {
        long total = (long) problems.size() * PARETO_METHODS.size() * seeds, done = 0;
        int maxBudget = Arrays.stream(budgets).max().orElseThrow();
        out.printf("log10 hypervolume gap (best hypervolume - the run's, floor 1e-12) over %d seeds: median [25%%, 75%%]%n", seeds);
        out.printf("%-18s %-7s", "problem", "method");
        for (int b : budgets) out.printf(" %26s", "after " + b);
        out.printf(" %9s %12s%n", "HV", "wall s/run");
        for (var p : problems)
            for (String m : PARETO_METHODS) {
                double[][] at = new double[budgets.length][seeds];
                double[] hv = new double[seeds];
                long t0 = System.nanoTime();
                for (int s = 0; s < seeds; s++) {
                    List<double[]> f = paretoRun(p, m, maxBudget, s + 1);
                    for (int k = 0; k < budgets.length; k++)
                        at[k][s] = log10Regret(p.bestHypervolume() - org.hrsnn.opt.moo.Hypervolume.of(f.subList(0, Math.min(budgets[k], f.size())), p.reference()));
                    hv[s] = org.hrsnn.opt.moo.Hypervolume.of(f, p.reference());
                    progress.at(++done, total);
                }
                double wall = (System.nanoTime() - t0) / 1e9 / seeds;
                out.printf("%-18s %-7s", p.name(), m);
                for (double[] v : at) {
                    Arrays.sort(v);
                    out.printf(" %26s", String.format("%6.2f [%6.2f, %6.2f]", quantile(v, 0.5), quantile(v, 0.25), quantile(v, 0.75)));
                }
                Arrays.sort(hv);
                out.printf(" %9.3f %12.2f%n", quantile(hv, 0.5), wall);
                out.flush();
            }
        out.printf("best hypervolumes: %s%n", problems.stream().map(p -> p.name() + " " + String.format("%.4f", p.bestHypervolume())).toList());
    }

    /**
     * Seconds for one GP proposal, the first with a fresh sampler and the median of the next ones: wall
     * time, and the process's CPU time (all threads), which a busy machine inflates much less.
     */
    public record ProposalTime(double cold, double warm, double coldCpu, double warmCpu) {}

    private static final com.sun.management.OperatingSystemMXBean OS =
            (com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean();

    /**
     * GP proposal time on {@code p} with n Sobol observations (seed 7): a fresh sampler proposes at n
     * ("cold": it fits the hyper-parameters, as a resumed study or a refit trial does), then, as in a running
     * study, at n + 1, ..., n + warm with one more observation each time; {@code warm} is the median of
     * those. Up to {@link GpSampler}'s refit threshold every proposal fits, so cold and warm agree.
     */
    public static ProposalTime proposalTime(ReferenceProblem p, int n, int warm) {
        List<Observation> h = new ArrayList<>();
        for (int t = 0; t < n + warm; t++) {
            double[] u = Samplers.sobolPoint(p.dimension(), 7, t);
            h.add(Observation.of(u, p.value(u)));
        }
        GpSampler sampler = new GpSampler(1);
        double[] times = new double[warm + 1], cpu = new double[warm + 1];
        for (int k = 0; k <= warm; k++) {
            long t0 = System.nanoTime(), c0 = OS.getProcessCpuTime();
            sampler.suggest(p.space(), n + k, h.subList(0, n + k), List.of());
            times[k] = (System.nanoTime() - t0) / 1e9;
            cpu[k] = (OS.getProcessCpuTime() - c0) / 1e9;
        }
        return new ProposalTime(times[0], medianAfterFirst(times), cpu[0], medianAfterFirst(cpu));
    }

    private static double medianAfterFirst(double[] v) {
        double[] w = Arrays.copyOfRange(v, 1, v.length);
        Arrays.sort(w);
        return w.length == 0 ? Double.NaN : w[w.length / 2];
    }
}
