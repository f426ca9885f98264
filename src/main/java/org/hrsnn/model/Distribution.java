package org.hrsnn.model;

import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.sampling.distribution.AhrensDieterMarsagliaTsangGammaSampler;
import org.apache.commons.rng.sampling.distribution.ZigguratSampler;

/**
 * A distribution from which one value per neuron or per synapse is drawn. The homogeneous network is the
 * degenerate case: {@link Constant}. Parameterised by mean (and shape or CV) rather than by scale, because
 * the optimiser searches means and spreads independently.
 */
public sealed interface Distribution
        permits Distribution.Constant, Distribution.Gamma, Distribution.LogNormal, Distribution.Uniform {

    double mean();

    double variance();

    /** The infimum of the support. */
    double lowerBound();

    /** Whether {@link #lowerBound()} itself can be drawn (true for Constant and Uniform). */
    boolean attainsLowerBound();

    /** Draws {@code n} values. Uses only {@code rng}, so the same generator state gives the same values. */
    double[] sample(UniformRandomProvider rng, int n);

    static Constant constant(double value) {
        return new Constant(value);
    }

    static Gamma gamma(double mean, double shape) {
        return new Gamma(mean, shape);
    }

    static LogNormal logNormal(double mean, double cv) {
        return new LogNormal(mean, cv);
    }

    static Uniform uniform(double low, double high) {
        return new Uniform(low, high);
    }

    /** Every draw equals {@code value}. */
    record Constant(double value) implements Distribution {
        public Constant {
            Check.finite("value", value);
        }

        public double mean() { return value; }
        public double variance() { return 0; }
        public double lowerBound() { return value; }
        public boolean attainsLowerBound() { return true; }

        public double[] sample(UniformRandomProvider rng, int n) {
            double[] x = new double[n];
            java.util.Arrays.fill(x, value);
            return x;
        }
    }

    /** Gamma with the given mean and shape k: variance mean^2 / k. Large k tends to the constant. */
    record Gamma(double mean, double shape) implements Distribution {
        public Gamma {
            Check.positive("mean", mean);
            Check.positive("shape", shape);
        }

        public double variance() { return mean * mean / shape; }
        public double lowerBound() { return 0; }
        public boolean attainsLowerBound() { return false; }

        public double[] sample(UniformRandomProvider rng, int n) {
            var sampler = AhrensDieterMarsagliaTsangGammaSampler.of(rng, shape, mean / shape);
            double[] x = new double[n];
            for (int i = 0; i < n; i++) x[i] = sampler.sample();
            return x;
        }
    }

    /** Log-normal with the given mean and coefficient of variation (standard deviation / mean). */
    record LogNormal(double mean, double cv) implements Distribution {
        public LogNormal {
            Check.positive("mean", mean);
            Check.positive("cv", cv);
        }

        public double variance() { return mean * mean * cv * cv; }
        public double lowerBound() { return 0; }
        public boolean attainsLowerBound() { return false; }

        /** sigma^2 of the underlying normal. */
        double logVariance() {
            return Math.log1p(cv * cv);
        }

        public double[] sample(UniformRandomProvider rng, int n) {
            double s2 = logVariance();
            double mu = Math.log(mean) - s2 / 2;
            double sigma = Math.sqrt(s2);
            var normal = ZigguratSampler.NormalizedGaussian.of(rng);
            double[] x = new double[n];
            for (int i = 0; i < n; i++) x[i] = Math.exp(mu + sigma * normal.sample());
            return x;
        }
    }

    /** Uniform on [low, high]. */
    record Uniform(double low, double high) implements Distribution {
        public Uniform {
            Check.finite("low", low);
            Check.finite("high", high);
            if (!(high >= low)) throw new InvalidSpecException("high", "must be >= low (" + low + "), got " + high);
        }

        public double mean() { return (low + high) / 2; }
        public double variance() { return (high - low) * (high - low) / 12; }
        public double lowerBound() { return low; }
        public boolean attainsLowerBound() { return true; }

        public double[] sample(UniformRandomProvider rng, int n) {
            double[] x = new double[n];
            for (int i = 0; i < n; i++) x[i] = low + (high - low) * rng.nextDouble();
            return x;
        }
    }
}
