package org.hrsnn.readout;

import java.util.ArrayList;
import java.util.List;

/**
 * A two-stage ridge readout that measures what a second block of features adds to a first: ridge on the first
 * block, then ridge on the second block for the first stage's residual, each block with its own GCV penalty.
 * One ridge over both blocks at once would share one penalty, so that a large block (thousands of network
 * states) decides it and a small one (the raw input) is shrunk away with it.
 *
 * <p>The second stage is fitted to the first stage's <em>out-of-fold</em> residuals (cross-fitting, as in
 * stacking): the first stage's in-sample residuals are smaller than its errors on new data, so a second stage
 * fitted to them would learn too little. At prediction time the first stage is the fit on all rows.
 */
public final class StackedRidge {
    /** The fitted readout for each target: first-stage and second-stage models, in target order. */
    public record Model(Ridge.Model[] first, Ridge.Model[] second) {
        /** The outputs for one row, given its two blocks. */
        public double[] predict(double[] firstRow, double[] secondRow) {
            double[] out = new double[first.length];
            for (int t = 0; t < out.length; t++) out[t] = first[t].predict(firstRow) + second[t].predict(secondRow);
            return out;
        }
    }

    private StackedRidge() {}

    /**
     * @param first  the first block, n rows
     * @param second the second block's prepared design (its rows in the same order as {@code first})
     * @param ys     targets, each of n values
     * @param fold   the fold of each row, 0..folds-1 (every fold non-empty)
     */
    public static Model fit(double[][] first, Ridge second, List<double[]> ys, int[] fold, int folds) {
        return fit(new Ridge(first).fit(ys), outOfFold(first, ys, fold, folds), second, ys, null);
    }

    /**
     * As {@link #fit(double[][], Ridge, List, int[], int)} with the first stage given: its readouts fitted on
     * all rows (one per target; a caller usually has them already, as a baseline) and its out-of-fold
     * predictions ([target][row]). With {@code pairing}, row i of the second block is fitted to the residual of
     * row {@code pairing[i]}: a permutation breaks the link between the blocks, the null control of what the
     * second block adds (its gain should then vanish).
     */
    public static Model fit(List<Ridge.Model> first, double[][] outOfFold, Readout second, List<double[]> ys, int[] pairing) {
        if (first.size() != ys.size()) throw new IllegalArgumentException(first.size() + " first-stage readouts for " + ys.size() + " targets");
        Ridge.Model[] b = new Ridge.Model[ys.size()];
        for (int t = 0; t < b.length; t++) {
            double[] y = ys.get(t), r = new double[y.length];
            if (y.length != second.rows()) throw new IllegalArgumentException("blocks differ in rows: " + y.length + " and " + second.rows());
            for (int i = 0; i < r.length; i++) {
                int j = pairing == null ? i : pairing[i];
                r[i] = y[j] - outOfFold[t][j];
            }
            b[t] = second.fit(r);
        }
        return new Model(first.toArray(Ridge.Model[]::new), b);
    }

    /**
     * Out-of-fold predictions: for each fold, ridge (GCV) fitted on the other folds' rows predicts that fold's
     * rows. Result [target][row].
     */
    public static double[][] outOfFold(double[][] x, List<double[]> ys, int[] fold, int folds) {
        if (fold.length != x.length) throw new IllegalArgumentException("one fold per row: " + fold.length + " folds for " + x.length + " rows");
        double[][] out = new double[ys.size()][x.length];
        for (int k = 0; k < folds; k++) {
            List<Integer> in = new ArrayList<>(), held = new ArrayList<>();
            for (int i = 0; i < x.length; i++) (fold[i] == k ? held : in).add(i);
            if (held.isEmpty() || in.size() < 2) throw new IllegalArgumentException("fold " + k + " leaves " + in.size() + " rows to fit and " + held.size() + " to predict");
            double[][] xi = in.stream().map(i -> x[i]).toArray(double[][]::new);
            List<double[]> yi = new ArrayList<>();
            for (double[] y : ys) yi.add(in.stream().mapToDouble(i -> y[i]).toArray());
            List<Ridge.Model> models = new Ridge(xi).fit(yi);
            for (int t = 0; t < ys.size(); t++) for (int i : held) out[t][i] = models.get(t).predict(x[i]);
        }
        return out;
    }

    /** Folds 0..folds-1 dealt in turn (row i in fold i mod folds): for exchangeable rows such as samples. */
    public static int[] interleaved(int n, int folds) {
        int[] f = new int[n];
        for (int i = 0; i < n; i++) f[i] = i % folds;
        return f;
    }

    /** Folds as consecutive blocks of near-equal length: for rows in time order, so a fold is predicted from other stretches of the series. */
    public static int[] contiguous(int n, int folds) {
        int[] f = new int[n];
        for (int i = 0; i < n; i++) f[i] = (int) ((long) i * folds / n);
        return f;
    }

    /** A seeded permutation with no fixed point when n > 1, for the null's pairing (a row kept in place would keep its link). */
    public static int[] derangement(int n, java.util.Random rng) {
        int[] p = new int[n];
        for (int i = 0; i < n; i++) p[i] = i;
        for (int i = n - 1; i > 0; i--) { // Sattolo's shuffle: a single cycle, so p[i] != i
            int j = rng.nextInt(i);
            int t = p[i];
            p[i] = p[j];
            p[j] = t;
        }
        return p;
    }
}
