package org.hrsnn.model;

/**
 * Pair-based, trace-based STDP on excitatory-to-excitatory synapses and, when {@code onInput} is set, on
 * the synapses from spiking input lines (rate or delta coding) to E neurons. Every synapse draws its own A+, A-,
 * tau+ and tau- from the distributions (constants give the homogeneous rule).
 * On a post spike w += A+ x_pre; on a pre spike (at its arrival) w -= A- x_post; traces jump by 1 and decay
 * with tau+ (pre) and tau- (post). Additive bounds clip w to [0, wMax]; multiplicative (soft) bounds scale
 * the change: potentiation by (1 - w/wMax), depression by w/wMax.
 */
public record StdpRule(boolean enabled, Bounds bounds, double wMax,
                       Distribution aPlus, Distribution aMinus, Distribution tauPlus, Distribution tauMinus,
                       boolean onInput) {

    public enum Bounds { ADDITIVE, MULTIPLICATIVE }

    public StdpRule {
        Check.present("bounds", bounds);
        Check.positive("wMax", wMax);
        Check.nonNegativeSupport("aPlus", aPlus);
        Check.nonNegativeSupport("aMinus", aMinus);
        Check.positiveSupport("tauPlus", tauPlus);
        Check.positiveSupport("tauMinus", tauMinus);
    }

    /** The rule on E-to-E synapses only. */
    public StdpRule(boolean enabled, Bounds bounds, double wMax, Distribution aPlus, Distribution aMinus,
                    Distribution tauPlus, Distribution tauMinus) {
        this(enabled, bounds, wMax, aPlus, aMinus, tauPlus, tauMinus, false);
    }

    public static StdpRule off() {
        return new StdpRule(false, Bounds.ADDITIVE, 1, Distribution.constant(0), Distribution.constant(0),
                Distribution.constant(20), Distribution.constant(20));
    }

    public StdpRule withEnabled(boolean on) {
        return new StdpRule(on, bounds, wMax, aPlus, aMinus, tauPlus, tauMinus, onInput);
    }

    public StdpRule withOnInput(boolean input) {
        return new StdpRule(enabled, bounds, wMax, aPlus, aMinus, tauPlus, tauMinus, input);
    }

    /** Same rule with every synapse given the mean parameters. */
    public StdpRule homogeneous() {
        return new StdpRule(enabled, bounds, wMax, Distribution.constant(aPlus.mean()), Distribution.constant(aMinus.mean()),
                Distribution.constant(tauPlus.mean()), Distribution.constant(tauMinus.mean()), onInput);
    }
}
