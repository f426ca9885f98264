package org.hrsnn.stats;

import org.apache.commons.rng.UniformRandomProvider;

import java.util.Arrays;

/** Medians with percentile-bootstrap 95% intervals: the summary every multi-seed figure of hrsnn carries. */
public final class Medians {
    private Medians() {}

    /** The bootstrap resamples behind each interval. */
    public static final int RESAMPLES = 10_000;

    /** Median of sorted values. */
    public static double median(double[] sorted) {
        int n = sorted.length;
        if (n == 0) return Double.NaN;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }

    /** Percentile bootstrap 95% interval of the median of {@code v} (any order; not modified). */
    public static double[] bootstrapInterval(double[] v, UniformRandomProvider rng) {
        if (v.length == 0) return new double[] {Double.NaN, Double.NaN};
        double[] medians = new double[RESAMPLES];
        double[] s = new double[v.length];
        for (int b = 0; b < RESAMPLES; b++) {
            for (int i = 0; i < v.length; i++) s[i] = v[rng.nextInt(v.length)];
            Arrays.sort(s);
            medians[b] = median(s);
        }
        Arrays.sort(medians);
        return new double[] {medians[(int) Math.floor(0.025 * (RESAMPLES - 1))], medians[(int) Math.ceil(0.975 * (RESAMPLES - 1))]};
    }
}
