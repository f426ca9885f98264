package org.hrsnn.study;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A study's fixed configuration, stored as {@code study.json}: the search space (the file's whole content,
 * so the study does not depend on the file afterwards), the task, the objective, the seed, the budget and
 * the problem's evaluation settings, so that every trial can be re-run elsewhere.
 *
 * @param trials          budget: number of finished trials (complete, pruned or failed) to reach
 * @param initialPoints   quasi-random trials before the GP takes over (-1: 1 + dimension)
 * @param enqueueDefaults evaluate the space's default point first (for the shipped spaces: the
 *                        hand-set design, or its homogeneous baseline)
 * @param evaluation      the problem's evaluation settings and data identity (opaque to the engine); null
 *                        in studies of format version 1, which recorded none
 * @param sampler         the sampler's settings as recorded (opaque to the runner's callers)
 */
public record StudyConfig(String name, String spaceSource, JsonNode space, String task, Objective objective, long seed,
                          int trials, int initialPoints, boolean enqueueDefaults, String created, String tool,
                          JsonNode evaluation, JsonNode sampler) {
    public static final String FORMAT = "hrsnn-study";
    public static final int VERSION = 2;
    /** Largest budget: far beyond what a GP (cubic in the trials) or a day of trials reaches. */
    public static final int MAX_TRIALS = 100_000;

    public StudyConfig withTrials(int budget) {
        return new StudyConfig(name, spaceSource, space, task, objective, seed, budget, initialPoints, enqueueDefaults, created, tool, evaluation, sampler);
    }
}
