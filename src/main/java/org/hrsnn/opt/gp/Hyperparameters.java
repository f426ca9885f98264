package org.hrsnn.opt.gp;

/**
 * GP hyper-parameters in the space the fit works in: theta = (log l_1 .. log l_D, log sigma_f^2,
 * log sigma_n^2). Outputs are standardised, so sigma_f^2 is near 1 and sigma_n^2 is a fraction of the
 * output variance.
 */
public record Hyperparameters(double[] lengthscales, double signalVariance, double noiseVariance) {
    public Hyperparameters {
        lengthscales = lengthscales.clone();
        for (double l : lengthscales) if (!(l > 0)) throw new IllegalArgumentException("length scales must be > 0");
        if (!(signalVariance > 0) || !(noiseVariance >= 0)) throw new IllegalArgumentException("variances must be positive");
    }

    public static Hyperparameters fromTheta(double[] theta) {
        int d = theta.length - 2;
        double[] l = new double[d];
        for (int k = 0; k < d; k++) l[k] = Math.exp(theta[k]);
        return new Hyperparameters(l, Math.exp(theta[d]), Math.exp(theta[d + 1]));
    }

    public double[] theta() {
        int d = lengthscales.length;
        double[] t = new double[d + 2];
        for (int k = 0; k < d; k++) t[k] = Math.log(lengthscales[k]);
        t[d] = Math.log(signalVariance);
        t[d + 1] = Math.log(noiseVariance);
        return t;
    }

    @Override
    public double[] lengthscales() {
        return lengthscales.clone();
    }
}
