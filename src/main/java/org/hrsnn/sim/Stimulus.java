package org.hrsnn.sim;

/**
 * A multichannel input series: {@code values[k][c]} is channel c during sample k, held for
 * {@code stepsPerSample} time steps.
 */
public record Stimulus(double[][] values, int stepsPerSample) {
    public Stimulus {
        if (stepsPerSample < 1) throw new IllegalArgumentException("stepsPerSample must be >= 1, got " + stepsPerSample);
        if (values == null) throw new IllegalArgumentException("values is missing");
        int c = values.length == 0 ? 0 : values[0].length;
        for (int k = 0; k < values.length; k++)
            if (values[k].length != c)
                throw new IllegalArgumentException("row " + k + " has " + values[k].length + " channels, expected " + c);
    }

    /** No input channels, for {@code steps} steps. */
    public static Stimulus silence(int steps) {
        return new Stimulus(new double[1][0], steps);
    }

    public int channels() {
        return values.length == 0 ? 0 : values[0].length;
    }

    public int steps() {
        return values.length * stepsPerSample;
    }

    /** Channel values at time step {@code n}. */
    public double[] at(int n) {
        return values[n / stepsPerSample];
    }
}
