package org.hrsnn.baseline;

/**
 * Adam (Kingma and Ba 2015) over a list of parameter arrays, with the usual defaults beta1 = 0.9,
 * beta2 = 0.999, epsilon = 1e-8 and bias correction.
 */
final class Adam {
    private final double[][] m, v;
    private final double beta1 = 0.9, beta2 = 0.999, epsilon = 1e-8;
    private long step;

    Adam(double[][] shape) {
        m = new double[shape.length][];
        v = new double[shape.length][];
        for (int i = 0; i < shape.length; i++) {
            m[i] = new double[shape[i].length];
            v[i] = new double[shape[i].length];
        }
    }

    /** One step of size {@code rate} against {@code gradient}, in place on {@code parameters}. */
    void step(double[][] parameters, double[][] gradient, double rate) {
        step++;
        double c1 = 1 - Math.pow(beta1, step), c2 = 1 - Math.pow(beta2, step);
        for (int i = 0; i < parameters.length; i++) {
            double[] p = parameters[i], g = gradient[i], mi = m[i], vi = v[i];
            for (int k = 0; k < p.length; k++) {
                mi[k] = beta1 * mi[k] + (1 - beta1) * g[k];
                vi[k] = beta2 * vi[k] + (1 - beta2) * g[k] * g[k];
                p[k] -= rate * (mi[k] / c1) / (Math.sqrt(vi[k] / c2) + epsilon);
            }
        }
    }
}
