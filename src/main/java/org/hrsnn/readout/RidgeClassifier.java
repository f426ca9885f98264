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
        return fit(new Ridge(x), labels, classes);
    }

    /** The same on a prepared design, which other targets may share. */
    public static RidgeClassifier fit(Ridge ridge, int[] labels, int classes) {
        Ridge.Model[] m = new Ridge.Model[classes];
        for (int c = 0; c < classes; c++) m[c] = ridge.fit(targets(labels, c));
        return new RidgeClassifier(m);
    }

    /** The one-vs-rest target of class {@code c}: +1 for its rows, -1 for the others. */
    public static double[] targets(int[] labels, int c) {
        double[] y = new double[labels.length];
        for (int i = 0; i < y.length; i++) y[i] = labels[i] == c ? 1 : -1;
        return y;
    }

    /** The index of the largest output (the first of equal ones; 0 if none is above -infinity). */
    public static int argmax(double[] outputs) {
        int best = 0;
        double top = Double.NEGATIVE_INFINITY;
        for (int c = 0; c < outputs.length; c++) {
            if (outputs[c] > top) {
                top = outputs[c];
                best = c;
            }
        }
        return best;
    }

    /** The per-class readouts (one-vs-rest), in class order. */
    public Ridge.Model[] models() {
        return perClass.clone();
    }

    public int predict(double[] x) {
        double[] outputs = new double[perClass.length];
        for (int c = 0; c < outputs.length; c++) outputs[c] = perClass[c].predict(x);
        return argmax(outputs);
    }

    /** Fraction of rows of {@code x} classified as {@code labels}. */
    public double accuracy(double[][] x, int[] labels) {
        int right = 0;
        for (int i = 0; i < x.length; i++) if (predict(x[i]) == labels[i]) right++;
        return (double) right / x.length;
    }
}
