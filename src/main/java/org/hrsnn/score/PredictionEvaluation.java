package org.hrsnn.score;

import org.hrsnn.model.Encoding;
import org.hrsnn.model.InputSpec;
import org.hrsnn.model.NetworkSpec;
import org.hrsnn.random.Seeds;
import org.hrsnn.readout.Ridge;
import org.hrsnn.readout.Readout;
import org.hrsnn.readout.StackedRidge;
import org.hrsnn.readout.TailValidatedRidge;
import org.hrsnn.sim.StateKind;
import org.hrsnn.sim.WindowStates;
import org.hrsnn.sim.Network;
import org.hrsnn.sim.PopulationRate;
import org.hrsnn.sim.Stimulus;
import org.hrsnn.task.Series;

/**
 * Prediction error of a design on a series: the input drives one channel (scaled with statistics of the
 * training segment), each value held for {@code stepMs}; the state at the end of each value's window (the
 * memory protocol's state kinds, which carry no memory of their own) feeds a ridge readout fitted on the
 * training segment, its penalty chosen on the latest fifth of it ({@link TailValidatedRidge}: GCV overfits
 * these autocorrelated states; the raw inputs' few taps keep GCV); NRMSE = rms error / standard deviation of
 * the target, on the held-out segment that follows. If the rule is enabled, STDP first runs over the
 * training segment and the weights are frozen.
 * Baselines, the same readout on raw inputs: the last {@code taps} values, and (the strong one) a tapped
 * delay line whose length is chosen from {@link #TAP_CHOICES} on the training segment alone (fitted on its
 * first 80%, validated on the rest), so the network has to do better than the best linear filter of the
 * input. What the network adds to that filter ({@link StackedScore}): the best tapped delay line first, then a
 * ridge on the network's states for its out-of-fold residual (contiguous folds of the training segment), and
 * the same with the states' time steps shuffled (the null).
 */
public final class PredictionEvaluation {

    /** How the penalty of the states' readout is chosen. */
    public enum StatesPenalty {
        /** On the latest fifth of the training rows ({@link TailValidatedRidge}): the default. */
        TAIL,
        /** By GCV, as before 2026-11-23 evening: studies created then keep it (their evaluation settings do not name a rule). */
        GCV;

        public String label() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }

        /** The rule named {@code label}, or null. */
        public static StatesPenalty of(String label) {
            for (StatesPenalty p : values()) if (p.label().equals(label)) return p;
            return null;
        }
    }

    public record Settings(double stepMs, java.util.List<StateKind> states, int washout, double trainFraction, int taps, StatesPenalty penalty) {
        public static final Settings DEFAULT = new Settings(10, MemoryProtocol.DEFAULT.states(), 100, 0.7, 10, StatesPenalty.TAIL);
        /** For short series (the 308 yearly sunspot numbers): a washout of 20 values. */
        public static final Settings SHORT = new Settings(10, MemoryProtocol.DEFAULT.states(), 20, 0.7, 10, StatesPenalty.TAIL);

        /** These settings reading {@code kinds} of state, with {@code rule} for the states' penalty. */
        public Settings with(java.util.List<StateKind> kinds, StatesPenalty rule) {
            return new Settings(stepMs, kinds, washout, trainFraction, taps, rule);
        }
    }

    /** Tapped-delay lengths the strong baseline chooses from. */
    static final int[] TAP_CHOICES = {1, 2, 3, 5, 8, 10, 15, 20, 30};

    /** @param bestTaps the strong baseline's chosen number of taps */
    public record Result(double nrmse, double baselineNrmse, double strongBaselineNrmse, int bestTaps, StackedScore stacked, Activity activity, double seconds) {}

    /** Cross-fitting folds of the stacked readout's first stage. */
    static final int FOLDS = 5;

    private PredictionEvaluation() {}

    public static Result evaluate(NetworkSpec design, long seed, Series series, Settings s) {
        long t0 = System.nanoTime();
        Prepared pr = Prepared.of(design, series, s);
        NetworkSpec spec = pr.spec();
        int n = series.u().length, trainEnd = pr.trainEnd(), stepsPerValue = pr.stepsPerValue();
        double[][] values = pr.values();
        double[] u = new double[n];
        for (int t = 0; t < n; t++) u[t] = values[t][0];

        Network net = trained(spec, seed, values, trainEnd, stepsPerValue);
        WindowStates states = new WindowStates(stepsPerValue, s.states());
        PopulationRate rate = new PopulationRate(stepsPerValue);
        net.run(new Stimulus(values, stepsPerValue), states, rate);
        double[][] x = states.rows();
        Readout network = statesReadout(x, s.washout(), trainEnd, s.penalty());
        double nrmse = score(network.fit(java.util.Arrays.copyOfRange(series.y(), s.washout(), trainEnd)), x, series.y(), trainEnd);

        double baseline = fitAndScore(taps(u, s.taps()), series.y(), s.washout(), trainEnd);
        int validateFrom = s.washout() + (int) (0.8 * (trainEnd - s.washout()));
        int bestTaps = TAP_CHOICES[0];
        double bestValidation = Double.POSITIVE_INFINITY;
        for (int k : TAP_CHOICES) {
            double v = fitAndScore(java.util.Arrays.copyOf(taps(u, k), trainEnd), java.util.Arrays.copyOf(series.y(), trainEnd), s.washout(), validateFrom);
            if (v < bestValidation) {
                bestValidation = v;
                bestTaps = k;
            }
        }
        double[][] line = taps(u, bestTaps);
        Ridge.Model lineReadout = fit(line, series.y(), s.washout(), trainEnd);
        double strong = score(lineReadout, line, series.y(), trainEnd);
        StackedScore stacked = stacked(line, lineReadout, network, x, series.y(), s.washout(), trainEnd, bestTaps, seed);
        return new Result(nrmse, baseline, strong, bestTaps, stacked, new Activity(rate.meanRate(), rate.silentFraction(), rate.maxRate()), (System.nanoTime() - t0) / 1e9);
    }

    /**
     * The network of {@code design} (one input channel) and {@code seed} after STDP over the series' training
     * segment, frozen and at rest: the network {@link #evaluate} reads out.
     */
    public static Network trained(NetworkSpec design, long seed, Series series, Settings s) {
        Prepared pr = Prepared.of(design, series, s);
        return trained(pr.spec(), seed, pr.values(), pr.trainEnd(), pr.stepsPerValue());
    }

    /**
     * What every use of a series shares: the design with one input channel, the end of the training segment,
     * the input scaling fitted on that segment and the scaled values.
     */
    private record Prepared(NetworkSpec spec, int trainEnd, InputScaling scaling, double[][] values, int stepsPerValue) {
        static Prepared of(NetworkSpec design, Series series, Settings s) {
            InputSpec in = design.input();
            NetworkSpec spec = design.withInput(new InputSpec(1, in.encoding(), in.toExcitatory(), in.toInhibitory(), in.randomSign()));
            int n = series.u().length;
            int trainEnd = s.washout() + (int) ((n - s.washout()) * s.trainFraction());
            if (trainEnd - s.washout() < 10 || n - trainEnd < 10) throw new IllegalArgumentException("series too short: " + n + " steps");
            double[][] raw = new double[n][1];
            for (int t = 0; t < n; t++) raw[t][0] = series.u()[t];
            InputScaling scaling = InputScaling.of(java.util.List.<double[][]>of(java.util.Arrays.copyOf(raw, trainEnd)), 1, in.encoding() instanceof Encoding.Rate);
            return new Prepared(spec, trainEnd, scaling, scaling.apply(raw), Math.max(1, (int) Math.round(s.stepMs() / spec.dt())));
        }
    }

    /**
     * The network {@link #evaluate} reads out, with the readout it fits on the training segment (after the
     * washout): for export.
     */
    public static TaskReadout readout(NetworkSpec design, long seed, Series series, Settings s) {
        Prepared pr = Prepared.of(design, series, s);
        int trainEnd = pr.trainEnd();
        Network net = trained(pr.spec(), seed, pr.values(), trainEnd, pr.stepsPerValue());
        WindowStates states = new WindowStates(pr.stepsPerValue(), s.states());
        net.run(new Stimulus(pr.values(), pr.stepsPerValue()), states);
        double[][] x = states.rows();
        Ridge.Model m = statesReadout(x, s.washout(), trainEnd, s.penalty()).fit(java.util.Arrays.copyOfRange(series.y(), s.washout(), trainEnd));
        String features = String.format("per time step of the series (each value held for %s ms, the network run from rest over the whole series): "
                + "the %s of every neuron (E then I), kinds in that order, at the end of the step's window (%d features); the output "
                + "predicts the target of that step", s.stepMs(), TaskReadout.kinds(s.states()), x[0].length);
        return TaskReadout.of(net, features, java.util.List.of(series.name()), new Ridge.Model[] {m}, pr.scaling());
    }

    private static Network trained(NetworkSpec spec, long seed, double[][] values, int trainEnd, int stepsPerValue) {
        Network net = Network.instantiate(spec, seed);
        if (spec.stdp().enabled()) {
            net.setPlastic(true);
            net.run(new Stimulus(java.util.Arrays.copyOf(values, trainEnd), stepsPerValue));
            net.reset();
        }
        net.setPlastic(false);
        return net;
    }

    /** The last {@code k} inputs u(t), u(t-1), ... (zeros before the start). */
    static double[][] taps(double[] u, int k) {
        double[][] x = new double[u.length][k];
        for (int t = 0; t < u.length; t++) for (int j = 0; j < k; j++) x[t][j] = t - j >= 0 ? u[t - j] : 0;
        return x;
    }

    /**
     * The best tapped delay line ({@code line}, its readout fitted on rows [washout, trainEnd) given) first, the
     * network's states {@code x} for its residual, fitted on the same rows and scored on the rest; the null
     * pairs each row's states with another time step's (seeded shuffles of the training and of the test rows).
     */
    static StackedScore stacked(double[][] line, Ridge.Model lineReadout, Readout network, double[][] x, double[] y, int washout, int trainEnd, int taps, long seed) {
        double[][] first = java.util.Arrays.copyOfRange(line, washout, trainEnd);
        java.util.List<double[]> ys = java.util.List.of(java.util.Arrays.copyOfRange(y, washout, trainEnd));
        int rows = first.length;
        int[] fold = StackedRidge.contiguous(rows, FOLDS);
        double[][] oof = StackedRidge.outOfFold(first, ys, fold, FOLDS);
        java.util.Random rng = new java.util.Random(Seeds.derive(seed, "task.prediction.stacked-null"));
        int[] trainPairing = StackedRidge.derangement(rows, rng), testPairing = StackedRidge.derangement(y.length - trainEnd, rng);
        java.util.List<Ridge.Model> firstStage = java.util.List.of(lineReadout);
        double real = stackedNrmse(StackedRidge.fit(firstStage, oof, network, ys, null), line, x, y, trainEnd, null);
        double shuffled = stackedNrmse(StackedRidge.fit(firstStage, oof, network, ys, trainPairing), line, x, y, trainEnd, testPairing);
        return new StackedScore(real, shuffled, "best tapped delay line (" + taps + " taps)");
    }

    private static double stackedNrmse(StackedRidge.Model m, double[][] line, double[][] x, double[] y, int trainEnd, int[] pairing) {
        int n = y.length;
        double[] predicted = new double[n - trainEnd];
        for (int t = trainEnd; t < n; t++)
            predicted[t - trainEnd] = m.predict(line[t], x[pairing == null ? t : trainEnd + pairing[t - trainEnd]])[0];
        return nrmse(predicted, java.util.Arrays.copyOfRange(y, trainEnd, n));
    }

    /** rms error / standard deviation of the target. */
    static double nrmse(double[] predicted, double[] y) {
        double mean = 0, se = 0, var = 0;
        for (double v : y) mean += v / y.length;
        for (int t = 0; t < y.length; t++) {
            se += (predicted[t] - y[t]) * (predicted[t] - y[t]);
            var += (y[t] - mean) * (y[t] - mean);
        }
        return Math.sqrt(se / var);
    }

    /** Ridge on rows [washout, trainEnd), NRMSE on [trainEnd, n). */
    static double fitAndScore(double[][] x, double[] y, int washout, int trainEnd) {
        return score(fit(x, y, washout, trainEnd), x, y, trainEnd);
    }

    /** Ridge (GCV) on rows [washout, trainEnd): for the raw inputs' few features. */
    static Ridge.Model fit(double[][] x, double[] y, int washout, int trainEnd) {
        return new Ridge(java.util.Arrays.copyOfRange(x, washout, trainEnd)).fit(java.util.Arrays.copyOfRange(y, washout, trainEnd));
    }

    /** The network's states on rows [washout, trainEnd), prepared for a readout with the penalty {@code rule}. */
    static Readout statesReadout(double[][] x, int washout, int trainEnd, StatesPenalty rule) {
        double[][] rows = java.util.Arrays.copyOfRange(x, washout, trainEnd);
        return rule == StatesPenalty.TAIL ? new TailValidatedRidge(rows) : new Ridge(rows);
    }

    /** NRMSE of {@code m} on rows [trainEnd, n). */
    private static double score(Ridge.Model m, double[][] x, double[] y, int trainEnd) {
        int n = y.length;
        double[] predicted = new double[n - trainEnd];
        for (int t = trainEnd; t < n; t++) predicted[t - trainEnd] = m.predict(x[t]);
        return nrmse(predicted, java.util.Arrays.copyOfRange(y, trainEnd, n));
    }
}
