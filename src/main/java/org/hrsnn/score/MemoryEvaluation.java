package org.hrsnn.score;

import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.sampling.PermutationSampler;
import org.hrsnn.model.NetworkSpec;
import org.hrsnn.random.Seeds;
import org.hrsnn.sim.Network;
import org.hrsnn.sim.PopulationRate;
import org.hrsnn.sim.RateCeiling;
import org.hrsnn.sim.Stimulus;
import org.hrsnn.sim.WindowStates;

import java.util.List;

/**
 * The first stage of scoring a candidate: S, MC and E = S / MC on the memory task, under a
 * {@link MemoryProtocol}.
 * <ol>
 *   <li>Build the network from the spec and seed.</li>
 *   <li>If its STDP rule is enabled: run {@code trainingInputs} i.i.d. uniform inputs with plasticity
 *       on, then freeze the weights and reset the state.</li>
 *   <li>Run {@code inputs} new i.i.d. uniform inputs u(t) in [0, 1] (channel 0; other channels 0),
 *       each held for {@code holdMs}; record spikes and, at the end of each hold window, the protocol's
 *       state kinds (no state has memory of its own: see {@link org.hrsnn.sim.StateKind}).</li>
 *   <li>S from the spikes; MC from the states ({@link MemoryCapacity}, held out); E = S / MC.</li>
 *   <li>Controls, reported beside MC: the same readouts against the input shuffled in time (chance
 *       level, about 0), and on the input alone as the only state (the readout's own memory, 0 for a
 *       protocol whose states carry none).</li>
 * </ol>
 * A silent or near-silent network (mean rate below the protocol's {@code minRate}), a saturated one (mean rate at or above 90% of the rate its refractory periods allow,
 * 1 / (t_ref + dt)), or one whose MC is below {@code mcFloor}, is a failed evaluation with its reason;
 * no E is made up for it.
 */
public final class MemoryEvaluation {

    /** Stage timings, seconds. */
    public record Timings(double build, double training, double run, double readout) {}

    /**
     * Known-answer figures measured with every evaluation.
     *
     * @param shuffled  MC of the network's states against the input permuted in time
     * @param inputOnly MC of a readout whose only state is the current input
     */
    public record Controls(double shuffled, double inputOnly) {}

    /**
     * The outcome. When {@code failure} is non-null the candidate failed for that reason and {@code e} is
     * NaN; S and whatever else was measured are still reported.
     */
    public record Result(Activity activity, MemoryCapacity memory, Controls controls, double e, String failure, Timings timings, Failure kind) {
        /** A success (null failure, null kind). */
        Result(Activity activity, MemoryCapacity memory, Controls controls, double e, Timings timings) {
            this(activity, memory, controls, e, null, timings, null);
        }

        public boolean failed() { return failure != null; }

        /** Stopped by the protocol's activity ceiling: S is the rate up to the stop, nothing else was measured. */
        public boolean runaway() { return kind == Failure.RUNAWAY; }

        /** Failed for its activity (silent, near-silent, saturated or runaway): not a spiking reservoir to score on a task either. */
        public boolean activityFailure() { return kind != null && kind != Failure.LOW_MEMORY; }
    }

    /** Why a candidate failed the memory stage. */
    public enum Failure { SILENT, NEAR_SILENT, SATURATED, RUNAWAY, LOW_MEMORY }

    private MemoryEvaluation() {}

    public static Result evaluate(NetworkSpec spec, long seed, MemoryProtocol p) {
        if (spec.input().channels() < 1)
            throw new IllegalArgumentException("the memory task drives input channel 0, but the design has no input channel");
        long t0 = System.nanoTime();
        Network net = Network.instantiate(spec, seed);
        int hold = holdSteps(spec, p);
        long t1 = System.nanoTime();
        RateCeiling ceiling = new RateCeiling(p.maxRate());
        try {
            train(net, seed, p, ceiling);
        } catch (RateCeiling.Exceeded x) {
            return runaway(x, "STDP training run", p, t0, t1);
        }
        long t2 = System.nanoTime();
        double[] u = evaluationInputs(seed, p);
        PopulationRate rate = new PopulationRate(hold);
        WindowStates states = new WindowStates(hold, p.states());
        try {
            net.run(new Stimulus(column(u, spec.input().channels()), hold), rate, states, ceiling);
        } catch (RateCeiling.Exceeded x) {
            return runaway(x, "evaluation run", p, t0, t1);
        }
        long t3 = System.nanoTime();
        Activity activity = new Activity(rate.meanRate(), rate.silentFraction(), rate.maxRate());
        if (rate.meanRate() == 0)
            return new Result(activity, null, null, Double.NaN, "silent network: no spikes", timings(t0, t1, t2, t3, System.nanoTime()), Failure.SILENT);
        if (rate.meanRate() < p.minRate())
            return new Result(activity, null, null, Double.NaN, String.format("near-silent network: mean rate %.3g Hz below the protocol's %.3g Hz",
                    rate.meanRate(), p.minRate()), timings(t0, t1, t2, t3, System.nanoTime()), Failure.NEAR_SILENT);
        double limit = saturationRate(spec);
        if (rate.meanRate() >= 0.9 * limit)
            return new Result(activity, null, null, Double.NaN, String.format("saturated network: mean rate %.1f Hz, the refractory limit is %.1f Hz",
                    rate.meanRate(), limit), timings(t0, t1, t2, t3, System.nanoTime()), Failure.SATURATED);
        List<MemoryCapacity> mc = MemoryCapacity.of(states.rows(), List.of(u, shuffled(u, seed)), p.washout(), p.trainFraction(), p.delays());
        double[][] alone = new double[u.length][];
        for (int t = 0; t < u.length; t++) alone[t] = new double[] {u[t]};
        double inputOnly = MemoryCapacity.of(alone, u, p.washout(), p.trainFraction(), p.delays()).total();
        Controls controls = new Controls(mc.get(1).total(), inputOnly);
        MemoryCapacity memory = mc.get(0);
        Timings tm = timings(t0, t1, t2, t3, System.nanoTime());
        if (memory.total() < p.mcFloor())
            return new Result(activity, memory, controls, Double.NaN, String.format("memory capacity %.3g below the floor %.3g", memory.total(), p.mcFloor()), tm, Failure.LOW_MEMORY);
        return new Result(activity, memory, controls, activity.meanRate() / memory.total(), tm);
    }

    /** The network of {@code spec} and {@code seed} after this task's STDP phase (step 2), frozen and at rest. */
    public static Network trained(NetworkSpec spec, long seed, MemoryProtocol p) {
        Network net = Network.instantiate(spec, seed);
        train(net, seed, p);
        return net;
    }

    private static void train(Network net, long seed, MemoryProtocol p, org.hrsnn.sim.Monitor... monitors) {
        NetworkSpec spec = net.spec();
        if (spec.stdp().enabled() && p.trainingInputs() > 0) {
            net.setPlastic(true);
            net.run(new Stimulus(column(inputs(Seeds.rng(seed, "task.memory.training"), p.trainingInputs()), spec.input().channels()), holdSteps(spec, p)), monitors);
            net.reset();
        }
        net.setPlastic(false);
    }

    /** The failed result of a run the protocol's ceiling stopped: S is the rate it measured up to there. */
    private static Result runaway(RateCeiling.Exceeded x, String run, MemoryProtocol p, long t0, long t1) {
        long now = System.nanoTime();
        return new Result(new Activity(x.rate(), Double.NaN, Double.NaN), null, null, Double.NaN,
                String.format("runaway activity: mean rate %.1f Hz over the first %.3g s of the %s, above the protocol's ceiling of %s Hz (maxRate)",
                        x.rate(), x.seconds(), run, RateCeiling.hz(p.maxRate())), timings(t0, t1, now, now, now), Failure.RUNAWAY);
    }

    /** The evaluation input of step 3: {@code p.inputs()} values, each to be held for {@link #holdSteps} steps. */
    public static double[] evaluationInputs(long seed, MemoryProtocol p) {
        return inputs(Seeds.rng(seed, "task.memory.evaluation"), p.inputs());
    }

    /** Steps per hold window (at least one). */
    public static int holdSteps(NetworkSpec spec, MemoryProtocol p) {
        return Math.max(1, (int) Math.round(p.holdMs() / spec.dt()));
    }

    /**
     * Highest mean rate the refractory periods allow, Hz: a neuron can spike at most once per refractory
     * period plus one integration step, 1 / (mean t_ref + dt); averaged over the populations.
     */
    static double saturationRate(NetworkSpec spec) {
        double e = 1000 / (spec.excitatory().neuron().refractory().mean() + spec.dt());
        double i = 1000 / (spec.inhibitory().neuron().refractory().mean() + spec.dt());
        return (spec.excitatory().size() * e + spec.inhibitory().size() * i) / spec.size();
    }

    private static Timings timings(long t0, long t1, long t2, long t3, long t4) {
        return new Timings((t1 - t0) / 1e9, (t2 - t1) / 1e9, (t3 - t2) / 1e9, (t4 - t3) / 1e9);
    }

    /** i.i.d. uniform u in [0, 1] (rate coding reads it as a fraction of its maximum rate). */
    static double[] inputs(UniformRandomProvider rng, int n) {
        double[] u = new double[n];
        for (int k = 0; k < n; k++) u[k] = rng.nextDouble();
        return u;
    }

    /** {@code u} on channel 0 of {@code channels}. */
    public static double[][] column(double[] u, int channels) {
        double[][] values = new double[u.length][channels];
        for (int k = 0; k < u.length; k++) values[k][0] = u[k];
        return values;
    }

    /** The control input: {@code u} permuted in time by a seeded shuffle. */
    static double[] shuffled(double[] u, long seed) {
        int[] order = PermutationSampler.natural(u.length);
        PermutationSampler.shuffle(Seeds.rng(seed, "task.memory.shuffle"), order);
        double[] out = new double[u.length];
        for (int t = 0; t < u.length; t++) out[t] = u[order[t]];
        return out;
    }
}
