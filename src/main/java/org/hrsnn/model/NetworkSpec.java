package org.hrsnn.model;

/**
 * The complete, immutable description of a heterogeneous recurrent spiking network. Together with a seed
 * it determines the instantiated network bit for bit.
 *
 * @param excitatory E population
 * @param inhibitory I population
 * @param recurrent  the four recurrent pathways
 * @param input      input channels and their projections
 * @param stdp       plasticity of E-to-E synapses
 * @param dt         integration time step, ms
 */
public record NetworkSpec(Population excitatory, Population inhibitory, Pathways recurrent, InputSpec input,
                          StdpRule stdp, double dt) {
    public NetworkSpec {
        Check.nested("excitatory", excitatory, p -> {});
        Check.nested("inhibitory", inhibitory, p -> {});
        Check.nested("recurrent", recurrent, p -> {});
        Check.nested("input", input, p -> {});
        Check.nested("stdp", stdp, p -> {});
        Check.positive("dt", dt);
        if (excitatory.size() + inhibitory.size() < 1)
            throw new InvalidSpecException("excitatory.size", "the network needs at least one neuron");
        checkDelay("recurrent.ee.delay", recurrent.ee(), dt);
        checkDelay("recurrent.ei.delay", recurrent.ei(), dt);
        checkDelay("recurrent.ie.delay", recurrent.ie(), dt);
        checkDelay("recurrent.ii.delay", recurrent.ii(), dt);
        checkDelay("input.toExcitatory.delay", input.toExcitatory(), dt);
        checkDelay("input.toInhibitory.delay", input.toInhibitory(), dt);
        if (stdp.enabled() && stdp.onInput()) {
            if (input.encoding() instanceof Encoding.Analog)
                throw new InvalidSpecException("stdp.onInput", "needs spiking input (rate or delta encoding); analog input has no input spikes");
            if (input.randomSign())
                throw new InvalidSpecException("stdp.onInput", "needs excitatory input weights: set input.randomSign to false");
        }
        if (stdp.enabled() && recurrent.ee().weight().lowerBound() > stdp.wMax())
            throw new InvalidSpecException("recurrent.ee.weight", "must allow values <= stdp.wMax (" + stdp.wMax() + ")");
    }

    private static void checkDelay(String field, Pathway p, double dt) {
        if (p.delay() < dt * (1 - 1e-9))
            throw new InvalidSpecException(field, "must be >= one time step dt = " + dt + " ms, got " + p.delay());
    }

    public int size() {
        return excitatory.size() + inhibitory.size();
    }

    /** Delay of a pathway in whole time steps (at least one). */
    public int delaySteps(Pathway p) {
        return Math.max(1, (int) Math.round(p.delay() / dt));
    }

    /** The homogeneous counterpart: every neuron and synapse gets the mean of its distribution. */
    public NetworkSpec homogeneous() {
        return withHomogeneousNeurons().withStdp(stdp.homogeneous());
    }

    /** Every neuron of a population gets the population's mean parameters; STDP stays as it is. */
    public NetworkSpec withHomogeneousNeurons() {
        return new NetworkSpec(new Population(excitatory.size(), excitatory.neuron().homogeneous()),
                new Population(inhibitory.size(), inhibitory.neuron().homogeneous()), recurrent, input, stdp, dt);
    }

    public NetworkSpec withStdp(StdpRule rule) {
        return new NetworkSpec(excitatory, inhibitory, recurrent, input, rule, dt);
    }

    public NetworkSpec withInput(InputSpec in) {
        return new NetworkSpec(excitatory, inhibitory, recurrent, in, stdp, dt);
    }

    /** The same network with background noise {@code e} on the E population and {@code i} on the I population. */
    public NetworkSpec withNoise(Noise e, Noise i) {
        return new NetworkSpec(new Population(excitatory.size(), excitatory.neuron().withNoise(e)),
                new Population(inhibitory.size(), inhibitory.neuron().withNoise(i)), recurrent, input, stdp, dt);
    }

    public NetworkSpec withDt(double step) {
        return new NetworkSpec(excitatory, inhibitory, recurrent, input, stdp, step);
    }
}
