package org.hrsnn.sim;

import org.apache.commons.rng.UniformRandomProvider;
import org.hrsnn.model.Encoding;

/** Turns the channel values of one time step into input-line spikes (rate and delta coding). */
abstract class InputEncoder {
    /** Writes the lines that spike this step into {@code lines}; returns how many. */
    abstract int encode(double[] u, int[] lines);

    /** Forgets any memory of earlier steps (called on network reset). */
    void reset() {}

    static InputEncoder of(Encoding encoding, int channels, double dt, UniformRandomProvider noise) {
        if (encoding instanceof Encoding.Rate r) return new Poisson(r.maxRate(), channels, dt, noise);
        if (encoding instanceof Encoding.Delta d) return new SendOnDelta(d.threshold(), channels);
        return null; // analog: no spikes
    }

    /** Bernoulli approximation of a Poisson process: P(spike in dt) = maxRate * clamp(u, 0, 1) * dt. */
    static final class Poisson extends InputEncoder {
        private final double probabilityPerUnit;
        private final int channels;
        private final UniformRandomProvider rng;

        Poisson(double maxRateHz, int channels, double dtMs, UniformRandomProvider rng) {
            this.probabilityPerUnit = maxRateHz * dtMs / 1000.0;
            this.channels = channels;
            this.rng = rng;
        }

        @Override
        int encode(double[] u, int[] lines) {
            int count = 0;
            for (int c = 0; c < channels; c++) {
                double p = Math.min(1.0, Math.min(1.0, Math.max(0.0, u[c])) * probabilityPerUnit);
                if (p > 0 && rng.nextDouble() < p) lines[count++] = c;
            }
            return count;
        }
    }

    /** Line 2c spikes when channel c rose by the threshold since its last event, line 2c+1 when it fell. */
    static final class SendOnDelta extends InputEncoder {
        private final double threshold;
        private final double[] reference;
        private boolean started;

        SendOnDelta(double threshold, int channels) {
            this.threshold = threshold;
            this.reference = new double[channels];
        }

        @Override
        int encode(double[] u, int[] lines) {
            if (!started) {
                System.arraycopy(u, 0, reference, 0, reference.length);
                started = true;
            }
            int count = 0;
            for (int c = 0; c < reference.length; c++) {
                double d = u[c] - reference[c];
                if (d >= threshold) {
                    lines[count++] = 2 * c;
                    reference[c] += threshold;
                } else if (d <= -threshold) {
                    lines[count++] = 2 * c + 1;
                    reference[c] -= threshold;
                }
            }
            return count;
        }

        @Override
        void reset() {
            started = false;
        }
    }
}
