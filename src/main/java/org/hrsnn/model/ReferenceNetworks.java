package org.hrsnn.model;

/**
 * Ready-made designs. {@link #benchmark()} is the reference network of the performance comparison with
 * Brian 2: the CUBA benchmark of Brette et al. (2007) at 1,000 neurons with 10% connectivity, so each
 * neuron still receives 80 excitatory and 20 inhibitory synapses as in the original.
 */
public final class ReferenceNetworks {
    private ReferenceNetworks() {}

    /** Pair-based additive STDP on E-to-E, weak enough not to destabilise the benchmark network. */
    public static StdpRule benchmarkStdp() {
        return new StdpRule(true, StdpRule.Bounds.ADDITIVE, 3.24,
                Distribution.constant(0.01 * 1.62), Distribution.constant(0.0105 * 1.62),
                Distribution.constant(20), Distribution.constant(20));
    }

    /**
     * The benchmark network with heterogeneous STDP: every synapse draws its own A+, A- (log-normal, CV 0.5,
     * same means) and tau+, tau- (Gamma, mean 20 ms, shape 5), so the engine cannot share traces.
     */
    public static NetworkSpec benchmarkHeterogeneousStdp() {
        StdpRule h = benchmarkStdp();
        return benchmark(true).withStdp(new StdpRule(true, h.bounds(), h.wMax(), Distribution.logNormal(h.aPlus().mean(), 0.5),
                Distribution.logNormal(h.aMinus().mean(), 0.5), Distribution.gamma(20, 5), Distribution.gamma(20, 5)));
    }

    /**
     * 800 E / 200 I LIF neurons (tau 20 ms, threshold -50 mV, reset and rest -60 mV, refractory 5 ms,
     * drive 22 mV, giving about 15 Hz), exponential currents (5 ms excitatory, 10 ms inhibitory), weights 1.62 mV and -9 mV,
     * p = 0.1 on every pathway, 1 ms delays, dt = 0.1 ms, no input channels.
     */
    public static NetworkSpec benchmark(boolean stdp) {
        NeuronParams lif = new NeuronParams(Distribution.constant(20), Distribution.constant(-50), -60, -60,
                Distribution.constant(5), Adaptation.NONE, 22);
        Pathway exc = new Pathway(0.1, Distribution.constant(1.62), 5, 1);
        Pathway inh = new Pathway(0.1, Distribution.constant(9), 10, 1);
        StdpRule rule = stdp ? benchmarkStdp() : benchmarkStdp().withEnabled(false);
        return new NetworkSpec(new Population(800, lif), new Population(200, lif),
                new Pathways(exc, exc, inh, inh), InputSpec.none(), rule, 0.1);
    }

    /**
     * A small heterogeneous example: Gamma-distributed membrane time constants (shape 3), heterogeneous
     * thresholds, adaptive thresholds on E neurons, heterogeneous STDP, one analog input channel.
     */
    public static NetworkSpec heterogeneousExample() {
        NeuronParams e = new NeuronParams(Distribution.gamma(20, 3), Distribution.uniform(-52, -48), -60, -60,
                Distribution.constant(2), new Adaptation(1.0, Distribution.logNormal(200, 0.5)), 12);
        NeuronParams i = new NeuronParams(Distribution.gamma(10, 3), Distribution.constant(-50), -60, -60,
                Distribution.constant(1), Adaptation.NONE, 12);
        StdpRule rule = new StdpRule(true, StdpRule.Bounds.MULTIPLICATIVE, 4,
                Distribution.logNormal(0.02, 0.5), Distribution.logNormal(0.021, 0.5),
                Distribution.gamma(20, 5), Distribution.gamma(20, 5));
        InputSpec input = new InputSpec(1, new Encoding.Analog(), new Pathway(0.3, Distribution.uniform(0, 4), 5, 1),
                new Pathway(0.3, Distribution.uniform(0, 4), 5, 1), true);
        return new NetworkSpec(new Population(160, e), new Population(40, i),
                new Pathways(new Pathway(0.1, Distribution.constant(2), 5, 1), new Pathway(0.1, Distribution.constant(2), 5, 1),
                        new Pathway(0.1, Distribution.constant(8), 10, 1), new Pathway(0.1, Distribution.constant(8), 10, 1)),
                input, rule, 0.1);
    }
}
