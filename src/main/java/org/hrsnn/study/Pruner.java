package org.hrsnn.study;

import java.util.List;

/**
 * Decides whether a trial stops at an intermediate result: the problem reports a first-stage value (lower is
 * better) and the pruner compares it with the other trials' values recorded under the same metric.
 */
@FunctionalInterface
public interface Pruner {
    /**
     * Why trial {@code number}, whose first-stage value is {@code value}, should stop, or null to go on.
     *
     * @param trials a snapshot of the study's trials (the trial itself among them)
     * @param metric the metric under which first-stage values are recorded
     */
    String prune(int number, double value, List<Trial> trials, String metric);

    /** Never prunes. */
    Pruner NONE = (number, value, trials, metric) -> null;
}
