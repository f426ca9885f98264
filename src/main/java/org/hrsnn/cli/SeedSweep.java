package org.hrsnn.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.hrsnn.export.DesignFiles;
import org.hrsnn.model.NetworkSpec;
import org.hrsnn.random.Seeds;
import org.hrsnn.score.MemoryEvaluation;
import org.hrsnn.score.MemoryProtocol;
import org.hrsnn.score.TrialEvaluator;
import org.hrsnn.stats.Medians;
import org.hrsnn.stats.Paired;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** {@code hrsnn evaluate --seeds LIST}: one design on several seeds, summarised with intervals and paired tests against its baselines. */
final class SeedSweep {
    private SeedSweep() {}

    /** The most seeds one sweep runs. */
    static final int MAX_SEEDS = 1000;

    /** Parses "1-10", "1,4,7" or "1-3,9" into distinct seeds in the given order. */
    static List<Long> parse(String text) {
        Set<Long> out = new LinkedHashSet<>();
        for (String part : text.split(",", -1)) {
            String p = part.trim();
            try {
                int dash = p.indexOf('-', 1);
                if (dash < 0) out.add(Long.parseLong(p));
                else {
                    long from = Long.parseLong(p.substring(0, dash).trim()), to = Long.parseLong(p.substring(dash + 1).trim());
                    if (to < from) throw new Main.BadInputException("--seeds: the range '" + p + "' runs backwards");
                    if (to - from >= MAX_SEEDS) throw new Main.BadInputException("--seeds: at most " + MAX_SEEDS + " seeds, got the range '" + p + "'");
                    for (long x = from; x <= to; x++) out.add(x);
                }
            } catch (NumberFormatException e) {
                throw new Main.BadInputException("--seeds must be a list of whole numbers and ranges such as 1-10 or 1,4,7, got '" + text + "'");
            }
            if (out.size() > MAX_SEEDS) throw new Main.BadInputException("--seeds: at most " + MAX_SEEDS + " seeds");
        }
        return new ArrayList<>(out);
    }

    static int run(String designName, NetworkSpec spec, List<Long> seeds, TrialEvaluator evaluator, MemoryProtocol protocol,
                   double trainFraction, String task, boolean json) throws Exception {
        int n = seeds.size();
        Map<String, double[]> values = new LinkedHashMap<>();
        for (String k : new String[] {"S", "MC", "E", "task", "baseline", "strong", "stacked", "stackedNull"}) values.put(k, new double[n]);
        ArrayNode rows = DesignFiles.mapper().createArrayNode();
        String metric = null;
        boolean higher = false;
        long start = System.nanoTime();
        if (!json) System.out.printf("design %s, task %s, %d seeds%n", designName, task, n);
        for (int i = 0; i < n; i++) {
            long s = seeds.get(i);
            EvaluateCommand.Scored scored = EvaluateCommand.score(evaluator, spec, s, protocol, trainFraction, designName, "seed " + s + ", task stage");
            TrialEvaluator.TaskScore score = scored.task();
            MemoryEvaluation.Result m = scored.memory();
            values.get("S")[i] = m.activity().meanRate();
            values.get("MC")[i] = m.memory() == null ? Double.NaN : m.memory().total();
            values.get("E")[i] = m.failed() ? Double.NaN : m.e();
            ObjectNode row = rows.addObject().put("seed", s);
            Reports.putMemory(row, m);
            if (score != null) {
                metric = score.metric();
                higher = score.higherIsBetter();
                values.get("task")[i] = score.value();
                values.get("baseline")[i] = score.baseline();
                values.get("strong")[i] = score.strongBaseline();
                values.get("stacked")[i] = score.stacked().value();
                values.get("stackedNull")[i] = score.stacked().nullValue();
                Reports.putTask(row, score);
            }
            if (!json) {
                double elapsed = (System.nanoTime() - start) / 1e9;
                System.out.printf("seed %-6d S %7.3f Hz  MC %7.3f  E %s%s   [%d/%d, %.0f s, ETA %.0f s]%n", s, values.get("S")[i], values.get("MC")[i],
                        m.failed() ? "-- (" + m.failure() + ")" : String.format("%.4f", m.e()),
                        score == null ? "" : String.format("  %s %s (raw input %s, strong %s; raw then network %s, null %s)", label("task", score.metric()), fmt(score.value(), higher),
                                fmt(score.baseline(), higher), fmt(score.strongBaseline(), higher), fmt(score.stacked().value(), higher), fmt(score.stacked().nullValue(), higher)),
                        i + 1, n, elapsed, elapsed / (i + 1) * (n - i - 1));
            }
        }
        long statSeed = Seeds.derive(seeds.get(0), "evaluate.seeds");
        ObjectNode summary = DesignFiles.mapper().createObjectNode();
        if (!json) System.out.printf("%nmedian [bootstrap 95%% interval] over %d seeds:%n", n);
        for (var e : values.entrySet()) {
            if (metric == null && List.of("task", "baseline", "strong", "stacked", "stackedNull").contains(e.getKey())) continue; // the memory task has no task stage
            double[] finite = Arrays.stream(e.getValue()).filter(Double::isFinite).sorted().toArray();
            double[] ci = Medians.bootstrapInterval(finite, Seeds.rng(statSeed, e.getKey()));
            String name = label(e.getKey(), metric);
            summary.putObject(name).put("median", Medians.median(finite)).put("low", ci[0]).put("high", ci[1]).put("n", finite.length);
            if (!json) System.out.printf("  %-42s %s [%s, %s]%s%n", name, num(Medians.median(finite)), num(ci[0]), num(ci[1]),
                    finite.length < n ? String.format("   (%d of %d seeds; the others failed)", finite.length, n) : "");
        }
        if (metric != null) {
            if (!json) System.out.printf("%nthe network against each baseline on the same seeds (gain > 0: the network is better):%n");
            String[][] pairs = {{"task", "baseline"}, {"task", "strong"}, {"stacked", "baseline"}, {"stacked", "strong"}, {"stacked", "stackedNull"}};
            for (String[] pair : pairs) {
                String a = pair[0], b = pair[1];
                if (Arrays.stream(values.get(a)).allMatch(Double::isNaN)) continue;
                Paired p = Paired.of(values.get(a), values.get(b), higher, Seeds.derive(statSeed, a.equals("task") ? b : a + " " + b));
                summary.putObject((a.equals("task") ? "" : label(a, metric) + " ") + "versus " + label(b, metric)).put("wins", p.wins()).put("ties", p.ties()).put("losses", p.losses())
                        .put("medianGain", p.medianGain()).put("low", p.low()).put("high", p.high()).put("wilcoxonP", p.p());
                if (!json) System.out.printf("  %-22s against %-46s wins %d, ties %d, losses %d; median gain %s [%s, %s]; Wilcoxon signed-rank p = %s%n",
                        a.equals("task") ? "the network" : "raw input then network", label(b, metric), p.wins(), p.ties(), p.losses(), num(p.medianGain()), num(p.low()), num(p.high()),
                        Double.isNaN(p.p()) ? "n/a (fewer than 2 non-zero differences)" : String.format("%.3g", p.p()));
            }
        }
        if (json) {
            ObjectNode o = DesignFiles.mapper().createObjectNode();
            o.put("design", designName).put("task", task);
            if (trainFraction < 1) o.put("trainFraction", trainFraction);
            o.set("seeds", rows);
            o.set("summary", summary);
            System.out.println(DesignFiles.mapper().writeValueAsString(o));
        }
        return 0;
    }

    private static String label(String key, String metric) {
        boolean prediction = "nrmse".equals(metric);
        if (prediction) metric = "NRMSE";
        return switch (key) {
            case "S" -> "S (Hz)";
            case "task" -> metric;
            case "baseline" -> prediction ? "raw input, last 10 (" + metric + ")" : "raw input, network's moments (" + metric + ")";
            case "strong" -> prediction ? "best tapped delay line (" + metric + ")" : "raw input, every step (" + metric + ")";
            case "stacked" -> "raw input then network (" + metric + ")";
            case "stackedNull" -> "its null, network rows shuffled (" + metric + ")";
            default -> key;
        };
    }

    private static String fmt(double v, boolean percent) {
        return percent ? String.format("%.2f%%", 100 * v) : String.format("%.4f", v);
    }

    private static String num(double v) {
        return Double.isNaN(v) ? "n/a" : String.format("%.4g", v);
    }
}
