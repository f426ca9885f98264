package org.hrsnn.study;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** Orders finished trials: by E (lower first), then by the task metric; by the task metric; by the gain over the raw input; and their Pareto set. */
public final class Ranking {
    private Ranking() {}

    /** The task metric of a trial, oriented so that lower is better (minus accuracy, or NRMSE), or null. */
    public static Double taskLoss(Trial t) {
        if (t.metric("accuracy") != null) return -t.metric("accuracy");
        return t.metric("nrmse");
    }

    /**
     * What the network adds to its input: the stacked readout's task metric against its null (network rows
     * shuffled), on the same data, oriented so that higher is better (accuracy - null accuracy, or null NRMSE
     * - NRMSE); null without a stacked readout.
     */
    public static Double gain(Trial t) {
        return gain(t::metric);
    }

    /** {@link #gain(Trial)} of a set of metrics (a trial's or a replicate's), looked up by name. */
    public static Double gain(java.util.function.Function<String, Double> metric) {
        Double stacked = metric.apply("stacked"), nul = metric.apply("stackedNull");
        if (stacked == null || nul == null || !Double.isFinite(stacked) || !Double.isFinite(nul)) return null;
        return metric.apply("accuracy") != null ? stacked - nul : nul - stacked;
    }

    private static double orMax(Double v) {
        return v == null || !Double.isFinite(v) ? Double.POSITIVE_INFINITY : v;
    }

    /** Finished trials with an E (a running or killed trial is not ranked), lowest E first, ties broken by the task metric. */
    public static List<Trial> byE(List<Trial> trials) {
        return trials.stream().filter(t -> t.finished() && t.metric("e") != null)
                .sorted(Comparator.comparingDouble((Trial t) -> t.metric("e")).thenComparingDouble(t -> orMax(taskLoss(t))).thenComparingInt(Trial::number))
                .toList();
    }

    /** Completed trials with a task metric, best first. */
    public static List<Trial> byTask(List<Trial> trials) {
        return trials.stream().filter(t -> t.state() == Trial.State.COMPLETE && taskLoss(t) != null)
                .sorted(Comparator.comparingDouble((Trial t) -> taskLoss(t)).thenComparingDouble(t -> orMax(t.metric("e"))).thenComparingInt(Trial::number))
                .toList();
    }

    /** Completed trials with a stacked readout, largest {@link #gain} first, ties broken by the task metric. */
    public static List<Trial> byGain(List<Trial> trials) {
        return trials.stream().filter(t -> t.state() == Trial.State.COMPLETE && gain(t) != null)
                .sorted(Comparator.comparingDouble((Trial t) -> -gain(t)).thenComparingDouble(t -> orMax(taskLoss(t))).thenComparingInt(Trial::number))
                .toList();
    }

    /** Hypervolume of the Pareto set in (E, task loss), both minimised, with respect to {@code reference}. */
    public record ParetoVolume(double hypervolume, double[] reference, int points) {}

    /** The {@code top} best trials by E, then by task metric, then by gain over the raw input, each trial once, in that order. */
    public static List<Trial> best(List<Trial> trials, int top) {
        java.util.Map<Integer, Trial> chosen = new java.util.LinkedHashMap<>();
        for (List<Trial> ranked : List.of(byE(trials), byTask(trials), byGain(trials)))
            ranked.stream().limit(top).forEach(t -> chosen.put(t.number(), t));
        return List.copyOf(chosen.values());
    }

    /**
     * The hypervolume of the completed trials' Pareto set of (E, task loss) with respect to the worst E and
     * the worst task loss among them (the nadir of what was measured; task loss is minus accuracy, or
     * NRMSE); null when fewer than two trials have both.
     */
    public static ParetoVolume paretoHypervolume(List<Trial> trials) {
        List<double[]> f = trials.stream().filter(t -> t.state() == Trial.State.COMPLETE && t.metric("e") != null && taskLoss(t) != null)
                .map(t -> new double[] {t.metric("e"), taskLoss(t)}).filter(p -> Double.isFinite(p[0]) && Double.isFinite(p[1])).toList();
        if (f.size() < 2) return null;
        double[] ref = {f.stream().mapToDouble(p -> p[0]).max().orElseThrow(), f.stream().mapToDouble(p -> p[1]).max().orElseThrow()};
        return new ParetoVolume(org.hrsnn.opt.moo.Hypervolume.of(f, ref), ref, org.hrsnn.opt.moo.Hypervolume.front(f).size());
    }

    /** Completed trials not dominated in (E, task metric), by E. */
    public static List<Trial> pareto(List<Trial> trials) {
        List<Trial> both = trials.stream().filter(t -> t.state() == Trial.State.COMPLETE && t.metric("e") != null && taskLoss(t) != null).toList();
        List<Trial> front = new ArrayList<>();
        for (Trial a : both) {
            boolean dominated = false;
            for (Trial b : both) {
                if (b == a) continue;
                boolean noWorse = b.metric("e") <= a.metric("e") && taskLoss(b) <= taskLoss(a);
                boolean better = b.metric("e") < a.metric("e") || taskLoss(b) < taskLoss(a);
                if (noWorse && better) {
                    dominated = true;
                    break;
                }
            }
            if (!dominated) front.add(a);
        }
        front.sort(Comparator.comparingDouble((Trial t) -> t.metric("e")).thenComparingInt(Trial::number));
        return front;
    }
}
