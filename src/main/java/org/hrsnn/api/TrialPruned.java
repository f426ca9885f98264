package org.hrsnn.api;

/** Thrown by {@link ActiveTrial#report} when the pruner stops the trial; the study records it as pruned. */
public final class TrialPruned extends Exception {
    public TrialPruned(String reason) {
        super(reason);
    }
}
