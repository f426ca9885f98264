package org.hrsnn.opt;

import org.apache.commons.math3.optim.InitialGuess;
import org.apache.commons.math3.optim.MaxEval;
import org.apache.commons.math3.optim.SimpleBounds;
import org.apache.commons.math3.optim.nonlinear.scalar.GoalType;
import org.apache.commons.math3.optim.nonlinear.scalar.ObjectiveFunction;
import org.apache.commons.math3.optim.nonlinear.scalar.noderiv.CMAESOptimizer;
import org.apache.commons.math3.random.MersenneTwister;
import org.hrsnn.opt.gp.GaussianProcess;
import org.hrsnn.opt.gp.MapFit;
import org.hrsnn.random.Seeds;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.ToDoubleFunction;

/**
 * Test problems whose landscape is a real HRSNN study's: a regression model fitted to the finished trials of
 * the headline studies (unit-cube point to the loss the study's GP modelled) and used as the objective of
 * {@code bench optimizer}. The data ship as CSV resources ({@code /org/hrsnn/opt/surrogates/NAME.csv}, provenance
 * in their header); trials whose loss is missing (pruned before a memory capacity, failed) count as the worst
 * loss of the data, as {@code GpSampler} imputes a failure in a study.
 *
 * <p>Two models: a random forest (Smile; default, names {@code hrsnn-jv-het} etc.) and the posterior mean of the
 * optimiser's own Matérn-5/2 GP (names ending {@code -gp}). The forest is not the proposers' model, so it does
 * not hand GP-BO a landscape it models exactly; the GP mean is smooth, as the forest is not. Both are measured
 * on held-out trials in docs/performance.md. The minimum is that of a long search of the model (the best of
 * 20,000 Sobol points and of the data's points, then CMA-ES from the best 30 of them), computed once per JVM.
 */
public final class SurrogateProblem {
    private SurrogateProblem() {}

    /** Data sets shipped, by problem name without the model suffix. */
    public static final List<String> NAMES = List.of("hrsnn-jv-het", "hrsnn-jv-homo", "hrsnn-narma-het", "hrsnn-narma-homo");

    /** Trees of the forest; its other settings are Smile's regression defaults but node size 3 (the data are a few hundred rows). */
    static final int TREES = 300;

    private static final Map<String, ReferenceProblem> CACHE = new ConcurrentHashMap<>();

    /** The data of one surrogate: unit-cube points and losses (NaN: missing). */
    public record Data(String name, double[][] x, double[] y, List<String> provenance) {
        /** Losses with the missing ones imputed as the worst present one. */
        public double[] imputed() {
            double worst = Arrays.stream(y).filter(Double::isFinite).max().orElseThrow();
            return Arrays.stream(y).map(v -> Double.isFinite(v) ? v : worst).toArray();
        }
    }

    /** A surrogate problem by name (a name of {@link #NAMES}, optionally with "-gp"), or null when it is none. */
    public static ReferenceProblem named(String name) {
        boolean gp = name.endsWith("-gp");
        String data = gp ? name.substring(0, name.length() - 3) : name;
        if (!NAMES.contains(data)) return null;
        return CACHE.computeIfAbsent(name, n -> {
            Data d = load(data);
            ToDoubleFunction<double[]> f = gp ? gpMean(d.x(), d.imputed(), 1) : forest(d.x(), d.imputed(), 1);
            double[] lo = new double[d.x()[0].length], hi = new double[lo.length];
            Arrays.fill(hi, 1);
            return new ReferenceProblem(n, lo, hi, minimum(f, d.x(), 1), 0, f);
        });
    }

    /** The shipped data of a surrogate. */
    public static Data load(String name) {
        String path = "/org/hrsnn/opt/surrogates/" + name + ".csv";
        var in = SurrogateProblem.class.getResourceAsStream(path);
        if (in == null) throw new IllegalArgumentException("no surrogate data " + path);
        try (var r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            return read(name, r);
        } catch (IOException e) {
            throw new UncheckedIOException(path + ": " + e.getMessage(), e);
        }
    }

    /** Surrogate data from a CSV file (the format {@link #load} reads). */
    public static Data read(java.nio.file.Path csv) throws IOException {
        try (var r = java.nio.file.Files.newBufferedReader(csv)) {
            return read(csv.getFileName().toString().replaceFirst("\\.csv$", ""), r);
        }
    }

    /** '#' lines (provenance), a header, then rows: study, trial, x0..x(D-1), loss (empty: missing). */
    private static Data read(String name, BufferedReader r) throws IOException {
        List<String> notes = new ArrayList<>();
        List<double[]> xs = new ArrayList<>();
        List<Double> ys = new ArrayList<>();
        String header = null;
        for (String line; (line = r.readLine()) != null; ) {
            if (line.startsWith("#")) notes.add(line.substring(1).trim());
            else if (header == null) header = line;
            else {
                String[] f = line.split(",", -1);
                double[] x = new double[f.length - 3];
                for (int k = 0; k < x.length; k++) x[k] = Double.parseDouble(f[2 + k]);
                xs.add(x);
                ys.add(f[f.length - 1].isEmpty() ? Double.NaN : Double.parseDouble(f[f.length - 1]));
            }
        }
        return new Data(name, xs.toArray(double[][]::new), ys.stream().mapToDouble(Double::doubleValue).toArray(), List.copyOf(notes));
    }

    /** A random forest (Smile) fitted to (x, y), as a function of a unit-cube point; trees seeded from {@code seed}. */
    public static ToDoubleFunction<double[]> forest(double[][] x, double[] y, long seed) {
        smile.regression.RandomForest forest = fitForest(x, y, seed);
        var schema = forest.schema(); // the predictors' columns, x0..x(D-1)
        return u -> forest.predict(smile.data.Tuple.of(u, schema));
    }

    /** The surrogate's forest itself (for its importance, say): the same forest {@link #forest} predicts with. */
    public static smile.regression.RandomForest fitForest(double[][] x, double[] y, long seed) {
        int dim = x[0].length;
        var frame = frame(x, y);
        long base = Seeds.derive(seed, "surrogate.forest");
        // Smile grows the trees in a parallel stream and draws from its thread-local generator besides the
        // per-tree seeds: two fits of the same data and seeds in one JVM gave different forests. So the forest
        // is grown in a pool of one thread whose generator is seeded first: the same forest every time.
        java.util.concurrent.ForkJoinPool one = new java.util.concurrent.ForkJoinPool(1);
        try {
            return one.submit(() -> {
                smile.math.MathEx.setSeed(base);
                return smile.regression.RandomForest.fit(smile.data.formula.Formula.lhs("y"), frame, TREES, Math.max(1, dim / 3), 20,
                        x.length, 3, 1.0, java.util.stream.LongStream.range(0, TREES).map(t -> Seeds.derive(base, t)));
            }).get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while growing the surrogate forest", e);
        } catch (java.util.concurrent.ExecutionException e) {
            throw new IllegalStateException("growing the surrogate forest failed: " + e.getCause(), e.getCause());
        } finally {
            one.shutdown();
        }
    }

    /** (x, y) as a Smile data frame with columns x0, x1, ..., y. */
    private static smile.data.DataFrame frame(double[][] x, double[] y) {
        int dim = x[0].length;
        String[] names = new String[dim + 1];
        for (int k = 0; k < dim; k++) names[k] = "x" + k;
        names[dim] = "y";
        double[][] rows = new double[x.length][];
        for (int i = 0; i < x.length; i++) {
            rows[i] = Arrays.copyOf(x[i], dim + 1);
            rows[i][dim] = y[i];
        }
        return smile.data.DataFrame.of(rows, names);
    }

    /** The posterior mean of the optimiser's GP (MAP hyper-parameters, 4 starts) fitted to (x, y). */
    public static ToDoubleFunction<double[]> gpMean(double[][] x, double[] y, long seed) {
        var h = MapFit.fit(x, y, 4, Seeds.rng(seed, "surrogate.gp"));
        GaussianProcess gp = GaussianProcess.fit(x, y, h);
        return u -> gp.predict(u)[0];
    }

    /** Starts of the minimum's search (CMA-ES runs) and evaluations per start. */
    static final int STARTS = 30, EVALUATIONS = 3000, SCREEN = 20_000;

    /**
     * The lowest value of {@code f} on the unit cube found by a long multi-start search: {@value #SCREEN} Sobol
     * points and the data's points screened, then CMA-ES (Commons Math, bounded, sigma 0.1) from the best
     * {@value #STARTS}, {@value #EVALUATIONS} evaluations each.
     */
    public static double minimum(ToDoubleFunction<double[]> f, double[][] data, long seed) {
        int dim = data[0].length;
        List<double[]> starts = new ArrayList<>(Arrays.asList(data));
        for (int t = 0; t < SCREEN; t++) starts.add(Samplers.sobolPoint(dim, seed, t));
        double[] v = starts.stream().mapToDouble(f::applyAsDouble).toArray();
        Integer[] order = new Integer[v.length];
        for (int i = 0; i < order.length; i++) order[i] = i;
        Arrays.sort(order, (a, b) -> Double.compare(v[a], v[b]));
        double best = v[order[0]];
        double[] lo = new double[dim], hi = new double[dim], sigma = new double[dim];
        Arrays.fill(hi, 1);
        Arrays.fill(sigma, 0.1);
        double[] lowest = {best}; // every point CMA-ES evaluates counts, clipped to the cube as the problem evaluates it
        ToDoubleFunction<double[]> tracked = u -> {
            double[] c = u.clone();
            for (int k = 0; k < dim; k++) c[k] = Math.min(1, Math.max(0, c[k]));
            double y = f.applyAsDouble(c);
            lowest[0] = Math.min(lowest[0], y);
            return y;
        };
        for (int s = 0; s < Math.min(STARTS, order.length); s++) {
            double[] x0 = starts.get(order[s]);
            var cma = new CMAESOptimizer(EVALUATIONS, Double.NEGATIVE_INFINITY, true, 0, 0, new MersenneTwister(Seeds.derive(seed, s)), false, null);
            try {
                cma.optimize(new MaxEval(EVALUATIONS), new ObjectiveFunction(tracked::applyAsDouble), GoalType.MINIMIZE,
                        new InitialGuess(x0), new SimpleBounds(lo, hi), new CMAESOptimizer.Sigma(sigma),
                        new CMAESOptimizer.PopulationSize(4 + (int) (3 * Math.log(dim))));
            } catch (org.apache.commons.math3.exception.TooManyEvaluationsException e) {
                // the budget ran out: what it evaluated is already in lowest
            }
        }
        best = lowest[0];
        return best;
    }
}
