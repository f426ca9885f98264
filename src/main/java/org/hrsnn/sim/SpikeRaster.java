package org.hrsnn.sim;

import java.util.Arrays;

/** Records (step, neuron) of every spike of the watched neurons (all neurons by default). */
public final class SpikeRaster implements Monitor {
    private final boolean[] watched;
    private final int watchedCount;
    private int[] steps = new int[1024];
    private int[] neurons = new int[1024];
    private int count;

    private SpikeRaster(boolean[] watched, int watchedCount) {
        this.watched = watched;
        this.watchedCount = watchedCount;
    }

    public static SpikeRaster all() {
        return new SpikeRaster(null, -1);
    }

    /** Watches only {@code ids} (a subset keeps memory bounded on long runs). */
    public static SpikeRaster of(int size, int... ids) {
        boolean[] w = new boolean[size];
        for (int i : ids) w[i] = true;
        return new SpikeRaster(w, ids.length);
    }

    @Override
    public void afterStep(NetworkView net, int step) {
        for (int k = 0, c = net.spikeCount(); k < c; k++) {
            int i = net.spike(k);
            if (watched != null && !watched[i]) continue;
            if (count == steps.length) {
                steps = Arrays.copyOf(steps, count * 2);
                neurons = Arrays.copyOf(neurons, count * 2);
            }
            steps[count] = step;
            neurons[count++] = i;
        }
    }

    public int size() { return count; }
    public int step(int k) { return steps[k]; }
    public int neuron(int k) { return neurons[k]; }
    public int[] steps() { return Arrays.copyOf(steps, count); }
    public int[] neurons() { return Arrays.copyOf(neurons, count); }

    /** Number of watched neurons, or -1 when all are watched. */
    public int watchedCount() { return watchedCount; }

    /** Spike steps of one neuron. */
    public int[] stepsOf(int neuron) {
        return java.util.stream.IntStream.range(0, count).filter(k -> neurons[k] == neuron).map(k -> steps[k]).toArray();
    }
}
