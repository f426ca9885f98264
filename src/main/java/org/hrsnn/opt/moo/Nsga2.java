package org.hrsnn.opt.moo;

import io.jenetics.DoubleGene;
import io.jenetics.GaussianMutator;
import io.jenetics.TournamentSelector;
import io.jenetics.engine.Codecs;
import io.jenetics.engine.Engine;
import io.jenetics.engine.Problem;
import io.jenetics.ext.SimulatedBinaryCrossover;
import io.jenetics.ext.moea.NSGA2Selector;
import io.jenetics.ext.moea.Vec;
import io.jenetics.util.DoubleRange;
import io.jenetics.util.RandomRegistry;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * NSGA-II as Jenetics' jenetics.ext builds it (Deb et al. 2002 survivor selection: non-dominated sorting,
 * then crowding distance), for comparison with ParEGO: population 20, binary tournaments for parents,
 * simulated binary crossover and Gaussian mutation (probability 1 / D per gene), one thread, seeded.
 */
public final class Nsga2 {
    private Nsga2() {}

    /** The objective vectors of the first {@code budget} evaluations, in the order they were made. */
    public static List<double[]> run(BiObjectiveProblem p, int budget, long seed) {
        List<double[]> evaluated = new ArrayList<>();
        var codec = Codecs.ofVector(DoubleRange.of(0, 1), p.dimension());
        // Jenetics' Vec dominance is for maximisation: the objectives are negated
        Problem<double[], DoubleGene, Vec<double[]>> problem = Problem.of(x -> {
            double[] f = p.f().apply(x);
            if (evaluated.size() < budget) evaluated.add(f.clone());
            return Vec.of(-f[0], -f[1]);
        }, codec);
        RandomRegistry.with(new SplittableRandom(seed), r -> {
            Engine<DoubleGene, Vec<double[]>> engine = Engine.builder(problem)
                    .populationSize(20)
                    .executor((Runnable t) -> t.run())
                    .alterers(new SimulatedBinaryCrossover<>(0.9), new GaussianMutator<>(1.0 / p.dimension()))
                    .offspringSelector(new TournamentSelector<>(2))
                    .survivorsSelector(NSGA2Selector.ofVec())
                    .build();
            engine.stream().limit(result -> evaluated.size() < budget).limit(10_000).forEach(result -> {});
            return null;
        });
        return evaluated;
    }
}
