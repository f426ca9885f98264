package org.hrsnn.report;

import org.hrsnn.study.Trial;

import java.util.List;

/** The best value of a metric after each trial, in trial-number order (NaN until a trial has one). */
public final class BestSoFar {
    private BestSoFar() {}

    /**
     * @param lowerIsBetter whether the metric is minimised (E, NRMSE) or maximised (accuracy, MC)
     * @return one value per trial of {@code trials} (sorted by number): the best finite value among the finished trials up to it
     */
    public static double[] of(List<Trial> trials, String metric, boolean lowerIsBetter) {
        List<Trial> sorted = trials.stream().sorted(java.util.Comparator.comparingInt(Trial::number)).toList();
        double[] out = new double[sorted.size()];
        double best = Double.NaN;
        for (int i = 0; i < out.length; i++) {
            Trial t = sorted.get(i);
            Double v = value(t, metric);
            if (v != null && (Double.isNaN(best) || (lowerIsBetter ? v < best : v > best))) best = v;
            out[i] = best;
        }
        return out;
    }

    /** The metric of a finished trial when it is finite; the task metric of a completed trial only (pruned trials have none). */
    static Double value(Trial t, String metric) {
        if (!t.finished()) return null;
        Double v = t.metric(metric);
        return v != null && Double.isFinite(v) ? v : null;
    }

    /** The task metric a study's trials carry: "accuracy", "nrmse", or null when none has either. */
    public static String taskMetric(List<Trial> trials) {
        for (Trial t : trials) {
            if (t.metric("accuracy") != null) return "accuracy";
            if (t.metric("nrmse") != null) return "nrmse";
        }
        return null;
    }

    public static boolean lowerIsBetter(String metric) {
        return !metric.equals("accuracy") && !metric.equals("mc");
    }
}
