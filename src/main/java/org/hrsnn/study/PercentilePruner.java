package org.hrsnn.study;

import java.util.List;

/**
 * Stops a trial whose first-stage value is above the {@code percentile} quantile (linear interpolation between
 * order statistics, as numpy's and Optuna's) of the other trials' first-stage values (finished or running),
 * once {@code startup} of them have one. {@link #DEFAULT} (the 90th percentile after 5 trials) is the rule of
 * the e-then-task objective; {@code new PercentilePruner(0.5, 5)} is a median pruner.
 */
public record PercentilePruner(double percentile, int startup) implements Pruner {
    public static final PercentilePruner DEFAULT = new PercentilePruner(0.9, 5);

    public PercentilePruner {
        if (!(percentile >= 0 && percentile <= 1)) throw new IllegalArgumentException("percentile must be from 0 to 1, got " + percentile);
        if (startup < 1) throw new IllegalArgumentException("startup must be at least 1, got " + startup);
    }

    @Override
    public String prune(int number, double value, List<Trial> trials, String metric) {
        double[] others = trials.stream().filter(x -> x.number() != number).map(x -> x.metric(metric))
                .filter(x -> x != null && Double.isFinite(x)).mapToDouble(Double::doubleValue).sorted().toArray();
        if (others.length < startup) return null;
        double q = percentile(others, percentile);
        return value > q ? String.format("first-stage value %.4g is above the %s percentile %.4g of %d other trials", value, ordinal(percentile), q, others.length) : null;
    }

    /** "90th", "50th", "99.5th". */
    private static String ordinal(double p) {
        double pc = p * 100;
        String n = pc == Math.rint(pc) ? String.valueOf((long) pc) : String.valueOf(pc);
        String suffix = n.endsWith("1") && !n.endsWith("11") ? "st" : n.endsWith("2") && !n.endsWith("12") ? "nd" : n.endsWith("3") && !n.endsWith("13") ? "rd" : "th";
        return n + suffix;
    }

    /** The {@code p} quantile of sorted values, interpolated linearly between order statistics (numpy's default). */
    static double percentile(double[] sorted, double p) {
        double h = (sorted.length - 1) * p;
        int lo = (int) Math.floor(h), hi = Math.min(lo + 1, sorted.length - 1);
        return sorted[lo] + (h - lo) * (sorted[hi] - sorted[lo]);
    }
}
