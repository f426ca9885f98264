package org.hrsnn.sim;

/**
 * Stops a run whose activity has run away: after every simulated second, the mean rate since the run began
 * (spikes per neuron per second) is compared with a ceiling, and a rate above it throws {@link Exceeded}.
 * The check depends only on the simulation, so a stopped run is stopped at the same step on every machine.
 */
public final class RateCeiling implements Monitor {
    private final double maxRate;
    private int checkSteps;
    private int neurons;
    private double dt;
    private long spikes;
    private int steps;

    /** Thrown by {@link #afterStep} when the running mean rate exceeds the ceiling. */
    public static final class Exceeded extends RuntimeException {
        private final double rate;
        private final double seconds;

        Exceeded(double rate, double seconds, double maxRate) {
            super(String.format("mean rate %.1f Hz over the first %.3g s, above the ceiling of %s Hz", rate, seconds, hz(maxRate)));
            this.rate = rate;
            this.seconds = seconds;
        }

        /** Mean rate of all neurons from the start of the run to the check that stopped it, Hz. */
        public double rate() {
            return rate;
        }

        /** Simulated time from the start of the run to that check, s. */
        public double seconds() {
            return seconds;
        }
    }

    /** A rate as a person writes it: 100, 0.5. */
    public static String hz(double rate) {
        return rate == Math.rint(rate) && Math.abs(rate) < 1e15 ? String.format("%.0f", rate) : String.valueOf(rate);
    }

    /** @param maxRate the ceiling in Hz (positive; +Infinity never stops a run) */
    public RateCeiling(double maxRate) {
        if (!(maxRate > 0)) throw new IllegalArgumentException("the rate ceiling must be > 0 Hz, got " + maxRate);
        this.maxRate = maxRate;
    }

    @Override
    public void begin(NetworkView net, int runSteps) {
        neurons = net.size();
        dt = net.dt();
        checkSteps = Math.max(1, (int) Math.round(1000 / dt));
        spikes = 0;
        steps = 0;
    }

    @Override
    public void afterStep(NetworkView net, int step) {
        spikes += net.spikeCount();
        if (++steps % checkSteps != 0) return;
        double seconds = steps * dt / 1000, rate = spikes / (neurons * seconds);
        if (rate > maxRate) throw new Exceeded(rate, seconds, maxRate);
    }
}
