package org.hrsnn.score;

/**
 * What a network adds to its input: the task score of a raw-input readout with a ridge on the network's states
 * fitted to its out-of-fold residual ({@link org.hrsnn.readout.StackedRidge}), beside the same with the
 * network's rows paired with the wrong samples or time steps (the null: it should score as the raw readout
 * alone). Above the raw baselines and above its null, the network's states carry information the input's
 * readout lacks.
 *
 * @param value      accuracy or NRMSE of the two stages on the test data
 * @param nullValue  the same with the network's rows shuffled (seeded) against the targets
 * @param firstStage the raw-input readout used as the first stage
 */
public record StackedScore(double value, double nullValue, String firstStage) {
    public static final StackedScore NONE = new StackedScore(Double.NaN, Double.NaN, "none");
}
