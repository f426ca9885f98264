package org.hrsnn.task;

import org.apache.commons.rng.UniformRandomProvider;

/**
 * One-dimensional prediction problems: an input series u and a target series y of the same length, where
 * y[t] is to be predicted from u[0..t].
 *
 * @param name  task name
 * @param u     input, one value per step
 * @param y     target, one value per step
 */
public record Series(String name, double[] u, double[] y) {
    public Series {
        if (u.length != y.length) throw new IllegalArgumentException("input and target lengths differ");
        for (int t = 0; t < u.length; t++)
            if (!Double.isFinite(u[t]) || !Double.isFinite(y[t]))
                throw new IllegalArgumentException(name + ": non-finite value at step " + t + " (input " + u[t] + ", target " + y[t] + ")");
    }

    /** |y| beyond this means a NARMA-10 series has run away (stable ones stay below 1.3). */
    static final double NARMA_ESCAPE = 10;

    /**
     * NARMA-10: y(t+1) = 0.3 y(t) + 0.05 y(t) sum_{i=0..9} y(t-i) + 1.5 u(t-9) u(t) + 0.1 with u i.i.d.
     * uniform in [0, 0.5]; the target at step t is y(t+1).
     *
     * <p>The recursion is not stable for every input: of seeds 1-5,000 at 3,000 steps, 57 (1.1%) ran away
     * to 1e187-1e290 and then to infinity, while the largest |y| of the other 4,943 was 1.26. A series that
     * leaves [-{@link #NARMA_ESCAPE}, {@link #NARMA_ESCAPE}] is drawn again from the same generator, so every
     * seed has a bounded series and a stable seed's series is unchanged.
     */
    public static Series narma10(int length, UniformRandomProvider rng) {
        int n = length + 10;
        double[] u = new double[n], y = new double[n + 1];
        boolean escaped;
        do {
            escaped = false;
            for (int t = 0; t < n; t++) u[t] = 0.5 * rng.nextDouble();
            for (int t = 9; t < n && !escaped; t++) {
                double sum = 0;
                for (int i = 0; i < 10; i++) sum += y[t - i];
                y[t + 1] = 0.3 * y[t] + 0.05 * y[t] * sum + 1.5 * u[t - 9] * u[t] + 0.1;
                escaped = !(Math.abs(y[t + 1]) <= NARMA_ESCAPE);
            }
        } while (escaped);
        double[] in = new double[length], target = new double[length];
        for (int t = 0; t < length; t++) {
            in[t] = u[t + 10];
            target[t] = y[t + 11];
        }
        return new Series("narma10", in, target);
    }

    /**
     * Mackey-Glass with tau = 17 (dx/dt = 0.2 x(t-17) / (1 + x(t-17)^10) - 0.1 x), integrated by RK4 with
     * step 0.1 (delayed values linearly interpolated), sampled once per time unit after a transient of 500;
     * the target is the next sample ({@code horizon} samples ahead).
     */
    public static Series mackeyGlass(int length, int horizon, UniformRandomProvider rng) {
        double h = 0.1;
        int delay = 170, perSample = 10, transient_ = 500 * perSample;
        int total = transient_ + (length + horizon) * perSample + 1;
        double[] x = new double[total + delay];
        for (int i = 0; i <= delay; i++) x[i] = 1.2 + 0.1 * (rng.nextDouble() - 0.5);
        for (int i = delay; i < total + delay - 1; i++) {
            double tauNow = x[i - delay], tauNext = x[i - delay + 1], tauMid = 0.5 * (tauNow + tauNext);
            double k1 = mg(x[i], tauNow);
            double k2 = mg(x[i] + h / 2 * k1, tauMid);
            double k3 = mg(x[i] + h / 2 * k2, tauMid);
            double k4 = mg(x[i] + h * k3, tauNext);
            x[i + 1] = x[i] + h / 6 * (k1 + 2 * k2 + 2 * k3 + k4);
        }
        double[] s = new double[length + horizon];
        for (int k = 0; k < s.length; k++) s[k] = x[delay + transient_ + k * perSample];
        return ahead("mackey-glass", s, length, horizon);
    }

    private static double mg(double x, double xTau) {
        return 0.2 * xTau / (1 + Math.pow(xTau, 10)) - 0.1 * x;
    }

    /** Lorenz-63 (sigma 10, rho 28, beta 8/3), RK4 with step 0.01, x sampled every 0.05 after a transient of 50. */
    public static Series lorenz(int length, int horizon, UniformRandomProvider rng) {
        double h = 0.01;
        double[] v = {1 + rng.nextDouble(), 1 + rng.nextDouble(), 20 + rng.nextDouble()};
        for (int i = 0; i < 5000; i++) v = rk4Lorenz(v, h);
        double[] s = new double[length + horizon];
        for (int k = 0; k < s.length; k++) {
            s[k] = v[0];
            for (int i = 0; i < 5; i++) v = rk4Lorenz(v, h);
        }
        return ahead("lorenz", s, length, horizon);
    }

    private static double[] lorenzField(double[] v) {
        return new double[] {10 * (v[1] - v[0]), v[0] * (28 - v[2]) - v[1], v[0] * v[1] - 8.0 / 3 * v[2]};
    }

    private static double[] rk4Lorenz(double[] v, double h) {
        double[] k1 = lorenzField(v);
        double[] k2 = lorenzField(add(v, k1, h / 2));
        double[] k3 = lorenzField(add(v, k2, h / 2));
        double[] k4 = lorenzField(add(v, k3, h));
        double[] out = new double[3];
        for (int i = 0; i < 3; i++) out[i] = v[i] + h / 6 * (k1[i] + 2 * k2[i] + 2 * k3[i] + k4[i]);
        return out;
    }

    private static double[] add(double[] v, double[] d, double f) {
        return new double[] {v[0] + f * d[0], v[1] + f * d[1], v[2] + f * d[2]};
    }

    /** Input s[t], target s[t + horizon]. */
    public static Series ahead(String name, double[] s, int length, int horizon) {
        if (horizon < 1) throw new IllegalArgumentException("horizon must be >= 1");
        int n = Math.min(length, s.length - horizon);
        double[] u = new double[n], y = new double[n];
        for (int t = 0; t < n; t++) {
            u[t] = s[t];
            y[t] = s[t + horizon];
        }
        return new Series(name, u, y);
    }
}
