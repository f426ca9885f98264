package org.hrsnn.score;

import java.util.List;

/**
 * Per-channel affine scaling of input series, fitted on training data only: z-scores (for analog and
 * delta input), or min-max to [0, 1] (for rate coding, which reads values as fractions of its maximum rate).
 */
public record InputScaling(double[] offset, double[] factor) {

    /** Fits on {@code series} (each [time][channel]). */
    public static InputScaling of(List<double[][]> series, int channels, boolean unitInterval) {
        double[] lo = new double[channels], hi = new double[channels], mean = new double[channels], sq = new double[channels];
        java.util.Arrays.fill(lo, Double.POSITIVE_INFINITY);
        java.util.Arrays.fill(hi, Double.NEGATIVE_INFINITY);
        long n = 0;
        for (double[][] s : series)
            for (double[] row : s) {
                n++;
                for (int j = 0; j < channels; j++) {
                    lo[j] = Math.min(lo[j], row[j]);
                    hi[j] = Math.max(hi[j], row[j]);
                    mean[j] += row[j];
                    sq[j] += row[j] * row[j];
                }
            }
        double[] offset = new double[channels], factor = new double[channels];
        for (int j = 0; j < channels; j++) {
            if (unitInterval) {
                offset[j] = lo[j];
                factor[j] = hi[j] > lo[j] ? 1 / (hi[j] - lo[j]) : 1;
            } else {
                double m = mean[j] / n, sd = Math.sqrt(Math.max(sq[j] / n - m * m, 0));
                offset[j] = m;
                factor[j] = sd > 0 ? 1 / sd : 1;
            }
        }
        return new InputScaling(offset, factor);
    }

    public double[][] apply(double[][] s) {
        double[][] out = new double[s.length][offset.length];
        for (int t = 0; t < s.length; t++) for (int j = 0; j < offset.length; j++) out[t][j] = (s[t][j] - offset[j]) * factor[j];
        return out;
    }
}
