package org.hrsnn.opt.gp;

import io.jenetics.DoubleGene;
import io.jenetics.GaussianMutator;
import io.jenetics.Genotype;
import io.jenetics.MeanAlterer;
import io.jenetics.Optimize;
import io.jenetics.Phenotype;
import io.jenetics.engine.Evaluator;
import io.jenetics.util.ISeq;
import io.jenetics.UniformCrossover;
import io.jenetics.engine.Codecs;
import io.jenetics.engine.Engine;
import io.jenetics.engine.EvolutionResult;
import io.jenetics.engine.InvertibleCodec;
import io.jenetics.engine.Limits;
import io.jenetics.util.DoubleRange;
import io.jenetics.util.RandomRegistry;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.ToDoubleFunction;
import java.util.stream.Collectors;

/**
 * Maximises an acquisition function over the unit cube: a Jenetics genetic search whose first
 * population holds the given seed points (incumbents, quasi-random points), then a compass (pattern)
 * search from its best point. The acquisition is evaluated on the snapped point, so integer and
 * categorical coordinates are rounded inside it. Deterministic for a given seed: Jenetics runs on one
 * thread with a scoped random generator, never the global one.
 */
public final class AcquisitionOptimizer {
    /** @param population GA population size; @param generations at most this many generations */
    /** @param reflect Gaussian mutation reflected off the cube's faces (true) or clamped to them, as Jenetics' own does */
    public record Settings(int population, int generations, int steadyGenerations, int refinementEvaluations, boolean reflect) {
        public static final Settings DEFAULT = new Settings(64, 60, 12, 400, false);
        /**
         * With reflecting mutation ({@code bench optimizer} method gp-reflect). Not the default: on the
         * interior-optimum problems it hardly changed the share of proposed coordinates on a face (63%
         * against 64% on Zakharov-6, 51% against 58% on Levy-25), so the faces come from the acquisition
         * function itself, not from the clamping (docs/performance.md).
         */
        public static final Settings REFLECTING = new Settings(64, 60, 12, 400, true);
    }

    /**
     * Gaussian mutation with the spread of Jenetics' GaussianMutator (sd a quarter of the range, one
     * normal draw per mutated gene), but a value that leaves [0, 1] is reflected back in rather than
     * clamped: clamping puts every overshooting coordinate exactly on a face, the upper one at
     * nextDown(1), one rounding step from 1, so the GA's population piles up on the faces whatever the
     * acquisition says (about a third of the mutations of a coordinate at 0.1 end on 0).
     */
    static final class ReflectingMutator extends io.jenetics.Mutator<DoubleGene, Double> {
        ReflectingMutator(double probability) {
            super(probability);
        }

        @Override
        protected DoubleGene mutate(DoubleGene gene, java.util.random.RandomGenerator random) {
            return gene.newInstance(reflect(gene.doubleValue() + 0.25 * random.nextGaussian()));
        }
    }

    /** v folded into [0, 1) by reflection at 0 and 1 (period 2). */
    static double reflect(double v) {
        double r = Math.abs(v) % 2;
        if (r > 1) r = 2 - r;
        return Math.min(r, Math.nextDown(1.0));
    }

    private AcquisitionOptimizer() {}

    /** An acquisition function evaluated on many points at once: {@code out[j] = a(points[j])} for j < count. */
    @FunctionalInterface
    public interface Batch {
        void evaluate(double[][] points, int count, double[] out);

        static Batch of(ToDoubleFunction<double[]> f) {
            return (points, count, out) -> {
                for (int j = 0; j < count; j++) out[j] = f.applyAsDouble(points[j]);
            };
        }
    }

    /** Returns the best point found; {@code snap} maps a raw point to the point actually evaluated. */
    public static double[] maximise(ToDoubleFunction<double[]> acquisition, java.util.function.UnaryOperator<double[]> snap,
                                    int dim, List<double[]> seeds, long seed, Settings s) {
        return maximise(Batch.of(acquisition), snap, dim, seeds, seed, s);
    }

    /**
     * As above, with the acquisition evaluated a generation at a time: the GA's new individuals of one
     * generation form one batch (the same points, in the same order, as one-by-one evaluation would
     * see, so the result is the same), which lets a GP read its Cholesky factor once per generation.
     */
    public static double[] maximise(Batch acquisition, java.util.function.UnaryOperator<double[]> snap,
                                    int dim, List<double[]> seeds, long seed, Settings s) {
        InvertibleCodec<double[], DoubleGene> codec = Codecs.ofVector(DoubleRange.of(0, 1), dim);
        Evaluator<DoubleGene, Double> evaluator = population -> {
            List<Phenotype<DoubleGene, Double>> todo = population.stream().filter(Phenotype::nonEvaluated).toList();
            if (todo.isEmpty()) return population.asISeq();
            double[][] points = new double[todo.size()][];
            for (int j = 0; j < points.length; j++) points[j] = snap.apply(codec.decode(todo.get(j).genotype()));
            double[] values = new double[points.length];
            acquisition.evaluate(points, points.length, values);
            List<Phenotype<DoubleGene, Double>> out = new ArrayList<>(population.size());
            // Already evaluated individuals first, then the new ones in order: the order Jenetics' own evaluator returns.
            for (Phenotype<DoubleGene, Double> p : population) if (p.isEvaluated()) out.add(p);
            for (int j = 0; j < points.length; j++) out.add(todo.get(j).withFitness(finite(values[j])));
            return ISeq.of(out);
        };
        List<Genotype<DoubleGene>> initial = seeds.stream().limit(s.population()).map(p -> codec.encode(clamp(p)))
                .collect(Collectors.toList());
        double[] ga = RandomRegistry.with(new SplittableRandom(seed), r -> {
            Engine<DoubleGene, Double> engine = new Engine.Builder<>(evaluator, codec.encoding())
                    .optimize(Optimize.MAXIMUM)
                    .populationSize(s.population())
                    .executor((Runnable t) -> t.run())
                    .alterers(new UniformCrossover<>(0.3), new MeanAlterer<>(0.2),
                            s.reflect() ? new ReflectingMutator(0.25) : new GaussianMutator<>(0.25))
                    .build();
            var best = engine.stream(initial)
                    .limit(Limits.bySteadyFitness(s.steadyGenerations()))
                    .limit(s.generations())
                    .collect(EvolutionResult.toBestPhenotype());
            return codec.decode(best.genotype());
        });
        double[][] one = new double[1][];
        double[] value = new double[1];
        ToDoubleFunction<double[]> f = x -> {
            one[0] = snap.apply(x);
            acquisition.evaluate(one, 1, value);
            return finite(value[0]);
        };
        return snap.apply(compassSearch(f, ga, s.refinementEvaluations()));
    }

    private static double finite(double v) {
        return Double.isNaN(v) ? Double.NEGATIVE_INFINITY : v;
    }

    /** Coordinate pattern search in [0, 1]^d: moves by +-step along each axis, halving the step when stuck. */
    static double[] compassSearch(ToDoubleFunction<double[]> f, double[] start, int maxEvaluations) {
        double[] x = clamp(start);
        double fx = f.applyAsDouble(x);
        double step = 0.05;
        int evals = 0;
        while (step > 1e-5 && evals < maxEvaluations) {
            boolean moved = false;
            for (int d = 0; d < x.length && evals < maxEvaluations; d++) {
                for (int sign = -1; sign <= 1; sign += 2) {
                    double[] y = x.clone();
                    y[d] = Math.min(1, Math.max(0, y[d] + sign * step));
                    if (y[d] == x[d]) continue;
                    double fy = f.applyAsDouble(y);
                    evals++;
                    if (fy > fx) {
                        x = y;
                        fx = fy;
                        moved = true;
                        break;
                    }
                }
            }
            if (!moved) step /= 2;
        }
        return x;
    }

    private static double[] clamp(double[] p) {
        double[] c = new double[p.length];
        for (int d = 0; d < p.length; d++) c[d] = Math.min(1, Math.max(0, p[d]));
        return c;
    }
}
