package org.hrsnn.model;

/** How a multichannel input series reaches the network. */
public sealed interface Encoding permits Encoding.Analog, Encoding.Rate, Encoding.Delta {

    /** Input lines per input channel: delta coding has an up and a down line per channel. */
    int linesPerChannel();

    /**
     * The channel values are injected directly as currents: I_i += sum_c w_ic u_c(t - d_ic). Each input synapse
     * has its own delay d_ic, drawn uniformly from [0, maxDelay] ms and rounded to whole steps (0: no delay,
     * the value of this step): heterogeneous input delays give the network a delay line of its input.
     * With {@code taps} > 1 each channel is carried by that many input lines, each connected to each neuron
     * independently with the pathway's probability and its own delay, so one neuron can sum its input at
     * several lags, and its threshold make a product of them (NARMA's u(t - 9) u(t), which no linear readout
     * of a delay line can form).
     */
    record Analog(double maxDelay, int taps) implements Encoding {
        /** Without input delays. */
        public Analog() {
            this(0);
        }

        /** One line per channel. */
        public Analog(double maxDelay) {
            this(maxDelay, 1);
        }

        public Analog {
            if (!(maxDelay >= 0) || !Double.isFinite(maxDelay)) throw new InvalidSpecException("maxDelay", "must be >= 0 ms and finite, got " + maxDelay);
            if (taps < 1 || taps > MAX_TAPS) throw new InvalidSpecException("taps", "must be from 1 to " + MAX_TAPS + ", got " + taps);
        }

        public static final int MAX_TAPS = 64;

        public int linesPerChannel() { return taps; }
    }

    /**
     * Each channel is a Poisson spike train with rate maxRate * clamp(u, 0, 1), in Hz. Inputs are expected
     * scaled to [0, 1].
     */
    record Rate(double maxRate) implements Encoding {
        public Rate {
            Check.positive("maxRate", maxRate);
        }

        public int linesPerChannel() { return 1; }
    }

    /**
     * Send-on-delta: an "up" spike whenever the signal has risen by {@code threshold} since the last event of
     * the channel, a "down" spike whenever it has fallen by it; at most one event per channel per step.
     */
    record Delta(double threshold) implements Encoding {
        public Delta {
            Check.positive("threshold", threshold);
        }

        public int linesPerChannel() { return 2; }
    }
}
