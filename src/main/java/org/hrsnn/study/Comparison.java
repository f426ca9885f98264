package org.hrsnn.study;

import org.apache.commons.statistics.inference.AlternativeHypothesis;
import org.apache.commons.statistics.inference.MannWhitneyUTest;
import org.hrsnn.random.Seeds;
import org.hrsnn.stats.Medians;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Studies compared with statistics: groups of studies (one per seed) summarised by one number each (for
 * example the best E a study found), each group by its median with a bootstrap 95% interval, and every
 * group against the first by a two-sided Mann-Whitney U test (exact p-values for small groups).
 */
public final class Comparison {
    private Comparison() {}

    /** The bootstrap resamples behind each interval. */
    public static final int RESAMPLES = Medians.RESAMPLES;

    /** A group's summary: its values (one per study), median, bootstrap 95% interval, and the test against the first group. */
    public record Summary(String group, double[] values, double median, double low, double high, double u, double p) {}

    /** Summarises {@code groups} (name to one value per study; NaN values are dropped and counted). */
    public static List<Summary> of(Map<String, double[]> groups, long seed) {
        List<Summary> out = new ArrayList<>();
        double[] first = null;
        for (var e : groups.entrySet()) {
            double[] v = Arrays.stream(e.getValue()).filter(Double::isFinite).sorted().toArray();
            double[] ci = v.length == 0 ? new double[] {Double.NaN, Double.NaN} : Medians.bootstrapInterval(v, Seeds.rng(seed, "compare." + e.getKey()));
            double u = Double.NaN, p = Double.NaN;
            if (first == null) first = v;
            else if (first.length > 0 && v.length > 0) {
                MannWhitneyUTest.Result r = MannWhitneyUTest.withDefaults().with(AlternativeHypothesis.TWO_SIDED).test(first, v);
                u = r.getStatistic();
                p = r.getPValue();
            }
            out.add(new Summary(e.getKey(), v, v.length == 0 ? Double.NaN : Medians.median(v), ci[0], ci[1], u, p));
        }
        return out;
    }

    /** The numbers compared, taken from one study's finished trials. */
    public static Map<String, Function<List<Trial>, Double>> measures() {
        Map<String, Function<List<Trial>, Double>> m = new LinkedHashMap<>();
        m.put("best E", t -> first(Ranking.byE(t), "e"));
        m.put("MC of best E", t -> first(Ranking.byE(t), "mc"));
        m.put("S of best E", t -> first(Ranking.byE(t), "s"));
        m.put("best MC", t -> t.stream().filter(Trial::finished).map(x -> x.metric("mc")).filter(x -> x != null && Double.isFinite(x))
                .max(Double::compare).orElse(Double.NaN));
        m.put("median MC of finished trials", t -> {
            double[] v = finite(t, "mc").sorted().toArray();
            return v.length == 0 ? Double.NaN : Medians.median(v);
        });
        // Activity at equal memory (the claim that STDP heterogeneity lowers S at the same MC): the cheapest
        // trial that reached MC_REFERENCE, NaN when none did.
        m.put("lowest S at MC >= " + MC_REFERENCE, t -> t.stream().filter(Trial::finished)
                .filter(x -> x.metric("mc") != null && x.metric("mc") >= MC_REFERENCE && x.metric("s") != null && Double.isFinite(x.metric("s")))
                .mapToDouble(x -> x.metric("s")).min().orElse(Double.NaN));
        m.put("best accuracy", t -> first(Ranking.byTask(t), "accuracy"));
        m.put("best NRMSE", t -> first(Ranking.byTask(t), "nrmse"));
        m.put("best gain over the raw input", t -> {
            List<Trial> g = Ranking.byGain(t);
            return g.isEmpty() ? Double.NaN : Ranking.gain(g.get(0));
        });
        return m;
    }

    /** The MC at which studies' activity is compared: the bar for a reservoir with real memory. */
    public static final int MC_REFERENCE = 5;

    private static java.util.stream.DoubleStream finite(List<Trial> trials, String metric) {
        return trials.stream().filter(Trial::finished).map(x -> x.metric(metric)).filter(x -> x != null && Double.isFinite(x)).mapToDouble(Double::doubleValue);
    }

    private static Double first(List<Trial> ranked, String metric) {
        return ranked.isEmpty() || ranked.get(0).metric(metric) == null ? Double.NaN : ranked.get(0).metric(metric);
    }
}
