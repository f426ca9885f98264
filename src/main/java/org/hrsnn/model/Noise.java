package org.hrsnn.model;

/**
 * Background noise of a population, independent for every neuron, so that a network can sit in a
 * fluctuation-driven regime. Refractory neurons are held at reset as usual; the noise does not move them.
 * The random numbers come from the streams {@code noise.E} and {@code noise.I} of the network's seed.
 */
public sealed interface Noise permits Noise.None, Noise.Gaussian, Noise.Poisson {

    /** No noise: the default. */
    None NONE = new None();

    /** Whether this noise changes anything (a zero sigma, rate or weight does not). */
    boolean enabled();

    /** No background noise. */
    record None() implements Noise {
        public boolean enabled() { return false; }
    }

    /**
     * White Gaussian noise on the membrane, making the free membrane (no threshold) an Ornstein-Uhlenbeck
     * process: each step v gains sigma sqrt(1 - e^{-2 dt/tau_m}) xi with xi standard normal, which is the
     * exact update, so the stationary standard deviation of the free membrane potential is {@code sigma}
     * for every neuron whatever its own tau_m, and its autocorrelation at lag s is e^{-s/tau_m}.
     *
     * @param sigma stationary standard deviation of the free membrane potential, mV
     */
    record Gaussian(double sigma) implements Noise {
        public Gaussian {
            Check.nonNegative("sigma", sigma);
        }

        public boolean enabled() { return sigma > 0; }
    }

    /**
     * Each neuron receives its own Poisson spike train of {@code rate} Hz; each event adds {@code weight}
     * to the neuron's excitatory synaptic current (so it is filtered by the same synapse as recurrent
     * excitation onto that neuron: tau of {@code ee} for E neurons, of {@code ei} for I neurons).
     * For the free membrane, mean v = rest + bias + rate weight tau_s / 1000 (rate in Hz, tau_s in ms).
     *
     * @param rate   events per second per neuron, Hz
     * @param weight jump of the excitatory current per event, mV
     */
    record Poisson(double rate, double weight) implements Noise {
        public Poisson {
            Check.nonNegative("rate", rate);
            Check.nonNegative("weight", weight);
        }

        public boolean enabled() { return rate > 0 && weight > 0; }
    }
}
