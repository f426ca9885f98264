package org.hrsnn.sim;

import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.sampling.distribution.ZigguratSampler;

/**
 * Event-driven Poisson background input of one population ({@link org.hrsnn.model.Noise.Poisson}): every
 * neuron has its own train of the given rate. Each neuron's next event time (in steps, continuous) is
 * drawn as the previous one plus an exponential inter-event time; the neurons sit in a binary min-heap on
 * that time, so a step costs O(1) when no event is due and O(log n) per event, never rate x neurons x steps.
 * An event in [t_n, t_{n+1}) is delivered at step n; several events of one neuron in one step all count.
 */
final class PoissonDrive {
    private final int from;
    private final int count;
    private final double weight;
    private final double meanInterval;      // mean inter-event time, in steps
    private final ZigguratSampler.Exponential exponential;
    private final double[] next;            // next event time of local neuron k, in steps since the last reset
    private final int[] heap;               // local neuron ids, a min-heap on next[]
    private long events;

    /**
     * @param from    first neuron id of the population
     * @param count   neurons in the population
     * @param rateHz  events per second per neuron (> 0)
     * @param weight  added to the neuron's current per event
     * @param dt      time step, ms
     * @param rng     the population's noise stream; the first draws are the neurons' first event times, in order
     */
    PoissonDrive(int from, int count, double rateHz, double weight, double dt, UniformRandomProvider rng) {
        this.from = from;
        this.count = count;
        this.weight = weight;
        this.meanInterval = 1000.0 / (rateHz * dt);
        this.exponential = ZigguratSampler.Exponential.of(rng);
        next = new double[count];
        heap = new int[count];
        for (int k = 0; k < count; k++) {
            next[k] = meanInterval * exponential.sample();
            heap[k] = k;
        }
        for (int k = count / 2 - 1; k >= 0; k--) siftDown(k);
    }

    /** Adds {@code weight} to {@code current[neuron]} for every event in [step, step + 1). */
    void deliver(long step, double[] current) {
        if (count == 0) return;
        double end = step + 1;
        int[] h = heap;
        double[] t = next;
        while (t[h[0]] < end) {
            int k = h[0];
            current[from + k] += weight;
            events++;
            t[k] += meanInterval * exponential.sample();
            siftDown(0);
        }
    }

    /**
     * The clock goes back to step 0 after {@code elapsed} steps (a network reset): every neuron keeps its
     * remaining waiting time, so the trains continue without new draws (the exponential is memoryless, so
     * they are again stationary Poisson trains from 0).
     */
    void rewind(long elapsed) {
        for (int k = 0; k < count; k++) next[k] -= elapsed;
    }

    /** Events delivered since construction. */
    long events() {
        return events;
    }

    private void siftDown(int i) {
        int[] h = heap;
        double[] t = next;
        int k = h[i];
        double key = t[k];
        int half = count >>> 1;
        while (i < half) {
            int c = 2 * i + 1;
            int r = c + 1;
            if (r < count && t[h[r]] < t[h[c]]) c = r;
            if (!(t[h[c]] < key)) break;
            h[i] = h[c];
            i = c;
        }
        h[i] = k;
    }
}
