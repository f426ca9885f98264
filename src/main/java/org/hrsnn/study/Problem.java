package org.hrsnn.study;

import java.io.IOException;
import java.util.Map;

/**
 * What a study optimises, plugged into the general engine: the engine proposes parameters and a seed, the
 * problem evaluates them in stages. The engine knows nothing of what is evaluated.
 */
public interface Problem {

    /** The outcome of one trial. */
    record Outcome(Trial.State state, Map<String, Object> metrics, String reason) {
        public Outcome {
            if (state != Trial.State.COMPLETE && state != Trial.State.PRUNED && state != Trial.State.FAILED)
                throw new IllegalArgumentException("an outcome is complete, pruned or failed, not " + state);
            metrics = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(metrics));
        }
    }

    /** Where a problem reports a first stage, so that the engine can record it and prune the trial there. */
    interface Checkpoint {
        /**
         * Records the metrics measured so far; {@code value} is the stage's objective (lower is better,
         * NaN if none). Returns why the trial should stop here, or null to go on.
         */
        String report(Map<String, Object> metrics, double value) throws IOException;
    }

    /** Evaluates a trial's parameters with its seed. Runtime exceptions are recorded as failures. */
    Outcome evaluate(Map<String, Object> params, long seed, Checkpoint checkpoint) throws IOException;

    /** The metric under which a trial's first-stage value is recorded (for pruning against other trials). */
    String stageMetric();

    /** The value the sampler minimises for a finished trial, or NaN when it has none (a failure). */
    double loss(Trial trial);

    /**
     * For a two-objective study, the two values the sampler minimises for a finished trial (either NaN
     * when missing: a failure); null when the study has one objective.
     */
    default double[] losses(Trial trial) {
        return null;
    }
}
