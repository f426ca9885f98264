package org.hrsnn.report;

import org.hrsnn.random.Seeds;
import org.hrsnn.stats.StratifiedRankTest;
import org.hrsnn.study.Comparison;
import org.hrsnn.study.Trial;
import org.knowm.xchart.XYChart;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Groups of studies compared: for each group, the best-so-far curves of E and of the task metric over its
 * studies (median and interquartile band at each trial count), and for each measure of
 * {@link Comparison#measures()} the group's final values with a bootstrap 95% interval of the median and a
 * two-sided Mann-Whitney test against the first group. As numbers (for JSON) and as HTML with PNG figures.
 *
 * @param groups  label to the studies' names
 * @param curves  metric ("e", "accuracy" or "nrmse") to one curve per group
 * @param finals  measure name to one summary per group (measures no study has are left out)
 * @param effects measure name to the tests of the factors asked for (none when none was)
 */
public record StudyComparison(Map<String, List<String>> groups, Map<String, List<Curve>> curves, Map<String, List<Comparison.Summary>> finals,
                              Map<String, List<EffectTest>> effects, long seed) {

    /**
     * A group's best-so-far curve: at trial count {@code trials[i]} (1, 2, ...), the median and quartiles
     * (linear interpolation between order statistics) of the best value over the {@code n[i]} studies that
     * had a value by then.
     */
    public record Curve(String group, int[] trials, double[] median, double[] q1, double[] q3, int[] n) {}

    /** A group as given: its label, and each study's name and trials. */
    public record Group(String label, List<String> names, List<List<Trial>> studies) {}

    /**
     * A factor of the design, measured in one or more strata: each pair names the group with the factor and
     * the group without it, the other factors held equal (for example neuron heterogeneity: neurons-only
     * against homogeneous, and heterogeneous against STDP-only).
     */
    public record Effect(String label, List<Map.Entry<String, String>> pairs) {
        public Effect {
            if (pairs.isEmpty()) throw new IllegalArgumentException("effect '" + label + "' names no pair of groups");
            pairs = List.copyOf(pairs);
        }

        public String describe() {
            return String.join(", ", pairs.stream().map(p -> p.getKey() + " vs " + p.getValue()).toList());
        }
    }

    /** An effect tested on one measure. */
    public record EffectTest(Effect effect, StratifiedRankTest test) {}

    public static StudyComparison of(List<Group> groups, long seed) {
        return of(groups, List.of(), seed);
    }

    /** As {@link #of(List, long)}, with each of {@code effects} tested on every measure by a stratified rank test. */
    public static StudyComparison of(List<Group> groups, List<Effect> effects, long seed) {
        Map<String, Group> byLabel = new LinkedHashMap<>();
        for (Group g : groups) byLabel.put(g.label(), g);
        for (Effect e : effects)
            for (var p : e.pairs())
                for (String label : List.of(p.getKey(), p.getValue()))
                    if (!byLabel.containsKey(label))
                        throw new IllegalArgumentException("effect '" + e.label() + "' names group '" + label + "', which is not one of " + byLabel.keySet());
        Map<String, List<String>> names = new LinkedHashMap<>();
        for (Group g : groups) names.put(g.label(), List.copyOf(g.names()));
        Map<String, List<Curve>> curves = new LinkedHashMap<>();
        curves.put("e", groups.stream().map(g -> curve(g, "e")).toList());
        String task = null;
        for (Group g : groups) for (List<Trial> s : g.studies()) if (task == null) task = BestSoFar.taskMetric(s);
        if (task != null) {
            String t = task;
            curves.put(task, groups.stream().map(g -> curve(g, t)).toList());
        }
        Map<String, List<Comparison.Summary>> finals = new LinkedHashMap<>();
        Map<String, List<EffectTest>> tests = new LinkedHashMap<>();
        for (var m : Comparison.measures().entrySet()) {
            Map<String, double[]> values = new LinkedHashMap<>();
            for (Group g : groups) values.put(g.label(), g.studies().stream().mapToDouble(t -> m.getValue().apply(t)).toArray());
            if (values.values().stream().allMatch(v -> Arrays.stream(v).noneMatch(Double::isFinite))) continue;
            finals.put(m.getKey(), Comparison.of(values, seed));
            List<EffectTest> onMeasure = new ArrayList<>();
            for (Effect e : effects) {
                List<StratifiedRankTest.Stratum> strata = e.pairs().stream().map(p -> new StratifiedRankTest.Stratum(values.get(p.getKey()), values.get(p.getValue()))).toList();
                // a measure some group has no finite value of (no study reached MC 5, say) cannot be tested
                boolean testable = strata.stream().allMatch(st -> Arrays.stream(st.first()).anyMatch(Double::isFinite) && Arrays.stream(st.second()).anyMatch(Double::isFinite));
                if (testable) onMeasure.add(new EffectTest(e, StratifiedRankTest.of(strata, Seeds.rng(seed, "effect." + e.label() + "." + m.getKey()))));
            }
            if (!onMeasure.isEmpty()) tests.put(m.getKey(), List.copyOf(onMeasure));
        }
        return new StudyComparison(names, curves, finals, tests, seed);
    }

    static Curve curve(Group g, String metric) {
        boolean lower = BestSoFar.lowerIsBetter(metric);
        List<double[]> runs = g.studies().stream().map(t -> BestSoFar.of(t, metric, lower)).toList();
        int len = runs.stream().mapToInt(r -> r.length).max().orElse(0);
        List<Integer> at = new ArrayList<>();
        List<double[]> q = new ArrayList<>();
        List<Integer> count = new ArrayList<>();
        for (int i = 0; i < len; i++) {
            final int k = i;
            double[] v = runs.stream().filter(r -> r.length > k && Double.isFinite(r[k])).mapToDouble(r -> r[k]).sorted().toArray();
            if (v.length == 0) continue;
            at.add(i + 1);
            q.add(new double[] {quantile(v, 0.25), quantile(v, 0.5), quantile(v, 0.75)});
            count.add(v.length);
        }
        return new Curve(g.label(), at.stream().mapToInt(Integer::intValue).toArray(), q.stream().mapToDouble(x -> x[1]).toArray(),
                q.stream().mapToDouble(x -> x[0]).toArray(), q.stream().mapToDouble(x -> x[2]).toArray(), count.stream().mapToInt(Integer::intValue).toArray());
    }

    /** The {@code p} quantile of sorted values, linear between order statistics (numpy's default). */
    static double quantile(double[] sorted, double p) {
        double h = (sorted.length - 1) * p;
        int lo = (int) Math.floor(h), hi = Math.min(lo + 1, sorted.length - 1);
        return sorted[lo] + (h - lo) * (sorted[hi] - sorted[lo]);
    }

    /** The numbers as a tree for JSON. */
    public Map<String, Object> tree() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("groups", groups);
        m.put("test", "two-sided Mann-Whitney U of each group against the first (exact p-values for small groups)");
        m.put("interval", "percentile bootstrap 95% interval of the median, " + Comparison.RESAMPLES + " resamples, seed " + seed);
        Map<String, Object> f = new LinkedHashMap<>();
        String first = groups.keySet().iterator().next();
        finals.forEach((measure, summaries) -> f.put(measure, summaries.stream().map(s -> {
            Map<String, Object> g = new LinkedHashMap<>();
            g.put("group", s.group());
            g.put("n", s.values().length);
            g.put("values", s.values());
            g.put("median", finite(s.median()));
            g.put("ci95", new Double[] {finite(s.low()), finite(s.high())});
            if (!s.group().equals(first)) {
                Map<String, Object> test = new LinkedHashMap<>();
                test.put("group", first);
                test.put("u", finite(s.u()));
                test.put("p", finite(s.p()));
                g.put("versusFirst", test);
            }
            return g;
        }).toList()));
        m.put("finals", f);
        if (!effects.isEmpty()) {
            Map<String, Object> ef = new LinkedHashMap<>();
            effects.forEach((measure, ts) -> ef.put(measure, ts.stream().map(t -> {
                Map<String, Object> x = new LinkedHashMap<>();
                x.put("effect", t.effect().label());
                x.put("pairs", t.effect().pairs().stream().map(p -> List.of(p.getKey(), p.getValue())).toList());
                x.put("shift", finite(t.test().shift()));
                x.put("shiftPerPair", Arrays.stream(t.test().shifts()).mapToObj(StudyComparison::finite).toList());
                x.put("statistic", t.test().statistic());
                x.put("p", t.test().p());
                x.put("exact", t.test().exact());
                x.put("relabelings", t.test().relabelings());
                return x;
            }).toList()));
            m.put("effectTest", "van Elteren stratified rank-sum test, two-sided, p from the permutation distribution within pairs (exact up to "
                    + StratifiedRankTest.MAX_EXACT + " relabellings); shift: median of the within-pair differences (first - second)");
            m.put("effects", ef);
        }
        Map<String, Object> c = new LinkedHashMap<>();
        curves.forEach((metric, cs) -> c.put(metric, cs.stream().map(x -> {
            Map<String, Object> g = new LinkedHashMap<>();
            g.put("group", x.group());
            g.put("trials", x.trials());
            g.put("median", x.median());
            g.put("q1", x.q1());
            g.put("q3", x.q3());
            g.put("studies", x.n());
            return g;
        }).toList()));
        m.put("bestSoFar", c);
        return m;
    }

    private static Double finite(double v) {
        return Double.isFinite(v) ? v : null;
    }

    /** Writes compare.html and the figures (PNG and SVG) into {@code out}, replacing what is there. */
    public Path write(Path out, String tool) throws IOException {
        return write(out, tool, List.of(), List.of());
    }

    /**
     * As {@link #write(Path, String)}, with supervised baseline records obtained on the studies' task and data
     * ({@code baselines}) in a table after the final values, and the records left out for other data named.
     */
    public Path write(Path out, String tool, List<org.hrsnn.baseline.BaselineRecord> baselines, List<org.hrsnn.baseline.BaselineRecord> leftOut) throws IOException {
        Path target = out.toAbsolutePath().normalize();
        String refused = StudyReport.notReplaceable(target, "compare.html");
        if (refused != null) throw new IOException(refused);
        Files.createDirectories(target.getParent());
        Path tmp = Files.createTempDirectory(target.getParent(), "." + target.getFileName() + "-");
        try {
            org.hrsnn.export.FilePermissions.asNewDirectory(tmp);
            List<Charts.Figure> figs = new ArrayList<>();
            for (var e : curves.entrySet()) figs.add(curveFigure(tmp, e.getKey(), e.getValue()));
            figs.add(finalsFigure(tmp));
            Html h = new Html("Studies compared: " + String.join(" vs ", groups.keySet()), tmp);
            h.p("Groups: " + groups.entrySet().stream().map(g -> g.getKey() + " = " + String.join(", ", g.getValue())).reduce((a, b) -> a + "; " + b).orElse("") + ".");
            for (Charts.Figure f : figs) h.figure(f);
            h.h2("Final values per group", "finals");
            h.p("Each study is summarised by one number (its best E, ...); each group by the median of its studies with a percentile bootstrap 95% interval ("
                    + Comparison.RESAMPLES + " resamples, seed " + seed + "); each group is tested against the first (" + groups.keySet().iterator().next()
                    + ") by a two-sided Mann-Whitney U test, exact for small groups. " + smallestP());
            List<List<String>> rows = new ArrayList<>();
            for (var e : finals.entrySet())
                for (Comparison.Summary s : e.getValue())
                    rows.add(List.of(e.getKey(), s.group(), String.valueOf(s.values().length), g(s.median()), "[" + g(s.low()) + ", " + g(s.high()) + "]",
                            String.join(", ", Arrays.stream(s.values()).mapToObj(StudyComparison::g).toList()), Double.isNaN(s.u()) ? "" : String.format(Locale.ROOT, "%.1f", s.u()),
                            Double.isNaN(s.p()) ? "" : String.format(Locale.ROOT, "%.3g", s.p())));
            h.table(List.of("measure", "group", "n", "median", "95% interval", "values", "U vs first", "p vs first"), rows,
                    new boolean[] {true, true, false, false, false, true, false, false});
            if (!effects.isEmpty()) {
                h.h2("Factors tested", "effects");
                h.p("Each factor is compared within pairs of groups that differ in it alone (first group of a pair: with the factor). Test: van Elteren's "
                        + "stratified rank-sum test, two-sided, its p from the permutation distribution within pairs; shift: the median of all within-pair "
                        + "differences between a study of the first group and one of the second.");
                List<List<String>> er = new ArrayList<>();
                for (var e : effects.entrySet())
                    for (EffectTest t : e.getValue())
                        er.add(List.of(e.getKey(), t.effect().label(), t.effect().describe(), g(t.test().shift()),
                                String.join(", ", Arrays.stream(t.test().shifts()).mapToObj(StudyComparison::g).toList()),
                                String.format(Locale.ROOT, "%.3g", t.test().p()) + (t.test().exact() ? "" : " (Monte Carlo)")));
                h.table(List.of("measure", "factor", "pairs", "shift", "shift per pair (difference of medians)", "p"), er,
                        new boolean[] {true, true, true, false, false, false});
            }
            if (!baselines.isEmpty()) {
                h.h2("Supervised baselines", "baselines");
                h.p("Results of `hrsnn baseline srnn` on the same task and data as these studies (same data identity), to read beside the groups' "
                        + "best task values above. S is the mean rate in Hz in both; the HRSNN's readout is a ridge fit, the SRNN is trained end to end.");
                List<List<String>> b = new ArrayList<>();
                for (var r : baselines)
                    b.add(List.of(r.model(), r.metric(), g(r.value()), g(r.rateHz()), g(r.synapticOps()), String.valueOf(r.parameters()),
                            r.trainSamples() + " (" + g(r.trainFraction()) + ")", g(r.trainSeconds()) + " s"));
                h.table(List.of("model", "metric", "value", "S (Hz)", "synaptic ops per sample", "trainable parameters", "training samples (fraction)",
                        "training time"), b, new boolean[] {true, true, false, false, false, false, false, false});
            }
            for (var r : leftOut) h.note("Note: a " + r.model() + " baseline on task " + r.task() + " was left out: it was obtained on other data than these studies.");
            h.note("Written " + java.time.Instant.now() + " by " + tool + ".");
            Files.writeString(tmp.resolve("compare.html"), h.end());
            if (Files.exists(target)) StudyReport.deleteTree(target);
            Files.move(tmp, target, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
            tmp = null;
            return target.resolve("compare.html");
        } finally {
            if (tmp != null) StudyReport.deleteTree(tmp);
        }
    }

    /** The smallest two-sided p the exact test can give for these group sizes: 2 / C(n1 + n2, n1). */
    String smallestP() {
        List<Integer> sizes = groups.values().stream().map(List::size).toList();
        StringBuilder b = new StringBuilder();
        for (int k = 1; k < sizes.size(); k++) {
            int n1 = sizes.get(0), n2 = sizes.get(k);
            double p = Math.min(1, 2 / org.apache.commons.math3.util.CombinatoricsUtils.binomialCoefficientDouble(n1 + n2, n1));
            b.append(k > 1 ? "; " : "With ").append(String.format(Locale.ROOT, "%d and %d studies the smallest two-sided p possible is %.3g", n1, n2, p));
        }
        return b.append(".").toString();
    }

    private static String g(double v) {
        return Double.isFinite(v) ? String.format(Locale.ROOT, "%.4g", v) : "-";
    }

    /** Every measure's values, one point per study (coloured by its place in the group, i.e. its seed), groups side by side, with each group's median. */
    Charts.Figure finalsFigure(Path dir) throws IOException {
        List<String> labels = List.copyOf(groups.keySet());
        int most = groups.values().stream().mapToInt(List::size).max().orElse(0);
        List<org.knowm.xchart.CategoryChart> charts = new ArrayList<>();
        for (var e : finals.entrySet()) {
            org.knowm.xchart.CategoryChart c = Charts.bars(e.getKey(), "", "", 470, 320);
            c.getStyler().setXAxisLabelRotation(0);
            c.getStyler().setDefaultSeriesRenderStyle(org.knowm.xchart.CategorySeries.CategorySeriesRenderStyle.Scatter);
            c.getStyler().setMarkerSize(8);
            c.getStyler().setLegendVisible(charts.isEmpty());
            c.getStyler().setLegendPosition(org.knowm.xchart.style.Styler.LegendPosition.InsideNE);
            Map<String, Comparison.Summary> byGroup = new LinkedHashMap<>();
            for (Comparison.Summary s : e.getValue()) byGroup.put(s.group(), s);
            // The summary's values are sorted and NaN-free; the studies' own order is in the groups, so points are drawn by rank within the group.
            for (int k = 0; k < most; k++) {
                final int r = k;
                List<Double> y = labels.stream().map(l -> byGroup.containsKey(l) && byGroup.get(l).values().length > r ? byGroup.get(l).values()[r] : null).toList();
                if (y.stream().allMatch(java.util.Objects::isNull)) continue;
                c.addSeries(ordinal(k + 1) + " lowest", labels, y).setMarker(org.knowm.xchart.style.markers.SeriesMarkers.CIRCLE);
            }
            List<Double> med = labels.stream().map(l -> byGroup.containsKey(l) && Double.isFinite(byGroup.get(l).median()) ? byGroup.get(l).median() : null).toList();
            if (med.stream().anyMatch(java.util.Objects::nonNull)) {
                var m = c.addSeries("median", labels, med);
                m.setMarker(org.knowm.xchart.style.markers.SeriesMarkers.DIAMOND);
                m.setMarkerColor(Charts.BLACK);
            }
            charts.add(c);
        }
        return Charts.grid(charts, 3, dir, "finals", "Each measure per study",
                "For each measure, the groups side by side: each study's value (coloured by its rank within its group) and the group's median (black diamond). "
                        + "Read with the intervals and tests of the table below.");
    }

    private static String ordinal(int k) {
        return k + (k % 100 >= 11 && k % 100 <= 13 ? "th" : switch (k % 10) { case 1 -> "st"; case 2 -> "nd"; case 3 -> "rd"; default -> "th"; });
    }

    private Charts.Figure curveFigure(Path dir, String metric, List<Curve> cs) throws IOException {
        String label = metric.equals("e") ? "E" : metric.equals("accuracy") ? "test accuracy" : "NRMSE";
        boolean lower = BestSoFar.lowerIsBetter(metric);
        XYChart c = Charts.xy("Best " + label + " so far: median and interquartile range per group", "trials finished",
                "best " + label + " so far" + (lower ? " (lower is better)" : " (higher is better)"), 1000, 480);
        boolean any = false;
        double lo = Double.POSITIVE_INFINITY, hi = 0;
        for (int i = 0; i < cs.size(); i++) {
            Curve k = cs.get(i);
            if (k.trials().length == 0) continue;
            any = true;
            double[] x = Arrays.stream(k.trials()).asDoubleStream().toArray();
            java.awt.Color col = Charts.CYCLE[i % Charts.CYCLE.length];
            Charts.band(c, k.group() + " IQR", x, k.q1(), k.q3(), col).setShowInLegend(false);
            Charts.line(c, k.group() + " median (" + groups.get(k.group()).size() + " studies)", x, k.median(), col, 2.5f)
                    .setXYSeriesRenderStyle(org.knowm.xchart.XYSeries.XYSeriesRenderStyle.Step);
            for (double v : k.q1()) lo = Math.min(lo, v);
            for (double v : k.q3()) hi = Math.max(hi, v);
        }
        if (!any) Charts.points(c, "no study has a value", new double[] {1}, new double[] {1}, java.awt.Color.WHITE, true);
        // XChart labels only powers of ten on a log axis: a log scale only where E spans more than a factor 20
        boolean log = metric.equals("e") && any && lo > 0 && hi / lo > 20;
        c.getStyler().setYAxisLogarithmic(log);
        return Charts.save(c, dir, "best-so-far-" + metric, "Best " + label + " so far",
                "For each group, the median over its studies of the best " + label + " after each number of trials (line) and the interquartile range (band)"
                        + (log ? ", log scale" : "") + ". A trial count is drawn while at least one study of the group has a value.");
    }
}
