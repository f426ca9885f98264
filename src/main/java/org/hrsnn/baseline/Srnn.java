package org.hrsnn.baseline;

import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.sampling.distribution.ZigguratSampler;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.ejml.dense.row.factory.DecompositionFactory_DDRM;
import org.ejml.interfaces.decomposition.QRDecomposition;
import org.hrsnn.random.Seeds;

/**
 * The adaptive spiking recurrent network and its backpropagation through time. Per neuron j of a layer,
 * one step (dt = 1, R_m = 1; time constants in steps):
 * <pre>
 * alpha = exp(-1/tau_m), rho = exp(-1/tau_adp)
 * b_t     = rho b_{t-1} + (1 - rho) s_{t-1}
 * theta_t = b0 + beta b_t
 * I_t     = W_in x_t + W_rec s_{t-1} + bias
 * u_t     = alpha u_{t-1} + (1 - alpha) I_t - theta_t s_{t-1}
 * s_t     = H(u_t - theta_t)
 * o_t     = alpha_o o_{t-1} + (1 - alpha_o) (W_out s_t + b_out)     (readout, on the last layer)
 * </pre>
 * with u_{-1} uniform in (0, b0), s_{-1} = b_{-1} = o_{-1} = 0, and x_t of layer l > 0 the spikes s_t of
 * layer l - 1. The gradient is exact for the network in which dH/dx is the spike function's derivative
 * (the surrogate), through every path: recurrence, soft reset, adaptive threshold and time constants.
 * <p>
 * Parameters are one array per tensor, in the order of {@link #tensorNames()}; matrices are row-major with
 * one row per receiving unit. The whole-sequence products (input projection, weight gradients, the gradient
 * passed down a layer, the readout) are EJML matrix products; only what must run step by step is written
 * here (see {@link #forward}).
 */
public final class Srnn {
    /** Time constants are kept at or above this many steps (below it alpha and rho fall under e^-2). */
    public static final double TAU_MIN = 0.5;

    private final SrnnSpec spec;
    private final double[][] p;

    /** A network of {@code spec} with the given parameters (copied), in the order of {@link #tensorNames()}. */
    public Srnn(SrnnSpec spec, double[][] parameters) {
        this.spec = spec;
        if (parameters.length != tensorCount(spec)) throw new IllegalArgumentException("expected " + tensorCount(spec) + " tensors");
        this.p = new double[parameters.length][];
        for (int i = 0; i < parameters.length; i++) {
            if (parameters[i].length != tensorSize(spec, i)) throw new IllegalArgumentException("tensor " + i + " has the wrong size");
            p[i] = parameters[i].clone();
        }
    }

    /**
     * The published initialisation from {@code seed}: input and readout weights Xavier-uniform, recurrent
     * weights orthogonal, biases 0, tau_m (and the readout's) N(20, 5), tau_adp N(150, 10), in steps.
     */
    public static Srnn initialise(SrnnSpec spec, long seed) {
        UniformRandomProvider rng = Seeds.rng(seed, "baseline.srnn.init");
        ZigguratSampler.NormalizedGaussian normal = ZigguratSampler.NormalizedGaussian.of(rng);
        int h = spec.hidden();
        double[][] p = new double[tensorCount(spec)][];
        for (int i = 0; i < p.length; i++) p[i] = new double[tensorSize(spec, i)];
        for (int l = 0; l < spec.layers(); l++) {
            xavier(p[5 * l], h, spec.layerInputs(l), rng);
            orthogonal(p[5 * l + 1], h, normal);
            for (int j = 0; j < h; j++) {
                p[5 * l + 3][j] = Math.max(TAU_MIN, 20 + 5 * normal.sample());
                p[5 * l + 4][j] = Math.max(TAU_MIN, 150 + 10 * normal.sample());
            }
        }
        int r = 5 * spec.layers();
        xavier(p[r], spec.outputs(), h, rng);
        for (int k = 0; k < spec.outputs(); k++) p[r + 2][k] = Math.max(TAU_MIN, 20 + 5 * normal.sample());
        return new Srnn(spec, p);
    }

    private static void xavier(double[] w, int rows, int cols, UniformRandomProvider rng) {
        double a = Math.sqrt(6.0 / (rows + cols));
        for (int i = 0; i < w.length; i++) w[i] = a * (2 * rng.nextDouble() - 1);
    }

    /** Q of the QR decomposition of a Gaussian matrix, signs fixed by diag(R): a uniformly random orthogonal matrix. */
    private static void orthogonal(double[] w, int n, ZigguratSampler.NormalizedGaussian normal) {
        DMatrixRMaj g = new DMatrixRMaj(n, n);
        for (int i = 0; i < n * n; i++) g.data[i] = normal.sample();
        QRDecomposition<DMatrixRMaj> qr = DecompositionFactory_DDRM.qr(n, n);
        if (!qr.decompose(g.copy())) throw new IllegalStateException("QR decomposition failed");
        DMatrixRMaj q = qr.getQ(null, false), r = qr.getR(null, false);
        for (int i = 0; i < n; i++)
            for (int j = 0; j < n; j++) w[i * n + j] = q.get(i, j) * (r.get(j, j) < 0 ? -1 : 1);
    }

    public SrnnSpec spec() {
        return spec;
    }

    /** The parameters themselves (not a copy): the trainer updates them in place. */
    double[][] parameters() {
        return p;
    }

    /** A copy of the parameters. */
    public double[][] parametersCopy() {
        double[][] c = new double[p.length][];
        for (int i = 0; i < p.length; i++) c[i] = p[i].clone();
        return c;
    }

    static int tensorCount(SrnnSpec s) {
        return 5 * s.layers() + 3;
    }

    static int tensorSize(SrnnSpec s, int i) {
        int h = s.hidden(), l = i / 5;
        if (l < s.layers()) return switch (i % 5) {
            case 0 -> h * s.layerInputs(l);
            case 1 -> h * h;
            default -> h;
        };
        return i == 5 * s.layers() ? s.outputs() * h : s.outputs();
    }

    /** Names of the tensors, for messages: W_in.0, W_rec.0, bias.0, tau_m.0, tau_adp.0, ..., W_out, b_out, tau_out. */
    public String[] tensorNames() {
        String[] n = new String[tensorCount(spec)];
        for (int l = 0; l < spec.layers(); l++) {
            String[] k = {"W_in", "W_rec", "bias", "tau_m", "tau_adp"};
            for (int i = 0; i < 5; i++) n[5 * l + i] = k[i] + "." + l;
        }
        n[5 * spec.layers()] = "W_out";
        n[5 * spec.layers() + 1] = "b_out";
        n[5 * spec.layers() + 2] = "tau_out";
        return n;
    }

    /** Keeps every time constant at or above {@link #TAU_MIN} (after an optimiser step). */
    void clampTimeConstants() {
        for (int l = 0; l < spec.layers(); l++) {
            clamp(p[5 * l + 3]);
            clamp(p[5 * l + 4]);
        }
        clamp(p[5 * spec.layers() + 2]);
    }

    private static void clamp(double[] tau) {
        for (int j = 0; j < tau.length; j++) if (!(tau[j] >= TAU_MIN)) tau[j] = TAU_MIN;
    }

    /** Everything the backward pass needs of one sequence, per layer row-major [t * width + j]. */
    public static final class Trace {
        final int steps;
        final double[][] x, current, u, s, b, theta, u0;
        final double[] q, o;
        /** Spikes (sums of s) per layer. */
        final double[] spikes;

        Trace(int steps, int layers) {
            this.steps = steps;
            x = new double[layers][];
            current = new double[layers][];
            u = new double[layers][];
            s = new double[layers][];
            b = new double[layers][];
            theta = new double[layers][];
            u0 = new double[layers][];
            spikes = new double[layers];
            q = null;
            o = null;
        }

        private Trace(Trace t, double[] q, double[] o) {
            steps = t.steps;
            x = t.x;
            current = t.current;
            u = t.u;
            s = t.s;
            b = t.b;
            theta = t.theta;
            u0 = t.u0;
            spikes = t.spikes;
            this.q = q;
            this.o = o;
        }

        public int steps() {
            return steps;
        }

        /** The readout o_t, row-major [t * outputs + k] (a copy). */
        public double[] output() {
            return o.clone();
        }

        /** s_t of layer l, row-major [t * hidden + j] (a copy). */
        public double[] spikes(int layer) {
            return s[layer].clone();
        }

        /** u_t of layer l, row-major (a copy). */
        public double[] membrane(int layer) {
            return u[layer].clone();
        }

        /** theta_t of layer l, row-major (a copy). */
        public double[] threshold(int layer) {
            return theta[layer].clone();
        }

        /** Sum of s over the sequence and the neurons of layer l (the spike count when s is binary). */
        public double spikeCount(int layer) {
            return spikes[layer];
        }
    }

    /**
     * Runs one sequence {@code x} (steps x inputs, row-major) from u_{-1} drawn uniform in (0, b0) from
     * {@code u0Seed}.
     */
    public Trace forward(double[] x, int steps, long u0Seed) {
        if (x.length != steps * spec.inputs()) throw new IllegalArgumentException("x has " + x.length + " values, expected " + steps * spec.inputs());
        UniformRandomProvider rng = Seeds.rng(u0Seed);
        double[][] u0 = new double[spec.layers()][spec.hidden()];
        for (double[] row : u0) for (int j = 0; j < row.length; j++) row[j] = spec.b0() * rng.nextDouble();
        return forward(x, steps, u0);
    }

    /** Runs one sequence from the given u_{-1} of each layer ({@code u0[layer][neuron]}). */
    public Trace forward(double[] x, int steps, double[][] u0) {
        if (x.length != steps * spec.inputs()) throw new IllegalArgumentException("x has " + x.length + " values, expected " + steps * spec.inputs());
        int h = spec.hidden(), layers = spec.layers();
        Trace tr = new Trace(steps, layers);
        double[] in = x;
        for (int l = 0; l < layers; l++) {
            layerForward(l, in, steps, u0[l].clone(), tr);
            in = tr.s[l];
        }
        int out = spec.outputs(), r = 5 * layers;
        double[] q = new double[steps * out], o = new double[steps * out];
        CommonOps_DDRM.multTransB(DMatrixRMaj.wrap(steps, h, in), DMatrixRMaj.wrap(out, h, p[r]), DMatrixRMaj.wrap(steps, out, q));
        double[] bOut = p[r + 1], tauOut = p[r + 2];
        for (int k = 0; k < out; k++) {
            double a = Math.exp(-1 / tauOut[k]), prev = 0;
            for (int t = 0; t < steps; t++) {
                q[t * out + k] += bOut[k];
                prev = a * prev + (1 - a) * q[t * out + k];
                o[t * out + k] = prev;
            }
        }
        return new Trace(tr, q, o);
    }

    private void layerForward(int l, double[] x, int steps, double[] u0, Trace tr) {
        int h = spec.hidden(), n = spec.layerInputs(l);
        double[] wRec = p[5 * l + 1], bias = p[5 * l + 2], tauM = p[5 * l + 3], tauA = p[5 * l + 4];
        double[] current = new double[steps * h];
        // The input projection W_in x_t for every t at once (EJML's blocked product).
        CommonOps_DDRM.multTransB(DMatrixRMaj.wrap(steps, n, x), DMatrixRMaj.wrap(h, n, p[5 * l]), DMatrixRMaj.wrap(steps, h, current));
        double[] u = new double[steps * h], s = new double[steps * h], b = new double[steps * h], theta = new double[steps * h];
        double[] alpha = new double[h], rho = new double[h];
        for (int j = 0; j < h; j++) {
            alpha[j] = Math.exp(-1 / tauM[j]);
            rho[j] = Math.exp(-1 / tauA[j]);
        }
        int[] active = new int[h];
        double spikes = 0, b0 = spec.b0(), beta = spec.beta();
        SpikeFunction f = spec.spike();
        for (int t = 0; t < steps; t++) {
            int row = t * h, prev = row - h, nActive = 0;
            if (t > 0) for (int k = 0; k < h; k++) if (s[prev + k] != 0) active[nActive++] = k;
            for (int j = 0; j < h; j++) {
                // W_rec s_{t-1} over the units that spiked only, not EJML's dense product: measured side by side
                // (1,000 random spike vectors x 20, 2026-11-23, loaded machine) at 128 units it takes 0.19-0.34x
                // the time of CommonOps_DDRM.mult with 10% of the units spiking and 0.69-0.76x with 50%; at 64
                // units 0.26-0.49x and 1.0-1.3x.
                double rec = 0;
                int w = j * h;
                for (int a = 0; a < nActive; a++) {
                    int k = active[a];
                    rec += wRec[w + k] * s[prev + k];
                }
                double sPrev = t > 0 ? s[prev + j] : 0, bPrev = t > 0 ? b[prev + j] : 0, uPrev = t > 0 ? u[prev + j] : u0[j];
                double bj = rho[j] * bPrev + (1 - rho[j]) * sPrev;
                double th = b0 + beta * bj;
                double cur = current[row + j] + bias[j] + rec;
                double uj = alpha[j] * uPrev + (1 - alpha[j]) * cur - th * sPrev;
                double sj = f.value(uj - th);
                current[row + j] = cur;
                b[row + j] = bj;
                theta[row + j] = th;
                u[row + j] = uj;
                s[row + j] = sj;
                spikes += sj;
            }
        }
        tr.x[l] = x;
        tr.current[l] = current;
        tr.u[l] = u;
        tr.s[l] = s;
        tr.b[l] = b;
        tr.theta[l] = theta;
        tr.u0[l] = u0;
        tr.spikes[l] = spikes;
    }

    /**
     * The gradient of a loss with respect to every parameter, given dL/do_t ({@code dLdo}, row-major
     * [t * outputs + k]) for the sequence of {@code tr}; tensors in the order of {@link #tensorNames()}.
     */
    public double[][] backward(Trace tr, double[] dLdo) {
        int steps = tr.steps, h = spec.hidden(), out = spec.outputs(), layers = spec.layers(), r = 5 * layers;
        double[][] g = new double[p.length][];
        for (int i = 0; i < p.length; i++) g[i] = new double[p[i].length];
        // Readout: go_t = dL/do_t + alpha_o go_{t+1}; q_t = W_out s_t + b_out enters with (1 - alpha_o).
        double[] gq = new double[steps * out];
        for (int k = 0; k < out; k++) {
            double tau = p[r + 2][k], a = Math.exp(-1 / tau), go = 0, gAlpha = 0;
            for (int t = steps - 1; t >= 0; t--) {
                go = dLdo[t * out + k] + a * go;
                double oPrev = t > 0 ? tr.o[(t - 1) * out + k] : 0;
                gAlpha += go * (oPrev - tr.q[t * out + k]);
                gq[t * out + k] = (1 - a) * go;
                g[r + 1][k] += gq[t * out + k];
            }
            g[r + 2][k] = gAlpha * a / (tau * tau);
        }
        DMatrixRMaj gQ = DMatrixRMaj.wrap(steps, out, gq);
        CommonOps_DDRM.multTransA(gQ, DMatrixRMaj.wrap(steps, h, tr.s[layers - 1]), DMatrixRMaj.wrap(out, h, g[r]));
        double[] gsExt = new double[steps * h];
        CommonOps_DDRM.mult(gQ, DMatrixRMaj.wrap(out, h, p[r]), DMatrixRMaj.wrap(steps, h, gsExt));
        for (int l = layers - 1; l >= 0; l--) gsExt = layerBackward(l, tr, gsExt, g);
        return g;
    }

    /** Backward through layer l given dL/ds_t from above (the readout or the next layer); returns dL/dx_t. */
    private double[] layerBackward(int l, Trace tr, double[] gsExt, double[][] g) {
        int steps = tr.steps, h = spec.hidden(), n = spec.layerInputs(l);
        double[] wRec = p[5 * l + 1], tauM = p[5 * l + 3], tauA = p[5 * l + 4];
        double[] u = tr.u[l], s = tr.s[l], b = tr.b[l], theta = tr.theta[l], cur = tr.current[l], u0 = tr.u0[l];
        double[] gBias = g[5 * l + 2], gAlpha = new double[h], gRho = new double[h];
        double[] alpha = new double[h], rho = new double[h];
        for (int j = 0; j < h; j++) {
            alpha[j] = Math.exp(-1 / tauM[j]);
            rho[j] = Math.exp(-1 / tauA[j]);
        }
        double beta = spec.beta();
        SpikeFunction f = spec.spike();
        double[] gCurrent = new double[steps * h];
        double[] guNext = new double[h], gbNext = new double[h], thetaNext = new double[h];
        DMatrixRMaj wRecM = DMatrixRMaj.wrap(h, h, wRec), gINext = new DMatrixRMaj(h, 1), recBack = new DMatrixRMaj(h, 1);
        for (int t = steps - 1; t >= 0; t--) {
            int row = t * h, prev = row - h;
            boolean last = t == steps - 1;
            // s_t reaches step t+1 through W_rec, the soft reset and the adaptation trace.
            if (!last) CommonOps_DDRM.multTransA(wRecM, gINext, recBack);
            for (int j = 0; j < h; j++) {
                double gs = gsExt[row + j];
                if (!last) gs += recBack.data[j] - thetaNext[j] * guNext[j] + (1 - rho[j]) * gbNext[j];
                double gz = gs * f.derivative(u[row + j] - theta[row + j]);
                double gu = alpha[j] * guNext[j] + gz;
                double sPrev = t > 0 ? s[prev + j] : 0, bPrev = t > 0 ? b[prev + j] : 0, uPrev = t > 0 ? u[prev + j] : u0[j];
                double gTheta = -gz - gu * sPrev;
                double gb = rho[j] * gbNext[j] + beta * gTheta;
                double gI = (1 - alpha[j]) * gu;
                gAlpha[j] += gu * (uPrev - cur[row + j]);
                gRho[j] += gb * (bPrev - sPrev);
                gBias[j] += gI;
                gCurrent[row + j] = gI;
                guNext[j] = gu;
                gbNext[j] = gb;
                thetaNext[j] = theta[row + j];
                gINext.data[j] = gI;
            }
        }
        for (int j = 0; j < h; j++) {
            g[5 * l + 3][j] = gAlpha[j] * alpha[j] / (tauM[j] * tauM[j]);
            g[5 * l + 4][j] = gRho[j] * rho[j] / (tauA[j] * tauA[j]);
        }
        DMatrixRMaj gI = DMatrixRMaj.wrap(steps, h, gCurrent);
        CommonOps_DDRM.multTransA(gI, DMatrixRMaj.wrap(steps, n, tr.x[l]), DMatrixRMaj.wrap(h, n, g[5 * l]));
        // dL/dW_rec = sum_t gI_t s_{t-1}^T: the spikes shifted one step down.
        double[] shifted = new double[steps * h];
        if (steps > 1) System.arraycopy(s, 0, shifted, h, (steps - 1) * h);
        CommonOps_DDRM.multTransA(gI, DMatrixRMaj.wrap(steps, h, shifted), DMatrixRMaj.wrap(h, h, g[5 * l + 1]));
        if (l == 0) return null;
        double[] gx = new double[steps * n];
        CommonOps_DDRM.mult(gI, DMatrixRMaj.wrap(h, n, p[5 * l]), DMatrixRMaj.wrap(steps, n, gx));
        return gx;
    }
}
