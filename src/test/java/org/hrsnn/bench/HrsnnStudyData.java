package org.hrsnn.bench;

import org.apache.commons.math3.stat.correlation.SpearmansCorrelation;
import org.hrsnn.opt.Parameter;
import org.hrsnn.opt.SurrogateProblem;
import org.hrsnn.report.Importance;
import org.hrsnn.study.Study;
import org.hrsnn.study.Trial;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * By hand, not by mvn test: from finished HRSNN studies (copies; nothing is written into them), (1) the
 * parameter importance of log E and of the task metric ({@link Importance}, the optimiser's GP), (2) the CSV
 * data of {@link SurrogateProblem}, (3) the surrogates' accuracy on held-out trials. Run as
 * {@code java -cp target/classes:target/test-classes:$(cat cp.txt) org.hrsnn.bench.HrsnnStudyData ROOT OUTDIR}
 * with ROOT holding the study folders (japanese-vowels-SPACE-sK, narma10-SPACE-sK).
 */
public final class HrsnnStudyData {
    private HrsnnStudyData() {}

    /** The loss a study's GP saw (StudyRunner.observation through HrsnnProblem.loss): log E (e-then-task), NRMSE (objective task on NARMA); NaN: a failure. */
    static double loss(Trial t, String what) {
        if (!t.finished()) return Double.NaN;
        Double v = t.metric(what);
        if (v == null || !Double.isFinite(v)) return Double.NaN;
        if (what.equals("e")) return v > 0 ? Math.log(v) : Double.NaN;
        return what.equals("accuracy") ? -v : v;
    }

    public static void main(String[] args) throws Exception {
        Path root = Path.of(args[0]), out = Path.of(args[1]);
        Files.createDirectories(out);
        List<String> names;
        try (var s = Files.list(root)) {
            names = s.filter(Files::isDirectory).map(p -> p.getFileName().toString()).sorted().toList();
        }
        Map<String, List<String[]>> rows = new LinkedHashMap<>(); // surrogate name -> rows (study, trial, x..., loss)
        Map<String, List<String>> sources = new LinkedHashMap<>(), spaceNames = new LinkedHashMap<>();
        System.out.println("study | trials with E | log E: inputs for 50/80/90% | top 5 (share) | task metric: trials | 50/80/90% | top 5");
        for (String name : names) {
            Study st = Study.open(root, name);
            List<Trial> trials = st.trials().stream().filter(Trial::finished).toList();
            List<String> params = st.space().searched().stream().map(Parameter::name).toList();
            boolean narma = name.startsWith("narma");
            String metric = narma ? "nrmse" : "accuracy";
            Importance e = importance(params, trials, "e", st.config().seed());
            Importance task = importance(params, trials, metric, st.config().seed());
            System.out.println(name + " (" + params.size() + "-D) | " + e.trials() + " | " + counts(e) + " | " + top(e) + " | " + metric + " " + task.trials()
                    + " | " + counts(task) + " | " + top(task));
            String space = name.replaceAll("^(japanese-vowels|narma10)-", "").replaceAll("-s\\d+$", "");
            String short_ = switch (space) {
                case "heterogeneous" -> "het";
                case "homogeneous" -> "homo";
                default -> space;
            };
            // log E is the memory stage's and does not depend on the task: both tasks' studies sample it
            spaceNames.put("hrsnn-jv-" + short_, params);
            spaceNames.put("hrsnn-narma-" + short_, params);
            add(rows, sources, "hrsnn-jv-" + short_, name, trials, "e");
            if (narma) add(rows, sources, "hrsnn-narma-" + short_, name, trials, "nrmse");
        }
        System.out.println();
        System.out.println("surrogate | rows (missing) | held-out 20% x 5 splits: R^2 forest | R^2 GP mean | Spearman forest | Spearman GP mean");
        for (var en : rows.entrySet()) {
            if (!SurrogateProblem.NAMES.contains(en.getKey())) continue;
            Path csv = out.resolve(en.getKey() + ".csv");
            try (var w = new PrintWriter(Files.newBufferedWriter(csv))) {
                w.println("# " + en.getKey() + ": loss the study's GP modelled, " + (en.getKey().contains("narma") ? "NRMSE of NARMA-10 (objective task)" : "log E (objective e-then-task; E = rate / memory capacity, the same for both tasks' studies)") + " ; empty: pruned or failed without it");
                w.println("# unit-cube points (the space's searched parameters in order); studies (100 trials each): " + String.join(" ", sources.get(en.getKey())));
                w.println("# japanese-vowels studies: hrsnn 2e77e4e (/work/evidence/h100); narma10 studies: hrsnn a9533ed (/work/evidence/h100-narma-v4); exported by src/test/java/org/hrsnn/bench/HrsnnStudyData.java");
                int dim = en.getValue().get(0).length - 3;
                StringBuilder h = new StringBuilder("study,trial");
                for (int k = 0; k < dim; k++) h.append(",x").append(k);
                w.println(h.append(",loss"));
                for (String[] r : en.getValue()) w.println(String.join(",", r));
            }
            var d = SurrogateProblem.read(csv);
            System.out.println(en.getKey() + " | " + d.y().length + " (" + Arrays.stream(d.y()).filter(v -> !Double.isFinite(v)).count() + ") | " + heldOut(d));
        }
        System.out.println();
        System.out.println("calibration: the same counts where the number of inputs that matter is known (Sobol points; ARD as above, raw values; forest: Smile's impurity importance, 400 points)");
        for (String ref : List.of("hartmann6-in-33", "branin-in-33", "ackley5-in-33", "styblinskitang33", "levy33", "sphere33-shifted")) {
            var p = org.hrsnn.opt.ReferenceProblem.named(ref);
            StringBuilder b = new StringBuilder(ref);
            for (int n : new int[] {70, 240, 400}) {
                double[][] x = new double[n][];
                double[] y = new double[n];
                for (int t = 0; t < n; t++) {
                    x[t] = org.hrsnn.opt.Samplers.sobolPoint(p.dimension(), 5, t);
                    y[t] = p.value(x[t]);
                }
                double[] shares = n == 400 ? forestShares(x, y) : Importance.of(names(p.dimension()), x, y, 1, "f").shares();
                b.append(n == 400 ? " | forest, 400: " : " | ARD, " + n + ": ").append(counts(shares)).append(String.format(" (first 6 inputs %.2f)", firstSix(shares)));
            }
            System.out.println(b);
        }
        System.out.println();
        System.out.println("pooled data of each surrogate: ARD on the rows with a loss | forest importance on all rows (missing imputed)");
        for (String key : SurrogateProblem.NAMES) {
            var d = SurrogateProblem.read(out.resolve(key + ".csv"));
            List<double[]> x = new ArrayList<>();
            List<Double> y = new ArrayList<>();
            for (int i = 0; i < d.y().length; i++)
                if (Double.isFinite(d.y()[i])) {
                    x.add(d.x()[i]);
                    y.add(d.y()[i]);
                }
            List<String> params = spaceNames.get(key);
            var ard = Importance.of(params, x.toArray(double[][]::new), y.stream().mapToDouble(Double::doubleValue).toArray(), 1, "pooled");
            var rf = new Importance("forest", params, forestShares(d.x(), d.imputed()), new double[params.size()], d.y().length);
            System.out.println(key + " | ARD, " + x.size() + " rows: " + counts(ard.shares()) + ", " + top(ard) + " | forest, " + d.y().length + " rows: " + counts(rf.shares()) + ", " + top(rf));
        }
    }

    static void add(Map<String, List<String[]>> rows, Map<String, List<String>> sources, String key, String study, List<Trial> trials, String what) {
        sources.computeIfAbsent(key, k -> new ArrayList<>()).add(study);
        for (Trial t : trials) {
            double v = loss(t, what);
            String[] r = new String[t.unit().length + 3];
            r[0] = study;
            r[1] = Integer.toString(t.number());
            for (int k = 0; k < t.unit().length; k++) r[2 + k] = String.format(java.util.Locale.ROOT, "%.6f", t.unit()[k]); // 1e-6 of the cube: below any proposal's resolution that matters
            r[r.length - 1] = Double.isFinite(v) ? String.format(java.util.Locale.ROOT, "%.7g", v) : "";
            rows.computeIfAbsent(key, k -> new ArrayList<>()).add(r);
        }
    }

    static Importance importance(List<String> params, List<Trial> trials, String what, long seed) {
        List<double[]> x = new ArrayList<>();
        List<Double> y = new ArrayList<>();
        for (Trial t : trials) {
            double v = loss(t, what);
            if (!Double.isFinite(v) || t.unit() == null) continue;
            x.add(t.unit());
            y.add(v);
        }
        return Importance.of(params, x.toArray(double[][]::new), y.stream().mapToDouble(Double::doubleValue).toArray(), seed, what);
    }

    static List<String> names(int dim) {
        List<String> n = new ArrayList<>();
        for (int k = 0; k < dim; k++) n.add("x" + k);
        return n;
    }

    static double firstSix(double[] shares) {
        double s = 0;
        for (int k = 0; k < 6; k++) s += shares[k];
        return s;
    }

    /** Smile's random-forest importance (impurity decrease per input) as shares of the sum, of the surrogate's own forest. */
    static double[] forestShares(double[][] x, double[] y) {
        double[] v = org.hrsnn.opt.SurrogateProblem.fitForest(x, y, 0).importance();
        double sum = Arrays.stream(v).map(Math::abs).sum();
        return Arrays.stream(v).map(t -> Math.abs(t) / sum).toArray();
    }

    /** How many inputs, taken by decreasing share, carry 50, 80 and 90% of the summed inverse length scale. */
    static String counts(Importance imp) {
        return counts(imp.shares());
    }

    static String counts(double[] shares) {
        double[] s = shares.clone();
        Arrays.sort(s);
        int[] at = new int[3];
        double[] q = {0.5, 0.8, 0.9};
        double cum = 0;
        int n = 0;
        for (int i = s.length - 1; i >= 0; i--) {
            cum += s[i];
            n++;
            for (int k = 0; k < 3; k++) if (at[k] == 0 && cum >= q[k] - 1e-12) at[k] = n;
        }
        return at[0] + "/" + at[1] + "/" + at[2];
    }

    static String top(Importance imp) {
        Integer[] o = new Integer[imp.shares().length];
        for (int i = 0; i < o.length; i++) o[i] = i;
        Arrays.sort(o, (a, b) -> Double.compare(imp.shares()[b], imp.shares()[a]));
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < Math.min(5, o.length); i++) b.append(i == 0 ? "" : ", ").append(imp.names().get(o[i])).append(String.format(" %.2f", imp.shares()[o[i]]));
        return b.toString();
    }

    /** Median over 5 random 80/20 splits of R^2 and Spearman's rho on the held-out rows (missing losses imputed as the worst). */
    static String heldOut(SurrogateProblem.Data d) {
        double[] y = d.imputed();
        int n = y.length, test = n / 5;
        double[][] r = new double[4][5];
        for (int split = 0; split < 5; split++) {
            var rng = org.hrsnn.random.Seeds.rng(split, "surrogate.split");
            int[] perm = org.apache.commons.rng.sampling.PermutationSampler.natural(n);
            org.apache.commons.rng.sampling.PermutationSampler.shuffle(rng, perm);
            double[][] xtr = new double[n - test][], xte = new double[test][];
            double[] ytr = new double[n - test], yte = new double[test];
            for (int i = 0; i < n; i++) {
                int j = perm[i];
                if (i < test) {
                    xte[i] = d.x()[j];
                    yte[i] = y[j];
                } else {
                    xtr[i - test] = d.x()[j];
                    ytr[i - test] = y[j];
                }
            }
            var fs = List.of(SurrogateProblem.forest(xtr, ytr, 1), SurrogateProblem.gpMean(xtr, ytr, 1));
            for (int m = 0; m < 2; m++) {
                double[] p = Arrays.stream(xte).mapToDouble(fs.get(m)::applyAsDouble).toArray();
                r[m][split] = r2(yte, p);
                r[2 + m][split] = new SpearmansCorrelation().correlation(yte, p);
            }
        }
        StringBuilder b = new StringBuilder();
        for (double[] v : r) {
            Arrays.sort(v);
            b.append(String.format("%.2f [%.2f, %.2f] | ", v[2], v[0], v[4]));
        }
        return b.toString();
    }

    static double r2(double[] y, double[] p) {
        double mean = Arrays.stream(y).average().orElseThrow(), ss = 0, res = 0;
        for (int i = 0; i < y.length; i++) {
            ss += (y[i] - mean) * (y[i] - mean);
            res += (y[i] - p[i]) * (y[i] - p[i]);
        }
        return 1 - res / ss;
    }
}
