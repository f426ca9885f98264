package org.hrsnn.score;

import org.hrsnn.model.Encoding;
import org.hrsnn.model.InputSpec;
import org.hrsnn.model.NetworkSpec;
import org.hrsnn.readout.Ridge;
import org.hrsnn.sim.FilteredStates;
import org.hrsnn.sim.Network;
import org.hrsnn.sim.PopulationRate;
import org.hrsnn.sim.Stimulus;
import org.hrsnn.task.Series;

/**
 * Prediction error of a design on a series: the input drives one channel (scaled with statistics of the
 * training segment), each value held for {@code stepMs}; the state after each value feeds a ridge readout
 * (GCV) fitted on the training segment; NRMSE = rms error / standard deviation of the target, on the
 * held-out segment that follows. If the rule is enabled, STDP first runs over the training segment and
 * the weights are frozen. The baseline is the same readout on the last {@code taps} raw inputs.
 */
public final class PredictionEvaluation {

    public record Settings(double stepMs, double stateTau, int washout, double trainFraction, int taps) {
        public static final Settings DEFAULT = new Settings(10, 20, 100, 0.7, 10);
        /** For short series (the 308 yearly sunspot numbers): a washout of 20 values. */
        public static final Settings SHORT = new Settings(10, 20, 20, 0.7, 10);
    }

    public record Result(double nrmse, double baselineNrmse, Activity activity, double seconds) {}

    private PredictionEvaluation() {}

    public static Result evaluate(NetworkSpec design, long seed, Series series, Settings s) {
        long t0 = System.nanoTime();
        InputSpec in = design.input();
        NetworkSpec spec = design.withInput(new InputSpec(1, in.encoding(), in.toExcitatory(), in.toInhibitory(), in.randomSign()));
        int n = series.u().length;
        int trainEnd = s.washout() + (int) ((n - s.washout()) * s.trainFraction());
        if (trainEnd - s.washout() < 10 || n - trainEnd < 10) throw new IllegalArgumentException("series too short: " + n + " steps");
        double[][] raw = new double[n][1];
        for (int t = 0; t < n; t++) raw[t][0] = series.u()[t];
        double[][] values = InputScaling.of(java.util.List.<double[][]>of(java.util.Arrays.copyOf(raw, trainEnd)), 1, in.encoding() instanceof Encoding.Rate).apply(raw);
        double[] u = new double[n];
        for (int t = 0; t < n; t++) u[t] = values[t][0];
        int stepsPerValue = Math.max(1, (int) Math.round(s.stepMs() / spec.dt()));

        Network net = Network.instantiate(spec, seed);
        if (spec.stdp().enabled()) {
            net.setPlastic(true);
            net.run(new Stimulus(java.util.Arrays.copyOf(values, trainEnd), stepsPerValue));
            net.reset();
        }
        net.setPlastic(false);
        int[] ends = new int[n];
        for (int t = 0; t < n; t++) ends[t] = (t + 1) * stepsPerValue - 1;
        FilteredStates states = new FilteredStates(s.stateTau(), ends);
        PopulationRate rate = new PopulationRate(stepsPerValue);
        net.run(new Stimulus(values, stepsPerValue), states, rate);
        double nrmse = fitAndScore(states.samples(), series.y(), s.washout(), trainEnd);

        double[][] taps = new double[n][s.taps()];
        for (int t = 0; t < n; t++) for (int k = 0; k < s.taps(); k++) taps[t][k] = t - k >= 0 ? u[t - k] : 0;
        double baseline = fitAndScore(taps, series.y(), s.washout(), trainEnd);
        return new Result(nrmse, baseline, new Activity(rate.meanRate(), rate.silentFraction(), rate.maxRate()), (System.nanoTime() - t0) / 1e9);
    }

    /** Ridge on rows [washout, trainEnd), NRMSE on [trainEnd, n). */
    static double fitAndScore(double[][] x, double[] y, int washout, int trainEnd) {
        Ridge.Model m = new Ridge(java.util.Arrays.copyOfRange(x, washout, trainEnd)).fit(java.util.Arrays.copyOfRange(y, washout, trainEnd));
        int n = y.length;
        double mean = 0, se = 0, var = 0;
        for (int t = trainEnd; t < n; t++) mean += y[t] / (n - trainEnd);
        for (int t = trainEnd; t < n; t++) {
            double e = m.predict(x[t]) - y[t];
            se += e * e;
            var += (y[t] - mean) * (y[t] - mean);
        }
        return Math.sqrt(se / var);
    }
}
