package org.hrsnn.cli;

/** A one-line picture of a series, with its range, folded to at most 100 characters. */
final class Sparkline {
    private static final String BARS = " ▁▂▃▄▅▆▇█";

    private Sparkline() {}

    static String of(double[] x) {
        if (x.length == 0) return "(empty)";
        int width = Math.min(100, x.length);
        double[] y = new double[width];
        for (int k = 0; k < width; k++) {
            int from = (int) ((long) k * x.length / width), to = (int) ((long) (k + 1) * x.length / width);
            double s = 0;
            for (int j = from; j < to; j++) s += x[j];
            y[k] = s / Math.max(1, to - from);
        }
        double max = 0;
        for (double v : y) max = Math.max(max, v);
        StringBuilder b = new StringBuilder();
        for (double v : y) b.append(BARS.charAt(max == 0 ? 0 : (int) Math.round(v / max * (BARS.length() - 1))));
        return b + String.format("  (max %.1f Hz)", max);
    }
}
