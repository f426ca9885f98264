package org.hrsnn.baseline;

/**
 * The losses the SRNN is trained on, each with its gradient with respect to the readout o_t.
 */
public final class SrnnLoss {
    private SrnnLoss() {}

    /** Steps at the start of a sample left out of the classification loss: a tenth of it, rounded down. */
    public static int warmUp(int steps) {
        return steps / 10;
    }

    /**
     * Cross-entropy of the softmax of o_t averaged over the steps after the warm-up:
     * P = mean_{t >= warm} softmax(o_t), L = -log P_label. Writes dL/do_t into {@code dLdo} (zero in the
     * warm-up) and P into {@code probability}; returns L.
     */
    public static double crossEntropy(double[] o, int steps, int classes, int label, double[] dLdo, double[] probability) {
        int warm = warmUp(steps), k = steps - warm;
        double[][] soft = new double[steps][];
        java.util.Arrays.fill(probability, 0);
        for (int t = warm; t < steps; t++) {
            double[] sm = softmax(o, t * classes, classes);
            soft[t] = sm;
            for (int c = 0; c < classes; c++) probability[c] += sm[c] / k;
        }
        java.util.Arrays.fill(dLdo, 0);
        double py = probability[label];
        for (int t = warm; t < steps; t++) {
            double[] sm = soft[t];
            // dL/do_{t,c} = -(1 / (k P_y)) p_{t,y} (delta_{yc} - p_{t,c})
            double f = -sm[label] / (k * py);
            for (int c = 0; c < classes; c++) dLdo[t * classes + c] = f * ((c == label ? 1 : 0) - sm[c]);
        }
        return -Math.log(py);
    }

    /** Softmax of {@code n} values of {@code x} from {@code from}, shifted by their maximum. */
    static double[] softmax(double[] x, int from, int n) {
        double max = Double.NEGATIVE_INFINITY, sum = 0;
        for (int c = 0; c < n; c++) max = Math.max(max, x[from + c]);
        double[] e = new double[n];
        for (int c = 0; c < n; c++) sum += e[c] = Math.exp(x[from + c] - max);
        for (int c = 0; c < n; c++) e[c] /= sum;
        return e;
    }

    /** Index of the largest value (the first of equals). */
    public static int argmax(double[] v) {
        int best = 0;
        for (int c = 1; c < v.length; c++) if (v[c] > v[best]) best = c;
        return best;
    }

    /**
     * Mean squared error of a single-output readout against {@code y} over steps [from, steps); writes
     * dL/do_t into {@code dLdo}; returns L.
     */
    public static double meanSquared(double[] o, double[] y, int from, int steps, double[] dLdo) {
        java.util.Arrays.fill(dLdo, 0);
        int k = steps - from;
        double loss = 0;
        for (int t = from; t < steps; t++) {
            double e = o[t] - y[t];
            loss += e * e / k;
            dLdo[t] = 2 * e / k;
        }
        return loss;
    }
}
