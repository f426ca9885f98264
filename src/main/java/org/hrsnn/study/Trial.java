package org.hrsnn.study;

import java.util.Map;

/**
 * A trial as the journal says it is now.
 *
 * @param state     CREATED, RUNNING, COMPLETE, PRUNED or FAILED
 * @param metrics   S, MC, E and the task metric, as far as measured (names as in the journal)
 * @param reason    why it was pruned or failed
 * @param owner     "pid@start" of the process running it (RUNNING only)
 * @param mcCurve   r_k^2 for k = 1..K of the memory stage, or null
 */
public record Trial(int number, State state, Map<String, Object> params, double[] unit, long seed,
                    Map<String, Double> metrics, String reason, String owner, double seconds, double[] mcCurve) {
    public enum State { CREATED, RUNNING, COMPLETE, PRUNED, FAILED }

    public boolean finished() {
        return state == State.COMPLETE || state == State.PRUNED || state == State.FAILED;
    }

    public Double metric(String name) {
        return metrics.get(name);
    }
}
