package org.hrsnn.sim;

import java.util.Arrays;

/**
 * Exponentially filtered spike trains r_i (r decays with tau, jumps by 1 per spike), sampled after the
 * chosen steps: the state features a readout sees. Decay is applied lazily per neuron, so the cost per
 * step is proportional to spikes, not neurons.
 */
public final class FilteredStates implements Monitor {
    private final double tau;
    private final int[] sampleSteps;
    private double[] trace = new double[0];
    private int[] lastUpdate = new int[0];
    private double[][] samples;
    private int next;
    private double dt;

    /** @param sampleSteps the run-relative steps after which to sample, increasing */
    public FilteredStates(double tau, int... sampleSteps) {
        if (!(tau > 0)) throw new IllegalArgumentException("tau must be > 0");
        for (int k = 1; k < sampleSteps.length; k++)
            if (sampleSteps[k] <= sampleSteps[k - 1]) throw new IllegalArgumentException("sample steps must increase");
        this.tau = tau;
        this.sampleSteps = sampleSteps.clone();
    }

    @Override
    public void begin(NetworkView net, int steps) {
        trace = new double[net.size()];
        lastUpdate = new int[net.size()];
        samples = new double[sampleSteps.length][];
        next = 0;
        dt = net.dt();
    }

    @Override
    public void afterStep(NetworkView net, int step) {
        for (int k = 0, c = net.spikeCount(); k < c; k++) {
            int i = net.spike(k);
            trace[i] = decayed(i, step) + 1;
            lastUpdate[i] = step;
        }
        while (next < sampleSteps.length && sampleSteps[next] == step) {
            double[] s = new double[trace.length];
            for (int i = 0; i < s.length; i++) s[i] = decayed(i, step);
            samples[next++] = s;
        }
    }

    private double decayed(int i, int step) {
        double x = trace[i];
        return x == 0 ? 0 : x * Math.exp(-(step - lastUpdate[i]) * dt / tau);
    }

    /** One row per sample step reached so far. */
    public double[][] samples() {
        return Arrays.copyOf(samples, next);
    }
}
