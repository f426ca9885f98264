package org.hrsnn.sim;

import org.apache.commons.rng.UniformRandomProvider;
import org.hrsnn.model.StdpRule;

import java.util.Arrays;

/**
 * Pair-based STDP on one projection, with per-synapse A+, A-, tau+, tau- and per-synapse traces updated
 * lazily at events. Pre events run when a spike arrives at the synapse (after the delay), post events when
 * the target spikes.
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
    }

    void reset() {
        for (int r = 0; r < rec.length; r += RECORD) Arrays.fill(rec, r + X_PRE, r + RECORD, 0);
    }

    /**
     * A spike of source {@code source} arrives at time {@code now}: for each of its synapses, the current,
     * then depression by A- x_post, then the pre trace jumps. Returns the number of synapses.
     */
    int deliverAndDepress(int source, double[] current, double now) {
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

    /** {A+, A-, tau+, tau-} of synapse {@code s}. */
    double[] parameters(int s) {
        int r = s * RECORD;
        return new double[] {rec[r + A_PLUS], rec[r + A_MINUS], 1 / rec[r + INV_TAU_PLUS], 1 / rec[r + INV_TAU_MINUS]};
    }
}
