package org.hrsnn.api;

/** What a study optimises: the value of a trial's parameters (minimised or maximised as the study says). */
@FunctionalInterface
public interface ObjectiveFunction {
    /**
     * Evaluates {@code trial}'s parameters. A NaN or infinite value, or an exception, is recorded as the trial's
     * failure; {@link ActiveTrial#report} throws {@link TrialPruned} when the pruner stops the trial.
     */
    double evaluate(ActiveTrial trial) throws Exception;
}
