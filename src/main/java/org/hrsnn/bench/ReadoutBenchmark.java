package org.hrsnn.bench;

import org.apache.commons.rng.UniformRandomProvider;
import org.hrsnn.random.Seeds;
import org.hrsnn.readout.Ridge;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Function;

/**
 * Times the ridge readout as memory capacity uses it: build a {@link Ridge} on a random design of
 * {@code rows} x {@code features}, then fit {@code targets} targets with the GCV-chosen penalty. The current
 * path (tridiagonal) and the previous one ({@link Ridge#withEigenvectors}: EJML's multTransA Gram and eigenvectors) are
 * timed alternately on the same data, after an untimed warm-up on a small design.
 */
public final class ReadoutBenchmark {
    private ReadoutBenchmark() {}

    /** The two implementations compared. */
    public enum Path {
        CURRENT("tridiagonal (current)", Ridge::new), PREVIOUS("eigenvectors (previous)", Ridge::withEigenvectors);

        final String label;
        final Function<double[][], Ridge> build;

        Path(String label, Function<double[][], Ridge> build) {
            this.label = label;
            this.build = build;
        }
    }

    /** One timed run: building the readout, then all the fits. */
    public record Run(Path path, int features, int repeat, double buildSeconds, double fitSeconds) {
        public double totalSeconds() { return buildSeconds + fitSeconds; }
    }

    /** The runs of both paths at one feature count, and how far apart their coefficients are. */
    public record Comparison(int features, List<Run> current, List<Run> previous, double maxRelativeDifference) {
        public double ratio() { return median(previous, Run::totalSeconds) / median(current, Run::totalSeconds); }
    }

    /** Runs the benchmark, printing each run to {@code out} as it finishes. */
    public static List<Comparison> measure(int rows, int[] features, int targets, int repeats, long seed, PrintStream out) {
        for (Path path : Path.values()) time(path, data(seed - 1, 200, 100, 5), 0, 0); // JIT warm-up
        List<Comparison> result = new ArrayList<>();
        for (int p : features) {
            double[][][] d = data(seed, rows, p, targets);
            List<Run> current = new ArrayList<>(), previous = new ArrayList<>();
            Ridge.Model[][] models = new Ridge.Model[2][];
            for (int rep = 0; rep < repeats; rep++)
                for (Path path : Path.values()) {
                    Ridge.Model[] m = new Ridge.Model[targets];
                    Run run = time(path, d, p, rep, m);
                    (path == Path.CURRENT ? current : previous).add(run);
                    models[path.ordinal()] = m;
                    out.printf("  %5d features, %-24s run %d: build %7.3f s, %d fits %7.3f s, total %7.3f s%n", p, path.label,
                            rep, run.buildSeconds(), targets, run.fitSeconds(), run.totalSeconds());
                }
            result.add(new Comparison(p, current, previous, maxRelativeDifference(models[0], models[1])));
        }
        return result;
    }

    private static Run time(Path path, double[][][] d, int p, int rep, Ridge.Model... out) {
        double[][] x = d[0];
        long t0 = System.nanoTime();
        Ridge ridge = path.build.apply(x);
        long t1 = System.nanoTime();
        for (int k = 1; k < d.length; k++) {
            Ridge.Model m = ridge.fit(d[k][0]);
            if (k - 1 < out.length) out[k - 1] = m;
        }
        long t2 = System.nanoTime();
        return new Run(path, p, rep, (t1 - t0) / 1e9, (t2 - t1) / 1e9);
    }

    /**
     * {x, {y_1}, ..., {y_targets}}: features uniform on [0, 1) with scales 1 to 5, targets a sum of three
     * features plus as much noise.
     */
    static double[][][] data(long seed, int rows, int features, int targets) {
        UniformRandomProvider rng = Seeds.rng(seed, "readout-benchmark");
        double[][][] d = new double[targets + 1][][];
        double[][] x = new double[rows][features];
        for (double[] r : x) for (int j = 0; j < features; j++) r[j] = rng.nextDouble() * (1 + j % 5);
        d[0] = x;
        for (int k = 1; k <= targets; k++) {
            double[] y = new double[rows];
            int a = rng.nextInt(features), b = rng.nextInt(features), c = rng.nextInt(features);
            for (int i = 0; i < rows; i++) y[i] = x[i][a] + x[i][b] - x[i][c] + 2 * rng.nextDouble();
            d[k] = new double[][] {y};
        }
        return d;
    }

    /** Largest |a - b| of a coefficient, relative to the largest |coefficient| of that target. */
    private static double maxRelativeDifference(Ridge.Model[] a, Ridge.Model[] b) {
        double worst = 0;
        for (int k = 0; k < a.length; k++) {
            double top = Arrays.stream(b[k].coefficients()).map(Math::abs).max().orElse(0), diff = 0;
            for (int j = 0; j < a[k].coefficients().length; j++)
                diff = Math.max(diff, Math.abs(a[k].coefficients()[j] - b[k].coefficients()[j]));
            worst = Math.max(worst, top > 0 ? diff / top : diff);
        }
        return worst;
    }

    static double median(List<Run> runs, java.util.function.ToDoubleFunction<Run> f) {
        double[] w = runs.stream().mapToDouble(f).sorted().toArray();
        return w.length % 2 == 1 ? w[w.length / 2] : (w[w.length / 2 - 1] + w[w.length / 2]) / 2;
    }

    static double min(List<Run> runs) {
        return runs.stream().mapToDouble(Run::totalSeconds).min().orElse(Double.NaN);
    }

    /** A Markdown table: per feature count, min and median wall time of each path and the ratio of the medians. */
    public static String format(List<Comparison> cs, int rows, int targets) {
        StringBuilder out = new StringBuilder();
        out.append(String.format("Ridge readout, %d rows, build + %d GCV fits, wall seconds (min / median of %d)%n", rows, targets,
                cs.isEmpty() ? 0 : cs.get(0).current().size()));
        out.append("| features | tridiagonal (current) min | median | of which build | eigenvectors (previous) min | median | of which build | previous / current | max rel. coef. diff. |\n");
        out.append("| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |\n");
        for (Comparison c : cs)
            out.append(String.format("| %d | %.3f | %.3f | %.3f | %.3f | %.3f | %.3f | %.1f | %.1e |%n", c.features(),
                    min(c.current()), median(c.current(), Run::totalSeconds), median(c.current(), Run::buildSeconds),
                    min(c.previous()), median(c.previous(), Run::totalSeconds), median(c.previous(), Run::buildSeconds),
                    c.ratio(), c.maxRelativeDifference()));
        return out.toString();
    }
}
