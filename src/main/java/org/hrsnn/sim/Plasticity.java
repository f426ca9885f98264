package org.hrsnn.sim;

import org.apache.commons.rng.UniformRandomProvider;
import org.hrsnn.model.StdpRule;

import java.util.Arrays;

/**
 * Pair-based STDP on one projection, with per-synapse A+, A-, tau+, tau- and per-synapse traces updated
 * lazily at events. Pre events run when a spike arrives at the synapse (after the delay), post events when
 * the target spikes.
 *
 * <p>When tau+ and tau- are constants (the same for every synapse), all synapses leaving one source carry
 * the same pre trace and all synapses onto one target the same post trace, so the traces are kept per
 * neuron instead: the same operations on the same values (identical results), half the exponentials and
 * no scattered per-synapse trace records.
 */
final class Plasticity {
    // Per-synapse record, interleaved (8 doubles = one cache line) because potentiation visits the
    // synapses onto a neuron in scattered order: A+, A-, 1/tau+, 1/tau-, x_pre, t_pre, x_post, t_post.
    private static final int A_PLUS = 0, A_MINUS = 1, INV_TAU_PLUS = 2, INV_TAU_MINUS = 3, X_PRE = 4, T_PRE = 5,
            X_POST = 6, T_POST = 7, RECORD = 8;

    private final Projection p;
    private final int targetOffset;
    private final double[] rec;
    private final int[] incomingStart;
    private final int[] incomingSynapse;
    private final boolean soft;
    private final double wMax;

    // Shared-tau mode: traces per source and per target, amplitudes per synapse.
    private final boolean shared;
    private final double invTauPlus, invTauMinus;
    private final double[] aPlus, aMinus;
    private final double[] preTrace, preTime, postTrace, postTime;
    private final int[] incomingSource;

    /** Draws A+, A-, tau+, tau- for every synapse of {@code p}, in that order, from {@code rng}. */
    Plasticity(Projection p, int targets, int targetOffset, StdpRule rule, UniformRandomProvider rng) {
        this.p = p;
        this.targetOffset = targetOffset;
        int m = p.size();
        double[] aPlus = rule.aPlus().sample(rng, m);
        double[] aMinus = rule.aMinus().sample(rng, m);
        double[] tauPlus = rule.tauPlus().sample(rng, m);
        double[] tauMinus = rule.tauMinus().sample(rng, m);
        rec = new double[m * RECORD];
        for (int k = 0; k < m; k++) {
            rec[k * RECORD + A_PLUS] = aPlus[k];
            rec[k * RECORD + A_MINUS] = aMinus[k];
            rec[k * RECORD + INV_TAU_PLUS] = 1 / tauPlus[k];
            rec[k * RECORD + INV_TAU_MINUS] = 1 / tauMinus[k];
        }
        int[][] idx = p.incomingIndex(targets, targetOffset);
        incomingStart = idx[0];
        incomingSynapse = idx[1];
        soft = rule.bounds() == StdpRule.Bounds.MULTIPLICATIVE;
        wMax = rule.wMax();
        shared = rule.tauPlus() instanceof org.hrsnn.model.Distribution.Constant
                && rule.tauMinus() instanceof org.hrsnn.model.Distribution.Constant;
        invTauPlus = 1 / rule.tauPlus().mean();
        invTauMinus = 1 / rule.tauMinus().mean();
        this.aPlus = shared ? aPlus : null;
        this.aMinus = shared ? aMinus : null;
        preTrace = shared ? new double[p.sources] : null;
        preTime = shared ? new double[p.sources] : null;
        postTrace = shared ? new double[targets] : null;
        postTime = shared ? new double[targets] : null;
        incomingSource = shared ? sourcesOf(p, incomingSynapse) : null;
    }

    /** For each entry of the incoming index, the source of that synapse. */
    private static int[] sourcesOf(Projection p, int[] synapses) {
        int[] sourceOfSynapse = new int[p.size()];
        for (int j = 0; j < p.sources; j++) for (int s = p.rowStart[j]; s < p.rowStart[j + 1]; s++) sourceOfSynapse[s] = j;
        int[] out = new int[synapses.length];
        for (int k = 0; k < out.length; k++) out[k] = sourceOfSynapse[synapses[k]];
        return out;
    }

    void reset() {
        for (int r = 0; r < rec.length; r += RECORD) Arrays.fill(rec, r + X_PRE, r + RECORD, 0);
        if (shared) {
            Arrays.fill(preTrace, 0);
            Arrays.fill(preTime, 0);
            Arrays.fill(postTrace, 0);
            Arrays.fill(postTime, 0);
        }
    }

    /**
     * A spike of source {@code source} arrives at time {@code now}: for each of its synapses, the current,
     * then depression by A- x_post, then the pre trace jumps. Returns the number of synapses.
     */
    int deliverAndDepress(int source, double[] current, double now) {
        if (shared) return deliverAndDepressShared(source, current, now);
        int[] target = p.target;
        double[] w = p.weight;
        double[] st = rec;
        int begin = p.rowStart[source], end = p.rowStart[source + 1];
        for (int s = begin; s < end; s++) {
            current[target[s]] += w[s];
            int r = s * RECORD;
            double post = st[r + X_POST];
            if (post != 0) {
                double dw = st[r + A_MINUS] * post * Decay.exp(-(now - st[r + T_POST]) * st[r + INV_TAU_MINUS]);
                if (soft) dw *= w[s] / wMax;
                w[s] = Math.max(0, w[s] - dw);
            }
            double pre = st[r + X_PRE];
            st[r + X_PRE] = (pre == 0 ? 0 : pre * Decay.exp(-(now - st[r + T_PRE]) * st[r + INV_TAU_PLUS])) + 1;
            st[r + T_PRE] = now;
        }
        return end - begin;
    }

    /** Neuron {@code neuron} (absolute id) spiked at {@code now}: potentiation by A+ x_pre, then the post trace jumps. */
    void potentiate(int neuron, double now) {
        if (shared) {
            potentiateShared(neuron, now);
            return;
        }
        double[] w = p.weight;
        double[] st = rec;
        int post = neuron - targetOffset;
        for (int k = incomingStart[post], end = incomingStart[post + 1]; k < end; k++) {
            int s = incomingSynapse[k];
            int r = s * RECORD;
            double pre = st[r + X_PRE];
            if (pre != 0) {
                double dw = st[r + A_PLUS] * pre * Decay.exp(-(now - st[r + T_PRE]) * st[r + INV_TAU_PLUS]);
                if (soft) dw *= 1 - w[s] / wMax;
                w[s] = Math.min(wMax, w[s] + dw);
            }
            double x = st[r + X_POST];
            st[r + X_POST] = (x == 0 ? 0 : x * Decay.exp(-(now - st[r + T_POST]) * st[r + INV_TAU_MINUS])) + 1;
            st[r + T_POST] = now;
        }
    }

    private int deliverAndDepressShared(int source, double[] current, double now) {
        int[] target = p.target;
        double[] w = p.weight;
        int begin = p.rowStart[source], end = p.rowStart[source + 1];
        for (int s = begin; s < end; s++) {
            int t = target[s];
            current[t] += w[s];
            double post = postTrace[t - targetOffset];
            if (post != 0) {
                double dw = aMinus[s] * post * Decay.exp(-(now - postTime[t - targetOffset]) * invTauMinus);
                if (soft) dw *= w[s] / wMax;
                w[s] = Math.max(0, w[s] - dw);
            }
        }
        double pre = preTrace[source];
        preTrace[source] = (pre == 0 ? 0 : pre * Decay.exp(-(now - preTime[source]) * invTauPlus)) + 1;
        preTime[source] = now;
        return end - begin;
    }

    private void potentiateShared(int neuron, double now) {
        double[] w = p.weight;
        int post = neuron - targetOffset;
        for (int k = incomingStart[post], end = incomingStart[post + 1]; k < end; k++) {
            int j = incomingSource[k];
            double pre = preTrace[j];
            if (pre == 0) continue;
            int s = incomingSynapse[k];
            double dw = aPlus[s] * pre * Decay.exp(-(now - preTime[j]) * invTauPlus);
            if (soft) dw *= 1 - w[s] / wMax;
            w[s] = Math.min(wMax, w[s] + dw);
        }
        double x = postTrace[post];
        postTrace[post] = (x == 0 ? 0 : x * Decay.exp(-(now - postTime[post]) * invTauMinus)) + 1;
        postTime[post] = now;
    }

    /** {A+, A-, tau+, tau-} of synapse {@code s}. */
    double[] parameters(int s) {
        int r = s * RECORD;
        return new double[] {rec[r + A_PLUS], rec[r + A_MINUS], 1 / rec[r + INV_TAU_PLUS], 1 / rec[r + INV_TAU_MINUS]};
    }
}
