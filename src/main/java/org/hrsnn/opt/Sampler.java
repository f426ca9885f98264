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

    /**
     * Index in {@code finished} of the trial this sampler would report as the best so far: by default
     * the lowest observed value (ties: the earlier); -1 when no trial completed. Model-based samplers may
     * judge by their model instead, which matters when observations are noisy.
     */
    default int recommend(SearchSpace space, List<Observation> finished) {
        int best = -1;
        for (int i = 0; i < finished.size(); i++) {
            Observation o = finished.get(i);
            if (!o.failed() && (best < 0 || o.value() < finished.get(best).value())) best = i;
        }
        return best;
    }
}
