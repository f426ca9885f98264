package org.hrsnn.baseline;

/**
 * The shape and fixed constants of an adaptive spiking recurrent network (SRNN, Yin, Corradi and Bohte,
 * Nature Machine Intelligence 2021): {@code layers} recurrent layers of {@code hidden} ALIF neurons, the
 * first fed by {@code inputs} analog channels, each next one by the spikes of the one below, and a
 * leaky-integrator readout of {@code outputs} units on the last layer. Time is counted in steps (dt = 1).
 *
 * @param b0    baseline threshold
 * @param beta  adaptation strength (0: plain LIF)
 * @param spike the spike nonlinearity and its (surrogate) derivative
 */
public record SrnnSpec(int inputs, int hidden, int layers, int outputs, double b0, double beta, SpikeFunction spike) {
    /** Largest hidden size and number of layers accepted: far beyond what the Java BPTT trains in useful time. */
    public static final int MAX_HIDDEN = 4096, MAX_LAYERS = 8;

    public SrnnSpec {
        if (inputs < 1) throw new IllegalArgumentException("the number of inputs must be >= 1, got " + inputs);
        if (hidden < 1 || hidden > MAX_HIDDEN) throw new IllegalArgumentException("--hidden must be in 1.." + MAX_HIDDEN + ", got " + hidden);
        if (layers < 1 || layers > MAX_LAYERS) throw new IllegalArgumentException("--layers must be in 1.." + MAX_LAYERS + ", got " + layers);
        if (outputs < 1) throw new IllegalArgumentException("the number of outputs must be >= 1, got " + outputs);
        if (!(b0 > 0) || !Double.isFinite(b0)) throw new IllegalArgumentException("b0 must be > 0, got " + b0);
        if (!(beta >= 0) || !Double.isFinite(beta)) throw new IllegalArgumentException("beta must be >= 0, got " + beta);
        java.util.Objects.requireNonNull(spike, "spike");
    }

    /** The published constants: b0 = 0.01, beta = 1.8, the multi-Gaussian surrogate. */
    public static SrnnSpec published(int inputs, int hidden, int layers, int outputs) {
        return new SrnnSpec(inputs, hidden, layers, outputs, 0.01, 1.8, SpikeFunction.MultiGaussian.PUBLISHED);
    }

    /** Inputs of layer {@code l}: the data's channels for the first, the hidden size after. */
    public int layerInputs(int l) {
        return l == 0 ? inputs : hidden;
    }

    /**
     * Trainable parameters: per layer input weights, recurrent weights, bias, membrane and adaptation time
     * constants; readout weights, bias and time constant.
     */
    public long parameterCount() {
        long n = 0;
        for (int l = 0; l < layers; l++) n += (long) hidden * layerInputs(l) + (long) hidden * hidden + 3L * hidden;
        return n + (long) outputs * hidden + 2L * outputs;
    }
}
