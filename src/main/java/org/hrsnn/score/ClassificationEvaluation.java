package org.hrsnn.score;

import org.hrsnn.model.Encoding;
import org.hrsnn.model.InputSpec;
import org.hrsnn.model.NetworkSpec;
import org.hrsnn.random.Seeds;
import org.hrsnn.readout.Ridge;
import org.hrsnn.readout.RidgeClassifier;
import org.hrsnn.readout.StackedRidge;
import org.hrsnn.sim.WindowStates;
import org.hrsnn.sim.Network;
import org.hrsnn.sim.PopulationRate;
import org.hrsnn.sim.Stimulus;
import org.hrsnn.task.LabelledSeries;

import java.util.ArrayList;
import java.util.List;

/**
 * Classification accuracy of a design on a labelled time-series set with an official train/test split.
 * <ol>
 *   <li>Input scaling from the training split only: z-scores per channel for analog and delta input,
 *       min-max to [0, 1] for rate input. The design's input pathways are kept; the number of input
 *       channels is the data's.</li>
 *   <li>If the STDP rule is enabled: every training sample once (in a seeded order) with plasticity on,
 *       the state reset between samples; then the weights are frozen.</li>
 *   <li>Each sample runs from rest, one time step of the series held for {@code stepMs}. Features:
 *       the state kinds of {@code states} (no readout filter) at the ends of {@code points} equal segments
 *       of the sample, concatenated.</li>
 *   <li>A one-vs-rest ridge classifier (GCV) is fitted on the training features and scored on the test
 *       split. The same classifier on features of the raw input (values at the same moments plus
 *       channel means) gives the non-spiking baseline.</li>
 *   <li>What the network adds to its input ({@link StackedScore}): the better raw-input readout (chosen on the
 *       training split) first, then a ridge on the network's features for its out-of-fold residual
 *       ({@link StackedRidge}); and the same with the network's rows shuffled against the samples (the null,
 *       which should score as the raw readout alone).</li>
 * </ol>
 */
public final class ClassificationEvaluation {

    /**
     * @param states the state kinds read at the end of each of the {@code points} segments of a sample
     *               (counts: spikes within the segment)
     */
    public record Settings(double stepMs, int points, java.util.List<org.hrsnn.sim.StateKind> states) {
        public static final Settings DEFAULT = new Settings(5, 5, MemoryProtocol.DEFAULT.states());
    }

    /**
     * @param baselineAccuracy       the same classifier on the raw input at the network's sampling moments plus channel means
     * @param strongBaselineAccuracy the same classifier on the raw input at every time step (each sample resampled
     *                               to the longest training length by linear interpolation)
     */
    public record Result(double accuracy, double baselineAccuracy, double strongBaselineAccuracy, StackedScore stacked, Activity activity, int features, double seconds) {}

    /** Cross-fitting folds of the stacked readout's first stage (fewer when there are fewer training samples). */
    static final int FOLDS = 5;

    private ClassificationEvaluation() {}

    public static Result evaluate(NetworkSpec design, long seed, LabelledSeries train, LabelledSeries test, Settings s) {
        return evaluate(design, seed, train, test, s, Progress.NONE);
    }

    /** As {@link #evaluate(NetworkSpec, long, LabelledSeries, LabelledSeries, Settings)}, telling {@code progress} of every sample simulated. */
    public static Result evaluate(NetworkSpec design, long seed, LabelledSeries train, LabelledSeries test, Settings s, Progress progress) {
        if (train.channels() != test.channels() || !train.classes().equals(test.classes()))
            throw new IllegalArgumentException("train and test splits differ in channels or classes");
        long t0 = System.nanoTime();
        InputSpec in = design.input();
        InputScaling scaling = InputScaling.of(train.series(), train.channels(), in.encoding() instanceof Encoding.Rate);
        long total = (design.stdp().enabled() ? train.size() : 0) + train.size() + test.size();
        long[] done = {0};
        Runnable tick = () -> progress.at(++done[0], total);
        Network net = trained(design, seed, train, scaling, s, tick);
        NetworkSpec spec = net.spec();
        int stepsPerValue = Math.max(1, (int) Math.round(s.stepMs() / spec.dt()));
        PopulationRate rate = new PopulationRate(stepsPerValue);
        double[][] xTrain = features(net, train, scaling, stepsPerValue, s, null, tick);
        double[][] xTest = features(net, test, scaling, stepsPerValue, s, rate, tick);
        int classes = train.classes().size();
        Ridge network = new Ridge(xTrain);
        double accuracy = RidgeClassifier.fit(network, train.labels(), classes).accuracy(xTest, test.labels());
        Raw raw = Raw.of(train, test, scaling, s.points());
        StackedScore stacked = stacked(raw, network, xTest, train.labels(), test.labels(), classes, seed);
        Activity activity = new Activity(rate.meanRate(), rate.silentFraction(), rate.maxRate());
        return new Result(accuracy, raw.momentsAccuracy(), raw.stepsAccuracy(), stacked, activity, xTrain[0].length, (System.nanoTime() - t0) / 1e9);
    }

    /** The raw input's two feature sets on both splits, and the readout fitted on each training set. */
    private record Raw(double[][][] moments, double[][][] steps, RidgeClassifier momentsReadout, RidgeClassifier stepsReadout, int[] testLabels) {
        static Raw of(LabelledSeries train, LabelledSeries test, InputScaling scaling, int points) {
            int length = train.series().stream().mapToInt(x -> x.length).max().orElse(1);
            double[][][] moments = {rawFeatures(train, scaling, points), rawFeatures(test, scaling, points)};
            double[][][] steps = {everyStep(train, scaling, length), everyStep(test, scaling, length)};
            int classes = train.classes().size();
            return new Raw(moments, steps, RidgeClassifier.fit(moments[0], train.labels(), classes),
                    RidgeClassifier.fit(steps[0], train.labels(), classes), test.labels());
        }

        /** The baseline: test accuracy of the readout on the moments. */
        double momentsAccuracy() {
            return momentsReadout.accuracy(moments[1], testLabels);
        }

        /** The strong baseline: test accuracy of the readout on every step. */
        double stepsAccuracy() {
            return stepsReadout.accuracy(steps[1], testLabels);
        }
    }

    /**
     * The stacked readout and its null. The first stage is the raw feature set whose out-of-fold accuracy on the
     * training split is higher (the test split is not looked at); ties go to every step.
     */
    private static StackedScore stacked(Raw raw, Ridge network, double[][] xTest, int[] trainLabels, int[] testLabels, int classes, long seed) {
        int n = trainLabels.length, folds = Math.min(FOLDS, n / 2);
        if (folds < 2) return StackedScore.NONE;
        List<double[]> ys = new ArrayList<>();
        for (int c = 0; c < classes; c++) ys.add(RidgeClassifier.targets(trainLabels, c));
        int[] fold = StackedRidge.interleaved(n, folds);
        double[][] oofMoments = StackedRidge.outOfFold(raw.moments[0], ys, fold, folds), oofEvery = StackedRidge.outOfFold(raw.steps[0], ys, fold, folds);
        boolean moments = hits(oofMoments, trainLabels) > hits(oofEvery, trainLabels);
        double[][] firstTest = (moments ? raw.moments : raw.steps)[1], oof = moments ? oofMoments : oofEvery;
        List<Ridge.Model> first = List.of((moments ? raw.momentsReadout : raw.stepsReadout).models());
        java.util.Random rng = new java.util.Random(Seeds.derive(seed, "task.classification.stacked-null"));
        int[] trainPairing = StackedRidge.derangement(n, rng), testPairing = StackedRidge.derangement(testLabels.length, rng);
        double real = stackedAccuracy(StackedRidge.fit(first, oof, network, ys, null), firstTest, xTest, null, testLabels);
        double shuffled = stackedAccuracy(StackedRidge.fit(first, oof, network, ys, trainPairing), firstTest, xTest, testPairing, testLabels);
        return new StackedScore(real, shuffled, moments ? "raw input at the network's moments" : "raw input at every step");
    }

    private static double stackedAccuracy(StackedRidge.Model m, double[][] rawTest, double[][] networkTest, int[] pairing, int[] labels) {
        int right = 0;
        for (int i = 0; i < labels.length; i++)
            if (RidgeClassifier.argmax(m.predict(rawTest[i], networkTest[pairing == null ? i : pairing[i]])) == labels[i]) right++;
        return (double) right / labels.length;
    }

    /** How many rows' largest output ([class][row]) is their label. */
    private static int hits(double[][] outputs, int[] labels) {
        int right = 0;
        double[] row = new double[outputs.length];
        for (int i = 0; i < labels.length; i++) {
            for (int c = 0; c < row.length; c++) row[c] = outputs[c][i];
            if (RidgeClassifier.argmax(row) == labels[i]) right++;
        }
        return right;
    }


    /**
     * The two raw-input baselines of {@link #evaluate} for analog input (z-scored with the training split): the
     * readout on the input at the sampling moments plus channel means, and on the input at every time step.
     * For other models compared on the same split ({@code hrsnn baseline}).
     */
    public static double[] rawInputBaselines(LabelledSeries train, LabelledSeries test, Settings s) {
        return baselines(train, test, InputScaling.of(train.series(), train.channels(), false), s.points());
    }

    private static double[] baselines(LabelledSeries train, LabelledSeries test, InputScaling scaling, int points) {
        Raw raw = Raw.of(train, test, scaling, points);
        return new double[] {raw.momentsAccuracy(), raw.stepsAccuracy()};
    }

    /**
     * The network {@link #evaluate} reads out, with the readout it trains on the training split: for export.
     * The state of a sample is read as in {@link #evaluate}.
     */
    public static TaskReadout readout(NetworkSpec design, long seed, LabelledSeries train, Settings s) {
        InputScaling scaling = InputScaling.of(train.series(), train.channels(), design.input().encoding() instanceof Encoding.Rate);
        Network net = trained(design, seed, train, scaling, s, () -> {});
        int stepsPerValue = Math.max(1, (int) Math.round(s.stepMs() / net.spec().dt()));
        double[][] x = features(net, train, scaling, stepsPerValue, s, null, () -> {});
        RidgeClassifier rc = RidgeClassifier.fit(x, train.labels(), train.classes().size());
        String features = String.format("per sample, run from rest with each input value held for %s ms: the sample's %d equal parts, each ending at "
                + "step round((k + 1) * steps / %d) - 1, k = 0..%d (steps = values * %d); at each end the %s of every neuron (E then I), kinds in that order; "
                + "the %d ends concatenated in time order (%d features)", s.stepMs(), s.points(), s.points(), s.points() - 1, stepsPerValue,
                TaskReadout.kinds(s.states()), s.points(), x[0].length);
        return TaskReadout.of(net, features, train.classes(), rc.models(), scaling);
    }

    /**
     * Steps 1-2: the network of {@code design} (with the data's number of input channels) and {@code seed}
     * after STDP on the training split, frozen.
     */
    public static Network trained(NetworkSpec design, long seed, LabelledSeries train, Settings s) {
        return trained(design, seed, train, InputScaling.of(train.series(), train.channels(), design.input().encoding() instanceof Encoding.Rate), s, () -> {});
    }

    private static Network trained(NetworkSpec design, long seed, LabelledSeries train, InputScaling scaling, Settings s, Runnable tick) {
        InputSpec in = design.input();
        NetworkSpec spec = design.withInput(new InputSpec(train.channels(), in.encoding(), in.toExcitatory(), in.toInhibitory(), in.randomSign()));
        Network net = Network.instantiate(spec, seed);
        int stepsPerValue = Math.max(1, (int) Math.round(s.stepMs() / spec.dt()));
        if (spec.stdp().enabled()) {
            net.setPlastic(true);
            List<Integer> order = new ArrayList<>();
            for (int i = 0; i < train.size(); i++) order.add(i);
            java.util.Collections.shuffle(order, new java.util.Random(Seeds.derive(seed, "task.classification.order")));
            for (int i : order) {
                net.reset();
                net.run(new Stimulus(scaling.apply(train.series().get(i)), stepsPerValue));
                tick.run();
            }
        }
        net.setPlastic(false);
        return net;
    }

    private static double[][] features(Network net, LabelledSeries d, InputScaling scaling, int stepsPerValue, Settings s, PopulationRate rate, Runnable tick) {
        double[][] x = new double[d.size()][];
        for (int i = 0; i < d.size(); i++) {
            double[][] u = scaling.apply(d.series().get(i));
            int steps = u.length * stepsPerValue;
            int[] at = samplePoints(steps, s.points());
            WindowStates w = new WindowStates(at, s.states());
            net.reset();
            if (rate != null) net.run(new Stimulus(u, stepsPerValue), w, rate);
            else net.run(new Stimulus(u, stepsPerValue), w);
            double[][] rows = w.rows();
            double[] f = new double[rows.length * rows[0].length];
            for (int p = 0; p < rows.length; p++) System.arraycopy(rows[p], 0, f, p * rows[0].length, rows[0].length);
            x[i] = f;
            tick.run();
        }
        return x;
    }

    /** {@code k} evenly spaced steps ending at the last step, strictly increasing. */
    static int[] samplePoints(int steps, int k) {
        int[] at = new int[k];
        for (int p = 0; p < k; p++) at[p] = (int) Math.round((double) (p + 1) * steps / k) - 1;
        for (int p = 1; p < k; p++) if (at[p] <= at[p - 1]) at[p] = at[p - 1] + 1;
        return at;
    }

    /** The non-spiking baseline: the scaled input at the same moments plus each channel's mean. */
    static double[][] rawFeatures(LabelledSeries d, InputScaling scaling, int k) {
        double[][] x = new double[d.size()][];
        int c = d.channels();
        for (int i = 0; i < d.size(); i++) {
            double[][] u = scaling.apply(d.series().get(i));
            int[] at = samplePoints(u.length, Math.min(k, u.length));
            double[] f = new double[c * (k + 1)];
            for (int p = 0; p < at.length; p++) System.arraycopy(u[at[p]], 0, f, p * c, c);
            for (double[] row : u) for (int j = 0; j < c; j++) f[k * c + j] += row[j] / u.length;
            x[i] = f;
        }
        return x;
    }

    /**
     * The strong baseline's features: every channel at every time step, each sample linearly resampled to
     * {@code length} steps (the identity when lengths are equal).
     */
    static double[][] everyStep(LabelledSeries d, InputScaling scaling, int length) {
        double[][] x = new double[d.size()][];
        int c = d.channels();
        for (int i = 0; i < d.size(); i++) {
            double[][] u = scaling.apply(d.series().get(i));
            double[] f = new double[length * c];
            for (int t = 0; t < length; t++) {
                double pos = length == 1 || u.length == 1 ? 0 : (double) t * (u.length - 1) / (length - 1);
                int lo = (int) Math.floor(pos), hi = Math.min(lo + 1, u.length - 1);
                double w = pos - lo;
                for (int j = 0; j < c; j++) f[t * c + j] = (1 - w) * u[lo][j] + w * u[hi][j];
            }
            x[i] = f;
        }
        return x;
    }

}
