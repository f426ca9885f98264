package org.hrsnn.readout;

/**
 * One-vs-rest linear classifier: one ridge readout per class on targets +1 / -1, sharing one
 * decomposition of the design; the predicted class is the largest output. Each class's penalty is
 * chosen by GCV.
 */
public final class RidgeClassifier {
    private final Ridge.Model[] perClass;

    private RidgeClassifier(Ridge.Model[] perClass) {
        this.perClass = perClass;
    }

    public static RidgeClassifier fit(double[][] x, int[] labels, int classes) {
        Ridge ridge = new Ridge(x);
        Ridge.Model[] m = new Ridge.Model[classes];
        for (int c = 0; c < classes; c++) {
            double[] y = new double[labels.length];
            for (int i = 0; i < y.length; i++) y[i] = labels[i] == c ? 1 : -1;
            m[c] = ridge.fit(y);
        }
        return new RidgeClassifier(m);
    }

    /** The per-class readouts (one-vs-rest), in class order. */
    public Ridge.Model[] models() {
        return perClass.clone();
    }

    public int predict(double[] x) {
        int best = 0;
        double top = Double.NEGATIVE_INFINITY;
        for (int c = 0; c < perClass.length; c++) {
            double v = perClass[c].predict(x);
            if (v > top) {
                top = v;
                best = c;
            }
        }
        return best;
    }

    /** Fraction of rows of {@code x} classified as {@code labels}. */
    public double accuracy(double[][] x, int[] labels) {
        int right = 0;
        for (int i = 0; i < x.length; i++) if (predict(x[i]) == labels[i]) right++;
        return (double) right / x.length;
    }
}
