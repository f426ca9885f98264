package org.hrsnn.opt;

/**
 * A frozen snapshot of one finished trial as a sampler sees it: its unit-cube point and its objective
 * value (to be minimised), or a failure.
 */
public record Observation(double[] x, double value, boolean failed) {
    public Observation {
        x = x.clone();
        if (!failed && !Double.isFinite(value)) throw new IllegalArgumentException("a completed observation needs a finite value, got " + value);
    }

    public static Observation of(double[] x, double value) {
        return new Observation(x, value, false);
    }

    public static Observation failure(double[] x) {
        return new Observation(x, Double.NaN, true);
    }

    @Override
    public double[] x() {
        return x.clone();
    }
}
