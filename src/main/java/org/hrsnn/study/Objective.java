package org.hrsnn.study;

/**
 * What a study optimises. In every case a trial's memory stage (S, MC, E) runs first.
 * <ul>
 *   <li>{@code E}: minimise E = S / MC; the GP models log E; no task stage.</li>
 *   <li>{@code E_THEN_TASK}: the GP models log E; candidates that fail the memory stage, or whose E is
 *       above the 90th percentile of the other trials' E (once 5 others have one), are pruned there; the others go
 *       on to the task. Designs are ranked by E, then by the task metric; the Pareto set of both is
 *       reported.</li>
 *   <li>{@code TASK}: the GP models the task metric (minus accuracy, or NRMSE); nothing is pruned.</li>
 *   <li>{@code GAIN}: what the network adds to its input: the GP models the gain of the stacked readout (the
 *       raw-input readout, then the network's states fitted to its residual) over its null (the same with the
 *       network's rows shuffled), on the same data and seed ({@link Ranking#gain}); a paired difference, so
 *       how hard a trial's series or split is cancels out. Nothing is pruned but networks whose activity
 *       failed.</li>
 *   <li>{@code PARETO}: both E and the task metric, as two objectives: each proposal minimises a random
 *       scalarisation of (log E, task loss) with GP-BO (ParEGO, {@link org.hrsnn.opt.moo.ParEgo}); nothing
 *       is pruned; the result is the Pareto set of (E, task metric) and its hypervolume.</li>
 *   <li>{@code MC}: maximise memory capacity (the GP models minus MC); no task stage. For finding how much
 *       memory a space can reach, whatever it costs in spikes.</li>
 *   <li>{@code MINIMIZE}, {@code MAXIMIZE}: a study of any problem driven through the Java API
 *       ({@code org.hrsnn.api}): the value its objective function returns.</li>
 * </ul>
 */
public enum Objective {
    E, E_THEN_TASK, TASK, GAIN, MC, PARETO, MINIMIZE, MAXIMIZE;

    public static Objective parse(String s) {
        return switch (s.toLowerCase(java.util.Locale.ROOT)) {
            case "e" -> E;
            case "e-then-task", "e-then-accuracy", "e_then_task" -> E_THEN_TASK;
            case "task", "accuracy" -> TASK;
            case "gain" -> GAIN;
            case "mc" -> MC;
            case "pareto" -> PARETO;
            case "minimize" -> MINIMIZE;
            case "maximize" -> MAXIMIZE;
            default -> throw new IllegalArgumentException("objective must be e, e-then-task, task, gain, mc or pareto (or, for a study of the Java API, minimize or maximize), got '" + s + "'");
        };
    }

    public String label() {
        return switch (this) {
            case E -> "e";
            case E_THEN_TASK -> "e-then-task";
            case TASK -> "task";
            case GAIN -> "gain";
            case MC -> "mc";
            case PARETO -> "pareto";
            case MINIMIZE -> "minimize";
            case MAXIMIZE -> "maximize";
        };
    }
}
