package org.hrsnn.sim;

/** What a monitor may read of a network: its size and the state after the last step. */
public interface NetworkView {
    int size();

    int excitatorySize();

    /** Time step length, ms. */
    double dt();

    /** Number of neurons that spiked in the last step. */
    int spikeCount();

    /** Index of the k-th neuron that spiked in the last step, increasing in k. */
    int spike(int k);

    double voltage(int neuron);

    /** Current increase of the neuron's threshold by adaptation, beta * b, in mV (0 without adaptation). */
    double thresholdIncrease(int neuron);

    /** A copy of the current E-to-E weights, in synapse order. */
    double[] excitatoryWeights();
}
