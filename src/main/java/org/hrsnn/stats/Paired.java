package org.hrsnn.stats;

import org.apache.commons.statistics.inference.AlternativeHypothesis;
import org.apache.commons.statistics.inference.WilcoxonSignedRankTest;
import org.hrsnn.random.Seeds;

import java.util.Arrays;

/**
 * A score against a baseline measured on the same seeds (the same network realisation and data): the paired
 * differences, signed so that positive means the score is better, their median with a bootstrap 95% interval,
 * wins / ties / losses, and the two-sided Wilcoxon signed-rank p (exact for small samples without ties,
 * otherwise the normal approximation with a continuity correction; NaN below two non-zero differences).
 */
public record Paired(int n, double medianGain, double low, double high, int wins, int ties, int losses, double p) {

    /**
     * @param score          one value per seed
     * @param baseline       the baseline on the same seeds, in the same order
     * @param higherIsBetter the metric's direction
     */
    public static Paired of(double[] score, double[] baseline, boolean higherIsBetter, long seed) {
        if (score.length != baseline.length) throw new IllegalArgumentException("paired samples of different sizes: " + score.length + " and " + baseline.length);
        double[] gain = new double[score.length];
        int wins = 0, ties = 0, losses = 0;
        for (int i = 0; i < gain.length; i++) {
            if (!Double.isFinite(score[i]) || !Double.isFinite(baseline[i]))
                throw new IllegalArgumentException("non-finite value in a paired comparison at position " + i);
            gain[i] = higherIsBetter ? score[i] - baseline[i] : baseline[i] - score[i];
            if (gain[i] > 0) wins++;
            else if (gain[i] < 0) losses++;
            else ties++;
        }
        double[] sorted = gain.clone();
        Arrays.sort(sorted);
        double[] ci = Medians.bootstrapInterval(gain, Seeds.rng(seed, "paired"));
        double p = wins + losses < 2 ? Double.NaN
                : WilcoxonSignedRankTest.withDefaults().with(AlternativeHypothesis.TWO_SIDED).test(gain).getPValue();
        return new Paired(gain.length, Medians.median(sorted), ci[0], ci[1], wins, ties, losses, p);
    }
}
