package org.hrsnn.baseline;

import org.hrsnn.random.Seeds;
import org.hrsnn.score.InputScaling;
import org.hrsnn.task.LabelledSeries;
import org.hrsnn.task.Series;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;

/**
 * Trains an SRNN by backpropagation through time (surrogate gradient, Adam, step decay of the learning rate)
 * on the data of an hrsnn task, with the same splits and input scaling as {@code hrsnn evaluate}, and
 * measures it on the test data: accuracy or NRMSE, mean spike rate, synaptic operations.
 * <p>
 * Time: one SRNN step is one value of the input series, which {@code evaluate} holds for
 * {@code stepMs} (5 ms for classification, 10 ms for prediction), so a rate of r spikes per neuron per step
 * is r / stepMs x 1000 Hz, in the same units as hrsnn's S.
 * <p>
 * Deterministic for a seed: the initialisation, the order of the samples in each epoch and each sample's
 * initial membrane potentials come from streams of the seed; the gradients of a mini-batch are computed in
 * parallel but summed in sample order, so the result does not depend on the number of threads.
 */
public final class SrnnTraining {
    private SrnnTraining() {}

    /**
     * @param batch        samples (classification) or windows (prediction) per Adam step
     * @param learningRate Adam's initial step size, halved after each quarter of the epochs
     */
    public record Settings(int hidden, int layers, int epochs, int batch, double learningRate, long seed) {
        public static final int MAX_EPOCHS = 10_000;

        public Settings {
            if (epochs < 1 || epochs > MAX_EPOCHS) throw new IllegalArgumentException("--epochs must be in 1.." + MAX_EPOCHS + ", got " + epochs);
            if (batch < 1) throw new IllegalArgumentException("--batch must be >= 1, got " + batch);
            if (!(learningRate > 0) || !Double.isFinite(learningRate)) throw new IllegalArgumentException("--lr must be > 0, got " + learningRate);
            if (hidden < 1 || hidden > SrnnSpec.MAX_HIDDEN) throw new IllegalArgumentException("--hidden must be in 1.." + SrnnSpec.MAX_HIDDEN + ", got " + hidden);
            if (layers < 1 || layers > SrnnSpec.MAX_LAYERS) throw new IllegalArgumentException("--layers must be in 1.." + SrnnSpec.MAX_LAYERS + ", got " + layers);
        }

        /** The learning rate of epoch {@code e} (0-based): halved after each quarter of the epochs. */
        public double rate(int e) {
            int quarter = Math.max(1, (epochs + 3) / 4);
            return learningRate * Math.pow(0.5, e / quarter);
        }
    }

    /** One epoch: mean training loss and the training metric over the samples as they were seen (the model changing). */
    public record Epoch(int epoch, double loss, double trainMetric, double seconds) {}

    /** Told after each epoch, with the estimated seconds left. */
    public interface Progress {
        void epoch(Epoch e, int epochs, double etaSeconds);
    }

    /**
     * @param metric          "accuracy" or "nrmse"
     * @param rateHz          mean spike rate of the hidden neurons on the test data, in Hz (see the class comment)
     * @param spikesPerStep   the same rate in spikes per neuron per step
     * @param silentFraction  hidden neurons that never spike on the test data
     * @param synapticOps     per test sample (classification) or per input value (prediction): spikes of the
     *                        hidden neurons times their fan-out (recurrent, next layer or readout), the
     *                        accumulate-only operations an event-driven chip would do
     * @param inputMacs       per test sample or per input value: multiply-accumulates of the analog input
     *                        into the first layer (inputs x hidden per step)
     * @param trainSamples    training samples (or windows) used
     */
    public record Result(String metric, double value, double finalTrainLoss, double rateHz, double spikesPerStep, double silentFraction,
                         double synapticOps, double inputMacs, long parameters, double trainSeconds, double testSeconds,
                         int trainSamples, int testSamples, double stepMs, List<Epoch> epochs) {}

    /** Hold of one value in {@code evaluate}'s classification (ms). */
    public static final double CLASSIFICATION_STEP_MS = org.hrsnn.score.ClassificationEvaluation.Settings.DEFAULT.stepMs();
    /** Hold of one value in {@code evaluate}'s prediction (ms). */
    public static final double PREDICTION_STEP_MS = org.hrsnn.score.PredictionEvaluation.Settings.DEFAULT.stepMs();

    public static Result classify(LabelledSeries train, LabelledSeries test, Settings s, Progress progress) {
        if (train.channels() != test.channels() || !train.classes().equals(test.classes()))
            throw new IllegalArgumentException("train and test splits differ in channels or classes");
        if (train.size() < 1 || test.size() < 1) throw new IllegalArgumentException("empty train or test split");
        int c = train.channels(), classes = train.classes().size();
        InputScaling scaling = InputScaling.of(train.series(), c, false);
        List<double[]> xTrain = flat(train, scaling), xTest = flat(test, scaling);
        SrnnSpec spec = SrnnSpec.published(c, s.hidden(), s.layers(), classes);
        Srnn net = Srnn.initialise(spec, s.seed());
        long t0 = System.nanoTime();
        long u0Train = Seeds.derive(s.seed(), "baseline.srnn.u0.train");
        List<Epoch> epochs = train(net, s, train.size(), progress, (i, epoch) -> {
            int steps = train.series().get(i).length;
            Srnn.Trace tr = net.forward(xTrain.get(i), steps, Seeds.derive(u0Train, (long) epoch * train.size() + i));
            double[] dLdo = new double[steps * classes], prob = new double[classes];
            double loss = SrnnLoss.crossEntropy(tr.o, steps, classes, train.label(i), dLdo, prob);
            return new Sample(loss, SrnnLoss.argmax(prob) == train.label(i) ? 1 : 0, net.backward(tr, dLdo));
        }, (loss, correct) -> correct); // the training metric: accuracy
        double trainSeconds = (System.nanoTime() - t0) / 1e9;
        long t1 = System.nanoTime();
        long u0Test = Seeds.derive(s.seed(), "baseline.srnn.u0.test");
        Measured[] m = IntStream.range(0, test.size()).parallel().mapToObj(i -> {
            int steps = test.series().get(i).length;
            Srnn.Trace tr = net.forward(xTest.get(i), steps, Seeds.derive(u0Test, i));
            double[] prob = new double[classes];
            SrnnLoss.crossEntropy(tr.o, steps, classes, test.label(i), new double[steps * classes], prob);
            return new Measured(SrnnLoss.argmax(prob) == test.label(i) ? 1 : 0, tr, steps);
        }).toArray(Measured[]::new);
        Activity a = activity(spec, m);
        double accuracy = java.util.Arrays.stream(m).mapToDouble(x -> x.score).sum() / test.size();
        return new Result("accuracy", accuracy, epochs.get(epochs.size() - 1).loss(), a.spikesPerStep * 1000 / CLASSIFICATION_STEP_MS, a.spikesPerStep,
                a.silent, a.ops / test.size(), a.macs / test.size(), spec.parameterCount(), trainSeconds, (System.nanoTime() - t1) / 1e9,
                train.size(), test.size(), CLASSIFICATION_STEP_MS, epochs);
    }

    /**
     * Prediction under {@code evaluate}'s split of the series: the first {@code washout} values are a
     * warm-up, the next {@code trainFraction} of the rest train, the remainder is held out. Training runs on
     * windows of the training segment (each with a quarter of warm-up outside the loss), MSE loss on input
     * and target z-scored with the training segment's statistics; the test is one run over the whole series,
     * NRMSE on the held-out segment.
     */
    public static Result predict(Series series, int washout, double trainFraction, Settings s, Progress progress) {
        int n = series.u().length;
        int trainEnd = washout + (int) ((n - washout) * trainFraction);
        if (trainEnd - washout < 10 || n - trainEnd < 10) throw new IllegalArgumentException("series too short: " + n + " steps");
        double[] u = zscore(series.u(), trainEnd), y = zscore(series.y(), trainEnd);
        int window = Math.min(200, trainEnd / 2), stride = Math.max(1, window / 2), warm = window / 4;
        List<Integer> starts = new ArrayList<>();
        for (int st = 0; st + window <= trainEnd; st += stride) if (st + window > washout) starts.add(st);
        SrnnSpec spec = SrnnSpec.published(1, s.hidden(), s.layers(), 1);
        Srnn net = Srnn.initialise(spec, s.seed());
        long t0 = System.nanoTime();
        long u0Train = Seeds.derive(s.seed(), "baseline.srnn.u0.train");
        List<Epoch> epochs = train(net, s, starts.size(), progress, (k, epoch) -> {
            int st = starts.get(k);
            double[] x = java.util.Arrays.copyOfRange(u, st, st + window), target = java.util.Arrays.copyOfRange(y, st, st + window);
            Srnn.Trace tr = net.forward(x, window, Seeds.derive(u0Train, (long) epoch * starts.size() + k));
            double[] dLdo = new double[window];
            int lossFrom = Math.max(warm, washout - st);
            double loss = SrnnLoss.meanSquared(tr.o, target, lossFrom, window, dLdo);
            return new Sample(loss, 0, net.backward(tr, dLdo));
        }, (loss, correct) -> Math.sqrt(loss)); // the training metric: NRMSE of the windows' MSE (targets z-scored, variance about 1)
        double trainSeconds = (System.nanoTime() - t0) / 1e9;
        long t1 = System.nanoTime();
        Srnn.Trace tr = net.forward(u, n, Seeds.derive(s.seed(), "baseline.srnn.u0.test"));
        double mean = 0, se = 0, var = 0;
        for (int t = trainEnd; t < n; t++) mean += y[t] / (n - trainEnd);
        for (int t = trainEnd; t < n; t++) {
            se += (tr.o[t] - y[t]) * (tr.o[t] - y[t]);
            var += (y[t] - mean) * (y[t] - mean);
        }
        Activity a = activity(spec, new Measured[] {new Measured(0, tr, n)});
        return new Result("nrmse", Math.sqrt(se / var), epochs.get(epochs.size() - 1).loss(), a.spikesPerStep * 1000 / PREDICTION_STEP_MS, a.spikesPerStep,
                a.silent, a.ops / n, a.macs / n, spec.parameterCount(), trainSeconds, (System.nanoTime() - t1) / 1e9,
                starts.size(), n - trainEnd, PREDICTION_STEP_MS, epochs);
    }

    private record Sample(double loss, double score, double[][] gradient) {}

    /** One training sample's loss, score and gradient: (sample index, epoch) to its result. */
    private interface Step {
        Sample run(int sample, int epoch);
    }

    /**
     * The epochs of minibatch training shared by classification and prediction: each epoch a seeded
     * permutation of the {@code count} samples, minibatches of {@code s.batch()} whose gradients are computed in
     * parallel and summed in sample order (so a seed gives the same weights on any number of cores), an Adam step
     * per batch, time constants clamped after it. {@code metric} turns the epoch's mean loss and mean score into
     * its training metric.
     */
    private static List<Epoch> train(Srnn net, Settings s, int count, Progress progress, Step step,
                                     java.util.function.DoubleBinaryOperator metric) {
        Adam adam = new Adam(net.parameters());
        long t0 = System.nanoTime();
        List<Epoch> epochs = new ArrayList<>();
        for (int e = 0; e < s.epochs(); e++) {
            long e0 = System.nanoTime();
            int[] order = permutation(count, Seeds.derive(Seeds.derive(s.seed(), "baseline.srnn.order"), e));
            double lossSum = 0, scoreSum = 0;
            for (int from = 0; from < order.length; from += s.batch()) {
                int[] idx = java.util.Arrays.copyOfRange(order, from, Math.min(order.length, from + s.batch()));
                final int epoch = e;
                Sample[] out = IntStream.range(0, idx.length).parallel().mapToObj(k -> step.run(idx[k], epoch)).toArray(Sample[]::new);
                double[][] g = sum(out);
                for (Sample x : out) {
                    lossSum += x.loss;
                    scoreSum += x.score;
                }
                checkFinite(g, net, e);
                adam.step(net.parameters(), g, s.rate(e));
                net.clampTimeConstants();
            }
            Epoch ep = new Epoch(e + 1, lossSum / count, metric.applyAsDouble(lossSum / count, scoreSum / count), (System.nanoTime() - e0) / 1e9);
            epochs.add(ep);
            if (progress != null) progress.epoch(ep, s.epochs(), (System.nanoTime() - t0) / 1e9 / (e + 1) * (s.epochs() - e - 1));
        }
        return epochs;
    }

    private record Measured(double score, Srnn.Trace trace, int steps) {}

    private record Activity(double spikesPerStep, double silent, double ops, double macs) {}

    /** Rates, silent neurons and operations summed over the measured sequences. */
    private static Activity activity(SrnnSpec spec, Measured[] m) {
        int h = spec.hidden(), layers = spec.layers();
        double spikes = 0, ops = 0, macs = 0;
        long neuronSteps = 0;
        boolean[][] fired = new boolean[layers][h];
        for (Measured x : m) {
            for (int l = 0; l < layers; l++) {
                double c = x.trace.spikeCount(l);
                spikes += c;
                ops += c * (h + (l + 1 < layers ? h : spec.outputs()));
                double[] s = x.trace.s[l];
                for (int i = 0; i < s.length; i++) if (s[i] != 0) fired[l][i % h] = true;
            }
            neuronSteps += (long) x.steps * h * layers;
            macs += (double) x.steps * spec.inputs() * h;
        }
        int silent = 0;
        for (boolean[] f : fired) for (boolean b : f) if (!b) silent++;
        return new Activity(spikes / neuronSteps, (double) silent / (h * layers), ops, macs);
    }

    /** The gradients of a batch, averaged, summed in sample order. */
    private static double[][] sum(Sample[] out) {
        double[][] g = new double[out[0].gradient.length][];
        for (int i = 0; i < g.length; i++) g[i] = new double[out[0].gradient[i].length];
        for (Sample x : out)
            for (int i = 0; i < g.length; i++) {
                double[] a = g[i], b = x.gradient[i];
                for (int k = 0; k < a.length; k++) a[k] += b[k] / out.length;
            }
        return g;
    }

    private static void checkFinite(double[][] g, Srnn net, int epoch) {
        String[] names = net.tensorNames();
        for (int i = 0; i < g.length; i++)
            for (double v : g[i])
                if (!Double.isFinite(v)) throw new ArithmeticException("the gradient of " + names[i] + " is not finite in epoch " + (epoch + 1) + "; try a smaller --lr");
    }

    /** A seeded random permutation of 0..n-1 (Fisher-Yates). */
    static int[] permutation(int n, long seed) {
        var rng = Seeds.rng(seed);
        int[] p = IntStream.range(0, n).toArray();
        for (int i = n - 1; i > 0; i--) {
            int j = rng.nextInt(i + 1), t = p[i];
            p[i] = p[j];
            p[j] = t;
        }
        return p;
    }

    private static List<double[]> flat(LabelledSeries d, InputScaling scaling) {
        List<double[]> x = new ArrayList<>();
        for (double[][] s : d.series()) {
            double[][] z = scaling.apply(s);
            double[] f = new double[z.length * d.channels()];
            for (int t = 0; t < z.length; t++) System.arraycopy(z[t], 0, f, t * d.channels(), d.channels());
            x.add(f);
        }
        return x;
    }

    private static double[] zscore(double[] v, int fitEnd) {
        double m = 0, q = 0;
        for (int t = 0; t < fitEnd; t++) m += v[t] / fitEnd;
        for (int t = 0; t < fitEnd; t++) q += (v[t] - m) * (v[t] - m) / fitEnd;
        double sd = q > 0 ? Math.sqrt(q) : 1;
        double[] z = new double[v.length];
        for (int t = 0; t < v.length; t++) z[t] = (v[t] - m) / sd;
        return z;
    }
}
