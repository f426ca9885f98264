package org.hrsnn.opt.gp;

/**
 * The log marginal likelihood of standardised data and its gradient in theta = (log l, log s2, log n2):
 * d/dtheta_j = 1/2 tr((alpha alpha^T - K^-1) dK/dtheta_j).
 */
final class MarginalLikelihood {
    private MarginalLikelihood() {}

    /** Returns the log marginal likelihood; fills {@code gradient} (length D + 2) when it is not null. */
    static double valueAndGradient(double[][] x, double[] y, double[] theta, double[] gradient) {
        int n = x.length, dim = theta.length - 2;
        Hyperparameters h = Hyperparameters.fromTheta(theta);
        double[] invL2 = Matern52.invL2(h.lengthscales());
        double s2 = h.signalVariance(), noise = h.noiseVariance();
        // The covariance as GaussianProcess.covariance builds it, keeping each pair's correlation and
        // gradient factor for the gradient below: they share sqrt(r2) and one exp, which the gradient
        // pass used to recompute (same expressions on the same inputs, so the same bits).
        double[] k = new double[n * n];
        double[] corr = gradient == null ? null : new double[n * n], factor = gradient == null ? null : new double[n * n];
        for (int i = 0; i < n; i++) {
            k[i * n + i] = s2 + noise;
            for (int j = 0; j < i; j++) {
                double sr = Matern52.SQRT5 * Math.sqrt(Matern52.r2(x[i], x[j], invL2));
                double e = Math.exp(-sr);
                double cor = (1 + sr + sr * sr / 3) * e;
                double v = s2 * cor;
                k[i * n + j] = v;
                k[j * n + i] = v;
                if (corr != null) {
                    corr[i * n + j] = cor;
                    factor[i * n + j] = 5.0 / 3.0 * (1 + sr) * e;
                }
            }
        }
        Cholesky c = Cholesky.of(k, n);
        double[] alpha = c.solve(y);
        double fit = 0;
        for (int i = 0; i < n; i++) fit += y[i] * alpha[i];
        double value = -0.5 * fit - 0.5 * c.logDeterminant() - 0.5 * n * Math.log(2 * Math.PI);
        if (gradient == null) return value;

        double[] kinv = c.inverse();
        java.util.Arrays.fill(gradient, 0);
        double gSignal = 0, gNoise = 0;
        for (int i = 0; i < n; i++) {
            gNoise += alpha[i] * alpha[i] - kinv[i * n + i];
            gSignal += (alpha[i] * alpha[i] - kinv[i * n + i]) * s2;
            for (int j = 0; j < i; j++) {
                double w = 2 * (alpha[i] * alpha[j] - kinv[i * n + j]); // both (i,j) and (j,i)
                gSignal += w * s2 * corr[i * n + j];
                double f = w * s2 * factor[i * n + j];
                double[] xi = x[i], xj = x[j];
                for (int d = 0; d < dim; d++) {
                    double t = xi[d] - xj[d];
                    gradient[d] += f * t * t * invL2[d];
                }
            }
        }
        for (int d = 0; d < dim; d++) gradient[d] *= 0.5;
        gradient[dim] = 0.5 * gSignal;
        gradient[dim + 1] = 0.5 * gNoise * noise; // jitter, if any, is a constant
        return value;
    }
}
