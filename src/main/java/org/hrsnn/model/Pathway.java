package org.hrsnn.model;

/**
 * Random connections from one group to another: each ordered pair (no self-connection) is connected with
 * {@code probability}. Weights are magnitudes in mV; the sign comes from the presynaptic type (Dale's law).
 *
 * @param probability connection probability in [0, 1]
 * @param weight      weight magnitude distribution (values must be >= 0)
 * @param tauSynapse  time constant of the exponential postsynaptic current, ms
 * @param delay       transmission delay, ms; at least one time step
 */
public record Pathway(double probability, Distribution weight, double tauSynapse, double delay) {
    public static final Pathway NONE = new Pathway(0, Distribution.constant(0), 1, 1);

    public Pathway {
        Check.probability("probability", probability);
        Check.nonNegativeSupport("weight", weight);
        Check.positive("tauSynapse", tauSynapse);
        Check.positive("delay", delay);
    }

    public Pathway withWeight(Distribution w) {
        return new Pathway(probability, w, tauSynapse, delay);
    }
}
