package org.hrsnn.api;

import org.hrsnn.study.StudyRunner;
import org.hrsnn.study.Trial;

import java.io.IOException;
import java.util.Map;

/** A trial handed out by {@link Study#ask}: its number, parameters and seed, and a way to report an intermediate value. */
public final class ActiveTrial {
    private final Trial trial;
    private final StudyRunner runner;
    private final boolean maximize;
    private final long started = System.nanoTime();

    ActiveTrial(Trial trial, StudyRunner runner, boolean maximize) {
        this.trial = trial;
        this.runner = runner;
        this.maximize = maximize;
    }

    public int number() {
        return trial.number();
    }

    /** The parameters by name (numbers as Double or Long, choices as String), unmodifiable. */
    public Map<String, Object> params() {
        return java.util.Collections.unmodifiableMap(trial.params());
    }

    public double number(String name) {
        Object v = trial.params().get(name);
        if (!(v instanceof Number n)) throw new IllegalArgumentException("trial " + trial.number() + " has no numeric parameter '" + name + "'");
        return n.doubleValue();
    }

    /** The trial's seed, derived from the study's seed and the trial number: a re-run gets the same. */
    public long seed() {
        return trial.seed();
    }

    /** Records an intermediate value (in the study's direction); throws {@link TrialPruned} if the pruner stops the trial here. */
    public void report(double value) throws TrialPruned, IOException {
        double loss = maximize ? -value : value;
        String why = runner.report(trial, Map.of(Study.INTERMEDIATE, value, Study.INTERMEDIATE_LOSS, loss), loss, seconds());
        if (why != null) throw new TrialPruned(why);
    }

    double seconds() {
        return (System.nanoTime() - started) / 1e9;
    }

    Trial trial() {
        return trial;
    }

    StudyRunner runner() {
        return runner;
    }
}
