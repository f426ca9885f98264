package org.hrsnn.study;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.hrsnn.random.Seeds;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Re-evaluations of chosen trials with fresh seeds. A trial's score depends on its network realisation
 * (the trial seed), so the best trials of a study are partly the lucky ones; replicates measure the mean
 * and spread of a design's score over realisations. Replicate r of a trial has the seed
 * {@link #seed(Trial, int)}: a function of the trial's seed, so a study and its replicates are reproducible
 * from the study seed. Stored beside the journal in {@code replicates.json}, rewritten atomically after
 * each replicate (a crash loses at most the replicate in progress; the next call re-runs it).
 */
public final class Replicates {
    public static final String FILE = "replicates.json";
    static final String FORMAT = "hrsnn-replicates";

    private Replicates() {}

    /** One re-evaluation: its state and its numeric metrics. */
    public record Replicate(int trial, int index, long seed, Trial.State state, Map<String, Double> metrics, String reason) {
        public Replicate {
            metrics = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(metrics));
        }
    }

    /** Mean, sample standard deviation (NaN for one value), minimum and maximum of a metric over n values. */
    public record Spread(int n, double mean, double sd, double min, double max) {
        static Spread of(double[] v) {
            double m = 0, lo = Double.POSITIVE_INFINITY, hi = Double.NEGATIVE_INFINITY;
            for (double x : v) {
                m += x;
                lo = Math.min(lo, x);
                hi = Math.max(hi, x);
            }
            m /= v.length;
            double s = 0;
            for (double x : v) s += (x - m) * (x - m);
            return new Spread(v.length, m, v.length > 1 ? Math.sqrt(s / (v.length - 1)) : Double.NaN, lo, hi);
        }
    }

    /** The seed of replicate {@code index} (1, 2, ...) of trial {@code t}; never the trial's own seed stream. */
    public static long seed(Trial t, int index) {
        return Seeds.derive(Seeds.derive(t.seed(), "replicate"), index);
    }

    /** The study's replicates (none when the file does not exist); a malformed file is refused, naming it. */
    public static List<Replicate> read(Study s) throws StudyException {
        if (s.folder() == null) return List.of(); // a database study: replicates are kept beside journals only
        Path f = s.folder().resolve(FILE);
        if (!Files.exists(f)) return List.of();
        JsonNode root;
        try {
            root = Study.JSON.readTree(org.hrsnn.export.FileProblems.readText(f, Study.MAX_CONFIG_BYTES));
        } catch (IOException e) {
            throw new StudyException(f + ": not readable as JSON: " + org.hrsnn.export.FileProblems.describe(e), e);
        }
        if (root == null || !FORMAT.equals(root.path("format").asText()) || !root.path("replicates").isArray())
            throw new StudyException(f + ": must be an object with format \"" + FORMAT + "\" and an array 'replicates'");
        List<Replicate> out = new ArrayList<>();
        int i = 0;
        for (JsonNode r : root.get("replicates")) {
            String at = f + ": replicates[" + i++ + "]";
            if (!r.path("trial").canConvertToInt() || !r.path("index").canConvertToInt() || r.path("index").asInt() < 1 || !r.path("seed").isIntegralNumber())
                throw new StudyException(at + ": needs whole numbers 'trial', 'index' (>= 1) and 'seed'");
            Trial.State state;
            try {
                state = Trial.State.valueOf(r.path("state").asText());
            } catch (IllegalArgumentException e) {
                throw new StudyException(at + ": field 'state' must be COMPLETE, PRUNED or FAILED, got " + r.path("state"));
            }
            Map<String, Double> metrics = new LinkedHashMap<>();
            var it = r.path("metrics").fields();
            while (it.hasNext()) {
                var e = it.next();
                if (!e.getValue().isNumber()) throw new StudyException(at + ": metric '" + e.getKey() + "' must be a number, got " + e.getValue());
                metrics.put(e.getKey(), e.getValue().asDouble());
            }
            out.add(new Replicate(r.get("trial").asInt(), r.get("index").asInt(), r.get("seed").asLong(), state, metrics,
                    r.hasNonNull("reason") ? r.get("reason").asText() : null));
        }
        return out;
    }

    private static void write(Study s, List<Replicate> all) throws IOException {
        ObjectNode root = Study.JSON.createObjectNode().put("format", FORMAT);
        ArrayNode a = root.putArray("replicates");
        for (Replicate r : all) {
            ObjectNode o = a.addObject().put("trial", r.trial()).put("index", r.index()).put("seed", r.seed()).put("state", r.state().name());
            ObjectNode m = o.putObject("metrics");
            r.metrics().forEach(m::put);
            if (r.reason() != null) o.put("reason", r.reason());
        }
        org.hrsnn.export.DesignFiles.writeAtomically(s.folder().resolve(FILE), Study.JSON.writeValueAsString(root) + "\n");
    }

    /**
     * Brings each of {@code chosen} to {@code k} replicates (those already recorded are kept), evaluating
     * with {@code problem} and nothing pruned; {@code told} hears each new one. Returns all replicates.
     */
    public static List<Replicate> run(Study s, Problem problem, List<Trial> chosen, int k, java.util.function.Consumer<Replicate> told)
            throws IOException, StudyException {
        List<Replicate> all = new ArrayList<>(read(s));
        for (Trial t : chosen) {
            for (int r = 1; r <= k; r++) {
                final int index = r;
                if (all.stream().anyMatch(x -> x.trial() == t.number() && x.index() == index)) continue;
                long seed = seed(t, r);
                Replicate rep;
                try {
                    Problem.Outcome o = problem.evaluate(new LinkedHashMap<>(t.params()), seed, (metrics, value) -> null);
                    rep = new Replicate(t.number(), r, seed, o.state(), numbers(o.metrics()), o.reason());
                } catch (RuntimeException e) {
                    rep = new Replicate(t.number(), r, seed, Trial.State.FAILED, Map.of(), String.valueOf(e));
                }
                all.add(rep);
                write(s, all);
                if (told != null) told.accept(rep);
            }
        }
        return all;
    }

    /** The finite numbers among a trial's metrics (curves and the like are left out). */
    static Map<String, Double> numbers(Map<String, ?> metrics) {
        Map<String, Double> m = new LinkedHashMap<>();
        metrics.forEach((key, v) -> {
            if (v instanceof Number n && Double.isFinite(n.doubleValue())) m.put(key, n.doubleValue());
        });
        return m;
    }

    /**
     * Spread of {@code metric} over the trial itself and its replicates that measured it; null when no
     * replicate of the trial did. The metric {@code gain} is {@link Ranking#gain}, derived from each one's
     * stacked readout and its null.
     */
    public static Spread spread(Trial t, List<Replicate> all, String metric) {
        List<Double> v = new ArrayList<>();
        Double own = value(t::metric, metric);
        if (own != null && Double.isFinite(own)) v.add(own);
        int replicated = 0;
        for (Replicate r : all) {
            Double x = r.trial() == t.number() ? value(r.metrics()::get, metric) : null;
            if (x != null && Double.isFinite(x)) {
                v.add(x);
                replicated++;
            }
        }
        return replicated == 0 ? null : Spread.of(v.stream().mapToDouble(Double::doubleValue).toArray());
    }

    private static Double value(java.util.function.Function<String, Double> metrics, String metric) {
        return metric.equals("gain") ? Ranking.gain(metrics) : metrics.apply(metric);
    }

    /** Spreads of E, the task metrics and the gain over the raw input for a trial with replicates, by metric name, as JSON-ready maps. */
    public static Map<String, Object> summary(Trial t, List<Replicate> all) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (String metric : List.of("e", "mc", "s", "accuracy", "nrmse", "gain")) {
            Spread sp = spread(t, all, metric);
            if (sp == null) continue;
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("n", sp.n());
            m.put("mean", sp.mean());
            if (!Double.isNaN(sp.sd())) m.put("sd", sp.sd());
            m.put("min", sp.min());
            m.put("max", sp.max());
            out.put(metric, m);
        }
        return out;
    }
}
