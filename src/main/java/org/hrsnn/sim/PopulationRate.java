package org.hrsnn.sim;

/**
 * Spike counts of the E and I populations, binned; also every neuron's total count, from which mean rate,
 * silent fraction and maximum rate follow.
 */
public final class PopulationRate implements Monitor {
    private final int binSteps;
    private int[] excitatory = new int[0];
    private int[] inhibitory = new int[0];
    private long[] perNeuron = new long[0];
    private int nE;
    private int nI;
    private int steps;
    private double dt;

    public PopulationRate(int binSteps) {
        if (binSteps < 1) throw new IllegalArgumentException("binSteps must be >= 1");
        this.binSteps = binSteps;
    }

    @Override
    public void begin(NetworkView net, int runSteps) {
        nE = net.excitatorySize();
        nI = net.size() - nE;
        dt = net.dt();
        int bins = (runSteps + binSteps - 1) / binSteps;
        excitatory = java.util.Arrays.copyOf(excitatory, excitatory.length + bins);
        inhibitory = java.util.Arrays.copyOf(inhibitory, inhibitory.length + bins);
        if (perNeuron.length != net.size()) perNeuron = new long[net.size()];
    }

    @Override
    public void afterStep(NetworkView net, int step) {
        int bin = steps / binSteps;
        for (int k = 0, c = net.spikeCount(); k < c; k++) {
            int i = net.spike(k);
            perNeuron[i]++;
            if (i < nE) excitatory[bin]++;
            else inhibitory[bin]++;
        }
        steps++;
    }

    /** Observed duration in seconds. */
    public double seconds() {
        return steps * dt / 1000.0;
    }

    /** Mean rate of all neurons, spikes per neuron per second. */
    public double meanRate() {
        long total = 0;
        for (long c : perNeuron) total += c;
        return perNeuron.length == 0 || steps == 0 ? 0 : total / (perNeuron.length * seconds());
    }

    /** Fraction of neurons that never spiked. */
    public double silentFraction() {
        int silent = 0;
        for (long c : perNeuron) if (c == 0) silent++;
        return perNeuron.length == 0 ? 1 : (double) silent / perNeuron.length;
    }

    /** Highest single-neuron rate, Hz. */
    public double maxRate() {
        long m = 0;
        for (long c : perNeuron) m = Math.max(m, c);
        return steps == 0 ? 0 : m / seconds();
    }

    /** E population rate per bin, Hz per neuron. */
    public double[] excitatoryRate() {
        return rates(excitatory, nE);
    }

    /** I population rate per bin, Hz per neuron. */
    public double[] inhibitoryRate() {
        return rates(inhibitory, nI);
    }

    private double[] rates(int[] counts, int size) {
        int bins = (steps + binSteps - 1) / binSteps;
        double[] r = new double[bins];
        double binSeconds = binSteps * dt / 1000.0;
        for (int k = 0; k < bins; k++) r[k] = size == 0 ? 0 : counts[k] / (size * binSeconds);
        return r;
    }

    public long[] spikeCounts() {
        return perNeuron.clone();
    }
}
