package org.hrsnn.score;

import org.hrsnn.readout.Ridge;

/**
 * Jaeger's memory capacity from a state sequence: for each delay k = 1..K a ridge readout maps the state
 * at step t to the input u(t - k); it is fitted on a training segment and scored on a later, held-out
 * segment by the squared correlation r_k^2. MC = sum_k r_k^2. In-sample correlations are never used: they
 * grow with the number of features whatever the network remembers. Held-out correlations still have a
 * small positive bias (about 1/n per delay), which summed over many forgotten delays would let MC exceed
 * what the features can hold; so an r_k^2 that is not significantly above zero (two-sided t-test on the
 * held-out segment, alpha = 0.001) counts as 0.
 *
 * @param total   MC
 * @param curve   r_k^2 for k = 1..K
 * @param current r^2 of the current input (k = 0): how well the states encode what they are driven by; not
 *                part of MC, whose delays start at 1 so that a memoryless state scores 0
 */
public record MemoryCapacity(double total, double[] curve, double current) {
    /** Significance level below which a delay's correlation counts as chance. */
    public static final double ALPHA = 0.001;

    /**
     * @param states  one row per input step (features after input u[t] was presented)
     * @param u       the input sequence, same length as {@code states}
     * @param washout initial steps discarded
     * @param trainFraction fraction of the remaining steps used for fitting; the rest are held out
     * @param maxDelay K
     */
    public static MemoryCapacity of(double[][] states, double[] u, int washout, double trainFraction, int maxDelay) {
        return of(states, java.util.List.of(u), washout, trainFraction, maxDelay).get(0);
    }

    /**
     * MC of the same states against several input sequences (for example the real input and a shuffled
     * control), sharing one decomposition of the training states.
     */
    public static java.util.List<MemoryCapacity> of(double[][] states, java.util.List<double[]> inputs, int washout, double trainFraction, int maxDelay) {
        int t0 = washout + maxDelay; // first step whose every target u[t-k] exists and is past the washout
        int usable = states.length - t0;
        int train = (int) Math.floor(usable * trainFraction);
        int test = usable - train;
        if (train < 2 || test < 3)
            throw new IllegalArgumentException("too few steps: " + states.length + " with washout " + washout + " and " + maxDelay + " delays");
        for (double[] u : inputs)
            if (u.length != states.length) throw new IllegalArgumentException("input has " + u.length + " steps, the states " + states.length);
        Ridge ridge = new Ridge(java.util.Arrays.copyOfRange(states, t0, t0 + train));
        double t = new org.apache.commons.math3.distribution.TDistribution(test - 2).inverseCumulativeProbability(1 - ALPHA / 2);
        double chance = t * t / (t * t + test - 2); // r^2 below this is indistinguishable from no correlation
        java.util.List<MemoryCapacity> out = new java.util.ArrayList<>();
        double[][] testStates = java.util.Arrays.copyOfRange(states, t0 + train, t0 + train + test);
        java.util.List<double[]> targets = new java.util.ArrayList<>();
        for (double[] u : inputs)
            for (int k = 0; k <= maxDelay; k++) targets.add(java.util.Arrays.copyOfRange(u, t0 - k, t0 - k + train));
        java.util.List<Ridge.Model> models = ridge.fit(targets);
        for (int s = 0; s < inputs.size(); s++) {
            double[] u = inputs.get(s);
            double[] curve = new double[maxDelay];
            double total = 0, current = 0;
            for (int k = 0; k <= maxDelay; k++) {
                double[] pred = models.get(s * (maxDelay + 1) + k).predict(testStates);
                double[] target = java.util.Arrays.copyOfRange(u, t0 + train - k, t0 + train - k + test);
                double r2 = squaredCorrelation(pred, target);
                double kept = r2 > chance ? r2 : 0;
                if (k == 0) current = kept;
                else {
                    curve[k - 1] = kept;
                    total += kept;
                }
            }
            out.add(new MemoryCapacity(total, curve, current));
        }
        return out;
    }

    /** Squared Pearson correlation; 0 when either side is constant. */
    static double squaredCorrelation(double[] a, double[] b) {
        int n = a.length;
        double ma = 0, mb = 0;
        for (int i = 0; i < n; i++) {
            ma += a[i] / n;
            mb += b[i] / n;
        }
        double sab = 0, saa = 0, sbb = 0;
        for (int i = 0; i < n; i++) {
            sab += (a[i] - ma) * (b[i] - mb);
            saa += (a[i] - ma) * (a[i] - ma);
            sbb += (b[i] - mb) * (b[i] - mb);
        }
        if (saa <= 1e-300 || sbb <= 1e-300) return 0;
        return sab * sab / (saa * sbb);
    }

    @Override
    public double[] curve() {
        return curve.clone();
    }
}
