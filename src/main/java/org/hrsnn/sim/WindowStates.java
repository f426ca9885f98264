package org.hrsnn.sim;

import java.util.List;

/**
 * Readout states at the end of each window: every {@code windowSteps} steps, or at given window ends. For
 * each window, the chosen {@link StateKind}s of every neuron, concatenated in the given order (kind-major).
 * No state carries memory of its own: counts restart at every window, voltages and adaptation are read as
 * they are.
 */
public final class WindowStates implements Monitor {
    private final int windowSteps;
    private final int[] ends; // explicit window ends (run-relative steps, increasing), or null
    private final List<StateKind> kinds;
    private int[] counts = new int[0];
    private double[][] rows = new double[0][];
    private int next;

    public WindowStates(int windowSteps, List<StateKind> kinds) {
        if (windowSteps < 1) throw new IllegalArgumentException("windowSteps must be >= 1, got " + windowSteps);
        if (kinds.isEmpty()) throw new IllegalArgumentException("at least one state kind is needed");
        this.windowSteps = windowSteps;
        this.ends = null;
        this.kinds = List.copyOf(kinds);
    }

    /** Windows ending after the given steps (increasing); the first starts with the run. */
    public WindowStates(int[] ends, List<StateKind> kinds) {
        for (int k = 1; k < ends.length; k++)
            if (ends[k] <= ends[k - 1]) throw new IllegalArgumentException("window ends must increase");
        if (kinds.isEmpty()) throw new IllegalArgumentException("at least one state kind is needed");
        this.windowSteps = 0;
        this.ends = ends.clone();
        this.kinds = List.copyOf(kinds);
    }

    @Override
    public void begin(NetworkView net, int steps) {
        counts = new int[net.size()];
        rows = new double[ends != null ? ends.length : steps / windowSteps][];
        next = 0;
    }

    @Override
    public void afterStep(NetworkView net, int step) {
        for (int k = 0, c = net.spikeCount(); k < c; k++) counts[net.spike(k)]++;
        if (next >= rows.length || (ends != null ? step != ends[next] : (step + 1) % windowSteps != 0)) return;
        int n = counts.length;
        double[] row = new double[n * kinds.size()];
        for (int q = 0; q < kinds.size(); q++) {
            int at = q * n;
            switch (kinds.get(q)) {
                case COUNTS -> { for (int i = 0; i < n; i++) row[at + i] = counts[i]; }
                case VOLTAGE -> { for (int i = 0; i < n; i++) row[at + i] = net.voltage(i); }
                case ADAPTATION -> { for (int i = 0; i < n; i++) row[at + i] = net.thresholdIncrease(i); }
            }
        }
        java.util.Arrays.fill(counts, 0);
        rows[next++] = row;
    }

    /** One row per complete window so far. */
    public double[][] rows() {
        return java.util.Arrays.copyOf(rows, next);
    }
}
