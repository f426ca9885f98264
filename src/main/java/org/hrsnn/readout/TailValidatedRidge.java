package org.hrsnn.readout;

/**
 * Ridge for rows in time order, with the penalty chosen on a held-out tail: for each penalty of the grid a
 * fit on the first {@link #FIT_FRACTION} of the rows predicts the rest, and the penalty with the smallest
 * squared error there is refitted on all rows (the same penalty relative to the number of rows).
 *
 * <p>Why not GCV: GCV approximates leave-one-out, which assumes the residuals are independent. The errors of a
 * one-step predictor of a series are autocorrelated, and so are a network's states, so a left-out row is
 * well predicted by its neighbours and GCV picks too small a penalty. Measured on NARMA-10 (9 designs of the
 * headline's heterogeneous studies, seeds 3 and 4): GCV overfitted the network's readout on 3 of the 18
 * (held-out NRMSE 0.44-0.54 where the tail's penalty gave 0.38-0.39) and, as the second stage of the stacked
 * readout, made 4 of them worse than the tapped line alone (0.38-0.49 against 0.37-0.38); on the other 15 the
 * tail's choice was at most 0.008 worse and up to 0.028 better. With few features and many rows (a tapped line) GCV's choice is the better
 * one (0.369 against 0.376 on one series), so the raw inputs' readouts keep it.
 */
public final class TailValidatedRidge implements Readout {
    /** Share of the rows the penalty's trial fits use; the rest, the latest, validate them. */
    public static final double FIT_FRACTION = 0.8;

    private final double[][] x;
    private final int cut;
    private final Ridge all;
    private final Ridge head;

    /** Prepares the design {@code x} (rows in time order). */
    public TailValidatedRidge(double[][] x) {
        this.x = x;
        this.cut = (int) (FIT_FRACTION * x.length);
        if (cut < 2 || x.length - cut < 2)
            throw new IllegalArgumentException("a tail-validated ridge needs at least 2 rows to fit and 2 to validate, got " + x.length + " rows");
        this.all = new Ridge(x);
        this.head = new Ridge(java.util.Arrays.copyOf(x, cut));
    }

    @Override
    public int rows() {
        return x.length;
    }

    /** Fits {@code y} (one value per row) with the penalty that predicts the tail best; ties go to the stronger penalty. */
    @Override
    public Ridge.Model fit(double[] y) {
        if (y.length != x.length) throw new IllegalArgumentException("target has " + y.length + " rows, the design " + x.length);
        int g = choice(y);
        return all.fit(y, Ridge.GRID[g] * x.length);
    }

    /** Index in {@link Ridge#GRID} of the penalty chosen for {@code y}. */
    int choice(double[] y) {
        Ridge.Model[] trial = head.fitGrid(java.util.Arrays.copyOf(y, cut));
        double[][] tail = java.util.Arrays.copyOfRange(x, cut, x.length);
        int best = trial.length - 1;
        double bestError = Double.POSITIVE_INFINITY;
        for (int g = trial.length - 1; g >= 0; g--) {
            double[] predicted = trial[g].predict(tail);
            double error = 0;
            for (int i = 0; i < predicted.length; i++) error += (predicted[i] - y[cut + i]) * (predicted[i] - y[cut + i]);
            if (!Double.isFinite(error)) throw new IllegalStateException("non-finite validation error at penalty " + Ridge.GRID[g]);
            if (error < bestError) {
                bestError = error;
                best = g;
            }
        }
        return best;
    }
}
