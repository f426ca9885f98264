package org.hrsnn.stats;

import org.apache.commons.rng.UniformRandomProvider;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The effect of one factor measured in several strata (for example heterogeneous against homogeneous neurons,
 * once with homogeneous and once with heterogeneous STDP): van Elteren's stratified rank-sum test, with its
 * p-value from the exact permutation distribution (labels exchanged within each stratum only).
 *
 * <p>Why not Mann-Whitney on the pooled samples: the other factor shifts both samples of a stratum, which
 * inflates the spread a pooled test sees. Why exact: with three to five studies per group the normal
 * approximation is poor, and enumerating the within-stratum relabellings is cheap (400 for two strata of
 * 3 + 3). Above {@link #MAX_EXACT} relabellings the p-value is estimated from {@link #DRAWS} random ones
 * (seeded), counting the observed labelling, so it is never 0.
 *
 * <p>Statistic: T = sum over strata of (U_s - n1 n2 / 2) / (N_s + 1), U_s the Mann-Whitney count of
 * pairs (a, b) with a > b (ties count one half), N_s the stratum's size; the weights are van Elteren's.
 * Two-sided p: the share of relabellings with |T| at least the observed |T|. The effect's size is the
 * stratified Hodges-Lehmann estimate: the median of all within-stratum differences a - b.
 *
 * @param strata      stratum count
 * @param statistic   T as above (positive: the first sample is larger)
 * @param p           two-sided p
 * @param exact       whether p enumerates every relabelling
 * @param relabelings relabellings counted (all of them when exact)
 * @param shift       median of the within-stratum differences a - b
 * @param shifts      per stratum, the difference of the medians (a's median - b's median)
 */
public record StratifiedRankTest(int strata, double statistic, double p, boolean exact, long relabelings, double shift, double[] shifts) {

    public static final long MAX_EXACT = 1_000_000;
    public static final int DRAWS = 200_000;

    /** A stratum: the first and second sample (NaN values are dropped). */
    public record Stratum(double[] first, double[] second) {}

    public static StratifiedRankTest of(List<Stratum> strata, UniformRandomProvider rng) {
        List<double[]> pooled = new ArrayList<>();
        List<Integer> firstSizes = new ArrayList<>();
        List<Double> differences = new ArrayList<>();
        double[] shifts = new double[strata.size()];
        long total = 1;
        for (int s = 0; s < strata.size(); s++) {
            double[] a = finite(strata.get(s).first()), b = finite(strata.get(s).second());
            if (a.length == 0 || b.length == 0)
                throw new IllegalArgumentException("stratum " + (s + 1) + " has an empty sample (" + a.length + " and " + b.length + " finite values)");
            double[] all = new double[a.length + b.length];
            System.arraycopy(a, 0, all, 0, a.length);
            System.arraycopy(b, 0, all, a.length, b.length);
            pooled.add(all);
            firstSizes.add(a.length);
            for (double x : a) for (double y : b) differences.add(x - y);
            shifts[s] = Medians.median(sorted(a)) - Medians.median(sorted(b));
            total = saturatingMultiply(total, binomial(all.length, a.length));
        }
        double observed = 0;
        for (int s = 0; s < pooled.size(); s++) observed += stratumTerm(pooled.get(s), firstMask(pooled.get(s).length, firstSizes.get(s)));
        double tolerance = 1e-9 * (1 + Math.abs(observed));
        double[] sortedDifferences = differences.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        double shift = Medians.median(sortedDifferences);
        if (total <= MAX_EXACT) {
            // Per stratum, the distribution of its term over all its relabellings; then their convolution.
            List<double[]> terms = new ArrayList<>();
            for (int s = 0; s < pooled.size(); s++) terms.add(allTerms(pooled.get(s), firstSizes.get(s)));
            long extreme = countExtreme(terms, 0, 0.0, Math.abs(observed) - tolerance);
            return new StratifiedRankTest(strata.size(), observed, (double) extreme / total, true, total, shift, shifts);
        }
        long extreme = 1; // the observed labelling
        for (int d = 0; d < DRAWS; d++) {
            double t = 0;
            for (int s = 0; s < pooled.size(); s++) t += stratumTerm(pooled.get(s), randomMask(pooled.get(s).length, firstSizes.get(s), rng));
            if (Math.abs(t) >= Math.abs(observed) - tolerance) extreme++;
        }
        return new StratifiedRankTest(strata.size(), observed, (double) extreme / (DRAWS + 1), false, DRAWS + 1L, shift, shifts);
    }

    /** (U - n1 n2 / 2) / (N + 1) for the values marked as the first sample. */
    static double stratumTerm(double[] values, boolean[] first) {
        double u = 0;
        int n1 = 0, n2 = 0;
        for (int i = 0; i < values.length; i++) {
            if (first[i]) n1++;
            else n2++;
            if (!first[i]) continue;
            for (int j = 0; j < values.length; j++) {
                if (first[j]) continue;
                if (values[i] > values[j]) u += 1;
                else if (values[i] == values[j]) u += 0.5;
            }
        }
        return (u - n1 * (double) n2 / 2) / (values.length + 1);
    }

    private static double[] allTerms(double[] values, int k) {
        List<Double> out = new ArrayList<>();
        int[] idx = new int[k];
        for (int i = 0; i < k; i++) idx[i] = i;
        while (true) {
            boolean[] mask = new boolean[values.length];
            for (int i : idx) mask[i] = true;
            out.add(stratumTerm(values, mask));
            int i = k - 1;
            while (i >= 0 && idx[i] == values.length - k + i) i--;
            if (i < 0) break;
            idx[i]++;
            for (int j = i + 1; j < k; j++) idx[j] = idx[j - 1] + 1;
        }
        return out.stream().mapToDouble(Double::doubleValue).toArray();
    }

    private static long countExtreme(List<double[]> terms, int stratum, double partial, double bound) {
        if (stratum == terms.size()) return Math.abs(partial) >= bound ? 1 : 0;
        long n = 0;
        for (double t : terms.get(stratum)) n += countExtreme(terms, stratum + 1, partial + t, bound);
        return n;
    }

    private static boolean[] firstMask(int n, int k) {
        boolean[] m = new boolean[n];
        for (int i = 0; i < k; i++) m[i] = true;
        return m;
    }

    private static boolean[] randomMask(int n, int k, UniformRandomProvider rng) {
        int[] order = new int[n];
        for (int i = 0; i < n; i++) order[i] = i;
        boolean[] m = new boolean[n];
        for (int i = 0; i < k; i++) { // partial Fisher-Yates: the first k of a uniform permutation
            int j = i + rng.nextInt(n - i);
            int t = order[i];
            order[i] = order[j];
            order[j] = t;
            m[order[i]] = true;
        }
        return m;
    }

    private static double[] finite(double[] v) {
        return Arrays.stream(v).filter(Double::isFinite).toArray();
    }

    private static double[] sorted(double[] v) {
        double[] s = v.clone();
        Arrays.sort(s);
        return s;
    }

    static long binomial(int n, int k) {
        long r = 1;
        for (int i = 1; i <= k; i++) {
            r = saturatingMultiply(r, n - k + i);
            if (r == Long.MAX_VALUE) return r;
            r /= i;
        }
        return r;
    }

    private static long saturatingMultiply(long a, long b) {
        long hi = Math.multiplyHigh(a, b);
        long lo = a * b;
        return hi != 0 || lo < 0 ? Long.MAX_VALUE : lo;
    }
}
