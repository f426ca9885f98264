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
import java.util.function.LongFunction;

/**
 * Sample efficiency on reference problems: for each problem and method, {@code seeds} sequential runs of
 * {@code budget} evaluations; prints median and quartiles of log10 simple regret after each reported
 * budget. Then the time GP-BO takes for one proposal with 50, 200 and 500 observations.
 */
public final class OptimizerBenchmark {
    private OptimizerBenchmark() {}

    record Method(String name, LongFunction<Sampler> make) {}

    static final List<Method> METHODS = List.of(
            new Method("gp", GpSampler::new), new Method("sobol", Samplers::sobol), new Method("random", Samplers::random));

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
        int maxBudget = Arrays.stream(budgets).max().orElseThrow();
        out.printf("log10 simple regret (floor 1e-12) over %d seeds: median [25%%, 75%%]%n", seeds);
        out.printf("%-16s %-7s", "problem", "method");
        for (int b : budgets) out.printf(" %26s", "after " + b);
        out.printf(" %12s%n", "wall s/run");
        for (ReferenceProblem p : problems) {
            for (Method m : METHODS) {
                if (!methods.contains(m.name())) continue;
                double[][] at = new double[budgets.length][seeds];
                long t0 = System.nanoTime();
                for (int s = 0; s < seeds; s++) {
                    long seed = s + 1;
                    ReferenceProblem.Run run = p.minimise(m.make().apply(seed), maxBudget, seed);
                    for (int k = 0; k < budgets.length; k++) at[k][s] = log10Regret(run.regretAfter(budgets[k]));
                }
                double wall = (System.nanoTime() - t0) / 1e9 / seeds;
                out.printf("%-16s %-7s", p.name(), m.name());
                for (double[] v : at) {
                    Arrays.sort(v);
                    out.printf(" %26s", String.format("%6.2f [%6.2f, %6.2f]", quantile(v, 0.5), quantile(v, 0.25), quantile(v, 0.75)));
                }
                out.printf(" %12.2f%n", wall);
                out.flush();
            }
        }
    }

    /** Median wall time of one GP proposal on Hartmann-6 with n Sobol observations, over {@code repeats}. */
    public static double secondsPerSuggestion(int n, int repeats) {
        ReferenceProblem p = ReferenceProblem.hartmann6();
        List<Observation> h = new ArrayList<>();
        for (int t = 0; t < n; t++) {
            double[] u = Samplers.sobolPoint(6, 7, t);
            h.add(Observation.of(u, p.value(u)));
        }
        double[] times = new double[repeats];
        for (int r = 0; r < repeats; r++) {
            long t0 = System.nanoTime();
            new GpSampler(r + 1).suggest(p.space(), n, h, List.of());
            times[r] = (System.nanoTime() - t0) / 1e9;
        }
        Arrays.sort(times);
        return times[repeats / 2];
    }
}
