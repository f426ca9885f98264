package org.hrsnn.score;

import org.hrsnn.sim.StateKind;

import java.util.List;

/**
 * The settings of the memory stage, recorded with every study and exported design so a score can be
 * reproduced. Defaults are justified in docs/scoring.md.
 *
 * @param trainingInputs i.i.d. inputs presented with STDP on before measuring (0: no training run)
 * @param washout        first evaluation inputs discarded
 * @param inputs         evaluation inputs
 * @param trainFraction  share of the usable inputs the readouts are fitted on; the rest are held out
 * @param delays         K: MC sums r_k^2 over delays k = 1..K
 * @param holdMs         how long each input value is held, ms: one readout state per hold window
 * @param states         the state kinds read at each window (see {@link StateKind}), concatenated
 * @param mcFloor        an MC below this fails the candidate (no E is made for it)
 * @param minRate        a mean rate below this (Hz) fails the candidate as near-silent: with voltage states its
 *                       memory would be held below threshold, where no reader of its spikes sees it, and
 *                       E = S / MC would reward silence itself
 * @param maxRate        the activity ceiling, Hz: a running mean rate above it, checked after every simulated
 *                       second of the memory stage's runs, stops the evaluation there and fails the candidate as
 *                       runaway ({@code +Infinity}: no ceiling, as in protocols recorded before it existed). Such a
 *                       network costs up to a hundred times a typical trial's simulation and is useless as a
 *                       reservoir (docs/scoring.md measures both)
 */
public record MemoryProtocol(int trainingInputs, int washout, int inputs, double trainFraction, int delays,
                             double holdMs, List<StateKind> states, double mcFloor, double minRate, double maxRate) {

    public static final MemoryProtocol DEFAULT = new MemoryProtocol(1000, 100, 4000, 0.65, 60, 10,
            List.of(StateKind.VOLTAGE), 0.1, 1.0, 100);

    /** A protocol without an activity ceiling. */
    public MemoryProtocol(int trainingInputs, int washout, int inputs, double trainFraction, int delays,
                          double holdMs, List<StateKind> states, double mcFloor, double minRate) {
        this(trainingInputs, washout, inputs, trainFraction, delays, holdMs, states, mcFloor, minRate, Double.POSITIVE_INFINITY);
    }

    /** A protocol without an activity floor or ceiling. */
    public MemoryProtocol(int trainingInputs, int washout, int inputs, double trainFraction, int delays,
                          double holdMs, List<StateKind> states, double mcFloor) {
        this(trainingInputs, washout, inputs, trainFraction, delays, holdMs, states, mcFloor, 0);
    }

    public MemoryProtocol {
        if (trainingInputs < 0) throw new IllegalArgumentException("trainingInputs must be >= 0, got " + trainingInputs);
        if (washout < 0) throw new IllegalArgumentException("washout must be >= 0, got " + washout);
        if (delays < 1) throw new IllegalArgumentException("delays must be >= 1, got " + delays);
        if (!(trainFraction > 0 && trainFraction < 1)) throw new IllegalArgumentException("trainFraction must be in (0, 1), got " + trainFraction);
        int usable = inputs - washout - delays;
        if (usable < 20 || (int) (usable * trainFraction) < 10 || usable - (int) (usable * trainFraction) < 10)
            throw new IllegalArgumentException("inputs (" + inputs + ") must leave at least 10 training and 10 held-out inputs after the washout ("
                    + washout + ") and the " + delays + " delays");
        if (!(holdMs > 0) || !Double.isFinite(holdMs)) throw new IllegalArgumentException("holdMs must be > 0, got " + holdMs);
        if (states == null || states.isEmpty()) throw new IllegalArgumentException("states must name at least one state kind");
        states = List.copyOf(states);
        if (!(mcFloor >= 0) || !Double.isFinite(mcFloor)) throw new IllegalArgumentException("mcFloor must be >= 0, got " + mcFloor);
        if (!(minRate >= 0) || !Double.isFinite(minRate)) throw new IllegalArgumentException("minRate must be >= 0, got " + minRate);
        if (!(maxRate > minRate)) throw new IllegalArgumentException("maxRate must be above minRate (" + minRate + " Hz), got " + maxRate);
    }

    public MemoryProtocol withStates(List<StateKind> kinds) {
        return new MemoryProtocol(trainingInputs, washout, inputs, trainFraction, delays, holdMs, kinds, mcFloor, minRate, maxRate);
    }

    public MemoryProtocol withHoldMs(double ms) {
        return new MemoryProtocol(trainingInputs, washout, inputs, trainFraction, delays, ms, states, mcFloor, minRate, maxRate);
    }

    /** Whether a ceiling is set. */
    public boolean hasCeiling() {
        return maxRate != Double.POSITIVE_INFINITY;
    }
}
