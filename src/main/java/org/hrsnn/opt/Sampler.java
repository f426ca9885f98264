package org.hrsnn.opt;

import java.util.List;

/**
 * Proposes the next point of the unit cube. Samplers are pure: the proposal depends only on the space,
 * the snapshots passed in and the trial number (with the sampler's own seed), so a resumed or re-run study
 * proposes the same points.
 */
public interface Sampler {
    /**
     * @param trial    number of the trial being proposed (0-based); seeds the proposal
     * @param finished completed and failed trials
     * @param pending  points of trials still running
     */
    double[] suggest(SearchSpace space, int trial, List<Observation> finished, List<double[]> pending);

    String name();
}
