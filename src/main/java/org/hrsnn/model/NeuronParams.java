package org.hrsnn.model;

/**
 * Leaky integrate-and-fire parameters of one population. Voltages are in mV, times in ms. Input currents
 * are expressed in mV (resistance folded in): tau dv/dt = -(v - rest) + I, with I including {@code bias}.
 *
 * @param tauMembrane membrane time constant per neuron
 * @param threshold   firing threshold per neuron (theta0)
 * @param reset       voltage after a spike, must lie below every threshold
 * @param rest        resting voltage
 * @param refractory  absolute refractory period per neuron (rounded to whole time steps)
 * @param adaptation  adaptive threshold, or {@link Adaptation#NONE}
 * @param bias        constant external drive (mV) added to every neuron's input
 * @param noise       background noise of every neuron, or {@link Noise#NONE}
 */
public record NeuronParams(Distribution tauMembrane, Distribution threshold, double reset, double rest,
                           Distribution refractory, Adaptation adaptation, double bias, Noise noise) {
    public NeuronParams {
        Check.positiveSupport("tauMembrane", tauMembrane);
        Check.present("threshold", threshold);
        Check.finite("reset", reset);
        Check.finite("rest", rest);
        Check.nonNegativeSupport("refractory", refractory);
        Check.present("adaptation", adaptation);
        Check.finite("bias", bias);
        Check.present("noise", noise);
        if (!(threshold.lowerBound() > reset))
            throw new InvalidSpecException("threshold",
                    "must only produce values > reset (" + reset + "), but " + threshold + " can give " + threshold.lowerBound());
    }

    /** Parameters without background noise ({@link Noise#NONE}). */
    public NeuronParams(Distribution tauMembrane, Distribution threshold, double reset, double rest,
                        Distribution refractory, Adaptation adaptation, double bias) {
        this(tauMembrane, threshold, reset, rest, refractory, adaptation, bias, Noise.NONE);
    }

    /** The same parameters with background noise {@code n}. */
    public NeuronParams withNoise(Noise n) {
        return new NeuronParams(tauMembrane, threshold, reset, rest, refractory, adaptation, bias, n);
    }

    /** Same parameters, every heterogeneous one replaced by a constant at its mean; the noise is kept. */
    public NeuronParams homogeneous() {
        Adaptation a = adaptation.enabled() ? new Adaptation(adaptation.beta(), Distribution.constant(adaptation.tau().mean())) : adaptation;
        return new NeuronParams(Distribution.constant(tauMembrane.mean()), Distribution.constant(threshold.mean()),
                reset, rest, Distribution.constant(refractory.mean()), a, bias, noise);
    }
}
