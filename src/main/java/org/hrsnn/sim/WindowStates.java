package org.hrsnn.sim;

import java.util.List;

/**
 * Readout states once per input window of {@code windowSteps} steps: for each window, the chosen
 * {@link StateKind}s of every neuron, concatenated in the given order (kind-major). No state carries
 * memory of its own: counts restart at every window, voltages and adaptation are read as they are.
 */
public final class WindowStates implements Monitor {
    private final int windowSteps;
    private final List<StateKind> kinds;
    private int[] counts = new int[0];
    private double[][] rows = new double[0][];
    private int next;

    public WindowStates(int windowSteps, List<StateKind> kinds) {
        if (windowSteps < 1) throw new IllegalArgumentException("windowSteps must be >= 1, got " + windowSteps);
        if (kinds.isEmpty()) throw new IllegalArgumentException("at least one state kind is needed");
        this.windowSteps = windowSteps;
        this.kinds = List.copyOf(kinds);
    }

    @Override
    public void begin(NetworkView net, int steps) {
        counts = new int[net.size()];
        rows = new double[steps / windowSteps][];
        next = 0;
    }

    @Override
    public void afterStep(NetworkView net, int step) {
        for (int k = 0, c = net.spikeCount(); k < c; k++) counts[net.spike(k)]++;
        if ((step + 1) % windowSteps != 0 || next >= rows.length) return;
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
