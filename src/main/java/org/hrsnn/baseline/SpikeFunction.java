package org.hrsnn.baseline;

/**
 * The spike nonlinearity s = f(x), x = u - theta, and the derivative used for it in backpropagation. The
 * SRNN uses the Heaviside step with the multi-Gaussian surrogate of Yin, Corradi and Bohte (2021); a smooth
 * function whose derivative is its true derivative lets a test check the whole gradient against finite
 * differences.
 */
public interface SpikeFunction {
    double value(double x);

    double derivative(double x);

    /** Whether values are 0 or 1 (spikes), so that rates and synaptic operations can be counted. */
    boolean binary();

    /**
     * H(x) = 1 for x > 0, else 0; dH/dx replaced by gamma [(1+h) N(x; 0, sigma) - h N(x; sigma, 6 sigma)
     * - h N(x; -sigma, 6 sigma)] with N the normal density.
     */
    record MultiGaussian(double sigma, double h, double gamma) implements SpikeFunction {
        /** The published settings: sigma 0.5, h 0.15, gamma 0.5. */
        public static final MultiGaussian PUBLISHED = new MultiGaussian(0.5, 0.15, 0.5);

        @Override
        public double value(double x) {
            return x > 0 ? 1 : 0;
        }

        @Override
        public double derivative(double x) {
            return gamma * ((1 + h) * normal(x, 0, sigma) - h * normal(x, sigma, 6 * sigma) - h * normal(x, -sigma, 6 * sigma));
        }

        @Override
        public boolean binary() {
            return true;
        }

        static double normal(double x, double mu, double s) {
            double z = (x - mu) / s;
            return Math.exp(-0.5 * z * z) / (s * Math.sqrt(2 * Math.PI));
        }
    }

    /** The logistic function of slope k: a smooth stand-in for H, with its exact derivative. */
    record Logistic(double k) implements SpikeFunction {
        @Override
        public double value(double x) {
            return 1 / (1 + Math.exp(-k * x));
        }

        @Override
        public double derivative(double x) {
            double s = value(x);
            return k * s * (1 - s);
        }

        @Override
        public boolean binary() {
            return false;
        }
    }
}
