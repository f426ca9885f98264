package org.hrsnn.bench;

import org.hrsnn.opt.moo.BiObjectiveProblem;

import java.util.List;

/** Test access to the two-objective runs of {@link OptimizerBenchmark}. */
public final class OptimizerBenchmarkAccess {
    private OptimizerBenchmarkAccess() {}

    public static List<double[]> run(BiObjectiveProblem p, String method, int budget, long seed) {
        return OptimizerBenchmark.paretoRun(p, method, budget, seed);
    }
}
