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
 */
public record NeuronParams(Distribution tauMembrane, Distribution threshold, double reset, double rest,
                           Distribution refractory, Adaptation adaptation, double bias) {
    public NeuronParams {
        Check.positiveSupport("tauMembrane", tauMembrane);
        Check.present("threshold", threshold);
        Check.finite("reset", reset);
        Check.finite("rest", rest);
        Check.nonNegativeSupport("refractory", refractory);
        Check.present("adaptation", adaptation);
        Check.finite("bias", bias);
        if (!(threshold.lowerBound() > reset))
            throw new InvalidSpecException("threshold",
                    "must only produce values > reset (" + reset + "), but " + threshold + " can give " + threshold.lowerBound());
    }

    /** Same parameters, every heterogeneous one replaced by a constant at its mean. */
    public NeuronParams homogeneous() {
        Adaptation a = adaptation.enabled() ? new Adaptation(adaptation.beta(), Distribution.constant(adaptation.tau().mean())) : adaptation;
        return new NeuronParams(Distribution.constant(tauMembrane.mean()), Distribution.constant(threshold.mean()),
                reset, rest, Distribution.constant(refractory.mean()), a, bias);
    }
}
