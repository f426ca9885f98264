package org.hrsnn.sim;

import java.util.ArrayList;
import java.util.List;

/** Copies of the E-to-E weights after the chosen steps. */
public final class WeightSnapshots implements Monitor {
    private final int[] at;
    private final List<double[]> snapshots = new ArrayList<>();
    private int next;

    public WeightSnapshots(int... steps) {
        this.at = steps.clone();
        java.util.Arrays.sort(at);
    }

    @Override
    public void begin(NetworkView net, int steps) {
        next = 0;
    }

    @Override
    public void afterStep(NetworkView net, int step) {
        while (next < at.length && at[next] == step) {
            snapshots.add(net.excitatoryWeights());
            next++;
        }
    }

    public List<double[]> snapshots() {
        return List.copyOf(snapshots);
    }
}
