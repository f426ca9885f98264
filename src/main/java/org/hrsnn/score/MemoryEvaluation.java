package org.hrsnn.score;

import org.apache.commons.rng.UniformRandomProvider;
import org.hrsnn.model.Encoding;
import org.hrsnn.model.NetworkSpec;
import org.hrsnn.random.Seeds;
import org.hrsnn.sim.FilteredStates;
import org.hrsnn.sim.Network;
import org.hrsnn.sim.PopulationRate;
import org.hrsnn.sim.Stimulus;

/**
 * The first stage of scoring a candidate: S, MC and E = S / MC on the memory task.
 * <ol>
 *   <li>Build the network from the spec and seed.</li>
 *   <li>If its STDP rule is enabled: run {@code trainingSamples} i.i.d. uniform inputs with plasticity
 *       on, then freeze the weights and reset the state.</li>
 *   <li>Run {@code samples} new i.i.d. uniform inputs u(t) in [0, 1] (channel 0; other channels 0),
 *       each held for {@code sampleMs}; record spikes and the filtered spike trains at the end of each
 *       sample.</li>
 *   <li>S from the spikes; MC from the states ({@link MemoryCapacity}, held out); E = S / MC.</li>
 * </ol>
 * A silent network, a saturated one (mean rate at or above 90% of the rate its refractory periods allow,
 * 1 / (t_ref + dt)), or one whose MC is below {@code mcFloor}, is a failed evaluation with its reason;
 * no E is made up for it.
 */
public final class MemoryEvaluation {

    public record Settings(int trainingSamples, int washout, int samples, double trainFraction, int maxDelay,
                           double sampleMs, double stateTau, double mcFloor) {
        public static final Settings DEFAULT = new Settings(1000, 100, 2000, 0.65, 60, 10, 20, 0.1);

        public Settings {
            if (trainingSamples < 0 || washout < 0 || samples < 1 || maxDelay < 1)
                throw new IllegalArgumentException("sample counts must be positive");
            if (!(trainFraction > 0 && trainFraction < 1)) throw new IllegalArgumentException("trainFraction must be in (0, 1)");
            if (!(sampleMs > 0) || !(stateTau > 0)) throw new IllegalArgumentException("sampleMs and stateTau must be > 0");
        }
    }

    /** Stage timings, seconds. */
    public record Timings(double build, double training, double run, double readout) {}

    /**
     * The outcome. When {@code failure} is non-null the candidate failed for that reason and {@code e} is
     * NaN; S and whatever else was measured are still reported.
     */
    public record Result(Activity activity, MemoryCapacity memory, double e, String failure, Timings timings) {
        public boolean failed() { return failure != null; }
    }

    private MemoryEvaluation() {}

    public static Result evaluate(NetworkSpec spec, long seed, Settings s) {
        if (spec.input().channels() < 1)
            throw new IllegalArgumentException("the memory task drives input channel 0, but the design has no input channel");
        long t0 = System.nanoTime();
        Network net = Network.instantiate(spec, seed);
        int stepsPerSample = Math.max(1, (int) Math.round(s.sampleMs() / spec.dt()));
        long t1 = System.nanoTime();
        if (spec.stdp().enabled() && s.trainingSamples() > 0) {
            net.setPlastic(true);
            net.run(stimulus(spec, Seeds.rng(seed, "task.memory.training"), s.trainingSamples(), stepsPerSample).stimulus);
            net.setPlastic(false);
            net.reset();
        }
        net.setPlastic(false);
        long t2 = System.nanoTime();
        Input in = stimulus(spec, Seeds.rng(seed, "task.memory.evaluation"), s.samples(), stepsPerSample);
        int[] sampleEnds = new int[s.samples()];
        for (int k = 0; k < sampleEnds.length; k++) sampleEnds[k] = (k + 1) * stepsPerSample - 1;
        PopulationRate rate = new PopulationRate(stepsPerSample);
        FilteredStates states = new FilteredStates(s.stateTau(), sampleEnds);
        net.run(in.stimulus, rate, states);
        long t3 = System.nanoTime();
        Activity activity = new Activity(rate.meanRate(), rate.silentFraction(), rate.maxRate());
        if (rate.meanRate() == 0)
            return new Result(activity, null, Double.NaN, "silent network: no spikes", timings(t0, t1, t2, t3, System.nanoTime()));
        double limit = saturationRate(spec);
        if (rate.meanRate() >= 0.9 * limit)
            return new Result(activity, null, Double.NaN, String.format("saturated network: mean rate %.1f Hz, the refractory limit is %.1f Hz",
                    rate.meanRate(), limit), timings(t0, t1, t2, t3, System.nanoTime()));
        MemoryCapacity mc = MemoryCapacity.of(states.samples(), in.u, s.washout(), s.trainFraction(), s.maxDelay());
        long t4 = System.nanoTime();
        Timings tm = timings(t0, t1, t2, t3, t4);
        if (mc.total() < s.mcFloor())
            return new Result(activity, mc, Double.NaN, String.format("memory capacity %.3g below the floor %.3g", mc.total(), s.mcFloor()), tm);
        return new Result(activity, mc, activity.meanRate() / mc.total(), null, tm);
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

    private record Input(Stimulus stimulus, double[] u) {}

    /** i.i.d. uniform u in [0, 1] on channel 0 (rate coding reads it as a fraction of its maximum rate). */
    private static Input stimulus(NetworkSpec spec, UniformRandomProvider rng, int samples, int stepsPerSample) {
        int c = spec.input().channels();
        double[] u = new double[samples];
        double[][] values = new double[samples][c];
        for (int k = 0; k < samples; k++) {
            u[k] = rng.nextDouble();
            values[k][0] = u[k];
        }
        assert spec.input().encoding() instanceof Encoding.Analog || u.length > 0;
        return new Input(new Stimulus(values, stepsPerSample), u);
    }
}
