package org.hrsnn.model;

/**
 * Adaptive threshold of the adaptive LIF: theta = theta0 + beta * b, where b decays with its own per-neuron
 * time constant tau and jumps by 1 on each spike. {@link #NONE} switches it off.
 *
 * @param beta threshold increase per unit of b, in mV
 * @param tau  time constant of b, in ms
 */
public record Adaptation(double beta, Distribution tau) {
    public static final Adaptation NONE = new Adaptation(0, Distribution.constant(1));

    public Adaptation {
        Check.nonNegative("beta", beta);
        Check.positiveSupport("tau", tau);
    }

    public boolean enabled() {
        return beta > 0;
    }
}
