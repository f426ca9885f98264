package org.hrsnn.sim;

import org.apache.commons.rng.UniformRandomProvider;
import org.hrsnn.model.Pathway;

import java.util.Arrays;

/**
 * Synapses from a range of sources to a range of neurons, as compressed sparse rows by source: the
 * targets of source j are {@code target[rowStart[j]] .. target[rowStart[j+1]-1]}, sorted. Weights carry
 * their sign. All synapses of a projection share one delay and one target current.
 */
final class Projection {
    final int sources;
    final int sourceOffset;
    final int[] rowStart;
    final int[] target;
    final double[] weight;
    final int delay;

    private Projection(int sources, int sourceOffset, int[] rowStart, int[] target, double[] weight, int delay) {
        this.sources = sources;
        this.sourceOffset = sourceOffset;
        this.rowStart = rowStart;
        this.target = target;
        this.weight = weight;
        this.delay = delay;
    }

    int size() {
        return target.length;
    }

    /**
     * Bernoulli connectivity: every (source, target) pair is connected with the pathway's probability,
     * except a neuron to itself when {@code sameGroup}. Weights are drawn after the structure, all from
     * {@code rng}; {@code sign} is +1 or -1 (Dale's law), or 0 for a random sign per synapse.
     */
    static Projection random(UniformRandomProvider rng, Pathway p, int sources, int sourceOffset,
                             int targets, int targetOffset, boolean sameGroup, int sign, double maxWeight, int delay) {
        int[] rowStart = new int[sources + 1];
        IntList tgt = new IntList(Math.max(16, (int) (1.2 * p.probability() * sources * targets) + 16));
        double prob = p.probability();
        for (int j = 0; j < sources; j++) {
            if (prob > 0) {
                for (int i = 0; i < targets; i++) {
                    if (sameGroup && i == j) continue;
                    if (rng.nextDouble() < prob) tgt.add(targetOffset + i);
                }
            }
            rowStart[j + 1] = tgt.size();
        }
        int[] target = tgt.toArray();
        double[] w = p.weight().sample(rng, target.length);
        for (int s = 0; s < w.length; s++) {
            double m = Math.min(w[s], maxWeight);
            int sg = sign != 0 ? sign : (rng.nextBoolean() ? 1 : -1);
            w[s] = sg * m;
        }
        return new Projection(sources, sourceOffset, rowStart, target, w, delay);
    }

    static Projection empty(int sources, int sourceOffset) {
        return new Projection(sources, sourceOffset, new int[sources + 1], new int[0], new double[0], 1);
    }

    double[] weightsCopy() {
        return Arrays.copyOf(weight, weight.length);
    }

    /** Synapse ids of each target, grouped by target index in [0, targets): an index for post-side traversal. */
    int[][] incomingIndex(int targets, int targetOffset) {
        int[] count = new int[targets + 1];
        for (int t : target) count[t - targetOffset + 1]++;
        for (int i = 0; i < targets; i++) count[i + 1] += count[i];
        int[] start = count.clone();
        int[] fill = Arrays.copyOf(count, targets);
        int[] syn = new int[target.length];
        for (int s = 0; s < target.length; s++) syn[fill[target[s] - targetOffset]++] = s;
        return new int[][] {start, syn};
    }

    /** Small growable int array (avoids boxing while building rows). */
    static final class IntList {
        private int[] a;
        private int n;

        IntList(int capacity) {
            a = new int[capacity];
        }

        void add(int v) {
            if (n == a.length) a = Arrays.copyOf(a, a.length * 2);
            a[n++] = v;
        }

        int size() {
            return n;
        }

        int[] toArray() {
            return Arrays.copyOf(a, n);
        }
    }
}
