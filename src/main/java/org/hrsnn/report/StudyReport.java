package org.hrsnn.report;

import org.hrsnn.model.NetworkSpec;
import org.hrsnn.opt.Parameter;
import org.hrsnn.problem.HrsnnProblem;
import org.hrsnn.sim.Network;
import org.hrsnn.study.Journal;
import org.hrsnn.study.Ranking;
import org.hrsnn.study.Study;
import org.hrsnn.study.Trial;
import org.hrsnn.study.TrialTable;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;

import java.awt.Color;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The report of one study: figures (PNG, and SVG for single charts) and a self-contained report.html in
 * one folder, written in a hidden folder beside it and renamed into place, so a failure leaves the old
 * report (or none), never half of one.
 */
public final class StudyReport {
    /** Length of the run drawn for each best design, ms. */
    public static final double RUN_MS = 500;

    /** What was written. */
    public record Result(Path folder, Path html, List<Charts.Figure> figures, List<String> notes) {}

    private final Study study;
    private final HrsnnProblem problem;
    private final List<Trial> trials;
    private final List<Journal.Event> events;
    private final String tool;
    private final Path dir;
    private final List<Charts.Figure> figures = new ArrayList<>();
    private final List<String> notes = new ArrayList<>();
    private final List<org.hrsnn.baseline.BaselineRecord> baselines = new ArrayList<>();

    private StudyReport(Study study, HrsnnProblem problem, List<Journal.Event> events, String tool, Path dir) throws IOException {
        this.study = study;
        this.problem = problem;
        this.events = events;
        this.trials = org.hrsnn.study.TrialStates.replay(events);
        this.tool = tool;
        this.dir = dir;
    }

    /**
     * Writes the report of {@code study} into {@code out} (replacing a report there); {@code tool} names the
     * writer. {@code problem} rebuilds the best designs; when it is null (a study this version cannot
     * rebuild), the report says so and draws everything else.
     */
    public static Result write(Study study, HrsnnProblem problem, Path out, String tool) throws IOException {
        return write(study, problem, out, tool, List.of());
    }

    /**
     * The same with supervised baselines ({@code hrsnn baseline srnn --out FILE} records) shown beside the best
     * designs; a record obtained on other data than the study's is left out with a note.
     */
    public static Result write(Study study, HrsnnProblem problem, Path out, String tool, List<org.hrsnn.baseline.BaselineRecord> baselines) throws IOException {
        Path target = out.toAbsolutePath().normalize();
        Files.createDirectories(target.getParent());
        String refused = notReplaceable(target, "report.html");
        if (refused != null) throw new IOException(refused);
        Path tmp = Files.createTempDirectory(target.getParent(), "." + target.getFileName() + "-");
        try {
            org.hrsnn.export.FilePermissions.asNewDirectory(tmp);
            StudyReport r = new StudyReport(study, problem, study.storage().events(), tool, tmp);
            r.baselines.addAll(baselines);
            r.build();
            Path old = null;
            if (Files.exists(target)) {
                old = Files.createTempDirectory(target.getParent(), "." + target.getFileName() + "-old-");
                Files.delete(old);
                Files.move(target, old, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
            }
            Files.move(tmp, target, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
            tmp = null;
            if (old != null) deleteTree(old);
            List<Charts.Figure> figs = List.copyOf(r.figures);
            return new Result(target, target.resolve("report.html"), figs, List.copyOf(r.notes));
        } finally {
            if (tmp != null) deleteTree(tmp);
        }
    }

    /**
     * Why {@code target} may not be replaced by a report holding {@code marker} (report.html, compare.html),
     * or null: a folder is replaced only when it is empty or holds that file, so {@code --out .} or a
     * mistyped folder never loses anything else.
     */
    public static String notReplaceable(Path target, String marker) throws IOException {
        if (!Files.exists(target)) return null;
        if (!Files.isDirectory(target)) return target + " exists and is not a folder";
        if (Files.isRegularFile(target.resolve(marker))) return null;
        try (var s = Files.list(target)) {
            return s.findAny().isEmpty() ? null : target + " is a folder without " + marker + ": refusing to replace it; give a new or empty folder";
        }
    }

    static void deleteTree(Path p) throws IOException {
        try (var s = Files.walk(p)) {
            for (Path q : s.sorted(Comparator.reverseOrder()).toList()) Files.deleteIfExists(q);
        }
    }

    private void build() throws IOException {
        String task = BestSoFar.taskMetric(trials);
        history();
        if (task != null) {
            taskHistory(task);
            pareto(task);
        } else notes.add("no trial has a task metric (accuracy or NRMSE): no task history and no Pareto front");
        parallel();
        slices();
        importance();
        bestDesigns(task);
        timeline();
        Files.writeString(dir.resolve("report.html"), html(task));
    }

    // ---------------------------------------------------------------- figures

    private void history() throws IOException {
        XYChart c = Charts.xy("E per trial and best so far", "trial", "E = S / MC (lower is better)", 1000, 420);
        List<Trial> withE = trials.stream().filter(t -> BestSoFar.value(t, "e") != null).toList();
        double low = withE.stream().mapToDouble(t -> t.metric("e")).min().orElse(1);
        boolean log = withE.stream().allMatch(t -> t.metric("e") > 0);
        addByState(c, withE, Trial.State.COMPLETE, "complete", Charts.BLUE, "e");
        addByState(c, withE, Trial.State.PRUNED, "pruned (no task stage)", Charts.ORANGE, "e");
        addByState(c, withE, Trial.State.FAILED, "failed, with an E", Charts.RED, "e");
        for (Trial.State st : List.of(Trial.State.PRUNED, Trial.State.FAILED)) {
            List<Trial> none = trials.stream().filter(t -> t.state() == st && BestSoFar.value(t, "e") == null).toList();
            if (none.isEmpty()) continue;
            XYSeries s = Charts.points(c, st.name().toLowerCase(Locale.ROOT) + ", no E (" + none.size() + "): drawn at the lowest E",
                    none.stream().mapToDouble(Trial::number).toArray(), none.stream().mapToDouble(t -> low).toArray(), st == Trial.State.PRUNED ? Charts.ORANGE : Charts.RED, false);
            s.setMarker(SeriesMarkers.CROSS);
        }
        double[] best = BestSoFar.of(trials, "e", true);
        stepLine(c, "best so far", best, Charts.BLACK);
        if (withE.isEmpty()) Charts.points(c, "no trial has an E", new double[] {0}, new double[] {1}, Color.WHITE, true);
        c.getStyler().setYAxisLogarithmic(log && !withE.isEmpty());
        figures.add(Charts.save(c, dir, "history-e", "Optimisation history of E",
                "E of every finished trial by trial number (log scale), coloured by state, and the lowest E found so far. Trials without an E "
                        + "(the memory stage failed: silent, saturated, or MC below the floor; recorded as pruned) are crosses at the lowest E."));
    }

    private void taskHistory(String task) throws IOException {
        boolean lower = BestSoFar.lowerIsBetter(task);
        String label = task.equals("accuracy") ? "test accuracy" : "NRMSE";
        XYChart c = Charts.xy(label + " per trial and best so far", "trial", label + (lower ? " (lower is better)" : " (higher is better)"), 1000, 420);
        List<Trial> with = trials.stream().filter(t -> BestSoFar.value(t, task) != null).toList();
        addByState(c, with, Trial.State.COMPLETE, "complete", Charts.BLUE, task);
        addByState(c, with, Trial.State.FAILED, "failed", Charts.RED, task);
        stepLine(c, "best so far", BestSoFar.of(trials, task, lower), Charts.BLACK);
        // What each network adds to its input: the stacked readout (raw input, then the network for its residual)
        // as open circles; its null is summarised by its median level, like the baselines.
        List<Trial> stacked = with.stream().filter(t -> t.metric("stacked") != null && Double.isFinite(t.metric("stacked"))).toList();
        if (!stacked.isEmpty())
            Charts.points(c, "raw input then network (" + stacked.size() + ")", stacked.stream().mapToDouble(Trial::number).toArray(),
                    stacked.stream().mapToDouble(t -> t.metric("stacked")).toArray(), Charts.ORANGE, false);
        double n = trials.stream().mapToInt(Trial::number).max().orElse(0);
        double base = median(trials, "baseline"), strong = median(trials, "strongBaseline");
        if (Double.isFinite(base)) Charts.level(c, String.format(Locale.ROOT, "non-spiking baseline %.4g", base), 0, n, base, Charts.GREY);
        if (Double.isFinite(strong)) Charts.level(c, String.format(Locale.ROOT, "strong non-spiking baseline %.4g", strong), 0, n, strong, Charts.PURPLE);
        double nul = median(trials, "stackedNull");
        if (Double.isFinite(nul)) Charts.level(c, String.format(Locale.ROOT, "null of raw then network, median %.4g", nul), 0, n, nul, Charts.ORANGE);
        long pruned = trials.stream().filter(t -> t.state() == Trial.State.PRUNED).count();
        figures.add(Charts.save(c, dir, "history-task", "Optimisation history of the task metric",
                label + " of every trial that reached the task stage, and the best so far. Dashed: the same readout trained on the raw input "
                        + "instead of the network's states (the non-spiking baseline; 'strong' reads it at every time step). "
                        + (stacked.isEmpty() ? "" : "Open orange circles: the raw-input readout with the network's states fitted to its residual (what the network adds "
                        + "to its input); the orange level is the median of its null, the network's rows shuffled against the samples. ") + pruned
                        + " pruned trial(s) stopped after the memory stage and have no task value."));
    }

    private void pareto(String task) throws IOException {
        String label = task.equals("accuracy") ? "test accuracy" : "NRMSE";
        XYChart c = Charts.xy("Pareto front of (E, " + label + ")", "E (log scale, lower is better)", label, 900, 480);
        List<Trial> both = trials.stream().filter(t -> t.state() == Trial.State.COMPLETE && BestSoFar.value(t, "e") != null && BestSoFar.value(t, task) != null).toList();
        List<Trial> front = Ranking.pareto(trials);
        if (both.isEmpty()) {
            Charts.points(c, "no completed trial has both", new double[] {1}, new double[] {0}, Color.WHITE, true);
            notes.add("no completed trial has both E and " + label + ": the Pareto figure is empty");
        } else {
            Charts.points(c, "completed trials", both.stream().mapToDouble(t -> t.metric("e")).toArray(), both.stream().mapToDouble(t -> t.metric(task)).toArray(),
                    Charts.GREY, true);
            XYSeries f = Charts.line(c, "Pareto front", front.stream().mapToDouble(t -> t.metric("e")).toArray(), front.stream().mapToDouble(t -> t.metric(task)).toArray(),
                    Charts.RED, 2f);
            f.setMarker(SeriesMarkers.DIAMOND);
            f.setMarkerColor(Charts.RED);
            c.getStyler().setXAxisLogarithmic(both.stream().allMatch(t -> t.metric("e") > 0));
        }
        figures.add(Charts.save(c, dir, "pareto", "Pareto front",
                "Every completed trial's E against its " + label + "; the trials no other trial beats in both (" + front.size() + ") are joined in red."));
    }

    private void parallel() throws IOException {
        List<Parameter> ps = study.space().searched();
        List<Trial> withE = trials.stream().filter(t -> BestSoFar.value(t, "e") != null && t.metric("e") > 0 && t.unit() != null
                && t.unit().length == ps.size()).sorted(Comparator.comparingDouble((Trial t) -> -t.metric("e"))).toList(); // best drawn last, on top
        XYChart c = Charts.xy("Parallel coordinates of the searched parameters, coloured by E", "", "position in the range (0 = low bound, 1 = high)",
                Math.max(900, 34 * ps.size() + 200), 520);
        double lo = withE.stream().mapToDouble(t -> Math.log(t.metric("e"))).min().orElse(0), hi = withE.stream().mapToDouble(t -> Math.log(t.metric("e"))).max().orElse(1);
        double[] x = new double[ps.size()];
        for (int d = 0; d < x.length; d++) x[d] = d;
        for (Trial t : withE) {
            XYSeries s = Charts.line(c, "trial " + t.number(), x, t.unit(), Charts.scale(hi > lo ? (hi - Math.log(t.metric("e"))) / (hi - lo) : 1), 1.2f);
            s.setShowInLegend(false);
        }
        if (withE.isEmpty() || ps.isEmpty()) Charts.points(c, "no trial has an E", new double[] {0}, new double[] {0}, Color.WHITE, true);
        c.getStyler().setLegendVisible(false);
        c.getStyler().setXAxisLabelRotation(90);
        c.getStyler().setXAxisMaxLabelCount(ps.size() + 1);
        c.getStyler().setxAxisTickLabelsFormattingFunction(v -> {
            long k = Math.round(v);
            return Math.abs(v - k) < 1e-6 && k >= 0 && k < ps.size() ? ps.get((int) k).name() : "";
        });
        c.getStyler().setYAxisMin(0.0);
        c.getStyler().setYAxisMax(1.0);
        figures.add(Charts.save(c, dir, "parallel", "Parallel coordinates",
                "One line per trial with an E (" + withE.size() + "), through each searched parameter's position in its range (a log parameter on "
                        + "the log scale). Colour: E from dark purple (highest, " + String.format(Locale.ROOT, "%.3g", Math.exp(hi)) + ") to yellow (lowest, "
                        + String.format(Locale.ROOT, "%.3g", Math.exp(lo)) + "), the best drawn on top."));
    }

    private void slices() throws IOException {
        List<Parameter> ps = study.space().searched();
        List<XYChart> charts = new ArrayList<>();
        List<Trial> withE = trials.stream().filter(t -> BestSoFar.value(t, "e") != null && t.metric("e") > 0).toList();
        for (Parameter p : ps) {
            XYChart c = Charts.xy(p.name(), p.name(), "E", 300, 230);
            c.getStyler().setLegendVisible(false);
            c.getStyler().setChartTitleFont(new java.awt.Font(java.awt.Font.SANS_SERIF, java.awt.Font.BOLD, 11));
            c.getStyler().setAxisTitleFont(new java.awt.Font(java.awt.Font.SANS_SERIF, java.awt.Font.PLAIN, 10));
            c.getStyler().setMarkerSize(5);
            for (Trial.State st : List.of(Trial.State.COMPLETE, Trial.State.PRUNED, Trial.State.FAILED)) {
                List<Trial> of = withE.stream().filter(t -> t.state() == st && t.params().get(p.name()) != null).toList();
                if (of.isEmpty()) continue;
                Charts.points(c, st.name().toLowerCase(Locale.ROOT), of.stream().mapToDouble(t -> numeric(p, t.params().get(p.name()))).toArray(),
                        of.stream().mapToDouble(t -> t.metric("e")).toArray(), st == Trial.State.COMPLETE ? Charts.BLUE : st == Trial.State.PRUNED ? Charts.ORANGE : Charts.RED, true);
            }
            if (c.getSeriesMap().isEmpty()) Charts.points(c, "none", new double[] {0}, new double[] {1}, Color.WHITE, true); // no trial: an empty frame
            else {
                c.getStyler().setYAxisLogarithmic(true);
                if (p instanceof Parameter.Float f && f.log() && f.low() > 0) c.getStyler().setXAxisLogarithmic(true);
                if (p instanceof Parameter.Int i && i.log() && i.low() > 0) c.getStyler().setXAxisLogarithmic(true);
            }
            if (p instanceof Parameter.Categorical cat) c.getStyler().setxAxisTickLabelsFormattingFunction(v -> {
                long k = Math.round(v);
                return Math.abs(v - k) < 1e-6 && k >= 0 && k < cat.choices().size() ? cat.choices().get((int) k) : "";
            });
            charts.add(c);
        }
        if (charts.isEmpty()) {
            notes.add("the space has no searched parameter: no slice plots");
            return;
        }
        figures.add(Charts.grid(charts, 4, dir, "slices", "Slice plots",
                "E (log scale) of every trial with an E against each searched parameter's value (log parameters on a log axis); blue complete, "
                        + "orange pruned, red failed."));
    }

    private static double numeric(Parameter p, Object v) {
        if (p instanceof Parameter.Categorical c) return c.choices().indexOf(String.valueOf(v));
        if (v instanceof Number n) return n.doubleValue();
        return Double.parseDouble(String.valueOf(v));
    }

    private void importance() throws IOException {
        Importance imp = Importance.ofLogE(study.space(), trials, study.config().seed());
        if (imp == null) {
            notes.add("fewer than " + Importance.MIN_TRIALS + " trials have an E: no parameter importance");
            return;
        }
        Integer[] order = new Integer[imp.names().size()];
        for (int i = 0; i < order.length; i++) order[i] = i;
        Arrays.sort(order, Comparator.comparingDouble(i -> -imp.shares()[i]));
        CategoryChart c = Charts.bars("Parameter importance for log E", "", "share of summed inverse length scales", Math.max(900, 30 * order.length + 200), 480);
        c.addSeries("importance", Arrays.stream(order).map(i -> imp.names().get(i)).toList(), Arrays.stream(order).map(i -> imp.shares()[i]).toList())
                .setFillColor(Charts.BLUE);
        figures.add(Charts.save(c, dir, "importance", "Parameter importance",
                "Method: " + imp.method() + ". A parameter with a long length scale (a small share) barely changes log E over its range, as far as "
                        + imp.trials() + " trials can tell."));
    }

    private void bestDesigns(String task) throws IOException {
        List<Trial> chosen = new ArrayList<>();
        List<String> why = new ArrayList<>();
        List<Trial> byE = Ranking.byE(trials), byTask = Ranking.byTask(trials);
        if (!byE.isEmpty()) {
            chosen.add(byE.get(0));
            why.add("best by E");
        }
        if (!byTask.isEmpty() && (chosen.isEmpty() || byTask.get(0).number() != chosen.get(0).number())) {
            chosen.add(byTask.get(0));
            why.add("best by " + (task == null ? "task" : task.equals("accuracy") ? "accuracy" : "NRMSE"));
        } else if (!byTask.isEmpty()) why.set(0, "best by E and by the task");
        if (chosen.isEmpty()) {
            notes.add("no finished trial has an E: no best designs to draw");
            return;
        }
        XYChart mc = Charts.xy("Memory curve of the best designs", "delay k (input samples)", "r² of the delayed input", 900, 400);
        int curves = 0;
        for (int i = 0; i < chosen.size(); i++) {
            double[] curve = chosen.get(i).mcCurve();
            if (curve == null || curve.length == 0) continue;
            double[] k = new double[curve.length];
            for (int j = 0; j < k.length; j++) k[j] = j + 1;
            XYSeries s = Charts.line(mc, String.format(Locale.ROOT, "trial %d (%s), MC %.3g", chosen.get(i).number(), why.get(i), sum(curve)), k, curve,
                    Charts.CYCLE[i], 2f);
            s.setMarker(SeriesMarkers.CIRCLE);
            s.setMarkerColor(Charts.CYCLE[i]);
            curves++;
        }
        if (curves > 0) {
            mc.getStyler().setYAxisMin(0.0);
            figures.add(Charts.save(mc, dir, "mc-curve", "Memory curves",
                    "r_k² of a held-out linear readout of the input k samples back, for the best designs; MC is their sum (as the study measured it)."));
        } else notes.add("the best trials have no recorded memory curve");
        for (int i = 0; i < chosen.size(); i++) design(chosen.get(i), why.get(i));
    }

    private static double sum(double[] v) {
        double s = 0;
        for (double x : v) s += x;
        return s;
    }

    private void design(Trial t, String why) throws IOException {
        if (problem == null) {
            notes.add("trial " + t.number() + " (" + why + "): this version cannot rebuild the study's designs, so its raster and distributions are not drawn");
            return;
        }
        NetworkSpec spec;
        try {
            spec = problem.design(t.params());
        } catch (IllegalArgumentException e) {
            notes.add("trial " + t.number() + " (" + why + "): its design cannot be built: " + e.getMessage());
            return;
        }
        Network net = Network.instantiate(spec, t.seed()), hom = Network.instantiate(spec.homogeneous(), t.seed());
        List<XYChart> hist = new ArrayList<>();
        int nE = net.excitatorySize(), n = net.size();
        hist.add(histogram("τm of E neurons (ms)", range(0, nE, net::tauMembrane), hom.tauMembrane(0)));
        if (n > nE) hist.add(histogram("τm of I neurons (ms)", range(nE, n, net::tauMembrane), hom.tauMembrane(nE)));
        int syn = net.excitatorySynapseCount();
        if (syn > 0 && net.stdpParameters(0) != null) {
            String[] names = {"A+ per E→E synapse", "A− per E→E synapse", "τ+ per E→E synapse (ms)", "τ− per E→E synapse (ms)"};
            double[] homogeneous = hom.excitatorySynapseCount() > 0 ? hom.stdpParameters(0) : null;
            for (int k = 0; k < 4; k++) {
                final int kk = k;
                hist.add(histogram(names[k], range(0, syn, s -> net.stdpParameters(s)[kk]), homogeneous == null ? Double.NaN : homogeneous[k]));
            }
        }
        String stem = "design-" + t.number();
        figures.add(Charts.grid(hist, 3, dir, stem + "-distributions", "Trial " + t.number() + " (" + why + "): sampled parameters",
                "Histograms of the values drawn for this design's " + n + " neurons and " + syn + " E→E synapses (seed " + t.seed()
                        + "); dashed: the homogeneous counterpart's single value (every distribution replaced by its mean)."));
        ActivityRun run = ActivityRun.of(net, RUN_MS, true);
        run.write(dir.resolve(stem + "-activity.png"), String.format(Locale.ROOT, "trial %d: %.0f ms, mean rate %.2f Hz", t.number(), RUN_MS, run.meanRate()));
        figures.add(new Charts.Figure(stem + "-activity", "Trial " + t.number() + " (" + why + "): raster and population rate",
                String.format(Locale.ROOT, "A fresh instance of the design (its seed) driven for %.0f ms by hrsnn simulate's test signal (slow sines), STDP on: every spike "
                        + "(E blue, I red) and the E and I rates per %.0f ms bin. The study's memory stage trains STDP first, then freezes it.", RUN_MS, run.binMs()),
                stem + "-activity.png", null));
    }

    private static double[] range(int from, int to, java.util.function.IntToDoubleFunction f) {
        double[] v = new double[to - from];
        for (int i = from; i < to; i++) v[i - from] = f.applyAsDouble(i);
        return v;
    }

    /** A histogram as a filled outline, with the homogeneous value as a dashed vertical line. */
    static XYChart histogram(String title, double[] values, double homogeneous) {
        XYChart c = Charts.xy(title, "", "count", 330, 240);
        c.getStyler().setLegendVisible(false);
        c.getStyler().setChartTitleFont(new java.awt.Font(java.awt.Font.SANS_SERIF, java.awt.Font.BOLD, 11));
        double lo = Arrays.stream(values).min().orElse(0), hi = Arrays.stream(values).max().orElse(1);
        if (Double.isFinite(homogeneous)) {
            lo = Math.min(lo, homogeneous);
            hi = Math.max(hi, homogeneous);
        }
        if (!(hi > lo)) {
            double w = Math.max(1e-9, Math.abs(lo) * 0.05);
            lo -= w;
            hi += w;
        }
        int bins = 30;
        long[] counts = new long[bins];
        for (double v : values) counts[Math.min(bins - 1, (int) ((v - lo) / (hi - lo) * bins))]++;
        double[] px = new double[2 * bins + 2], py = new double[2 * bins + 2];
        long max = 0;
        for (int b = 0; b < bins; b++) {
            px[2 * b + 1] = lo + (hi - lo) * b / bins;
            px[2 * b + 2] = lo + (hi - lo) * (b + 1) / bins;
            py[2 * b + 1] = py[2 * b + 2] = counts[b];
            max = Math.max(max, counts[b]);
        }
        px[0] = lo;
        px[2 * bins + 1] = hi;
        XYSeries s = c.addSeries("values", px, py);
        s.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.PolygonArea);
        s.setMarker(SeriesMarkers.NONE);
        s.setFillColor(new Color(0, 114, 178, 150));
        s.setLineColor(Charts.BLUE);
        if (Double.isFinite(homogeneous)) {
            XYSeries h = Charts.line(c, "homogeneous", new double[] {homogeneous, homogeneous}, new double[] {0, Math.max(1, max)}, Charts.RED, 2f);
            h.setLineStyle(new java.awt.BasicStroke(2f, java.awt.BasicStroke.CAP_BUTT, java.awt.BasicStroke.JOIN_MITER, 10, new float[] {6, 4}, 0));
        }
        c.getStyler().setYAxisMin(0.0);
        return c;
    }

    private void timeline() throws IOException {
        Timeline tl = Timeline.of(events);
        XYChart c = Charts.xy("Timeline of trials per worker", "minutes since the study's first event", "worker lane", 1000, Math.max(260, 120 + 28 * tl.lanes()));
        Map<String, Color> colours = new LinkedHashMap<>();
        colours.put("complete", Charts.BLUE);
        colours.put("pruned", Charts.ORANGE);
        colours.put("failed", Charts.RED);
        colours.put("running", Charts.GREY);
        java.util.Set<String> shown = new java.util.HashSet<>();
        for (Timeline.Bar b : tl.bars()) {
            Color col = colours.getOrDefault(b.state(), Charts.GREY);
            XYSeries s = Charts.line(c, "trial " + b.trial(), new double[] {b.start() / 60, b.end() / 60}, new double[] {b.lane(), b.lane()}, col, 9f);
            s.setLineStyle(new java.awt.BasicStroke(14f, java.awt.BasicStroke.CAP_BUTT, java.awt.BasicStroke.JOIN_MITER)); // bars that end where the trial ends
            s.setShowInLegend(false);
            if (shown.add(b.state())) { // one legend entry per state: a point at the start of its first trial
                XYSeries l = Charts.points(c, b.state(), new double[] {b.start() / 60}, new double[] {b.lane()}, col, true);
                l.setShowInLegend(true);
            }
        }
        if (tl.bars().isEmpty()) Charts.points(c, "no trial has run", new double[] {0}, new double[] {0}, Color.WHITE, true);
        c.getStyler().setYAxisMin(-1.0);
        c.getStyler().setYAxisMax((double) Math.max(1, tl.lanes()));
        c.getStyler().setYAxisDecimalPattern("0");
        long owners = tl.bars().stream().map(Timeline.Bar::owner).distinct().count();
        figures.add(Charts.save(c, dir, "timeline", "Timeline",
                String.format(Locale.ROOT, "Each trial from its start to its end (journal time stamps), coloured by state: %d trial(s) on %d lane(s) by %d process(es), "
                        + "%.1f minutes in all. One lane per worker thread; journals that name only the process have its trials laid on the fewest "
                        + "lanes that never overlap.", tl.bars().size(), tl.lanes(), owners, tl.seconds() / 60)));
    }

    // ---------------------------------------------------------------- helpers

    private void addByState(XYChart c, List<Trial> ts, Trial.State st, String name, Color col, String metric) {
        List<Trial> of = ts.stream().filter(t -> t.state() == st).toList();
        if (of.isEmpty()) return;
        Charts.points(c, name + " (" + of.size() + ")", of.stream().mapToDouble(Trial::number).toArray(), of.stream().mapToDouble(t -> t.metric(metric)).toArray(), col, true);
    }

    private void stepLine(XYChart c, String name, double[] best, Color col) {
        List<Trial> sorted = trials.stream().sorted(Comparator.comparingInt(Trial::number)).toList();
        List<double[]> pts = new ArrayList<>();
        for (int i = 0; i < best.length; i++) if (Double.isFinite(best[i])) pts.add(new double[] {sorted.get(i).number(), best[i]});
        if (pts.isEmpty()) return;
        XYSeries s = Charts.line(c, name, pts.stream().mapToDouble(p -> p[0]).toArray(), pts.stream().mapToDouble(p -> p[1]).toArray(), col, 2f);
        s.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Step);
    }

    static double median(List<Trial> ts, String metric) {
        double[] v = ts.stream().map(t -> t.metric(metric)).filter(x -> x != null && Double.isFinite(x)).mapToDouble(Double::doubleValue).sorted().toArray();
        if (v.length == 0) return Double.NaN;
        return v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
    }

    // ---------------------------------------------------------------- the page

    /** The supervised baselines beside the study's best design by the task metric (and its raw-input baseline). */
    private void baselineSection(Html h, List<org.hrsnn.baseline.BaselineRecord> same, List<Trial> byTask, String task) {
        h.h2("Supervised baselines", "baselines");
        h.p("Results of `hrsnn baseline srnn` on the same task and data (same data identity), beside this study's best design by the task metric. "
                + "S is the mean rate in Hz in both; the HRSNN's readout is a ridge fit, the SRNN is trained end to end by backpropagation through time.");
        List<List<String>> rows = new ArrayList<>();
        if (!byTask.isEmpty() && task != null) {
            Trial best = byTask.get(0);
            rows.add(List.of("HRSNN trial " + best.number(), cell(best.metric(task)), cell(best.metric("s")), "", "ridge readout only", "", "",
                    cell(best.metric("baseline")) + " / " + cell(best.metric("strongBaseline"))));
        }
        for (var b : same)
            rows.add(List.of(b.model(), cell(b.value()), cell(b.rateHz()), cell(b.synapticOps()), String.valueOf(b.parameters()),
                    b.trainSamples() + " (" + cell(b.trainFraction()) + ")", cell(b.trainSeconds()) + " s", ""));
        h.table(List.of("model", task == null ? "task metric" : task, "S (Hz)", "synaptic ops per sample", "trainable parameters", "training samples (fraction)",
                "training time", "raw input (moments / every step)"), rows, new boolean[] {true, false, false, false, false, false, false, false});
    }

    private String html(String task) throws IOException {
        var c = study.config();
        Html h = new Html("Study report: " + c.name(), dir);
        long finished = trials.stream().filter(Trial::finished).count();
        h.p(String.format(Locale.ROOT, "%d of %d trials finished (%d complete, %d pruned, %d failed); task %s, objective %s, %d-D space %s.", finished, c.trials(),
                count(Trial.State.COMPLETE), count(Trial.State.PRUNED), count(Trial.State.FAILED), c.task(), c.objective().label(), study.space().dimension(), c.spaceSource()));
        List<Trial> byE = Ranking.byE(trials), byTask = Ranking.byTask(trials);
        if (!byE.isEmpty()) h.p(String.format(Locale.ROOT, "Best E %.4g (trial %d)%s.", byE.get(0).metric("e"), byE.get(0).number(),
                byTask.isEmpty() || task == null ? "" : String.format(Locale.ROOT, "; best %s %.4g (trial %d)", task, byTask.get(0).metric(task), byTask.get(0).number())));
        List<String[]> toc = new ArrayList<>();
        for (Charts.Figure f : figures) toc.add(new String[] {"fig-" + f.name(), f.title()});
        List<org.hrsnn.baseline.BaselineRecord> same = new ArrayList<>();
        for (var b : baselines) {
            if (b.sameData(c.task(), c.evaluation() == null ? null : c.evaluation().get("data"))) same.add(b);
            else notes.add("a " + b.model() + " baseline on task " + b.task() + " was left out: it was obtained on other data than this study's");
        }
        List<Trial> front = task == null ? List.of() : Ranking.pareto(trials);
        if (!front.isEmpty()) toc.add(new String[] {"pareto-set", "Pareto set"});
        if (!same.isEmpty()) toc.add(new String[] {"baselines", "Supervised baselines"});
        toc.add(new String[] {"settings", "Settings and provenance"});
        toc.add(new String[] {"trials", "Trials"});
        h.contents(toc);
        for (String n : notes) h.note("Note: " + n + ".");
        h.h2("Figures", "figures");
        for (Charts.Figure f : figures) h.figure(f);
        if (!front.isEmpty()) paretoSection(h, front, task);
        if (!same.isEmpty()) baselineSection(h, same, byTask, task);
        h.h2("Settings and provenance", "settings");
        List<List<String>> rows = new ArrayList<>();
        rows.add(List.of("study", c.name()));
        rows.add(study.folder() != null ? List.of("folder", study.folder().toAbsolutePath().toString()) : List.of("storage", study.url().toString()));
        rows.add(List.of("task", c.task()));
        rows.add(List.of("objective", c.objective().label()));
        rows.add(List.of("seed", String.valueOf(c.seed())));
        rows.add(List.of("budget (trials)", String.valueOf(c.trials())));
        int initial = org.hrsnn.opt.gp.GpSampler.initialPoints(study.space().dimension(), c.trials(), c.initialPoints());
        rows.add(List.of("initial quasi-random points", initial + (c.initialPoints() < 0 ? " (the default rule, min(1 + D, 11, max(5, budget / 2)))" : "")));
        double[] faces = shareOnFaces(trials, initial);
        rows.add(List.of("GP proposals' coordinates on a face of the cube", faces[1] == 0 ? "no GP proposal yet"
                : String.format(Locale.ROOT, "%.0f%% of %d coordinates (trials from %d on)", 100 * faces[0], (long) faces[1], initial)));
        rows.add(List.of("default point first", String.valueOf(c.enqueueDefaults())));
        rows.add(List.of("search space", c.spaceSource() + " (" + study.space().dimension() + " searched parameters)"));
        rows.add(List.of("created", c.created() + " by " + c.tool()));
        if (study.folder() != null) {
            rows.add(List.of("journal", events.size() + " events, SHA-256 " + sha256(study.journal().file())));
            rows.add(List.of("study.json", "SHA-256 " + sha256(study.folder().resolve(Study.CONFIG))));
        } else rows.add(List.of("events", String.valueOf(events.size())));
        rows.add(List.of("report", "written " + java.time.Instant.now() + " by " + tool));
        h.table(List.of("setting", "value"), rows, new boolean[] {true, true});
        if (c.evaluation() != null) {
            h.p("Evaluation settings as recorded in study.json:");
            h.pre(c.evaluation().toPrettyString());
        }
        if (c.sampler() != null) {
            h.p("Sampler settings:");
            h.pre(c.sampler().toPrettyString());
        }
        h.h2("Trials", "trials");
        List<TrialTable.Column<Trial>> cols = TrialTable.columns(study, trials);
        List<String> header = cols.stream().map(TrialTable.Column::name).toList();
        List<List<String>> trows = new ArrayList<>();
        for (Trial t : trials) {
            List<String> r = new ArrayList<>();
            for (TrialTable.Column<Trial> col : cols) r.add(cell(col.value().apply(t)));
            trows.add(r);
        }
        boolean[] left = new boolean[header.size()];
        left[header.indexOf("state")] = true;
        left[header.indexOf("reason")] = true;
        h.table(header, trows, left);
        return h.end();
    }

    /**
     * {share, count} of the searched coordinates of trials numbered {@code from} on (the GP's proposals) that
     * lie on a face of the unit cube (within 1e-9): GP-BO's known tendency in many dimensions, which the
     * optima of few problems justify (docs/performance.md).
     */
    static double[] shareOnFaces(List<Trial> trials, int from) {
        long at = 0, all = 0;
        for (Trial t : trials) {
            if (t.number() < from || t.unit() == null) continue;
            for (double u : t.unit()) {
                all++;
                if (u < 1e-9 || u > 1 - 1e-9) at++;
            }
        }
        return new double[] {all == 0 ? Double.NaN : (double) at / all, all};
    }

    /** The Pareto set of (E, task metric) as a table, with its hypervolume against the worst measured values. */
    private void paretoSection(Html h, List<Trial> front, String task) {
        h.h2("Pareto set", "pareto-set");
        Ranking.ParetoVolume hv = Ranking.paretoHypervolume(trials);
        if (hv != null)
            h.p(String.format(Locale.ROOT, "%d trial(s) no other completed trial beats in both E and %s. Hypervolume of the set in (E, task loss) "
                    + "with respect to the worst measured values (E %.4g, task loss %.4g): %.4g (task loss is minus accuracy, or NRMSE; "
                    + "the same figure as hrsnn study best).", front.size(), task, hv.reference()[0], hv.reference()[1], hv.hypervolume()));
        List<List<String>> rows = new ArrayList<>();
        for (Trial t : front) rows.add(List.of(String.valueOf(t.number()), cell(t.metric("e")), cell(t.metric(task))));
        h.table(List.of("trial", "E", task), rows, new boolean[] {false, false, false});
    }

    private long count(Trial.State s) {
        return trials.stream().filter(t -> t.state() == s).count();
    }

    private static String cell(Object v) {
        if (v == null) return "";
        if (v instanceof Double d) return String.format(Locale.ROOT, "%.4g", d);
        return String.valueOf(v);
    }

    static String sha256(Path p) throws IOException {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(p)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
