package org.hrsnn.sim;

import org.hrsnn.model.*;

/** Small specs for tests: isolated neurons, pairs, and the heterogeneous example. */
final class Networks {
    private Networks() {}

    static final Pathway NONE = Pathway.NONE;

    /** {@code n} unconnected E neurons with rest = reset = 0, the given tau, threshold, refractory and drive. */
    static NetworkSpec isolated(int n, Distribution tau, double threshold, double refractory, double bias, double dt) {
        NeuronParams p = new NeuronParams(tau, Distribution.constant(threshold), 0, 0, Distribution.constant(refractory),
                Adaptation.NONE, bias);
        return new NetworkSpec(new Population(n, p), new Population(0, p), new Pathways(NONE, NONE, NONE, NONE),
                InputSpec.none(), StdpRule.off(), dt);
    }

    /** Two E neurons connected both ways with a negligible weight and the given STDP rule. */
    static NetworkSpec pair(StdpRule rule, double weight, double delayMs, double dt) {
        NeuronParams p = new NeuronParams(Distribution.constant(20), Distribution.constant(10), 0, 0,
                Distribution.constant(0), Adaptation.NONE, 0);
        Pathway ee = new Pathway(1, Distribution.constant(weight), 5, delayMs);
        return new NetworkSpec(new Population(2, p), new Population(0, p), new Pathways(ee, NONE, NONE, NONE),
                InputSpec.none(), rule, dt);
    }
}
